"""debts — several debts at once: what is owed now, what waiting costs, which first, how to split.

For each debt the penalty so far and the cost of one more day come from penalty.py (same rules,
same defaults, same own-bill overrides), except overdue credit cards, which use card.py's model:
on the card's own statement and due dates when given (with `as_of`), else a range for the days
overdue (card.estimate: a typical due date, posted on the statement date or a month earlier); the
high end is used, `penalty_low`/`penalty_high` give the range, and the card's minimum share is the
model's current minimum, which includes earlier unpaid minimums. The 恶意透支 line adds up the unpaid
principal of the cards each overdue 3 months or more (the 2018 interpretation counts the holder's
unpaid overdrawn principal and says nothing of counting cards apart). Order ("avalanche"): credit-card debts at the criminal-law
line (unpaid principal, summed over such cards, >= 50,000 and >= 90 days overdue, 刑法196 / 2018
interpretation) first; then
the highest cost per yuan per day (the effective daily rate); ties go to the smaller balance.
Allocation of `monthly_available`: first each debt whose product has a minimum-payment ratio in
the rules (花呗, 信用卡) gets its minimum (an overdue card: the model's minimum; otherwise that share
of what it owes now), in order; the rest goes down the order,
each debt up to what it owes. All in fen; the shares sum exactly to monthly_available, or to the
total owed when that is less (the rest is `unallocated`).
"""

from decimal import Decimal

from . import card, money, parsing, penalty, rules
from . import view as ui
from .parsing import field

MAX_DEBTS = 30
MINIMUM_RATIO_KEYS = {product["id"]: product["minimum_payment_rule"] for product in rules.products()
                      if product["minimum_payment_rule"]}

TITLE = ('多笔欠款怎么还', 'Several debts: order and split')

FIELDS = (
    field("debts", "欠款列表", "Debts", "list", required=True, hint="每笔欠款一行", max_items=MAX_DEBTS,
          item_fields=(
              field("label", "名称", "Name", "text", required=False, hint="例如 招行信用卡"),
              field("product", "产品", "Product", "choice", required=True, hint="例如 花呗",
                    choices=penalty.PRODUCTS, default="custom"),
              field("amount", "欠款本金（元）", "Amount owed (yuan)", "amount", required=True,
                    hint="例如 5000 或 1.2万"),
              field("days", "已逾期天数（天）", "Days overdue", "integer", required=False, hint="例如 30，没逾期填 0",
                    min=0, max=3650, default="0"),
              field("daily_rate", "日利率（每天，看账单或合同）", "Daily rate (from your bill or contract)",
                    "daily_rate", required=False, required_if={"product": list(penalty.RATE_REQUIRED)},
                    hint="例如 0.05% 或 万分之五"),
              field("statement_date", "账单日（信用卡，知道就填）", "Statement date (card, optional)", "date",
                    required=False, hint="例如 2026-01-05", show_if={"product": list(penalty.CARD_PRODUCTS)}),
              field("due_date", "到期还款日（信用卡，知道就填）", "Due date (card, optional)", "date",
                    required=False, hint="例如 2026-01-25", show_if={"product": list(penalty.CARD_PRODUCTS)}),
          )),
    field("as_of", "算到哪一天", "Count up to (date)", "date", required=False, hint="例如 2026-04-25",
          help="信用卡填了账单日和还款日时用；一般填今天", default_today=True),
    field("monthly_available", "每月能拿出来还款的钱（元）", "Money available each month (yuan)", "amount",
          required=True, hint="例如 3000", allow_zero=True),
)


def _at_risk(debt):
    return (debt["product"] in penalty.CARD_PRODUCTS
            and debt["amount"] >= rules.value("law.credit_card_fraud_threshold")
            and debt["days"] >= 30 * int(rules.value("law.credit_card_fraud_unpaid_months")))


def _name(debt):
    return debt["label"] or f"第 {debt['index'] + 1} 笔（{penalty.PRODUCT_LABELS[debt['product']]}）"


def calculate(inputs):
    with money.context():
        values, notes, errors = parsing.read(FIELDS, inputs)
        errors.raise_if_any()
        as_of = values["as_of"]
        for item in values["debts"]:
            statement, due = item.get("statement_date"), item.get("due_date")
            where = f"debts.{item['index']}."
            if statement and due and (due <= statement or (due - statement).days > card.MAX_DUE_OFFSET):
                errors.add(where + "due_date", "到期还款日要在账单日之后 27 天以内，请看账单")
            elif statement and due and as_of is None:
                errors.add("as_of", "填了信用卡的账单日和还款日，也请填“算到哪一天”（一般是今天）")
            elif statement and due and as_of < statement:
                errors.add("as_of", "“算到哪一天”不能早于信用卡的账单日")
            elif statement and due and (as_of - statement).days > card.MAX_SPAN_DAYS:
                errors.add("as_of", "“算到哪一天”离账单日超过 10 年，请检查")
        errors.raise_if_any()
        debts = []
        for item in values["debts"]:
            days = item["days"] or 0
            worked = penalty.compute(item["product"], item["amount"], max(days, 1), item["daily_rate"])
            owed_penalty = money.fen(worked["penalty"]) if days else Decimal(0)
            low_penalty = high_penalty = None
            minimum_due = None
            statement, due = item.get("statement_date"), item.get("due_date")
            if item["product"] in penalty.CARD_PRODUCTS and (days or (statement and due)):
                rate = item["daily_rate"] if item["daily_rate"] is not None else card.defaults()[0]
                if statement and due:  # the card model on the person's own dates
                    ratio, fee = card.defaults()[1:]
                    args = (item["amount"], statement, due)
                    rest = ([], as_of, rate, ratio, fee)
                    low = card.model(*args, statement, *rest)
                    high = card.model(*args, card.add_months(statement, -1), *rest)
                    days = max((as_of - due).days, 0)
                else:  # a range: a typical due date, posted on the statement date or a month earlier
                    low, high = card.estimate(item["amount"], days, rate)
                low_penalty, high_penalty = money.fen(low["penalty"]), money.fen(high["penalty"])
                owed_penalty = high_penalty if days else Decimal(0)
                last = high["statements"][-1]
                minimum_due = last["minimum"]
                annual = card.annual_rate(high)
                per_day = high["per_day"] if days else worked["per_day"]
                worked = dict(worked, per_day=per_day, annual=annual if days else worked["annual"])
            debts.append({
                "penalty_low": low_penalty,
                "penalty_high": high_penalty,
                "minimum_due": minimum_due,
                "index": item["index"],
                "label": item["label"] or "",
                "product": item["product"],
                "amount": item["amount"],
                "days": days,
                "penalty": owed_penalty,
                "owed": item["amount"] + owed_penalty,
                "per_day": worked["per_day"],
                "rate": worked["per_day"] / item["amount"],
                "annual": worked["annual"],
                "rate_from_bill": worked["rate_from_bill"],
            })
        # 恶意透支 amounts: the 2018 interpretation (第九条 as amended) counts the unpaid principal the
        # 持卡人 overdrew, with no word of counting each card apart: cards that are each past the 3-month
        # line are added together against the 5万 line.
        overdue_cards = [debt for debt in debts if debt["product"] in penalty.CARD_PRODUCTS
                         and debt["days"] >= 30 * int(rules.value("law.credit_card_fraud_unpaid_months"))]
        card_total = sum((debt["amount"] for debt in overdue_cards), Decimal(0))
        for debt in debts:
            debt["risk"] = any(debt is other for other in overdue_cards) and card_total >= rules.value("law.credit_card_fraud_threshold")
            debt["risk_total"] = card_total
        ordered = sorted(debts, key=lambda d: (not d["risk"], -d["rate"], d["owed"], d["index"]))

        for rank, debt in enumerate(ordered, 1):
            debt["rank"] = rank
            per_hundred = money.money_text(debt["rate"] * 100)
            if debt["risk"]:
                several = debt["risk_total"] > debt["amount"]
                debt["reason"] = (
                    f"信用卡本金 {money.money_text(debt['amount'])}、已逾期 {debt['days']} 天"
                    + (f"；逾期超过 3 个月的几张信用卡本金合计 {money.money_text(debt['risk_total'])}"
                       "（司法解释按持卡人未还的透支本金计算，没有说按每张卡分开算）" if several else "")
                    + "：达到 5 万元且超过 3 个月，如果收到过两次有效催收，可能构成恶意透支（刑法 第一百九十六条），"
                    "请最先处理，尽快和银行协商。"
                )
                continue
            reason = f"每 100 元每天多付约 {per_hundred}（折合年化约 {money.percent_text(debt['annual'])}）"
            before = [d for d in ordered[: rank - 1] if not d["risk"]]
            if not before:
                reason += "，是这些欠款里最贵的，多出来的钱先还它最省钱。"
            elif before[-1]["rate"] == debt["rate"]:
                reason += f"，和{_name(before[-1])}一样贵，但余额更大，排在后面。"
            else:
                reason += f"，比前面的便宜，排第 {rank}。"
            if not debt["rate_from_bill"]:
                reason += "（用的是常见默认费率，请按账单核对）"
            debt["reason"] = reason

        available = values["monthly_available"]
        remaining = available
        for debt in ordered:
            debt["allocation"] = Decimal(0)
            debt["minimum_share"] = Decimal(0)
        for debt in ordered:  # minimum shares first, where the rules give one
            key = MINIMUM_RATIO_KEYS.get(debt["product"])
            if key:
                due_now = debt["minimum_due"] if debt["minimum_due"] is not None else money.fen(debt["owed"] * rules.value(key))
                share = min(due_now, debt["owed"], remaining)
                debt["minimum_share"] = share
                debt["allocation"] += share
                remaining -= share
        for debt in ordered:  # then down the order
            extra = min(debt["owed"] - debt["allocation"], remaining)
            debt["allocation"] += extra
            remaining -= extra

        total_owed = sum((d["owed"] for d in debts), Decimal(0))
        if any(MINIMUM_RATIO_KEYS.get(d["product"]) for d in debts):
            notes.append(
                "花呗、信用卡先各分到最低还款，避免新的逾期；剩下的钱按顺序集中还最贵的一笔。"
                + ("逾期的信用卡按银行的规则算（全额计息、按月复利、违约金），它的最低还款包括以前没还上的最低还款，"
                   "所以比欠款的 10% 多；不知道账单日和还款日时按可能的最高值算，并给出范围。"
                   if any(d["minimum_due"] is not None for d in debts) else "")
                + "".join(f"{penalty.PRODUCT_LABELS[p]}最低还款按欠款的 {rules.format_value(k)}（{rules.format_citation(k)}）。"
                          for p, k in MINIMUM_RATIO_KEYS.items() if any(d["product"] == p for d in debts))
            )
        notes.append("顺序按“最贵的先还”（雪崩法）：同样 100 元，先还日费率最高的那笔，每天省下的罚息最多；一样贵时先还余额小的。")
        if remaining > 0:
            notes.append(f"每月的钱比全部欠款还多 {money.money_text(remaining)}：按这个分法本月就能全部还清。")
        elif available < total_owed and available > 0:
            notes.append("分配只是建议：和每个贷款方协商时，按这里分到的金额提出每月还款方案，并要求停止或减免罚息。")
        return {
            "calculator": "debts",
            "total_amount": money.money(sum((d["amount"] for d in debts), Decimal(0))),
            "total_penalty": money.money(sum((d["penalty"] for d in debts), Decimal(0))),
            "total_owed_now": money.money(total_owed),
            "total_cost_per_day": money.money(sum((d["per_day"] for d in debts), Decimal(0))),
            "monthly_available": money.money(available),
            "allocated_total": money.money(available - remaining),
            "unallocated": money.money(remaining),
            "order": [d["index"] for d in ordered],
            "debts": [
                {
                    "index": d["index"],
                    "label": d["label"],
                    "name": _name(d),
                    "product": d["product"],
                    "product_label": penalty.PRODUCT_LABELS[d["product"]],
                    "amount": money.money(d["amount"]),
                    "days": d["days"],
                    "penalty": money.money(d["penalty"]),
                    "owed_now": money.money(d["owed"]),
                    "cost_per_day": money.money(d["per_day"]),
                    "annual_rate_equivalent": money.rate(d["annual"]),
                    "daily_rate_source": "bill" if d["rate_from_bill"] else "default",
                    "criminal_risk": d["risk"],
                    "rank": d["rank"],
                    "reason": d["reason"],
                    "minimum_share": money.money(d["minimum_share"]),
                    "minimum_due": money.money(d["minimum_due"]) if d["minimum_due"] is not None else None,
                    "penalty_low": money.money(d["penalty_low"]) if d["penalty_low"] is not None else None,
                    "penalty_high": money.money(d["penalty_high"]) if d["penalty_high"] is not None else None,
                    "allocation": money.money(d["allocation"]),
                }
                for d in debts
            ],
            "allocation": [{"index": d["index"], "name": _name(d), "amount": money.money(d["allocation"])} for d in ordered],
            "notes": notes,
        }


EXAMPLES = {
    "two_debts": {"debts": [{"label": "花呗", "product": "huabei", "amount": "8000", "days": "40"},
                            {"label": "借呗", "product": "jiebei", "amount": "2万", "days": "20", "daily_rate": "0.04%"}],
                  "monthly_available": "2000"},
    "card_at_risk": {"debts": [{"label": "招行信用卡", "product": "credit_card", "amount": "6万", "days": "120"},
                               {"product": "huabei", "amount": "3000", "days": "10"}],
                     "monthly_available": "3000"},
}
EXAMPLE = "two_debts"


def view(result):
    m = money
    ranked = sorted(result["debts"], key=lambda debt: debt["rank"])
    shares = "、".join(f"{item['name']} {m.yuan(item['amount'])}" for item in result["allocation"])
    sentence = (f"一共欠 {m.yuan(result['total_owed_now'])}（其中罚息 {m.yuan(result['total_penalty'])}），"
                f"现在每天多付 {m.yuan(result['total_cost_per_day'])}。"
                + (f"每月 {m.yuan(result['monthly_available'])} 建议这样分：{shares}。" if shares else ""))
    left = Decimal(result["unallocated"]) > 0
    return ui.blocks(
        ui.headline(sentence),
        ui.paragraph(f"还剩 {m.yuan(result['unallocated'])} 没有分出去（已经够还清全部欠款）。") if left else None,
        ui.table("先还哪一笔（按顺序）", [
            ui.column("顺序"), ui.column("欠款"), ui.column("现在欠（元）", True), ui.column("每天多付（元）", True),
            ui.column("折合年化"), ui.column("每月分到（元）", True), ui.column("为什么")],
            [[debt["rank"], debt["name"], m.grouped(debt["owed_now"]), m.grouped(debt["cost_per_day"]),
              m.annual_percent(debt["annual_rate_equivalent"]), m.grouped(debt["allocation"]), debt["reason"]]
             for debt in ranked]),
        *[ui.warning(f"{debt['name']}：信用卡欠款较大且逾期较久，请最先和银行协商（见表里的理由）。")
          for debt in ranked if debt["criminal_risk"]],
        ui.notes(result["notes"]),
        ui.copy(f"【我的欠款和还款分配】{sentence}"),
    )
