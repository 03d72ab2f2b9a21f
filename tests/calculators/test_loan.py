"""loan: missed instalments worked by hand, a second method (summing each day's charge one day at a
time, written here from the issue's conventions), invariants and bad input. Expected values are
never copied from the module's output."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
import strategies as s

run = calculators.run
D = Decimal


def fen(value):
    return value.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def day_by_day(installments, as_of, on_principal, on_interest, accelerated=None, remaining=D(0)):
    """Add up, for every day from the day after each due date to as_of inclusive, that day's charge."""
    total = D(0)
    items = [(d, p, i) for d, p, i in installments]
    if accelerated is not None:
        items.append((accelerated, remaining, D(0)))
    for due, principal, interest in items:
        day = due + datetime.timedelta(days=1)
        while day <= as_of:
            total += principal * on_principal + interest * on_interest
            day += datetime.timedelta(days=1)
    return total


def date(text):
    return datetime.date.fromisoformat(text)


def test_jiebei_two_missed_instalments_by_hand():
    # penalty rate 0.04% × 1.5 = 0.06%/day; 10 Feb → 10 Apr 59 days, 10 Mar → 10 Apr 31 days
    # principal: 1600 × 0.0006 × 59 + 1650 × 0.0006 × 31 = 56.64 + 30.69 = 87.33
    # interest:   120 × 0.0006 × 59 +  100 × 0.0006 × 31 = 4.248 + 1.86 = 6.108 → 6.11
    result = run("loan", calculators.example("loan", "jiebei_two_missed"))
    assert (result["penalty_interest"], result["compound_interest"], result["penalty"]) == ("87.33", "6.11", "93.44")
    assert result["owed_now"] == "3563.44"  # 3250 + 220 + 93.438
    assert result["per_day"] == "2.08"  # (3250 + 220) × 0.0006 = 2.082
    assert [row["days"] for row in result["rows"]] == [59, 31]


def test_jintiao_contract_interest_runs_beside_its_late_fee():
    # 3 × 1000 due 1 Feb, 1 Mar, 1 Apr; to 1 May: 89 + 61 + 30 = 180 principal-days
    # 违约金 1000 × 0.06% × 180 = 108; contract interest 1000 × 0.05% × 180 = 90; 198 in all
    result = run("loan", calculators.example("loan", "jintiao_three_missed"))
    assert (result["penalty_interest"], result["contract_interest"], result["penalty"]) == ("108.00", "90.00", "198.00")
    assert result["annual_rate_equivalent"] == "0.401500"  # 198 / (1000 × 180) × 365
    assert any("24%" in note for note in result["notes"])  # above the court line once both are counted


def test_acceleration_makes_the_remaining_principal_overdue():
    # 网商贷 0.05% × 1.5 = 0.075%/day; 10,000 remaining principal due from 1 Apr, 39 days to 10 May:
    # 10000 × 0.00075 × 39 = 292.50 on top of the instalments
    inputs = calculators.example("loan", "accelerated")
    before = dict(inputs)
    before.pop("accelerated_on")
    before.pop("remaining_principal")
    with_it, without = run("loan", inputs), run("loan", before)
    assert D(with_it["penalty"]) - D(without["penalty"]) in (D("292.50"), D("292.49"), D("292.51"))
    # each day now costs (10000 + 2000 + 285) × 0.00075 = 9.21 instead of 2285 × 0.00075 = 1.71: about 5×
    assert (with_it["per_day"], without["per_day"]) == ("9.21", "1.71")
    expected = day_by_day([(date("2026-02-10"), D(1000), D(150)), (date("2026-03-10"), D(1000), D(135))],
                          date("2026-05-10"), D("0.00075"), D("0.00075"), date("2026-04-01"), D(10000))
    assert with_it["penalty"] == str(fen(expected))


def test_twelve_instalments_agree_with_the_day_by_day_sum():
    inputs = calculators.example("loan", "loan_12_instalments")
    result = run("loan", inputs)
    items = [(date(i["due_date"]), D(i["principal"]), D(i["interest"])) for i in inputs["installments"]]
    assert result["penalty"] == str(fen(day_by_day(items, date("2027-01-20"), D("0.00075"), D("0.00075"))))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 700), s.amounts, s.small_amounts), min_size=1, max_size=8),
       s.daily_rates, st.decimals(min_value=1, max_value=5, places=2), st.integers(0, 200))
def test_module_agrees_with_the_day_by_day_sum(rows, rate, multiplier, after):
    as_of = date("2028-01-01")
    items = [(as_of - datetime.timedelta(days=back), principal, interest) for back, principal, interest in rows]
    inputs = {"product": "bank_loan", "daily_rate": f"{rate * 100}%", "penalty_multiplier": str(multiplier),
              "as_of": as_of.isoformat(),
              "installments": [{"due_date": d.isoformat(), "principal": str(p), "interest": str(i)} for d, p, i in items]}
    result = run("loan", inputs)
    assert result["penalty"] == str(fen(day_by_day(items, as_of, rate * multiplier, rate * multiplier)))
    later = run("loan", dict(inputs, as_of=(as_of + datetime.timedelta(days=after)).isoformat()))
    assert D(later["penalty"]) >= D(result["penalty"])  # more days never cost less


@settings(max_examples=40, deadline=None)
@given(s.amounts, s.daily_rates, st.integers(1, 700),
       st.decimals(min_value=1, max_value=5, places=2), st.decimals(min_value=1, max_value=5, places=2))
def test_a_loans_penalty_grows_with_the_multiplier(principal, rate, days, low, high):
    low, high = min(low, high), max(low, high)
    base = {"product": "jiebei", "daily_rate": f"{rate * 100}%", "as_of": "2027-12-31",
            "installments": [{"due_date": (date("2027-12-31") - datetime.timedelta(days=days)).isoformat(),
                              "principal": str(principal), "interest": "10"}]}
    assert D(run("loan", dict(base, penalty_multiplier=str(low)))["penalty"]) \
        <= D(run("loan", dict(base, penalty_multiplier=str(high)))["penalty"])


def test_bad_input_names_the_field_in_chinese():
    base = {"product": "jiebei", "daily_rate": "0.04%", "as_of": "2026-04-10",
            "installments": [{"due_date": "2026-02-10", "principal": "1600", "interest": "120"}]}

    def fields(**changes):
        return [error["field"] for error in run("loan", dict(base, **changes)).get("errors", [])]

    assert fields(installments=[{"due_date": "2026-02-30", "principal": "1"}]) == ["installments.0.due_date"]
    assert fields(installments=[{"due_date": "2026-02-10", "principal": "1"},
                                {"due_date": "2026-03-10", "interest": "5"}]) == ["installments.1.principal"]
    assert fields(installments=[{"due_date": "2026-02-10", "principal": "0"}]) == ["installments.0.principal"]
    assert fields(installments=[{"due_date": "2026-05-10", "principal": "1"}]) == ["installments.0.due_date"]
    assert fields(accelerated_on="2026-03-01") == ["remaining_principal"]
    assert fields(remaining_principal="5000") == ["accelerated_on"]
    assert fields(accelerated_on="2026-05-01", remaining_principal="5000") == ["accelerated_on"]
    assert fields(accelerated_on="2026-01-01", remaining_principal="5000") == ["installments.0.due_date"]
    assert fields(daily_rate="") == ["daily_rate"]
    message = run("loan", dict(base, installments=[{"due_date": "2026-02-30", "principal": "1"}]))["errors"][0]["message"]
    assert "没有这一天" in message


def test_as_of_is_marked_to_default_to_today():
    spec = next(f for f in calculators.module("loan").FIELDS if f["name"] == "as_of")
    assert spec["default_today"] is True
