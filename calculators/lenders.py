"""The lender directory: read `lenders.toml` (edited by maintainers, no code) and check it.

Public functions (pure; the lender pages' build hook and the `lookup` calculator use them):

- ``kinds()``            -> {kind: {"label", "keywords", "meaning", "regulator", status, source, checked}}
- ``brands()``           -> [brand dicts] in file order: id, name, products, product_ids, page,
                            in_app, credit_bureaus, hotline (None unless official), companies
                            (each with kind_label, regulator, meaning), facts
- ``brand(brand_id)``    -> one brand; KeyError if there is none
- ``companies()``        -> every company with its brand: [{"brand": id, "brand_name", "page", **company}]
- ``citation(fact)``     -> what a reader sees of a fact's source: "新闻报道；来源：…；核对于 …"
                            (SEO addresses left out by calculators.rules.reader_source)
- ``numbers()``          -> {number: fact}: the public service numbers the guide prints
- ``phone_numbers(text)``-> the phone-like numbers in a text (for the checks on pages)

Checked on load (ValueError naming the place): every fact has a known status, a source and a
date; every brand has companies with a known kind (licence type, hence a regulator) and role,
products that exist in product_rules.toml, and a hotline only with status "official" and the
official page that prints it; no number appears in the directory's texts except such a hotline
and the public numbers of [numbers].

`XSHK_LENDERS_FILE` (an environment variable) names another TOML file to read instead (tests).
"""

import datetime
import json
import re

from . import datafile, rules

_DATA_FILE = "lenders.toml"
# The browser's copy carries the same data converted to JSON (build_scripts/pack_calculators.py).
PACKED_DATA_FILE = "lenders.json"
STATUS_WORDS = {
    "official": "官方页面",
    "law": "法律条文",
    "news": "新闻报道",
    "commonly_reported": "常见说法（只见于网络文章，未经官方核实）",
    "unverified": "未核实",
}
ROLES = {
    "lender": "放贷机构",
    "guarantor": "担保公司",
    "insurer": "保险公司",
    "platform": "平台",
    "partner": "合作机构",
}
BUREAUS = ("人民银行征信中心", "百行征信", "朴道征信")
FACT_TOPICS = ("fees", "actions", "complaints", "structure")
_cache = {}

# Phone-like numbers: 400/800 numbers, 95xxx/96xxx, 123xx public hotlines, 1010xxxx, mobiles, landlines,
# 110 (shorter figures such as 120 are too often amounts).
# A figure followed by a unit (元, 万, 条, %) is an amount, not a number to call.
PHONE = re.compile(
    r"(?<![\d.,])(?:"
    r"[48]00[-\s]?\d{3}[-\s]?\d{4}"
    r"|1[3-9]\d{9}"
    r"|0\d{2,3}-\d{7,8}"
    r"|9[56]\d{3,6}|123\d{2}|1010\d{4}|100(?:86|10)"
    r"|110"
    r")(?![\d.,]|\s*[元万亿条家年月日天期个位%％倍])"
)


def phone_numbers(text):
    """The phone-like numbers in `text`, digits only ('400-810-8866' -> '4008108866')."""
    return [re.sub(r"\D", "", found) for found in PHONE.findall(text)]


def read_data_file():
    return datafile.read(__file__, _DATA_FILE, "XSHK_LENDERS_FILE", packed=PACKED_DATA_FILE)


def _fact(table, where, value_kind=str):
    if not isinstance(table, dict):
        raise ValueError(f"{_DATA_FILE}: {where} must be a table with value, status, source, checked")
    for needed in ("value", "status", "source", "checked"):
        if needed not in table:
            raise ValueError(f"{_DATA_FILE}: {where} has no '{needed}'")
    if table["status"] not in STATUS_WORDS:
        raise ValueError(f"{_DATA_FILE}: {where}: unknown status {table['status']!r} "
                         f"(one of {', '.join(STATUS_WORDS)})")
    if not str(table["source"]).strip():
        raise ValueError(f"{_DATA_FILE}: {where}: the source is empty")
    try:
        datetime.date.fromisoformat(str(table["checked"]))
    except ValueError:
        raise ValueError(f"{_DATA_FILE}: {where}: checked {table['checked']!r} is not a date like 2026-12-05") from None
    if value_kind is not None and not isinstance(table["value"], value_kind):
        raise ValueError(f"{_DATA_FILE}: {where}: value must be {value_kind.__name__}")
    return dict(table)


def _text_list(value, where):
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ValueError(f"{_DATA_FILE}: {where} must be a list of texts")
    return list(value)


def _parse(data):
    kinds = {}
    for kind, table in data.get("kinds", {}).items():
        where = f"kind {kind}"
        for needed in ("label", "meaning", "regulator"):
            if not str(table.get(needed, "")).strip():
                raise ValueError(f"{_DATA_FILE}: {where} has no '{needed}'")
        entry = _fact(dict(table, value=table["meaning"]), where)
        entry["keywords"] = _text_list(table.get("keywords", []), f"{where}.keywords")
        kinds[kind] = entry
    if not kinds:
        raise ValueError(f"{_DATA_FILE}: no [kinds.*]")

    numbers = {}
    for number, table in data.get("numbers", {}).items():
        if not re.fullmatch(r"\d{3,12}", number):
            raise ValueError(f"{_DATA_FILE}: numbers.{number}: digits only")
        numbers[number] = _fact(table, f"numbers.{number}")

    product_ids = {product["id"] for product in rules.products()}
    brands = []
    pages = {}
    for brand_id, table in data.get("brands", {}).items():
        where = f"brand {brand_id}"
        for needed in ("name", "page"):
            if not str(table.get(needed, "")).strip():
                raise ValueError(f"{_DATA_FILE}: {where} has no '{needed}'")
        if not re.fullmatch(r"[a-z0-9-]+", table["page"]):
            raise ValueError(f"{_DATA_FILE}: {where}: page is a file name under docs/products/ without .md")
        entry = {"id": brand_id, "name": table["name"], "page": table["page"],
                 "products": _text_list(table.get("products"), f"{where}.products"),
                 "product_ids": _text_list(table.get("product_ids"), f"{where}.product_ids")}
        for pid in entry["product_ids"]:
            if pid not in product_ids:
                raise ValueError(f"{_DATA_FILE}: {where}: product {pid!r} is not a product of product_rules.toml")
        entry["in_app"] = _fact(table.get("in_app"), f"{where}.in_app")
        bureaus = _fact(table.get("credit_bureaus"), f"{where}.credit_bureaus", value_kind=None)
        value = bureaus["value"]
        if value != "" and not (isinstance(value, list) and value and all(b in BUREAUS for b in value)):
            raise ValueError(f"{_DATA_FILE}: {where}.credit_bureaus: a list of {', '.join(BUREAUS)}, or \"\"")
        bureaus["value"] = list(value) if value else []
        entry["credit_bureaus"] = bureaus
        hotline = table.get("hotline")
        if hotline is not None:
            hotline = _fact(dict(hotline, value=hotline.get("number", "")), f"{where}.hotline")
            if hotline["status"] != "official" or not str(hotline.get("page", "")).strip():
                raise ValueError(f"{_DATA_FILE}: {where}.hotline: only a number printed on an official page, "
                                 "with status = \"official\" and that page in `page`")
            if not phone_numbers(str(hotline["number"])):
                raise ValueError(f"{_DATA_FILE}: {where}.hotline: {hotline['number']!r} is not a phone number")
        entry["hotline"] = hotline
        companies = []
        for index, company in enumerate(table.get("companies", [])):
            cwhere = f"{where}.companies[{index}]"
            if not str(company.get("name", "")).strip():
                raise ValueError(f"{_DATA_FILE}: {cwhere} has no name")
            fact = _fact(dict(company, value=company["name"]), cwhere)
            if company.get("kind") not in kinds:
                raise ValueError(f"{_DATA_FILE}: {cwhere}: kind {company.get('kind')!r} is not one of {', '.join(kinds)}")
            if company.get("role") not in ROLES:
                raise ValueError(f"{_DATA_FILE}: {cwhere}: role {company.get('role')!r} is not one of {', '.join(ROLES)}")
            kind = kinds[company["kind"]]
            fact.update(aliases=_text_list(company.get("aliases", []), f"{cwhere}.aliases"),
                        note=str(company.get("note", "")), kind_label=kind["label"],
                        regulator=kind["regulator"], meaning=kind["meaning"], role_label=ROLES[company["role"]])
            companies.append(fact)
        if not any(company["role"] in ("lender", "platform") for company in companies):
            raise ValueError(f"{_DATA_FILE}: {where} needs at least one company with role lender or platform")
        entry["companies"] = companies
        facts = []
        for index, fact in enumerate(table.get("facts", [])):
            fwhere = f"{where}.facts[{index}]"
            if fact.get("topic") not in FACT_TOPICS:
                raise ValueError(f"{_DATA_FILE}: {fwhere}: topic is one of {', '.join(FACT_TOPICS)}")
            facts.append(_fact(fact, fwhere))
        entry["facts"] = facts
        if entry["page"] in pages:
            raise ValueError(f"{_DATA_FILE}: {where}: page {entry['page']!r} is already {pages[entry['page']]}'s")
        pages[entry["page"]] = brand_id
        brands.append(entry)
    if not brands:
        raise ValueError(f"{_DATA_FILE}: no [brands.*]")
    _check_numbers(brands, kinds, numbers)
    return kinds, brands, numbers


def _texts(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, str):
        yield value


def _check_numbers(brands, kinds, numbers):
    """No number in the directory's texts but an official hotline or a public number of [numbers]."""
    allowed = set(numbers)
    for brand in brands:
        if brand["hotline"]:
            allowed.update(phone_numbers(str(brand["hotline"]["number"])))
    for where, tree in [("kinds", kinds)] + [(f"brand {b['id']}", {k: v for k, v in b.items() if k != "hotline"})
                                             for b in brands]:
        for text in _texts(tree):
            for number in phone_numbers(text):
                if number not in allowed:
                    raise ValueError(f"{_DATA_FILE}: {where}: the number {number} has no official source "
                                     "(only a hotline with status \"official\" and its page, or [numbers.*])")


def _load():
    if "brands" not in _cache:
        kinds, brands, numbers = _parse(read_data_file())
        _cache.update(kinds=kinds, brands=brands, numbers=numbers)
    return _cache


def kinds():
    return {kind: dict(table) for kind, table in _load()["kinds"].items()}


def brands():
    return json.loads(json.dumps(_load()["brands"]))  # fresh, deep copies


def brand(brand_id):
    for entry in brands():
        if entry["id"] == brand_id:
            return entry
    raise KeyError(brand_id)


def companies():
    found = []
    for entry in brands():
        for company in entry["companies"]:
            found.append({"brand": entry["id"], "brand_name": entry["name"], "page": entry["page"], **company})
    return found


def numbers():
    return {number: dict(fact) for number, fact in _load()["numbers"].items()}


def status_words(status):
    return STATUS_WORDS[status]


def citation(fact):
    """A fact's status, its source as a reader may see it, and the date checked."""
    source = rules.reader_source(str(fact["source"]))
    if not source or fact["status"] == "commonly_reported":
        return f"{STATUS_WORDS['commonly_reported']}；核对于 {fact['checked']}"
    if fact["status"] == "unverified":
        return f"未核实：{source}；核对于 {fact['checked']}"
    return f"{STATUS_WORDS[fact['status']]}；来源：{source}；核对于 {fact['checked']}"
