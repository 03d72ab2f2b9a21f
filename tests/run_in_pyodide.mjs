// Runs calculators under Pyodide in Node (the interpreter the browser uses, without a browser).
// Usage: node tests/run_in_pyodide.mjs <calculators zip> <cases.json> [python_stdlib.zip]
// Prints one JSON object: {"python": [major, minor], "results": [<calculators.run(...) for each case>],
//   "compiled_here": [modules Python had to compile from source], "modules": [every module imported]}.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { loadPyodide } from "pyodide";

const [zipPath, casesPath, stdlibPath] = process.argv.slice(2);
const here = path.dirname(fileURLToPath(import.meta.url));
// stdlibPath: the site's (trimmed) python_stdlib.zip, so the cases run on what the browser gets
const pyodide = await loadPyodide({ indexURL: path.join(here, "..", "node_modules", "pyodide") + "/",
                                   ...(stdlibPath ? { stdLibURL: stdlibPath } : {}) });
pyodide.unpackArchive(new Uint8Array(readFileSync(zipPath)), "zip", { extractDir: "/home/pyodide/lib" });
pyodide.globals.set("cases_json", readFileSync(casesPath, "utf8"));
const output = pyodide.runPython(`
import json, sys
from importlib.machinery import SourceFileLoader
compiled_here = []
to_code = SourceFileLoader.source_to_code
def counting(self, data, path, *args, **kwargs):
    compiled_here.append(path)
    return to_code(self, data, path, *args, **kwargs)
SourceFileLoader.source_to_code = counting
sys.path.insert(0, "/home/pyodide/lib")
import calculators
cases = json.loads(cases_json)
results = [calculators.run(case["calculator"], case["inputs"]) for case in cases]
json.dumps({
    "python": list(sys.version_info[:2]),
    "results": results,
    "compiled_here": compiled_here,
    "modules": sorted(sys.modules),
}, ensure_ascii=False)
`);
process.stdout.write(output);
