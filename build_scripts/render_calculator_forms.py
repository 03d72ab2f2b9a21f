"""MkDocs hook: turn `<!-- calc:NAME -->` in a page into the calculator's form.

The form is generated from the calculator module's `FIELDS` (calculators/NAME.py), so people who
write pages never write HTML and a form can never disagree with the calculator:

- one field per input, `name` = the JSON key the calculator reads (`principal`, `debts.0.amount`);
- a `<label for>`, a hint and an (empty) error element tied to the input by `aria-describedby`;
- `inputmode` for the phone keyboard (`decimal` for amounts and rates, `numeric` for whole numbers);
- choices as `<select>` whose option values are the CLI's values;
- lists as repeatable rows (a `<template>` row, 添加一项 / 删除 buttons);
- `data-show-if` (JSON) where a field applies only to some choices (the page script hides it);
- `data-default-today` on a date field the page fills with today's date when it is empty (`as_of`).

- `data-required-if` (JSON) where a field is required only for some choices: its label carries both
  "（可不填）" and "（必填）", and the page script shows the one that holds.

`<!-- calc:letter -->` is the 协商还款申请书 form (calculators/letter.py: its fields, in the same
shape, and the letter's wording, put on the form as JSON for the page to compose). The marker is
the only thing a calculator page needs: the page's `calculator` meta (which makes the theme load
the calculator scripts) is derived from it. No inline scripts, styles or event handlers: the page
obeys the site's CSP. An unknown calculator name stops the build.
"""

import html
import json
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
# MkDocs restores sys.path after loading a hook, so import the package now.
sys.path.insert(0, str(ROOT))
import calculators  # noqa: E402
from calculators import casefile, contactlog, devicedata, letter, parsing  # noqa: E402

MARKER = re.compile(r"<!--\s*calc:([a-z_]+)\s*-->")
TOOL_MARKER = re.compile(r"<!--\s*form:(contactlog|backup)\s*-->")  # forms that are no calculator (no Python on the page)
TEXTAREA_MAX_CHARS = letter.TEXTAREA_MAX_CHARS
NUMERIC_KINDS = {"amount": "decimal", "rate": "decimal", "daily_rate": "decimal", "fee_rate": "decimal",
                 "multiplier": "decimal", "integer": "numeric"}

def esc(value):
    return html.escape(str(value), quote=True)


def field_id(name):
    """'debts.0.amount' -> 'debts-0-amount' (ids stay valid CSS selectors)."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", name)


def label_html(spec):
    if spec.get("required"):
        return esc(spec["label"])
    optional = '<span class="calc-optional" data-when="optional">（可不填）</span>'
    if spec.get("required_if"):
        optional += '<span class="calc-required" data-when="required" hidden>（必填）</span>'
    return f'{esc(spec["label"])}{optional}'


def hint_text(spec):
    parts = [spec.get("hint") or "", spec.get("help") or ""]
    return "；".join(part for part in parts if part)


def control_html(spec, name):
    """The input/select/textarea for one field, named `name` (a path like payments.0.amount)."""
    fid = field_id(name)
    described = f"{fid}-hint {fid}-error"
    kind = spec["kind"]
    common = f'name="{esc(name)}" id="{esc(fid)}" aria-describedby="{described}"'
    if kind == "choice":
        default = spec.get("default")
        choices = spec.get("choices") or ()
        if default is None and choices:
            default = choices[0][0]
        options = "".join(
            f'<option value="{esc(value)}"{" selected" if value == default else ""}>{esc(label)}</option>'
            for value, label in choices
        )
        return f'<select {common} class="calc-input">{options}</select>'
    if kind == "textarea":
        return (f'<textarea {common} class="calc-input" rows="4" autocomplete="off" '
                f'maxlength="{TEXTAREA_MAX_CHARS}"></textarea>')
    if spec.get("input_type") in ("date", "time"):  # the phone's own date or time picker
        today = " data-default-today" if spec.get("default_today") else ""
        return f'<input type="{spec["input_type"]}" {common}{today} autocomplete="off" class="calc-input">'
    limit = f' maxlength="{int(spec["max_chars"])}"' if spec.get("max_chars") else ""
    inputmode = spec.get("inputmode") or NUMERIC_KINDS.get(kind)
    mode = f' inputmode="{inputmode}"' if inputmode else ""
    placeholder = f' placeholder="{esc(spec["default"])}"' if spec.get("default") and kind != "choice" else ""
    today = " data-default-today" if spec.get("default_today") else ""
    today += " data-last-digits" if parsing.is_last_digits(spec) else ""  # a full number is never saved
    return (f'<input type="text" {common}{mode}{placeholder}{today}{limit} autocomplete="off" spellcheck="false" '
            f'class="calc-input">')


def field_html(spec, name=None, item=False):
    name = name or spec["name"]
    fid = field_id(name)
    show_if = spec.get("show_if")
    data = f' data-show-if="{esc(json.dumps(show_if, ensure_ascii=False))}"' if show_if else ""
    if spec.get("required_if"):
        data += f' data-required-if="{esc(json.dumps(spec["required_if"], ensure_ascii=False))}"'
    if spec["kind"] == "list":
        return list_html(spec, data)
    if spec["kind"] == "checkboxes":
        boxes = "".join(
            f'<div class="calc-check"><input type="checkbox" name="{esc(name)}" value="{esc(value)}" '
            f'id="{fid}-{esc(value)}"><label for="{fid}-{esc(value)}">{esc(label)}</label></div>'
            for value, label in spec["choices"]
        )
        return (f'<fieldset class="calc-field calc-checks" data-field="{esc(name)}" id="{fid}-group" '
                f'aria-describedby="{fid}-hint {fid}-error"><legend>{label_html(spec)}</legend>'
                f'<p class="calc-hint" id="{fid}-hint">{esc(hint_text(spec))}</p>'
                f'<p class="calc-error" id="{fid}-error"></p>{boxes}</fieldset>')
    css = "calc-field calc-item-field" if item else "calc-field"
    return (f'<div class="{css}" data-field="{esc(name)}"{data}>'
            f'<label for="{fid}">{label_html(spec)}</label>'
            f'<p class="calc-hint" id="{fid}-hint">{esc(hint_text(spec))}</p>'
            f'<p class="calc-error" id="{fid}-error"></p>'
            f'{control_html(spec, name)}</div>')


def row_html(spec, index):
    """One row of a list field; `index` is a number or the placeholder `__i__` (the template)."""
    prefix = f'{spec["name"]}.{index}.'
    number = index + 1 if isinstance(index, int) else "__n__"
    fields = "".join(field_html(item, prefix + item["name"], item=True) for item in spec["item_fields"])
    what = spec["label"].split("（")[0]
    return (f'<fieldset class="calc-row" data-row="{index}"><legend>{esc(what)} 第 <span class="calc-row-number">'
            f'{number}</span> 项</legend>{fields}'
            f'<button type="button" class="md-button calc-remove" data-remove-row>删除这一项</button></fieldset>')


def list_html(spec, data):
    name = spec["name"]
    fid = field_id(name)
    return (f'<fieldset class="calc-field calc-list" data-field="{esc(name)}" data-list="{esc(name)}"{data} '
            f'aria-describedby="{fid}-hint {fid}-error">'
            f'<legend>{label_html(spec)}</legend>'
            f'<p class="calc-hint" id="{fid}-hint">{esc(hint_text(spec))}</p>'
            f'<p class="calc-error" id="{fid}-error"></p>'
            f'<div class="calc-rows" id="{fid}-rows">{row_html(spec, 0)}</div>'
            f'<template id="{fid}-template">{row_html(spec, "__i__")}</template>'
            f'<button type="button" class="md-button calc-add" data-add-row="{esc(name)}">添加一项</button>'
            f'</fieldset>')


def actions_html(name):
    copy_label = "复制申请书全文" if name == "letter" else "复制给客服看的说明"
    return ('<div class="calc-actions">'
            f'<button type="button" class="md-button" data-action="copy" disabled>{copy_label}</button>'
            '<button type="button" class="md-button" data-action="print">打印</button>'
            '<button type="button" class="md-button calc-clear" data-action="clear">清除本机保存的数据</button>'
            '</div><p class="calc-saved" id="calculator-saved"></p>')


def case_labels():
    """{case-file source: its label} ("debt.amount": "现在欠款（元）", "salary": "工资（每月，元）")."""
    labels = {}
    for spec in casefile.FIELDS:
        if spec["kind"] == "list":
            labels.update({f"debt.{item['name']}": item["label"] for item in spec["item_fields"]})
        else:
            labels[spec["name"]] = spec["label"]
    return labels


def form_html(name):
    extra = ""
    if name == "letter":
        fields = letter.FIELDS
        extra = f' data-letter="{esc(json.dumps(letter.template(), ensure_ascii=False))}"'
    elif name in calculators.CALCULATORS:
        fields = calculators.module(name).FIELDS
    else:
        fields = None
    if fields is None:
        raise PluginError(f"<!-- calc:{name} -->: there is no calculator '{name}' ({', '.join(calculators.CALCULATORS)})")
    fill = casefile.fill_map(name)
    if fill:  # "用我的情况填写": which of this form's fields come from the case file (case-file.js)
        fill = dict(fill, labels=case_labels())  # "存回" names each field it would change
        extra += f' data-case-fill="{esc(json.dumps(fill, ensure_ascii=False))}"'
    parts = [f'<form id="calculator" class="calc-form" data-calculator="{esc(name)}"{extra} novalidate>',
             '<p class="calc-error calc-form-error" id="calculator-errors"></p>']
    parts += [field_html(spec) for spec in fields]
    submit = "生成申请书" if name == "letter" else "计算"
    parts.append(f'<div class="calc-submit"><button type="submit" class="md-button md-button--primary">{submit}</button></div>')
    status = ("申请书在你自己的浏览器里生成，不会发送到任何地方。" if name == "letter" else
              "计算器需要浏览器开启 JavaScript。如果一直算不出来，可以按本页下面的例子手算。")
    parts.append(f'<p id="calculator-status" class="calc-status" role="status">{esc(status)}</p>')
    parts.append('</form>')
    if name == "letter":
        parts.append(
            '<section class="letter-preview" aria-labelledby="letter-heading">'
            '<h2 id="letter-heading">申请书（可以直接修改）</h2>'
            '<p class="calc-hint" id="letter-text-hint">上面填好后这里自动生成。你可以在框里直接改字；改过之后，'
            '上面的内容再变也不会覆盖你的修改，除非点“按上面的内容重新生成”。</p>'
            '<textarea id="letter-text" class="letter-text" rows="24" aria-labelledby="letter-heading" aria-describedby="letter-text-hint" '
            'spellcheck="false"></textarea>'
            '<button type="button" class="md-button" data-action="regenerate">按上面的内容重新生成</button>'
            '<h3 id="letter-send-heading" class="no-print">怎么交给对方</h3>'
            '<ul id="letter-send" class="letter-send no-print" aria-labelledby="letter-send-heading"></ul>'
            '<div id="letter-print" class="letter-print" aria-hidden="true"></div>'
            '<div id="result" aria-live="polite"></div>'
            '</section>'
        )
    else:
        parts.append('<div id="result" class="calc-result" aria-live="polite">'
                     '<p class="calc-placeholder">填好上面的内容，结果会显示在这里。</p></div>')
    parts.append(actions_html(name))
    return '<div class="calc-app">' + "".join(parts) + "</div>"


def log_form_html():
    """沟通记录: the entry form (calculators/contactlog.py FIELDS), the list, print and CSV."""
    data = esc(json.dumps(contactlog.page_data(), ensure_ascii=False))
    fields = "".join(field_html(spec) for spec in contactlog.FIELDS)
    return ('<div class="calc-app log-app">'
            f'<form id="contact-log" class="calc-form log-form" data-form="contactlog" data-log="{data}" novalidate>'
            '<p class="calc-error calc-form-error" id="log-errors"></p>'
            f'{fields}'
            '<div class="calc-submit"><button type="submit" class="md-button md-button--primary" '
            'data-action="save-entry">添加这条记录</button> '
            '<button type="button" class="md-button" data-action="cancel-edit" hidden>不改了</button></div>'
            '<p id="log-status" class="calc-status" role="status">沟通记录需要浏览器开启 JavaScript。</p>'
            '</form>'
            '<section class="log-entries" aria-labelledby="log-heading">'
            '<h2 id="log-heading">记录（按时间先后）</h2><div id="log-list" class="log-list"></div></section>'
            '<div class="calc-actions">'
            '<button type="button" class="md-button" data-action="print-log">打印记录</button>'
            '<button type="button" class="md-button" data-action="download-csv">下载表格（CSV）</button>'
            '<button type="button" class="md-button calc-clear" data-action="clear-log">清除本机保存的记录</button>'
            '</div><p class="calc-saved" id="log-saved"></p></div>')


def nav_titles(nav):
    """{calculator name: its title in the site's menu} from mkdocs.yml's nav ("逾期费用": calculators/penalty.md)."""
    found = {}
    for item in nav or ():
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    match = re.fullmatch(r"calculators/([a-z_]+)\.md", value)
                    if match:
                        found[match.group(1)] = title
                else:
                    found.update(nav_titles(value))
    return found


def backup_html(titles=None):
    """导出我的数据 / 导入: the controls (data-backup.js); what is kept is devicedata.py's data, each
    calculator named by its menu title (one place: the nav)."""
    data = esc(json.dumps(devicedata.page_data(titles), ensure_ascii=False))
    return ('<div class="calc-app backup-app" id="backup" data-backup="' + data + '">'
            '<div class="calc-actions backup-export">'
            '<button type="button" class="md-button md-button--primary" data-action="export-data">导出我的数据</button>'
            '</div>'
            '<div class="calc-field backup-import">'
            '<label for="import-file">导入：选择以前导出的文件</label>'
            '<p class="calc-hint" id="import-file-hint">文件名像 xieshang-huankuan-beifen.json。选好后会先告诉你里面有什么，你确认了才替换。</p>'
            '<input type="file" id="import-file" accept=".json,application/json" data-action="import-data" '
            'aria-describedby="import-file-hint" class="calc-input">'
            '</div>'
            '<section id="import-preview" class="backup-preview" hidden aria-labelledby="import-preview-heading">'
            '<h2 id="import-preview-heading">这个文件里有</h2><ul id="import-contents"></ul>'
            '<p id="import-replaces"></p>'
            '<div class="calc-actions">'
            '<button type="button" class="md-button md-button--primary" data-action="confirm-import">确认导入，替换这台设备上的数据</button>'
            '<button type="button" class="md-button" data-action="cancel-import">不导入</button>'
            '</div></section>'
            '<p id="backup-status" class="calc-status" role="status">备份需要浏览器开启 JavaScript。</p>'
            '<div class="calc-field backup-clear">'
            '<p class="calc-hint" id="clear-all-hint">用完别人的手机或公用电脑，或者想从头再来：一次删掉本站在这台设备上'
            '保存的全部内容。点了以后会先列出要删的内容，你确认了才删；删了以后，离开页面之前还可以撤销。</p>'
            '<div class="calc-actions"><button type="button" class="md-button calc-clear" data-action="clear-all" '
            'aria-describedby="clear-all-hint">清除本站全部数据</button></div>'
            '<p id="clear-all-status" class="calc-saved" role="status"></p>'
            '</div>'
            '</div>')


def on_page_markdown(markdown, page, **kwargs):
    """A page with a `<!-- calc:NAME -->` marker is calculator NAME's page (the theme loads its scripts)."""
    found = MARKER.findall(markdown)
    if len(found) > 1:
        raise PluginError(f"{page.file.src_path}: one calculator a page ({', '.join(found)})")
    if found:
        page.meta["calculator"] = found[0]
    tools = TOOL_MARKER.findall(markdown)
    if tools:
        page.meta["tool"] = tools[0]
    return markdown


def on_page_content(html_text, page, config=None, **kwargs):
    titles = nav_titles((config or {}).get("nav"))
    html_text = TOOL_MARKER.sub(lambda match: log_form_html() if match.group(1) == "contactlog" else backup_html(titles),
                                html_text)
    if "calc:" not in html_text:
        return html_text
    return MARKER.sub(lambda match: form_html(match.group(1)), html_text)
