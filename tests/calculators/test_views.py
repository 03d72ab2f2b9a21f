"""Views: Python describes every answer (calculators/view.py); the page only draws the blocks.

Expected texts come from hand arithmetic and the reference cases, not from the code's output."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import calculators
from calculators import view

ROOT = Path(__file__).resolve().parents[2]
PERCENT = re.compile(r"\d+(?:\.\d+)?%")


def texts(blocks):
    for block in blocks:
        if "text" in block:
            yield block["text"]
        yield from block.get("items", []) if block["kind"] == "notes" else []


@pytest.mark.parametrize("name", calculators.CALCULATORS)
def test_every_example_has_a_headline_figures_and_copy_text(name):
    calculator = calculators.module(name)
    assert calculator.EXAMPLE in calculator.EXAMPLES
    for inputs in calculator.EXAMPLES.values():
        shown = calculators.answer(name, inputs)
        assert "errors" not in shown["result"], shown["result"]
        kinds = [block["kind"] for block in shown["view"]]
        assert kinds[0] == "headline" and "copy" in kinds, kinds
        copy = next(block["text"] for block in shown["view"] if block["kind"] == "copy")
        assert shown["view"][0]["text"] in copy  # the copied text says what the page says
        json.dumps(shown, allow_nan=False)


def test_penalty_view_shows_the_hand_worked_figures():
    # 花呗 5,000 yuan, 30 days at 0.05%/day: 75.00 (5000 × 0.0005 × 30), 2.50 a day, 18.25% a year;
    # the chart and table show today (day 30) and the next 30 days: day 40 = 100.00, day 60 = 150.00
    shown = calculators.answer("penalty", {"product": "huabei", "amount": "5000", "days": "30"})["view"]
    assert shown[0]["text"] == ("花呗逾期 30 天，罚息（违约金）共 75.00 元，连本带息 5,075.00 元；"
                                "再拖下去每天多 2.50 元，折合年化 18.25%。")
    chart = next(block for block in shown if block["kind"] == "chart")
    assert chart["points"][0] == [30, 75.0] and chart["points"][-1] == [60, 150.0] and chart["y_top"] == "150.00"
    table = next(block for block in shown if block["kind"] == "table")
    assert table["rows"][10] == ["40", "100.00"] and table["collapsed"]
    figures = dict((item["label"], item["value"]) for item in next(b for b in shown if b["kind"] == "figures")["items"])
    assert figures["再拖 30 天还要多付"] == "75.00 元"


def test_one_rate_is_shown_one_way():
    # A plan whose APR is a hair above 24%: 10,000 over 12 months at 24.0001% a year. The headline
    # and every note must give the same figure for it (the page once showed 24.0001% and 约 24%).
    shown = calculators.answer("plan", {"principal": "10000", "months": "12", "method": "equal_payment",
                                        "annual_rate": "24.0001%"})["view"]
    rates = {rate for text in texts(shown) for rate in PERCENT.findall(text) if rate.startswith("24")}
    assert rates == {"24%"}, rates
    apr = calculators.answer("apr", {"mode": "fee", "principal": "10000", "periods": "12", "fee_rate": "8.8%"})
    apr_rates = {rate for text in texts(apr["view"]) for rate in PERCENT.findall(text) if rate.startswith("15.8")}
    assert apr_rates == {"15.86%"}, apr_rates  # numpy-financial: irr of 10000, -906.67 ×12 → 15.86%


def test_the_budget_names_the_real_cause_of_a_shortfall_once():
    # income 5,000, essentials 3,000, other debts 3,000: the other debts cause the 1,000 gap
    shown = calculators.answer("budget", calculators.example("budget", "other_debts_cause_gap"))["view"]
    warnings = [block["text"] for block in shown if block["kind"] == "warning"]
    assert len(warnings) == 1 and "其他必须还的钱" in warnings[0] and "1,000.00 元" in warnings[0]
    assert not any("收入不够必要开支" in text for text in texts(shown))


def test_an_incomplete_form_names_what_is_missing():
    shown = calculators.answer("debts", {"debts": [{"amount": "20000"}], "monthly_available": "2000"})
    assert shown["view"] == [view.paragraph(
        "还差：欠款列表第 1 项的日利率（选“其他”时必填）。填好后会自动算出结果，或者点“计算”看看要填什么。")]
    wrong = calculators.answer("penalty", {"product": "jiebei", "amount": "abc", "days": "3"})
    text = wrong["view"][0]["text"]
    assert "红字" in text and "日利率（选“借呗”时必填）" in text


def test_cli_view_prints_the_result_and_its_view():
    done = subprocess.run([sys.executable, "-m", "calculators", "penalty", "--view", "--json",
                           '{"product": "huabei", "amount": "500", "days": "5"}'],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    shown = json.loads(done.stdout)
    assert shown["result"]["penalty"] == "1.25"  # 500 × 0.05% × 5
    assert "1.25 元" in shown["view"][0]["text"]


def test_a_product_added_to_the_rules_file_appears_in_the_cli_and_the_form(tmp_path):
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text((ROOT / "calculators" / "product_rules.toml").read_text(encoding="utf-8") + '''
[xiaoying]
label = "小赢卡贷"
penalty_method = "multiplier"
licensed = true
multiplier_rule = "penalty_multiplier"

[xiaoying.penalty_multiplier]
value = "1.3"
unit = "multiplier"
status = "unverified"
source = "测试用"
''', encoding="utf-8")
    env = dict(os.environ, XSHK_RULES_FILE=str(rules_file))
    help_text = subprocess.run([sys.executable, "-m", "calculators", "penalty", "--help"], env=env,
                               capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert "xiaoying (小赢卡贷)" in help_text
    answer = subprocess.run([sys.executable, "-m", "calculators", "penalty", "--json",
                             '{"product": "xiaoying", "amount": "10000", "days": "10", "daily_rate": "0.05%"}'],
                            env=env, capture_output=True, text=True, cwd=ROOT)
    assert json.loads(answer.stdout)["penalty"] == "65.00"  # 10000 × 0.0005 × 1.3 × 10
    code = ("import sys; sys.path.insert(0, 'build_scripts'); import render_calculator_forms as r; "
            "print(r.form_html('penalty')); print(r.form_html('debts'))")
    form = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT,
                          check=True).stdout
    assert form.count('<option value="xiaoying">小赢卡贷</option>') >= 2
    assert '"xiaoying"' in form  # the multiplier field shows for it, the daily rate is required for it


def test_weilidai_is_offered():
    assert ("weilidai", "微粒贷") in calculators.module("penalty").PRODUCTS
    result = calculators.run("penalty", {"product": "weilidai", "amount": "10000", "days": "10", "daily_rate": "0.05%"})
    assert result["penalty"] == "75.00"  # 10000 × 0.0005 × 1.5 × 10
