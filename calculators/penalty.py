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
per_day × 365 / amount (a simple annual rate, a credit card's 违约金 included); `notes` in Chinese;
`private_lending` for a product that is not licensed: the private-lending cap (legal.cap_result) for
the contract's `signed_on` date, or by the latest LPR when the date is not given, with `court_limit`:
the most a court supports of the charges over these days under that cap (legal.court_limit; None
unless the contract was signed on or after 2020-08-20).
`view(result)` turns a result into the blocks the page draws (calculators/view.py).

This is the quick first look. For credit cards and for loans with instalments it says that it is a
simplification (`detailed_calculator` = "card" / "loan") and links to that calculator with the
figures filled in; for a credit card it also gives `card_model_low` / `card_model_high`, the card
model's range for the same amount and days (card.estimate: nothing paid, a typical due date).
"""

from decimal import Decimal

from . import debt, legal, money, parsing, rules
from . import view as ui
from .parsing import field

# The products and how each is charged come from product_rules.toml (rules.products()).
PRODUCT_RULES = {product["id"]: product for product in rules.products()}
PRODUCTS = tuple((product["id"], product["label"]) for product in PRODUCT_RULES.values())
PRODUCT_LABELS = dict(PRODUCTS)
RATE_REQUIRED = tuple(pid for pid in PRODUCT_RULES if debt.needs_rate(pid))
FEE_AND_INTEREST_PRODUCTS = tuple(pid for pid in PRODUCT_RULES if debt.method(pid) == "late_fee_and_interest")
MULTIPLIER_PRODUCTS = tuple(pid for pid, product in PRODUCT_RULES.items() if product["penalty_method"] == "multiplier")
CARD_PRODUCTS = tuple(pid for pid, product in PRODUCT_RULES.items() if product["penalty_method"] == "credit_card")
UNLICENSED_PRODUCTS = tuple(pid for pid, product in PRODUCT_RULES.items() if not product["licensed"])

TITLE = ('逾期罚息计算', 'Cost of waiting (penalty interest)')

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
          help="借呗、网商贷、微粒贷、金条填借款合同的日利率（看借款合同或 App 的借款详情）；"
               "花呗、白条、信用卡不填则用常见默认值"),
    field("late_fee_daily_rate", "违约金日费率（看合同）", "Late fee daily rate", "daily_rate", required=False,
          hint="例如 0.06%", show_if={"product": list(FEE_AND_INTEREST_PRODUCTS)},
          help="不填则用常见默认值；以借款合同为准"),
    field("penalty_multiplier", "罚息倍数（倍）", "Penalty multiplier", "multiplier",
          required=False, hint="例如 1.5", show_if={"product": list(MULTIPLIER_PRODUCTS)},
          help="不填则按这个产品常见的倍数（多数为 1.5 倍）；以借款合同为准"),
    field("late_fee_rate", "违约金比例（占未还最低还款额）", "Late fee (share of the unpaid minimum payment)",
          "fee_rate", required=False, hint="例如 5%", show_if={"product": list(CARD_PRODUCTS)},
          help="不填则按常见的 5%；以你的信用卡合同为准"),
    field("minimum_payment", "最低还款额（元）", "Minimum payment (yuan)", "amount", required=False,
          hint="例如 500", show_if={"product": list(CARD_PRODUCTS)},
          help="看账单；不填则按欠款金额的 10% 估算"),
    field("signed_on", "借款合同签订日期", "Date the loan contract was signed", "date", required=False,
          hint="例如 2021-03-05", show_if={"product": list(UNLICENSED_PRODUCTS)},
          help="向个人或没有放贷牌照的公司借的钱（民间借贷），法院支持的利率上限按签合同时的 LPR 算；不知道可以不填"),
)


SIMPLIFIED_CARD = (
    "信用卡按银行的规则估算：从记账日起对整笔账单计息（全额计息）、每月把利息计入本金（复利）、"
    "没还的最低还款越滚越大、每个还款日收违约金。不知道账单日、还款日和记账日，所以给出一个范围，"
    "上面的数用范围里较高的一端（宁可算多，不要算少）；填上账单上的日期，用“信用卡逾期费用”计算器能算准。")
SIMPLIFIED_LOAN = (
    "这是快速估算：假设逾期的本金都从同一天起逾期。分期贷款每一期从自己的还款日起算罚息，"
    "没还的利息还要计复利；贷款方宣布提前到期后剩余本金也按逾期算。"
    "用“分期贷款逾期”计算器按每一期的日期算，那个数更准。")


def card_range_sentence(days, low, high, simple):
    """'按这些规则估计 …' for the card model's (low, high) money strings and the simple formula's figure."""
    offset = rules.format_value("credit_card.typical_days_statement_to_due")
    return (f"按这些规则估计（什么都没还、还款日按账单日后 {offset}），过了还款日 {days} 天的利息和违约金约 "
            f"{money.yuan(low)} 到 {money.yuan(high)}（看消费的记账日，"
            f"{rules.format_citation('credit_card.typical_days_statement_to_due')}）。"
            f"只按“欠款 × 日利率 × 天数 + 违约金”粗算是 {money.yuan(simple)}，比银行实际收的少，不要用它去谈。")


def compute(product, amount, days, daily_rate=None, multiplier=None, late_fee_rate=None,
            minimum_payment=None, signed_on=None, late_fee_daily_rate=None):
    """The penalty on parsed values (Decimals): debt.cost's figures plus the sentences that explain
    them (`notes`). `daily_rate` is required where debt.needs_rate (ValueError otherwise)."""
    figures = debt.cost(product, amount, days, daily_rate=daily_rate, multiplier=multiplier,
                        late_fee_rate=late_fee_rate, late_fee_daily_rate=late_fee_daily_rate,
                        minimum_payment=minimum_payment)
    figures["notes"] = _notes(product, figures, daily_rate, multiplier, late_fee_rate, late_fee_daily_rate, signed_on)
    return figures


def _whose(typed, key, default_words="常见默认值"):
    """Where a figure of a note came from: "（你填写的）" when the person typed it (`typed` is not
    None), else "（常见默认值，<citation of rule `key`>）" (`default_words` in place of 常见默认值)."""
    if typed is not None:
        return "（你填写的）"
    return f"（{default_words}，{rules.format_citation(key)}）"


def _notes(product, figures, daily_rate, multiplier, late_fee_rate, late_fee_daily_rate, signed_on):
    notes = []
    rule = PRODUCT_RULES[product]
    label = rule["label"]
    how = figures["method"]
    if how == "late_fee_and_interest":
        key = rule["default_daily_rate"]
        share_key = rule["contract_interest_rule"]
        notes.append(
            f"{label}逾期后：违约金 = 逾期本金 × 违约金日费率 {rules.percent(figures['late_fee_daily_rate'])}/天 × 天数"
            + _whose(late_fee_daily_rate, key)
            + f"；借款合同的利息（你填写的日利率 {rules.percent(daily_rate)}/天）照常计算"
            f"（{rules.format_citation(share_key)}）。{rules.get(share_key)['note']}")
    elif daily_rate is None:
        key = rule["default_daily_rate"]
        notes.append(
            f"日利率用的是{label}的常见默认值 {rules.format_value(key)}（{rules.format_citation(key)}）。"
            f"你的账单或合同上的费率才算数：如果不同，请把它填进“日利率”。")
        if rules.get(key)["note"]:
            notes.append(rules.get(key)["note"])
    else:
        notes.append(f"日利率用的是你填写的 {rules.percent(daily_rate)}/天（来自你的账单或合同）。")
    if how == "multiplier":
        key = rule["multiplier_rule"]
        notes.append(
            f"{label}逾期罚息按正常日利率的 {format(figures['multiplier'].normalize(), 'f')} 倍计算"
            + _whose(multiplier, key, f"规则：{rules.format_value(key)}") + "。"
            + ("" if multiplier is not None else rules.get(key)["note"]))
    if how == "credit_card":
        fee_key = rule["late_fee_rule"]
        ratio_key = rule["minimum_payment_rule"]
        notes.append(
            f"违约金按没还上的最低还款额的 {rules.percent(figures['late_fee_rate'])} 计，每个到期还款日一次"
            + _whose(late_fee_rate, fee_key)
            + f"；最低还款额按欠款的 {rules.format_value(ratio_key)} 估算（{rules.format_citation(ratio_key)}），"
            "没还上的最低还款会滚到下一期。")
    extra = debt.per_day_note(figures)
    if extra:
        notes.append(extra)
    else:
        notes.append("按单利计算（不算利滚利），从逾期第 1 天算起。")
    for key in rule["answer_notes"]:
        notes.append(f"{rules.get(key)['name'] or key}：{rules.format_value(key)}"
                     f"（{rules.format_citation(key)}）。{rules.get(key)['note']}")
    notes.append(f"折合年化约 {money.annual_percent(figures['annual'])}（接下来 30 天的代价 ÷ 逾期金额 × 365，单利"
                 + ("，违约金算在内" if how in ("credit_card", "late_fee_and_interest") else "") + "）。")
    notes.extend(legal.comparison_notes(figures["annual"], licensed=rule["licensed"], private=not rule["licensed"],
                                        signed_on=signed_on))
    if how == "credit_card":
        total, at_risk = debt.card_fraud_line([(figures["overdue"], figures["days"])])
        if at_risk:
            notes.append(debt.card_fraud_warning(total, 1))
    return notes


def ahead_days(days):
    """Day numbers for the chart: today's day overdue and each of the next 30 days."""
    return list(range(days, days + debt.AHEAD_DAYS + 1))


def calculate(inputs):
    with money.context():
        values, notes, errors = parsing.read(FIELDS, inputs)
        if values["product"] in CARD_PRODUCTS and values["amount"] is not None \
                and values["minimum_payment"] is not None and values["minimum_payment"] > values["amount"]:
            errors.add("minimum_payment", "最低还款额不能大于逾期金额，请看账单上的最低还款额")
        errors.raise_if_any()
        product, amount, days = values["product"], values["amount"], values["days"]
        result = compute(product, amount, days, values["daily_rate"], values["penalty_multiplier"],
                         values["late_fee_rate"], values["minimum_payment"], values["signed_on"],
                         values["late_fee_daily_rate"])
        penalty = money.fen(result["penalty"])
        detailed = result["detailed"]
        extra = {}
        if detailed == "card":
            extra = {"card_model_low": money.money(result["penalty_low"]),
                     "card_model_high": money.money(result["penalty_high"]),
                     "penalty_low": money.money(result["penalty_low"]),
                     "penalty_high": money.money(result["penalty_high"]),
                     "simple_penalty": money.money(result["simple_penalty"])}
            notes.insert(0, SIMPLIFIED_CARD + card_range_sentence(days, extra["penalty_low"], extra["penalty_high"],
                                                                  extra["simple_penalty"]))
        elif detailed == "loan":
            notes.insert(0, SIMPLIFIED_LOAN)
        private = legal.cap_result(values["signed_on"]) if product in UNLICENSED_PRODUCTS else None
        limit_notes = []
        if private is not None:
            limit = legal.court_limit(amount, days, values["signed_on"])
            private["court_limit"] = money.money(limit) if limit is not None else None
            if limit is not None:
                limit_notes.append(legal.court_limit_sentence(private["court_limit"], money.money(penalty), days))
        return {
            "calculator": "penalty",
            "product": product,
            "product_label": PRODUCT_LABELS[product],
            "method": result["method"],
            "amount": money.money(amount),
            "days": days,
            "daily_rate": money.rate(result["daily_rate"]),
            "daily_rate_source": "bill" if result["rate_from_bill"] else "default",
            "multiplier": format(result["multiplier"].normalize(), "f") if result["multiplier"] is not None else "1",
            "late_fee_daily_rate": (money.rate(result["late_fee_daily_rate"])
                                    if result["late_fee_daily_rate"] is not None else None),
            "penalty": money.money(penalty),
            "total": money.money(amount + penalty),
            "per_day": money.money(result["per_day"]),
            "average_per_day": money.money(result["penalty"] / days),
            "late_fee_per_bill": money.money(result["late_fee_each"]),
            "annual_rate_equivalent": money.rate(result["annual"]),
            "series": [{"day": day, "penalty": money.money(result["penalty_on"](day))} for day in ahead_days(days)],
            "detailed_calculator": detailed,
            "private_lending": private,
            **extra,
            "notes": notes + result["notes"] + limit_notes,
        }


EXAMPLES = {
    "huabei_30_days": {"product": "huabei", "amount": "5000", "days": "30"},
    "jiebei_with_rate": {"product": "jiebei", "amount": "2万", "days": "45", "daily_rate": "0.04%"},
    "credit_card_90_days": {"product": "credit_card", "amount": "20000", "days": "90"},
    "jintiao_60_days": {"product": "jintiao", "amount": "3000", "days": "60", "daily_rate": "0.05%"},
    "private_loan_signed_2021": {"product": "custom", "amount": "5万", "days": "60", "daily_rate": "0.06%",
                                 "signed_on": "2021-03-05"},
}
EXAMPLE = "huabei_30_days"  # the one the worker checks at start-up and `make bench` times


def view(result):
    m = money
    daily = m.small_percent(result["daily_rate"])
    method = result["method"]
    detailed = result.get("detailed_calculator")
    if method == "credit_card":
        cost = (f"利息和违约金约 {m.yuan(result['penalty_low'])} 到 {m.yuan(result['penalty_high'])}，"
                f"按高的算共 {m.yuan(result['penalty'])}")
    elif method == "late_fee_and_interest":
        cost = f"违约金和照算的合同利息共 {m.yuan(result['penalty'])}"
    else:
        cost = f"罚息（违约金）共 {m.yuan(result['penalty'])}"
    sentence = (f"{result['product_label']}逾期 {result['days']} 天，{cost}，"
                f"连本带息 {m.yuan(result['total'])}；再拖下去每天多 {m.yuan(result['per_day'])}，"
                f"折合年化 {m.annual_percent(result['annual_rate_equivalent'])}。")
    series = result["series"]
    link = None
    if detailed == "card":
        link = ui.link("按银行的规则算准：信用卡逾期费用（金额已填好，再填账单日和还款日）", "card",
                       bill_amount=result["amount"])
    elif detailed == "loan":
        link = ui.link("按每一期算准：分期贷款逾期（已填好，再填每期的还款日和利息）", "loan",
                       product=result["product"], daily_rate=m.small_percent(result["daily_rate"]),
                       **{"installments.0.principal": result["amount"]})
    ahead = m.money(Decimal(series[-1]["penalty"]) - Decimal(series[0]["penalty"]))
    return ui.blocks(
        ui.headline(sentence),
        ui.warning(SIMPLIFIED_CARD if detailed == "card" else SIMPLIFIED_LOAN) if detailed else None,
        link,
        ui.figures(
            ("逾期金额", m.yuan(result["amount"])),
            ("日利率", daily + ("（你填写的）" if result["daily_rate_source"] == "bill" else "（常见默认值）")),
            ("罚息倍数", f"{result['multiplier']} 倍") if result["multiplier"] != "1" else ("罚息倍数", None),
            ("违约金日费率", m.small_percent(result["late_fee_daily_rate"]))
            if result.get("late_fee_daily_rate") else ("违约金日费率", None),
            ("利息和违约金（最低）", m.yuan(result["penalty_low"])) if method == "credit_card" else ("最低", None),
            ("利息和违约金（最高）", m.yuan(result["penalty_high"])) if method == "credit_card" else ("最高", None),
            ("再拖 30 天还要多付", m.yuan(ahead)),
            legal.cap_figure(result["private_lending"]) if result.get("private_lending") else ("民间借贷上限", None),
            ("民间借贷时法院最多支持", m.yuan(result["private_lending"]["court_limit"]))
            if (result.get("private_lending") or {}).get("court_limit") else ("法院最多支持", None),
        ),
        ui.chart(f"再等下去付得更多：从今天（逾期第 {series[0]['day']} 天）起 30 天，累计的罚息（元）",
                 [(point["day"], point["penalty"]) for point in series], "天", "元"),
        ui.table("接下来 30 天的累计罚息", [ui.column("逾期第几天"), ui.column("累计罚息（元）", numeric=True)],
                 [[point["day"], m.grouped(point["penalty"])] for point in series],
                 collapsed="每一天累计多少（表格）"),
        ui.notes(result["notes"]),
        ui.copy(f"【逾期费用】{sentence}\n{ui.COPY_FOOTER}"),
    )
