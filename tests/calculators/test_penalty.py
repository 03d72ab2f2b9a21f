"""penalty: hand arithmetic from facts.md, defaults vs. the person's bill, notes, series."""

from decimal import Decimal

from hypothesis import given, settings

import calculators
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


def test_credit_card_interest_plus_one_late_fee_per_bill():
    base = {"product": "credit_card", "amount": "20000", "daily_rate": "0.05%", "late_fee_rate": "5%"}
    # default minimum = 10% of 20000 = 2000 -> 违约金 100 a bill
    assert run("penalty", dict(base, days="30"))["penalty"] == "400.00"   # 300 + 1 × 100
    assert run("penalty", dict(base, days="31"))["penalty"] == "510.00"   # 310 + 2 × 100
    assert run("penalty", dict(base, days="1"))["penalty"] == "110.00"    # 10 + 100
    result = run("penalty", dict(base, days="30", minimum_payment="30000"))
    assert result["errors"][0]["field"] == "minimum_payment"


def test_credit_card_near_the_criminal_line_is_warned():
    result = run("penalty", {"product": "credit_card", "amount": "50000", "days": "90"})
    assert any("恶意透支" in note for note in result["notes"])
    result = run("penalty", {"product": "credit_card", "amount": "49999", "days": "90"})
    assert not any("恶意透支" in note for note in result["notes"])


def test_court_line_note_only_above_24_percent():
    above = run("penalty", {"product": "jintiao", "amount": "1000", "days": "10", "daily_rate": "0.1%"})  # 36.5%
    below = run("penalty", {"product": "jintiao", "amount": "1000", "days": "10"})  # 21.9%
    assert above["annual_rate_equivalent"] == "0.365000"
    assert any("24%" in note for note in above["notes"])
    assert not any("红线" in note for note in below["notes"])


def test_custom_compares_with_the_private_lending_cap():
    result = run("penalty", {"product": "custom", "amount": "1000", "days": "10", "daily_rate": "0.05%"})
    assert any("4 倍是 12%" in note and "这笔超过了" in note for note in result["notes"])


def test_series_every_day_up_to_366_then_downsampled_with_the_last_day():
    short = run("penalty", {"product": "huabei", "amount": "1000", "days": "366"})["series"]
    assert [point["day"] for point in short] == list(range(1, 367))
    long = run("penalty", {"product": "huabei", "amount": "1000", "days": "3650"})
    days = [point["day"] for point in long["series"]]
    assert len(days) == 366 and days[0] == 1 and days[-1] == 3650 and days == sorted(set(days))
    assert long["series"][-1]["penalty"] == long["penalty"] == "1825.00"  # 1000 × 0.0005 × 3650


@settings(max_examples=60, deadline=None)
@given(s.products, s.amounts, s.days, s.daily_rates)
def test_penalty_is_hand_formula(product, amount, days, rate):
    inputs = {"product": product, "amount": str(amount), "days": str(days), "daily_rate": f"{rate * 100}%",
              "late_fee_rate": "5%"}
    result = run("penalty", inputs)
    multiplier = Decimal("1.5") if product in ("jiebei", "wangshangdai") else 1
    expected = amount * rate * multiplier * days
    if product == "credit_card":
        late_fee = (amount * Decimal("0.10") * Decimal("0.05")).quantize(Decimal("0.01"), "ROUND_HALF_UP")
        expected += late_fee * -(-days // 30)
    assert Decimal(result["penalty"]) == expected.quantize(Decimal("0.01"), "ROUND_HALF_UP")
    assert Decimal(result["total"]) == amount + Decimal(result["penalty"])
    penalties = [Decimal(point["penalty"]) for point in result["series"]]
    assert penalties == sorted(penalties)


def test_cards_and_loans_say_the_quick_answer_is_a_simplification_and_link_to_the_full_model():
    card = calculators.answer("penalty", {"product": "credit_card", "amount": "20000", "days": "90"})
    # the card model with nothing paid, due 20 days after a 5 Jan statement, posted on the statement
    # date: 1,788.93 (worked by hand in test_card.py), well above the simple 1,200
    assert card["result"]["penalty"] == "1200.00" and card["result"]["card_model_low"] == "1788.93"
    assert Decimal(card["result"]["card_model_high"]) > Decimal("1788.93")
    links = [block for block in card["view"] if block["kind"] == "link"]
    assert links == [{"kind": "link", "text": links[0]["text"], "href": "../card/?bill_amount=20000.00"}]
    assert any("简化" in block.get("text", "") for block in card["view"] if block["kind"] == "warning")
    loan = calculators.answer("penalty", {"product": "jiebei", "amount": "5000", "days": "9", "daily_rate": "0.04%"})
    href = next(block["href"] for block in loan["view"] if block["kind"] == "link")
    assert href.startswith("../loan/?product=jiebei&") and "installments.0.principal=5000.00" in href
    huabei = calculators.answer("penalty", {"product": "huabei", "amount": "5000", "days": "9"})
    assert not any(block["kind"] == "link" for block in huabei["view"])
