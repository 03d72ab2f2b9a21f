"""actionplan — 我的协商方案: one printable plan built from the case file (calculators/casefile.py).

Its inputs are the case file's fields (the page keeps them under the same key, `xshk:case`) plus
`as_of`, the date the plan is made. Every figure comes from the other calculators:
- budget.calculate: what is left each month after living costs and other required payments, and
  how much of it to offer with the buffer kept back (its proposal's `most_per_month`, for the
  total of the debts);
- debts.calculate: what each debt costs per day now, the order (most expensive first) and the
  split of that monthly amount;
- budget.shortest_plan: for each lender, how many months of 停息挂账 its share pays the principal in.
Then, per lender, what to ask for and a link to the letter with those figures; the next three
things to do; the rights pages that fit.
"""

from decimal import Decimal

from . import budget, casefile, debts, money, parsing, rules
from . import view as ui
from .parsing import FieldErrors, field

TITLE = ("我的协商方案", "My action plan")
CAP_KEY = "credit_card.personalised_instalment_max_months"

FIELDS = tuple(dict(spec, required=True, hint="每笔欠款一项；在“我的情况”里填过的会自动带过来")
               if spec["name"] == "debts" else spec for spec in casefile.FIELDS) + (
    field("as_of", "方案日期", "Date of the plan", "date", required=True, hint="例如 2026-12-01",
          help="一般是今天：逾期天数和罚息算到这一天", default_today=True),
)


def _text(value):
    return "" if value is None else money.money(value) if isinstance(value, Decimal) else str(value)


def _budget_inputs(values, total):
    rows = lambda names: [{"label": label, "amount": _text(values[name])}  # noqa: E731
                          for name, label, *_ in names if values[name] is not None]
    return {"incomes": rows(casefile.INCOME), "essentials": rows(casefile.SPENDING),
            "other_debts": ([{"label": "其他必须还的钱", "amount": _text(values["other_debts"])}]
                            if values["other_debts"] is not None else []),
            "debt_amount": _text(total)}


def _debts_inputs(inputs, values, monthly):
    rows = []
    raw_rows = inputs.get("debts") if isinstance(inputs.get("debts"), list) else []
    by_index = {debt["index"]: debt for debt in values["debts"]}
    for index in range(len(raw_rows)):
        debt = by_index.get(index)
        if debt is None:
            rows.append({})
            continue
        rows.append({"label": debt["nickname"] or debt["lender"] or f"第 {index + 1} 笔", "product": debt["product"],
                     "amount": _text(debt["amount"]), "days": _text(debt["days"] or 0),
                     "daily_rate": "" if debt["daily_rate"] is None else format(debt["daily_rate"], "f"),
                     "statement_date": _text(debt["statement_date"] and debt["statement_date"].isoformat()),
                     "due_date": _text(debt["due_date"] and debt["due_date"].isoformat())})
    return {"debts": rows, "monthly_available": _text(monthly), "as_of": values["as_of"].isoformat()}


def calculate(inputs):
    with money.context():
        inputs = casefile._without_empty_debts(inputs)
        values, notes, errors = parsing.read(FIELDS, inputs)
        errors.raise_if_any()
        total = sum((debt["amount"] for debt in values["debts"]), Decimal(0))
        has_income = any(values[name] is not None for name, *_ in casefile.INCOME)  # 0 is an answer
        if not has_income:
            errors.add("salary", "请填写每月收入（工资或其他收入），才能算出每月能拿出多少还款，例如 6000；没有收入就填 0",
                       missing_label="工资或其他收入")
            errors.raise_if_any()
        money_left = budget.calculate(_budget_inputs(values, total))
        proposal = money_left["proposal"]
        monthly = Decimal(proposal["most_per_month"]) if proposal else Decimal(0)
        try:
            split = debts.calculate(_debts_inputs(inputs, values, monthly))
        except FieldErrors as problem:  # a debt the split cannot price (a rate it needs): the same field here
            raise FieldErrors(problem.errors) from None
        by_index = {debt["index"]: debt for debt in values["debts"]}
        cap = int(rules.value(CAP_KEY))
        asks = []
        for ranked in sorted(split["debts"], key=lambda debt: debt["rank"]):
            debt = by_index[ranked["index"]]
            share = Decimal(ranked["allocation"])
            months = budget.shortest_plan(debt["amount"], "interest_free", share) if share > 0 else None
            asks.append({"index": ranked["index"], "rank": ranked["rank"], "name": ranked["name"],
                         "lender": debt["lender"] or ranked["name"], "product": debt["product"],
                         "product_label": ranked["product_label"], "amount": money.money(debt["amount"]),
                         "owed_now": ranked["owed_now"], "penalty": ranked["penalty"],
                         "cost_per_day": ranked["cost_per_day"], "days": debt["days"] or 0,
                         "monthly": money.money(share), "months": months,
                         "over_cap": bool(months and months > cap), "cap": cap, "criminal_risk": ranked["criminal_risk"],
                         "annual_rate_equivalent": ranked["annual_rate_equivalent"]})
        return {
            "calculator": "actionplan",
            "as_of": values["as_of"].isoformat(),
            "total_amount": split["total_amount"],
            "total_owed_now": split["total_owed_now"],
            "total_penalty": split["total_penalty"],
            "total_cost_per_day": split["total_cost_per_day"],
            "income": money_left["income_total"],
            "living_costs": money_left["essential_total"],
            "other_debts": money_left["other_debts_total"],
            "available": money_left["available"],
            "shortfall": money_left["shortfall"],
            "buffer": money_left["buffer"],
            "monthly_offer": money.money(monthly),
            "asks": asks,
            "cap_months": cap,
            "notes": notes,
        }


EXAMPLES = {
    "debts_and_a_budget": dict(casefile.EXAMPLES["debts_and_a_budget"], as_of="2026-02-20"),
    "no_money_left": {"debts": [{"lender": "招商银行", "product": "credit_card", "amount": "6万", "days": "120"}],
                      "salary": "4000", "rent": "2500", "food": "1500", "as_of": "2026-03-01"},
}
EXAMPLE = "debts_and_a_budget"


def _ask_text(ask, short=False):
    m = money
    if short:
        plan = "每月收入不够基本生活：如实说明情况，申请延期还款或停息挂账，等收入恢复后再按能承受的金额谈"
    elif ask["months"]:
        plan = f"每月还 {m.yuan(ask['monthly'])}，分 {ask['months']} 期还完本金 {m.yuan(ask['amount'])}（停息挂账）"
        if ask["over_cap"]:
            plan += f"；超过 {ask['cap']} 期，对方可能只同意最长 {ask['cap']} 期，到时按对方的期数重算每月金额"
    else:
        plan = "暂时拿不出钱还这一笔：说明情况，申请延期或暂停催收，等排在前面的还完再还"
    requests = ["停止计息（停息挂账）"]
    if Decimal(ask["penalty"]) > 0:
        requests.insert(0, f"减免已产生的罚息、违约金 {m.yuan(ask['penalty'])}")
    return f"{plan}。请求：{'、'.join(requests)}。"


def view(result):
    m = money
    asks = result["asks"]
    offer = Decimal(result["monthly_offer"])
    short = Decimal(result["shortfall"]) > 0 or offer == 0
    sentence = (f"按 {result['as_of']} 的情况：一共欠 {m.yuan(result['total_owed_now'])}，现在每天多付 "
                f"{m.yuan(result['total_cost_per_day'])}；")
    sentence += ("每月收入扣掉生活开支和其他必须还的钱后没有余钱，先保住生活，向每家说明情况、申请延期或停息。" if short else
                 f"每月拿出 {m.yuan(result['monthly_offer'])}还款（留出 {m.annual_percent(result['buffer'])} 作余地），"
                 f"先还{asks[0]['name']}。")
    first = asks[0]
    next_steps = [
        (f"今天联系{first['lender']}（最贵的一笔），按上面表里的方案提出来；说清楚原因，要求书面确认。" if not short else
         f"今天联系{first['lender']}，如实说明收入不够基本生活，申请延期还款或停息挂账，不要借新还旧。"),
        "每次联系完，马上在“沟通记录”里记下日期、对方工号、说了什么、下一步。",
        "谈成以后，把每期还款加到手机日历（还款提醒），按时还，留好凭证。",
    ]
    blocks = [
        ui.headline(sentence),
        ui.figures(("一共欠（算上罚息）", m.yuan(result["total_owed_now"])), ("其中本金", m.yuan(result["total_amount"])),
                   ("现在每天多付", m.yuan(result["total_cost_per_day"])), ("每月收入", m.yuan(result["income"])),
                   ("生活开支", m.yuan(result["living_costs"])), ("其他必须还的", m.yuan(result["other_debts"])),
                   ("每月能拿出来还款", m.yuan(result["monthly_offer"]))),
        ui.table("先还哪一笔、每家谈什么", [
            ui.column("顺序"), ui.column("欠款"), ui.column("现在欠（元）", True), ui.column("每天多付（元）", True),
            ui.column("每月还（元）", True), ui.column("向对方提出")],
            [[ask["rank"], ask["name"], m.grouped(ask["owed_now"]), m.grouped(ask["cost_per_day"]),
              m.grouped(ask["monthly"]), _ask_text(ask, short)] for ask in asks]),
    ]
    blocks += [ui.warning(f"{ask['name']}：信用卡欠款较大且逾期较久，请最先和银行协商。") for ask in asks if ask["criminal_risk"]]
    for ask in asks:
        blocks.append(ui.link(f"给{ask['lender']}写协商还款申请书（已填好这些数）", "letter", lender=ask["lender"],
                              product=ask["product"], amount=ask["owed_now"], overdue_days=ask["days"] or None,
                              monthly=ask["monthly"] if ask["months"] else None, months=ask["months"],
                              method="interest_free" if ask["months"] else None, requests="stop_interest"))
        # 我的还款协议 (calculators/tracker.py): once agreed, record it there (tracker.js reads new_*)
        blocks.append(ui.link(f"谈成以后，记录这份协议：{ask['lender']}", "tracker", new_lender=ask["lender"],
                              new_monthly=ask["monthly"] if ask["months"] else None, new_months=ask["months"]))
    blocks.append(ui.notes(next_steps, title="接下来三件事"))
    rights = ["催收时不能做的事，和你可以怎么投诉：见“催收与你的权利”。",
              "征信上的逾期记录怎么处理、保存多久：见“征信”。",
              "催收找到家人、同事时：见“家人、担保人和紧急联系人”。"]
    if any(Decimal(ask["annual_rate_equivalent"]) > Decimal("0.24") for ask in asks):
        rights.append("有一笔折合年化超过 24%：见“这家贷款合法吗”，法院对过高的利息可以不支持。")
    if short:
        rights.append("长期还不起时还能怎么办：见“长期还不起”。")
    blocks += [ui.notes(rights, title="和你有关的权利"),
               ui.guide_link("催收与你的权利", "rights/debt-collection/"),
               ui.guide_link("征信", "rights/credit-report/"),
               ui.guide_link("家人、担保人和紧急联系人", "rights/family/")]
    if short:
        blocks.append(ui.guide_link("长期还不起", "after/cannot-pay/"))
    blocks += [ui.notes(result["notes"] + [
                   "这份方案里的每个数都是计算器按你填的情况算的：罚息按账单上的或常见的费率估算，请按账单核对。",
                   "每月能拿出来的钱已经留出余地；分给每家的金额按“最贵的先还”排，和对方谈时可以照这个数提。",
               ]),
               ui.copy(f"【我的协商方案】{sentence}\n" + "\n".join(f"{ask['rank']}. {ask['name']}：{_ask_text(ask, short)}"
                                                              for ask in asks))]
    return ui.blocks(*blocks)
