"""tracker (我的还款协议): agreements, payments, what is behind and what is next.

Every expected figure is worked by hand in the comments; the .ics of the remaining instalments is
read back with `icalendar` (PyPI, test-only), never with the project's own code."""

import datetime
import json
import subprocess
import sys
from decimal import Decimal

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from conftest import ROOT


def run(agreements, payments=(), as_of="2027-03-01"):
    return calculators.run("tracker", {"agreements": list(agreements), "payments": list(payments), "as_of": as_of})


def one(result, index=0):
    assert "errors" not in result, result
    return result["agreements"][index]


def agreement(lender="招行", monthly="800", months="12", first_due="2027-01-31", **extra):
    return {"lender": lender, "monthly": monthly, "months": months, "first_due": first_due, **extra}


def pay(date, amount, lender="招行", note=""):
    return {"lender": lender, "date": date, "amount": amount, "note": note}


def test_on_time_payments_are_on_track():
    # 800 a month from 2027-01-31; by 2027-03-01 two are due (01-31, 02-28): 1,600, both paid.
    # Next: the 3rd, 2027-03-31, 800. Left: 12 × 800 − 1,600 = 8,000.
    a = one(run([agreement()], [pay("2027-01-31", "800"), pay("2027-02-28", "800")]))
    assert (a["paid"], a["due_so_far"], a["behind"], a["remaining"]) == ("1600.00", "1600.00", "0.00", "8000.00")
    assert (a["next_due"], a["next_amount"], a["status"]) == ("2027-03-31", "800.00", "on_track")
    assert a["last_due"] == "2027-12-31" and a["total"] == "9600.00"


def test_the_31st_falls_on_each_months_last_day_and_feb_29_in_a_leap_year():
    # 2028 is a leap year: from 2027-12-31 the dates are 12-31, 2028-01-31, 02-29, 03-31, 04-30.
    a = one(run([agreement(months="5", first_due="2027-12-31")], as_of="2027-12-01"))
    assert [row["date"] for row in a["schedule"]] == ["2027-12-31", "2028-01-31", "2028-02-29", "2028-03-31",
                                                      "2028-04-30"]
    # and in 2027 (not a leap year) February's is the 28th
    a = one(run([agreement(months="3", first_due="2027-01-31")], as_of="2027-01-01"))
    assert [row["date"] for row in a["schedule"]] == ["2027-01-31", "2027-02-28", "2027-03-31"]


def test_an_instalment_due_on_as_of_is_due_so_far():
    # as_of = 2028-02-29, the 3rd due date: 3 × 800 = 2,400 should be paid by the end of the day;
    # two paid (1,600) -> behind 800, and the next is that same instalment, today: 800.
    a = one(run([agreement(months="5", first_due="2027-12-31")],
                [pay("2027-12-31", "800"), pay("2028-01-31", "800")], as_of="2028-02-29"))
    assert (a["due_so_far"], a["behind"], a["status"]) == ("2400.00", "800.00", "behind")
    assert (a["next_due"], a["next_amount"], a["days_to_next"]) == ("2028-02-29", "800.00", 0)


def test_a_partial_payment_is_behind_and_the_next_amount_makes_it_up():
    # Due 01-31 and 02-28 = 1,600; paid 800 + 500 = 1,300 -> behind 300 since 02-28.
    # Next: 03-31, cumulative 2,400 − 1,300 = 1,100 (800 plus the 300 behind).
    a = one(run([agreement()], [pay("2027-01-31", "800"), pay("2027-02-28", "500")]))
    assert (a["paid"], a["behind"], a["status"], a["overdue_since"]) == ("1300.00", "300.00", "behind", "2027-02-28")
    assert (a["next_due"], a["next_amount"]) == ("2027-03-31", "1100.00")
    assert a["remaining"] == "8300.00"  # 9,600 − 1,300
    # the first instalment not covered is the 2nd (02-28): 1,600 − 1,300 = 300 of it is left
    assert (a["open_number"], a["open_due"], a["open_amount"]) == (2, "2027-02-28", "300.00")


def test_a_late_payment_counts_once_it_is_made():
    # The February instalment (02-28) is paid on 03-05. As of 03-01: paid 800 of 1,600 -> behind 800.
    inputs = [pay("2027-01-31", "800"), pay("2027-03-05", "800")]
    before = one(run([agreement()], inputs, as_of="2027-03-01"))
    assert (before["paid"], before["behind"], before["status"]) == ("800.00", "800.00", "behind")
    # the payment dated after as_of is not counted yet, and a note says so
    assert any("之后" in note for note in run([agreement()], inputs, as_of="2027-03-01")["notes"])
    # As of 03-06: paid 1,600 = due 1,600 -> on track; next 03-31, 800.
    after = one(run([agreement()], inputs, as_of="2027-03-06"))
    assert (after["paid"], after["behind"], after["status"]) == ("1600.00", "0.00", "on_track")
    assert (after["next_due"], after["next_amount"]) == ("2027-03-31", "800.00")


def test_an_early_and_extra_payment_runs_ahead():
    # Paid 2,000 on 2027-01-20 (before the first due date). As of 03-01 due 1,600: ahead 400.
    # Cumulative: 800, 1,600, 2,400 … the first not covered is the 3rd (2,400 > 2,000), due 03-31:
    # 2,400 − 2,000 = 400 is what is left of it.
    a = one(run([agreement()], [pay("2027-01-20", "2,000")]))
    assert (a["paid"], a["due_so_far"], a["behind"], a["ahead"]) == ("2000.00", "1600.00", "0.00", "400.00")
    assert (a["next_due"], a["next_amount"], a["next_number"], a["status"]) == ("2027-03-31", "400.00", 3, "on_track")
    assert (a["open_number"], a["open_amount"]) == (3, "400.00")
    # nothing paid yet, as of 03-01: the next (03-31) is 3 × 800 = 2,400, the first open one 800
    a = one(run([agreement()]))
    assert (a["next_amount"], a["open_number"], a["open_due"], a["open_amount"]) == ("2400.00", 1, "2027-01-31",
                                                                                     "800.00")


def test_finished_early_is_done():
    # 5 × 600 = 3,000; paid 600 on 01-20 and 2,400 on 02-10: done on 02-10, nothing next.
    result = calculators.run("tracker", calculators.example("tracker", "finished_early"))
    a = one(result)
    assert (a["paid"], a["remaining"], a["behind"], a["status"]) == ("3000.00", "0.00", "0.00", "done")
    assert (a["next_due"], a["next_amount"], a["finished_on"], a["expected_last"]) == (None, "0.00", "2027-02-10",
                                                                                       "2027-02-10")
    assert a["upcoming"] == [] and a["ics"] is None


def test_an_overpayment_is_kept_and_nothing_is_left():
    # 3 × 800 = 2,400; paid 3,000: done, remaining 0, overpaid 600.
    a = one(run([agreement(months="3")], [pay("2027-01-31", "3000")]))
    assert (a["status"], a["remaining"], a["overpaid"]) == ("done", "0.00", "600.00")


def test_a_total_that_differs_is_met_by_the_last_instalment():
    # 12 × 500 = 6,000 but the agreement says 5,800: the last is 5,800 − 11 × 500 = 300.
    a = one(run([agreement(monthly="500", total="5800")]))
    assert a["total"] == "5800.00" and a["last_amount"] == "300.00"
    assert a["schedule"][-1]["amount"] == "300.00" and a["schedule"][-2]["amount"] == "500.00"
    # a larger total: 6,100 -> last 600
    assert one(run([agreement(monthly="500", total="6100")]))["last_amount"] == "600.00"


def test_past_the_last_due_date_everything_left_is_next():
    # 3 × 800 from 01-31 (last 03-31); paid 800; as of 2027-05-01 all 2,400 due, behind 1,600;
    # no due date is ahead: the next is the last instalment (03-31) with all that is left, 1,600.
    a = one(run([agreement(months="3")], [pay("2027-01-31", "800")], as_of="2027-05-01"))
    assert (a["behind"], a["next_due"], a["next_amount"], a["status"]) == ("1600.00", "2027-03-31", "1600.00", "behind")
    assert a["days_to_next"] == -31 and a["due_soon"]


def test_payments_count_only_toward_the_lender_they_name_and_totals_add_up():
    # 招行 800 × 12 from 01-31; 花呗 500 × 6 from 01-15. As of 03-01: 招行 due 1,600, 花呗 due 1,000.
    result = run([agreement(), agreement("花呗", "500", "6", "2027-01-15")],
                 [pay("2027-01-31", "800"), pay("2027-01-15", "500", "花呗"), pay("2027-02-15", "500", "花呗")])
    zhaohang, huabei = result["agreements"]
    assert (zhaohang["paid"], zhaohang["behind"]) == ("800.00", "800.00")
    assert (huabei["paid"], huabei["behind"], huabei["next_due"]) == ("1000.00", "0.00", "2027-03-15")
    totals = result["totals"]
    # paid 800 + 1,000; due 1,600 + 1,000; left (9,600 − 800) + (3,000 − 1,000) = 8,800 + 2,000
    assert (totals["paid"], totals["due_so_far"], totals["behind"], totals["remaining"]) == (
        "1800.00", "2600.00", "800.00", "10800.00")
    # 招行's next (03-31, 800 + 800 behind) is later than 花呗's (03-15, 500)
    assert (totals["next_due"], totals["next_lender"], totals["next_amount"]) == ("2027-03-15", "花呗", "500.00")
    assert totals["status"] == "behind" and totals["last_due"] == "2027-12-31"


def test_a_payment_without_a_lender_goes_to_the_only_agreement():
    a = one(run([agreement()], [{"date": "2027-01-31", "amount": "800"}]))
    assert a["paid"] == "800.00"


def test_bad_input_is_a_chinese_field_error():
    errors = run([agreement()], [pay("2027-01-31", "800", "不存在的机构")])["errors"]
    assert [e["field"] for e in errors] == ["payments.0.lender"]
    assert "没有这家机构" in errors[0]["message"]
    errors = run([agreement(), agreement()])["errors"]
    assert [e["field"] for e in errors] == ["agreements.1.lender"]
    errors = run([agreement(monthly="800", months="12", total="8000")])["errors"]  # < 11 × 800 = 8,800
    assert [e["field"] for e in errors] == ["agreements.0.total"]
    errors = calculators.run("tracker", {"agreements": [{"lender": "招行", "monthly": "八百", "months": "0",
                                                         "first_due": "2027-02-30"}], "as_of": "2027-01-01"})["errors"]
    assert {e["field"] for e in errors} == {"agreements.0.monthly", "agreements.0.months", "agreements.0.first_due"}
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in e["message"]) for e in errors)
    assert {e["field"] for e in calculators.run("tracker", {})["errors"]} == {"agreements", "as_of"}


def test_cannot_pay_near_the_date_warns_and_links_to_the_letter():
    shown = calculators.answer("tracker", calculators.example("tracker", "cannot_pay_soon"))
    warnings = [b["text"] for b in shown["view"] if b["kind"] == "warning"]
    assert any("还不上" in text and "一次还清" in text and "书面" in text for text in warnings)
    links = [b["href"] for b in shown["view"] if b["kind"] == "link"]
    assert any(href.startswith("../letter/?") and "requests=defer" in href for href in links)
    # far from the date: no warning, a quieter sentence
    inputs = dict(calculators.example("tracker", "cannot_pay_soon"), as_of="2027-02-10")  # next 03-10, 28 days
    shown = calculators.answer("tracker", inputs)
    assert not [b for b in shown["view"] if b["kind"] == "warning"]
    assert shown["result"]["agreements"][0]["due_soon"] is False


def test_the_chart_compares_paid_with_agreed():
    shown = calculators.answer("tracker", calculators.example("tracker", "two_agreements"))
    charts = [b for b in shown["view"] if b["kind"] == "chart"]
    assert len(charts) == 2
    first = charts[0]
    # as of 2027-03-01 the chart runs to the next due date, 03-31: agreed 3 × 800 = 2,400; paid 1,600
    assert first["points"][-1][1] == 2400 and first["compare"]["points"][-1][1] == 1600
    assert first["y_top"] == "2,400.00" and first["x_first"] == "2026-12-31" and first["x_last"] == "2027-03-31"
    # days from 2026-12-31: 01-31 is 31, 02-28 is 59, 03-31 is 90; paid on 01-30 (30) and 02-27 (58), then
    # flat to as_of 03-01 (60)
    assert first["points"] == [[0, 0], [31, 800], [59, 1600], [90, 2400]]
    assert first["compare"]["points"] == [[0, 0], [30, 800], [58, 1600], [60, 1600]]
    # done: the whole agreement (5 × 600 = 3,000 to 2027-05-20)
    done = calculators.answer("tracker", calculators.example("tracker", "finished_early"))
    chart = next(b for b in done["view"] if b["kind"] == "chart")
    assert chart["points"][-1][1] == 3000 and chart["x_last"] == "2027-05-20"


def test_the_ics_holds_the_instalments_still_to_pay():
    # 12 × 800 from 01-31; paid 800 + 500 -> next 03-31 with 1,100, then 04-30 … 12-31 at 800.
    a = one(run([agreement()], [pay("2027-01-31", "800"), pay("2027-02-28", "500")]))
    events = list(icalendar.Calendar.from_ical(a["ics"]).walk("VEVENT"))
    dates = [event["DTSTART"].dt for event in events]
    assert dates[0] == datetime.date(2027, 3, 31) and dates[1] == datetime.date(2027, 4, 30)
    assert dates[-1] == datetime.date(2027, 12, 31) and len(events) == 10  # instalments 3 … 12
    assert "1,100.00" in str(events[0]["SUMMARY"]) and "第 3/12 期" in str(events[0]["SUMMARY"])
    assert "800.00" in str(events[1]["SUMMARY"])
    assert len({str(event["UID"]) for event in events}) == 10


def test_the_csv_lists_every_payment_and_defuses_formulas():
    from calculators import tracker

    result = run([agreement()], [pay("2027-01-31", "800", note="=HYPERLINK(1)"), pay("2027-02-28", "800")])
    text = tracker.payments_csv(result)
    lines = text.lstrip("\ufeff").split("\r\n")
    assert lines[0] == '"日期","机构","金额（元）","备注"'
    assert lines[1] == "\"2027-01-31\",\"招行\",\"800.00\",\"'=HYPERLINK(1)\""
    assert lines[2] == '"2027-02-28","招行","800.00",""'


amounts = st.integers(min_value=1, max_value=5_000_00).map(lambda fen: Decimal(fen) / 100)
dates = st.dates(min_value=datetime.date(2026, 1, 1), max_value=datetime.date(2030, 12, 31))


@settings(max_examples=150, deadline=None)
@given(monthly=amounts, months=st.integers(1, 36), first_due=dates, as_of=dates,
       payments=st.lists(st.tuples(dates, amounts), max_size=12), extra=st.integers(0, 1000))
def test_paid_plus_remaining_is_the_total_and_behind_is_never_negative(monthly, months, first_due, as_of, payments,
                                                                       extra):
    total = monthly * months + Decimal(extra) / 100
    result = run([agreement(monthly=str(monthly), months=str(months), first_due=first_due.isoformat(),
                            total=str(total))],
                 [pay(day.isoformat(), str(amount)) for day, amount in payments], as_of=as_of.isoformat())
    a = one(result)
    paid, remaining, overpaid = Decimal(a["paid"]), Decimal(a["remaining"]), Decimal(a["overpaid"])
    assert paid + remaining - overpaid == Decimal(a["total"]) == total
    if overpaid == 0:
        assert paid + remaining == total
    assert Decimal(a["behind"]) >= 0 and Decimal(a["ahead"]) >= 0 and remaining >= 0
    assert Decimal(a["behind"]) - Decimal(a["ahead"]) == Decimal(a["due_so_far"]) - paid
    assert paid == sum((amount for day, amount in payments if day <= as_of), Decimal(0))
    assert (a["status"] == "done") == (paid >= total)
    if a["status"] != "done":
        # what is still to pay, instalment by instalment, adds up to what is left
        assert sum(Decimal(row["amount"]) for row in a["upcoming"]) == remaining
        assert Decimal(a["next_amount"]) >= Decimal(a["behind"]) if a["next_due"] >= as_of.isoformat() else True
        assert Decimal(a["next_amount"]) > 0
    json.dumps(result, allow_nan=False)


def cli(*args):
    done = subprocess.run([sys.executable, "-m", "calculators", *args], capture_output=True, cwd=ROOT, timeout=60)
    return done.returncode, done.stdout.decode("utf-8")


def test_cli_contract():
    inputs = {"agreements": [{"lender": "招行", "monthly": "800", "months": 12, "first_due": "2027-01-31"}],
              "payments": [{"lender": "招行", "date": "2027-01-31", "amount": "800"},
                           {"lender": "招行", "date": "2027-02-28", "amount": "500"}],
              "as_of": "2027-03-01"}
    code, out = cli("tracker", "--json", json.dumps(inputs, ensure_ascii=False))
    assert code == 0
    a = json.loads(out)["agreements"][0]
    assert {"lender", "paid", "due_so_far", "behind", "remaining", "next_due", "next_amount", "status"} <= set(a)
    # hand-worked above: paid 1,300, due 1,600, behind 300, left 8,300, next 03-31 1,100
    assert (a["lender"], a["paid"], a["due_so_far"], a["behind"], a["remaining"], a["next_due"], a["next_amount"],
            a["status"]) == ("招行", "1300.00", "1600.00", "300.00", "8300.00", "2027-03-31", "1100.00", "behind")
    bad = dict(inputs, payments=[{"lender": "花呗", "date": "2027-01-31", "amount": "800"}])
    code, out = cli("tracker", "--json", json.dumps(bad, ensure_ascii=False))
    assert code == 2 and json.loads(out)["errors"][0]["field"] == "payments.0.lender"
    code, out = cli("tracker", "--help")
    assert code == 0 and "first_due" in out and "我的还款协议" in out
    code, out = cli("tracker", "--json", json.dumps(inputs), "--view")
    assert code == 0 and json.loads(out)["view"][0]["kind"] == "headline"


def test_the_action_plan_offers_to_record_each_agreement():
    # each lender's row in 我的协商方案 links to the tracker with lender, monthly and months (tracker.js reads new_*)
    from urllib.parse import parse_qs, urlsplit

    shown = calculators.answer("actionplan", calculators.example("actionplan"))
    asks = shown["result"]["asks"]
    links = [b for b in shown["view"] if b["kind"] == "link" and b["href"].startswith("../tracker/?")]
    assert len(links) == len(asks)
    for ask, link in zip(asks, links):
        assert "记录这份协议" in link["text"]
        query = parse_qs(urlsplit(link["href"]).query)
        assert query["new_lender"] == [ask["lender"]]
        if ask["months"]:
            assert query["new_monthly"] == [ask["monthly"]] and query["new_months"] == [str(ask["months"])]
