"""MkDocs hook: write `FILE.br` and `FILE.gz` next to every text and wasm file worth compressing.

A web server that finds them (nginx `gzip_static`/`brotli_static`, Caddy `precompressed`,
build_scripts/serve_site.py) sends them to a browser that accepts them, with `Content-Encoding`,
so no host has to compress a 9.6 MB wasm file on every request and every host sends the same bytes:
brotli at quality 11 (pyodide.asm.wasm: 9.6 MB -> 2.7 MB) and gzip at level 9, for the browsers and
servers without brotli.

- Worth it: a text, wasm or zip file (by suffix) of at least MIN_SIZE bytes whose compressed copy saves
  at least 5 %: the calculators zip (entries stored) gets its copies; the stdlib zip (entries deflated)
  would save too little and gets none. The build's memory snapshot (.bin) is compressed by
  make_snapshot.py, which writes its own .br and .gz.
- Reproducible: the same input gives the same bytes (gzip with no name and time 0, brotli has
  neither); a copy is cached in build/compress-cache/ under the sha256 of its input, so only a
  changed file is compressed again (brotli 11 takes about a minute for the wasm).
- Derived: the copies are not listed in the service worker (it runs first: this hook is the last
  of the build) nor in pyodide-files.sha256; they decode to the exact bytes of the file beside them.
- The offline zip leaves this hook out (make_offline_zip.py): the copies would push it over its size
  limit, and on 127.0.0.1 compression gains nothing.
"""

import gzip
import hashlib
import os
from pathlib import Path

import brotli
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("XSHK_COMPRESS_CACHE", ROOT / "build" / "compress-cache"))
SUFFIXES = {".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt", ".webmanifest", ".wasm", ".map", ".zip"}
MIN_SIZE = 1024
MIN_SAVING = 0.05
BROTLI_QUALITY = 11
GZIP_LEVEL = 9
SETTINGS = f"br{BROTLI_QUALITY}-{brotli.version}-gz{GZIP_LEVEL}"


def worth_compressing(path):
    return path.suffix in SUFFIXES and path.stat().st_size >= MIN_SIZE


def compress_gzip(data):
    return gzip.compress(data, GZIP_LEVEL, mtime=0)


def compress_brotli(data):
    mode = brotli.MODE_TEXT if not data.startswith((b"\0asm", b"PK")) else brotli.MODE_GENERIC
    return brotli.compress(data, mode=mode, quality=BROTLI_QUALITY)


def cached(kind, data, compress):
    key = hashlib.sha256(SETTINGS.encode() + b"\0" + kind.encode() + b"\0" + data).hexdigest()
    path = CACHE / f"{key}.{kind}"
    if path.is_file():
        return path.read_bytes()
    result = compress(data)
    CACHE.mkdir(parents=True, exist_ok=True)
    part = path.with_suffix(f".{kind}.part{os.getpid()}")
    part.write_bytes(result)
    part.replace(path)
    return result


def precompress(site_dir):
    """Write the compressed copies for site_dir; returns {relative path: (raw, br, gz) sizes} written."""
    site_dir = Path(site_dir)
    written = {}
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or not worth_compressing(path):
            continue
        data = path.read_bytes()
        sizes = [len(data)]
        for kind, compress in (("br", compress_brotli), ("gz", compress_gzip)):
            target = path.with_name(path.name + "." + kind)
            packed = cached(kind, data, compress)
            if len(packed) <= len(data) * (1 - MIN_SAVING):
                target.write_bytes(packed)
                sizes.append(len(packed))
            else:
                target.unlink(missing_ok=True)
                sizes.append(None)
        written[path.relative_to(site_dir).as_posix()] = tuple(sizes)
    return written


@event_priority(-2000)  # after the service worker (-1000): the copies of sw.js are of its final text
def on_post_build(config, **kwargs):
    precompress(config["site_dir"])
