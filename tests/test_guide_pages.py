"""The guide's rules, checked on every page: the 今天就做 box, rates only from the data
file, no run of 20 characters copied from the source articles, links to the next step."""

import re
from pathlib import Path

import pytest
import yaml

import seed_fingerprints
from calculators import rules

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SITE = ROOT / "site"
NO_TODAY_BOX = {"reference/faq.md", "reference/glossary.md", "reference/laws.md", "index.md"}


def nav_pages():
    """Every Markdown file the nav lists, in order."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    found = []

    def walk(items):
        for item in items:
            for value in item.values() if isinstance(item, dict) else [item]:
                walk(value) if isinstance(value, list) else found.append(value)

    walk(config["nav"])
    return found


GUIDE = [page for page in nav_pages() if page.split("/")[0] in {"steps", "products", "rights", "reference", "after"}]


def test_guide_pages_exist():
    assert len(GUIDE) >= 20, GUIDE
    for page in GUIDE:
        assert (DOCS / page).is_file(), page


@pytest.mark.parametrize("page", nav_pages())
def test_no_page_copies_20_characters_from_a_source_article(page):
    seeds = seed_fingerprints.committed()
    assert len(seeds) > 5000
    text = (DOCS / page).read_text(encoding="utf-8")
    copied = [run for run in seed_fingerprints.runs(text) if seed_fingerprints.fingerprint(run) in seeds]
    assert not copied, f"{page} repeats a source article: {copied[:3]}"


@pytest.mark.parametrize("page", [p for p in GUIDE if p not in NO_TODAY_BOX])
def test_every_step_product_and_topic_page_opens_with_the_today_box(page):
    html = (SITE / page.replace(".md", "/index.html")).read_text(encoding="utf-8")
    article = html.split('<article class="md-content__inner md-typeset">', 1)[1]
    first_block = re.search(r"<(div|details) class=\"admonition today\"[^>]*>(.*?)</div>", article, re.S)
    assert first_block, f"{page} has no 今天就做 box"
    assert "今天就做" in first_block.group(2)
    before = article[: first_block.start()]
    assert not re.search(r"<(p|ul|ol|h2|table)\b", before), f"{page}: the 今天就做 box must come first"
    actions = re.search(r"<div class=\"admonition today\">.*?<(ol|ul)>(.*?)</\1>", article, re.S)
    assert actions and 1 <= actions.group(2).count("<li>") <= 3, f"{page}: 今天就做 holds one to three actions"


def rule_percentages():
    """Every percentage the data file can print: each rate, fee, range end, ×100."""
    shown = set()
    for rule in rules.all_rules().values():
        value = rule["value"]
        values = value.values() if isinstance(value, dict) else value if isinstance(value, tuple) else [value]
        shown |= {rules.percent(v) for v in values}
    return shown


@pytest.mark.parametrize("page", [p for p in nav_pages() if not p.startswith("calculators/")])
def test_every_rate_typed_on_a_page_equals_the_data_file(page):
    """Guide pages state rates only through rule markers (or a value equal to one).
    Calculator pages are left out: their worked examples use illustrative inputs
    (a 0.04% daily rate, 18% a year), and the calculators check the arithmetic."""
    source = (DOCS / page).read_text(encoding="utf-8")
    without_markers = re.sub(r"<!--.*?-->", "", source, flags=re.S)
    typed = {f"{number}%" for number in re.findall(r"(\d+(?:\.\d+)?)\s*[%％]", without_markers)}
    allowed = rule_percentages()
    assert typed <= allowed, f"{page} types rates that are not in product_rules.toml: {sorted(typed - allowed)}"
    assert "万分之" not in without_markers or page == "reference/glossary.md", f"{page}: use a rule marker"


@pytest.mark.parametrize("page", GUIDE)
def test_every_guide_page_links_onwards_and_is_dated(page):
    source = (DOCS / page).read_text(encoding="utf-8")
    assert re.search(r"\]\((?:\.\./)?[\w/.-]+\.md", source), f"{page} links to no other page"
    assert re.search(r"核对于 \d{4}-\d{2}-\d{2}", source) or "<!-- rule-source:" in source or "<!-- law" in source, f"{page} says nowhere when it was checked"

