// 我的情况 (the case file) on calculator pages: "用我的情况填写" copies the case file's values into
// this page's form, "存回我的情况" copies the figures changed here back. Which field goes where is
// Python's data (calculators/casefile.py FILL, put on the form as data-case-fill by the form hook);
// this file only moves values. No sums, no answers.
//
// The case file is localStorage `xshk:case` = {v: 1, values: {"debts.0.lender": "…", "salary": "…"}}
// (the 我的情况 page's own form, saved by calculator-form.js). One that cannot be read (edited by
// hand, another version) is left exactly as it is: the page says so and never writes over it.

import { askFirst, el, parseObject } from "./calculator-form.js";

export const CASE_KEY = "xshk:case";
export const CASE_VERSION = 1;

/** {state: "none" | "ok" | "unreadable" | "unavailable", values} */
export function readCase(storage) {
  if (!storage) return { state: "unavailable", values: {} };
  let raw = null;
  try {
    raw = storage.getItem(CASE_KEY);
  } catch (_) {
    return { state: "unavailable", values: {} };
  }
  if (raw === null) return { state: "none", values: {} };
  const data = parseObject(raw);
  const values = data && data.v === CASE_VERSION ? data.values : null;
  if (!values || typeof values !== "object" || Array.isArray(values)) return { state: "unreadable", values: {} };
  const clean = {};
  for (const [key, value] of Object.entries(values)) if (typeof value === "string") clean[key] = value;
  return { state: "ok", values: clean };
}

/** The indices of the debts the case file holds (rows with anything typed), in order. */
export function debtIndices(values) {
  const found = new Set();
  for (const [key, value] of Object.entries(values)) {
    const match = /^debts\.(\d+)\./.exec(key);
    if (match && String(value).trim() && !key.endsWith(".product")) found.add(Number(match[1]));
  }
  return [...found].sort((a, b) => a - b);
}

function debtName(values, index, number) {
  return (values[`debts.${index}.nickname`] || values[`debts.${index}.lender`] || "").trim() || `第 ${number} 笔`;
}

/** The case-file path a source names ("debt.amount" → "debts.2.amount"), or null for lists and literals. */
function pathOf(source, debt) {
  if (typeof source !== "string") return null;
  return source.startsWith("debt.") ? `debts.${debt}.${source.slice(5)}` : source;
}

function valueOf(source, debt, values) {
  if (Array.isArray(source)) {
    for (const one of source) {
      const value = valueOf(one, debt, values);
      if (value.trim()) return value;
    }
    return "";
  }
  if (source && typeof source === "object") return typeof source.text === "string" ? source.text : "";
  const path = pathOf(source, debt);
  return path ? values[path] ?? "" : "";
}

/** Whether the sources of a row (not its literal label) hold anything. */
function rowHolds(row, debt, values) {
  return Object.values(row).some((source) => typeof source === "string" && valueOf(source, debt, values).trim());
}

export function initCaseBar({ form, state }) {
  const map = parseObject(form.dataset.caseFill);
  if (!map) return;
  const { storage } = state;
  const status = el("p", { class: "case-status", role: "status" });
  const choose = el("select", { id: "case-debt", class: "calc-input" });
  const chooser = el("div", { class: "case-choose", hidden: true },
    el("label", { for: "case-debt" }, "用哪一笔欠款"), choose);
  const fillButton = el("button", { type: "button", class: "md-button", "data-action": "fill-from-case" }, "用我的情况填写");
  const saveButton = el("button", { type: "button", class: "md-button", "data-action": "save-to-case" }, "存回我的情况");
  const bar = el("section", { class: "case-bar", "aria-label": "我的情况" },
    el("p", { class: "case-intro" }, "在“我的情况”里记下过欠款和收支，就不用再填一遍：",
      el("a", { href: "../casefile/" }, "我的情况")),
    chooser, el("div", { class: "case-actions" }, fillButton, saveButton), status);
  form.before(bar);

  const say = (text) => { status.textContent = text; };
  const labelOf = (field) => {
    const control = form.querySelector(`[name="${CSS.escape(field)}"]`);
    const label = control && control.id ? form.querySelector(`label[for="${CSS.escape(control.id)}"]`) : null;
    return (label ? label.textContent : field).replace(/（.*）$/, "").trim();
  };

  function refresh() {
    const { state: found, values } = readCase(storage);
    const debts = debtIndices(values);
    const previous = choose.value;
    choose.replaceChildren(...debts.map((index, n) => el("option", { value: String(index) }, debtName(values, index, n + 1))));
    if (debts.map(String).includes(previous)) choose.value = previous;
    chooser.hidden = debts.length < 2 || !JSON.stringify(map).includes('"debt.') || Boolean(map.each_debt);
    fillButton.disabled = found !== "ok";
    saveButton.disabled = found === "unreadable" || found === "unavailable";
    if (found === "unreadable") {
      say("这台设备上保存的“我的情况”读不出来（可能被手动改过，或是别的版本留下的）。它原样留着，没有被改动；" +
          "这个计算器照常能用。打开“我的情况”页面可以清除它，或导入一份备份。");
    } else if (found === "unavailable") {
      say("这个浏览器不让网页保存数据（可能是无痕模式），所以用不了“我的情况”。计算器照常能用。");
    } else if (found === "none") {
      say("还没有“我的情况”：可以在这里直接填写；点“存回我的情况”就会把这里的数记下来。");
    } else {
      say("");
    }
    return { found, values, debts };
  }

  function chosenDebt(debts) {
    const chosen = Number(choose.value);
    return debts.includes(chosen) ? chosen : debts[0] ?? 0;
  }

  fillButton.addEventListener("click", () => {
    const { found, values, debts } = refresh();
    if (found !== "ok") return;
    const debt = chosenDebt(debts);
    const updates = {};
    const kept = [];
    const current = state.flatValues();
    for (const [field, source] of Object.entries(map.fields || {})) {
      const fromCase = valueOf(source, debt, values);
      const here = typeof current[field] === "string" ? current[field].trim() : "";
      // map.keep: a figure already here (e.g. from 我的协商方案) is not replaced; the page says so
      if ((map.keep || []).includes(field) && here) {
        if (here !== fromCase.trim()) kept.push(`${labelOf(field)} 保留 ${here}（“我的情况”里是 ${fromCase.trim() || "空的"}）`);
        continue;
      }
      updates[field] = fromCase;
    }
    for (const [list, rows] of Object.entries(map.rows || {})) {
      const kept = rows.filter((row) => rowHolds(row, debt, values));
      state.setRows(list, kept.length);
      kept.forEach((row, index) => {
        for (const [field, source] of Object.entries(row)) updates[`${list}.${index}.${field}`] = valueOf(source, debt, values);
      });
    }
    for (const [list, row] of Object.entries(map.each_debt || {})) {
      state.setRows(list, debts.length);
      debts.forEach((index, position) => {
        for (const [field, source] of Object.entries(row)) updates[`${list}.${position}.${field}`] = valueOf(source, index, values);
      });
    }
    state.restore(updates);
    form.dispatchEvent(new Event("change", { bubbles: true }));
    const name = debts.length ? `（${debtName(values, debt, debts.indexOf(debt) + 1)}）` : "";
    say(`已用“我的情况”填好${map.each_debt ? "" : name}。` +
      (kept.length ? `这里已有的数没有改：${kept.join("；")}。` : "") + "改了哪个数，可以点“存回我的情况”记下来。");
  });

  /** "花呗 · 现在欠款（元）" for a case-file path ("debts.1.amount"). */
  function nameOfPath(path, values) {
    const labels = map.labels || {};
    const match = /^debts\.(\d+)\.(.+)$/.exec(path);
    if (!match) return labels[path] || path;
    const index = Number(match[1]);
    const debts = debtIndices(values);
    const number = debts.includes(index) ? debts.indexOf(index) + 1 : debts.length + 1;
    return `${debtName(values, index, number)} · ${labels[`debt.${match[2]}`] || match[2]}`;
  }

  saveButton.addEventListener("click", async () => {
    const { found, values, debts } = refresh();
    if (found === "unreadable" || found === "unavailable") return;
    const flat = state.flatValues();
    const keep = new Set(map.fill_only || []); // figures that mean something else here: never saved back
    const shown = (name) => {
      const control = form.querySelector(`[name="${CSS.escape(name)}"]`);
      return control && !control.closest("[hidden]") && typeof flat[name] === "string" && flat[name].trim() ? flat[name] : null;
    };
    const next = { ...values };
    const debt = chosenDebt(debts);
    const changes = [];
    const put = (path, value) => {
      if (path && value !== null && next[path] !== value) {
        changes.push({ path, before: next[path] ?? "", after: value });
        next[path] = value;
      }
    };
    for (const [field, source] of Object.entries(map.fields || {})) if (!keep.has(field)) put(pathOf(source, debt), shown(field));
    for (const [list, rows] of Object.entries(map.rows || {})) {
      for (let index = 0; flat[`${list}.${index}.label`] !== undefined; index++) {
        const label = String(flat[`${list}.${index}.label`] || "").trim();
        const row = rows.find((candidate) => candidate.label?.text === label);
        if (!row) continue;
        for (const [field, source] of Object.entries(row)) put(pathOf(source, debt), shown(`${list}.${index}.${field}`));
      }
    }
    for (const [list, row] of Object.entries(map.each_debt || {})) {
      let spare = Math.max(-1, ...debts) + 1;
      for (let position = 0; flat[`${list}.${position}.amount`] !== undefined; position++) {
        if (!shown(`${list}.${position}.amount`)) continue;
        const index = position < debts.length ? debts[position] : spare++;
        for (const [field, source] of Object.entries(row)) put(pathOf(source, index), shown(`${list}.${position}.${field}`));
      }
    }
    const kept = keep.size ? "这一页的本金是谈好的或借款时的数，和“现在欠款”不是一回事，不会存回。" : "";
    if (!changes.length) return say(`这里的数和“我的情况”里的一样，不用存。${kept}`);
    say("");
    const items = changes.map(({ path, before, after }) =>
      `${nameOfPath(path, next)}：${before.trim() ? before : "（空）"} → ${after}`);
    const yes = await askFirst({ where: bar.querySelector(".case-actions"), button: saveButton,
                                 question: `要把下面 ${changes.length} 项存进“我的情况”吗？${kept}`, items,
                                 yes: "确定存回", no: "不存了" });
    if (!yes) return say("没有存回，“我的情况”没有改动。");
    const latest = readCase(storage);
    if (latest.state === "unreadable" || JSON.stringify(latest.values) !== JSON.stringify(values)) {
      refresh();
      return say("“我的情况”刚刚在别的页面改过，这次没有存回。请再点一次“存回我的情况”看看要改哪些。");
    }
    try {
      storage.setItem(CASE_KEY, JSON.stringify({ v: CASE_VERSION, values: next }));
    } catch (_) {
      say("没能存回“我的情况”（浏览器不让保存，可能存储空间满了）。这里填的内容不受影响。");
      return;
    }
    refresh();
    say(`已存回“我的情况”（${changes.length} 项）：${items.join("；")}。`);
  });

  refresh();
}
