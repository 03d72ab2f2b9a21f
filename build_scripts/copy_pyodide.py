"""MkDocs hook: serve the Pyodide runtime from the site itself.

Copies the core files a plain Python needs from the npm package (pinned in
package.json / package-lock.json, installed by `npm ci`) into `site/pyodide/`,
after checking each file's sha256 against `pyodide-files.sha256`. A missing file
or a mismatch stops the build.
"""

import hashlib
import json
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SOURCE = ROOT / "node_modules" / "pyodide"
CHECKSUMS = HERE / "pyodide-files.sha256"
PINNED_VERSION = json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]


def expected_files():
    """{file name: sha256} from the committed list."""
    pairs = (line.split() for line in CHECKSUMS.read_text().splitlines() if line.strip())
    return {name: digest for digest, name in pairs}


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def on_post_build(config, **kwargs):
    installed = json.loads((SOURCE / "package.json").read_text())["version"] if SOURCE.exists() else None
    if installed != PINNED_VERSION:
        raise PluginError(
            f"Pyodide {PINNED_VERSION} is pinned but node_modules has {installed or 'nothing'}: run `npm ci` (make does)."
        )
    target = Path(config["site_dir"]) / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    for name, digest in expected_files().items():
        source = SOURCE / name
        if not source.is_file():
            raise PluginError(f"Pyodide file missing: {source}. Run `npm ci`.")
        actual = sha256(source)
        if actual != digest:
            raise PluginError(
                f"Pyodide file {name} does not match its pinned checksum "
                f"(expected {digest}, got {actual}). The npm package changed or is corrupt: "
                f"delete node_modules and run `npm ci`; if the pin was changed on purpose, update {CHECKSUMS.name}."
            )
        shutil.copyfile(source, target / name)
