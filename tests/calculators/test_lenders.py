"""The lender directory (calculators/lenders.toml): every entry has an operator, a licence type, a
regulator and a dated source per fact; no phone number without an official source."""

import datetime
import re
import tomllib
from pathlib import Path

import pytest

from calculators import lenders, rules

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "calculators" / "lenders.toml"
BRANDS_ASKED_FOR = {  # issue 24: the eleven brands, 微粒贷 on its own, and the existing Ant and JD
    "meituan": "美团", "douyin": "抖音", "duxiaoman": "度小满", "zhaolian": "招联", "mashang": "马上消费",
    "fenqile": "分期乐", "qifu": "奇富借条", "xinye": "信也", "pingan": "平安", "zhongyin": "中银消费金融",
    "weilidai": "微粒贷", "ant": "蚂蚁", "jd": "京东",
}


@pytest.fixture
def directory_file(tmp_path, monkeypatch):
    """Write a changed copy of the directory and read it instead of the real one."""
    def write(text):
        path = tmp_path / "lenders.toml"
        path.write_text(text, encoding="utf-8")
        monkeypatch.setenv("XSHK_LENDERS_FILE", str(path))
        monkeypatch.setattr(lenders, "_cache", {})
        return path
    yield write
    lenders._cache.clear()


def dated_fact(fact):
    assert fact["status"] in lenders.STATUS_WORDS, fact
    assert str(fact["source"]).strip(), fact
    datetime.date.fromisoformat(fact["checked"])
    return True


def test_every_brand_asked_for_is_there_with_its_own_page():
    brands = {brand["id"]: brand for brand in lenders.brands()}
    for brand_id, name in BRANDS_ASKED_FOR.items():
        assert brand_id in brands and name in brands[brand_id]["name"], brand_id
    pages = [brand["page"] for brand in brands.values()]
    assert len(set(pages)) == len(pages), "one page per brand"
    assert brands["weilidai"]["page"] == "weilidai"


def test_every_entry_has_an_operator_a_licence_type_a_regulator_and_dated_sources():
    for brand in lenders.brands():
        assert brand["companies"], brand["id"]
        assert any(company["role"] in ("lender", "platform") for company in brand["companies"]), brand["id"]
        for company in brand["companies"]:
            assert company["name"] and company["kind"] in lenders.kinds(), company
            assert company["kind_label"] and company["regulator"], company
            assert dated_fact(company)
        for fact in [brand["in_app"], brand["credit_bureaus"], *brand["facts"]]:
            assert dated_fact(fact)
        for fact in brand["facts"]:
            if fact["topic"] == "actions" and fact.get("date"):
                assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", fact["date"]), fact
    for kind in lenders.kinds().values():
        assert dated_fact(kind) and kind["regulator"] and kind["meaning"]


def test_the_regulator_follows_the_licence_type():
    kinds = lenders.kinds()
    for kind in ("bank", "consumer_finance", "insurer"):
        assert kinds[kind]["regulator"].startswith("国家金融监督管理总局"), kind
    for kind in ("small_loan", "guarantee"):
        assert "地方金融管理局" in kinds[kind]["regulator"], kind
    by_name = {company["name"]: company for company in lenders.companies()}
    assert by_name["福州奇富融资担保有限公司"]["regulator"] == kinds["guarantee"]["regulator"]
    assert by_name["招联消费金融股份有限公司"]["regulator"].startswith("国家金融监督管理总局")
    assert "地方金融管理局" in by_name["重庆美团三快小额贷款有限公司"]["regulator"]


def test_every_product_named_is_a_product_the_calculators_offer():
    offered = {product["id"]: product for product in rules.products()}
    for brand in lenders.brands():
        assert brand["product_ids"], brand["id"]
        for pid in brand["product_ids"]:
            assert offered[pid]["penalty_method"] in rules.PENALTY_METHODS


def test_no_phone_number_in_the_file_without_an_official_source():
    """Read the file's text, not the parsed data: a number anywhere (a note, a path) is caught."""
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    official = {re.sub(r"\D", "", str(brand["hotline"]["number"]))
                for brand in data["brands"].values() if "hotline" in brand}
    for brand in data["brands"].values():
        if "hotline" in brand:
            assert brand["hotline"]["status"] == "official" and brand["hotline"]["page"]
    allowed = official | set(data["numbers"])
    text = re.sub(r"^\[numbers\.\d+\]$", "", DATA.read_text(encoding="utf-8"), flags=re.M)
    found = set(lenders.phone_numbers(text))
    assert found <= allowed, sorted(found - allowed)


def test_phone_numbers_are_found_and_amounts_are_not():
    assert lenders.phone_numbers("客服 95384，或 400-810-8866、0755-12345678、13800138000、12378、110") == [
        "95384", "4008108866", "075512345678", "13800138000", "12378", "110"]
    assert lenders.phone_numbers("投诉 45862 条，罚款 1387 万元，2025-09-03，105 万，100 亿元，135 家，50%") == []


def test_a_searched_number_is_refused(directory_file):
    text = DATA.read_text(encoding="utf-8")
    directory_file(text.replace('[brands.douyin]\n', '[brands.douyin]\nhotline = { number = "95766", '
                                'status = "commonly_reported", source = "a search", checked = "2026-12-05", page = "x" }\n'))
    with pytest.raises(ValueError, match="official"):
        lenders.brands()
    directory_file(text.replace("在线客服", "在线客服或拨打 95766"))
    with pytest.raises(ValueError, match="95766"):
        lenders.brands()


def test_an_official_hotline_with_its_page_is_accepted(directory_file):
    text = DATA.read_text(encoding="utf-8")
    directory_file(text.replace('[brands.douyin]\n', '[brands.douyin]\nhotline = { number = "95766", status = "official", '
                                'source = "the lender\'s own page", page = "https://example.invalid/contact", '
                                'checked = "2026-12-05" }\n'))
    assert lenders.brand("douyin")["hotline"]["number"] == "95766"


@pytest.mark.parametrize("broken, message", [
    ('checked = "2026-12-05"\nnote = "美团借钱', "checked"),       # (replaced below) a fact without a date
    ('kind = "small_loan"\nrole = "lender"\nstatus = "commonly_reported"', "kind"),
    ('role = "lender"\nstatus = "commonly_reported"\nsource', "status"),
])
def test_a_broken_entry_stops_the_load(directory_file, broken, message):
    text = DATA.read_text(encoding="utf-8")
    if message == "checked":
        text = text.replace('checked = "2026-12-05"\nnote = "美团借钱', 'note = "美团借钱')
    elif message == "kind":
        text = text.replace(broken, 'kind = "shop"\nrole = "lender"\nstatus = "commonly_reported"', 1)
    else:
        text = text.replace(broken, 'role = "lender"\nstatus = "rumour"\nsource', 1)
    assert text != DATA.read_text(encoding="utf-8")
    directory_file(text)
    with pytest.raises(ValueError, match=message):
        lenders.brands()


def test_a_product_that_does_not_exist_stops_the_load(directory_file):
    directory_file(DATA.read_text(encoding="utf-8").replace('"youqianhua"', '"no_such_product"'))
    with pytest.raises(ValueError, match="no_such_product"):
        lenders.brands()


def test_readers_never_see_an_seo_address_and_web_only_facts_say_so():
    for brand in lenders.brands():
        for fact in [brand["in_app"], brand["credit_bureaus"], *brand["facts"], *brand["companies"]]:
            shown = lenders.citation(fact)
            assert not any(domain in shown for domain in rules.WEAK_DOMAINS), shown
            assert not re.search(r"[a-z0-9-]+\.(com|cn|cc|net)\b", shown), shown
            assert shown.endswith(f"核对于 {fact['checked']}")
            if fact["status"] == "commonly_reported":
                assert shown.startswith("常见说法（只见于网络文章")
            if fact["status"] == "news":
                assert shown.startswith("新闻报道；来源：")


def test_the_guarantor_and_the_lender_of_qifu_are_both_named():
    qifu = lenders.brand("qifu")
    roles = {company["name"]: company["role"] for company in qifu["companies"]}
    assert roles["福州奇富融资担保有限公司"] == "guarantor"
    assert roles["福州奇富网络小额贷款有限公司"] == "lender"


def test_the_browser_copy_reads_the_same_directory_from_json(tmp_path, monkeypatch):
    """The site ships lenders.toml converted to JSON (build_scripts/pack_calculators.py):
    lenders.py reads that copy in preference to the TOML and finds the same brands."""
    import json
    import sys

    sys.path.insert(0, str(ROOT / "build_scripts"))
    import pack_calculators

    native = lenders.brands()
    assert json.loads(pack_calculators.packed_lenders()) == tomllib.loads(DATA.read_text(encoding="utf-8"))
    (tmp_path / "lenders.json").write_text(pack_calculators.packed_lenders(), encoding="utf-8")
    (tmp_path / "lenders.toml").write_text("this is not read", encoding="utf-8")
    monkeypatch.setattr(lenders, "__file__", str(tmp_path / "lenders.py"))
    monkeypatch.setattr(lenders, "_cache", {})
    assert lenders.brands() == native


def directory_products():
    return [pid for brand in lenders.brands() for pid in brand["product_ids"]]


def test_each_product_is_in_the_cli_help_of_penalty_and_loans_in_the_loan_calculator():
    import subprocess
    import sys

    shown = subprocess.run([sys.executable, "-m", "calculators", "penalty", "--help"], capture_output=True,
                           text=True, cwd=ROOT, timeout=60).stdout
    loan = subprocess.run([sys.executable, "-m", "calculators", "loan", "--help"], capture_output=True,
                          text=True, cwd=ROOT, timeout=60).stdout
    for pid in directory_products():
        product = rules.product(pid)
        assert f"{pid} ({product['label']})" in shown, pid
        if product["penalty_method"] == "multiplier":
            assert f"{pid} ({product['label']})" in loan, pid


def test_an_unverified_charging_rule_says_so_in_the_answer():
    import calculators

    # 抖音放心借: 10000 × 0.05%/day × 1.5 (the unverified default multiplier) × 10 days = 75.00
    loan = calculators.run("penalty", {"product": "douyin_fangxinjie", "amount": "10000", "days": "10",
                                       "daily_rate": "0.05%"})
    assert loan["penalty"] == "75.00"
    assert any("未核实" in note and "罚息倍数没有核实" in note for note in loan["notes"]), loan["notes"]
    # 美团月付: 5000 × 0.05%/day (from the bill) × 30 days = 75.00; the method itself is unverified
    monthly = calculators.run("penalty", {"product": "meituan_yuefu", "amount": "5000", "days": "30",
                                          "daily_rate": "0.05%"})
    assert monthly["penalty"] == "75.00"
    assert any(note.startswith("计算方式：100%（未核实") for note in monthly["notes"]), monthly["notes"]
    # without the bill's rate there is no answer: the form asks for it
    asked = calculators.run("penalty", {"product": "meituan_yuefu", "amount": "5000", "days": "30"})
    assert asked["errors"][0]["field"] == "daily_rate"


def test_every_directory_product_uses_an_existing_method_and_an_unverified_rule():
    for pid in directory_products():
        product = rules.product(pid)
        assert product["penalty_method"] in ("daily_rate", "multiplier", "credit_card")
        keys = [product["multiplier_rule"], *product["answer_notes"]]
        if pid not in ("huabei", "jiebei", "wangshangdai", "baitiao", "jintiao", "weilidai"):
            assert any(key and rules.get(key)["status"] == "unverified" for key in keys), pid
