"""The rules file: every key the guide cites exists with facts.md's value and status."""

from decimal import Decimal

import pytest

from calculators import rules

D = Decimal
EXPECTED = {  # key: (value, unit, status) as in /work/shared/facts.md
    "huabei.overdue_daily_rate": (D("0.0005"), "per_day", "commonly_reported"),
    "huabei.grace_days": (D(0), "days", "unverified"),
    "huabei.installment_fees": ({3: D("0.025"), 6: D("0.045"), 9: D("0.065"), 12: D("0.088")}, "fee_table", "commonly_reported"),
    "huabei.minimum_payment_ratio": (D("0.10"), "fraction", "commonly_reported"),
    "jiebei.penalty_multiplier": (D("1.5"), "multiplier", "unverified"),
    "jiebei.daily_rate_range": ((D("0.0002"), D("0.0005")), "range_per_day", "unverified"),
    "wangshangdai.penalty_multiplier": (D("1.5"), "multiplier", "commonly_reported"),
    "baitiao.overdue_daily_rate": (D("0.0003"), "per_day", "commonly_reported"),
    "baitiao.installment_monthly_fee": (D("0.005"), "per_month", "commonly_reported"),
    "jintiao.overdue_daily_rate": (D("0.0006"), "per_day", "commonly_reported"),
    "jintiao.overdue_daily_rate_range": ((D("0.0006"), D("0.0015")), "range_per_day", "commonly_reported"),
    "weilidai.daily_rate_range": ((D("0.0002"), D("0.0005")), "range_per_day", "commonly_reported"),
    "weilidai.penalty_multiplier": (D("1.5"), "multiplier", "commonly_reported"),
    "credit_card.daily_interest_rate": (D("0.0005"), "per_day", "news"),
    "credit_card.late_fee_rate": (D("0.05"), "fraction", "commonly_reported"),
    "credit_card.minimum_payment_ratio": (D("0.10"), "fraction", "unverified"),
    "credit_card.personalised_instalment_max_months": (D(60), "months", "news"),
    "law.lpr_one_year": (D("0.030"), "per_year", "news"),
    "law.private_lending_cap": (D("0.12"), "per_year", "computed"),
    "law.licensed_lender_court_line": (D("0.24"), "per_year", "news"),
    "law.judgment_delay_daily_rate": (D("0.000175"), "per_day", "law"),
    "law.limitation_years": (D(3), "years", "law"),
    "credit_report.negative_record_years": (D(5), "years", "law"),
    "credit_report.free_reports_per_year": (D(2), "times_per_year", "law"),
    "credit_report.objection_reply_days": (D(20), "days", "law"),
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_required_rules_match_facts(key):
    value, unit, status = EXPECTED[key]
    rule = rules.get(key)
    assert (rule["value"], rule["unit"], rule["status"]) == (value, unit, status)
    assert rule["source"] and rule["checked"] >= "2026-11-25"  # facts.md compiled then; some re-checked since


def test_every_rule_is_well_formed():
    for key, rule in rules.all_rules().items():
        assert rule["status"] in rules.STATUS_WORDS, key
        assert rule["unit"] in rules.UNITS, key
        assert len(rule["checked"]) == 10 and rule["checked"][4] == "-", key
        rules.format_value(key)
        rules.format_citation(key)


@pytest.mark.parametrize("key, shown", [
    ("huabei.overdue_daily_rate", "0.05%/天"),
    ("huabei.overdue_annual_simple", "18.25%/年"),
    ("huabei.minimum_payment_ratio", "10%"),
    ("jiebei.penalty_multiplier", "1.5 倍"),
    ("huabei.grace_days", "0 天"),
    ("credit_card.personalised_instalment_max_months", "60 个月"),
    ("credit_report.negative_record_years", "5 年"),
    ("huabei.installment_fees", "3期 2.5%、6期 4.5%、9期 6.5%、12期 8.8%"),
    ("jiebei.daily_rate_range", "0.02%–0.05%/天"),
    ("law.judgment_delay_daily_rate", "0.0175%/天"),
    ("law.private_lending_cap", "12%/年"),
    ("credit_report.free_reports_per_year", "每年 2 次"),
])
def test_format_value(key, shown):
    assert rules.format_value(key) == shown


def test_format_citation_has_status_source_and_date():
    # 花呗's rate is found only on SEO pages: a reader is told so, and the addresses stay for maintainers
    assert rules.format_citation("huabei.overdue_daily_rate") == "常见说法：只见于网络文章，未找到官方来源；核对于 2026-11-25"
    assert rules.maintainer_citation("huabei.overdue_daily_rate").startswith("常见说法，未经官方核实；来源：en.4hw.com.cn")
    assert rules.format_citation("law.limitation_years") == "法律条文；来源：民法典 第一百八十八条；核对于 2026-11-25"


def test_no_answer_shows_readers_an_seo_address():
    import json

    import calculators

    for name in calculators.CALCULATORS:
        for inputs in calculators.module(name).EXAMPLES.values():
            text = json.dumps(calculators.answer(name, inputs), ensure_ascii=False)
            assert not [domain for domain in rules.WEAK_DOMAINS if domain in text], (name, inputs)


def test_unknown_key_is_a_key_error():
    with pytest.raises(KeyError):
        rules.get("huabei.no_such_rule")
    with pytest.raises(KeyError):
        rules.format_value("nothing")


def test_get_returns_a_copy():
    rules.get("huabei.installment_fees")["value"][3] = D(1)
    assert rules.value("huabei.installment_fees")[3] == D("0.025")


def test_derived_rules_agree_with_their_inputs():
    assert rules.value("law.private_lending_cap") == 4 * rules.value("law.lpr_one_year")
    assert rules.value("huabei.overdue_annual_simple") == rules.value("huabei.overdue_daily_rate") * 365


def test_stated_huabei_12_period_apr_agrees_with_the_apr_calculator():
    import calculators

    fee = rules.value("huabei.installment_fees")[12]
    result = calculators.run("apr", {"principal": "10000", "periods": "12", "fee_rate": str(fee)})
    assert abs(D(result["apr"]) - rules.value("huabei.installment_apr_12")) < D("0.0005")


def test_bad_rule_files_are_refused(tmp_path, monkeypatch):
    bad = tmp_path / "product_rules.toml"
    for text, words in [
        ('[a]\n[a.b]\nvalue="x"\nunit="per_day"\nstatus="law"\nsource="s"\n', "not a decimal"),
        ('[a]\n[a.b]\nvalue="1"\nunit="weekly"\nstatus="law"\nsource="s"\n', "unknown unit"),
        ('[a]\n[a.b]\nvalue="1"\nunit="days"\nstatus="rumour"\nsource="s"\n', "unknown status"),
        ('[a]\n[a.b]\nvalue="1"\nunit="days"\nstatus="law"\n', "no 'source'"),
    ]:
        bad.write_text(text, encoding="utf-8")
        monkeypatch.setattr(rules, "__file__", str(bad))
        monkeypatch.setattr(rules, "_cache", {})
        with pytest.raises(ValueError, match=words):
            rules.all_rules()
