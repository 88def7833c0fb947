/* Sổ tay Bí thư chi bộ — interactive checklists.
 *
 * The checklist is a plain HTML form (overrides/partials/stcb/checklist.html):
 * its checkboxes work without this script. This adds:
 *   - saving: each tick under its item id, and the name of the current use,
 *     in this browser only (window.stcb.store → localStorage). Item ids are the
 *     same on the Vietnamese and English pages, so both show the same ticks;
 *   - the status word and "3/8 done", announced politely to screen readers;
 *   - reset (after confirmation), and printing this checklist alone, blank or
 *     with the current ticks.
 * If the browser refuses storage, everything still works and the page says
 * that progress will not be saved. Nothing is ever sent anywhere.
 */
(function () {
  "use strict";

  var TICK = "checklist-tick:"; // + item id → true
  var RUN = "checklist-run:"; // + checklist id → text
  var mounted = [];

  function store() {
    return window.stcb && window.stcb.store;
  }

  function canSave() {
    var s = store();
    return !!(s && s.available);
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
    this.saving = canSave();
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
    if (!this.saving) return;
    var s = store();
    each(this.boxes, function (box) {
      box.checked = s.get(TICK + box.getAttribute("data-stcb-item"), false) === true;
    });
    this.run.value = s.get(RUN + this.id, "") || "";
  };

  Checklist.prototype.save = function (box) {
    if (!this.saving) return;
    var key = TICK + box.getAttribute("data-stcb-item");
    var ok = box.checked ? store().set(key, true) : store().remove(key);
    if (!ok) this.failed();
  };

  Checklist.prototype.saveRun = function () {
    if (!this.saving) return;
    var value = this.run.value;
    var ok = value ? store().set(RUN + this.id, value) : store().remove(RUN + this.id);
    if (!ok) this.failed();
  };

  /* Storage stopped working (full, or blocked after load): say so, stop trying. */
  Checklist.prototype.failed = function () {
    this.saving = false;
    this.showStorage();
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
    each(this.boxes, function (box) {
      box.checked = false;
      if (self.saving) store().remove(TICK + box.getAttribute("data-stcb-item"));
    });
    this.run.value = "";
    if (this.saving) store().remove(RUN + this.id);
    this.update(this.section.getAttribute("data-reset-done"));
  };

  /* Another tab changed the ticks: show the same state here. */
  Checklist.prototype.refresh = function () {
    if (!this.saving) return;
    this.load();
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

  window.addEventListener("storage", function (event) {
    if (event.key && event.key.indexOf("stcb:checklist-") !== 0) return;
    each(mounted, function (checklist) {
      if (document.body.contains(checklist.section)) checklist.refresh();
    });
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
