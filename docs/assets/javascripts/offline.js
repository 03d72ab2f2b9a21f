// Keeps the site working offline: registers the service worker (sw.js at the site's root,
// written at build time by build_scripts/write_service_worker.py), says when a page is the saved
// copy shown without a network, and on a calculator page asks the worker to save Pyodide and the
// calculators once the calculator has started. Not on file:// (browsers allow service workers only
// over http(s)); the offline copy's README explains how to serve the folder.
(function () {
  "use strict";
  if (location.protocol === "file:" || !("serviceWorker" in navigator)) return;

  function siteRoot() {
    try {
      var config = JSON.parse(document.getElementById("__config").textContent);
      return new URL(config.base.replace(/\/?$/, "/"), location.href);
    } catch (error) {
      return new URL("../../", document.currentScript.src); // this file is assets/javascripts/…
    }
  }

  var root = siteRoot();

  function ask(worker, message) {
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) {
        resolve(event.data || {});
      };
      worker.postMessage(message, [channel.port2]);
    });
  }

  function showSavedCopyNotice(checked) {
    if (document.querySelector(".xshk-offline-notice")) return;
    var box = document.createElement("div");
    box.className = "admonition info xshk-offline-notice";
    box.setAttribute("role", "status");
    var title = document.createElement("p");
    title.className = "admonition-title";
    title.textContent = "离线副本";
    var text = document.createElement("p");
    text.textContent =
      "你现在没有网络，看到的是本机保存的副本" + (checked ? "，内容核对于 " + checked : "") + "。" +
      "有网络时重新打开本页，就会更新到最新内容。";
    box.appendChild(title);
    box.appendChild(text);
    var where = document.querySelector(".md-content__inner") || document.querySelector("main") || document.body;
    where.insertBefore(box, where.firstChild);
  }

  /** `then(ready)` once the calculator is ready (true) or has failed (false: it says why on the page). */
  function whenCalculatorSettled(form, then) {
    var ready = function () { return form.getAttribute("data-ready") === "true"; };
    var settled = function () { return ready() || form.hasAttribute("data-failed"); };
    if (settled()) return then(ready());
    var observer = new MutationObserver(function () {
      if (settled()) {
        observer.disconnect();
        then(ready());
      }
    });
    observer.observe(form, { attributes: true, attributeFilter: ["data-ready", "data-failed"] });
  }

  function register() {
    navigator.serviceWorker
      .register(new URL("sw.js", root).href, { scope: root.href })
      .catch(function () {
        // no service worker (private mode, an old browser): the site still works online
      });
  }

  // Installing the worker downloads the whole guide (about 2 MB) for offline use. It waits until
  // this page has what it needs: a guide page until it has loaded; a calculator page until the
  // calculator is ready (or has failed), so on a slow connection the guide's download does not
  // slow down Pyodide's. Once a calculator is ready (its files are then in the browser's HTTP
  // cache), the worker is also asked to keep Pyodide and the calculators for offline use.
  var form = document.getElementById("calculator");
  // a calculator that runs Python (the letter page has a form but no Python)
  if (form && form.getAttribute("data-calculator") !== "letter") {
    whenCalculatorSettled(form, function (ready) {
      register();
      if (!ready) return;
      navigator.serviceWorker.ready.then(function (registration) {
        return ask(registration.active, { type: "save-calculators" });
      }).then(function (answer) {
        if (answer && answer.saved) document.documentElement.setAttribute("data-offline-saved", "true");
      });
    });
  } else if (document.readyState === "complete") {
    register();
  } else {
    window.addEventListener("load", register);
  }

  var controller = navigator.serviceWorker.controller;
  if (controller) {
    ask(controller, { type: "status" }).then(function (status) {
      if (status.fromCache || !navigator.onLine) showSavedCopyNotice(status.checked);
    });
  }
})();
