"""MkDocs hook: Material's page-head helpers must not throw when the browser refuses storage.

Material's inline `__md_get` reads `localStorage` in a default parameter, outside any try: in a
browser that blocks site data (Chrome's "block all cookies", some private and locked-down modes)
merely touching `window.localStorage` throws, so every page raised an uncaught error at load and
the theme's start-up (palette, tabs, search) stopped half way. This rewrites the two helpers so a
refused storage reads as "nothing saved" and a write is skipped. Runs before the CSP hook, which
hashes the final inline scripts. A Material upgrade that changes the text is a build warning
(a failed `mkdocs build --strict`), not a silent no-op.
"""

import logging

log = logging.getLogger("mkdocs.hooks.guard_material_storage")

REWRITES = (
    ('__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e))',
     '__md_get=(e,_,t=__md_scope)=>{try{return JSON.parse((_||localStorage).getItem(t.pathname+"."+e))}'
     'catch(e){return null}}'),
    ('__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}',
     '__md_set=(e,_,t,a=__md_scope)=>{try{(t||localStorage).setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'),
)


def guarded(html, where):
    if "__md_get=" not in html:
        return html
    for old, new in REWRITES:
        if old in html:
            html = html.replace(old, new)
        elif new not in html:
            log.warning("%s: Material's storage helper changed; update build_scripts/guard_material_storage.py", where)
    return html


def on_post_page(output, page, config, **kwargs):
    return guarded(output, page.file.src_uri)


def on_post_template(output, template_name, config, **kwargs):
    return guarded(output, template_name) if template_name.endswith(".html") else output
