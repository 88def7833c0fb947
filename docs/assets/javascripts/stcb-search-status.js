/* Sổ tay Bí thư chi bộ — say so when search cannot work.
 *
 * Material's search runs in a Web Worker that its bundle starts at once. If the
 * worker's script cannot load (blocked, missing, a broken offline copy), the
 * search box would only ever say "Initializing search" or find nothing, which
 * reads as "no results". Loaded before Material's bundle (overrides/main.html),
 * this wraps the Worker constructor (the offline copy's shim included, which
 * loads earlier still) and, on the worker's `error` event, says in the page's
 * language that search is unavailable, where the result count would be.
 */
(function () {
  "use strict";

  var MESSAGES = {
    vi: "Chức năng tìm kiếm hiện không dùng được (không tải được công cụ tìm kiếm). " +
        "Hãy tải lại trang, hoặc tìm theo mục lục.",
    en: "Search is unavailable (the search engine could not be loaded). " +
        "Reload the page, or use the menu instead."
  };
  var Native = window.Worker;
  if (typeof Native !== "function") return;

  function message() {
    var lang = (document.documentElement.lang || "vi").slice(0, 2);
    return MESSAGES[lang] || MESSAGES.vi;
  }

  function show() {
    var meta = document.querySelector(".md-search-result__meta");
    if (!meta) return;
    var text = message();
    var hold = function () {
      if (meta.textContent !== text) meta.textContent = text;
    };
    hold();
    meta.classList.add("stcb-search-unavailable");
    meta.setAttribute("role", "status");
    // Material rewrites the line as the reader types: keep the message.
    new MutationObserver(hold).observe(meta, { childList: true, characterData: true,
                                               subtree: true });
  }

  function Guarded(url, options) {
    var worker = new Native(url, options);
    var shown = false;
    worker.addEventListener("error", function () {
      if (shown) return;
      shown = true;
      if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", show);
      } else {
        show();
      }
    });
    return worker;
  }
  Guarded.prototype = Native.prototype;
  window.Worker = Guarded;
})();
