"""The court-stage letters on the letters page (calculators/letter.py: 支付令异议书, 民事答辩状,
结清证明, 暂缓催收): filled from the case file ("用我的情况填写") and typed like a person, the page
composes what letter.compose gives and says where and by when to send each."""

import datetime
import re
from urllib.parse import urljoin

from playwright.sync_api import expect

import calculators
import forms
from calculators import letter

CASE = calculators.example("casefile", "debts_and_a_budget")


def test_a_payment_order_objection_from_the_case_file(page, site_url):
    page.goto(urljoin(site_url, "calculators/letter/"))
    page.evaluate("([values]) => localStorage.setItem('xshk:case', JSON.stringify({v: 1, values: values}))",
                  [forms.flatten(CASE)])
    page.reload()
    page.select_option('[name="kind"]', "payment_order_objection")
    page.locator('[data-action="fill-from-case"]').click()
    text = page.locator("#letter-text")
    expect(text).to_have_value(re.compile("申请人（债权人）：招商银行信用卡中心"))
    # fields of this letter only, shown once it is chosen
    expect(page.locator('[name="court"]')).to_be_visible()
    expect(page.locator('[name="plan_date"]')).to_be_hidden()
    typed = {"court": "北京市朝阳区人民法院", "case_no": "（2026）京0105民督1234号", "received_date": "2026-12-03",
             "claimed": "23560.80", "grounds": "违约金按每月 5% 复算，没有合同依据", "paid": "3000"}
    for name, value in typed.items():
        page.locator(f'[name="{name}"]').fill(value)
    page.get_by_role("button", name="生成申请书").click()
    values = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('#calculator [name]')]
        .filter((e) => e.type !== 'checkbox').map((e) => [e.name, e.value]))""")
    composed = text.input_value()
    assert composed == letter.compose(values, datetime.date.today())
    assert composed.startswith("支付令异议书") and "张三" in composed and "没有合同依据" in composed
    assert "十五日内提出书面异议" in composed
    send = page.locator("#letter-send")
    expect(send).to_contain_text("15 日内")
    expect(send).to_contain_text("不影响支付令的效力")
    # nothing required is missing: no field is marked
    assert page.locator('[aria-invalid="true"]').count() == 0


def test_each_court_letter_asks_for_what_it_needs(page, site_url):
    page.goto(urljoin(site_url, "calculators/letter/"))
    for kind in ("answer", "settlement_proof", "pause_collection"):
        page.select_option('[name="kind"]', kind)
        page.get_by_role("button", name="生成申请书").click()
        for name in letter.templates()[kind]["required"]:
            expect(page.locator(f'[name="{name}"]')).to_have_attribute("aria-invalid", "true")
            expect(page.locator(f"#{name}-error")).to_contain_text("错误：")
        expect(page.locator("#letter-text")).to_have_value(re.compile("^" + letter.templates()[kind]["title"]))
