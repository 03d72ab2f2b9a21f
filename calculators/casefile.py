"""casefile — 我的情况: the person's debts and monthly budget, typed once, kept on the device.

The page (docs/calculators/casefile.md) is a form like any calculator's, generated from FIELDS; it
is saved under the one localStorage key `xshk:case` as {"v": 1, "values": {field: text}} (the
form's field names: "debts.0.lender", "salary"). `calculate` checks every field with the shared
reader and sums up what was entered (what is owed; what is left each month after living costs).

FILL says, as data, how each calculator's form is filled from the case file ("用我的情况填写")
and which of its figures can be saved back. The page script (case-file.js) only copies values:
    "fields":    {calculator field: source}         source: "salary" (a case field) or
                                                    "debt.amount" (that field of the chosen debt)
                                                    or a list of sources (the first that holds
                                                    something; such a field is not saved back)
    "rows":      {list: [{item field: source or {"text": literal}}]}
                                                    one row per entry whose sources hold
                                                    something; saved back by the row's label
    "each_debt": {list: {item field: "debt.FIELD" or [..]}}   one row per debt in the case file
    "fill_only": [calculator field, ...]            filled from the case file, never saved back:
                                                    the form's figure means something else (an
                                                    agreed or original principal is not 现在欠款)
"Save back" (存回我的情况) lists each change (field, old → new) and writes only when confirmed.
"""

from decimal import Decimal

from . import debt, debts, money, parsing
from . import view as ui
from .parsing import field

TITLE = ("我的情况", "My case file")
STORAGE_KEY = "xshk:case"
VERSION = 1
MAX_DEBTS = 20

DEBT_FIELDS = (
    field("nickname", "自己起的名字", "Nickname", "text", hint="例如 招行卡、花呗（只给自己看）"),
    field("lender", "借款机构", "Lender", "text", hint="例如 招商银行信用卡中心、支付宝（花呗）"),
    field("product", "产品", "Product", "choice", required=True, hint="例如 花呗",
          choices=debt.DEBT_PRODUCTS, default="custom"),
    field("amount", "现在欠款（元）", "Owed now (yuan)", "amount", required=True, hint="照账单或 App 写，例如 12000"),
    debts.overdue_amount_field(),
    field("days", "已逾期（天）", "Days overdue", "integer", hint="例如 45；没逾期填 0", min=0, max=3650,
          help="填了下面的到期还款日就可以空着：按日期算，不会过时"),
    field("daily_rate", "日利率（账单或合同上的）", "Daily rate (bill or contract)", "daily_rate",
          hint="例如 0.05% 或 万分之五；不知道就空着"),
    field("annual_rate", "年利率（合同上的）", "Annual rate (contract)", "rate", hint="例如 18%；不知道就空着"),
    field("minimum_payment", "最低还款额（元）", "Minimum payment (yuan)", "amount", hint="看信用卡账单，例如 500",
          show_if={"product": list(debt.CARD_PRODUCTS)}),
    field("statement_date", "账单日", "Statement date", "date", hint="例如 2026-01-05",
          show_if={"product": list(debt.CARD_PRODUCTS)}),
    field("due_date", "到期还款日", "Due date", "date", hint="例如 2026-01-25",
          help="信用卡：没还上的那期账单的到期还款日；贷款：第一期没还的还款日"),
    field("signed_on", "借款合同签订日期", "Date the contract was signed", "date", hint="例如 2021-03-05",
          show_if={"product": [pid for pid, _ in debt.DEBT_PRODUCTS if not debt.PRODUCT_RULES[pid]["licensed"]]},
          help="向个人或没有放贷牌照的公司借的：法院支持的利率上限按签合同时的 LPR 算"),
    field("account", "账户或卡号后四位", "Account (last four digits)", "text", hint="例如 尾号 5678；不要写全号"),
    debts.court_stage_field(),
)

INCOME = (("salary", "工资", "Salary"), ("other_income", "其他收入", "Other income"))
SPENDING = (  # name, label, English, the hint's example
    ("rent", "房租/房贷", "Rent or mortgage", "1500"),
    ("utilities", "水电燃气", "Utilities", "200"),
    ("food", "吃饭", "Food", "1200"),
    ("transport", "交通", "Transport", "200"),
    ("phone", "通讯", "Phone and internet", "100"),
    ("children", "孩子", "Children", "800"),
    ("medical", "看病", "Medical", "200"),
    ("elders", "赡养老人", "Supporting parents", "500"),
    ("other", "其他", "Other", "300"),
)


def _money_field(name, label, label_en, hint):
    return field(name, f"{label}（每月，元）", f"{label_en} (monthly, yuan)", "amount", hint=hint, allow_zero=True)


FIELDS = (
    field("debts", "我的欠款", "My debts", "list", hint="每笔欠款一项，照账单或 App 填；填不全也可以先存着",
          max_items=MAX_DEBTS, item_fields=DEBT_FIELDS),
    *(_money_field(name, label, en, "例如 6000" if name == "salary" else "例如 500")
      for name, label, en in INCOME),
    *(_money_field(name, label, en, f"例如 {example}") for name, label, en, example in SPENDING),
    field("other_debts", "其他每月必须还的钱（元）", "Other required monthly payments (yuan)", "amount",
          hint="例如 车贷 1500；上面没列的欠款每月要还的", allow_zero=True),
    field("name", "你的姓名（写申请书用）", "Your name (for letters)", "text", hint="例如 张三；打印后手写也可以"),
    field("contact_phone", "联系电话（写申请书用）", "Phone (for letters)", "text", hint="例如 13800000000；写了机构才能回电", inputmode="tel"),
)

# ---------------------------------------------------------------- filling the calculators' forms

_DEBT_LABEL = ["debt.nickname", "debt.lender"]
FILL = {
    "penalty": {"fields": {"product": "debt.product", "amount": "debt.amount", "days": "debt.days",
                           "daily_rate": "debt.daily_rate", "minimum_payment": "debt.minimum_payment",
                           "signed_on": "debt.signed_on"}},
    "card": {"fields": {"bill_amount": "debt.amount", "statement_date": "debt.statement_date",
                        "due_date": "debt.due_date", "daily_rate": "debt.daily_rate"}},
    "loan": {"fields": {"product": "debt.product", "daily_rate": "debt.daily_rate"}},
    "plan": {"fields": {"principal": "debt.amount", "annual_rate": "debt.annual_rate"},
             "fill_only": ["principal"]},  # the principal of a plan being tried, not what is owed now
    "apr": {"fields": {"principal": "debt.amount", "signed_on": "debt.signed_on"},
            "fill_only": ["principal"]},  # the amount borrowed at the start
    "budget": {
        "rows": {
            "incomes": [{"label": {"text": label}, "amount": name} for name, label, _ in INCOME],
            "essentials": [{"label": {"text": label}, "amount": name} for name, label, *_ in SPENDING],
            "other_debts": [{"label": {"text": "其他必须还的钱"}, "amount": "other_debts"}],
        },
        "fields": {"debt_amount": "debt.amount", "annual_rate": "debt.annual_rate"},
    },
    "debts": {"each_debt": {"debts": {"label": _DEBT_LABEL, "product": "debt.product", "amount": "debt.amount",
                                      "overdue_amount": "debt.overdue_amount",
                                      "days": "debt.days", "daily_rate": "debt.daily_rate",
                                      "statement_date": "debt.statement_date", "due_date": "debt.due_date",
                                      "court_stage": "debt.court_stage"}}},
    "calendar": {"fields": {"lender": ["debt.lender", "debt.nickname"], "principal": "debt.amount"},
                 "fill_only": ["principal"]},  # the agreed principal, not 现在欠款
    "letter": {"fields": {"lender": ["debt.lender", "debt.nickname"], "product": "debt.product",
                          "account": "debt.account", "amount": "debt.amount", "overdue_days": "debt.days",
                          "name": "name", "phone": "contact_phone"},
               # a figure already in the letter (from 我的协商方案) is kept, and the page says what the case
               # file holds instead
               "keep": ["amount", "overdue_days"]},
}


def fill_map(name):
    """What the form of calculator `name` takes from the case file (None: nothing)."""
    return FILL.get(name)


# ---------------------------------------------------------------- the summary

def _without_empty_debts(inputs):
    """A debt row holding nothing but the drop-down's default product is an empty row (skipped)."""
    rows = inputs.get("debts") if isinstance(inputs, dict) else None
    if not isinstance(rows, list):
        return inputs
    kept = [{} if isinstance(row, dict) and all(parsing.is_blank(value) for key, value in row.items()
                                                 if key != "product") else row for row in rows]
    return dict(inputs, debts=kept)


def calculate(inputs):
    with money.context():
        values, notes, errors = parsing.read(FIELDS, _without_empty_debts(inputs))
        for item in values["debts"]:
            if item.get("overdue_amount") is not None and item["amount"] is not None and item["overdue_amount"] > item["amount"]:
                errors.add(f"debts.{item['index']}.overdue_amount", "已逾期的金额不能大于现在欠款，请检查")
        errors.raise_if_any()
        rows = []
        for number, item in enumerate(values["debts"], 1):
            name = item["nickname"] or item["lender"] or f"第 {number} 笔"
            rows.append({"label": name, "lender": item["lender"], "product": item["product"],
                         "product_label": debt.PRODUCT_RULES[item["product"]]["label"],
                         "amount": money.money(item["amount"]),
                         "overdue_amount": money.money(item["overdue_amount"]) if item.get("overdue_amount") is not None else None,
                         "court_stage": item.get("court_stage") or "",
                         "days": item.get("days"), "due_date": item["due_date"].isoformat() if item.get("due_date") else None,
                         "index": item["index"]})
        owed = sum((Decimal(row["amount"]) for row in rows), Decimal(0))
        income = sum((values[name] or Decimal(0) for name, _, _ in INCOME), Decimal(0))
        spending = sum((values[name] or Decimal(0) for name, *_ in SPENDING), Decimal(0))
        other = values["other_debts"] or Decimal(0)
        return {
            "calculator": "casefile",
            "debts": rows,
            "debt_count": len(rows),
            "total_owed": money.money(owed),
            "income": money.money(income),
            "spending": money.money(spending),
            "other_debts": money.money(other),
            "left": money.money(income - spending - other),
            "has_budget": any(values[name] is not None for name, *_ in INCOME + SPENDING) or other > 0,
            "notes": notes,
        }


EXAMPLES = {
    "debts_and_a_budget": {
        "debts": [
            {"nickname": "招行卡", "lender": "招商银行信用卡中心", "product": "credit_card", "amount": "20000",
             "daily_rate": "0.05%", "annual_rate": "18%", "minimum_payment": "2000",
             "statement_date": "2026-01-05", "due_date": "2026-01-25", "account": "尾号 5678"},
            {"nickname": "花呗", "lender": "支付宝（花呗）", "product": "huabei", "amount": "8000", "days": "30"},
            {"nickname": "找表哥借的", "product": "custom", "amount": "5000", "days": "10", "daily_rate": "0.03%",
             "signed_on": "2023-05-10"},
        ],
        "salary": "6000", "other_income": "500", "rent": "1500", "utilities": "200", "food": "1200",
        "transport": "200", "phone": "100", "children": "500", "medical": "100", "elders": "300", "other": "100",
        "other_debts": "0", "name": "张三", "contact_phone": "13800000000",
    },
    "private_loan": {"debts": [{"nickname": "找表哥借的", "product": "custom", "amount": "5000", "days": "10",
                                "daily_rate": "0.03%", "signed_on": "2023-05-10"}]},
    "budget_only": {"salary": "5000", "rent": "2000", "food": "1500"},
}
EXAMPLE = "debts_and_a_budget"


def view(result):
    m = money
    count = result["debt_count"]
    parts = []
    if count:
        parts.append(f"你记下了 {count} 笔欠款，一共 {m.yuan(result['total_owed'])}")
    else:
        parts.append("还没有记下欠款")
    if result["has_budget"]:
        left = Decimal(result["left"])
        after = (f"每月还剩 {m.yuan(result['left'])}" if left >= 0
                 else f"每月还差 {m.yuan(m.money(-left))}")
        parts.append(f"每月收入 {m.yuan(result['income'])}，生活开支 {m.yuan(result['spending'])}，"
                     f"其他必须还的 {m.yuan(result['other_debts'])}，{after}")
    else:
        parts.append("还没有填每月收入和开支")
    sentence = "；".join(parts) + "。"
    rows = [[row["label"], row["product_label"], m.grouped(row["amount"]),
             "" if row["days"] is None else str(row["days"]) if row["days"] is not None else ""]
            for row in result["debts"]]
    return ui.blocks(
        ui.headline(sentence),
        ui.figures(("欠款笔数", f"{count} 笔"), ("一共欠", m.yuan(result["total_owed"])),
                   ("每月收入", m.yuan(result["income"])), ("生活开支", m.yuan(result["spending"])),
                   ("收入减开支和其他必须还的", m.yuan(result["left"]))),
        ui.table("我的欠款", [ui.column("名称"), ui.column("产品"), ui.column("欠款（元）", True),
                             ui.column("已逾期（天）", True)], rows) if rows else None,
        ui.paragraph("每个计算器和申请书页面都有“用我的情况填写”：点一下，就用这里的数填好。"
                     "每月最多能还多少，用每月预算计算器算（它会留出余地）。"),
        ui.notes(result["notes"]),
        ui.copy(f"【我的情况】{sentence}"),
    )
