"""calendar — payment reminders: an agreed plan or a list of payments as an iCalendar (.ics) file.

Two ways in (`source`):
- "plan": the `plan` calculator's inputs (principal, months, method, annual_rate / fee_rate) plus
  `first_due`; the instalments are plan.build's rows, each due on the same day of the month as
  `first_due` (a 31st falls on the last day of a shorter month: plan._add_months);
- "payments": an explicit list of {date, amount}.
Left out, `source` is "payments" when any payment row is filled in, else "plan".

One all-day event per instalment (DTSTART;VALUE=DATE, DTEND the next day), its summary naming the
amount and the `lender`; a VALARM (ACTION:DISPLAY) at 09:00 local time `remind_days_before` days
before the due date (default 2; 0 = on the day). Each event's UID is derived from the lender, the
due date and how many instalments before it fall on the same date (SHA-256), never random: the
same agreement downloaded again gives the same UIDs, so a calendar app updates its events instead
of doubling them. DTSTAMP (required by RFC 5545) is the first due date at 00:00 UTC, for the same
reason: the file depends on the inputs only.

The text follows RFC 5545: lines end in CRLF and are folded at 75 octets (a continuation line
starts with one space; a multi-byte UTF-8 character is never split); TEXT values escape
backslash, semicolon, comma and newlines.
"""

import datetime
import hashlib
from decimal import Decimal

from . import money, parsing, plan
from . import view as ui
from .parsing import field

TITLE = ("还款提醒（手机日历）", "Payment reminders (calendar file)")
MAX_PAYMENTS = 360
MAX_REMIND_DAYS = 30
DEFAULT_REMIND_DAYS = 2
REMIND_HOUR = 9  # the reminder pops up at 09:00 on its day
FILENAME = "huankuan-tixing.ics"
MIME = "text/calendar;charset=utf-8"
PRODID = "-//xieshang-huankuan-zhinan//calendar 1//ZH"
UID_DOMAIN = "xieshang-huankuan-zhinan.invalid"

SOURCES = (
    ("plan", "按还款方案（本金、期数、还款方式）"),
    ("payments", "一笔一笔填日期和金额"),
)


def _plan_field(name, **changes):
    """A field of the plan calculator, shown only when the reminders come from a plan."""
    spec = dict(next(spec for spec in plan.FIELDS if spec["name"] == name))
    spec["show_if"] = {"source": ["plan"], **(spec["show_if"] or {})}
    spec.update(changes)
    return spec


FIELDS = (
    field("lender", "借款机构", "Lender", "text", required=True, hint="例如 招商银行信用卡、花呗",
          help="写在每一条提醒里"),
    field("source", "还款安排从哪里来", "Where the instalments come from", "choice", required=False,
          hint="例如 按还款方案", choices=SOURCES, default=None,
          help="不选时：填了逐笔还款就按逐笔算，否则按还款方案算"),
    _plan_field("principal"),
    _plan_field("months"),
    _plan_field("method"),
    _plan_field("annual_rate"),
    _plan_field("fee_rate"),
    _plan_field("first_due", required=True, hint="例如 2027-01-31",
                help="协议上第一期的还款日；以后每月同一天（没有这一天的月份就是月底）"),
    field("payments", "逐笔还款", "Payments", "list", required=True, hint="每笔一行：日期和金额",
          show_if={"source": ["payments"]}, max_items=MAX_PAYMENTS, item_fields=(
              field("date", "还款日期", "Date", "date", required=True, hint="例如 2027-01-15"),
              field("amount", "还款金额（元）", "Amount (yuan)", "amount", required=True, hint="例如 800"),
          )),
    field("remind_days_before", "提前几天提醒（天）", "Remind how many days before", "integer", required=False,
          hint="例如 2", min=0, max=MAX_REMIND_DAYS, default=str(DEFAULT_REMIND_DAYS),
          help="提醒在那天早上 9 点弹出；填 0 就是还款当天提醒"),
)


# ---------------------------------------------------------------- iCalendar text

def escape_text(text):
    """An RFC 5545 TEXT value: backslash, semicolon, comma and line breaks escaped."""
    text = str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line, limit=75):
    """One content line folded into lines of at most `limit` octets (UTF-8), joined by CRLF + space.
    A character is never split; every continuation line starts with one space (which counts)."""
    pieces = []
    current = b""
    room = limit
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > room:
            pieces.append(current)
            current = b""
            room = limit - 1
        current += encoded
    pieces.append(current)
    return "\r\n ".join(piece.decode("utf-8") for piece in pieces)


def _duration(hours):
    """A DURATION value of `hours` (may be negative): -P1DT15H, PT9H, -P2D."""
    sign = "-" if hours < 0 else ""
    days, rest = divmod(abs(hours), 24)
    text = f"{sign}P" + (f"{days}D" if days else "")
    if rest or not days:
        text += f"T{rest}H"
    return text


def _date(value):
    return value.strftime("%Y%m%d")


def uid(lender, due, occurrence):
    """The event's UID: the lender, the due date and the instalment's place among those on that date."""
    digest = hashlib.sha256(f"{lender}\n{due.isoformat()}\n{occurrence}".encode("utf-8")).hexdigest()
    return f"{digest[:32]}@{UID_DOMAIN}"


def ics_text(lender, events, remind_days):
    """The whole .ics file for `events` (dicts from _events)."""
    stamp = _date(events[0]["due"]) + "T000000Z"
    trigger = _duration(REMIND_HOUR - 24 * remind_days)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             "X-WR-CALNAME:" + escape_text(f"还款提醒：{lender}")]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event['uid']}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_date(event['due'])}",
            f"DTEND;VALUE=DATE:{_date(event['due'] + datetime.timedelta(days=1))}",
            "SUMMARY:" + escape_text(event["summary"]),
            "DESCRIPTION:" + escape_text(event["description"]),
            "TRANSP:TRANSPARENT",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "DESCRIPTION:" + escape_text(event["alarm"]),
            f"TRIGGER;RELATED=START:{trigger}",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


# ---------------------------------------------------------------- instalments

def _instalments(values):
    """[(due date, Decimal amount)] in date order."""
    if values["source"] == "payments":
        rows = [(row["date"], row["amount"]) for row in values["payments"]]
    else:
        built = plan.build(values["principal"], values["months"], values["method"], values["annual_rate"],
                           values["fee_rate"], values["first_due"])
        rows = [(row["due_date"], row["payment"]) for row in built["rows"]]
    return sorted(rows, key=lambda row: row[0])


def _when(days):
    return "还款当天" if days == 0 else f"提前 {days} 天"


def _events(lender, instalments, remind_days):
    count = len(instalments)
    seen = {}
    events = []
    for number, (due, amount) in enumerate(instalments, 1):
        occurrence = seen.get(due, 0)
        seen[due] = occurrence + 1
        shown = money.yuan(money.money(amount))
        ahead = "今天" if remind_days == 0 else f"{remind_days} 天后（{due.isoformat()}）"
        events.append({
            "due": due,
            "amount": amount,
            "uid": uid(lender, due, occurrence),
            "summary": f"还{lender} {shown}（第 {number}/{count} 期）",
            "description": (f"按协议还{lender}第 {number} 期（共 {count} 期）：{shown}。"
                            "请在还款日当天或之前还进协议指定的账户，并保存还款凭证；错过一期，协议可能作废。"),
            "alarm": f"{ahead}要还{lender} {shown}",
            "remind_on": due - datetime.timedelta(days=remind_days),
        })
    return events


def _source(inputs):
    """The `source` the person chose, or the one the inputs imply."""
    raw = inputs.get("source")
    if not parsing.is_blank(raw):
        return raw
    rows = inputs.get("payments")
    filled = isinstance(rows, (list, tuple)) and any(not parsing.is_blank(row) for row in rows)
    return "payments" if filled else "plan"


def calculate(inputs):
    with money.context():
        if isinstance(inputs, dict):
            inputs = dict(inputs, source=_source(inputs))
        values, notes, errors = parsing.read(FIELDS, inputs)
        lender = values["lender"]
        if lender == "":  # a blank text field reads as "": required here
            errors.add("lender", "请输入借款机构，例如 招商银行信用卡、花呗", missing_label="借款机构")
        errors.raise_if_any()
        remind_days = values["remind_days_before"]
        instalments = _instalments(values)
        events = _events(lender, instalments, remind_days)
        total = sum((amount for _, amount in instalments), Decimal(0))
        return {
            "calculator": "calendar",
            "source": values["source"],
            "lender": lender,
            "remind_days_before": remind_days,
            "count": len(events),
            "first_date": events[0]["due"].isoformat(),
            "last_date": events[-1]["due"].isoformat(),
            "total": money.money(total),
            "filename": FILENAME,
            "mime": MIME,
            "ics": ics_text(lender, events, remind_days),
            "events": [{"uid": event["uid"], "date": event["due"].isoformat(), "amount": money.money(event["amount"]),
                        "summary": event["summary"], "remind_on": event["remind_on"].isoformat()}
                       for event in events],
            "notes": notes,
        }


EXAMPLES = {
    "interest_free_31st": {"lender": "招商银行信用卡", "principal": "12000", "months": "12",
                           "method": "interest_free", "first_due": "2027-01-31"},
    "payments_list": {"lender": "花呗", "source": "payments", "remind_days_before": "3",
                      "payments": [{"date": "2027-02-15", "amount": "800"}, {"date": "2027-03-15", "amount": "800"},
                                   {"date": "2027-04-15", "amount": "1,200"}]},
    "equal_payment_rate": {"lender": "借呗", "source": "plan", "principal": "1万", "months": "6",
                           "method": "equal_payment", "annual_rate": "18%", "first_due": "2027-03-10"},
    "fee_plan": {"lender": "京东金条", "source": "plan", "principal": "6000", "months": "3", "method": "fee",
                 "fee_rate": "3%", "first_due": "2027-05-20", "remind_days_before": "0"},
}
EXAMPLE = "interest_free_31st"


def view(result):
    m = money
    events = result["events"]
    when = _when(result["remind_days_before"])
    sentence = (f"{result['lender']}：{result['count']} 次还款，从 {result['first_date']} 到 {result['last_date']}，"
                f"一共 {m.yuan(result['total'])}；每次{when}早上 9 点提醒。")
    rows = [[index, event["date"], m.grouped(event["amount"]), event["remind_on"]]
            for index, event in enumerate(events, 1)]
    listing = "\n".join(f"第 {index} 期 {event['date']} {m.yuan(event['amount'])}" for index, event in enumerate(events, 1))
    return ui.blocks(
        ui.headline(sentence),
        ui.figures(("借款机构", result["lender"]), ("还款次数", f"{result['count']} 次"),
                   ("一共还", m.yuan(result["total"])), ("提醒", when)),
        ui.download("下载日历文件（.ics），加到手机日历", result["filename"], result["mime"], result["ics"]),
        ui.paragraph("下载后打开这个文件：安卓手机选“日历”导入，iPhone 点“全部添加”。在微信里打开本页时下载不了，"
                     "请点右上角用浏览器打开。文件只在你的手机上生成，不会发送到任何地方。"),
        ui.table("每一期的还款日", [ui.column("期数"), ui.column("还款日"), ui.column("金额（元）", True),
                                   ui.column("提醒日")], rows, collapsed=f"看全部 {result['count']} 期"),
        ui.notes(result["notes"] + [
            "每月的还款日按第一期的日子排；没有这一天的月份（例如 31 日遇到 2 月）排在那个月的最后一天。",
            "同一笔协议重新下载、再导入一次，日历会更新原来的提醒，不会重复（每条提醒有固定的编号）。",
            "提醒只是帮你记住日子：以协议和 App 里显示的金额、日期为准。",
        ]),
        ui.copy(f"【还款提醒】{sentence}\n{listing}"),
    )
