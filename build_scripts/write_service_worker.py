"""MkDocs hook: write `sw.js`, the service worker that keeps the site working offline.

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
SKIP_SUFFIXES = (".map", ".gz")
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
        # the build's memory snapshot (6 MB) is left out: it is saved when the worker fetches it, never
        # for a reader whose slow connection made the worker skip it
        "packages": [name for name in files if name.startswith(PACKAGE_DIR) and not name.startswith(SNAPSHOT_PREFIX)],
    }


def service_worker_source(settings):
    return (
        "// Written by build_scripts/write_service_worker.py at build time: do not edit.\n"
        f"const SETTINGS = {json.dumps(settings, ensure_ascii=False, indent=1)};\n" + WORKER_JS
    )


def write_service_worker(site_dir):
    """Write site_dir/sw.js for the files now in site_dir; returns the SW's content version."""
    settings = service_worker_settings(site_dir)
    (Path(site_dir) / SW_NAME).write_text(service_worker_source(settings), encoding="utf-8")
    return settings["version"]


@event_priority(-1000)  # after every plugin and hook, so it sees the final files
def on_post_build(config, **kwargs):
    write_service_worker(config["site_dir"])


WORKER_JS = r"""
const SCOPE = new URL("./", self.registration ? self.registration.scope : self.location.href).href;
const PREFIX = "xshk|" + SCOPE + "|";
const GUIDE = PREFIX + "guide " + SETTINGS.version;
const RUNTIME = PREFIX + "pyodide " + SETTINGS.runtimeVersion;
const OURS = new Set([GUIDE, RUNTIME]);
const servedFromCache = new Set(); // ids of windows whose page came from the saved copy

// `a/index.html`, `a/index.html?x` and `a/?x` are all saved as `a/`.
function key(url) {
  const u = new URL(url, SCOPE);
  u.search = "";
  u.hash = "";
  if (u.pathname.endsWith("/index.html")) u.pathname = u.pathname.slice(0, -"index.html".length);
  return u.href;
}

function cacheFor(url) {
  return url.startsWith(SCOPE + "pyodide/") ? RUNTIME : GUIDE;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(GUIDE);
      // cache: "reload" so a stale HTTP cache never puts old files under the new version
      await cache.addAll(SETTINGS.precache.map((path) => new Request(new URL(path, SCOPE), { cache: "reload" })));
      await self.skipWaiting();
    })()
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && !OURS.has(name)) await caches.delete(name);
      }
      await self.clients.claim();
    })()
  );
});

// This version's guide cache is made on install and deleted only when a newer version activates.
// Once it is gone, this worker is an old one finishing a page's requests: it must not write, or it
// would bring its deleted caches back next to the new ones.
function stillCurrent() {
  return caches.has(GUIDE);
}

// Reads use caches.match (caches.open would bring a deleted cache back, empty).
async function fromNetworkFirst(event) {
  try {
    const response = await fetch(event.request);
    if (response.ok && response.type === "basic" && !response.redirected && (await stillCurrent())) {
      const cache = await caches.open(GUIDE);
      await cache.put(key(event.request.url), response.clone());
    }
    return response;
  } catch (error) {
    const options = { cacheName: GUIDE };
    const saved = (await caches.match(key(event.request.url), options)) ||
                  (await caches.match(new URL("404.html", SCOPE).href, options));
    if (!saved) throw error;
    if (event.resultingClientId) servedFromCache.add(event.resultingClientId);
    return saved;
  }
}

async function fromCacheFirst(request) {
  const name = cacheFor(request.url);
  const saved = await caches.match(name === GUIDE ? key(request.url) : request.url, { cacheName: name });
  if (saved) return saved;
  const response = await fetch(request);
  if (response.ok && response.type === "basic" && response.status === 200 && (await stillCurrent())) {
    const cache = await caches.open(name);
    await cache.put(name === GUIDE ? key(request.url) : request.url, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || request.headers.has("range") || !request.url.startsWith(SCOPE)) return;
  if (new URL(request.url).pathname.endsWith("/sw.js")) return;
  if (request.mode === "navigate") event.respondWith(fromNetworkFirst(event));
  else event.respondWith(fromCacheFirst(request));
});

// Save what a calculator needs (Pyodide, the calculators zip), so it works offline from now on.
async function saveCalculators() {
  const wanted = [
    ...SETTINGS.runtime.map((path) => new URL(path, SCOPE).href),
    ...SETTINGS.packages.map((path) => new URL(path, SCOPE).href),
  ];
  for (const url of wanted) {
    if (!(await stillCurrent())) throw new Error("a newer version of the site has taken over");
    if (!(await caches.match(url, { cacheName: cacheFor(url) }))) {
      const response = await fetch(url);
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      if (!(await stillCurrent())) throw new Error("a newer version of the site has taken over");
      const cache = await caches.open(cacheFor(url));
      await cache.put(url, response);
    }
  }
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  const reply = (answer) => event.ports[0] && event.ports[0].postMessage(answer);
  if (message.type === "status") {
    const id = event.source && event.source.id;
    reply({ fromCache: servedFromCache.has(id), checked: SETTINGS.checked, built: SETTINGS.built, version: SETTINGS.version });
    servedFromCache.delete(id);
  } else if (message.type === "save-calculators") {
    event.waitUntil(
      saveCalculators().then(
        () => reply({ saved: true, version: SETTINGS.version }),
        (error) => reply({ saved: false, error: String(error) })
      )
    );
  }
});
"""
