"""devicedata — what the site keeps on the device (localStorage), and its backup file, as data.

Every key the site's own scripts write starts with `xshk:` (the theme's colour-scheme choice,
`<site path>/.__palette`, is the theme's and is not backed up). KEYS names each key or family of
keys and says in Chinese what it holds; the privacy page lists the same keys (a test checks).

The backup file ("导出我的数据", docs/tools/backup.md, data-backup.js) is JSON:
    {"format": FORMAT, "version": VERSION, "exported": "2026-12-01T12:00:00.000Z",
     "data": {"xshk:case": "<the stored text, exactly>", ...}}
Values are the stored strings as they are, so an import restores them byte for byte. An import
accepts only a file of this format, of a version it knows (<= VERSION), whose keys all match KEYS
and whose values are all text; anything else changes nothing.
"""

from . import CALCULATORS, title

FORMAT = "xieshang-huankuan-zhinan-backup"
VERSION = 1
FILENAME = "xieshang-huankuan-beifen.json"
MAX_FILE_BYTES = 5 * 1024 * 1024


def keys(titles=None):
    """[{"key": exact key or prefix, "prefix": bool, "label": Chinese}] for every key the site keeps.
    `titles`: {calculator name: the title readers see in the site's menu} (the build passes the nav
    titles, so a preview names each calculator as its page does); otherwise the calculator's TITLE."""
    titles = titles or {}
    found = [
        {"key": "xshk:case", "prefix": False, "label": "我的情况（欠款、收支、姓名和电话）"},
        {"key": "xshk:log", "prefix": False, "label": "沟通记录"},
        {"key": "xshk:letter", "prefix": False, "label": "协商还款申请书里填的内容和改过的信"},
        {"key": "xshk:agreements", "prefix": False, "label": "我的还款协议（每份协议和记下的每笔还款）"},
    ]
    for name in CALCULATORS:
        # casefile and actionplan keep their form under xshk:case, tracker under xshk:agreements
        if name not in ("casefile", "actionplan", "tracker"):
            found.append({"key": f"xshk:calculator:{name}", "prefix": False,
                          "label": f"“{titles.get(name) or title(name)[0]}”计算器里填的内容"})
    found.append({"key": "xshk:checklist:", "prefix": True, "label": "清单里打的勾"})
    return found


def page_data(titles=None):
    """What the backup page's script needs (JSON-able); `titles` as for keys()."""
    return {"format": FORMAT, "version": VERSION, "filename": FILENAME, "max_bytes": MAX_FILE_BYTES,
            "keys": keys(titles)}
