"""The register of the law (calculators/law_register.toml, calculators/laws.py) and the build step
that turns `<!-- law:KEY.ARTICLE -->` footnotes into citations (build_scripts/render_law_markers.py)."""

import datetime
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "build_scripts"))
from calculators import laws  # noqa: E402
import render_law_markers  # noqa: E402

DOCS = ROOT / "docs"
TODAY = datetime.date(2026, 12, 5)


@pytest.mark.parametrize("article_id, words", [
    ("1", "第一条"), ("10", "第十条"), ("16", "第十六条"), ("20", "第二十条"), ("110", "第一百一十条"),
    ("205", "第二百零五条"), ("227", "第二百二十七条"), ("517", "第五百一十七条"), ("1000", "第一千条"),
    ("1064", "第一千零六十四条"), ("1161", "第一千一百六十一条"), ("175-1", "第一百七十五条之一"),
    ("16.2", "第十六条第二款"), ("268i5", "第二百六十八条第（五）项"), ("3i2", "第三条第（二）项"),
])
def test_article_ids_are_written_as_statutes_write_them(article_id, words):
    assert laws.article_words(article_id) == words


def test_a_malformed_article_id_is_refused():
    with pytest.raises(ValueError):
        laws.article_words("第三条")


def test_every_page_cites_known_laws_and_articles_in_force_on_the_build_date():
    errors, citations, _ = render_law_markers.check(DOCS, TODAY)
    assert errors == []
    assert len(citations) >= 20  # the guide's pages cite through the register


def test_no_page_types_a_statute_in_a_footnote():
    typed = {page: notes for page, _, notes in [
        (path.relative_to(DOCS).as_posix(), None, laws.hand_typed(path.read_text(encoding="utf-8")))
        for path in DOCS.rglob("*.md")] if notes}
    assert typed == {}


@pytest.mark.parametrize("path", sorted(DOCS.rglob("*.md")), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_footnote_resolves(path):
    text = path.read_text(encoding="utf-8")
    defined = set(re.findall(r"^\[\^([^\]]+)\]:", text, re.M))
    used = set(re.findall(r"\[\^([^\]]+)\](?!:)", text))
    assert used <= defined, f"footnotes without a definition: {sorted(used - defined)}"
    assert defined <= used, f"footnotes defined and never used: {sorted(defined - used)}"


def test_the_high_items_quote_the_current_texts():
    # H1: 仲裁法 (2025 修订) art. 72 — three months; the 2017 text (six months) is replaced from 2026-03-01.
    new = laws.get("arbitration_2025")
    assert new["in_force"] == datetime.date(2026, 3, 1)
    assert "三个月内" in new["articles"]["72"]["quote"]
    old = laws.get("arbitration_2017")
    assert old["replaced_on"] == datetime.date(2026, 3, 1) and old["replaced_by"] == "arbitration_2025"
    # H2: 民诉解释 §436 — inability to pay or instalments is no objection.
    quote = laws.get("cpl_interpretation_2022")["articles"]["436"]["quote"]
    assert "缺乏清偿能力" in quote and "变更债务清偿方式" in quote and "不影响支付令的效力" in quote
    # H3: 失信 list, 2017 text: any one of six grounds; the 2013 text is replaced.
    listing = laws.get("blacklist_2017")
    assert "违反财产报告制度" in listing["articles"]["1"]["quote"]
    assert "违反限制消费令" in listing["articles"]["1"]["quote"]
    assert "有履行能力而拒不履行" in listing["articles"]["1"]["quote"]
    assert "二年" in listing["articles"]["2"]["gist"]
    assert "两次以上" in listing["articles"]["10"]["gist"]
    assert laws.get("blacklist_2013")["replaced_by"] == "blacklist_2017"
    assert laws.get("spending_2010")["replaced_by"] == "spending_2015"


def test_a_citation_names_title_version_articles_and_date():
    text = laws.citation("civil_procedure_2023", ("227",))
    assert text == "《中华人民共和国民事诉讼法》（2023 年修正，2024-01-01 起施行）第二百二十七条（核对于 2026-12-01）"
    text = laws.citation("blacklist_2017", ("1", "2"))
    assert text.startswith("《最高人民法院关于公布失信被执行人名单信息的若干规定》（2017 年修正，法释〔2017〕7号，2017-05-01 起施行）第一条、第二条")
    assert "转载的文本" in text  # read from a reprint: the reader is told
    with pytest.raises(KeyError):
        laws.citation("civil_procedure_2023", ("9999",))


def test_problems_unknown_law_unknown_article_and_a_replaced_version():
    citations = {"a.md": [("no_such_law", ())], "b.md": [("civil_code", ("99999",))],
                 "c.md": [("arbitration_2017", ("59",))], "d.md": [("arbitration_2017", ())]}
    errors = laws.problems(citations, TODAY)
    assert any("a.md: unknown law 'no_such_law'" in e for e in errors)
    assert any("b.md: law civil_code has no article '99999'" in e for e in errors)
    replaced = [e for e in errors if "replaced on 2026-03-01" in e]
    assert len(replaced) == 1 and "c.md, d.md" in replaced[0]  # one edit shows every page citing it
    # the day before the new text came into force, the old one was still right
    def replaced_errors(day):
        return [e for e in laws.problems({"c.md": [("arbitration_2017", ("59",))]}, day) if "replaced" in e]
    assert replaced_errors(datetime.date(2026, 2, 28)) == []
    # on the day itself it is not
    assert replaced_errors(datetime.date(2026, 3, 1)) != []


def test_a_date_checked_after_the_build_date_is_refused():
    errors = laws.problems({"a.md": [("arbitration_2025", ("72",))]}, datetime.date(2026, 12, 4))
    assert errors and "checked 2026-12-05 is after the build date" in errors[0]


def test_markers_and_hand_typed_footnotes():
    page = ("正文[^a][^b][^c][^d]\n\n[^a]: <!-- law:civil_code.585 -->\n"
            "[^b]: <!-- law:blacklist_2017.1,2 -->；说明文字\n"
            "[^c]: 《中华人民共和国民法典》第五百八十五条（核对于 2026-12-01）\n"
            "[^d]: 同一规定第二十七、二十八条\n")
    assert laws.markers(page) == [("civil_code", ("585",)), ("blacklist_2017", ("1", "2"))]
    typed = laws.hand_typed(page)
    assert len(typed) == 2 and typed[0].startswith("《中华人民共和国民法典》") and typed[1].startswith("同一规定")
    assert laws.hand_typed("[^n]: 新华社报道，2022-02-26；刑法修正案（十一）增加\n") == []


def write_register(tmp_path, text):
    path = tmp_path / "law_register.toml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = '''checked = "2026-12-01"
[old]
title = "某法"
kind = "law"
version = "旧"
in_force = "2010-01-01"
replaced_on = "2020-01-01"
replaced_by = "new"
text = "official"
read_at = "x"
[old.articles]
"1" = { gist = "旧的" }
[new]
title = "某法"
kind = "law"
version = "新"
in_force = "2020-01-01"
text = "reported"
read_at = "x"
[new.articles]
"1" = { quote = "新的" }
'''


@pytest.mark.parametrize("change, message", [
    (('replaced_by = "new"', 'replaced_by = "newer"'), "not in the register"),
    (('replaced_on = "2020-01-01"\n', ''), "go together"),
    (('replaced_on = "2020-01-01"', 'replaced_on = "2009-01-01"'), "not after in_force"),
    (('kind = "law"\nversion = "新"', 'kind = "statute"\nversion = "新"'), "kind"),
    (('"1" = { quote = "新的" }', '"1" = { note = "x" }'), "needs a quote or a gist"),
    (('"1" = { quote = "新的" }', '"第一条" = { quote = "新的" }'), "article id"),
    (('in_force = "2020-01-01"\ntext = "reported"', 'in_force = "2020-13-01"\ntext = "reported"'), "not a date"),
    (('text = "reported"', 'text = "heard"'), "text"),
])
def test_the_register_refuses_a_malformed_entry(tmp_path, monkeypatch, change, message):
    assert GOOD.count(change[0]) >= 1
    monkeypatch.setenv("XSHK_LAWS_FILE", str(write_register(tmp_path, GOOD.replace(change[0], change[1], 1))))
    with pytest.raises(ValueError, match=message):
        laws.laws()


def test_moving_a_law_to_a_new_version_is_one_edit_that_fails_the_build(tmp_path, monkeypatch):
    monkeypatch.setenv("XSHK_LAWS_FILE", str(write_register(tmp_path, GOOD)))
    docs = tmp_path / "docs"
    (docs / "a").mkdir(parents=True)
    (docs / "a" / "one.md").write_text("# 一\n\n文[^x]\n\n[^x]: <!-- law:old.1 -->\n", encoding="utf-8")
    (docs / "two.md").write_text("# 二\n\n文[^y]\n\n[^y]: <!-- law:new.1 -->\n", encoding="utf-8")
    errors, _, _ = render_law_markers.check(docs, TODAY)
    assert len(errors) == 1 and "a/one.md" in errors[0] and "two.md" not in errors[0]
    (docs / "two.md").write_text("# 二\n\n文[^y]\n\n[^y]: 《某法》第一条\n", encoding="utf-8")
    errors, _, _ = render_law_markers.check(docs, TODAY)
    assert any("two.md: a statute typed by hand" in e for e in errors)


def test_the_register_page_lists_every_law_and_the_pages_citing_it():
    _, citations, titles = render_law_markers.check(DOCS, TODAY)
    page = render_law_markers.register_page(citations, titles)
    for key, law in laws.laws().items():
        assert f"{{#{key}}}" in page, key
    assert "../after/sued.md" in page and "../after/after-judgment.md" in page
    section = page.split("{#arbitration_2025}", 1)[1].split("###", 1)[0]
    assert "2026-03-01" in section and "第七十二条" in section and "三个月内" in section
    old = page.split("{#arbitration_2017}", 1)[1].split("###", 1)[0]
    assert "2026-03-01 起被[新的文本](#arbitration_2025)取代" in old
    assert "引用它的页面" not in old  # nobody cites a replaced text
    # the letters cite through the same register and are listed with the laws they name
    objection = page.split("{#cpl_interpretation_2022}", 1)[1].split("###", 1)[0]
    assert "引用它的[信件](../calculators/letter.md)：" in objection and "民事答辩状" in objection
    limitation = page.split("{#limitation_2020}", 1)[1].split("###", 1)[0]
    assert "申请暂缓催收" in limitation


def test_every_rule_of_law_in_the_rules_file_rests_on_the_register():
    """Calculators cite through the same register: a product rule with status "law" names the
    register's entries it rests on, each known, with its articles, and in force on the build date."""
    import tomllib

    data = tomllib.loads((ROOT / "calculators" / "product_rules.toml").read_text(encoding="utf-8"))
    cited, seen = {}, 0
    for table_name, table in data.items():
        if not isinstance(table, dict):
            continue
        for name, rule in table.items():
            if isinstance(rule, dict) and rule.get("status") == "law":
                seen += 1
                assert rule.get("laws"), f"{table_name}.{name}: status law without laws = [...]"
                cited[f"product_rules.toml {table_name}.{name}"] = [
                    (entry.split(".", 1)[0], tuple(filter(None, entry.split(".", 1)[1:2]))) for entry in rule["laws"]]
    assert seen >= 8
    assert laws.problems(cited, TODAY) == []
