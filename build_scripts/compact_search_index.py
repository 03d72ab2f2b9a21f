"""MkDocs hook: write the search index as compact UTF-8.

Material writes `search/search_index.json` with every Chinese character escaped (`\\u534f`,
six bytes instead of three) and spaces after separators. Every guide page downloads the index,
so rewriting it as plain UTF-8 JSON almost halves it (and saves about a sixth once gzipped),
with the same content.
"""

import json
from pathlib import Path


def on_post_build(config, **kwargs):
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if index.is_file():
        data = json.loads(index.read_text(encoding="utf-8"))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
