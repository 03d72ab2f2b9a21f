"""budget and debts: hand arithmetic, verdicts, and the allocation summing exactly."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
import strategies as s

run = calculators.run


def items(*amounts):
    return [{"label": f"项{i}", "amount": str(a)} for i, a in enumerate(amounts)]


def test_budget_nothing_left_puts_living_costs_first():
    result = run("budget", {"incomes": items(3000), "essentials": items(2000, 1500), "debt_amount": "8000",
                            "annual_rate": "18%"})
    assert (result["available"], result["shortfall"]) == ("0.00", "500.00")
    assert "基本生活" in result["verdict"] and "停息挂账" in result["verdict"] and "延期" in result["verdict"]
    assert all(plan["months"] is None and not plan["fits"] for plan in result["fitting_plans"])


def test_budget_shortest_fitting_plans_use_plan_maths():
    result = run("budget", {"incomes": items(8000), "essentials": items(3000), "other_debts": items(1000),
                            "debt_amount": "1万", "annual_rate": "18%", "fee_rate": "8.8%"})
    # 4000 a month left, less the 10% buffer: every plan listed fits 3600 (the budget keeps its own buffer)
    assert (result["available"], result["proposal"]["most_per_month"]) == ("4000.00", "3600.00")
    by_method = {plan["method"]: plan for plan in result["fitting_plans"]}
    assert by_method["interest_free"]["months"] == 3  # 10000 / 3600 -> 3 months (3333.34 at most)
    for method, plan in by_method.items():
        months = plan["months"]
        inputs = {"principal": "10000", "months": months, "method": method, "annual_rate": "18%", "fee_rate": "8.8%"}
        fits = run("plan", inputs)
        assert Decimal(fits["max_payment"]) <= 3600 and Decimal(plan["max_payment"]) <= 3600
        if months > 1:
            shorter = run("plan", dict(inputs, months=months - 1))
            assert Decimal(shorter["max_payment"]) > 3600


def test_budget_long_plans_mention_the_60_month_card_limit():
    result = run("budget", {"incomes": items(1000), "debt_amount": "70000"})
    plan = result["fitting_plans"][0]
    assert plan["months"] == 78 and "60" in plan["note"]  # 70000 / (1000 less 10%) = 77.8 -> 78
    none_fit = run("budget", {"incomes": items(100), "debt_amount": "70000"})  # 90 a month: > 120 months
    assert none_fit["fitting_plans"][0]["months"] is None and "120" in none_fit["verdict"]


@settings(max_examples=40, deadline=None)
@given(st.lists(s.small_amounts, min_size=1, max_size=5), st.lists(s.small_amounts, max_size=5),
       st.lists(s.small_amounts, max_size=5))
def test_budget_totals(incomes, essentials, others):
    result = run("budget", {"incomes": items(*incomes), "essentials": items(*essentials), "other_debts": items(*others)})
    left = sum(incomes, Decimal(0)) - sum(essentials, Decimal(0)) - sum(others, Decimal(0))
    assert Decimal(result["available"]) == max(left, 0)
    assert Decimal(result["shortfall"]) == max(-left, 0)


def test_debts_order_reasons_and_criminal_line():
    result = run("debts", {"debts": [
        {"label": "花呗", "product": "huabei", "amount": "5000", "days": "30"},
        {"label": "招行卡", "product": "credit_card", "amount": "60000", "days": "100", "daily_rate": "0.05%"},
        {"label": "网贷", "product": "custom", "amount": "2000", "days": "10", "daily_rate": "0.1%"},
    ], "monthly_available": "1000"})
    assert result["order"] == [1, 2, 0]  # the card at the criminal line first, then the dearest
    card = result["debts"][1]
    assert card["criminal_risk"] and "恶意透支" in card["reason"] and result["criminal_risk"]
    assert any("刑法 第一百九十六条" in text for text in result["warnings"])
    assert "最贵" in result["debts"][2]["reason"]
    # 2000 + 2000 × 0.1% × 10 = 2020 ; 5000 + 75 = 5075 ; the card by card rules (issue 13), no dates
    # given: the high end of the range, posted a month before a 5 Jan statement due 20 days later,
    # 100 days past the due date, from test_card's day-by-day simulation (not the module)
    import datetime

    from test_card import fen, simulate

    due = datetime.date(2026, 1, 25)
    card_cost = fen(sum(simulate(Decimal(60000), datetime.date(2026, 1, 5), due, datetime.date(2025, 12, 5), [],
                                 due + datetime.timedelta(days=100))))
    assert Decimal(result["total_owed_now"]) == 2020 + 5075 + 60000 + card_cost
    assert Decimal(card["penalty_low"]) < card_cost == Decimal(card["penalty_high"])
    assert card_cost > 60000 * Decimal("0.0005") * 100 + 4 * 300  # more than the old simple 4,200


def test_a_cards_days_come_from_its_dates_and_typed_days_that_disagree_are_named():
    # 20,000 on a card, statement 5 Jan, due 25 Jan, counted to 25 Apr: 90 days past the due date
    dated = {"product": "credit_card", "amount": "20000", "statement_date": "2026-01-05", "due_date": "2026-01-25"}
    result = run("debts", {"debts": [dated], "as_of": "2026-04-25", "monthly_available": "20000"})
    debt = result["debts"][0]
    assert debt["days"] == 90 and debt["days_from"] == "dates"
    assert debt["penalty_low"] == "1788.93"  # worked by hand in test_card.py
    typed = run("debts", {"debts": [dict(dated, days="120")], "as_of": "2026-05-10", "monthly_available": "2000"})
    assert typed["errors"][0]["field"] == "debts.0.days"
    assert "120 天" in typed["errors"][0]["message"] and "105 天" in typed["errors"][0]["message"]  # 25 Jan → 10 May
    same = run("debts", {"debts": [dict(dated, days="105")], "as_of": "2026-05-10", "monthly_available": "2000"})
    assert "errors" not in same


def test_malicious_overdraft_amounts_on_several_cards_are_added():
    # two cards of 30,000 each, both 100 days overdue: 60,000 together crosses the 50,000 line
    result = run("debts", {"debts": [{"product": "credit_card", "amount": "30000", "days": "100"},
                                     {"product": "credit_card", "amount": "30000", "days": "100"},
                                     {"product": "credit_card", "amount": "30000", "days": "30"}],
                           "monthly_available": "1000"})
    assert [d["criminal_risk"] for d in result["debts"]] == [True, True, False]
    assert any("合计 60,000.00 元" in text for text in result["warnings"])
    alone = run("debts", {"debts": [{"product": "credit_card", "amount": "30000", "days": "100"}],
                          "monthly_available": "1000"})
    assert alone["debts"][0]["criminal_risk"] is False


def test_debts_tie_goes_to_the_smaller_balance():
    result = run("debts", {"debts": [
        {"product": "custom", "amount": "9000", "days": "1", "daily_rate": "0.05%"},
        {"product": "custom", "amount": "1000", "days": "1", "daily_rate": "0.05%"},
    ], "monthly_available": "500"})
    assert result["order"] == [1, 0]
    # each overdue debt's floor: max(100, 1% of 9000 = 90) = 100 and 100; the rest 300 to the smaller one
    assert [a["amount"] for a in result["allocation"]] == ["400.00", "100.00"]


def test_debts_allocation_caps_at_what_is_owed():
    result = run("debts", {"debts": [{"product": "custom", "amount": "100", "days": "0", "daily_rate": "0.05%"}],
                           "monthly_available": "250"})
    assert (result["allocated_total"], result["unallocated"]) == ("100.00", "150.00")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(s.products, s.amounts, st.integers(0, 400), s.daily_rates), min_size=1, max_size=10),
       st.decimals(min_value=0, max_value=200000, places=2))
def test_allocation_sums_exactly(debts, available):
    inputs = {"debts": [{"product": p, "amount": str(a), "days": str(d), "daily_rate": f"{r * 100}%"}
                        for p, a, d, r in debts], "monthly_available": str(available)}
    result = run("debts", inputs)
    shares = [Decimal(row["allocation"]) for row in result["debts"]]
    principal = [Decimal(row["amount"]) for row in result["debts"]]
    owed = [Decimal(row["owed_now"]) for row in result["debts"]]
    assert sum(shares) == min(available, sum(principal))
    assert Decimal(result["total_owed_now"]) == sum(owed)
    assert all(0 <= share <= debt for share, debt in zip(shares, principal))
    assert sorted(result["order"]) == list(range(len(debts)))
    assert sum(Decimal(a["amount"]) for a in result["allocation"]) + Decimal(result["unallocated"]) == available
    floors = [Decimal(row["floor"]) for row in result["debts"]]
    if available >= sum(floors):  # money for a token each: no overdue lender gets 0
        assert all(share >= floor for share, floor in zip(shares, floors))
        assert all(share > 0 for share, row in zip(shares, result["debts"]) if row["days"] > 0)


def test_budget_proposes_an_amount_that_leaves_a_buffer():
    # 6,000 income − 3,000 essentials = 3,000 a month; a 10% buffer keeps 300 back: at most 2,700.
    # 停息挂账 of 20,000 at ≤ 2,700: 8 months of 2,500 (7 months would need 2,857.14)
    result = run("budget", {"incomes": items(6000), "essentials": items(1500, 1500), "debt_amount": "20000",
                            "annual_rate": "18%"})
    assert result["proposal"] == {"monthly_payment": "2500.00", "months": 8, "method": "interest_free",
                                  "method_label": "停息挂账（只还本金）", "most_per_month": "2700.00"}
    # fallback at the same amount, 等额本息 18%: 8 months (numpy-financial pmt(0.015, 8, -20000) = 2671.68;
    # 7 months would be about 3,031 > 2,700)
    assert (result["fallback"]["method"], result["fallback"]["months"], result["fallback"]["monthly_payment"]) \
        == ("equal_payment", 8, "2671.68")
    assert "余地" in result["verdict"] and "不是自动的" in result["verdict"] and "不同意" in result["verdict"]
    changed = run("budget", {"incomes": items(6000), "essentials": items(1500, 1500), "debt_amount": "20000",
                             "buffer": "25%"})
    assert changed["proposal"]["most_per_month"] == "2250.00" and changed["proposal"]["months"] == 9


def test_a_blank_budget_asks_for_income_instead_of_saying_there_is_no_money():
    named = run("budget", {"incomes": [{"label": "工资", "amount": ""}]})["errors"]
    assert [e["field"] for e in named] == ["incomes.0.amount"]  # a named row without its amount: that row
    for blank in ({}, {"incomes": []}, {"incomes": [{"label": "", "amount": ""}], "essentials": items(1500)}):
        errors = run("budget", blank)["errors"]
        assert [e["field"] for e in errors] == ["incomes"], blank
        assert errors[0]["message"] == "请至少填写一项每月收入；没有收入就填 0"
    nothing = run("budget", {"incomes": items(0), "essentials": items(1500)})
    assert (nothing["available"], nothing["shortfall"]) == ("0.00", "1500.00")


def test_an_action_plan_with_no_income_says_so_and_one_with_none_typed_asks_for_it():
    debt = [{"lender": "招商银行", "product": "credit_card", "amount": "6万", "days": "120"}]
    asked = run("actionplan", {"debts": debt, "rent": "800", "as_of": "2026-03-01"})["errors"]
    assert [e["field"] for e in asked] == ["salary"] and "没有收入就填 0" in asked[0]["message"]
    # no income at all, typed as 0: the plan for someone with nothing left (800 of rent uncovered)
    none = run("actionplan", {"debts": debt, "salary": "0", "rent": "800", "as_of": "2026-03-01"})
    assert (none["income"], none["available"], none["shortfall"], none["monthly_offer"]) == \
        ("0.00", "0.00", "800.00", "0.00")
    view = calculators.answer("actionplan", {"debts": debt, "salary": "0", "rent": "800", "as_of": "2026-03-01"})
    assert "没有余钱" in view["view"][0]["text"]
