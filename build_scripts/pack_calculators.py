"""MkDocs hook: ship the calculators package into the site as one zip.

The zip holds the same Python files the tests import (`calculators/*.py`), stored under
`calculators/` so the browser can unpack it into a folder on `sys.path`, plus two things made
here so that a cold start in the browser does less work:
  - `calculators/__pycache__/*.cpython-314.pyc`: the files compiled by Pyodide's own Python
    (build_scripts/compile_in_pyodide.mjs, run with Node). They are "checked hash" files: Python
    uses one only if it matches the .py next to it. Cached in build/pyc-cache/ by the sources'
    and Pyodide's versions, so a rebuild that does not touch the calculators does not start Node.
  - `calculators/product_rules.json`: product_rules.toml converted to JSON, which rules.py reads
    in preference to the TOML (no tomllib to import in the browser); `calculators/lenders.json`
    likewise for lenders.toml (the lender directory, read by lenders.py).
Its name carries a hash of its content, so a cache never serves old code;
`assets/calculators.json` tells the worker which zip to fetch, its sha256, and how many bytes the
worker downloads in all (Pyodide's wasm, stdlib zip and lock file, plus this zip) for the page's
progress line.
"""

import base64
import hashlib
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# MkDocs restores sys.path after loading a hook, so import the package now.
sys.path.insert(0, str(ROOT))
from calculators import lenders, rules  # noqa: E402

sys.path.insert(0, str(HERE))
import make_snapshot  # noqa: E402
import trim_stdlib  # noqa: E402

PACKAGE = ROOT / "calculators"
PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide" / "package.json"
PYC_CACHE = ROOT / "build" / "pyc-cache"
FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # same bytes for the same source


def python_files():
    return sorted(PACKAGE.glob("*.py"))


def packed_lenders():
    """lenders.toml as JSON text, read by lenders.py in preference to the TOML."""
    return json.dumps(lenders.read_data_file(), ensure_ascii=False, indent=1) + "\n"


def packed_rules():
    """product_rules.toml as JSON text (tables and keys in file order), read by rules.py itself."""
    return json.dumps(rules.read_data_file(), ensure_ascii=False, indent=1) + "\n"


def compiled_for_pyodide(sources):
    """{relative .pyc path: bytes} for {relative .py path: bytes}, compiled by Pyodide's Python."""
    version = json.loads(PYODIDE_PACKAGE.read_text())["version"]
    key = hashlib.sha256(version.encode())
    for relative, data in sorted(sources.items()):
        key.update(relative.encode() + b"\0" + hashlib.sha256(data).digest())
    cached = PYC_CACHE / f"{key.hexdigest()}.json"
    if not cached.is_file():
        request = json.dumps({k: base64.b64encode(v).decode("ascii") for k, v in sources.items()})
        completed = subprocess.run(
            ["node", str(HERE / "compile_in_pyodide.mjs")], input=request, capture_output=True,
            text=True, cwd=ROOT, timeout=300,
        )
        if completed.returncode != 0:
            raise RuntimeError(f"compiling the calculators in Pyodide failed:\n{completed.stderr[-2000:]}")
        PYC_CACHE.mkdir(parents=True, exist_ok=True)
        for old in PYC_CACHE.glob("*.json"):
            old.unlink()
        cached.write_text(completed.stdout)
    return {k: base64.b64decode(v) for k, v in json.loads(cached.read_text()).items()}


def zip_contents():
    """{path in the zip: bytes}."""
    sources = {str(path.relative_to(ROOT)): path.read_bytes() for path in python_files()}
    imported = {name: data for name, data in sources.items() if not name.endswith("__main__.py")}  # the CLI
    return {
        **sources,
        **compiled_for_pyodide(imported),
        f"calculators/{rules.PACKED_DATA_FILE}": packed_rules().encode("utf-8"),
        f"calculators/{lenders.PACKED_DATA_FILE}": packed_lenders().encode("utf-8"),
    }


def build_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(zip_contents().items()):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def download_bytes(site_dir):
    """Bytes of Pyodide the worker fetches (wasm, stdlib zip, lock file) as the site serves them:
    the two .mjs files are loaded by `import`, which the worker cannot count, so they are left out."""
    total = 0
    listing = HERE / "pyodide-files.sha256"
    for line in listing.read_text().splitlines():
        parts = line.split()
        if len(parts) == 2 and not parts[1].endswith(".mjs"):
            total += (Path(site_dir) / "pyodide" / parts[1]).stat().st_size
    return total


def on_post_build(config, **kwargs):
    data = build_zip()
    digest = hashlib.sha256(data).hexdigest()
    name = f"calculators-{digest[:12]}.zip"
    target = Path(config["site_dir"]) / "py"
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("calculators-*.zip"):
        old.unlink()
    (target / name).write_bytes(data)
    # only what the calculators use of the standard library (trim_stdlib.py), before the snapshot is made with it
    stdlib = trim_stdlib.write(config["site_dir"], data)
    manifest = {"zip": f"py/{name}", "sha256": digest, "download_bytes": download_bytes(config["site_dir"]) + len(data),
                "stdlib": stdlib}
    # Python's memory after importing the calculators, made by Node at build time (make_snapshot.py);
    # runs after copy_pyodide.py (mkdocs.yml order), so the stdlib zip it is made with is the one served
    snapshot = make_snapshot.add_to_site(config["site_dir"], data)
    if snapshot:
        manifest["snapshot"] = snapshot
    (Path(config["site_dir"]) / "assets" / "calculators.json").write_text(json.dumps(manifest))
