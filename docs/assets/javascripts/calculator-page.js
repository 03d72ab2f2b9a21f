// Calculator pages: read the form, ask the worker (Python) for the answer, draw what Python returns.
//
// No maths here: every figure shown is a string from calculators.run(); this file only adds
// thousands separators and moves a decimal point to show a fraction as a percentage.
// Saved on this device only, one localStorage key per page:
//   xshk:calculator:NAME   the inputs of calculator NAME (penalty, plan, apr, budget, debts)
//   xshk:letter            the 协商还款申请书 form and the edited letter text
// (checklist.js keeps guide checklists under xshk:checklist:PAGE.)


// ------------------------------------------------------------------ small helpers

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const SVG = ["http:", "", "www.w3.org", "2000", "svg"].join("/"); // the SVG namespace (not a request)
function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** "12000.50" -> "12,000.50" (text only; the digits are Python's). */
function money(value) {
  if (value === null || value === undefined) return "";
  const text = String(value);
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!match) return text;
  return match[1] + match[2].replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (match[3] || "");
}

/** A fraction string from Python ("0.180000") shown as a percentage ("18.00%") by moving the point. */
function percent(value) {
  const match = /^(-?)(\d+)\.(\d+)$/.exec(String(value ?? ""));
  if (!match) return "";
  const [, sign, whole, fraction] = match;
  const digits = fraction.padEnd(2, "0");
  const integer = (whole + digits.slice(0, 2)).replace(/^0+(?=\d)/, "");
  const rest = digits.slice(2).replace(/0+$/, "").padEnd(2, "0");
  return `${sign}${integer}.${rest}%`;
}

function fieldId(name) {
  return String(name).replace(/[^A-Za-z0-9_-]/g, "-");
}

function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

function openStorage() {
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

// ------------------------------------------------------------------ the form

function init(form) {
  const name = form.dataset.calculator;
  const status = document.getElementById("calculator-status");
  const result = document.getElementById("result");
  const savedLine = document.getElementById("calculator-saved");
  const formError = document.getElementById("calculator-errors");
  const copyButton = document.querySelector('[data-action="copy"]');
  const key = name === "letter" ? "xshk:letter" : `xshk:calculator:${name}`;
  const storage = openStorage();
  const touched = new Set();
  let copyText = "";

  const say = (text) => {
    status.textContent = text;
  };

  // ---- list rows
  function renumber(list) {
    const listName = list.dataset.list;
    const listId = fieldId(listName);
    const nameRe = new RegExp(`^${listName}\\.(\\d+|__i__)\\.`);
    const idRe = new RegExp(`(^|\\s)${listId}-(\\d+|__i__)-`, "g");
    list.querySelectorAll(":scope > .calc-rows > .calc-row").forEach((row, index) => {
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

  function addRow(list) {
    const template = document.getElementById(`${fieldId(list.dataset.list)}-template`);
    const row = template.content.firstElementChild.cloneNode(true);
    list.querySelector(".calc-rows").append(row);
    renumber(list);
    return row;
  }

  function rowsOf(list) {
    return list.querySelectorAll(":scope > .calc-rows > .calc-row");
  }

  function ensureRows(listName, count) {
    const list = form.querySelector(`[data-list="${CSS.escape(listName)}"]`);
    if (!list) return;
    while (rowsOf(list).length < count) addRow(list);
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

  // ---- show_if
  function applyShowIf() {
    for (const wrapper of form.querySelectorAll("[data-show-if]")) {
      let condition = {};
      try {
        condition = JSON.parse(wrapper.dataset.showIf);
      } catch (_) {
        continue;
      }
      const applies = Object.entries(condition).every(([field, allowed]) => {
        const control = form.querySelector(`[name="${CSS.escape(field)}"]`);
        return control && allowed.includes(control.value);
      });
      wrapper.hidden = !applies;
    }
  }

  // ---- reading and writing values
  function controls() {
    return form.querySelectorAll("input[name], select[name], textarea[name]");
  }

  /** The form as the calculator reads it: `debts.0.amount` fields become lists of row objects. */
  function collect() {
    const inputs = {};
    for (const [name, value] of Object.entries(flatValues())) {
      const parts = name.split(".");
      if (parts.length === 3) {
        const [list, index, field] = parts;
        const rows = (inputs[list] ||= []);
        (rows[Number(index)] ||= {})[field] = value;
      } else {
        inputs[name] = value;
      }
    }
    for (const value of Object.values(inputs)) {
      if (Array.isArray(value)) for (let i = 0; i < value.length; i++) value[i] ??= {};
    }
    return inputs;
  }

  function setValue(fieldName, value) {
    const matches = form.querySelectorAll(`[name="${CSS.escape(fieldName)}"]`);
    for (const control of matches) {
      if (control.type === "checkbox") control.checked = [].concat(value).includes(control.value);
      else if (control.tagName === "SELECT") {
        if ([...control.options].some((option) => option.value === String(value))) control.value = String(value);
      } else control.value = String(value).slice(0, 1000);
      if (String(value).trim()) touched.add(fieldName);
    }
  }

  function restore(values) {
    for (const [fieldName, value] of Object.entries(values || {})) {
      const match = /^([a-z_]+)\.(\d+)\./.exec(fieldName);
      if (match) ensureRows(match[1], Number(match[2]) + 1);
    }
    for (const [fieldName, value] of Object.entries(values || {})) {
      if (typeof value === "string" || Array.isArray(value)) setValue(fieldName, value);
    }
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

  let extraSaved = {};
  function save() {
    if (!storage) return;
    try {
      storage.setItem(key, JSON.stringify({ v: 1, values: flatValues(), ...extraSaved }));
    } catch (_) {
      savedLine.textContent = "浏览器不让保存（可能存储空间满了）：刷新页面后要重新填写。计算不受影响。";
    }
  }

  function loadSaved() {
    if (!storage) return null;
    try {
      const data = JSON.parse(storage.getItem(key) || "null");
      return data && typeof data === "object" ? data : null;
    } catch (_) {
      return null;
    }
  }

  savedLine.textContent = storage
    ? "你填的内容只保存在这台设备的浏览器里，不会发送到任何地方。用完别人的手机或公用电脑，请点“清除本机保存的数据”。"
    : "这个浏览器不让网页保存数据（可能是无痕模式）：计算照常进行，但刷新页面后要重新填写。";

  const saved = loadSaved();
  if (saved) restore(saved.values);
  // A link from a guide page (penalty.html?product=huabei&amount=5000) wins over what was saved.
  const query = new URLSearchParams(location.search);
  const fromQuery = {};
  for (const [fieldName, value] of query) {
    if (form.querySelector(`[name="${CSS.escape(fieldName)}"]`) || /^[a-z_]+\.\d+\.[a-z_]+$/.test(fieldName)) {
      fromQuery[fieldName] = value;
    }
  }
  restore(fromQuery);
  applyShowIf();

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
      if (mode === "auto" && !(control && control.value.trim())) continue;
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

  if (name === "letter") {
    initLetter({ form, status, result, storage, say, collect, save, clearErrors, showError, saved, copyButton,
                 setExtra: (extra) => { extraSaved = extra; } });
    wireCommonButtons();
    form.addEventListener("input", () => { applyShowIf(); save(); });
    form.addEventListener("change", () => { applyShowIf(); save(); });
    return;
  }

  // ---- the worker
  let worker = null;
  let ready = false;
  let latest = 0;
  let latestMode = "auto";
  let firstAnswerAt = null;
  const expectBytes = Number(form.dataset.downloadBytes) || 0;

  function failed(text) {
    form.dataset.failed = "true";
    say(text);
    result.replaceChildren(el("p", { class: "calc-placeholder" },
      "计算器现在用不了。可以按本页下面的例子自己手算，结果是一样的。"));
  }

  const HAND = "也可以按本页下面的例子手算。";
  const FAILURES = {
    wasm: "计算引擎没能启动：文件可能没下载完整，或者这个浏览器太旧、关闭了 WebAssembly。请先刷新页面；还不行就换一个新版的 Chrome、Edge、Firefox 或 Safari，或者使用离线副本。" + HAND,
    runtime: "计算引擎的文件没能下载下来（网络中断，或网站缺少文件）。请检查网络后刷新页面；没有网络时可以使用离线副本。" + HAND,
    download: "计算引擎的文件没能下载下来。请检查网络后刷新页面，或者使用离线副本。" + HAND,
    startup: "计算引擎启动时出错（可能是手机内存不够）。请关掉其他页面后刷新，或换一个浏览器。" + HAND,
    memory: "这台设备的内存不够，计算引擎没能启动。请关掉其他网页和应用后刷新页面；还不行就换一台内存大一些的手机或电脑。" + HAND,
    package: "计算器的程序文件没能载入。请刷新页面重试，或者使用离线副本。" + HAND,
    checksum: "下载的计算器文件和网站上的不一致（可能下载不完整）。请刷新页面重试；还不行就使用离线副本。" + HAND,
  };

  // calculator-boot.js has started the worker already: the page loads it as a module script just
  // before this one (overrides/main.html), so this import finds it in place (the letter page, which
  // needs no worker, loads neither). Starting it from <head> instead was measured: on a slow
  // connection the 13 MB download then competed with the page's own files and the form appeared
  // twice as late.
  let boot = null;
  function startWorker() {
    import("./calculator-boot.js").then(
      (module) => {
        boot = module;
        attach(boot.connect(onWorkerEvent));
      },
      () => failed(FAILURES.wasm)
    );
  }

  function attach({ worker: started, problem }) {
    worker = started;
    if (problem === "file") {
      failed("计算器不能直接从文件夹里打开（地址以 file:// 开头）。请在网站文件夹里运行 python3 -m http.server 8000，" +
             "再用浏览器打开 http://127.0.0.1:8000/ ；离线副本里的启动程序也可以做到。" + HAND);
      return;
    }
    if (problem || !worker) {
      failed(FAILURES.wasm);
      return;
    }
    if (!form.dataset.failed && !ready) {
      say("正在加载计算引擎…（第一次打开要下载约 " + (expectBytes ? (expectBytes / 1048576).toFixed(1) + " MB" : "十几 MB") +
          "，之后会快一些。现在就可以先填写。）");
    }
    worker.postMessage({ type: "expect-bytes", total: expectBytes });
    // A question the page had for the worker (asked before it was handed over, or left unanswered
    // by a worker that has been replaced): ask this one.
    if (unanswered) send(unanswered);
  }

  function onWorkerEvent(kind, data) {
    if (kind === "error") {
      if (!ready) failed(FAILURES.wasm);
    } else onWorkerMessage(data);
  }

  function onWorkerMessage(message) {
    if (form.dataset.failed) return; // the failure stays on screen
    if (message.type === "progress") {
      if (message.stage === "download") {
        const total = message.total || expectBytes;
        const loaded = Math.min(message.loaded || 0, total || Infinity);
        say(total ? `正在加载计算引擎… ${(loaded / 1048576).toFixed(1)} / ${(total / 1048576).toFixed(1)} MB`
                  : "正在加载计算引擎…");
      } else if (message.stage === "startup") {
        say("正在启动计算引擎（Python）…");
      } else if (message.stage === "package") {
        say("正在载入计算器…");
      }
    } else if (message.type === "ready") {
      ready = true;
      form.dataset.ready = "true";
      form.dataset.readyMs = String(Math.round(performance.now()));
      say("计算器已就绪：改动任何数字，结果会自动更新。");
    } else if (message.type === "failed") {
      failed(FAILURES[message.stage] || FAILURES.startup);
    } else if (message.type === "restart") {
      // The memory snapshot saved on an earlier visit did not work (and is deleted): start afresh.
      form.dataset.snapshot = "failed";
      attach(boot.restart());
    } else if (message.type === "snapshot") {
      // For the tests and `make bench`: "loaded" (started from the saved snapshot) or "saved".
      form.dataset.snapshot = message.state;
      form.dataset.snapshotBytes = String(message.bytes || 0);
    } else if (message.type === "result") {
      if (message.id !== latest) return; // an older answer: the form has changed since
      unanswered = null;
      let answer;
      try {
        answer = JSON.parse(message.json);
      } catch (_) {
        answer = { errors: [{ field: "calculator", message: "计算出错了，请检查输入。" }] };
      }
      draw(answer, latestMode);
      // For `make bench`: time from sending the form to the answer drawn (worker round trip + Python + DOM).
      form.dataset.lastAnswerMs = (performance.now() - sentAt).toFixed(1);
      if (firstAnswerAt === null) {
        firstAnswerAt = performance.now();
        form.dataset.firstAnswerMs = String(Math.round(firstAnswerAt));
      }
    }
  }

  // The mode of the question the worker has not answered yet ("submit" wins over "auto" while
  // there is no worker to ask); attach() asks it again of a new worker.
  let unanswered = null;
  let sentAt = 0;
  function send(mode) {
    if (form.dataset.failed) return;
    if (!ready && mode === "submit") say("计算引擎还在加载，加载好后马上给出结果…");
    if (!worker) { // the worker is not handed over yet: attach() asks
      unanswered = mode === "submit" || unanswered === "submit" ? "submit" : "auto";
      return;
    }
    // Sent even while Python is still starting: the worker keeps it and answers the moment it can,
    // without waiting for this page to hear "ready" and ask again.
    unanswered = mode;
    latest += 1;
    latestMode = mode;
    sentAt = performance.now();
    worker.postMessage({ id: latest, name, inputs: collect() });
  }

  // ---- drawing the answer
  function draw(answer, mode) {
    if (answer && Array.isArray(answer.errors)) {
      const shown = drawErrors(answer.errors, mode);
      copyButton.disabled = true;
      copyText = "";
      result.dataset.state = "errors";
      result.replaceChildren(el("p", { class: "calc-placeholder" }, shown
        ? "请按红字提示改一下上面标出的地方，结果会自动更新。"
        : "还差一些内容：填好后会自动算出结果，或者点“计算”看看还缺什么。"));
      if (mode === "submit") {
        const first = form.querySelector('[aria-invalid="true"]');
        if (first) first.focus();
      }
      return;
    }
    clearErrors();
    const view = (RENDERERS[name] || renderGeneric)(answer || {});
    result.dataset.state = "answer";
    result.replaceChildren(...view.nodes.filter(Boolean));
    copyText = view.copy;
    copyButton.disabled = !copyText;
  }

  // ---- buttons: copy, print, clear
  function wireCommonButtons() {
    document.querySelector('[data-action="print"]').addEventListener("click", () => window.print());
    document.querySelector('[data-action="clear"]').addEventListener("click", () => {
      try {
        storage?.removeItem(key);
      } catch (_) { /* nothing saved */ }
      extraSaved = {};
      form.reset();
      for (const list of form.querySelectorAll("[data-list]")) {
        rowsOf(list).forEach((row, index) => { if (index > 0) row.remove(); });
        renumber(list);
      }
      touched.clear();
      clearErrors();
      applyShowIf();
      form.dispatchEvent(new CustomEvent("xshk:cleared"));
      if (name !== "letter") {
        result.replaceChildren(el("p", { class: "calc-placeholder" }, "填好上面的内容，结果会显示在这里。"));
        copyButton.disabled = true;
      }
      savedLine.textContent = "已清除这台设备上保存的内容。";
    });
    copyButton.addEventListener("click", async () => {
      const text = name === "letter" ? document.getElementById("letter-text").value : copyText;
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
  }

  wireCommonButtons();

  const autoRun = debounce(() => send("auto"), 300);
  function changed() {
    applyShowIf();
    save();
    autoRun();
  }
  form.addEventListener("input", (event) => {
    if (event.target.name) touched.add(event.target.name);
    changed();
  });
  form.addEventListener("change", changed);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send("submit");
  });

  startWorker();
  if (touched.size) send("auto"); // saved or linked values: answer as soon as Python is ready
}

// ------------------------------------------------------------------ results, per calculator

function table(caption, columns, rows) {
  return el("div", { class: "calc-table-wrap" },
    el("table", { class: "calc-table" },
      el("caption", {}, caption),
      el("thead", {}, el("tr", {}, columns.map((column) => el("th", { scope: "col" }, column.label)))),
      el("tbody", {}, rows.map((row) => el("tr", {}, columns.map((column) => {
        const value = column.get ? column.get(row) : row[column.key];
        return el("td", { class: column.money ? "num" : null }, column.money ? money(value) : (value ?? ""));
      }))))));
}

function notesList(notes) {
  if (!Array.isArray(notes) || !notes.length) return null;
  return el("div", { class: "calc-notes" }, el("h3", {}, "说明"),
    el("ul", {}, notes.map((note) => el("li", {}, String(note)))));
}

/** A plain line/bar chart of points [{x, y}] (y from Python's strings; positions only). */
function chart(title, points, { xLabel, yLabel, bars = false }) {
  const width = 320;
  const height = 180;
  const left = 52;
  const bottom = 28;
  const top = 12;
  const right = 10;
  const ys = points.map((point) => Number.parseFloat(point.y)).filter(Number.isFinite);
  if (!ys.length) return null;
  const maxY = Math.max(...ys) || 1;
  const maxX = Math.max(...points.map((point) => point.x)) || 1;
  const minX = Math.min(...points.map((point) => point.x));
  const span = Math.max(maxX - minX, 1);
  const px = (x) => left + ((x - minX) / span) * (width - left - right);
  const py = (y) => height - bottom - (y / maxY) * (height - bottom - top);
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "calc-chart", role: "img",
                            "aria-label": title, preserveAspectRatio: "xMidYMid meet" });
  root.append(svg("title", {}, title));
  root.append(svg("line", { x1: left, y1: height - bottom, x2: width - right, y2: height - bottom, class: "axis" }));
  root.append(svg("line", { x1: left, y1: top, x2: left, y2: height - bottom, class: "axis" }));
  const maxText = points.find((point) => Number.parseFloat(point.y) === maxY)?.y ?? "";
  root.append(svg("text", { x: left - 4, y: top + 4, "text-anchor": "end", class: "label" }, money(maxText)));
  root.append(svg("text", { x: left - 4, y: height - bottom, "text-anchor": "end", class: "label" }, "0"));
  root.append(svg("text", { x: left, y: height - 8, "text-anchor": "start", class: "label" }, String(minX)));
  root.append(svg("text", { x: width - right, y: height - 8, "text-anchor": "end", class: "label" }, `${maxX} ${xLabel}`));
  root.append(svg("text", { x: 4, y: top - 2 + 0, class: "label unit" }, yLabel));
  if (bars) {
    const barWidth = Math.max(1, (width - left - right) / points.length - 1);
    for (const point of points) {
      const y = Number.parseFloat(point.y);
      if (!Number.isFinite(y)) continue;
      const x = left + ((point.x - minX) / (span + 1)) * (width - left - right);
      root.append(svg("rect", { x: x.toFixed(1), y: py(y).toFixed(1), width: barWidth.toFixed(1),
                                height: Math.max(0, height - bottom - py(y)).toFixed(1), class: "bar" }));
    }
  } else {
    const path = points.filter((point) => Number.isFinite(Number.parseFloat(point.y)))
      .map((point) => `${px(point.x).toFixed(1)},${py(Number.parseFloat(point.y)).toFixed(1)}`).join(" ");
    root.append(svg("polyline", { points: path, class: "line" }));
  }
  return el("figure", { class: "calc-figure" }, root, el("figcaption", {}, title));
}

function summary(text) {
  return el("p", { class: "calc-summary" }, text);
}

function renderPenalty(r) {
  const sentence = `${r.product_label ?? ""}逾期 ${r.days ?? ""} 天，罚息（违约金）共 ${money(r.penalty)} 元，` +
    `连本带息 ${money(r.total)} 元；每多拖一天多 ${money(r.per_day)} 元，折合年化 ${percent(r.annual_rate_equivalent)}。`;
  const series = Array.isArray(r.series) ? r.series : [];
  const nodes = [summary(sentence),
    el("dl", { class: "calc-figures" },
      el("dt", {}, "逾期金额"), el("dd", {}, `${money(r.amount)} 元`),
      el("dt", {}, "日利率"), el("dd", {}, `${percent(r.daily_rate)}`),
      r.multiplier && r.multiplier !== "1" ? [el("dt", {}, "罚息倍数"), el("dd", {}, `${r.multiplier} 倍`)] : null,
      r.late_fee_per_bill && r.late_fee_per_bill !== "0.00" ? [el("dt", {}, "每期违约金"), el("dd", {}, `${money(r.late_fee_per_bill)} 元`)] : null,
      el("dt", {}, "平均每天"), el("dd", {}, `${money(r.average_per_day)} 元`)),
    chart("等得越久付得越多：逾期第几天累计的罚息（元）", series.map((p) => ({ x: p.day, y: p.penalty })),
          { xLabel: "天", yLabel: "元" }),
    el("details", { class: "calc-details" }, el("summary", {}, "每一天累计多少（表格）"),
      table("逾期天数与累计罚息", [{ key: "day", label: "第几天" }, { key: "penalty", label: "累计罚息（元）", money: true }], series)),
    notesList(r.notes)];
  return { nodes, copy: `【逾期费用】${sentence}\n（我用“协商还款指南”的计算器在自己手机上算的，请帮我核对。）` };
}

function renderPlan(r) {
  const schedule = Array.isArray(r.schedule) ? r.schedule : [];
  const first = r.method === "equal_principal" ? `第一期还 ${money(r.monthly_payment)} 元（以后逐月减少）`
                                               : `每月还 ${money(r.monthly_payment)} 元`;
  const apr = r.method === "interest_free" ? "不计利息" : `折合年化 ${percent(r.apr)}`;
  const sentence = `${first}，共 ${r.months ?? ""} 期，总利息 ${money(r.total_interest)} 元，${apr}。`;
  const hasDates = schedule.some((row) => row.due_date);
  const columns = [{ key: "period", label: "期数" }];
  if (hasDates) columns.push({ key: "due_date", label: "还款日" });
  columns.push({ key: "payment", label: "还款额（元）", money: true }, { key: "principal", label: "本金（元）", money: true },
               { key: "interest", label: r.method === "fee" ? "手续费（元）" : "利息（元）", money: true },
               { key: "balance", label: "剩余本金（元）", money: true });
  const nodes = [summary(sentence),
    el("dl", { class: "calc-figures" },
      el("dt", {}, "本金"), el("dd", {}, `${money(r.principal)} 元`),
      el("dt", {}, "还款方式"), el("dd", {}, r.method_label ?? ""),
      el("dt", {}, "一共还"), el("dd", {}, `${money(r.total_payment)} 元`),
      el("dt", {}, "最多一期"), el("dd", {}, `${money(r.max_payment)} 元`)),
    chart("每月还完后还欠多少（剩余本金，元）", schedule.map((row) => ({ x: row.period, y: row.balance })),
          { xLabel: "期", yLabel: "元", bars: true }),
    table("还款计划表", columns, schedule),
    notesList(r.notes)];
  return { nodes, copy: `【我的还款方案】本金 ${money(r.principal)} 元，${r.method_label ?? ""}：${sentence}\n` +
    `一共还 ${money(r.total_payment)} 元。（用“协商还款指南”的计算器算的，可以按这个方案签分期协议吗？）` };
}

function renderApr(r) {
  const sentence = `真实年化利率 ${percent(r.apr)}（内部收益率法）：实际到手 ${money(r.received)} 元，` +
    `${r.periods ?? ""} 期一共还 ${money(r.total_paid)} 元，多付 ${money(r.total_cost)} 元。`;
  const nodes = [summary(sentence),
    el("dl", { class: "calc-figures" },
      el("dt", {}, "月利率（IRR）"), el("dd", {}, percent(r.monthly_rate)),
      el("dt", {}, "年化（月利率 × 12）"), el("dd", {}, percent(r.apr)),
      el("dt", {}, "按复利的实际年利率"), el("dd", {}, percent(r.ear))),
    notesList(r.notes)];
  return { nodes, copy: `【这笔分期的真实成本】${sentence}\n请按实际年化利率向我说明费用。` };
}

function renderBudget(r) {
  const parts = [`每月收入 ${money(r.income_total)} 元，必要开支 ${money(r.essential_total)} 元`];
  if (r.other_debts_total && r.other_debts_total !== "0.00") parts.push(`其他必须还的 ${money(r.other_debts_total)} 元`);
  const sentence = `${parts.join("，")}，每月最多能拿出 ${money(r.available)} 元还这笔欠款。`;
  const nodes = [summary(sentence)];
  if (r.shortfall && r.shortfall !== "0.00") nodes.push(el("p", { class: "calc-warning" }, `收入不够必要开支：每月还差 ${money(r.shortfall)} 元。`));
  if (r.verdict) nodes.push(el("p", {}, String(r.verdict)));
  const plans = Array.isArray(r.fitting_plans) ? r.fitting_plans : [];
  if (plans.length) {
    nodes.push(table("按这个数能接受的还款方案", [
      { key: "method_label", label: "还款方式" },
      { label: "最少几期", get: (row) => (row.months ?? "放不下") },
      { key: "max_payment", label: "每月最多还（元）", money: true },
      { key: "total_interest", label: "总利息或手续费（元）", money: true },
      { label: "折合年化", get: (row) => (row.apr ? percent(row.apr) : "") },
    ], plans));
  }
  nodes.push(notesList(r.notes));
  return { nodes, copy: `【我每月能还多少】${sentence}${r.verdict ? "\n" + r.verdict : ""}` };
}

const LABELS = {
  name: "名称", label: "名称", amount: "金额（元）", balance: "欠款（元）", order: "顺序", rank: "顺序",
  per_day: "每天的代价（元）", daily_cost: "每天的代价（元）", monthly: "每月（元）", share: "每月分到（元）",
  monthly_payment: "每月还（元）", months: "期数", total_interest: "总利息（元）", total_payment: "一共还（元）",
  apr: "年化", product_label: "产品", method_label: "还款方式", penalty: "罚息（元）", reason: "理由",
  interest: "利息（元）", payment: "还款（元）", period: "期", day: "天", month: "月",
};

/** Any result (budget, debts, a new calculator): sentences, figures, tables of lists. */
function renderGeneric(r) {
  const nodes = [];
  const lines = [];
  for (const keyName of ["summary", "verdict", "advice", "recommendation"]) {
    if (typeof r[keyName] === "string" && r[keyName]) {
      nodes.push(summary(r[keyName]));
      lines.push(r[keyName]);
    }
  }
  const figures = el("dl", { class: "calc-figures" });
  for (const [keyName, value] of Object.entries(r)) {
    if (["calculator", "notes", "summary", "verdict", "advice", "recommendation"].includes(keyName)) continue;
    if (typeof value === "string" || typeof value === "number") {
      const shown = /(^|_)(apr|ear|rate)$/.test(keyName) ? percent(value) : money(value);
      figures.append(el("dt", {}, LABELS[keyName] || keyName), el("dd", {}, shown));
    }
  }
  if (figures.childElementCount) nodes.push(figures);
  for (const [keyName, value] of Object.entries(r)) {
    if (!Array.isArray(value) || !value.length || typeof value[0] !== "object" || keyName === "notes") continue;
    const columns = Object.keys(value[0]).filter((column) => typeof value[0][column] !== "object")
      .map((column) => ({ key: column, label: LABELS[column] || column,
                          get: /(^|_)(apr|rate)$/.test(column) ? (row) => percent(row[column]) : null,
                          money: /^-?\d+\.\d{2}$/.test(String(value[0][column])) }));
    nodes.push(table(LABELS[keyName] || keyName, columns, value));
  }
  nodes.push(notesList(r.notes));
  return { nodes: nodes.filter(Boolean), copy: lines.join("\n") };
}

function renderDebts(r) {
  const debts = Array.isArray(r.debts) ? r.debts : [];
  const shares = (Array.isArray(r.allocation) ? r.allocation : [])
    .map((item) => `${item.name ?? ""} ${money(item.amount)} 元`).join("、");
  const sentence = `一共欠 ${money(r.total_owed_now)} 元（其中罚息 ${money(r.total_penalty)} 元），现在每天多付 ${money(r.total_cost_per_day)} 元。` +
    (shares ? `每月 ${money(r.monthly_available)} 元建议这样分：${shares}。` : "");
  const ranked = [...debts].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  const nodes = [summary(sentence)];
  if (r.unallocated && r.unallocated !== "0.00") nodes.push(el("p", {}, `还剩 ${money(r.unallocated)} 元没有分出去（已经够还清全部欠款）。`));
  nodes.push(table("先还哪一笔（按顺序）", [
    { key: "rank", label: "顺序" },
    { key: "name", label: "欠款" },
    { key: "owed_now", label: "现在欠（元）", money: true },
    { key: "cost_per_day", label: "每天多付（元）", money: true },
    { label: "折合年化", get: (row) => percent(row.annual_rate_equivalent) },
    { key: "allocation", label: "每月分到（元）", money: true },
    { key: "reason", label: "为什么" },
  ], ranked));
  for (const debt of ranked) {
    if (debt.criminal_risk) nodes.push(el("p", { class: "calc-warning" }, `${debt.name ?? ""}：信用卡欠款较大且逾期较久，请优先和银行协商。`));
  }
  nodes.push(notesList(r.notes));
  return { nodes, copy: `【我的欠款和还款分配】${sentence}` };
}

const RENDERERS = { penalty: renderPenalty, plan: renderPlan, apr: renderApr, budget: renderBudget, debts: renderDebts };

// ------------------------------------------------------------------ the letter (no Python needed)

const REASONS = {
  illness: "本人（或家人）生病、受伤，治疗花了很多钱，一段时间不能正常工作，收入明显减少",
  job_loss: "本人失业，暂时没有稳定收入，正在积极找工作",
  income_drop: "本人收入大幅减少，扣除基本生活开支后，无法按原合同按时足额还款",
  family: "家庭发生变故，开支突然增加，收入不够按原合同还款",
  other: "发生了意外情况，暂时无法按原合同还款",
};

function initLetter({ form, status, storage, say, collect, save, clearErrors, showError, saved, copyButton, setExtra }) {
  const text = document.getElementById("letter-text");
  const printCopy = document.getElementById("letter-print");
  let edited = Boolean(saved && saved.edited);
  const blank = "＿＿＿＿";

  function optionLabel(fieldName, value) {
    const select = form.querySelector(`[name="${fieldName}"]`);
    const option = select && [...select.options].find((item) => item.value === value);
    return option && value ? option.textContent.split("（")[0] : "";
  }

  function compose() {
    const v = collect();
    const t = (value) => String(value ?? "").trim();
    const today = new Date();
    const date = `${today.getFullYear()} 年 ${today.getMonth() + 1} 月 ${today.getDate()} 日`;
    const product = optionLabel("product", v.product);
    const requests = (v.requests || []).map((value) => {
      const box = form.querySelector(`input[name="requests"][value="${CSS.escape(value)}"]`);
      return box ? box.labels[0].textContent : "";
    }).filter(Boolean);
    const method = optionLabel("method", v.method);
    const who = t(v.name) || blank;
    const lines = [
      "协商还款申请书",
      "",
      `${t(v.lender) || blank}：`,
      "",
      `　　本人${who}${t(v.id_tail) ? `（身份证号后四位 ${t(v.id_tail)}）` : ""}，在贵机构${product ? `的${product}` : ""}` +
        `${t(v.account) ? `（${t(v.account)}）` : ""}有一笔借款，目前欠款 ${t(v.amount) || blank} 元` +
        `${t(v.overdue_days) ? `，已逾期 ${t(v.overdue_days)} 天` : ""}。`,
      "",
      `　　逾期的原因是：${REASONS[v.reason] || REASONS.other}。${t(v.reason_detail)}`,
      "",
      "　　我没有逃避这笔欠款的意思，只是眼下确实没有能力按原合同还清。为了把欠款还上，我提出以下还款方案：",
      `　　每月还款 ${t(v.monthly) || blank} 元${t(v.months) ? `，共 ${t(v.months)} 期` : ""}` +
        `${method ? `，还款方式为${method}` : ""}${t(v.start_date) ? `，从 ${t(v.start_date)} 开始` : ""}。`,
      "",
    ];
    if (requests.length) {
      lines.push("　　恳请贵机构同意：");
      requests.forEach((request, index) => lines.push(`　　${index + 1}. ${request}；`));
      lines.push("");
    }
    lines.push(
      "　　这个金额是我在保证基本生活开支之后能拿出来的最大数额，我会按约定按时还款。" +
        "希望双方达成一致后签订书面还款协议（或在 App 中确认方案），写明每期金额、还款日期，以及利息、罚息和费用如何处理。",
      `${t(v.phone) ? `　　联系电话：${t(v.phone)}` : ""}`,
      "",
      "　　此致",
      "敬礼",
      "",
      `申请人：${t(v.name) || "＿＿＿＿＿＿（签名）"}`,
      `日期：${date}`,
    );
    return lines.filter((line, index, all) => !(line === "" && all[index - 1] === "")).join("\n");
  }

  function show(letter) {
    text.value = letter;
    printCopy.textContent = letter; // textContent: whatever was typed is shown as text, never as HTML
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

  form.addEventListener("input", () => {
    if (!edited) show(compose());
    persist();
  });
  form.addEventListener("change", () => {
    if (!edited) show(compose());
    persist();
  });
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
    const v = collect();
    const missing = [["lender", "请填写借款机构，例如 支付宝（花呗）"], ["amount", "请填写现在欠款，例如 12000"],
                     ["monthly", "请填写每月能还多少，例如 800"]].filter(([fieldName]) => !String(v[fieldName] || "").trim());
    for (const [fieldName, message] of missing) {
      showError(document.getElementById(`${fieldName}-error`), message);
      form.querySelector(`[name="${fieldName}"]`).setAttribute("aria-invalid", "true");
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
}

// Last, so that every constant above is initialised before the page starts.
const form = document.getElementById("calculator");
if (form) init(form);
