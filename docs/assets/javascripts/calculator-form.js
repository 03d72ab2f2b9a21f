// Calculator pages, the form: list rows, fields shown or required only for some choices, reading
// and restoring values, what is saved on this device, and errors next to their fields.
// No maths and no wording of answers: the messages are Python's (calculators.run's errors).
//
// Saved on this device only, one localStorage key per page:
//   xshk:calculator:NAME   the inputs of calculator NAME
//   xshk:letter            the 协商还款申请书 form and the edited letter text
//   xshk:agreements        我的还款协议 (calculators/tracker.py): agreements and payments
//   xshk:case              我的情况 (the case file: calculators/casefile.py), {v: 1, values}; the
//                          我的协商方案 page (actionplan) reads and writes the same
// Each is {v: 1, values: {field: text}, ...}. A saved value this page cannot read (edited by hand,
// another version) is kept as it is and not overwritten; the page says so and works without it.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/**
 * Ask before changing or removing what the person saved: a panel after `where` with the question,
 * what would change (`items`, one line each) and two buttons; `button` (what was tapped) is
 * disabled while the question is open. Resolves true only when "yes" is tapped.
 */
export function askFirst({ where, button, question, items = [], yes, no = "不了，保持原样" }) {
  return new Promise((resolve) => {
    const yesButton = el("button", { type: "button", class: "md-button md-button--primary", "data-action": "confirm-yes" }, yes);
    const noButton = el("button", { type: "button", class: "md-button", "data-action": "confirm-no" }, no);
    const heading = el("p", { class: "calc-confirm-question" }, question);
    const panel = el("div", { class: "calc-confirm", role: "group", "aria-label": question },
      heading, items.length ? el("ul", { class: "calc-confirm-items" }, items.map((item) => el("li", {}, item))) : null,
      el("div", { class: "calc-actions" }, yesButton, noButton));
    if (button) button.disabled = true;
    where.after(panel);
    const done = (answer) => {
      panel.remove();
      if (button) {
        button.disabled = false;
        button.focus();
      }
      resolve(answer);
    };
    yesButton.addEventListener("click", () => done(true));
    noButton.addEventListener("click", () => done(false));
    noButton.focus();
  });
}

/** After a clear: `text` and an 撤销 button in `line` that runs `undo` (while the page is open). */
export function offerUndo(line, text, undo) {
  const button = el("button", { type: "button", class: "md-button calc-undo", "data-action": "undo" }, "撤销");
  line.replaceChildren(text, " ", button);
  button.focus(); // the page may have become shorter: bring the 撤销 into view
  button.addEventListener("click", () => {
    button.remove();
    undo();
  });
}

/** Put saved texts back ({key: text or null}) and show the page as saved (the query string left out). */
export function putBackAndReload(storage, saved) {
  for (const [key, value] of Object.entries(saved)) {
    if (value !== null && value !== undefined) storage.setItem(key, value);
  }
  location.replace(location.pathname + location.hash);
}

export function fieldId(name) {
  return String(name).replace(/[^A-Za-z0-9_-]/g, "-");
}

export function debounce(fn, ms) {
  let timer = null;
  const run = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  run.cancel = () => clearTimeout(timer);
  return run;
}

/** localStorage, or null when the browser refuses it (private mode, storage blocked). */
export function openStorage() {
  try {
    const storage = window.localStorage;
    const probe = "xshk:probe";
    storage.setItem(probe, "1");
    storage.removeItem(probe);
    return storage;
  } catch (_) {
    return null;
  }
}

/** A saved or embedded JSON object, or null when the text is not one. */
export function parseObject(text) {
  try {
    const data = JSON.parse(text || "null");
    return data && typeof data === "object" ? data : null;
  } catch (_) {
    return null;
  }
}

function parseCondition(text) {
  try {
    const condition = JSON.parse(text);
    return condition && typeof condition === "object" ? condition : null;
  } catch (_) {
    return null;
  }
}

/** The form's behaviour; `changed()` is called after rows are added or removed. */
export function setUpForm(form, { changed = () => {} } = {}) {
  const name = form.dataset.calculator;
  // 我的协商方案 is built from the case file: its form is the case file's, under the same key
  const key = { letter: "xshk:letter", casefile: "xshk:case", actionplan: "xshk:case", tracker: "xshk:agreements" }[name] || `xshk:calculator:${name}`;
  const storage = openStorage();
  const touched = new Set();
  const formError = document.getElementById("calculator-errors");
  const savedLine = document.getElementById("calculator-saved");
  let extraSaved = {};
  let unreadable = false; // what is saved under `key` cannot be read: keep it, never overwrite it

  // ---- list rows
  function renumber(list) {
    const listName = list.dataset.list;
    const listId = fieldId(listName);
    const nameRe = new RegExp(`^${listName}\\.(\\d+|__i__)\\.`);
    const idRe = new RegExp(`(^|\\s)${listId}-(\\d+|__i__)-`, "g");
    rowsOf(list).forEach((row, index) => {
      row.dataset.row = String(index);
      row.querySelector(".calc-row-number").textContent = String(index + 1);
      for (const node of row.querySelectorAll("[name], [id], [for], [aria-describedby], [data-field]")) {
        if (node.name) node.name = node.name.replace(nameRe, `${listName}.${index}.`);
        if (node.dataset.field) node.dataset.field = node.dataset.field.replace(nameRe, `${listName}.${index}.`);
        for (const attr of ["id", "for", "aria-describedby"]) {
          const value = node.getAttribute(attr);
          if (value) node.setAttribute(attr, value.replace(idRe, `$1${listId}-${index}-`));
        }
      }
    });
  }

  function rowsOf(list) {
    return list.querySelectorAll(":scope > .calc-rows > .calc-row");
  }

  function addRow(list) {
    const template = document.getElementById(`${fieldId(list.dataset.list)}-template`);
    const row = template.content.firstElementChild.cloneNode(true);
    list.querySelector(".calc-rows").append(row);
    renumber(list);
    return row;
  }

  function ensureRows(listName, count) {
    const list = form.querySelector(`[data-list="${CSS.escape(listName)}"]`);
    if (!list) return;
    while (rowsOf(list).length < count) addRow(list);
  }

  /** Exactly `count` rows (at least one) in list `listName`, the extra ones removed, new ones empty. */
  function setRows(listName, count) {
    const list = form.querySelector(`[data-list="${CSS.escape(listName)}"]`);
    if (!list) return;
    const rows = [...rowsOf(list)];
    rows.slice(Math.max(count, 1)).forEach((row) => row.remove());
    for (const row of rows.slice(0, Math.max(count, 1))) {
      for (const control of row.querySelectorAll("input, textarea")) control.value = "";
      for (const select of row.querySelectorAll("select")) select.selectedIndex = Math.max(0, [...select.options].findIndex((o) => o.defaultSelected));
    }
    while (rowsOf(list).length < count) addRow(list);
    renumber(list);
  }

  form.addEventListener("click", (event) => {
    const add = event.target.closest("[data-add-row]");
    const remove = event.target.closest("[data-remove-row]");
    if (add) {
      const row = addRow(add.closest("[data-list]"));
      row.querySelector("input, select, textarea")?.focus();
      changed();
    } else if (remove) {
      const list = remove.closest("[data-list]");
      remove.closest(".calc-row").remove();
      if (!rowsOf(list).length) addRow(list);
      renumber(list);
      list.querySelector("[data-add-row]").focus();
      changed();
    }
  });

  // ---- fields that apply, or are required, only for some choices
  /** Does {field: [values]} hold? A field inside a list row looks in its own row first. */
  function holds(condition, wrapper) {
    const row = wrapper.closest(".calc-row");
    return Object.entries(condition).every(([field, allowed]) => {
      let control = null;
      if (row) {
        const prefix = /^(.*\.\d+\.)/.exec(wrapper.dataset.field || "")?.[1] || "";
        control = row.querySelector(`[name="${CSS.escape(prefix + field)}"]`);
      }
      control ||= form.querySelector(`[name="${CSS.escape(field)}"]`);
      return Boolean(control) && Array.isArray(allowed) && allowed.includes(control.value);
    });
  }

  function applyConditions() {
    for (const wrapper of form.querySelectorAll("[data-show-if]")) {
      const condition = parseCondition(wrapper.dataset.showIf);
      if (condition) wrapper.hidden = !holds(condition, wrapper);
    }
    for (const wrapper of form.querySelectorAll("[data-required-if]")) {
      const condition = parseCondition(wrapper.dataset.requiredIf);
      if (!condition) continue;
      const required = holds(condition, wrapper);
      const label = wrapper.querySelector(":scope > label, :scope > legend");
      label?.querySelector('[data-when="optional"]')?.toggleAttribute("hidden", required);
      label?.querySelector('[data-when="required"]')?.toggleAttribute("hidden", !required);
      wrapper.dataset.required = String(required);
    }
  }

  // ---- reading and writing values
  function controls() {
    return form.querySelectorAll("input[name], select[name], textarea[name]");
  }

  function flatValues() {
    const values = {};
    for (const control of controls()) {
      if (control.type === "checkbox") {
        (values[control.name] ||= []);
        if (control.checked) values[control.name].push(control.value);
      } else values[control.name] = control.value;
    }
    return values;
  }

  /** The form as the calculator reads it: `debts.0.amount` fields become lists of row objects. */
  function collect() {
    const inputs = {};
    for (const [fieldName, value] of Object.entries(flatValues())) {
      const parts = fieldName.split(".");
      if (parts.length === 3) {
        const [list, index, field] = parts;
        const rows = (inputs[list] ||= []);
        (rows[Number(index)] ||= {})[field] = value;
      } else {
        inputs[fieldName] = value;
      }
    }
    for (const value of Object.values(inputs)) {
      if (Array.isArray(value)) for (let i = 0; i < value.length; i++) value[i] ??= {};
    }
    return inputs;
  }

  function setValue(fieldName, value) {
    for (const control of form.querySelectorAll(`[name="${CSS.escape(fieldName)}"]`)) {
      // a link's "requests=waive_penalty,stop_interest" ticks each box it names
      if (control.type === "checkbox") control.checked = [].concat(value).flatMap((v) => String(v).split(",")).includes(control.value);
      else if (control.tagName === "SELECT") {
        if ([...control.options].some((option) => option.value === String(value))) control.value = String(value);
      } else control.value = String(value).slice(0, 1000);
      if (String(value).trim()) touched.add(fieldName);
    }
  }

  function restore(values) {
    for (const fieldName of Object.keys(values || {})) {
      const match = /^([a-z_]+)\.(\d+)\./.exec(fieldName);
      if (match) ensureRows(match[1], Math.min(Number(match[2]), 360) + 1);
    }
    for (const [fieldName, value] of Object.entries(values || {})) {
      if (typeof value === "string" || Array.isArray(value)) setValue(fieldName, value);
    }
  }

  function save() {
    if (!storage || unreadable) return;
    try {
      const values = flatValues();
      // a box for the last digits of a card (data-last-digits) never keeps a full number on the device
      for (const box of form.querySelectorAll("[data-last-digits]")) {
        if (typeof values[box.name] === "string" && /\d{8,}/.test(values[box.name].replace(/[\s-]/g, ""))) values[box.name] = "";
      }
      storage.setItem(key, JSON.stringify({ v: 1, values, ...extraSaved }));
    } catch (_) {
      savedLine.textContent = "浏览器不让保存（可能存储空间满了）：刷新页面后要重新填写。计算不受影响。";
    }
  }

  function loadSaved() {
    if (!storage) return null;
    let raw = null;
    try {
      raw = storage.getItem(key);
      const data = JSON.parse(raw || "null");
      if (raw === null || (data && typeof data === "object" && data.v === 1 && data.values &&
                           typeof data.values === "object" && !Array.isArray(data.values))) return data;
    } catch (_) { /* unreadable: below */ }
    unreadable = true;
    return null;
  }

  /** A date the calculator counts to ("today"): filled in when empty, in the person's own time zone. */
  function fillToday() {
    const now = new Date();
    const today = [now.getFullYear(), String(now.getMonth() + 1).padStart(2, "0"),
                   String(now.getDate()).padStart(2, "0")].join("-");
    for (const box of form.querySelectorAll("input[data-default-today]")) if (!box.value.trim()) box.value = today;
  }

  function forget() {
    try {
      storage?.removeItem(key);
    } catch (_) { /* nothing saved */ }
    extraSaved = {};
    unreadable = false;
    form.reset();
    for (const list of form.querySelectorAll("[data-list]")) {
      rowsOf(list).forEach((row, index) => { if (index > 0) row.remove(); });
      renumber(list);
    }
    touched.clear();
    clearErrors();
    fillToday();
    applyConditions();
    savedLine.textContent = "已清除这台设备上保存的内容。";
  }

  // ---- errors next to the fields
  function clearErrors() {
    for (const node of form.querySelectorAll(".calc-error")) node.replaceChildren();
    for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
    for (const node of form.querySelectorAll(".calc-field--error")) node.classList.remove("calc-field--error");
  }

  function showError(target, message) {
    target.replaceChildren(el("span", { class: "visually-hidden" }, "错误："), message);
  }

  /** Draw Python's field errors; in "auto" mode (while typing) only for fields that hold text. */
  function drawErrors(errors, mode) {
    clearErrors();
    const general = [];
    let shown = 0;
    for (const error of errors) {
      const fieldName = String(error.field ?? "");
      const message = String(error.message ?? "");
      const control = form.querySelector(`[name="${CSS.escape(fieldName)}"]`);
      const target = document.getElementById(`${fieldId(fieldName)}-error`);
      const wrapper = form.querySelector(`[data-field="${CSS.escape(fieldName)}"]`);
      // a field with no box of its own (a list: "payments") holds text when one of its boxes does
      const boxes = control ? [control] : wrapper ? [...wrapper.querySelectorAll("input, textarea")] : [];
      if (mode === "auto" && !boxes.some((box) => box.value.trim())) continue;
      if (target && wrapper && !wrapper.closest("[hidden]")) {
        showError(target, message);
        wrapper.classList.add("calc-field--error");
        if (control) control.setAttribute("aria-invalid", "true");
        shown++;
      } else {
        general.push(message);
      }
    }
    if (general.length) {
      showError(formError, general.join("；"));
      shown++;
    }
    return shown;
  }

  // ---- how each input was read (Python's readings: "按 8,000 元", "按 0.04%/天 计算"), under its box
  function drawReadings(readings) {
    const wanted = readings && typeof readings === "object" ? readings : {};
    for (const node of form.querySelectorAll(".calc-reading")) {
      if (!Object.hasOwn(wanted, node.dataset.for)) node.remove();
    }
    for (const [fieldName, text] of Object.entries(wanted)) {
      const control = form.querySelector(`[name="${CSS.escape(fieldName)}"]`);
      if (!control || typeof text !== "string" || control.closest("[hidden]")) continue;
      const id = `${fieldId(fieldName)}-reading`;
      let node = document.getElementById(id);
      if (!node) {
        node = el("p", { class: "calc-reading", id, "data-for": fieldName });
        control.after(node);
        const described = (control.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
        if (!described.includes(id)) control.setAttribute("aria-describedby", [...described, id].join(" "));
      }
      if (node.textContent !== text) node.textContent = text;
    }
  }

  savedLine.textContent = storage
    ? "你填的内容只保存在这台设备的浏览器里，不会发送到任何地方。用完别人的手机或公用电脑，请点“清除本机保存的数据”。"
    : "这个浏览器不让网页保存数据（可能是无痕模式）：计算照常进行，但刷新页面后要重新填写。";

  const saved = loadSaved();
  if (saved) restore(saved.values);
  if (unreadable) {
    savedLine.textContent = "这台设备上以前保存的内容读不出来（可能被手动改过，或是别的版本留下的）。" +
      "它原样留着，没有删除，这个页面也不会覆盖它；现在填的内容照常计算，但不会保存。" +
      "不需要它了，点“清除本机保存的数据”就会删掉，之后填的内容会照常保存。";
  }
  // A link from a guide page (penalty.html?product=huabei&amount=5000) wins over what was saved.
  const fromQuery = {};
  for (const [fieldName, value] of new URLSearchParams(location.search)) {
    if (form.querySelector(`[name="${CSS.escape(fieldName)}"]`) || /^[a-z_]+\.\d+\.[a-z_]+$/.test(fieldName)) {
      fromQuery[fieldName] = value;
    }
  }
  restore(fromQuery);
  fillToday();
  applyConditions();

  return {
    name, key, storage, saved, touched, collect, flatValues, restore, save, forget,
    isUnreadable: () => unreadable, setRows, applyConditions, clearErrors, showError, drawErrors, drawReadings,
    setExtra: (extra) => { extraSaved = extra; },
  };
}
