"""card: the banks' published example, hand-worked cases, a second independent method (a day-by-day
simulation written here from the conventions in the issue, not from calculators/card.py), and
hypothesis invariants. Expected values are worked by hand or by the simulation, never copied
from the module's output."""

import calendar
import datetime
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import calculators
import strategies as s

run = calculators.run
D = Decimal
FEN = D("0.01")


def fen(value):
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- the second method

def month_later(day, months):
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def simulate(bill, statement, due, posting, payments, as_of, rate=D("0.0005"), ratio=D("0.10"),
             fee_rate=D("0.05"), fee_min=None, fee_max=None):
    """Walk one day at a time. Returns (interest, fees). Written from the issue's conventions:
    start of a statement day: interest so far (to the fen) and 违约金 so far go on the statement,
    the minimum is set; during a day: payments (billed 违约金, billed interest, principal, then the
    rest); the day's interest on principal + billed interest; end of a due day: 违约金 on the
    unpaid part of the minimum."""
    if sum((a for d, a in payments if d <= due), D(0)) >= bill or as_of <= due:
        return D(0), D(0)
    offset = (due - statement).days
    principal, billed_interest, unbilled_interest = bill, D(0), D(0)
    billed_fees, unbilled_fees = D(0), D(0)
    interest_total, fee_total = D(0), D(0)
    minimum = fen(bill * ratio)
    paid_this_cycle = paid_by_due = D(0)
    cycle_start = statement
    cycle = 0
    day = posting
    while day <= as_of:
        if day > statement and day == month_later(statement, cycle + 1):
            cycle += 1
            billed = fen(unbilled_interest)
            interest_total += billed
            unbilled_interest = D(0)
            billed_interest += billed
            new_fees, unbilled_fees = unbilled_fees, D(0)
            billed_fees += new_fees
            carried = max(minimum - paid_this_cycle, D(0))
            minimum = min(fen(ratio * principal + billed + new_fees + carried),
                          principal + billed_interest + billed_fees)
            paid_this_cycle = paid_by_due = D(0)
            cycle_start = day
        for pay_day, amount in payments:
            if pay_day != day:
                continue
            paid_this_cycle += amount
            if day <= cycle_start + datetime.timedelta(days=offset):
                paid_by_due += amount
            owed = {"billed_fees": billed_fees, "billed_interest": billed_interest, "principal": principal,
                    "unbilled_fees": unbilled_fees, "unbilled_interest": unbilled_interest}
            for name in owed:  # in this order
                used = min(owed[name], amount)
                owed[name] -= used
                amount -= used
            billed_fees, billed_interest, principal = owed["billed_fees"], owed["billed_interest"], owed["principal"]
            unbilled_fees, unbilled_interest = owed["unbilled_fees"], owed["unbilled_interest"]
        if day == as_of:
            break
        unbilled_interest += (principal + billed_interest) * rate
        if day == cycle_start + datetime.timedelta(days=offset):
            unpaid = max(minimum - paid_by_due, D(0))
            if unpaid > 0:
                fee = fen(fee_rate * unpaid)
                if fee_min is not None:
                    fee = max(fee, fee_min)
                if fee_max is not None:
                    fee = min(fee, fee_max)
                unbilled_fees += fee
                fee_total += fee
        day += datetime.timedelta(days=1)
    return interest_total + unbilled_interest, fee_total


def card_inputs(bill, statement, due, posting, payments, as_of, **extra):
    inputs = {"bill_amount": str(bill), "statement_date": statement.isoformat(), "due_date": due.isoformat(),
              "as_of": as_of.isoformat(),
              "payments": [{"date": d.isoformat(), "amount": str(a)} for d, a in payments]}
    if posting is not None:
        inputs["posting_date"] = posting.isoformat()
    inputs.update(extra)
    return inputs


def date(text):
    return datetime.date.fromisoformat(text)


# ---------------------------------------------------------------- published and hand-worked

def test_the_banks_published_example_17_40():
    # 1,000 posted 30 Mar, statement 5 Apr, due 23 Apr, the 100 minimum paid 23 Apr:
    # 1000 × 0.05% × 24 days + 900 × 0.05% × 12 days = 12.00 + 5.40 = 17.40 on the 5 May statement
    result = run("card", calculators.example("card", "published_example"))
    assert result["late_fees"] == "0.00"
    assert result["statements"][1]["date"] == "2026-05-05"
    assert result["statements"][1]["interest"] == "17.40"
    assert result["interest"] == "17.40" and result["penalty"] == "17.40"
    assert result["owed_now"] == "917.40"  # 900 principal + 17.40 interest
    # the next 30 days (05-05 .. 06-04): interest (900 + 17.40) × 0.05% × 30 = 13.761, and on 05-23 the new
    # minimum 10% × 900 + 17.40 = 107.40 unpaid draws 违约金 5% × 107.40 = 5.37: 19.131 ÷ 30 = 0.6377
    assert result["per_day"] == "0.64"
    assert result["statements"][1]["minimum"] == "107.40"  # 10% × 900 + 17.40
    assert simulate(D(1000), date("2026-04-05"), date("2026-04-23"), date("2026-03-30"),
                    [(date("2026-04-23"), D(100))], date("2026-05-05")) == (D("17.40"), 0)


def test_days_count_the_start_day_not_the_end_day():
    # nothing paid; as of the due date + 1: 30 Mar → 24 Apr is 25 days of interest on 1,000 = 12.50
    result = run("card", {"bill_amount": "1000", "posting_date": "2026-03-30", "statement_date": "2026-04-05",
                          "due_date": "2026-04-23", "as_of": "2026-04-24"})
    assert result["interest"] == "12.50"
    assert result["late_fees"] == "5.00"  # 5% × the unpaid 100 minimum at the end of 23 Apr


def test_paid_in_full_by_the_due_date_costs_nothing():
    result = run("card", {"bill_amount": "1000", "posting_date": "2026-03-30", "statement_date": "2026-04-05",
                          "due_date": "2026-04-23", "as_of": "2026-06-01",
                          "payments": [{"date": "2026-04-10", "amount": "600"}, {"date": "2026-04-23", "amount": "400"}]})
    assert (result["penalty"], result["owed_now"], result["per_day"]) == ("0.00", "0.00", "0.00")
    assert result["paid_in_full_by_due"] is True


def test_paid_in_full_one_day_late_pays_interest_from_the_posting_date():
    # 1,000 posted 30 Mar, paid in full 24 Apr: 25 days × 0.50 = 12.50 and 违约金 5% × 100 = 5.00,
    # both put on the 5 May statement
    base = {"bill_amount": "1000", "posting_date": "2026-03-30", "statement_date": "2026-04-05",
            "due_date": "2026-04-23", "payments": [{"date": "2026-04-24", "amount": "1000"}]}
    result = run("card", dict(base, as_of="2026-05-05"))
    assert result["interest"] == "12.50" and result["late_fees"] == "5.00"
    assert result["owed_now"] == "17.50"
    # the billed 12.50 bears interest from 5 May (the 5.00 违约金 does not): 15 days to 20 May
    # 12.50 × 0.05% × 15 = 0.09375 → interest 12.59, owed 17.59
    later = run("card", dict(base, as_of="2026-05-20"))
    assert (later["interest"], later["owed_now"]) == ("12.59", "17.59")


def test_twenty_thousand_ninety_days_worked_by_hand():
    # posted on the statement date 5 Jan, due 25 Jan, nothing paid, counted to 25 Apr (90 days after):
    # 5 Jan→5 Feb 31 d: 20000 × 0.0005 × 31 = 310.00;  违约金 25 Jan 5% × 2000 = 100.00
    # M1 = 2000 + 310 + 100 + 2000 = 4410;  5 Feb→5 Mar 28 d on 20310: 284.34;  违约金 25 Feb 220.50
    # M2 = 2000 + 284.34 + 220.50 + 4410 = 6914.84;  5 Mar→5 Apr 31 d on 20594.34: 319.21;  违约金 345.74
    # 5 Apr→25 Apr 20 d on 20913.55: 209.1355 (25 Apr itself is not counted, nor its due date)
    # interest 310 + 284.34 + 319.21 + 209.1355 = 1122.6855 → 1122.69; 违约金 666.24; total 1788.93
    result = run("card", {"bill_amount": "20000", "posting_date": "2026-01-05", "statement_date": "2026-01-05",
                          "due_date": "2026-01-25", "as_of": "2026-04-25"})
    assert (result["interest"], result["late_fees"], result["penalty"]) == ("1122.69", "666.24", "1788.93")
    assert [row["minimum"] for row in result["statements"]] == ["2000.00", "4410.00", "6914.84", "9579.79"]
    assert simulate(D(20000), date("2026-01-05"), date("2026-01-25"), date("2026-01-05"), [],
                    date("2026-04-25")) == (D("1122.6855"), D("666.24"))


def test_without_a_posting_date_a_range_from_the_statement_date_to_a_month_earlier():
    result = run("card", calculators.example("card", "ninety_days_no_posting_date"))
    low = sum(simulate(D(20000), date("2026-01-05"), date("2026-01-25"), date("2026-01-05"), [], date("2026-04-25")))
    high = sum(simulate(D(20000), date("2026-01-05"), date("2026-01-25"), date("2025-12-05"), [], date("2026-04-25")))
    assert result["penalty_low"] == "1788.93" == str(fen(low))
    assert result["penalty_high"] == str(fen(high))
    assert result["penalty"] == result["penalty_high"]  # shown figures err on the high side
    assert D(result["penalty_low"]) < D(result["penalty_high"])
    assert any("没有填记账日" in note for note in result["notes"])


def test_fees_bear_no_interest():
    base = {"bill_amount": "20000", "posting_date": "2026-01-01", "statement_date": "2026-01-05",
            "due_date": "2026-01-25", "as_of": "2026-08-01"}
    with_fees = run("card", base)
    without = run("card", dict(base, late_fee_rate="0%"))
    assert D(with_fees["late_fees"]) > 0 and without["late_fees"] == "0.00"
    assert with_fees["interest"] == without["interest"]


def test_late_fee_floor_and_cap():
    # 1,000 bill, 100 minimum unpaid: 5% = 5.00, raised to a 10 floor; a 3 cap lowers it
    base = {"bill_amount": "1000", "posting_date": "2026-03-30", "statement_date": "2026-04-05",
            "due_date": "2026-04-23", "as_of": "2026-04-24"}
    assert run("card", dict(base, late_fee_min="10"))["late_fees"] == "10.00"
    assert run("card", dict(base, late_fee_max="3"))["late_fees"] == "3.00"


def test_payments_go_to_billed_fees_first():
    # the 100 违约金 of 25 Jan is billed on 5 Feb; a 100 payment on 6 Feb pays it, not principal
    base = {"bill_amount": "20000", "posting_date": "2026-01-05", "statement_date": "2026-01-05",
            "due_date": "2026-01-25", "as_of": "2026-02-08"}
    paid = run("card", dict(base, payments=[{"date": "2026-02-06", "amount": "100"}]))
    unpaid = run("card", base)
    # interest does not fall: the payment went to the fee, which bears no interest
    assert D(paid["interest"]) == D(unpaid["interest"])
    assert D(paid["owed_now"]) == D(unpaid["owed_now"]) - 100


def test_the_24_month_example_matches_the_simulation():
    inputs = calculators.example("card", "card_24_months")
    result = run("card", inputs)
    payments = [(date(p["date"]), D(p["amount"])) for p in inputs["payments"]]
    interest, fees = simulate(D(30000), date("2025-01-05"), date("2025-01-25"), date("2024-12-20"), payments,
                              date("2027-01-25"), fee_min=D(1), fee_max=D(500))
    assert result["interest"] == str(fen(interest)) and result["late_fees"] == str(fees)
    assert len(result["statements"]) == 25


# ---------------------------------------------------------------- bad input

def test_bad_input_names_the_field_in_chinese():
    base = {"bill_amount": "1000", "statement_date": "2026-04-05", "due_date": "2026-04-23", "as_of": "2026-05-05"}

    def fields(**changes):
        return [error["field"] for error in run("card", dict(base, **changes)).get("errors", [])]

    assert fields(statement_date="2026-02-30") == ["statement_date"]
    assert fields(due_date="2026-04-01") == ["due_date"]
    assert fields(posting_date="2026-04-06") == ["posting_date"]
    assert fields(payments=[{"date": "2026-04-20", "amount": "10"}, {"date": "2026-05-06", "amount": "10"}]) \
        == ["payments.1.date"]
    assert fields(payments=[{"date": "2026-04-20"}]) == ["payments.0.amount"]
    assert fields(as_of="2026-04-01") == ["as_of"]
    assert fields(late_fee_min="10", late_fee_max="5") == ["late_fee_max"]
    assert "as_of" in fields(as_of="")


def test_as_of_is_marked_to_default_to_today():
    spec = next(f for f in calculators.module("card").FIELDS if f["name"] == "as_of")
    assert spec["default_today"] is True and spec["required"] is True


# ---------------------------------------------------------------- invariants

statement_days = st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2027, 12, 31))


@st.composite
def cards(draw):
    statement = draw(statement_days)
    offset = draw(st.integers(min_value=1, max_value=27))
    due = statement + datetime.timedelta(days=offset)
    back = (statement - month_later(statement, -1)).days
    posting = statement - datetime.timedelta(days=draw(st.integers(min_value=0, max_value=back)))
    as_of = statement + datetime.timedelta(days=draw(st.integers(min_value=0, max_value=400)))
    bill = draw(s.amounts)
    payments = [(statement + datetime.timedelta(days=draw(st.integers(0, (as_of - statement).days))),
                 draw(s.small_amounts) * draw(st.sampled_from([1, 10, 100])))
                for _ in range(draw(st.integers(0, 4)))]
    rate = draw(s.daily_rates)
    return bill, statement, due, posting, payments, as_of, rate


def cost(case, **changes):
    bill, statement, due, posting, payments, as_of, rate = case
    values = dict(bill=bill, statement=statement, due=due, posting=posting, payments=payments, as_of=as_of)
    values.update(changes)
    result = run("card", card_inputs(values["bill"], values["statement"], values["due"], values["posting"],
                                     values["payments"], values["as_of"], daily_rate=f"{rate * 100}%"))
    assert "errors" not in result, result
    return result


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards())
def test_the_module_agrees_with_the_day_by_day_simulation(case):
    bill, statement, due, posting, payments, as_of, rate = case
    result = cost(case)
    interest, fees = simulate(bill, statement, due, posting, sorted(payments), as_of, rate=rate)
    assert result["interest"] == str(fen(interest)) and D(result["late_fees"]) == fees


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards(), st.integers(min_value=1, max_value=90))
def test_more_days_never_cost_less(case, more):
    later = case[5] + datetime.timedelta(days=more)
    assume((later - case[1]).days <= 3660)
    assert D(cost(case, as_of=later)["penalty"]) >= D(cost(case)["penalty"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards(), s.small_amounts, st.integers(min_value=0, max_value=400))
def test_a_payment_never_raises_the_cost(case, amount, after):
    statement, as_of = case[1], case[5]
    day = statement + datetime.timedelta(days=min(after, (as_of - statement).days))
    more = cost(case, payments=case[4] + [(day, amount * 10)])
    assert D(more["penalty"]) <= D(cost(case)["penalty"])


@settings(max_examples=30, deadline=None)
@given(cards())
def test_paying_in_full_by_the_due_date_costs_nothing(case):
    bill, statement, due = case[0], case[1], case[2]
    as_of = max(case[5], due)
    result = cost(case, as_of=as_of, payments=[(due, bill)])
    assert (result["penalty"], result["owed_now"]) == ("0.00", "0.00")


@settings(max_examples=30, deadline=None)
@given(cards())
def test_fees_never_bear_interest_invariant(case):
    bill, statement, due, posting, _, as_of, rate = case
    inputs = card_inputs(bill, statement, due, posting, [], as_of, daily_rate=f"{rate * 100}%")
    with_fees = run("card", inputs)
    without = run("card", dict(inputs, late_fee_rate="0%"))
    assert with_fees["interest"] == without["interest"]
