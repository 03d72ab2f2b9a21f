"""budget — what the person can afford each month for the debt being negotiated.

available = incomes − essential spending − other debts' required monthly payments, never below 0
(a negative result is reported as `shortfall`). Given `debt_amount`, `fitting_plans` gives for each
repayment method (plan.py's maths) the shortest number of months, at most 120, whose largest
monthly payment fits within `most_per_month` (available less the buffer), or months = null with a note when none fits. Methods with
a rate are tried only when that rate is given (`annual_rate` for 等额本息/等额本金, `fee_rate` for
分期手续费); 停息挂账 (principal only) is always tried.

`proposal` = {monthly_payment, months, method}: what to propose. It leaves a buffer: monthly_payment
= available × (1 − buffer), rounded down to the fen (`buffer` defaults to the rules file's
budget.buffer_share, 10 %); method "interest_free" (停息挂账, the thing to ask for: it is not
automatic) with the months that amount needs; `fallback` = the interest-bearing plan at the same
monthly amount (等额本息 at `annual_rate`, else 分期手续费 at `fee_rate`), when a rate is given and it
fits within 120 months. `fitting_plans` lists what fits the same `most_per_month`.
"""

from decimal import Decimal

from . import money, parsing, plan, rules
from . import view as ui
from .parsing import field

MAX_ITEMS = 30
BUFFER_KEY = "budget.buffer_share"


def _items(name, label, label_en, hint_label, hint_amount, required=False, **extra):
    return field(name, label, label_en, "list", required=required, hint=f"每项一行，例如 {hint_label} {hint_amount}",
                 max_items=MAX_ITEMS, **extra, item_fields=(
                     field("label", "名称", "Item", "text", required=False, hint=f"例如 {hint_label}"),
                     field("amount", "每月金额（元）", "Monthly amount (yuan)", "amount", required=True,
                           hint=f"例如 {hint_amount}", allow_zero=True),
                 ))


TITLE = ('每月能还多少', 'Monthly budget')

FIELDS = (
    # required: a blank form must not be read as "no income" and answered "每月没有余钱"; no income
    # at all is typed as 0
    _items("incomes", "每月收入", "Monthly income", "工资", "6000", required=True, empty_hint="没有收入就填 0"),
    _items("essentials", "每月必要开支（房租、吃饭、交通、看病、孩子）",
           "Essential monthly spending (rent, food, transport, medical, children)", "房租", "1500"),
    _items("other_debts", "其他每月必须还的钱", "Other required monthly debt payments", "房贷", "2000"),
    field("debt_amount", "要协商的这笔欠款（元）", "The debt being negotiated (yuan)", "amount",
          required=False, hint="例如 20000 或 2万"),
    field("annual_rate", "这笔欠款的年利率（每年）", "Its annual interest rate", "rate", required=False,
          hint="例如 18% 或 0.18（不知道可以不填）"),
    field("fee_rate", "分期总手续费率（占本金）", "Total instalment fee (share of the principal)", "fee_rate",
          required=False, hint="例如 8.8%（不知道可以不填）"),
    field("buffer", "留出的余地（占每月余钱的比例）", "Buffer kept back (share of what is left)", "fee_rate",
          required=False, hint="例如 10%", default=rules.percent(rules.value(BUFFER_KEY)),
          help="每月余钱里留一部分不拿来还款，应付生病、涨房租、收入晚到"),
)


def _total(items):
    return sum((item["amount"] for item in items if item["amount"] is not None), Decimal(0))


def shortest_plan(debt, method, available, annual_rate=None, fee_rate=None):
    """The shortest plan (months <= 120) whose largest payment fits `available`, or None."""
    def fits(months):
        rows = plan.schedule_rows(debt, months, method, annual_rate, fee_rate)
        return max(row["payment"] for row in rows) <= available

    if available <= 0 or not fits(plan.MAX_MONTHS):
        return None
    low, high = 1, plan.MAX_MONTHS  # fits(high) holds; the largest payment falls as months grow
    while low < high:
        middle = (low + high) // 2
        if fits(middle):
            high = middle
        else:
            low = middle + 1
    while high > 1 and fits(high - 1):  # guard against a rounding wobble
        high -= 1
    return high


def calculate(inputs):
    with money.context():
        values, notes, errors = parsing.read(FIELDS, inputs)
        errors.raise_if_any()
        income = _total(values["incomes"])
        essential = _total(values["essentials"])
        others = _total(values["other_debts"])
        left = income - essential - others
        available = max(left, Decimal(0))
        shortfall = max(-left, Decimal(0))
        debt = values["debt_amount"]
        cap_key = "credit_card.personalised_instalment_max_months"
        cap = int(rules.value(cap_key))

        buffer = values["buffer"]
        # what is offered: the buffer kept back; every plan listed fits this, not the whole of `available`
        monthly = money.fen_down(available * (1 - buffer)) if buffer < 1 else Decimal(0)
        fitting = []
        if debt is not None:
            methods = []
            if values["annual_rate"] is not None:
                methods += ["equal_payment", "equal_principal"]
            if values["fee_rate"] is not None:
                methods.append("fee")
            methods.append("interest_free")
            for method in methods:
                months = shortest_plan(debt, method, monthly, values["annual_rate"], values["fee_rate"])
                entry = {"method": method, "method_label": plan.METHOD_LABELS[method], "months": months}
                if months is None:
                    entry["fits"] = False
                    entry["note"] = (f"每月 {money.money_text(monthly)} 不够：即使分 {plan.MAX_MONTHS} 个月也还不上。"
                                     if monthly > 0 else "现在每月没有余钱，这种方式还不了。")
                else:
                    built = plan.build(debt, months, method, values["annual_rate"], values["fee_rate"])
                    entry.update({
                        "fits": True,
                        "monthly_payment": money.money(built["rows"][0]["payment"]),
                        "max_payment": money.money(built["max_payment"]),
                        "total_payment": money.money(built["total_payment"]),
                        "total_interest": money.money(built["total_interest"]),
                        "apr": money.rate(built["monthly_irr"] * 12),
                        "note": f"最短 {months} 个月，每月最多还 {money.money_text(built['max_payment'])}。"
                                + (f"超过 {cap} 个月：信用卡个性化分期最长 {rules.format_value(cap_key)}，"
                                   f"银行通常不会同意更长。" if months > cap else ""),
                    })
                fitting.append(entry)
            if values["annual_rate"] is None and values["fee_rate"] is None:
                notes.append("没有填写年利率或手续费率，所以只算了停息挂账（只还本金）；填上可以比较更多方案。")

        if available == 0:
            verdict = (
                (f"收入扣掉必要开支和其他必须还的钱后，每月还缺 {money.money_text(shortfall)}。" if shortfall else
                 "收入扣掉必要开支和其他必须还的钱后，每月没有余钱。")
                + "先保证吃、住、看病、孩子这些基本生活，这是正当的；不要借新还旧。"
                "可以如实告诉贷款方收入情况，申请延期还款、停息挂账，或者期限更长的个性化分期"
                f"（信用卡最长 {cap} 期），等收入恢复后再按能承受的金额还；谈好的方案请对方写成书面或保留录音。"
            )
        elif debt is None:
            verdict = (f"每月最多可以拿出 {money.money_text(available)} 还款。向贷款方提方案时，"
                       "每月金额最好留一点余地，别把生活费也算进去。")
        else:
            fitted = [entry for entry in fitting if entry["fits"]]
            if fitted:
                best = min(fitted, key=lambda entry: (Decimal(entry["total_payment"]), entry["months"]))
                verdict = (f"留出余地后每月最多还 {money.money_text(monthly)}。"
                           f"按“{best['method_label']}”，最短 {best['months']} 个月还完，"
                           f"每月最多 {money.money_text(Decimal(best['max_payment']))}，一共还 "
                           f"{money.money_text(Decimal(best['total_payment']))}。可以用这个金额和期数向贷款方提出方案。")
            else:
                verdict = (f"留出余地后每月能还 {money.money_text(monthly)}，但即使分 {plan.MAX_MONTHS} 个月也不够还这笔欠款。"
                           "可以向贷款方说明情况，申请停息挂账、减免罚息或更长期限的分期，"
                           f"并把每月 {money.money_text(monthly)} 作为你能承受的金额提出来。")
        proposal = fallback = None
        if debt is not None and monthly > 0:
            months = shortest_plan(debt, "interest_free", monthly)
            if months is not None:
                built = plan.build(debt, months, "interest_free")
                proposal = {"monthly_payment": money.money(built["max_payment"]), "months": months,
                            "method": "interest_free", "method_label": plan.METHOD_LABELS["interest_free"],
                            "most_per_month": money.money(monthly)}
            fallback_method = ("equal_payment" if values["annual_rate"] is not None
                               else "fee" if values["fee_rate"] is not None else None)
            if fallback_method:
                months = shortest_plan(debt, fallback_method, monthly, values["annual_rate"], values["fee_rate"])
                if months is not None:
                    built = plan.build(debt, months, fallback_method, values["annual_rate"], values["fee_rate"])
                    fallback = {"monthly_payment": money.money(built["max_payment"]), "months": months,
                                "method": fallback_method, "method_label": plan.METHOD_LABELS[fallback_method],
                                "total_interest": money.money(built["total_interest"])}
        if available > 0:
            kept = available - monthly
            why = (f"提方案时每月最多还 {money.money_text(monthly)}，留出 {money.money_text(kept)}"
                   f"（{rules.percent(buffer)}）作为余地：{rules.get(BUFFER_KEY)['note']}")
            if debt is None:
                verdict = f"每月最多可以拿出 {money.money_text(available)}。" + why
            elif proposal:
                verdict = (f"每月最多可以拿出 {money.money_text(available)}。{why}"
                           f"向贷款方申请停息挂账：每月 {money.money_text(Decimal(proposal['monthly_payment']))}，"
                           f"{proposal['months']} 个月还完本金。"
                           "停息挂账要对方同意，不是自动的。")
                if fallback:
                    verdict += (f"如果对方不同意停息，退一步可以按{fallback['method_label']}，每月最多 "
                                f"{money.money_text(Decimal(fallback['monthly_payment']))}，{fallback['months']} 个月，"
                                f"利息或手续费共 {money.money_text(Decimal(fallback['total_interest']))}。")
                elif values["annual_rate"] is None and values["fee_rate"] is None:
                    verdict += "如果对方不同意停息，要按利息分期：填上年利率，可以算出同样每月金额要多少个月。"
                else:
                    verdict += f"如果对方不同意停息，按利息分期每月 {money.money_text(monthly)} 在 {plan.MAX_MONTHS} 个月内还不完，要争取减免利息或更长的期限。"
                if proposal["months"] > cap:
                    verdict += f"超过 {cap} 个月：信用卡个性化分期最长 {rules.format_value(cap_key)}，银行通常不会同意更长。"
        result = {
            "calculator": "budget",
            "income_total": money.money(income),
            "essential_total": money.money(essential),
            "other_debts_total": money.money(others),
            "available": money.money(available),
            "shortfall": money.money(shortfall),
            "verdict": verdict,
            "notes": notes,
        }
        result["buffer"] = money.rate(buffer)
        result["most_per_month"] = money.money(monthly)
        result["proposal"] = proposal
        result["fallback"] = fallback
        if debt is not None:
            result["debt_amount"] = money.money(debt)
            result["fitting_plans"] = fitting
        return result


EXAMPLES = {
    "salary_and_debt": {"incomes": [{"label": "工资", "amount": "6000"}],
                        "essentials": [{"label": "房租", "amount": "1500"}, {"label": "吃饭", "amount": "1500"}],
                        "other_debts": [{"label": "车贷", "amount": "500"}], "debt_amount": "20000",
                        "annual_rate": "18%"},
    "other_debts_cause_gap": {"incomes": [{"label": "工资", "amount": "5000"}],
                              "essentials": [{"label": "生活", "amount": "3000"}],
                              "other_debts": [{"label": "房贷", "amount": "3000"}]},
}
EXAMPLE = "salary_and_debt"


def view(result):
    m = money
    parts = [f"每月收入 {m.yuan(result['income_total'])}，必要开支 {m.yuan(result['essential_total'])}"]
    if Decimal(result["other_debts_total"]) > 0:
        parts.append(f"其他必须还的 {m.yuan(result['other_debts_total'])}")
    sentence = "，".join(parts) + f"，每月最多能拿出 {m.yuan(result['available'])} 还这笔欠款。"
    short = Decimal(result["shortfall"]) > 0
    plans = result.get("fitting_plans") or []
    table = None
    if plans:
        table = ui.table(f"留出余地后每月最多还 {m.yuan(result['most_per_month'])}：放得下的还款方案", [
            ui.column("还款方式"), ui.column("最少几期"), ui.column("每月最多还（元）", True),
            ui.column("总利息或手续费（元）", True), ui.column("折合年化")],
            [[row["method_label"], row["months"] if row["months"] is not None else "放不下",
              m.grouped(row["max_payment"]) if row.get("max_payment") else "",
              m.grouped(row["total_interest"]) if row.get("total_interest") else "",
              m.annual_percent(row["apr"]) if row.get("apr") else ""] for row in plans])
    proposal, fallback = result.get("proposal"), result.get("fallback")
    figures = None
    if proposal:
        figures = ui.figures(
            ("建议每月还", m.yuan(proposal["monthly_payment"])),
            ("先申请", f"{proposal['method_label']}，{proposal['months']} 个月"),
            ("对方不同意时", f"{fallback['method_label']}，{fallback['months']} 个月" if fallback else None),
            ("留出的余地", m.annual_percent(result["buffer"])),
        )
    return ui.blocks(
        ui.headline(sentence),
        (ui.warning if short else ui.paragraph)(result["verdict"]),
        figures,
        table,
        ui.notes(result["notes"]),
        ui.copy(f"【我每月能还多少】{sentence}\n{result['verdict']}"),
    )
