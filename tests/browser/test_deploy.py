"""Serving the built site: the precompressed files, and the headers every way of serving it sends.

- The build's .br/.gz copies decode to the exact file beside them, are reproducible, and appear in
  neither the service worker's lists nor pyodide-files.sha256.
- The same header checks against three servers, each started on a free port: build_scripts/serve_site.py
  (`make serve`, the offline launcher), nginx with deploy/nginx.conf (started by `make serve-nginx`)
  and Debian's caddy with deploy/Caddyfile: compressed only when asked, the decoded bytes equal the
  file, types, Vary, Cache-Control, the security headers, a real 404 page.
- `nginx -t` on the shipped configuration; the CSP in deploy/ equals the built pages' policy.
- One calculator case in Chromium through nginx, with zero console errors.

nginx and caddy are installed by `make test` (the Makefile's /usr/sbin/nginx and /usr/bin/caddy
rules); where one is missing its tests are skipped and say why.
"""

import gzip
import hashlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import brotli
import pytest

from conftest import ROOT, SITE, PageWatcher, serve_directory

sys.path.insert(0, str(ROOT / "build_scripts"))
import deploy_config  # noqa: E402
import precompress  # noqa: E402
import serve_nginx  # noqa: E402

NGINX = "/usr/sbin/nginx"
CADDY = shutil.which("caddy")
BOTH = "br, gzip"
PERMISSIONS = ("camera=()", "microphone=()", "geolocation=()", "payment=()")


# ---------------------------------------------------------------- the compressed files

def compressed_copies():
    return sorted(p for p in SITE.rglob("*") if p.suffix in (".br", ".gz") and p.with_suffix("").is_file()
                  and p.name != "sitemap.xml.gz")


def decode(kind, data):
    return brotli.decompress(data) if kind in ("br", ".br") else gzip.decompress(data)


def test_compressed_copies_decode_to_the_file_beside_them(site_dir):
    copies = compressed_copies()
    names = {p.relative_to(SITE).as_posix() for p in copies}
    for wanted in ("index.html.br", "index.html.gz", "pyodide/pyodide.asm.wasm.br", "pyodide/pyodide.asm.wasm.gz",
                   "pyodide/pyodide.asm.mjs.br", "sw.js.br", "search/search_index.json.br"):
        assert wanted in names, wanted
    # the stdlib zip is deflated already: no copies; the calculators zip is stored: both copies, and the
    # build's snapshot has its own (make_snapshot.py), which the worker may also fetch by name
    assert not any(name.startswith("pyodide/python_stdlib.zip.") for name in names), names
    for kind in (".br", ".gz"):
        assert {name.split("-")[0] for name in names if name.startswith("py/") and name.endswith(kind)} == {
            "py/calculators", "py/snapshot"}, names
    for copy in copies:
        original = copy.with_suffix("")
        assert decode(copy.suffix, copy.read_bytes()) == original.read_bytes(), copy
        assert copy.stat().st_size < original.stat().st_size, copy
    # every page has both
    for page in SITE.rglob("*.html"):
        assert page.with_name(page.name + ".br").is_file() and page.with_name(page.name + ".gz").is_file(), page


def test_compression_is_reproducible(site_dir, tmp_path, monkeypatch):
    """The same input gives the same bytes, and the build's copies are those bytes (checked
    without the cache, on every page and script under 1 MB; the wasm's brotli takes a minute)."""
    monkeypatch.setattr(precompress, "CACHE", tmp_path / "cache")
    checked = 0
    for copy in compressed_copies():
        original = copy.with_suffix("").read_bytes()
        if len(original) > 1_000_000:
            continue
        compress = precompress.compress_brotli if copy.suffix == ".br" else precompress.compress_gzip
        assert compress(original) == copy.read_bytes(), copy
        checked += 1
    assert checked > 50
    sample = (SITE / "index.html").read_bytes()
    assert precompress.cached("br", sample, precompress.compress_brotli) == precompress.compress_brotli(sample)
    assert precompress.compress_gzip(sample)[4:8] == b"\0\0\0\0"  # gzip's time field: 0, not the build's clock


def test_compressed_copies_are_listed_nowhere(site_dir):
    text = (SITE / "sw.js").read_text(encoding="utf-8")
    settings = json.loads(text.split("const SETTINGS = ", 1)[1].split(";\n", 1)[0])
    for key in ("precache", "runtime", "packages"):
        assert not [name for name in settings[key] if name.endswith((".br", ".gz"))], key
    assert settings["runtime"] == sorted(f"pyodide/{name}" for name in (
        "pyodide-lock.json", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide.mjs", "python_stdlib.zip"))
    sums = (ROOT / "build_scripts" / "pyodide-files.sha256").read_text()
    assert ".br" not in sums and ".gz" not in sums
    assert "const SETTINGS = SETTINGS_JSON" not in text  # the template was filled in


# ---------------------------------------------------------------- the servers

def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, name, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            pytest.fail(f"{name} stopped at start (exit {process.returncode}): {output[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"{name} did not listen on {port} within {seconds} s")


def stop(process):
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)


@pytest.fixture(scope="module")
def nginx_url(site_dir):
    if not Path(NGINX).exists():
        pytest.skip(f"nginx is not installed ({NGINX} missing) and could not be installed here: "
                    "`make test` installs Debian's nginx and libnginx-mod-http-brotli-static first")
    port = free_port()
    process = subprocess.Popen(
        ["make", "--no-print-directory", "-s", "serve-nginx", f"PORT={port}"], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    try:
        wait_for_port(port, process, "make serve-nginx")
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop(process)


def caddyfile_for_test(site_dir, port):
    """deploy/Caddyfile with its site address on 127.0.0.1:port and its root at site_dir, under a
    global block that turns off what a test needs not (the admin port, automatic https)."""
    text = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    assert text.count("\n:80 {\n") == 1 and text.count("root * /var/www/xieshang-huankuan-zhinan") == 1
    text = text.replace("\n:80 {\n", f"\nhttp://127.0.0.1:{port} {{\n")
    text = text.replace("root * /var/www/xieshang-huankuan-zhinan", f"root * {Path(site_dir).resolve()}")
    return "{\n\tadmin off\n\tauto_https off\n}\n\n" + text


@pytest.fixture(scope="module")
def caddy_url(site_dir, tmp_path_factory):
    if not CADDY:
        pytest.skip("caddy is not installed and could not be installed here (Debian 12 has it: "
                    "`make test` runs apt-get install caddy first); the Caddyfile's header checks are skipped")
    work = tmp_path_factory.mktemp("caddy")
    port = free_port()
    config = work / "Caddyfile"
    config.write_text(caddyfile_for_test(site_dir, port), encoding="utf-8")
    env = dict(os.environ, HOME=str(work), XDG_DATA_HOME=str(work / "data"), XDG_CONFIG_HOME=str(work / "config"))
    process = subprocess.Popen([CADDY, "run", "--adapter", "caddyfile", "--config", str(config)], cwd=work, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        wait_for_port(port, process, "caddy")
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop(process)


@pytest.fixture(scope="module")
def python_url(site_dir):
    server, url = serve_directory(site_dir)
    yield url
    server.shutdown()


def get(url, path, accept_encoding=None):
    """One GET with http.client (no automatic decoding): (status, headers as a dict of lower-case
    names, raw body)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    headers = {"Accept-Encoding": accept_encoding} if accept_encoding else {}
    connection.request("GET", "/" + path.lstrip("/"), headers=headers)
    response = connection.getresponse()
    body = response.read()
    found = {name.lower(): value for name, value in response.getheaders()}
    connection.close()
    return response.status, found, body


def hashed_asset():
    (bundle,) = (SITE / "assets" / "javascripts").glob("bundle.*.min.js")
    return bundle.relative_to(SITE).as_posix()


def own_hashed_script():
    (script,) = (SITE / "assets" / "javascripts").glob("offline.*.js")
    return script.relative_to(SITE).as_posix()


SERVERS = ["python", "nginx", "caddy"]


@pytest.fixture(params=SERVERS)
def served(request):
    return request.param, request.getfixturevalue(f"{request.param}_url")


def check_security_headers(name, headers, path):
    assert headers.get("x-content-type-options") == "nosniff", (name, path, headers)
    assert headers.get("referrer-policy") == "no-referrer", (name, path)
    for feature in PERMISSIONS:
        assert feature in headers.get("permissions-policy", ""), (name, path, feature)
    policy = headers.get("content-security-policy", "")
    if name == "python":  # serve_site.py: framing only; the pages' <meta> holds the rest
        assert policy == "frame-ancestors 'none'", (name, path, policy)
    else:
        assert policy == deploy_config.header_policy(SITE), (name, path, policy)


# (path, file, Content-Type starts with, Cache-Control)
FILES = [
    ("", "index.html", "text/html", "no-cache"),
    ("steps/01-what-you-owe/", "steps/01-what-you-owe/index.html", "text/html", "no-cache"),
    ("sw.js", "sw.js", "", "no-cache"),
    ("pyodide/pyodide.asm.wasm", "pyodide/pyodide.asm.wasm", "application/wasm", "no-cache"),
    ("pyodide/pyodide.asm.mjs", "pyodide/pyodide.asm.mjs", "text/javascript", "no-cache"),
    ("pyodide/pyodide.mjs", "pyodide/pyodide.mjs", "text/javascript", "no-cache"),
]


@pytest.mark.parametrize("path, file, kind, cache", FILES)
def test_compressed_when_asked_and_the_right_headers(served, path, file, kind, cache):
    name, url = served
    original = (SITE / file).read_bytes()
    for accept, coding in ((None, None), (BOTH, "br"), ("gzip", "gzip"), ("br;q=0, gzip", "gzip"), ("identity", None)):
        status, headers, body = get(url, path, accept)
        assert status == 200, (name, path, accept, status)
        assert headers.get("content-encoding") == coding, (name, path, accept, headers)
        assert (decode(coding, body) if coding else body) == original, (name, path, accept)
        assert headers["content-type"].startswith(kind), (name, path, headers["content-type"])
        assert "accept-encoding" in headers.get("vary", "").lower(), (name, path, accept, headers)
        assert headers.get("cache-control") == cache, (name, path, headers.get("cache-control"))
        check_security_headers(name, headers, path)
    if path.endswith(".wasm"):  # what the browser runs is the checksummed file
        sums = dict(line.split()[::-1] for line in (ROOT / "build_scripts" / "pyodide-files.sha256").read_text().splitlines() if line.strip())
        assert hashlib.sha256(decode("br", get(url, path, BOTH)[2])).hexdigest() == sums["pyodide.asm.wasm"]


def test_content_hashed_files_are_immutable(served):
    name, url = served
    for path in (hashed_asset(), own_hashed_script(),
                 next((SITE / "py").glob("calculators-*.zip")).relative_to(SITE).as_posix(),
                 next((SITE / "py").glob("snapshot-*.bin")).relative_to(SITE).as_posix()):
        status, headers, body = get(url, path, BOTH)
        assert status == 200, (name, path)
        assert headers.get("cache-control") == "public, max-age=31536000, immutable", (name, path, headers)
        raw = decode(headers["content-encoding"], body) if headers.get("content-encoding") else body
        assert raw == (SITE / path).read_bytes(), (name, path)
        check_security_headers(name, headers, path)
    status, headers, _ = get(url, hashed_asset(), BOTH)
    assert "javascript" in headers["content-type"], headers


def test_manifest_is_revalidated_with_its_type(served):
    name, url = served
    status, headers, body = get(url, "manifest.webmanifest")
    assert status == 200, name
    assert headers["content-type"].startswith("application/manifest+json"), (name, headers)
    assert headers.get("cache-control") == "no-cache", (name, headers)
    assert body == (SITE / "manifest.webmanifest").read_bytes()


def test_a_missing_page_is_the_sites_404_page(served):
    name, url = served
    page = (SITE / "404.html").read_bytes()
    for accept in (None, BOTH):
        status, headers, body = get(url, "no/such/page/", accept)
        assert status == 404, (name, status)
        assert headers["content-type"].startswith("text/html"), (name, headers)
        coding = headers.get("content-encoding")
        assert (decode(coding, body) if coding else body) == page, (name, accept)
        check_security_headers(name, headers, "404")
    status, _, _ = get(url, ".built")
    assert status == 404, name  # no hidden files, no folder listings
    assert get(url, "assets/")[0] == 404, name


# ---------------------------------------------------------------- the shipped configuration

def test_deploy_files_send_the_pages_policy(site_dir):
    """The CSP header in deploy/ is every page's <meta> policy plus frame-ancestors 'none'. If the
    theme's inline scripts changed, run `python build_scripts/deploy_config.py`."""
    expected = deploy_config.header_policy(SITE)
    for path in deploy_config.FILES:
        assert deploy_config.configured_policy(path.read_text(encoding="utf-8")) == expected, (
            f"{path.name} is out of date with the built pages: run python build_scripts/deploy_config.py")


def test_nginx_accepts_the_shipped_configuration(site_dir, tmp_path):
    if not Path(NGINX).exists():
        pytest.skip(f"nginx is not installed ({NGINX}) and could not be installed here: `make test` installs it")
    config = ROOT / "deploy" / "nginx.conf"
    for verbatim in (True, False):  # as shipped (listen 80, /var/www), and as make serve-nginx runs it
        path = serve_nginx.write_config(config, SITE, free_port(), tmp_path / str(verbatim), verbatim=verbatim)
        status, output = serve_nginx.check(path)
        assert status == 0, output
        assert "[warn]" not in output and "[emerg]" not in output, output


def test_only_the_listen_and_root_lines_change_for_the_test(tmp_path):
    shipped = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    local = serve_nginx.for_local_test(shipped, tmp_path, 8123)
    changed = set(local.splitlines()) ^ set(shipped.splitlines())
    assert changed == {"    listen 80;", "    listen [::]:80;", "    listen 127.0.0.1:8123;",
                       "    root /var/www/xieshang-huankuan-zhinan;", f"    root {tmp_path};"}, changed


# ---------------------------------------------------------------- a calculator through nginx

def test_calculator_answers_through_nginx_with_no_console_error(browser, nginx_url):
    watcher = PageWatcher(nginx_url)
    context = browser.new_context(locale="zh-CN", service_workers="block")
    watcher.watch(context)
    encodings = {}
    context.on("response", lambda response: encodings.__setitem__(
        urlsplit(response.url).path, response.headers.get("content-encoding")))
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(urljoin(nginx_url, "calculators/penalty/?product=huabei&amount=5000&days=30"))
        page.locator("#result").get_by_text("75.00").first.wait_for()
    finally:
        context.close()
    assert not watcher.problems(), watcher.problems()
    assert encodings.get("/pyodide/pyodide.asm.wasm") == "br", encodings
    assert encodings.get("/calculators/penalty/") == "br", encodings
