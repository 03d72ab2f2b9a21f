// Calculator worker: runs Pyodide and the calculators package off the main thread.
//
// Messages in:  {id, name, inputs}            inputs = what the person typed (strings, lists of dicts)
// Messages out: {type: "progress", stage, loaded, total}   total: assets/calculators.json's download_bytes
//               {type: "ready", ms, parts}     parts: {stage: ms since the worker started} (make bench)
//               {type: "parts", parts}         the same, once the first answer is sent ("first call": its ms)
//               {type: "result", id, json}     json = JSON text of calculators.answer(name, inputs):
//                                              {"result": the calculator's answer, "view": its blocks}
//               {type: "failed", stage, detail}
//               {type: "snapshot", state, bytes}  state: "build" (from the build's) | "loaded" (from the saved
//                                              copy) | "saved" (a copy kept for the next visit) | "build-skipped"
//                                              | "build-failed" (with `reason`)
//               {type: "restart"}              the saved snapshot did not work (it is deleted): the page
//                                              starts a new worker with ?fresh=1, which starts Python normally
// Every URL is relative to this file, so the site works from any folder of any static server.
//
// The build's memory snapshot (a cold visit starts in a fraction of the time): the build made one in
// Node with this very Pyodide, after `import calculators` and warm_up() (build_scripts/make_snapshot.py),
// as a difference from the memory the wasm file sets up (snapshot-delta.js); assets/calculators.json
// names it with its sha256 and the known answer's. The worker downloads it while Pyodide downloads and
// compiles its wasm (loadPyodide gets a placeholder of the right length; the bytes reach it through
// `createPyodideModule`): it asks for the .bin, which a host with precompressed files sends
// brotli-encoded (the browser inflates it); a host that would send the 11.2 MB as they are is stopped at
// the headers, and the .br (DecompressionStream("brotli")) or .gz (DecompressionStream("gzip")) copy is
// fetched instead. Python starts from it (the difference undone and checked against its hash), its
// sha256 is checked meanwhile, and the known answer after. When the build found that a restored Python
// needs none of the calculators' files (`needs_files: false`), the calculators zip is not fetched.
// Not tried on a slow connection or with Save-Data (slowConnection()). A download failure starts
// Python the normal way in this worker; a snapshot Python cannot start from (another build, out of
// memory, a wrong answer, a wrong sha256) makes the page start a fresh worker (?fresh=1), as for the
// browser's own copy below. Each reason is said in the console (console.warn / info).
//
// The next visit's copy: after a start from the build's snapshot, the restored bytes (Python's memory
// before any input); after a normal start, Python's memory copied (pyodide.makeMemorySnapshot) after
// `import calculators` and BEFORE it runs anything the person typed. Once the page is answering, the
// copy is saved in Cache Storage ("xshk-snapshot:<site URL>", one entry, keyed by the Pyodide version
// and the calculators zip's sha256, with its own sha256 and size), packed: only the 4 KB chunks of the
// memory that are not all zeros (snapshot-delta.js: 14 MB instead of 30; a copy of the build's snapshot
// is the very file, a packed difference, 11.2 MB). The next visit checks that sha256,
// starts Python from the copy (while the wasm compiles), and checks one known answer; a damaged copy is
// deleted and the visit goes on as a cold one, a copy Python cannot start from makes the page start a
// fresh worker. The copy holds no input.

// What restores a snapshot (snapshot-delta.js, shared with the build), fetched alongside everything
// else rather than before this script runs (a static import costs a round trip on a slow network).
const snapshotDelta = import("./snapshot-delta.js");
snapshotDelta.catch(() => {}); // a failure is reported where it is used
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

// How long each part of the start took (ms since this worker started), for `make bench`.
const parts = {};
function mark(name) {
  parts[name] = Math.round(performance.now() - started);
}

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

/** The saved snapshot for `key`: null when there is none, else {length, check, bytes, delta}: `bytes` a promise
 *  of its bytes checked against their sha256 (it rejects, and the copy is deleted, when they are bad), so
 *  that Python's wasm compiles while they are read. */
async function findSnapshot(key) {
  let response;
  try {
    const cache = await self.caches.open(SNAPSHOTS);
    response = await cache.match(key);
  } catch (_) {
    return null;
  }
  if (!response) return null;
  const expected = response.headers.get("x-xshk-sha256");
  const read = (async () => {
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (!expected || (await sha256hex(bytes)) !== expected) throw new Error("saved snapshot damaged");
    mark("cache read");
    return bytes;
  })().catch(async (error) => {
    await forgetSnapshots();
    throw error;
  });
  let length = Number(response.headers.get("x-xshk-bytes")); // unpacked: the length Python's memory needs
  if (!(length > 0)) {
    // saved by an earlier version of this worker, without its size: read it first
    try {
      const bytes = await read;
      const { isPacked, unpackedLength } = await snapshotDelta;
      length = isPacked(bytes) ? unpackedLength(bytes) : bytes.byteLength;
    } catch (_) {
      return null;
    }
  }
  // a copy of the build's snapshot is still a difference (its region's length and hash)
  const [deltaLength, deltaHash] = (response.headers.get("x-xshk-delta") || "").split(" ").map(Number);
  const delta = deltaLength > 0 && deltaHash >= 0 ? { length: deltaLength, hash: deltaHash } : null;
  return { length, check: response.headers.get("x-xshk-check"), bytes: read, delta };
}

async function saveSnapshot() {
  const snapshot = snapshotToSave;
  snapshotToSave = null;
  if (!snapshot) return;
  try {
    // packed (snapshot-delta.js): the chunks of Python's memory that are not all zeros, about half
    // (the build's snapshot is packed already)
    const { isPacked, pack, unpackedLength } = await snapshotDelta;
    const packed = isPacked(snapshot.bytes) ? snapshot.bytes : pack(snapshot.bytes);
    const digest = await sha256hex(packed);
    await forgetSnapshots(); // an older Pyodide's or older calculators' copy
    const cache = await self.caches.open(SNAPSHOTS);
    const headers = { "content-type": "application/octet-stream", "x-xshk-sha256": digest, "x-xshk-check": snapshot.check,
                      "x-xshk-bytes": String(unpackedLength(packed)) };
    if (snapshot.delta) headers["x-xshk-delta"] = `${snapshot.delta.length} ${snapshot.delta.hash}`;
    await cache.put(snapshot.key, new Response(packed, { headers }));
    post({ type: "snapshot", state: "saved", bytes: packed.byteLength });
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
 *  snapshot may need them too, unless the build found it does not) and import them (a restored snapshot has them imported already);
 *  returns {run(name, inputsJson) -> answer JSON text, check() -> the known answer's text}. */
function setUp(pyodide, zip, forSnapshot = false) {
  if (zip) pyodide.unpackArchive(zip, "zip", { extractDir: LIB }); // null: a restored snapshot needs no file
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
  if (!self.crypto || !self.crypto.subtle) return "no crypto.subtle to check it (plain http on another host)";
  return slowConnection();
}

/** Whether this browser's DecompressionStream inflates `format` ("brotli", "gzip"). */
function canInflate(format) {
  try {
    return typeof DecompressionStream === "function" && Boolean(new DecompressionStream(format));
  } catch (_) {
    return false;
  }
}

/** Read a response's body (or `body`, a stream) into one buffer, counting its bytes in the progress
 *  line (`count`: false for an inflated stream, whose compressed bytes were counted). `size`: the
 *  expected size, read straight into a buffer of that size (no second copy); more bytes is an error. */
async function readAll(body, size, count = true) {
  const into = size ? new Uint8Array(size) : null;
  const chunks = [];
  let length = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (into) {
      if (length + value.byteLength > size) throw new Error(`more than ${size} bytes`);
      into.set(value, length);
    } else {
      chunks.push(value);
    }
    length += value.byteLength;
    if (count) {
      loaded += value.byteLength;
      if (performance.now() - lastReport > 100) {
        lastReport = performance.now();
        progress();
      }
    }
  }
  progress();
  if (into) return length === size ? into : into.subarray(0, length);
  return new Uint8Array(await new Blob(chunks).arrayBuffer());
}

/** The build's snapshot (the difference), downloaded (counted in the progress line) and inflated:
 *  {bytes, verified}, `verified` a promise that its sha256 is right (checked while Python starts: the
 *  worker is not ready before it settles). Rejects with the reason when it cannot be had. The .bin is
 *  read only when the host encoded it (Content-Encoding: the browser inflates it); otherwise the
 *  worker stops at the headers and inflates a copy itself. */
async function fetchBuildSnapshot(entry) {
  const stop = new AbortController();
  let response = await realFetch(new URL(entry.url, SITE), { signal: stop.signal });
  if (!response.ok) throw new Error(`${entry.url}: HTTP ${response.status}`);
  let inflate = null;
  let url = entry.url;
  if (!response.headers.get("content-encoding")) {
    stop.abort(); // a host without the precompressed copies: 11.2 MB as they are, not read
    const format = canInflate("brotli") ? "brotli" : canInflate("gzip") ? "gzip" : null;
    if (!format) throw new Error("the host does not compress it and this browser has no DecompressionStream");
    url = format === "brotli" ? entry.br : entry.gzip;
    response = await realFetch(new URL(url, SITE));
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    // a host that adds Content-Encoding to .gz/.br by name has had the browser inflate it already
    if (!response.headers.get("content-encoding")) inflate = format;
  }
  const before = loaded;
  let bytes;
  try {
    if (inflate) {
      const [counted, inflating] = response.body.tee();
      readAll(counted).catch(() => {}); // the compressed bytes, for the progress line only
      bytes = await readAll(inflating.pipeThrough(new DecompressionStream(inflate)), entry.bytes, false);
    } else {
      bytes = await readAll(response.body, entry.bytes);
    }
  } catch (error) {
    throw new Error(`${url}: ${inflate ? `damaged ${inflate} data` : "download failed"} (${String((error && error.message) || error)})`);
  }
  mark("snapshot downloaded");
  if (bytes.byteLength !== entry.bytes) throw new Error(`${url}: ${bytes.byteLength} bytes, not ${entry.bytes}`);
  loaded = before + bytes.byteLength; // the progress line counts what the browser hands over, inflated
  const verified = sha256hex(bytes).then((digest) => {
    if (digest !== entry.sha256) throw new Error(`${url}: sha256 does not match`);
    mark("snapshot verified");
  });
  verified.catch(() => {}); // awaited before the worker is ready
  return { bytes, verified };
}

// ------------------------------------------------------------------ start-up

async function start() {
  if (typeof WebAssembly !== "object") throw Object.assign(new Error("no WebAssembly"), { stage: "wasm" });
  progress("download");
  const manifestPromise = realFetch(new URL("assets/calculators.json", SITE)).then((r) => {
    if (!r.ok) throw Object.assign(new Error(`assets/calculators.json: HTTP ${r.status}`), { stage: "package" });
    return r.json();
  }).then((manifest) => {
    mark("manifest");
    total = Number(manifest.download_bytes) || 0; // for the progress line
    buildSnapshotSkipped = skipBuildSnapshot(manifest.snapshot);
    if (!buildSnapshotSkipped) {
      // counted as the browser hands the bytes over: inflated (see fetchBuildSnapshot)
      total += (Number(manifest.snapshot.bytes) || 0) - (manifest.snapshot.needs_files ? 0 : Number(manifest.zip_bytes) || 0);
    }
    return manifest;
  });
  // The calculators zip, fetched only when needed: a Python restored from a snapshot has the
  // calculators in memory, and the build checked that it needs none of their files (needs_files).
  let zipPromise = null;
  const calculatorsZip = () => {
    zipPromise ??= manifestPromise.then(async (manifest) => {
      const response = await self.fetch(new URL(manifest.zip, SITE));
      if (!response.ok) throw Object.assign(new Error(`${manifest.zip}: HTTP ${response.status}`), { stage: "package" });
      const buffer = await response.arrayBuffer();
      const actual = await sha256hex(buffer);
      if (actual && manifest.sha256 && actual !== manifest.sha256) {
        throw Object.assign(new Error("calculators zip checksum mismatch"), { stage: "checksum" });
      }
      mark("calculators zip");
      return buffer;
    });
    zipPromise.catch(() => {}); // awaited below; avoid an unhandled rejection while Pyodide loads
    return zipPromise;
  };
  const filesAfterRestore = (manifest) => (!manifest.snapshot || manifest.snapshot.needs_files !== false ? calculatorsZip() : null);

  let loadPyodide;
  let version;
  try {
    ({ loadPyodide, version } = await import(new URL("pyodide.mjs", PYODIDE).href));
  } catch (error) {
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { stage: "runtime" });
  }
  mark("runtime imported");
  const options = { indexURL: PYODIDE.href, stdout: () => {}, stderr: () => {} };
  // Pyodide's module, instantiated here (not inside loadPyodide) so that the parts can be timed and
  // the build's snapshot can be restored from its difference.
  const asm = () => import(new URL("pyodide.asm.mjs", PYODIDE).href);
  const create = async (settings) => {
    const module = await (await asm()).default(settings);
    mark("compiled");
    return module;
  };

  /** Start Python from a snapshot: `snapshot` a promise of its bytes (loadPyodide gets a placeholder of
   *  their `length`, so the wasm compiles while they arrive), `delta` the build's difference or null.
   *  Returns {run}, or {failed: reason} when the bytes never arrived or were bad (no Python was made
   *  from them: this worker may start another way); a Python that cannot start from them makes the
   *  page start a fresh worker (this promise then never settles). */
  async function fromSnapshot(snapshot, length, delta, check, verified = null) {
    let bytesFailed = null;
    snapshot.catch((error) => { bytesFailed = error; });
    const files = filesAfterRestore(manifest);
    tryingSnapshot = true;
    try {
      const { restoringCreate } = await snapshotDelta;
      const pyodide = await loadPyodide({ ...options, _loadSnapshot: new Uint8Array(length),
                                          createPyodideModule: restoringCreate(create, snapshot, delta, mark) });
      mark("started");
      progress("package");
      const run = setUp(pyodide, files && (await files.catch((error) => { tryingSnapshot = false; throw error; })));
      mark("calculators");
      if ((await checkDigest(run.check())) !== check) throw new Error("the snapshot gives a wrong answer");
      mark("checked");
      if (verified) await verified; // its sha256, checked meanwhile: a wrong one means a fresh worker
      tryingSnapshot = false;
      return { run };
    } catch (error) {
      if (!tryingSnapshot) throw error; // the calculators zip itself failed: reported as usual
      tryingSnapshot = false;
      if (bytesFailed) return { failed: String((bytesFailed && bytesFailed.message) || bytesFailed) };
      abandonSnapshot(error);
      return new Promise(() => {}); // this worker is replaced
    }
  }

  // A second visit: start from the saved snapshot when there is a good one.
  let key = null;
  const manifest = await manifestPromise;
  if (canSnapshot() && /^[0-9a-f]{64}$/.test(manifest.sha256 || "")) key = snapshotKey(version, manifest.sha256);
  const saved = key ? await findSnapshot(key) : null;
  if (saved) {
    // read from Cache Storage, not downloaded: the progress line's total leaves the build's snapshot out
    const buildBytes = buildSnapshotSkipped ? 0 : Number(manifest.snapshot.bytes) || 0;
    total -= buildBytes;
    const started = await fromSnapshot(saved.bytes, saved.length, saved.delta, saved.check);
    if (started.run) {
      post({ type: "snapshot", state: "loaded", bytes: (await saved.bytes).byteLength }); // as kept, like "saved"
      return started.run;
    }
    total += buildBytes;
    note("info", `the saved memory snapshot was not used (${started.failed}); it is deleted`);
  }

  // A cold visit: start from the build's snapshot, fetched while Pyodide fetches and compiles its wasm.
  if (buildSnapshotSkipped) {
    if (!FRESH) {
      note("info", `the build's memory snapshot is not used: ${buildSnapshotSkipped}; Python starts the normal way`);
      post({ type: "snapshot", state: "build-skipped", bytes: 0, reason: buildSnapshotSkipped });
    }
  } else {
    const entry = manifest.snapshot;
    const download = fetchBuildSnapshot(entry);
    const snapshot = download.then((got) => got.bytes);
    const verified = download.then((got) => got.verified);
    verified.catch(() => {}); // a failed download is reported through `snapshot`
    const started = await fromSnapshot(snapshot, entry.memory_bytes || entry.bytes, entry.delta, entry.check, verified);
    if (started.run) {
      post({ type: "snapshot", state: "build", bytes: entry.bytes });
      // Kept for the next visit as the browser's own copy (Cache Storage: nothing to inflate): the
      // very file restored (packed, a difference with its length and hash), before any input.
      if (key) snapshotToSave = { key, bytes: await snapshot, check: entry.check, delta: entry.delta };
      return started.run;
    }
    note("warn", `the build's memory snapshot could not be used (${started.failed}); Python starts the normal way`);
    post({ type: "snapshot", state: "build-failed", bytes: 0, reason: started.failed });
  }

  const files = calculatorsZip();
  let pyodide;
  try {
    // Pyodide downloads its .wasm and stdlib zip, then starts Python (most of the time is CPU).
    const loading = loadPyodide({ ...options, _makeSnapshot: Boolean(key), createPyodideModule: create });
    // Once every byte has arrived, the rest is Python starting up.
    const timer = setInterval(() => {
      if (total && loaded >= total * 0.98 && stage === "download") progress("startup");
    }, 200);
    pyodide = await loading.finally(() => clearInterval(timer));
  } catch (error) {
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { stage: "wasm" });
  }
  mark("started");
  progress("package");
  const run = setUp(pyodide, await files, Boolean(key));
  mark("calculators");
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
    mark("ready");
    post({ type: "ready", ms: Math.round(performance.now() - started), parts });
    // Questions the page asked while Python was starting: only the newest matters (the page shows
    // the answer to its latest question and drops older ones).
    const newest = queue.splice(0).pop();
    if (newest) answer(newest);
    if (snapshotToSave) setTimeout(saveSnapshot, 0);
  },
  (error) => fail(stage, error)
);

let answered = 0;
function answer({ id, name, inputs }) {
  let json;
  const began = performance.now();
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
  if (answered++ === 0) {
    parts["first call"] = Math.round(performance.now() - began);
    post({ type: "parts", parts });
  }
}

self.onmessage = (event) => {
  const message = event.data || {};
  if (runner) answer(message);
  else queue.push(message);
};
