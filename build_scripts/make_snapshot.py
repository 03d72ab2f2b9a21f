"""The memory snapshot a cold visit starts Python from, made at build time (called by pack_calculators.py).

`node build_scripts/make_snapshot.mjs` starts the site's own Pyodide (node_modules/pyodide, the
pinned npm package: same build id as the browser's) with `_makeSnapshot`, does what the worker's
setUp() does (calculators zip unpacked into /home/pyodide/lib, on sys.path, imported, warm_up()) and
writes Python's memory (`makeMemorySnapshot()`, 31.5 MB, 70 % zeros). Shipped gzip-compressed
(`py/snapshot-<hash>.gzip`: the worker inflates it with DecompressionStream("gzip"); any static host
serves it as it is, no Content-Encoding needed) and described in assets/calculators.json:

    "snapshot": {"url": "py/snapshot-….gzip", "encoding": "gzip", "sha256": <of the raw snapshot>,
                 "bytes": <raw size>, "compressed_bytes": <file size>, "check": <sha256 of self_check()>}

Cached in build/snapshot-cache/ under a key of everything it depends on (Pyodide's version and pinned
files, this script and make_snapshot.mjs, the calculators zip, the stdlib zip the site serves), so a
rebuild that changes none of them takes no time. A snapshot whose heap grew beyond Pyodide's initial
heap is not shipped (it would fail to restore, Pyodide #6254): the build says so and the site starts
Python the normal way. `XSHK_NO_SNAPSHOT=1` builds without one (the offline copy, see make_offline_zip.py).
"""

import gzip
import hashlib
import json
import logging
import os
import subprocess
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = ROOT / "build" / "snapshot-cache"
PYODIDE = ROOT / "node_modules" / "pyodide"
INITIAL_HEAP = 31_457_280  # Pyodide 314's initial memory; a larger snapshot fails to restore (#6254)
GZIP_LEVEL = 9  # 6.33 MB in 3 s; level 6: 6.38 MB in 0.5 s
SUFFIX = ".gzip"  # not ".gz": some hosts add `Content-Encoding: gzip` to .gz files by name
log = logging.getLogger("mkdocs.hooks.snapshot")


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def cache_key(calculators_zip, stdlib_zip):
    digest = hashlib.sha256(f"gzip{GZIP_LEVEL}\0".encode())
    for path in (PYODIDE / "package.json", HERE / "pyodide-files.sha256", HERE / "make_snapshot.mjs", Path(__file__)):
        digest.update(path.read_bytes() + b"\0")
    digest.update(hashlib.sha256(calculators_zip).digest() + hashlib.sha256(stdlib_zip).digest())
    return digest.hexdigest()


def make(calculators_zip, stdlib_path):
    """(gzip bytes, description) for this calculators zip and stdlib zip; from the cache when it can."""
    stdlib_path = Path(stdlib_path)
    key = cache_key(calculators_zip, stdlib_path.read_bytes())
    cached_data, cached_meta = CACHE / f"{key}{SUFFIX}", CACHE / f"{key}.json"
    if cached_data.is_file() and cached_meta.is_file():
        return cached_data.read_bytes(), json.loads(cached_meta.read_text())
    started = time.perf_counter()
    CACHE.mkdir(parents=True, exist_ok=True)
    zip_path, raw_path = CACHE / f"{key}.calculators.zip", CACHE / f"{key}.raw"
    zip_path.write_bytes(calculators_zip)
    try:
        completed = subprocess.run(
            ["node", str(HERE / "make_snapshot.mjs"), str(zip_path), str(stdlib_path.resolve()), str(raw_path)],
            capture_output=True, text=True, cwd=ROOT, timeout=300,
        )
        if completed.returncode != 0:
            raise RuntimeError(f"making the memory snapshot in Pyodide failed:\n{completed.stderr[-2000:]}")
        made = json.loads(completed.stdout)
        raw = raw_path.read_bytes()
        node_seconds = time.perf_counter() - started
        compressed = gzip.compress(raw, GZIP_LEVEL, mtime=0)
    finally:
        zip_path.unlink(missing_ok=True)
        raw_path.unlink(missing_ok=True)
    meta = {
        "encoding": "gzip", "sha256": sha256(raw), "bytes": len(raw), "compressed_bytes": len(compressed),
        "heap": made["heap"], "check": sha256(made["check"].encode("utf-8")),
        # for `make bench`: what making it costs a build (not shipped)
        "build_seconds": {"node": round(node_seconds, 2), "gzip": round(time.perf_counter() - started - node_seconds, 2)},
    }
    for old in CACHE.glob("*"):
        old.unlink()
    cached_data.write_bytes(compressed)
    cached_meta.write_text(json.dumps(meta))
    return compressed, meta


def add_to_site(site_dir, calculators_zip):
    """Write the snapshot into site_dir/py/ and return the manifest's "snapshot" entry (None: none shipped)."""
    target = Path(site_dir) / "py"
    for old in target.glob(f"snapshot-*{SUFFIX}"):
        old.unlink()
    if os.environ.get("XSHK_NO_SNAPSHOT"):
        return None
    data, meta = make(calculators_zip, Path(site_dir) / "pyodide" / "python_stdlib.zip")
    if meta["heap"] > INITIAL_HEAP:
        log.warning("memory snapshot not shipped: Python's heap grew to %d bytes (> %d), which fails to restore",
                    meta["heap"], INITIAL_HEAP)
        return None
    name = f"py/snapshot-{sha256(data)[:12]}{SUFFIX}"
    (Path(site_dir) / name).write_bytes(data)
    return {"url": name, **{k: meta[k] for k in ("encoding", "sha256", "bytes", "compressed_bytes", "check")}}
