"""apr — what an offer truly costs, as an annual rate by the internal-rate-of-return method.

Two ways to describe the offer (`mode`; if it is left out, `payments` given means "payments"):
- "fee": `principal` + `periods` + `fee_rate` — a flat total fee spread evenly over the periods and
  the principal split evenly (花呗分期 / card instalments); the schedule is plan.py's "fee" method.
- "payments": `principal` + `payments` (the monthly amounts, first one a month after the money is
  received) + optional upfront `fee` deducted at the start (the person receives principal − fee).
  `payments` is a list of {"amount": "..."} dicts (what the browser sends); a plain list of amount
  strings is accepted too. Blank rows are skipped; errors name the row as "payments.2.amount".

Returns `apr` (monthly IRR × 12: the IRR method is one way to give the 年化利率 that PBOC 公告〔2021〕第3号
asks lenders to show — all the borrowing costs over the principal actually in use, annualised, by
simple or compound calculation),
`ear` ((1 + monthly IRR)^12 − 1), `monthly_rate`, `received`, `total_paid`, `total_cost`
(total paid − amount received), `private_lending` (legal.cap_result for the optional `signed_on`,
the date a private loan's contract was signed; None without it) and Chinese `notes`. The IRR is solved in Decimal to 1e-15 a month.
"""

from decimal import Decimal

from . import legal, money, parsing, plan, rules
from . import view as ui
from .parsing import field

MODES = (("fee", "总手续费率（如花呗分期）"), ("payments", "逐月还款金额"))
MAX_PERIODS = 120
MAX_PAYMENTS = 360

TITLE = ('真实年化利率', 'True annual rate (APR by IRR)')

FIELDS = (
    field("mode", "怎么描述这笔分期", "How the offer is described", "choice", required=False,
          hint="例如 总手续费率", choices=MODES, default=None,
          help="不填时：填了逐月还款金额就按逐月金额算，否则按总手续费率算"),
    field("principal", "借款或分期金额（元）", "Amount borrowed (yuan)", "amount", required=True,
          hint="例如 10000 或 1万"),
    field("periods", "期数（月）", "Number of monthly periods", "integer", required=True, hint="例如 12",
          min=1, max=MAX_PERIODS, show_if={"mode": ["fee"]}),
    field("fee_rate", "总手续费率（占本金）", "Total fee (share of the principal)", "fee_rate", required=True,
          hint="例如 8.8% 或 0.088", show_if={"mode": ["fee"]}),
    field("payments", "每月还款金额", "Monthly payments", "list", required=True, hint="每期一行",
          show_if={"mode": ["payments"]}, item_scalar="amount", max_items=MAX_PAYMENTS,
          item_fields=(
              field("amount", "这一期还款（元）", "Payment (yuan)", "amount", required=True,
                    hint="例如 906.66", allow_zero=True),
          )),
    field("fee", "放款时先扣的费用（元）", "Fee deducted upfront (yuan)", "amount", required=False,
          hint="例如 500（没有就不填）", allow_zero=True, show_if={"mode": ["payments"]}),
    field("signed_on", "借款合同签订日期（向个人借的才需要）", "Date the contract was signed (private loans)",
          "date", required=False, hint="例如 2021-03-05",
          help="向个人或没有放贷牌照的公司借的钱（民间借贷），法院支持的利率上限按签合同时的 LPR 算；"
               "银行、消费金融公司、花呗、借呗等不用填"),
)


def _with_mode(inputs):
    """`inputs` with a `mode` filled in when it was left blank: "payments" if any were given."""
    if not isinstance(inputs, dict):
        return inputs
    mode = inputs.get("mode")
    if mode is None or (isinstance(mode, str) and not mode.strip()):
        payments = inputs.get("payments")
        blank = payments is None or parsing.is_blank(payments) or (
            isinstance(payments, (list, tuple)) and all(parsing.is_blank(item) for item in payments))
        return dict(inputs, mode="fee" if blank else "payments")
    return inputs


def comparison_notes(apr, signed_on=None):
    """Sentences comparing an APR with the 24% court line and the 4×LPR private-lending cap: for a
    contract signed on `signed_on` when the date is given, else only when the APR is above today's cap."""
    notes = legal.comparison_notes(apr, licensed=True)
    if signed_on is not None or apr > rules.value(legal.CAP_KEY):
        notes.append(legal.private_lending_sentence(apr, signed_on))
    return notes


def calculate(inputs):
    with money.context():
        inputs = _with_mode(inputs)
        values, notes, errors = parsing.read(FIELDS, inputs)
        principal, mode = values["principal"], values["mode"]
        if mode == "payments" and principal is not None and values["fee"] is not None \
                and values["fee"] >= principal:
            errors.add("fee", "先扣的费用不能大于或等于借款金额，请检查")
        payments = []
        if mode == "payments" and values["payments"]:
            payments = [item["amount"] for item in values["payments"] if item["amount"] is not None]
            if not errors and sum(payments, Decimal(0)) == 0:
                errors.add("payments", "每月还款金额都是 0，请填写每期实际要还的金额")
        errors.raise_if_any()

        if mode == "fee":
            schedule = plan.build(principal, values["periods"], "fee", fee_rate=values["fee_rate"])
            payments = [row["payment"] for row in schedule["rows"]]
            received = principal
        else:
            received = principal - (values["fee"] or Decimal(0))
        monthly = money.irr(received, payments)
        total_paid = sum(payments, Decimal(0))
        if monthly is None:
            if total_paid < received:
                message = (f"这些还款加起来 {money.money_text(total_paid)}，还不到实际到手的 "
                           f"{money.money_text(received)}，算不出利率；请检查每期金额和期数")
            else:
                message = "按这些金额算出的利率高得不正常（每月超过 1000%），请检查每期金额"
            raise parsing.FieldErrors([{"field": "payments", "message": message}])
        apr = monthly * 12
        ear = money.effective_annual(monthly)
        n = len(payments)
        if mode == "fee":
            naive = values["fee_rate"] / n * 12
            notes.append(
                f"把“{n} 期、总手续费 {rules.percent(values['fee_rate'])}”简单折算成年利率是 "
                f"{money.percent_text(naive)}（手续费 ÷ 期数 × 12），但本金每月都在减少，"
                f"后面几期你用的钱越来越少、手续费却不变，所以按内部收益率（IRR）算的真实年化是 {money.percent_text(apr)}。"
            )
        else:
            if values["fee"]:
                notes.append(
                    f"放款时先扣了 {money.money_text(values['fee'])}，你实际只拿到 {money.money_text(received)}；"
                    f"利率按实际到手的钱计算（民法典 第六百七十条：利息不得预先在本金中扣除）。"
                )
            notes.append(f"按 {n} 期、第一期在拿到钱一个月后计算。")
        notes.append(
            f"真实年化利率（IRR 法，月利率 {money.small_percent(monthly)} × 12）{money.annual_percent(apr)}；"
            f"按复利算的实际年利率 {money.percent_text(ear)}。"
        )
        notes.extend(comparison_notes(apr, values["signed_on"]))
        return {
            "calculator": "apr",
            "mode": mode,
            "principal": money.money(principal),
            "received": money.money(received),
            "periods": n,
            "total_paid": money.money(total_paid),
            "total_cost": money.money(total_paid - received),
            "monthly_rate": money.rate(monthly),
            "apr": money.rate(apr),
            "ear": money.rate(ear),
            "private_lending": legal.cap_result(values["signed_on"]) if values["signed_on"] else None,
            "notes": notes,
        }


EXAMPLES = {
    "huabei_12_periods": {"mode": "fee", "principal": "10000", "periods": "12", "fee_rate": "8.8%"},
    "upfront_fee": {"mode": "payments", "principal": "10000", "fee": "500",
                    "payments": [{"amount": "900"}] * 12},
    "private_loan_2020": {"mode": "payments", "principal": "20000", "fee": "2000",
                          "payments": [{"amount": "2000"}] * 12, "signed_on": "2020-06-15"},
}
EXAMPLE = "huabei_12_periods"


def view(result):
    m = money
    sentence = (f"真实年化利率 {m.annual_percent(result['apr'])}（内部收益率法）：实际到手 {m.yuan(result['received'])}，"
                f"{result['periods']} 期一共还 {m.yuan(result['total_paid'])}，多付 {m.yuan(result['total_cost'])}。")
    return ui.blocks(
        ui.headline(sentence),
        ui.figures(("月利率（IRR）", m.small_percent(result["monthly_rate"])),
                   ("年化（月利率 × 12）", m.annual_percent(result["apr"])),
                   ("按复利的实际年利率", m.annual_percent(result["ear"])),
                   legal.cap_figure(result["private_lending"]) if result.get("private_lending")
                   else ("民间借贷上限", None)),
        ui.notes(result["notes"]),
        ui.copy(f"【这笔分期的真实成本】{sentence}\n请按实际年化利率向我说明费用。"),
    )
