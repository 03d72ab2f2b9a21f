"""A python_stdlib.zip holding only what the calculators need (called by pack_calculators.py).

Pyodide's python_stdlib.zip (2.5 MB, 614 entries, each deflated) is most of the bytes after the
wasm. build_scripts/stdlib_modules.mjs runs the calculators under Node on the site's own Pyodide
(start-up, import, warm_up(), every named example through answer_json, bad input, a traceback) and
lists the zip's files Python read; this writes site/pyodide/python_stdlib.zip with those (and a few
codecs a browser may ask for), same paths, entries deflated: 0.7 MB on any host, compressing or not.
`make bench` prints the measurements behind that choice (stored entries compress better as a whole,
but only on a host that compresses .zip files).

Pyodide's full zip was checked against pyodide-files.sha256 by copy_pyodide.py first; the trimmed
one's sha256 goes into assets/calculators.json. The memory snapshot is made with this very file
(zipimport keeps a zip's table of contents in Python's memory). Cached in build/stdlib-cache/.
"""

import hashlib
import io
import json
import subprocess
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = ROOT / "build" / "stdlib-cache"
FULL = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"
FIXED_TIME = (2020, 1, 1, 0, 0, 0)
# Codecs a browser or a reader's input might still ask for by name (str.encode, open(..., encoding=)):
# cheap (a few kB each) insurance beyond what the run above imported.
EXTRA = ["encodings/ascii.py", "encodings/latin_1.py", "encodings/utf_8_sig.py",
         "encodings/raw_unicode_escape.py", "encodings/unicode_escape.py"]


def used_files(calculators_zip):
    key = hashlib.sha256()
    for path in (FULL, HERE / "stdlib_modules.mjs"):
        key.update(hashlib.sha256(path.read_bytes()).digest())
    key.update(hashlib.sha256(calculators_zip).digest())
    cached = CACHE / f"{key.hexdigest()}.json"
    if not cached.is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        zip_path = CACHE / "calculators.zip"
        zip_path.write_bytes(calculators_zip)
        try:
            completed = subprocess.run(["node", str(HERE / "stdlib_modules.mjs"), str(zip_path)],
                                       capture_output=True, text=True, cwd=ROOT, timeout=300)
        finally:
            zip_path.unlink(missing_ok=True)
        if completed.returncode != 0:
            raise RuntimeError(f"listing the stdlib modules in Pyodide failed:\n{completed.stderr[-2000:]}")
        for old in CACHE.glob("*.json"):
            old.unlink()
        cached.write_text(completed.stdout)
    return json.loads(cached.read_text())


def trimmed_zip(names, method=zipfile.ZIP_DEFLATED):
    full = zipfile.ZipFile(FULL)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(set(names)):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = method
            archive.writestr(info, full.read(name))
    return buffer.getvalue()


def write(site_dir, calculators_zip):
    """Replace site_dir/pyodide/python_stdlib.zip with the trimmed one; returns its manifest entry."""
    data = trimmed_zip(used_files(calculators_zip) + EXTRA)
    (Path(site_dir) / "pyodide" / "python_stdlib.zip").write_bytes(data)
    return {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data), "files": len(set(used_files(calculators_zip) + EXTRA))}
