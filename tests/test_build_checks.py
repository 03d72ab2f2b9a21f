"""The build's own guards: no page may load anything from another host, the Pyodide
files must match their pinned checksums, every page carries the security policy, and the
calculators' zip carries the same product rules as the package."""

import base64
import hashlib
import io
import json
import re
import shutil
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build_scripts"))
import add_content_security_policy  # noqa: E402
import check_no_external_requests  # noqa: E402
import copy_pyodide  # noqa: E402
import pack_calculators  # noqa: E402
from calculators import rules  # noqa: E402

SITE = ROOT / "site"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "file, content",
    [
        ("a.html", '<script src="https://cdn.example.com/x.js"></script>'),
        ("a.html", '<link rel="stylesheet" href="//fonts.googleapis.com/css?family=Roboto">'),
        ("a.html", '<img srcset="local.png 1x, https://img.example.com/b.png 2x">'),
        ("a.html", '<div style="background: url(https://tracker.example.com/p.gif)"></div>'),
        ("a.html", "<style>@import 'https://example.com/a.css';</style>"),
        ("a.css", "body { background: url('https://example.com/bg.png') }"),
        ("a.js", 'fetch("https://analytics.example.com/collect")'),
        ("a.js", "import('//esm.example.org/lib.mjs')"),
    ],
)
def test_a_resource_from_another_host_is_found(tmp_path, file, content):
    write(tmp_path / file, content)
    problems = check_no_external_requests.external_requests(tmp_path)
    assert len(problems) == 1 and problems[0][0] == file


def test_links_and_local_resources_are_not_requests(tmp_path):
    write(tmp_path / "a.html", '<a href="https://ipcrs.pbccrc.org.cn">征信中心</a><script src="assets/x.js"></script>'
                               '<link rel="stylesheet" href="../a.css"><img src="data:image/png;base64,AA==">')
    write(tmp_path / "a.css", "body { background: url(img/bg.png) }")
    write(tmp_path / "a.js", "// see https://example.com/docs for details\nconst re = /a//i.test(x)")
    assert check_no_external_requests.external_requests(tmp_path) == []


def test_the_built_site_loads_nothing_from_another_host():
    assert (SITE / "index.html").is_file(), "build the site first (make test does)"
    assert check_no_external_requests.external_requests(SITE) == []


@pytest.fixture
def pyodide_copy(tmp_path, monkeypatch):
    source = tmp_path / "node_modules" / "pyodide"
    shutil.copytree(copy_pyodide.SOURCE, source)
    monkeypatch.setattr(copy_pyodide, "SOURCE", source)
    return source


def test_pyodide_files_match_their_pinned_checksums(pyodide_copy, tmp_path):
    copy_pyodide.on_post_build({"site_dir": str(tmp_path / "site")})
    copied = {path.name for path in (tmp_path / "site" / "pyodide").iterdir()}
    assert copied == set(copy_pyodide.expected_files())
    assert "pyodide.asm.wasm" in copied and "python_stdlib.zip" in copied


def test_a_changed_pyodide_file_stops_the_build(pyodide_copy, tmp_path):
    wasm = pyodide_copy / "pyodide.asm.wasm"
    wasm.write_bytes(wasm.read_bytes()[:-1] + b"\0")
    with pytest.raises(PluginError, match="pyodide.asm.wasm does not match its pinned checksum"):
        copy_pyodide.on_post_build({"site_dir": str(tmp_path / "site")})


def test_a_missing_pyodide_file_stops_the_build(pyodide_copy, tmp_path):
    (pyodide_copy / "python_stdlib.zip").unlink()
    with pytest.raises(PluginError, match="missing"):
        copy_pyodide.on_post_build({"site_dir": str(tmp_path / "site")})


def built_html():
    return sorted(SITE.rglob("*.html"))


def test_every_page_has_the_security_policy_and_no_referrer():
    pages = built_html()
    assert pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert policy, path
        directives = dict(part.strip().split(" ", 1) for part in policy.group(1).split(";"))
        assert directives["default-src"] == "'self'"
        assert directives["form-action"] == "'none'"
        assert directives["base-uri"] == "'self'"
        assert "'unsafe-inline'" not in policy.group(1)
        assert '<meta name="referrer" content="no-referrer">' in html
        for body in add_content_security_policy.INLINE_SCRIPT.findall(html):
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in directives["script-src"], path
        assert not re.search(r"\son[a-z]+=", html.split("<body", 1)[1]), f"inline event handler in {path}"


def test_own_assets_get_content_hashed_names_and_references_follow(tmp_path):
    import fingerprint_assets

    write(tmp_path / "assets/javascripts/worker.js", "self.onmessage = () => fetch('../calculators.json')")
    write(tmp_path / "assets/javascripts/page.js", "new Worker(new URL('worker.js', import.meta.url))")
    write(tmp_path / "assets/calculators.json", '{"zip": "py/calculators-abc.zip"}')
    write(tmp_path / "assets/stylesheets/site.css", "body { color: red }")
    write(tmp_path / "index.html", '<link rel="stylesheet" href="assets/stylesheets/site.css">'
                                   '<script type="module" src="assets/javascripts/page.js"></script>')
    renamed = fingerprint_assets.fingerprint(tmp_path)
    assert set(renamed) == {"worker.js", "page.js", "calculators.json", "site.css"}
    html = (tmp_path / "index.html").read_text()
    assert f"assets/stylesheets/{renamed['site.css']}" in html and f"assets/javascripts/{renamed['page.js']}" in html
    page_js = (tmp_path / "assets/javascripts" / renamed["page.js"]).read_text()
    worker_js = (tmp_path / "assets/javascripts" / renamed["worker.js"]).read_text()
    assert renamed["worker.js"] in page_js and renamed["calculators.json"] in worker_js
    # the name changes with the content
    write(tmp_path / "again/assets/stylesheets/site.css", "body { color: blue }")
    assert fingerprint_assets.fingerprint(tmp_path / "again")["site.css"] != renamed["site.css"]


def test_the_built_site_references_only_files_that_exist():
    for path in SITE.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for url in re.findall(r'(?:src|href)="([^"#?]+\.(?:js|css|json))"', html):
            target = SITE / url.lstrip("/") if url.startswith("/") else path.parent / url
            assert target.resolve().is_file(), f"{path}: {url} is missing"


def test_the_shipped_calculators_carry_the_rules_file_as_equal_json(tmp_path, monkeypatch):
    """The browser reads product rules from the zip's JSON; it must say exactly what the TOML
    says, and the rules read from it must be the rules the tests check."""
    archive = zipfile.ZipFile(io.BytesIO(pack_calculators.build_zip()))
    packed = archive.read("calculators/product_rules.json").decode("utf-8")
    toml = (ROOT / "calculators" / "product_rules.toml").read_text(encoding="utf-8")
    assert json.loads(packed) == tomllib.loads(toml)

    native = rules.all_rules()
    archive.extractall(tmp_path)
    monkeypatch.setattr(rules, "__file__", str(tmp_path / "calculators" / "rules.py"))
    monkeypatch.setattr(rules, "_cache", {})
    (tmp_path / "calculators" / "product_rules.toml").write_text("this is not read", encoding="utf-8")
    assert rules.all_rules() == native
    assert list(rules.all_rules()) == list(native)  # file order too


def test_the_private_lending_page_shows_the_cap_for_each_signing_date():
    """The LPR table rendered from the rules file (`<!-- lpr-table -->`): one row per stretch of days,
    newest first, and the August 2020 figure the news reported (4 × 3.85% = 15.4%)."""
    html = (SITE / "products" / "other-online-loans" / "index.html").read_text(encoding="utf-8")
    table = html[html.index("<th>合同签订日期</th>"):]
    table = table[:table.index("</table>")]
    rows = [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]
    rows = [row for row in rows if row]
    assert ["2020-08-20 至 2021-12-19", "3.85%", "15.4%（4 倍）"] in rows
    assert rows[0][0].startswith("2025-05-20 起") and rows[0][1:] == ["3%", "12%（4 倍）"]
    assert rows[-1][0] == "2020-08-19 及以前" and "起诉时" in rows[-1][2]
    firsts = [row[0][:10] for row in rows[:-1]]
    assert firsts == sorted(firsts, reverse=True) and len(set(firsts)) == len(firsts)


def test_no_page_has_an_inline_style_the_policy_would_block():
    """style-src 'self': a style="" attribute (a Markdown table's column alignment makes one) is
    blocked in the browser; found here without starting one."""
    for path in built_html():
        assert not re.search(r"<[^>]+\sstyle=", path.read_text(encoding="utf-8")), path
