"""MkDocs hook: put a Content-Security-Policy and a no-referrer policy into every page.

As <meta> tags, so they hold on any static server (an offline copy, a library's
nginx). Scripts, styles, images, fonts, workers and connections may come only from
the site itself; WebAssembly may be compiled (Pyodide); the few inline scripts the
theme needs are allowed by their sha256 hash, so no other inline script or inline
event handler can run; forms cannot submit anywhere.

Every page carries the same policy: each page first gets its own scripts' hashes, then, once the
whole site is built, every page's policy is widened to the hashes of all pages (a few more; pages at
different depths differ only in one inline script's relative path). So one policy holds for the
whole site, and a web server can send it as a header too (deploy/nginx.conf, deploy/Caddyfile:
this policy plus `frame-ancestors 'none'`, which only a header can set). `site_policy(site_dir)`
reads it back from a built site.
"""

import base64
import hashlib
import re
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S)
POLICY = (
    "default-src 'self'; "
    "script-src 'self' 'wasm-unsafe-eval' {hashes}; "
    "style-src 'self'; "
    "img-src 'self' data:; "
    "font-src 'self'; "
    "worker-src 'self' blob:; "
    "connect-src 'self'; "
    "manifest-src 'self'; "
    "object-src 'none'; "
    "frame-src 'none'; "
    "form-action 'none'; "
    "base-uri 'self'"
)


def script_hash(source):
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def with_policy(html):
    hashes = " ".join(sorted({script_hash(body) for body in INLINE_SCRIPT.findall(html)}))
    tags = (
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY.format(hashes=hashes).strip()}">'
        '<meta name="referrer" content="no-referrer">'
    )
    return html.replace('<meta charset="utf-8">', '<meta charset="utf-8">' + tags, 1)


META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
HASH = re.compile(r"'sha256-[A-Za-z0-9+/=]+'")


def widen_to_site(site_dir):
    """Give every HTML page of site_dir the union of all pages' script hashes; returns the policy."""
    pages = sorted(Path(site_dir).rglob("*.html"))
    texts = {path: path.read_text(encoding="utf-8") for path in pages}
    hashes = sorted({h for text in texts.values() for policy in META.findall(text) for h in HASH.findall(policy)})
    policy = POLICY.format(hashes=" ".join(hashes)).strip()
    for path, text in texts.items():
        widened = META.sub(lambda match: f'<meta http-equiv="Content-Security-Policy" content="{policy}">', text)
        if widened != text:
            path.write_text(widened, encoding="utf-8")
    return policy


def site_policy(site_dir):
    """The policy every page of a built site carries (raises if two pages differ)."""
    found = {p for path in Path(site_dir).rglob("*.html") for p in META.findall(path.read_text(encoding="utf-8"))}
    if len(found) != 1:
        raise ValueError(f"{site_dir}: expected one Content-Security-Policy on every page, found {len(found)}")
    return found.pop()


def on_post_build(config, **kwargs):
    widen_to_site(config["site_dir"])


def on_post_page(output, page, config, **kwargs):
    return with_policy(output)


def on_post_template(output, template_name, config, **kwargs):
    return with_policy(output) if template_name.endswith(".html") else output
