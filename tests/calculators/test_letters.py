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


def test_a_full_card_number_never_goes_into_a_letter():
    values = {"kind": "negotiate", "lender": "招商银行", "product": "credit_card", "amount": "12000"}
    full = letter.compose(dict(values, account="6225 8801 1234 5678"), TODAY)
    assert "6225" not in full and "5678" not in full
    assert "（尾号 5678）" in letter.compose(dict(values, account="尾号 5678"), TODAY)
    assert letter.template()["last_digits"].startswith("只填最后四位")
