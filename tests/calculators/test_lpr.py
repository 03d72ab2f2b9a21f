"""The private-lending cap by the LPR on the day a contract was signed (民间借贷规定 2020 §25, §31).

References that do not come from the code: the announcement rule (the 20th, or the next working day),
the news figures facts.md records (2020-08: 4 × 3.85% = 15.4%; 2025-12-22: 3.0%), dates worked by hand
around an announcement, and a day-by-day walk through the history as a second method.
"""

import datetime
import subprocess
import sys
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from calculators import legal, rules

run = calculators.run
day = datetime.date.fromisoformat


def test_every_change_was_announced_on_the_20th_or_the_next_working_day():
    for announced in rules.value(legal.HISTORY_KEY):
        assert announced.day >= 20 and announced.weekday() < 5, announced
        skipped = [datetime.date(announced.year, announced.month, d) for d in range(20, announced.day)]
        assert all(d.weekday() >= 5 for d in skipped), announced


def test_the_news_figures_of_facts_md():
    assert legal.lpr_on(day("2020-08-20"))[1] * 4 == D("0.154")
    assert legal.lpr_on(day("2025-12-22"))[1] == D("0.030")


def test_the_history_moves_only_in_steps_of_5_basis_points_or_more_and_starts_in_august_2019():
    history = rules.value(legal.HISTORY_KEY)
    assert min(history) == day("2019-08-20")  # §25: "自 2019 年 8 月 20 日起每月发布"
    rates = list(history.values())
    assert all(a != b and abs(a - b) % D("0.0005") == 0 for a, b in zip(rates, rates[1:]))


def test_the_current_values_in_the_rules_file_agree_with_the_history():
    assert rules.value(legal.LPR_KEY) == legal.latest_lpr()[1]
    assert rules.value(legal.CAP_KEY) == 4 * legal.latest_lpr()[1]
    assert rules.get(legal.HISTORY_KEY)["through"] >= legal.latest_lpr()[0]


@pytest.mark.parametrize("signed, lpr, announced", [
    ("2019-08-19", None, None),            # before the first LPR
    ("2020-04-19", "0.0405", "2020-02-20"),
    ("2020-04-20", "0.0385", "2020-04-20"),  # the day of an announcement takes that day's value
    ("2024-10-20", "0.0335", "2024-07-22"),  # a Sunday: October's value came on Monday the 21st
    ("2024-10-21", "0.0310", "2024-10-21"),
    ("2026-11-30", "0.0300", "2025-05-20"),
])
def test_lpr_in_force_on_a_day(signed, lpr, announced):
    found = legal.lpr_on(day(signed))
    assert found == (None if lpr is None else (day(announced), D(lpr)))


def _walk():
    """A second method: the LPR of every day from 2019-08-20 to 2027-01-01, day by day."""
    history = rules.value(legal.HISTORY_KEY)
    current, today, days = None, day("2019-08-20"), {}
    while today <= day("2027-01-01"):
        current = history.get(today, current)
        days[today] = current
        today += datetime.timedelta(days=1)
    return days


WALK = _walk()


@settings(max_examples=200)
@given(st.dates(min_value=day("2019-08-20"), max_value=day("2027-01-01")))
def test_lpr_on_agrees_with_a_day_by_day_walk(signed):
    assert legal.lpr_on(signed)[1] == WALK[signed]


def test_the_rule_that_applies_depends_on_2020_08_20():
    assert legal.private_lending_cap(day("2020-08-19"))["rule"] == "transition"
    at = legal.private_lending_cap(day("2020-08-20"))
    assert (at["rule"], at["cap"]) == ("at_signing", D("0.154"))
    assert legal.private_lending_cap(None)["rule"] == "unknown_date"
    # §31: from 2020-08-20 an older contract is capped at 4 × the LPR when the suit is filed
    assert legal.private_lending_cap(day("2019-01-01"))["cap"] == 4 * rules.value(legal.LPR_KEY)


def test_a_contract_signed_after_the_next_unchecked_announcement_is_flagged():
    through = rules.get(legal.HISTORY_KEY)["through"]
    assert through == day("2026-08-20")
    assert not legal.private_lending_cap(day("2026-09-19"))["beyond_table"]
    flagged = legal.private_lending_cap(day("2026-09-20"))
    assert flagged["beyond_table"]
    assert "只核对到 2026-08-20" in legal.private_lending_sentence(D("0.2"), day("2026-09-20"))


def test_penalty_private_loan_uses_the_lpr_when_it_was_signed():
    inputs = {"product": "custom", "amount": "50000", "days": "60", "daily_rate": "0.04%"}  # 14.6% a year
    signed_2021 = run("penalty", dict(inputs, signed_on="2021-03-05"))
    signed_2025 = run("penalty", dict(inputs, signed_on="2025-06-01"))
    assert signed_2021["private_lending"] == {
        "rule": "at_signing", "cap": "0.154000", "lpr": "0.038500", "lpr_from": "2020-04-20",
        "signed_on": "2021-03-05", "beyond_table": False, "court_limit": "1265.75"}  # 50,000 × 15.4 % × 60 ÷ 365
    assert signed_2025["private_lending"]["cap"] == "0.120000"
    note_2021 = next(n for n in signed_2021["notes"] if "民间借贷" in n)
    note_2025 = next(n for n in signed_2025["notes"] if "民间借贷" in n)
    assert "3.85%" in note_2021 and "15.4%" in note_2021 and "这笔没有超过" in note_2021
    assert "4 倍是 12%" in note_2025 and "这笔超过了" in note_2025


def test_penalty_without_the_date_asks_for_it_and_licensed_products_have_no_cap():
    result = run("penalty", {"product": "custom", "amount": "1000", "days": "10", "daily_rate": "0.05%"})
    assert result["private_lending"]["rule"] == "unknown_date"
    assert any("填上合同签订日期" in note for note in result["notes"])
    huabei = run("penalty", {"product": "huabei", "amount": "1000", "days": "10", "signed_on": "2021-03-05"})
    assert huabei["private_lending"] is None  # the field is not shown for a licensed product
    assert not any("民间借贷" in note for note in huabei["notes"])


def test_apr_with_a_signing_date_always_compares_and_without_only_above_todays_cap():
    low = {"mode": "payments", "principal": "12000", "payments": [{"amount": "1050"}] * 12}  # ≈ 8.3 %
    assert not any("民间借贷" in n for n in run("apr", low)["notes"])
    dated = run("apr", dict(low, signed_on="2022-09-01"))
    assert dated["private_lending"]["cap"] == "0.146000"  # 4 × 3.65 %
    assert any("这笔没有超过" in n and "14.6%" in n for n in dated["notes"])
    older = run("apr", dict(low, signed_on="2020-06-15"))
    note = next(n for n in older["notes"] if "民间借贷" in n)
    assert older["private_lending"]["rule"] == "transition"
    assert "2020-08-19" in note and "起诉时" in note and "第三十一条" in note


@pytest.mark.parametrize("calculator, inputs", [
    ("penalty", {"product": "custom", "amount": "1000", "days": "10", "daily_rate": "0.05%"}),
    ("apr", {"principal": "10000", "periods": "12", "fee_rate": "8.8%"}),
])
@pytest.mark.parametrize("signed_on, words", [("2026-02-30", "没有这一天"), ("去年", "2026-01-05"),
                                              ("1999-05-01", "2000 到 2100")])
def test_bad_signing_dates_get_a_message_on_the_field_and_exit_2(calculator, inputs, signed_on, words):
    import json

    done = subprocess.run([sys.executable, "-m", "calculators", calculator, "--json",
                           json.dumps(dict(inputs, signed_on=signed_on))], capture_output=True, text=True)
    assert done.returncode == 2
    errors = json.loads(done.stdout)["errors"]
    assert [e["field"] for e in errors] == ["signed_on"] and words in errors[0]["message"]


@pytest.mark.parametrize("text, words", [
    ('[a]\n[a.b]\nunit="dated_per_year"\nstatus="law"\nsource="s"\n[a.b.value]\n"2020-01-01"="0.03"\n',
     "through"),
    ('[a]\n[a.b]\nunit="dated_per_year"\nthrough="2020-01-01"\nstatus="law"\nsource="s"\n'
     '[a.b.value]\n"2020-02-30"="0.03"\n', "dates are written"),
    ('[a]\n[a.b]\nunit="dated_per_year"\nthrough="2019-01-01"\nstatus="law"\nsource="s"\n'
     '[a.b.value]\n"2020-01-01"="0.03"\n', "before the last change"),
    ('[a]\n[a.b]\nunit="dated_per_year"\nthrough="2020-01-01"\nstatus="law"\nsource="s"\nvalue="0.03"\n',
     "dated_per_year value is a table"),
])
def test_bad_dated_rules_are_refused(tmp_path, monkeypatch, text, words):
    bad = tmp_path / "product_rules.toml"
    bad.write_text(text, encoding="utf-8")
    monkeypatch.setattr(rules, "__file__", str(bad))
    monkeypatch.setattr(rules, "_cache", {})
    with pytest.raises(ValueError, match=words):
        rules.all_rules()


def test_the_most_a_court_supports_of_a_private_loans_overdue_charges():
    # 50,000 × 15.4 % × 60 ÷ 365 = 1,265.753… by hand; the loan's own 0.06 % a day gives 1,800
    result = run("penalty", {"product": "custom", "amount": "5万", "days": "60", "daily_rate": "0.06%",
                             "signed_on": "2021-03-05"})
    assert result["penalty"] == "1800.00" and result["private_lending"]["court_limit"] == "1265.75"
    assert "多 534.25 元" in result["notes"][-1] and "不支持" in result["notes"][-1]
    # no limit where the cap is not the one at signing: no date, or a contract before 2020-08-20
    for signed in (None, "2020-06-01"):
        inputs = {"product": "custom", "amount": "5万", "days": "60", "daily_rate": "0.06%"}
        if signed:
            inputs["signed_on"] = signed
        assert run("penalty", inputs)["private_lending"]["court_limit"] is None


@settings(max_examples=60)
@given(amount=st.integers(100, 10_000_000), days=st.integers(1, 3650),
       rate=st.decimals(D("0.0001"), D("0.003"), places=5),
       signed=st.dates(min_value=day("2020-08-20"), max_value=day("2026-08-20")))
def test_charges_are_above_the_court_limit_exactly_when_their_rate_is_above_the_cap(amount, days, rate, signed):
    result = run("penalty", {"product": "custom", "amount": str(amount), "days": str(days),
                             "daily_rate": str(rate), "signed_on": signed.isoformat()})
    cap = legal.private_lending_cap(signed)["cap"]
    over = D(result["penalty"]) - D(result["private_lending"]["court_limit"])
    # both are rounded to the fen on their own: a cent either way at the boundary
    assert over >= D("-0.01") if rate * 365 > cap else over <= D("0.01")
    assert ("多出的部分法院不支持" in result["notes"][-1]) == (over > 0)
    assert ("这笔超过了" in next(n for n in result["notes"] if "民间借贷：合同" in n)) == (rate * 365 > cap)
