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


# ---------------------------------------------------------------- issue 23: how an input was read

import datetime  # noqa: E402

import calculators  # noqa: E402

TODAY = datetime.date(2026, 12, 5)


def spec(kind, label="金额", **extra):
    return parsing.field("x", label, "x", kind, **extra)


@pytest.mark.parametrize("kind, typed, said", [
    ("daily_rate", "0.04", "按 0.04%/天 计算"),       # a bare 0.04 in a daily field is 0.04 %, not 4 %
    ("daily_rate", "0.0004", "按 0.04%/天 计算"),     # 0.0004 × 100 = 0.04 (%)
    ("daily_rate", "万分之5", "按 0.05%/天 计算"),     # 5 / 10000 = 0.0005 = 0.05 %
    ("daily_rate", "5‰", None),                       # 5‰ = 0.5 % a day: above the 1 % limit? no, 0.5 % ≤ 1 %
    ("rate", "0.146", "按 14.6%/年 计算"),            # 0.146 × 100 = 14.6 (%)
    ("rate", "18", "按 18%/年 计算"),
    ("rate", "18%", ""),                              # typed as a percentage: literal, no echo
    ("amount", "8千", "按 8,000 元"),                 # 8 × 1000
    ("amount", "1.2万", "按 12,000 元"),              # 1.2 × 10000
    ("amount", "1500+200", "按 1,500 + 200 = 1,700 元"),
    ("amount", "1.2万+500.5", "按 12,000 + 500.50 = 12,500.50 元"),
    ("amount", "8000", ""),
    ("date", "2026/3/5", "按 2026-03-05"),
    ("date", "2026-03-05", ""),
    # 2026-12-05 → 2036-12-03: 10 × 365 + 3 leap days (2028, 2032, 2036) − 2 = 3651 days; ÷ 365.25 ≈ 10
    ("date", "2036-12-03", "2036-12-03 是大约 10 年以后，年份填对了吗？"),
    # 2010-01-01 → 2026-01-01: 16 × 365 + 4 leap days = 5844; + 338 days to 12-05 = 6182; ÷ 365.25 = 16.9 ≈ 17
    ("date", "2010-01-01", "2010-01-01 是大约 17 年前，年份填对了吗？"),
    ("date", "2027-12-01", ""),   # 361 days ahead: a plan's date, no question
])
def test_the_reading_of_each_careless_input(kind, typed, said):
    one = spec(kind)
    found = parsing.readings([one], {"x": typed}, today=TODAY)
    if said is None:  # 5‰ = 0.005 a day: 0.5 %/天, shown since it was not typed as "x%"
        assert found == {"x": "按 0.5%/天 计算"}
    else:
        assert found.get("x", "") == said


def test_sums_are_added():
    assert parsing.parse_amount("1500+200") == Decimal("1700")
    assert parsing.parse_amount("1,500 + 200元") == Decimal("1700")  # spaces and a unit on the last term
    for bad in ("1500+", "+", "1500++200", "1500+abc"):
        with pytest.raises(_Bad):
            parsing.parse_amount(bad)


@pytest.mark.parametrize("typed, about", [("4个月", 120), ("4月", 120), ("1.5个月", 45), ("2年", 730),
                                          ("3周", 21), ("两周", None)])
def test_months_in_a_days_field_are_refused_with_the_days_never_read_as_days(typed, about):
    with pytest.raises(_Bad) as problem:
        parsing.parse_integer(typed, 1, 3650, "例如 30", unit="天")
    if about is not None:  # 4 × 30 = 120, 1.5 × 30 = 45, 2 × 365 = 730, 3 × 7 = 21
        assert f"请换算成天数，约 {about} 天" in str(problem.value)
    assert parsing.parse_integer("45天", 1, 3650, "例如 30", unit="天") == 45
    assert parsing.parse_integer("45日", 1, 3650, "例如 30", unit="天") == 45


def test_a_days_field_of_each_calculator_refuses_months():
    result = calculators.run("penalty", {"product": "huabei", "amount": "8000", "days": "4个月"})
    assert result["errors"] == [{"field": "days", "message": "逾期天数要填天数，不是4个月：请换算成天数，约 120 天"}]
    result = calculators.run("casefile", {"debts": [{"product": "huabei", "amount": "8000", "days": "4个月"}]})
    assert any(e["field"] == "debts.0.days" and "约 120 天" in e["message"] for e in result["errors"])


def test_years_in_a_months_field_are_refused_with_the_months():
    with pytest.raises(_Bad) as problem:
        parsing.parse_integer("2年", 1, 120, "例如 12", unit="月")
    assert "2 年请填 24" in str(problem.value)  # 2 × 12
    assert parsing.parse_integer("12个月", 1, 120, "例如 12", unit="月") == 12
    assert parsing.parse_integer("12期", 1, 120, "例如 12", unit="月") == 12


def test_units_come_from_the_labels():
    assert parsing.unit_of(spec("integer", "逾期天数（天）")) == "天"
    assert parsing.unit_of(spec("integer", "已逾期（天）")) == "天"
    assert parsing.unit_of(spec("integer", "期数（月）")) == "月"
    assert parsing.unit_of(spec("integer", "次数")) is None
    assert parsing.unit_of(spec("amount", "逾期天数（天）")) is None


@pytest.mark.parametrize("typed", ["6225880112345678", "6225 8801 1234 5678", "6225-8801-1234-5678",
                                   "尾号6225880112345678", "12345678"])
def test_a_full_card_number_in_a_last_four_field_is_refused(typed):
    last4 = spec("text", "账户或卡号后四位")
    with pytest.raises(_Bad) as problem:
        parsing.parse_text(typed, last_digits=parsing.is_last_digits(last4))
    assert "只填最后四位" in str(problem.value)
    assert parsing.parse_text("尾号 5678", last_digits=True) == "尾号 5678"
    assert parsing.parse_text("6225880112345678", last_digits=False) == "6225880112345678"  # other text fields


def test_a_full_card_number_never_reaches_the_case_file_result():
    result = calculators.run("casefile", {"debts": [{"product": "credit_card", "amount": "30000",
                                                     "account": "6225880112345678"}]})
    assert [e["field"] for e in result["errors"]] == ["debts.0.account"]
    assert "6225880112345678" not in str(result)


def test_a_monthly_fee_is_multiplied_by_the_periods_and_shown():
    # 0.75 %/月 × 12 期 = 9 % of the principal in fees, the bank's way of quoting an instalment fee
    inputs = {"mode": "fee", "principal": "10000", "periods": "12", "fee_rate": "0.75%/月"}
    total = {**inputs, "fee_rate": "9%"}
    assert calculators.run("apr", inputs) == calculators.run("apr", total)
    shown = calculators.answer("apr", inputs)["readings"]
    assert shown == {"fee_rate": "按 0.75%/月 × 12 期 = 总手续费率 9% 计算"}
    assert calculators.run("apr", {**inputs, "fee_rate": "每期0.75%"}) == calculators.run("apr", total)
    assert parsing.parse_rate("0.75%/月", "fee_rate", periods=24) == (Decimal("0.18"), None)  # 0.0075 × 24


def test_a_monthly_fee_without_periods_says_how_to_convert():
    with pytest.raises(_Bad) as problem:
        parsing.parse_rate("0.75%/月", "fee_rate")
    assert "× 期数" in str(problem.value) and "0.75%/月 × 12 期 = 9%" in str(problem.value)
    with pytest.raises(_Bad) as problem:
        parsing.parse_rate("1.5%/月", "rate")
    assert "× 12" in str(problem.value)


def test_an_annual_rate_in_a_daily_field_says_how_to_convert():
    with pytest.raises(_Bad) as problem:
        parsing.parse_rate("14.6%", "daily_rate")
    assert "年利率 14.6% ÷ 365 ≈ 0.04%/天" in str(problem.value)  # 0.146 / 365 = 0.0004


def test_answer_returns_the_readings_beside_the_view_also_with_errors():
    good = calculators.answer("penalty", {"product": "custom", "amount": "8千", "days": "45", "daily_rate": "0.04"})
    assert good["readings"] == {"amount": "按 8,000 元", "daily_rate": "按 0.04%/天 计算"}
    # 8000 × 0.0004 × 45 = 144.00: the figure uses the reading shown
    assert good["result"]["penalty"] == "144.00"
    bad = calculators.answer("penalty", {"product": "custom", "amount": "8千", "days": "4个月", "daily_rate": "x"})
    assert "errors" in bad["result"] and bad["readings"] == {"amount": "按 8,000 元"}
    assert calculators.answer("penalty", None)["readings"] == {}
    assert calculators.readings("nope", {}) == {}


def test_a_margin_too_large_is_not_called_a_share_of_the_principal():
    result = calculators.run("budget", {"incomes": [{"label": "工资", "amount": "6000"}], "buffer": "150%"})
    (error,) = [e for e in result["errors"] if e["field"] == "buffer"]
    assert "本金" not in error["message"] and "8.8%" not in error["message"]
    assert "占每月余钱" in error["message"]
    fee = calculators.run("apr", {"mode": "fee", "principal": "1万", "periods": "12", "fee_rate": "200%"})
    assert "本金的 100%" in fee["errors"][0]["message"]  # the total fee rate is a share of the principal
