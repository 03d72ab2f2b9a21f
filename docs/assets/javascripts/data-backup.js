// 备份和换手机: "导出我的数据" saves every `xshk:` key this site keeps in one JSON file (made here
// from a Blob: no request); "导入" reads such a file, shows what it holds and replaces the data on
// this device only after the person confirms. A damaged, foreign or newer file changes nothing.
// The file's format and the list of keys are Python's data (calculators/devicedata.py, put on the
// page as data-backup by the form hook). No sums here.

import { askFirst, el, offerUndo, openStorage } from "./calculator-form.js";
import { saveFile } from "./calculator-render.js";

function parse(text) {
  try {
    return JSON.parse(text);
  } catch (_) {
    return undefined;
  }
}

function init(root) {
  const spec = parse(root.dataset.backup) || {};
  const known = Array.isArray(spec.keys) ? spec.keys : [];
  const storage = openStorage();
  const status = document.getElementById("backup-status");
  const input = root.querySelector('[data-action="import-data"]');
  const preview = document.getElementById("import-preview");
  const contents = document.getElementById("import-contents");
  const replaces = document.getElementById("import-replaces");
  const say = (text) => { status.textContent = text; };
  let pending = null; // the checked contents of the chosen file, until confirmed or cancelled

  const entryOf = (key) => known.find((item) => (item.prefix ? key.startsWith(item.key) && key.length > item.key.length
                                                              : key === item.key));
  const labelOf = (key) => {
    const entry = entryOf(key);
    return entry?.prefix ? `${entry.label}（${key.slice(entry.key.length)}）` : entry?.label || key;
  };

  /** {key: stored text} for every key this site keeps. */
  function current() {
    const found = {};
    for (let index = 0; index < storage.length; index++) {
      const key = storage.key(index);
      if (key && entryOf(key)) found[key] = storage.getItem(key);
    }
    return found;
  }

  function describe(data) {
    return Object.keys(data).sort().map((key) => el("li", {}, labelOf(key)));
  }

  root.querySelector('[data-action="export-data"]').addEventListener("click", () => {
    if (!storage) return say("这个浏览器不让网页保存数据（可能是无痕模式），所以没有可以导出的内容。");
    const data = current();
    const file = { format: spec.format, version: spec.version, exported: new Date().toISOString(), data };
    saveFile(JSON.stringify(file, null, 2) + "\n", spec.filename || "backup.json", "application/json");
    say(Object.keys(data).length
      ? "已导出：文件在手机或电脑的“下载”里。它含有你填的欠款、收支和记录，请像保管账单一样保管，不要发给不认识的人。"
      : "这台设备上还没有保存任何内容，导出的文件是空的。");
  });

  /** The file's data when it is a backup this page can restore; otherwise a message (nothing changes). */
  function check(text) {
    const file = parse(text);
    if (file === undefined) {
      // not JSON: a backup cut short still begins like one and names its format; anything else is another file
      const ours = /^\s*\{/.test(text.replace(/^\uFEFF/, "")) && text.includes(String(spec.format));
      return { problem: ours
        ? "这个备份文件不完整或已经损坏（可能没下载完整）。请回到导出的那台设备重新导出一份。没有改动任何数据。"
        : `这不是本站的备份文件（本站导出的文件名像 ${spec.filename || "backup.json"}）。请选择用“导出我的数据”保存的那个文件。没有改动任何数据。` };
    }
    if (!file || typeof file !== "object" || file.format !== spec.format) {
      return { problem: `这不是本站的备份文件（本站导出的文件名像 ${spec.filename || "backup.json"}）。请选择用“导出我的数据”保存的那个文件。没有改动任何数据。` };
    }
    if (!Number.isInteger(file.version) || file.version < 1) {
      return { problem: "这个备份文件的内容不完整或被改动过，读不出来。没有改动任何数据。" };
    }
    if (file.version > spec.version) {
      return { problem: "这个备份文件来自更新版本的网站，这里还读不了。请先刷新页面（或换用最新的离线副本）再导入。没有改动任何数据。" };
    }
    const data = file.data;
    if (!data || typeof data !== "object" || Array.isArray(data) ||
        Object.entries(data).some(([key, value]) => !entryOf(key) || typeof value !== "string")) {
      return { problem: "这个备份文件的内容不完整或被改动过，读不出来。没有改动任何数据。" };
    }
    return { data, exported: typeof file.exported === "string" ? file.exported.slice(0, 10) : "" };
  }

  function closePreview() {
    pending = null;
    preview.hidden = true;
    contents.replaceChildren();
    input.value = "";
  }

  input.addEventListener("change", () => {
    const file = input.files && input.files[0];
    closePreview();
    if (!file) return;
    if (!storage) return say("这个浏览器不让网页保存数据（可能是无痕模式），导入不了。");
    if (file.size > (spec.max_bytes || 5242880)) return say("这个文件太大，不是本站导出的备份。没有改动任何数据。");
    const reader = new FileReader();
    reader.addEventListener("error", () => say("这个文件读不出来。没有改动任何数据。"));
    reader.addEventListener("load", () => {
      const checked = check(String(reader.result));
      if (checked.problem) return say(checked.problem);
      pending = checked.data;
      const items = describe(pending);
      contents.replaceChildren(...(items.length ? items : [el("li", {}, "（空的：导出时那台设备上没有保存内容）")]));
      const here = Object.keys(current());
      replaces.textContent = (checked.exported ? `导出日期：${checked.exported}。` : "") +
        (here.length ? "确认导入后，这台设备上现在保存的内容会被替换，原来的不会留下：" +
                       here.sort().map(labelOf).join("、") + "。"
                     : "这台设备上现在没有保存内容。");
      preview.hidden = false;
      say("请看一下文件里有什么，再决定是否导入。");
      preview.querySelector('[data-action="confirm-import"]').focus();
    });
    reader.readAsText(file);
  });

  preview.querySelector('[data-action="cancel-import"]').addEventListener("click", () => {
    closePreview();
    say("没有导入，这台设备上的数据没有改动。");
  });

  preview.querySelector('[data-action="confirm-import"]').addEventListener("click", () => {
    if (!pending) return;
    const before = current();
    try {
      for (const key of Object.keys(before)) storage.removeItem(key);
      for (const [key, value] of Object.entries(pending)) storage.setItem(key, value);
    } catch (_) {
      for (const key of Object.keys(current())) storage.removeItem(key);
      for (const [key, value] of Object.entries(before)) {
        try { storage.setItem(key, value); } catch (__) { /* as much as fits */ }
      }
      closePreview();
      return say("导入没有成功（浏览器的存储空间可能满了），已经恢复成导入之前的数据。");
    }
    closePreview();
    say("已导入。打开“我的情况”、计算器或沟通记录，就能看到导入的内容。");
  });

  // ---- 清除本站全部数据: every key this site keeps (devicedata.py), listed first, undoable while open
  const clearButton = root.querySelector('[data-action="clear-all"]');
  const clearStatus = document.getElementById("clear-all-status");
  clearButton.addEventListener("click", async () => {
    if (!storage) return (clearStatus.textContent = "这个浏览器不让网页保存数据（可能是无痕模式），本站在这里没有保存任何内容。");
    const before = current();
    const keys = Object.keys(before).sort();
    if (!keys.length) return (clearStatus.textContent = "这台设备上没有本站保存的内容，不用清除。");
    const yes = await askFirst({
      where: clearButton.parentElement, button: clearButton,
      question: "要删掉本站在这台设备上保存的这些内容吗？（浅色/深色显示的选择不在其中。）",
      items: keys.map(labelOf), yes: "确定全部清除", no: "不清除",
    });
    if (!yes) return (clearStatus.textContent = "没有清除，什么都没改。");
    for (const key of keys) storage.removeItem(key);
    offerUndo(clearStatus, `已清除 ${keys.length} 项。点“撤销”可以恢复（离开这个页面后就不能撤销了）。`, () => {
      try {
        for (const [key, value] of Object.entries(before)) storage.setItem(key, value);
        clearStatus.textContent = "已恢复，和清除之前一样。";
      } catch (_) {
        clearStatus.textContent = "没能全部恢复（浏览器的存储空间可能满了）。";
      }
    });
  });

  say(storage ? "你的数据只在这台设备上。换手机、换浏览器前，先导出一份；到新设备上再导入。"
              : "这个浏览器不让网页保存数据（可能是无痕模式），所以没有可以备份的内容。");
}

const root = document.getElementById("backup");
if (root) init(root);
