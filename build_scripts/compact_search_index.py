"""MkDocs hook: write the search index as compact UTF-8, with the everyday words people search for.

Material writes `search/search_index.json` with every Chinese character escaped (`\\u534f`,
six bytes instead of three) and spaces after separators. Every guide page downloads the index,
so rewriting it as plain UTF-8 JSON almost halves it (and saves about a sixth once gzipped),
with the same content.

Synonyms (`build_scripts/search_synonyms.toml`, data): a section whose title or text holds one of
the guide's words ("限制消费") also gets the everyday word ("限高") at the end of its indexed text,
as a word of its own (the index separates words with U+200B), so searching "限高" finds it. The
pages themselves are unchanged.
"""

import json
import tomllib
from pathlib import Path

SYNONYMS_FILE = Path(__file__).with_name("search_synonyms.toml")
SEPARATOR = "\u200b"  # how the index (segmented by jieba at build time) separates words


def synonyms(path=SYNONYMS_FILE):
    """{everyday word: [the guide's words]} from the data file."""
    data = tomllib.loads(path.read_text(encoding="utf-8")).get("synonyms", {})
    return {word: list(targets) for word, targets in data.items()}


def add_synonyms(docs, table):
    """Append each everyday word to every doc whose title or text holds one of its guide words."""
    for doc in docs:
        plain = (doc.get("title", "") + " " + doc.get("text", "")).replace(SEPARATOR, "")
        extra = [word for word, targets in table.items() if word not in plain and any(t in plain for t in targets)]
        if extra:
            doc["text"] = doc.get("text", "") + " " + "".join(SEPARATOR + word + SEPARATOR for word in extra)
    return docs


def on_post_build(config, **kwargs):
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if index.is_file():
        data = json.loads(index.read_text(encoding="utf-8"))
        add_synonyms(data.get("docs", []), synonyms())
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
