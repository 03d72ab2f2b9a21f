"""Failure in plain Chinese: each way the calculator engine can fail to start, simulated in a real
Chromium. The calculator page must say what happened and what to do (another browser, the offline
copy, or the worked example on the page), raise no uncaught error, and the guide must keep working
(a guide page opened afterwards in the same browser context, checklist ticked).

Already tested in test_calculator_pages.py, not repeated here: the .wasm file missing or corrupt,
storage refusing writes (full), the page opened from file://.
"""

from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from conftest import SITE, audit_record

READY_TIMEOUT = 60_000
WORKER = "**/assets/javascripts/calculator-worker.*.js"
GUIDE = "steps/05-prepare-documents/"
# V8's own message when a phone cannot reserve the memory a WebAssembly instance asks for
OUT_OF_MEMORY = "WebAssembly.instantiate(): Out of memory: Cannot allocate Wasm memory for new instance"


def patch_worker(context, prefix):
    """Serve the real worker script with `prefix` run first inside the worker.

    Playwright's init scripts run in pages, not in workers, so what a worker lacks must be taken
    away in the worker's own script."""
    def handle(route):
        response = route.fetch()
        route.fulfill(response=response, body=prefix + "\n" + response.text())
    context.route(WORKER, handle)


def assert_says_what_to_do(page, *words):
    status = page.locator("#calculator-status")
    expect(page.locator("form#calculator")).to_have_attribute("data-failed", "true", timeout=READY_TIMEOUT)
    text = status.inner_text()
    for word in ("手算",) + words:  # the worked example on the page is always offered
        assert word in text, text
    assert any(way in text for way in ("离线副本", "换一个", "换一台", "刷新")), text
    assert page.locator("form#calculator").get_attribute("data-ready") is None
    assert "手算" in page.locator("#result").inner_text()


def assert_guide_works(context):
    page = context.new_page()
    page.goto(urljoin(context.site_url, GUIDE))
    assert page.locator("h1").first.inner_text().strip()
    box = page.locator(".task-list-item input[type=checkbox]").first
    box.dispatch_event("click")
    assert box.is_checked()
    page.close()


@pytest.fixture
def failing(context, site_url):
    context.site_url = site_url
    return context


def open_calculator(context, name="penalty"):
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(urljoin(context.site_url, f"calculators/{name}/"))
    return page


# ---------------------------------------------------------------- cases

def test_webassembly_switched_off(failing):
    # A browser (policy, iOS Lockdown Mode, an old engine) without WebAssembly lacks it in pages AND
    # in workers. V8's --noexpose-wasm switch no longer hides it in this Chromium, so it is taken
    # away in both places: an init script for the page, the worker's own script for the worker.
    failing.add_init_script("delete window.WebAssembly;")
    patch_worker(failing, "delete self.WebAssembly;")
    page = open_calculator(failing)
    assert page.evaluate("typeof WebAssembly") == "undefined"
    assert_says_what_to_do(page, "WebAssembly", "浏览器")
    assert_guide_works(failing)
    audit_record("failures_simulated", 1, case="WebAssembly switched off")


def test_webassembly_missing_only_in_workers(failing):
    # The page has WebAssembly but the worker does not (some locked-down or embedded browsers):
    # the worker itself must report it.
    patch_worker(failing, "delete self.WebAssembly;")
    page = open_calculator(failing, "plan")
    assert page.evaluate("typeof WebAssembly") == "object"
    assert_says_what_to_do(page, "浏览器")
    assert_guide_works(failing)
    audit_record("failures_simulated", 1, case="WebAssembly missing in workers")


def test_old_browser_without_module_workers(failing, watcher):
    # Before module workers (Firefox < 114, Safari < 15), `{type: "module"}` was ignored: the worker
    # script runs as a classic script and stops at its first `import.meta` with a SyntaxError.
    failing.add_init_script("""(() => {
        const RealWorker = window.Worker;
        window.Worker = function (url) { return new RealWorker(url); };
    })();""")
    watcher.expected_failures.add("import.meta")  # the old browser's own SyntaxError in the console
    page = open_calculator(failing, "apr")
    assert_says_what_to_do(page, "浏览器")
    assert_guide_works(failing)
    audit_record("failures_simulated", 1, case="no module workers")


def test_old_browser_without_workers(failing):
    failing.add_init_script("delete window.Worker;")
    page = open_calculator(failing, "budget")
    assert_says_what_to_do(page, "浏览器")
    assert_guide_works(failing)
    audit_record("failures_simulated", 1, case="no Worker")


def test_out_of_memory(failing):
    # A phone that cannot reserve Pyodide's memory: V8 rejects the instantiation with a RangeError.
    patch_worker(failing, f"""for (const name of ["instantiate", "instantiateStreaming"]) {{
        WebAssembly[name] = async () => {{ throw new RangeError({OUT_OF_MEMORY!r}); }};
    }}""")
    page = open_calculator(failing, "debts")
    assert_says_what_to_do(page, "内存", "换一台")  # the memory message, not the download one
    assert_guide_works(failing)
    audit_record("failures_simulated", 1, case="out of memory")


def test_python_stdlib_download_cut_short(failing, watcher):
    # The connection dropped: the standard library zip arrives with only its first 100 kB. Python
    # starting the normal way (here: Save-Data, no build snapshot) cannot import anything. (Started
    # from the build's memory snapshot, every module the calculators use is imported already: that
    # start works, and test_snapshot.py checks it does.)
    patch_worker(failing, "Object.defineProperty(WorkerNavigator.prototype, 'connection', "
                          "{ configurable: true, get: () => ({ saveData: true }) });")

    def handle(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.body()[:100_000])
    failing.route("**/pyodide/python_stdlib.zip", handle)
    page = open_calculator(failing, "penalty")
    assert_says_what_to_do(page)
    assert_guide_works(failing)
    audit_record("failures_simulated", 1, case="stdlib zip truncated")


def test_calculators_zip_checksum_mismatch(failing):
    # Python started the normal way (here: Save-Data, no build snapshot) needs the calculators zip; a
    # start from the build's snapshot does not fetch it (test_snapshot.py)
    patch_worker(failing, "Object.defineProperty(WorkerNavigator.prototype, 'connection', "
                          "{ configurable: true, get: () => ({ saveData: true }) });")

    def handle(route):
        body = bytearray(next((SITE / "py").glob("calculators-*.zip")).read_bytes())
        body[len(body) // 2] ^= 0xFF  # one byte changed: same size, different SHA-256
        route.fulfill(status=200, content_type="application/zip", body=bytes(body))
    failing.route("**/py/calculators-*.zip", handle)
    page = open_calculator(failing, "penalty")
    assert_says_what_to_do(page, "不一致")
    assert_guide_works(failing)
    audit_record("failures_simulated", 1, case="calculators zip checksum mismatch")


def test_no_local_storage_at_all(failing):
    # Some private modes and locked-down browsers ("block all site data"): merely reading
    # window.localStorage or window.sessionStorage throws. (The theme's bundle reads sessionStorage
    # only for version banners and repository facts, which this site does not use.)
    failing.add_init_script("""for (const name of ["localStorage", "sessionStorage"]) {
        Object.defineProperty(window, name, { configurable: true,
            get() { throw new DOMException("The operation is insecure.", "SecurityError"); } }); }""")
    page = open_calculator(failing, "penalty")
    expect(page.locator("#calculator-saved")).to_contain_text("刷新页面后要重新填写")
    page.wait_for_selector('form#calculator[data-ready="true"]', timeout=READY_TIMEOUT)
    page.locator('[name="amount"]').fill("5000")
    page.locator('[name="days"]').fill("30")
    page.get_by_role("button", name="计算", exact=True).click()
    expect(page.locator("#result .calc-summary")).to_contain_text("罚息（违约金）共 75.00 元")
    # the letter page too: it works and says it cannot keep the letter
    letter = failing.new_page()
    letter.goto(urljoin(failing.site_url, "calculators/letter/"))
    expect(letter.locator("#calculator-status")).to_contain_text("不让保存")
    letter.locator('[name="lender"]').fill("招商银行")
    assert "招商银行" in letter.locator("#letter-text").input_value()
    assert_guide_works(failing)
    # the theme's own parts that keep things in storage still work: search and the colour toggle
    guide = failing.new_page()
    guide.goto(urljoin(failing.site_url, GUIDE))
    toggle = guide.locator("form[data-md-component='palette'] label:not([hidden])")
    expect(guide.locator("body")).to_have_attribute("data-md-color-media", "(prefers-color-scheme)")
    toggle.click()  # 跟随系统 → 浅色 → 深色
    expect(guide.locator("body")).to_have_attribute("data-md-color-media", "(prefers-color-scheme: light)")
    toggle.click()
    expect(guide.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    guide.locator("input.md-search__input").click()
    guide.locator("input.md-search__input").type("征信", delay=50)
    guide.locator("input.md-search__input").press("End")
    expect(guide.locator(".md-search-result__item").first).to_contain_text("征信")
    audit_record("failures_simulated", 1, case="localStorage and sessionStorage unavailable")
