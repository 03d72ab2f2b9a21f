"""debt — one model of a debt: what it owes on a day, what it has cost so far, what each further day
costs, and its annual equivalent. `penalty`, `debts`, `actionplan` (and through them the case file,
the letter and the reminders) all price a debt here, so the same debt on the same day gives the same
figures in every tool.

A debt is: product (product_rules.toml), `amount` (what is owed, principal), `overdue_amount` (the
part of it that is overdue; blank = all of it), `days` overdue, or for a credit card its own
`statement_date` and `due_date` with `as_of` (the days are then as_of − due_date), rates (the
product's defaults from the rules file where none is given), and for a private loan `signed_on`.

How each product is charged (the product's `penalty_method` / `loan_method` in the rules file):
- credit_card: the card model (card.py: 全额计息 from the posting date, interest compounded on each
  statement, a 违约金 on each unpaid minimum); on the card's own dates when given, else card.estimate
  (a typical due date). The posting date is unknown here, so there is a range: posted on the statement
  date (low) or a month earlier (high); every figure uses the HIGH end (a cost shown too low hurts a
  borrower more than one shown too high) and `penalty_low`/`penalty_high` give the range.
- loan_method late_fee_and_interest (京东金条): a 违约金 on the overdue principal at
  `late_fee_daily_rate` (default from the rules file) AND the contract interest at `daily_rate` × the
  rules file's share keeps running beside it; `daily_rate` is the contract's and is required.
- multiplier (借呗, 网商贷, 微粒贷, bank loans): overdue principal × the contract daily rate × the
  penalty multiplier × days (the loan calculator, with each instalment's date and interest, is the
  exact one: it also charges compound interest on unpaid interest, and each instalment from its own
  date; this quick figure assumes the whole overdue part has been overdue for `days`).
- daily_rate (花呗, 白条, 其他, 迟延履行利息): overdue amount × daily rate × days.

All charges start on the first day overdue. `penalty_on(day)` is the cost after `day` days overdue.
`per_day` = what waiting costs per day from now: (penalty_on(days + 30) − penalty_on(days)) ÷ 30, so a
credit card's next 违约金 and its compounding are spread over the days they fall due in (for a simple
daily charge it is just the daily charge); 0 for a debt that is not overdue. `annual` = the cost of the
next 30 days ÷ the overdue amount × 365 (a simple annual rate, 违约金 included): the same for a debt
that is not yet overdue (what it would cost if it were), so debts can be ranked by it.
Exact Decimals; rounding to the fen is the caller's (at the edges).
"""

import datetime
from decimal import Decimal

from . import card, money, rules

ZERO = Decimal(0)
AHEAD_DAYS = 30  # per_day: the cost of the next 30 days, spread per day
PRODUCT_RULES = {product["id"]: product for product in rules.products()}
FRAUD_KEY = "law.credit_card_fraud_threshold"
FRAUD_MONTHS_KEY = "law.credit_card_fraud_unpaid_months"


def method(product):
    """How `product` is charged: credit_card | late_fee_and_interest | multiplier | daily_rate."""
    rule = PRODUCT_RULES[product]
    if rule["penalty_method"] == "credit_card":
        return "credit_card"
    if rule["loan_method"] == "late_fee_and_interest":
        return "late_fee_and_interest"
    return rule["penalty_method"]


def needs_rate(product):
    """True when the person must give the daily rate (no default, or the contract's own rate)."""
    rule = PRODUCT_RULES[product]
    return method(product) in ("multiplier", "late_fee_and_interest") or rule["default_daily_rate"] is None


def days_from_dates(due_date, as_of):
    """Days overdue counted from a due date (the due date itself is not overdue)."""
    return max((as_of - due_date).days, 0)


def days_conflict(days, due_date, as_of):
    """A Chinese message when typed days and the due date disagree (None when they agree)."""
    if days is None or due_date is None or as_of is None:
        return None
    counted = days_from_dates(due_date, as_of)
    if counted == days:
        return None
    return (f"已逾期填的是 {days} 天，但按到期还款日 {due_date.isoformat()} 算到 {as_of.isoformat()} 是 {counted} 天："
            "请改成一致（以账单为准）；把“已逾期”空着，就按日期算。")


def cost(product, amount, days=None, *, overdue_amount=None, daily_rate=None, multiplier=None,
         late_fee_rate=None, late_fee_daily_rate=None, minimum_payment=None, statement_date=None,
         due_date=None, as_of=None):
    """The debt's figures (exact Decimals, see the module's doc) and the sentences explaining them.

    Raises ValueError when a rate the product needs is missing (callers check `needs_rate` first).
    """
    rule = PRODUCT_RULES[product]
    label = rule["label"]
    how = method(product)
    overdue = amount if overdue_amount is None else min(overdue_amount, amount)
    notes = []
    figures = {"product": product, "label": label, "method": how, "amount": amount, "overdue": overdue,
               "daily_rate": daily_rate, "rate_from_bill": daily_rate is not None, "multiplier": None,
               "late_fee_each": ZERO, "late_fee_daily_rate": None, "contract_rate": None,
               "penalty_low": None, "penalty_high": None, "minimum_due": None,
               "detailed": "card" if how == "credit_card" else "loan" if rule["loan_method"] else None,
               "days_from": "typed"}
    if needs_rate(product) and daily_rate is None:
        raise ValueError(f"{product} needs a daily rate")

    if how == "credit_card":
        rate_default, ratio_default, fee_default = card.defaults()
        if minimum_payment is not None and overdue > 0:  # the bill's own minimum: its share of the bill
            ratio_default = min(minimum_payment / overdue, Decimal(1))
        rate = daily_rate if daily_rate is not None else rate_default
        fee_rate = late_fee_rate if late_fee_rate is not None else fee_default
        figures.update(daily_rate=rate, late_fee_rate=fee_rate)
        own_dates = statement_date is not None and due_date is not None and as_of is not None
        if own_dates:
            days = days_from_dates(due_date, as_of)
            figures["days_from"] = "dates"

            def card_models(day):
                end = due_date + datetime.timedelta(days=day)
                args = (overdue, statement_date, due_date)
                rest = ([], end, rate, ratio_default, fee_rate)
                return (card.model(*args, statement_date, *rest),
                        card.model(*args, card.add_months(statement_date, -1), *rest))
        else:
            def card_models(day):
                return card.estimate(overdue, day, rate, ratio_default, fee_rate)

        cache = {}

        def models(day):
            if day not in cache:
                cache[day] = card_models(day)
            return cache[day]

        def penalty_on(day):
            return models(day)[1]["penalty"] if day > 0 else ZERO

        low, high = models(days or 0)
        figures["penalty_low"] = low["penalty"] if days else ZERO
        figures["penalty_high"] = high["penalty"] if days else ZERO
        figures["minimum_due"] = high["statements"][-1]["minimum"] if days else None
        figures["model"] = high
        figures["late_fee_each"] = money.fen(overdue * ratio_default * fee_rate)
        figures["simple_penalty"] = (overdue * rate * (days or 0)
                                     + figures["late_fee_each"] * (-(-(days or 0) // 30)))
    elif how == "late_fee_and_interest":
        fee_key = rule["default_daily_rate"]
        fee_daily = late_fee_daily_rate if late_fee_daily_rate is not None else rules.value(fee_key)
        share = rules.value(rule["contract_interest_rule"])
        contract = daily_rate * share
        figures.update(late_fee_daily_rate=fee_daily, contract_rate=contract)

        def penalty_on(day):
            return overdue * (fee_daily + contract) * max(day, 0)
    else:
        if daily_rate is None:
            daily_rate = rules.value(rule["default_daily_rate"])
            figures["daily_rate"] = daily_rate
        factor = Decimal(1)
        if how == "multiplier":
            factor = multiplier if multiplier is not None else rules.value(rule["multiplier_rule"])
        figures["multiplier"] = factor

        def penalty_on(day):
            return overdue * daily_rate * factor * max(day, 0)

    days = days or 0
    ahead = penalty_on(days + AHEAD_DAYS) - penalty_on(days)
    figures.update(
        days=days,
        penalty=penalty_on(days),
        penalty_on=penalty_on,
        per_day=ahead / AHEAD_DAYS if days else ZERO,
        annual=(ahead / overdue * 365 / AHEAD_DAYS) if overdue > 0 else ZERO,
    )
    if how == "credit_card" and not days:
        figures["penalty_low"] = figures["penalty_high"] = ZERO
    if rule["minimum_payment_rule"] and figures["minimum_due"] is None:
        figures["minimum_due"] = money.fen((amount + figures["penalty"]) * rules.value(rule["minimum_payment_rule"]))
    figures["owed"] = amount + figures["penalty"]
    figures["notes"] = notes
    return figures


def per_day_note(figures):
    """The sentence saying what 'each further day' means for this debt."""
    if figures["method"] == "credit_card":
        return ("每多拖一天的代价按接下来 30 天平均：利息每月计入账单后也计息，下一个还款日没还上最低还款还要收违约金，"
                "都摊到每一天里。")
    if figures["method"] == "late_fee_and_interest":
        return "每多拖一天的代价 = 违约金加上照常计算的合同利息。"
    return None


def card_fraud_line(card_debts):
    """The 恶意透支 check over several cards: [(principal, days)] → (total of the cards each overdue 3
    months or more, whether that total reaches the 5万 line). The 2018 interpretation counts the
    holder's unpaid overdrawn principal and says nothing of counting cards apart."""
    months = int(rules.value(FRAUD_MONTHS_KEY))
    total = sum((principal for principal, days in card_debts if days >= 30 * months), ZERO)
    return total, total >= rules.value(FRAUD_KEY)


def card_fraud_warning(total, count):
    """The 恶意透支 warning with what to do (one sentence set, used by every tool)."""
    several = count > 1
    return (f"恶意透支的风险：逾期超过 3 个月的信用卡本金{'合计' if several else ''} {money.money_text(total)}，"
            f"达到 5 万元（{rules.format_citation(FRAUD_KEY)}"
            + ("；几张卡的本金加在一起算" if several else "")
            + "）。如果银行两次有效催收后超过 3 个月仍不还，可能涉及恶意透支（刑法 第一百九十六条）。"
            "要做的是：今天就联系每家发卡银行，说明情况、提出每月能还的金额（哪怕很少也要按月还），"
            "保留沟通记录和还款凭证；不要换号、不要躲着银行；每张卡每月都要有还款，不要让任何一张卡分文不还。")


DEBT_PRODUCTS = tuple((product["id"], product["label"]) for product in rules.products() if not product["court_ordered"])
CARD_PRODUCTS = tuple(pid for pid, _ in DEBT_PRODUCTS if method(pid) == "credit_card")
RATE_REQUIRED = tuple(pid for pid, _ in DEBT_PRODUCTS if needs_rate(pid))
