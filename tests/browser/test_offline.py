"""The offline copy and the service worker, in a real Chromium.

- The zip (`make offline`): under 10 MB, every line of SHA256SUMS right, no precompressed copies,
  the hosting guide in deploy/; served by its own launcher's serve.py with every other host blocked:
  search finds 协商 and every calculator page answers. Opened from file://, the guide and search
  work. start.sh says in Chinese what to do when there is no Python.
- The service worker: a calculator page opened once still answers after going offline (the server
  stopped too); a rebuilt site's worker replaces the old cache and serves the new calculator code.
"""

import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect

import calculators
import forms

from conftest import ROOT, SITE, PageWatcher, serve_directory

sys.path.insert(0, str(ROOT / "build_scripts"))
from check_no_external_requests import external_requests  # noqa: E402

READY = 'form#calculator[data-ready="true"]'
READY_TIMEOUT = 60_000
LIMIT = 10 * 1024 * 1024

# Each calculator page is answered with its module's default example (calculators/NAME.py's
# EXAMPLE); the summary must say what the command line says for it.
LETTER = [("lender", "支付宝（花呗）"), ("amount", "12000"), ("monthly", "800"), ("months", "15")]


# ---------------------------------------------------------------- helpers

def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def launcher_server(folder):
    """The copy's own serve.py (what start.sh and start-windows.bat run) on a free port."""
    port = free_port()
    process = subprocess.Popen(
        ["python3", "serve.py", "--port", str(port)], cwd=folder,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process, f"http://127.0.0.1:{port}/"
        except OSError:
            time.sleep(0.1)
    process.kill()
    pytest.fail("the copy's serve.py did not start")


def answer(page, name, expected=None):
    """Wait for Pyodide, type the calculator's default example, press 计算; returns the summary's text."""
    page.wait_for_selector(READY, timeout=READY_TIMEOUT)
    forms.fill(page, forms.flatten(calculators.example(name)), type_text=True)
    page.get_by_role("button", name="计算", exact=True).click()
    summary = page.locator("#result .calc-summary")
    expect(summary).to_contain_text(expected or calculators.answer(name, calculators.example(name))["view"][0]["text"],
                                    timeout=30_000)
    text = summary.inner_text()
    assert re.search(r"\d", text) or name == "lookup", text  # lookup answers with a name, not a figure
    return text


def calculator_pages(folder):
    """{calculator name: page path} from the built pages' forms."""
    found = {}
    for path in sorted(Path(folder).rglob("*.html")):
        match = re.search(r'<form id="calculator"[^>]*data-calculator="([a-z_]+)"', path.read_text(encoding="utf-8"))
        if match:
            found[match.group(1)] = path.relative_to(folder).as_posix()
    return found


def search(page, url, query):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    page.locator(".md-header__button[for='__search']").click()
    box = page.locator("input.md-search__input")
    box.press_sequentially(query, delay=50)
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=20_000)
    return page.locator(".md-search-result__list").inner_text()


def sw_context(browser, watcher, **options):
    context = browser.new_context(locale="zh-CN", service_workers="allow", **options)
    watcher.watch(context)
    return context


def sw_status(page):
    """What the controlling service worker says about this page (None if not controlled)."""
    return page.evaluate("""() => new Promise((resolve) => {
        const worker = navigator.serviceWorker.controller;
        if (!worker) return resolve(null);
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => resolve(event.data);
        worker.postMessage({ type: "status" }, [channel.port2]);
    })""")


def sw_settings(site_dir):
    text = (Path(site_dir) / "sw.js").read_text(encoding="utf-8")
    return json.loads(text.split("const SETTINGS = ", 1)[1].split(";\n", 1)[0])


# ---------------------------------------------------------------- the zip

@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory, site_dir):
    """`make offline`'s command into a temporary folder, unpacked: (zip path, unpacked folder)."""
    work = tmp_path_factory.mktemp("offline")
    done = subprocess.run(
        [sys.executable, str(ROOT / "build_scripts" / "make_offline_zip.py"),
         "--dist", str(work / "dist"), "--build-dir", str(work / "build")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    (zip_path,) = (work / "dist").glob("xieshang-huankuan-zhinan-*.zip")
    with zipfile.ZipFile(zip_path) as archive:
        tops = {name.split("/", 1)[0] for name in archive.namelist()}
        archive.extractall(work / "unpacked")
    assert tops == {zip_path.stem}, tops  # one top-level folder, named like the zip
    return zip_path, work / "unpacked" / zip_path.stem


def test_zip_is_small_complete_and_checksummed(offline_copy):
    zip_path, folder = offline_copy
    assert re.fullmatch(r"xieshang-huankuan-zhinan-\d+\.\d+\.\d+-20\d{6}\.zip", zip_path.name), zip_path.name
    assert zip_path.stat().st_size < LIMIT, f"{zip_path.stat().st_size / 1e6:.1f} MB"

    lines = (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    listed = {}
    for line in lines:
        digest, name = re.fullmatch(r"([0-9a-f]{64})  (.+)", line).groups()
        listed[name] = digest
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
    every = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert set(listed) == every
    if shutil.which("sha256sum"):
        check = subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr

    for name in ("README.txt", "start.sh", "start-windows.bat", "serve.py", "index.html", "sw.js",
                 "search/search_index.js", "pyodide/pyodide.asm.wasm",
                 "deploy/README.md", "deploy/nginx.conf", "deploy/Caddyfile"):
        assert (folder / name).is_file(), name
    # the build's .br/.gz copies stay out of the zip (they would push it over its limit)
    assert not [name for name in every if name.endswith((".br", ".gz")) and name != "sitemap.xml.gz"]
    assert (folder / "serve.py").read_bytes() == (ROOT / "build_scripts" / "serve_site.py").read_bytes()
    launchers = (folder / "start.sh").read_text(encoding="utf-8") + (folder / "start-windows.bat").read_text(encoding="utf-8")
    for words in ("python.org", "命令行开发者工具", "Add python.exe to PATH", "deploy/README.md", "--port 8765"):
        assert words in launchers, words
    # the copy's server configurations send the policy of the copy's own pages
    import deploy_config

    for name in ("nginx.conf", "Caddyfile"):
        text = (folder / "deploy" / name).read_text(encoding="utf-8")
        assert deploy_config.configured_policy(text) == deploy_config.header_policy(folder), name
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    for words in ("python3 -m http.server", "python -m http.server", "busybox httpd", "sha256sum -c SHA256SUMS",
                  "Get-FileHash", "安卓", "Android", "index.html", "file://", "deploy/README.md", "ICP"):
        assert words in readme, words
    assert external_requests(folder) == []
    for page in folder.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in text, page
        assert "unpkg.com" not in text, page


def test_start_sh_says_what_to_do_without_python(offline_copy, tmp_path):
    _, folder = offline_copy
    tools = tmp_path / "bin"  # a PATH with the shell's helpers and no Python
    tools.mkdir()
    for tool in ("cat", "dirname"):
        (tools / tool).symlink_to(shutil.which(tool))
    done = subprocess.run(["/bin/sh", str(folder / "start.sh")], capture_output=True, text=True, timeout=30,
                          env={"PATH": str(tools)})
    assert done.returncode == 1
    assert "没有找到 Python 3" in done.stdout and "命令行开发者工具" in done.stdout, done.stdout + done.stderr


def test_zip_served_by_its_launcher_works_with_every_other_host_blocked(browser, offline_copy):
    _, folder = offline_copy
    server, url = launcher_server(folder)
    watcher = PageWatcher(url)
    context = browser.new_context(locale="zh-CN", service_workers="block")  # route() cannot see SW fetches
    watcher.watch(context)
    blocked = []

    def only_the_copy(route):
        if route.request.url.startswith(url) or urlsplit(route.request.url).scheme in ("data", "blob"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_copy)
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        text = search(page, url, "协商")
        assert "协商" in text

        pages = calculator_pages(folder)
        assert set(calculators.CALCULATORS) <= set(pages), pages  # every calculator has a page in the copy
        for name, path in pages.items():
            page.goto(urljoin(url, path))
            if name == "letter":
                forms.fill(page, dict(LETTER), type_text=True)
                page.get_by_role("button", name="生成申请书").click()
                expect(page.locator("#letter-text")).to_have_value(re.compile("800"), timeout=30_000)
                continue
            assert name in calculators.CALCULATORS, f"{path}: a calculator page with no calculator"
            answer(page, name, "75.00" if name == "penalty" else None)
    finally:
        context.close()
        server.terminate()
        server.wait(10)
    assert not blocked, blocked
    assert not watcher.problems(), watcher.problems()


def test_zip_opened_from_disk_reads_and_searches(browser, offline_copy):
    _, folder = offline_copy
    context = browser.new_context(locale="zh-CN")
    errors, foreign = [], []
    context.on("console", lambda message: message.type == "error" and errors.append(message.text))
    context.on("weberror", lambda error: errors.append(str(error.error)))
    context.on("request", lambda request: urlsplit(request.url).scheme not in ("file", "data", "blob", "about")
               and foreign.append(request.url))
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        index = (folder / "index.html").as_uri()
        text = search(page, index, "协商")
        assert "协商" in text
        # the first guide page found (a calculator or tool page cannot run from disk: tested below)
        page.locator('.md-search-result__item a:not([href*="calculators/"]):not([href*="tools/"])').first.click()
        page.wait_for_load_state()
        assert page.url.startswith("file://") and urlsplit(page.url).path.endswith(".html"), page.url
        assert page.locator("h1").first.inner_text().strip()
        # a link to a step opens the step (directory URLs are off in the offline copy)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(index)
        page.locator('.md-content a[href$="steps/01-what-you-owe.html"]').first.click()
        expect(page.locator("h1").first).to_contain_text("欠了多少")
        assert not foreign, foreign
        assert not errors, errors
        # a calculator page cannot start from disk (module scripts are blocked there): it says how to serve
        errors.clear()
        page.goto((folder / calculator_pages(folder)["penalty"]).as_uri())
        expect(page.locator("#calculator-status")).to_contain_text("http.server", timeout=10_000)
        assert all("file://" in error or "ERR_FAILED" in error for error in errors), errors
        assert not foreign, foreign
    finally:
        context.close()


# ---------------------------------------------------------------- the service worker

def test_calculator_answers_offline_after_one_visit(browser, site_dir):
    server, url = serve_directory(site_dir)
    watcher = PageWatcher(url)
    context = sw_context(browser, watcher)
    stopped = False
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(urljoin(url, calculator_pages(site_dir)["penalty"].removesuffix("index.html")))
        assert "75.00" in answer(page, "penalty", "75.00")
        # the worker keeps Pyodide and the calculators once the calculator has started
        page.wait_for_selector('html[data-offline-saved="true"]', state="attached", timeout=60_000)
        assert not page.locator(".xshk-offline-notice").count()
        assert not watcher.problems(), watcher.problems()

        context.set_offline(True)
        server.shutdown()
        server.server_close()
        stopped = True
        watcher.expected_failures.add(url)  # the worker's network attempts fail now, by design
        page.reload()
        assert "75.00" in answer(page, "penalty", "75.00")
        expect(page.locator(".xshk-offline-notice")).to_contain_text("你现在没有网络，看到的是本机保存的副本，内容核对于 ")
        # another page of the guide, never opened, comes from the saved copy too
        page.goto(url)
        expect(page.locator("h1").first).to_be_visible()
        expect(page.locator(".xshk-offline-notice")).to_be_visible()
    finally:
        context.close()
        if not stopped:
            server.shutdown()
    assert not watcher.page_errors and not watcher.foreign_requests, watcher.problems()


def copy_sources(target):
    """What a build reads, copied so a test can change it without touching the working tree."""
    target.mkdir()
    for name in ("mkdocs.yml", "package.json"):
        shutil.copy2(ROOT / name, target / name)
    for name in ("docs", "overrides", "calculators", "build_scripts"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    (ROOT / "build").mkdir(exist_ok=True)
    (target / "build").symlink_to(ROOT / "build")  # the compressed-file and .pyc caches (keyed by content)


def mkdocs_build(source, site):
    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "--quiet", "-f", str(source / "mkdocs.yml"), "-d", str(site)],
        cwd=source, capture_output=True, text=True, timeout=300, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    assert done.returncode == 0, done.stderr[-4000:]


REGISTERED = "() => navigator.serviceWorker.getRegistration().then((registration) => Boolean(registration))"
ACTIVATED = """() => navigator.serviceWorker.getRegistration().then(
    (registration) => Boolean(registration && registration.active && registration.active.state === "activated"))"""


def poll_until(page, condition, failure, seconds=30):
    """Poll `condition` (a Python callable, or JS evaluated in the page, which may return a promise:
    the page's CSP forbids the eval behind wait_for_function) until it is true; else fail."""
    check = condition if callable(condition) else (lambda: page.evaluate(condition))
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, failure
        page.wait_for_timeout(100)


def test_the_guide_download_waits_until_the_calculator_has_started(browser, site_dir):
    """Installing the service worker downloads the whole guide (~2 MB). On a calculator page that
    would compete with Pyodide's download on a slow connection, so it waits for the calculator;
    on a guide page it waits for the page's own load."""
    server, url = serve_directory(site_dir)
    watcher = PageWatcher(url)
    context = sw_context(browser, watcher)
    try:
        page = context.new_page()
        held = []
        # Pyodide's wasm is held back until the test lets it go: the calculator cannot be ready
        page.route("**/pyodide/pyodide.asm.wasm", lambda route: held.append(route))
        page.goto(urljoin(url, calculator_pages(site_dir)["penalty"].removesuffix("index.html")),
                  wait_until="load")
        poll_until(page, lambda: held, "the calculator never asked for Pyodide")
        page.wait_for_timeout(1000)  # the page has loaded and had time to register, if it would
        assert not page.evaluate(REGISTERED), "the service worker started before the calculator was ready"
        assert page.locator(READY).count() == 0
        for route in held:
            route.continue_()
        page.unroute("**/pyodide/pyodide.asm.wasm")
        assert "75.00" in answer(page, "penalty", "75.00")
        poll_until(page, REGISTERED, "the service worker never started on the calculator page")
        page.wait_for_selector('html[data-offline-saved="true"]', state="attached", timeout=60_000)
        page.close()
    finally:
        context.close()
    # a guide page (another browser profile): registered once the page has loaded
    context = sw_context(browser, watcher)
    try:
        page = context.new_page()
        page.goto(urljoin(url, "steps/01-what-you-owe/"), wait_until="load")
        poll_until(page, REGISTERED, "the service worker never started on a guide page")
    finally:
        context.close()
        server.shutdown()
    assert not watcher.problems(), watcher.problems()


def test_rebuilt_site_replaces_the_old_cache(browser, tmp_path):
    source = tmp_path / "src"
    copy_sources(source)
    mkdocs_build(source, tmp_path / "one")
    rules = source / "calculators" / "product_rules.toml"
    text = rules.read_text(encoding="utf-8")
    changed = text.replace('[huabei.overdue_daily_rate]\nvalue = "0.0005"', '[huabei.overdue_daily_rate]\nvalue = "0.0006"', 1)
    assert changed != text, "the test's rule edit no longer applies: update it"
    rules.write_text(changed, encoding="utf-8")
    mkdocs_build(source, tmp_path / "two")
    one, two = sw_settings(tmp_path / "one"), sw_settings(tmp_path / "two")
    assert one["version"] != two["version"]
    assert one["runtimeVersion"] == two["runtimeVersion"]  # same Pyodide: a phone keeps it

    served = tmp_path / "served"
    served.symlink_to(tmp_path / "one")
    server, url = serve_directory(served)
    watcher = PageWatcher(url)
    context = sw_context(browser, watcher)
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        penalty = urljoin(url, calculator_pages(tmp_path / "one")["penalty"].removesuffix("index.html"))
        page.goto(penalty)
        assert "75.00" in answer(page, "penalty", "75.00")
        page.wait_for_selector('html[data-offline-saved="true"]', state="attached", timeout=60_000)
        assert sw_status(page)["version"] == one["version"]

        # the new build goes live
        swap = tmp_path / "swap"
        swap.symlink_to(tmp_path / "two")
        os.replace(swap, served)
        for _ in range(6):
            page.reload()
            page.wait_for_selector(READY, timeout=READY_TIMEOUT)  # let the calculator's fetches finish
            status = sw_status(page)
            if status and status["version"] == two["version"]:
                break
            time.sleep(1)
        else:
            pytest.fail(f"the rebuilt site's service worker never took over: {status}")
        assert "90.00" in answer(page, "penalty", "90.00")  # 5000 × 0.06% × 30: the new rule
        # The new worker may answer while it is still "activating" (deleting the old caches); once
        # it is "activated", only the new version's caches are left.
        poll_until(page, ACTIVATED, "the new service worker never finished activating")
        names = page.evaluate("caches.keys()")
        ours = [name for name in names if name.startswith("xshk|")]
        assert any(two["version"] in name for name in ours), ours
        assert not any(one["version"] in name for name in ours), ours  # the old cache is gone
    finally:
        context.close()
        server.shutdown()
    assert not watcher.problems(), watcher.problems()
