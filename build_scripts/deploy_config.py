"""Keep deploy/nginx.conf and deploy/Caddyfile's Content-Security-Policy equal to the built site's.

Every page of a build carries one policy in a <meta> (add_content_security_policy.py); a server
should send that policy plus `frame-ancestors 'none'` as a header. The policy holds sha256 hashes
of the theme's inline scripts, so it changes when the theme does: `make test` fails while the
deploy files are out of date, and this script brings them up to date:

    python build_scripts/deploy_config.py [--site site]
"""

import argparse
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from add_content_security_policy import site_policy  # noqa: E402

DEPLOY = ROOT / "deploy"
FILES = (DEPLOY / "nginx.conf", DEPLOY / "Caddyfile")
FRAME = "frame-ancestors 'none'"
HEADER = re.compile(r'(Content-Security-Policy\s+")([^"]*)(")')


def header_policy(site_dir):
    """The header a server should send for site_dir: the pages' policy plus frame-ancestors."""
    return f"{site_policy(site_dir)}; {FRAME}"


def configured_policy(text):
    """The Content-Security-Policy a deploy file sends (raises if it has not exactly one)."""
    found = HEADER.findall(text)
    if len(found) != 1:
        raise ValueError(f"expected one Content-Security-Policy header line, found {len(found)}")
    return found[0][1]


def with_policy(text, policy):
    configured_policy(text)
    return HEADER.sub(lambda match: match.group(1) + policy + match.group(3), text)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", default=str(ROOT / "site"), help="a built site (default site/)")
    args = parser.parse_args(argv)
    policy = header_policy(args.site)
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        updated = with_policy(text, policy)
        if updated != text:
            path.write_text(updated, encoding="utf-8")
            print(f"updated {path.relative_to(ROOT)}")
        else:
            print(f"{path.relative_to(ROOT)} is up to date")


if __name__ == "__main__":
    main()
