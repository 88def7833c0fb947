/* Sổ tay Bí thư chi bộ — meeting templates in the browser.
 *
 * The page already works as plain HTML (a form and a blank printable document).
 * This script adds, in separate parts:
 *   text     NFC normalisation, formatting of dates, times and numbers for print
 *   checks   required fields, numbers, and the cross-field checks from the data
 *   printer  fills a copy of the blank document with the saved values
 *   Form     binds the form to the meeting store: autosave, repeating rows,
 *            inline errors + error summary, check answers, print
 *   docx     the Word download: loads stcb-docx.js and the docx library on first use
 *   Bar      the meeting bar: choose, create, rename, delete meetings; export them
 *            to a .json file and import one (checked first, asks before replacing);
 *            clear data
 * Definitions (fields, checks, strings) come from the page's JSON block
 * [data-stcb-definition], built from data/templates/*.yml. User text is only ever
 * set with textContent or .value, never as HTML. Nothing is sent anywhere.
 */
(function () {
  "use strict";

  var M = window.stcb && window.stcb.meetings;
  // This script's own URL: the Word scripts are found next to it (http and file://).
  var SCRIPT_URL = (document.currentScript && document.currentScript.src) || "";

  /* text ------------------------------------------------------------------- */

  function nfc(value) {
    return typeof value === "string" && value.normalize ? value.normalize("NFC") : value;
  }

  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function pad2(n) { return (n < 10 ? "0" : "") + n; }

  function parseDate(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    return m ? { y: +m[1], m: +m[2], d: +m[3] } : null;
  }

  function parseTime(value) {
    var m = /^(\d{1,2}):(\d{2})/.exec(value || "");
    return m ? { h: +m[1], min: +m[2] } : null;
  }

  function dayNumber(date) { return Date.UTC(date.y, date.m - 1, date.d) / 86400000; }

  function fromDayNumber(n) {
    var d = new Date(n * 86400000);
    return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
  }

  /* Dates as Party documents write them (rules from data/layout.yml). */
  function dateParts(date, rules) {
    return {
      day: rules.padDay ? pad2(date.d) : String(date.d),
      month: rules.padMonths.indexOf(date.m) >= 0 ? pad2(date.m) : String(date.m),
      year: String(date.y)
    };
  }

  function shortDate(date, rules) {
    var p = dateParts(date, rules);
    return p.day + "/" + p.month + "/" + p.year;
  }

  function isEmpty(value) {
    if (value === undefined || value === null || value === false) return true;
    if (Array.isArray(value)) return nonEmptyRows(value).length === 0;
    return String(value).trim() === "";
  }

  function nonEmptyRows(rows) {
    return (Array.isArray(rows) ? rows : []).filter(function (row) {
      return Object.keys(row || {}).some(function (k) { return String(row[k] || "").trim() !== ""; });
    });
  }

  function lines(value) {
    return String(value || "").split(/\r?\n/).map(function (s) { return s.trim(); })
      .filter(function (s) { return s !== ""; });
  }

  /* The printed text of one placeholder, or "" when there is nothing to print. */
  function format(type, filter, value, rules) {
    if (isEmpty(value) && !(type === "rows" && filter === "count")) return "";
    var text = typeof value === "string" ? value.trim() : value;
    if (type === "date") {
      var date = parseDate(text);
      if (!date) return "";
      var p = dateParts(date, rules);
      if (filter === "day") return p.day;
      if (filter === "month") return p.month;
      if (filter === "year") return p.year;
      return shortDate(date, rules);
    }
    if (type === "time") {
      var time = parseTime(text);
      if (!time) return "";
      if (filter === "hour") return String(time.h);
      if (filter === "minute") return pad2(time.min);
      return time.h + " giờ " + pad2(time.min);
    }
    if (type === "rows") return String(nonEmptyRows(value).length);
    if (type === "textarea" || type === "lines") return lines(text).join("; ");
    text = String(text).replace(/\s*\n\s*/g, " ");
    if (filter === "upper") return text.toLocaleUpperCase("vi");
    return text;
  }

  /* checks ----------------------------------------------------------------- */

  function fieldIndex(def) {
    var index = {};
    def.sections.forEach(function (section) {
      section.fields.forEach(function (field) { index[field.id] = field; });
    });
    return index;
  }

  function number(value) {
    if (isEmpty(value)) return null;
    var text = String(value).trim();
    return /^\d+$/.test(text) ? parseInt(text, 10) : NaN;
  }

  /* Every problem: {field, row (index or -1), column, message}. */
  function validate(def, values) {
    var fields = fieldIndex(def);
    var ui = def.ui;
    var errors = [];
    def.sections.forEach(function (section) {
      section.fields.forEach(function (field) {
        var value = values[field.id];
        if (field.type === "rows") {
          var rows = Array.isArray(value) ? value : [];
          rows.forEach(function (row, i) {
            if (nonEmptyRows([row]).length === 0) return;
            field.columns.forEach(function (col) {
              if (col.required && isEmpty(row[col.id])) {
                errors.push({ field: field.id, row: i, column: col.id,
                              message: fill(ui["err-required"], { label: col.label }) + " (" +
                                       fill(field.row_label, { n: i + 1 }) + ")" });
              }
            });
          });
          return;
        }
        if (field.required && isEmpty(value)) {
          var key = field.type === "select" ? "err-choose" : "err-required";
          errors.push({ field: field.id, row: -1, message: fill(ui[key], { label: field.label }) });
        } else if (field.type === "number" && !isEmpty(value) && isNaN(number(value))) {
          errors.push({ field: field.id, row: -1, message: fill(ui["err-number"], { label: field.label }) });
        }
      });
    });
    def.checks.forEach(function (check) {
      if (check.rows) {
        var rows = Array.isArray(values[check.rows]) ? values[check.rows] : [];
        var group = fields[check.rows];
        rows.forEach(function (row, i) {
          var columns = {};
          (group ? group.columns : []).forEach(function (c) { columns[c.id] = c; });
          var failed = evaluate(check, row, columns, def.dates);
          if (failed) {
            errors.push({ field: check.rows, row: i, column: check.field,
                          message: fill(check.message, failed) + " (" +
                                   fill(group.row_label, { n: i + 1 }) + ")" });
          }
        });
        return;
      }
      var result = evaluate(check, values, fields, def.dates);
      if (result) errors.push({ field: check.field, row: -1, message: fill(check.message, result) });
    });
    return errors;
  }

  /* null when the check passes or cannot be run yet; else {left, right} for the message. */
  function evaluate(check, values, fields, rules) {
    function term(name) {
      var negative = name.charAt(0) === "-";
      var id = negative ? name.slice(1) : name;
      var field = fields[id];
      var value = field && field.type === "rows" ? nonEmptyRows(values[id]).length : number(values[id]);
      if (value === null || isNaN(value)) return null;
      return negative ? -value : value;
    }
    function sum(names, allRequired) {
      var total = 0, seen = 0;
      for (var i = 0; i < names.length; i++) {
        var v = term(names[i]);
        if (v === null) { if (allRequired) return null; continue; }
        total += v; seen++;
      }
      return seen ? total : null;
    }
    if (check.kind === "le" || check.kind === "eq") {
      var right = sum(check.right, true);
      var left = sum(check.left, check.kind === "eq");
      // A negative right side means the figures it uses are already wrong elsewhere.
      if (left === null || right === null || (check.kind === "eq" && right < 0)) return null;
      var ok = check.kind === "le" ? left <= right : left === right;
      return ok ? null : { left: left, right: right };
    }
    var a = values[check.left[0]], b = values[check.right[0]];
    if (isEmpty(a) || isEmpty(b)) return null;
    var type = (fields[check.left[0]] || {}).type;
    var show = function (v) {
      return format(type, "", v, rules);
    };
    if (check.kind === "not_before") {
      return String(a) < String(b) ? { left: show(a), right: show(b) } : null;
    }
    if (check.kind === "days_before") {
      var da = parseDate(a), db = parseDate(b);
      if (!da || !db) return null;
      return dayNumber(db) - dayNumber(da) >= check.days ? null : { left: show(a), right: show(b) };
    }
    return null;
  }

  /* printer: fill a copy of the blank document --------------------------------- */

  function fillSlots(root, values, rules, row, rowIndex) {
    all(root, ".stcb-slot").forEach(function (slot) {
      // Row items are filled (with their row's values) before the rest of the document.
      if (slot.classList.contains("stcb-slot--filled") || slot.classList.contains("stcb-slot--empty")) return;
      var name = slot.getAttribute("data-f");
      var type = slot.getAttribute("data-type");
      var text;
      if (name === "n" && slot.hasAttribute("data-col")) {
        text = String(rowIndex + 1);
      } else {
        var value = slot.hasAttribute("data-col") && row ? row[name] : values[name];
        text = format(type, slot.getAttribute("data-filter") || "", value, rules);
      }
      if (text !== "") {
        slot.textContent = text;
        slot.classList.add("stcb-slot--filled");
      } else {
        slot.classList.add("stcb-slot--empty");
      }
    });
    // Optional parts: dropped when one of their own placeholders is empty (inner first).
    all(root, ".stcb-opt").reverse().forEach(function (opt) {
      var own = Array.prototype.filter.call(opt.children, function (el) {
        return el.classList.contains("stcb-slot");
      });
      if (own.some(function (el) { return el.classList.contains("stcb-slot--empty"); })) {
        opt.parentNode.removeChild(opt);
      }
    });
  }

  function item(templateEl, values, rules, row, index) {
    var fragment = templateEl.content.cloneNode(true);
    fillSlots(fragment, values, rules, row, index);
    return fragment;
  }

  function paragraph(className, text) {
    var p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    return p;
  }

  function remove(el) { if (el && el.parentNode) el.parentNode.removeChild(el); }

  /* Fill `doc` (a copy of the blank document) from the values of one meeting. */
  function printDocument(doc, values, rules) {
    all(doc, "[data-when]").forEach(function (el) {
      if (!values[el.getAttribute("data-when")]) remove(el);
    });
    all(doc, "[data-rows]").forEach(function (block) {
      var rows = nonEmptyRows(values[block.getAttribute("data-rows")]);
      var templateEl = block.querySelector("template[data-item]");
      if (block.tagName === "TABLE") {
        if (!rows.length) return;
        var body = block.tBodies[0];
        while (body.firstChild) body.removeChild(body.firstChild);
        rows.forEach(function (row, i) { body.appendChild(item(templateEl, values, rules, row, i)); });
      } else if (block.getAttribute("data-style") === "inline") {
        var holder = block.querySelector("[data-items]");
        if (!rows.length) { remove(holder); return; }
        while (holder.firstChild) holder.removeChild(holder.firstChild);
        holder.appendChild(document.createTextNode(": "));
        rows.forEach(function (row, i) {
          if (i) holder.appendChild(document.createTextNode(", "));
          holder.appendChild(item(templateEl, values, rules, row, i));
        });
      } else {
        if (!rows.length) { remove(block); return; }
        all(block, "[data-blank-line]").forEach(remove);
        rows.forEach(function (row, i) {
          var p = paragraph("stcb-doc__p stcb-doc__item", "- ");
          p.appendChild(item(templateEl, values, rules, row, i));
          block.insertBefore(p, templateEl);
        });
      }
    });
    all(doc, "[data-text]").forEach(function (block) {
      var items = lines(values[block.getAttribute("data-text")]);
      if (!items.length) { remove(block); return; }
      all(block, "[data-blank-line]").forEach(remove);
      var style = block.getAttribute("data-style");
      if (style === "inline") {
        // One paragraph: the lead, then the lines joined.
        var lead = block.querySelector(".stcb-doc__lead");
        lead.appendChild(document.createTextNode(" " + items.join("; ") + "."));
        return;
      }
      var list = style === "list";
      items.forEach(function (line) {
        var text = list && !/^[-+•*]/.test(line) ? "- " + line : line;
        block.appendChild(paragraph("stcb-doc__p", text));
      });
    });
    all(doc, "[data-lines]").forEach(function (list) {
      var items = lines(values[list.getAttribute("data-lines")]);
      if (!items.length) return;
      while (list.firstChild) list.removeChild(list.firstChild);
      items.forEach(function (line, i) {
        var li = document.createElement("li");
        var text = line.replace(/^[-+•*]\s*/, "").replace(/[,;.]\s*$/, "");
        li.textContent = "- " + text + (i === items.length - 1 ? "." : ",");
        list.appendChild(li);
      });
    });
    fillSlots(doc, values, rules, null, -1);
    all(doc, "[data-optional]").forEach(function (p) {
      if (p.textContent.trim() === "") remove(p);
    });
    // Items left out leave no gap: number again within each part of the body.
    var counter = 0;
    all(doc, ".stcb-doc__heading, [data-num]").forEach(function (el) {
      if (el.hasAttribute("data-num")) el.textContent = String(++counter);
      else counter = 0;
    });
    return doc;
  }

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
    return values;
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
    this.load();
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
    all(this.form, "[data-stcb-computed]").forEach(function (out) {
      var field = self.fields[out.getAttribute("data-stcb-computed")];
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
    M.setValue(this.tpl, id, this.collectRows(group), false);
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

  /* Errors (GOV.UK pattern): inline message + summary with links ---------------------- */

  Form.prototype.controlFor = function (error) {
    if (error.row >= 0) {
      var group = this.form.querySelector("[data-stcb-rows='" + error.field + "']");
      var li = group && all(group, "[data-stcb-row]")[error.row];
      return li && li.querySelector("[data-stcb-col='" + error.column + "']");
    }
    var field = this.fields[error.field];
    if (field && field.type === "rows") {
      var box = this.form.querySelector("[data-stcb-rows='" + error.field + "']");
      return box && (box.querySelector("[data-stcb-col]") || box.querySelector("[data-stcb-act=add]"));
    }
    return this.form.querySelector("[data-stcb-input='" + error.field + "']");
  };

  Form.prototype.clearErrors = function () {
    all(this.form, ".stcb-error[data-stcb-error]").forEach(remove);
    all(this.form, ".stcb-field--error").forEach(function (el) { el.classList.remove("stcb-field--error"); });
    all(this.form, "[aria-invalid]").forEach(function (el) {
      el.removeAttribute("aria-invalid");
      var ids = (el.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
        return id && !/-error$/.test(id);
      });
      if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
      else el.removeAttribute("aria-describedby");
    });
    this.summaryBox.hidden = true;
  };

  Form.prototype.showErrors = function (errors, focus) {
    var self = this;
    this.clearErrors();
    // The summary lists problems in the order of the form.
    errors = errors.map(function (error) { return { error: error, control: self.controlFor(error) }; })
      .filter(function (pair) { return pair.control; })
      .sort(function (a, b) {
        if (a.control === b.control) return 0;
        return a.control.compareDocumentPosition(b.control) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
      })
      .map(function (pair) { return pair.error; });
    var list = this.summaryBox.querySelector("[data-stcb-error-list]");
    while (list.firstChild) list.removeChild(list.firstChild);
    errors.forEach(function (error) {
      var control = self.controlFor(error);
      if (!control) return;
      var container = error.row < 0 && self.fields[error.field].type === "rows"
        ? self.form.querySelector("[data-stcb-rows='" + error.field + "']")
        : control.closest(".stcb-field");
      var errorId = control.id + "-error";
      var message = document.getElementById(errorId);
      if (!message) {
        message = document.createElement("p");
        message.className = "stcb-error";
        message.id = errorId;
        message.setAttribute("data-stcb-error", "");
        var prefix = document.createElement("span");
        prefix.className = "stcb-vh";
        prefix.textContent = self.ui["error-prefix"] + " ";
        message.appendChild(prefix);
        message.appendChild(document.createTextNode(error.message));
        var label = container.querySelector(".stcb-hint") || container.querySelector(".stcb-label");
        if (container.tagName === "FIELDSET" && !container.querySelector(".stcb-hint")) {
          label = container.querySelector("legend");
        }
        label.parentNode.insertBefore(message, label.nextSibling);
        container.classList.add("stcb-field--error");
        control.setAttribute("aria-invalid", "true");
        var described = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
        described.push(errorId);
        control.setAttribute("aria-describedby", described.join(" "));
      } else {
        message.appendChild(document.createTextNode(" " + error.message));
      }
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + control.id;
      a.textContent = error.message;
      a.addEventListener("click", function (e) {
        e.preventDefault();
        self.focusControl(control);
      });
      li.appendChild(a);
      list.appendChild(li);
    });
    this.summaryBox.hidden = list.children.length === 0;
    if (focus && !this.summaryBox.hidden) {
      this.summaryBox.focus();
      this.summaryBox.scrollIntoView({ block: "start" });
    }
    return list.children.length;
  };

  Form.prototype.focusControl = function (control) {
    this.showForm(false);
    var field = control.closest(".stcb-field");
    control.focus();
    (field || control).scrollIntoView({ block: "center" });
  };

  /* Check answers, preview, print ------------------------------------------------------- */

  Form.prototype.preview = function () {
    if (!this.review) return;
    this.validated = true;
    var count = this.showErrors(validate(this.def, this.values()), true);
    if (count) return;
    this.buildSummary();
    this.refreshDocument(true);
    this.formStep.hidden = true;
    this.review.hidden = false;
    this.filled.hidden = false;
    var heading = this.review.querySelector("h2");
    heading.focus();
    heading.scrollIntoView({ block: "start" });
  };

  Form.prototype.showForm = function (focusPreview) {
    if (!this.review || this.formStep.hidden === false) return;
    this.review.hidden = true;
    this.filled.hidden = true;
    this.formStep.hidden = false;
    if (focusPreview) this.form.querySelector("[data-stcb-act=preview]").focus();
  };

  Form.prototype.display = function (field, value) {
    var ui = this.ui;
    if (field.type === "checkbox") return value === true ? ui.yes : ui.no;
    if (isEmpty(value)) return null;
    if (field.type === "select") {
      var option = field.options.filter(function (o) { return o.value === value; })[0];
      return option ? option.label : value;
    }
    if (field.type === "date" || field.type === "time") {
      return format(field.type, "", value, this.def.dates).replace(" giờ ", ":");
    }
    return String(value).trim();
  };

  Form.prototype.buildSummary = function () {
    var self = this;
    var box = this.review.querySelector("[data-stcb-summary]");
    while (box.firstChild) box.removeChild(box.firstChild);
    var values = this.values();
    this.def.sections.forEach(function (section) {
      var heading = document.createElement("h3");
      heading.className = "stcb-summary__section";
      heading.textContent = section.title;
      box.appendChild(heading);
      var dl = document.createElement("dl");
      dl.className = "stcb-summary__list";
      section.fields.forEach(function (field) {
        if (field.type === "computed") return;
        var row = document.createElement("div");
        row.className = "stcb-summary__row";
        var dt = document.createElement("dt");
        dt.textContent = field.label;
        var dd = document.createElement("dd");
        dd.className = "stcb-summary__value";
        var value = values[field.id];
        if (field.type === "rows") {
          var rows = nonEmptyRows(value);
          if (rows.length) {
            var ol = document.createElement("ol");
            rows.forEach(function (r) {
              var li = document.createElement("li");
              li.textContent = field.columns.map(function (c) {
                var shown = self.display(c, r[c.id]);
                return shown ? c.label + ": " + shown : null;
              }).filter(Boolean).join(" — ");
              ol.appendChild(li);
            });
            dd.appendChild(ol);
          }
        } else {
          var shown = self.display(field, value);
          if (shown !== null) dd.textContent = shown;
        }
        if (!dd.firstChild) {
          var empty = document.createElement("span");
          empty.className = "stcb-summary__empty";
          empty.textContent = self.ui["not-provided"];
          dd.appendChild(empty);
        }
        var action = document.createElement("dd");
        action.className = "stcb-summary__action";
        var control = self.controlFor({ field: field.id, row: -1 });
        var a = document.createElement("a");
        a.href = "#" + (control ? control.id : "");
        a.textContent = self.ui.change;
        var hidden = document.createElement("span");
        hidden.className = "stcb-vh";
        hidden.textContent = " " + field.label;
        a.appendChild(hidden);
        a.addEventListener("click", function (e) {
          e.preventDefault();
          var target = self.controlFor({ field: field.id, row: -1 });
          if (target) self.focusControl(target);
        });
        action.appendChild(a);
        row.appendChild(dt);
        row.appendChild(dd);
        row.appendChild(action);
        dl.appendChild(row);
      });
      box.appendChild(dl);
    });
  };

  /* The filled copy of the document: rebuilt shortly after each change. */
  Form.prototype.refreshDocument = function (now) {
    if (!this.filled || !this.blankDoc) return;
    var self = this;
    if (this.docTimer) window.clearTimeout(this.docTimer);
    var build = function () {
      self.docTimer = null;
      var copy = printDocument(self.blankDoc.cloneNode(true), self.values(), self.def.dates);
      while (self.filled.firstChild) self.filled.removeChild(self.filled.firstChild);
      self.filled.appendChild(copy);
    };
    if (now) build(); else this.docTimer = window.setTimeout(build, 150);
  };

  Form.prototype.onAction = function (event) {
    var button = event.target.closest("button[data-stcb-act]");
    if (!button) return;
    var act = button.getAttribute("data-stcb-act");
    if (act === "print") {
      this.refreshDocument(true);
      this.root.removeAttribute("data-print");
      window.print();
    } else if (act === "print-blank") {
      this.root.setAttribute("data-print", "blank");
      window.print();
    } else if (act === "back") {
      this.showForm(true);
    } else if (act === "docx") {
      this.downloadDocx(button);
    }
  };

  /* Downloads -------------------------------------------------------------------------- */

  /* Save a Blob as a file: a blob: link, never a request. Returns false on failure. */
  function download(name, blob) {
    try {
      var href = URL.createObjectURL(blob);
      var a = document.createElement("a");
      a.href = href;
      a.download = name;
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      remove(a);
      // Revoked later, not at once: some browsers start the download after this returns.
      window.setTimeout(function () { URL.revokeObjectURL(href); }, 60000);
      return true;
    } catch (error) {
      return false;
    }
  }

  /* docx: the Word file, its scripts loaded on first use ------------------------------- */

  var DOCX_SCRIPTS = ["vendor/docx/docx.min.js", "stcb-docx.js"];
  var docxLoading = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { remove(script); reject(new Error("not loaded: " + src)); };
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

  /* Bar: the meeting workspace --------------------------------------------------------- */

  function Bar(root, ui) {
    this.root = root;
    this.ui = ui;
    this.select = root.querySelector("[data-stcb-ws-select]");
    this.status = root.querySelector("[data-stcb-ws-status]");
    this.opener = null;
  }

  Bar.prototype.mount = function () {
    var self = this;
    this.fillSelect();
    this.showStatus();
    this.select.addEventListener("change", function () {
      if (M.select(self.select.value)) {
        self.say(fill(self.ui["ws-switched"], { name: M.current().name }));
      }
    });
    this.root.addEventListener("click", function (e) {
      var button = e.target.closest("button[data-stcb-ws-act]");
      if (button) self.act(button.getAttribute("data-stcb-ws-act"), button);
    });
    this.root.addEventListener("keydown", function (e) {
      var panel = e.target.closest("[data-stcb-ws-panel]");
      if (!panel) return;
      if (e.key === "Escape") {
        e.preventDefault();
        if (panel.getAttribute("data-stcb-ws-panel") === "clash") self.act("clash-cancel");
        else self.close(true);
      }
      if (e.key === "Enter" && e.target.tagName === "INPUT") {
        e.preventDefault();
        self.act(panel.getAttribute("data-stcb-ws-panel") + "-ok");
      }
    });
    M.onChange(function (event) {
      if (event.type === "status") { self.showStatus(); return; }
      self.fillSelect();
    });
    var file = this.root.querySelector("[data-stcb-io-file]");
    if (file) {
      file.addEventListener("change", function () {
        var chosen = file.files && file.files[0];
        // Cleared at once, so that choosing the same file again is a change too.
        file.value = "";
        self.importFile(chosen, file);
      });
    }
  };

  Bar.prototype.fillSelect = function () {
    var select = this.select;
    var current = M.currentId();
    while (select.firstChild) select.removeChild(select.firstChild);
    M.list().forEach(function (m) {
      var option = document.createElement("option");
      option.value = m.id;
      option.textContent = m.name;
      option.selected = m.id === current;
      select.appendChild(option);
    });
  };

  Bar.prototype.showStatus = function () {
    var s = M.status();
    var ui = this.ui;
    var text = ui["ws-ready"];
    if (s.state === "off") text = ui["ws-save-off"];
    else if (s.state === "newer") text = ui["ws-newer"];
    else if (s.state === "external") text = ui["ws-external"];
    else if (s.state === "saved" && s.at) {
      text = fill(ui["ws-saved"], { time: pad2(s.at.getHours()) + ":" + pad2(s.at.getMinutes()) });
    }
    if (this.status.textContent !== text) this.status.textContent = text;
    this.status.classList.toggle("stcb-ws__status--off", s.state === "off" || s.state === "newer");
  };

  Bar.prototype.say = function (text) {
    this.status.textContent = text;
  };

  Bar.prototype.panel = function (name) {
    return this.root.querySelector("[data-stcb-ws-panel='" + name + "']");
  };

  Bar.prototype.open = function (name, button) {
    this.close(false);
    var panel = this.panel(name);
    panel.hidden = false;
    this.opener = button;
    button.setAttribute("aria-expanded", "true");
    var error = panel.querySelector("[data-stcb-ws-error]");
    if (error) error.hidden = true;
    var input = panel.querySelector("input");
    if (name === "rename") input.value = M.current().name;
    if (name === "new") input.value = M.suggestName();
    if (name === "delete") {
      panel.querySelector("[data-stcb-ws-question]").textContent =
        fill(this.ui["ws-delete-confirm"], { name: M.current().name });
    }
    if (input) { input.focus(); input.select(); }
    else panel.querySelector("[tabindex='-1']").focus();
  };

  Bar.prototype.close = function (refocus) {
    var self = this;
    all(this.root, "[data-stcb-ws-panel]").forEach(function (panel) { panel.hidden = true; });
    all(this.root, "[aria-expanded]").forEach(function (b) { b.setAttribute("aria-expanded", "false"); });
    if (refocus && this.opener) this.opener.focus();
    if (refocus) self.opener = null;
  };

  Bar.prototype.nameFrom = function (panelName) {
    var panel = this.panel(panelName);
    var input = panel.querySelector("input");
    var name = nfc(input.value).trim().replace(/\s+/g, " ");
    var error = panel.querySelector("[data-stcb-ws-error]");
    if (!name) {
      error.textContent = this.ui["ws-name-empty"];
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", error.id);
      input.focus();
      return null;
    }
    input.removeAttribute("aria-invalid");
    input.removeAttribute("aria-describedby");
    return name;
  };

  Bar.prototype.act = function (act, button) {
    var name;
    if (act === "rename" || act === "new" || act === "delete" || act === "clear") {
      var panel = this.panel(act);
      if (!panel.hidden) { this.close(true); return; }
      this.open(act, button);
    } else if (act === "cancel") {
      this.close(true);
    } else if (act === "rename-ok") {
      name = this.nameFrom("rename");
      if (!name) return;
      M.rename(M.currentId(), name);
      this.close(true);
      this.say(fill(this.ui["ws-renamed"], { name: name }));
    } else if (act === "new-ok") {
      name = this.nameFrom("new");
      if (!name) return;
      M.create(name);
      this.close(false);
      this.select.focus();
      this.say(fill(this.ui["ws-created"], { name: M.current().name }));
    } else if (act === "delete-ok") {
      var old = M.current().name;
      M.remove(M.currentId());
      this.close(false);
      this.select.focus();
      this.say(fill(this.ui["ws-deleted"], { name: old }));
    } else if (act === "clear-ok") {
      M.clear();
      this.close(false);
      this.select.focus();
      this.say(this.ui.cleared);
    } else if (act === "export-one" || act === "export-all") {
      this.exportFile(act === "export-one");
    } else if (act === "clash-replace" || act === "clash-copy") {
      var waiting = this.waiting;
      this.waiting = null;
      this.close(false);
      if (waiting) this.finishImport(waiting, act === "clash-replace" ? "replace" : "copy");
    } else if (act === "clash-cancel") {
      this.waiting = null;
      this.close(true);
      this.say(this.ui["io-cancelled"]);
    }
  };

  /* Export and import ---------------------------------------------------------------- */

  function slug(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 50).replace(/-+$/, "");
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad2(d.getMonth() + 1) + "-" + pad2(d.getDate());
  }

  Bar.prototype.exportFile = function (one) {
    var data = M.exportData(one ? [M.currentId()] : []);
    var name = one
      ? "cuoc-hop-" + (slug(M.current().name) || "khong-ten") + "-" + today() + ".json"
      : "tat-ca-cuoc-hop-" + today() + ".json";
    var blob = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
    this.say(download(name, blob) ? fill(this.ui["io-exported"], { file: name })
                                  : this.ui["io-export-failed"]);
  };

  Bar.prototype.importError = function (text) {
    var box = this.root.querySelector("[data-stcb-io-error]");
    var input = this.root.querySelector("[data-stcb-io-file]");
    if (!text) {
      box.hidden = true;
      box.textContent = "";
      input.removeAttribute("aria-invalid");
      input.setAttribute("aria-describedby", "stcb-ws-import-hint");
      return;
    }
    box.textContent = text + " " + this.ui["io-unchanged"];
    box.hidden = false;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", "stcb-ws-import-hint " + box.id);
  };

  Bar.prototype.importFile = function (file, input) {
    var self = this;
    this.importError("");
    this.waiting = null;
    this.close(false);
    if (!file) return;
    var ui = this.ui;
    if (file.size > M.MAX_BYTES) {
      var size = (file.size / 1048576).toLocaleString(document.documentElement.lang || "vi",
                                                       { maximumFractionDigits: 1 });
      this.importError(fill(ui["io-err-size"], { file: file.name, size: size }));
      return;
    }
    var reader = new FileReader();
    reader.onload = function () { self.importText(file.name, String(reader.result), input); };
    reader.onerror = function () { self.importError(fill(ui["io-err-read"], { file: file.name })); };
    reader.readAsText(file);
  };

  Bar.prototype.importText = function (fileName, text, input) {
    var ui = this.ui;
    var result = M.parseImport(text);
    if (result.error) {
      var e = result.error;
      var message;
      if (e.code === "json") message = fill(ui["io-err-json"], { file: fileName });
      else if (e.code === "newer") {
        message = fill(ui["io-err-newer"], { file: fileName, version: e.version, supported: M.VERSION });
      } else {
        var detail = fill(ui["io-err-" + e.code] || ui["io-err-type"], { path: e.path });
        message = fill(ui["io-err-shape"], { file: fileName, detail: detail });
      }
      this.importError(message);
      return;
    }
    var job = { file: fileName, data: result.data };
    if (!result.clashes.length) { this.finishImport(job, "replace"); return; }
    this.waiting = job;
    var names = result.clashes.slice(0, 5).map(function (c) { return "“" + c.name + "”"; }).join(", ") +
                (result.clashes.length > 5 ? ", …" : "");
    var panel = this.panel("clash");
    panel.querySelector("[data-stcb-ws-question]").textContent =
      fill(ui["io-clash"], { count: result.clashes.length, names: names });
    panel.hidden = false;
    this.opener = input || null;
    panel.querySelector("[tabindex='-1']").focus();
  };

  Bar.prototype.finishImport = function (job, mode) {
    var ui = this.ui;
    var result = M.applyImport(job.data, mode);
    if (!result.ok) {
      this.importError(result.reason === "newer" ? ui["io-err-newer-saved"] : ui["io-err-full"]);
      return;
    }
    this.select.focus();
    var values = { count: result.count, file: job.file, name: M.current().name };
    this.say(fill(ui[result.saved ? "io-imported" : "io-imported-unsaved"], values));
  };

  /* Mount ------------------------------------------------------------------------------ */

  function defaultName(ui) {
    var today = new Date();
    return fill(ui["ws-default-name"], { month: today.getMonth() + 1, year: today.getFullYear() });
  }

  function mountAll() {
    if (!M) return;
    all(document, "[data-stcb-form-root]").forEach(function (root) {
      if (root.hasAttribute("data-stcb-mounted")) return;
      root.setAttribute("data-stcb-mounted", "");
      var form = new Form(root);
      M.setDefaultName(function () { return defaultName(form.ui); });
      M.ensure();
      var bar = root.querySelector("[data-stcb-ws]");
      if (bar) new Bar(bar, form.ui).mount();
      form.mount();
    });
  }

  window.stcb = window.stcb || {};
  window.stcb.templates = {
    format: format, validate: validate, printDocument: printDocument, nfc: nfc,
    nonEmptyRows: nonEmptyRows, loadDocx: loadDocx
  };

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
