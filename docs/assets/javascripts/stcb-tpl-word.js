/* Sổ tay Bí thư chi bộ — meeting templates: the Word download.
 * Loads stcb-docx.js and the docx library on the first click (next to this
 * script, served and from file://), then builds the .docx from the filled
 * printed document.
 */
(function () {
  "use strict";

  var T = window.stcb.tpl;
  var remove = T.remove, download = T.download, fill = T.fill, pad2 = T.pad2;
  var parseDate = T.parseDate, Form = T.Form;
  // This script's own URL: the Word scripts are found next to it (http and file://).
  var SCRIPT_URL = (document.currentScript && document.currentScript.src) || "";

  /* docx: the Word file, its scripts loaded on first use ------------------------------- */

  var DOCX_SCRIPTS = ["vendor/docx/docx.min.js", "stcb-docx.js"];
  var docxLoading = null;
  // A request that hangs (a dead connection in a meeting room) gives up after this
  // long, so the button works again; T.docxTimeout may be changed (tests do).
  T.docxTimeout = 20000;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      var timer = window.setTimeout(function () { fail("timed out"); }, T.docxTimeout);
      function fail(why) {
        window.clearTimeout(timer);
        script.onload = script.onerror = null;
        remove(script);
        reject(new Error(why + ": " + src));
      }
      script.src = src;
      script.onload = function () { window.clearTimeout(timer); resolve(); };
      script.onerror = function () { fail("not loaded"); };
      document.head.appendChild(script);
    });
  }

  /* Resolves to window.stcb.docx once both scripts have run. */
  function loadDocx() {
    if (window.docx && window.stcb.docx) return Promise.resolve(window.stcb.docx);
    if (!docxLoading) {
      var base = SCRIPT_URL || document.baseURI;
      docxLoading = Promise.all(DOCX_SCRIPTS.map(function (rel) {
        return loadScript(new URL(rel, base).href);
      })).then(function () {
        if (!window.docx || !window.stcb.docx) throw new Error("Word scripts missing");
        return window.stcb.docx;
      });
      // A failed load may be tried again with the next click.
      docxLoading.catch(function () { docxLoading = null; });
    }
    return docxLoading;
  }

  /* "bien-ban-sinh-hoat-chi-bo-2026-11-05.docx": template id and meeting date, if any. */
  Form.prototype.docxName = function (values) {
    var info = this.def.docx;
    var date = parseDate(values[info.date]);
    return info.file + (date ? "-" + date.y + "-" + pad2(date.m) + "-" + pad2(date.d) : "") +
      ".docx";
  };

  Form.prototype.downloadDocx = function (button) {
    var self = this;
    var info = this.def.docx;
    if (!info || this.docxBusy) return;
    this.docxBusy = true;
    button.setAttribute("aria-disabled", "true");
    this.announce(this.ui["docx-busy"]);
    var done = function (message) {
      self.docxBusy = false;
      button.removeAttribute("aria-disabled");
      self.announce(message);
    };
    var name;
    loadDocx().then(function (api) {
      self.refreshDocument(true);
      name = self.docxName(self.values());
      return api.build(self.filled.querySelector("[data-stcb-doc]"),
                       { layout: info.layout, title: info.title });
    }).then(function (blob) {
      done(download(name, blob) ? fill(self.ui["docx-done"], { file: name })
                                : self.ui["docx-error"]);
    }).catch(function () {
      done(self.ui["docx-error"]);
    });
  };

  T.loadDocx = loadDocx;
})();
