/* Sổ tay Bí thư chi bộ — meeting templates: the form.
 * Binds the form to the meeting store (stcb-meetings.js): autosave, computed
 * fields, repeating rows. Errors, check answers and print: stcb-tpl-review.js;
 * Word: stcb-tpl-word.js (both add methods to Form).
 */
(function () {
  "use strict";

  var T = window.stcb.tpl;
  var nfc = T.nfc, fill = T.fill, all = T.all, parseDate = T.parseDate, shortDate = T.shortDate, fromDayNumber = T.fromDayNumber, dayNumber = T.dayNumber, remove = T.remove, validate = T.validate, fieldIndex = T.fieldIndex;
  var M = window.stcb.meetings;

  /* Form: binding, rows, errors, check answers, print ----------------------------- */

  function Form(root) {
    this.root = root;
    this.def = JSON.parse(root.querySelector("[data-stcb-definition]").textContent);
    this.ui = this.def.ui;
    this.tpl = this.def.template;
    this.fields = fieldIndex(this.def);
    this.form = root.querySelector("[data-stcb-form]");
    this.formStep = root.querySelector("[data-stcb-form-step]");
    this.review = root.querySelector("[data-stcb-review]");
    this.filled = root.querySelector("[data-stcb-filled]");
    this.blankDoc = root.querySelector("[data-stcb-blank] [data-stcb-doc]");
    this.summaryBox = root.querySelector("[data-stcb-error-summary]");
    this.validated = false;
    this.rowKey = 0;
    this.docTimer = null;
    this.announcer = document.createElement("p");
    this.announcer.className = "stcb-vh";
    this.announcer.setAttribute("aria-live", "polite");
    root.appendChild(this.announcer);
  }

  Form.prototype.announce = function (text) {
    var el = this.announcer;
    el.textContent = "";
    window.setTimeout(function () { el.textContent = text; }, 50);
  };

  /* The values this page shows, from the current meeting. */
  Form.prototype.values = function () {
    var values = {};
    var self = this;
    Object.keys(this.fields).forEach(function (id) {
      var field = self.fields[id];
      if (field.type === "computed") return;
      values[id] = M.value(self.tpl, id, field.shared);
    });
    this.applyDefaults(values);
    return values;
  };

  /* A field never typed in shows what follows from what is known (data `default:`):
   * the usual recipients, the notice date from the send-by date, the plan date from the
   * meeting date, the resolution's period from the meeting month. Editable. */
  Form.prototype.applyDefaults = function (values) {
    var self = this;
    var date = parseDate(values.meeting_date);
    var superior = typeof values.superior_body === "string" ? values.superior_body.trim() : "";
    var iso = function (d) { return d.y + "-" + T.pad2(d.m) + "-" + T.pad2(d.d); };
    var context = {
      superior_committee: superior ? superior.replace(/^Đảng bộ/i, "Đảng ủy") : "Đảng ủy cấp trên",
      month: date ? String(date.m) : "", year: date ? String(date.y) : "",
      meeting_date: date ? iso(date) : "", send_by: date ? iso(fromDayNumber(dayNumber(date) - 1)) : ""
    };
    Object.keys(this.fields).forEach(function (id) {
      var field = self.fields[id];
      if (!field.default || values[id] !== undefined) return;
      var needs = field.default.match(/\{(\w+)\}/g) || [];
      if (needs.some(function (n) { return context[n.slice(1, -1)] === ""; })) return;
      values[id] = fill(field.default, context);
    });
  };

  /* What the document prints: the saved values and the figures of the counting
   * (stcb-tpl-count.js): the form, the print and the Word file show the same. */
  Form.prototype.printValues = function (values) {
    values = values || this.values();
    var derived = T.count.derive(values);
    var out = {};
    Object.keys(values).forEach(function (k) { out[k] = values[k]; });
    var number = this.def.number;
    if (number && typeof out[number] === "string") out[number] = T.docNumber(out[number]);
    // Names print after "đồng chí": a typed "Đồng chí …" is not printed twice.
    ["chair", "minute_taker", "cm_chair", "cm_minute_taker"].forEach(function (k) {
      if (typeof out[k] === "string") out[k] = T.bareName(out[k]);
    });
    ["absent_with_reason", "absent_without_reason", "discussion", "cm_absent"].forEach(function (k) {
      if (!Array.isArray(out[k])) return;
      out[k] = out[k].map(function (row) {
        var copy = {};
        Object.keys(row).forEach(function (c) {
          copy[c] = (c === "name" || c === "speaker") ? T.bareName(row[c]) : row[c];
        });
        return copy;
      });
    });
    Object.keys(derived).forEach(function (k) { out[k] = derived[k]; });
    return out;
  };

  Form.prototype.mount = function () {
    var self = this;
    all(this.root, ".stcb-js-only").forEach(function (el) { el.hidden = false; });
    all(this.root, ".stcb-nojs-only").forEach(function (el) { el.hidden = true; });
    this.root.classList.add("stcb-is-js");
    this.form.addEventListener("input", function (e) { self.onInput(e); });
    this.form.addEventListener("change", function (e) { self.onInput(e); });
    this.form.addEventListener("submit", function (e) { e.preventDefault(); self.preview(); });
    this.form.addEventListener("click", function (e) { self.onClick(e); });
    this.root.addEventListener("click", function (e) { self.onAction(e); });
    M.onChange(function (event) {
      if (event.type === "switch" && event.reason === "external") {
        self.load(true);
      } else if (event.type === "switch") {
        self.load();
        self.clearErrors();
        self.validated = false;
        self.showForm(false);
      }
    });
    window.addEventListener("afterprint", function () { self.root.removeAttribute("data-print"); });
    this.addUnanimous();
    this.addNextNumber();
    this.load();
  };

  /* The start of the committee's term ("YYYY-MM-DD"), or "" when not known; the cell's
   * profile says it (stcb-tpl-roll.js replaces this). */
  Form.prototype.termStart = function () { return ""; };

  /* The day a saved meeting belongs to: its meeting date, else the day it was made. */
  function meetingDay(m) {
    var date = (m.shared || {}).meeting_date;
    return typeof date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date
      : String(m.created || "").slice(0, 10);
  }

  /* The next free number of this document type, from the meetings saved on this device
   * (HD 36 §II.1.3: numbers run from 01 for each type through the committee's term):
   * with a term start, only the meetings of this term count; without one, all of them. */
  Form.prototype.nextNumber = function () {
    var snapshot = M.snapshot ? M.snapshot() : null;
    var highest = 0, current = M.currentId(), since = this.termStart();
    if (!snapshot || !snapshot.meetings) return null;
    (this.def.numbering || []).forEach(function (where) {
      Object.keys(snapshot.meetings).forEach(function (id) {
        if (id === current) return;  // this meeting's own number is not "taken"
        var m = snapshot.meetings[id];
        if (since && meetingDay(m) < since) return;  // an earlier term
        var holder = where.shared ? m.shared : (m.forms || {})[where.template];
        var n = parseInt(T.docNumber((holder || {})[where.field] || ""), 10);
        if (!isNaN(n) && n > highest) highest = n;
      });
    });
    return T.docNumber(String(highest + 1));
  };

  Form.prototype.addNextNumber = function () {
    var self = this;
    var box = this.def.number && this.form.querySelector("[data-stcb-field='" + this.def.number + "']");
    if (!box) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button stcb-button stcb-next-number";
    button.setAttribute("data-stcb-next-number", "");
    box.appendChild(button);
    var note = document.createElement("p");
    note.className = "stcb-hint";
    note.setAttribute("data-stcb-next-number-hint", "");
    box.appendChild(note);
    var label = function () {
      var since = self.termStart();
      button.textContent = fill(self.ui["next-number"], { n: self.nextNumber() });
      note.textContent = since ? fill(self.ui["next-number-term"],
                                    { date: shortDate(parseDate(since), self.def.dates) })
                               : self.ui["next-number-all"];
    };
    this.numberLabel = label;
    button.addEventListener("click", function () {
      var n = self.nextNumber();
      M.setValue(self.tpl, self.def.number, n, self.fields[self.def.number].shared);
      self.form.querySelector("[data-stcb-input='" + self.def.number + "']").value = n;
      self.changed();
    });
    label();
    M.onChange(label);
  };

  /* "Nhất trí 100%" in one tap: every full member present in favour (stcb-tpl-count.js). */
  Form.prototype.addUnanimous = function () {
    var self = this;
    ["", "minutes_"].forEach(function (prefix) {
      var box = self.form.querySelector("[data-stcb-field='" + prefix + "vote_agree']");
      if (!box) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button stcb-button stcb-unanimous";
      button.setAttribute("data-stcb-act", "unanimous");
      button.setAttribute("data-stcb-prefix", prefix);
      button.textContent = self.ui.unanimous;
      box.appendChild(button);
    });
  };

  Form.prototype.unanimous = function (prefix) {
    var self = this;
    var voters = T.count.fromValues(this.values()).attendance.presentFull;
    if (typeof voters !== "number" || voters < 0) { this.announce(this.ui["unanimous-need"]); return; }
    [["vote_agree", String(voters)], ["vote_disagree", "0"], ["vote_abstain", "0"]].forEach(function (pair) {
      var id = prefix + pair[0];
      var field = self.fields[id];
      if (!field) return;
      M.setValue(self.tpl, id, pair[1], field.shared);
      var el = self.form.querySelector("[data-stcb-input='" + id + "']");
      if (el) el.value = pair[1];
    });
    this.announce(fill(this.ui["unanimous-done"], { n: voters }));
    this.changed();
  };

  /* Put the current meeting's values into the form. keepActive: news from another
   * tab; leave alone the control (or group of rows) being edited here — its value is
   * this tab's — and the groups that already show the right rows. */
  Form.prototype.load = function (keepActive) {
    var self = this;
    var values = this.values();
    var active = keepActive ? document.activeElement : null;
    all(this.form, "[data-stcb-input]").forEach(function (el) {
      if (el === active) return;
      var value = values[el.getAttribute("data-stcb-input")];
      var text = typeof value === "string" ? value : "";
      if (el.type === "checkbox") el.checked = value === true;
      else if (el.value !== text) el.value = text;
    });
    all(this.form, "[data-stcb-rows]").forEach(function (group) {
      if (active && group.contains(active)) return;
      var id = group.getAttribute("data-stcb-rows");
      var rows = values[id];
      if (!Array.isArray(rows)) {
        rows = [];
        for (var i = 0; i < self.fields[id].min_rows; i++) rows.push({});
      }
      if (keepActive && JSON.stringify(self.collectRows(group)) === JSON.stringify(rows)) return;
      var list = group.querySelector("[data-stcb-row-list]");
      while (list.firstChild) list.removeChild(list.firstChild);
      rows.forEach(function (row) { self.addRow(group, row, false); });
      self.renumber(group);
    });
    this.updateComputed(values);
    if (keepActive && this.validated) this.showErrors(validate(this.def, values), false);
    if (keepActive && this.review && !this.review.hidden) this.buildSummary();
    this.refreshDocument();
  };

  Form.prototype.onInput = function (event) {
    var el = event.target;
    var isText = el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && el.type === "text");
    if (isText && el.value !== nfc(el.value)) {
      // Typed or pasted text in decomposed form (NFD) is stored as NFC.
      var caret = el.selectionStart;
      var before = nfc(el.value.slice(0, caret)).length;
      el.value = nfc(el.value);
      try { el.setSelectionRange(before, before); } catch (error) { /* not focusable */ }
    }
    if (el.hasAttribute("data-stcb-input")) {
      var id = el.getAttribute("data-stcb-input");
      if (event.type === "change" && id === this.def.number && el.value !== T.docNumber(el.value)) {
        el.value = T.docNumber(el.value);  // "05-NQ/CB" pasted: the sequence only
      }
      if (event.type === "change" && this.fields[id].type === "number") {
        // "12 đồng chí" is understood at once: kept as the number.
        var n = T.count.count(el.value);
        if (typeof n === "number" && !isNaN(n) && String(n) !== el.value) el.value = String(n);
      }
      var value = el.type === "checkbox" ? el.checked : el.value;
      M.setValue(this.tpl, id, value, this.fields[id].shared);
    } else if (el.hasAttribute("data-stcb-col")) {
      this.storeRows(el.closest("[data-stcb-rows]"));
    } else {
      return;
    }
    this.changed();
  };

  Form.prototype.changed = function () {
    var values = this.values();
    this.updateComputed(values);
    if (this.validated) this.showErrors(validate(this.def, values), false);
    this.refreshDocument();
  };

  Form.prototype.updateComputed = function (values) {
    var self = this;
    var derived = T.count.derive(values);
    all(this.form, "[data-stcb-computed]").forEach(function (out) {
      var field = self.fields[out.getAttribute("data-stcb-computed")];
      if (field.compute.kind === "count") {
        out.textContent = derived[field.id] || self.ui["computed-empty-count"];
        return;
      }
      var base = parseDate(values[field.compute.field]);
      out.textContent = base
        ? shortDate(fromDayNumber(dayNumber(base) - field.compute.days), self.def.dates)
        : self.ui["computed-empty"];
    });
  };

  /* Rows ------------------------------------------------------------------------ */

  Form.prototype.collectRows = function (group) {
    return all(group, "[data-stcb-row]").map(function (li) {
      var row = {};
      all(li, "[data-stcb-col]").forEach(function (el) { row[el.getAttribute("data-stcb-col")] = el.value; });
      return row;
    });
  };

  Form.prototype.storeRows = function (group) {
    var id = group.getAttribute("data-stcb-rows");
    M.setValue(this.tpl, id, this.collectRows(group), !!this.fields[id].shared);
  };

  Form.prototype.addRow = function (group, values, focus) {
    var key = "r" + (++this.rowKey);
    var templateEl = group.querySelector("template[data-stcb-row-template]");
    var li = templateEl.content.firstElementChild.cloneNode(true);
    all(li, "[id], [for], [aria-describedby], [aria-labelledby]").forEach(function (el) {
      ["id", "for", "aria-describedby", "aria-labelledby"].forEach(function (attr) {
        if (el.hasAttribute(attr)) el.setAttribute(attr, el.getAttribute(attr).replace(/__N__/g, key));
      });
    });
    all(li, ".stcb-js-only").forEach(function (el) { el.hidden = false; });
    all(li, "[data-stcb-col]").forEach(function (el) {
      var value = values && values[el.getAttribute("data-stcb-col")];
      el.value = typeof value === "string" ? value : "";
    });
    group.querySelector("[data-stcb-row-list]").appendChild(li);
    if (focus) {
      this.renumber(group);
      var first = li.querySelector("[data-stcb-col]");
      if (first) first.focus();
    }
    return li;
  };

  Form.prototype.rowName = function (group, n) {
    return fill(this.fields[group.getAttribute("data-stcb-rows")].row_label, { n: n });
  };

  Form.prototype.renumber = function (group) {
    var self = this;
    var rows = all(group, "[data-stcb-row]");
    rows.forEach(function (li, i) {
      var name = self.rowName(group, i + 1);
      li.querySelector("[data-stcb-row-label]").textContent = name;
      all(li, "[data-stcb-row-name]").forEach(function (el) { el.textContent = " — " + name; });
      li.querySelector("[data-stcb-act=up]").disabled = i === 0;
      li.querySelector("[data-stcb-act=down]").disabled = i === rows.length - 1;
    });
    group.querySelector("[data-stcb-rows-empty]").hidden = rows.length > 0;
  };

  Form.prototype.onClick = function (event) {
    var button = event.target.closest("button[data-stcb-act]");
    if (!button || !this.form.contains(button)) return;
    var act = button.getAttribute("data-stcb-act");
    if (act === "unanimous") { event.preventDefault(); this.unanimous(button.getAttribute("data-stcb-prefix")); return; }
    var group = button.closest("[data-stcb-rows]");
    if (!group) return;
    var li = button.closest("[data-stcb-row]");
    var rows = all(group, "[data-stcb-row]");
    var index = li ? rows.indexOf(li) : -1;
    if (act === "add") {
      this.addRow(group, {}, true);
      this.announce(fill(this.ui["row-added"], { row: this.rowName(group, rows.length + 1) }));
    } else if (act === "remove") {
      var removedName = this.rowName(group, index + 1);
      var next = rows[index + 1] || rows[index - 1];
      remove(li);
      this.renumber(group);
      var target = next ? next.querySelector("[data-stcb-col]") : group.querySelector("[data-stcb-act=add]");
      target.focus();
      this.announce(fill(this.ui["row-removed"], { row: removedName }));
    } else if (act === "up" || act === "down") {
      var list = li.parentNode;
      if (act === "up" && index > 0) list.insertBefore(li, rows[index - 1]);
      else if (act === "down" && index < rows.length - 1) list.insertBefore(rows[index + 1], li);
      else return;
      this.renumber(group);
      // The moved button keeps the focus; if it is now disabled, its partner takes it.
      var other = li.querySelector("[data-stcb-act=" + (act === "up" ? "down" : "up") + "]");
      (button.disabled ? other : button).focus();
      var position = all(group, "[data-stcb-row]").indexOf(li) + 1;
      this.announce(fill(this.ui["row-moved"], { row: this.rowName(group, position) }));
    } else {
      return;
    }
    event.preventDefault();
    this.storeRows(group);
    this.changed();
  };

  T.Form = Form;
})();
