"""debts — several debts at once: what is owed now, what waiting costs, which first, how to split.

For each debt the penalty so far and the cost of one more day come from penalty.py (same rules,
same defaults, same own-bill overrides). Order ("avalanche"): credit-card debts at the criminal-law
line (unpaid principal >= 50,000 and >= 90 days overdue, 刑法196 / 2018 interpretation) first; then
the highest cost per yuan per day (the effective daily rate); ties go to the smaller balance.
Allocation of `monthly_available`: first each debt whose product has a minimum-payment ratio in
the rules (花呗, 信用卡) gets that share of what it owes now, in order; the rest goes down the order,
each debt up to what it owes. All in fen; the shares sum exactly to monthly_available, or to the
total owed when that is less (the rest is `unallocated`).
"""

from decimal import Decimal

from . import money, parsing, penalty, rules
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
          )),
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
        debts = []
        for item in values["debts"]:
            days = item["days"] or 0
            worked = penalty.compute(item["product"], item["amount"], max(days, 1), item["daily_rate"])
            owed_penalty = money.fen(worked["penalty"]) if days else Decimal(0)
            debts.append({
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
        for debt in debts:
            debt["risk"] = _at_risk(debt)
        ordered = sorted(debts, key=lambda d: (not d["risk"], -d["rate"], d["owed"], d["index"]))

        for rank, debt in enumerate(ordered, 1):
            debt["rank"] = rank
            per_hundred = money.money_text(debt["rate"] * 100)
            if debt["risk"]:
                debt["reason"] = (
                    f"信用卡本金 {money.money_text(debt['amount'])}、已逾期 {debt['days']} 天：达到 5 万元且超过 3 个月，"
                    f"如果收到过两次有效催收，可能构成恶意透支（刑法 第一百九十六条），请最先处理，尽快和银行协商。"
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
                share = min(money.fen(debt["owed"] * rules.value(key)), debt["owed"], remaining)
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
