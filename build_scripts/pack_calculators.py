"""MkDocs hook: ship the calculators package into the site as one zip.

The zip holds the same Python files the tests import (`calculators/*.py`), stored under
`calculators/` so the browser can unpack it into a folder on `sys.path`, plus what is made here so
that a start in the browser does less work:
  - `calculators/product_rules.json`: product_rules.toml converted to JSON, which rules.py reads
    in preference to the TOML (no tomllib to import in the browser); `calculators/lenders.json`
    likewise for lenders.toml (the lender directory, read by lenders.py).
No compiled .pyc files: they more than doubled the download (245 KB against 98 KB with brotli) to
save about 45 ms of compiling, and a visit that starts from the build's memory snapshot (make_snapshot.py)
does not fetch the zip at all. The zip's entries are stored; its .br/.gz copies (precompress.py) are
what a host sends. Its name carries a hash of its content, so a cache never serves old code;
`assets/calculators.json` tells the worker which zip to fetch, its sha256, and how many bytes the
worker downloads in all (Pyodide's wasm, stdlib zip and lock file, plus this zip) for the page's
progress line.
"""

import hashlib
import io
import json
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
FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # same bytes for the same source


def python_files():
    return sorted(PACKAGE.glob("*.py"))


def packed_lenders():
    """lenders.toml as JSON text, read by lenders.py in preference to the TOML."""
    return json.dumps(lenders.read_data_file(), ensure_ascii=False, indent=1) + "\n"


def packed_rules():
    """product_rules.toml as JSON text (tables and keys in file order), read by rules.py itself."""
    return json.dumps(rules.read_data_file(), ensure_ascii=False, indent=1) + "\n"


def zip_contents():
    """{path in the zip: bytes}."""
    return {
        **{str(path.relative_to(ROOT)): path.read_bytes() for path in python_files()},
        f"calculators/{rules.PACKED_DATA_FILE}": packed_rules().encode("utf-8"),
        f"calculators/{lenders.PACKED_DATA_FILE}": packed_lenders().encode("utf-8"),
    }


def build_zip():
    """The files stored, not deflated: the zip as a whole compresses far better (precompress.py writes
    its .br and .gz copies, which a host sends with Content-Encoding), 98 KB with brotli against 401 KB
    for deflated entries with .pyc files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in sorted(zip_contents().items()):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED
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
    manifest = {"zip": f"py/{name}", "sha256": digest, "zip_bytes": len(data),
                "download_bytes": download_bytes(config["site_dir"]) + len(data),
                "stdlib": stdlib}
    # Python's memory after importing the calculators, made by Node at build time (make_snapshot.py);
    # runs after copy_pyodide.py (mkdocs.yml order), so the stdlib zip it is made with is the one served
    snapshot = make_snapshot.add_to_site(config["site_dir"], data)
    if snapshot:
        manifest["snapshot"] = snapshot
    (Path(config["site_dir"]) / "assets" / "calculators.json").write_text(json.dumps(manifest))
