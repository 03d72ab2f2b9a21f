"""Every spelling the guide promises is read the same way; every bad one gets a Chinese message."""

from decimal import Decimal

import pytest

from calculators import parsing
from calculators.parsing import _Bad

ACCEPTED_AMOUNTS = [
    ("10000", "10000"), ("10,000", "10000"), ("１０，０００", "10000"), ("１０,０００．５", "10000.5"),
    ("1.2万", "12000"), ("3千", "3000"), ("¥5000", "5000"), ("￥5000", "5000"), ("5000元", "5000"),
    ("  5000  ", "5000"), ("1.2万元", "12000"), ("人民币5000", "5000"), ("5k", "5000"), ("0.5", "0.5"),
    ("1,234,567.89", "1234567.89"), (5000, "5000"), (5000.5, "5000.5"), ("1000000000", "1000000000"),
    ("\u30005000\u3000", "5000"),
]


@pytest.mark.parametrize("typed, expected", ACCEPTED_AMOUNTS)
def test_amount_spellings(typed, expected):
    assert parsing.parse_amount(typed) == Decimal(expected)


REJECTED_AMOUNTS = [
    ("-5000", "负数"), ("abc", "看不懂"), ("NaN", "看不懂"), ("nan", "看不懂"), ("inf", "看不懂"),
    ("Infinity", "看不懂"), ("1e309", "看不懂"), ("1e3", "看不懂"), ("1000000000.01", "10 亿"),
    ("20亿", "10 亿"), ("0", "大于 0"), ("0.001", "两位小数"), ("1,00", "逗号"), ("12,34,567", "逗号"),
    ("x" * 10_000, "太长"), (float("nan"), "看不懂"), (float("inf"), "看不懂"), (True, "是/否"),
    ([1, 2], "一个值"), ({"a": 1}, "一个值"), ("5000美元", "看不懂"), ("五千", "看不懂"),
]


@pytest.mark.parametrize("typed, words", REJECTED_AMOUNTS)
def test_amount_rejections_say_what_is_wrong(typed, words):
    with pytest.raises(_Bad) as problem:
        parsing.parse_amount(typed)
    assert words in str(problem.value)


def test_blank_amount_is_none_and_zero_allowed_where_asked():
    assert parsing.parse_amount("  ") is None
    assert parsing.parse_amount(None) is None
    assert parsing.parse_amount("0", allow_zero=True) == 0


RATES = [
    # (kind, typed, fraction, ambiguous?)
    ("rate", "18%", "0.18", False), ("rate", "0.18", "0.18", False), ("rate", "18", "0.18", True),
    ("rate", "１８％", "0.18", False), ("rate", "年化18%", "0.18", False), ("rate", "百分之十八", "0.18", False),
    ("rate", "0%", "0", False), ("rate", "7.3%", "0.073", False),
    ("fee_rate", "2.5%", "0.025", False), ("fee_rate", "0.025", "0.025", False), ("fee_rate", "8.8", "0.088", True),
    ("daily_rate", "0.05%", "0.0005", False), ("daily_rate", "万分之五", "0.0005", False),
    ("daily_rate", "万分之5", "0.0005", False), ("daily_rate", "0.0005", "0.0005", False),
    ("daily_rate", "日0.05%", "0.0005", False), ("daily_rate", "0.05", "0.0005", True),
    ("daily_rate", "万分之二点五", "0.00025", False), ("daily_rate", "0.5‰", "0.0005", False),
    ("daily_rate", "万分之十五", "0.0015", False),
]


@pytest.mark.parametrize("kind, typed, fraction, ambiguous", RATES)
def test_rate_spellings(kind, typed, fraction, ambiguous):
    value, note = parsing.parse_rate(typed, kind)
    assert value == Decimal(fraction)
    assert (note is not None) == ambiguous


REJECTED_RATES = [
    ("rate", "abc", "看不懂"), ("rate", "-5%", "负数"), ("rate", "150%", "100%"), ("rate", "NaN", "看不懂"),
    ("rate", "日0.05%", "日利率"), ("rate", "月1%", "月利率"), ("daily_rate", "5%", "1%/天"),
    ("daily_rate", "5", "1%/天"), ("daily_rate", "年18%", "年利率"), ("daily_rate", "万分之abc", "看不懂"),
    ("fee_rate", "200%", "100%"), ("fee_rate", "inf", "看不懂"),
]


@pytest.mark.parametrize("kind, typed, words", REJECTED_RATES)
def test_rate_rejections(kind, typed, words):
    with pytest.raises(_Bad) as problem:
        parsing.parse_rate(typed, kind)
    assert words in str(problem.value)


def test_ambiguous_rate_adds_a_note_through_run():
    import calculators

    result = calculators.run("plan", {"principal": "10000", "months": "12", "annual_rate": "18"})
    assert result["apr"] == "0.180000"
    assert any("18%" in note and "理解" in note for note in result["notes"])


@pytest.mark.parametrize("typed, expected", [("30", 30), ("30天", 30), ("12期", 12), ("12个月", 12),
                                             ("１２", 12), (12, 12), (12.0, 12)])
def test_integer_spellings(typed, expected):
    assert parsing.parse_integer(typed, 1, 120, "例如 12") == expected


@pytest.mark.parametrize("typed, words", [("0", "1 到 120"), ("121", "1 到 120"), ("1.5", "整数"),
                                          ("-3", "负数"), ("十二", "整数"), ("9" * 50, "整数")])
def test_integer_rejections(typed, words):
    with pytest.raises(_Bad) as problem:
        parsing.parse_integer(typed, 1, 120, "例如 12")
    assert words in str(problem.value)


@pytest.mark.parametrize("typed", ["2026-01-05", "2026/1/5", "2026.1.5", "2026年1月5日", "２０２６-０１-０５"])
def test_date_spellings(typed):
    import datetime

    assert parsing.parse_date(typed) == datetime.date(2026, 1, 5)


@pytest.mark.parametrize("typed", ["2026-02-30", "05/01/2026", "tomorrow", "1999-01-01"])
def test_date_rejections(typed):
    with pytest.raises(_Bad):
        parsing.parse_date(typed)


def test_choice_accepts_value_or_chinese_label():
    choices = (("huabei", "花呗"), ("custom", "其他（自己填日利率）"))
    assert parsing.parse_choice("huabei", choices) == "huabei"
    assert parsing.parse_choice(" 花呗 ", choices) == "huabei"
    assert parsing.parse_choice("其他", choices) == "custom"
    with pytest.raises(_Bad) as problem:
        parsing.parse_choice("alipay", choices)
    assert "花呗" in str(problem.value)


def test_all_field_errors_are_collected_at_once():
    import calculators

    result = calculators.run("plan", {"principal": "-1", "months": "0", "method": "equal_payment", "annual_rate": "x"})
    fields = [error["field"] for error in result["errors"]]
    assert fields == ["principal", "months", "annual_rate"]
    assert result["errors"][0]["message"].startswith("本金")


def test_required_message_names_the_field_and_gives_an_example():
    import calculators

    result = calculators.run("penalty", {"product": "huabei", "days": "3"})
    assert result == {"errors": [{"field": "amount", "message": "请输入逾期金额，例如 5000 或 1.2万",
                                  "missing": True, "label": "逾期金额"}]}


def test_a_field_required_by_a_choice_says_which_choice():
    import calculators

    result = calculators.run("penalty", {"product": "jiebei", "amount": "2万", "days": "3"})
    assert result["errors"] == [{"field": "daily_rate", "message": "请输入日利率（选“借呗”时必填），例如 0.05% 或 万分之五",
                                 "missing": True, "label": "日利率（选“借呗”时必填）"}]
    rows = calculators.run("debts", {"debts": [{"amount": "20000"}], "monthly_available": "2000"})
    assert [error["label"] for error in rows["errors"]] == ["欠款列表第 1 项的日利率（选“其他”时必填）"]


def test_a_wrong_value_is_not_marked_missing():
    import calculators

    result = calculators.run("penalty", {"product": "huabei", "amount": "abc", "days": "3"})
    assert "missing" not in result["errors"][0]


def test_list_errors_name_the_row_and_blank_rows_are_skipped():
    import calculators

    result = calculators.run("apr", {"principal": "1000", "payments": [{"amount": "600"}, {"amount": ""},
                                                                      {"amount": "x"}, "abc"]})
    assert [error["field"] for error in result["errors"]] == ["payments.2.amount", "payments.3.amount"]
    ok = calculators.run("apr", {"principal": "1000", "payments": [{"amount": "600"}, {"amount": ""}, "600"]})
    assert ok["periods"] == 2
