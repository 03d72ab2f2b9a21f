// Makes the memory snapshot the calculator worker starts from on a cold visit (make_snapshot.py runs
// this with Node, on the same pyodide npm package the site serves, so the snapshot's build id is the
// one the browser's Pyodide expects).
//
// Usage: node build_scripts/make_snapshot.mjs <calculators zip> <python_stdlib.zip the site serves> <out>
// Writes the snapshot, as a difference, packed (docs/assets/javascripts/snapshot-delta.js: the chunks
// that are all zeros left out), to <out> and prints {"bytes" (the file), "memory_bytes" (the snapshot
// it stands for), "heap", "check", "modules", "delta": {"length", "hash"}, "needs_files": [...]}.
//
// What is in it: Python's memory after doing what the worker's setUp() does (unpack the calculators
// zip into /home/pyodide/lib, put it first on sys.path, import calculators, warm_up()), before any
// input. The emscripten file system is not in it, and the stdlib zip must be the very file the site
// serves (zipimport keeps its table of contents in memory), hence the second argument.
//
// Three Pythons: (1) makes the snapshot; (2) restores it to see the memory the wasm file sets up (the
// base the difference is taken against, captured as the worker captures it); (3) restores the difference the way the browser
// does, WITHOUT the calculators' files, and runs every calculator's examples: the known answer must be
// the same, and any example that needs a file is listed in "needs_files" (the worker then fetches the
// zip after restoring; when the list is empty it does not).
import { readFileSync, writeFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const [zipPath, stdlibPath, outPath] = process.argv.slice(2);
const deltaSource = readFileSync(new URL("../docs/assets/javascripts/snapshot-delta.js", import.meta.url));
const { capturePristine, encode, pack, restoringCreate } = await import(`data:text/javascript;base64,${deltaSource.toString("base64")}`);
const createModule = (await import("pyodide/pyodide.asm.mjs")).default;
// `_sysExecutable`: emscripten's program name, sys.executable and $_; under Node it would be this
// script's path on the build machine, in a browser it is "./this.program".
const common = { stdLibURL: stdlibPath, _sysExecutable: "./this.program", stdout: () => {}, stderr: () => {} };

// (1) `packages` must stay empty: a snapshot cannot be made once a package is loaded (Pyodide #5195).
const pyodide = await loadPyodide({ ...common, _makeSnapshot: true });
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
const { check, modules } = JSON.parse(result);
const heap = pyodide._module.HEAP8.length;

// (2) the memory the wasm file sets up (its data segments), seen as the browser's worker sees it
let base = null;
await loadPyodide({ ...common, _loadSnapshot: snapshot.slice(), createPyodideModule: async (settings) => {
  capturePristine(settings, (memory) => { base = memory.slice(); });
  return createModule(settings);
} });
let length = base.length;
while (length > 0 && base[length - 1] === 0) length -= 1;
length = Math.min(base.length, Math.ceil(length / 64) * 64);
const delta = snapshot.slice();
const hash = encode(delta, base, length);
const packed = pack(delta); // without the 4 KB chunks that are all zeros (snapshot-delta.js)

// (3) the browser's way back, without the calculators' files
const restored = await loadPyodide({ ...common, _loadSnapshot: new Uint8Array(delta.length),
                                      createPyodideModule: restoringCreate(createModule, Promise.resolve(packed.slice()), { length, hash }) });
const after = JSON.parse(restored.runPython(`
import json, calculators
problems = []
for name in calculators.CALCULATORS:
    for label, inputs in calculators.module(name).EXAMPLES.items():
        try:
            calculators.answer_json(name, json.dumps(inputs))
        except Exception as error:  # a file or module the snapshot does not hold
            problems.append(f"{name} {label}: {type(error).__name__}: {error}")
json.dumps({"check": calculators.self_check(), "problems": problems})
`));
if (after.check !== check) {
  process.stderr.write("the snapshot, restored from its difference, gives another answer\n");
  process.exit(1);
}
writeFileSync(outPath, packed);
process.stdout.write(JSON.stringify({ bytes: packed.byteLength, memory_bytes: delta.byteLength, heap, check, modules,
                                      delta: { length, hash }, needs_files: after.problems }));
