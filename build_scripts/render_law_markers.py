"""MkDocs hook: cite the law through its register (`calculators/law_register.toml`).

A footnote `[^227]: <!-- law:civil_procedure_2023.227 -->` becomes the one uniform citation
(`calculators.laws.citation`): title, version and date in force, the articles, the date checked.
`<!-- law-register -->` on a line of its own (docs/reference/laws.md) becomes the list of every
law in the register, its version and dates, the articles used and the pages citing each.

The build stops (before any page is written) when a page
- names a law or an article that is not in the register,
- cites a version replaced on or before the build date (`XSHK_BUILD_DATE`, default today) — the
  message lists every page citing it, so moving a law to a new version is one edit to the register;
- types a statute in a footnote by hand instead of a marker.
"""

import datetime
import os
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from calculators import laws, letter  # noqa: E402

REGISTER = re.compile(r"^<!--\s*law-register\s*-->$", re.M)
_state = {"citations": {}, "titles": {}}


def build_date():
    text = os.environ.get("XSHK_BUILD_DATE")
    return datetime.date.fromisoformat(text) if text else datetime.date.today()


def scan(docs_dir):
    """{page: [(key, ids)]}, {page: its title} and {page: hand-typed footnotes} for every page."""
    citations, titles, typed = {}, {}, {}
    for path in sorted(Path(docs_dir).rglob("*.md")):
        page = path.relative_to(docs_dir).as_posix()
        text = path.read_text(encoding="utf-8")
        title = re.search(r"^# (.+)$", text, re.M)
        titles[page] = title.group(1).strip() if title else page
        found = laws.markers(text)
        if found:
            citations[page] = found
        by_hand = laws.hand_typed(text)
        if by_hand:
            typed[page] = by_hand
    return citations, titles, typed


def check(docs_dir, today):
    """The build's errors for the pages under docs_dir (empty: all is well)."""
    citations, titles, typed = scan(docs_dir)
    errors = laws.problems(citations, today)
    for page, notes in sorted(typed.items()):
        for note in notes:
            errors.append(f"{page}: a statute typed by hand in a footnote, cite it with <!-- law:KEY.ARTICLE -->: {note[:80]}")
    return errors, citations, titles


def on_pre_build(config, **kwargs):
    errors, citations, titles = check(config["docs_dir"], build_date())
    if errors:
        raise PluginError("The law register (calculators/law_register.toml):\n  " + "\n  ".join(errors))
    _state.update(citations=citations, titles=titles)


def letters_citing(law):
    """The titles of the letters (calculators/letter.py) that name this law: "《title》" or the title
    without 中华人民共和国 — the letters name laws in their text, through laws.short_citation or typed."""
    names = {f"《{law['title']}》", f"《{law['title'].removeprefix('中华人民共和国')}》"}
    found = []
    for kind, label in letter.KINDS:
        text = repr(letter.templates()[kind])
        if any(name in text for name in names):
            found.append(label.split("（")[0])
    return found


def register_page(citations, titles, from_page="reference/laws.md"):
    """The Markdown of the register page: one section per law, current versions first."""
    cited_by = {}
    for page, cited in citations.items():
        if page == from_page:
            continue
        for key, _ in cited:
            cited_by.setdefault(key, set()).add(page)
    depth = from_page.count("/")
    lines = []
    register = laws.laws()
    current = [law for law in register.values() if not law["replaced_on"]]
    replaced = [law for law in register.values() if law["replaced_on"]]
    for heading, group in (("现行的文本", current), ("已被取代的文本（本指南不再引用）", replaced)):
        lines += [f"## {heading}", ""]
        for law in group:
            lines += [f"### 《{law['title']}》{('（' + law['version'] + '）') if law['version'] else ''} {{#{law['key']}}}", ""]
            facts = [f"类别：{laws.KINDS[law['kind']]}"]
            if law["number"]:
                facts.append(f"文号：{law['number']}")
            if law["adopted"]:
                facts.append(f"通过或公布：{law['adopted'].isoformat()}")
            facts.append(f"施行：{law['in_force'].isoformat()}")
            if law["replaced_on"]:
                newer = register[law["replaced_by"]]
                facts.append(f"{law['replaced_on'].isoformat()} 起被[新的文本](#{newer['key']})取代")
            facts.append(f"核对于 {law['checked'].isoformat()}")
            if laws.TEXT_WORDS[law["text"]]:
                facts.append(laws.TEXT_WORDS[law["text"]])
            if law["note"]:
                facts.append(law["note"])
            lines += ["；".join(facts) + "。", ""]
            for article_id, article in law["articles"].items():
                words = laws.article_words(article_id)
                said = f"“{article['quote']}”" if article["quote"] else f"（大意）{article['gist']}"
                lines.append(f"- {words}：{said}")
            if law["articles"]:
                lines.append("")
            pages = sorted(cited_by.get(law["key"], ()))
            if pages:
                links = "；".join(f"[{titles.get(page, page)}]({'../' * depth}{page})" for page in pages)
                lines += [f"引用它的页面：{links}", ""]
            letters = [] if law["replaced_on"] else letters_citing(law)
            if letters:
                lines += [f"引用它的[信件]({'../' * depth}calculators/letter.md)：{'、'.join(letters)}", ""]
    return "\n".join(lines)


def on_page_markdown(markdown, page, config, **kwargs):
    if REGISTER.search(markdown):
        if not _state["titles"]:
            _, citations, titles = check(config["docs_dir"], build_date())
            _state.update(citations=citations, titles=titles)
        body = register_page(_state["citations"], _state["titles"], page.file.src_uri)
        markdown = REGISTER.sub(lambda _: body, markdown)

    def render(match):
        key, ids = match.group(1), tuple(part for part in (match.group(2) or "").split(",") if part)
        try:
            return laws.citation(key, ids)
        except KeyError:
            raise PluginError(f"{page.file.src_uri}: unknown law or article '{match.group(0)}' "
                              "(add it to calculators/law_register.toml or fix the marker)") from None

    return laws.MARKER.sub(render, markdown)
