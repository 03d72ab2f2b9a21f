"""axe-core (npm, test-only) on every page of the built site: no serious or critical findings."""

from pathlib import Path
from urllib.parse import urljoin

from conftest import ROOT, SITE

AXE = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


def all_pages():
    return sorted(
        p.relative_to(SITE).as_posix().removesuffix("index.html")
        for p in SITE.rglob("*.html") if p.name != "404.html"
    )


def axe_findings(page):
    page.evaluate(AXE)  # evaluated through DevTools, so the page's CSP is untouched
    results = page.evaluate("""async () => {
        const r = await axe.run(document, { resultTypes: ["violations"] });
        return r.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 3) }));
    }""")
    return [v for v in results if v["impact"] in ("serious", "critical")]


def test_no_serious_accessibility_findings_on_any_page(page, site_url):
    problems = {}
    for relative in all_pages():
        page.goto(urljoin(site_url, relative), wait_until="load")
        found = axe_findings(page)
        if found:
            problems[relative or "/"] = found
    assert not problems, problems


def test_no_serious_findings_in_dark_mode_on_a_phone(browser, site_url, watcher):
    context = browser.new_context(color_scheme="dark", viewport={"width": 390, "height": 844}, service_workers="block")
    watcher.watch(context)
    page = context.new_page()
    try:
        for relative in ("", "steps/05-prepare-documents/", "products/huabei/"):
            page.goto(urljoin(site_url, relative), wait_until="load")
            assert axe_findings(page) == [], relative
    finally:
        context.close()
    assert not watcher.problems(), watcher.problems()
