"""debts — several debts at once: what each costs, who comes first, and how to split the money.

Each debt is priced by debt.cost (the one model of a debt: the same figures as the quick penalty
calculator and the action plan for the same debt and day). A debt may say how much of it is overdue
(`overdue_amount`, blank = all of it) and, for a credit card, its own statement and due dates
(with `as_of`; typed days that disagree with them are an error naming both).

The split of `monthly_available` follows stated principles, in this order (each is said in the answer):
1. legal risk first: a debt marked as sued, judged or under enforcement (`court_stage`) comes first;
   then overdue credit cards when their principal, added across the cards each overdue 3 months or
   more (the 2018 两高 interpretation counts the holder's unpaid overdrawn principal), reaches
   5万 (刑法 第一百九十六条): a warning with what to do.
2. no overdue lender gets 0: every overdue debt first gets its floor, budget.token_share of its
   principal (at least budget.token_minimum, at most the principal); a debt not yet overdue with a
   minimum payment (花呗, 信用卡) gets its minimum. When the money does not cover every floor, it is
   split in proportion to the floors (each still gets something) and every lender is asked for a
   pause; with nothing at all, every lender is asked for a pause.
3. the rest by the chosen `strategy`: avalanche (最贵的先还: highest annual cost first), pro_rata
   (按比例: by principal), snowball (先还清小的: smallest principal first); legal-risk debts head the
   order of avalanche and snowball. `strategies` compares all three: months to clear everything if
   the lenders stop charging (as the plan asks), and if they do not (charges go on at each debt's
   current cost), with the extra paid.
The split is of the principal (the plan asks each lender to waive the charges so far and to stop
charging); each debt's share is constant until it is paid off, then its money goes to the others by
the same strategy ("rolls over"): `schedule` gives each debt's payments as phases.
All in fen; the shares sum exactly to monthly_available, or to the total principal when that is less.
"""

from decimal import ROUND_DOWN, Decimal

from . import card, debt, money, parsing, plan, rules
from . import view as ui
from .parsing import field

MAX_DEBTS = 30
ZERO = Decimal(0)
FEN = Decimal("0.01")
TOKEN_SHARE_KEY = "budget.token_share"
TOKEN_MINIMUM_KEY = "budget.token_minimum"
MAX_MONTHS = plan.MAX_MONTHS

STRATEGIES = (
    ("avalanche", "最贵的先还"),
    ("pro_rata", "按比例分"),
    ("snowball", "先还清小的"),
)
STRATEGY_LABELS = dict(STRATEGIES)
STRATEGY_EXPLAINED = {
    "avalanche": "多出来的钱先给折合年化最高的一笔：罚息照算时多付得最少。",
    "pro_rata": "多出来的钱按本金比例分给每一家：每家每月都拿到差不多的份额，最容易谈，也最公平。",
    "snowball": "多出来的钱先给本金最小的一笔：最快还清一家，少一个催收的电话。",
}
COURT_STAGES = (
    ("", "没有（还没被起诉）"),
    ("sued", "已被起诉（收到法院传票、短信或支付令）"),
    ("judged", "已经判决或调解"),
    ("enforcement", "已进入强制执行"),
)
COURT_STAGE_LABELS = dict(COURT_STAGES)

TITLE = ('多笔欠款怎么还', 'Several debts: order and split')


def overdue_amount_field(**extra):
    return field("overdue_amount", "其中已逾期的金额（元）", "Of which overdue (yuan)", "amount", required=False,
                 hint="例如 3750；空着 = 全部逾期",
                 help="分期贷款只逾期了几期时，填逾期那几期的本金（看 App）；信用卡、花呗一般空着", **extra)


def court_stage_field(**extra):
    return field("court_stage", "到了法院哪一步", "Court stage", "choice", required=False, hint="例如 已被起诉",
                 choices=COURT_STAGES, default="", **extra)


FIELDS = (
    field("debts", "欠款列表", "Debts", "list", required=True, hint="每笔欠款一行", max_items=MAX_DEBTS,
          item_fields=(
              field("label", "名称", "Name", "text", required=False, hint="例如 招行信用卡"),
              field("product", "产品", "Product", "choice", required=True, hint="例如 花呗",
                    choices=debt.DEBT_PRODUCTS, default="custom"),
              field("amount", "欠款本金（元）", "Amount owed (yuan)", "amount", required=True,
                    hint="例如 5000 或 1.2万"),
              overdue_amount_field(),
              field("days", "已逾期天数（天）", "Days overdue", "integer", required=False, hint="例如 30，没逾期填 0",
                    min=0, max=3650),
              field("daily_rate", "日利率（每天，看账单或合同）", "Daily rate (from your bill or contract)",
                    "daily_rate", required=False, required_if={"product": list(debt.RATE_REQUIRED)},
                    hint="例如 0.05% 或 万分之五"),
              field("statement_date", "账单日（信用卡，知道就填）", "Statement date (card, optional)", "date",
                    required=False, hint="例如 2026-01-05", show_if={"product": list(debt.CARD_PRODUCTS)}),
              field("due_date", "到期还款日（知道就填）", "Due date (optional)", "date",
                    required=False, hint="例如 2026-01-25"),
              court_stage_field(),
          )),
    field("as_of", "算到哪一天", "Count up to (date)", "date", required=False, hint="例如 2026-04-25",
          help="填了到期还款日时用；一般填今天", default_today=True),
    field("monthly_available", "每月能拿出来还款的钱（元）", "Money available each month (yuan)", "amount",
          required=True, hint="例如 3000", allow_zero=True),
    field("strategy", "多出来的钱怎么分", "How to split the rest", "choice", required=False, hint="例如 最贵的先还",
          choices=STRATEGIES, default="avalanche",
          help="每一笔逾期的欠款先分到最少的一份，剩下的钱按这里选的分法分；三种分法的比较在结果里"),
)


# ---------------------------------------------------------------- pricing each debt

def price(items, as_of, errors, where="debts"):
    """Each parsed debt item priced by debt.cost: a list of dicts (Decimals). Adds an error for typed
    days that disagree with the due date, and for a due date after `as_of`."""
    priced = []
    for item in items:
        path = f"{where}.{item['index']}."
        statement, due = item.get("statement_date"), item.get("due_date")
        product = item["product"]
        if due is not None and as_of is not None:
            if statement and card.due_date_problem(statement, due):
                errors.add(path + "due_date", f"到期还款日要在账单日之后 {card.MAX_DUE_OFFSET} 天以内，请看账单")
                continue
            if statement and as_of < statement:
                errors.add("as_of", "“算到哪一天”不能早于信用卡的账单日")
                continue
            conflict = debt.days_conflict(item.get("days"), due, as_of)
            if conflict:
                errors.add(path + "days", conflict)
                continue
        days = item.get("days")
        if days is None and due is not None and as_of is not None:
            days = debt.days_from_dates(due, as_of)
        overdue_amount = item.get("overdue_amount")
        if overdue_amount is not None and overdue_amount > item["amount"]:
            errors.add(path + "overdue_amount", "已逾期的金额不能大于欠款本金，请检查")
            continue
        figures = debt.cost(product, item["amount"], days or 0, overdue_amount=overdue_amount,
                            daily_rate=item.get("daily_rate"), minimum_payment=item.get("minimum_payment"),
                            statement_date=statement if product in debt.CARD_PRODUCTS else None,
                            due_date=due if product in debt.CARD_PRODUCTS else None, as_of=as_of)
        figures.update(index=item["index"], label=item.get("label") or "",
                       court_stage=item.get("court_stage") or "",
                       product_label=debt.PRODUCT_RULES[product]["label"])
        priced.append(figures)
    return priced


def name(entry):
    return entry["label"] or f"第 {entry['index'] + 1} 笔（{entry['product_label']}）"


# ---------------------------------------------------------------- the split

def _split(total, weights):
    """`total` (fen) in proportion to `weights` (Decimals), in fen, largest remainder first; sums to total."""
    whole = sum(weights, ZERO)
    if whole <= 0 or total <= 0:
        return [ZERO for _ in weights]
    raw = [total * weight / whole for weight in weights]
    shares = [value.quantize(FEN, rounding=ROUND_DOWN) for value in raw]
    left = int(((total - sum(shares, ZERO)) / FEN).to_integral_value())
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - shares[i]), i))
    for i in order[:left]:
        shares[i] += FEN
    return shares


def floor_of(entry):
    """The least this debt gets each month (see the module's doc), in fen."""
    amount = entry["amount"]
    if entry["days"] > 0:
        token = max(rules.value(TOKEN_MINIMUM_KEY), money.fen(amount * rules.value(TOKEN_SHARE_KEY)))
        return min(token, amount)
    if entry.get("minimum_due") is not None:
        return min(money.fen(entry["minimum_due"]), amount)
    return ZERO


def order_key(strategy):
    def key(entry):
        legal = (not entry["court_stage"], not entry["risk"])
        if strategy == "snowball":
            return legal + (entry["amount"], -entry["annual"], entry["index"])
        return legal + (-entry["annual"], entry["amount"], entry["index"])
    return key


def _rest(strategy, entries, balances, shares, rest):
    """Give `rest` (fen) to `entries` by `strategy`, each up to its balance not yet covered."""
    room = {e["index"]: balances[e["index"]] - shares[e["index"]] for e in entries}
    open_entries = [e for e in entries if room[e["index"]] > 0]
    if strategy == "pro_rata":
        while rest > 0 and open_entries:
            parts = _split(rest, [room[e["index"]] for e in open_entries])
            for entry, part in zip(open_entries, parts):
                used = min(part, room[entry["index"]])
                shares[entry["index"]] += used
                room[entry["index"]] -= used
                rest -= used
            open_entries = [e for e in open_entries if room[e["index"]] > 0]
        return rest
    for entry in sorted(open_entries, key=order_key(strategy)):
        used = min(rest, room[entry["index"]])
        shares[entry["index"]] += used
        rest -= used
    return rest


def allocate(entries, available, strategy):
    """This month's shares {index: Decimal} and how they were found ("floors", "short", "none")."""
    balances = {e["index"]: e["amount"] for e in entries}
    floors = {e["index"]: floor_of(e) for e in entries}
    needed = sum(floors.values(), ZERO)
    shares = {e["index"]: ZERO for e in entries}
    if available <= 0:
        return shares, "none"
    if available < needed:
        floored = [e for e in entries if floors[e["index"]] > 0]
        for entry, part in zip(floored, _split(available, [floors[e["index"]] for e in floored])):
            shares[entry["index"]] = part
        return shares, "short"
    for index, value in floors.items():
        shares[index] = value
    _rest(strategy, entries, balances, shares, available - needed)
    return shares, "floors"


def simulate(entries, first_shares, strategy, charges=False):
    """Month by month from this month's shares: each debt's share is paid until it is paid off, then
    its money goes to the others by `strategy`. With `charges`, the overdue principal still owed keeps
    costing what it costs now (the per-day figure × 30 ÷ the overdue amount, per yuan; not compounded;
    a payment goes to the overdue part of a debt first), and a payment
    pays those charges before the principal (民法典 第五百六十一条). Returns {"months": int or None (not
    within MAX_MONTHS), "extra": Decimal (charges over the whole time), "extra_12": Decimal (over the
    first 12 months), "payments": {index: [amount per month]}}."""
    principal = {e["index"]: e["amount"] for e in entries}
    owed_charges = {e["index"]: ZERO for e in entries}
    monthly_cost = {e["index"]: e["per_day"] * 30 / e["overdue"] if e["overdue"] > 0 else ZERO for e in entries}
    not_due = {e["index"]: e["amount"] - e["overdue"] for e in entries}
    share = dict(first_shares)
    payments = {e["index"]: [] for e in entries}
    extra = extra_12 = ZERO
    balance = {i: principal[i] for i in principal}
    for month in range(1, MAX_MONTHS + 1):
        freed = ZERO
        for e in entries:
            i = e["index"]
            if charges and principal[i] > 0:
                added = money.fen(max(principal[i] - not_due[i], ZERO) * monthly_cost[i])
                owed_charges[i] += added
                extra += added
                if month <= 12:
                    extra_12 += added
            paid = min(share[i], principal[i] + owed_charges[i])
            to_charges = min(paid, owed_charges[i])
            owed_charges[i] -= to_charges
            principal[i] -= paid - to_charges
            balance[i] = principal[i] + owed_charges[i]
            payments[i].append(paid)
            if balance[i] <= 0 and share[i] > 0:
                freed += share[i]
                share[i] = ZERO
        if all(value <= 0 for value in balance.values()):
            return {"months": month, "extra": extra, "extra_12": extra_12, "payments": payments}
        if freed > 0:
            still = [e for e in entries if balance[e["index"]] > 0]
            _rest(strategy, still, balance, share, freed)
    return {"months": None, "extra": extra, "extra_12": extra_12, "payments": payments}


def phases(amounts):
    """[(from_month, to_month, amount)] runs of equal payments (months from 1), zeros at the end dropped."""
    while amounts and amounts[-1] <= 0:
        amounts = amounts[:-1]
    runs = []
    for month, amount in enumerate(amounts, 1):
        if runs and runs[-1][2] == amount:
            runs[-1] = (runs[-1][0], month, amount)
        else:
            runs.append((month, month, amount))
    return runs


def schedule_text(runs):
    """'第 1–8 个月每月 300.00 元，第 9 个月 150.00 元' (empty list: '')."""
    parts = []
    for start, end, amount in runs:
        when = f"第 {start} 个月" if start == end else f"第 {start}–{end} 个月"
        parts.append(f"{when}{'每月 ' if start != end else ' '}{money.money_text(amount)}")
    return "，".join(parts)


def plan_split(entries, available, strategy):
    """Everything a split says: the shares, each debt's schedule, the comparison of the strategies."""
    shares, how = allocate(entries, available, strategy)
    compare = []
    for key, label in STRATEGIES:
        first, _ = allocate(entries, available, key)
        stopped = simulate(entries, first, key)
        going = simulate(entries, first, key, charges=True)
        compare.append({"strategy": key, "label": label, "first_month": first,
                        "months": stopped["months"], "months_if_charged": going["months"],
                        "extra_if_charged": going["extra"] if going["months"] else None,
                        "extra_12_if_charged": going["extra_12"]})
    chosen = simulate(entries, shares, strategy)
    schedules = {i: phases(amounts) for i, amounts in chosen["payments"].items()}
    return {"shares": shares, "how": how, "strategies": compare, "schedules": schedules,
            "months": chosen["months"]}


# ---------------------------------------------------------------- the calculator

def mark_risks(entries):
    """Sets entry["risk"] (恶意透支 line over the cards added up) and returns (total, at_risk, count)."""
    cards = [e for e in entries if e["method"] == "credit_card"]
    total, at_risk = debt.card_fraud_line([(e["amount"], e["days"]) for e in cards])
    months = int(rules.value(debt.FRAUD_MONTHS_KEY))
    counted = [e for e in cards if e["days"] >= 30 * months]
    for entry in entries:
        entry["risk"] = at_risk and any(entry is other for other in counted)
    return total, at_risk, len(counted)


def reasons(ordered, strategy):
    """The 'why' sentence of each debt, from the same numbers as the table."""
    for rank, entry in enumerate(ordered, 1):
        entry["rank"] = rank
        per_hundred = money.money_text(entry["per_day"] * 100 / entry["overdue"] if entry["overdue"] > 0 else ZERO)
        annual = money.percent_text(entry["annual"])
        if entry["court_stage"]:
            entry["reason"] = (f"{COURT_STAGE_LABELS[entry['court_stage']]}：先按法院的程序处理（期限很短），"
                               "再谈其他几笔。")
            continue
        if entry["risk"]:
            entry["reason"] = "信用卡逾期超过 3 个月、几张卡本金合计达到 5 万元：有恶意透支的风险，最先和银行协商。"
            continue
        if entry["days"] == 0:
            entry["reason"] = f"还没逾期：先按时还最低还款，别让它也逾期（如果逾期，折合年化约 {annual}）。"
            continue
        text = (f"每 100 元逾期欠款每天多付约 {per_hundred}（折合年化约 {annual}）")
        before = [e for e in ordered[: rank - 1] if not e["court_stage"] and not e["risk"] and e["days"] > 0]
        if strategy == "avalanche":
            if not before:
                text += "，是这些欠款里最贵的。"
            elif before[-1]["annual"] == entry["annual"]:
                text += f"，和{name(before[-1])}一样贵，余额更大，排在后面。"
            else:
                text += f"，比{name(before[-1])}便宜，排第 {rank}。"
        elif strategy == "snowball":
            text += "，本金最小，先还清它。" if not before else f"，本金比{name(before[-1])}大，排第 {rank}。"
        else:
            text += "。"
        if not entry["rate_from_bill"] and entry["method"] != "late_fee_and_interest":
            text += "（用的是常见默认费率，请按账单核对）"
        entry["reason"] = text


def calculate(inputs):
    with money.context():
        values, notes, errors = parsing.read(FIELDS, inputs)
        errors.raise_if_any()
        entries = price(values["debts"], values["as_of"], errors)
        errors.raise_if_any()
        result = summarise(entries, values["monthly_available"], values["strategy"] or "avalanche")
        result["notes"] = notes + result["notes"]
        return result


def summarise(entries, available, strategy):
    """The debts calculator's answer for priced `entries` (shared with the action plan)."""
    total, at_risk, count = mark_risks(entries)
    ordered = sorted(entries, key=order_key(strategy))
    reasons(ordered, strategy)
    split = plan_split(entries, available, strategy)
    shares = split["shares"]
    notes = []
    warnings = []
    if at_risk:
        warnings.append(debt.card_fraud_warning(total, count))
    if any(e["court_stage"] for e in entries):
        warnings.append("有一笔已经到了法院：先看“被起诉了怎么办”“判决之后”，按法院的期限处理（答辩、异议、"
                        "履行或和解），再谈其他几笔；它排在最前面。")
    overdue = [e for e in entries if e["days"] > 0]
    if split["how"] == "none":
        notes.append("每月没有余钱可以还：向每一家都说明情况，请求暂停催收、停息，等收入恢复后再谈；"
                     "不要借新还旧。")
    elif split["how"] == "short":
        notes.append("每月的钱不够给每一笔逾期欠款都分到最少的一份（本金的 "
                     f"{rules.format_value(TOKEN_SHARE_KEY)}，至少 {rules.format_value(TOKEN_MINIMUM_KEY)}）："
                     "按比例分给每一家，每家都有一点；向每一家都请求暂停催收、停息。")
    else:
        notes.append(
            f"先给每一笔逾期的欠款分到最少的一份（本金的 {rules.format_value(TOKEN_SHARE_KEY)}，"
            f"至少 {rules.format_value(TOKEN_MINIMUM_KEY)}；{rules.get(TOKEN_SHARE_KEY)['note']}）"
            + ("，还没逾期的花呗、信用卡分到最低还款" if any(e["days"] == 0 and floor_of(e) > 0 for e in entries) else "")
            + f"；剩下的按“{STRATEGY_LABELS[strategy]}”分：{STRATEGY_EXPLAINED[strategy]}")
    notes.append("分的是本金：和每家谈时，请求减免已产生的罚息、违约金，并停止计息；"
                 "一笔还清后，它的钱接着给别的几笔（见每一笔的安排）。")
    notes.append("三种分法比较：如果每家都同意停息，总共要还的钱一样多，区别只在每家拿到钱的早晚；"
                 "如果罚息照算，“最贵的先还”多付得最少。")
    total_amount = sum((e["amount"] for e in entries), ZERO)
    total_penalty = sum((money.fen(e["penalty"]) for e in entries), ZERO)
    allocated = sum(shares.values(), ZERO)
    rows = []
    for e in entries:
        runs = split["schedules"][e["index"]]
        rows.append({
            "index": e["index"], "label": e["label"], "name": name(e), "product": e["product"],
            "product_label": e["product_label"], "amount": money.money(e["amount"]),
            "overdue_amount": money.money(e["overdue"]), "days": e["days"],
            "penalty": money.money(e["penalty"]), "owed_now": money.money(e["amount"] + money.fen(e["penalty"])),
            "cost_per_day": money.money(e["per_day"]), "annual_rate_equivalent": money.rate(e["annual"]),
            "daily_rate_source": "bill" if e["rate_from_bill"] else "default",
            "criminal_risk": e["risk"], "court_stage": e["court_stage"], "rank": e["rank"], "reason": e["reason"],
            "floor": money.money(floor_of(e)),
            "minimum_due": money.money(e["minimum_due"]) if e.get("minimum_due") is not None else None,
            "penalty_low": money.money(e["penalty_low"]) if e.get("penalty_low") is not None else None,
            "penalty_high": money.money(e["penalty_high"]) if e.get("penalty_high") is not None else None,
            "allocation": money.money(shares[e["index"]]),
            "months": runs[-1][1] if runs else None,
            "schedule": [{"from": a, "to": b, "amount": money.money(v)} for a, b, v in runs],
            "schedule_text": schedule_text(runs),
            "days_from": e["days_from"],
        })
    per_day_total = sum((e["per_day"] for e in entries), ZERO)
    over = [e for e in entries if e["annual"] > rules.value("law.licensed_lender_court_line")]
    return {
        "calculator": "debts",
        "strategy": strategy,
        "strategy_label": STRATEGY_LABELS[strategy],
        "total_amount": money.money(total_amount),
        "total_penalty": money.money(total_penalty),
        "total_owed_now": money.money(total_amount + total_penalty),
        "total_cost_per_day": money.money(per_day_total),
        "monthly_available": money.money(available),
        "allocated_total": money.money(allocated),
        "unallocated": money.money(available - allocated),
        "split": split["how"],
        "months_to_clear": split["months"],
        "order": [e["index"] for e in ordered],
        "card_principal_overdue_3_months": money.money(total),
        "criminal_risk": at_risk,
        "over_24_count": len(over),
        "overdue_count": len(overdue),
        "debts": rows,
        "allocation": [{"index": e["index"], "name": name(e), "amount": money.money(shares[e["index"]])} for e in ordered],
        "strategies": [{"strategy": s["strategy"], "label": s["label"], "months": s["months"],
                        "months_if_charged": s["months_if_charged"],
                        "extra_if_charged": (money.money(s["extra_if_charged"])
                                             if s["extra_if_charged"] is not None else None),
                        "extra_12_if_charged": money.money(s["extra_12_if_charged"]),
                        "first_month": [{"index": e["index"], "amount": money.money(s["first_month"][e["index"]])}
                                        for e in ordered]}
                       for s in split["strategies"]],
        "warnings": warnings,
        "notes": notes,
    }


EXAMPLES = {
    "two_debts": {"debts": [{"label": "花呗", "product": "huabei", "amount": "8000", "days": "40"},
                            {"label": "借呗", "product": "jiebei", "amount": "2万", "days": "20", "daily_rate": "0.04%"}],
                  "monthly_available": "2000"},
    "three_cards": {"debts": [{"label": "招行卡", "product": "credit_card", "amount": "30000", "days": "120"},
                              {"label": "建行卡", "product": "credit_card", "amount": "18000", "days": "100"},
                              {"label": "广发卡", "product": "credit_card", "amount": "12000", "days": "90"}],
                    "monthly_available": "2610"},
    "card_at_risk": {"debts": [{"label": "招行信用卡", "product": "credit_card", "amount": "6万", "days": "120"},
                               {"product": "huabei", "amount": "3000", "days": "10"}],
                     "monthly_available": "3000"},
}
EXAMPLE = "two_debts"


def months_text(value):
    return f"{value} 个月" if value else f"{MAX_MONTHS} 个月内还不完"


def strategy_table(result, names):
    """The side-by-side comparison of the three splits."""
    rows = []
    for s in result["strategies"]:
        first = "、".join(f"{names[item['index']]} {money.grouped(item['amount'])}" for item in s["first_month"])
        rows.append([s["label"] + ("（选中的）" if s["strategy"] == result["strategy"] else ""),
                     months_text(s["months"]), months_text(s["months_if_charged"]),
                     money.grouped(s["extra_12_if_charged"]), first])
    return ui.table("三种分法比较", [ui.column("分法"), ui.column("都停息时还清要"), ui.column("罚息照算时还清要"),
                                 ui.column("罚息照算时头 12 个月多付（元）", True), ui.column("第一个月每家分到（元）")],
                    rows)


def view(result):
    m = money
    ranked = sorted(result["debts"], key=lambda entry: entry["rank"])
    names = {entry["index"]: entry["name"] for entry in result["debts"]}
    shares = "、".join(f"{item['name']} {m.yuan(item['amount'])}" for item in result["allocation"])
    sentence = (f"一共欠 {m.yuan(result['total_owed_now'])}（其中罚息 {m.yuan(result['total_penalty'])}），"
                f"再拖下去每天多付 {m.yuan(result['total_cost_per_day'])}。"
                + (f"每月 {m.yuan(result['monthly_available'])} 按“{result['strategy_label']}”这样分：{shares}。"
                   if Decimal(result["monthly_available"]) > 0 else "每月没有余钱：向每一家请求暂停催收、停息。"))
    left = Decimal(result["unallocated"]) > 0
    return ui.blocks(
        ui.headline(sentence),
        *[ui.warning(text) for text in result["warnings"]],
        ui.paragraph(f"还剩 {m.yuan(result['unallocated'])} 没有分出去（已经够还清全部本金）。") if left else None,
        ui.table("每一笔：先后、代价和每月分到多少", [
            ui.column("顺序"), ui.column("欠款"), ui.column("现在欠（元）", True), ui.column("每天多付（元）", True),
            ui.column("折合年化"), ui.column("每月分到（元）", True), ui.column("还款安排"), ui.column("为什么")],
            [[entry["rank"], entry["name"], m.grouped(entry["owed_now"]), m.grouped(entry["cost_per_day"]),
              m.annual_percent(entry["annual_rate_equivalent"]), m.grouped(entry["allocation"]),
              entry["schedule_text"] or "—", entry["reason"]]
             for entry in ranked]),
        strategy_table(result, names),
        ui.notes(result["notes"]),
        ui.copy(f"【我的欠款和还款分配】{sentence}"),
    )
