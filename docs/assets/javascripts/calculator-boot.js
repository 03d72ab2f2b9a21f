// Calculator pages: start the calculator worker (Pyodide) and restart it without the memory
// snapshot when the snapshot fails. Imported by calculator-page.js (one instance per page), which
// takes the worker over with `connect`; what the worker says before that is replayed.
// Nothing else here: no DOM, no maths.

const WORKER_URL = new URL("calculator-worker.js", import.meta.url);

let worker = null;
let problem = null; // "file" (opened from disk) or "unsupported" (no Worker / WebAssembly / module workers)
let listener = null;
const early = []; // what the worker said before the page listened: {kind: "message" | "error", data}

function deliver(kind, data) {
  if (listener) listener(kind, data);
  else early.push({ kind, data });
}

/** Start a worker; `fresh` asks it not to use a saved memory snapshot (after one failed). */
function start(fresh = false) {
  worker = null;
  problem = null;
  if (location.protocol === "file:") {
    problem = "file";
    return;
  }
  if (typeof Worker !== "function" || typeof WebAssembly !== "object") {
    problem = "unsupported";
    return;
  }
  const url = new URL(WORKER_URL);
  if (fresh) url.searchParams.set("fresh", "1");
  let created;
  try {
    created = new Worker(url, { type: "module" });
    performance.mark("xshk:worker-created"); // `make bench`: Pyodide's start-up begins here
  } catch (_) {
    problem = "unsupported";
    return;
  }
  created.addEventListener("message", (event) => {
    if (created === worker) deliver("message", event.data || {});
  });
  created.addEventListener("error", (event) => {
    event.preventDefault();
    if (created === worker) deliver("error", event);
  });
  worker = created;
}

/** The page takes over: `onEvent(kind, data)` gets what was said so far, then everything new. */
export function connect(onEvent) {
  startIfWaiting(); // the page script runs just before DOMContentLoaded
  listener = onEvent;
  const said = early.splice(0);
  // replayed just after the caller has the worker in hand (before any new message can arrive)
  queueMicrotask(() => { for (const item of said) onEvent(item.kind, item.data); });
  return { worker, problem };
}

/** Replace the worker (after its saved snapshot failed): the new one starts Python the normal way. */
export function restart() {
  if (worker) worker.terminate();
  early.length = 0;
  start(true);
  return { worker, problem };
}

// At once, while the page is still loading (the page's <head> loads this as an async module): Python's
// start-up overlaps the page's. On a slow connection (Save-Data, or not "4g"), once the page has been
// parsed instead (or when the page script connects, just before), so that the form's own CSS and JS do
// not share the bandwidth with Pyodide's files. Measured (`make bench`, 4× CPU): starting at once there
// too brought the first answer from 31 s to 28 s on "Fast 3G" (bare Pyodide: 26 s) and from 85 s to
// 82 s on "Slow 3G" (77 s), but the form became usable after 6.5 s instead of 4.9 s and 8.5 s instead
// of 5.3 s. A reader types while the engine loads, so the form comes first.
function slowConnection() {
  const connection = navigator.connection;
  return Boolean(connection && (connection.saveData || (connection.effectiveType && connection.effectiveType !== "4g")));
}

let waiting = slowConnection() && document.readyState === "loading";
function startIfWaiting() {
  if (!waiting) return;
  waiting = false;
  start();
}
if (waiting) document.addEventListener("DOMContentLoaded", startIfWaiting, { once: true });
else start();
