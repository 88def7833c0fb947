/* Sổ tay Bí thư chi bộ — interactive checklists.
 *
 * The checklist is a plain HTML form (overrides/partials/stcb/checklist.html):
 * its checkboxes work without this script. This adds:
 *   - saving: each tick under its item id, and the name of the current use, in this
 *     browser only, in one store (window.stcb.storage, key "stcb:checklists":
 *     {format: "stcb-checklists", version: 1, ticks: {item: true}, runs: {id: text}};
 *     version 0 was one key per tick and per run name, migrated on first read). Item
 *     ids are the same on the Vietnamese and English pages, so both show the same ticks.
 *     A store that cannot be read is never overwritten: a notice offers its download;
 *   - the status word and "3/8 done", announced politely to screen readers;
 *   - reset (after confirmation), and printing this checklist alone, blank or
 *     with the current ticks.
 * If the browser refuses storage, everything still works and the page says
 * that progress will not be saved. Nothing is ever sent anywhere.
 */
(function () {
  "use strict";

  var TICK = "checklist-tick:"; // version 0: one key per item id → true
  var RUN = "checklist-run:"; // version 0: one key per checklist id → text
  var mounted = [];
  var S = window.stcb && window.stcb.storage;

  function legacyKeys() {
    return S.names().filter(function (n) { return n.indexOf(TICK) === 0 || n.indexOf(RUN) === 0; });
  }

  var KEY = S && S.define("checklists", {
    format: "stcb-checklists", version: 1,
    empty: function () { return { format: "stcb-checklists", version: 1, ticks: {}, runs: {} }; },
    valid: function (data) {
      if (data.ticks === undefined) data.ticks = {};
      if (data.runs === undefined) data.runs = {};
      return S.isObject(data.ticks) && S.isObject(data.runs);
    },
    migrate: {
      // Version 0: the keys "stcb:checklist-tick:ITEM" (true) and "stcb:checklist-run:ID".
      0: function (data) { return data; }
    },
    legacy: function () {
      var names = legacyKeys();
      if (!names.length) return null;
      var data = { ticks: {}, runs: {} };
      names.forEach(function (name) {
        var value;
        var raw = S.getRaw(name);
        try { value = JSON.parse(raw); } catch (error) { value = null; }
        if (value !== true && typeof value !== "string") S.keepCopy(name, raw);  // never lost
        if (name.indexOf(TICK) === 0 && value === true) data.ticks[name.slice(TICK.length)] = true;
        if (name.indexOf(RUN) === 0 && typeof value === "string") data.runs[name.slice(RUN.length)] = value;
      });
      return data;
    },
    legacyKeys: legacyKeys
  });

  function canSave() {
    return !!(KEY && S.available);
  }

  function each(list, fn) {
    for (var i = 0; i < list.length; i++) fn(list[i], i);
  }

  function Checklist(section) {
    this.section = section;
    this.id = section.getAttribute("data-stcb-checklist");
    this.boxes = section.querySelectorAll("input[data-stcb-item]");
    this.run = section.querySelector(".stcb-checklist__run");
    this.word = section.querySelector(".stcb-checklist__status-word");
    this.progress = section.querySelector(".stcb-checklist__progress");
    this.status = section.querySelector(".stcb-checklist__status");
    this.storage = section.querySelector(".stcb-checklist__storage");
    this.saving = canSave() && (KEY.latest(), KEY.status() === "ok");
  }

  Checklist.prototype.mount = function () {
    var self = this;
    var section = this.section;
    this.announce = document.createElement("span");
    this.announce.className = "stcb-checklist__announce";
    this.status.insertBefore(this.announce, this.status.firstChild);
    this.status.setAttribute("aria-atomic", "true");

    this.load();
    each(this.boxes, function (box) {
      box.addEventListener("change", function () {
        self.save(box);
        self.update("");
      });
    });
    this.run.addEventListener("input", function () {
      self.saveRun();
    });
    section.querySelector("[data-action='reset']").addEventListener("click", function () {
      self.reset();
    });
    section.querySelector("[data-action='print']").addEventListener("click", function () {
      printChecklist(section, false);
    });
    section.querySelector("[data-action='print-ticked']").addEventListener("click", function () {
      printChecklist(section, true);
    });

    this.showStorage();
    this.update("");
    section.querySelector(".stcb-checklist__state").hidden = false;
    section.querySelector(".stcb-checklist__actions").hidden = false;
    section.setAttribute("data-stcb-mounted", "true");
  };

  /* Ticks and run name from storage; without storage, keep what is on screen. */
  Checklist.prototype.load = function () {
    if (!canSave()) return;
    var data = KEY.read();
    each(this.boxes, function (box) {
      box.checked = data.ticks[box.getAttribute("data-stcb-item")] === true;
    });
    var run = data.runs[this.id];
    this.run.value = typeof run === "string" ? run : "";
    S.notice(KEY, this.storage);
  };

  Checklist.prototype.save = function (box) {
    if (!this.saving) return;
    var item = box.getAttribute("data-stcb-item");
    var checked = box.checked;
    var ok = KEY.update(function (data) {
      if (checked) data.ticks[item] = true;
      else delete data.ticks[item];
    });
    if (!ok) this.failed();
  };

  Checklist.prototype.saveRun = function () {
    if (!this.saving) return;
    var value = this.run.value;
    var id = this.id;
    var ok = KEY.update(function (data) {
      if (value) data.runs[id] = value;
      else delete data.runs[id];
    });
    if (!ok) this.failed();
  };

  /* Storage stopped working (full, or blocked after load): say so, stop trying. */
  Checklist.prototype.failed = function () {
    this.saving = false;
    this.showStorage();
    S.notice(KEY, this.storage);
  };

  Checklist.prototype.showStorage = function () {
    var saved = this.saving;
    this.storage.textContent = this.storage.getAttribute(saved ? "data-saved" : "data-not-saved");
    this.storage.classList.toggle("stcb-checklist__storage--warn", !saved);
    this.storage.setAttribute("role", saved ? "note" : "alert");
  };

  Checklist.prototype.update = function (message) {
    var done = 0;
    var total = this.boxes.length;
    each(this.boxes, function (box) {
      if (box.checked) done++;
    });
    var state = done === 0 ? "not-started" : done === total ? "complete" : "in-progress";
    var template = this.section.getAttribute("data-progress");
    this.announce.textContent = message ? message + " " : "";
    this.word.textContent = this.section.getAttribute("data-status-" + state);
    this.word.setAttribute("data-state", state);
    this.progress.textContent = template.replace("{done}", done).replace("{total}", total);
    this.section.setAttribute("data-state", state);
  };

  Checklist.prototype.reset = function () {
    if (!window.confirm(this.section.getAttribute("data-reset-confirm"))) return;
    var self = this;
    var items = [];
    each(this.boxes, function (box) {
      box.checked = false;
      items.push(box.getAttribute("data-stcb-item"));
    });
    this.run.value = "";
    var id = this.id;
    if (this.saving && !KEY.update(function (data) {
      items.forEach(function (item) { delete data.ticks[item]; });
      delete data.runs[id];
    })) self.failed();
    this.update(this.section.getAttribute("data-reset-done"));
  };

  /* Another tab changed the ticks: show the same state here. */
  Checklist.prototype.refresh = function () {
    if (!canSave()) return;
    this.saving = KEY.status() === "ok";
    this.load();
    this.showStorage();
    this.update("");
  };

  /* Print one checklist alone: mark it and the path to it, hide the rest in CSS
   * (stcb-checklist.css). Marks are removed after printing. */
  function printChecklist(section, ticked) {
    clearPrintMarks();
    var root = document.documentElement;
    root.classList.add("stcb-print-one");
    if (ticked) root.classList.add("stcb-print-ticked");
    section.classList.add("stcb-checklist--print-target");
    for (var node = section.parentElement; node && node !== document.body; node = node.parentElement) {
      node.classList.add("stcb-print-path");
    }
    window.addEventListener("afterprint", clearPrintMarks);
    window.print();
  }

  function clearPrintMarks() {
    var root = document.documentElement;
    root.classList.remove("stcb-print-one", "stcb-print-ticked");
    each(document.querySelectorAll(".stcb-print-path, .stcb-checklist--print-target"), function (el) {
      el.classList.remove("stcb-print-path", "stcb-checklist--print-target");
    });
    window.removeEventListener("afterprint", clearPrintMarks);
  }

  function mountAll() {
    each(document.querySelectorAll("[data-stcb-checklist]"), function (section) {
      if (section.getAttribute("data-stcb-mounted")) return;
      var checklist = new Checklist(section);
      checklist.mount();
      mounted.push(checklist);
    });
    each(document.querySelectorAll("[data-stcb-print-all]"), function (button) {
      if (button.getAttribute("data-stcb-mounted")) return;
      button.setAttribute("data-stcb-mounted", "true");
      button.hidden = false;
      button.addEventListener("click", function () {
        clearPrintMarks();
        window.print();
      });
    });
  }

  // Another tab, a clear, or a page restored from the back/forward cache.
  if (KEY) {
    KEY.on(function (event) {
      if (event.source === "self") return;
      each(mounted, function (checklist) {
        if (document.body.contains(checklist.section)) checklist.refresh();
      });
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
