"""The legal comparisons several calculators make, written once from the rules file.

- the 24 % line: courts, when the BORROWER asks them to, cut the part of a licensed lender's total
  charges (interest, compound and penalty interest, 违约金, fees) above 24 % a year (SPC 2017
  opinion on financial trials). It is not a cap that applies by itself.
- the private-lending cap: 4 × the one-year LPR at the time the contract was made (民间借贷规定
  §25; §28 overdue interest, §29 overdue interest + 违约金 + fees together); it does not apply to
  licensed lenders (§1, and the SPC's 2020 reply for the seven kinds of local financial firms).
  The LPR in force on a day comes from the rules file's history (`law.lpr_history`). A contract made
  before 2020-08-20 falls under §31: interest up to 2020-08-19 by the rules of the time, interest from
  2020-08-20 at 4 × the LPR when the suit is filed (here: the latest LPR the rules file knows).
"""

import datetime
from decimal import Decimal

from . import money, rules

LINE_KEY = "law.licensed_lender_court_line"
CAP_KEY = "law.private_lending_cap"
LPR_KEY = "law.lpr_one_year"
HISTORY_KEY = "law.lpr_history"
NEW_RULES_FROM = datetime.date(2020, 8, 20)  # 民间借贷规定 (2020) §31
CAP_MULTIPLE = 4
# checked against the text of the 2020-12-29 amendment (LawRefBook/Laws) on 2026-12-01
CAP_ARTICLES = ("《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》（2020 修正）第二十五、二十八、二十九条"
                "（条文核对于 2026-12-01）")
TRANSITION_ARTICLE = "同一规定第三十一条"


def court_line_sentence(annual, what="这"):
    """'这超过了 …' for a licensed lender's cost above the line; None at or below it."""
    if annual <= rules.value(LINE_KEY):
        return None
    line = money.annual_percent(rules.value(LINE_KEY))
    return (f"{what}超过了年 {line}：持牌机构的利息、罚息、违约金和各种费用合计超过年 {line} 的部分，"
            f"借款人可以请求法院调减（{rules.format_citation(LINE_KEY)}）。"
            "这条线要你自己在协商或诉讼中提出，不会自动生效；协商时也可以据此要求减免超出部分。")


def lpr_on(day):
    """(announcement date, one-year LPR) in force on `day`; None before the first one (2019-08-20)."""
    in_force = None
    for announced, rate in rules.value(HISTORY_KEY).items():
        if announced <= day:
            in_force = (announced, rate)
    return in_force


def lpr_periods():
    """The caps by signing date, for the guide's table, oldest first: one row {"from": None, "until":
    2020-08-19, "rule": "transition"} for every contract made before the 2020 rules (§31), then one row
    per stretch of days with one LPR, {"from", "until" (None for the current one), "rule": "at_signing",
    "lpr", "cap"}."""
    history = list(rules.value(HISTORY_KEY).items())
    periods = [{"from": None, "until": NEW_RULES_FROM - datetime.timedelta(days=1), "rule": "transition",
                "lpr": None, "cap": None}]
    for index, (announced, rate) in enumerate(history):
        until = history[index + 1][0] - datetime.timedelta(days=1) if index + 1 < len(history) else None
        if until is not None and until < NEW_RULES_FROM:
            continue
        periods.append({"from": max(announced, NEW_RULES_FROM), "until": until, "rule": "at_signing",
                        "lpr": rate, "cap": rate * CAP_MULTIPLE})
    return periods


def latest_lpr():
    """(announcement date, rate) of the last change the rules file knows."""
    history = rules.value(HISTORY_KEY)
    last = max(history)
    return last, history[last]


def _next_announcement(day):
    """The 20th of the month after `day`: when the next LPR is announced (or a working day or two later)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return datetime.date(year, month, 20)


def private_lending_cap(signed_on=None):
    """The cap the private-lending rules put on all charges, for a contract made on `signed_on`.

    Returns {"rule", "cap", "lpr", "lpr_announced", "signed_on", "beyond_table", "through" (the last
    announcement the rules file checked)}:
    - rule "unknown_date" (no date given): 4 × the latest LPR the rules file knows;
    - rule "at_signing" (made on or after 2020-08-20): 4 × the LPR in force on the signing day;
      `beyond_table` when it was signed after the next announcement the rules file has not checked;
    - rule "transition" (made before 2020-08-20, §31): from 2020-08-20 on, 4 × the LPR when the suit is
      filed, taken as the latest the rules file knows; the earlier interest follows the rules of the time.
    """
    through = rules.get(HISTORY_KEY)["through"]
    if signed_on is None or signed_on < NEW_RULES_FROM:
        announced, lpr = latest_lpr()
        rule = "unknown_date" if signed_on is None else "transition"
        beyond = False
    else:
        announced, lpr = lpr_on(signed_on)
        rule = "at_signing"
        beyond = signed_on >= _next_announcement(through)
    return {"rule": rule, "cap": lpr * CAP_MULTIPLE, "lpr": lpr, "lpr_announced": announced,
            "signed_on": signed_on, "beyond_table": beyond, "through": through}


def court_limit(amount, days, signed_on):
    """The most a court supports, under the private-lending cap, of the overdue interest, 违约金 and
    fees on `amount` over `days` days (§29: their total within 4 × the LPR at signing; a year of 365
    days, simple interest). None unless the contract was signed on or after 2020-08-20: for an older
    one the days before 2020-08-20 follow the old rules, and without a date the cap is not known."""
    cap = private_lending_cap(signed_on)
    if cap["rule"] != "at_signing":
        return None
    return amount * cap["cap"] * days / 365


def court_limit_sentence(limit, charged, days):
    """What the court limit means for charges of `charged` over `days` days (money strings)."""
    over = Decimal(charged) - Decimal(limit)
    text = (f"如果是民间借贷：按这个上限，逾期 {days} 天法院最多支持约 {money.money_text(Decimal(limit))}的逾期利息、"
            f"违约金和其他费用合计（逾期金额 × 上限 × {days} ÷ 365，单利）")
    if over > 0:
        return text + f"；这里算出的比它多 {money.money_text(over)}，多出的部分法院不支持，协商时可以提出不认。"
    return text + "；这里算出的没有超过它。"


def cap_result(signed_on=None):
    """private_lending_cap() as a result's JSON: rates as six-place strings, dates as ISO strings."""
    cap = private_lending_cap(signed_on)
    return {"rule": cap["rule"], "cap": money.rate(cap["cap"]), "lpr": money.rate(cap["lpr"]),
            "lpr_from": cap["lpr_announced"].isoformat(),
            "signed_on": signed_on.isoformat() if signed_on else None,
            "beyond_table": cap["beyond_table"]}


def cap_figure(summary):
    """The (label, text) a view shows for a cap_result()."""
    label = {"at_signing": "民间借贷上限（签约时 LPR × 4）",
             "transition": "民间借贷上限（2020-08-20 起，起诉时 LPR × 4）"}.get(summary["rule"],
                                                                          "民间借贷上限（最新 LPR × 4）")
    return label, money.annual_percent(summary["cap"])


def private_lending_sentence(annual, signed_on=None):
    """The private-lending comparison for a cost of `annual` a year, with the cap for a contract made
    on `signed_on` (None: not known, then today's cap and a request for the date)."""
    cap = private_lending_cap(signed_on)
    pct = money.annual_percent
    comparison = "超过了" if annual > cap["cap"] else "没有超过"
    lpr_text = f"一年期 LPR 是 {rules.percent(cap['lpr'])}（{cap['lpr_announced'].isoformat()} 起的数值）"
    sources = f"{CAP_ARTICLES}；LPR：{rules.format_citation(HISTORY_KEY)}"
    head = "如果这是个人之间（或向没有放贷牌照的公司）的借款，属于民间借贷："
    if cap["rule"] == "unknown_date":
        example = lpr_on(NEW_RULES_FROM)[1]
        body = (f"法院支持的利息、逾期利息、违约金和其他费用合计，以合同成立时一年期 LPR 的 4 倍为限。"
                f"按本指南查到的最新{lpr_text}，4 倍是 {pct(cap['cap'])}，这笔{comparison}；"
                f"合同签得早的，上限按签约时的 LPR 算，可能更高（2020 年 8 月签的是 "
                f"4 × {rules.percent(example)} = {pct(example * CAP_MULTIPLE)}）。"
                f"填上合同签订日期，就按当时的 LPR 算（{sources}）。")
    elif cap["rule"] == "at_signing":
        body = (f"合同 {cap['signed_on'].isoformat()} 签订，当时的{lpr_text}，4 倍是 {pct(cap['cap'])}："
                f"法院支持的利息、逾期利息、违约金和其他费用合计以此为限，这笔{comparison}（{sources}）。")
        if cap["beyond_table"]:
            body += (f"本指南的 LPR 只核对到 {cap['through'].isoformat()} 公布的那一期；"
                     "你的合同签在那之后，请查签约前最近一次公布的 LPR，数值变了上限也跟着变。")
    else:
        body = (f"合同 {cap['signed_on'].isoformat()} 签订，早于 2020-08-20：到 2020-08-19 为止的利息，"
                "可以按当时的旧规定计算（新闻报道中的说法是年 24% 以内支持、超过 36% 的部分无效，本指南没有核对旧规定原文）；"
                f"从 2020-08-20 起的利息，按起诉时一年期 LPR 的 4 倍计算（{TRANSITION_ARTICLE}）。"
                f"按本指南查到的最新{lpr_text}，4 倍是 {pct(cap['cap'])}，现在这笔{comparison}（{sources}）。")
    tail = (f"银行、消费金融公司、小额贷款公司等持牌机构不适用这个上限，对它们法院掌握的是年 "
            f"{pct(rules.value(LINE_KEY))} 的线（借款人请求调减时适用）。")
    return head + body + tail


def comparison_notes(annual, licensed=True, private=False, signed_on=None):
    """Sentences comparing an annual cost with the court line (licensed lenders) and, where the lender
    may be a private person, with the private-lending cap for a contract made on `signed_on`."""
    notes = []
    if licensed:
        sentence = court_line_sentence(annual, f"折合年化 {money.annual_percent(annual)}，")
        if sentence:
            notes.append(sentence)
    if private:
        notes.append(private_lending_sentence(annual, signed_on))
    return notes
