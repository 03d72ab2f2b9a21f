"""MkDocs hook: put product rules from the calculators' data file into the pages.

A page writes `<!-- rule:huabei.overdue_daily_rate -->` where a rate belongs and
`<!-- rule-source:huabei.overdue_daily_rate -->` where its status, source and date
belong. Both come from `calculators/product_rules.toml` through `calculators.rules`,
the same code the calculators use, so a page can never disagree with a calculator.
An unknown key stops the build.

Readers see the official source, never an SEO or aggregator address: a rule's `source`
keeps every address for maintainers, and `reader_source()` drops the parts that name a
domain in WEAK_DOMAINS (or, for the few named sources in NAMED_DOMAINS, puts the name in
place of the address). When nothing official is left, the reader is told so plainly.
"""

import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

# MkDocs restores sys.path after loading a hook, so import the package now.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from calculators import rules  # noqa: E402

MARKER = re.compile(r"<!--\s*rule(-source)?:([a-z0-9_.]+)\s*-->")

# SEO / aggregator / copy sites seen in the rules' sources (facts.md: "V-weak"). They stay in
# product_rules.toml for maintainers; tests/test_guide_law.py fails if one reaches a page.
WEAK_DOMAINS = (
    "4hw.com.cn", "php.cn", "doing.city", "wodefinance.com", "572757.com", "lnmlw.com",
    "wodezhubaowang.com", "plnmw.com", "4idols.com", "cbzjb.com.cn", "sboyo.com", "szhome.com",
    "yktchina.com", "fadingding.com", "buxiugangdiaosu.cc", "ty78917.com", "csai.cn", "bvvic.com",
    "yixingjingji.com", "maxlaw.cn", "09115.cn", "lwxsd.com", "snjygy.com", "reportify.ai",
    "laitimes.com", "tellerreport.com", "extremexp.net", "loan78.com", "chinaaluminiumfoil.com",
)
# Addresses of named, non-SEO sources: the reader sees the name instead of the address.
NAMED_DOMAINS = {"zjblf.com": "金道律师事务所的解读文章"}
NO_OFFICIAL_SOURCE = "常见说法：只见于网络文章，未找到官方来源"
ADDRESS = re.compile(r"(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/[^\s；，。（）()]*)?", re.I)


def _domain_of(address):
    host = re.sub(r"^https?://", "", address, flags=re.I).split("/")[0].lower()
    return host


def _is_weak(host):
    return any(host == d or host.endswith("." + d) for d in WEAK_DOMAINS)


def reader_source(source):
    """The source as a reader sees it: weak addresses removed, named ones replaced by a name."""
    kept = []
    for part in re.split(r"[；;]", source):
        text = part
        weak_seen = False
        for address in ADDRESS.findall(part):
            host = _domain_of(address)
            named = next((name for d, name in NAMED_DOMAINS.items() if host == d or host.endswith("." + d)), None)
            if named:
                text = text.replace(address, named).replace("转引自 ", "转引自")
            elif _is_weak(host):
                weak_seen = True
                # the address and a bracket note right after it (its page title or date)
                text = re.sub(re.escape(address) + r"\s*(?:[（(][^）)]*[）)])?", "", text)
        if weak_seen:
            # what is left of a part that cited a weak page: drop the "转引自" and empty brackets
            text = re.sub(r"[，,]?\s*(转引自|见|来源[:：]?)\s*(?=[（(]|$)", "", text)
            text = re.sub(r"[（(]\s*[）)]", "", text)
            text = re.sub(r"^[\s、，,]+|[\s、，,]+$", "", text)
            text = re.sub(r"\s*、\s*(?=、|$)", "", text)
            # a leftover that is only a date or a bracket note is no source
            if not text or re.fullmatch(r"[（(][^）)]*[）)]|[\d\-–]+", text):
                continue
        kept.append(text.strip())
    return "；".join(part for part in kept if part)


def reader_citation(key):
    rule = rules.get(key)
    status, source = rules.status_words(rule["status"]), reader_source(rule["source"])
    if not source:
        return f"{NO_OFFICIAL_SOURCE}；核对于 {rule['checked']}"
    return f"{status}；来源：{source}；核对于 {rule['checked']}"


def on_page_markdown(markdown, page, **kwargs):
    def render(match):
        is_source, key = match.group(1), match.group(2)
        try:
            return reader_citation(key) if is_source else rules.format_value(key)
        except KeyError:
            raise PluginError(
                f"{page.file.src_uri}: unknown product rule '{key}' "
                f"(add it to calculators/product_rules.toml or fix the marker)"
            ) from None

    return MARKER.sub(render, markdown)
