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
from calculators import rules  # noqa: E402

READER_PAGES = [page for page in nav_pages()]
NEW_PAGES = [
    "after/sued.md", "after/after-judgment.md", "after/cannot-pay.md",
    "rights/family.md", "rights/how-payments-count.md", "rights/is-this-lender-legal.md",
]


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
        assert "核对于 20" in note or "rule-source:" in note, f"{page}: footnote without a date checked: {note}"
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
    spouse = (DOCS / "rights/family.md").read_text(encoding="utf-8")
    assert "第一千零六十四条" in spouse and "家庭日常生活需要" in spouse and "即使配偶没有签字" in spouse
    assert "第一千一百六十一条" in spouse and "遗产" in spouse
    crime = (DOCS / "after/after-judgment.md").read_text(encoding="utf-8")
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
