/* Sổ tay Bí thư chi bộ — Web Workers for the offline copy (file://).
 *
 * Browsers refuse `new Worker()` from file://, and Material's search runs in a
 * worker. Like iframe-worker (MIT, by Material's author, which Material's
 * `offline` plugin loads from a CDN), this runs the worker script in a hidden
 * same-origin iframe instead. Unlike it, it writes no inline script into that
 * iframe: the iframe inherits the page's Content-Security-Policy (a <meta>,
 * overrides/hooks/csp_meta.py), which allows no inline script but Material's own
 * by hash. The worker's globals are set from here instead: `postMessage` answers
 * the page, `importScripts` loads scripts in order and returns a promise (which
 * Material's search worker awaits). Loaded only by the offline build
 * (overrides/hooks/offline.py); on http(s) it does nothing.
 */
(function () {
  "use strict";

  if (location.protocol !== "file:") return;

  function load(doc, url) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + url)); };
      doc.body.appendChild(script);
    });
  }

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      var self = this;
      this.url = new URL(String(url), location.href).href;
      this.iframe = document.createElement("iframe");
      this.iframe.hidden = true;
      document.body.appendChild(this.iframe);
      var scope = this.iframe.contentWindow;
      scope.postMessage = function (data) {
        var copy = structuredClone(data);
        setTimeout(function () { self.emit(new MessageEvent("message", { data: copy })); }, 0);
      };
      scope.importScripts = function () {
        var urls = Array.prototype.slice.call(arguments);
        return urls.reduce(function (done, next) {
          return done.then(function () { return load(scope.document, next); });
        }, Promise.resolve());
      };
      this.ready = load(scope.document, this.url).catch(function (error) {
        self.emit(new ErrorEvent("error", { message: error.message, filename: self.url }));
        throw error;
      });
    }

    emit(event) {
      this.dispatchEvent(event);
      var handler = event.type === "message" ? this.onmessage : this.onerror;
      if (typeof handler === "function") handler.call(this, event);
    }

    postMessage(data) {
      var scope = this.iframe.contentWindow;
      var copy = structuredClone(data);
      this.ready.then(function () {
        scope.dispatchEvent(new MessageEvent("message", { data: copy }));
      }, function () { /* reported as an error event already */ });
    }

    terminate() {
      this.iframe.remove();
    }
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
