"""MkDocs hook: put a Content-Security-Policy and a no-referrer policy into every page.

As <meta> tags, so they hold on any static server (an offline copy, a library's
nginx). Scripts, styles, images, fonts, workers and connections may come only from
the site itself; WebAssembly may be compiled (Pyodide); the few inline scripts the
theme needs are allowed by their sha256 hash, so no other inline script or inline
event handler can run; forms cannot submit anywhere.
"""

import base64
import hashlib
import re

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


def on_post_page(output, page, config, **kwargs):
    return with_policy(output)


def on_post_template(output, template_name, config, **kwargs):
    return with_policy(output) if template_name.endswith(".html") else output
