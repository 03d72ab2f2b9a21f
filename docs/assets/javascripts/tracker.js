// 我的还款协议 (calculator `tracker`): "记一笔还款" in two taps, and an agreement brought over from
// 我的协商方案. The agreements and payments are the page's ordinary form (calculator-form.js, saved
// under xshk:agreements); this file only adds a payment row or an agreement row to it. The amount it
// proposes is Python's `open_amount` (what is left of the first instalment not yet paid) from the last answer;
// no sums here, no wording of answers.
//
// From 我的协商方案: ?new_lender=…&new_monthly=…&new_months=… adds (or finds) that lender's agreement.

import { el } from "./calculator-form.js";

function today() {
  const now = new Date();
  return [now.getFullYear(), String(now.getMonth() + 1).padStart(2, "0"), String(now.getDate()).padStart(2, "0")].join("-");
}

export function initTracker({ form, state, changed }) {
  let result = null; // Python's last answer without errors
  const rowsOf = (list) => [...form.querySelectorAll(`[data-list="${list}"] > .calc-rows > .calc-row`)];
  const blank = (row) => ![...row.querySelectorAll("input")].some((box) => box.value.trim());
  const lenders = () => rowsOf("agreements").map((row) => row.querySelector('[name$=".lender"]')?.value.trim() || "")
    .filter((name, index, all) => name && all.indexOf(name) === index);

  /** The index of the first blank row of `list`, or the next one to add. */
  function freeRow(list) {
    const rows = rowsOf(list);
    const found = rows.findIndex(blank);
    return found >= 0 ? found : rows.length;
  }

  // ---- the panel: which agreement, date (today), amount (what is left of the first instalment not yet paid), a note
  const who = el("select", { id: "quick-lender", class: "calc-input", "aria-describedby": "quick-status" });
  const date = el("input", { type: "date", id: "quick-date", class: "calc-input", autocomplete: "off" });
  const amount = el("input", { type: "text", id: "quick-amount", class: "calc-input", inputmode: "decimal",
                               autocomplete: "off", spellcheck: "false" });
  const note = el("input", { type: "text", id: "quick-note", class: "calc-input", maxlength: "50", autocomplete: "off" });
  const record = el("button", { type: "button", class: "md-button md-button--primary", "data-action": "record-payment" },
    "记下这笔还款");
  const status = el("p", { id: "quick-status", class: "calc-status", role: "status" });
  const panel = el("section", { class: "tracker-quick no-print", "aria-labelledby": "quick-heading" },
    el("h2", { id: "quick-heading" }, "记一笔还款"),
    el("div", { class: "calc-field" }, el("label", { for: "quick-lender" }, "还给哪家"), who),
    el("div", { class: "calc-field" }, el("label", { for: "quick-date" }, "哪天还的"), date),
    el("div", { class: "calc-field" }, el("label", { for: "quick-amount" }, "还了多少（元）"),
      el("p", { class: "calc-hint", id: "quick-amount-hint" }, "自动填的是最早一期还没还够的数；多还少还都照实改"), amount),
    el("div", { class: "calc-field" }, el("label", { for: "quick-note" }, "备注（可不填）"),
      el("p", { class: "calc-hint" }, "例如 回单号、还款渠道"), note),
    el("div", { class: "calc-submit" }, record), status);
  amount.setAttribute("aria-describedby", "quick-amount-hint");
  form.before(panel);
  let amountTyped = false;
  amount.addEventListener("input", () => { amountTyped = true; });

  function nextAmount(lender) {
    const found = (result?.agreements || []).find((agreement) => agreement.lender === lender);
    return found && found.status !== "done" ? String(found.open_amount ?? "") : "";
  }

  /** Fill the panel's choices and defaults from the form and Python's last answer. */
  function refresh() {
    const names = lenders();
    const chosen = who.value;
    const nearest = result?.totals?.next_lender;
    who.replaceChildren(...names.map((name) => el("option", { value: name }, name)));
    if (names.includes(chosen)) who.value = chosen;
    else if (names.includes(nearest)) who.value = nearest;
    record.disabled = !names.length;
    if (!date.value) date.value = today();
    if (!amountTyped) amount.value = nextAmount(who.value);
    if (!names.length) status.textContent = "先在下面填好一份协议（机构、每月还多少、期数、第一期还款日），就可以在这里记还款。";
  }

  who.addEventListener("change", () => {
    amountTyped = false;
    refresh();
  });

  record.addEventListener("click", () => {
    const lender = who.value;
    if (!lender) return refresh();
    if (!amount.value.trim()) {
      status.textContent = "请填还了多少，例如 800";
      amount.focus();
      return;
    }
    const index = freeRow("payments");
    state.restore({ [`payments.${index}.lender`]: lender, [`payments.${index}.date`]: date.value || today(),
                    [`payments.${index}.amount`]: amount.value.trim(), [`payments.${index}.note`]: note.value.trim() });
    changed();
    status.textContent = `已记下：${date.value || today()} 还${lender} ${amount.value.trim()} 元。要改或删，在下面“已还的钱”里改。`;
    note.value = "";
    date.value = today();
    amountTyped = false;
    amount.value = "";
  });

  form.addEventListener("xshk:answered", (event) => {
    const answer = event.detail;
    if (answer && answer.result && !answer.result.errors) result = answer.result;
    refresh();
  });
  form.addEventListener("input", (event) => {
    if (/^agreements\.\d+\.lender$/.test(event.target.name || "")) refresh();
  });
  form.addEventListener("xshk:cleared", () => {
    result = null;
    refresh();
  });

  // ---- "算到哪一天" is today on every visit, unless a link says otherwise
  const params = new URLSearchParams(location.search);
  const asOf = form.elements.namedItem("as_of");
  if (asOf && !params.has("as_of")) asOf.value = today();

  // ---- an agreement from 我的协商方案
  const lender = (params.get("new_lender") || "").trim().slice(0, 50);
  if (lender) {
    const rows = rowsOf("agreements");
    const existing = rows.findIndex((row) => row.querySelector('[name$=".lender"]')?.value.trim() === lender);
    const index = existing >= 0 ? existing : freeRow("agreements");
    if (existing < 0) {
      const values = { [`agreements.${index}.lender`]: lender };
      for (const name of ["monthly", "months"]) {
        const value = (params.get(`new_${name}`) || "").trim().slice(0, 30);
        if (value) values[`agreements.${index}.${name}`] = value;
      }
      state.restore(values);
      for (const name of ["new_lender", "new_monthly", "new_months"]) params.delete(name);
      const query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? `?${query}` : "") + location.hash);
      changed();
    }
    status.textContent = existing >= 0
      ? `${lender}的协议已经在下面了（第 ${index + 1} 项），没有再加一份。`
      : `已从我的协商方案填好${lender}的机构、每月金额和期数：请对照协议填上第一期还款日，再看总额对不对。`;
    form.querySelector(`[name="agreements.${index}.first_due"]`)?.focus();
  }
  refresh();
}
