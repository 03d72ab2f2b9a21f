/* iframe-worker 1.0.4 (MIT, Martin Donath, see LICENSE): the bootstrap that the original shim
 * writes inline into its iframe, as a file, so the site's CSP needs no 'unsafe-inline'.
 * Runs inside the hidden iframe before the worker's own script. */
"use strict";
(function () {
  var self = document.currentScript;
  var worker = self ? self.getAttribute("data-worker") : "";
  // Material's search worker takes the first script[src] of this document to be itself (to find
  // its lunr files): leave only the worker's script, as in the original shim.
  if (self) self.remove();
  window.postMessage = function (message, origin) {
    parent.postMessage(message, origin || "*");
  };
  window.importScripts = function () {
    var urls = Array.prototype.slice.call(arguments);
    return urls.reduce(function (chain, url) {
      return chain.then(function () {
        return new Promise(function (resolve) {
          var script = document.createElement("script");
          script.src = url;
          script.onload = resolve;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
  addEventListener("error", function (event) {
    parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error: event.error }));
  });
})();
