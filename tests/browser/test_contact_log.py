"""沟通记录 (the contact log): entries sorted by date and time, kept on reload, edited, deleted,
downloaded as CSV (read back with the csv module); hostile input in every text field; an
unreadable saved log kept as it is. No Pyodide on this page, so one page does it all."""

import csv
import io
import json
import re
from urllib.parse import urljoin

from playwright.sync_api import expect

from calculators import contactlog
from test_accessibility import axe_findings
from test_hostile_input import CORPUS

CJK = re.compile(r"[\u4e00-\u9fff]")
LABELS = [label for _, label in contactlog.csv_columns()]
TEXT_FIELDS = {"lender": contactlog.MAX_TEXT_CHARS, "agent": contactlog.MAX_TEXT_CHARS,
               "said": 500, "next_step": contactlog.MAX_TEXT_CHARS}  # the textarea: the form hook's limit


def add(page, **values):
    for name, value in values.items():
        page.locator(f'#contact-log [name="{name}"]').fill(value)
    page.locator('[data-action="save-entry"]').click()


def stored(page):
    return json.loads(page.evaluate("localStorage.getItem('xshk:log')"))


def download_csv(page):
    with page.expect_download() as info:
        page.locator('[data-action="download-csv"]').click()
    raw = open(info.value.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # a BOM for Excel and WPS, CRLF rows
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def open_log(page, site_url):
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(urljoin(site_url, "tools/contact-log/"))
    expect(page.locator("#log-status")).to_contain_text("添加这条记录")


def test_entries_sorted_kept_edited_deleted_and_in_the_csv(page, site_url):
    open_log(page, site_url)
    assert page.locator('#contact-log [name="date"]').input_value()  # today, filled in
    add(page, date="2026-11-20", time="10:30", lender="招商银行信用卡中心", agent="工号 1234",
        said="同意停息，分 24 期，每期 800 元", next_step="等短信确认", next_date="2026-11-23")
    add(page, date="2026-11-15", time="", lender="支付宝（花呗）", said="让我在 App 里申请")
    headings = page.locator(".log-entry h3")
    expect(headings).to_have_count(2)
    assert headings.all_text_contents() == ["2026-11-15 支付宝（花呗）", "2026-11-20 10:30 招商银行信用卡中心"]
    page.reload()
    expect(headings).to_have_count(2)
    assert stored(page)["v"] == 1 and len(stored(page)["entries"]) == 2
    # edit the first (earliest) one
    page.locator(".log-entry").first.locator('[data-action="edit-entry"]').click()
    expect(page.locator('#contact-log [name="lender"]')).to_have_value("支付宝（花呗）")
    page.locator('#contact-log [name="said"]').fill("让我在 App 里申请延期，3 天内答复")
    page.locator('[data-action="save-entry"]').click()
    expect(page.locator(".log-entry").first).to_contain_text("3 天内答复")
    assert len(stored(page)["entries"]) == 2
    assert axe_findings(page) == []  # with entries drawn (the page itself is in test_accessibility.py)
    rows = download_csv(page)
    assert rows[0] == LABELS
    assert rows[1][LABELS.index("说了什么、答应了什么")] == "让我在 App 里申请延期，3 天内答复"
    assert rows[2][:6] == ["2026-11-20", "10:30", "招商银行信用卡中心", "电话", "工号 1234", "同意停息，分 24 期，每期 800 元"]
    # delete needs two presses
    last = page.locator(".log-entry").last.locator('[data-action="delete-entry"]')
    last.click()
    expect(headings).to_have_count(2)
    last.click()
    expect(headings).to_have_count(1)
    page.reload()
    expect(headings).to_have_text(["2026-11-15 支付宝（花呗）"])
    # an empty required field: a Chinese message next to it, nothing added
    add(page, lender="", said="")
    expect(page.locator("#lender-error")).to_contain_text("错误：")
    assert CJK.search(page.locator("#said-error").text_content())
    assert page.locator('#contact-log [name="lender"]').get_attribute("aria-invalid") == "true"
    expect(headings).to_have_count(1)
    assert page.dialogs == []


def test_hostile_input_in_every_field_of_the_log(page, site_url):
    open_log(page, site_url)
    base = {"date": "2026-11-01", "lender": "招商银行", "said": "说好了"}
    problems = []
    typed = []
    for field, limit in TEXT_FIELDS.items():
        for text in CORPUS:
            add(page, **dict(base, **{field: text}))
            kept = text[:limit]
            where = f"{field} {text[:30]!r}"
            value = page.locator(f'#contact-log [name="{field}"]')
            if field in contactlog.REQUIRED_MESSAGES and not text.strip():
                if value.get_attribute("aria-invalid") != "true" or not CJK.search(
                        page.locator(f"#{field}-error").text_content()):
                    problems.append(f"{where}: no Chinese message next to the empty required field")
                if value.input_value() != kept:
                    problems.append(f"{where}: the typed text was not kept in the field")
                add(page, **base)  # the form is still usable
                continue
            entries = stored(page)["entries"]
            if entries[-1][field] != kept:
                problems.append(f"{where}: saved as {entries[-1][field][:30]!r}")
            typed.append((field, kept))
            state = page.evaluate("""() => ({
                pwned: window.__pwned !== undefined,
                injected: [...document.querySelectorAll("script")].filter((s) => s.textContent.includes("alert(1)")).length +
                          document.querySelectorAll('img[src="x"], img[src$="/x"], [onerror]').length,
            })""")
            if state["pwned"] or state["injected"] or page.dialogs:
                problems.append(f"{where}: the typed text ran as code")
    page.reload()
    expect(page.locator(".log-entry")).to_have_count(len(stored(page)["entries"]))
    assert page.locator("#log-list").evaluate("n => n.querySelectorAll('script, img').length") == 0
    rows = download_csv(page)
    cells = {cell for row in rows[1:] for cell in row}
    for field, kept in typed:
        expected = "'" + kept if re.match(r"[=+\-@\t\r]", kept) else kept  # no spreadsheet formulas
        if kept.strip() and expected not in cells:
            problems.append(f"{field} {kept[:30]!r}: not in the CSV")
    assert not problems, "\n".join(problems[:40])


def test_an_unreadable_log_is_kept(page, site_url):
    open_log(page, site_url)
    for raw in ('{"v": 1, "entries": {}}', '{"v": 2, "entries": []}', "not json"):
        page.evaluate("raw => localStorage.setItem('xshk:log', raw)", raw)
        page.reload()
        expect(page.locator("#log-saved")).to_contain_text("读不出来")
        add(page, date="2026-11-01", lender="花呗", said="测试")
        expect(page.locator(".log-entry")).to_have_count(1)  # shown, printable, downloadable
        assert page.evaluate("localStorage.getItem('xshk:log')") == raw
    clear = page.locator('[data-action="clear-log"]')
    clear.click()
    page.get_by_role("button", name="确定清除全部记录").click()
    assert page.evaluate("localStorage.getItem('xshk:log')") is None
    add(page, date="2026-11-01", lender="花呗", said="测试")
    assert len(stored(page)["entries"]) == 1
