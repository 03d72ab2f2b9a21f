"""Issue 23: nothing a person typed is changed or removed without their seeing it.
"存回我的情况" lists each change (field, old → new) and writes only when confirmed, and never saves a
figure that means something else (还款提醒's agreed principal is not 现在欠款); every clear asks first
and can be undone while the page is open; 备份和换手机 has one "清除本站全部数据" that lists what
it removes; an import tells a file that is not a backup from a damaged one and from a newer one."""

import json
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import expect

from calculators import devicedata

READY = 'form#calculator[data-ready="true"]'
CASE = json.dumps({"v": 1, "values": {"debts.0.nickname": "花呗", "debts.0.product": "huabei",
                                      "debts.0.amount": "8000", "debts.0.days": "45", "salary": "6000"}},
                  ensure_ascii=False)
LOG = '{"v":1,"entries":[{"id":"e1","date":"2026-11-01","time":"","lender":"花呗","said":"答应下周回电"}]}'


def stored(page, key):
    return page.evaluate("key => localStorage.getItem(key)", key)


def open_with(page, url, data):
    page.goto(url)
    page.evaluate("data => { for (const [k, v] of Object.entries(data)) localStorage.setItem(k, v); }", data)
    page.reload()


def test_save_back_shows_each_change_and_writes_only_when_confirmed(page, site_url):
    open_with(page, urljoin(site_url, "calculators/penalty/"), {"xshk:case": CASE})
    page.wait_for_selector(READY, timeout=60_000)
    page.locator('[data-action="fill-from-case"]').click()
    expect(page.locator('[name="amount"]')).to_have_value("8000")
    page.locator('[name="amount"]').fill("9000")
    page.locator('[name="days"]').fill("50")
    page.locator('[data-action="save-to-case"]').click()
    question = page.locator(".calc-confirm")
    expect(question).to_contain_text("花呗 · 现在欠款（元）：8000 → 9000")
    expect(question).to_contain_text("花呗 · 已逾期（天）：45 → 50")
    page.get_by_role("button", name="不存了").click()
    expect(question).to_have_count(0)
    expect(page.locator(".case-status")).to_contain_text("没有存回")
    assert stored(page, "xshk:case") == CASE  # byte for byte
    page.locator('[data-action="save-to-case"]').click()
    page.get_by_role("button", name="确定存回").click()
    expect(page.locator(".case-status")).to_contain_text("已存回“我的情况”（2 项）")
    values = json.loads(stored(page, "xshk:case"))["values"]
    assert values["debts.0.amount"] == "9000" and values["debts.0.days"] == "50" and values["salary"] == "6000"


def test_the_agreed_principal_on_the_calendar_is_never_saved_as_what_is_owed(page, site_url):
    open_with(page, urljoin(site_url, "calculators/calendar/"), {"xshk:case": CASE})
    page.wait_for_selector(READY, timeout=60_000)
    page.locator('[data-action="fill-from-case"]').click()
    expect(page.locator('[name="principal"]')).to_have_value("8000")
    page.locator('[name="principal"]').fill("15000")  # the agreed principal
    page.locator('[data-action="save-to-case"]').click()
    expect(page.locator(".case-status")).to_contain_text("不会存回")
    expect(page.locator(".calc-confirm")).to_have_count(0)
    assert stored(page, "xshk:case") == CASE


def test_clearing_the_case_file_asks_and_undo_puts_it_back(page, site_url):
    open_with(page, urljoin(site_url, "calculators/casefile/"), {"xshk:case": CASE})
    page.wait_for_selector(READY, timeout=60_000)
    expect(page.locator('[name="debts.0.amount"]')).to_have_value("8000")
    clear = page.get_by_role("button", name="清除本机保存的数据")
    clear.click()
    expect(page.locator(".calc-confirm")).to_contain_text("要清除“我的情况”吗？")
    page.get_by_role("button", name="不清除").click()
    assert stored(page, "xshk:case") == CASE
    expect(page.locator('[name="debts.0.amount"]')).to_have_value("8000")
    clear.click()
    page.get_by_role("button", name="确定清除").click()
    assert stored(page, "xshk:case") is None
    expect(page.locator('[name="debts.0.amount"]')).to_have_value("")
    page.get_by_role("button", name="撤销").click()
    expect(page.locator('[name="debts.0.amount"]')).to_have_value("8000")
    page.wait_for_selector(READY, timeout=60_000)
    assert stored(page, "xshk:case") == CASE


def test_clearing_the_contact_log_asks_and_undo_puts_it_back(page, site_url):
    open_with(page, urljoin(site_url, "tools/contact-log/"), {"xshk:log": LOG})
    expect(page.locator(".log-entry")).to_have_count(1)
    page.locator('[data-action="clear-log"]').click()
    expect(page.locator(".calc-confirm")).to_contain_text("1 条沟通记录")
    page.get_by_role("button", name="确定清除全部记录").click()
    expect(page.locator(".log-entry")).to_have_count(0)
    assert stored(page, "xshk:log") is None
    page.get_by_role("button", name="撤销").click()
    expect(page.locator(".log-entry")).to_have_count(1)
    assert stored(page, "xshk:log") == LOG


def test_clear_all_site_data_lists_what_it_removes_and_can_be_undone(page, site_url):
    data = {"xshk:case": CASE, "xshk:log": LOG, "xshk:calculator:plan": '{"v":1,"values":{"principal":"1万"}}',
            "xshk:not-ours": "kept"}
    open_with(page, urljoin(site_url, "tools/backup/"), data)
    button = page.get_by_role("button", name="清除本站全部数据")
    button.click()
    items = page.locator(".calc-confirm li")
    expect(items).to_have_count(3)
    labels = {item["key"]: item["label"] for item in devicedata.keys()}
    for key in ("xshk:case", "xshk:log", "xshk:calculator:plan"):
        expect(page.locator(".calc-confirm")).to_contain_text(labels[key])
    page.get_by_role("button", name="不清除").click()
    assert all(stored(page, key) == value for key, value in data.items())
    button.click()
    page.get_by_role("button", name="确定全部清除").click()
    expect(page.locator("#clear-all-status")).to_contain_text("已清除 3 项")
    assert [stored(page, key) for key in data] == [None, None, None, "kept"]
    page.get_by_role("button", name="撤销").click()
    expect(page.locator("#clear-all-status")).to_contain_text("已恢复")
    assert all(stored(page, key) == value for key, value in data.items())


def test_import_says_which_kind_of_wrong_file_it_is(page, site_url, tmp_path):
    page.goto(urljoin(site_url, "tools/backup/"))
    backup = {"format": devicedata.FORMAT, "version": devicedata.VERSION, "exported": "2026-12-01T00:00:00Z",
              "data": {"xshk:case": CASE}}
    good = json.dumps(backup, ensure_ascii=False, indent=2)
    files = {
        "reminders.ics": ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "不是本站的备份文件"),
        "photo.json": (json.dumps({"accounts": [1]}), "不是本站的备份文件"),
        "cut-short.json": (good[: len(good) // 2], "不完整或已经损坏"),
        "newer.json": (json.dumps({**backup, "version": devicedata.VERSION + 1}), "更新版本"),
    }
    for name, (text, message) in files.items():
        path = Path(tmp_path / name)
        path.write_text(text, encoding="utf-8")
        page.locator('input[type=file][data-action="import-data"]').set_input_files(str(path))
        expect(page.locator("#backup-status")).to_contain_text(message)
        expect(page.locator("#backup-status")).to_contain_text("没有改动任何数据")


def test_the_import_preview_names_calculators_by_their_menu_titles(page, site_url, tmp_path):
    page.goto(urljoin(site_url, "tools/backup/"))
    backup = {"format": devicedata.FORMAT, "version": devicedata.VERSION, "exported": "2026-12-01T00:00:00Z",
              "data": {"xshk:calculator:penalty": '{"v":1,"values":{}}', "xshk:calculator:budget": '{"v":1,"values":{}}'}}
    path = Path(tmp_path / "backup.json")
    path.write_text(json.dumps(backup), encoding="utf-8")
    page.locator('input[type=file][data-action="import-data"]').set_input_files(str(path))
    shown = page.locator("#import-contents li")
    expect(shown).to_have_count(2)
    for name in ("penalty", "budget"):  # the title the site's own menu gives the page
        menu = page.locator(f'nav.md-nav--primary a[href$="calculators/{name}/"]').first.text_content().strip()
        expect(page.locator("#import-contents")).to_contain_text(f"“{menu}”计算器里填的内容")
    expect(page.locator("#import-contents")).to_contain_text("“逾期费用”")
    page.get_by_role("button", name="不导入").click()
