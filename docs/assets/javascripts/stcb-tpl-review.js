/* Sổ tay Bí thư chi bộ — meeting templates: errors and check answers.
 * Inline errors with an error summary (GOV.UK pattern), the check-answers
 * summary, the filled copy of the document and the print buttons.
 */
(function () {
  "use strict";

  var T = window.stcb.tpl;
  var all = T.all, remove = T.remove, validate = T.validate, isEmpty = T.isEmpty, nonEmptyRows = T.nonEmptyRows, format = T.format, printDocument = T.printDocument, Form = T.Form;

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
        prefix.textContent = self.ui[error.level === "error" ? "error-prefix" : "warning-prefix"] + " ";
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

  /* Nothing hides Print, Word or the document: every problem is listed on the
   * check-answers step ("Cần xem lại"), linked to its field; empty fields print as
   * dotted blanks to fill by hand. */
  Form.prototype.preview = function () {
    if (!this.review) return;
    this.validated = true;
    this.showErrors(validate(this.def, this.values()), false);
    this.buildSummary();
    this.refreshDocument(true);
    this.formStep.hidden = true;
    this.review.hidden = false;
    this.filled.hidden = false;
    var heading = this.review.querySelector("h2");
    heading.focus();
    heading.scrollIntoView({ block: "start" });
  };

  /* The problems above the document: what is missing, then what to check again. */
  Form.prototype.buildIssues = function (problems) {
    var self = this;
    var box = this.review.querySelector("[data-stcb-issues]");
    if (!box) return;
    var lists = { missing: box.querySelector("[data-stcb-missing]"),
                  check: box.querySelector("[data-stcb-check]") };
    Object.keys(lists).forEach(function (k) {
      while (lists[k].firstChild) lists[k].removeChild(lists[k].firstChild);
    });
    problems.forEach(function (problem) {
      var control = self.controlFor(problem);
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + (control ? control.id : "");
      a.textContent = (problem.level === "error" ? self.ui["error-prefix"] + " " : "") + problem.message;
      a.addEventListener("click", function (e) {
        e.preventDefault();
        if (control) self.focusControl(control);
      });
      li.appendChild(a);
      (problem.missing ? lists.missing : lists.check).appendChild(li);
    });
    lists.missing.parentNode.hidden = !lists.missing.children.length;
    lists.check.parentNode.hidden = !lists.check.children.length;
    box.hidden = !problems.length;
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
    this.buildIssues(validate(this.def, this.values()));
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
      var values = self.printValues();
      var copy = printDocument(self.blankDoc.cloneNode(true), values, self.def.dates);
      // Minutes kept in a bound book have no number: no "Số" line then.
      if (self.def.numberOptional && isEmpty(values[self.def.number])) {
        all(copy, ".stcb-doc__number").forEach(function (el) { el.textContent = ""; });
      }
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
})();
