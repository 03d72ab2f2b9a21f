// Lists the files of python_stdlib.zip that Python reads to run the calculators, for trim_stdlib.py:
// Pyodide's own start-up, `import calculators`, warm_up(), every calculator's named examples through
// answer_json (what the page calls), bad JSON, and a traceback (what a calculator bug prints).
//
// Usage: node build_scripts/stdlib_modules.mjs <calculators zip>   prints a JSON list of paths in the zip
import { readFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const pyodide = await loadPyodide({ stdout: () => {}, stderr: () => {} });
pyodide.unpackArchive(new Uint8Array(readFileSync(process.argv[2])), "zip", { extractDir: "/home/pyodide/lib" });
process.stdout.write(pyodide.runPython(`
import json, sys, traceback
sys.path.insert(0, "/home/pyodide/lib")
import calculators
calculators.warm_up()
calculators.self_check()
for name in calculators.CALCULATORS:
    for inputs in calculators.module(name).EXAMPLES.values():
        calculators.answer_json(name, json.dumps(inputs))
        calculators.answer_json(name, json.dumps({key: "x" for key in inputs}))
    calculators.answer_json(name, "{not json")
try:
    raise ValueError("x")
except ValueError:
    traceback.format_exc()
ZIP = "/lib/python314.zip/"
used = set()
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or getattr(module, "__file__", None) or ""
    if origin.startswith(ZIP):
        used.add(origin[len(ZIP):])
json.dumps(sorted(used))
`));
