"""The letters (calculators/letter.py): every kind composes, says where to send it, and carries
what was typed; the legal points the issue names are in the letters that need them."""

import datetime
import re

from calculators import letter, rules

TODAY = datetime.date(2026, 12, 1)
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_kind_has_a_template_a_title_and_where_to_send_it():
    templates = letter.templates()
    assert set(templates) == {kind for kind, _ in letter.KINDS}
    for kind, template in templates.items():
        assert CJK.search(template["title"]) and template["send"] and all(CJK.search(s) for s in template["send"])
        assert set(template["required"]) <= {spec["name"] for spec in letter.FIELDS}, kind
        text = letter.compose({"kind": kind, **{name: f"〔{name}〕" for name in template["required"]}}, TODAY)
        assert text.splitlines()[0] == template["title"] or kind == "negotiate", text
        assert "2026 年 12 月 1 日" in text and "\n\n\n" not in text
        for name in template["required"]:
            assert f"〔{name}〕" in text, (kind, name)


def test_the_legal_points():
    dispute = letter.compose({"kind": "dispute", "record": "第 3 页"}, TODAY)
    assert "《征信业管理条例》第二十五条" in dispute
    assert f"{rules.format_value('credit_report.objection_reply_days')}内核查" in dispute  # 20 天, from the rules file
    assert "《个人信息保护法》第四十七条" in letter.compose({"kind": "third_party", "lender": "某机构"}, TODAY)
    assert "12378" in " ".join(letter.templates()["complaint_regulator"]["send"])


def test_the_default_letter_is_unchanged_without_a_kind():
    values = {"lender": "招商银行", "amount": "12000", "monthly": "800", "months": "15"}
    assert letter.compose(values, TODAY) == letter.compose(dict(values, kind="negotiate"), TODAY)
    assert "每月还款 800 元，共 15 期" in letter.compose(values, TODAY)
    assert letter.compose(dict(values, kind="nonsense"), TODAY) == letter.compose(values, TODAY)


def test_negotiation_fields_show_only_for_the_negotiation():
    shown = {spec["name"]: spec["show_if"] for spec in letter.FIELDS}
    for name in ("reason", "reason_detail", "monthly", "months", "method", "start_date", "requests"):
        assert shown[name] == {"kind": ["negotiate"]}, name


# ---------------------------------------------------------------- the court stage and after
from calculators import casefile, laws  # noqa: E402

NEW_KINDS = ("payment_order_objection", "answer", "settlement_proof", "pause_collection")


def from_the_case_file(kind, **typed):
    """What "用我的情况填写" puts in the letter's form from the example case file (casefile.FILL),
    plus what only the court letters ask for."""
    case = casefile.EXAMPLES["debts_and_a_budget"]
    debt = case["debts"][0]
    values = {"kind": kind}
    for field, source in casefile.fill_map("letter")["fields"].items():
        for name in source if isinstance(source, list) else [source]:
            value = debt.get(name.removeprefix("debt.")) if name.startswith("debt.") else case.get(name)
            if value:
                values[field] = value
                break
    return {**values, **typed}


COURT_CASE = {"court": "北京市朝阳区人民法院", "case_no": "（2026）京0105民督1234号", "received_date": "2026-12-03",
              "claimed": "23560.80", "grounds": "申请人主张的违约金按每月 5% 复算，没有合同依据", "paid": "3000"}


def test_the_new_letters_compose_from_the_case_file():
    for kind in NEW_KINDS:
        text = letter.compose(from_the_case_file(kind, **COURT_CASE, settled_date="2026-11-30",
                                                 plan_date="2027-01-15"), TODAY)
        assert "招商银行信用卡中心" in text and "张三" in text and letter.BLANK not in text.split("此致")[0], (kind, text)
        assert "13800000000" in text


def test_a_payment_order_objection_disputes_the_debt_and_says_inability_is_no_objection():
    text = letter.compose(from_the_case_file("payment_order_objection", **COURT_CASE), TODAY)
    assert text.startswith("支付令异议书")
    assert "（2026）京0105民督1234号" in text and "23560.80 元" in text and "没有合同依据" in text
    assert "对支付令所列的债务本身有异议" in text and "还款 3000 元" in text
    # the 15 days and the written form: 民事诉讼法 §227
    quote = laws.get("civil_procedure_2023")["articles"]["227"]["quote"]
    assert "收到支付令之日起十五日内" in quote and "提出书面异议" in quote
    assert "《中华人民共和国民事诉讼法》第二百二十七条" in text and "收到支付令之日起十五日内提出书面异议" in text
    # §228: an objection that stands ends the procedure and the order lapses
    assert "裁定终结督促程序，支付令自行失效" in text
    assert "支付令自行失效" in laws.get("civil_procedure_2023")["articles"]["228"]["gist"]
    # the letter itself never pleads inability or instalments (民诉解释 §436)
    body = text.split("此致")[0]
    for word in ("没钱", "分期", "延期", "困难", "缓"):
        assert word not in body, word
    send = " ".join(letter.templates()["payment_order_objection"]["send"])
    assert "15 日内" in send and "口头" in send and "不影响支付令的效力" in send and "第四百三十六条" in send
    assert "不影响支付令的效力" in laws.get("cpl_interpretation_2022")["articles"]["436"]["quote"]
    assert "“没钱”“想分期”" in send


def test_the_answer_names_the_defences_the_review_lists():
    text = letter.compose(from_the_case_file("answer", **COURT_CASE), TODAY)
    assert text.startswith("民事答辩状") and "被答辩人（原告）：招商银行信用卡中心" in text
    for defence, basis in (("按实际收到的金额计算本金", "《中华人民共和国民法典》第六百七十条"),
                           ("违约金过分高于造成的损失", "《中华人民共和国民法典》第五百八十五条"),
                           ("不成为合同内容", "第二条"),
                           ("三年诉讼时效", "《中华人民共和国民法典》第一百八十八条"),
                           ("管辖条款是格式条款", "第三十一条"),
                           ("管辖权异议", "《中华人民共和国民事诉讼法》第一百三十条"),
                           ("不宜适用小额诉讼的程序", "《中华人民共和国民事诉讼法》第一百六十九条")):
        line = next(line for line in text.splitlines() if defence in line)
        assert basis in line, (defence, line)
    assert "还款 3000 元" in text and "不适用的条目请删去" in text
    # the gists the answer relies on say what the answer says
    register = laws.get("civil_procedure_2023")["articles"]
    assert "提交答辩状期间" in register["130"]["gist"] and "提出异议" in register["169"]["gist"]
    assert "十五日内提出答辩状" in register["128"]["gist"]
    send = " ".join(letter.templates()["answer"]["send"])
    assert "收到起诉状副本之日起 15 日内" in send and "第一百二十八条" in send


def test_a_numbered_answer_has_no_gap_without_the_optional_lines():
    text = letter.compose(from_the_case_file("answer", court="某法院", grounds="金额不对"), TODAY)
    numbers = [line[2] for line in text.splitlines() if line.startswith("　　") and line[3:4] == "、"]
    assert numbers == list("一二三四五六"), numbers


def test_the_settlement_proof_and_the_pause_requests():
    proof = letter.compose(from_the_case_file("settlement_proof", settled_date="2026-11-30"), TODAY)
    assert "已于 2026-11-30 全部还清" in proof and "不再追收" in proof and "结清状态" in proof
    pause = letter.compose(from_the_case_file("pause_collection", plan_date="2027-01-15"), TODAY)
    assert "2027-01-15 前书面提交" in pause and "暂缓催收" in pause and "只与本人联系" in pause
    # review M6: the amount is the lender's, and the fees are not confirmed in writing
    assert "贵机构账单显示的欠款为 20000 元" in pause and "计算保留意见" in pause
    send = " ".join(letter.templates()["pause_collection"]["send"])
    assert "超过 3 年" in send and "第十四条、第十九条" in send
    assert "同意履行" in laws.get("limitation_2020")["articles"]["14"]["gist"]


def test_every_new_letter_says_where_and_by_when():
    for kind in NEW_KINDS:
        send = " ".join(letter.templates()[kind]["send"])
        assert any(word in send for word in ("15 日内", "当天", "日期")), kind
        assert any(word in send for word in ("法院", "客服", "EMS")), kind


def test_court_fields_show_only_for_their_letters():
    shown = {spec["name"]: spec["show_if"] for spec in letter.FIELDS}
    for name in ("court", "case_no", "received_date", "claimed", "grounds"):
        assert shown[name] == {"kind": ["payment_order_objection", "answer"]}, name
    assert shown["plan_date"] == {"kind": ["pause_collection"]}
    assert shown["settled_date"] == {"kind": ["settlement_proof"]}


def test_a_full_card_number_never_goes_into_a_letter():
    values = {"kind": "negotiate", "lender": "招商银行", "product": "credit_card", "amount": "12000"}
    full = letter.compose(dict(values, account="6225 8801 1234 5678"), TODAY)
    assert "6225" not in full and "5678" not in full
    assert "（尾号 5678）" in letter.compose(dict(values, account="尾号 5678"), TODAY)
    assert letter.template()["last_digits"].startswith("只填最后四位")
