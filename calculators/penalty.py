"""penalty — what waiting costs: the penalty interest / 违约金 after `days` overdue.

All charges are simple (not compounded) and start on the first day overdue:

- huabei, baitiao, jintiao, custom: amount × daily rate × days
  (daily rate from the person's bill if given, else the rules file's default; custom must give it);
- jiebei, wangshangdai: amount × daily rate × multiplier × days (the loan's normal daily rate is
  required; the multiplier defaults to the rules file's 1.5);
- credit_card: amount × daily interest rate × days, plus a 违约金 of late_fee_rate × the unpaid
  minimum payment once for each missed monthly bill, i.e. ceil(days / 30) times.

Result: `penalty` and `total` after `days`; `per_day` = the CURRENT cost of one more day of waiting
(the daily charge, the same every day; for a credit card plus one 违约金 spread over 30 days);
`average_per_day` = penalty / days; `series` = the penalty on each day 1..days (at most 366
points, evenly spaced beyond that, the last day always included); `annual_rate_equivalent` =
the daily rate actually charged × 365 (a simple annual rate); `notes` in Chinese.
"""

from decimal import Decimal

from . import money, parsing, rules
from .parsing import field

PRODUCTS = (
    ("huabei", "花呗"),
    ("jiebei", "借呗"),
    ("wangshangdai", "网商贷"),
    ("credit_card", "信用卡"),
    ("baitiao", "京东白条"),
    ("jintiao", "京东金条"),
    ("custom", "其他（自己填日利率）"),
)
PRODUCT_LABELS = dict(PRODUCTS)
DEFAULT_RATE_KEYS = {
    "huabei": "huabei.overdue_daily_rate",
    "baitiao": "baitiao.overdue_daily_rate",
    "jintiao": "jintiao.overdue_daily_rate",
    "credit_card": "credit_card.daily_interest_rate",
}
MULTIPLIER_KEYS = {"jiebei": "jiebei.penalty_multiplier", "wangshangdai": "wangshangdai.penalty_multiplier"}
RATE_REQUIRED = ("jiebei", "wangshangdai", "custom")
LICENSED = ("huabei", "jiebei", "wangshangdai", "credit_card", "baitiao", "jintiao")
MAX_SERIES_POINTS = 366
DAYS_PER_BILL = 30

FIELDS = (
    field("product", "产品", "Product", "choice", required=True, hint="例如 花呗",
          choices=PRODUCTS, default="huabei"),
    field("amount", "逾期金额（元）", "Overdue amount (yuan)", "amount", required=True,
          hint="例如 5000 或 1.2万"),
    field("days", "逾期天数（天）", "Days overdue", "integer", required=True, hint="例如 30",
          min=1, max=3650),
    field("daily_rate", "日利率（每天，看账单或合同）", "Daily rate (from your bill or contract)",
          "daily_rate", required=False, required_if={"product": list(RATE_REQUIRED)},
          hint="例如 0.05% 或 万分之五",
          help="借呗、网商贷填借款的正常日利率；花呗、白条、金条、信用卡不填则用常见默认值"),
    field("penalty_multiplier", "罚息倍数（倍）", "Penalty multiplier", "multiplier",
          required=False, hint="例如 1.5", default="1.5",
          show_if={"product": ["jiebei", "wangshangdai"]}),
    field("late_fee_rate", "违约金比例（占未还最低还款额）", "Late fee (share of the unpaid minimum payment)",
          "fee_rate", required=False, hint="例如 5%", show_if={"product": ["credit_card"]},
          help="不填则按常见的 5%；以你的信用卡合同为准"),
    field("minimum_payment", "最低还款额（元）", "Minimum payment (yuan)", "amount", required=False,
          hint="例如 500", show_if={"product": ["credit_card"]},
          help="看账单；不填则按欠款金额的 10% 估算"),
)


def _ceil_div(a, b):
    return -(-a // b)


def compute(product, amount, days, daily_rate=None, multiplier=None, late_fee_rate=None,
            minimum_payment=None):
    """The penalty maths on parsed values (Decimals); used by `calculate` and by debts.py.

    Returns a dict of unrounded Decimals plus `notes`; `penalty_on(day)` gives the penalty on
    any day. `daily_rate` is required for jiebei, wangshangdai and custom (ValueError otherwise).
    """
    notes = []
    label = PRODUCT_LABELS[product]
    rate_from_bill = daily_rate is not None
    if daily_rate is None:
        if product not in DEFAULT_RATE_KEYS:
            raise ValueError(f"{product} needs a daily rate")
        key = DEFAULT_RATE_KEYS[product]
        daily_rate = rules.value(key)
        notes.append(
            f"日利率用的是{label}的常见默认值 {rules.format_value(key)}（{rules.format_citation(key)}）。"
            f"你的账单或合同上的费率才算数：如果不同，请把它填进“日利率”。"
        )
        if rules.get(key)["note"]:
            notes.append(rules.get(key)["note"])
    else:
        notes.append(f"日利率用的是你填写的 {rules.percent(daily_rate)}/天（来自你的账单或合同）。")

    factor = Decimal(1)
    if product in MULTIPLIER_KEYS:
        key = MULTIPLIER_KEYS[product]
        if multiplier is None:
            multiplier = rules.value(key)
        factor = multiplier
        notes.append(
            f"{label}逾期罚息按正常日利率的 {format(factor.normalize(), 'f')} 倍计算"
            f"（规则：{rules.format_value(key)}，{rules.format_citation(key)}）。{rules.get(key)['note']}"
        )
    charged_rate = daily_rate * factor
    daily_cost = amount * charged_rate

    late_fee_each = Decimal(0)
    if product == "credit_card":
        if minimum_payment is None:
            ratio_key = "credit_card.minimum_payment_ratio"
            minimum_payment = amount * rules.value(ratio_key)
            notes.append(
                f"最低还款额按欠款的 {rules.format_value(ratio_key)} 估算（{rules.format_citation(ratio_key)}）；"
                f"请以账单上的最低还款额为准。"
            )
        fee_key = "credit_card.late_fee_rate"
        if late_fee_rate is None:
            late_fee_rate = rules.value(fee_key)
            notes.append(
                f"违约金按未还最低还款额的 {rules.format_value(fee_key)} 计，每期账单一次"
                f"（{rules.format_citation(fee_key)}）。{rules.get(fee_key)['note']}"
            )
        else:
            notes.append(f"违约金用的是你填写的未还最低还款额的 {rules.percent(late_fee_rate)}，每期账单一次。")
        late_fee_each = money.fen(minimum_payment * late_fee_rate)

    def penalty_on(day):
        total = daily_cost * day
        if late_fee_each:
            total += late_fee_each * _ceil_div(day, DAYS_PER_BILL)
        return total

    per_day = daily_cost + late_fee_each / DAYS_PER_BILL
    annual = charged_rate * 365
    notes.append(
        f"按单利计算（不算利滚利），从逾期第 1 天算起；每多逾期一天大约多 {money.money_text(per_day)}"
        + ("（其中违约金按每 30 天一次平摊）" if late_fee_each else "")
        + "。"
    )
    if product == "huabei":
        grace = "huabei.grace_days"
        notes.append(f"宽限期：{rules.format_value(grace)}（{rules.format_citation(grace)}）。{rules.get(grace)['note']}")
    line_key = "law.licensed_lender_court_line"
    line = rules.value(line_key)
    annual_text = f"折合年化约 {money.percent_text(annual)}（日利率 × 365，单利）"
    if product in LICENSED and annual > line:
        notes.append(
            f"{annual_text}，超过法院对持牌机构综合融资成本掌握的 {rules.format_value(line_key)} 红线"
            f"（{rules.format_citation(line_key)}）：协商时可以要求减免超出部分，起诉时也可以请求法院调减。"
        )
    elif product == "custom":
        cap_key = "law.private_lending_cap"
        cap = rules.value(cap_key)
        comparison = "超过" if annual > cap else "没有超过"
        notes.append(
            f"{annual_text}。如果这是个人之间的民间借贷，法院支持的利率上限是一年期 LPR 的 4 倍，"
            f"目前 {rules.format_value(cap_key)}（{rules.format_citation(cap_key)}），这笔{comparison}；"
            f"银行、消费金融公司等持牌机构不适用这个上限，法院掌握的是 {rules.format_value(line_key)}。"
        )
    else:
        notes.append(annual_text + "。")
    fraud_key = "law.credit_card_fraud_threshold"
    if product == "credit_card" and amount >= rules.value(fraud_key) and days >= 90:
        notes.append(
            f"注意：信用卡本金 5 万元以上、逾期 3 个月以上，如果又收到过两次有效催收，可能涉及恶意透支的刑事风险"
            f"（{rules.format_citation(fraud_key)}）。请优先和银行协商还款。"
        )
    return {
        "daily_rate": daily_rate,
        "rate_from_bill": rate_from_bill,
        "multiplier": factor,
        "charged_rate": charged_rate,
        "daily_cost": daily_cost,
        "late_fee_each": late_fee_each,
        "per_day": per_day,
        "annual": annual,
        "penalty": penalty_on(days),
        "penalty_on": penalty_on,
        "notes": notes,
    }


def series_days(days):
    """Day numbers for the chart: every day up to MAX_SERIES_POINTS, else evenly spaced with the last day."""
    if days <= MAX_SERIES_POINTS:
        return list(range(1, days + 1))
    steps = MAX_SERIES_POINTS - 1
    return [1 + (i * (days - 1)) // steps for i in range(MAX_SERIES_POINTS)]


def calculate(inputs):
    with money.context():
        values, notes, errors = parsing.read(FIELDS, inputs)
        if values["product"] == "credit_card" and values["amount"] is not None \
                and values["minimum_payment"] is not None and values["minimum_payment"] > values["amount"]:
            errors.add("minimum_payment", "最低还款额不能大于逾期金额，请看账单上的最低还款额")
        errors.raise_if_any()
        product, amount, days = values["product"], values["amount"], values["days"]
        result = compute(product, amount, days, values["daily_rate"], values["penalty_multiplier"],
                         values["late_fee_rate"], values["minimum_payment"])
        penalty = money.fen(result["penalty"])
        return {
            "calculator": "penalty",
            "product": product,
            "product_label": PRODUCT_LABELS[product],
            "amount": money.money(amount),
            "days": days,
            "daily_rate": money.rate(result["daily_rate"]),
            "daily_rate_source": "bill" if result["rate_from_bill"] else "default",
            "multiplier": format(result["multiplier"].normalize(), "f"),
            "penalty": money.money(penalty),
            "total": money.money(amount + penalty),
            "per_day": money.money(result["per_day"]),
            "average_per_day": money.money(result["penalty"] / days),
            "late_fee_per_bill": money.money(result["late_fee_each"]),
            "annual_rate_equivalent": money.rate(result["annual"]),
            "series": [{"day": day, "penalty": money.money(result["penalty_on"](day))} for day in series_days(days)],
            "notes": notes + result["notes"],
        }
