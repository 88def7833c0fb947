/* Sổ tay Bí thư chi bộ — course progress and handout printing (course pages only).
 *
 * - Progress lives in one store (window.stcb.storage, key "stcb:course":
 *   {format: "stcb-course", version: 1, modules: {ID: {visited, answers: {qid: [index…]},
 *   best, last, total}}}; version 0 was one key "stcb:course:ID" per module, migrated
 *   on first read). stcb-quiz.js writes it through window.stcb.course (merging: the best
 *   score is a maximum, answers are per question). A store that cannot be read is
 *   never overwritten: a notice offers its download and starting again.
 * - The course table (data-stcb-course) and a module's info line show each module's
 *   status and best quiz score; they follow other tabs. Status words come from the page.
 * - "Clear my progress" asks for confirmation in the page, then removes those keys.
 * - "Print handout" prints only that module's one-page handout: it marks the handout
 *   and the page for the print stylesheet, calls window.print(), and unmarks them.
 * Nothing here sends anything anywhere, and no user text is inserted as HTML.
 */
(function () {
  "use strict";

  var LEGACY = "course:";  // version 0: one key per module
  var STATES = ["not-started", "in-progress", "complete"];
  var S = window.stcb && window.stcb.storage;

  function legacyKeys() {
    return S.names().filter(function (n) { return n.indexOf(LEGACY) === 0; });
  }

  /* A module's saved progress is whole, or the store is not readable. */
  function validModule(m) {
    if (!S.isObject(m)) return false;
    if (m.answers === undefined) m.answers = {};
    if (!S.isObject(m.answers)) return false;
    return Object.keys(m.answers).every(function (q) {
      var a = m.answers[q];
      return Array.isArray(a) && a.every(function (i) { return typeof i === "number"; });
    }) && (m.best === undefined || m.best === null || typeof m.best === "number");
  }

  var KEY = S && S.define("course", {
    format: "stcb-course", version: 1,
    empty: function () { return { format: "stcb-course", version: 1, modules: {} }; },
    valid: function (data) {
      if (data.modules === undefined) data.modules = {};
      return S.isObject(data.modules) && Object.keys(data.modules).every(function (id) {
        return validModule(data.modules[id]);
      });
    },
    migrate: {
      // Version 0: the keys "stcb:course:MODULE" holding {visited, answers, best, last, total}.
      0: function (data) { return data; }
    },
    legacy: function () {
      var names = legacyKeys();
      if (!names.length) return null;
      var data = { modules: {} };
      names.forEach(function (name) {
        var raw = S.getRaw(name), value;
        try { value = JSON.parse(raw); } catch (error) { value = null; }
        if (value && validModule(value)) data.modules[name.slice(LEGACY.length)] = value;
        else S.keepCopy(name, raw);  // unreadable: a copy is kept, never lost
      });
      return data;
    },
    legacyKeys: legacyKeys
  });

  /* One module's saved progress (a copy; {} when none or unreadable). */
  function saved(id) {
    if (!KEY) return { answers: {} };
    var m = KEY.read().modules[id];
    return m ? m : { answers: {} };
  }

  /* Change one module's progress on the latest saved data (other tabs' writes stay). */
  function change(id, fn) {
    if (!KEY) return false;
    var ok = KEY.update(function (data) {
      if (!S.isObject(data.modules[id])) data.modules[id] = { answers: {} };
      fn(data.modules[id]);
    });
    // Tell the progress widgets on this page to refresh.
    document.dispatchEvent(new CustomEvent("stcb:course-progress", { detail: { module: id } }));
    return ok;
  }

  window.stcb.course = { key: KEY, saved: saved, change: change };

  // A module is complete only when its quiz is passed: at least this share of the
  // questions right (the handbook's choice for a self-check, not a Party rule).
  var PASS_SHARE = 0.8;

  function passMark(total) {
    return Math.ceil(total * PASS_SHARE);
  }

  function progress(id, total) {
    var state = saved(id);
    var answers = state.answers;
    var best = typeof state.best === "number" ? state.best : null;
    var status = "not-started";
    if (best !== null) status = best >= passMark(total) ? "complete" : "in-progress";
    else if (state.visited || Object.keys(answers).length) status = "in-progress";
    return { status: status, best: best, total: total };
  }

  /* Turn a status badge (built by the partial, with the not-started words) into
   * another state; the words for each state are read from a template in the page. */
  function setStatus(badge, p, words) {
    STATES.forEach(function (name) {
      badge.classList.toggle("stcb-status--" + name, name === p.status);
    });
    // Scored but not passed: say the score, not just "in progress".
    var text = p.best !== null && p.status !== "complete" && words["not-passed"]
      ? words["not-passed"].replace("{best}", p.best).replace("{total}", p.total)
        .replace("{pass}", passMark(p.total))
      : words[p.status];
    badge.querySelector(".stcb-status__text").textContent = text;
  }

  function statusWords(scope) {
    var json = scope.querySelector(".stcb-course__strings") ||
      document.querySelector(".stcb-course__strings");
    return JSON.parse(json.textContent);
  }

  function refreshTable(course, words) {
    var rows = course.querySelectorAll("tr[data-stcb-module]");
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var p = progress(row.getAttribute("data-stcb-module"),
        Number(row.getAttribute("data-stcb-total")));
      setStatus(row.querySelector(".stcb-status"), p, words);
      row.querySelector(".stcb-course__best").textContent =
        p.best === null ? "—" : p.best + "/" + row.getAttribute("data-stcb-total");
      row.setAttribute("data-stcb-status", p.status);
    }
  }

  function mountCourse(course) {
    var words = statusWords(course);
    var reset = course.querySelector(".stcb-course__reset");
    var ask = course.querySelector(".stcb-course__reset-ask");
    var confirm = course.querySelector(".stcb-course__confirm");
    var yes = course.querySelector(".stcb-course__reset-yes");
    var no = course.querySelector(".stcb-course__reset-no");
    var message = course.querySelector(".stcb-course__message");
    refreshTable(course, words);
    var nostore = course.querySelector(".stcb-course__nostore");
    if (!(KEY && S.available)) {
      nostore.hidden = false;
      return;
    }
    S.notice(KEY, nostore);
    KEY.on(function (event) {
      if (event.source === "self") return;
      refreshTable(course, words);
      S.notice(KEY, nostore);
    });
    reset.hidden = false;
    ask.addEventListener("click", function () {
      confirm.hidden = false;
      ask.setAttribute("aria-expanded", "true");
      message.textContent = "";
      no.focus();
    });
    no.addEventListener("click", function () {
      confirm.hidden = true;
      ask.setAttribute("aria-expanded", "false");
      ask.focus();
    });
    yes.addEventListener("click", function () {
      var rows = course.querySelectorAll("tr[data-stcb-module]");
      KEY.update(function (data) {
        for (var i = 0; i < rows.length; i++) delete data.modules[rows[i].getAttribute("data-stcb-module")];
      });
      confirm.hidden = true;
      ask.setAttribute("aria-expanded", "false");
      refreshTable(course, words);
      message.textContent = words.done;
      ask.focus();
    });
    ask.setAttribute("aria-expanded", "false");
  }

  function refreshInfo(info, words) {
    var p = progress(info.getAttribute("data-stcb-module-info"),
      Number(info.getAttribute("data-stcb-total")));
    var line = info.querySelector(".stcb-module-info__progress");
    setStatus(line.querySelector(".stcb-status"), p, words);
    line.querySelector(".stcb-module-info__best").textContent =
      p.best === null ? "—" : p.best + "/" + info.getAttribute("data-stcb-total");
    line.hidden = false;
  }

  /* Print only one handout: the print stylesheet shows .stcb-print-target alone while
   * <html> has .stcb-printing. */
  function printHandout(section) {
    var html = document.documentElement;
    var marked = document.querySelectorAll(".stcb-print-target");
    for (var i = 0; i < marked.length; i++) marked[i].classList.remove("stcb-print-target");
    html.classList.add("stcb-printing");
    section.classList.add("stcb-print-target");
    function done() {
      window.removeEventListener("afterprint", done);
      html.classList.remove("stcb-printing");
      section.classList.remove("stcb-print-target");
    }
    window.addEventListener("afterprint", done);
    window.print();
  }

  function mountAll() {
    var courses = document.querySelectorAll("[data-stcb-course]");
    for (var i = 0; i < courses.length; i++) {
      if (courses[i].getAttribute("data-stcb-mounted")) continue;
      courses[i].setAttribute("data-stcb-mounted", "true");
      mountCourse(courses[i]);
    }
    var infos = document.querySelectorAll("[data-stcb-module-info]");
    if (infos.length) {
      var words = statusWords(document);
      var refresh = function () {
        for (var j = 0; j < infos.length; j++) refreshInfo(infos[j], words);
      };
      refresh();
      document.addEventListener("stcb:course-progress", refresh);
      if (KEY) KEY.on(function (event) { if (event.source !== "self") refresh(); });
    }
    var buttons = document.querySelectorAll(".stcb-handout__print");
    for (var k = 0; k < buttons.length; k++) {
      var button = buttons[k];
      if (button.getAttribute("data-stcb-mounted")) continue;
      button.setAttribute("data-stcb-mounted", "true");
      button.hidden = false;
      button.addEventListener("click", function (event) {
        var section = event.currentTarget;
        while (section && !section.classList.contains("stcb-handout")) section = section.parentNode;
        if (section) printHandout(section);
      });
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
