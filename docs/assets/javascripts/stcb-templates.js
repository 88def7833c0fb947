/* Sổ tay Bí thư chi bộ — meeting templates in the browser: mounting.
 *
 * The page already works as plain HTML (a form and a blank printable document).
 * The template page loads, in order (scripts/handbook/components/template.py):
 *   stcb-meetings.js      the meeting store (localStorage, tabs, export/import)
 *   stcb-tpl-text.js      NFC, dates, times and numbers for print, small helpers
 *   stcb-tpl-count.js     the counting: attendance, votes, majority (pure; unit-tested in node)
 *   stcb-tpl-checks.js    required fields, numbers, cross-field checks from the data
 *   stcb-tpl-document.js  fills a copy of the blank document with the saved values
 *   stcb-tpl-form.js      Form: binds the form to the store, autosave, repeating rows
 *   stcb-tpl-review.js    inline errors + error summary, check answers, print
 *   stcb-tpl-word.js      the Word download (its scripts loaded on first use)
 *   stcb-tpl-bar.js       Bar: the meeting bar (meetings, export/import, clear)
 *   stcb-profile.js       window.stcb.profile, the cell's profile store (stub in the
 *                         templates branch; the storage branch's module replaces it)
 *   stcb-tpl-roll.js      the profile page, defaults from the profile, roll call, names
 *   stcb-templates.js     this file: mounts a Form and a Bar on every template, and on
 *                         a phone folds the introduction into one line above the form
 * Definitions (fields, checks, strings) come from the page's JSON block
 * [data-stcb-definition], built from data/templates/*.yml. User text is only ever
 * set with textContent or .value, never as HTML. Nothing is sent anywhere.
 */
(function () {
  "use strict";

  window.stcb = window.stcb || {};
  var M = window.stcb.meetings;
  // A module that failed to load leaves the plain HTML form (it never submits).
  var T = window.stcb.tpl || {};
  var all = T.all, fill = T.fill, Form = T.Form, Bar = T.Bar;

  /* Mount ------------------------------------------------------------------------------ */

  function defaultName(ui) {
    var today = new Date();
    return fill(ui["ws-default-name"], { month: today.getMonth() + 1, year: today.getFullYear() });
  }

  /* On a phone the page's introduction and the template's "about" block fold into one
   * <details> line above the form, so that the first field is on the first screen. Only
   * where the screen is narrow when the page loads (desktop and no-JS keep them open);
   * opened for print and when a link points inside; nothing is removed. */
  var FOLD_QUERY = "screen and (max-width: 44.9375em)";

  function fold(root, ui) {
    var about = root.querySelector(".stcb-tpl__about");
    if (!about || !window.matchMedia || !window.matchMedia(FOLD_QUERY).matches) return;
    // The page brings the <details> (so that the fold moves nothing); made here if not.
    var details = root.previousElementSibling;
    if (!details || !details.hasAttribute("data-stcb-fold")) {
      details = document.createElement("details");
      details.className = "stcb-fold";
      details.setAttribute("data-stcb-fold", "");
      var summary = document.createElement("summary");
      summary.textContent = ui["fold-summary"];
      details.appendChild(summary);
      root.parentNode.insertBefore(details, root);
    }
    // The page's own introduction: what stands between the title and the template.
    var title = root.parentNode.querySelector("h1");
    var node = title && title.parentNode === root.parentNode ? title.nextSibling : null;
    while (node && node !== details && node !== root) {
      var next = node.nextSibling;
      details.appendChild(node);
      node = next;
    }
    details.appendChild(about);
    details.hidden = false;
    var wasOpen = false;
    window.addEventListener("beforeprint", function () { wasOpen = details.open; details.open = true; });
    window.addEventListener("afterprint", function () { details.open = wasOpen; });
    function openForHash() {
      var id = decodeURIComponent(window.location.hash.slice(1));
      var target = id && document.getElementById(id);
      if (target && details.contains(target)) { details.open = true; target.scrollIntoView(); }
    }
    window.addEventListener("hashchange", openForHash);
    openForHash();
  }

  function mountAll() {
    if (!M || !T || !Form || !Bar) return;
    all(document, "[data-stcb-form-root]").forEach(function (root) {
      if (root.hasAttribute("data-stcb-mounted")) return;
      root.setAttribute("data-stcb-mounted", "");
      var form = new Form(root);
      fold(root, form.ui);
      M.setDefaultName(function () { return defaultName(form.ui); });
      M.ensure();
      var bar = root.querySelector("[data-stcb-ws]");
      if (bar) new Bar(bar, form.ui).mount();
      form.mount();
    });
  }

  window.stcb.templates = {
    format: T.format, validate: T.validate, printDocument: T.printDocument, nfc: T.nfc,
    nonEmptyRows: T.nonEmptyRows, loadDocx: T.loadDocx, count: T.count
  };

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
