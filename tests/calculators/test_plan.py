"""plan: numpy-financial as the independent reference, and the schedule's invariants."""

import datetime
from decimal import Decimal

import numpy_financial as npf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
import strategies as s

run = calculators.run
FEN = Decimal("0.01")


def D(text):
    return Decimal(text)


def F(number):
    """A numpy/float reference value as a Decimal (exactly its shortest repr)."""
    return Decimal(repr(float(number)))


def test_published_equal_payment_example():
    result = run("plan", {"principal": "10000", "months": "12", "method": "equal_payment", "annual_rate": "18%"})
    assert result["monthly_payment"] == "916.80"
    assert abs(D(result["monthly_payment"]) - F(npf.pmt(0.015, 12, -10000))) < FEN / 2
    reference_interest = sum(npf.ipmt(0.015, range(1, 13), 12, -10000))
    assert result["total_interest"] == "1001.60"
    assert abs(D(result["total_interest"]) - F(float(reference_interest))) < FEN / 2


@pytest.mark.parametrize("months, fee, about", [(3, "2.5%", "0.149"), (6, "4.5%", "0.153"),
                                                (9, "6.5%", "0.153"), (12, "8.8%", "0.159")])
def test_huabei_instalment_aprs_match_facts(months, fee, about):
    """facts.md §1 [computed]: 3期 ≈ 14.9%, 6期 ≈ 15.3%, 9期 ≈ 15.3%, 12期 ≈ 15.9% APR."""
    result = run("plan", {"principal": "10000", "months": months, "method": "fee", "fee_rate": fee})
    assert abs(D(result["apr"]) - D(about)) < D("0.0005")


def test_huabei_12_period_apr_is_15_86_percent():
    result = run("plan", {"principal": "10000", "months": "12", "method": "fee", "fee_rate": "8.8%"})
    assert D(result["apr"]).quantize(D("0.0001")) == D("0.1586")
    assert D(result["ear"]).quantize(D("0.001")) == D("0.171")  # facts: 17.1% compounded
    assert any("8.8%" in note and "15.86%" in note for note in result["notes"])


def test_due_dates_keep_the_day_and_clamp_to_month_end():
    result = run("plan", {"principal": "1200", "months": "4", "method": "interest_free", "first_due": "2026-01-31"})
    assert [row["due_date"] for row in result["schedule"]] == ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]
    result = run("plan", {"principal": "1200", "months": "13", "method": "interest_free", "first_due": "2027-12-29"})
    assert result["schedule"][2]["due_date"] == "2028-02-29"
    assert result["schedule"][12]["due_date"] == "2028-12-29"
    assert "due_date" not in run("plan", {"principal": "1200", "months": "2", "method": "interest_free"})["schedule"][0]


def test_method_needing_a_rate_without_one_is_a_field_error():
    for method, name in (("equal_payment", "annual_rate"), ("equal_principal", "annual_rate"), ("fee", "fee_rate")):
        result = run("plan", {"principal": "10000", "months": "12", "method": method})
        assert [error["field"] for error in result["errors"]] == [name]


@settings(max_examples=80, deadline=None)
@given(s.amounts, s.months, s.annual_rates)
def test_equal_payment_matches_numpy_financial(principal, n, rate):
    result = run("plan", s.plan_inputs(principal, n, "equal_payment", rate))
    r = float(rate) / 12
    pmt = float(principal) / n if r == 0 else npf.pmt(r, n, -float(principal))
    # every payment but the last is the reference payment rounded to the fen
    for row in result["schedule"][:-1]:
        assert abs(D(row["payment"]) - F(pmt)) < FEN  # half-up, or down for loans of a few yuan
    # total interest is the reference total, to the fen
    reference = pmt * n - float(principal)
    assert abs(D(result["total_interest"]) - F(reference)) <= D("0.006")


@settings(max_examples=60, deadline=None)
@given(s.amounts, s.months, s.methods, s.fee_rates)
def test_apr_matches_numpy_financial_irr(principal, n, method, rate):
    result = run("plan", s.plan_inputs(principal, n, method, rate))
    flows = [float(principal)] + [-float(row["payment"]) for row in result["schedule"]]
    if sum(flows) == 0:
        assert result["apr"] == "0.000000"
        return
    reference = npf.irr(flows) * 12
    assert abs(D(result["apr"]) - F(reference)) < D("0.000002")
    monthly = D(result["monthly_rate"])
    # Both figures are shown to 6 places (±0.0000005 each); the monthly rate's rounding error grows
    # by the derivative of (1 + m) ** 12, which is 12 (1 + m) ** 11: about 21 at 5.3 % a month.
    half_unit = D("0.0000005")
    tolerance = 12 * (1 + monthly + half_unit) ** 11 * half_unit + half_unit
    assert abs(D(result["ear"]) - ((1 + monthly) ** 12 - 1)) <= tolerance


@settings(max_examples=120, deadline=None)
@given(st.one_of(s.amounts, s.small_amounts), s.months, s.methods, s.annual_rates)
def test_schedule_invariants(principal, n, method, rate):
    result = run("plan", s.plan_inputs(principal, n, method, rate))
    rows = result["schedule"]
    assert len(rows) == n and [row["period"] for row in rows] == list(range(1, n + 1))
    assert sum(D(row["principal"]) for row in rows) == principal
    assert rows[-1]["balance"] == "0.00"
    balances = [principal] + [D(row["balance"]) for row in rows]
    assert all(b >= 0 for b in balances)
    assert all(later <= earlier for earlier, later in zip(balances, balances[1:]))
    for row in rows:
        assert D(row["payment"]) == D(row["principal"]) + D(row["interest"])
        assert D(row["interest"]) >= 0 and D(row["principal"]) >= 0
    assert D(result["total_payment"]) == sum(D(row["payment"]) for row in rows)
    assert D(result["total_interest"]) == D(result["total_payment"]) - principal
    assert result["monthly_payment"] == rows[0]["payment"]
    if method == "interest_free" or rate == 0:
        assert result["apr"] == "0.000000" and result["total_interest"] == "0.00"


@settings(max_examples=60, deadline=None)
@given(s.amounts, s.months, s.methods, s.annual_rates, s.annual_rates)
def test_interest_grows_with_rate(principal, n, method, a, b):
    low, high = sorted((a, b))
    cost_low = D(run("plan", s.plan_inputs(principal, n, method, low))["total_interest"])
    cost_high = D(run("plan", s.plan_inputs(principal, n, method, high))["total_interest"])
    assert cost_low <= cost_high


@settings(max_examples=60, deadline=None)
@given(s.amounts, st.integers(1, 119), s.methods, s.annual_rates)
def test_more_months_lower_payment(principal, n, method, rate):
    shorter = run("plan", s.plan_inputs(principal, n, method, rate))
    longer = run("plan", s.plan_inputs(principal, n + 1, method, rate))
    # the regular (first) payment falls, or stays equal when rounding to the fen hides the change
    assert D(longer["monthly_payment"]) <= D(shorter["monthly_payment"])
