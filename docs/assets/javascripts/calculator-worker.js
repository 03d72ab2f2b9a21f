// Calculator worker: runs Pyodide and the calculators package off the main thread.
//
// Messages in:  {id, name, inputs}            inputs = what the person typed (strings, lists of dicts)
// Messages out: {type: "progress", stage, loaded, total}
//               {type: "ready", ms}
//               {type: "result", id, json}     json = JSON text of calculators.run(name, inputs)
//               {type: "failed", stage, detail}
// Every URL is relative to this file, so the site works from any folder of any static server.

const SITE = new URL("../../", import.meta.url);
const PYODIDE = new URL("pyodide/", SITE);
const started = performance.now();
let loaded = 0;
let total = 0;
let stage = "download";

let settled = false; // ready, or failed: said once

// V8's words when a phone cannot reserve the memory Python needs ("Out of memory: Cannot allocate
// Wasm memory", "Array buffer allocation failed"): the page says so rather than blame the download.
const OUT_OF_MEMORY = /out of memory|cannot allocate|allocation failed/i;

function fail(failedStage, error) {
  if (settled) return;
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

async function sha256hex(buffer) {
  if (!self.crypto || !self.crypto.subtle) return null; // plain http on a LAN: no check possible
  const digest = await self.crypto.subtle.digest("SHA-256", buffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function start() {
  if (typeof WebAssembly !== "object") throw Object.assign(new Error("no WebAssembly"), { stage: "wasm" });
  progress("download");
  const manifestPromise = realFetch(new URL("assets/calculators.json", SITE)).then((r) => {
    if (!r.ok) throw Object.assign(new Error(`assets/calculators.json: HTTP ${r.status}`), { stage: "package" });
    return r.json();
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
  try {
    ({ loadPyodide } = await import(new URL("pyodide.mjs", PYODIDE).href));
  } catch (error) {
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { stage: "runtime" });
  }
  let pyodide;
  try {
    // Pyodide downloads its .wasm and stdlib zip, then starts Python (most of the time is CPU).
    const loading = loadPyodide({ indexURL: PYODIDE.href, stdout: () => {}, stderr: () => {} });
    // Once every byte has arrived, the rest is Python starting up.
    const timer = setInterval(() => {
      if (total && loaded >= total * 0.98 && stage === "download") progress("startup");
    }, 200);
    pyodide = await loading.finally(() => clearInterval(timer));
  } catch (error) {
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { stage: "wasm" });
  }
  progress("package");
  const zip = await zipPromise;
  pyodide.unpackArchive(zip, "zip", { extractDir: "/home/pyodide/lib" });
  pyodide.runPython(
    "import sys\nsys.path.insert(0, '/home/pyodide/lib')\nimport json, calculators\n" +
      "def _xshk_run(name, text):\n    return json.dumps(calculators.run(name, json.loads(text)), ensure_ascii=False)\n"
  );
  return pyodide.globals.get("_xshk_run");
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
    for (const message of queue.splice(0)) answer(message);
  },
  (error) => fail(stage, error)
);

function answer({ id, name, inputs }) {
  let json;
  try {
    json = runner(String(name), JSON.stringify(inputs));
  } catch (error) {
    // A bug in a calculator (not bad input, which comes back as field errors): say it plainly.
    json = JSON.stringify({ errors: [{ field: "calculator", message: "计算出错了，请检查输入，或按本页的例子手算。" }],
                            bug: String((error && error.message) || error).slice(-500) });
  }
  post({ type: "result", id, json });
}

self.onmessage = (event) => {
  const message = event.data || {};
  if (message.type === "expect-bytes") {
    total = Number(message.total) || 0;
    return;
  }
  if (runner) answer(message);
  else queue.push(message);
};
