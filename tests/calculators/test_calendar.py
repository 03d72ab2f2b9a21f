"""calendar: payment reminders as an iCalendar file. The .ics is read back with `icalendar`
(PyPI, test-only), never with the project's own code; the expected dates and amounts are worked
by hand in the comments."""

import datetime
import json
import subprocess
import sys
from pathlib import Path

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from calculators import calendar

ROOT = Path(__file__).resolve().parents[2]
DAY = datetime.timedelta(days=1)


def parsed(result):
    return icalendar.Calendar.from_ical(result["ics"])


def vevents(result):
    return [component for component in parsed(result).walk("VEVENT")]


def test_interest_free_plan_on_the_31st_falls_on_each_months_last_day():
    # 12,000 interest-free over 12 months: 12,000 / 12 = 1,000.00 a month, due on the 31st,
    # which in 2027's shorter months is the 28th (February) or the 30th.
    result = calculators.run("calendar", calculators.example("calendar", "interest_free_31st"))
    expected_dates = ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31", "2027-06-30",
                      "2027-07-31", "2027-08-31", "2027-09-30", "2027-10-31", "2027-11-30", "2027-12-31"]
    assert [event["date"] for event in result["events"]] == expected_dates
    assert [event["amount"] for event in result["events"]] == ["1000.00"] * 12
    assert result["total"] == "12000.00" and result["count"] == 12
    events = vevents(result)
    assert len(events) == 12
    for event, date in zip(events, expected_dates):
        start = event.decoded("DTSTART")
        assert type(start) is datetime.date and start == datetime.date.fromisoformat(date)  # all-day
        assert event.decoded("DTEND") == start + DAY
        summary = str(event["SUMMARY"])
        assert "招商银行信用卡" in summary and "1,000.00 元" in summary
        alarms = event.walk("VALARM")
        assert len(alarms) == 1 and str(alarms[0]["ACTION"]) == "DISPLAY"
        # two days ahead (the default), at 09:00: 2 × 24 h − 9 h = 39 h before the day starts
        assert alarms[0].decoded("TRIGGER") == -datetime.timedelta(hours=39)
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == 12
    assert [event["uid"] for event in result["events"]] == uids


def test_a_leap_february():
    # due on the 31st from December 2027: January 31st, then February 29th (2028 is a leap year)
    result = calculators.run("calendar", {"lender": "花呗", "principal": "300", "months": "3",
                                          "method": "interest_free", "first_due": "2027-12-31"})
    assert [event["date"] for event in result["events"]] == ["2027-12-31", "2028-01-31", "2028-02-29"]
    assert [event["amount"] for event in result["events"]] == ["100.00"] * 3


def test_a_list_of_payments_with_its_own_reminder_days():
    # 800 + 800 + 1,200 = 2,800.00; reminded 3 days before: the 12th of each month
    result = calculators.run("calendar", calculators.example("calendar", "payments_list"))
    assert result["total"] == "2800.00"
    assert [event["remind_on"] for event in result["events"]] == ["2027-02-12", "2027-03-12", "2027-04-12"]
    events = vevents(result)
    assert [str(event["SUMMARY"]).count("花呗") for event in events] == [1, 1, 1]
    assert "1,200.00 元" in str(events[2]["SUMMARY"])
    # 3 × 24 h − 9 h = 63 h
    assert all(event.walk("VALARM")[0].decoded("TRIGGER") == -datetime.timedelta(hours=63) for event in events)


def test_payments_are_put_in_date_order_and_inferred_without_a_source():
    result = calculators.run("calendar", {"lender": "借呗", "payments": [
        {"date": "2027-03-01", "amount": "500"}, {"date": "2027-01-01", "amount": "300"}, {}]})
    assert result["source"] == "payments"
    assert [(e["date"], e["amount"]) for e in result["events"]] == [("2027-01-01", "300.00"), ("2027-03-01", "500.00")]


def test_equal_payment_plan_amounts():
    # 10,000 at 18% a year over 6 months: r = 1.5%, 10000 × 0.015 / (1 − 1.015^−6) = 1,755.25
    result = calculators.run("calendar", calculators.example("calendar", "equal_payment_rate"))
    assert [e["amount"] for e in result["events"]][:5] == ["1755.25"] * 5
    assert result["events"][0]["date"] == "2027-03-10" and result["events"][-1]["date"] == "2027-08-10"


def test_reminder_on_the_day_and_a_fee_plan():
    # 6,000 over 3 months with a 3% total fee: 6000 × 3% = 180 fee, 60 a month; 2,000 + 60 = 2,060.00
    result = calculators.run("calendar", calculators.example("calendar", "fee_plan"))
    assert [e["amount"] for e in result["events"]] == ["2060.00"] * 3
    assert all(e["remind_on"] == e["date"] for e in result["events"])
    for event in vevents(result):
        assert event.walk("VALARM")[0].decoded("TRIGGER") == datetime.timedelta(hours=9)


def test_uids_are_stable_and_follow_the_agreement_not_the_amount():
    inputs = calculators.example("calendar", "payments_list")
    first, again = calculators.run("calendar", inputs), calculators.run("calendar", inputs)
    assert first["ics"] == again["ics"]  # downloaded again: the same file, byte for byte
    changed = json.loads(json.dumps(inputs))
    changed["payments"][0]["amount"] = "900"
    assert [e["uid"] for e in calculators.run("calendar", changed)["events"]] == [e["uid"] for e in first["events"]]
    other = dict(inputs, lender="借呗")
    assert not {e["uid"] for e in calculators.run("calendar", other)["events"]} & {e["uid"] for e in first["events"]}
    # two payments on one day are two events with two UIDs
    same_day = calculators.run("calendar", {"lender": "花呗", "payments": [
        {"date": "2027-01-05", "amount": "100"}, {"date": "2027-01-05", "amount": "200"}]})
    assert len({e["uid"] for e in same_day["events"]}) == 2


def test_text_is_escaped_and_long_lines_are_folded():
    lender = "银行;分期,中心\\部门\n二部" + "😀" * 12
    result = calculators.run("calendar", {"lender": lender, "payments": [{"date": "2027-01-05", "amount": "100"}]})
    assert "errors" not in result, result
    raw = result["ics"].encode("utf-8")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    event = vevents(result)[0]
    assert lender in str(event["SUMMARY"])  # the parser gives back exactly what was typed
    assert lender in str(event.walk("VALARM")[0]["DESCRIPTION"])


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=0, max_size=400))
def test_folding_keeps_every_line_short_and_unfolds_to_the_text(text):
    folded = calendar.fold(text)
    lines = folded.split("\r\n ")
    assert all(len(line.encode("utf-8")) <= (75 if index == 0 else 74) for index, line in enumerate(lines))
    assert all(len(line.encode("utf-8")) <= 75 for line in ("X" + folded).replace("\r\n", "\n").split("\n")[1:])
    assert "".join(lines) == text


def test_bad_input_names_the_field():
    def fields(inputs):
        return {error["field"] for error in calculators.run("calendar", inputs)["errors"]}

    assert fields({"principal": "1000", "months": "3", "method": "interest_free", "first_due": "2027-01-01"}) == {"lender"}
    assert fields({"lender": "花呗", "principal": "1000", "months": "3", "method": "interest_free"}) == {"first_due"}
    assert fields({"lender": "花呗", "source": "payments"}) == {"payments"}
    assert "remind_days_before" in fields({"lender": "花呗", "payments": [{"date": "2027-01-05", "amount": "1"}],
                                           "remind_days_before": "31"})
    assert fields({"lender": "花呗", "payments": [{"date": "2027-02-30", "amount": "1"}]}) == {"payments.0.date"}


def test_the_command_line_prints_ics_and_events():
    inputs = {"lender": "花呗", "payments": [{"date": "2027-01-05", "amount": "100"}]}
    done = subprocess.run([sys.executable, "-m", "calculators", "calendar", "--json", json.dumps(inputs)],
                          capture_output=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["ics"].startswith("BEGIN:VCALENDAR\r\n") and out["events"][0]["date"] == "2027-01-05"


def test_the_view_offers_the_file_as_a_download():
    shown = calculators.answer("calendar", calculators.example("calendar"))
    block = next(block for block in shown["view"] if block["kind"] == "download")
    assert block["content"] == shown["result"]["ics"]
    assert block["filename"].endswith(".ics") and block["mime"].startswith("text/calendar")
