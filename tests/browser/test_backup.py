"""备份和换手机: export → clear all site data → import restores every `xshk:` key byte for byte,
after a preview and a confirmation; a damaged, foreign or newer-version file gets a Chinese message
and changes nothing. No Pyodide on the backup page: the stored values are put in directly (the
pages that write them are tested in test_case_file.py and test_contact_log.py)."""

import json
import re
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import expect

from calculators import devicedata
from conftest import ROOT
from test_accessibility import axe_findings

CJK = re.compile(r"[\u4e00-\u9fff]")
STORED = {
    "xshk:case": json.dumps({"v": 1, "values": {"debts.0.lender": "招商银行 <b>\"卡\"</b>", "salary": "6000"}},
                            ensure_ascii=False),
    "xshk:log": '{"v":1,"entries":[{"id":"e1","date":"2026-11-01","lender":"花呗","said":"💸\\u202e说好了"}]}',
    "xshk:letter": '{"v":1,"values":{"name":"张三"},"letter":"申请书\\r\\n第二行","edited":true}',
    "xshk:calculator:plan": '{"v":1,"values":{"principal":"1万"}}',
    "xshk:checklist:/steps/05-prepare-documents": "[0,2]",
    "xshk:case-not-a-key": "kept out",  # not the site's: neither exported nor removed
}
SITE_KEYS = {key: value for key, value in STORED.items() if key != "xshk:case-not-a-key"}

ALL = "() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]))"


def site_data(page):
    return {k: v for k, v in page.evaluate(ALL).items() if k.startswith("xshk:") and k != "xshk:case-not-a-key"}


def choose(page, path):
    page.locator('input[type=file][data-action="import-data"]').set_input_files(str(path))


def test_export_clear_import_and_bad_files(page, site_url, tmp_path):
    page.goto(urljoin(site_url, "tools/backup/"))
    page.evaluate("data => { for (const [k, v] of Object.entries(data)) localStorage.setItem(k, v); }", STORED)
    with page.expect_download() as info:
        page.locator('[data-action="export-data"]').click()
    exported = Path(info.value.path())
    backup = json.loads(exported.read_text(encoding="utf-8"))
    assert backup["format"] == devicedata.FORMAT and backup["version"] == devicedata.VERSION
    assert backup["data"] == SITE_KEYS
    assert info.value.suggested_filename == devicedata.FILENAME

    # clear all site data, as a new phone would be
    page.context.clear_cookies()
    page.evaluate("localStorage.clear()")
    page.reload()
    choose(page, exported)
    preview = page.locator("#import-preview")
    expect(preview).to_be_visible()
    expect(page.locator("#import-contents li")).to_have_count(len(SITE_KEYS))
    expect(preview).to_contain_text("沟通记录")
    assert site_data(page) == {}  # nothing changes before the confirmation
    assert axe_findings(page) == []  # the preview too
    page.locator('[data-action="confirm-import"]').click()
    expect(page.locator("#backup-status")).to_contain_text("已导入")
    assert site_data(page) == SITE_KEYS  # byte for byte

    # cancelling changes nothing
    choose(page, exported)
    page.locator('[data-action="cancel-import"]').click()
    expect(preview).to_be_hidden()

    # damaged, foreign and newer files: a Chinese message, nothing changed
    good = exported.read_text(encoding="utf-8")
    page.evaluate("localStorage.setItem('xshk:calculator:apr', 'mine')")
    before = page.evaluate(ALL)
    bad = {
        "truncated.json": good[: len(good) // 2],
        "empty.json": "",
        "foreign.json": json.dumps({"accounts": [1, 2]}),
        "other-format.json": json.dumps({"format": "something-else", "version": 1, "data": {}}),
        "newer.json": json.dumps({**backup, "version": devicedata.VERSION + 1}),
        "bad-version.json": json.dumps({**backup, "version": "1"}),
        "unknown-key.json": json.dumps({**backup, "data": {**backup["data"], "xshk:evil": "x"}}),
        "not-text.json": json.dumps({**backup, "data": {"xshk:case": {"v": 1}}}),
        "list.json": json.dumps([backup]),
        "binary.json": "\x00\xff\ufffd" * 100,
    }
    for name, text in bad.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        choose(page, path)
        status = page.locator("#backup-status")
        expect(status).to_contain_text("没有改动任何数据")
        assert CJK.search(status.text_content())
        expect(preview).to_be_hidden()
        assert page.evaluate(ALL) == before, name
    expect(page.locator("#backup-status")).to_contain_text("没有改动任何数据")


def test_the_privacy_page_lists_every_key_the_site_keeps():
    privacy = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([^`]+)`", privacy, re.M))
    for entry in devicedata.keys():
        assert entry["key"] in listed, entry
    assert "导出我的数据" in privacy
