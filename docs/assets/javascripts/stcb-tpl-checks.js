/* Sổ tay Bí thư chi bộ — meeting templates: checks.
 * Required fields, numbers, and the cross-field checks of the template's data
 * (data/templates/*.yml `checks`). Every problem has a level: "error" only when the
 * document would be meaningless (a count that is not a number), else "warning"
 * (a field left empty, every cross-field and rule check). Neither ever stops printing.
 */
(function () {
  "use strict";

  var T = window.stcb.tpl;
  var fill = T.fill, isEmpty = T.isEmpty, nonEmptyRows = T.nonEmptyRows, format = T.format, parseDate = T.parseDate, dayNumber = T.dayNumber;

  /* checks ----------------------------------------------------------------- */

  function fieldIndex(def) {
    var index = {};
    def.sections.forEach(function (section) {
      section.fields.forEach(function (field) { index[field.id] = field; });
    });
    return index;
  }

  /* "12", "12 đồng chí" → 12; empty → null; anything else → NaN (stcb-tpl-count.js). */
  function number(value) {
    return T.count.count(value);
  }

  /* Every problem: {field, row (index or -1), column, message, level}. */
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
                errors.push({ field: field.id, row: i, column: col.id, level: "warning",
                              message: fill(ui["err-required"], { label: col.label }) + " (" +
                                       fill(field.row_label, { n: i + 1 }) + ")" });
              }
            });
          });
          return;
        }
        if (field.required && isEmpty(value)) {
          var key = field.type === "select" ? "err-choose" : "err-required";
          errors.push({ field: field.id, row: -1, level: "warning", missing: true,
                        message: fill(ui[key], { label: field.label }) });
        } else if (field.type === "number" && !isEmpty(value) && isNaN(number(value))) {
          errors.push({ field: field.id, row: -1, level: "error",
                        message: fill(ui["err-number"], { label: field.label }) });
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
            errors.push({ field: check.rows, row: i, column: check.field, level: check.level || "warning",
                          message: fill(check.message, failed) + " (" +
                                   fill(group.row_label, { n: i + 1 }) + ")" });
          }
        });
        return;
      }
      var result = check.kind === "count" ? T.count.check(check.id, values)
                                          : evaluate(check, values, fields, def.dates);
      if (result) {
        errors.push({ field: check.field, row: -1, level: check.level || "warning",
                      message: fill(check.message, result) });
      }
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

  T.fieldIndex = fieldIndex;
  T.number = number;
  T.validate = validate;
  T.evaluate = evaluate;
})();
