"""Answers as data: the blocks a calculator's `view(result)` returns and the page draws.

A view is an ordered list of blocks (plain dicts, JSON-able). The page's one renderer
(docs/assets/javascripts/calculator-render.js) draws each kind and knows no calculator:

    {"kind": "headline",  "text": str}                          the answer in one sentence
    {"kind": "figures",   "items": [{"label": str, "value": str}]}
    {"kind": "paragraph", "text": str}
    {"kind": "warning",   "text": str}
    {"kind": "table",     "caption": str, "columns": [{"label": str, "numeric": bool}],
                          "rows": [[str, ...]], "collapsed": str | None}   collapsed: the summary
                                                                           of a <details> around it
    {"kind": "chart",     "title": str, "style": "line" | "bar", "points": [[x, y], ...],
                          "x_label": str, "y_label": str, "x_first": str, "x_last": str,
                          "y_top": str,                  x, y numbers for positions only; every
                          "label": str, "compare": {"label": str, "points": [[x, y], ...]}}
                                                         text on the chart is already formatted;
                                                         `compare` (optional) is a second line
                                                         drawn dashed over the first, `label`
                                                         and compare's label name the two lines
    {"kind": "notes",     "title": str, "items": [str]}
    {"kind": "link",      "text": str, "href": str}      a link to another calculator with figures
                                                         filled in; href is relative to the page's
                                                         URL ("../card/?bill_amount=20000")
    {"kind": "copy",      "text": str}                   what "复制给客服看的说明" copies (not drawn)
    {"kind": "download",  "text": str, "filename": str, "mime": str, "content": str}
                                                         a button that saves `content` as a file
                                                         (made on the device from a Blob: no request)

Every figure is formatted once, by calculators/money.py, before it gets here.
"""

from decimal import Decimal

from . import money

KINDS = ("headline", "figures", "paragraph", "warning", "table", "chart", "notes", "link", "copy", "download")
COPY_FOOTER = "（我用“协商还款指南”的计算器在自己手机上算的，请帮我核对。）"


def headline(text):
    return {"kind": "headline", "text": text}


def figures(*pairs):
    """figures(("本金", "10,000.00 元"), ...); a pair whose value is None is left out."""
    return {"kind": "figures", "items": [{"label": label, "value": value} for label, value in pairs
                                         if value is not None]}


def paragraph(text):
    return {"kind": "paragraph", "text": text}


def warning(text):
    return {"kind": "warning", "text": text}


def column(label, numeric=False):
    return {"label": label, "numeric": numeric}


def table(caption, columns, rows, collapsed=None):
    """`columns` from column(); `rows` lists of already formatted strings (None shows as empty)."""
    return {"kind": "table", "caption": caption, "columns": list(columns),
            "rows": [["" if cell is None else str(cell) for cell in row] for row in rows],
            "collapsed": collapsed}


def chart(title, points, x_label, y_label, style="line", compare=None, label=None):
    """`points` [(x: int, y: Decimal or money string)]; the top of the y axis is the largest y (of
    both lines when `compare` = (label, points) gives a second line; `label` names the first)."""
    values = [(int(x), Decimal(str(y))) for x, y in points]
    if not values:
        return None
    others = [(int(x), Decimal(str(y))) for x, y in compare[1]] if compare else []
    top = max(y for _, y in values + others)
    block = {"kind": "chart", "title": title, "style": style,
             "points": [[x, float(y)] for x, y in values],
             "x_label": x_label, "y_label": y_label,
             "x_first": str(values[0][0]), "x_last": f"{values[-1][0]} {x_label}",
             "y_top": money.grouped(top)}
    if compare:
        block["label"] = label or ""
        block["compare"] = {"label": compare[0], "points": [[x, float(y)] for x, y in others]}
    return block


def notes(items, title="说明"):
    items = [str(item) for item in items if item]
    return {"kind": "notes", "title": title, "items": items} if items else None


def link(text, calculator, **fields):
    """A link to calculator page `calculator` with its form filled in from `fields` (values are
    strings; list rows as "installments.0.principal"). Built for the site's directory URLs."""
    from urllib.parse import urlencode

    query = urlencode([(name, str(value)) for name, value in fields.items() if value is not None])
    return {"kind": "link", "text": text, "href": f"../{calculator}/" + (f"?{query}" if query else "")}


def guide_link(text, page):
    """A link to a guide page, `page` relative to the site's root ("rights/credit-report/"), from a
    calculator page (calculators/NAME/)."""
    return {"kind": "link", "text": text, "href": f"../../{page}"}


def copy(text):
    return {"kind": "copy", "text": text}


def download(text, filename, mime, content):
    """A button labelled `text` that saves `content` (text) as `filename` of type `mime`."""
    return {"kind": "download", "text": text, "filename": filename, "mime": mime, "content": content}


def blocks(*items):
    """The view: the blocks given, without the ones left out (None)."""
    return [item for item in items if item is not None]


def error_view(errors):
    """The view of an answer with problems: which fields are missing (by their labels, which
    parsing gives a blank required field) and whether some are wrong."""
    missing = [error for error in errors if error.get("missing")]
    wrong = [error for error in errors if not error.get("missing")]
    parts = []
    if wrong:
        parts.append("请按红字提示改一下上面标出的地方，结果会自动更新。")
    if missing:
        names = []
        for error in missing:
            name = error.get("label") or error["field"]
            if name not in names:
                names.append(name)
        parts.append(f"还差：{'、'.join(names)}。填好后会自动算出结果，或者点“计算”看看要填什么。")
    if not parts:
        parts.append("还差一些内容：填好后会自动算出结果，或者点“计算”看看还缺什么。")
    return [paragraph("".join(parts))]
