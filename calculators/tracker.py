"""tracker — 我的还款协议: what was agreed with each lender, what has been paid, what is behind and what is next.

Inputs: `agreements` (each: lender, monthly, months, first_due; optional kind, total, agreed_on,
reference, cannot_pay), `payments` (each: lender, date, amount; optional note) and `as_of` (today).

The schedule of one agreement: instalment i (1 … months) is due on the same day of the month as
`first_due`, i − 1 months later; a 31st falls on the last day of a shorter month — the reminders'
rule, `plan._add_months`, the same function `calendar` uses. Every instalment is `monthly`, except
the last, which makes the total: `total` when given (so a total that is not monthly × months is
met by a larger or smaller last instalment), else monthly × months. A total that would leave the
last instalment at 0 or less is a field error.

A payment counts toward the agreement whose `lender` it names (a name no agreement has is a field
error, and two agreements may not share a name). Payments dated after `as_of` are not counted yet
(a note says so). With P = what was paid up to `as_of` and S(i) = the sum of instalments 1 … i:
- `paid` = P; `remaining` = total − P, never below 0 (`overpaid` holds anything paid beyond the
  total), so paid + remaining = total whenever nothing was overpaid;
- `due_so_far` = the sum of the instalments due on or before `as_of` (an instalment due today
  counts: by the end of today it should be paid);
- `behind` = due_so_far − P when that is positive, else 0; `ahead` = P − due_so_far when positive;
- `status`: "done" when P ≥ total, else "behind" when behind > 0, else "on_track";
- the next instalment is the first one due on or after `as_of` that P does not cover (S(i) > P);
  `next_amount` = S(i) − P, which includes anything behind, so paying it by `next_due` puts the
  agreement back on track. When every due date has passed and something is left, the next
  instalment is the last one and the amount is all that is left. Done: no next instalment.
- `last_due`: the agreement's last due date (the expected last payment); `finished_on`: the date of
  the payment that reached the total.
A payment larger or smaller than an instalment is counted as it is: a larger one covers the next
instalments in order, a smaller one leaves the rest of that instalment behind.

`cannot_pay` = "yes" marks that the person may not manage the next instalment; when the next due
date is at most NEAR_DAYS away (or already passed) the view says what a missed instalment usually
means and what to do before the date, with the letter that asks to move it.
"""

import datetime
from decimal import Decimal

from . import calendar, money, parsing
from . import view as ui
from .parsing import field
from .plan import _add_months

TITLE = ("我的还款协议", "My repayment agreements")
STORAGE_KEY = "xshk:agreements"  # the page's saved form (calculator-form.js), {"v": 1, "values": {…}}
MAX_AGREEMENTS = 20
MAX_PAYMENTS = 360
MAX_MONTHS = 360
NEAR_DAYS = 14  # "the next due date is near"
CSV_FILENAME = "huankuan-jilu.csv"

KINDS = (
    ("personalised", "个性化分期"),
    ("stop_interest", "停息挂账"),
    ("deferral", "延期"),
    ("instalment", "分期"),
)
CANNOT_PAY = (
    ("no", "能按时还"),
    ("yes", "下一期可能还不上"),
)
STATUS_LABELS = {"on_track": "按协议在还", "behind": "落后了", "done": "已还完"}

FIELDS = (
    field("agreements", "还款协议", "Agreements", "list", required=True, hint="每份协议一项：机构、每月金额、期数、第一期还款日",
          max_items=MAX_AGREEMENTS, item_fields=(
              field("lender", "借款机构", "Lender", "text", required=True, hint="例如 招商银行信用卡",
                    help="记还款时按这个名字对上协议，每份协议的名字要不一样"),
              field("kind", "协议类型", "Kind", "choice", hint="例如 个性化分期", choices=KINDS),
              field("monthly", "每月还（元）", "Monthly amount (yuan)", "amount", required=True, hint="例如 800"),
              field("months", "期数", "Number of months", "integer", required=True, hint="例如 24", min=1,
                    max=MAX_MONTHS),
              field("first_due", "第一期还款日", "First due date", "date", required=True, hint="例如 2027-01-31",
                    help="以后每月同一天；没有这一天的月份是月底"),
              field("total", "一共要还（元）", "Total to repay (yuan)", "amount", hint="例如 19200", at_least="monthly",
                    help="协议上写的总额；不填就是每月金额 × 期数；和它不一样时，差额算在最后一期"),
              field("agreed_on", "签协议的日期", "Date agreed", "date", hint="例如 2026-12-20"),
              field("reference", "协议编号或对方工号", "Reference", "text", hint="例如 协议号 A123、工号 1234"),
              field("cannot_pay", "下一期", "Next instalment", "choice", hint="例如 能按时还", choices=CANNOT_PAY,
                    default="no", help="选“下一期可能还不上”，会告诉你到期前该做什么"),
          )),
    field("payments", "已还的钱", "Payments", "list", hint="每还一笔记一行：哪家、哪天、多少",
          max_items=MAX_PAYMENTS, item_fields=(
              field("lender", "还给哪家", "Lender", "text", hint="和上面协议里的机构名字一样，例如 招商银行信用卡",
                    help="只有一份协议时可以不填", refers_to="agreements.lender"),
              field("date", "还款日期", "Date", "date", required=True, hint="例如 2027-01-30"),
              field("amount", "还了多少（元）", "Amount (yuan)", "amount", required=True, hint="例如 800"),
              field("note", "备注", "Note", "text", hint="例如 回单号、还款渠道"),
          )),
    field("as_of", "算到哪一天", "As of", "date", required=True, hint="例如 2027-03-01",
          help="一般是今天", default_today=True),
)


# ---------------------------------------------------------------- one agreement

def schedule(first_due, months, monthly, total):
    """[(number, due date, amount)]: `monthly` each, the last one making up `total`."""
    rows = [(number, _add_months(first_due, number - 1), monthly) for number in range(1, months + 1)]
    last = total - monthly * (months - 1)
    rows[-1] = (months, rows[-1][1], last)
    return rows


def _cumulative(rows):
    sums, running = [], Decimal(0)
    for _, _, amount in rows:
        running += amount
        sums.append(running)
    return sums


def track(agreement, payments, as_of):
    """The figures of one agreement (Decimals and dates) from its own payments up to `as_of`."""
    total = agreement["total"]
    rows = schedule(agreement["first_due"], agreement["months"], agreement["monthly"], total)
    sums = _cumulative(rows)
    counted = sorted((p for p in payments if p["date"] <= as_of), key=lambda p: (p["date"], p["index"]))
    paid = sum((p["amount"] for p in counted), Decimal(0))
    due_rows = [i for i, (_, due, _) in enumerate(rows) if due <= as_of]
    due_so_far = sums[due_rows[-1]] if due_rows else Decimal(0)
    behind = max(due_so_far - paid, Decimal(0))
    ahead = max(paid - due_so_far, Decimal(0))
    remaining = max(total - paid, Decimal(0))
    overpaid = max(paid - total, Decimal(0))
    done = paid >= total
    status = "done" if done else "behind" if behind > 0 else "on_track"
    next_index = None
    if not done:
        next_index = next((i for i, (_, due, _) in enumerate(rows) if due >= as_of and sums[i] > paid), len(rows) - 1)
    finished_on = None
    if done:
        running = Decimal(0)
        for payment in counted:
            running += payment["amount"]
            if running >= total:
                finished_on = payment["date"]
                break
    # the instalments still to pay, from the next one: the first takes whatever is behind
    upcoming = []
    if next_index is not None:
        upcoming.append((rows[next_index][0], rows[next_index][1], sums[next_index] - paid))
        upcoming += rows[next_index + 1:]
    unpaid_past = [i for i in due_rows if sums[i] > paid]
    # the first instalment not covered, whatever its date: what a payment being recorded most likely is
    first_open = next((i for i in range(len(rows)) if sums[i] > paid), None)
    next_due = rows[next_index][1] if next_index is not None else None
    return {
        "rows": rows, "sums": sums, "counted": counted, "total": total, "paid": paid,
        "due_so_far": due_so_far, "behind": behind, "ahead": ahead, "remaining": remaining, "overpaid": overpaid,
        "status": status, "next_index": next_index, "next_due": next_due,
        "next_amount": sums[next_index] - paid if next_index is not None else Decimal(0),
        "days_to_next": (next_due - as_of).days if next_due else None,
        "overdue_since": rows[unpaid_past[0]][1] if unpaid_past else None,
        "instalments_due": len(due_rows), "upcoming": upcoming, "finished_on": finished_on,
        "open_number": rows[first_open][0] if first_open is not None else None,
        "open_due": rows[first_open][1] if first_open is not None else None,
        "open_amount": sums[first_open] - paid if first_open is not None else Decimal(0),
        "later": [p for p in payments if p["date"] > as_of],
    }


def _date(value):
    return value.isoformat() if value else None


def _ics(lender, upcoming):
    """The reminders file for the instalments still to pay (calendar.py's writer and UIDs)."""
    if not upcoming:
        return None
    count = upcoming[-1][0]
    seen, events = {}, []
    for number, due, amount in upcoming:
        occurrence = seen.get(due, 0)
        seen[due] = occurrence + 1
        shown = money.yuan(money.money(amount))
        events.append({
            "due": due, "uid": calendar.uid(lender, due, occurrence),
            "summary": f"还{lender} {shown}（第 {number}/{count} 期）",
            "description": (f"按协议还{lender}第 {number} 期（共 {count} 期）：{shown}。"
                            "请在还款日当天或之前还进协议指定的账户，并保存还款凭证；错过一期，协议可能作废。"),
            "alarm": f"{calendar.DEFAULT_REMIND_DAYS} 天后（{due.isoformat()}）要还{lender} {shown}",
        })
    return calendar.ics_text(lender, events, calendar.DEFAULT_REMIND_DAYS)


def _check(values, errors):
    names = {}
    for agreement in values["agreements"]:
        path = f"agreements.{agreement['index']}."
        lender = agreement["lender"]
        if lender == "":
            errors.add(path + "lender", "请输入借款机构，例如 招商银行信用卡",
                       missing_label=f"还款协议第 {agreement['index'] + 1} 项的借款机构")
        elif lender in names:
            errors.add(path + "lender", f"和第 {names[lender] + 1} 份协议的机构名字一样：请区分开，例如 {lender}（第二份）")
        else:
            names[lender] = agreement["index"]
        if None in (agreement["monthly"], agreement["months"]):
            continue
        if agreement["total"] is None:
            agreement["total"] = agreement["monthly"] * agreement["months"]
        elif agreement["total"] - agreement["monthly"] * (agreement["months"] - 1) <= 0:
            errors.add(path + "total", "一共要还的钱比“每月金额 × (期数 − 1)”还少：请检查总额、每月金额和期数，"
                                       "例如 每月 800、24 期，总额至少 18,400.01")
    for payment in values["payments"]:
        if not names:  # no agreement to count toward: the agreements' own errors say what to fix
            break
        path = f"payments.{payment['index']}.lender"
        if payment["lender"] == "":
            if len(names) == 1:  # one agreement: a payment without a name is that one's
                payment["lender"] = next(iter(names))
            else:
                errors.add(path, "请填写还给哪家（和上面协议里的机构名字一样）",
                           missing_label=f"已还的钱第 {payment['index'] + 1} 项的还给哪家")
        elif payment["lender"] not in names:
            errors.add(path, "上面的协议里没有这家机构：请写成协议里的名字（" + "、".join(names) + "），或先添加这份协议")


def calculate(inputs):
    with money.context():
        values, notes, errors = parsing.read(FIELDS, inputs)
        _check(values, errors)
        errors.raise_if_any()
        as_of = values["as_of"]
        out, later = [], 0
        for agreement in values["agreements"]:
            lender = agreement["lender"]
            own = [p for p in values["payments"] if p["lender"] == lender]
            figures = track(agreement, own, as_of)
            later += len(figures["later"])
            m = money.money
            out.append({
                "index": agreement["index"], "lender": lender, "kind": agreement["kind"],
                "kind_label": dict(KINDS).get(agreement["kind"], "还款协议"), "reference": agreement["reference"] or "",
                "agreed_on": _date(agreement["agreed_on"]), "monthly": m(agreement["monthly"]),
                "months": agreement["months"], "first_due": _date(agreement["first_due"]),
                "total": m(figures["total"]), "last_amount": m(figures["rows"][-1][2]),
                "paid": m(figures["paid"]), "due_so_far": m(figures["due_so_far"]), "behind": m(figures["behind"]),
                "ahead": m(figures["ahead"]), "remaining": m(figures["remaining"]), "overpaid": m(figures["overpaid"]),
                "status": figures["status"], "next_due": _date(figures["next_due"]),
                "next_amount": m(figures["next_amount"]),
                "next_number": figures["rows"][figures["next_index"]][0] if figures["next_index"] is not None else None,
                "days_to_next": figures["days_to_next"],
                "due_soon": figures["days_to_next"] is not None and figures["days_to_next"] <= NEAR_DAYS,
                # the first instalment not yet covered (whatever its date) and what is left of it:
                # what 记一笔还款 proposes
                "open_number": figures["open_number"], "open_due": _date(figures["open_due"]),
                "open_amount": m(figures["open_amount"]),
                "overdue_since": _date(figures["overdue_since"]), "instalments_due": figures["instalments_due"],
                "last_due": _date(figures["rows"][-1][1]), "finished_on": _date(figures["finished_on"]),
                "expected_last": _date(figures["finished_on"] or figures["rows"][-1][1]),
                "cannot_pay": agreement["cannot_pay"] == "yes",
                "schedule": [{"number": n, "date": d.isoformat(), "amount": m(a)} for n, d, a in figures["rows"]],
                "upcoming": [{"number": n, "date": d.isoformat(), "amount": m(a)} for n, d, a in figures["upcoming"]],
                "payments": [{"index": p["index"], "date": p["date"].isoformat(), "amount": m(p["amount"]),
                              "note": p["note"] or ""} for p in figures["counted"]],
                "ics": _ics(lender, figures["upcoming"]),
            })
        if later:
            notes.append(f"有 {later} 笔还款的日期在 {as_of.isoformat()} 之后，还没有算进去；到了那天会自动算上。")
        total = lambda key: money.money(sum((Decimal(a[key]) for a in out), Decimal(0)))  # noqa: E731
        open_ones = [a for a in out if a["next_due"]]
        nearest = min(open_ones, key=lambda a: (a["next_due"], a["index"])) if open_ones else None
        statuses = {a["status"] for a in out}
        return {
            "calculator": "tracker",
            "as_of": as_of.isoformat(),
            "agreements": out,
            "totals": {
                "count": len(out),
                "total": total("total"), "paid": total("paid"), "due_so_far": total("due_so_far"),
                "behind": total("behind"), "ahead": total("ahead"), "remaining": total("remaining"),
                "overpaid": total("overpaid"),
                "status": "done" if statuses == {"done"} else "behind" if "behind" in statuses else "on_track",
                "next_due": nearest["next_due"] if nearest else None,
                "next_lender": nearest["lender"] if nearest else None,
                "next_amount": nearest["next_amount"] if nearest else money.money(Decimal(0)),
                "last_due": max(a["last_due"] for a in out),
                "expected_last": max(a["expected_last"] for a in out),
            },
            "payments": sorted(({"lender": a["lender"], **p} for a in out for p in a["payments"]),
                               key=lambda p: (p["date"], p["index"])),
            "csv_filename": CSV_FILENAME,
            "notes": notes,
        }


def _csv_cell(value):
    """A CSV cell: quoted; text a spreadsheet would run as a formula (=, +, -, @) made plain text."""
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return '"' + text.replace('"', '""') + '"'


def payments_csv(result):
    """The payments as a CSV file (UTF-8 with a byte-order mark, so WPS and Excel read the Chinese)."""
    lines = [",".join(_csv_cell(label) for label in ("日期", "机构", "金额（元）", "备注"))]
    lines += [",".join(_csv_cell(cell) for cell in (p["date"], p["lender"], p["amount"], p["note"]))
              for p in result["payments"]]
    return "\ufeff" + "\r\n".join(lines) + "\r\n"


EXAMPLES = {
    "one_agreement": {
        "agreements": [{"lender": "招商银行信用卡", "kind": "personalised", "monthly": "800", "months": "12",
                        "first_due": "2027-01-31", "total": "9,700", "agreed_on": "2026-12-20",
                        "reference": "协议号 A123", "cannot_pay": "no"}],
        "payments": [{"date": "2027-01-31", "amount": "800", "note": "回单 0131"},
                     {"date": "2027-02-28", "amount": "500"}],
        "as_of": "2027-03-01",
    },
    "two_agreements": {
        "agreements": [
            {"lender": "招商银行信用卡", "kind": "personalised", "monthly": "800", "months": "24",
             "first_due": "2027-01-31", "agreed_on": "2026-12-20", "reference": "协议号 A123"},
            {"lender": "花呗", "kind": "stop_interest", "monthly": "500", "months": "12", "first_due": "2027-01-15",
             "total": "5,800"},
        ],
        "payments": [
            {"lender": "招商银行信用卡", "date": "2027-01-30", "amount": "800", "note": "回单 0130"},
            {"lender": "招商银行信用卡", "date": "2027-02-27", "amount": "800"},
            {"lender": "花呗", "date": "2027-01-15", "amount": "500"},
            {"lender": "花呗", "date": "2027-02-15", "amount": "300"},
        ],
        "as_of": "2027-03-01",
    },
    "cannot_pay_soon": {
        "agreements": [{"lender": "借呗", "kind": "instalment", "monthly": "1,000", "months": "6",
                        "first_due": "2027-01-10", "cannot_pay": "yes"}],
        "payments": [{"date": "2027-01-10", "amount": "1000"}, {"date": "2027-02-09", "amount": "1000"}],
        "as_of": "2027-03-01",
    },
    "finished_early": {
        "agreements": [{"lender": "京东白条", "monthly": "600", "months": "5", "first_due": "2027-01-20"}],
        "payments": [{"lender": "京东白条", "date": "2027-01-20", "amount": "600"},
                     {"lender": "京东白条", "date": "2027-02-10", "amount": "2400"}],
        "as_of": "2027-02-15",
    },
}
EXAMPLE = "one_agreement"


# ---------------------------------------------------------------- view

def _status_text(a):
    m = money
    if a["status"] == "done":
        return f"已还完 {m.yuan(a['total'])}" + (f"（{a['finished_on']} 还清）" if a["finished_on"] else "") + "。"
    if a["status"] == "behind":
        return (f"比协议少还了 {m.yuan(a['behind'])}（从 {a['overdue_since']} 那期起）；"
                f"{a['next_due']} 前还 {m.yuan(a['next_amount'])}，就补上了。")
    text = f"按协议在还；下一期 {a['next_due']} 还 {m.yuan(a['next_amount'])}。"
    if Decimal(a["ahead"]) > 0:
        text = f"比协议多还了 {m.yuan(a['ahead'])}；下一期 {a['next_due']} 还 {m.yuan(a['next_amount'])}。"
    return text


def _when(days):
    if days < 0:
        return f"已经过了 {-days} 天"
    return "就是今天" if days == 0 else f"还有 {days} 天"


def _cannot_pay_warning(a):
    m = money
    return (f"{a['lender']}：下一期 {a['next_due']}（{_when(a['days_to_next'])}）要还 {m.yuan(a['next_amount'])}，"
            "你选了“可能还不上”。很多还款协议里写着：有一期没按时足额还，协议就可以解除，已经减免的罚息、利息可能恢复，"
            "对方还可能要求把剩下的欠款一次还清——你的协议怎么写，请翻出来看“违约”那一条。"
            "到期之前就做：1. 联系对方（打客服电话或在 App 里留言），说明原因，请求把这一期推后或改小金额；"
            "2. 用书面的方式再提一次（下面的申请书），留下记录；3. 能还多少先还多少，并保存凭证；"
            "4. 对方答应的新日期和金额，要对方书面确认，再改这里的协议。")


def _chart(a, as_of):
    """Paid against agreed, both as running totals, x = days since the month before the first due date,
    up to the first due date after `as_of` (the whole agreement once it is done or past its end)."""
    first_due = datetime.date.fromisoformat(a["first_due"])
    start = _add_months(first_due, -1)
    day = lambda text: max((datetime.date.fromisoformat(text) - start).days, 0)  # noqa: E731
    agreed, running = [(0, Decimal(0))], Decimal(0)
    for row in a["schedule"]:
        running += Decimal(row["amount"])
        agreed.append((day(row["date"]), running))
        if row["date"] > as_of and a["status"] != "done":
            break
    until = a["schedule"][len(agreed) - 2]["date"]
    paid, running = [(0, Decimal(0))], Decimal(0)
    for payment in a["payments"]:
        running += Decimal(payment["amount"])
        paid.append((day(payment["date"]), running))
    end = min(day(as_of), agreed[-1][0])
    if paid[-1][0] < end:
        paid.append((end, running))
    block = ui.chart(f"{a['lender']}：按协议应还和实际已还（累计，元，到 {until}）", agreed, "天", "元",
                     compare=("实际已还", paid), label="按协议应还")
    block["x_first"] = start.isoformat()
    block["x_last"] = until
    return block


def view(result):
    m = money
    agreements = result["agreements"]
    totals = result["totals"]
    as_of = result["as_of"]
    count = len(agreements)
    if totals["status"] == "done":
        sentence = (f"{'这份协议' if count == 1 else f'{count} 份协议都'}已还完，一共还了 {m.yuan(totals['paid'])}，"
                    f"最后一笔在 {totals['expected_last']}。")
    else:
        sentence = (f"到 {as_of}：{count} 份协议一共已还 {m.yuan(totals['paid'])}，按协议应还 {m.yuan(totals['due_so_far'])}，"
                    f"还剩 {m.yuan(totals['remaining'])}。")
        behind = [a for a in agreements if a["status"] == "behind"]
        if behind:
            sentence += "落后的：" + "、".join(f"{a['lender']} {m.yuan(a['behind'])}" for a in behind) + "。"
        sentence += f"下一期：{totals['next_due']} 还{totals['next_lender']} {m.yuan(totals['next_amount'])}。"
    blocks = [
        ui.headline(sentence),
        ui.figures(("已还", m.yuan(totals["paid"])), ("按协议到今天应还", m.yuan(totals["due_so_far"])),
                   ("落后", m.yuan(totals["behind"])), ("超前", m.yuan(totals["ahead"]) if Decimal(totals["ahead"]) else None),
                   ("还剩", m.yuan(totals["remaining"])), ("协议总额", m.yuan(totals["total"])),
                   ("下一期", f"{totals['next_due']} {totals['next_lender']} {m.yuan(totals['next_amount'])}"
                    if totals["next_due"] else "都已还完"),
                   ("预计最后一笔", totals["expected_last"])),
        ui.table("每份协议", [ui.column("机构"), ui.column("已还（元）", True), ui.column("落后（元）", True),
                             ui.column("还剩（元）", True), ui.column("下一期")],
                 [[a["lender"], m.grouped(a["paid"]), m.grouped(a["behind"]), m.grouped(a["remaining"]),
                   f"{a['next_due']} 还 {m.grouped(a['next_amount'])}" if a["next_due"] else STATUS_LABELS["done"]]
                  for a in agreements]
                 + ([["合计", m.grouped(totals["paid"]), m.grouped(totals["behind"]), m.grouped(totals["remaining"]), ""]]
                    if count > 1 else [])),
    ]
    for a in agreements:
        blocks.append(ui.paragraph(f"【{a['lender']}】{a['kind_label']}，每月 {m.yuan(a['monthly'])}，{a['months']} 期，"
                                   f"{a['first_due']} 到 {a['last_due']}" + (f"，{a['reference']}" if a["reference"] else "")
                                   + "。" + _status_text(a)))
        blocks.append(ui.figures(
            ("已还", m.yuan(a["paid"])), ("按协议到今天应还", m.yuan(a["due_so_far"])),
            ("超前", m.yuan(a["ahead"])) if Decimal(a["ahead"]) else ("落后", m.yuan(a["behind"])),
            ("还剩", m.yuan(a["remaining"])),
            ("下一期", f"第 {a['next_number']} 期 {a['next_due']} {m.yuan(a['next_amount'])}" if a["next_due"] else "已还完"),
            ("最后一期", f"{a['last_due']}（{m.yuan(a['last_amount'])}）" if a["status"] != "done"
             else f"{a['finished_on']} 已还清"),
            ("多还了", m.yuan(a["overpaid"]) if Decimal(a["overpaid"]) else None)))
        if a["status"] == "behind":
            blocks.append(ui.warning(f"{a['lender']}：已经比协议少还 {m.yuan(a['behind'])}。尽快补上，并主动联系对方说明；"
                                     "错过一期，协议可能作废。"))
        if a["cannot_pay"] and a["next_due"]:
            if a["due_soon"]:
                blocks.append(ui.warning(_cannot_pay_warning(a)))
            else:
                blocks.append(ui.paragraph(f"{a['lender']}：下一期在 {a['next_due']}（{_when(a['days_to_next'])}）。"
                                           "可能还不上的话，现在就联系对方、书面请求调整，别等到期。"))
            blocks.append(ui.link(f"给{a['lender']}写申请书：请求把这一期推后（延期还款）", "letter",
                                  kind="negotiate", lender=a["lender"], monthly=a["monthly"], months=a["months"],
                                  requests="defer"))
        blocks.append(_chart(a, as_of))
        if a["ics"]:
            blocks.append(ui.download(f"下载{a['lender']}剩下 {len(a['upcoming'])} 期的还款提醒（.ics）",
                                      f"huankuan-tixing-{a['index'] + 1}.ics", calendar.MIME, a["ics"]))
    payments = result["payments"]
    if payments:
        blocks.append(ui.download("下载还款记录（表格 CSV，用 WPS 或 Excel 打开）", result["csv_filename"],
                                  "text/csv;charset=utf-8", payments_csv(result)))
        blocks.append(ui.table("还款记录（对账单）", [ui.column("日期"), ui.column("机构"), ui.column("金额（元）", True),
                                                ui.column("备注")],
                               [[p["date"], p["lender"], m.grouped(p["amount"]), p["note"]] for p in payments]))
    else:
        blocks.append(ui.paragraph("还没有记还款。每还一笔，在上面“记一笔还款”里记下来。"))
    blocks.append(ui.guide_link("第 8 步 签协议、按时还：协议里一期没还上会怎样", "steps/08-sign-and-repay/"))
    blocks.append(ui.notes(result["notes"] + [
        "每月的还款日按第一期的日子排；没有这一天的月份（例如 31 日遇到 2 月）排在那个月的最后一天。",
        "应还到今天：还款日在今天和今天以前的各期加起来；今天到期的一期也算在里面。",
        "多还的钱按顺序算到后面几期；少还的，差额算作落后，下一期要一起补上。",
        "协议总额和“每月金额 × 期数”不一样时，差额算在最后一期。",
        "以协议和对方 App 里的账单为准：这里只是按你记的数算，对不上时请找对方核对。",
    ]))
    listing = "\n".join(f"{a['lender']}：已还 {m.yuan(a['paid'])}，应还 {m.yuan(a['due_so_far'])}，还剩 {m.yuan(a['remaining'])}，"
                        + (f"下一期 {a['next_due']} {m.yuan(a['next_amount'])}" if a["next_due"] else "已还完")
                        for a in agreements)
    blocks.append(ui.copy(f"【我的还款协议】{sentence}\n{listing}"))
    return ui.blocks(*blocks)
