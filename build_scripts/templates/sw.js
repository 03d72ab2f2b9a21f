// The service worker of 协商还款指南. build_scripts/write_service_worker.py copies this file to
// site/sw.js at build time and puts the built site's file lists in place of SETTINGS_JSON
// (see that script's docstring for the caches and strategies).
const SETTINGS = SETTINGS_JSON;
const SCOPE = new URL("./", self.registration ? self.registration.scope : self.location.href).href;
const PREFIX = "xshk|" + SCOPE + "|";
const GUIDE = PREFIX + "guide " + SETTINGS.version;
const RUNTIME = PREFIX + "pyodide " + SETTINGS.runtimeVersion;
const OURS = new Set([GUIDE, RUNTIME]);
const SNAPSHOTS = new URL("py/snapshot-", SCOPE).href; // never handled here (see the fetch handler)
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
  // The build's memory snapshot: the calculator worker reads only its headers when a host would send
  // it uncompressed (31 MB), and keeps what it needs itself; the browser's HTTP cache holds the rest.
  if (request.url.startsWith(SNAPSHOTS)) return;
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
