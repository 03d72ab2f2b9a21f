"""letter — the letters as data: the 协商还款申请书 and the other letters (`kind`), their fields,
reason sentences, wording and where to send each.

The letter is composed on the page without Pyodide (docs/assets/javascripts/calculator-letter.js):
the form hook (build_scripts/render_calculator_forms.py) builds the form from FIELDS and puts
`template()` on the form as JSON. The wording lives here, in one place, for maintainers.

The template is a list of lines; each line is a list of pieces:
    {"text": "…{amount}…"}                    always; {name} is the value typed in field `name`,
                                               or BLANK when empty
    {"text": "…", "if": "id_tail"}            only when that field holds something
    {"each": "requests", "text": "　　{n}. {item}；", "header": "　　恳请贵机构同意："}
                                               one line per ticked box (its label), after a header
Each kind (KINDS) has its own template, title, required fields and `send` (where and how to send
it, shown under the letter); fields that belong to one kind have `show_if` {"kind": [...]}.
Computed values the page supplies: {product_label} {method_label} (the chosen options' labels
without the part in brackets), {reason_sentence} (REASONS of the chosen reason), {today}
("2026 年 12 月 1 日"), {name_or_signature} (the name, or a line to sign on).
"""

import re

from . import parsing, plan, rules

TEXTAREA_MAX_CHARS = 500  # the 具体情况 box; its hint says so
BLANK = "＿＿＿＿"
SIGNATURE_BLANK = "＿＿＿＿＿＿（签名）"
# a full card or account number typed where only the last digits go: left out of the letter
LAST_DIGITS_MESSAGE = "只填最后四位，例如 尾号 5678；完整的卡号或账号不会写进申请书，也不会保存"

REASON_CHOICES = (
    ("illness", "生病或受伤"),
    ("job_loss", "失业"),
    ("income_drop", "收入减少"),
    ("family", "家庭变故"),
    ("other", "其他原因"),
)
REASONS = {
    "illness": "本人（或家人）生病、受伤，治疗花了很多钱，一段时间不能正常工作，收入明显减少",
    "job_loss": "本人失业，暂时没有稳定收入，正在积极找工作",
    "income_drop": "本人收入大幅减少，扣除基本生活开支后，无法按原合同按时足额还款",
    "family": "家庭发生变故，开支突然增加，收入不够按原合同还款",
    "other": "发生了意外情况，暂时无法按原合同还款",
}
REQUESTS = (
    ("waive_penalty", "减免罚息和违约金"),
    ("stop_interest", "停止计息（停息挂账）"),
    ("instalments", "分期还款"),
    ("defer", "延期还款"),
)
# The fields a letter cannot do without, with the message shown next to each when it is empty.
REQUIRED_MESSAGES = {
    "lender": "请填写借款机构，例如 支付宝（花呗）",
    "amount": "请填写现在欠款，例如 12000",
    "monthly": "请填写每月能还多少，例如 800",
}
KINDS = (
    ("negotiate", "协商还款申请书"),
    ("statement", "要求提供欠款明细和计算方式"),
    ("dispute", "征信异议申请"),
    ("complaint_lender", "投诉信：给贷款机构（催收方式不当）"),
    ("complaint_regulator", "投诉信：给金融监管部门（催收方式不当）"),
    ("third_party", "要求停止联系第三人并删除通讯录信息"),
    ("declaration", "个人声明（附在信用报告上）"),
)
NEGOTIATE = {"kind": ["negotiate"]}
COMPLAINTS = ["complaint_lender", "complaint_regulator", "third_party"]


def _f(name, label, kind, hint="", required=False, choices=None, default=None, **extra):
    spec = {"name": name, "label": label, "kind": kind, "required": required, "hint": hint,
            "choices": choices, "default": default, "show_if": None, "item_fields": None}
    spec.update(extra)
    return spec


def fields():
    products = (("", "（不选）"),) + tuple((p["id"], p["label"]) for p in rules.products())
    methods = (("", "（不选）"),) + tuple(plan.METHODS)
    return (
        _f("kind", "写哪一种", "choice", "例如 协商还款申请书", choices=KINDS, default="negotiate", required=True),
        _f("name", "你的姓名", "text", "可以不填；打印后手写也可以"),
        _f("id_tail", "身份证号后四位", "text", "可以不填，例如 1234", inputmode="numeric"),
        _f("lender", "借款机构（写给谁）", "text", "例如 支付宝（花呗）、招商银行信用卡中心",
           required_if={"kind": [kind for kind, _ in KINDS if kind not in ("dispute", "declaration")]}),
        _f("product", "产品", "choice", "例如 花呗", choices=products, default=""),
        _f("account", "账户或卡号后四位", "text", "可以不填，例如 尾号 5678"),
        _f("amount", "现在欠款（元）", "text", "照账单写，例如 12000", inputmode="decimal", required_if=NEGOTIATE),
        _f("overdue_days", "已逾期（天）", "text", "例如 45；没逾期可不填", inputmode="numeric"),
        _f("reason", "逾期的主要原因", "choice", "选最主要的一个", choices=REASON_CHOICES, default="income_drop",
           show_if=NEGOTIATE),
        _f("reason_detail", "具体情况", "textarea",
           f"几句话说清楚：什么时候、发生了什么、现在收入多少（最多 {TEXTAREA_MAX_CHARS} 字）", show_if=NEGOTIATE),
        _f("monthly", "每月能还（元）", "text", "按“每月预算”算出来的数，例如 800", required=True, inputmode="decimal",
           show_if=NEGOTIATE),
        _f("months", "分几期（月）", "text", "例如 24", inputmode="numeric", show_if=NEGOTIATE),
        _f("method", "还款方式", "choice", "例如 停息挂账", choices=methods, default="", show_if=NEGOTIATE),
        _f("start_date", "从哪天开始还", "text", "例如 2026-01-15", show_if=NEGOTIATE),
        _f("requests", "希望机构同意的事", "checkboxes", "可以多选", choices=REQUESTS, show_if=NEGOTIATE),
        _f("collector", "催收方（自称的公司、来电号码）", "text", "例如 某某催收公司，号码 0755-12345678",
           show_if={"kind": COMPLAINTS}),
        _f("incident", "发生了什么", "textarea",
           f"按时间写：哪天、哪个号码、说了什么、联系了谁（最多 {TEXTAREA_MAX_CHARS} 字）", show_if={"kind": COMPLAINTS}),
        _f("record", "信用报告上的哪一条", "textarea",
           f"例如 报告第 3 页，招商银行信用卡 2026 年 3 月显示逾期（最多 {TEXTAREA_MAX_CHARS} 字）",
           show_if={"kind": ["dispute", "declaration"]}),
        _f("correction", "应当是什么、为什么", "textarea",
           f"例如 我 3 月 20 日已按时还款，附还款凭证（最多 {TEXTAREA_MAX_CHARS} 字）", show_if={"kind": ["dispute"]}),
        _f("explanation", "声明的内容", "textarea",
           f"例如 2026 年 3 月至 6 月住院治疗，无法按时还款，出院后已与银行协商分期（最多 {TEXTAREA_MAX_CHARS} 字）",
           show_if={"kind": ["declaration"]}),
        _f("phone", "联系电话", "text", "可以不填；写了机构才能回电", inputmode="tel"),
    )


FIELDS = fields()


def _t(text, when=None):
    piece = {"text": text}
    if when:
        piece["if"] = when
    return piece


TEMPLATE = (
    [_t("协商还款申请书")],
    [],
    [_t("{lender}：")],
    [],
    [_t("　　本人{name}"), _t("（身份证号后四位 {id_tail}）", "id_tail"), _t("，在贵机构"),
     _t("的{product_label}", "product_label"), _t("（{account}）", "account"),
     _t("有一笔借款，目前欠款 {amount} 元"), _t("，已逾期 {overdue_days} 天", "overdue_days"), _t("。")],
    [],
    [_t("　　逾期的原因是：{reason_sentence}。"), _t("{reason_detail}", "reason_detail")],
    [],
    [_t("　　我没有逃避这笔欠款的意思，只是眼下确实没有能力按原合同还清。为了把欠款还上，我提出以下还款方案：")],
    [_t("　　每月还款 {monthly} 元"), _t("，共 {months} 期", "months"), _t("，还款方式为{method_label}", "method_label"),
     _t("，从 {start_date} 开始", "start_date"), _t("。")],
    [],
    [{"each": "requests", "header": "　　恳请贵机构同意：", "text": "　　{n}. {item}；", "footer": ""}],
    [_t("　　这个金额是我在保证基本生活开支之后能拿出来的最大数额，我会按约定按时还款。"
        "希望双方达成一致后签订书面还款协议（或在 App 中确认方案），写明每期金额、还款日期，以及利息、罚息和费用如何处理。")],
    [_t("　　联系电话：{phone}", "phone")],
    [],
    [_t("　　此致")],
    [_t("敬礼")],
    [],
    [_t("申请人：{name_or_signature}")],
    [_t("日期：{today}")],
)


_SIGN = ([_t("　　联系电话：{phone}", "phone")], [], [_t("　　此致")], [_t("敬礼")], [],
         [_t("申请人：{name_or_signature}")], [_t("日期：{today}")])
_ME = [_t("　　本人{name}"), _t("（身份证号后四位 {id_tail}）", "id_tail")]
_ACCOUNT = [_t("在贵机构"), _t("的{product_label}", "product_label"), _t("（{account}）", "account")]


def _objection_days():
    return rules.format_value("credit_report.objection_reply_days")


def templates():
    """{kind: {"title", "lines", "required": {field: message}, "send": [sentences]}}."""
    days = _objection_days()
    return {
        "negotiate": {"title": "协商还款申请书", "lines": TEMPLATE, "required": REQUIRED_MESSAGES, "send": [
            "通过贷款机构的官方渠道提交：App 里的在线客服（可以发图片）、客服电话里说明后按要求发送，"
            "或者按合同上的地址邮寄（用 EMS，保留回执）。",
            "不要交给自称能“代理协商”的个人或公司，也不要转钱到个人账户。"]},
        "statement": {"title": "要求提供欠款明细和计算方式", "required": {"lender": REQUIRED_MESSAGES["lender"]}, "lines": (
            [_t("要求提供欠款明细和计算方式")], [], [_t("{lender}：")], [],
            _ME + [_t("，")] + _ACCOUNT + [_t("有一笔借款"), _t("，贵机构告知的欠款为 {amount} 元", "amount"), _t("。")],
            [],
            [_t("　　为了核对欠款，请贵机构书面提供以下内容：")],
            [_t("　　1. 借款本金、已还款项，以及每一笔还款冲抵本金、利息、罚息、违约金和其他费用的顺序和金额；")],
            [_t("　　2. 利息、罚息（逾期利息）、复利、违约金和各项费用的计算方式、利率或费率、起止日期和合同依据；")],
            [_t("　　3. 截至本申请日的欠款总额，以及其中本金、利息、罚息、违约金、费用各是多少。")],
            [],
            [_t("　　收到上述明细之前，请不要把未说明依据的费用计入欠款。请以书面方式（短信、App 消息、邮件或信件）答复。")],
            []) + _SIGN, "send": [
            "发给贷款机构的官方客服（App 在线客服可以发图片或文字），或者按合同上的地址用 EMS 邮寄，保留回执。",
            "记下提交的日期和对方的答复，写进沟通记录。"]},
        "dispute": {"title": "征信异议申请", "required": {"record": "请写明信用报告上的哪一条不对"}, "lines": (
            [_t("征信异议申请")], [], [_t("中国人民银行征信中心"), _t("（或：{lender}）", "lender"), _t("：")], [],
            _ME + [_t("，依据《征信业管理条例》第二十五条，对本人信用报告中的以下信息提出异议：")],
            [_t("　　{record}")],
            [_t("　　应当是：{correction}", "correction")],
            [],
            [_t(f"　　请对这条信息作出存在异议的标记，自收到本申请之日起 {days}内核查处理，并将结果书面答复本人。"
                "确属错误的，请予以更正。")],
            [_t("　　附：身份证复印件，以及能证明上述情况的材料（还款凭证、结清证明、银行流水等）。")],
            []) + _SIGN, "send": [
            "交给中国人民银行征信中心（当地人民银行分支机构的征信查询柜台，或征信中心的线上渠道），"
            "或者直接交给报送这条信息的贷款机构。带上身份证和证明材料。",
            f"对方应在 {days}内核查并书面答复；提异议是免费的，不要找收费“修复征信”的人。"]},
        "complaint_lender": {"title": "投诉信", "required": {"lender": REQUIRED_MESSAGES["lender"],
                                                           "incident": "请写下发生了什么：哪天、哪个号码、说了什么"}, "lines": (
            [_t("投诉信")], [], [_t("{lender}：")], [],
            _ME + [_t("，")] + _ACCOUNT + [_t("有一笔借款。近期为这笔借款催收的人员"), _t("（{collector}）", "collector"),
                                           _t("有以下行为：")],
            [_t("　　{incident}")],
            [],
            [_t("　　这些行为不符合法律法规和监管规定对催收的要求。请贵机构：1. 核实情况，要求催收人员立即停止上述行为；"
                "2. 告知本人处理结果；3. 以后只通过合法、文明的方式与本人联系。")],
            [_t("　　本人愿意就还款问题继续与贵机构协商。")],
            []) + _SIGN, "send": [
            "先发给贷款机构本身：App 里的客服或“投诉/反馈”，保留截图；催收外包出去的，贷款机构仍然要负责。",
            "附上录音、截图、通话记录；记下投诉编号和对方工号。对方不处理，再用“给金融监管部门”的投诉信。"]},
        "complaint_regulator": {"title": "投诉信", "required": {"lender": REQUIRED_MESSAGES["lender"],
                                                              "incident": "请写下发生了什么：哪天、哪个号码、说了什么"}, "lines": (
            [_t("投诉信")], [], [_t("金融监管部门：")], [],
            _ME + [_t("，在{lender}")] + [_t("的{product_label}", "product_label"), _t("（{account}）", "account"),
                                          _t("有一笔借款。为这笔借款催收的人员"), _t("（{collector}）", "collector"),
                                          _t("有以下行为：")],
            [_t("　　{incident}")],
            [],
            [_t("　　本人已向该机构反映，问题没有得到解决。请贵部门依法处理，责令该机构规范催收行为，并将处理结果告知本人。")],
            [_t("　　附：录音、截图、通话记录等证据，以及本人向该机构投诉的记录。")],
            []) + _SIGN, "send": [
            "银行、消费金融公司：打国家金融监督管理总局的 12378，按这封信的内容说，或按要求寄送；"
            "小额贷款公司、融资担保公司：交给当地地方金融管理局。",
            "遇到暴力、威胁人身安全、上门闹事，直接打 110 报警。"]},
        "third_party": {"title": "要求停止联系第三人并删除通讯录信息", "required": {"lender": REQUIRED_MESSAGES["lender"]},
                        "lines": (
            [_t("要求停止联系第三人并删除通讯录信息")], [], [_t("{lender}：")], [],
            _ME + [_t("，")] + _ACCOUNT + [_t("有一笔借款。贵机构或受托催收的人员"), _t("（{collector}）", "collector"),
                                           _t("联系了本人的家人、朋友或同事。")],
            [_t("　　{incident}", "incident")],
            [],
            [_t("　　这笔借款与他们无关。请贵机构：1. 立即停止联系本人以外的任何人；"
                "2. 依据《个人信息保护法》第四十七条，删除为催收目的获取或保存的本人通讯录和其他联系人信息，"
                "并要求受托催收的机构一并删除；3. 书面告知本人处理结果。")],
            [_t("　　关于还款，请只与本人联系，本人愿意协商。")],
            []) + _SIGN, "send": [
            "发给贷款机构的官方客服（App 留言、邮件，或用 EMS 邮寄），保留截图或回执。",
            "对方继续联系第三人的，把这封信和记录一起附在投诉信里。"]},
        "declaration": {"title": "个人声明", "required": {"explanation": "请写下声明的内容：为什么逾期、现在的情况"},
                        "lines": (
            [_t("个人声明")], [], [_t("中国人民银行征信中心：")], [],
            _ME + [_t("，请在本人的信用报告中，对以下信息附上本人的说明：")],
            [_t("　　{record}", "record")],
            [_t("　　说明：{explanation}")],
            [],
            [_t("　　以上情况属实，本人可以提供证明材料。")]) + _SIGN, "send": [
            "向中国人民银行征信中心提出，或到当地人民银行分支机构的征信查询柜台，带上身份证和证明材料（诊断证明、离职证明等）。",
            "声明不会删除记录，但以后查你报告的机构能看到这段说明。"]},
    }


def template():
    """Everything the page needs to compose the letters (JSON-able): each kind's template, the
    reason sentences, blanks. `lines` and `required` are the 协商还款申请书's (the default kind)."""
    kinds = {kind: {**value, "lines": [list(line) for line in value["lines"]]} for kind, value in templates().items()}
    return {"templates": kinds, "default_kind": "negotiate", "lines": kinds["negotiate"]["lines"],
            "reasons": REASONS, "default_reason": "other",
            "blank": BLANK, "signature_blank": SIGNATURE_BLANK, "required": REQUIRED_MESSAGES,
            "last_digits": LAST_DIGITS_MESSAGE}


def compose(values, today):
    """The letter for `values` (what the form holds) — the same rules as the page's composer, for
    the tests and for anyone using the package: blanks, conditions, the list of requests, and no
    two empty lines in a row. `today` is a datetime.date."""
    labels = {name: label for spec in FIELDS if spec["choices"] for name, label in
              ((f"{spec['name']}:{value}", label) for value, label in spec["choices"])}

    def option(field, value):
        return labels.get(f"{field}:{value}", "").split("（")[0] if value else ""

    text = {key: str(values.get(key) or "").strip() for spec in FIELDS for key in [spec["name"]]
            if spec["kind"] != "checkboxes"}
    text.update(product_label=option("product", text.get("product")), method_label=option("method", text.get("method")),
                reason_sentence=REASONS.get(text.get("reason"), REASONS["other"]),
                today=f"{today.year} 年 {today.month} 月 {today.day} 日",
                name_or_signature=text.get("name") or SIGNATURE_BLANK)
    requests = [label for value, label in REQUESTS if value in (values.get("requests") or [])]
    for spec in FIELDS:  # never a full card number in the letter (see LAST_DIGITS_MESSAGE)
        if parsing.is_last_digits(spec) and parsing.LONG_DIGITS.search(re.sub(r"[\s-]", "", text.get(spec["name"], ""))):
            text[spec["name"]] = ""
    fill = {key: value or BLANK for key, value in text.items()}
    chosen = templates().get(text.get("kind") or "negotiate", templates()["negotiate"])
    lines = []
    for line in chosen["lines"]:
        if line and "each" in line[0]:
            piece = line[0]
            if requests:
                lines.append(piece["header"])
                lines.extend(piece["text"].format(n=n, item=item) for n, item in enumerate(requests, 1))
                lines.append(piece["footer"])
            continue
        lines.append("".join(piece["text"].format(**fill) for piece in line
                             if not piece.get("if") or text.get(piece["if"])))
    kept = [line for index, line in enumerate(lines) if not (line == "" and index and lines[index - 1] == "")]
    return "\n".join(kept)
