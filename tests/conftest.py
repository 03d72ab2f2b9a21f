"""Shared fixtures: the built site served on a free localhost port (by build_scripts/serve_site.py,
as `make serve` serves it: precompressed files, a host's headers), and a real headless Chromium
(Debian's /usr/bin/chromium driven by Playwright) whose pages fail the test on any console error,
failed request or request to another host. The helpers themselves live in
build_scripts/browser_harness.py, shared with `make bench` and `make audit`."""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import settings

# Hypothesis draws new examples on every run of `make test` (that is how it finds bugs). CI runs the
# same examples each time (`HYPOTHESIS_PROFILE=ci` in .ci/run): whether a change lands never
# depends on a lucky draw; a failure found locally is fixed and kept as a regression test.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
sys.path.insert(0, str(ROOT / "build_scripts"))

from browser_harness import AUDIT_FILE, CHROMIUM, CHROMIUM_ARGS, audit_record, serve_directory  # noqa: E402,F401


@pytest.fixture(scope="session")
def site_dir():
    if not (SITE / "index.html").is_file():
        pytest.fail("site/ is not built: run the tests with `make test`, which builds it first")
    return SITE


@pytest.fixture(scope="session")
def site_url(site_dir):
    server, url = serve_directory(site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatcher:
    """Records what a page does that a test must fail on."""

    def __init__(self, allowed_origin):
        self.allowed_origin = allowed_origin
        self.console_errors = []
        self.failed_requests = []
        self.foreign_requests = []
        self.page_errors = []
        self.expected_failures = set()  # URL substrings a test deliberately breaks
        self.pages = set()  # pages (documents) loaded, for `make audit`

    def watch(self, context):
        context.on("request", self.on_request)
        context.on("requestfailed", self.on_request_failed)
        context.on("response", self.on_response)
        context.on("console", self.on_console)
        context.on("weberror", lambda error: self.page_errors.append(str(error.error)))

    def expected(self, url):
        return any(part in url for part in self.expected_failures)

    def on_request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if f"{parts.scheme}://{parts.netloc}/" != self.allowed_origin:
            self.foreign_requests.append(request.url)

    def on_request_failed(self, request):
        # ERR_ABORTED: the page itself cancelled the request (it navigated away mid-download)
        if request.failure != "net::ERR_ABORTED" and not self.expected(request.url):
            self.failed_requests.append(f"{request.url} ({request.failure})")

    def on_response(self, response):
        if response.request.resource_type == "document" and response.ok:
            self.pages.add(response.url.split("#")[0])
        if response.status >= 400 and not self.expected(response.url):
            self.failed_requests.append(f"{response.url} (HTTP {response.status})")

    def on_console(self, message):
        if message.type == "error" and not any(part in message.text for part in self.expected_failures):
            self.console_errors.append(message.text)

    def problems(self):
        return {
            name: items
            for name, items in (
                ("requests to other hosts", self.foreign_requests),
                ("failed requests", self.failed_requests),
                ("console errors", self.console_errors),
                ("uncaught page errors", self.page_errors),
            )
            if items
        }


@pytest.fixture
def watcher(site_url):
    return PageWatcher(site_url)


@pytest.fixture
def context(browser, watcher):
    context = browser.new_context(locale="zh-CN", service_workers="block")
    watcher.watch(context)
    yield context
    context.close()
    audit_record("pages", len(watcher.pages), urls=sorted(watcher.pages))
    audit_record("external_requests", len(watcher.foreign_requests))
    audit_record("csp_violations", sum("Content Security Policy" in text for text in watcher.console_errors))
    assert not watcher.problems(), watcher.problems()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


@pytest.fixture
def phone(browser, watcher):
    """A page on a 390 × 844 touch phone, zh-CN; fails the test on anything the watcher saw."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  locale="zh-CN", service_workers="block")
    watcher.watch(context)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()
    assert not watcher.problems(), watcher.problems()
