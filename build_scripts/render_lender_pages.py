"""MkDocs hook: a lender's page from the lender directory.

A page writes `<!-- lender:meituan -->` on a line of its own (right under its title) and the build
puts there everything the directory knows about that brand (`calculators/lenders.toml`, read by
`calculators.lenders`, the same code as the 这家公司是谁？ lookup): the 今天就做 box (who you really
owe, how to reach them safely, what to ask for, how its fees count, where to complain), the
companies with their licence types and regulators, the in-app channel, each product's charging
rule (from `calculators/product_rules.toml`, as the calculators use it), credit bureaus, and what
regulators did — each fact with its status, source and date in a footnote. An unknown brand stops
the build. No phone number is printed unless the directory has it from an official page.
"""

import re
import sys
from pathlib import Path
from urllib.parse import quote

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from calculators import lenders, rules  # noqa: E402

MARKER = re.compile(r"^<!--\s*lender:([a-z0-9_]+)\s*-->$", re.M)
METHODS = {
    "daily_rate": "逾期未还的金额 × 日费率 × 逾期天数（单利）",
    "multiplier": "逾期的本金 × 借款的正常日利率 × 罚息倍数 × 逾期天数",
    "credit_card": "按日计息，每期账单另收违约金",
}


class _Notes:
    """Footnotes of one page: each fact's citation once, numbered in order."""

    def __init__(self, prefix):
        self.prefix, self.items = prefix, []

    def cite(self, fact):
        return self.cite_text(lenders.citation(fact))

    def cite_text(self, text):
        if text not in self.items:
            self.items.append(text)
        return f"[^{self.prefix}-{self.items.index(text) + 1}]"

    def markdown(self):
        return "\n".join(f"[^{self.prefix}-{n}]: {text}" for n, text in enumerate(self.items, 1))


def _companies(brand, roles):
    return [company for company in brand["companies"] if company["role"] in roles]


def _regulators(brand):
    """[(regulator, [company names])] for the companies a borrower may owe (lender, guarantor, insurer)."""
    found = {}
    for company in _companies(brand, ("lender", "guarantor", "insurer")):
        found.setdefault(company["regulator"], []).append(company["name"])
    if not found:  # a platform only: the lender on the contract is a bank, 消金 or 小贷
        found["合同上写的放贷机构所属的监管部门（银行、消费金融公司：国家金融监督管理总局；小额贷款公司：地方金融管理局）"] = []
    return list(found.items())


def today_box(brand, notes):
    owed = _companies(brand, ("lender",)) or _companies(brand, ("platform",))
    names = "、".join(f"{company['name']}（{company['kind_label']}）" for company in owed)
    backers = _companies(brand, ("guarantor", "insurer"))
    backer = (f"；还要看有没有担保或保险公司，例如{'、'.join(c['name'] for c in backers)}" if backers else "")
    product = "、".join(brand["products"])
    calculator = "../calculators/apr.md"
    statement = f"../calculators/letter.md?kind=statement&lender={quote(owed[0]['name'])}"
    regulator = _regulators(brand)[0][0]
    return "\n".join([
        '!!! today "今天就做"',
        "",
        f"    1. **先弄清欠的是谁**：打开{product}的借款详情和合同，找“贷款人”“出借人”和“担保人”。"
        f"本指南找到的有{names}{backer}。以合同上写的为准。",
        f"    2. **只从官方渠道联系**：用借款 App 里的客服入口（{brand['in_app']['value'].split('。')[0]}，"
        "以 App 里显示的为准）。不要打搜索结果、短信或陌生来电里给的号码。",
        f"    3. **要明细、算总成本、知道去哪投诉**：[书面要求]({statement})列出本金、利息、罚息和担保费、保险费、会员费，"
        f"全部放进[真实年化利率计算器]({calculator})；谈不拢，向{regulator}投诉。",
    ])


def lender_markdown(brand_id):
    """The Markdown put in place of `<!-- lender:ID -->` (KeyError for an unknown brand)."""
    brand = lenders.brand(brand_id)
    notes = _Notes(f"ld-{brand_id}")
    out = [today_box(brand, notes), ""]

    out += ["## 你欠的是谁", "",
            f"{brand['name']}是 App 上的品牌。借款合同、征信报告和法院文书上写的是公司的全称，"
            "下面是本指南找到的公司。你的合同上是哪家，以合同为准。", ""]
    for company in brand["companies"]:
        out.append(f"- **{company['name']}**{notes.cite(company)}：{company['kind_label']}，"
                   f"在这笔借款里是{company['role_label']}。投诉找：{company['regulator']}。")
    out.append("")
    out += ["", "这几类公司对你意味着什么：", ""]
    for kind in dict.fromkeys(company["kind"] for company in brand["companies"]):
        meaning = lenders.kinds()[kind]
        out.append(f"- **{meaning['label']}**：{meaning['meaning']}{notes.cite(meaning)}")
    out += [f"- {company['name']}：{company['note']}" for company in brand["companies"] if company["note"]]
    out += ["", "短信、征信报告或法院文书上出现一个不认识的公司名，用[这家公司是谁？](../calculators/lookup.md)查一查。", ""]

    out += ["## 怎样安全地联系", "",
            f"- **App 里的官方客服**：{brand['in_app']['value']}{notes.cite(brand['in_app'])}"]
    if brand["hotline"]:
        hotline = brand["hotline"]
        out.append(f"- **客服电话**：{hotline['number']}，印在官方页面上（{hotline['page']}）{notes.cite(hotline)}")
    else:
        out.append("- **电话**：本指南没有在官方页面上核实到它的客服电话，所以这里不写号码。"
                   "需要打电话，就用 App 里“关于我们”、借款合同“联系方式”里印的号码，并把号码记进[沟通记录](../tools/contact-log.md)。")
    out += ["- 搜索“客服电话”找到的号码、短信里的号码、自称“协商专员”的来电都可能是假的，"
            "见[警惕“代理协商”骗局](../rights/debt-relief-scams.md)。", ""]

    out += ["## 它怎么收费", ""]
    for pid in brand["product_ids"]:
        product = rules.product(pid)
        out.append(f"### {product['label']}")
        out.append("")
        out.append(f"- 逾期费用的算法：{METHODS[product['penalty_method']]}。")
        keys = [key for key in rules.all_rules() if key.startswith(pid + ".")]
        for key in keys:
            rule = rules.get(key)
            name = rule["name"] or {"penalty_multiplier": "罚息倍数", "overdue_daily_rate": "逾期日费率",
                                    "daily_rate_range": "常见的日利率", "grace_days": "宽限期"}.get(key.split(".", 1)[1], "")
            if not name:
                continue
            if key in product["answer_notes"]:  # a note that goes with every answer: its sentence says it all
                out.append(f"- {name}：{rule['note']}{notes.cite_text(rules.format_citation(key))}")
                continue
            out.append(f"- {name}：{rules.format_value(key)}。{rule['note']}"
                       f"{notes.cite_text(rules.format_citation(key))}")
        link = f"../calculators/penalty.md?product={pid}"
        out.append(f"- [算一算{product['label']}逾期每天多付多少]({link})"
                   + (f"；逾期了几期，用[分期贷款逾期](../calculators/loan.md?product={pid})按每一期算。"
                      if product["loan_method"] else "。"))
        out.append("")
    fee_facts = [fact for fact in brand["facts"] if fact["topic"] == "fees"]
    out += ["### 利息以外的费用", "",
            "担保费、保险费、会员费不叫“利息”，但都是借这笔钱的成本：算真实年化时要一起算进去。"
            "持牌机构的利息、罚息、违约金和各种费用加起来过高，可以请法院调减，见[其他网贷](other-online-loans.md#court-line)。"]
    out += [f"- {fact['value']}{notes.cite(fact)}" for fact in fee_facts]
    out.append("")

    bureaus = brand["credit_bureaus"]
    out += ["## 征信", ""]
    if bureaus["value"]:
        out.append(f"- 逾期会报送：{'、'.join(bureaus['value'])}{notes.cite(bureaus)}。请按“会上报”来打算。")
    else:
        out.append(f"- 报送哪家征信机构，本指南没有找到可靠的说法{notes.cite(bureaus)}。请按“会上报”来打算。")
    out += ["- 记录错了可以提异议，见[征信](../rights/credit-report.md)。", ""]

    history = [fact for fact in brand["facts"] if fact["topic"] != "fees"]
    out += ["## 监管和投诉记录", ""]
    if history and all(fact["status"] == "news" for fact in history):
        out += ["这一节的内容只见于新闻报道，本指南没有在监管部门的官网上核对。", ""]
    for fact in sorted(history, key=lambda fact: fact.get("date", ""), reverse=True):
        when = f"{fact['date']}：" if fact.get("date") else ""
        out.append(f"- {when}{fact['value']}{notes.cite(fact)}")
    if not history:
        out.append("- 本指南没有找到相关报道。")
    out.append("")

    out += ["## 去哪投诉", "",
            "先向它自己的客服投诉，要一个受理编号；不处理或你不满意，再找管它的部门：", ""]
    for regulator, names in _regulators(brand):
        out.append(f"- {regulator}" + (f"：管{'、'.join(names)}" if names else ""))
    letter = f"../calculators/letter.md?kind=complaint_regulator&lender={quote(_companies(brand, ('lender', 'platform'))[0]['name'])}"
    out += ["", f"投诉怎么写、寄到哪里：[协商不成怎么办](../steps/09-if-it-fails.md#complaints)；"
            f"被催收骚扰，[写一封投诉信]({letter})。", ""]
    out += [notes.markdown(), ""]
    return "\n".join(out)


def on_page_markdown(markdown, page, **kwargs):
    def render(match):
        try:
            return lender_markdown(match.group(1))
        except KeyError:
            raise PluginError(f"{page.file.src_uri}: unknown lender '{match.group(1)}' "
                              "(add it to calculators/lenders.toml or fix the marker)") from None

    return MARKER.sub(render, markdown)
