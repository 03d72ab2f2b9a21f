"""MkDocs hook: ship the calculators package into the site as one zip.

The zip holds the same files the tests import (`calculators/*.py` and its data
file), stored under `calculators/` so the browser can unpack it into a folder on
`sys.path`. Its name carries a hash of its content, so a cache never serves old
code; `assets/calculators.json` tells the page which zip to fetch.
"""

import hashlib
import io
import json
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent / "calculators"
SHIPPED_SUFFIXES = {".py", ".toml"}
FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # same bytes for the same source


def package_files():
    return sorted(
        path for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix in SHIPPED_SUFFIXES and "__pycache__" not in path.parts
    )


def build_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in package_files():
            info = zipfile.ZipInfo(str(path.relative_to(PACKAGE.parent)), FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def on_post_build(config, **kwargs):
    data = build_zip()
    digest = hashlib.sha256(data).hexdigest()
    name = f"calculators-{digest[:12]}.zip"
    target = Path(config["site_dir"]) / "py"
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("calculators-*.zip"):
        old.unlink()
    (target / name).write_bytes(data)
    manifest = {"zip": f"py/{name}", "sha256": digest}
    (Path(config["site_dir"]) / "assets" / "calculators.json").write_text(json.dumps(manifest))
