// The letters page (协商还款申请书 and the other letters, chosen by `kind`): composes the letter
// from the form without Python; shows where and how to send it.
// The wording is data (calculators/letter.py, put on the form as JSON in data-letter); this file
// only fills it in: {field} → what was typed (or a blank line), pieces with "if" only when that
// field holds something, one line per ticked request, no two empty lines in a row.

import { parseObject } from "./calculator-form.js";

const fullNumber = (value) => /\d{8,}/.test(String(value || "").replace(/[\s-]/g, ""));

export function initLetter({ form, say, state, copyButton }) {
  const { storage, saved, collect, save, clearErrors, showError, setExtra } = state;
  const letter = parseObject(form.dataset.letter) || { lines: [], reasons: {}, required: {} };
  const text = document.getElementById("letter-text");
  const sendBox = document.getElementById("letter-send");
  const chosen = () => {
    const kind = form.querySelector('[name="kind"]')?.value;
    return letter.templates?.[kind] || letter.templates?.[letter.default_kind] || letter;
  };
  function showSend() {
    if (!sendBox) return;
    const send = Array.isArray(chosen().send) ? chosen().send : [];
    sendBox.replaceChildren(...send.map((line) => Object.assign(document.createElement("li"), { textContent: String(line) })));
  }
  const printCopy = document.getElementById("letter-print");
  let edited = Boolean(saved && saved.edited);

  function optionLabel(fieldName, value) {
    const select = form.querySelector(`select[name="${CSS.escape(fieldName)}"]`);
    const option = select && [...select.options].find((item) => item.value === value);
    return option && value ? option.textContent.split("（")[0] : "";
  }

  function compose() {
    const v = collect();
    const values = {};
    for (const [key, value] of Object.entries(v)) if (!Array.isArray(value)) values[key] = String(value ?? "").trim();
    const today = new Date();
    values.product_label = optionLabel("product", values.product);
    values.method_label = optionLabel("method", values.method);
    values.reason_sentence = letter.reasons[values.reason] || letter.reasons[letter.default_reason] || "";
    values.today = `${today.getFullYear()} 年 ${today.getMonth() + 1} 月 ${today.getDate()} 日`;
    values.name_or_signature = values.name || letter.signature_blank;
    for (const box of form.querySelectorAll("[data-last-digits]")) {  // never a full card number in the letter
      if (fullNumber(values[box.name])) values[box.name] = "";
    }
    const fill = (template, extra = {}) => String(template).replace(/\{([a-z_]+)\}/g, (_, key) =>
      String(extra[key] ?? (values[key] || letter.blank)));
    const requests = (v.requests || []).map((value) => {
      const box = form.querySelector(`input[name="requests"][value="${CSS.escape(value)}"]`);
      return box ? box.labels[0].textContent : "";
    }).filter(Boolean);
    const lines = [];
    for (const line of chosen().lines || []) {
      const first = line[0];
      if (first && first.each) {
        if (requests.length) {
          lines.push(first.header);
          requests.forEach((item, index) => lines.push(fill(first.text, { n: index + 1, item })));
          lines.push(first.footer);
        }
        continue;
      }
      lines.push(line.filter((piece) => !piece.if || values[piece.if]).map((piece) => fill(piece.text)).join(""));
    }
    return lines.filter((line, index, all) => !(line === "" && all[index - 1] === "")).join("\n");
  }

  /** A box for the last digits that holds a full number gets Python's message next to it. */
  function checkDigits() {
    for (const box of form.querySelectorAll("[data-last-digits]")) {
      const target = document.getElementById(`${box.id}-error`);
      if (!target) continue;
      if (fullNumber(box.value)) {
        showError(target, letter.last_digits || "");
        box.setAttribute("aria-invalid", "true");
      } else if (box.getAttribute("aria-invalid") === "true" && target.textContent.includes(letter.last_digits || "\u0000")) {
        target.replaceChildren();
        box.removeAttribute("aria-invalid");
      }
    }
  }

  function show(composed) {
    text.value = composed;
    printCopy.textContent = composed; // textContent: whatever was typed is shown as text, never as HTML
  }

  function persist() {
    setExtra({ letter: text.value, edited });
    save();
  }

  function regenerate() {
    edited = false;
    show(compose());
    persist();
  }

  if (saved && typeof saved.letter === "string" && edited) show(saved.letter);
  else show(compose());
  copyButton.disabled = false;
  persist();

  const update = () => {
    checkDigits();
    if (!edited) show(compose());
    showSend();
    persist();
  };
  showSend();
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  text.addEventListener("input", () => {
    edited = true;
    printCopy.textContent = text.value;
    persist();
  });
  document.querySelector('[data-action="regenerate"]').addEventListener("click", () => {
    regenerate();
    say("已按上面填写的内容重新生成申请书。");
  });
  form.addEventListener("xshk:cleared", () => {
    edited = false;
    show(compose());
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearErrors();
    checkDigits();
    const v = collect();
    const missing = Object.entries(chosen().required || {}).filter(([fieldName]) => !String(v[fieldName] || "").trim());
    for (const [fieldName, message] of missing) {
      showError(document.getElementById(`${fieldName}-error`), message);
      form.querySelector(`[name="${CSS.escape(fieldName)}"]`).setAttribute("aria-invalid", "true");
    }
    if (missing.length) {
      say("还有必填的地方没填，已在上面标出；申请书里先用横线代替。");
      form.querySelector('[aria-invalid="true"]').focus();
    } else if (edited) {
      say("你改过申请书，为了不覆盖你的修改，没有重写；需要的话点“按上面的内容重新生成”。");
    } else {
      regenerate();
      say("申请书已生成：可以在框里修改，然后打印或复制。");
    }
  });
  say(storage ? "申请书在你自己的浏览器里生成，只保存在这台设备上。"
              : "申请书在你自己的浏览器里生成；这个浏览器不让保存，刷新后要重新填写。");
  return { text: () => text.value };
}
