"""The lender pages (docs/products/<page>.md with `<!-- lender:ID -->`, built from
calculators/lenders.toml by build_scripts/render_lender_pages.py): each brand has one, in the nav
under 各类产品, built from the directory, in the project's own words, and no built page shows a phone
number the directory does not have from an official source. Needs `make build` first."""

import re
import sys
from pathlib import Path

import pytest

import seed_fingerprints
from calculators import lenders
from test_guide_pages import nav_pages, rule_percentages

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SITE = ROOT / "site"
sys.path.insert(0, str(ROOT / "build_scripts"))
import render_lender_pages  # noqa: E402

# Pages that existed before the directory and hold their own text (Ant's and JD's products).
OWN_PAGES = {"huabei", "jd-baitiao-jintiao"}
GENERATED = [brand for brand in lenders.brands() if brand["page"] not in OWN_PAGES]
# Numbers printed on guide pages written before the directory, each labelled there as not checked on
# an official page (支付宝 95188, 京东金融 95118, 征信中心 400-810-8866). No new one may join them.
LABELLED_UNVERIFIED_ELSEWHERE = {"95188", "95118", "4008108866"}
# Examples in form hints (the case file's 电话, the letter's 催收方), not numbers to call.
FORM_EXAMPLES = {"13800000000", "075512345678"}


def text_of(html):
    article = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    return re.sub(r"<[^>]+>", "", article)


def official_numbers():
    found = set()
    for brand in lenders.brands():
        if brand["hotline"]:
            found.update(lenders.phone_numbers(str(brand["hotline"]["number"])))
    return found


def test_eleven_brands_and_weilidai_have_their_own_page_in_the_products_nav():
    assert len(GENERATED) >= 11
    nav = nav_pages()
    for brand in GENERATED:
        source = (DOCS / "products" / f"{brand['page']}.md").read_text(encoding="utf-8")
        assert f"<!-- lender:{brand['id']} -->" in source, brand["id"]
        assert f"products/{brand['page']}.md" in nav, brand["id"]
    assert "products/weilidai.md" in nav


@pytest.mark.parametrize("brand", GENERATED, ids=[b["id"] for b in GENERATED])
def test_the_built_page_comes_from_the_directory(brand):
    html = (SITE / "products" / brand["page"] / "index.html").read_text(encoding="utf-8")
    text = text_of(html)
    for company in brand["companies"]:
        assert company["name"] in text and company["kind_label"] in text, company["name"]
    assert brand["in_app"]["value"].split("。")[0] in text
    for fact in brand["facts"]:
        assert fact["value"] in text
        assert lenders.citation(fact) in text
    for pid in brand["product_ids"]:
        assert f"product={pid}" in html
    # the regulator of the company lent the money (or the platform's note) is named in the 今天就做 box
    box = html.split('class="admonition today"', 1)[1].split("</div>", 1)[0]
    lenders_named = [c for c in brand["companies"] if c["role"] == "lender"] or [
        c for c in brand["companies"] if c["role"] == "platform"]
    lender = lenders_named[0]
    assert lender["name"] in box and ("投诉" in box)


@pytest.mark.parametrize("brand", GENERATED, ids=[b["id"] for b in GENERATED])
def test_a_lender_page_copies_no_20_characters_from_a_source_article(brand):
    seeds = seed_fingerprints.committed()
    text = render_lender_pages.lender_markdown(brand["id"])
    copied = [run for run in seed_fingerprints.runs(text) if seed_fingerprints.fingerprint(run) in seeds]
    assert not copied, copied[:3]


@pytest.mark.parametrize("brand", GENERATED, ids=[b["id"] for b in GENERATED])
def test_a_lender_page_states_rates_only_from_the_rules_file(brand):
    text = re.sub(r"\]\([^)]*\)", "]", render_lender_pages.lender_markdown(brand["id"]))  # not link targets
    typed = {f"{number}%" for number in re.findall(r"(\d+(?:\.\d+)?)\s*[%％]", text)}
    assert typed <= rule_percentages(), sorted(typed - rule_percentages())


@pytest.mark.parametrize("brand", GENERATED, ids=[b["id"] for b in GENERATED])
def test_a_lender_page_shows_no_phone_number_without_an_official_source(brand):
    text = text_of((SITE / "products" / brand["page"] / "index.html").read_text(encoding="utf-8"))
    assert set(lenders.phone_numbers(text)) <= official_numbers()
    if not brand["hotline"]:
        assert "没有在官方页面上核实到它的客服电话" in text


def test_no_built_page_shows_a_number_the_directory_does_not_know():
    known = official_numbers() | set(lenders.numbers()) | LABELLED_UNVERIFIED_ELSEWHERE | FORM_EXAMPLES
    pages = list(SITE.glob("**/index.html"))
    assert len(pages) > 40
    for path in pages:
        found = set(lenders.phone_numbers(text_of(path.read_text(encoding="utf-8"))))
        assert found <= known, f"{path.relative_to(SITE)}: {sorted(found - known)}"


def test_an_unknown_brand_stops_the_build():
    from mkdocs.exceptions import PluginError

    class Page:
        class file:
            src_uri = "products/x.md"

    with pytest.raises(PluginError, match="nobody"):
        render_lender_pages.on_page_markdown("# x\n\n<!-- lender:nobody -->\n", Page)
