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
    ("waive_penalty", "减免已产生的罚息和违约金"),
    ("stop_interest", "停止计息（停息挂账）"),
    ("personalised", "按《商业银行信用卡业务监督管理办法》第七十条，与本人协商个性化分期还款（最长不超过 5 年）"),
    ("instalments", "分期还款"),
    ("defer", "延期还款"),
    ("pause_collection", "协商期间暂停催收"),
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
    ("payment_order_objection", "支付令异议书（收到支付令 15 日内交法院）"),
    ("answer", "民事答辩状（收到起诉状副本 15 日内交法院）"),
    ("settlement_proof", "申请开具结清证明"),
    ("pause_collection", "申请暂缓催收（准备还款方案期间）"),
)
COURT = ["payment_order_objection", "answer"]
NEGOTIATE = {"kind": ["negotiate"]}
COMPLAINTS = ["complaint_lender", "complaint_regulator", "third_party"]


def _f(name, label, kind, hint="", required=False, choices=None, default=None, **extra):
    spec = {"name": name, "label": label, "kind": kind, "required": required, "hint": hint,
            "choices": choices, "default": default, "show_if": None, "item_fields": None}
    spec.update(extra)
    return spec


def court_fields():
    """The fields only the court-stage and after letters use (shown for those kinds only)."""
    court = {"kind": COURT}
    return (
        _f("court", "法院名称", "text", "照支付令或起诉状副本上写的抄，例如 某某市某某区人民法院", show_if=court),
        _f("case_no", "案号", "text", "例如 （2026）京0105民督1234号", show_if=court),
        _f("received_date", "收到的日期", "text", "哪天收到支付令或起诉状副本，例如 2026-12-03；15 天从这天算",
           show_if=court),
        _f("claimed", "对方要求的金额（元）", "text", "照支付令或起诉状上写的，例如 23560.80", inputmode="decimal",
           show_if=court),
        _f("paid", "已经还过（元）", "text", "已经还给对方、但对方没有扣除的钱，例如 3000；附还款记录",
           inputmode="decimal", show_if={"kind": COURT + ["settlement_proof"]}),
        _f("grounds", "你不认可的地方", "textarea",
           "针对欠款本身写：金额哪里不对、哪些还款没算、哪些利息罚息违约金费用过高或没有依据、要钱的是不是和你签合同的机构"
           f"（最多 {TEXTAREA_MAX_CHARS} 字）。只写没钱、想分期，法院不当作异议", show_if=court),
        _f("settled_date", "还清的日期", "text", "例如 2026-11-30", show_if={"kind": ["settlement_proof"]}),
        _f("plan_date", "哪天前交还款方案", "text", "例如 2027-01-15；给自己留两到四周", show_if={"kind": ["pause_collection"]}),
    )


def fields():
    products = (("", "（不选）"),) + tuple((p["id"], p["label"]) for p in rules.products() if not p["court_ordered"])
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
        _f("principal", "其中本金（元）", "text", "可以不填，例如 30,000", inputmode="decimal", show_if=NEGOTIATE),
        _f("penalty", "其中罚息、违约金（元）", "text", "可以不填，例如 5,595.81", inputmode="decimal", show_if=NEGOTIATE),
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
        _f("schedule", "每期金额不同时的安排", "text", "例如 第 1–8 个月每月 300 元，第 9–20 个月每月 1,500 元",
           show_if=NEGOTIATE),
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
        *court_fields(),
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
     _t("有一笔借款，目前欠款 {amount} 元"), _t("（其中本金 {principal} 元", "principal"),
     _t("，罚息、违约金 {penalty} 元", "penalty"), _t("）", "principal"),
     _t("，已逾期 {overdue_days} 天", "overdue_days"), _t("。")],
    [],
    [_t("　　逾期的原因是：{reason_sentence}。"), _t("{reason_detail}", "reason_detail")],
    [],
    [_t("　　我没有逃避这笔欠款的意思，只是眼下确实没有能力按原合同还清。为了把欠款还上，我提出以下还款方案：")],
    [_t("　　每月还款 {monthly} 元"), _t("，共 {months} 期", "months"), _t("，还清本金 {principal} 元", "principal"),
     _t("，还款方式为{method_label}", "method_label"), _t("，从 {start_date} 开始", "start_date"), _t("。")],
    [_t("　　具体安排：{schedule}。", "schedule")],
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
        **court_templates(),
    }


# ---------------------------------------------------------------- the court stage and after
# 支付令异议书, 民事答辩状, 结清证明, 暂缓催收: their fields and wording. The statutes they rely on
# are named through the register of the law (calculators/law_register.toml), read when the site is
# built (template() runs natively in the form hook), never in the browser.

def court_templates():
    """{kind: {"title", "lines", "required", "send"}} for the four letters of the court stage and after."""
    from . import laws

    cpl = "civil_procedure_2023"
    order = laws.short_citation(cpl, ("227",))
    lapse = laws.short_citation(cpl, ("228",))
    not_objection = laws.short_citation("cpl_interpretation_2022", ("436",))
    answer_days = laws.short_citation(cpl, ("128",))
    jurisdiction = laws.short_citation(cpl, ("130",))
    clause = laws.short_citation("cpl_interpretation_2022", ("31",))
    small_claims = laws.short_citation(cpl, ("169",))
    excess = laws.short_citation("civil_code", ("585",))
    deducted = laws.short_citation("civil_code", ("670",))
    card_terms = laws.short_citation("bank_card_2021", ("2",))
    limitation = laws.short_citation("civil_code", ("188",))
    restart = laws.short_citation("limitation_2020", ("14", "19"))
    court_required = {"court": "请写法院名称，照支付令或起诉状副本上写的抄",
                      "grounds": "请写下你不认可的地方：金额、已还的钱、利息罚息违约金或费用"}
    sign_as = lambda who: ([_t("　　联系电话：{phone}", "phone")], [], [_t("　　此致")], [_t("{court}")], [],
                           [_t(who + "：{name_or_signature}")], [_t("日期：{today}")])
    help_line = "不确定怎么写，当天就打 12348（公共法律服务热线）或找当地法律援助机构。"
    return {
        "payment_order_objection": {"title": "支付令异议书", "required": court_required, "lines": (
            [_t("支付令异议书")], [],
            [_t("异议人（债务人）：{name_or_signature}"), _t("，身份证号后四位 {id_tail}", "id_tail")],
            [_t("申请人（债权人）：{lender}")], [],
            [_t("　　异议人于 {received_date} 收到贵院"), _t(" {case_no} ", "case_no"),
             _t("支付令，支付令要求异议人向申请人支付"), _t(" {claimed} 元", "claimed"), _t("。")],
            [_t(f"　　异议人对支付令所列的债务本身有异议，依据{order}，在收到支付令之日起十五日内提出书面异议。")],
            [],
            [_t("　　异议的事实和理由：")],
            [_t("　　{grounds}")],
            [_t("　　异议人已经向申请人还款 {paid} 元，申请人没有从所主张的金额中扣除（附还款记录）。", "paid")],
            [],
            [_t(f"　　以上异议针对债务本身。请求贵院依照{lapse}，裁定终结督促程序，支付令自行失效。")],
            []) + sign_as("异议人"), "send": [
            "在收到支付令之日起 15 日内，把签了名的书面异议交到发出支付令的法院（支付令上写的法院和地址）：当面交到立案窗口，"
            "或用 EMS 寄出并在面单上写明案号，保存寄件凭证和妥投记录。口头说的异议无效。",
            "异议要针对欠款本身：金额不对、还过的钱没算、利息罚息违约金和费用过高或没有依据。只写“没钱”“想分期”“想延期”，"
            f"不影响支付令的效力（{not_objection}），15 天后支付令照样可以申请强制执行。想分期，在异议成立、转入诉讼以后的调解里提。",
            help_line]},
        "answer": {"title": "民事答辩状", "required": court_required, "lines": (
            [_t("民事答辩状")], [],
            [_t("答辩人：{name_or_signature}"), _t("，身份证号后四位 {id_tail}", "id_tail")],
            [_t("被答辩人（原告）：{lender}")], [],
            [_t("　　答辩人于 {received_date} 收到贵院"), _t(" {case_no} ", "case_no"),
             _t("案件的起诉状副本"), _t("，原告要求答辩人支付 {claimed} 元", "claimed"), _t("。现提出答辩如下（不适用的条目请删去）：")],
            [],
            [_t("　　一、答辩人不认可的地方：{grounds}"),
             _t("答辩人已经还款 {paid} 元，原告没有全部扣除，请依还款记录核减。", "paid")],
            [_t(f"　　二、本金：借款时预先扣除的利息、服务费等，应当按实际收到的金额计算本金（{deducted}）。"
                "答辩人实际收到的金额为＿＿元。")],
            [_t(f"　　三、利息、罚息、违约金和费用：约定的违约金过分高于造成的损失，请求予以适当减少（{excess}）；"
                f"信用卡的利息、复利、费用、违约金等格式条款，发卡行订立合同时没有提示、说明的，不成为合同内容，"
                f"总额过高的请求适当减少（{card_terms}）；请求把利息、罚息、违约金和各项费用合计调减到法律和司法政策允许的范围内。")],
            [_t(f"　　四、诉讼时效：原告自＿＿年＿＿月起没有向答辩人主张过权利，已超过三年诉讼时效（{limitation}），"
                "答辩人提出时效抗辩。")],
            [_t(f"　　五、管辖：借款合同中的管辖条款是格式条款，签约时没有以合理方式提请答辩人注意，答辩人主张该条款无效（{clause}），"
                f"并在答辩期间提出管辖权异议（{jurisdiction}）。")],
            [_t(f"　　六、程序：本案对金额和费用争议较大，不宜适用小额诉讼的程序，答辩人依照{small_claims}提出异议。")],
            [],
            [_t("　　答辩人愿意在法院主持下调解，按自己真实的还款能力提出分期方案。")],
            [_t("　　附：借款合同、到账记录、全部还款记录、收入和开支证明。")],
            []) + sign_as("答辩人"), "send": [
            f"在收到起诉状副本之日起 15 日内交给受理案件的法院（{answer_days}）：当面交、EMS 邮寄，或按法院通知在线提交，"
            "写明案号，按对方人数另交副本，保存凭证。",
            f"不认可管辖的，要在同一个 15 日内提出，过了就晚了（{jurisdiction}）。不适用的条目删去，金额和日期照你的记录填。",
            "小额诉讼一般只开一次庭：证据和请求那天都要带上、说出来。" + help_line]},
        "settlement_proof": {"title": "申请开具结清证明", "required": {"lender": REQUIRED_MESSAGES["lender"],
                                                                   "settled_date": "请写还清的日期，例如 2026-11-30"},
                             "lines": (
            [_t("申请开具结清证明")], [], [_t("{lender}：")], [],
            _ME + [_t("，")] + _ACCOUNT + [_t("的借款，已于 {settled_date} 全部还清"),
                                           _t("，最后一笔还款 {paid} 元", "paid"), _t("。")],
            [],
            [_t("　　请贵机构：")],
            [_t("　　1. 出具书面结清证明（加盖公章，或在 App 内可下载的电子证明），写明借款人、借款账户、结清日期，"
                "以及本人对贵机构这笔借款已无任何欠款、贵机构不再追收；")],
            [_t("　　2. 已向征信机构报送过这笔借款的，按结清状态及时更新报送；")],
            [_t("　　3. 停止对这笔借款的一切催收，并通知受托的催收机构。")],
            [_t("　　请以书面方式（App 消息、短信、邮件或信件）答复。")],
            []) + _SIGN, "send": [
            "还清当天就要：通过贷款机构 App 里的客服，或按合同上的地址用 EMS 邮寄，保留回执。一次性结清、减免了一部分的，"
            "结清证明上要写明“已全部结清，不再追收”。",
            "拿到后和合同、还款记录放在一起长期保存。一两个月后查一次信用报告，没有更新为结清的，用“征信异议申请”。"]},
        "pause_collection": {"title": "申请暂缓催收", "required": {"lender": REQUIRED_MESSAGES["lender"],
                                                                 "plan_date": "请写哪天前交还款方案，例如 2027-01-15"},
                             "lines": (
            [_t("申请暂缓催收")], [], [_t("{lender}：")], [],
            _ME + [_t("，")] + _ACCOUNT + [_t("有一笔借款"), _t("，贵机构账单显示的欠款为 {amount} 元", "amount"),
                                           _t("，已逾期 {overdue_days} 天", "overdue_days"), _t("。")],
            [_t("　　本人对其中利息、罚息、违约金和费用的计算保留意见。", "amount")],
            [],
            [_t("　　本人正在整理收入和开支，准备一份做得到的还款方案，将在 {plan_date} 前书面提交给贵机构。"
                "在此期间，恳请贵机构暂缓催收：暂停电话、短信和上门催收，暂不委托外部机构催收，"
                "不联系本人以外的任何人；关于这笔借款的事，请只与本人联系。")],
            [_t("　　本人没有逃避这笔欠款的意思，愿意协商解决。本申请也是本人主动联系贵机构、积极协商的书面记录。")],
            []) + _SIGN, "send": [
            "发给贷款机构的官方客服（App 在线客服、邮件，或按合同地址用 EMS 邮寄），保留截图或回执，写进沟通记录。"
            "暂缓是请求，对方可以不同意；到了你写的日期，记得交方案（用“协商还款申请书”）。",
            f"离上一次还款、上一次被催收已经超过 3 年的，先打 12348 问清楚再寄：书面承认欠款、提出还款计划，"
            f"会让诉讼时效重新计算，过了时效以后同意还款就不能再以时效抗辩（{restart}）。"]},
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
