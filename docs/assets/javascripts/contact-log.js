// 沟通记录 (the contact log): entries kept on this device, sorted by date and time, editable and
// deletable, printed as a page or downloaded as a CSV file (made here from a Blob: no request).
// What an entry holds, the column labels and the messages are Python's data
// (calculators/contactlog.py, put on the form as data-log by the form hook). No sums here.
//
// Saved on this device only: localStorage `xshk:log` = {v: 1, entries: [{id, date, time, …}]}.
// A saved log this page cannot read (edited by hand, another version) is kept as it is and not
// overwritten; the page says so and works without it until the person clears it.

import { askFirst, el, offerUndo, parseObject, openStorage, putBackAndReload } from "./calculator-form.js";
import { saveFile } from "./calculator-render.js";

function today() {
  const now = new Date();
  return [now.getFullYear(), String(now.getMonth() + 1).padStart(2, "0"), String(now.getDate()).padStart(2, "0")].join("-");
}

/** A CSV cell: quoted, and text a spreadsheet would run as a formula (=, +, -, @) made plain text. */
function csvCell(value) {
  const text = String(value ?? "");
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

function init(form) {
  const data = parseObject(form.dataset.log) || {};
  const key = data.key || "xshk:log";
  const version = data.version || 1;
  const columns = Array.isArray(data.columns) ? data.columns : [];
  const names = columns.map((column) => column[0]);
  const channels = data.channels || {};
  const required = data.required || {};
  const storage = openStorage();
  const list = document.getElementById("log-list");
  const status = document.getElementById("log-status");
  const savedLine = document.getElementById("log-saved");
  const submit = form.querySelector('[data-action="save-entry"]');
  const cancel = form.querySelector('[data-action="cancel-edit"]');
  const say = (text) => { status.textContent = text; };
  let unreadable = false;
  let askedDate = null; // a far-away date already asked about (see the submit handler)
  let editing = null;

  function load() {
    if (!storage) return [];
    const raw = storage.getItem(key);
    if (raw === null) return [];
    const saved = parseObject(raw);
    if (!saved || saved.v !== version || !Array.isArray(saved.entries)) {
      unreadable = true;
      return [];
    }
    return saved.entries.filter((entry) => entry && typeof entry === "object" && typeof entry.id === "string")
      .map((entry) => Object.fromEntries([["id", entry.id],
        ...names.map((name) => [name, typeof entry[name] === "string" ? entry[name] : ""])]));
  }

  let entries = load();

  function persist() {
    if (!storage || unreadable) return true;
    try {
      storage.setItem(key, JSON.stringify({ v: version, entries }));
      return true;
    } catch (_) {
      savedLine.textContent = "浏览器不让保存（可能存储空间满了）：这条记录现在还在页面上，刷新后会丢失。请先打印或下载表格。";
      return false;
    }
  }

  function sorted() {
    const when = (entry) => `${entry.date || ""}T${entry.time || ""}`;
    return [...entries].sort((a, b) => (when(a) < when(b) ? -1 : when(a) > when(b) ? 1 : a.id < b.id ? -1 : 1));
  }

  const shown = (entry, name) => (name === "channel" ? channels[entry[name]] || entry[name] : entry[name]);

  function card(entry) {
    const details = columns.filter(([name]) => !["date", "time", "lender"].includes(name) && String(entry[name] || "").trim());
    const removeButton = el("button", { type: "button", class: "md-button log-delete", "data-action": "delete-entry" }, "删除");
    const editButton = el("button", { type: "button", class: "md-button", "data-action": "edit-entry" }, "修改");
    const node = el("article", { class: "log-entry", "data-entry": entry.id },
      el("h3", {}, [entry.date, entry.time].filter(Boolean).join(" "), " ", entry.lender),
      el("dl", {}, details.map(([name, label]) => [el("dt", {}, label), el("dd", {}, shown(entry, name))])),
      el("div", { class: "log-entry-actions no-print" }, editButton, removeButton));
    editButton.addEventListener("click", () => edit(entry.id));
    removeButton.addEventListener("click", () => {
      if (removeButton.dataset.confirm) return remove(entry.id);
      removeButton.dataset.confirm = "true";
      removeButton.textContent = "确定删除这一条";
      setTimeout(() => { delete removeButton.dataset.confirm; removeButton.textContent = "删除"; }, 5000);
    });
    return node;
  }

  function render() {
    const items = sorted();
    list.replaceChildren(...(items.length ? items.map(card) : [el("p", { class: "calc-placeholder" }, "还没有记录。每次联系完，马上记一条。")]));
  }

  function clearErrors() {
    for (const node of form.querySelectorAll(".calc-error")) node.replaceChildren();
    for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
  }

  function resetForm() {
    form.reset();
    for (const box of form.querySelectorAll("input[data-default-today]")) if (!box.value) box.value = today();
    editing = null;
    submit.textContent = "添加这条记录";
    cancel.hidden = true;
    clearErrors();
  }

  function edit(id) {
    const entry = entries.find((item) => item.id === id);
    if (!entry) return;
    for (const name of names) {
      const control = form.elements.namedItem(name);
      if (control) control.value = entry[name];
    }
    editing = id;
    submit.textContent = "保存修改";
    cancel.hidden = false;
    say("正在修改这一条：改好后点“保存修改”。");
    form.querySelector("input, select, textarea")?.focus();
  }

  function remove(id) {
    entries = entries.filter((item) => item.id !== id);
    persist();
    render();
    if (editing === id) resetForm();
    say("已删除这一条记录。");
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearErrors();
    const values = {};
    for (const name of names) values[name] = String(form.elements.namedItem(name)?.value ?? "");
    const missing = Object.keys(required).filter((name) => !values[name].trim());
    for (const name of missing) {
      const target = document.getElementById(`${name}-error`);
      target?.replaceChildren(el("span", { class: "visually-hidden" }, "错误："), required[name]);
      form.elements.namedItem(name)?.setAttribute("aria-invalid", "true");
    }
    if (missing.length) {
      say("还有必填的地方没填，已在上面标出。");
      form.querySelector('[aria-invalid="true"]')?.focus();
      return;
    }
    // a date after today or long ago: asked once; the same date submitted again is kept as typed
    const questions = data.date_questions || {};
    const now = today();
    const oldest = `${Number(now.slice(0, 4)) - (questions.old_years || 10)}${now.slice(4)}`;
    const far = values.date > now ? questions.future : values.date < oldest ? questions.old : "";
    if (far && askedDate !== values.date) {
      askedDate = values.date;
      document.getElementById("date-error")?.replaceChildren(far);
      say(far);
      form.elements.namedItem("date")?.focus();
      return;
    }
    askedDate = null;
    if (editing && entries.some((item) => item.id === editing)) {
      entries = entries.map((item) => (item.id === editing ? { id: editing, ...values } : item));
    } else {
      entries.push({ id: `e${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`, ...values });
    }
    const kept = persist();
    render();
    resetForm();
    if (kept) say(unreadable ? "已记下（这次不会保存：以前保存的记录读不出来，见下面的说明）。" : "已记下这一条，保存在这台设备上。");
  });

  cancel.addEventListener("click", () => {
    resetForm();
    say("没有修改。");
  });

  document.querySelector('[data-action="print-log"]').addEventListener("click", () => window.print());
  document.querySelector('[data-action="download-csv"]').addEventListener("click", () => {
    const lines = [columns.map(([, label]) => csvCell(label)).join(",")];
    for (const entry of sorted()) lines.push(names.map((name) => csvCell(shown(entry, name))).join(","));
    saveFile("\uFEFF" + lines.join("\r\n") + "\r\n", data.filename || "log.csv", "text/csv;charset=utf-8");
    say(entries.length ? "表格已生成：在“下载”里，可以用 WPS 或 Excel 打开。" : "还没有记录，下载的表格只有标题行。");
  });
  const clearButton = document.querySelector('[data-action="clear-log"]');
  clearButton.addEventListener("click", async () => {
    const yes = await askFirst({
      where: clearButton.parentElement, button: clearButton,
      question: entries.length ? `要清除这台设备上的 ${entries.length} 条沟通记录吗？` : "要清除这台设备上保存的沟通记录吗？",
      yes: "确定清除全部记录", no: "不清除",
    });
    if (!yes) return;
    let before = null;
    try {
      before = storage?.getItem(key) ?? null;
      storage?.removeItem(key);
    } catch (_) { /* nothing saved */ }
    const shownBefore = entries;
    entries = [];
    unreadable = false;
    render();
    resetForm();
    offerUndo(savedLine, "已清除这台设备上保存的沟通记录。点“撤销”可以恢复。", () => {
      if (before !== null) return putBackAndReload(storage, { [key]: before });
      entries = shownBefore;
      render();
      savedLine.textContent = "已恢复。";
    });
  });

  savedLine.textContent = !storage
    ? "这个浏览器不让网页保存数据（可能是无痕模式）：记录只在这个页面上，刷新后会丢失。请及时打印或下载表格。"
    : unreadable
      ? "这台设备上以前保存的沟通记录读不出来（可能被手动改过，或是别的版本留下的）。它原样留着，没有删除，这个页面也不会覆盖它；" +
        "现在记的内容可以打印或下载，但不会保存。不需要它了，点“清除本机保存的记录”（点两次）就会删掉。"
      : "记录只保存在这台设备的浏览器里，不会发送到任何地方。";
  resetForm();
  render();
  say(entries.length ? `这台设备上有 ${entries.length} 条记录。` : "填好上面的内容，点“添加这条记录”。");
}

const form = document.getElementById("contact-log");
if (form) init(form);
