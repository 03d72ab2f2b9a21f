"""MkDocs hook: write `sw.js`, the service worker that keeps the site working offline.

The worker itself is build_scripts/templates/sw.js; this hook puts the built site's file lists
into it (in place of `SETTINGS_JSON`) and writes it to site/sw.js.

Runs after every other build step (lowest priority of all `on_post_build` handlers, after the
search index, the offline plugin's inlined index and any renaming of static files), lists the
files actually in the built site, and writes them into `sw.js`. Nothing in it depends on a
fixed file name except `sw.js` itself (registered by `assets/javascripts/offline.js`).

Caches (CacheStorage names start with "xshk|<scope>|", so two copies of the site in two folders of
one host never touch each other's caches):

- `guide <version>`: the guide (HTML pages, CSS, JS, search index, icons, manifest,
  `assets/calculators.json`) is fetched on install; the calculators zip and anything else of the
  site is added when first fetched. `<version>` is a hash of the content of every built file, so
  any change to the site gives a new `sw.js`, which the browser installs; on activate it deletes
  every other cache of this site, so old calculators can never be served after an update.
- `pyodide <hash>`: Pyodide's files (13 MB), added when a calculator page first loads them.
  Its name is a hash of those files only: a rebuild that does not change Pyodide keeps it (a phone
  does not download Pyodide again because a page changed); a new Pyodide gets a new cache and the
  old one is deleted on activate like any other.

Strategies: pages (navigations) network first, falling back to the saved copy when the network
fails; everything else cache first. The page asks the worker whether it was served from the saved
copy (`offline.js` shows a notice) and, on a calculator page, asks it to save Pyodide and the
calculators zip at once (the page's first load runs before the worker controls it).
"""

import datetime
import hashlib
import json
import logging
import os
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("mkdocs.hooks.service_worker")

SW_NAME = "sw.js"
# Never precached: source maps, sitemaps, the file:// search index (service workers need http),
# the 13 MB runtime and the calculators zip (cached when a calculator page fetches them).
# Compressed copies (`.br`, `.gz`, written by precompress.py after this hook) are never listed: the
# server sends them in place of the file they copy, to a browser that asks for that file.
SKIP_SUFFIXES = (".map", ".gz", ".br")
COMPRESSED_SUFFIXES = (".gz", ".br")
TEMPLATE = Path(__file__).resolve().parent / "templates" / "sw.js"
SKIP_FILES = {SW_NAME, "sitemap.xml", "search/search_index.js", ".built"}
RUNTIME_DIR = "pyodide/"
PACKAGE_DIR = "py/"
SNAPSHOT_PREFIX = "py/snapshot-"
# Material ships lunr stemmers for ~40 languages; the Chinese search worker loads only these.
LUNR_DIR = "assets/javascripts/lunr/"
LUNR_NEEDED = {"min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js", "min/lunr.zh.min.js"}


def built_files(site_dir):
    """Every file of the built site, as sorted POSIX paths relative to it (sw.js excluded)."""
    site_dir = Path(site_dir)
    return sorted(
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*")
        if path.is_file() and path.relative_to(site_dir).as_posix() != SW_NAME
        and not path.name.endswith(COMPRESSED_SUFFIXES)
    )


def content_hash(site_dir, files):
    digest = hashlib.sha256()
    for relative in files:
        digest.update(relative.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256((Path(site_dir) / relative).read_bytes()).digest())
    return digest.hexdigest()[:16]


def page_url(relative):
    """The URL a page is visited at: `a/index.html` -> `a/`, `index.html` -> `./`."""
    if relative == "index.html":
        return "./"
    if relative.endswith("/index.html"):
        return relative[: -len("index.html")]
    return relative


def precached(relative):
    if relative in SKIP_FILES or relative.endswith(SKIP_SUFFIXES) or relative.startswith("sitemap"):
        return False
    if relative.startswith((RUNTIME_DIR, PACKAGE_DIR)):
        return False
    if relative.startswith(LUNR_DIR):
        return relative[len(LUNR_DIR):] in LUNR_NEEDED
    return True


def checked_date():
    """The day the guide's rules were last checked (calculators/product_rules.toml), else today."""
    try:
        sys.path.insert(0, str(ROOT))
        from calculators import rules

        return rules.file_checked() or None
    except Exception as error:  # the rules file is being edited: fall back to the build date
        log.info("no checked date from the rules (%s); using the build date", error)
        return None
    finally:
        if sys.path and sys.path[0] == str(ROOT):
            sys.path.pop(0)


def build_date():
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch else datetime.datetime.now()
    return when.date().isoformat()


def service_worker_settings(site_dir):
    files = built_files(site_dir)
    runtime = [name for name in files if name.startswith(RUNTIME_DIR)]
    return {
        "version": content_hash(site_dir, files),
        "runtimeVersion": content_hash(site_dir, runtime) if runtime else "none",
        "checked": checked_date() or build_date(),
        "built": build_date(),
        "precache": [page_url(name) if name.endswith(".html") else name for name in files if precached(name)],
        "runtime": runtime,
        # the build's memory snapshot is left out, and the service worker does not handle its requests:
        # the calculator worker fetches it (the browser's HTTP cache keeps it), and only on a fast connection
        "packages": [name for name in files if name.startswith(PACKAGE_DIR) and not name.startswith(SNAPSHOT_PREFIX)],
    }


def service_worker_source(settings):
    template = TEMPLATE.read_text(encoding="utf-8")
    marker = "const SETTINGS = SETTINGS_JSON;"
    assert template.count(marker) == 1, f"{TEMPLATE} must hold the line {marker!r} once"
    filled = template.replace(marker, f"const SETTINGS = {json.dumps(settings, ensure_ascii=False, indent=1)};")
    return "// Written by build_scripts/write_service_worker.py from build_scripts/templates/sw.js: do not edit.\n" + filled


def write_service_worker(site_dir):
    """Write site_dir/sw.js for the files now in site_dir; returns the SW's content version."""
    settings = service_worker_settings(site_dir)
    (Path(site_dir) / SW_NAME).write_text(service_worker_source(settings), encoding="utf-8")
    return settings["version"]


@event_priority(-1000)  # after every plugin and hook, so it sees the final files
def on_post_build(config, **kwargs):
    write_service_worker(config["site_dir"])
