"""The memory snapshot a cold visit starts Python from, made at build time (called by pack_calculators.py).

`node build_scripts/make_snapshot.mjs` starts the site's own Pyodide (node_modules/pyodide, the
pinned npm package: same build id as the browser's) with `_makeSnapshot`, does what the worker's
setUp() does (calculators zip unpacked into /home/pyodide/lib, on sys.path, imported, warm_up()) and
writes Python's memory (`makeMemorySnapshot()`, 31.5 MB) as a difference from the memory the wasm file
sets up (docs/assets/javascripts/snapshot-delta.js: the wasm's own 3.8 MB of static data, XORed with
its data segments, mostly cancel out), packed (snapshot-delta.js `pack`: the 4 KB chunks that are all
zeros left out, a bitmap says which are kept). Shipped three ways, all in py/:

    snapshot-<hash>.bin      the packed difference (11.2 MB): never read whole by a browser
    snapshot-<hash>.bin.br   brotli 11 (3.0 MB): what a host with precompressed files sends for .bin,
                             with `Content-Encoding: br`, so the browser's network code inflates it
    snapshot-<hash>.bin.gz   gzip 9 (4.6 MB)

The worker asks for `.bin`; a host that answers without a Content-Encoding would send 11.2 MB, so the
worker stops reading at the headers and fetches `.bin.br` (DecompressionStream("brotli")) or `.bin.gz`
(DecompressionStream("gzip")) itself. assets/calculators.json describes it:

    "snapshot": {"url": "py/snapshot-….bin", "br": "….bin.br", "gzip": "….bin.gz", "encoding": "packed delta",
                 "sha256": <of the .bin>, "bytes": <its size>, "memory_bytes": <the snapshot it stands
                 for: the memory Python needs>, "compressed_bytes": <.br size>,
                 "gzip_bytes": <.gz size>, "check": <sha256 of self_check()>,
                 "delta": {"length", "hash"}, "needs_files": <true when a restored Python
                 needs the calculators zip's files: make_snapshot.mjs runs every example without them>}

Cached in build/snapshot-cache/ under a key of everything it depends on (Pyodide's version and pinned
files, this script, make_snapshot.mjs, snapshot-delta.js, the calculators zip, the stdlib zip the site
serves), so a rebuild that changes none of them takes no time. A snapshot whose heap grew beyond
Pyodide's initial heap is not shipped (it would fail to restore, Pyodide #6254): the build says so and
the site starts Python the normal way. `XSHK_NO_SNAPSHOT=1` builds without one (the offline copy, see
make_offline_zip.py).
"""

import gzip
import hashlib
import json
import logging
import os
import struct
import subprocess
import time
from pathlib import Path

import brotli

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = ROOT / "build" / "snapshot-cache"
PYODIDE = ROOT / "node_modules" / "pyodide"
INITIAL_HEAP = 31_457_280  # Pyodide 314's initial memory; a larger snapshot fails to restore (#6254)
GZIP_LEVEL = 9
BROTLI = {"quality": 11, "lgwin": 24}  # 3.0 MB in about 25 s (cached); quality 9: faster, 10 % larger
SUFFIX = ".bin"
DELTA = ROOT / "docs" / "assets" / "javascripts" / "snapshot-delta.js"
log = logging.getLogger("mkdocs.hooks.snapshot")


def unpack(packed):
    """The snapshot a packed one stands for (snapshot-delta.js `pack`: the 4 KB chunks that are all
    zeros left out); for `make bench`'s sizes."""
    _, _, head, memory, chunk, _ = struct.unpack_from("<6I", packed)
    count = memory // chunk
    bitmap = int.from_bytes(packed[24:24 + (count + 31) // 32 * 4], "little")
    at = 24 + (count + 31) // 32 * 4
    out = bytearray(packed[at:at + head])
    at += head
    for index in range(count):
        if bitmap >> index & 1:
            out += packed[at:at + chunk]
            at += chunk
        else:
            out += bytes(chunk)
    return bytes(out)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def cache_key(calculators_zip, stdlib_zip):
    digest = hashlib.sha256(f"gzip{GZIP_LEVEL} brotli{BROTLI}\0".encode())
    for path in (PYODIDE / "package.json", HERE / "pyodide-files.sha256", HERE / "make_snapshot.mjs", DELTA, Path(__file__)):
        digest.update(path.read_bytes() + b"\0")
    digest.update(hashlib.sha256(calculators_zip).digest() + hashlib.sha256(stdlib_zip).digest())
    return digest.hexdigest()


COPIES = {".br": lambda data: brotli.compress(data, mode=brotli.MODE_GENERIC, **BROTLI),
          ".gz": lambda data: gzip.compress(data, GZIP_LEVEL, mtime=0)}


def make(calculators_zip, stdlib_path):
    """({suffix: bytes} for "" (the difference), ".br" and ".gz", description) for this calculators zip
    and stdlib zip; from the cache when it can."""
    stdlib_path = Path(stdlib_path)
    key = cache_key(calculators_zip, stdlib_path.read_bytes())
    cached = {suffix: CACHE / f"{key}{SUFFIX}{suffix}" for suffix in ("", *COPIES)}
    cached_meta = CACHE / f"{key}.json"
    if all(path.is_file() for path in cached.values()) and cached_meta.is_file():
        return {suffix: path.read_bytes() for suffix, path in cached.items()}, json.loads(cached_meta.read_text())
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
    finally:
        zip_path.unlink(missing_ok=True)
        raw_path.unlink(missing_ok=True)
    node_seconds = time.perf_counter() - started
    files, seconds = {"": raw}, {"node": round(node_seconds, 2)}
    for suffix, compress in COPIES.items():
        began = time.perf_counter()
        files[suffix] = compress(raw)
        seconds[suffix.lstrip(".")] = round(time.perf_counter() - began, 2)
    meta = {
        "encoding": "packed delta", "sha256": sha256(raw), "bytes": len(raw), "memory_bytes": made["memory_bytes"],
        "compressed_bytes": len(files[".br"]),
        "gzip_bytes": len(files[".gz"]), "heap": made["heap"], "check": sha256(made["check"].encode("utf-8")),
        "delta": made["delta"], "needs_files": made["needs_files"],
        # for `make bench`: what making it costs a build (not shipped)
        "build_seconds": seconds,
    }
    for old in CACHE.glob("*"):
        old.unlink()
    for suffix, path in cached.items():
        path.write_bytes(files[suffix])
    cached_meta.write_text(json.dumps(meta))
    return files, meta


def add_to_site(site_dir, calculators_zip):
    """Write the snapshot into site_dir/py/ and return the manifest's "snapshot" entry (None: none shipped)."""
    target = Path(site_dir) / "py"
    for old in target.glob("snapshot-*"):
        old.unlink()
    if os.environ.get("XSHK_NO_SNAPSHOT"):
        return None
    files, meta = make(calculators_zip, Path(site_dir) / "pyodide" / "python_stdlib.zip")
    if meta["heap"] > INITIAL_HEAP:
        log.warning("memory snapshot not shipped: Python's heap grew to %d bytes (> %d), which fails to restore",
                    meta["heap"], INITIAL_HEAP)
        return None
    if meta["needs_files"]:
        log.info("a Python restored from the snapshot needs the calculators' files: %s", "; ".join(meta["needs_files"]))
    name = f"py/snapshot-{sha256(files[''])[:12]}{SUFFIX}"
    for suffix, data in files.items():
        (Path(site_dir) / (name + suffix)).write_bytes(data)
    return {"url": name, "br": name + ".br", "gzip": name + ".gz",
            **{k: meta[k] for k in ("encoding", "sha256", "bytes", "memory_bytes", "compressed_bytes", "gzip_bytes", "check", "delta")},
            "needs_files": bool(meta["needs_files"])}
