"""The built site in a real Chromium: every page loads with nothing from another host,
search finds Chinese words inside Chinese text, and Pyodide runs the shipped calculators."""

import json
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import SITE


def built_pages():
    return sorted(
        path.relative_to(SITE).as_posix()
        for path in SITE.rglob("*.html")
        if path.name != "404.html"
    )


def test_every_page_loads_only_from_the_site(page, site_url, watcher):
    pages = built_pages()
    assert "index.html" in pages and len(pages) > 1
    for relative in pages:
        url = urljoin(site_url, relative.removesuffix("index.html"))
        response = page.goto(url, wait_until="networkidle")
        assert response.status == 200, url
        assert page.locator("h1").first.inner_text().strip(), f"{url} has no heading"
    # the watcher fails the test on any foreign request, failed request or console error


def search(page, site_url, query):
    """Search the way a person on a phone does: tap the magnifier, type, read the list."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url)
    page.locator(".md-header__button[for='__search']").click()
    box = page.locator("input.md-search__input")
    box.fill("")
    box.type(query, delay=50)
    # A Chinese IME commits the word and then releases a key; Material searches on keyup.
    box.press("End")
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    return page.locator(".md-search-result__list").inner_text()


def test_search_finds_a_chinese_word_inside_text(page, site_url):
    text = search(page, site_url, "协商")
    assert "协商" in text
    hrefs = page.locator(".md-search-result__item a").evaluate_all("links => links.map(a => a.href)")
    home = [href for href in hrefs if urlsplit(href).path == "/"]
    assert home, f"no result on the home page: {hrefs}"


def test_the_search_index_comes_when_the_search_is_opened(page, site_url):
    """A page's load does not fetch the search index (a third of its bytes); opening the search does,
    by tapping the magnifier on a phone or by clicking into the box on a wide screen."""
    asked = []
    page.on("request", lambda request: asked.append(request.url) if "search_index" in request.url else None)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(urljoin(site_url, "steps/01-what-you-owe/"), wait_until="networkidle")
    page.wait_for_timeout(1000)
    assert asked == [], "the page fetched the search index before anyone searched"
    text = search(page, site_url, "征信")  # a phone: the magnifier (search() opens the home page first)
    assert "征信" in text and len(asked) == 1  # only the page where the search was opened asked

    asked.clear()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(urljoin(site_url, "products/huabei/"), wait_until="networkidle")
    page.wait_for_timeout(500)
    assert asked == []
    page.locator("input.md-search__input").click()  # a wide screen: the box is in the header
    page.locator("input.md-search__input").type("95188", delay=50)
    page.locator(".md-search-result__item").first.wait_for()
    assert len(asked) == 1 and asked[0].endswith("/search/search_index.json")


def test_pyodide_from_the_site_runs_a_shipped_calculator(page, site_url):
    page.goto(site_url)
    (manifest_file,) = SITE.glob("assets/calculators.*.json")  # content-hashed name
    manifest = json.loads(manifest_file.read_text())
    result = page.evaluate(
        """async ([base, zip]) => {
            const { loadPyodide } = await import(base + "pyodide/pyodide.mjs");
            const pyodide = await loadPyodide({ indexURL: base + "pyodide/" });
            const data = await (await fetch(base + zip)).arrayBuffer();
            pyodide.unpackArchive(data, "zip", { extractDir: "/home/pyodide/lib" });
            pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/lib')");
            return pyodide.runPython(`
import json, sys, calculators
json.dumps([sys.version_info[:2], calculators.run("penalty", {"product": "huabei", "amount": "5000", "days": "30"})])
`);
        }""",
        [site_url, manifest["zip"]],
    )
    version, answer = json.loads(result)
    assert version[0] == 3 and version[1] >= 12, version  # the browser's Python, not the host's 3.11
    assert answer["penalty"] == "75.00"


@pytest.mark.parametrize(
    "query, expected_pages",
    [
        ("个性化分期", {"/steps/06-propose-a-plan/", "/products/credit-card/"}),
        ("95188", {"/steps/03-contact-the-lender/", "/products/huabei/"}),
        ("征信", {"/rights/credit-report/"}),
        ("拒执", {"/after/after-judgment/"}),
        ("个人破产", {"/after/cannot-pay/"}),
        ("支付令", {"/after/sued/"}),
        ("答辩", {"/after/sued/"}),
        ("套路贷", {"/rights/is-this-lender-legal/"}),
        ("配偶", {"/rights/family/"}),
    ],
)
def test_search_finds_guide_terms_on_the_right_pages(page, site_url, query, expected_pages):
    search(page, site_url, query)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("links => links.map(a => a.href)")
    found = {urlsplit(href).path for href in hrefs}
    assert expected_pages <= found, f"{query}: {sorted(found)}"
