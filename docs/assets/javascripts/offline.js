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

  function whenCalculatorReady(form, then) {
    if (form.getAttribute("data-ready") === "true") return then();
    var observer = new MutationObserver(function () {
      if (form.getAttribute("data-ready") === "true") {
        observer.disconnect();
        then();
      }
    });
    observer.observe(form, { attributes: true, attributeFilter: ["data-ready"] });
  }

  navigator.serviceWorker
    .register(new URL("sw.js", root).href, { scope: root.href })
    .catch(function () {
      // no service worker (private mode, an old browser): the site still works online
    });

  var controller = navigator.serviceWorker.controller;
  if (controller) {
    ask(controller, { type: "status" }).then(function (status) {
      if (status.fromCache || !navigator.onLine) showSavedCopyNotice(status.checked);
    });
  }

  // A calculator page: once the calculator has started (its files are then in the browser's
  // HTTP cache), have the worker keep Pyodide and the calculators for offline use.
  var form = document.getElementById("calculator");
  if (form) {
    whenCalculatorReady(form, function () {
      navigator.serviceWorker.ready.then(function (registration) {
        return ask(registration.active, { type: "save-calculators" });
      }).then(function (answer) {
        if (answer && answer.saved) document.documentElement.setAttribute("data-offline-saved", "true");
      });
    });
  }
})();
