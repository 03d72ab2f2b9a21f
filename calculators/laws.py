"""The register of the law: `law_register.toml` (edited by maintainers, no code) read and checked.

Every statute, judicial interpretation, regulation and rule the guide or a letter cites is one
table there: its title, document number, the version cited (adopted, in force from, and — when a
newer text has replaced it — replaced on / replaced by), the articles used (each with a short quote
or, where the verbatim text was not at hand, a gist in the project's words), where the text was read
(for maintainers) and the date checked.

Pages cite through a marker in a footnote, `[^227]: <!-- law:civil_procedure_2023.227 -->`, which
`build_scripts/render_law_markers.py` turns into one uniform footnote (`citation`). Article ids:
"227" = 第二百二十七条, "175-1" = 第一百七十五条之一, "16.2" = 第十六条第二款, "268i5" = 第二百六十八条第（五）项;
several are joined with commas (`law:blacklist_2017.1,2`); `law:arbitration_2025` cites the whole text.

Public functions (pure):
- ``laws()``                      -> {key: law dict} in file order
- ``get(key)``                    -> one law (KeyError when unknown)
- ``article_words(article_id)``   -> "第二百二十七条"
- ``citation(key, ids=())``       -> the footnote text a reader sees
- ``short_citation(key, ids=())`` -> 《title》 and articles, for a letter's sentence
- ``markers(text)``               -> [(key, (ids…))] of every `law:` marker in a page's Markdown
- ``problems(citations, today)``  -> the build's errors for {page: [(key, ids)]}: unknown law or
                                     article, a version replaced on or before `today`
- ``hand_typed(text)``            -> footnotes of a page that type a statute by hand instead of a marker

`XSHK_LAWS_FILE` (an environment variable) names another TOML file to read instead (tests).
Read at build time only (natively): the calculators in the browser do not import this module.
"""

import datetime
import os
import re

from . import datafile

_DATA_FILE = "law_register.toml"
KINDS = {
    "law": "法律",
    "judicial_interpretation": "司法解释",
    "court_document": "最高人民法院规范性文件",
    "regulation": "行政法规",
    "local_regulation": "地方性法规",
    "departmental_rule": "部门规章",
    "industry_rule": "行业自律规范",
}
# How the text was read: what a reader is told about it.
TEXT_WORDS = {
    "official": "",
    "reprint": "条文据法院网站等转载的文本，官方汇编未直接取得",
    "reported": "条文据律师事务所的解读文章和新闻报道，官方全文未直接取得",
}
REQUIRED = ("title", "kind", "version", "in_force", "text", "read_at")  # checked: or the file's
ARTICLE_ID = re.compile(r"^(\d+)(?:-(\d+))?(?:\.(\d+))?(?:i(\d+))?$")
MARKER = re.compile(r"<!--\s*law:([a-z0-9_]+)(?:\.([0-9a-z.,\-]+))?\s*-->")
_cache = {}


def _date(text, where):
    try:
        return datetime.date.fromisoformat(str(text))
    except ValueError:
        raise ValueError(f"{_DATA_FILE}: {where}: {text!r} is not a date like 2026-03-01") from None


def chinese_number(n):
    """1 -> 一, 10 -> 十, 110 -> 一百一十, 205 -> 二百零五, 1064 -> 一千零六十四 (statute style)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    text, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            text += ("零" if zero else "") + digits[digit] + unit
            zero = False
        elif text:
            zero = True
    return text


def article_words(article_id):
    match = ARTICLE_ID.match(article_id)
    if not match:
        raise ValueError(f"article id {article_id!r}: write 227, 175-1, 16.2 or 268i5")
    number, sub, paragraph, item = match.groups()
    words = f"第{chinese_number(int(number))}条"
    if sub:
        words += f"之{chinese_number(int(sub))}"
    if paragraph:
        words += f"第{chinese_number(int(paragraph))}款"
    if item:
        words += f"第（{chinese_number(int(item))}）项"
    return words


def _parse(key, table, file_checked):
    where = f"law {key}"
    for needed in REQUIRED:
        if needed not in table:
            raise ValueError(f"{_DATA_FILE}: {where} has no '{needed}'")
    if table["kind"] not in KINDS:
        raise ValueError(f"{_DATA_FILE}: {where}: kind {table['kind']!r} is not one of {', '.join(KINDS)}")
    if table["text"] not in TEXT_WORDS:
        raise ValueError(f"{_DATA_FILE}: {where}: text {table['text']!r} is not one of {', '.join(TEXT_WORDS)}")
    law = {
        "key": key, "title": str(table["title"]), "kind": table["kind"], "number": str(table.get("number", "")),
        "version": str(table["version"]), "adopted": None, "in_force": _date(table["in_force"], f"{where}.in_force"),
        "replaced_on": None, "replaced_by": str(table.get("replaced_by", "")), "text": table["text"],
        "read_at": str(table["read_at"]), "checked": _date(table.get("checked", file_checked), f"{where}.checked"),
        "note": str(table.get("note", "")), "articles": {},
    }
    if "adopted" in table:
        law["adopted"] = _date(table["adopted"], f"{where}.adopted")
        if law["adopted"] > law["in_force"]:
            raise ValueError(f"{_DATA_FILE}: {where}: adopted {law['adopted']} is after in_force {law['in_force']}")
    if "replaced_on" in table:
        law["replaced_on"] = _date(table["replaced_on"], f"{where}.replaced_on")
        if law["replaced_on"] <= law["in_force"]:
            raise ValueError(f"{_DATA_FILE}: {where}: replaced_on is not after in_force")
    if bool(law["replaced_on"]) != bool(law["replaced_by"]):
        raise ValueError(f"{_DATA_FILE}: {where}: replaced_on and replaced_by go together")
    for article_id, article in (table.get("articles") or {}).items():
        article_words(article_id)  # raises on a malformed id
        if not isinstance(article, dict) or not (article.get("quote") or article.get("gist")):
            raise ValueError(f"{_DATA_FILE}: {where}: article {article_id} needs a quote or a gist")
        law["articles"][article_id] = {"quote": str(article.get("quote", "")), "gist": str(article.get("gist", ""))}
    return law


def laws():
    path = os.environ.get("XSHK_LAWS_FILE", "")
    if _cache.get("path") != path or "laws" not in _cache:
        data = datafile.read(__file__, _DATA_FILE, "XSHK_LAWS_FILE")
        file_checked = str(data.get("checked", ""))
        parsed = {key: _parse(key, table, file_checked) for key, table in data.items() if isinstance(table, dict)}
        for key, law in parsed.items():
            if law["replaced_by"] and law["replaced_by"] not in parsed:
                raise ValueError(f"{_DATA_FILE}: law {key}: replaced_by {law['replaced_by']!r} is not in the register")
        _cache.update(path=path, laws=parsed)
    return {key: dict(law) for key, law in _cache["laws"].items()}


def get(key):
    return laws()[key]


def version_words(law):
    """"2023 年修正，2024-01-01 起施行" — the version a footnote names."""
    parts = [law["version"]] if law["version"] else []
    if law["number"] and law["kind"] != "law":  # a law is known by its version; an interpretation by its number
        parts.append(law["number"])
    parts.append(f"{law['in_force'].isoformat()} 起施行")
    return "，".join(parts)


def citation(key, ids=()):
    """The uniform footnote: 《title》（version）articles（核对于 date；how the text was read）."""
    law = get(key)
    for article_id in ids:
        if article_id not in law["articles"]:
            raise KeyError(f"{key}.{article_id}")
    articles = "、".join(article_words(article_id) for article_id in ids)
    after = [f"核对于 {law['checked'].isoformat()}"]
    if TEXT_WORDS[law["text"]]:
        after.append(TEXT_WORDS[law["text"]])
    if law["note"]:
        after.append(law["note"])
    return f"《{law['title']}》（{version_words(law)}）{articles}（{'；'.join(after)}）"


def short_citation(key, ids=()):
    """《title》 and the articles, for a sentence in a letter: "《中华人民共和国民事诉讼法》第二百二十七条"."""
    law = get(key)
    for article_id in ids:
        if article_id not in law["articles"]:
            raise KeyError(f"{key}.{article_id}")
    return f"《{law['title']}》" + "、".join(article_words(a) for a in ids)


def markers(text):
    """[(key, (article ids…))] for every `<!-- law:… -->` in a page, in order."""
    return [(key, tuple(part for part in (ids or "").split(",") if part)) for key, ids in MARKER.findall(text)]


def problems(citations, today):
    """The build's errors for {page: [(key, ids)]}: one line per unknown law or article, and one per
    law replaced on or before `today` listing every page that cites it (moving a law to a new version
    is one edit to the register, and the build then names each page to look at)."""
    register = laws()
    errors, replaced = [], {}
    for page, cited in sorted(citations.items()):
        for key, ids in cited:
            if key not in register:
                errors.append(f"{page}: unknown law '{key}' (add it to calculators/{_DATA_FILE} or fix the marker)")
                continue
            for article_id in ids:
                if article_id not in register[key]["articles"]:
                    errors.append(f"{page}: law {key} has no article '{article_id}' in calculators/{_DATA_FILE}")
            law = register[key]
            if law["replaced_on"] and law["replaced_on"] <= today:
                replaced.setdefault(key, set()).add(page)
    for key in sorted({key for cited in citations.values() for key, _ in cited if key in register}):
        if register[key]["checked"] > today:
            errors.append(f"law {key}: checked {register[key]['checked']} is after the build date {today}")
    for key, pages in replaced.items():
        law = register[key]
        errors.append(f"law {key} (《{law['title']}》 {law['version']}) was replaced on {law['replaced_on']} by "
                      f"{law['replaced_by']}; cite the new version on: {', '.join(sorted(pages))}")
    return errors


FOOTNOTE = re.compile(r"^\[\^[^\]]+\]:[ \t]*(.*)$", re.M)
ARTICLE_WORDS = re.compile(r"第[一二三四五六七八九十百千零、]+条|第\s*\d+\s*条")


def _short_titles():
    titles = set()
    for law in laws().values():
        title = law["title"]
        titles.add(f"《{title}》")
        titles.add(f"《{title.removeprefix('中华人民共和国')}》")
    return titles


def hand_typed(text):
    """The footnotes of a page that cite a registered statute (《its title》), or any article
    (第…条), in typed words rather than through a `law:` marker (what is left of a footnote once
    its markers are removed)."""
    titles = _short_titles()
    found = []
    for note in FOOTNOTE.findall(text):
        rest = MARKER.sub("", note)
        if ARTICLE_WORDS.search(rest) or any(title in rest for title in titles):
            found.append(note)
    return found
