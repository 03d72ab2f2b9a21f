"""MkDocs hook: put product rules from the calculators' data file into the pages.

A page writes `<!-- rule:huabei.overdue_daily_rate -->` where a rate belongs and
`<!-- rule-source:huabei.overdue_daily_rate -->` where its status, source and date
belong. Both come from `calculators/product_rules.toml` through `calculators.rules`,
the same code the calculators use, so a page can never disagree with a calculator.
An unknown key stops the build.

Readers see the official source, never an SEO or aggregator address: a rule's `source`
keeps every address for maintainers, and `rules.format_citation()` (the same words the
calculators' answers use) shows only `rules.reader_source()`.
"""

import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

# MkDocs restores sys.path after loading a hook, so import the package now.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from calculators import legal, rules  # noqa: E402

# `<!-- rule-through:law.lpr_history -->`: the last date a dated rule was checked through.
MARKER = re.compile(r"<!--\s*rule(-source|-through)?:([a-z0-9_.]+)\s*-->")
# `<!-- lpr-table -->` on a line of its own: the one-year LPR history with the private-lending cap
# of a contract signed in each stretch (calculators.legal.lpr_periods, from the rules file).
LPR_TABLE = re.compile(r"^<!--\s*lpr-table\s*-->$", re.M)


def lpr_table():
    through = rules.get(legal.HISTORY_KEY)["through"].isoformat()
    rows = ["| 合同签订日期 | 当时的一年期 LPR | 民间借贷上限 |", "|---|---|---|"]
    for period in reversed(legal.lpr_periods()):
        if period["rule"] == "transition":
            rows.append(f"| {period['until'].isoformat()} 及以前 | — | "
                        "到 2020-08-19 的利息按旧规则；之后按起诉时 LPR 的 4 倍 |")
            continue
        when = (f"{period['from'].isoformat()} 至 {period['until'].isoformat()}" if period["until"]
                else f"{period['from'].isoformat()} 起（核对到 {through} 公布的那一期）")
        rows.append(f"| {when} | {rules.percent(period['lpr'])} | {rules.percent(period['cap'])}（4 倍） |")
    return "\n" + "\n".join(rows) + "\n"


def on_page_markdown(markdown, page, **kwargs):
    def render(match):
        kind, key = match.group(1), match.group(2)
        try:
            if kind == "-through":
                return rules.get(key)["through"].isoformat()
            return rules.format_citation(key) if kind == "-source" else rules.format_value(key)
        except KeyError:
            raise PluginError(
                f"{page.file.src_uri}: unknown product rule '{key}', or one without `through` "
                f"(add it to calculators/product_rules.toml or fix the marker)"
            ) from None

    return MARKER.sub(render, LPR_TABLE.sub(lambda _: lpr_table(), markdown))
