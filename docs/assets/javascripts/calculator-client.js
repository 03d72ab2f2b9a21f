// Calculator pages, the worker client: hands questions to the calculator worker (Pyodide),
// reports its progress and failures in the status line, and passes each answer on.
// Only the newest question matters: an older answer is dropped.
//
// The page's hooks (for the tests and `make bench`): form[data-ready], [data-failed],
// [data-ready-ms], [data-snapshot] ("build" | "build-skipped" | "build-failed" | "loaded" | "saved" |
// "failed"), [data-snapshot-bytes], [data-snapshot-reason] (why the build's snapshot was not used),
// [data-last-answer-ms] (form sent → answer drawn), [data-first-answer-ms], [data-start-parts] (JSON:
// each part of the worker's start, ms since it started, for `make bench`).

const HAND = "也可以按本页下面的例子手算。";
const FAILURES = {
  wasm: "计算引擎没能启动：文件可能没下载完整，或者这个浏览器太旧、关闭了 WebAssembly。请先刷新页面；还不行就换一个新版的 Chrome、Edge、Firefox 或 Safari，或者使用离线副本。" + HAND,
  runtime: "计算引擎的文件没能下载下来（网络中断，或网站缺少文件）。请检查网络后刷新页面；没有网络时可以使用离线副本。" + HAND,
  download: "计算引擎的文件没能下载下来。请检查网络后刷新页面，或者使用离线副本。" + HAND,
  startup: "计算引擎启动时出错（可能是手机内存不够）。请关掉其他页面后刷新，或换一个浏览器。" + HAND,
  memory: "这台设备的内存不够，计算引擎没能启动。请关掉其他网页和应用后刷新页面；还不行就换一台内存大一些的手机或电脑。" + HAND,
  package: "计算器的程序文件没能载入。请刷新页面重试，或者使用离线副本。" + HAND,
  checksum: "下载的计算器文件和网站上的不一致（可能下载不完整）。请刷新页面重试；还不行就使用离线副本。" + HAND,
  file: "计算器不能直接从文件夹里打开（地址以 file:// 开头）。请在网站文件夹里运行 python3 -m http.server 8000，" +
        "再用浏览器打开 http://127.0.0.1:8000/ ；离线副本里的启动程序也可以做到。" + HAND,
};

/**
 * connect({form, say, failed, answered}) -> {ask(mode, inputs)}
 *   say(text): the status line; failed(text): the calculator cannot work on this visit;
 *   answered(answer, mode, ms): Python's {result, view} for the newest question.
 */
export function connect({ form, say, failed, answered }) {
  const name = form.dataset.calculator;
  let worker = null;
  let boot = null;
  let ready = false;
  let latest = 0;
  let latestMode = "auto";
  let latestInputs = null;
  let unanswered = null; // {mode, inputs} asked before a worker was there to hear it
  let sentAt = 0;

  function fail(text) {
    form.dataset.failed = "true";
    failed(text);
  }

  function attach({ worker: started, problem }) {
    worker = started;
    if (problem === "file") return fail(FAILURES.file);
    if (problem || !worker) return fail(FAILURES.wasm);
    if (!form.dataset.failed && !ready) {
      say("正在加载计算引擎…（第一次打开要下载几 MB，之后会快很多。现在就可以先填写。）");
    }
    // A question asked before this worker was handed over (or left unanswered by a worker that has
    // been replaced): ask it now.
    if (unanswered) ask(unanswered.mode, unanswered.inputs);
  }

  function onMessage(message) {
    if (form.dataset.failed) return; // the failure stays on screen
    if (message.type === "progress") {
      if (message.stage === "download") {
        const total = message.total || 0;
        const loaded = Math.min(message.loaded || 0, total || Infinity);
        say(total ? `正在加载计算引擎… ${Math.floor((100 * loaded) / total)}%` : "正在加载计算引擎…");
      } else if (message.stage === "startup") {
        say("正在启动计算引擎（Python）…");
      } else if (message.stage === "package") {
        say("正在载入计算器…");
      }
    } else if (message.type === "parts") {
      form.dataset.startParts = JSON.stringify(message.parts || {});
    } else if (message.type === "ready") {
      form.dataset.startParts = JSON.stringify(message.parts || {});
      ready = true;
      form.dataset.ready = "true";
      form.dataset.readyMs = String(Math.round(performance.now()));
      say("计算器已就绪：改动任何数字，结果会自动更新。");
    } else if (message.type === "failed") {
      fail(FAILURES[message.stage] || FAILURES.startup);
    } else if (message.type === "restart") {
      // The memory snapshot saved on an earlier visit did not work (and is deleted): start afresh.
      form.dataset.snapshot = "failed";
      attach(boot.restart());
    } else if (message.type === "snapshot") {
      form.dataset.snapshot = message.state;
      form.dataset.snapshotBytes = String(message.bytes || 0);
      if (message.reason) form.dataset.snapshotReason = message.reason;
    } else if (message.type === "result") {
      if (message.id !== latest) return; // an older answer: the form has changed since
      if (!form.dataset.firstAnswerMs) performance.mark("xshk:first-answer-received"); // `make bench`
      unanswered = null;
      let answer = null;
      try {
        answer = JSON.parse(message.json);
      } catch (_) {
        answer = null;
      }
      if (!answer || typeof answer !== "object" || !answer.result) {
        const text = "计算出错了，请检查输入，或按本页的例子手算。";
        answer = { result: { errors: [{ field: "calculator", message: text }] }, view: [{ kind: "paragraph", text }] };
      }
      answered(answer, latestMode);
      form.dataset.lastAnswerMs = (performance.now() - sentAt).toFixed(1);
      if (!form.dataset.firstAnswerMs) form.dataset.firstAnswerMs = String(Math.round(performance.now()));
    }
  }

  /** Ask Python about `inputs`; "submit" (the 计算 button) also shows errors of empty fields. */
  function ask(mode, inputs) {
    if (form.dataset.failed) return;
    if (!ready && mode === "submit") say("计算引擎还在加载，加载好后马上给出结果…");
    latestInputs = inputs;
    if (!worker) { // not handed over yet: attach() asks
      const keep = mode === "submit" || unanswered?.mode === "submit" ? "submit" : "auto";
      unanswered = { mode: keep, inputs };
      return;
    }
    // Sent even while Python is still starting: the worker keeps it and answers the moment it can.
    unanswered = { mode, inputs };
    latest += 1;
    latestMode = mode;
    sentAt = performance.now();
    worker.postMessage({ id: latest, name, inputs: latestInputs });
  }

  // calculator-boot.js has started the worker already: the page's <head> loads it as an async module
  // (overrides/main.html), so this import finds it in place.
  import("./calculator-boot.js").then(
    (module) => {
      boot = module;
      attach(boot.connect((kind, data) => {
        if (kind === "error") {
          if (!ready) fail(FAILURES.wasm);
        } else onMessage(data);
      }));
    },
    () => fail(FAILURES.wasm)
  );

  return { ask };
}
