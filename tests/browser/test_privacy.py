"""What the site keeps on the device is exactly what the privacy page lists; no cookies;
and a script the policy does not allow is refused and reported."""

import re
from urllib.parse import urljoin

from conftest import ROOT

PRIVACY = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")


def documented_key_patterns():
    """The privacy page's table names every key; `…:` + page path and site path + `.__palette` are families."""
    names = re.findall(r"^\| `([^`]+)`", PRIVACY, re.M)
    assert len(names) >= 7, names
    patterns = [re.escape(name) + ("/.+" if name.endswith(":") else "$") for name in names]
    patterns.append(r"/(.*/)?\.__palette$")  # Material's colour-scheme choice, keyed by the site's path
    return [re.compile(p) for p in patterns]


def test_device_storage_holds_only_what_the_privacy_page_lists(page, site_url):
    page.goto(urljoin(site_url, "steps/05-prepare-documents/"))
    # Material draws the box with CSS on a zero-size element: click the checkbox itself
    page.locator(".task-list-item input[type=checkbox]").first.dispatch_event("click")
    assert page.locator(".task-list-item input[type=checkbox]").first.is_checked()
    page.goto(urljoin(site_url, "calculators/penalty/"))
    page.locator('input[name="amount"]').type("5000")
    page.locator('input[name="days"]').type("30")
    page.locator("#calculator[data-ready='true']").wait_for(timeout=60_000)
    page.locator("#result").get_by_text("75.00").first.wait_for()
    page.goto(urljoin(site_url, "calculators/letter/"))
    page.locator("#calculator input, #calculator textarea").first.type("张三")
    page.locator("label.md-header__button[for='__palette_0'], form[data-md-component='palette'] label").first.click()
    page.wait_for_timeout(500)  # saving is debounced
    keys = page.evaluate("Object.keys(localStorage)")
    assert any(k.startswith("xshk:checklist:") for k in keys) and "xshk:calculator:penalty" in keys, keys
    assert "xshk:letter" in keys, keys
    assert any(k.endswith(".__palette") for k in keys), keys
    undocumented = [k for k in keys if not any(p.match(k) for p in documented_key_patterns())]
    assert not undocumented, f"stored but not listed on the privacy page: {undocumented}"
    assert page.evaluate("Object.keys(sessionStorage)") == []
    assert page.evaluate("indexedDB.databases().then(dbs => dbs.map(d => d.name))") == []
    assert page.context.cookies() == []
    assert page.evaluate("document.cookie") == ""


def test_a_script_the_policy_does_not_allow_is_refused(page, site_url, watcher):
    page.goto(site_url)
    refused = []
    page.on("requestfailed", lambda request: refused.append((request.url, request.failure)))
    violations = page.evaluate("""() => new Promise((resolve) => {
        const seen = [];
        document.addEventListener("securitypolicyviolation", (e) => seen.push(e.violatedDirective));
        window.__ran = false;
        const inline = document.createElement("script");
        inline.textContent = "window.__ran = true";
        document.body.appendChild(inline);
        const foreign = document.createElement("img");
        foreign.src = "https://tracker.example.com/pixel.gif";
        document.body.appendChild(foreign);
        setTimeout(() => resolve(seen), 500);
    })""")
    assert page.evaluate("window.__ran") is False
    assert any(v.startswith("script-src") for v in violations), violations
    assert any(v.startswith("img-src") for v in violations), violations
    # the browser refused the image before any byte left the device
    assert refused == [("https://tracker.example.com/pixel.gif", "csp")], refused
    assert watcher.foreign_requests == ["https://tracker.example.com/pixel.gif"]
    watcher.foreign_requests.clear()  # the refusals above are provoked on purpose
    watcher.failed_requests.clear()
    watcher.console_errors.clear()
