"""What the tests, `make bench` and `make audit` share: Chromium, the site served as a host serves it,
and the audit's counters. Standard library only (Playwright is imported by whoever launches).

- CHROMIUM, CHROMIUM_ARGS: Debian's /usr/bin/chromium and the flags it runs with here, driven by
  the Python `playwright` package (no `playwright install`).
- serve_directory(dir): dir served on a free 127.0.0.1 port by build_scripts/serve_site.py (the
  server of `make serve` and of the offline copy: precompressed files, a host's headers).
- audit_record(name, count): a counter for `make audit`, written only when $XSHK_AUDIT_FILE is set.
"""

import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import serve_site  # noqa: E402

ROOT = HERE.parent
SITE = ROOT / "site"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AUDIT_FILE = "XSHK_AUDIT_FILE"  # set by `make audit` (build_scripts/audit.py); unset, nothing is written


def audit_record(name, count=1, **detail):
    """Add `count` to the audit's counter `name` (a JSON line in $XSHK_AUDIT_FILE, when it is set)."""
    path = os.environ.get(AUDIT_FILE)
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps({"name": name, "count": count, **detail}, ensure_ascii=False) + "\n")


def serve_directory(directory, count_bytes=False):
    """Start serve_site.py's server for `directory` on a free 127.0.0.1 port; returns (server, base_url).
    With count_bytes, server.bytes_sent[0] counts every byte it sends (reset it to measure)."""
    return serve_site.start(directory, count_bytes=count_bytes)


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
