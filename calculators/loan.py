"""loan — missed instalments of a loan (借呗, 网商贷, 微粒贷, 金条, bank consumer loans).

Inputs: `product` (the loans in product_rules.toml with a `loan_method`), `installments` (the missed
ones as the app's schedule shows them: [{due_date, principal, interest}]), `daily_rate` (the
contract's), `penalty_multiplier` (default from the rules file: 人民银行 银发〔2003〕251号, the
contract rate raised by 30–50 %), `as_of` (the CLI requires it; the page fills in today), and
optionally `accelerated_on` with `remaining_principal` (the lender declared the whole loan due:
the principal not yet due is overdue from that date too).

Days overdue = as_of − due date (the due date itself is not overdue: paying on it is on time; the
cost "as of" a day counts the days before it, that day itself is `per_day`).

- loan_method "penalty_rate" (借呗, 网商贷, 微粒贷, bank loans): each instalment's principal draws
  penalty interest = principal × daily_rate × multiplier × days; its interest draws compound
  interest = interest × daily_rate × multiplier × days (simple, at the same penalty rate);
- loan_method "late_fee_and_interest" (京东金条): a 违约金 = principal × the 违约金 daily rate
  (`late_fee_daily_rate`, default from the rules file) × days, reported as `penalty_interest`,
  and the contract interest keeps running beside it: `contract_interest` = principal ×
  daily_rate × the rules file's share (1) × days.
After `accelerated_on` the remaining principal is charged the same way from that date.

Result: `penalty_interest`, `compound_interest`, `contract_interest`, `penalty` (their sum: what
waiting has cost), `owed_now` (what is due now: the instalments, the accelerated principal, and
`penalty`), `per_day` (what one more day costs now), `rows` (one per instalment, plus one for the
accelerated principal), `annual_rate_equivalent` = penalty ÷ (overdue principal × days, summed) ×
365, compared with the court line. Exact Decimals, rounded to the fen only in the output.
"""

from decimal import Decimal

from . import legal, money, parsing, rules
from . import view as ui
from .parsing import field

PRODUCT_RULES = {p["id"]: p for p in rules.products() if p["loan_method"]}
PRODUCTS = tuple((pid, p["label"]) for pid, p in PRODUCT_RULES.items())
PRODUCT_LABELS = dict(PRODUCTS)
RATE_PRODUCTS = tuple(pid for pid, p in PRODUCT_RULES.items() if p["loan_method"] == "penalty_rate")
FEE_PRODUCTS = tuple(pid for pid, p in PRODUCT_RULES.items() if p["loan_method"] == "late_fee_and_interest")
MAX_INSTALLMENTS = 120
MAX_DAYS = 3660
ZERO = Decimal(0)

TITLE = ("分期贷款逾期费用", "Loan: what missed instalments cost")

FIELDS = (
    field("product", "贷款产品", "Loan product", "choice", required=True, hint="例如 借呗",
          choices=PRODUCTS, default="bank_loan" if "bank_loan" in PRODUCT_RULES else None),
    field("installments", "逾期没还的期数", "Missed instalments", "list", required=True,
          hint="照 App 的还款计划，每期一行：到期日、本金、利息", max_items=MAX_INSTALLMENTS, item_fields=(
              field("due_date", "这一期的还款日", "Due date", "date", required=True, hint="例如 2026-01-10"),
              field("principal", "这一期的本金（元）", "Principal (yuan)", "amount", required=True,
                    hint="例如 1600"),
              field("interest", "这一期的利息（元）", "Interest (yuan)", "amount", required=False,
                    hint="例如 120，没有填 0", allow_zero=True, default="0"),
          )),
    field("daily_rate", "借款的日利率（看借款合同）", "The loan's daily rate (contract)", "daily_rate",
          required=True, hint="例如 0.04% 或 万分之四",
          help="借款合同或 App 借款详情上的日利率；只有年化利率的，除以 360 或 365（看合同）"),
    field("penalty_multiplier", "罚息倍数（倍）", "Penalty multiplier", "multiplier", required=False,
          hint="例如 1.5", show_if={"product": list(RATE_PRODUCTS)},
          help="不填则按常见的 1.5 倍；以借款合同为准"),
    field("late_fee_daily_rate", "违约金日费率（看合同）", "Late fee daily rate", "daily_rate", required=False,
          hint="例如 0.06%", show_if={"product": list(FEE_PRODUCTS)},
          help="不填则用常见默认值；以借款合同为准"),
    field("as_of", "算到哪一天", "Count up to (date)", "date", required=True, hint="例如 2026-04-10",
          help="一般填今天", default_today=True),
    field("accelerated_on", "贷款方宣布全部提前到期的日期（没有就不填）", "Whole loan declared due on (optional)",
          "date", required=False, hint="例如 2026-03-15", help="看催收短信或 App：写着“提前到期”“全部到期”的那天",
          required_with=("remaining_principal",)),
    field("remaining_principal", "那时还没到期的剩余本金（元）", "Principal not yet due then (yuan)", "amount",
          required=False, hint="例如 16000", help="填了提前到期日才需要", required_with=("accelerated_on",)),
)


def rates(product, daily_rate, multiplier=None, late_fee_daily_rate=None):
    """The daily charge per yuan: (on principal, on interest, contract interest share) and the
    values used, with the rules file's defaults where none is given."""
    rule = PRODUCT_RULES[product]
    if rule["loan_method"] == "penalty_rate":
        if multiplier is None:
            multiplier = rules.value(rule["multiplier_rule"])
        penalty_rate = daily_rate * multiplier
        return {"method": "penalty_rate", "principal": penalty_rate, "interest": penalty_rate,
                "contract": ZERO, "multiplier": multiplier, "late_fee_daily_rate": None}
    if late_fee_daily_rate is None:
        late_fee_daily_rate = rules.value(rule["default_daily_rate"])
    share = rules.value(rule["contract_interest_rule"])
    return {"method": "late_fee_and_interest", "principal": late_fee_daily_rate, "interest": ZERO,
            "contract": daily_rate * share, "multiplier": None, "late_fee_daily_rate": late_fee_daily_rate}


def model(installments, as_of, charged, accelerated_on=None, remaining_principal=None):
    """`installments` [(due_date, principal, interest)]; `charged` from rates(). Exact Decimals."""
    rows = []

    def charge(label, due, principal, interest):
        days = max((as_of - due).days, 0)
        row = {"label": label, "due_date": due, "days": days, "principal": principal, "interest": interest,
               "penalty_interest": principal * charged["principal"] * days,
               "compound_interest": interest * charged["interest"] * days,
               "contract_interest": principal * charged["contract"] * days,
               "per_day": principal * (charged["principal"] + charged["contract"]) + interest * charged["interest"],
               "principal_days": principal * days}
        row["penalty"] = row["penalty_interest"] + row["compound_interest"] + row["contract_interest"]
        rows.append(row)

    for number, (due, principal, interest) in enumerate(installments, 1):
        charge(f"第 {number} 期", due, principal, interest)
    if accelerated_on is not None and remaining_principal:
        charge("提前到期的剩余本金", accelerated_on, remaining_principal, ZERO)
    totals = {key: sum((row[key] for row in rows), ZERO)
              for key in ("principal", "interest", "penalty_interest", "compound_interest", "contract_interest",
                          "penalty", "per_day", "principal_days")}
    totals["owed"] = totals["principal"] + totals["interest"] + totals["penalty"]
    totals["annual"] = totals["penalty"] / totals["principal_days"] * 365 if totals["principal_days"] else ZERO
    totals["rows"] = rows
    return totals


def _check(values, errors):
    as_of, accelerated = values["as_of"], values["accelerated_on"]
    for item in values["installments"]:
        due, path = item["due_date"], f"installments.{item['index']}.due_date"
        if due is None or as_of is None:
            continue
        if due > as_of:
            errors.add(path, "这一期还没到期（晚于“算到哪一天”），只填已经逾期的期数")
        elif (as_of - due).days > MAX_DAYS:
            errors.add(path, "这一期离“算到哪一天”超过 10 年，请检查")
        elif accelerated and due > accelerated:
            errors.add(path, "这一期在提前到期日之后：它的本金已经算在“剩余本金”里了，请不要重复填")
    if accelerated is not None and as_of is not None and accelerated > as_of:
        errors.add("accelerated_on", "提前到期日晚于“算到哪一天”，请检查")


def calculate(inputs):
    with money.context():
        values, notes, errors = parsing.read(FIELDS, inputs)
        _check(values, errors)
        errors.raise_if_any()
        product = values["product"]
        charged = rates(product, values["daily_rate"], values["penalty_multiplier"], values["late_fee_daily_rate"])
        installments = [(item["due_date"], item["principal"], item["interest"] or ZERO) for item in values["installments"]]
        worked = model(installments, values["as_of"], charged, values["accelerated_on"], values["remaining_principal"])
        notes += _notes(product, values, charged, worked)
        rows = [{"label": row["label"], "due_date": row["due_date"].isoformat(), "days": row["days"],
                 "principal": money.money(row["principal"]), "interest": money.money(row["interest"]),
                 "penalty_interest": money.money(row["penalty_interest"]),
                 "compound_interest": money.money(row["compound_interest"]),
                 "contract_interest": money.money(row["contract_interest"]),
                 "penalty": money.money(row["penalty"]), "per_day": money.money(row["per_day"])}
                for row in worked["rows"]]
        return {
            "calculator": "loan",
            "product": product,
            "product_label": PRODUCT_LABELS[product],
            "loan_method": charged["method"],
            "as_of": values["as_of"].isoformat(),
            "daily_rate": money.rate(values["daily_rate"]),
            "multiplier": format(charged["multiplier"].normalize(), "f") if charged["multiplier"] is not None else None,
            "late_fee_daily_rate": money.rate(charged["late_fee_daily_rate"]) if charged["late_fee_daily_rate"] is not None else None,
            "accelerated_on": values["accelerated_on"].isoformat() if values["accelerated_on"] else None,
            "overdue_principal": money.money(worked["principal"]),
            "overdue_interest": money.money(worked["interest"]),
            "penalty_interest": money.money(worked["penalty_interest"]),
            "compound_interest": money.money(worked["compound_interest"]),
            "contract_interest": money.money(worked["contract_interest"]),
            "penalty": money.money(worked["penalty"]),
            "owed_now": money.money(worked["owed"]),
            "per_day": money.money(worked["per_day"]),
            "annual_rate_equivalent": money.rate(worked["annual"]),
            "rows": rows,
            "notes": notes,
        }


def _notes(product, values, charged, worked):
    rule = PRODUCT_RULES[product]
    label = rule["label"]
    notes = ["按每一期自己的还款日、本金和利息算：比“逾期费用”和“我的协商方案”里只按逾期金额和天数的快速估算更准，"
             "和贷款方核对时用这里的数。",
             f"日利率用的是你填写的借款合同日利率 {rules.percent(values['daily_rate'])}/天。",
             "逾期天数 = 算到的日期 − 这一期的还款日（还款日当天还不算逾期）。"]
    if charged["method"] == "penalty_rate":
        key = rule["multiplier_rule"]
        given = values["penalty_multiplier"] is not None
        notes.append(
            f"{label}逾期后：每期没还的本金按罚息利率（日利率 × {format(charged['multiplier'].normalize(), 'f')} 倍"
            + ("，你填写的" if given else f"，{rules.format_value(key)}：{rules.format_citation(key)}")
            + "）计罚息；没还的利息按同样的罚息利率计复利（人民银行 银发〔2003〕251号：罚息利率在合同利率上加收 30%–50%，"
            "应付未付的利息计收复利）。" + ("" if given else rules.get(key)["note"]))
    else:
        key = rule["default_daily_rate"]
        share_key = rule["contract_interest_rule"]
        given = values["late_fee_daily_rate"] is not None
        notes.append(
            f"{label}逾期后：违约金 = 到期本金 × 违约金日费率 {rules.percent(charged['late_fee_daily_rate'])}/天 × 天数"
            + ("（你填写的）" if given else f"（常见默认值，{rules.format_citation(key)}）")
            + f"；同时借款合同的利息照常计算（{rules.format_citation(share_key)}）。{rules.get(share_key)['note']}")
    if values["accelerated_on"]:
        notes.append(
            f"贷款方在 {values['accelerated_on'].isoformat()} 宣布全部提前到期：从那天起，还没到期的剩余本金"
            f" {money.money_text(values['remaining_principal'])} 也按逾期计费，每天的代价因此大增。")
    else:
        notes.append("还没到期的本金照合同计正常利息（已经在以后各期的利息里），这里不算；"
                     "如果贷款方宣布“提前到期”，剩下的本金也会按逾期计费，请填上提前到期日和剩余本金。")
    notes.append(
        f"折合年化 {money.annual_percent(worked['annual'])}：罚息、复利"
        + ("、合同利息" if charged["method"] != "penalty_rate" else "")
        + "合计 ÷（每天逾期的本金之和）× 365。")
    notes.extend(legal.comparison_notes(worked["annual"], licensed=rule["licensed"]))
    return notes


def _monthly(start_year, start_month, day, count, principal, interest):
    rows = []
    for n in range(count):
        index = start_month - 1 + n
        rows.append({"due_date": f"{start_year + index // 12}-{index % 12 + 1:02d}-{day:02d}",
                     "principal": principal, "interest": interest})
    return rows


EXAMPLES = {
    "jiebei_two_missed": {"product": "jiebei", "daily_rate": "0.04%", "as_of": "2026-04-10",
                          "installments": [{"due_date": "2026-02-10", "principal": "1600", "interest": "120"},
                                           {"due_date": "2026-03-10", "principal": "1650", "interest": "100"}]},
    "jintiao_three_missed": {"product": "jintiao", "daily_rate": "0.05%", "as_of": "2026-05-01",
                             "installments": _monthly(2026, 2, 1, 3, "1000", "90")},
    "loan_12_instalments": {"product": "bank_loan", "daily_rate": "0.05%", "as_of": "2027-01-20",
                            "installments": _monthly(2026, 1, 10, 12, "1600", "110"),
                            },
    "accelerated": {"product": "wangshangdai", "daily_rate": "0.05%", "as_of": "2026-05-10",
                    "installments": [{"due_date": "2026-02-10", "principal": "1000", "interest": "150"},
                                     {"due_date": "2026-03-10", "principal": "1000", "interest": "135"}],
                    "accelerated_on": "2026-04-01", "remaining_principal": "10000"},
}
EXAMPLE = "jiebei_two_missed"


def view(result):
    m = money
    extra = (f"（其中罚息 {m.yuan(result['penalty_interest'])}、复利 {m.yuan(result['compound_interest'])}）"
             if result["loan_method"] == "penalty_rate" else
             f"（其中违约金 {m.yuan(result['penalty_interest'])}、继续计算的合同利息 {m.yuan(result['contract_interest'])}）")
    sentence = (f"{result['product_label']}逾期 {len([r for r in result['rows'] if r['label'] != '提前到期的剩余本金'])} 期，"
                f"到 {result['as_of']} 等下去的代价共 {m.yuan(result['penalty'])}{extra}；现在到期要还 "
                f"{m.yuan(result['owed_now'])}，每多拖一天多 {m.yuan(result['per_day'])}，"
                f"折合年化 {m.annual_percent(result['annual_rate_equivalent'])}。")
    penalty_label = "罚息（元）" if result["loan_method"] == "penalty_rate" else "违约金（元）"
    third = ui.column("复利（元）", True) if result["loan_method"] == "penalty_rate" else ui.column("合同利息（元）", True)
    table = ui.table("每一期的费用", [
        ui.column("哪一期"), ui.column("还款日"), ui.column("逾期天数"), ui.column("本金（元）", True),
        ui.column("利息（元）", True), ui.column(penalty_label, True), third, ui.column("每天多付（元）", True)],
        [[row["label"], row["due_date"], row["days"], m.grouped(row["principal"]), m.grouped(row["interest"]),
          m.grouped(row["penalty_interest"]),
          m.grouped(row["compound_interest"] if result["loan_method"] == "penalty_rate" else row["contract_interest"]),
          m.grouped(row["per_day"])] for row in result["rows"]],
        collapsed="每一期的明细（表格）" if len(result["rows"]) > 6 else None)
    return ui.blocks(
        ui.headline(sentence),
        ui.figures(
            ("逾期本金", m.yuan(result["overdue_principal"])),
            ("逾期利息", m.yuan(result["overdue_interest"])),
            ("罚息" if result["loan_method"] == "penalty_rate" else "违约金", m.yuan(result["penalty_interest"])),
            ("复利", m.yuan(result["compound_interest"]) if result["loan_method"] == "penalty_rate" else None),
            ("合同利息", m.yuan(result["contract_interest"]) if result["loan_method"] != "penalty_rate" else None),
            ("每天多付", m.yuan(result["per_day"])),
        ),
        table,
        ui.notes(result["notes"]),
        ui.copy(f"【贷款逾期费用】{sentence}\n{ui.COPY_FOOTER}"),
    )
