"""MkDocs hook: accessible names for two pieces of markup the theme and extensions leave unnamed.

- Material's search `<div … role="dialog">` has no name (axe-core: aria-dialog-name).
- pymdownx.tasklist wraps each checkbox in an empty <label>, so a screen reader reads
  "checkbox" without the item; the item's own text becomes the checkbox's aria-label.
Both are attribute additions at build time, without copying the theme's templates.
"""

import html
import re

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_DIALOG = '<div class="md-search" data-md-component="search" role="dialog" aria-label="搜索本指南">'
TASK = re.compile(
    r'(<li class="task-list-item"><label class="task-list-control"><input type="checkbox")'
    r'((?: checked)?/?>)(<span class="task-list-indicator"></span></label>)(.*?)(?=<ul|<ol|</li>)',
    re.S,
)


def item_text(fragment):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def name_task(match):
    start, end, rest, text = match.groups()
    label = html.escape(item_text(text), quote=True)
    return f'{start} aria-label="{label}"{end}{rest}{text}'


def on_post_page(output, **kwargs):
    output = output.replace(SEARCH_DIALOG, NAMED_DIALOG, 1)
    return TASK.sub(name_task, output)
