"""The one shared reader of what people type: amounts, rates, integers, dates, choices, lists.

Each calculator describes its inputs as data (`FIELDS`, built with `field()`); `read_fields`
reads every field, collects ALL problems and raises `FieldErrors` once, listing each as
{"field": "payments.2.amount", "message": "<short Chinese message>"}.

Accepted spellings (after Unicode NFKC, so full-width ０-９，．％￥ work too):
- amounts: 10000, 10,000, 1.2万, 3千, 2亿, 5k, 1.5w, ¥5000, 5000元, 1.2万元, 人民币5000 — at most two
  decimals after the 万/千 is applied, > 0 (or >= 0 where a field allows 0), <= 1,000,000,000.
- annual rates and fee rates: 18%, 0.18, 百分之十八; a bare number >= 1 (18) is read as 18% and a
  note says so.
- daily rates: 0.05%, 万分之五, 万分之5, 0.0005, 日0.05%; a bare number from 0.01 to 1 (0.05) is
  read as a percentage (0.05%/天) and a note says so.
- multipliers: 1.5, 1.5倍.
- integers: 30, 30天, 12期, 12个月. A field counted in days ("（天）" in its label) refuses months,
  weeks and years with the number of days ("4个月" → 请换算成天数，约 120 天), never 4 days; one
  counted in months ("（月）") refuses days and years the same way.
- sums of amounts: 1500+200 (each term read as above).
- a total fee rate quoted per month ("0.75%/月", "每期0.75%") is multiplied by the form's number of
  periods (its integer field counted in months); an annual rate quoted per month is refused with
  "× 12", a daily one with "÷ 30".
- dates: 2026-01-05, 2026/1/5, 2026.1.5, 2026年1月5日.
- a "后四位" text field refuses a long run of digits (a full card number is never kept).

How a value was read, when that is not literal ("8千" → 按 8,000 元, "0.04" in a daily-rate field →
按 0.04%/天 计算, a date far away → a question), is `readings(fields, inputs)`: {field path: text},
which `calculators.answer` returns beside the view and the page shows under the field.
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

MAX_AMOUNT = Decimal(1_000_000_000)
MAX_TEXT = 200
MAX_LABEL = 50
MAX_LIST_ITEMS = 360
KINDS = ("amount", "rate", "daily_rate", "fee_rate", "multiplier", "integer", "choice", "date", "list", "text")


class FieldErrors(Exception):
    """Raised by a calculator's `calculate` with every field problem found."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = list(errors)


class ErrorCollector:
    def __init__(self):
        self.errors = []

    def add(self, field_name, message, missing_label=None):
        """One problem. `missing_label` marks a required field left blank: the answer's view lists
        the blank fields by these labels ("逾期金额", "第 1 项的日利率")."""
        error = {"field": field_name, "message": message}
        if missing_label is not None:
            error["missing"] = True
            error["label"] = missing_label
        self.errors.append(error)

    def __bool__(self):
        return bool(self.errors)

    def raise_if_any(self):
        if self.errors:
            raise FieldErrors(self.errors)


class _Bad(Exception):
    """One field's problem; the message is completed with the field's name."""


def field(name, label, label_en, kind, required=False, hint="", choices=None, default=None,
          show_if=None, item_fields=None, **extra):
    """A field description (plain data: the site builds its forms from it)."""
    if kind not in KINDS:
        raise ValueError(kind)
    spec = {
        "name": name,
        "label": label,
        "label_en": label_en,
        "kind": kind,
        "required": required,
        "hint": hint,
        "choices": tuple(choices) if choices is not None else None,
        "default": default,
        "show_if": show_if,
        "item_fields": tuple(item_fields) if item_fields is not None else None,
    }
    spec.update(extra)
    return spec


def unit_of(spec):
    """'天' for an integer field counted in days, '月' for one counted in months (from its label)."""
    label = spec.get("label", "")
    if spec.get("kind") != "integer":
        return None
    if "（天）" in label or "天数" in label:
        return "天"
    if "（月）" in label:
        return "月"
    return None


def is_last_digits(spec):
    """A text field for the last digits of a card or account ("后四位"): never a full number."""
    return spec.get("kind") == "text" and "后四位" in spec.get("label", "")


LONG_DIGITS = re.compile(r"\d{8,}")  # a run this long is a full card or account number, not its last digits


def short_label(spec):
    """'欠款金额（元）' -> '欠款金额'."""
    return spec["label"].split("（")[0].strip()


# ---------------------------------------------------------------- raw text

def _raw_text(raw):
    """The typed text, normalised (NFKC, stripped); '' when nothing was typed."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        raise _Bad("请填写数字或文字，不是“是/否”")
    if isinstance(raw, (int, float, Decimal)):
        raw = str(raw)
    if not isinstance(raw, str):
        raise _Bad("只能填一个值，例如 5000")
    if len(raw) > MAX_TEXT:
        raise _Bad("填写的内容太长")
    return unicodedata.normalize("NFKC", raw).strip()


def _compact(text):
    return re.sub(r"\s+", "", text)


_NUMBER = re.compile(r"(\d+(\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d*)?")


def _number(text, example):
    """A plain non-negative decimal from text like '10,000.5'."""
    if text.startswith(("-", "−")):
        raise _Bad(f"不能是负数，{example}")
    if "," in text:
        if not _GROUPED.fullmatch(text):
            raise _Bad(f"逗号的位置不对，{example}")
        text = text.replace(",", "")
    if not _NUMBER.fullmatch(text):
        raise _Bad(f"看不懂这个数字，{example}")
    return Decimal(text)


_SCALES = (("亿", 100_000_000), ("万", 10_000), ("w", 10_000), ("千", 1_000), ("k", 1_000))


def _amount_terms(text):
    """'1500+200' -> ['1500', '200']; one term when there is no '+'."""
    return text.split("+") if "+" in text.strip("+") else [text]


def parse_amount(raw, allow_zero=False, example="例如 5000 或 1.2万"):
    """Decimal yuan from what was typed ('1500+200' is added up); raises _Bad. '' -> None."""
    text = _compact(_raw_text(raw)).lower()
    if not text:
        return None
    terms = _amount_terms(text)
    if len(terms) > 1:
        if any(not term for term in terms):
            raise _Bad("加号前后都要有数，例如 1500+200")
        amount = sum(parse_amount(term, allow_zero=True, example=example) for term in terms)
        if amount > MAX_AMOUNT:
            raise _Bad("超过 10 亿元，请检查是不是多打了 0")
        if amount == 0 and not allow_zero:
            raise _Bad(f"要大于 0，{example}")
        return amount
    for prefix in ("人民币", "rmb", "¥", "$"):
        if text.startswith(prefix):
            text = text[len(prefix):]
    for suffix in ("人民币", "元", "块", "圆"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    scale = 1
    for word, factor in _SCALES:
        if text.endswith(word):
            text, scale = text[: -len(word)], factor
            break
    amount = _number(text, example) * scale
    if amount > MAX_AMOUNT:
        raise _Bad("超过 10 亿元，请检查是不是多打了 0")
    if amount != amount.quantize(Decimal("0.01")):
        raise _Bad("最多精确到分（两位小数），例如 5000.50")
    if amount == 0 and not allow_zero:
        raise _Bad(f"要大于 0，{example}")
    return amount


# Chinese numerals for 万分之五, 百分之十八, 万分之二点五 …
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}


def _chinese_number(text):
    """'五' -> 5, '十八' -> 18, '二十五' -> 25, '二点五' -> 2.5, '2.5' -> 2.5; None if not a number."""
    if _NUMBER.fullmatch(text):
        return Decimal(text)
    whole, _, fraction = text.partition("点")
    if "十" in whole:
        tens, _, ones = whole.partition("十")
        if len(tens) > 1 or len(ones) > 1 or (tens and tens not in _CN_DIGITS) or (ones and ones not in _CN_DIGITS):
            return None
        value = (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    elif len(whole) == 1 and whole in _CN_DIGITS:
        value = _CN_DIGITS[whole]
    else:
        return None
    if "点" in text:
        if not fraction or any(ch not in _CN_DIGITS for ch in fraction):
            return None
        return Decimal(f"{value}." + "".join(str(_CN_DIGITS[ch]) for ch in fraction))
    return Decimal(value)


_PER_WORDS = {"万分之": Decimal("0.0001"), "千分之": Decimal("0.001"), "百分之": Decimal("0.01")}
_RATE_WORDS = {
    "rate": ("年化利率", "年化", "年利率", "年息", "利率", "每年", "/年", "年"),
    "fee_rate": ("总手续费率", "手续费率", "手续费", "费率", "总计", "总共", "共"),
    "daily_rate": ("日利率", "日费率", "日息", "每日", "每天", "/天", "/日", "一天", "日", "天"),
}
_EXAMPLES = {
    "rate": "例如 18% 或 0.18",
    "fee_rate": "例如 8.8% 或 0.088",
    "daily_rate": "例如 0.05% 或 万分之五",
}
_LIMITS = {  # the largest believable value of each kind, and what to say beyond it
    "rate": (Decimal(1), "超过 100%，请检查；例如 18% 或 0.18"),
    "fee_rate": (Decimal(1), "超过本金的 100%，请检查；例如 8.8% 或 0.088"),
    "daily_rate": (Decimal("0.01"), "超过 1%/天（一年 365%），请检查；日利率通常像 0.05%（万分之五）"),
}


def _percent(fraction):
    """0.0004 -> '0.04%', 0.146 -> '14.6%' (as many places as needed, at most six)."""
    value = (fraction * 100).quantize(Decimal("0.000001")).normalize()
    return format(value, "f") + "%"



_MONTH_WORDS = ("月费率", "月利率", "月手续费", "手续费", "费率", "月息", "每个月", "每月", "/月", "每期", "/期",
                "月", "期")


def _is_monthly(text):
    return "月" in text or "期" in text


def monthly_rate(text):
    """A rate quoted per month or per period ('0.75%/月', '每期0.75%', '月0.75'): the fraction; a
    bare number is a percentage (0.75 → 0.75%)."""
    for word in _MONTH_WORDS:
        text = text.replace(word, "")
    example = "例如 0.75%/月"
    for word, unit in _PER_WORDS.items():
        if text.startswith(word):
            number = _chinese_number(text[len(word):])
            if number is None:
                raise _Bad(f"看不懂这个比例，{example}")
            return number * unit
    if text.endswith("%"):
        return _number(text[:-1], example) / 100
    if text.endswith("‰"):
        return _number(text[:-1], example) / 1000
    return _number(text, example) / 100


def _limit(kind, spec):
    """(largest value, message) of a rate field; a share of something other than the principal
    (the budget's margin, "占每月余钱的比例") says so, with the field's own example."""
    limit, message = _LIMITS[kind]
    share = re.search(r"（(占[^）]*)）", (spec or {}).get("label", ""))
    if kind == "fee_rate" and spec and (not share or "本金" not in share.group(1)):
        message = f"超过 100%{f'（{share.group(1)}）' if share else ''}，请检查；{spec.get('hint') or _EXAMPLES[kind]}"
    return limit, message


def parse_rate(raw, kind, periods=None, spec=None):
    """(Decimal fraction, note or None) for kind 'rate' (annual), 'fee_rate' or 'daily_rate'.
    `periods`: the form's number of monthly periods, which turns a fee quoted per month into the
    total fee rate (0.75%/月 × 12 期 = 9%). `spec`: the field (its label and hint for messages)."""
    example = _EXAMPLES[kind]
    text = _compact(_raw_text(raw)).lower()
    if not text:
        return None, None
    if kind != "daily_rate" and any(word in text for word in ("日", "天")):
        raise _Bad(f"填的像是日利率，这里不要填日利率，{example}")
    if kind == "daily_rate" and "年" in text:
        raise _Bad(f"要填每天的利率，不是年利率，{example}")
    if _is_monthly(text):
        if kind == "daily_rate":
            raise _Bad(f"要填每天的利率，不是月利率：月利率 ÷ 30 约等于日利率，{example}")
        if kind == "rate":
            raise _Bad(f"不要填月利率：月利率 × 12 = 年利率（例如 1.5%/月 填 18%），{example}")
        per_month = monthly_rate(text)
        if not periods:
            raise _Bad("填的是每月（每期）的费率：总手续费率 = 每期费率 × 期数，"
                       "例如 0.75%/月 × 12 期 = 9%；先填上期数，或者填乘好的总费率")
        value = per_month * periods
        limit, message = _limit(kind, spec)
        if value > limit:
            raise _Bad(message)
        return value, None
    for word in _RATE_WORDS[kind]:
        if text.startswith(word):
            text = text[len(word):]
        if text.endswith(word):
            text = text[: -len(word)]
    note = None
    for word, unit in _PER_WORDS.items():
        if text.startswith(word):
            number = _chinese_number(text[len(word):])
            if number is None:
                raise _Bad(f"看不懂这个比例，{example}")
            value = number * unit
            break
    else:
        if text.endswith("%"):
            value = _number(text[:-1], example) / 100
        elif text.endswith("‰"):
            value = _number(text[:-1], example) / 1000
        else:
            value = _number(text, example)
            if kind == "daily_rate" and Decimal("0.01") <= value <= 1:
                note = value / 100
            elif kind != "daily_rate" and value >= 1:
                note = value / 100
            if note is not None:
                value = note
    limit, message = _limit(kind, spec)
    if value > limit:
        if kind == "daily_rate" and value <= 10:  # an annual rate typed here: say how to convert it
            daily = (value / 365).quantize(Decimal("0.000001"))
            raise _Bad(f"超过 1%/天，这是年利率吗？年利率 {_percent(value)} ÷ 365 ≈ {_percent(daily)}/天；"
                       f"这里填每天的利率，日利率通常像 0.05%（万分之五）")
        raise _Bad(message)
    return value, note


def parse_multiplier(raw):
    text = _compact(_raw_text(raw)).lower()
    if not text:
        return None
    if text.endswith("倍"):
        text = text[:-1]
    value = _number(text, "例如 1.5")
    if not Decimal(1) <= value <= Decimal(5):
        raise _Bad("倍数要在 1 到 5 之间，例如 1.5")
    return value


_UNIT_WORDS = {  # a word after a number: (unit, days in one)
    "个月": ("月", 30), "月": ("月", 30), "年": ("年", 365), "周": ("周", 7), "星期": ("周", 7), "个星期": ("周", 7),
    "天": ("天", 1), "日": ("天", 1),
}


def parse_integer(raw, low, high, example, unit=None):
    """An integer; `unit` ('天' or '月') refuses a number given in another unit, with the conversion."""
    text = _compact(_raw_text(raw))
    if not text:
        return None
    given = re.fullmatch(r"(\d+(?:\.\d+)?)(个月|个星期|星期|月|年|周|天|日)", text)
    if given and unit:
        number = Decimal(given.group(1))
        word_unit, days = _UNIT_WORDS[given.group(2)]
        if unit == "天" and word_unit != "天":
            about = int((number * days).to_integral_value())
            raise _Bad(f"要填天数，不是{given.group(1)}{given.group(2)}：请换算成天数，约 {about} 天")
        if unit == "月" and word_unit == "年":
            raise _Bad(f"按月算：{given.group(1)} 年请填 {int(number * 12)}，{example}")
        if unit == "月" and word_unit in ("天", "周"):
            raise _Bad(f"按月算，不是按{'天' if word_unit == '天' else '周'}算，{example}")
    for suffix in ("个月", "天", "日", "月", "期", "次", "年"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    if text.startswith(("-", "−")):
        raise _Bad(f"不能是负数，{example}")
    if re.fullmatch(r"\d+\.0*", text):
        text = text.split(".")[0]
    if not re.fullmatch(r"\d{1,9}", text):
        raise _Bad(f"请填整数，{example}")
    value = int(text)
    if value < low or value > high:
        raise _Bad(f"要在 {low} 到 {high} 之间，{example}")
    return value


def parse_date(raw):
    import datetime

    text = _compact(_raw_text(raw))
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    if not match:
        raise _Bad("请写成 2026-01-05 这样的日期")
    year, month, day = (int(part) for part in match.groups())
    if not 2000 <= year <= 2100:
        raise _Bad("年份要在 2000 到 2100 之间，例如 2026-01-05")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise _Bad("没有这一天，请检查月份和日期，例如 2026-01-05") from None


def parse_choice(raw, choices):
    text = _compact(_raw_text(raw))
    if not text:
        return None
    for value, label in choices:
        if text.lower() == value or text == label or text == label.split("（")[0]:
            return value
    raise _Bad("请从这些选项中选一个：" + "、".join(label for _, label in choices))


def parse_text(raw, last_digits=False):
    if isinstance(raw, (list, dict)):
        raise _Bad("这里只能填文字")
    text = _raw_text(raw)
    if len(text) > MAX_LABEL:
        raise _Bad(f"太长了，最多 {MAX_LABEL} 个字")
    if last_digits and LONG_DIGITS.search(re.sub(r"[\s-]", "", text)):
        raise _Bad("只填最后四位，例如 尾号 5678；完整的卡号或账号不要填在这里，也不会保存")
    return text


# ---------------------------------------------------------------- fields

def _condition(condition, scope):
    """True when every {field: [values]} in `condition` holds for the values read so far."""
    if not condition:
        return True
    return all(scope.get(name) in allowed for name, allowed in condition.items())


def is_blank(raw):
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, dict):
        return all(is_blank(value) for value in raw.values())
    return False


def _read_one(spec, raw, notes, path, periods=None):
    kind = spec["kind"]
    if kind == "amount":
        return parse_amount(raw, allow_zero=spec.get("allow_zero", False), example=spec["hint"])
    if kind in ("rate", "fee_rate", "daily_rate"):
        value, note = parse_rate(raw, kind, periods, spec)
        if note is not None:
            shown = format((note * 100).normalize(), "f") + "%"
            per = "/天" if kind == "daily_rate" else ""
            notes.append(
                f"{short_label(spec)}填的是“{_raw_text(raw)}”，已按 {shown}{per} 理解；"
                f"如果不对，请写成带 % 的形式，{_EXAMPLES[kind]}。"
            )
        return value
    if kind == "multiplier":
        return parse_multiplier(raw)
    if kind == "integer":
        return parse_integer(raw, spec.get("min", 0), spec.get("max", 10**9), spec["hint"], unit_of(spec))
    if kind == "date":
        return parse_date(raw)
    if kind == "choice":
        return parse_choice(raw, spec["choices"])
    if kind == "text":
        return parse_text(raw, last_digits=is_last_digits(spec))
    raise ValueError(kind)  # lists are handled by read_fields


# ---------------------------------------------------------------- how a value was read

def _plain_yuan(amount):
    """8000 -> '8,000', 8000.5 -> '8,000.50'."""
    return f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"


def _far_away(date, today):
    """A question for a date more than a year ahead or more than ten years back, else ''."""
    ahead = (date - today).days
    if ahead > 366:
        return f"{date.isoformat()} 是大约 {max(1, round(ahead / 365.25))} 年以后，年份填对了吗？"
    behind = (today - date).days
    if behind > 3653:
        return f"{date.isoformat()} 是大约 {round(behind / 365.25)} 年前，年份填对了吗？"
    return ""


def reading(spec, raw, value, periods=None, today=None):
    """How `raw` (read as `value`) was understood, when that is not literal: '按 8,000 元',
    '按 0.04%/天 计算', '按 0.75%/月 × 12 期 = 9% 计算', '按 2026-03-05', or a question about a date
    far away; '' when what was typed is what is used."""
    import datetime

    if value is None or isinstance(raw, (list, dict)) or raw is None:
        return ""
    text = _compact(_raw_text(raw)).lower()
    kind = spec["kind"]
    if kind == "amount":
        terms = _amount_terms(text)
        if len(terms) > 1:
            parts = [parse_amount(term, allow_zero=True) for term in terms]
            return "按 " + " + ".join(_plain_yuan(part) for part in parts) + f" = {_plain_yuan(value)} 元"
        if re.search(r"[万千kw亿]", text):
            return f"按 {_plain_yuan(value)} 元"
        return ""
    if kind in ("rate", "fee_rate", "daily_rate"):
        if kind == "fee_rate" and _is_monthly(text) and periods:
            return f"按 {_percent(monthly_rate(text))}/月 × {periods} 期 = 总手续费率 {_percent(value)} 计算"
        if re.fullmatch(r"\d+(\.\d+)?%", text):
            return ""  # typed as a percentage: read literally
        per = {"rate": "/年", "daily_rate": "/天", "fee_rate": ""}[kind]
        return f"按 {_percent(value)}{per} 计算"
    if kind == "date":
        today = today or datetime.date.today()
        shown = "" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else f"按 {value.isoformat()}"
        question = _far_away(value, today)
        return "；".join(part for part in (shown, question) if part)
    return ""


def readings(fields, inputs, today=None):
    """{field path: how it was read} for each field whose reading is not literal (see `reading`).
    Fields that cannot be read are left out: their errors say what is wrong."""
    found = {}
    if isinstance(inputs, dict):
        read_fields(fields, inputs, ErrorCollector(), readings=found, today=today)
    return found


def _choice_label(spec, value):
    return next((label for choice, label in spec["choices"] or () if choice == value), value)


def _required_because(spec, fields, values):
    """'借呗必填' when a `required_if` makes this field required, else ''."""
    if spec["required"] or not spec.get("required_if"):
        return ""
    specs = {other["name"]: other for other in fields}
    chosen = [_choice_label(specs[name], values.get(name)) for name in spec["required_if"] if name in specs]
    return "、".join(f"选“{short_label({'label': label})}”时" for label in chosen) + "必填"


def read_fields(fields, inputs, errors, prefix="", notes=None, row_label="", readings=None, today=None):
    """Read every field of `fields` from `inputs` into a dict; problems go to `errors`.

    Fields whose `show_if` does not hold are skipped (value None). An empty field takes its
    `default`; an empty required field (or one whose `required_if` holds) is an error, and so is an
    empty field whose `required_with` partners (a list of field names) hold something.
    List fields give a list of dicts, each with the original 0-based "index"; blank rows are
    skipped. Ambiguous readings add a Chinese sentence to `notes`; `readings` (a dict), when
    given, gets how each field was read (see `reading`).
    """
    if notes is None:
        notes = []
    values = {}
    for spec in fields:
        name = spec["name"]
        path = prefix + name
        values[name] = None
        if not _condition(spec.get("show_if"), values):
            continue
        raw = inputs.get(name)
        required = spec["required"] or (spec.get("required_if") and _condition(spec["required_if"], values))
        if spec["kind"] == "list":
            values[name] = _read_list(spec, raw, errors, path, notes, required, row_label, readings, today)
            continue
        periods = next((values[other["name"]] for other in fields
                        if unit_of(other) == "月" and values.get(other["name"])), None)
        try:
            value = _read_one(spec, raw, notes, path, periods)
            if value is None and spec["default"] is not None:
                value = _read_one(spec, spec["default"], notes, path, periods)
            elif readings is not None:
                said = reading(spec, raw, value, periods, today)
                if said:
                    readings[path] = said
        except _Bad as problem:
            errors.add(path, f"{short_label(spec)}{problem}")
            continue
        if value is None and required:
            because = _required_because(spec, fields, values)
            errors.add(path, f"请输入{short_label(spec)}" + (f"（{because}）" if because else "") + f"，{spec['hint']}",
                       missing_label=row_label + short_label(spec) + (f"（{because}）" if because else ""))
        values[name] = value
    for spec in fields:  # a field that goes with another: both or neither
        partners = [other for other in fields if other["name"] in spec.get("required_with", ())]
        path = prefix + spec["name"]
        if (values.get(spec["name"]) is None and any(values.get(other["name"]) is not None for other in partners)
                and not any(error["field"] == path for error in errors.errors)):
            given = "、".join(f"“{short_label(other)}”" for other in partners if values.get(other["name"]) is not None)
            errors.add(path, f"填了{given}，也请填{short_label(spec)}，{spec['hint']}",
                       missing_label=f"{row_label}{short_label(spec)}（填了{given}时必填）")
    return values


def _read_list(spec, raw, errors, path, notes, required, row_label="", readings=None, today=None):
    what = short_label(spec)
    # `empty_hint`: what to type when there is nothing to list ("没有收入就填 0")
    empty = f"请至少填写一项{what}" + (f"；{spec['empty_hint']}" if spec.get("empty_hint") else "")
    if is_blank(raw) or raw == []:
        if required:
            errors.add(path, empty, missing_label=row_label + what)
        return []
    if not isinstance(raw, (list, tuple)):
        errors.add(path, f"{what}的格式不对，应当是一组项目")
        return []
    limit = spec.get("max_items", MAX_LIST_ITEMS)
    if len(raw) > limit:
        errors.add(path, f"{what}最多 {limit} 项")
        return []
    items = []
    scalar = spec.get("item_scalar")
    for index, item in enumerate(raw):
        if scalar and not isinstance(item, (dict, list, tuple)):
            item = {scalar: item}
        if is_blank(item) and spec.get("skip_blank", True):
            continue
        if not isinstance(item, dict):
            errors.add(f"{path}.{index}", f"{what}第 {index + 1} 项的格式不对")
            continue
        value = read_fields(spec["item_fields"], item, errors, prefix=f"{path}.{index}.", notes=notes,
                            row_label=f"{what}第 {index + 1} 项的", readings=readings, today=today)
        value["index"] = index
        items.append(value)
    if not items and required:
        errors.add(path, empty, missing_label=row_label + what)
    return items


def read(fields, inputs):
    """Read `inputs` (a dict) with `fields`; returns (values, notes, errors).

    Raises FieldErrors at once if `inputs` is not a dict; otherwise the caller adds any
    cross-field problems to `errors` and calls `errors.raise_if_any()`.
    """
    errors = ErrorCollector()
    if not isinstance(inputs, dict):
        errors.add("inputs", "输入的格式不对：应当是一组“名称: 值”")
        errors.raise_if_any()
    notes = []
    values = read_fields(fields, inputs, errors, notes=notes)
    return values, notes, errors
