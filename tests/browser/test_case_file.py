"""我的情况 (the case file): two debts and a budget typed once; the penalty, budget, debts and letter
pages fill from it ("用我的情况填写") and show what the command line gives for the same inputs; a
figure changed on a calculator page is saved back; an unreadable saved case file is kept byte for
byte, reported in Chinese, and the pages still work. Hostile input in every case-file field is
tests/browser/test_hostile_input.py's (casefile is a calculator there like any other).
Each page load costs a Pyodide start, so each page does several checks."""

import json
import re
from urllib.parse import urljoin

from playwright.sync_api import expect

import calculators
import forms
from test_calculator_pages import cli_view

READY = 'form#calculator[data-ready="true"]'
CASE = calculators.example("casefile", "debts_and_a_budget")


def case_values(page):
    return json.loads(page.evaluate("localStorage.getItem('xshk:case')"))


def open_page(page, site_url, name):
    page.goto(urljoin(site_url, f"calculators/{name}/"))
    page.wait_for_selector(READY, timeout=60_000)


def headline(page, view):
    expect(page.locator("#result .calc-summary")).to_have_text(view[0]["text"], timeout=30_000)


def test_type_once_fill_everywhere_and_save_back(page, site_url):
    open_page(page, site_url, "casefile")
    forms.fill(page, forms.flatten(CASE))
    page.get_by_role("button", name="计算", exact=True).click()
    headline(page, cli_view("casefile", CASE))
    saved = case_values(page)
    assert saved["v"] == 1 and saved["values"]["debts.1.amount"] == "8000" and saved["values"]["elders"] == "300"
    page.reload()
    expect(page.locator('[name="debts.1.nickname"]')).to_have_value("花呗")
    expect(page.locator('[name="food"]')).to_have_value("1200")
    page.wait_for_selector(READY, timeout=60_000)

    # the penalty page, the second debt (花呗 8,000, 30 days)
    open_page(page, site_url, "penalty")
    page.select_option("#case-debt", "1")
    page.locator('[data-action="fill-from-case"]').click()
    expect(page.locator('[name="amount"]')).to_have_value("8000")
    assert page.locator('[name="product"]').input_value() == "huabei"
    headline(page, cli_view("penalty", {"product": "huabei", "amount": "8000", "days": "30"}))
    # changed here, saved back into the case file (that debt only)
    page.locator('[name="amount"]').fill("9000")
    page.locator('[data-action="save-to-case"]').click()
    expect(page.locator(".calc-confirm")).to_contain_text("现在欠款（元）：8000 → 9000")  # asks first (issue 23)
    page.get_by_role("button", name="确定存回").click()
    expect(page.locator(".case-status")).to_contain_text("已存回")
    values = case_values(page)["values"]
    assert values["debts.1.amount"] == "9000" and values["debts.0.amount"] == "20000"
    # the third debt is a private loan: its signing date comes along, and the cap follows it
    page.select_option("#case-debt", "2")
    page.locator('[data-action="fill-from-case"]').click()
    expect(page.locator('[name="signed_on"]')).to_have_value("2023-05-10")
    private = {"product": "custom", "amount": "5000", "days": "10", "daily_rate": "0.03%", "signed_on": "2023-05-10"}
    headline(page, cli_view("penalty", private))
    expect(page.locator('#result [data-block="figures"]')).to_contain_text("14.6%")  # 4 × 3.65 % (2022-08-22)

    # the budget page: incomes and the spending categories as rows, the first debt
    open_page(page, site_url, "budget")
    page.locator('[data-action="fill-from-case"]').click()
    spending = [("房租/房贷", "1500"), ("水电燃气", "200"), ("吃饭", "1200"), ("交通", "200"), ("通讯", "100"),
                ("孩子", "500"), ("看病", "100"), ("赡养老人", "300"), ("其他", "100")]
    budget = {"incomes": [{"label": "工资", "amount": "6000"}, {"label": "其他收入", "amount": "500"}],
              "essentials": [{"label": label, "amount": amount} for label, amount in spending],
              "other_debts": [{"label": "其他必须还的钱", "amount": "0"}],
              "debt_amount": "20000", "annual_rate": "18%"}
    headline(page, cli_view("budget", budget))
    assert page.locator('[data-list="essentials"] .calc-row').count() == 9

    # the debts page: one row per debt, with the amount saved back above
    open_page(page, site_url, "debts")
    page.locator('[name="monthly_available"]').fill("2000")
    page.locator('[data-action="fill-from-case"]').click()
    debts = {"debts": [{"label": "招行卡", "product": "credit_card", "amount": "20000",
                        "daily_rate": "0.05%", "statement_date": "2026-01-05", "due_date": "2026-01-25"},
                       {"label": "花呗", "product": "huabei", "amount": "9000", "days": "30"},
                       {"label": "找表哥借的", "product": "custom", "amount": "5000", "days": "10",
                        "daily_rate": "0.03%"}],
             "monthly_available": "2000", "as_of": page.locator('[name="as_of"]').input_value()}  # today
    headline(page, cli_view("debts", debts))

    # the letter (no Python): lender, amount, name and phone from the case file
    page.goto(urljoin(site_url, "calculators/letter/"))
    page.locator('[data-action="fill-from-case"]').click()
    letter = page.locator("#letter-text")
    expect(letter).to_have_value(re.compile("招商银行信用卡中心"))
    text = letter.input_value()
    assert "目前欠款 20000 元" in text and "张三" in text and "13800000000" in text
    assert "已逾期" not in text  # the case file has the due date, not a typed number of days

    # 我的协商方案: built from the same case file (the 9,000 saved back above), dated today,
    # the figures the command line gives for the same inputs
    open_page(page, site_url, "actionplan")
    expect(page.locator('[name="debts.1.amount"]')).to_have_value("9000")
    as_of = page.locator('[name="as_of"]').input_value()
    inputs = json.loads(json.dumps(CASE))
    inputs["debts"][1]["amount"] = "9000"
    view = cli_view("actionplan", dict(inputs, as_of=as_of))
    headline(page, view)
    assert as_of in view[0]["text"]
    table = next(block for block in view if block["kind"] == "table")
    cells = page.locator("#result table").first.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.querySelectorAll('td')].map(td => td.textContent))")
    assert cells == table["rows"]
    letter_link = page.get_by_role("link", name=re.compile("给招商银行信用卡中心写协商还款申请书"))
    assert "monthly=" in letter_link.get_attribute("href")


BROKEN = ('{"v": 1, "values": ', '{"v": 7, "values": {}}', '"a string"', '{"v": 1, "values": ["x"]}', "\u202e<script>")


def test_an_unreadable_case_file_is_kept_and_reported(page, site_url):
    open_page(page, site_url, "penalty")
    for raw in BROKEN:
        page.evaluate("raw => localStorage.setItem('xshk:case', raw)", raw)
        page.reload()
        expect(page.locator(".case-status")).to_contain_text("读不出来")
        assert page.locator('[data-action="fill-from-case"]').is_disabled()
        assert page.locator('[data-action="save-to-case"]').is_disabled()
        assert page.evaluate("localStorage.getItem('xshk:case')") == raw
    # the calculator itself still answers
    page.wait_for_selector(READY, timeout=60_000)
    forms.fill(page, {"product": "huabei", "amount": "5000", "days": "30"})
    headline(page, cli_view("penalty", {"product": "huabei", "amount": "5000", "days": "30"}))
    # the case page: reported, works, and what is typed there does not overwrite the saved text
    open_page(page, site_url, "casefile")
    expect(page.locator("#calculator-saved")).to_contain_text("读不出来")
    page.locator('[name="salary"]').fill("5000")
    page.get_by_role("button", name="计算", exact=True).click()
    expect(page.locator("#result .calc-summary")).to_contain_text("5,000.00 元", timeout=30_000)
    assert page.evaluate("localStorage.getItem('xshk:case')") == BROKEN[-1]
    # only 清除 removes it; then the case file is saved again
    page.get_by_role("button", name="清除本机保存的数据").click()
    page.get_by_role("button", name="确定清除").click()
    assert page.evaluate("localStorage.getItem('xshk:case')") is None
    page.locator('[name="salary"]').fill("5000")
    expect(page.locator("#result .calc-summary")).to_contain_text("5,000.00 元", timeout=30_000)
    assert case_values(page)["values"]["salary"] == "5000"


THREE_CARDS = {  # 李姐 of the UX report, saved by an earlier version (v1, before overdue_amount and court_stage)
    "debts.0.nickname": "招行卡", "debts.0.lender": "招商银行信用卡中心", "debts.0.product": "credit_card",
    "debts.0.amount": "30000", "debts.0.days": "120", "debts.0.account": "尾号 1234",
    "debts.1.nickname": "建行卡", "debts.1.lender": "建设银行", "debts.1.product": "credit_card",
    "debts.1.amount": "18000", "debts.1.days": "100",
    "debts.2.nickname": "广发卡", "debts.2.lender": "广发银行", "debts.2.product": "credit_card",
    "debts.2.amount": "12000", "debts.2.days": "90",
    "salary": "3900", "rent": "1000", "name": "李某", "contact_phone": "13900000000",
}


def test_the_plan_reaches_the_letter_and_the_reminders(page, site_url):
    page.goto(urljoin(site_url, "calculators/casefile/"))
    page.evaluate("v => localStorage.setItem('xshk:case', JSON.stringify({v: 1, values: v}))", THREE_CARDS)
    # a case file saved by the earlier version is read with every field, and the new ones are empty
    open_page(page, site_url, "casefile")
    for name, value in THREE_CARDS.items():
        if not name.endswith(".product"):
            expect(page.locator(f'[name="{name}"]')).to_have_value(value)
    expect(page.locator('[name="debts.0.overdue_amount"]')).to_have_value("")

    open_page(page, site_url, "actionplan")
    page.get_by_role("button", name="计算", exact=True).click()
    today = page.locator('[name="as_of"]').input_value()
    inputs = {"debts": [{key.split(".", 2)[2]: value for key, value in THREE_CARDS.items()
                         if key.startswith(f"debts.{n}.")} for n in range(3)],
              "salary": "3900", "rent": "1000", "name": "李某", "contact_phone": "13900000000", "as_of": today}
    answer = calculators.answer("actionplan", inputs)
    headline(page, answer["view"])
    expect(page.locator("#result")).to_contain_text("恶意透支")
    ask = answer["result"]["asks"][0]
    assert all(float(a["monthly"]) > 0 for a in answer["result"]["asks"])  # no card gets nothing

    # the letter for the first lender: every figure and request of its row, and the person's details
    page.get_by_role("link", name=f"给{ask['lender']}写协商还款申请书（已填好这些数）").click()
    letter = page.locator("#letter-text")
    expect(letter).to_have_value(re.compile("协商还款申请书"))
    text = letter.input_value()
    owed = f"{float(ask['owed_now']):,.2f}"
    assert f"目前欠款 {owed} 元（其中本金 30,000.00 元，罚息、违约金 {float(ask['penalty']):,.2f} 元）" in text
    assert "本人李某" in text and "尾号 1234" in text and "13900000000" in text
    assert f"每月还款 {float(ask['monthly']):,.2f} 元，共 {ask['months']} 期" in text
    assert "第七十条" in text and "减免已产生的罚息和违约金" in text and "停息挂账" not in text
    # 用我的情况填写 keeps the plan's figures and says what the case file holds instead
    page.locator('[data-action="fill-from-case"]').click()
    expect(page.locator(".case-status")).to_contain_text("没有改")
    expect(page.locator(".case-status")).to_contain_text("30000")
    assert f"目前欠款 {owed} 元" in letter.input_value()

    # the reminders: the plan's schedule, one payment a month
    page.go_back()
    page.wait_for_selector(READY, timeout=60_000)
    page.get_by_role("link", name=re.compile(f"把和{ask['lender']}的 {ask['months']} 期还款加到手机日历")).click()
    page.wait_for_selector(READY, timeout=60_000)
    rows = page.locator('[data-list="payments"] .calc-row')
    expect(rows).to_have_count(ask["months"])
    first = ask["schedule"][0]["amount"]
    expect(page.locator('[name="payments.0.amount"]')).to_have_value(first)
    expect(page.locator("#result .calc-summary")).to_contain_text(f"{ask['months']}")
