"""这家公司是谁？ (calculator `lookup`): every operator and guarantor of the lender directory is
found from its full name, from partial names and from typical misspellings; names it does not hold
are recognised by their kind; look-alike names are never called the same company."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from calculators import lenders, lookup

COMPANIES = lenders.companies()
IDS = [company["name"] for company in COMPANIES]


def best(name):
    result = calculators.run("lookup", {"name": name})
    assert "errors" not in result, result
    return result


def names_found(name):
    return [match["company"] for match in best(name)["matches"]]


@pytest.mark.parametrize("company", COMPANIES, ids=IDS)
def test_every_company_is_found_by_its_full_name_first_and_exactly(company):
    result = best(company["name"])
    first = result["matches"][0]
    assert first["company"] == company["name"] and first["exact"] is True
    assert first["page"] == company["page"] and first["regulator"] == company["regulator"]


@pytest.mark.parametrize("company", COMPANIES, ids=IDS)
def test_every_company_is_found_by_each_alias(company):
    for alias in company["aliases"]:
        assert company["name"] in names_found(alias), alias


def without_place_and_suffix(name):
    """What a person remembers: the name without 省市 prefix and 有限公司 (worked by hand per pattern)."""
    text = name
    for suffix in ("股份有限公司", "有限公司"):
        text = text.removesuffix(suffix)
    for place in ("重庆市", "重庆", "福州", "深圳前海", "上海", "广州", "北京", "浙江", "中国"):
        text = text.removeprefix(place)
    return text


@pytest.mark.parametrize("company", [c for c in COMPANIES if c["name"].endswith("公司")],
                         ids=[c["name"] for c in COMPANIES if c["name"].endswith("公司")])
def test_every_company_is_found_without_its_place_and_suffix(company):
    partial = without_place_and_suffix(company["name"])
    assert partial != company["name"]
    assert names_found(partial)[0] == company["name"], partial


@pytest.mark.parametrize("typed, expected", [
    # partial names
    ("美团三快小额贷款", "重庆美团三快小额贷款有限公司"),
    ("三快小贷", "重庆美团三快小额贷款有限公司"),
    ("奇富融资担保", "福州奇富融资担保有限公司"),
    ("奇富网络小贷", "福州奇富网络小额贷款有限公司"),
    ("平安融资担保", "平安融资担保（天津）有限公司"),
    ("前海微众银行", "深圳前海微众银行股份有限公司"),
    ("招联消金", "招联消费金融股份有限公司"),
    # typical misspellings: a homophone or a look-alike character, a full-width space, a wrong bracket
    ("重庆美团三块小额贷款有限公司", "重庆美团三快小额贷款有限公司"),
    ("福州齐富融资担保有限公司", "福州奇富融资担保有限公司"),
    ("招连消费金融股份有限公司", "招联消费金融股份有限公司"),
    ("深圳前海微重银行", "深圳前海微众银行股份有限公司"),
    ("马尚消费金融", "马上消费金融股份有限公司"),
    ("度小蛮小额贷款", "重庆度小满小额贷款有限公司"),
    ("平安融资担保(天津)有限公司", "平安融资担保（天津）有限公司"),
    ("福州奇富　融资担保", "福州奇富融资担保有限公司"),
    ("中银消费金融有限责任公司", "中银消费金融有限公司"),
])
def test_partial_names_and_misspellings(typed, expected):
    assert names_found(typed)[0] == expected


@pytest.mark.parametrize("typed", ["重庆美团三块小额贷款有限公司", "福州齐富融资担保有限公司", "招连消费金融股份有限公司"])
def test_a_look_alike_name_is_close_but_never_the_same_company(typed):
    result = best(typed)
    assert result["matches"] and not result["matches"][0]["exact"]
    shown = " ".join(str(block) for block in calculators.answer("lookup", {"name": typed})["view"])
    assert "冒充" in shown and "以借款合同上的全称为准" in shown


def test_the_guarantor_is_told_apart_from_the_lender_of_the_same_brand():
    assert names_found("福州奇富融资担保有限公司") == ["福州奇富融资担保有限公司"]
    assert names_found("福州奇富网络小额贷款有限公司") == ["福州奇富网络小额贷款有限公司"]
    assert set(names_found("奇富")) >= {"福州奇富融资担保有限公司", "福州奇富网络小额贷款有限公司"}


@pytest.mark.parametrize("typed", ["招商银行", "中国工商银行股份有限公司", "某某信息咨询有限公司", "小额贷款有限公司",
                                   "北京市某某律师事务所", "中国信达资产管理股份有限公司", "XX市人民法院"])
def test_names_the_directory_does_not_hold_match_nothing(typed):
    assert names_found(typed) == []


@pytest.mark.parametrize("typed, kind, words", [
    ("某某信息咨询有限公司", "collection", "不是债权人"),
    ("中国信达资产管理股份有限公司", "amc", "债权转让"),
    ("深圳某某资产管理有限公司", "amc", "受托催收"),
    ("北京市某某律师事务所", "law_firm", "律师函不是法院文书"),
    ("杭州某某融资担保有限公司", "guarantee", "追偿"),
    ("某某小贷", "small_loan", "地方金融管理局"),
    ("XX市人民法院", "court", "12368"),
])
def test_an_unknown_name_is_explained_by_its_kind(typed, kind, words):
    result = best(typed)
    assert result["kind_guess"]["kind"] == kind
    view = calculators.answer("lookup", {"name": typed})["view"]
    text = " ".join(str(block) for block in view)
    assert words in text
    assert view[0]["kind"] == "headline" and "名录里没有这家公司" in view[0]["text"]


def test_the_answer_links_to_the_brand_page_and_says_to_use_official_channels_only():
    view = calculators.answer("lookup", {"name": "重庆美团三快小额贷款有限公司"})["view"]
    links = [block["href"] for block in view if block["kind"] == "link"]
    assert links == ["../../products/meituan/"]
    warning = next(block["text"] for block in view if block["kind"] == "warning")
    assert "App 里的客服" in warning and "不要打短信" in warning
    assert view[0]["text"].startswith("重庆美团三快小额贷款有限公司：美团的放贷机构（小额贷款公司）")


def test_a_blank_name_is_asked_for_in_chinese_and_a_meaningless_one_gets_help():
    blank = calculators.run("lookup", {"name": "  "})
    assert blank["errors"][0]["field"] == "name" and blank["errors"][0].get("missing") is True
    # a name with nothing to tell one company from another is an answer that asks for its 字号
    for typed in ("有限公司", "💸😀🙏"):
        assert calculators.run("lookup", {"name": typed})["matches"] == []
        view = calculators.answer("lookup", {"name": typed})["view"]
        assert "名录里没有这家公司" in view[0]["text"]
        assert any("字号" in block.get("text", "") for block in view)


@settings(deadline=None)  # the first call reads the directory
@given(st.text(max_size=120))
def test_any_text_gives_an_answer_or_a_field_error(text):
    result = calculators.run("lookup", {"name": text})
    if "errors" in result:
        assert all(error["field"] == "name" for error in result["errors"])
    else:
        assert isinstance(result["matches"], list) and len(result["matches"]) <= lookup.MAX_MATCHES
        calculators.answer("lookup", {"name": text})


@settings(deadline=None)
@given(st.sampled_from(COMPANIES), st.data())
def test_a_name_with_one_character_dropped_still_finds_the_brand(company, data):
    """A person copying a long name drops a character: the company's brand is still among the matches."""
    core = lookup.core(lookup.normalise(company["name"]))
    if len(core) < 4:
        return
    index = data.draw(st.integers(0, len(company["name"]) - 1))
    typed = company["name"][:index] + company["name"][index + 1:]
    if not lookup.core(lookup.normalise(typed)):
        return
    assert company["brand"] in {match["brand"] for match in best(typed)["matches"]}, typed
