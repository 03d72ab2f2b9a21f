"""还款提醒 in the browser: from the plan page's "加到手机日历" link to a downloaded .ics that is byte
for byte what `python -m calculators calendar` gives, read back with `icalendar` (test-only).
One Pyodide start per page; several checks per load."""

import json
import subprocess
import sys
from urllib.parse import urljoin

import icalendar
from playwright.sync_api import expect

from conftest import ROOT

READY = 'form#calculator[data-ready="true"]'


def cli(name, inputs):
    done = subprocess.run([sys.executable, "-m", "calculators", name, "--json", json.dumps(inputs, ensure_ascii=False)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    return json.loads(done.stdout)


def test_plan_link_to_a_downloaded_calendar(page, site_url):
    page.goto(urljoin(site_url, "calculators/plan/?principal=12000&months=12&method=interest_free&first_due=2027-01-31"))
    page.wait_for_selector(READY, timeout=60_000)
    link = page.get_by_role("link", name="加到手机日历：每期还款日前提醒我")
    expect(link).to_be_visible(timeout=30_000)
    link.click()
    page.wait_for_url("**/calculators/calendar/**")
    expect(page.locator('[name="principal"]')).to_have_value("12000.00")
    expect(page.locator('[name="first_due"]')).to_have_value("2027-01-31")
    page.wait_for_selector(READY, timeout=60_000)
    page.locator('[name="lender"]').fill("招商银行信用卡")
    button = page.locator("#result [data-block=download] button")
    expect(button).to_be_visible(timeout=30_000)
    expect(page.locator("#result .calc-summary")).to_contain_text("12 次还款")
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    content = open(download.path(), "rb").read()
    expected = cli("calendar", {"lender": "招商银行信用卡", "source": "plan", "principal": "12000.00", "months": "12",
                                "method": "interest_free", "first_due": "2027-01-31", "remind_days_before": ""})
    assert content == expected["ics"].encode("utf-8")
    events = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert [str(event.decoded("DTSTART")) for event in events][:3] == ["2027-01-31", "2027-02-28", "2027-03-31"]
    assert all("招商银行信用卡" in str(event["SUMMARY"]) and "1,000.00" in str(event["SUMMARY"]) for event in events)
