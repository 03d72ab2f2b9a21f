"""One debt, one set of numbers: the three borrowers of the UX report (../shared/ux-2026-12-05.md),
worked by hand, and the property that penalty, debts and the action plan agree on the same debt."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
import strategies as s
from calculators import letter

run = calculators.run
AS_OF = "2026-12-05"


def plan_of(debts, spare, **extra):
    """An action plan for `debts` with `spare` left each month (income spare + 1000, rent 1000)."""
    return run("actionplan", {"debts": debts, "salary": str(Decimal(spare) + 1000), "rent": "1000", "as_of": AS_OF,
                              **extra})


def row(result, index):
    return next(debt for debt in result["debts"] if debt["index"] == index)


def test_xiaowang_jiebei_charges_only_its_overdue_part_in_every_tool():
    # 借呗 15,000 of which 3 instalments (3,750) are overdue, 86 days, 0.04%/day × 1.5:
    # 3750 × 0.0006 = 2.25 a day; × 86 = 193.50 (not 15,000 × 0.0006 × 86 = 774.00)
    quick = run("penalty", {"product": "jiebei", "amount": "3750", "days": "86", "daily_rate": "0.04%"})
    assert (quick["penalty"], quick["per_day"]) == ("193.50", "2.25")
    jiebei = {"lender": "借呗", "product": "jiebei", "amount": "15000", "overdue_amount": "3750", "days": "86",
              "daily_rate": "0.04%"}
    huabei = {"lender": "花呗", "product": "huabei", "amount": "8000", "days": "45"}
    several = run("debts", {"debts": [dict(huabei, label="花呗"), dict(jiebei, label="借呗")],
                            "monthly_available": "2520"})
    assert (row(several, 1)["penalty"], row(several, 1)["cost_per_day"], row(several, 1)["owed_now"]) == \
        ("193.50", "2.25", "15193.50")
    plan = plan_of([huabei, jiebei], 2800)  # 2,800 spare, less 10%: 2,520 to offer
    ask = next(ask for ask in plan["asks"] if ask["lender"] == "借呗")
    assert (ask["penalty"], ask["cost_per_day"], ask["owed_now"]) == ("193.50", "2.25", "15193.50")
    assert plan["monthly_offer"] == "2520.00"
    # 花呗 8,000 × 0.05% × 45 = 180.00, 4.00 a day: the same in the three tools
    assert row(several, 0)["penalty"] == run("penalty", dict(huabei, amount="8000"))["penalty"] == "180.00"
    # the quick figure says the loan calculator is the exact one and links to it
    view = calculators.answer("penalty", {"product": "jiebei", "amount": "3750", "days": "86", "daily_rate": "0.04%"})
    assert any(block["kind"] == "link" and block["href"].startswith("../loan/") for block in view["view"])
    assert any("更准" in block.get("text", "") for block in view["view"] if block["kind"] == "warning")


CARDS = [{"lender": "招商银行信用卡中心", "nickname": "招行卡", "product": "credit_card", "amount": "30000", "days": "120",
          "account": "尾号 1234"},
         {"lender": "建设银行", "nickname": "建行卡", "product": "credit_card", "amount": "18000", "days": "100"},
         {"lender": "广发银行", "nickname": "广发卡", "product": "credit_card", "amount": "12000", "days": "90"}]


def test_lijie_three_cards_none_gets_nothing_and_the_overdraft_line_is_said():
    # 2,900 spare, less 10% = 2,610. Floors: 1% of each card's principal = 300, 180, 120 (600 in all);
    # split by principal the rest 2,010 goes 5:3:2 of what is left to pay (29,700 : 17,820 : 11,880) =
    # 1,005, 603, 402: each card 1,305, 783, 522 a month
    plan = plan_of(CARDS, 2900, strategy="pro_rata", name="李某", contact_phone="13900000000")
    assert plan["monthly_offer"] == "2610.00"
    shares = {ask["name"]: ask["monthly"] for ask in plan["asks"]}
    assert shares == {"招行卡": "1305.00", "建行卡": "783.00", "广发卡": "522.00"}
    # most expensive first: every card still gets its floor, and the three add up to 2,610
    avalanche = plan_of(CARDS, 2900)
    monthly = [Decimal(ask["monthly"]) for ask in avalanche["asks"]]
    assert sum(monthly) == Decimal("2610") and min(monthly) >= 120
    # 60,000 of card principal, each card 90+ days overdue: the 恶意透支 warning with what to do
    assert avalanche["criminal_risk"] and avalanche["card_principal_overdue_3_months"] == "60000.00"
    warning = avalanche["warnings"][0]
    assert "刑法 第一百九十六条" in warning and "每张卡每月都要有还款" in warning
    assert all(ask["ask"] == "personalised" and "personalised" in ask["requests"] for ask in avalanche["asks"])
    view = calculators.answer("actionplan", dict(CARDS and {}, debts=CARDS, salary="3900", rent="1000", as_of=AS_OF))
    texts = [block.get("text", "") for block in view["view"]]
    assert not any("暂时拿不出钱" in text or "等排在前面的还完" in text for text in texts)
    assert any("这几笔折合年化都超过 24%" in item for block in view["view"] if block["kind"] == "notes"
               for item in block["items"])


def test_three_cards_under_50000_each_are_added_up_for_the_overdraft_line():
    cards = [dict(CARDS[0], amount="20000"), dict(CARDS[1], amount="18000"), dict(CARDS[2], amount="15000")]
    plan = plan_of(cards, 2900)
    several = run("debts", {"debts": [{k: v for k, v in card.items() if k in ("product", "amount", "days")}
                                      for card in cards], "monthly_available": "2610"})
    assert plan["criminal_risk"] and several["criminal_risk"]  # 53,000 together
    assert plan["card_principal_overdue_3_months"] == several["card_principal_overdue_3_months"] == "53000.00"


def test_the_letter_from_the_plan_carries_every_figure_and_request_of_its_row():
    plan = calculators.answer("actionplan", {"debts": CARDS, "salary": "3900", "rent": "1000", "as_of": AS_OF,
                                             "name": "李某", "contact_phone": "13900000000"})
    ask = plan["result"]["asks"][0]
    link = next(block for block in plan["view"] if block["kind"] == "link" and ask["lender"] in block["text"]
                and "申请书" in block["text"])
    from urllib.parse import parse_qs, urlsplit

    fields = {key: values[0] for key, values in parse_qs(urlsplit(link["href"]).query).items()}
    assert fields["name"] == "李某" and fields["phone"] == "13900000000"
    assert fields["amount"] == f"{Decimal(ask['owed_now']):,.2f}" and fields["principal"] == "30,000.00"
    assert fields["penalty"] == f"{Decimal(ask['penalty']):,.2f}"
    assert set(fields["requests"].split(",")) == {"waive_penalty", "personalised"}  # a card: 个性化分期, not 停息
    if ask["account"]:
        assert fields["account"] == ask["account"]
    text = letter.compose(dict(fields, kind="negotiate", requests=fields["requests"].split(",")),
                          __import__("datetime").date(2026, 12, 5))
    assert f"目前欠款 {fields['amount']} 元（其中本金 30,000.00 元，罚息、违约金 {fields['penalty']} 元）" in text
    assert "第七十条" in text and "减免已产生的罚息和违约金" in text and "本人李某" in text
    # what the letter asks adds up to the principal: the schedule's payments sum to 30,000
    paid = sum(Decimal(run_["amount"]) * (run_["to"] - run_["from"] + 1) for run_ in ask["schedule"])
    assert paid == Decimal("30000")
    calendar = next(block for block in plan["view"] if block["kind"] == "link" and "日历" in block["text"]
                    and ask["lender"] in block["text"])
    dates = parse_qs(urlsplit(calendar["href"]).query)
    assert len([key for key in dates if key.endswith(".amount")]) == ask["months"]
    assert dates["payments.0.date"] == ["2027-01-05"]


def test_jintiao_costs_the_same_everywhere():
    # 3,000 for 60 days: 违约金 3000 × 0.06% × 60 = 108 and contract interest 3000 × 0.05% × 60 = 90: 198.00,
    # 3.30 a day, 40.15% a year
    debt = {"product": "jintiao", "amount": "3000", "days": "60", "daily_rate": "0.05%"}
    quick = run("penalty", debt)
    several = run("debts", {"debts": [debt], "monthly_available": "500"})["debts"][0]
    plan = plan_of([dict(debt, lender="京东金条")], 1000)["asks"][0]
    assert quick["penalty"] == several["penalty"] == plan["penalty"] == "198.00"
    assert quick["per_day"] == several["cost_per_day"] == plan["cost_per_day"] == "3.30"
    assert quick["annual_rate_equivalent"] == several["annual_rate_equivalent"] == "0.401500"


def test_nothing_to_spare_asks_every_lender_for_a_pause():
    plan = calculators.answer("actionplan", {"debts": CARDS, "salary": "1000", "rent": "1000", "as_of": AS_OF})
    assert plan["result"]["split"] == "none"
    table = next(block for block in plan["view"] if block["kind"] == "table")
    assert all("暂停催收" in cells[-1] for cells in table["rows"])


def test_too_little_for_every_floor_is_split_in_proportion_and_asks_for_a_pause():
    # 333 a month less 10% = 299.70 against floors 300 + 180 + 120 = 600: in proportion 5:3:2 =
    # 149.85, 89.91, 59.94
    plan = plan_of(CARDS, 333)
    assert plan["split"] == "short"
    assert [ask["monthly"] for ask in plan["asks"]] == ["149.85", "89.91", "59.94"]
    assert all("pause_collection" in ask["requests"] for ask in plan["asks"])


def test_a_sued_debt_comes_first():
    debts = [dict(CARDS[2]), {"lender": "网商银行", "product": "wangshangdai", "amount": "50000", "days": "200",
                              "daily_rate": "0.05%", "court_stage": "sued"}]
    plan = calculators.answer("actionplan", {"debts": debts, "salary": "5000", "rent": "1000", "as_of": AS_OF})
    assert plan["result"]["asks"][0]["lender"] == "网商银行"
    assert any(block["kind"] == "link" and block["href"].endswith("after/sued/") for block in plan["view"])


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(["huabei", "jiebei", "wangshangdai", "baitiao", "jintiao", "weilidai", "bank_loan",
                        "credit_card", "custom"]),
       s.amounts, st.integers(min_value=1, max_value=100), st.integers(min_value=1, max_value=800), s.daily_rates)
def test_penalty_debts_and_the_plan_agree_on_the_same_debt(product, amount, share, days, rate):
    overdue = max((amount * share / 100).quantize(Decimal("0.01")), Decimal("0.01"))
    rate_text = f"{rate * 100}%"
    quick = run("penalty", {"product": product, "amount": str(overdue), "days": str(days), "daily_rate": rate_text})
    item = {"product": product, "amount": str(amount), "overdue_amount": str(overdue), "days": str(days),
            "daily_rate": rate_text}
    several = run("debts", {"debts": [item], "monthly_available": "1000"})["debts"][0]
    plan = plan_of([dict(item, lender="某机构")], 1000)["asks"][0]
    assert quick["penalty"] == several["penalty"] == plan["penalty"]
    assert quick["per_day"] == several["cost_per_day"] == plan["cost_per_day"]
    assert quick["annual_rate_equivalent"] == several["annual_rate_equivalent"] == plan["annual_rate_equivalent"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["huabei", "credit_card", "custom", "jiebei"]), s.amounts,
                          st.integers(min_value=1, max_value=400)), min_size=1, max_size=6),
       st.decimals(min_value=0, max_value=50000, places=2), st.sampled_from(["avalanche", "pro_rata", "snowball"]))
def test_no_overdue_lender_gets_nothing_when_the_money_covers_a_token_each(debts, spare, strategy):
    items = [{"product": p, "amount": str(a), "days": str(d), "daily_rate": "0.05%"} for p, a, d in debts]
    result = run("debts", {"debts": items, "monthly_available": str(spare), "strategy": strategy})
    floors = sum(Decimal(row["floor"]) for row in result["debts"])
    if spare >= floors:
        assert all(Decimal(row["allocation"]) > 0 for row in result["debts"])
    elif spare >= Decimal("0.01") * len(items) * 1000:  # in proportion: still something each
        assert all(Decimal(row["allocation"]) > 0 for row in result["debts"])
    # each schedule pays the principal exactly
    if spare > 0 and result["months_to_clear"]:
        for row_ in result["debts"]:
            paid = sum(Decimal(p["amount"]) * (p["to"] - p["from"] + 1) for p in row_["schedule"])
            assert paid == Decimal(row_["amount"])
