"""Guide content that a legal review found wrong or untrustworthy, kept from coming back:
two reassurances that hurt readers, SEO/aggregator addresses shown to readers, and the new
pages on court, enforcement, family and insolvency (each with the box, a next step, dates)."""

import re
import sys
from pathlib import Path

import pytest

from test_guide_pages import DOCS, SITE, nav_pages

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from calculators import laws, rules  # noqa: E402

READER_PAGES = [page for page in nav_pages()]
NEW_PAGES = [
    "after/sued.md", "after/after-judgment.md", "after/cannot-pay.md",
    "rights/family.md", "rights/how-payments-count.md", "rights/is-this-lender-legal.md",
]


def rendered(page):
    """The page's Markdown with each `<!-- law:… -->` footnote as the reader sees it."""
    text = (DOCS / page).read_text(encoding="utf-8")
    return laws.MARKER.sub(lambda m: laws.citation(m.group(1), tuple(filter(None, (m.group(2) or "").split(",")))), text)


def built_text(page):
    html = (SITE / page.replace(".md", "/index.html").replace("index/index.html", "index.html")).read_text(encoding="utf-8")
    article = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    return re.sub(r"<[^>]+>", "", article)


def test_the_new_pages_are_in_the_nav():
    assert set(NEW_PAGES) <= set(nav_pages())


@pytest.mark.parametrize("page", NEW_PAGES)
def test_a_new_page_cites_statutes_with_the_date_checked(page):
    source = (DOCS / page).read_text(encoding="utf-8")
    footnotes = re.findall(r"^\[\^[^\]]+\]: (.*)$", source, re.M)
    assert len(footnotes) >= 4, page
    for note in footnotes:
        assert "核对于 20" in note or "rule-source:" in note or "law:" in note, f"{page}: footnote without a date checked: {note}"
    assert "**下一步：**" in source, f"{page} ends with no next step"


@pytest.mark.parametrize("page", READER_PAGES)
def test_no_reader_facing_page_shows_an_seo_or_aggregator_domain(page):
    text = built_text(page)
    shown = [domain for domain in rules.WEAK_DOMAINS if domain in text]
    assert not shown, f"{page} shows readers {shown}: cite the official source, keep the address in product_rules.toml"


def test_the_renderer_drops_weak_addresses_and_keeps_official_names():
    source = "《办法》（2011）第七十条，转引自 m.yktchina.com（2022-09-13）；人民网 2021-01-11"
    assert rules.reader_source(source) == "《办法》（2011）第七十条；人民网 2021-01-11"
    assert rules.reader_source("wodefinance.com/a/b.html") == ""
    assert "zjblf.com" not in rules.reader_source("意见，转引自 www.zjblf.com/?p=44128")


WRONG = [
    # After a judgment, hiding assets or lying in the asset report is 拒执罪 (刑法 §313, 法释〔2024〕13号).
    (r"(唯一的?例外|只有).{0,12}恶意透支", "non-payment can be a crime only through 恶意透支"),
    (r"(还不上|不还|欠钱|逾期)[^。]{0,10}(永远|绝对|从来)?不(会|是|算)(犯罪|坐牢)[^。]*(唯一|只有)", "no crime except …"),
    # A spouse can owe a 家庭日常生活需要 debt without signing (民法典 §1064); heirs up to the estate (§1161).
    (r"家人是否要替你还，?取决于", "family liability depends only on signing"),
    (r"(没有|没)(在合同上)?签字[^。]{0,12}(就)?(不用|不必|无需)(替你)?还", "not signed, so no need to pay"),
]


@pytest.mark.parametrize("page", READER_PAGES)
def test_the_two_wrong_statements_do_not_come_back(page):
    text = (DOCS / page).read_text(encoding="utf-8")
    for pattern, what in WRONG:
        assert not re.search(pattern, text), f"{page} says again: {what}"


def test_the_pages_that_explain_them_say_the_right_thing():
    spouse = rendered("rights/family.md")
    assert "第一千零六十四条" in spouse and "家庭日常生活需要" in spouse and "即使配偶没有签字" in spouse
    assert "第一千一百六十一条" in spouse and "遗产" in spouse
    crime = rendered("after/after-judgment.md")
    assert "第三百一十三条" in crime and "法释〔2024〕13号" in crime and "虚假报告" in crime
    assert "生活必需费用" in crime
    assert "G 字头动车组" in crime


def test_the_court_line_and_malicious_overdraft_are_explained_once():
    """The 24 % line and 恶意透支 are explained on one page each; the rest link to them."""
    explains_24 = [p for p in READER_PAGES if not p.startswith("calculators/")
                   and "可以请求调减" in (DOCS / p).read_text(encoding="utf-8")
                   and "licensed_lender_court_line" in (DOCS / p).read_text(encoding="utf-8")]
    assert explains_24 == ["products/other-online-loans.md"], explains_24
    lists_conditions = [p for p in READER_PAGES if "两次有效催收" in (DOCS / p).read_text(encoding="utf-8")
                        and "非法占有" in (DOCS / p).read_text(encoding="utf-8")
                        and not p.startswith("calculators/")]
    assert lists_conditions == ["products/credit-card.md"], lists_conditions


# The 2026-12-05 legal review: each item, the wrong sentence gone and the right one there.
def page_text(page):
    """The page's Markdown with its law markers rendered as the build renders them."""
    return rendered(page)


def test_h1_arbitration_set_aside_is_three_months_under_the_2025_law():
    sued = page_text("after/sued.md")
    assert "6 个月内" not in sued and "第五十九条" not in sued
    assert "收到裁决书之日起 3 个月内" in sued
    assert "第七十二条" in sued and "2026-03-01" in sued
    assert "12348" in sued  # the deadline is short: advice within days


def test_h2_a_payment_order_objection_disputes_the_debt_itself():
    sued = page_text("after/sued.md")
    assert "想分期）" not in sued and not re.search(r"异议里写明[^。]*想分期", sued)
    assert "异议要针对欠款本身" in sued
    assert "不影响支付令的效力" in sued and "第四百三十六条" in sued
    assert "第四百三十二条" in sued


@pytest.mark.parametrize("page", ["after/after-judgment.md", "reference/glossary.md", "reference/faq.md"])
def test_h3_the_blacklist_is_explained_from_the_2017_text(page):
    text = page_text(page)
    assert "没钱还，本身不是上名单的理由" not in text
    assert "不是单纯没钱还" not in text
    assert "（2013）" not in text
    assert "法释〔2017〕7号" in text
    assert "报告财产" in text and "限制消费令" in text


def test_h3_term_deletion_and_correction_are_there():
    text = page_text("after/after-judgment.md")
    assert "2 年" in text and "1 到 3 年" in text
    assert "3 个工作日内" in text
    assert "查询你的财产两次以上" in text and "书面申请删除" in text
    assert "15 日内" in text and "10 日内向上一级法院申请复议" in text
    assert "本指南没有取得原文" not in text


def test_m1_restricted_spending_is_about_the_spending_whoever_pays():
    for page in ("after/after-judgment.md", "reference/glossary.md"):
        text = page_text(page)
        assert "用自己的财产" not in text and "用自己的钱" not in text, page
        assert "不论" in text and "谁出钱" in text, page
    text = page_text("after/after-judgment.md")
    assert "法院一定同时限制消费" in text and "第八条" in text


def test_m2_zhongben_keeps_restrictions_and_opens_deletion():
    text = page_text("after/after-judgment.md")
    assert "是否继续，问执行法院" not in text
    assert "限制消费继续有效" in text and "法〔2016〕373号" in text


def test_m18_a_frozen_wage_account_keeps_the_local_dibao_floor():
    text = page_text("after/after-judgment.md")
    assert "最低生活保障" in text and "查封、扣押、冻结财产的规定" in text


# The project's own working notes are never a reader's source (review M17 and §D).
INTERNAL_WORDS = ("种子文章", "审阅", "法规库", "LawRefBook", "github.com", "huggingface.co", "review-20",
                  "facts.md", "转引自 ，", "转引自，")


@pytest.mark.parametrize("page", READER_PAGES)
def test_no_built_page_shows_the_projects_own_notes_as_a_source(page):
    text = built_text(page)
    shown = [word for word in INTERNAL_WORDS if word in text]
    assert not shown, f"{page} shows readers {shown}"


def test_no_rule_citation_shows_the_projects_own_notes():
    for key in rules.all_rules():
        citation = rules.format_citation(key)
        assert not [word for word in INTERNAL_WORDS if word in citation], (key, citation)


def test_a_weak_address_in_a_quoted_source_leaves_no_empty_reference():
    text = rules.reader_source("通知（转引自 lnmlw.com，未见通知原文）；1.5 倍为上限；review-2026-12 §A.2")
    assert text == "通知（据网络文章转引，未见通知原文）；1.5 倍为上限"


def test_the_build_check_finds_internal_notes_and_empty_references():
    sys.path.insert(0, str(ROOT / "build_scripts"))
    import check_reader_words

    assert check_reader_words.words_shown("<p>据本指南 2026 年 12 月的法律审阅</p>") == ["审阅"]
    assert check_reader_words.words_shown("<p>见 github.com/x/y</p>") == ["github.com"]
    assert check_reader_words.words_shown("<p>（转引自 ，未见原文）</p>") == ["转引自 followed by nothing"]
    assert check_reader_words.words_shown("<p>《民法典》第五百八十五条</p><!-- 审阅 -->") == []


@pytest.mark.parametrize("page", ["index.md", "after/cannot-pay.md", "reference/call-scripts.md",
                                  "steps/09-if-it-fails.md"])
def test_the_mental_health_hotline_is_where_a_person_in_despair_reads(page):
    text = page_text(page)
    assert "12356" in text
    note = re.search(r"^\[\^12356\]: (.*)$", text, re.M)
    assert note and "国家卫生健康委" in note.group(1) and "2024-12-25" in note.group(1), page
    assert "核对于 2026-12-05" in note.group(1) and "报道" in note.group(1)  # news-level, said plainly


def test_m3_the_2026_bank_association_collection_guideline_is_there():
    text = page_text("rights/debt-collection.md")
    assert "取代中国互联网金融协会 2024 年的业务指引" not in text  # L5: not in any report
    assert "2026 年 1 月 30 日" in text and "金融机构个人消费类贷款催收工作指引（试行）" in text
    assert "不宜超过 6 次" in text and "不得向和债务无关的人催收" in text
    assert "据报道" in text and "原文以中国银行业协会公布的为准" in text
    family = page_text("rights/family.md")
    assert "请不要再打给我" in family


def test_m4_the_police_law_is_named_for_harassment():
    text = page_text("rights/debt-collection.md")
    assert "治安管理处罚法" in text and "2026 年 1 月 1 日起施行的修订本" in text
    assert "《中华人民共和国治安管理处罚法》（2025 年修订" in text and "条文序号未核对" in text


def test_m5_the_family_traps():
    text = page_text("rights/family.md")
    assert "债务加入" in text and "第五百五十二条" in text
    for article in ("第三十三条", "第三十四条", "第三十五条", "第三十六条"):
        assert article in text, article
    assert "离婚不能躲债" in text and "配偶的份额受保护" in text
    assert "6 个月" in text and "第六百九十二条" in text and "第六百九十三条" in text
    assert "也不承诺还" in page_text("reference/call-scripts.md")


def test_m6_signing_an_old_debt_is_a_trap():
    step8 = page_text("steps/08-sign-and-repay.md")
    assert "不是什么陷阱" not in step8
    assert "超过 3 年" in step8 and "12348" in step8 and "第十九条" in step8
    assert "第十四条" in page_text("after/cannot-pay.md")


def test_m7_non_prosecution_only_for_the_lowest_tier():
    text = page_text("products/credit-card.md")
    assert "- 在提起公诉之前全部还清的，可以不起诉" not in text
    assert "只在\"数额较大\"这一档" in text and "不适用这一条" in text
    assert "只有下面六种情况" not in text and "综合全部情况判断" in text  # L8


def test_m8_m9_l1_l12_court_notices_small_claims_appeal_notarised_debt():
    text = page_text("after/sued.md")
    assert "短信本身就可能是送达" in text and "第九十条" in text
    assert "公告 30 天后就算送达" in text and "第九十五条" in text
    assert "你可以提出不同意用小额诉讼" in text and "第一百六十九条" in text
    assert "普通程序的一审判决" not in text and "普通程序和简易程序都一样，小额诉讼除外" in text
    assert "裁定不予执行" in text


def test_m13_m14_m15_m16_fees_guarantors_unlisted_lenders_market_bureaus():
    assert "担保费、保险费、会员费、服务费都要算进去" in page_text("products/other-online-loans.md")
    payments = page_text("rights/how-payments-count.md")
    assert "代偿" in payments and "第七百条" in payments and "地方金融管理局" in payments
    assert "第十七条" in payments  # L10: the assignment notice interrupts limitation
    legal = page_text("rights/is-this-lender-legal.md")
    assert "按\"没有牌照\"来对待" not in legal and "查不到，不等于没有牌照" in legal
    assert "不要自己认定合同无效、停止还款" in legal
    credit = page_text("rights/credit-report.md")
    assert "百行征信" in credit and "朴道征信" in credit


def test_m17_no_page_cites_the_projects_review():
    for page in READER_PAGES:
        text = page_text(page)
        assert "本指南 2026 年 12 月的法律审阅" not in text and "种子文章" not in text, page
    loan = page_text("calculators/loan.md")
    assert "**同时借款合同的利息照常计算**" not in loan and "据用户反映" in loan


def test_l2_l3_judgment_interest_and_what_counts_as_disposing():
    text = page_text("after/after-judgment.md")
    assert "先抵判决确定的欠款，再抵加倍部分的利息" in text
    assert "以明显不合理的价格处分财产" not in text and "低价转让财产、高价买别人的财产" in text


def bracket_depth(text):
    depth = deepest = 0
    for char in text:
        if char in "（(":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "）)":
            depth -= 1
    return deepest


def test_l16_a_rule_citation_nests_at_most_one_bracket():
    """A calculator puts a rule's citation in brackets after its value; inside, at most one more
    level, so a note never reads （…（…（…）…）…）."""
    for key in rules.all_rules():
        assert bracket_depth(rules.format_citation(key)) <= 1, (key, rules.format_citation(key))
    assert "（未经官方核实）" not in rules.format_citation("credit_card.late_fee_rate")


def test_low_items_that_touch_what_a_reader_does():
    glossary = page_text("reference/glossary.md")
    assert ">APR<" not in glossary and ">IRR<" not in glossary and "EAR" not in glossary  # L17
    assert "真实年化" in glossary and "内部收益率法" in glossary
    assert "本节只说这一次" not in page_text("after/cannot-pay.md")  # L15
    assert "罚息通常是" not in page_text("calculators/penalty.md")  # L14
    hotlines = page_text("steps/09-if-it-fails.md")  # L6: one answer on 95118 across the site
    assert "| 95118 | 京东金融 | 白条、金条客服 |" not in hotlines and "号码未在官方页面核实" in hotlines
    card = page_text("calculators/card.md")  # M10 (the page; the calculator's own notes are card.py's)
    assert "多数银行" not in card and "不封顶" in card
