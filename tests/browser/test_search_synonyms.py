"""Issue 23: search finds the everyday words (build_scripts/search_synonyms.toml): each one typed into
the search on a phone lists a section that uses the guide's word for it, and "限高" opens 判决之后."""

import json
import re

import pytest
from playwright.sync_api import expect

from compact_search_index import SEPARATOR, add_synonyms, synonyms
from conftest import SITE
from test_site import search

TABLE = synonyms()


def test_the_data_file_is_small_and_every_word_finds_something():
    assert 5 <= len(TABLE) <= 60 and {"限高", "老赖", "黑名单", "上征信", "爆通讯录", "停息挂账代理"} <= set(TABLE)
    docs = json.loads((SITE / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    for word in TABLE:
        assert any(f"{SEPARATOR}{word}{SEPARATOR}" in doc["text"] or word in doc["title"].replace(SEPARATOR, "")
                   or word in doc["text"].replace(SEPARATOR, "") for doc in docs), word


def test_add_synonyms_marks_only_sections_holding_the_guides_word():
    docs = [{"title": "限制消费", "text": "<p>不能坐飞机</p>"}, {"title": "别的", "text": "<p>别的</p>"},
            {"title": "限高", "text": "限制消费"}]
    add_synonyms(docs, {"限高": ["限制消费"]})
    assert docs[0]["text"].endswith(f"{SEPARATOR}限高{SEPARATOR}")
    assert docs[1]["text"] == "<p>别的</p>"
    assert docs[2]["text"] == "限制消费"  # already holds the word: nothing added


@pytest.mark.parametrize("word", sorted(TABLE))
def test_each_everyday_word_finds_a_section_using_the_guides_word(page, site_url, word):
    docs = json.loads((SITE / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    using = {doc["location"] for doc in docs
             if any(target in (doc["title"] + doc["text"]).replace(SEPARATOR, "") for target in TABLE[word])}
    search(page, site_url, word)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("links => links.map(a => a.href)")
    found = {re.sub(r"\?h=[^#]*", "", href.split(site_url, 1)[-1]) for href in hrefs}  # without ?h= (highlight)
    assert found & using, (word, sorted(found)[:5])


def test_xiangao_opens_after_judgment(page, site_url):
    search(page, site_url, "限高")
    first = page.locator(".md-search-result__item a").first
    assert "after/after-judgment/" in first.get_attribute("href")
    first.click()
    expect(page.locator("h1")).to_contain_text("判决之后")
