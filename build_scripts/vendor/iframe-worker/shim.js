/* iframe-worker 1.0.4 shim (MIT, Martin Donath, see LICENSE), adapted for a strict CSP:
 * the iframe's bootstrap is runtime.js (loaded by URL) instead of an inline script.
 * On file:// it replaces window.Worker with a hidden iframe that runs the worker's script. */
"use strict";
(function () {
  var RUNTIME = document.currentScript ? new URL("runtime.js", document.currentScript.src).href : "";

  function attr(value) {
    return String(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.url = url;
      this.m = (event) => {
        if (event.source === this.w) {
          this.dispatchEvent(new MessageEvent("message", { data: event.data }));
          if (this.onmessage) this.onmessage(event);
        }
      };
      this.e = (message, filename, lineno, colno, error) => {
        if (filename === `${this.url}`) {
          const event = new ErrorEvent("error", { message, filename, lineno, colno, error });
          this.dispatchEvent(event);
          if (this.onerror) this.onerror(event);
        }
      };
      const frame = document.createElement("iframe");
      frame.hidden = true;
      document.body.appendChild((this.iframe = frame));
      this.w.document.open();
      this.w.document.write(
        `<html><body><script src="${attr(RUNTIME)}" data-worker="${attr(url)}"></script>` +
          `<script src="${attr(url + "?" + Date.now())}"></script></body></html>`
      );
      this.w.document.close();
      onmessage = this.m;
      onerror = this.e;
      this.r = new Promise((resolve, reject) => {
        this.w.onload = resolve;
        this.w.onerror = reject;
      });
    }
    terminate() {
      this.iframe.remove();
      onmessage = onerror = null;
    }
    postMessage(data) {
      this.r.catch().then(() => {
        this.w.dispatchEvent(new MessageEvent("message", structuredClone({ data })));
      });
    }
    get w() {
      return this.iframe.contentWindow;
    }
  }

  window.IFrameWorker = IFrameWorker;
  if (location.protocol === "file:") window.Worker = IFrameWorker;
})();
