// Calculator worker: runs Pyodide and the calculators package off the main thread.
//
// Messages in:  {id, name, inputs}            inputs = what the person typed (strings, lists of dicts)
// Messages out: {type: "progress", stage, loaded, total}   total: assets/calculators.json's download_bytes
//               {type: "ready", ms}
//               {type: "result", id, json}     json = JSON text of calculators.answer(name, inputs):
//                                              {"result": the calculator's answer, "view": its blocks}
//               {type: "failed", stage, detail}
//               {type: "snapshot", state, bytes}  state: "loaded" (started from a saved snapshot) | "saved"
//               {type: "restart"}              the saved snapshot did not work (it is deleted): the page
//                                              starts a new worker with ?fresh=1, which starts Python normally
// Every URL is relative to this file, so the site works from any folder of any static server.
//
// The build's memory snapshot (a cold visit starts in a fraction of the time): the build made one in
// Node with this very Pyodide, after `import calculators` and warm_up() (build_scripts/make_snapshot.py);
// assets/calculators.json names it, gzip-compressed, with the raw bytes' sha256 and the known answer's.
// The worker downloads it while Pyodide downloads its wasm, inflates it (DecompressionStream), checks
// the sha256 and starts Python from it (`_loadSnapshot`), then checks the known answer. Not tried on a
// slow connection or with Save-Data (slowConnection()), nor without DecompressionStream. A download or
// checksum failure starts Python the normal way in this worker; a snapshot Python cannot start from
// (another build, out of memory, a wrong answer) makes the page start a fresh worker (?fresh=1), as
// for the browser's own snapshot below. Each reason is said in the console (console.warn / info).
//
// The browser's own memory snapshot (for visits that did not use the build's): on a visit with no usable
// snapshot, Python starts normally, imports the calculators and, BEFORE it runs anything the person
// typed, copies its memory (pyodide.makeMemorySnapshot). Once the page is answering, the copy is
// saved in Cache Storage ("xshk-snapshot:<site URL>", one entry, keyed by the Pyodide version and
// the calculators zip's sha256, with its own sha256). The next visit checks that sha256, starts
// Python from the copy, and checks one known answer; any failure deletes the copy and the page
// starts a fresh worker. The copy holds Python's memory after `import calculators`: no input.

const SITE = new URL("../../", import.meta.url);
const PYODIDE = new URL("pyodide/", SITE);
const started = performance.now();
const FRESH = new URL(self.location.href).searchParams.has("fresh");
const SNAPSHOTS = "xshk-snapshot:" + SITE.href; // Cache Storage name (docs/privacy.md); at most one entry
// A known answer (calculators.self_check(): the first calculator's example), computed when the
// snapshot is made and again after starting from it.
let tryingSnapshot = false; // starting from a saved snapshot: a failure means "start afresh"
let snapshotToSave = null; // {key, bytes, check} made before any input was run
let buildSnapshotSkipped = null; // why the build's snapshot is not tried (null: it is)
let loaded = 0;
let total = 0;
let stage = "download";

let settled = false; // ready, or failed: said once

// V8's words when a phone cannot reserve the memory Python needs ("Out of memory: Cannot allocate
// Wasm memory", "Array buffer allocation failed"): the page says so rather than blame the download.
const OUT_OF_MEMORY = /out of memory|cannot allocate|allocation failed/i;

function fail(failedStage, error) {
  if (settled) return;
  if (tryingSnapshot) {
    abandonSnapshot(error);
    return;
  }
  settled = true;
  const detail = String((error && error.message) || error);
  post({ type: "failed", stage: OUT_OF_MEMORY.test(detail) ? "memory" : (error && error.stage) || failedStage, detail });
}

function post(message) {
  self.postMessage(message);
}

function progress(next) {
  if (next) stage = next;
  if (settled) return;
  post({ type: "progress", stage, loaded, total });
}

// Count bytes as they arrive without touching what Pyodide receives: read a clone of each
// response of our own site and report the running total (throttled to ~10 messages a second).
const realFetch = self.fetch.bind(self);
let lastReport = 0;
self.fetch = async (resource, options) => {
  let response;
  try {
    response = await realFetch(resource, options);
  } catch (error) {
    // Pyodide does not always pass a failed download on (it may wait for ever): report it here.
    fail("runtime", error);
    throw error;
  }
  if (!response.ok) fail("runtime", new Error(`HTTP ${response.status}: ${response.url}`));
  try {
    const url = new URL(response.url || SITE);
    if (url.origin === SITE.origin && response.ok && response.body) {
      const reader = response.clone().body.getReader();
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          loaded += value.byteLength;
          const now = performance.now();
          if (now - lastReport > 100) {
            lastReport = now;
            progress();
          }
        }
        progress();
      })().catch(() => {});
    }
  } catch (_) {
    // counting is only for the progress line
  }
  return response;
};

// A .wasm file that arrives but cannot be compiled (corrupt, or WebAssembly switched off) makes
// Pyodide print this warning and wait for ever: treat it as the failure it is.
// Pyodide warns twice: "wasm instantiation failed!", then the reason (which tells out of memory
// from a corrupt file); the failure is reported with the reason, or on its own if none follows.
const realWarn = console.warn.bind(console);
let instantiationFailed = false;
console.warn = (...args) => {
  if (!settled && instantiationFailed) {
    fail("wasm", args[0]);
    return;
  }
  if (!settled && args.some((arg) => String(arg).includes("wasm instantiation failed"))) {
    instantiationFailed = true;
    setTimeout(() => fail("wasm", new Error(String(args[0]))), 0);
    return;
  }
  if (!settled) return; // Pyodide's own start-up chatter: the page says what is happening
  realWarn(...args);
};

// What the worker says in the console about its snapshots (never console.error: not an error for the reader).
function note(level, text) {
  (level === "warn" ? realWarn : console.info)(`协商还款指南 calculator: ${text}`);
}

async function sha256hex(buffer) {
  if (!self.crypto || !self.crypto.subtle) return null; // plain http on a LAN: no check possible
  const digest = await self.crypto.subtle.digest("SHA-256", buffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

// ------------------------------------------------------------------ memory snapshot

function snapshotKey(version, zipSha) {
  return new URL(`pyodide-snapshot/${encodeURIComponent(version)}/${zipSha}`, SITE).href;
}

function canSnapshot() {
  return !FRESH && typeof self.caches === "object" && self.caches !== null && Boolean(self.crypto && self.crypto.subtle);
}

async function forgetSnapshots() {
  try {
    await self.caches.delete(SNAPSHOTS);
  } catch (_) {
    // nothing saved, or storage refused: nothing to forget
  }
}

/** The saved snapshot for `key`, checked against its sha256; null when there is none or it is bad. */
async function readSnapshot(key) {
  try {
    const cache = await self.caches.open(SNAPSHOTS);
    const response = await cache.match(key);
    if (!response) return null;
    const bytes = new Uint8Array(await response.arrayBuffer());
    const expected = response.headers.get("x-xshk-sha256");
    if (!expected || (await sha256hex(bytes)) !== expected) throw new Error("saved snapshot damaged");
    return { bytes, check: response.headers.get("x-xshk-check") };
  } catch (_) {
    await forgetSnapshots();
    return null;
  }
}

async function saveSnapshot() {
  const snapshot = snapshotToSave;
  snapshotToSave = null;
  if (!snapshot) return;
  try {
    const digest = await sha256hex(snapshot.bytes);
    await forgetSnapshots(); // an older Pyodide's or older calculators' copy
    const cache = await self.caches.open(SNAPSHOTS);
    await cache.put(snapshot.key, new Response(snapshot.bytes, { headers: {
      "content-type": "application/octet-stream", "x-xshk-sha256": digest, "x-xshk-check": snapshot.check } }));
    post({ type: "snapshot", state: "saved", bytes: snapshot.bytes.byteLength });
  } catch (_) {
    await forgetSnapshots(); // storage full or refused: the next visit starts normally
  }
}

let abandoned = false;
// A memory snapshot Python cannot start from (its memory damaged) can make Pyodide report "Pyodide has
// suffered a fatal error" with console.error before it gives up. The worker then starts afresh
// (abandonSnapshot) and the reader gets the answer, so while a snapshot is tried that is a warning.
const realError = console.error.bind(console);
console.error = (...args) => {
  if (tryingSnapshot || abandoned) {
    realWarn("协商还款指南 calculator: while starting from a memory snapshot:", ...args);
    return;
  }
  realError(...args);
};
function abandonSnapshot(error) {
  if (abandoned) return;
  abandoned = true;
  note("warn", `Python could not start from a memory snapshot (${String((error && error.message) || error)}); starting a fresh worker without one`);
  settled = true; // this worker says nothing more: the page replaces it
  forgetSnapshots().finally(() => post({ type: "restart" }));
}

async function checkDigest(text) {
  return sha256hex(new TextEncoder().encode(text));
}

const LIB = "/home/pyodide/lib";

/** Put the calculators on sys.path (their files live outside Python's memory, so a restored
 *  snapshot needs them too) and import them (a restored snapshot has them imported already);
 *  returns {run(name, inputsJson) -> answer JSON text, check() -> the known answer's text}. */
function setUp(pyodide, zip, forSnapshot = false) {
  pyodide.unpackArchive(zip, "zip", { extractDir: LIB });
  const path = pyodide.pyimport("sys").path;
  if (!path.toJs().includes(LIB)) path.insert(0, LIB);
  const calculators = pyodide.pyimport("calculators");
  // every calculator and the product rules, so that any calculator page starts from the copy ready
  if (forSnapshot) calculators.warm_up();
  if (typeof calculators.answer_json !== "function") throw new Error("calculators not loaded");
  return { run: (name, text) => calculators.answer_json(name, text), check: () => calculators.self_check() };
}

// ------------------------------------------------------------------ the build's snapshot

/** Why a reader's connection should not fetch the snapshot's extra bytes, or null (README: "Slow connections"). */
function slowConnection() {
  const connection = self.navigator && self.navigator.connection;
  if (!connection) return null; // Firefox, Safari: no signal, the snapshot is fetched
  if (connection.saveData) return "Save-Data is on";
  if (connection.effectiveType && connection.effectiveType !== "4g") return `the connection is ${connection.effectiveType}`;
  return null;
}

/** Why the build's snapshot `entry` is not even tried, or null. */
function skipBuildSnapshot(entry) {
  if (!entry || !entry.url) return "this build has none";
  if (FRESH) return "the page restarted the worker without snapshots";
  if (typeof DecompressionStream !== "function") return "this browser has no DecompressionStream";
  if (!self.crypto || !self.crypto.subtle) return "no crypto.subtle to check it (plain http on another host)";
  return slowConnection();
}

/** The build's snapshot, downloaded (counted in the progress line), inflated and checked; rejects
 *  with the reason. A host that decoded the gzip itself already (Content-Encoding) is fine too. */
async function fetchBuildSnapshot(entry) {
  const response = await realFetch(new URL(entry.url, SITE));
  if (!response.ok) throw new Error(`${entry.url}: HTTP ${response.status}`);
  const chunks = [];
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    if (performance.now() - lastReport > 100) {
      lastReport = performance.now();
      progress();
    }
  }
  progress();
  let bytes = new Blob(chunks);
  const head = new Uint8Array(await bytes.slice(0, 2).arrayBuffer());
  if (head[0] === 0x1f && head[1] === 0x8b) {
    try {
      bytes = await new Response(bytes.stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
    } catch (error) {
      throw new Error(`${entry.url}: damaged gzip data (${String((error && error.message) || error)})`);
    }
  } else {
    bytes = await bytes.arrayBuffer();
  }
  if (bytes.byteLength !== entry.bytes) throw new Error(`${entry.url}: ${bytes.byteLength} bytes, not ${entry.bytes}`);
  if ((await sha256hex(bytes)) !== entry.sha256) throw new Error(`${entry.url}: sha256 does not match`);
  return new Uint8Array(bytes);
}

// ------------------------------------------------------------------ start-up

async function start() {
  if (typeof WebAssembly !== "object") throw Object.assign(new Error("no WebAssembly"), { stage: "wasm" });
  progress("download");
  const manifestPromise = realFetch(new URL("assets/calculators.json", SITE)).then((r) => {
    if (!r.ok) throw Object.assign(new Error(`assets/calculators.json: HTTP ${r.status}`), { stage: "package" });
    return r.json();
  }).then((manifest) => {
    total = Number(manifest.download_bytes) || 0; // for the progress line
    buildSnapshotSkipped = skipBuildSnapshot(manifest.snapshot);
    if (!buildSnapshotSkipped) total += Number(manifest.snapshot.compressed_bytes) || 0;
    return manifest;
  });
  const zipPromise = manifestPromise.then(async (manifest) => {
    const response = await self.fetch(new URL(manifest.zip, SITE));
    if (!response.ok) throw Object.assign(new Error(`${manifest.zip}: HTTP ${response.status}`), { stage: "package" });
    const buffer = await response.arrayBuffer();
    const actual = await sha256hex(buffer);
    if (actual && manifest.sha256 && actual !== manifest.sha256) {
      throw Object.assign(new Error("calculators zip checksum mismatch"), { stage: "checksum" });
    }
    return buffer;
  });
  zipPromise.catch(() => {}); // awaited below; avoid an unhandled rejection while Pyodide loads

  let loadPyodide;
  let version;
  try {
    ({ loadPyodide, version } = await import(new URL("pyodide.mjs", PYODIDE).href));
  } catch (error) {
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { stage: "runtime" });
  }
  const options = { indexURL: PYODIDE.href, stdout: () => {}, stderr: () => {} };

  // A second visit: start from the saved snapshot when there is a good one.
  let key = null;
  if (canSnapshot()) {
    const manifest = await manifestPromise;
    if (manifest && /^[0-9a-f]{64}$/.test(manifest.sha256 || "")) key = snapshotKey(version, manifest.sha256);
  }
  const saved = key ? await readSnapshot(key) : null;
  if (saved) {
    tryingSnapshot = true;
    let run;
    try {
      const pyodide = await loadPyodide({ ...options, _loadSnapshot: saved.bytes });
      progress("package");
      run = setUp(pyodide, await zipPromise.catch((error) => { tryingSnapshot = false; throw error; }));
      if ((await checkDigest(run.check())) !== saved.check) throw new Error("snapshot gives a wrong answer");
    } catch (error) {
      if (!tryingSnapshot) throw error; // the calculators zip itself failed: reported as usual
      abandonSnapshot(error);
      return new Promise(() => {}); // this worker is replaced
    }
    tryingSnapshot = false;
    post({ type: "snapshot", state: "loaded", bytes: saved.bytes.byteLength });
    return run;
  }

  // A cold visit: start from the build's snapshot, fetched while Pyodide fetches its wasm and stdlib.
  const manifest = await manifestPromise;
  if (buildSnapshotSkipped) {
    if (!FRESH) {
      note("info", `the build's memory snapshot is not used: ${buildSnapshotSkipped}; Python starts the normal way`);
      post({ type: "snapshot", state: "build-skipped", bytes: 0, reason: buildSnapshotSkipped });
    }
  } else {
    const entry = manifest.snapshot;
    const snapshot = fetchBuildSnapshot(entry);
    let downloadFailed = null;
    snapshot.catch((error) => { downloadFailed = error; });
    tryingSnapshot = true;
    let run;
    try {
      const pyodide = await loadPyodide({ ...options, _loadSnapshot: snapshot });
      progress("package");
      run = setUp(pyodide, await zipPromise.catch((error) => { tryingSnapshot = false; throw error; }));
      if ((await checkDigest(run.check())) !== entry.check) throw new Error("the snapshot gives a wrong answer");
    } catch (error) {
      if (!tryingSnapshot) throw error; // the calculators zip itself failed: reported as usual
      tryingSnapshot = false;
      if (downloadFailed) {
        // not started from: no Python was made from it, so this worker starts the normal way
        const reason = String((downloadFailed && downloadFailed.message) || downloadFailed);
        note("warn", `the build's memory snapshot could not be used (${reason}); Python starts the normal way`);
        post({ type: "snapshot", state: "build-failed", bytes: 0, reason });
        run = null;
      } else {
        abandonSnapshot(error);
        return new Promise(() => {}); // this worker is replaced
      }
    }
    if (run) {
      tryingSnapshot = false;
      post({ type: "snapshot", state: "build", bytes: entry.bytes });
      return run;
    }
  }

  let pyodide;
  try {
    // Pyodide downloads its .wasm and stdlib zip, then starts Python (most of the time is CPU).
    const loading = loadPyodide({ ...options, _makeSnapshot: Boolean(key) });
    // Once every byte has arrived, the rest is Python starting up.
    const timer = setInterval(() => {
      if (total && loaded >= total * 0.98 && stage === "download") progress("startup");
    }, 200);
    pyodide = await loading.finally(() => clearInterval(timer));
  } catch (error) {
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { stage: "wasm" });
  }
  progress("package");
  const run = setUp(pyodide, await zipPromise, Boolean(key));
  if (key) {
    try {
      // Before anything typed is run: Python's memory holds the calculators, no input.
      const bytes = pyodide.makeMemorySnapshot();
      snapshotToSave = { key, bytes, check: await checkDigest(run.check()) };
    } catch (_) {
      snapshotToSave = null; // no snapshot this time; the calculator works the same
    }
  }
  return run;
}

// A failed download can also reject a promise inside Pyodide that nobody awaits: report it as a
// failure of the start-up (in Chinese, on the page) instead of an uncaught error in the console.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  fail(stage, event.reason);
});

const ready = start();
let runner = null;
const queue = [];

ready.then(
  (run) => {
    settled = true;
    runner = run;
    post({ type: "ready", ms: Math.round(performance.now() - started) });
    // Questions the page asked while Python was starting: only the newest matters (the page shows
    // the answer to its latest question and drops older ones).
    const newest = queue.splice(0).pop();
    if (newest) answer(newest);
    if (snapshotToSave) setTimeout(saveSnapshot, 0);
  },
  (error) => fail(stage, error)
);

function answer({ id, name, inputs }) {
  let json;
  try {
    json = runner.run(String(name), JSON.stringify(inputs));
  } catch (error) {
    // A bug in a calculator (not bad input, which comes back as field errors): say it plainly.
    const message = "计算出错了，请检查输入，或按本页的例子手算。";
    json = JSON.stringify({ result: { errors: [{ field: "calculator", message }] },
                            view: [{ kind: "paragraph", text: message }],
                            bug: String((error && error.message) || error).slice(-500) });
  }
  post({ type: "result", id, json });
}

self.onmessage = (event) => {
  const message = event.data || {};
  if (runner) answer(message);
  else queue.push(message);
};
