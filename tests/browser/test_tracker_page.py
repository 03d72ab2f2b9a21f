"""我的还款协议 in the browser: an agreement typed like a person, payments recorded with 记一笔还款,
kept on reload, the same figures as `python -m calculators tracker --view`, the .ics of what is
left read back with `icalendar` (test-only), the CSV, export → clear → import through the backup
page, and an agreement brought over from 我的协商方案's link. Hand-worked figures in the comments."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import icalendar
from playwright.sync_api import expect

from conftest import ROOT

READY = 'form#calculator[data-ready="true"]'
AGREEMENT = {"lender": "招商银行信用卡", "monthly": "800", "months": "12", "first_due": "2027-01-31"}
AS_OF = "2027-03-01"


def cli_view(inputs):
    done = subprocess.run([sys.executable, "-m", "calculators", "tracker", "--json",
                           json.dumps(inputs, ensure_ascii=False), "--view"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    return json.loads(done.stdout)


def type_into(page, selector, text):
    box = page.locator(selector)
    box.fill("")
    box.press_sequentially(text)


def open_tracker(page, site_url, query=""):
    page.goto(urljoin(site_url, "calculators/tracker/" + query))
    page.wait_for_selector(READY, timeout=60_000)


def set_as_of(page, day):
    page.locator('#calculator [name="as_of"]').fill(day)


def shown_figures(page):
    """The first figures block on the page: [(label, value)]."""
    block = page.locator('#result [data-block="figures"]').first
    return list(zip(block.locator("dt").all_text_contents(), block.locator("dd").all_text_contents()))


def stored_values(page):
    return json.loads(page.evaluate("localStorage.getItem('xshk:agreements')"))


def test_record_payments_reload_and_match_the_cli(page, site_url, tmp_path):
    open_tracker(page, site_url)
    quick = page.locator('[data-action="record-payment"]')
    expect(quick).to_be_disabled()  # no agreement yet
    for name, value in AGREEMENT.items():
        if name == "first_due":
            page.locator(f'#calculator [name="agreements.0.{name}"]').fill(value)
        else:
            type_into(page, f'#calculator [name="agreements.0.{name}"]', value)
    set_as_of(page, AS_OF)
    summary = page.locator("#result .calc-summary")
    expect(summary).to_contain_text("按协议应还 1,600.00 元", timeout=30_000)  # 01-31 and 02-28 due: 2 × 800
    # 记一笔还款: the lender is chosen, the amount is the next instalment's (800.00)
    expect(page.locator("#quick-lender")).to_have_value("招商银行信用卡")
    expect(page.locator("#quick-amount")).to_have_value("800.00")  # the 1st (01-31) is the first not paid
    page.locator("#quick-date").fill("2027-01-31")
    quick.click()
    expect(page.locator("#quick-status")).to_contain_text("已记下")
    expect(summary).to_contain_text("已还 800.00 元", timeout=30_000)
    # a smaller payment, typed, with a note
    page.locator("#quick-date").fill("2027-02-28")
    type_into(page, "#quick-amount", "500")
    type_into(page, "#quick-note", "回单 0228")
    quick.click()
    # paid 800 + 500 = 1,300 of 1,600: behind 300; next 03-31: 3 × 800 − 1,300 = 1,100
    expect(summary).to_contain_text("已还 1,300.00 元", timeout=30_000)
    expect(summary).to_contain_text("落后的：招商银行信用卡 300.00 元")
    expect(summary).to_contain_text("2027-03-31 还招商银行信用卡 1,100.00 元")
    saved = stored_values(page)
    assert saved["v"] == 1 and saved["values"]["payments.1.amount"] == "500"
    assert saved["values"]["payments.1.note"] == "回单 0228"

    # the page says what the CLI says for the same inputs
    inputs = {"agreements": [dict(AGREEMENT, kind="personalised", total="", agreed_on="", reference="",
                                  cannot_pay="no")],
              "payments": [{"lender": "招商银行信用卡", "date": "2027-01-31", "amount": "800.00", "note": ""},
                           {"lender": "招商银行信用卡", "date": "2027-02-28", "amount": "500", "note": "回单 0228"}],
              "as_of": AS_OF}
    expected = cli_view(inputs)
    result = expected["result"]["agreements"][0]
    assert (result["paid"], result["behind"], result["next_amount"]) == ("1300.00", "300.00", "1100.00")
    blocks = expected["view"]
    expect(summary).to_have_text(blocks[0]["text"])
    figures = next(b for b in blocks if b["kind"] == "figures")
    assert shown_figures(page) == [(item["label"], item["value"]) for item in figures["items"]]
    tables = [b for b in blocks if b["kind"] == "table"]
    page_tables = page.locator('#result [data-block="table"]')
    expect(page_tables).to_have_count(len(tables))
    for index, table in enumerate(tables):
        cells = page_tables.nth(index).locator("tbody td").all_text_contents()
        assert cells == [cell for row in table["rows"] for cell in row]
    expect(page.locator('#result [data-block="chart"] polyline')).to_have_count(2)  # agreed and paid

    # the reminders for what is left: instalments 3 … 12, the first with the 300 behind
    ics_button = page.locator('#result [data-block="download"] button', has_text=".ics")
    with page.expect_download() as info:
        ics_button.click()
    content = open(info.value.path(), "rb").read()
    assert content == result["ics"].encode("utf-8")
    events = list(icalendar.Calendar.from_ical(content).walk("VEVENT"))
    assert [str(event.decoded("DTSTART")) for event in events][:3] == ["2027-03-31", "2027-04-30", "2027-05-31"]
    assert len(events) == 10 and "1,100.00" in str(events[0]["SUMMARY"]) and "800.00" in str(events[1]["SUMMARY"])

    # the payments as CSV
    with page.expect_download() as info:
        page.locator('#result [data-block="download"] button', has_text="CSV").click()
    raw = open(info.value.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows == [["日期", "机构", "金额（元）", "备注"], ["2027-01-31", "招商银行信用卡", "800.00", ""],
                    ["2027-02-28", "招商银行信用卡", "500.00", "回单 0228"]]

    # reload: the agreement and both payments are still there ("算到哪一天" is today again)
    page.reload()
    page.wait_for_selector(READY, timeout=60_000)
    expect(page.locator('#calculator [name="payments.1.note"]')).to_have_value("回单 0228")
    set_as_of(page, AS_OF)
    expect(summary).to_have_text(blocks[0]["text"], timeout=30_000)

    # edit a payment (500 → 800) and delete the first one: paid 800, behind 800
    type_into(page, '#calculator [name="payments.1.amount"]', "800")
    page.locator('#calculator [data-list="payments"] .calc-row').first.locator("[data-remove-row]").click()
    expect(summary).to_contain_text("已还 800.00 元", timeout=30_000)
    expect(summary).to_contain_text("落后的：招商银行信用卡 800.00 元")
    saved = stored_values(page)["values"]
    assert saved["payments.0.amount"] == "800" and "payments.1.amount" not in saved

    # export → clear → import through the backup page
    page.goto(urljoin(site_url, "tools/backup/"))
    with page.expect_download() as info:
        page.locator('[data-action="export-data"]').click()
    exported = Path(info.value.path())
    assert "xshk:agreements" in json.loads(exported.read_text(encoding="utf-8"))["data"]
    page.evaluate("localStorage.clear()")
    open_tracker(page, site_url)
    expect(page.locator('#calculator [name="agreements.0.lender"]')).to_have_value("")
    page.goto(urljoin(site_url, "tools/backup/"))
    page.locator('input[type=file][data-action="import-data"]').set_input_files(str(exported))
    expect(page.locator("#import-contents")).to_contain_text("我的还款协议")
    page.locator('[data-action="confirm-import"]').click()
    expect(page.locator("#backup-status")).to_contain_text("已导入")
    open_tracker(page, site_url)
    expect(page.locator('#calculator [name="agreements.0.lender"]')).to_have_value("招商银行信用卡")
    expect(page.locator('#calculator [name="payments.0.amount"]')).to_have_value("800")


def test_an_agreement_from_the_action_plan_and_the_cannot_pay_warning(page, site_url):
    # what 我的协商方案's "记录这份协议" link carries
    open_tracker(page, site_url, "?new_lender=%E8%8A%B1%E5%91%97&new_monthly=500.00&new_months=12")
    expect(page.locator('#calculator [name="agreements.0.lender"]')).to_have_value("花呗")
    expect(page.locator('#calculator [name="agreements.0.monthly"]')).to_have_value("500.00")
    expect(page.locator('#calculator [name="agreements.0.months"]')).to_have_value("12")
    expect(page.locator("#quick-status")).to_contain_text("第一期还款日")
    assert "new_lender" not in page.url  # a reload does not add it again
    page.locator('#calculator [name="agreements.0.first_due"]').fill("2027-01-15")
    page.locator('#calculator [name="agreements.0.cannot_pay"]').select_option("yes")
    set_as_of(page, "2027-01-05")  # the first instalment is 10 days away
    warning = page.locator('#result [data-block="warning"]')
    expect(warning).to_contain_text("一次还清", timeout=30_000)
    link = page.locator('#result [data-block="link"] a', has_text="申请书")
    assert "requests=defer" in link.get_attribute("href")
    # the same link again finds the agreement instead of adding a second one
    open_tracker(page, site_url, "?new_lender=%E8%8A%B1%E5%91%97&new_monthly=500.00&new_months=12")
    expect(page.locator("#quick-status")).to_contain_text("已经在下面了")
    expect(page.locator('#calculator [data-list="agreements"] .calc-row')).to_have_count(1)
