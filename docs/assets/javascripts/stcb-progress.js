/* Sổ tay Bí thư chi bộ — "where was I?" (read-only).
 *
 * - Home page (<!-- stcb:progress -->): "Đang làm dở" / "In progress" lists the
 *   checklists with at least one tick ("3/8 ticked", linking to the list) and the
 *   current meeting's documents, each "started" or "not started".
 * - Checklist index (<!-- stcb:checklist-index -->): a progress note on each row.
 *
 * Progressive enhancement: both stay hidden without JavaScript, without storage, and
 * when nothing is in progress. This module never writes storage, and puts what the
 * reader typed (a meeting's name) on the page as text only, never as HTML.
 */
(function () {
  "use strict";

  /* ---- Storage readers: the ONLY place this module reads saved data. ---------------
   * One small function per key, read-only. The owners of the keys are
   * stcb-checklist.js (ticks) and stcb-meetings.js (meetings); when their storage
   * format changes (e.g. a versioned envelope per key), adapt these functions alone. */
  var read = {
    /* "stcb:checklists" ({format, version, ticks: {item id: true}, runs}, written by
     * stcb-checklist.js through stcb-storage.js) → true when the item is ticked; ticks
     * saved before that store ("stcb:checklist-tick:<item id>", moved over on the next
     * visit to a checklist) count too. */
    tick: function (itemId) {
      var s = window.stcb && window.stcb.store;
      if (!s || !s.available) return false;
      var data = s.get("checklists", null);
      if (isObject(data) && isObject(data.ticks) && data.ticks[itemId] === true) return true;
      return s.get("checklist-tick:" + itemId, false) === true;
    },
    /* "stcb:meetings" → the current meeting {name, forms: {TEMPLATE: {FIELD: …}}}, or
     * null when there is none or the data cannot be read. */
    currentMeeting: function () {
      var s = window.stcb && window.stcb.store;
      if (!s || !s.available) return null;
      var raw = s.get("meetings", null);
      if (!isObject(raw) || !isObject(raw.meetings) || typeof raw.current !== "string") return null;
      var meeting = raw.meetings[raw.current];
      return isObject(meeting) ? meeting : null;
    }
  };
  /* ---- end of storage readers ------------------------------------------------------ */

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function ticked(items) {
    var done = 0;
    for (var i = 0; i < items.length; i++) if (read.tick(items[i])) done++;
    return done;
  }

  /* Has the reader typed anything into this template's fields (or rows)? */
  function hasContent(value) {
    if (typeof value === "string") return value.trim() !== "";
    if (value === true) return true;
    if (Array.isArray(value)) return value.some(hasContent);
    if (isObject(value)) {
      return Object.keys(value).some(function (key) { return hasContent(value[key]); });
    }
    return false;
  }

  function mountResume(section) {
    var any = false;
    var rows = section.querySelectorAll("[data-stcb-resume-checklist]");
    for (var i = 0; i < rows.length; i++) {
      var items = (rows[i].getAttribute("data-items") || "").split(" ").filter(Boolean);
      var done = ticked(items);
      rows[i].querySelector(".stcb-resume__count").textContent = done ?
        fill(section.getAttribute("data-progress"), { done: done, total: items.length }) : "";
      rows[i].hidden = !done;
      if (done) any = true;
    }
    var box = section.querySelector("[data-stcb-resume-meeting]");
    var meeting = read.currentMeeting();
    var forms = meeting && isObject(meeting.forms) ? meeting.forms : {};
    var docs = box.querySelectorAll("[data-stcb-resume-doc]");
    var started = 0;
    for (var j = 0; j < docs.length; j++) {
      var isStarted = hasContent(forms[docs[j].getAttribute("data-stcb-resume-doc")]);
      docs[j].setAttribute("data-state", isStarted ? "started" : "empty");
      docs[j].querySelector(".stcb-resume__status").textContent =
        section.getAttribute(isStarted ? "data-started" : "data-empty");
      if (isStarted) started++;
    }
    // The meeting's name is what the reader typed: text only, never HTML.
    var name = meeting && typeof meeting.name === "string" ? meeting.name : "";
    box.querySelector(".stcb-resume__meeting-name").textContent =
      fill(section.getAttribute("data-meeting"), { name: name });
    box.hidden = !started;
    if (started) any = true;
    section.hidden = !any;
  }

  function mountRow(note) {
    var items = (note.getAttribute("data-items") || "").split(" ").filter(Boolean);
    var done = ticked(items);
    note.textContent = done ? " · " + fill(note.getAttribute("data-template"),
      { done: done, total: items.length }) : "";
    note.hidden = !done;
  }

  function mountAll() {
    var sections = document.querySelectorAll("[data-stcb-resume]");
    for (var i = 0; i < sections.length; i++) mountResume(sections[i]);
    var notes = document.querySelectorAll("[data-stcb-progress-for]");
    for (var j = 0; j < notes.length; j++) mountRow(notes[j]);
  }

  // Another tab ticked or typed: show it here too.
  window.addEventListener("storage", function (event) {
    if (!event.key || event.key.indexOf("stcb:") === 0) mountAll();
  });
  // Coming back through the browser's back button shows the page from its cache.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) mountAll();
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
