"""Product rules: read `product_rules.toml` (edited by maintainers, no code) and format them.

Public functions (pure; the site's build renders `<!-- rule:KEY -->` markers with them):

- ``get(key)``            -> dict with the parsed value (Decimal, dict of int -> Decimal, or tuple of
                             Decimal), unit, status, source, checked, note, label, key.
                             Unknown key -> KeyError.
- ``all_rules()``         -> {key: get(key)} in file order.
- ``format_value(key)``   -> Chinese display of the value, e.g. "0.05%/天", "1.5 倍".
- ``format_citation(key)``-> "常见说法，未经官方核实；来源：…；核对于 2026-11-25".
- ``status_words(status)``-> the Chinese words for a status tag.
- ``products()``          -> the products (tables with a `penalty_method`), in file order: dicts
                             id, label, penalty_method, licensed, and the full keys of the rules
                             they use (default_daily_rate, multiplier_rule, late_fee_rule,
                             minimum_payment_rule: "huabei.overdue_daily_rate" or None; answer_notes;
                             loan_method: how the `loan` calculator charges its missed instalments,
                             "penalty_rate" | "late_fee_and_interest" | None).

`XSHK_RULES_FILE` (an environment variable) names another TOML file to read instead: for trying
a change to the rules, and for the test that adds a product.
"""

import re
from decimal import Decimal, InvalidOperation

from . import datafile

UNITS = (
    "per_day", "per_month", "per_year", "fraction", "multiplier", "days", "months", "years",
    "times_per_year", "yuan", "fee_table", "range_per_day", "dated_per_year",
)
STATUS_WORDS = {
    "law": "法律条文",
    "official": "官方公告",
    "news": "新闻报道",
    "commonly_reported": "常见说法，未经官方核实",
    "unverified": "未核实",
    "computed": "推算",
    "transcribed": "官方数据的转录，未逐条核对官方页面",
}

_DATA_FILE = "product_rules.toml"
# The browser's copy of this package (build_scripts/pack_calculators.py) carries the same data
# converted to JSON at build time: Pyodide then reads it without importing and running tomllib,
# about 35 ms of a cold start there. Everywhere else (tests, CLI, the site's build) the TOML is read.
PACKED_DATA_FILE = "product_rules.json"
_cache = {}


def _decimal(text, where):
    if isinstance(text, bool) or not isinstance(text, (str, int, float)):
        raise ValueError(f"{where}: value must be a decimal string, got {text!r}")
    try:
        value = Decimal(str(text).strip())
    except InvalidOperation:
        raise ValueError(f"{where}: {text!r} is not a decimal number") from None
    if not value.is_finite() or value < 0:
        raise ValueError(f"{where}: {text!r} must be a finite, non-negative number")
    return value


def _parse_rule(key, table, product_label, file_checked):
    for needed in ("value", "unit", "status", "source"):
        if needed not in table:
            raise ValueError(f"{_DATA_FILE}: rule {key} has no '{needed}'")
    unit, status, raw = table["unit"], table["status"], table["value"]
    if unit not in UNITS:
        raise ValueError(f"{_DATA_FILE}: rule {key}: unknown unit {unit!r} (one of {', '.join(UNITS)})")
    if status not in STATUS_WORDS:
        raise ValueError(f"{_DATA_FILE}: rule {key}: unknown status {status!r}")
    if unit == "fee_table":
        if not isinstance(raw, dict) or not raw:
            raise ValueError(f"{_DATA_FILE}: rule {key}: a fee_table value is a table like {{ \"3\" = \"0.025\" }}")
        try:
            value = {int(k): _decimal(v, key) for k, v in raw.items()}
        except ValueError as error:
            raise ValueError(f"{_DATA_FILE}: rule {key}: {error}") from None
        value = dict(sorted(value.items()))
    elif unit == "dated_per_year":
        value, through = _dated_values(key, raw, table.get("through"))
    elif unit == "range_per_day":
        if not isinstance(raw, list) or len(raw) != 2:
            raise ValueError(f"{_DATA_FILE}: rule {key}: a range value is a list [\"low\", \"high\"]")
        value = tuple(_decimal(v, key) for v in raw)
        if value[0] > value[1]:
            raise ValueError(f"{_DATA_FILE}: rule {key}: range low is above high")
    else:
        value = _decimal(raw, key)
    extra = {"through": through} if unit == "dated_per_year" else {}
    return {
        **extra,
        "key": key,
        "label": product_label,
        "value": value,
        "unit": unit,
        "status": status,
        "source": str(table["source"]),
        "checked": str(table.get("checked", file_checked)),
        "note": str(table.get("note", "")),
        "name": str(table.get("name", "")),
    }


def _dated_values(key, raw, through):
    """A dated_per_year value: {"2019-08-20": "0.0425", …} -> ({date: Decimal} in date order, the
    `through` date: the last date whose value was checked, not before the last change)."""
    import datetime

    where = f"{_DATA_FILE}: rule {key}"
    if not isinstance(raw, dict) or not raw:
        raise ValueError(f'{where}: a dated_per_year value is a table like {{ "2019-08-20" = "0.0425" }}')
    try:
        value = {datetime.date.fromisoformat(str(day)): _decimal(rate, key) for day, rate in raw.items()}
        through = datetime.date.fromisoformat(str(through))
    except ValueError as error:
        raise ValueError(f"{where}: {error} (dates are written 2019-08-20; `through` is required)") from None
    value = dict(sorted(value.items()))
    if through < max(value):
        raise ValueError(f"{where}: through {through} is before the last change {max(value)}")
    return value, through


PENALTY_METHODS = ("daily_rate", "multiplier", "credit_card")
LOAN_METHODS = ("penalty_rate", "late_fee_and_interest")
PRODUCT_RULE_KEYS = ("default_daily_rate", "multiplier_rule", "late_fee_rule", "minimum_payment_rule",
                     "contract_interest_rule")
REQUIRED_BY_METHOD = {"multiplier": ("multiplier_rule",), "credit_card": ("default_daily_rate", "late_fee_rule")}


def read_data_file():
    """The data file as a dict (tables in file order)."""
    return datafile.read(__file__, _DATA_FILE, "XSHK_RULES_FILE", packed=PACKED_DATA_FILE)


def _load():
    if "rules" not in _cache:
        data = read_data_file()
        file_checked = str(data.get("checked", ""))
        rules = {}
        for product, table in data.items():
            if not isinstance(table, dict):
                continue
            label = str(table.get("label", product))
            for name, rule in table.items():
                if isinstance(rule, dict):
                    key = f"{product}.{name}"
                    rules[key] = _parse_rule(key, rule, label, file_checked)
        _cache["products"] = _parse_products(data, rules)
        _cache["rules"] = rules
        _cache["checked"] = file_checked
    return _cache["rules"]


def _parse_products(data, rules):
    products = []
    for product, table in data.items():
        if not isinstance(table, dict) or "penalty_method" not in table:
            continue
        where = f"{_DATA_FILE}: product {product}"
        method = table["penalty_method"]
        if method not in PENALTY_METHODS:
            raise ValueError(f"{where}: penalty_method {method!r} is not one of {', '.join(PENALTY_METHODS)}")
        if not isinstance(table.get("licensed"), bool):
            raise ValueError(f"{where}: licensed = true or false is missing")
        if "label" not in table:
            raise ValueError(f"{where}: label is missing")
        entry = {"id": product, "label": str(table["label"]), "penalty_method": method,
                 "licensed": table["licensed"], "loan_method": table.get("loan_method"),
                 "court_ordered": bool(table.get("court_ordered", False))}
        if entry["loan_method"] is not None and entry["loan_method"] not in LOAN_METHODS:
            raise ValueError(f"{where}: loan_method {entry['loan_method']!r} is not one of {', '.join(LOAN_METHODS)}")
        if entry["loan_method"] == "penalty_rate" and not table.get("multiplier_rule"):
            raise ValueError(f"{where}: loan_method penalty_rate needs multiplier_rule")
        if entry["loan_method"] == "late_fee_and_interest" and not (
                table.get("default_daily_rate") and table.get("contract_interest_rule")):
            raise ValueError(f"{where}: loan_method late_fee_and_interest needs default_daily_rate (the 违约金 rate) "
                             "and contract_interest_rule (the share of the contract interest that keeps running)")
        for name in PRODUCT_RULE_KEYS:
            rule = table.get(name)
            key = f"{product}.{rule}" if rule else None
            if key is not None and key not in rules:
                raise ValueError(f"{where}: {name} names {rule!r}, which is not a rule of {product}")
            entry[name] = key
        for name in REQUIRED_BY_METHOD.get(method, ()):
            if entry[name] is None:
                raise ValueError(f"{where}: penalty_method {method} needs {name}")
        notes = table.get("answer_notes", [])
        for rule in notes:
            if f"{product}.{rule}" not in rules:
                raise ValueError(f"{where}: answer_notes names {rule!r}, which is not a rule of {product}")
        entry["answer_notes"] = [f"{product}.{rule}" for rule in notes]
        products.append(entry)
    if not products:
        raise ValueError(f"{_DATA_FILE}: no product (a table with penalty_method)")
    return products


def products():
    """The products in file order (fresh dicts)."""
    _load()
    return [dict(product, answer_notes=list(product["answer_notes"])) for product in _cache["products"]]


def product(product_id):
    """One product by id; KeyError if there is none."""
    for entry in products():
        if entry["id"] == product_id:
            return entry
    raise KeyError(product_id)


def _copy(rule):
    out = dict(rule)
    if isinstance(out["value"], dict):
        out["value"] = dict(out["value"])
    return out


def get(key):
    """The rule `key` ("product.rule") as a fresh dict; KeyError if there is no such rule."""
    rules = _load()
    if key not in rules:
        raise KeyError(key)
    return _copy(rules[key])


def value(key):
    """Just the parsed value of rule `key`."""
    return get(key)["value"]


def all_rules():
    return {key: _copy(rule) for key, rule in _load().items()}


def file_checked():
    _load()
    return _cache["checked"]


def percent(fraction):
    """0.0005 -> '0.05%', 0.088 -> '8.8%', 0.1 -> '10%' (exact, no trailing zeros)."""
    text = format((fraction * 100).normalize(), "f")
    return text + "%"


def _plain(number):
    return format(number.normalize(), "f")


def format_value(key):
    rule = get(key)
    unit, value = rule["unit"], rule["value"]
    if unit == "per_day":
        return percent(value) + "/天"
    if unit == "per_month":
        return percent(value) + "/月"
    if unit == "per_year":
        return percent(value) + "/年"
    if unit == "fraction":
        return percent(value)
    if unit == "multiplier":
        return _plain(value) + " 倍"
    if unit == "days":
        return _plain(value) + " 天"
    if unit == "months":
        return _plain(value) + " 个月"
    if unit == "years":
        return _plain(value) + " 年"
    if unit == "times_per_year":
        return "每年 " + _plain(value) + " 次"
    if unit == "yuan":
        return _plain(value) + " 元"
    if unit == "fee_table":
        return "、".join(f"{periods}期 {percent(fee)}" for periods, fee in value.items())
    if unit == "range_per_day":
        return f"{percent(value[0])}–{percent(value[1])}/天"
    if unit == "dated_per_year":
        return "；".join(f"{day.isoformat()} 起 {percent(rate)}/年" for day, rate in value.items())
    raise ValueError(unit)  # unreachable: units are checked on load


def status_words(status):
    return STATUS_WORDS[status]


# SEO / aggregator / copy sites seen in the rules' sources (facts.md: "V-weak"). They stay in
# product_rules.toml for maintainers; tests/test_guide_law.py fails if one reaches a page,
# tests/calculators/test_rules.py if one reaches an answer.
WEAK_DOMAINS = (
    "4hw.com.cn", "php.cn", "doing.city", "wodefinance.com", "572757.com", "lnmlw.com",
    "wodezhubaowang.com", "plnmw.com", "4idols.com", "cbzjb.com.cn", "sboyo.com", "szhome.com",
    "yktchina.com", "fadingding.com", "buxiugangdiaosu.cc", "ty78917.com", "csai.cn", "bvvic.com",
    "yixingjingji.com", "maxlaw.cn", "09115.cn", "lwxsd.com", "snjygy.com", "reportify.ai",
    "laitimes.com", "tellerreport.com", "extremexp.net", "loan78.com", "chinaaluminiumfoil.com",
    # seen in the lender directory (calculators/lenders.toml)
    "wzask.com", "pdd0001.cn", "manhao6.com", "yanxiaoye.cn", "xincainet.com", "tsxnews.com.cn",
    "haokouzi.cc", "bitekongjian.com",
)
# Addresses of named, non-SEO sources: the reader sees the name instead of the address.
NAMED_DOMAINS = {"zjblf.com": "金道律师事务所的解读文章"}
NO_OFFICIAL_SOURCE = "常见说法：只见于网络文章，未找到官方来源"
# The project's own working notes (its reviews, seed articles, the statute snapshot it read, dataset
# addresses) are kept in a rule's source for maintainers; a part of a source naming one is never
# shown to readers (tests/test_guide_law.py reads the built site for these words).
INTERNAL_NOTES = ("review-20", "审阅", "种子文章", "LawRefBook", "法规库", "github.com", "huggingface.co", "facts.md")
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
        if any(note in part for note in INTERNAL_NOTES):
            continue
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
            # what is left of a part that cited a weak page: "转引自 ，" says where it was read
            text = re.sub(r"转引自\s*(?=[，,])", "据网络文章转引", text)
            # drop a "转引自" left at the end and empty brackets
            text = re.sub(r"[，,]?\s*(转引自|见|来源[:：]?)\s*(?=[（(]|$)", "", text)
            text = re.sub(r"[（(]\s*[）)]", "", text)
            text = re.sub(r"^[\s、，,]+|[\s、，,]+$", "", text)
            text = re.sub(r"\s*、\s*(?=、|$)", "", text)
            # a leftover that is only a date or a bracket note is no source
            if not text or re.fullmatch(r"[（(][^）)]*[）)]|[\d\-–]+", text):
                continue
        kept.append(text.strip())
    return "；".join(part for part in kept if part)


def format_citation(key):
    """What a reader sees of a rule's source: its status, the official source (SEO addresses left
    out, see reader_source) and the date checked."""
    rule = get(key)
    source = reader_source(rule["source"])
    if not source:
        return f"{NO_OFFICIAL_SOURCE}；核对于 {rule['checked']}"
    return f"{STATUS_WORDS[rule['status']]}；来源：{source}；核对于 {rule['checked']}"


def maintainer_citation(key):
    """The full source, every address included (for maintainers, never shown to readers)."""
    rule = get(key)
    return f"{STATUS_WORDS[rule['status']]}；来源：{rule['source']}；核对于 {rule['checked']}"
