"""MkDocs hook: stop the build if any built page would load something from another host.

Checks every HTML, CSS and JS file in the built site: resources in HTML
(src, srcset, poster, data, stylesheet/icon/preload/manifest links, form actions),
url() and @import in CSS and inline styles, and any absolute http(s) or
protocol-relative URL in JavaScript. Ordinary links (<a href>) to official sites
are allowed: following a link is the reader's choice, not a request the page makes.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.exceptions import PluginError

EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)
# A quoted absolute or protocol-relative URL: what a script could fetch. URLs in comments are not requests.
JS_URL = re.compile(r"""(?<=['"`])(?:https?:)?//[A-Za-z0-9][A-Za-z0-9.-]*\.[a-z]{2,}[^\s'"`]*""")
LOADING_LINK_RELS = {
    "stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload",
    "prefetch", "preconnect", "dns-prefetch", "manifest", "mask-icon",
}
RESOURCE_ATTRIBUTES = {"src", "srcset", "poster", "data", "action", "formaction", "background"}
# Strings in third-party JavaScript that are never requested by a page of this site.
# Each entry: (file name pattern, URL pattern, why it is harmless).
ALLOWED_IN_JS = [
    (r"pyodide/pyodide\.mjs$", r"cdn\.jsdelivr\.net/pyodide/", "fallback index URL used only under Node; pages pass their own indexURL"),
    (r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js$", r"^//(?:[a-z.]*\.)?(?:github\.com|gitlab\.com|api\.github\.com)", "repository facts, only fetched when repo_url is set (it is not)"),
    (r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js$", r"^//unpkg\.com/(?:mermaid|iframe-worker)", "mermaid/offline shims, only loaded when those features are used (they are not)"),
    (r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js$", r"^//unpkg\.com/resize-observer-polyfill$", "requested only by browsers from before 2020 that lack ResizeObserver, and blocked there by the Content-Security-Policy (add_content_security_policy.py)"),
]


class ResourceFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = {name: (value or "") for name, value in attrs}
        for name, value in attrs.items():
            if name in RESOURCE_ATTRIBUTES:
                urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
                self.found += [(tag, name, url) for url in urls if EXTERNAL.match(url)]
            if name == "style":
                self.found += [(tag, "style", url) for url in css_urls(value) if EXTERNAL.match(url)]
        if tag == "link" and EXTERNAL.match(attrs.get("href", "")):
            if set(attrs.get("rel", "").lower().split()) & LOADING_LINK_RELS:
                self.found.append((tag, "href", attrs["href"]))
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh" and "//" in attrs.get("content", ""):
            self.found.append((tag, "content", attrs["content"]))


def css_urls(text):
    return [a or b for a, b in CSS_URL.findall(text)]


def allowed_in_js(relative, url):
    scheme_less = re.sub(r"^https?:", "", url)
    return any(re.search(file_re, relative) and re.search(url_re, scheme_less) for file_re, url_re, _ in ALLOWED_IN_JS)


def external_requests(site_dir):
    """[(file, what, url)] for everything in the built site that would be fetched from another host."""
    site_dir = Path(site_dir)
    problems = []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            finder = ResourceFinder()
            text = path.read_text(encoding="utf-8")
            finder.feed(text)
            problems += [(relative, f"<{tag} {attr}>", url) for tag, attr, url in finder.found]
            for block in re.findall(r"<style[^>]*>(.*?)</style>", text, re.S | re.I):
                problems += [(relative, "<style>", url) for url in css_urls(block) if EXTERNAL.match(url)]
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8", errors="replace")
            problems += [(relative, "css", url) for url in css_urls(text) if EXTERNAL.match(url)]
        elif path.suffix in {".js", ".mjs"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            problems += [(relative, "js", url) for url in JS_URL.findall(text) if not allowed_in_js(relative, url)]
    return problems


def on_post_build(config, **kwargs):
    problems = external_requests(config["site_dir"])
    if problems:
        listing = "\n".join(f"  {file}: {what} {url}" for file, what, url in problems[:30])
        raise PluginError(
            f"The built site would load {len(problems)} thing(s) from another host; "
            f"the site must make no request to any host but its own:\n{listing}"
        )
