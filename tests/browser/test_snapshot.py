"""The calculator worker's memory snapshot: Python's memory saved once
(before any input is run), a second visit starts from it, and a damaged or unusable snapshot falls
back to a normal start. Correctness only: how much faster it is, is measured by `make bench`."""

import re
from urllib.parse import urljoin

from playwright.sync_api import expect

from conftest import ROOT

READY = 60_000
MARKER_AMOUNT = "73915.46"  # typed before Python is ready: must never be inside the snapshot
SNAPSHOT_CACHE = "xshk-snapshot:"

SNAPSHOT_ENTRY = """async (name) => {
    const cache = await caches.open(name);
    const keys = await cache.keys();
    if (keys.length !== 1) return { count: keys.length };
    const response = await cache.match(keys[0]);
    return { count: 1, url: keys[0].url, size: (await response.arrayBuffer()).byteLength,
             sha256: response.headers.get("x-xshk-sha256") };
}"""

CONTAINS = """async ([name, marker]) => {
    const cache = await caches.open(name);
    const [request] = await cache.keys();
    const bytes = new Uint8Array(await (await cache.match(request)).arrayBuffer());
    const needle = new TextEncoder().encode(marker);
    outer: for (let i = 0; i <= bytes.length - needle.length; i++) {
        for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
        return true;
    }
    return false;
}"""

# Replace the saved snapshot's bytes; `keep_sha256` re-signs them so that only starting Python can
# find out (the worker checks the sha256 first).
DAMAGE = """async ([name, resign]) => {
    const cache = await caches.open(name);
    const [request] = await cache.keys();
    const old = await cache.match(request);
    const bytes = new Uint8Array(await old.arrayBuffer());
    for (let i = 64; i < bytes.length; i += 4096) bytes[i] ^= 0x5a;  // header kept, memory scrambled
    let sha = old.headers.get("x-xshk-sha256");
    if (resign) {
        const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
        sha = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
    }
    await cache.put(request, new Response(bytes, { headers: { "x-xshk-sha256": sha,
        "x-xshk-check": old.headers.get("x-xshk-check") } }));
    return sha;
}"""


def open_penalty(context, site_url, query="?product=huabei&amount=5000&days=30"):
    page = context.new_page()
    page.goto(urljoin(site_url, "calculators/penalty/" + query))
    return page


def answer_is(page, text):
    expect(page.locator("#result .calc-summary")).to_contain_text(text, timeout=READY)


def wait_saved(page):
    expect(page.locator("form#calculator")).to_have_attribute("data-snapshot", "saved", timeout=READY)


def test_only_calculator_pages_load_the_calculator_scripts(page, site_url):
    page.goto(urljoin(site_url, "calculators/penalty/"))
    sources = page.locator("body script[type=module]").evaluate_all("scripts => scripts.map(s => s.src)")
    # the worker's starter first (it runs before the page script), then the page script
    assert [re.sub(r"^.*/|\.[0-9a-f]{10}\.js$", "", src) for src in sources] == ["calculator-boot", "calculator-page"]
    page.goto(urljoin(site_url, "calculators/letter/"))  # the letter needs no Python: no worker starter
    sources = page.locator("body script[type=module]").evaluate_all("scripts => scripts.map(s => s.src)")
    assert [re.sub(r"^.*/|\.[0-9a-f]{10}\.js$", "", src) for src in sources] == ["calculator-page"]
    assert not [worker for worker in page.workers if "calculator-worker" in worker.url]
    page.goto(urljoin(site_url, "steps/01-what-you-owe/"))
    assert page.locator("script[src*='calculator-']").count() == 0


def test_second_visit_starts_from_the_snapshot_which_holds_no_input(context, site_url):
    # the first visit: a value from a link, typed into Python's answer, but only after the snapshot
    page = open_penalty(context, site_url, f"?product=huabei&amount={MARKER_AMOUNT}&days=29")
    answer_is(page, "花呗逾期 29 天")
    wait_saved(page)
    assert page.locator("form#calculator").get_attribute("data-snapshot-bytes").isdigit()
    name = SNAPSHOT_CACHE + site_url
    assert page.evaluate("caches.keys()") == [name]
    entry = page.evaluate(SNAPSHOT_ENTRY, name)
    assert entry["count"] == 1 and entry["size"] > 1_000_000 and re.fullmatch(r"[0-9a-f]{64}", entry["sha256"])
    assert entry["url"].startswith(urljoin(site_url, "pyodide-snapshot/"))
    assert not page.evaluate(CONTAINS, [name, MARKER_AMOUNT]), "the snapshot holds what was typed"
    assert page.evaluate(CONTAINS, [name, "calculators"])  # it is Python's memory after the import
    page.close()

    # the second visit: from the snapshot, right answers for this and another calculator
    again = open_penalty(context, site_url)
    answer_is(again, "罚息（违约金）共 75.00 元")
    assert again.locator("form#calculator").get_attribute("data-snapshot") == "loaded"
    again.locator('[name="days"]').fill("31")
    answer_is(again, "77.50")
    plan = context.new_page()
    plan.goto(urljoin(site_url, "calculators/plan/?principal=12000&months=12&method=interest_free"))
    expect(plan.locator("#result .calc-summary")).to_contain_text("1,000.00", timeout=READY)
    assert plan.locator("form#calculator").get_attribute("data-snapshot") == "loaded"

    # the privacy page names the cache
    privacy = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")
    assert f"`{SNAPSHOT_CACHE}`" in privacy


def test_damaged_snapshot_is_noticed_by_its_checksum_and_replaced(context, site_url):
    page = open_penalty(context, site_url)
    answer_is(page, "75.00")
    wait_saved(page)
    name = SNAPSHOT_CACHE + site_url
    page.evaluate(DAMAGE, [name, False])
    page.close()
    again = open_penalty(context, site_url)
    answer_is(again, "罚息（违约金）共 75.00 元")
    wait_saved(again)  # started normally and saved a good one
    assert again.evaluate(SNAPSHOT_ENTRY, name)["count"] == 1
    third = open_penalty(context, site_url)
    answer_is(third, "75.00")
    assert third.locator("form#calculator").get_attribute("data-snapshot") == "loaded"


def test_snapshot_that_cannot_start_python_falls_back_to_a_fresh_worker(context, site_url):
    page = open_penalty(context, site_url)
    answer_is(page, "75.00")
    wait_saved(page)
    name = SNAPSHOT_CACHE + site_url
    page.evaluate(DAMAGE, [name, True])  # right checksum, wrong memory: only starting Python tells
    page.close()
    again = open_penalty(context, site_url)
    answer_is(again, "罚息（违约金）共 75.00 元")
    form = again.locator("form#calculator")
    assert form.get_attribute("data-snapshot") == "failed"
    assert form.get_attribute("data-failed") is None
    assert again.evaluate(f"caches.open({name!r}).then((c) => c.keys()).then((k) => k.length)") == 0
    again.locator('[name="days"]').fill("31")
    answer_is(again, "77.50")
