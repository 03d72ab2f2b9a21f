"""MkDocs hook: give the site's own static files names that change with their content.

`assets/javascripts/calculator-page.js` becomes `calculator-page.3f2a9c1b.js`, and every
reference in the built HTML, CSS, JS and JSON files follows, so a browser or service
worker cache can never serve old code after an update. A file that names another is
renamed after it, so the name it carries is already final. Material's own files
(already hashed, or its lunr language files) and Pyodide (versioned by its pin) are
left alone.
"""

import hashlib
import re
from pathlib import Path

HASHED = re.compile(r"\.[0-9a-f]{8,}\.")
OWN_ASSETS = ("assets/javascripts", "assets/stylesheets", "assets")
SUFFIXES = {".js", ".css", ".json"}
REWRITE_SUFFIXES = {".html", ".js", ".css", ".json"}


def candidates(site):
    found = []
    for folder in OWN_ASSETS:
        for path in sorted((site / folder).glob("*")):
            if path.is_file() and path.suffix in SUFFIXES and not HASHED.search(path.name):
                found.append(path)
    return found


def rewritable(site):
    skip = ("pyodide/", "assets/javascripts/lunr/")
    return [
        path for path in site.rglob("*")
        if path.is_file() and path.suffix in REWRITE_SUFFIXES
        and not path.relative_to(site).as_posix().startswith(skip)
    ]


def fingerprint(site):
    """Rename the site's own assets to content-hashed names; returns {old name: new name}."""
    site = Path(site)
    pending = candidates(site)
    renamed = {}
    while pending:
        names = {path.name for path in pending}
        # a file naming no other pending file can be hashed now
        ready = [p for p in pending if not any(n in p.read_text(encoding="utf-8") for n in names - {p.name})]
        path = (ready or pending)[0]
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        new_name = f"{path.stem}.{digest}{path.suffix}"
        new_path = path.with_name(new_name)
        path.rename(new_path)
        renamed[path.name] = new_name
        pending.remove(path)
        pattern = re.compile(r"(?<![\w.-])" + re.escape(path.name) + r"(?![\w-])")
        for other in rewritable(site):
            text = other.read_text(encoding="utf-8")
            if path.name in text:
                other.write_text(pattern.sub(new_name, text), encoding="utf-8")
    return renamed


def on_post_build(config, **kwargs):
    fingerprint(config["site_dir"])
