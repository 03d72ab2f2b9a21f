"""actionplan — 我的协商方案: one printable plan built from the case file (calculators/casefile.py).

Its inputs are the case file's fields (the page keeps them under the same key, `xshk:case`) plus
`as_of`, the date the plan is made, and `strategy` (how the rest is split). Every figure comes from
the other calculators:
- budget.calculate: what is left each month after living costs and other required payments, and
  `most_per_month`, what to offer with the buffer kept back;
- debts.price and debts.summarise: each debt priced by debt.cost (the same figures as the quick
  penalty calculator), legal risk first, a floor for every overdue debt, the rest by the strategy,
  each debt's schedule (its share until it is paid off, then the money of those paid off);
Then, per lender, what to ask for (个性化分期 for a bank card, 延期/分期/停息 for the others), a link to
the letter with every figure and request of its row and the person's details, a link to the
reminders with its schedule, and one to the agreement tracker; the next three things to do; the
rights pages that fit.
"""

from decimal import Decimal

from . import budget, card, casefile, debt, debts, money, parsing, rules
from . import view as ui
from .parsing import field

TITLE = ("我的协商方案", "My action plan")
CAP_KEY = "credit_card.personalised_instalment_max_months"

FIELDS = tuple(dict(spec, required=True, hint="每笔欠款一项；在“我的情况”里填过的会自动带过来")
               if spec["name"] == "debts" else spec for spec in casefile.FIELDS) + (
    field("as_of", "方案日期", "Date of the plan", "date", required=True, hint="例如 2026-12-01",
          help="一般是今天：逾期天数和罚息算到这一天", default_today=True),
    dict(next(spec for spec in debts.FIELDS if spec["name"] == "strategy")),
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


def ask_kind(product):
    """What to ask this lender for: (key, words)."""
    if debt.method(product) == "credit_card":
        return "personalised", "个性化分期（《商业银行信用卡业务监督管理办法》第七十条：银行可以和持卡人协商，最长 5 年）"
    return "app", "在 App 或客服申请延期还款、分期或停息挂账"


def payment_dates(as_of, count):
    """The estimated due dates of `count` monthly payments: the same day each month after `as_of`."""
    return [card.add_months(as_of, k) for k in range(1, count + 1)]


def calculate(inputs):
    with money.context():
        inputs = casefile._without_empty_debts(inputs)
        values, notes, errors = parsing.read(FIELDS, inputs)
        errors.raise_if_any()
        total = sum((item["amount"] for item in values["debts"]), Decimal(0))
        has_income = any(values[name] is not None for name, *_ in casefile.INCOME)  # 0 is an answer
        if not has_income:
            errors.add("salary", "请填写每月收入（工资或其他收入），才能算出每月能拿出多少还款，例如 6000；没有收入就填 0",
                       missing_label="工资或其他收入")
            errors.raise_if_any()
        money_left = budget.calculate(_budget_inputs(values, total))
        # what is offered each month: the budget's figure with its buffer kept, also when no single plan
        # clears the whole debt within 120 months (the split then says so per lender)
        monthly = Decimal(money_left["most_per_month"])
        items = [dict(item, label=item["nickname"] or item["lender"] or f"第 {item['index'] + 1} 笔")
                 for item in values["debts"]]
        entries = debts.price(items, values["as_of"], errors)
        errors.raise_if_any()
        strategy = values["strategy"] or "avalanche"
        split = debts.summarise(entries, monthly, strategy)
        by_index = {item["index"]: item for item in values["debts"]}
        cap = int(rules.value(CAP_KEY))
        asks = []
        for ranked in sorted(split["debts"], key=lambda row: row["rank"]):
            item = by_index[ranked["index"]]
            kind, words = ask_kind(item["product"])
            runs = ranked["schedule"]
            first = Decimal(runs[0]["amount"]) if runs else Decimal(0)
            months = ranked["months"]
            requests = []
            if Decimal(ranked["penalty"]) > 0:
                requests.append("waive_penalty")
            if kind == "personalised":  # a bank card: 个性化分期 (§70), not the 停息挂账 of the 网贷 apps
                requests.append("personalised")
            elif ranked["days"] > 0:
                requests.append("stop_interest")
            if split["split"] != "floors":
                requests.append("pause_collection")
            asks.append({"index": ranked["index"], "rank": ranked["rank"], "name": ranked["name"],
                         "lender": item["lender"] or ranked["name"], "product": item["product"],
                         "product_label": ranked["product_label"], "account": item["account"] or "",
                         "amount": ranked["amount"], "overdue_amount": ranked["overdue_amount"],
                         "owed_now": ranked["owed_now"], "penalty": ranked["penalty"],
                         "cost_per_day": ranked["cost_per_day"], "days": ranked["days"],
                         "monthly": money.money(first), "months": months,
                         "schedule": runs, "schedule_text": ranked["schedule_text"],
                         "phased": len(runs) > 1,
                         "ask": kind, "ask_text": words, "requests": requests,
                         "over_cap": bool(kind == "personalised" and months and months > cap), "cap": cap,
                         "criminal_risk": ranked["criminal_risk"], "court_stage": ranked["court_stage"],
                         "annual_rate_equivalent": ranked["annual_rate_equivalent"],
                         "due_dates": [day.isoformat() for day in payment_dates(values["as_of"], months or 0)]})
        return {
            "calculator": "actionplan",
            "as_of": values["as_of"].isoformat(),
            "strategy": split["strategy"],
            "strategy_label": split["strategy_label"],
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
            "split": split["split"],
            "months_to_clear": split["months_to_clear"],
            "criminal_risk": split["criminal_risk"],
            "card_principal_overdue_3_months": split["card_principal_overdue_3_months"],
            "over_24_count": split["over_24_count"],
            "strategies": split["strategies"],
            "warnings": split["warnings"],
            "asks": asks,
            "cap_months": cap,
            "name": values["name"] or "",
            "contact_phone": values["contact_phone"] or "",
            "notes": notes + split["notes"],
        }


EXAMPLES = {
    "debts_and_a_budget": dict(casefile.EXAMPLES["debts_and_a_budget"], as_of="2026-03-11"),
    "no_money_left": {"debts": [{"lender": "招商银行", "product": "credit_card", "amount": "6万", "days": "120"}],
                      "salary": "4000", "rent": "2500", "food": "1500", "as_of": "2026-03-01"},
}
EXAMPLE = "debts_and_a_budget"


def _ask_text(ask, split):
    """What to propose to this lender, in words that match the row's figures."""
    m = money
    if split == "none":
        return ("每月收入扣掉生活开支后没有余钱：如实说明情况，请求暂停催收、停息，"
                "等收入恢复后再按能承受的金额谈。")
    requests = []
    if Decimal(ask["penalty"]) > 0:
        requests.append(f"减免已产生的罚息、违约金 {m.yuan(ask['penalty'])}")
    if ask["days"] > 0 and ask["ask"] != "personalised":
        requests.append("停止计息")
    if split == "short":
        requests.append("协商期间暂停催收")
    if ask["months"]:
        if ask["phased"]:
            plan = f"还清本金 {m.yuan(ask['amount'])}：{ask['schedule_text']}，共 {ask['months']} 期"
        else:
            plan = f"每月还 {m.yuan(ask['monthly'])}，共 {ask['months']} 期还清本金 {m.yuan(ask['amount'])}"
        if ask["over_cap"]:
            plan += f"；超过 {ask['cap']} 期，银行可能只同意最长 {ask['cap']} 期，到时按银行的期数重算每月金额"
    else:
        plan = (f"每月先还 {m.yuan(ask['monthly'])}（钱不够分，{debts.MAX_MONTHS} 个月内还不完本金）；"
                "说明情况，请求更长的期限")
    way = "提出" + ("个性化分期" if ask["ask"] == "personalised" else "延期、分期或停息挂账")
    return f"{way}：{plan}。" + (f"请求：{'、'.join(requests)}。" if requests else "")


def _letter_link(ask, result):
    """The letter with every figure and request of this lender's row and the person's details."""
    m = money
    return ui.link(f"给{ask['lender']}写协商还款申请书（已填好这些数）", "letter",
                   lender=ask["lender"], product=ask["product"], account=ask["account"] or None,
                   name=result["name"] or None, phone=result["contact_phone"] or None,
                   amount=m.grouped(ask["owed_now"]), principal=m.grouped(ask["amount"]),
                   penalty=m.grouped(ask["penalty"]) if Decimal(ask["penalty"]) > 0 else None,
                   overdue_days=ask["days"] or None,
                   monthly=m.grouped(ask["monthly"]) if Decimal(ask["monthly"]) > 0 else None,
                   months=ask["months"], schedule=ask["schedule_text"] if ask["phased"] else None,
                   method="interest_free" if ask["ask"] != "personalised" and ask["months"] else None,
                   requests=",".join(ask["requests"]) or None)


def _calendar_link(ask):
    fields = {"lender": ask["lender"], "source": "payments"}
    dates = ask["due_dates"]
    n = 0
    for run in ask["schedule"]:
        for _ in range(run["from"], run["to"] + 1):
            fields[f"payments.{n}.date"] = dates[n]
            fields[f"payments.{n}.amount"] = run["amount"]
            n += 1
    return ui.link(f"把和{ask['lender']}的 {ask['months']} 期还款加到手机日历（日期按每月同一天估算，谈好后改成协议上的）",
                   "calendar", **fields)


def view(result):
    m = money
    asks = result["asks"]
    split = result["split"]
    sentence = (f"按 {result['as_of']} 的情况：一共欠 {m.yuan(result['total_owed_now'])}，再拖下去每天多付 "
                f"{m.yuan(result['total_cost_per_day'])}；")
    if split == "none":
        sentence += "每月收入扣掉生活开支和其他必须还的钱后没有余钱，先保住生活，向每一家说明情况、请求暂停催收和停息。"
    else:
        shares = "、".join(f"{ask['name']} {m.yuan(ask['monthly'])}" for ask in asks)
        sentence += (f"每月拿出 {m.yuan(result['monthly_offer'])}还款（留出 {m.annual_percent(result['buffer'])} 作余地），"
                     f"按“{result['strategy_label']}”，第一个月这样分：{shares}。"
                     + ("钱不够给每家最少的一份，已按比例分，每家都要请求暂停催收。" if split == "short" else "每一家每月都有还款。"))
    first = asks[0]
    next_steps = [
        (f"今天联系{first['lender']}，按下面表里的方案提出来；说清楚原因，要求书面确认。" if split != "none" else
         f"今天联系{first['lender']}，如实说明收入不够基本生活，请求暂停催收和停息，不要借新还旧。"),
        "每次联系完，马上在“沟通记录”里记下日期、对方工号、说了什么、下一步。",
        "谈成以后，把每期还款加到手机日历（下面每一家都有“加到手机日历”），按时还，留好凭证。",
    ]
    blocks = [
        ui.headline(sentence),
        *[ui.warning(text) for text in result["warnings"]],
        ui.figures(("一共欠（算上罚息）", m.yuan(result["total_owed_now"])), ("其中本金", m.yuan(result["total_amount"])),
                   ("再拖下去每天多付", m.yuan(result["total_cost_per_day"])), ("每月收入", m.yuan(result["income"])),
                   ("生活开支", m.yuan(result["living_costs"])), ("其他必须还的", m.yuan(result["other_debts"])),
                   ("每月能拿出来还款", m.yuan(result["monthly_offer"])),
                   ("全部还清本金", f"{result['months_to_clear']} 个月" if result["months_to_clear"] else None)),
        ui.table("先和谁谈、每家谈什么", [
            ui.column("顺序"), ui.column("欠款"), ui.column("现在欠（元）", True), ui.column("每天多付（元）", True),
            ui.column("第一个月还（元）", True), ui.column("向对方提出")],
            [[ask["rank"], ask["name"], m.grouped(ask["owed_now"]), m.grouped(ask["cost_per_day"]),
              m.grouped(ask["monthly"]), _ask_text(ask, split)] for ask in asks]),
    ]
    if result["strategies"] and split != "none":
        names = {ask["index"]: ask["name"] for ask in asks}
        blocks.append(debts.strategy_table(result, names))
    for ask in asks:
        blocks.append(_letter_link(ask, result))
        if ask["months"] and split != "none":
            blocks.append(_calendar_link(ask))
        # 我的还款协议 (calculators/tracker.py): once agreed, record it there (tracker.js reads new_*)
        if ask["months"] and split != "none":
            blocks.append(ui.link(f"谈成以后，记录这份协议：{ask['lender']}", "tracker", new_lender=ask["lender"],
                                  new_monthly=ask["monthly"], new_months=ask["months"]))
    blocks.append(ui.notes(next_steps, title="接下来三件事"))
    rights = ["催收时不能做的事，和你可以怎么投诉：见“催收与你的权利”。",
              "征信上的逾期记录怎么处理、保存多久：见“征信”。",
              "催收找到家人、同事时：见“家人、担保人和紧急联系人”。"]
    over = result["over_24_count"]
    if over:
        rights.append(("这几笔折合年化都超过 24%" if over == len(asks) and over > 1 else
                       f"有 {over} 笔折合年化超过 24%")
                      + "：见“这家贷款合法吗”，超过的部分可以请求法院调减（要你自己提出）。")
    if split != "floors":
        rights.append("长期还不起时还能怎么办：见“长期还不起”。")
    court = any(ask["court_stage"] for ask in asks)
    blocks += [ui.notes(rights, title="和你有关的权利"),
               ui.guide_link("催收与你的权利", "rights/debt-collection/"),
               ui.guide_link("征信", "rights/credit-report/"),
               ui.guide_link("家人、担保人和紧急联系人", "rights/family/")]
    if court:
        blocks += [ui.guide_link("被起诉了怎么办", "after/sued/"), ui.guide_link("判决之后", "after/after-judgment/")]
    if result["criminal_risk"]:
        blocks.append(ui.guide_link("银行信用卡：恶意透支", "products/credit-card/"))
    if split != "floors":
        blocks.append(ui.guide_link("长期还不起", "after/cannot-pay/"))
    blocks += [ui.notes(result["notes"] + [
                   "这份方案里的每个数都是计算器按你填的情况算的：罚息按账单上的或常见的费率估算，请按账单核对。",
                   "每月能拿出来的钱已经留出余地；每一家都先分到最少的一份，剩下的按你选的分法分。",
               ]),
               ui.copy(f"【我的协商方案】{sentence}\n" + "\n".join(f"{ask['rank']}. {ask['name']}：{_ask_text(ask, split)}"
                                                              for ask in asks))]
    return ui.blocks(*blocks)
