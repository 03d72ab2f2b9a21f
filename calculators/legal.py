"""The legal comparisons several calculators make, written once from the rules file.

- the 24 % line: courts, when the BORROWER asks them to, cut the part of a licensed lender's total
  charges (interest, compound and penalty interest, 违约金, fees) above 24 % a year (SPC 2017
  opinion on financial trials). It is not a cap that applies by itself.
- the private-lending cap: 4 × the one-year LPR at the time the contract was made (民间借贷规定
  §25); it does not apply to licensed lenders.
"""

from . import money, rules

LINE_KEY = "law.licensed_lender_court_line"
CAP_KEY = "law.private_lending_cap"
LPR_KEY = "law.lpr_one_year"


def court_line_sentence(annual, what="这"):
    """'这超过了 …' for a licensed lender's cost above the line; None at or below it."""
    if annual <= rules.value(LINE_KEY):
        return None
    line = money.annual_percent(rules.value(LINE_KEY))
    return (f"{what}超过了年 {line}：持牌机构的利息、罚息、违约金和各种费用合计超过年 {line} 的部分，"
            f"借款人可以请求法院调减（{rules.format_citation(LINE_KEY)}）。"
            "这条线要你自己在协商或诉讼中提出，不会自动生效；协商时也可以据此要求减免超出部分。")


def private_lending_sentence(annual):
    """The private-lending comparison: the cap depends on the LPR when the contract was signed."""
    cap = rules.value(CAP_KEY)
    comparison = "超过了" if annual > cap else "没有超过"
    return (f"如果这是个人之间的民间借贷：法院支持的利率上限是合同成立时一年期 LPR 的 4 倍"
            f"（按现在的 LPR {rules.format_value(LPR_KEY)} 是 {rules.format_value(CAP_KEY)}，"
            f"{rules.format_citation(CAP_KEY)}），这笔{comparison}现在的上限；"
            "合同签得早的，要按签约当月的 LPR 算（例如 2020 年 8 月的 LPR 3.85%，4 倍是 15.4%）。"
            f"银行、消费金融公司等持牌机构不适用这个上限，对它们法院掌握的是年 {money.annual_percent(rules.value(LINE_KEY))} 的线"
            "（借款人请求调减时适用）。")


def comparison_notes(annual, licensed=True, private=False):
    """Sentences comparing an annual cost with the court line (licensed lenders) and, where the lender
    may be a private person, with the private-lending cap."""
    notes = []
    if licensed:
        sentence = court_line_sentence(annual, f"折合年化 {money.annual_percent(annual)}，")
        if sentence:
            notes.append(sentence)
    if private:
        notes.append(private_lending_sentence(annual))
    return notes
