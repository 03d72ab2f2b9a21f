// Compiles Python source files to bytecode with Pyodide's own Python (the browser's 3.14, not the
// host's 3.11), for pack_calculators.py: the browser then imports the calculators without
// compiling them first (about 30 ms of a cold start on a 2-core machine).
//
// Usage: node build_scripts/compile_in_pyodide.mjs < sources.json > compiled.json
//   in:  {"calculators/plan.py": "<base64 of the source>", ...}   paths relative to a folder on sys.path
//   out: {"calculators/__pycache__/plan.cpython-314.pyc": "<base64>", ...}
// The .pyc files are "checked hash" ones: Python compares them with a hash of the .py next to
// them and compiles the source itself if they differ, so a wrong .pyc can only cost time.
import { loadPyodide } from "pyodide";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const sources = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const pyodide = await loadPyodide();
pyodide.globals.set("sources_json", JSON.stringify(sources));
const output = pyodide.runPython(`
import base64, importlib.util, json, os, py_compile
root = "/home/pyodide/lib"
compiled = {}
for relative, data in json.loads(sources_json).items():
    source = os.path.join(root, relative)
    os.makedirs(os.path.dirname(source), exist_ok=True)
    with open(source, "wb") as file:
        file.write(base64.b64decode(data))  # the exact bytes: the .pyc carries their hash
    target = importlib.util.cache_from_source(source)
    py_compile.compile(source, cfile=target, doraise=True,
                       invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
    with open(target, "rb") as file:
        compiled[os.path.relpath(target, root)] = base64.b64encode(file.read()).decode("ascii")
json.dumps(compiled)
`);
process.stdout.write(output);
