"""Issue 23: each careless input of the UX report's table (../shared/ux-2026-12-05.md), typed like a
person on a 390 px phone, gets the echo Python returns ("按 8,000 元", "按 0.04%/天 计算") under
its box, or a message next to it that says how to fix it; never a silent misreading."""

import datetime
import re
import json
from urllib.parse import urljoin

from playwright.sync_api import expect

READY = 'form#calculator[data-ready="true"]'


def open_calculator(page, site_url, name, query=""):
    page.goto(urljoin(site_url, f"calculators/{name}/{query}"))
    page.wait_for_selector(READY, timeout=60_000)


def type_into(page, name, text):
    box = page.locator(f'[name="{name}"]')
    box.fill("")
    box.press_sequentially(text, delay=20)


def reading(page, name):
    return page.locator(f'#{name.replace(".", "-")}-reading')


def error(page, name):
    return page.locator(f'#{name.replace(".", "-")}-error')


def test_penalty_page_careless_inputs(phone, site_url):
    open_calculator(phone, site_url, "penalty", "?product=custom")
    type_into(phone, "amount", "8千")
    type_into(phone, "days", "45天")
    type_into(phone, "daily_rate", "0.04")
    expect(reading(phone, "amount")).to_have_text("按 8,000 元")
    expect(reading(phone, "daily_rate")).to_have_text("按 0.04%/天 计算")
    expect(reading(phone, "days")).to_have_count(0)  # 45天 is literal: nothing to say
    for typed, said in [("0.0004", "按 0.04%/天 计算"), ("5‰", "按 0.5%/天 计算"), ("万分之5", "按 0.05%/天 计算")]:
        type_into(phone, "daily_rate", typed)
        expect(reading(phone, "daily_rate")).to_have_text(said)
    type_into(phone, "daily_rate", "0.05%")
    expect(reading(phone, "daily_rate")).to_have_count(0)  # typed as a percentage: literal
    # "4个月" is never 4 days
    type_into(phone, "days", "4个月")
    expect(error(phone, "days")).to_contain_text("请换算成天数，约 120 天")
    expect(phone.locator("#result")).not_to_contain_text("逾期 4 天")
    # the echo is tied to its box for screen readers
    described = phone.locator('[name="amount"]').get_attribute("aria-describedby")
    assert "amount-reading" in described


def test_loan_page_annual_rate_as_daily_and_a_slashed_date(phone, site_url):
    open_calculator(phone, site_url, "loan", "?product=custom")
    type_into(phone, "daily_rate", "14.6%")
    expect(error(phone, "daily_rate")).to_contain_text("年利率 14.6% ÷ 365 ≈ 0.04%/天")
    type_into(phone, "as_of", "2026/9/10")
    expect(reading(phone, "as_of")).to_have_text("按 2026-09-10")


def test_budget_page_adds_a_sum(phone, site_url):
    open_calculator(phone, site_url, "budget")
    type_into(phone, "incomes.0.amount", "6k")
    type_into(phone, "essentials.0.amount", "1500+200")
    expect(reading(phone, "essentials.0.amount")).to_have_text("按 1,500 + 200 = 1,700 元")
    expect(reading(phone, "incomes.0.amount")).to_have_text("按 6,000 元")


def test_apr_page_converts_a_monthly_fee_with_the_periods(phone, site_url):
    open_calculator(phone, site_url, "apr", "?mode=fee")
    type_into(phone, "principal", "10000")
    type_into(phone, "periods", "12")
    type_into(phone, "fee_rate", "0.75%/月")
    expect(reading(phone, "fee_rate")).to_have_text("按 0.75%/月 × 12 期 = 总手续费率 9% 计算")
    expect(phone.locator("#result")).to_have_attribute("data-state", "answer")


def test_plan_page_annual_decimal_and_years_in_a_months_field(phone, site_url):
    open_calculator(phone, site_url, "plan", "?method=equal_payment")
    type_into(phone, "principal", "1.5万元")
    type_into(phone, "annual_rate", "0.146")
    type_into(phone, "months", "2年")
    expect(reading(phone, "annual_rate")).to_have_text("按 14.6%/年 计算")
    expect(reading(phone, "principal")).to_have_text("按 15,000 元")
    expect(error(phone, "months")).to_contain_text("2 年请填 24")


def test_calendar_page_asks_about_a_date_ten_years_ahead(phone, site_url):
    open_calculator(phone, site_url, "calendar")
    year = datetime.date.today().year + 10
    type_into(phone, "first_due", f"{year}-01-10")
    expect(reading(phone, "first_due")).to_contain_text("年以后，年份填对了吗？")


def test_case_file_refuses_months_and_a_full_card_number_and_never_keeps_it(phone, site_url):
    open_calculator(phone, site_url, "casefile")
    type_into(phone, "debts.0.amount", "3万")
    type_into(phone, "debts.0.days", "4个月")
    expect(error(phone, "debts.0.days")).to_contain_text("约 120 天")
    phone.select_option('[name="debts.0.product"]', "credit_card")
    type_into(phone, "debts.0.account", "6225880112345678")
    expect(error(phone, "debts.0.account")).to_contain_text("只填最后四位")
    expect(reading(phone, "debts.0.amount")).to_have_text("按 30,000 元")
    saved = json.loads(phone.evaluate("localStorage.getItem('xshk:case')"))["values"]
    assert "6225880112345678" not in json.dumps(saved) and saved["debts.0.amount"] == "3万"
    phone.reload()
    phone.wait_for_selector(READY, timeout=60_000)
    expect(phone.locator('[name="debts.0.account"]')).to_have_value("")


def test_contact_log_asks_about_a_date_ten_years_ahead_then_keeps_it(phone, site_url):
    phone.goto(urljoin(site_url, "tools/contact-log/"))
    far = f"{datetime.date.today().year + 10}-12-03"
    phone.locator('[name="date"]').fill(far)
    phone.locator('[name="lender"]').fill("花呗")
    phone.locator('[name="said"]').fill("答应下周回电")
    add = phone.locator('[data-action="save-entry"]')
    add.click()
    expect(error(phone, "date")).to_contain_text("这一天还没到")
    expect(phone.locator(".log-entry")).to_have_count(0)
    assert phone.evaluate("localStorage.getItem('xshk:log')") is None
    add.click()  # the same date again: the person says it is right
    expect(phone.locator(".log-entry")).to_have_count(1)
    assert json.loads(phone.evaluate("localStorage.getItem('xshk:log')"))["entries"][0]["date"] == far


def test_letter_leaves_a_full_card_number_out_and_never_keeps_it(phone, site_url):
    phone.goto(urljoin(site_url, "calculators/letter/"))
    type_into(phone, "lender", "招商银行信用卡中心")
    type_into(phone, "account", "6225880112345678")
    expect(error(phone, "account")).to_contain_text("只填最后四位")
    assert "62258801" not in phone.locator("#letter-text").input_value()
    assert "6225880112345678" not in (phone.evaluate("localStorage.getItem('xshk:letter')") or "")
    type_into(phone, "account", "尾号 5678")
    expect(error(phone, "account")).to_have_text("")
    expect(phone.locator("#letter-text")).to_have_value(re.compile("尾号 5678"))
