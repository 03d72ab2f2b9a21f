"""The calculator pages used like a person would: type (including 1.2万, full-width digits and
percent signs), read the answer, compare it with `python -m calculators NAME --json` for the same
input; type rubbish and find the Chinese message next to the field; reload and find the typed
values; clear them. The `page` fixture fails a test on any console error, failed request or
request to another host. Each Pyodide start costs seconds, so each test does several things on
one page."""

import json
import re
import subprocess
import sys
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from conftest import ROOT, SITE

READY = 'form#calculator[data-ready="true"]'
READY_TIMEOUT = 60_000


# ---------------------------------------------------------------- helpers

def cli(name, inputs):
    """The command line's answer for the same inputs (the number the page must show)."""
    done = subprocess.run(
        [sys.executable, "-m", "calculators", name, "--json", json.dumps(inputs, ensure_ascii=False)],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert done.stdout.strip(), done.stderr
    return json.loads(done.stdout)


def cli_view(name, inputs):
    """What the command line says the page must show for the same inputs (`--view`)."""
    done = subprocess.run(
        [sys.executable, "-m", "calculators", name, "--view", "--json", json.dumps(inputs, ensure_ascii=False)],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert done.stdout.strip(), done.stderr
    return json.loads(done.stdout)["view"]


def assert_shows_view(page, view):
    """The result area shows exactly the blocks of `view`, in order, with the same texts."""
    headline = view[0]["text"]
    expect(page.locator("#result .calc-summary")).to_have_text(headline)
    drawn = page.locator("#result > [data-block]")
    assert drawn.evaluate_all("nodes => nodes.map(n => n.dataset.block)") == \
        [block["kind"] for block in view if block["kind"] != "copy"]
    for index, block in enumerate(block for block in view if block["kind"] != "copy"):
        node = drawn.nth(index)
        if block["kind"] in ("headline", "paragraph", "warning"):
            assert node.text_content() == block["text"]
        elif block["kind"] == "figures":
            assert node.locator("dt").all_text_contents() == [item["label"] for item in block["items"]]
            assert node.locator("dd").all_text_contents() == [item["value"] for item in block["items"]]
        elif block["kind"] == "table":
            assert node.locator("caption").text_content() == block["caption"]
            assert node.locator("th").all_text_contents() == [column["label"] for column in block["columns"]]
            cells = node.locator("tbody tr").evaluate_all(
                "rows => rows.map(r => [...r.querySelectorAll('td')].map(td => td.textContent))")
            assert cells == block["rows"]
        elif block["kind"] == "notes":
            assert node.locator("li").all_text_contents() == block["items"]
        elif block["kind"] == "chart":
            assert node.locator("figcaption").text_content() == block["title"]
            assert block["y_top"] in node.locator("svg").text_content()


def open_calculator(page, site_url, name, query=""):
    page.goto(urljoin(site_url, f"calculators/{name}/{query}"))
    page.wait_for_selector(READY, timeout=READY_TIMEOUT)


def type_into(page, field_name, text):
    box = page.locator(f'[name="{field_name}"]')
    box.fill("")
    box.press_sequentially(text)


def submit(page):
    page.get_by_role("button", name="计算", exact=True).click()


def result_text(page):
    return page.locator("#result").inner_text()


def assert_clean(page):
    text = result_text(page)
    for bad in ("NaN", "undefined", "null", "[object"):
        assert bad not in text, f"{bad!r} shown in the result: {text[:300]}"


def saved(page, key):
    return page.evaluate("key => window.localStorage.getItem(key)", key)


def assert_field_error(page, field_name, cli_answer, typed):
    messages = [error["message"] for error in cli_answer["errors"] if error["field"] == field_name]
    assert messages, cli_answer
    field_id = re.sub(r"[^A-Za-z0-9_-]", "-", field_name)
    error = page.locator(f"#{field_id}-error")
    expect(error).to_contain_text(messages[0], timeout=10_000)
    assert error.text_content().startswith("错误：")  # the visually hidden prefix a screen reader reads
    box = page.locator(f'[name="{field_name}"]')
    expect(box).to_have_attribute("aria-invalid", "true")
    assert box.input_value() == typed  # what was typed is kept as typed
    assert f"{field_id}-error" in box.get_attribute("aria-describedby")


def reload_and_clear(page, key, expected_values):
    """Reload: the typed values are back. Clear: they are gone, here and in localStorage."""
    assert saved(page, key)
    page.reload()
    for field_name, value in expected_values.items():
        expect(page.locator(f'[name="{field_name}"]')).to_have_value(value)
    page.wait_for_selector(READY, timeout=READY_TIMEOUT)  # let the worker finish: no aborted requests
    page.get_by_role("button", name="清除本机保存的数据").click()
    page.get_by_role("button", name="确定清除").click()  # it asks first (issue 23)
    for field_name, value in expected_values.items():
        box = page.locator(f'[name="{field_name}"]')
        if box.count() and box.evaluate("e => e.tagName") != "SELECT":
            expect(box).to_have_value("")
    assert saved(page, key) is None
    assert page.evaluate("Object.keys(window.localStorage).filter(k => k.startsWith('xshk:calculator'))") == []


# ---------------------------------------------------------------- calculators

def test_penalty_typed_like_a_person(page, site_url):
    open_calculator(page, site_url, "penalty")
    assert page.locator("#calculator-status").get_attribute("role") == "status"
    page.select_option('[name="product"]', "huabei")
    type_into(page, "amount", "１０，０００")  # full-width digits and comma, as a Chinese IME types them
    type_into(page, "days", "30天")
    submit(page)
    typed = {"product": "huabei", "amount": "１０，０００", "days": "30天"}
    view = cli_view("penalty", typed)
    assert_shows_view(page, view)
    assert cli("penalty", typed)["penalty"] == "150.00"  # 10000 × 0.05% × 30, by hand
    expect(page.locator("#result .calc-summary")).to_contain_text("共 150.00 元，连本带息 10,150.00 元")
    # the chart and the day-by-day table are Python's series
    assert page.locator("#result svg.calc-chart polyline").count() == 1
    rows = page.locator("#result table.calc-table tbody tr")
    assert rows.count() == 31  # today (day 30) and the next 30 days
    assert rows.nth(0).locator("td").all_text_contents() == ["30", "150.00"]
    assert rows.nth(30).locator("td").all_text_contents() == ["60", "300.00"]  # 10000 × 0.05% × 60
    assert_clean(page)
    copy = page.get_by_role("button", name="复制给客服看的说明")
    assert not copy.is_disabled()
    copy.click()
    expect(page.locator("#calculator-status")).to_contain_text("复制")  # copied, or how to copy by hand

    # the fields for a credit card appear only when they apply
    expect(page.locator('[data-field="minimum_payment"]')).to_be_hidden()
    page.select_option('[name="product"]', "credit_card")
    expect(page.locator('[data-field="minimum_payment"]')).to_be_visible()
    page.select_option('[name="product"]', "huabei")

    # rubbish: the Chinese message from Python next to the field, the typed text kept
    type_into(page, "amount", "zzzz")
    submit(page)
    assert_field_error(page, "amount", cli("penalty", {"product": "huabei", "amount": "zzzz", "days": "30天"}), "zzzz")
    assert_clean(page)
    assert page.locator("#result").inner_text().strip()  # never a blank result

    type_into(page, "amount", "5000")
    submit(page)
    expect(page.locator("#result .calc-summary")).to_contain_text("罚息（违约金）共 75.00 元")
    expect(page.locator('[name="amount"]')).not_to_have_attribute("aria-invalid", "true")
    reload_and_clear(page, "xshk:calculator:penalty", {"amount": "5000", "days": "30天"})


def test_penalty_filled_from_a_guide_link(page, site_url):
    inputs = {"product": "jiebei", "amount": "1.2万", "days": "45", "daily_rate": "0.04%"}
    query = "?" + "&".join(f"{key}={value}" for key, value in inputs.items()).replace("%", "%25")
    open_calculator(page, site_url, "penalty", query)
    assert page.locator('[name="product"]').input_value() == "jiebei"
    assert page.locator('[name="amount"]').input_value() == "1.2万"
    expect(page.locator('[data-field="penalty_multiplier"]')).to_be_visible()
    # the answer comes by itself once Python is ready: nothing to press
    assert_shows_view(page, cli_view("penalty", inputs))
    # 12000 × 0.04% × 1.5 × 45 = 324, by hand
    expect(page.locator("#result .calc-summary")).to_contain_text("罚息（违约金）共 324.00 元")
    assert_clean(page)


def test_private_loan_cap_by_the_day_the_contract_was_signed(page, site_url):
    open_calculator(page, site_url, "penalty")
    expect(page.locator('[data-field="signed_on"]')).to_be_hidden()  # not asked for 花呗 and the like
    page.select_option('[name="product"]', "custom")
    expect(page.locator('[data-field="signed_on"]')).to_be_visible()
    type_into(page, "amount", "5万")
    type_into(page, "days", "60")
    type_into(page, "daily_rate", "万分之四")
    type_into(page, "signed_on", "2026-02-30")
    submit(page)
    typed = {"product": "custom", "amount": "5万", "days": "60", "daily_rate": "万分之四"}
    assert_field_error(page, "signed_on", cli("penalty", dict(typed, signed_on="2026-02-30")), "2026-02-30")
    type_into(page, "signed_on", "2021年3月5日")
    submit(page)
    assert_shows_view(page, cli_view("penalty", dict(typed, signed_on="2021年3月5日")))
    # 4 × the LPR of 2020-04-20 (3.85 %), the news figure of August 2020; 0.04 % a day is 14.6 % a year
    figures = page.locator('#result [data-block="figures"]')
    expect(figures).to_contain_text("民间借贷上限（签约时 LPR × 4）15.4%")
    expect(page.locator('#result [data-block="notes"]')).to_contain_text("这笔没有超过")
    assert_clean(page)
    type_into(page, "signed_on", "2025-06-01")
    submit(page)
    expect(figures).to_contain_text("12%")
    expect(page.locator('#result [data-block="notes"]')).to_contain_text("这笔超过了")
    reload_and_clear(page, "xshk:calculator:penalty", {"signed_on": "2025-06-01", "daily_rate": "万分之四"})


def test_errors_of_blank_fields_stay_after_the_button_and_a_list_error_shows_while_typing(page, site_url):
    """Pressing 计算 blurs the box being typed in (a "change"): the question that change schedules
    must not come after the button's answer and hide the errors of the fields left blank. An error
    that belongs to a whole list (apr's "payments") shows while typing, like any field's."""
    page.clock.install()
    open_calculator(page, site_url, "penalty")
    page.locator('[name="amount"]').press_sequentially("5000")
    page.evaluate("delete document.getElementById('calculator').dataset.lastAnswerMs")
    submit(page)
    page.wait_for_selector("form#calculator[data-last-answer-ms]", state="attached", timeout=30_000)
    blank = cli("penalty", {"product": "huabei", "amount": "5000"})["errors"]
    expect(page.locator("#days-error")).to_contain_text(blank[0]["message"])
    page.clock.run_for(2000)  # what the typing scheduled, if it was still scheduled
    page.wait_for_timeout(1500)  # real time for the worker to answer it
    expect(page.locator("#days-error")).to_contain_text(blank[0]["message"])

    open_calculator(page, site_url, "apr")
    page.select_option('[name="mode"]', "payments")
    for name, text in (("principal", "20000"), ("payments.0.amount", "2000"), ("fee", "2000")):
        page.locator(f'[name="{name}"]').press_sequentially(text)
    page.evaluate("delete document.getElementById('calculator').dataset.lastAnswerMs")
    page.clock.run_for(1000)
    page.wait_for_selector("form#calculator[data-last-answer-ms]", state="attached", timeout=30_000)
    inputs = {"mode": "payments", "principal": "20000", "payments": [{"amount": "2000"}], "fee": "2000"}
    message = next(e["message"] for e in cli("apr", inputs)["errors"] if e["field"] == "payments")
    expect(page.locator("#payments-error")).to_contain_text(message)
    expect(page.locator("#payments-error")).to_be_visible()


def test_plan_schedule_matches_the_command_line(page, site_url):
    open_calculator(page, site_url, "plan")
    type_into(page, "principal", "1.2万")
    type_into(page, "months", "12")
    page.select_option('[name="method"]', "equal_payment")
    type_into(page, "annual_rate", "18%")
    submit(page)
    assert_shows_view(page, cli_view("plan", {"principal": "1.2万", "months": "12", "method": "equal_payment",
                                             "annual_rate": "18%"}))
    # numpy-financial: npf.pmt(0.015, 12, -12000) = 1100.16; the first month's interest 12000 × 1.5% = 180
    expect(page.locator("#result .calc-summary")).to_contain_text("每月还 1,100.16 元，共 12 期")
    first = page.locator("#result table.calc-table tbody tr").first.locator("td").all_text_contents()
    assert first[:4] == ["1", "1,100.16", "920.16", "180.00"]
    assert page.locator("#result svg.calc-chart rect.bar").count() == 12
    assert_clean(page)

    # a fee instalment: the rate field gives way to the fee field
    page.select_option('[name="method"]', "fee")
    expect(page.locator('[data-field="annual_rate"]')).to_be_hidden()
    type_into(page, "fee_rate", "8.8%")
    submit(page)
    # 12000 / 12 + 12000 × 8.8% / 12 = 1000 + 88 = 1088, by hand
    expect(page.locator("#result .calc-summary")).to_contain_text("每月还 1,088.00 元")
    assert_shows_view(page, cli_view("plan", {"principal": "1.2万", "months": "12", "method": "fee",
                                             "annual_rate": "18%", "fee_rate": "8.8%"}))

    type_into(page, "months", "十二个月啊")
    submit(page)
    bad = cli("plan", {"principal": "1.2万", "months": "十二个月啊", "method": "fee", "fee_rate": "8.8%"})
    assert_field_error(page, "months", bad, "十二个月啊")
    assert_clean(page)
    reload_and_clear(page, "xshk:calculator:plan",
                     {"principal": "1.2万", "months": "十二个月啊", "fee_rate": "8.8%", "method": "fee"})


def test_apr_with_monthly_payments_added_and_removed(page, site_url):
    open_calculator(page, site_url, "apr")
    page.select_option('[name="mode"]', "payments")
    expect(page.locator('[data-field="periods"]')).to_be_hidden()
    type_into(page, "principal", "10000")
    add = page.get_by_role("button", name="添加一项")
    type_into(page, "payments.0.amount", "3500")
    add.click()
    type_into(page, "payments.1.amount", "oops")
    add.click()
    type_into(page, "payments.2.amount", "3,500")
    add.click()
    type_into(page, "payments.3.amount", "3500元")
    type_into(page, "fee", "500")
    submit(page)
    rubbish = {"mode": "payments", "principal": "10000", "fee": "500",
               "payments": [{"amount": "3500"}, {"amount": "oops"}, {"amount": "3,500"}, {"amount": "3500元"}]}
    assert_field_error(page, "payments.1.amount", cli("apr", rubbish), "oops")

    # remove the bad row: the rows are renumbered, the names follow
    page.locator('[data-row="1"] [data-remove-row]').click()
    assert page.locator('[name="payments.2.amount"]').input_value() == "3500元"
    assert page.locator('[name="payments.3.amount"]').count() == 0
    submit(page)
    inputs = {"mode": "payments", "principal": "10000", "fee": "500",
              "payments": [{"amount": "3500"}, {"amount": "3,500"}, {"amount": "3500元"}]}
    assert_shows_view(page, cli_view("apr", inputs))
    expect(page.locator("#result .calc-summary")).to_contain_text("实际到手 9,500.00 元，3 期一共还 10,500.00 元")
    assert_clean(page)
    reload_and_clear(page, "xshk:calculator:apr",
                     {"principal": "10000", "payments.0.amount": "3500", "payments.2.amount": "3500元"})
    assert page.locator('[name="payments.1.amount"]').count() == 0  # back to one empty row


def test_budget_with_several_items(page, site_url):
    open_calculator(page, site_url, "budget")
    rows = {"incomes": [("工资", "6000"), ("兼职", "１，２００")], "essentials": [("房租", "1500"), ("吃饭", "1.2千")]}
    for list_name, items in rows.items():
        for index, (label, amount) in enumerate(items):
            if index:
                page.locator(f'[data-add-row="{list_name}"]').click()
            type_into(page, f"{list_name}.{index}.label", label)
            type_into(page, f"{list_name}.{index}.amount", amount)
    type_into(page, "debt_amount", "2万")
    type_into(page, "annual_rate", "18%")
    submit(page)
    inputs = {key: [{"label": label, "amount": amount} for label, amount in items] for key, items in rows.items()}
    inputs.update({"other_debts": [{"label": "", "amount": ""}], "debt_amount": "2万", "annual_rate": "18%", "fee_rate": ""})
    assert_shows_view(page, cli_view("budget", inputs))
    # 6000 + 1200 − 1500 − 1200 = 4500, by hand
    expect(page.locator("#result .calc-summary")).to_contain_text("每月最多能拿出 4,500.00 元")
    assert_clean(page)

    type_into(page, "essentials.1.amount", "-300")
    submit(page)
    bad = json.loads(json.dumps(inputs))
    bad["essentials"][1]["amount"] = "-300"
    assert_field_error(page, "essentials.1.amount", cli("budget", bad), "-300")
    reload_and_clear(page, "xshk:calculator:budget", {"incomes.1.amount": "１，２００", "essentials.1.amount": "-300"})


def test_debts_order_and_split(page, site_url):
    open_calculator(page, site_url, "debts")
    type_into(page, "debts.0.label", "花呗")
    page.select_option('[name="debts.0.product"]', "huabei")
    type_into(page, "debts.0.amount", "5000")
    type_into(page, "debts.0.days", "30")
    page.get_by_role("button", name="添加一项").click()
    type_into(page, "debts.1.label", "借呗")
    page.select_option('[name="debts.1.product"]', "jiebei")
    type_into(page, "debts.1.amount", "2万")
    type_into(page, "debts.1.daily_rate", "0.04%")
    type_into(page, "monthly_available", "2000")
    submit(page)
    inputs = {"debts": [{"label": "花呗", "product": "huabei", "amount": "5000", "days": "30", "daily_rate": ""},
                        {"label": "借呗", "product": "jiebei", "amount": "2万", "days": "", "daily_rate": "0.04%"}],
              "monthly_available": "2000"}
    assert_shows_view(page, cli_view("debts", inputs))
    # 花呗 5000 + 5000 × 0.05% × 30 = 5075 owed; 借呗 not overdue: 20000; together 25,075
    expect(page.locator("#result .calc-summary")).to_contain_text("一共欠 25,075.00 元")
    assert_clean(page)

    page.select_option('[name="debts.1.product"]', "custom")
    type_into(page, "debts.1.daily_rate", "每天一百块")
    submit(page)
    inputs["debts"][1].update(product="custom", daily_rate="每天一百块")
    assert_field_error(page, "debts.1.daily_rate", cli("debts", inputs), "每天一百块")
    reload_and_clear(page, "xshk:calculator:debts", {"debts.1.amount": "2万", "monthly_available": "2000"})


def test_a_field_says_when_a_choice_makes_it_required(page, site_url):
    open_calculator(page, site_url, "penalty")
    label = page.locator('label[for="daily_rate"]')
    page.select_option('[name="product"]', "huabei")
    expect(label).to_have_text("日利率（每天，看账单或合同）（可不填）", use_inner_text=True)
    page.select_option('[name="product"]', "jiebei")
    expect(label).to_have_text("日利率（每天，看账单或合同）（必填）", use_inner_text=True)
    type_into(page, "amount", "2万")
    type_into(page, "days", "10")
    # what is still missing is named, with the choice that makes it required
    view = cli_view("penalty", {"product": "jiebei", "amount": "2万", "days": "10"})
    expect(page.locator("#result")).to_have_text(view[0]["text"])
    assert "日利率（选“借呗”时必填）" in view[0]["text"]
    # in a list row the row's own product decides
    open_calculator(page, site_url, "debts")
    row_label = page.locator('label[for="debts-0-daily_rate"]')
    page.select_option('[name="debts.0.product"]', "huabei")
    expect(row_label).to_contain_text("（可不填）", use_inner_text=True)
    expect(row_label).not_to_contain_text("（必填）", use_inner_text=True)
    page.select_option('[name="debts.0.product"]', "custom")
    expect(row_label).to_contain_text("（必填）", use_inner_text=True)
    expect(row_label).not_to_contain_text("（可不填）", use_inner_text=True)


def test_card_bill_typed_like_a_person(page, site_url):
    # the banks' published example: 1,000 posted 30 Mar, statement 5 Apr, due 23 Apr, the 100 minimum
    # paid on 23 Apr → 1000 × 0.05% × 24 + 900 × 0.05% × 12 = 12.00 + 5.40 = 17.40 on the 5 May statement
    open_calculator(page, site_url, "card")
    typed = {"bill_amount": "1000", "statement_date": "2026-04-05", "due_date": "2026-04-23",
             "posting_date": "2026-03-30", "payments.0.date": "2026-4-23", "payments.0.amount": "100元",
             "as_of": "2026-05-05"}
    for field_name, value in typed.items():
        type_into(page, field_name, value)
    submit(page)
    inputs = {key: value for key, value in typed.items() if not key.startswith("payments")}
    inputs["payments"] = [{"date": "2026-4-23", "amount": "100元"}]
    assert_shows_view(page, cli_view("card", inputs))
    assert cli("card", inputs)["interest"] == "17.40" and cli("card", inputs)["late_fees"] == "0.00"
    assert "17.40" in result_text(page)
    assert_clean(page)
    # a date that does not exist: Python's message next to that row's field, the text kept
    type_into(page, "payments.0.date", "2026-02-30")
    submit(page)
    bad = dict(inputs, payments=[{"date": "2026-02-30", "amount": "100元"}])
    assert_field_error(page, "payments.0.date", cli("card", bad), "2026-02-30")
    reload_and_clear(page, "xshk:calculator:card", {"bill_amount": "1000", "payments.0.date": "2026-02-30"})
    # the cleared form counts to today again
    import datetime

    expect(page.locator('[name="as_of"]')).to_have_value(datetime.date.today().isoformat())


def test_loan_instalments_from_the_penalty_page_link(page, site_url):
    # 借呗 20,000 overdue 45 days at 0.04%/day: the quick answer says it is a simplification and links
    # to the loan calculator with the figures filled in
    open_calculator(page, site_url, "penalty", "?product=jiebei&amount=20000&days=45&daily_rate=0.04%25")
    link = page.locator("#result a[href*='../loan/']")
    expect(link).to_have_count(1)
    link.click()
    page.wait_for_selector(READY, timeout=READY_TIMEOUT)
    assert page.url.split("/calculators/")[1].startswith("loan/")
    assert page.locator('[name="product"]').input_value() == "jiebei"
    assert page.locator('[name="daily_rate"]').input_value() == "0.04%"
    # the person adds what the app's schedule shows for the missed instalments
    type_into(page, "installments.0.due_date", "2026-02-10")
    type_into(page, "installments.0.principal", "1600")
    type_into(page, "installments.0.interest", "120")
    page.get_by_role("button", name="添加一项").click()
    type_into(page, "installments.1.due_date", "2026-03-10")
    type_into(page, "installments.1.principal", "1650")
    type_into(page, "installments.1.interest", "100")
    type_into(page, "as_of", "2026-04-10")
    submit(page)
    values = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('#calculator [name]')]
        .map(e => [e.name, e.value]))""")
    inputs = {key: value for key, value in values.items() if not key.startswith("installments.")}
    inputs["installments"] = [{field: values[f"installments.{i}.{field}"] for field in ("due_date", "principal", "interest")}
                              for i in range(2)]
    assert_shows_view(page, cli_view("loan", inputs))
    assert_clean(page)


def test_calculator_answers_without_storage_and_says_so(context, site_url, watcher):
    # a full or locked-down storage: every write throws
    context.add_init_script("""Storage.prototype.setItem = function () {
        throw new DOMException("full", "QuotaExceededError"); };""")
    page = context.new_page()
    open_calculator(page, site_url, "penalty", "?amount=5000&days=30")
    expect(page.locator("#calculator-saved")).to_contain_text("刷新页面后要重新填写")
    expect(page.locator("#result .calc-summary")).to_contain_text("75.00 元")


# ---------------------------------------------------------------- the letter, checklists, file://

def test_letter_escapes_what_is_typed_and_keeps_edits(page, site_url):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(urljoin(site_url, "calculators/letter/"))
    hostile = "<script>alert(1)</script>"
    type_into(page, "name", hostile)
    type_into(page, "lender", "支付宝（花呗）<img src=x onerror=alert(2)>")
    type_into(page, "amount", "12000")
    page.select_option('[name="reason"]', "illness")
    type_into(page, "reason_detail", "今年三月住院两周。")
    # the box's limit is said in its hint, not discovered when typing stops
    limit = page.locator('[name="reason_detail"]').get_attribute("maxlength")
    assert f"最多 {limit} 字" in page.locator("#reason_detail-hint").inner_text()
    type_into(page, "monthly", "800")
    type_into(page, "months", "15")
    page.locator('label[for="requests-waive_penalty"]').click()
    page.get_by_role("button", name="生成申请书").click()
    letter = page.locator("#letter-text").input_value()
    assert f"本人{hostile}" in letter and "每月还款 800 元，共 15 期" in letter and "减免已产生的罚息" in letter
    assert "住院" in letter
    # the page composes the letter the way calculators/letter.py describes it
    import datetime

    from calculators import letter as letter_data

    typed = {"name": hostile, "lender": "支付宝（花呗）<img src=x onerror=alert(2)>", "amount": "12000",
             "reason": "illness", "reason_detail": "今年三月住院两周。", "monthly": "800", "months": "15",
             "requests": ["waive_penalty"]}
    assert letter == letter_data.compose(typed, datetime.date.today())
    assert page.locator("#letter-print").text_content() == letter
    assert "&lt;script&gt;" in page.locator("#letter-print").inner_html()
    assert page.locator("script:text('alert(1)')").count() == 0
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []

    # the person edits the letter; a reload keeps the edit and the form
    page.locator("#letter-text").press("End")
    page.locator("#letter-text").press_sequentially("\n附：诊断证明复印件一份")
    page.reload()
    assert "附：诊断证明复印件一份" in page.locator("#letter-text").input_value()
    assert page.locator('[name="name"]').input_value() == hostile
    assert page.locator("#requests-waive_penalty").is_checked()
    assert dialogs == []

    # print: only the letter, on A4
    page.emulate_media(media="print")
    expect(page.locator("#letter-print")).to_be_visible()
    expect(page.locator("form#calculator")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    page.emulate_media(media="screen")

    page.get_by_role("button", name="清除本机保存的数据").click()
    page.get_by_role("button", name="确定清除").click()
    assert page.evaluate("window.localStorage.getItem('xshk:letter')") is None
    assert page.locator('[name="name"]').input_value() == ""
    assert hostile not in page.locator("#letter-text").input_value()


def test_checklist_ticks_survive_a_reload(page, site_url):
    page.goto(urljoin(site_url, "steps/05-prepare-documents/"))
    boxes = page.locator(".task-list-item input[type=checkbox]")
    assert boxes.count() >= 3
    for index in (0, 2):
        # Material draws the box with CSS on a zero-size element: click the checkbox itself
        boxes.nth(index).dispatch_event("click")
    page.reload()
    assert [boxes.nth(i).is_checked() for i in range(3)] == [True, False, True]
    keys = page.evaluate("Object.keys(window.localStorage)")
    assert [key for key in keys if key.startswith("xshk:checklist:")] == ["xshk:checklist:/steps/05-prepare-documents"]
    # guide pages load no Pyodide
    assert page.evaluate("performance.getEntriesByType('resource').filter(e => e.name.includes('pyodide')).length") == 0


def test_calculator_opened_from_disk_says_how_to_serve_it(browser):
    # From file:// the browser refuses module scripts and fetch (the point of this test), so this
    # page is not watched for failed requests; it must still say, in Chinese, what to do.
    context = browser.new_context(locale="zh-CN")
    try:
        page = context.new_page()
        page.goto((SITE / "calculators" / "penalty" / "index.html").as_uri())
        expect(page.locator("#calculator-status")).to_contain_text("python3 -m http.server")
        expect(page.locator("#calculator-status")).to_contain_text("file://")
    finally:
        context.close()


@pytest.mark.parametrize("breakage", ["missing", "corrupt"])
def test_calculator_says_so_when_pyodide_cannot_load(context, site_url, watcher, breakage):
    watcher.expected_failures.add("pyodide.asm.wasm")
    if breakage == "missing":
        context.route("**/pyodide.asm.wasm", lambda route: route.abort())
    else:
        context.route("**/pyodide.asm.wasm", lambda route: route.fulfill(
            status=200, content_type="application/wasm", body=b"\0asm not really wasm"))
    page = context.new_page()
    page.goto(urljoin(site_url, "calculators/plan/"))
    status = page.locator("#calculator-status")
    expect(status).to_contain_text("手算", timeout=READY_TIMEOUT)
    expect(status).to_contain_text("离线副本")
    assert page.locator("form#calculator").get_attribute("data-ready") is None
    assert page.locator("form#calculator").get_attribute("data-failed") == "true"
    # the form stays usable as a form: what is typed is still saved for later
    type_into(page, "principal", "12000")
    assert "12000" in (saved(page, "xshk:calculator:plan") or "")
