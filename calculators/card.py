"""card — what a credit-card bill that was not paid in full costs, charged the way card agreements do.

Inputs (parsed by FIELDS): `bill_amount` (本期账单金额), `statement_date`, `due_date`, optional
`posting_date` (记账日), optional `payments` [{date, amount}], `as_of` (the day the cost is counted
to; the CLI requires it, the page fills in today), `daily_rate`, `minimum_ratio`, `late_fee_rate`
(defaults from product_rules.toml), optional `late_fee_min` / `late_fee_max`.

Conventions (the answer's notes and docs/calculators/card.md state them too):

- days count the start day and not the end day: interest for the days [from, to), so a charge
  posted on 30 Mar bears interest for 24 days up to 23 Apr; the cost "as of" a day counts the
  days before it (that day itself is `per_day`, the cost of one more day);
- payments totalling the bill by the due date (inclusive): nothing is charged;
- otherwise interest runs on the whole bill from the posting date at the daily rate (全额计息);
  a payment lowers the interest-bearing balance from its own date (that day included);
- a payment goes first to 违约金 already on a statement, then to interest already on a statement,
  then to principal (民法典 第五百六十一条: unless agreed otherwise; a card agreement may say
  otherwise); only what is left after all of that pays charges not yet on a statement;
- each later statement date S_k (the same day of each following month, clamped to the month's
  end) puts the interest accrued so far, rounded to the fen, on the statement: from then on it is
  part of the interest-bearing balance (monthly compounding); 违约金 never bear interest
  (人民银行 2016 年通知, facts.md §4b);
- minimums: the first is minimum_ratio × bill_amount; each later one is minimum_ratio × the
  principal still owed + the interest and 违约金 put on that statement + the unpaid part of the
  previous minimum (what was not paid before this statement), never more than the statement's
  balance; rounded to the fen;
- due dates: the first one, then the same number of days after each later statement date; at the
  end of a due date (a payment on the due date is on time) the part of that statement's minimum
  not paid since the statement draws 违约金 = late_fee_rate × that part, rounded to the fen, kept
  within [late_fee_min, late_fee_max] where given. A due date counts once it is before `as_of`.

Same-day order: a statement is cut at the start of its day, payments are made during the day, a due
date is checked at its end. Money is exact Decimal throughout; only what a statement shows (the
interest and 违约金 it bills, its minimum) and the outputs are rounded to the fen.

Result: `interest`, `late_fees`, `penalty` (their sum), `owed_now`, `per_day` (the interest one more
day costs now: interest-bearing balance × daily rate), `statements` (each: date, due_date, balance,
interest, fee, minimum, paid, unpaid_minimum), `per_day` = the cost of the next 30 days (interest,
compounding and the next 违约金) ÷ 30 and `annual_rate_equivalent` = that cost ÷ the principal owed ×
365 ÷ 30, as every tool defines them (debt.py); without a `posting_date`:
`penalty_low` (posted on the statement date) and `penalty_high` (posted on the previous
statement date, a month earlier); the other figures then use the high end (a cost shown too low
hurts a borrower more than one shown too high) and the notes say so.
"""

import datetime
from decimal import Decimal

from . import legal, money, parsing, rules
from . import view as ui
from .parsing import field

RATE_KEY = "credit_card.daily_interest_rate"
MINIMUM_KEY = "credit_card.minimum_payment_ratio"
LATE_FEE_KEY = "credit_card.late_fee_rate"
FRAUD_KEY = "law.credit_card_fraud_threshold"
FRAUD_MONTHS_KEY = "law.credit_card_fraud_unpaid_months"
MAX_DUE_OFFSET = 27  # a due date stays before the next statement date (the shortest gap is 28 days)
MAX_SPAN_DAYS = 3660  # about ten years of statements
MAX_PAYMENTS = 360
AHEAD_DAYS = 30  # per_day: the cost of the next 30 days spread per day (as in debt.py)
ZERO = Decimal(0)

TITLE = ("信用卡逾期费用（按银行规则）", "Credit card: what an unpaid bill costs")

FIELDS = (
    field("bill_amount", "本期账单金额（元）", "Statement balance (yuan)", "amount", required=True,
          hint="例如 20000 或 2万", help="账单上的“本期应还金额”"),
    field("statement_date", "账单日", "Statement date", "date", required=True, hint="例如 2026-01-05"),
    field("due_date", "到期还款日", "Payment due date", "date", required=True, hint="例如 2026-01-25"),
    field("posting_date", "记账日（不知道可以不填）", "Posting date (optional)", "date", required=False,
          hint="例如 2025-12-20",
          help="消费入账的日期，看账单明细；不填就按最早（上一个账单日）和最晚（本账单日）两种情况给出范围"),
    field("payments", "已经还的钱", "Payments made", "list", required=False,
          hint="每笔一行：日期和金额", max_items=MAX_PAYMENTS, item_fields=(
              field("date", "还款日期", "Date", "date", required=True, hint="例如 2026-01-25"),
              field("amount", "还款金额（元）", "Amount (yuan)", "amount", required=True, hint="例如 2000"),
          )),
    field("as_of", "算到哪一天", "Count up to (date)", "date", required=True, hint="例如 2026-04-25",
          help="一般填今天", default_today=True),
    field("daily_rate", "日利率（每天，看账单或合同）", "Daily interest rate", "daily_rate", required=False,
          hint="例如 0.05% 或 万分之五", help="不填则用常见的 0.05%/天；以你的账单为准"),
    field("minimum_ratio", "最低还款比例", "Minimum payment ratio", "fee_rate", required=False,
          hint="例如 10%", help="不填则按常见的 10%；以你的账单为准"),
    field("late_fee_rate", "违约金比例（占未还最低还款额）", "Late fee (share of the unpaid minimum)",
          "fee_rate", required=False, hint="例如 5%", help="不填则按常见的 5%；以你的信用卡合同为准"),
    field("late_fee_min", "每次违约金最少（元）", "Late fee at least (yuan)", "amount", required=False,
          hint="例如 1（合同没写就不填）", allow_zero=True),
    field("late_fee_max", "每次违约金最多（元）", "Late fee at most (yuan)", "amount", required=False,
          hint="例如 500（合同没写就不填）", allow_zero=True, at_least="late_fee_min"),
)


def add_months(start, months):
    """The same day of the month `months` later (or earlier), clamped to the month's last day."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (following - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(start.day, last_day))


def _clamp_fee(fee, low, high):
    if low is not None and fee < low:
        fee = low
    if high is not None and fee > high:
        fee = high
    return fee


def model(bill, statement, due, posting, payments, as_of, daily_rate, minimum_ratio, late_fee_rate,
          late_fee_min=None, late_fee_max=None):
    """The card's charges on parsed values (Decimals and dates); `payments` [(date, amount)].

    Returns a dict of Decimals (unrounded where not billed): interest, late_fees, penalty, owed,
    per_day, principal_days, overpaid, paid_in_full_by_due, statements [dicts], next_due (date or
    None), next_minimum_unpaid.
    """
    payments = sorted(payments, key=lambda pay: pay[0])
    offset = (due - statement).days
    paid_by_due = sum((amount for day, amount in payments if day <= due), ZERO)
    first_minimum = min(money.fen(minimum_ratio * bill), bill)

    state = {"p": bill, "bi": ZERO, "ui": ZERO, "bf": ZERO, "uf": ZERO, "credit": ZERO}
    totals = {"interest": ZERO, "fees": ZERO, "principal_days": ZERO}
    statements = [{"date": statement, "due_date": due, "balance": bill, "interest": ZERO, "fee": ZERO,
                   "minimum": first_minimum, "paid": ZERO, "paid_by_due": ZERO, "unpaid_minimum": None}]

    if paid_by_due >= bill or as_of <= due:
        # nothing charged: paid in full by the due date, or the due date has not passed yet
        paid = sum((amount for _, amount in payments), ZERO)
        statements[0]["paid"] = statements[0]["paid_by_due"] = paid
        owed = max(bill - paid, ZERO)
        return {"interest": ZERO, "late_fees": ZERO, "penalty": ZERO, "owed": owed, "per_day": ZERO,
                "principal_days": ZERO, "overpaid": max(paid - bill, ZERO),
                "paid_in_full_by_due": paid_by_due >= bill, "statements": statements,
                "next_due": None if paid_by_due >= bill else due, "next_minimum_unpaid": max(first_minimum - paid, ZERO)}

    # the calendar: statements after the first, due dates, payments
    later_statements = []
    k = 1
    while True:
        day = add_months(statement, k)
        if day > as_of:
            break
        later_statements.append(day)
        k += 1
    cycle_starts = [statement] + later_statements
    due_dates = [start + datetime.timedelta(days=offset) for start in cycle_starts]

    events = {}
    for index, day in enumerate(later_statements, 1):
        events.setdefault(day, []).append((0, "statement", index))
    for day, amount in payments:
        events.setdefault(day, []).append((1, "payment", amount))
    for index, day in enumerate(due_dates):
        if day < as_of:
            events.setdefault(day, []).append((2, "due", index))

    def accrue(days):
        if days > 0:
            bearing = state["p"] + state["bi"]
            state["ui"] += bearing * daily_rate * days
            totals["principal_days"] += state["p"] * days

    def pay(on, amount, cycle):
        statements[cycle]["paid"] += amount
        if on <= due_dates[cycle]:
            statements[cycle]["paid_by_due"] += amount
        for part in ("bf", "bi", "p", "uf", "ui"):
            used = min(state[part], amount)
            state[part] -= used
            amount -= used
        state["credit"] += amount

    def cut_statement(index):
        billed = money.fen(state["ui"])
        state["ui"] = ZERO
        totals["interest"] += billed
        fees = state["uf"]
        state["uf"] = ZERO
        state["bi"] += billed
        state["bf"] += fees
        for part in ("bf", "bi"):  # an overpayment pays what is billed now
            used = min(state[part], state["credit"])
            state[part] -= used
            state["credit"] -= used
        previous = statements[index - 1]
        carried = max(previous["minimum"] - previous["paid"], ZERO)
        balance = state["p"] + state["bi"] + state["bf"]
        minimum = min(money.fen(minimum_ratio * state["p"] + billed + fees + carried), balance)
        statements.append({"date": cycle_starts[index], "due_date": due_dates[index], "balance": balance,
                           "interest": billed, "fee": fees, "minimum": minimum, "paid": ZERO,
                           "paid_by_due": ZERO, "unpaid_minimum": None})

    def check_due(index):
        entry = statements[index]
        unpaid = max(entry["minimum"] - entry["paid_by_due"], ZERO)
        entry["unpaid_minimum"] = unpaid
        if unpaid > 0:
            fee = _clamp_fee(money.fen(late_fee_rate * unpaid), late_fee_min, late_fee_max)
            state["uf"] += fee
            totals["fees"] += fee

    current = posting
    cycle = 0
    for day in sorted(events):
        accrue((day - current).days)
        current = day
        for _, kind, value in sorted(events[day], key=lambda event: event[0]):
            if kind == "statement":
                cut_statement(value)
                cycle = value
            elif kind == "payment":
                pay(day, value, cycle)
            else:
                check_due(value)
    accrue((as_of - current).days)

    interest = totals["interest"] + state["ui"]
    owed = state["p"] + state["bi"] + state["bf"] + state["uf"] + state["ui"]
    last = statements[-1]
    next_due = last["due_date"] if last["due_date"] >= as_of else None
    return {
        "interest": interest,
        "late_fees": totals["fees"],
        "penalty": interest + totals["fees"],
        "owed": owed,
        "per_day": (state["p"] + state["bi"]) * daily_rate,
        "principal_days": totals["principal_days"],
        "overpaid": state["credit"],
        "paid_in_full_by_due": False,
        "statements": statements,
        "next_due": next_due,
        "next_minimum_unpaid": max(last["minimum"] - last["paid"], ZERO) if next_due else ZERO,
        "principal_owed": state["p"],
    }


TYPICAL_OFFSET_KEY = "credit_card.typical_days_statement_to_due"
ESTIMATE_STATEMENT = datetime.date(2026, 1, 5)  # any date: only the lengths of the months matter


def estimate(amount, days_overdue, daily_rate=None, minimum_ratio=None, late_fee_rate=None):
    """(low, high) penalty when only the amount and the days past the due date are known: nothing
    paid, the due date the rules file's typical number of days after the statement date, posted on
    the statement date (low) or a month earlier (high). Exact Decimals (interest + 违约金)."""
    rate_default, minimum_default, fee_default = defaults()
    offset = int(rules.value(TYPICAL_OFFSET_KEY))
    statement = ESTIMATE_STATEMENT
    due = statement + datetime.timedelta(days=offset)
    as_of = due + datetime.timedelta(days=days_overdue)
    args = (amount, statement, due)
    rest = ([], as_of, daily_rate if daily_rate is not None else rate_default,
            minimum_ratio if minimum_ratio is not None else minimum_default,
            late_fee_rate if late_fee_rate is not None else fee_default)
    low = model(*args, statement, *rest)
    high = model(*args, add_months(statement, -1), *rest)
    return low, high


def annual_rate(worked):
    """penalty ÷ principal-days × 365 (a simple annual rate, 违约金 included); 0 when nothing accrued."""
    if worked["principal_days"] <= 0:
        return ZERO
    return worked["penalty"] / worked["principal_days"] * 365


def defaults():
    """(daily rate, minimum ratio, late fee rate) from the rules file."""
    return rules.value(RATE_KEY), rules.value(MINIMUM_KEY), rules.value(LATE_FEE_KEY)


def due_date_problem(statement, due):
    """What is wrong with the due date `due` of a statement dated `statement`, in the words shown next
    to the due date's box, or None: it comes after the statement date, at most MAX_DUE_OFFSET days
    after it. The `debts` calculator checks each card's dates with this too."""
    if due <= statement:
        return "到期还款日要晚于账单日，请看账单"
    if (due - statement).days > MAX_DUE_OFFSET:
        return f"到期还款日离账单日超过 {MAX_DUE_OFFSET} 天，请检查（一般在账单日后 18–25 天）"
    return None


def _check(values, errors):
    statement, due, posting, as_of = (values[name] for name in ("statement_date", "due_date", "posting_date", "as_of"))
    if statement and due:
        problem = due_date_problem(statement, due)
        if problem:
            errors.add("due_date", problem)
    if statement and posting:
        if posting > statement:
            errors.add("posting_date", "记账日不能晚于账单日：账单日之后入账的消费在下一期账单里")
        elif posting < add_months(statement, -1):
            errors.add("posting_date", f"记账日早于上一个账单日（{add_months(statement, -1).isoformat()}），"
                                       "那笔消费应当在上一期账单里，请检查")
    if statement and as_of:
        if as_of < statement:
            errors.add("as_of", "“算到哪一天”不能早于账单日")
        elif (as_of - statement).days > MAX_SPAN_DAYS:
            errors.add("as_of", "“算到哪一天”离账单日超过 10 年，请检查")
    for item in values["payments"]:
        day = item["date"]
        path = f"payments.{item['index']}.date"
        if day is None:
            continue
        if as_of and day > as_of:
            errors.add(path, "还款日期晚于“算到哪一天”，还没发生的还款请不要填")
        elif statement and day < statement:
            errors.add(path, "还款日期早于账单日：账单日之前的还款已经算在账单金额里了，请不要再填")
    low, high = values["late_fee_min"], values["late_fee_max"]
    if low is not None and high is not None and low > high:
        errors.add("late_fee_max", "违约金最多不能比最少还小，请检查")


def calculate(inputs):
    with money.context():
        values, notes, errors = parsing.read(FIELDS, inputs)
        _check(values, errors)
        errors.raise_if_any()
        rate_default, minimum_default, fee_default = defaults()
        daily_rate = values["daily_rate"] if values["daily_rate"] is not None else rate_default
        minimum_ratio = values["minimum_ratio"] if values["minimum_ratio"] is not None else minimum_default
        late_fee_rate = values["late_fee_rate"] if values["late_fee_rate"] is not None else fee_default
        bill, statement, due, as_of = (values[n] for n in ("bill_amount", "statement_date", "due_date", "as_of"))
        payments = [(item["date"], item["amount"]) for item in values["payments"]]
        args = (bill, statement, due)
        rest = (payments, as_of, daily_rate, minimum_ratio, late_fee_rate, values["late_fee_min"], values["late_fee_max"])

        posting = values["posting_date"]
        low = high = None
        if posting is None:
            low = model(*args, statement, *rest)
            posting = add_months(statement, -1)
        worked = model(*args, posting, *rest)
        if low is not None:
            high = worked
        # what waiting costs from now: the next 30 days (the next 违约金 and compounding included), per day;
        # the same definition as every other tool (debt.py)
        ahead = model(*args, posting, payments, as_of + datetime.timedelta(days=AHEAD_DAYS), *rest[2:])
        cost_ahead = ahead["penalty"] - worked["penalty"] if as_of > due and not worked["paid_in_full_by_due"] else ZERO
        base = worked.get("principal_owed", bill)
        annual = cost_ahead / base * 365 / AHEAD_DAYS if base > 0 else ZERO
        worked = dict(worked, per_day=cost_ahead / AHEAD_DAYS)
        notes += _notes(values, worked, annual, daily_rate, minimum_ratio, late_fee_rate, posting, low is not None)

        def day(value):
            return value.isoformat() if value else None

        result = {
            "calculator": "card",
            "bill_amount": money.money(bill),
            "statement_date": day(statement),
            "due_date": day(due),
            "posting_date": day(values["posting_date"]),
            "posting_date_used": day(posting),
            "as_of": day(as_of),
            "days_since_due": max((as_of - due).days, 0),
            "days_since_posting": max((as_of - posting).days, 0),
            "daily_rate": money.rate(daily_rate),
            "minimum_ratio": money.rate(minimum_ratio),
            "late_fee_rate": money.rate(late_fee_rate),
            "paid_in_full_by_due": worked["paid_in_full_by_due"],
            "paid_total": money.money(sum((amount for _, amount in payments), ZERO)),
            "interest": money.money(worked["interest"]),
            "late_fees": money.money(worked["late_fees"]),
            "penalty": money.money(money.fen(worked["interest"]) + worked["late_fees"]),
            "owed_now": money.money(worked["owed"]),
            "overpaid": money.money(worked["overpaid"]),
            "per_day": money.money(worked["per_day"]),
            "annual_rate_equivalent": money.rate(annual),
            "next_due_date": day(worked["next_due"]),
            "next_minimum_unpaid": money.money(worked["next_minimum_unpaid"]),
            "statements": [
                {"date": day(entry["date"]), "due_date": day(entry["due_date"]),
                 "balance": money.money(entry["balance"]), "interest": money.money(entry["interest"]),
                 "fee": money.money(entry["fee"]), "minimum": money.money(entry["minimum"]),
                 "paid": money.money(entry["paid"]),
                 "unpaid_minimum": None if entry["unpaid_minimum"] is None else money.money(entry["unpaid_minimum"])}
                for entry in worked["statements"]
            ],
            "notes": notes,
        }
        if low is not None:
            result["penalty_low"] = money.money(money.fen(low["interest"]) + low["late_fees"])
            result["penalty_high"] = money.money(money.fen(high["interest"]) + high["late_fees"])
            result["owed_now_low"] = money.money(low["owed"])
            result["owed_now_high"] = money.money(high["owed"])
        return result


def _notes(values, worked, annual, daily_rate, minimum_ratio, late_fee_rate, posting, range_shown):
    notes = []

    def source(value, key, what, unit=""):
        if values[what] is None:
            return f"{rules.format_value(key)}（常见默认值，{rules.format_citation(key)}）"
        return f"{rules.percent(value)}{unit}（你填写的）"

    notes.append(f"日利率 {source(daily_rate, RATE_KEY, 'daily_rate', '/天')}；最低还款比例 "
                 f"{source(minimum_ratio, MINIMUM_KEY, 'minimum_ratio')}；违约金比例 "
                 f"{source(late_fee_rate, LATE_FEE_KEY, 'late_fee_rate')}。你的账单和信用卡合同上的数才算数。")
    if worked["paid_in_full_by_due"]:
        notes.append("到期还款日（含当天）之前已经全额还清：享受免息期，不收利息，也没有违约金。")
        return notes
    if values["as_of"] <= values["due_date"]:
        notes.append("还没过到期还款日：到那天（含当天）全额还清就不收利息；只还一部分或只还最低还款，"
                     "就会从记账日起对整笔账单计息（全额计息）。")
        return notes
    notes += [
        "算法（和多数银行信用卡合同一样）：没有在到期还款日前全额还清，整笔账单从记账日起按日计息（全额计息），"
        "天数算头不算尾；每还一笔钱，从还款当天起按减少后的欠款计息。",
        "每月账单日把之前的利息记入账单，之后这部分利息也计息（按月计收复利）；违约金不计息"
        "（人民银行 2016 年《关于信用卡业务有关事项的通知》）。",
        "还款先抵已经出账的违约金，再抵已出账的利息，最后抵本金（民法典 第五百六十一条：没有约定时先费用、再利息、"
        "后本金；你的信用卡合同可能另有约定）。",
        "最低还款额：第一期是账单金额 × 最低还款比例；以后每期是剩余本金 × 比例 + 这期记入的利息和违约金 + "
        "上期没还上的最低还款额，所以没还的最低还款会越滚越大。",
        "每个到期还款日，最低还款额没还上的部分按违约金比例收违约金"
        + ("（并按你填写的最少、最多金额调整）" if values["late_fee_min"] is not None or values["late_fee_max"] is not None
           else "；很多银行有最低和最高限额，合同里写了可以填上")
        + f"。{rules.get(LATE_FEE_KEY)['note']}",
    ]
    if range_shown:
        notes.append(
            f"没有填记账日：上面的数按最早的记账日（上一个账单日 {posting.isoformat()}）计算，是可能的最高值；"
            "消费越晚入账，利息越少，最低的情况是记账日就是账单日。请看账单明细里的记账日，填上就能算准。")
    notes.append(
        f"再拖下去每天多付和折合年化 {money.annual_percent(annual)}：按接下来 30 天的利息和违约金算"
        "（÷ 30 是每天，÷ 欠的本金 × 365 是年化），违约金算在内。")
    notes.extend(legal.comparison_notes(annual, licensed=True))
    unpaid_days = (values["as_of"] - values["due_date"]).days
    if worked.get("principal_owed", ZERO) >= rules.value(FRAUD_KEY) \
            and unpaid_days >= 30 * int(rules.value(FRAUD_MONTHS_KEY)):
        notes.append(
            "注意：未还本金 5 万元以上、逾期 3 个月以上，如果又收到过两次有效催收（间隔至少 30 天），"
            f"可能涉及恶意透支的刑事风险（{rules.format_citation(FRAUD_KEY)}）。请尽快和银行协商还款。")
    return notes


EXAMPLES = {
    "published_example": {"bill_amount": "1000", "posting_date": "2026-03-30", "statement_date": "2026-04-05",
                          "due_date": "2026-04-23", "payments": [{"date": "2026-04-23", "amount": "100"}],
                          "as_of": "2026-05-05"},
    "ninety_days_no_posting_date": {"bill_amount": "20000", "statement_date": "2026-01-05",
                                    "due_date": "2026-01-25", "as_of": "2026-04-25"},
    "card_24_months": {"bill_amount": "30000", "posting_date": "2024-12-20", "statement_date": "2025-01-05",
                       "due_date": "2025-01-25",
                       "payments": [{"date": f"2025-{month:02d}-25", "amount": "1000"} for month in range(1, 13)],
                       "as_of": "2027-01-25", "late_fee_min": "1", "late_fee_max": "500"},
}
EXAMPLE = "published_example"


def view(result):
    m = money
    if result["paid_in_full_by_due"]:
        sentence = f"这期账单 {m.yuan(result['bill_amount'])} 已在到期还款日前全额还清，不收利息和违约金。"
        return ui.blocks(ui.headline(sentence), ui.notes(result["notes"]), ui.copy(f"【信用卡账单】{sentence}\n{ui.COPY_FOOTER}"))
    if result["days_since_due"] == 0:
        sentence = (f"还没过到期还款日 {result['due_date']}：在那天（含当天）前还清 {m.yuan(result['owed_now'])} 就不收利息；"
                    "只还一部分，就会从记账日起对整笔账单计息。")
        return ui.blocks(ui.headline(sentence), ui.notes(result["notes"]), ui.copy(f"【信用卡账单】{sentence}\n{ui.COPY_FOOTER}"))
    ranged = "penalty_low" in result
    cost = (f"利息和违约金约 {m.yuan(result['penalty_low'])} 到 {m.yuan(result['penalty_high'])}（看记账日）"
            if ranged else f"利息 {m.yuan(result['interest'])}、违约金 {m.yuan(result['late_fees'])}，共 {m.yuan(result['penalty'])}")
    owed = (f"现在一共欠约 {m.yuan(result['owed_now_low'])} 到 {m.yuan(result['owed_now_high'])}" if ranged
            else f"现在一共欠 {m.yuan(result['owed_now'])}")
    sentence = (f"账单 {m.yuan(result['bill_amount'])}，过了还款日 {result['days_since_due']} 天，到 {result['as_of']} "
                f"{cost}；{owed}，再拖下去每天多 {m.yuan(result['per_day'])}（利息和违约金摊到每天），"
                f"折合年化 {m.annual_percent(result['annual_rate_equivalent'])}（违约金算在内）。")
    rows = result["statements"]
    columns = [ui.column("账单日"), ui.column("还款日"), ui.column("账单金额（元）", True), ui.column("记入利息（元）", True),
               ui.column("记入违约金（元）", True), ui.column("最低还款（元）", True), ui.column("已还（元）", True)]
    table = ui.table("每期账单（按上面的规则推算）", columns,
                     [[row["date"], row["due_date"], m.grouped(row["balance"]), m.grouped(row["interest"]),
                       m.grouped(row["fee"]), m.grouped(row["minimum"]), m.grouped(row["paid"])] for row in rows],
                     collapsed="每期账单的明细（表格）" if len(rows) > 6 else None)
    chart = ui.chart("没还清时账单越滚越大：每期账单金额（元）",
                     [(index, row["balance"]) for index, row in enumerate(rows)], "期", "元") if len(rows) > 2 else None
    next_due = (f"下一个到期还款日 {result['next_due_date']}：这期最低还款还差 {m.yuan(result['next_minimum_unpaid'])}，"
                "不还上会再收一次违约金。") if result["next_due_date"] and Decimal(result["next_minimum_unpaid"]) > 0 else None
    return ui.blocks(
        ui.headline(sentence),
        ui.figures(
            ("本期账单", m.yuan(result["bill_amount"])),
            ("已还", m.yuan(result["paid_total"])),
            ("利息", m.yuan(result["interest"])),
            ("违约金", m.yuan(result["late_fees"])),
            ("利息和违约金（最低）", m.yuan(result["penalty_low"]) if ranged else None),
            ("利息和违约金（最高）", m.yuan(result["penalty_high"]) if ranged else None),
            ("现在一共欠", m.yuan(result["owed_now"])),
            ("日利率", m.small_percent(result["daily_rate"])),
        ),
        ui.warning(next_due) if next_due else None,
        chart,
        table,
        ui.notes(result["notes"]),
        ui.copy(f"【信用卡逾期费用】{sentence}\n{ui.COPY_FOOTER}"),
    )
