"""Serve a built copy of 协商还款指南 over http, the way a real web host does. Standard library only.

Used by `make serve` (`python build_scripts/serve_site.py --directory site`), by the tests and
`make bench`, and by the offline copy's launchers (the zip carries this file as `serve.py`).

What it does that `python -m http.server` does not:
- precompressed files: when the browser accepts `br` (or `gzip`) and `FILE.br` (`FILE.gz`) lies next
  to FILE, it sends that file's bytes with `Content-Encoding` (the build writes them:
  build_scripts/precompress.py); otherwise FILE itself. `Vary: Accept-Encoding` on every file that
  has a compressed copy. It never compresses on the fly.
- the right types: `application/wasm`, `text/javascript` for `.js` and `.mjs`, UTF-8 for text;
- `Cache-Control`: `public, max-age=31536000, immutable` for files whose name carries a hash of
  their content (`bundle.a5f9d56c.min.js`, `calculators-a03ddbf331a9.zip`), `no-cache` (ask
  every time, 304 when unchanged) for everything else: pages, `sw.js`, the manifest, Pyodide;
- `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, deploy/nginx.conf's
  `Permissions-Policy`, and a Content-Security-Policy header that forbids framing (the pages carry
  the rest of the policy in a <meta>; deploy/nginx.conf sends all of it);
- the site's 404.html with status 404 for a missing page, and no directory listings.

    python3 serve.py [--directory DIR] [--port 8000] [--bind 127.0.0.1] [--open]

Only this computer can connect unless --bind says otherwise. Stop with Ctrl+C.
"""

import argparse
import email.utils
import functools
import http.server
import os
import re
import sys
import threading
import webbrowser
from urllib.parse import urlsplit

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".wasm": "application/wasm",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".map": "application/json",
    ".zip": "application/zip",
    ".gz": "application/gzip",
    ".br": "application/octet-stream",
}
# Compressed copies, best first: (Content-Encoding, suffix of the file next to the original).
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
# A name that changes whenever the content does: "name.<hex>.ext", "name.<hex>.min.js", "name-<hex>.zip".
HASHED_NAME = re.compile(r"[.-][0-9a-f]{8,}\.")
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "frame-ancestors 'none'",
    # the same list as deploy/nginx.conf: nothing on the site uses any of these
    "Permissions-Policy": "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), "
                          "magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=()",
}


def accepted(header):
    """The content codings an Accept-Encoding header allows (q > 0), lower case."""
    codings = set()
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if name and quality > 0:
            codings.add(name.strip().lower())
    return codings


def cache_control(path):
    return IMMUTABLE if HASHED_NAME.search(os.path.basename(path)) else REVALIDATE


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES)
    bytes_sent = None  # set to a one-item list by count_bytes(): response bytes (headers + bodies)

    def log_message(self, *args):
        pass

    def end_headers(self):
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def guess_type(self, path):
        return TYPES.get(os.path.splitext(path)[1].lower()) or super().guess_type(path)

    def send_head(self):
        path = self.translate_path(self.path)
        if any(part.startswith(".") for part in urlsplit(self.path).path.split("/")):
            return self.not_found()  # hidden files (a build's .built stamp) are not part of the site
        if os.path.isdir(path):
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the 301 to "dir/"
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return self.not_found()
        variants = [(coding, path + suffix) for coding, suffix in ENCODINGS if os.path.isfile(path + suffix)]
        wanted = accepted(self.headers.get("Accept-Encoding"))
        coding, served = next(((c, p) for c, p in variants if c in wanted or "*" in wanted), (None, path))
        try:
            file = open(served, "rb")
        except OSError:
            return self.not_found()
        stat = os.fstat(file.fileno())
        etag = '"%x-%x%s"' % (stat.st_mtime_ns, stat.st_size, "-" + coding if coding else "")
        if etag in [tag.strip() for tag in self.headers.get("If-None-Match", "").split(",")]:
            file.close()
            self.send_response(304)
            self.send_file_headers(path, etag, stat, variants, coding, length=None)
            self.end_headers()
            return None
        self.send_response(200)
        self.send_file_headers(path, etag, stat, variants, coding, length=stat.st_size)
        self.end_headers()
        return file

    def send_file_headers(self, path, etag, stat, variants, coding, length):
        self.send_header("Content-Type", self.guess_type(path))
        if coding:
            self.send_header("Content-Encoding", coding)
        if variants:
            self.send_header("Vary", "Accept-Encoding")
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.send_header("ETag", etag)
        self.send_header("Cache-Control", cache_control(path))

    def not_found(self):
        page = os.path.join(self.directory, "404.html")
        body = b"404 Not Found\n"
        kind = "text/plain; charset=utf-8"
        if os.path.isfile(page):
            with open(page, "rb") as file:
                body, kind = file.read(), TYPES[".html"]
        self.send_response(404)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", REVALIDATE)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def list_directory(self, path):  # a folder without index.html is not a page
        return self.not_found()


class CountingWriter:
    """Wraps a connection's output: adds every byte written to `total[0]`."""

    def __init__(self, raw, total):
        self.raw, self.total = raw, total

    def write(self, data):
        self.total[0] += len(data)
        return self.raw.write(data)

    def __getattr__(self, name):
        return getattr(self.raw, name)


class CountingHandler(SiteHandler):
    def setup(self):
        super().setup()
        self.wfile = CountingWriter(self.wfile, self.server.bytes_sent)


def make_server(directory, port=0, bind="127.0.0.1", count_bytes=False):
    """A threading server for `directory` (not started). With count_bytes, server.bytes_sent[0]
    is the number of bytes it has sent (status lines, headers and bodies; reset it to measure)."""
    handler = functools.partial(CountingHandler if count_bytes else SiteHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer((bind, port), handler)
    server.daemon_threads = True
    server.bytes_sent = [0]
    return server


def start(directory, port=0, bind="127.0.0.1", count_bytes=False):
    """Serve `directory` in a background thread; returns (server, base URL)."""
    server = make_server(directory, port, bind, count_bytes)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{bind}:{server.server_address[1]}/"


def main(argv=None):
    parser = argparse.ArgumentParser(description="Serve the built site with precompressed files and a host's headers.")
    parser.add_argument("--directory", "-d", default=os.getcwd(), help="the built site (default: this folder)")
    parser.add_argument("--port", "-p", type=int, default=8000, help="first port to try (default 8000)")
    parser.add_argument("--tries", type=int, default=1, help="try this many ports from --port up (default 1)")
    parser.add_argument("--bind", "-b", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this computer only)")
    parser.add_argument("--open", action="store_true", help="open the browser at the address")
    args = parser.parse_args(argv)
    directory = os.path.abspath(args.directory)
    if not os.path.isfile(os.path.join(directory, "index.html")):
        raise SystemExit(f"{directory} has no index.html: is it the built site?")
    for port in range(args.port, args.port + max(args.tries, 1)):
        try:
            server = make_server(directory, port, args.bind)
            break
        except OSError:
            continue
    else:
        raise SystemExit(f"端口 {args.port}–{args.port + args.tries - 1} 都被占用了 / no free port between "
                         f"{args.port} and {args.port + args.tries - 1}")
    url = f"http://{args.bind}:{server.server_address[1]}/"
    print("协商还款指南: " + url)
    print("关掉这个窗口（或按 Ctrl+C）就停止。 Close this window (or press Ctrl+C) to stop.")
    sys.stdout.flush()
    if args.open:
        threading.Timer(0.5, webbrowser.open, [url]).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
