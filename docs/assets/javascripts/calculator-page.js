// Calculator pages: the form (calculator-form.js) asks Python through the worker
// (calculator-client.js) and the one renderer (calculator-render.js) draws the view Python
// describes; the letter page (calculator-letter.js) composes its letter without Python.
// No maths and no wording of answers here: this file only wires the pieces together.

import { askFirst, debounce, el, offerUndo, putBackAndReload, setUpForm } from "./calculator-form.js";
import { markScrolling, render } from "./calculator-render.js";
import { connect } from "./calculator-client.js";
import { initLetter } from "./calculator-letter.js";
import { initCaseBar } from "./case-file.js";
import { initTracker } from "./tracker.js";

const PLACEHOLDER = "填好上面的内容，结果会显示在这里。";
const UNAVAILABLE = "计算器现在用不了。可以按本页下面的例子自己手算，结果是一样的。";

function init(form) {
  const status = document.getElementById("calculator-status");
  const result = document.getElementById("result");
  const copyButton = document.querySelector('[data-action="copy"]');
  const say = (text) => { status.textContent = text; };
  let copyText = "";
  let client = null;
  let letter = null;

  const autoRun = debounce(() => client?.ask("auto", state.collect()), 300);
  const changed = () => {
    state.applyConditions();
    state.save();
    if (!letter) autoRun();
  };
  const state = setUpForm(form, { changed });
  initCaseBar({ form, state });

  function answered(answer, mode) {
    const errors = Array.isArray(answer.result.errors) ? answer.result.errors : null;
    const { nodes, copy } = render(answer.view);
    state.drawReadings(answer.readings);
    if (errors) {
      state.drawErrors(errors, mode);
      if (mode === "submit") form.querySelector('[aria-invalid="true"]')?.focus();
    } else {
      state.clearErrors();
    }
    result.dataset.state = errors ? "errors" : "answer";
    result.replaceChildren(...(nodes.length ? nodes : [el("p", { class: "calc-placeholder" }, PLACEHOLDER)]));
    markScrolling(result);
    copyText = errors ? "" : copy;
    copyButton.disabled = !copyText;
    form.dispatchEvent(new CustomEvent("xshk:answered", { detail: answer }));
  }

  window.addEventListener("resize", debounce(() => markScrolling(result), 200));
  result.addEventListener("toggle", () => markScrolling(result), true); // a table opened from its <details>

  // ---- buttons: copy, print, clear
  document.querySelector('[data-action="print"]').addEventListener("click", () => window.print());
  const clearButton = document.querySelector('[data-action="clear"]');
  clearButton.addEventListener("click", async () => {
    const shared = state.key === "xshk:case";
    const yes = await askFirst({
      where: clearButton.parentElement, button: clearButton,
      question: shared
        ? "要清除“我的情况”吗？每笔欠款、每月收支、姓名和电话都会从这台设备上删掉（“我的协商方案”用的也是它）。"
        : "要清除这一页在这台设备上保存的内容吗？",
      yes: "确定清除", no: "不清除",
    });
    if (!yes) return;
    let before = null;
    try {
      before = state.storage?.getItem(state.key) ?? null;
    } catch (_) { /* nothing to put back */ }
    const typed = state.flatValues();
    state.forget();
    offerUndo(document.getElementById("calculator-saved"), "已清除这台设备上保存的内容。点“撤销”可以恢复。", () => {
      if (before !== null) return putBackAndReload(state.storage, { [state.key]: before });
      state.restore(typed);
      changed();
    });
    form.dispatchEvent(new CustomEvent("xshk:cleared"));
    if (!letter) {
      result.replaceChildren(el("p", { class: "calc-placeholder" }, PLACEHOLDER));
      copyText = "";
      copyButton.disabled = true;
    }
  });
  copyButton.addEventListener("click", async () => {
    const text = letter ? letter.text() : copyText;
    if (!text) return;
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch (_) {
      const area = el("textarea", { class: "visually-hidden", readonly: true });
      area.value = text;
      document.body.append(area);
      area.select();
      try {
        ok = document.execCommand("copy");
      } catch (_) {
        ok = false;
      }
      area.remove();
    }
    say(ok ? "已复制。可以粘贴到和客服的聊天里，或者短信里。" : "没能自动复制：请长按结果里的文字，手动选择复制。");
  });

  if (state.name === "letter") {
    letter = initLetter({ form, say, state, copyButton });
    form.addEventListener("input", () => { state.applyConditions(); state.save(); });
    form.addEventListener("change", () => { state.applyConditions(); state.save(); });
    return;
  }

  client = connect({
    form,
    say,
    failed: (text) => {
      say(text);
      result.replaceChildren(el("p", { class: "calc-placeholder" }, UNAVAILABLE));
    },
    answered,
  });
  form.addEventListener("input", (event) => {
    if (event.target.name) state.touched.add(event.target.name);
    changed();
  });
  form.addEventListener("change", changed);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    // the click blurred the box (a "change"): its pending auto question would arrive after this
    // one and hide the errors of the fields left blank
    autoRun.cancel();
    client.ask("submit", state.collect());
  });
  if (state.name === "tracker") initTracker({ form, state, changed }); // 记一笔还款; an agreement from 我的协商方案
  if (state.touched.size) client.ask("auto", state.collect()); // saved or linked values: answer once Python is ready
}

const form = document.getElementById("calculator");
if (form) init(form);
