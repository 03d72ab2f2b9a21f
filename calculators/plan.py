"""plan — a repayment schedule, rounded to the fen, and what it truly costs (APR by IRR).

Methods:
- equal_payment (等额本息): payment = P·r / (1 − (1+r)^−n), r = annual_rate / 12, rounded half-up to
  the fen; each row's interest = balance × r rounded to the fen, principal = payment − interest;
- equal_principal (等额本金): principal P/n each month (rounded down to the fen), interest = balance × r;
- fee (分期手续费, 花呗分期 / card instalments): principal P/n each month, plus the total fee
  P × fee_rate spread evenly (both rounded down to the fen); the fee is shown as `interest`;
- interest_free (停息挂账): principal only, P/n each month.
In every method the last row takes the remainder, so the principal column sums exactly to P and
the last balance is 0.00. `apr` = monthly IRR × 12 (PBOC 公告〔2021〕第3号 asks lenders to show a
年化利率: all the borrowing costs over the principal actually in use, annualised; the IRR method is one
way to compute it), `ear` = (1 + monthly IRR)^12 − 1. Rates are six-decimal fraction strings.
"""

import datetime
from decimal import Decimal

from . import legal, money, parsing, rules
from . import view as ui
from .parsing import field

METHODS = (
    ("equal_payment", "等额本息（每月还款相同）"),
    ("equal_principal", "等额本金（每月本金相同）"),
    ("fee", "分期手续费（如花呗分期、信用卡分期）"),
    ("interest_free", "停息挂账（只还本金）"),
)
METHOD_LABELS = dict(METHODS)
RATE_METHODS = ("equal_payment", "equal_principal")
MAX_MONTHS = 120

TITLE = ('还款计划', 'Repayment schedule')

FIELDS = (
    field("principal", "本金（元）", "Principal (yuan)", "amount", required=True, hint="例如 10000 或 1万"),
    field("months", "期数（月）", "Number of months", "integer", required=True, hint="例如 12",
          min=1, max=MAX_MONTHS),
    field("method", "还款方式", "Repayment method", "choice", required=True, hint="例如 等额本息",
          choices=METHODS, default="equal_payment"),
    field("annual_rate", "年利率（每年）", "Annual interest rate", "rate", required=True,
          hint="例如 18% 或 0.18", show_if={"method": list(RATE_METHODS)}),
    field("fee_rate", "总手续费率（占本金）", "Total fee (share of the principal)", "fee_rate",
          required=True, hint="例如 8.8% 或 0.088", show_if={"method": ["fee"]},
          help="整个分期一共收的手续费占本金的比例，例如花呗 12 期常见为 8.8%"),
    field("first_due", "第一期还款日", "First due date", "date", required=False, hint="例如 2026-01-05"),
)


def _add_months(start, months):
    """Same day of the month `months` later, clamped to the month's last day."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(start.day, last_day))


def _equal_payment_rows(principal, months, r, round_payment):
    """等额本息 rows. The exact (unrounded) annuity gives the interest; the payment is rounded to
    the fen and is the same every month except the last. The interest column is the difference of
    the rounded running total of the exact interest, so it sums to the exact total interest rounded
    to the fen (what numpy-financial's ipmt gives); the last row takes the remainder of both."""
    exact_payment = principal / months if r == 0 else principal * r / (1 - (1 + r) ** -months)
    payment = round_payment(exact_payment)
    rows = []
    balance = exact_balance = principal
    exact_interest_total = shown_interest = Decimal(0)
    for period in range(1, months + 1):
        exact_interest = exact_balance * r
        exact_balance -= exact_payment - exact_interest
        exact_interest_total += exact_interest
        interest = money.fen(exact_interest_total) - shown_interest
        if period == months:
            part = balance
        else:
            interest = min(interest, payment)  # only for loans of a few fen
            part = min(payment - interest, balance)
        shown_interest += interest
        balance -= part
        rows.append((period, part + interest, part, interest, balance))
    return rows


def schedule_rows(principal, months, method, annual_rate=None, fee_rate=None):
    """Rows of Decimals (already rounded to the fen): dicts period, payment, principal, interest, balance."""
    rows = []
    balance = principal
    if method == "equal_payment":
        rows = _equal_payment_rows(principal, months, annual_rate / 12, money.fen)
        if any(row[4] == 0 for row in rows[:-1]):  # rounding up paid a tiny loan off early
            rows = _equal_payment_rows(principal, months, annual_rate / 12, money.fen_down)
    elif method in ("equal_principal", "fee", "interest_free"):
        parts = money.split_evenly(principal, months)
        if method == "fee":
            interests = money.split_evenly(money.fen(principal * fee_rate), months)
        for period, part in enumerate(parts, 1):
            if method == "equal_principal":
                interest = money.fen(balance * annual_rate / 12)
            elif method == "fee":
                interest = interests[period - 1]
            else:
                interest = Decimal(0)
            balance -= part
            rows.append((period, part + interest, part, interest, balance))
    else:
        raise ValueError(method)
    keys = ("period", "payment", "principal", "interest", "balance")
    return [dict(zip(keys, row)) for row in rows]


def build(principal, months, method, annual_rate=None, fee_rate=None, first_due=None):
    """The whole plan on parsed values (Decimals): rows, totals, monthly IRR (or None)."""
    rows = schedule_rows(principal, months, method, annual_rate, fee_rate)
    if first_due is not None:
        for row in rows:
            row["due_date"] = _add_months(first_due, row["period"] - 1)
    total_payment = sum((row["payment"] for row in rows), Decimal(0))
    monthly_irr = money.irr(principal, [row["payment"] for row in rows])
    return {
        "rows": rows,
        "total_payment": total_payment,
        "total_interest": total_payment - principal,
        "max_payment": max(row["payment"] for row in rows),
        "monthly_irr": monthly_irr,
    }


def _notes(method, months, principal, annual_rate, fee_rate, plan):
    if method == "equal_payment":
        rounding = ("每月还款额四舍五入到分（只有在这样会提前还完的很小的借款里才向下取到分），"
                    "每期利息按精确的利息累计后取到分，最后一期补齐尾差")
    else:
        rounding = ("每期本金" + ("和手续费" if method == "fee" else "") + "向下取到分，"
                    + ("每期利息按剩余本金四舍五入到分，" if method == "equal_principal" else "")
                    + "最后一期补齐尾差")
    notes = [f"还款方式：{METHOD_LABELS[method]}。{rounding}，所以本金合计正好等于借款本金。"]
    apr = plan["monthly_irr"] * 12
    if method == "equal_payment":
        notes.append("等额本息：每月还款额相同，前期利息多、本金少，越往后本金越多。")
    elif method == "equal_principal":
        notes.append("等额本金：每月还的本金相同，利息按剩余本金计算，所以每月还款逐月减少，第一期最多。")
    elif method == "fee":
        naive = fee_rate / months * 12
        notes.append(
            f"手续费共 {money.money_text(plan['total_interest'])}，按期平摊。"
            f"很多人把“{months} 期 {rules.percent(fee_rate)}”理解成年利率 {money.percent_text(naive)}"
            f"（手续费 ÷ 期数 × 12），但本金每月在减少，按内部收益率（IRR）算真实年化约 {money.percent_text(apr)}。"
        )
        key = "credit_card.personalised_instalment_max_months"
        if months > rules.value(key):
            notes.append(f"信用卡分期最长 {rules.format_value(key)}（{rules.format_citation(key)}）。")
    else:
        notes.append(
            "停息挂账只还本金、不再计息；这是协商的结果，不是自动的。"
            "协议里要写清利息、费用、违约金是否停止，以及每期金额和日期。"
        )
        key = "credit_card.personalised_instalment_max_months"
        if months > rules.value(key):
            notes.append(f"信用卡个性化分期最长 {rules.format_value(key)}（{rules.format_citation(key)}），超过的期数银行通常不会同意。")
    if method != "interest_free":
        notes.append(
            f"真实年化利率（IRR 法，月利率 × 12）约 {money.percent_text(apr)}；"
            f"按复利算的实际年利率约 {money.percent_text(money.effective_annual(plan['monthly_irr']))}。"
        )
        line = legal.court_line_sentence(apr, "这")
        if line:
            notes.append(line)
    return notes


def calculate(inputs):
    with money.context():
        values, notes, errors = parsing.read(FIELDS, inputs)
        errors.raise_if_any()
        principal, months, method = values["principal"], values["months"], values["method"]
        plan = build(principal, months, method, values["annual_rate"], values["fee_rate"], values["first_due"])
        schedule = []
        for row in plan["rows"]:
            out = {
                "period": row["period"],
                "payment": money.money(row["payment"]),
                "principal": money.money(row["principal"]),
                "interest": money.money(row["interest"]),
                "balance": money.money(row["balance"]),
            }
            if "due_date" in row:
                out["due_date"] = row["due_date"].isoformat()
            schedule.append(out)
        apr = plan["monthly_irr"] * 12
        result = {
            "calculator": "plan",
            "method": method,
            "method_label": METHOD_LABELS[method],
            "principal": money.money(principal),
            "months": months,
            "schedule": schedule,
            "monthly_payment": schedule[0]["payment"],
            "max_payment": money.money(plan["max_payment"]),
            "total_payment": money.money(plan["total_payment"]),
            "total_interest": money.money(plan["total_interest"]),
            "apr": money.rate(apr),
            "ear": money.rate(money.effective_annual(plan["monthly_irr"])),
            "monthly_rate": money.rate(plan["monthly_irr"]),
            "notes": notes + _notes(method, months, principal, values["annual_rate"], values["fee_rate"], plan),
        }
        if values["annual_rate"] is not None:
            result["annual_rate"] = money.rate(values["annual_rate"])
        if values["fee_rate"] is not None:
            result["fee_rate"] = money.rate(values["fee_rate"])
        return result


EXAMPLES = {
    "equal_payment_12": {"principal": "10000", "months": "12", "method": "equal_payment", "annual_rate": "18%"},
    "huabei_fee_12": {"principal": "6000", "months": "12", "method": "fee", "fee_rate": "8.8%"},
    "interest_free_24": {"principal": "2万", "months": "24", "method": "interest_free", "first_due": "2027-01-31"},
    "long_120": {"principal": "100万", "months": "120", "method": "equal_principal", "annual_rate": "4.9%"},
}
EXAMPLE = "equal_payment_12"


def view(result):
    m = money
    method = result["method"]
    if method == "equal_principal":
        first = f"第一期还 {m.yuan(result['monthly_payment'])}（以后逐月减少）"
    else:
        first = f"每月还 {m.yuan(result['monthly_payment'])}"
    cost = "不计利息" if method == "interest_free" else f"折合年化 {m.annual_percent(result['apr'])}"
    sentence = f"{first}，共 {result['months']} 期，总利息 {m.yuan(result['total_interest'])}，{cost}。"
    schedule = result["schedule"]
    dated = any("due_date" in row for row in schedule)
    columns = [ui.column("期数")] + ([ui.column("还款日")] if dated else []) + [
        ui.column("还款额（元）", True), ui.column("本金（元）", True),
        ui.column("手续费（元）" if method == "fee" else "利息（元）", True), ui.column("剩余本金（元）", True)]
    rows = [[row["period"]] + ([row.get("due_date", "")] if dated else [])
            + [m.grouped(row[key]) for key in ("payment", "principal", "interest", "balance")] for row in schedule]
    return ui.blocks(
        ui.headline(sentence),
        ui.figures(("本金", m.yuan(result["principal"])), ("还款方式", result["method_label"]),
                   ("一共还", m.yuan(result["total_payment"])), ("最多一期", m.yuan(result["max_payment"]))),
        ui.chart("每月还完后还欠多少（剩余本金，元）", [(row["period"], row["balance"]) for row in schedule],
                 "期", "元", style="bar"),
        ui.table("还款计划表", columns, rows),
        ui.notes(result["notes"]),
        ui.link("加到手机日历：每期还款日前提醒我", "calendar", source="plan", principal=result["principal"],
                months=result["months"], method=method, annual_rate=result.get("annual_rate"),
                fee_rate=result.get("fee_rate"), first_due=schedule[0].get("due_date")),
        ui.copy(f"【我的还款方案】本金 {m.yuan(result['principal'])}，{result['method_label']}：{sentence}\n"
                f"一共还 {m.yuan(result['total_payment'])}。（用“协商还款指南”的计算器算的，可以按这个方案签分期协议吗？）"),
    )
