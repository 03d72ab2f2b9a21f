"""letter — the 协商还款申请书 as data: its fields, reason sentences and the letter's wording.

The letter is composed on the page without Pyodide (docs/assets/javascripts/calculator-letter.js):
the form hook (build_scripts/render_calculator_forms.py) builds the form from FIELDS and puts
`template()` on the form as JSON. The wording lives here, in one place, for maintainers.

The template is a list of lines; each line is a list of pieces:
    {"text": "…{amount}…"}                    always; {name} is the value typed in field `name`,
                                               or BLANK when empty
    {"text": "…", "if": "id_tail"}            only when that field holds something
    {"each": "requests", "text": "　　{n}. {item}；", "header": "　　恳请贵机构同意："}
                                               one line per ticked box (its label), after a header
Computed values the page supplies: {product_label} {method_label} (the chosen options' labels
without the part in brackets), {reason_sentence} (REASONS of the chosen reason), {today}
("2026 年 12 月 1 日"), {name_or_signature} (the name, or a line to sign on).
"""

from . import plan, rules

TEXTAREA_MAX_CHARS = 500  # the 具体情况 box; its hint says so
BLANK = "＿＿＿＿"
SIGNATURE_BLANK = "＿＿＿＿＿＿（签名）"

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


def _f(name, label, kind, hint="", required=False, choices=None, default=None, **extra):
    spec = {"name": name, "label": label, "kind": kind, "required": required, "hint": hint,
            "choices": choices, "default": default, "show_if": None, "item_fields": None}
    spec.update(extra)
    return spec


def fields():
    products = (("", "（不选）"),) + tuple((p["id"], p["label"]) for p in rules.products())
    methods = (("", "（不选）"),) + tuple(plan.METHODS)
    return (
        _f("name", "你的姓名", "text", "可以不填；打印后手写也可以"),
        _f("id_tail", "身份证号后四位", "text", "可以不填，例如 1234", inputmode="numeric"),
        _f("lender", "借款机构（写给谁）", "text", "例如 支付宝（花呗）、招商银行信用卡中心", required=True),
        _f("product", "产品", "choice", "例如 花呗", choices=products, default=""),
        _f("account", "账户或卡号后四位", "text", "可以不填，例如 尾号 5678"),
        _f("amount", "现在欠款（元）", "text", "照账单写，例如 12000", required=True, inputmode="decimal"),
        _f("overdue_days", "已逾期（天）", "text", "例如 45；没逾期可不填", inputmode="numeric"),
        _f("reason", "逾期的主要原因", "choice", "选最主要的一个", choices=REASON_CHOICES, default="income_drop"),
        _f("reason_detail", "具体情况", "textarea",
           f"几句话说清楚：什么时候、发生了什么、现在收入多少（最多 {TEXTAREA_MAX_CHARS} 字）"),
        _f("monthly", "每月能还（元）", "text", "按“每月预算”算出来的数，例如 800", required=True, inputmode="decimal"),
        _f("months", "分几期（月）", "text", "例如 24", inputmode="numeric"),
        _f("method", "还款方式", "choice", "例如 停息挂账", choices=methods, default=""),
        _f("start_date", "从哪天开始还", "text", "例如 2026-01-15"),
        _f("requests", "希望机构同意的事", "checkboxes", "可以多选", choices=REQUESTS),
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


def template():
    """Everything the page needs to compose the letter (JSON-able)."""
    return {"lines": [list(line) for line in TEMPLATE], "reasons": REASONS, "default_reason": "other",
            "blank": BLANK, "signature_blank": SIGNATURE_BLANK, "required": REQUIRED_MESSAGES}


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
    fill = {key: value or BLANK for key, value in text.items()}
    lines = []
    for line in TEMPLATE:
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
