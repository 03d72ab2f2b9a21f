// Makes the memory snapshot the calculator worker starts from on a cold visit (make_snapshot.py runs
// this with Node, on the same pyodide npm package the site serves, so the snapshot's build id is the
// one the browser's Pyodide expects).
//
// Usage: node build_scripts/make_snapshot.mjs <calculators zip> <python_stdlib.zip the site serves> <out>
// Writes the raw snapshot to <out> and prints {"bytes", "heap", "check", "modules"} on stdout.
//
// What is in it: Python's memory after doing what the worker's setUp() does (unpack the calculators
// zip into /home/pyodide/lib, put it first on sys.path, import calculators, warm_up()), before any
// input. The emscripten file system is not in it: the worker unpacks the zip again after restoring,
// and the stdlib zip must be the very file the site serves (zipimport keeps its table of contents in
// memory), hence the second argument.
import { readFileSync, writeFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const [zipPath, stdlibPath, outPath] = process.argv.slice(2);
// `packages` must stay empty: a snapshot cannot be made once a package is loaded (Pyodide #5195).
// `_sysExecutable`: emscripten's program name, sys.executable and $_; under Node it would be this
// script's path on the build machine, in a browser it is "./this.program".
const pyodide = await loadPyodide({
  _makeSnapshot: true, stdLibURL: stdlibPath, _sysExecutable: "./this.program", stdout: () => {}, stderr: () => {},
});
pyodide.unpackArchive(new Uint8Array(readFileSync(zipPath)), "zip", { extractDir: "/home/pyodide/lib" });
const result = pyodide.runPython(`
import gc, json, os, sys
LIB = "/home/pyodide/lib"
if LIB not in sys.path:
    sys.path.insert(0, LIB)
import calculators
calculators.warm_up()
check = calculators.self_check()
gc.collect()
json.dumps({"check": check, "modules": sorted(sys.modules)})
`);
const snapshot = pyodide.makeMemorySnapshot();
writeFileSync(outPath, snapshot);
const { check, modules } = JSON.parse(result);
process.stdout.write(JSON.stringify({ bytes: snapshot.byteLength, heap: pyodide._module.HEAP8.length, check, modules }));
