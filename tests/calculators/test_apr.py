"""apr: IRR against numpy-financial, facts.md's computed figures, and clear errors."""

from decimal import Decimal

import numpy_financial as npf
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import calculators
from calculators import money
import strategies as s

run = calculators.run


def F(number):
    return Decimal(repr(float(number)))


@pytest.mark.parametrize("periods, fee, about", [(12, "7.2%", "0.130"), (24, "14.4%", "0.133"), (12, "8.8%", "0.159")])
def test_facts_computed_aprs(periods, fee, about):
    """facts.md §4d: 0.6%/month 12期 ≈ 13.0%, 24期 ≈ 13.3%; §1: 花呗 12期 8.8% ≈ 15.9%."""
    result = run("apr", {"principal": "10000", "periods": periods, "fee_rate": fee})
    assert abs(Decimal(result["apr"]) - Decimal(about)) < Decimal("0.0005")


def test_naive_reading_is_explained():
    result = run("apr", {"principal": "10000", "periods": "12", "fee_rate": "8.8%"})
    assert any("8.8%" in note and "15.86%" in note and "IRR" in note for note in result["notes"])


def test_upfront_fee_is_deducted_and_the_notes_say_so():
    result = run("apr", {"principal": "17000", "fee": "1259", "payments": ["1500"] * 12})
    assert (result["received"], result["total_paid"], result["total_cost"]) == ("15741.00", "18000.00", "2259.00")
    assert abs(Decimal(result["apr"]) - F(npf.irr([15741] + [-1500] * 12) * 12)) < Decimal("0.000001")
    assert any("15,741.00" in note for note in result["notes"])
    assert any("24%" in note for note in result["notes"])  # 25.5% > the court line


def test_payments_as_strings_or_dicts_give_the_same_answer():
    as_strings = run("apr", {"principal": "1000", "payments": ["300", "400", "500"]})
    as_dicts = run("apr", {"principal": "1000", "payments": [{"amount": "300"}, {"amount": "400"}, {"amount": "500"}]})
    assert as_strings == as_dicts and as_strings["mode"] == "payments"


def test_payments_that_never_repay_are_a_field_error_not_nan():
    result = run("apr", {"principal": "1000", "payments": ["100", "200"]})
    assert result["errors"][0]["field"] == "payments" and "还不到" in result["errors"][0]["message"]
    result = run("apr", {"principal": "1000", "payments": ["0", "0"]})
    assert result["errors"][0]["field"] == "payments"
    result = run("apr", {"principal": "1000", "fee": "1000", "payments": ["600", "600"]})
    assert result["errors"][0]["field"] == "fee"


def test_absurd_rate_is_an_error():
    result = run("apr", {"principal": "1", "payments": ["100000000"]})
    assert result["errors"][0]["field"] == "payments"


def test_irr_precision_far_better_than_a_hundredth_of_a_percent():
    with money.context():
        payments = [Decimal("906.66")] * 11 + [Decimal("906.74")]
        monthly = money.irr(Decimal(10000), payments)
        present = sum(p / (1 + monthly) ** k for k, p in enumerate(payments, 1))
    assert abs(present - 10000) < Decimal("1e-8")


@settings(max_examples=80, deadline=None)
@given(s.amounts, st.lists(st.decimals(min_value=0, max_value=100000, places=2), min_size=1, max_size=60),
       st.decimals(min_value=0, max_value=Decimal("0.2"), places=3))
def test_irr_matches_numpy_financial(principal, payments, fee_share):
    fee = (principal * fee_share).quantize(Decimal("0.01"))
    received = principal - fee
    assume(received > 0 and sum(payments) > received and payments[0] >= 0)
    result = run("apr", {"principal": str(principal), "fee": str(fee), "payments": [str(p) for p in payments]})
    if "errors" in result:  # only for > 1000% a month
        assert result["errors"][0]["field"] == "payments"
        return
    reference = npf.irr([float(received)] + [-float(p) for p in payments])
    assume(reference == reference and abs(reference) < 1)  # numpy's solver can fail on wild flows
    assert abs(Decimal(result["monthly_rate"]) - F(reference)) < Decimal("0.000001")
    assert Decimal(result["total_cost"]) == sum(payments) - received


@settings(max_examples=40, deadline=None)
@given(s.amounts, s.months)
def test_zero_fee_has_apr_zero(principal, n):
    result = run("apr", {"principal": str(principal), "periods": str(n), "fee_rate": "0"})
    assert (result["apr"], result["ear"], result["total_cost"]) == ("0.000000", "0.000000", "0.00")
