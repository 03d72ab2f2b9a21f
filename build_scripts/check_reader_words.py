"""MkDocs hook: stop the build when a page would show readers the project's own working notes as a
source — its reviews ("审阅"), the seed articles ("种子文章"), the statute snapshot it read ("法规库",
"LawRefBook"), a dataset's address, or a "转引自" whose address was taken out. Those stay in the data
files for maintainers (`calculators/rules.py` INTERNAL_NOTES lists the words; `reader_source` keeps
them out of what readers see)."""

import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from calculators import rules  # noqa: E402

EMPTY_REFERENCE = re.compile(r"转引自\s*[，,；;）)]")


def words_shown(html):
    """The internal words in what a reader sees of a page (comments and tags left out)."""
    text = re.sub(r"<[^>]+>", "", re.sub(r"<!--.*?-->", "", html, flags=re.S))
    found = [word for word in rules.INTERNAL_NOTES if word in text]
    if EMPTY_REFERENCE.search(text):
        found.append("转引自 followed by nothing")
    return found


def on_post_page(output, page, **kwargs):
    found = words_shown(output)
    if found:
        raise PluginError(f"{page.file.src_uri}: readers would see the project's own notes as a source: "
                          f"{', '.join(found)} (keep them in the data files for maintainers)")
    return output
