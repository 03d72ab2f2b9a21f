"""penalty: hand arithmetic from facts.md, defaults vs. the person's bill, notes, series."""

import datetime
from decimal import Decimal

from hypothesis import given, settings

import calculators
from calculators import card
import strategies as s

run = calculators.run


def test_huabei_default_rate_75():
    result = run("penalty", {"product": "huabei", "amount": "5000", "days": "30"})
    assert (result["penalty"], result["total"], result["per_day"]) == ("75.00", "5075.00", "2.50")
    assert result["daily_rate_source"] == "default"
    assert any("常见默认值 0.05%/天" in note and "核对于 2026-11-25" in note for note in result["notes"])


def test_own_bill_rate_overrides_the_default_and_notes_say_so():
    result = run("penalty", {"product": "huabei", "amount": "5000", "days": "30", "daily_rate": "万分之三"})
    assert result["penalty"] == "45.00"  # 5000 × 0.0003 × 30
    assert result["daily_rate_source"] == "bill"
    assert any("你填写的 0.03%/天" in note for note in result["notes"])
    assert not any("常见默认值" in note for note in result["notes"])


def test_jiebei_needs_its_daily_rate():
    result = run("penalty", {"product": "jiebei", "amount": "5000", "days": "30"})
    assert result["errors"][0]["field"] == "daily_rate"
    assert "日利率" in result["errors"][0]["message"]


def test_jiebei_multiplier_default_and_override():
    # 10000 × 0.04% × 1.5 × 20 = 120 ; with multiplier 1.3: 104
    assert run("penalty", {"product": "jiebei", "amount": "10000", "days": "20", "daily_rate": "0.04%"})["penalty"] == "120.00"
    assert run("penalty", {"product": "jiebei", "amount": "10000", "days": "20", "daily_rate": "0.04%",
                           "penalty_multiplier": "1.3倍"})["penalty"] == "104.00"


def test_credit_card_is_charged_by_the_card_model():
    base = {"product": "credit_card", "amount": "20000", "daily_rate": "0.05%", "late_fee_rate": "5%"}
    # statement 2026-01-05, due 01-25 (the typical 20 days), day 1 = 01-26; minimum 10% = 2000.
    # high end, posted 2025-12-05: 52 days × 20000 × 0.05% = 520 + 违约金 5% × 2000 = 100 → 620.00;
    # low end, posted 01-05: 21 days × 10 = 210 + 100 = 310.00
    one = run("penalty", dict(base, days="1"))
    assert (one["penalty"], one["penalty_low"], one["penalty_high"]) == ("620.00", "310.00", "620.00")
    assert one["simple_penalty"] == "110.00"  # the old formula, kept as a note: 10 + 100
    result = run("penalty", dict(base, days="30", minimum_payment="30000"))
    assert result["errors"][0]["field"] == "minimum_payment"


def test_the_quick_card_figure_is_the_card_calculators_for_the_same_dates():
    for days in (1, 30, 45, 90, 400):
        quick = run("penalty", {"product": "credit_card", "amount": "20000", "days": str(days)})
        due = datetime.date(2026, 1, 25)
        exact = run("card", {"bill_amount": "20000", "statement_date": "2026-01-05", "due_date": due.isoformat(),
                             "as_of": (due + datetime.timedelta(days=days)).isoformat()})
        assert (quick["penalty_low"], quick["penalty_high"]) == (exact["penalty_low"], exact["penalty_high"])
        assert quick["penalty"] == exact["penalty_high"] and quick["per_day"] == exact["per_day"]


def test_credit_card_near_the_criminal_line_is_warned():
    result = run("penalty", {"product": "credit_card", "amount": "50000", "days": "90"})
    assert any("恶意透支" in note for note in result["notes"])
    result = run("penalty", {"product": "credit_card", "amount": "49999", "days": "90"})
    assert not any("恶意透支" in note for note in result["notes"])


def test_court_line_note_only_above_24_percent():
    # 金条: 违约金 0.06%/day and the contract's 0.05%/day beside it: 0.11% × 365 = 40.15%
    above = run("penalty", {"product": "jintiao", "amount": "1000", "days": "10", "daily_rate": "0.05%"})
    below = run("penalty", {"product": "huabei", "amount": "1000", "days": "10"})  # 18.25%
    assert above["annual_rate_equivalent"] == "0.401500" and above["penalty"] == "11.00"  # 1000 × 0.11% × 10
    assert any("24%" in note for note in above["notes"])
    assert not any("24%" in note and "超过" in note for note in below["notes"])


def test_jintiao_needs_the_contract_rate_and_counts_its_interest():
    missing = run("penalty", {"product": "jintiao", "amount": "3000", "days": "60"})
    assert missing["errors"][0]["field"] == "daily_rate"
    # 3000 × 0.06% × 60 = 108 违约金 + 3000 × 0.05% × 60 = 90 contract interest = 198
    result = run("penalty", {"product": "jintiao", "amount": "3000", "days": "60", "daily_rate": "0.05%"})
    assert (result["penalty"], result["per_day"], result["annual_rate_equivalent"]) == ("198.00", "3.30", "0.401500")


def test_court_delay_interest_is_its_own_choice():
    # 2014 interpretation: 未履行的金钱债务 × 日万分之一点七五 × 迟延天数: 100000 × 0.000175 × 100 = 1750
    result = run("penalty", {"product": "court_delay", "amount": "10万", "days": "100"})
    assert result["penalty"] == "1750.00" and result["private_lending"] is None
    assert "court_delay" not in dict(calculators.module("debts").debt.DEBT_PRODUCTS)


def test_custom_compares_with_the_private_lending_cap():
    result = run("penalty", {"product": "custom", "amount": "1000", "days": "10", "daily_rate": "0.05%"})
    assert any("4 倍是 12%" in note and "这笔超过了" in note for note in result["notes"])


def test_series_is_today_and_the_next_30_days():
    series = run("penalty", {"product": "huabei", "amount": "1000", "days": "366"})["series"]
    assert [point["day"] for point in series] == list(range(366, 397))
    assert (series[0]["penalty"], series[-1]["penalty"]) == ("183.00", "198.00")  # 1000 × 0.0005 × 366 / 396


@settings(max_examples=60, deadline=None)
@given(s.products, s.amounts, s.days, s.daily_rates)
def test_penalty_is_hand_formula(product, amount, days, rate):
    inputs = {"product": product, "amount": str(amount), "days": str(days), "daily_rate": f"{rate * 100}%",
              "late_fee_rate": "5%"}
    result = run("penalty", inputs)
    if product == "credit_card":
        low, high = card.estimate(amount, days, rate, None, Decimal("0.05"))
        expected = high["penalty"]
    elif product == "jintiao":  # the 违约金 at 0.06%/day and the contract interest beside it
        expected = amount * (Decimal("0.0006") + rate) * days
    else:
        multiplier = Decimal("1.5") if product in ("jiebei", "wangshangdai") else 1
        expected = amount * rate * multiplier * days
    assert Decimal(result["penalty"]) == expected.quantize(Decimal("0.01"), "ROUND_HALF_UP")
    assert Decimal(result["total"]) == amount + Decimal(result["penalty"])
    penalties = [Decimal(point["penalty"]) for point in result["series"]]
    assert penalties == sorted(penalties)


def test_cards_and_loans_say_the_quick_answer_is_a_simplification_and_link_to_the_full_model():
    card = calculators.answer("penalty", {"product": "credit_card", "amount": "20000", "days": "90"})
    # the card model with nothing paid, due 20 days after a 5 Jan statement, posted on the statement
    # date: 1,788.93 (worked by hand in test_card.py), well above the simple 1,200
    assert card["result"]["card_model_low"] == "1788.93" and card["result"]["simple_penalty"] == "1200.00"
    assert card["result"]["penalty"] == card["result"]["card_model_high"]
    assert Decimal(card["result"]["card_model_high"]) > Decimal("1788.93")
    assert "1,200.00" not in next(block["text"] for block in card["view"] if block["kind"] == "headline")
    assert "1,200.00" not in next(block["text"] for block in card["view"] if block["kind"] == "copy")
    links = [block for block in card["view"] if block["kind"] == "link"]
    assert links == [{"kind": "link", "text": links[0]["text"], "href": "../card/?bill_amount=20000.00"}]
    assert any("范围" in block.get("text", "") for block in card["view"] if block["kind"] == "warning")
    loan = calculators.answer("penalty", {"product": "jiebei", "amount": "5000", "days": "9", "daily_rate": "0.04%"})
    href = next(block["href"] for block in loan["view"] if block["kind"] == "link")
    assert href.startswith("../loan/?product=jiebei&") and "installments.0.principal=5000.00" in href
    huabei = calculators.answer("penalty", {"product": "huabei", "amount": "5000", "days": "9"})
    assert not any(block["kind"] == "link" for block in huabei["view"])
