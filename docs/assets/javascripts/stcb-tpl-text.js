/* Sổ tay Bí thư chi bộ — meeting templates: text.
 * NFC normalisation, dates, times and numbers as Party documents print them,
 * small DOM helpers and the file download. Loaded first: every other
 * stcb-tpl-*.js module reads these from window.stcb.tpl.
 */
(function () {
  "use strict";

  window.stcb = window.stcb || {};
  window.stcb.tpl = window.stcb.tpl || {};
  var T = window.stcb.tpl;

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

  /* A document number is the sequence only, padded: "5" → "05"; a pasted "Số 05-NQ/CB"
   * → "05". Anything without a leading number is left as typed. */
  function docNumber(value) {
    var m = /^\s*(?:s[ốo]\s*)?(\d{1,4})(?:\s*[-–/].*)?\s*$/i.exec(nfc(String(value || "")));
    if (!m) return value;
    var n = parseInt(m[1], 10);
    return n < 10 ? "0" + n : String(n);
  }

  /* "Đồng chí Nguyễn Văn A" → "Nguyễn Văn A": the print writes "đồng chí" itself. */
  function bareName(text) {
    return String(text || "").replace(/^\s*(đồng chí|đ\/c|đc)\s+/i, "").trim();
  }

  function remove(el) { if (el && el.parentNode) el.parentNode.removeChild(el); }

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

  function slug(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 50).replace(/-+$/, "");
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad2(d.getMonth() + 1) + "-" + pad2(d.getDate());
  }

  T.nfc = nfc;
  T.fill = fill;
  T.all = all;
  T.pad2 = pad2;
  T.parseDate = parseDate;
  T.parseTime = parseTime;
  T.dayNumber = dayNumber;
  T.fromDayNumber = fromDayNumber;
  T.dateParts = dateParts;
  T.shortDate = shortDate;
  T.isEmpty = isEmpty;
  T.nonEmptyRows = nonEmptyRows;
  T.lines = lines;
  T.format = format;
  T.remove = remove;
  T.docNumber = docNumber;
  T.bareName = bareName;
  T.download = download;
  T.slug = slug;
  T.today = today;
})();
