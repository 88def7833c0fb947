/* Sổ tay Bí thư chi bộ — meeting templates: the cell's profile and its roll.
 * - The profile page (docs/bieu-mau/ho-so-chi-bo.md): the higher đảng bộ, the cell,
 *   the place, whether it has a cell committee, secretary, deputy, committee members
 *   and the roll of members by kind, kept through window.stcb.profile only
 *   (stcb-profile.js; profile = {superior_body, cell_name, locality, has_committee,
 *   secretary, deputy, committee: [{name}], roll: [{name, kind}]},
 *   kind: full | probationary | exempt (a full member) | exempt_probationary | attached;
 *   the last kind since profile version 2).
 * - In a template: a field never typed in this meeting starts from the profile; the
 *   attendance is ticked on the roll (tick the absent, "Xong"); names are offered from
 *   the roll (a <datalist>: a name not on the roll can still be typed).
 */
(function () {
  "use strict";

  var T = window.stcb && window.stcb.tpl;
  var P = window.stcb && window.stcb.profile;
  if (!T || !P) return;
  var all = T.all, fill = T.fill, lines = T.lines;
  var KINDS = { roll_full: "full", roll_probationary: "probationary", roll_exempt: "exempt",
                roll_exempt_probationary: "exempt_probationary", roll_attached: "attached" };
  var NAME_FIELDS = ["chair", "minute_taker", "signer_name", "cm_chair", "cm_minute_taker"];
  var NAME_COLUMNS = ["name", "speaker", "person", "lead"];

  var bareName = T.bareName;

  function roll(profile) {
    return (Array.isArray(profile.roll) ? profile.roll : []).filter(function (m) {
      return m && typeof m.name === "string" && m.name.trim() && KINDS["roll_" + m.kind];
    });
  }

  function ofKind(profile, kind) {
    return roll(profile).filter(function (m) { return m.kind === kind; });
  }

  /* The values a new meeting starts from (strings, as the form stores them). */
  function defaults(profile) {
    var d = {};
    ["superior_body", "cell_name", "locality"].forEach(function (k) {
      if (typeof profile[k] === "string" && profile[k].trim()) d[k] = profile[k];
    });
    if (typeof profile.secretary === "string" && profile.secretary.trim()) {
      d.chair = d.signer_name = profile.secretary;
      d.signer_title = "BÍ THƯ";
    }
    // A cell without a committee: the secretary and deputy hold the preparation meeting.
    if (typeof profile.has_committee === "boolean") {
      d.cm_kind = profile.has_committee ? "chi ủy" : "bí thư, phó bí thư (hoặc bí thư)";
    }
    if (typeof profile.secretary === "string" && profile.secretary.trim()) d.cm_chair = profile.secretary;
    if (roll(profile).length) {
      // Exempt members are not absent (domain.md §3a); an exempt probationary member is
      // among the probationary members, who do not vote (Charter Art. 3).
      var exempt = ofKind(profile, "exempt").length;
      var exemptProbationary = ofKind(profile, "exempt_probationary").length;
      d.official_members = String(ofKind(profile, "full").length + exempt);
      d.probationary_members = String(ofKind(profile, "probationary").length + exemptProbationary);
      d.exempt_absent = String(exempt + exemptProbationary);
      d.exempt_probationary = String(exemptProbationary);
      d.attached_present = String(ofKind(profile, "attached").length);
    }
    return d;
  }

  /* The profile page --------------------------------------------------------------- */

  function mountProfile(root) {
    var form = root.querySelector("[data-stcb-profile-form]");
    var status = root.querySelector("[data-stcb-profile-status]");
    form.hidden = false;
    all(root, ".stcb-nojs-only").forEach(function (el) { el.hidden = true; });
    function load() {
      var p = P.get();
      all(form, "[data-stcb-profile]").forEach(function (el) {
        var id = el.getAttribute("data-stcb-profile");
        if (el.type === "checkbox") el.checked = p[id] === true;
        else if (KINDS[id]) el.value = ofKind(p, KINDS[id]).map(function (m) { return m.name; }).join("\n");
        else if (id === "committee") {
          el.value = (Array.isArray(p.committee) ? p.committee : []).map(function (m) { return m.name; }).join("\n");
        } else el.value = typeof p[id] === "string" ? p[id] : "";
      });
    }
    form.addEventListener("input", function (e) {
      var el = e.target, id = el.getAttribute("data-stcb-profile");
      if (!id) return;
      var ok = P.update(function (p) {
        if (el.type === "checkbox") p[id] = el.checked;
        else if (KINDS[id]) {
          p.roll = roll(p).filter(function (m) { return m.kind !== KINDS[id]; })
            .concat(lines(T.nfc(el.value)).map(function (n) { return { name: bareName(n), kind: KINDS[id] }; }));
        } else if (id === "committee") {
          p.committee = lines(T.nfc(el.value)).map(function (n) { return { name: bareName(n) }; });
        } else p[id] = T.nfc(el.value);
      });
      status.textContent = root.getAttribute(ok === false || P.status() !== "ok" ? "data-readonly" : "data-saved");
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    P.on(function (event) { if (event.source !== "local") load(); });
    load();
  }

  /* In a template ------------------------------------------------------------------- */

  var Form = T.Form;
  if (Form) {
    var baseValues = Form.prototype.values;
    Form.prototype.values = function () {
      var values = baseValues.call(this);
      var d = defaults(P.get());
      var self = this;
      Object.keys(d).forEach(function (k) {
        if (self.fields[k] && values[k] === undefined) values[k] = d[k];
      });
      return values;
    };

    var baseMount = Form.prototype.mount;
    Form.prototype.mount = function () {
      baseMount.call(this);
      this.addRoll();
      this.addNames();
      var self = this;
      P.on(function () {
        self.addRoll(); self.addNames(); self.load(true);
        if (self.numberLabel) self.numberLabel();
      });
    };

    /* The committee's term starts on the profile's term_start (numbering, HD 36 §II.1.3). */
    Form.prototype.termStart = function () {
      var start = P.get().term_start;
      return typeof start === "string" && /^\d{4}-\d{2}-\d{2}$/.test(start) ? start : "";
    };

    var baseAddRow = Form.prototype.addRow;
    Form.prototype.addRow = function (group, values, focus) {
      var li = baseAddRow.call(this, group, values, focus);
      this.listNames(li);
      return li;
    };

    Form.prototype.listNames = function (root) {
      if (!this.root.querySelector("#stcb-roll-names")) return;
      var selector = NAME_FIELDS.map(function (f) { return "[data-stcb-input='" + f + "']"; })
        .concat(NAME_COLUMNS.map(function (c) { return "[data-stcb-col='" + c + "']"; })).join(",");
      all(root, selector).forEach(function (el) {
        if (el.tagName === "INPUT") el.setAttribute("list", "stcb-roll-names");
      });
    };

    /* Names to pick from: the roll and the committee (typing another stays possible). */
    Form.prototype.addNames = function () {
      var p = P.get();
      var names = roll(p).map(function (m) { return m.name; })
        .concat((Array.isArray(p.committee) ? p.committee : []).map(function (m) { return m && m.name; }))
        .filter(function (n, i, a) { return n && a.indexOf(n) === i; });
      var list = this.root.querySelector("#stcb-roll-names");
      if (!names.length) { T.remove(list); return; }
      if (!list) {
        list = document.createElement("datalist");
        list.id = "stcb-roll-names";
        this.root.appendChild(list);
      }
      while (list.firstChild) list.removeChild(list.firstChild);
      names.forEach(function (n) {
        var option = document.createElement("option");
        option.value = n;
        list.appendChild(option);
      });
      this.listNames(this.form);
    };

    /* The roll call: one checkbox per member who should attend; "Xong" records it. */
    Form.prototype.addRoll = function () {
      var self = this, ui = this.ui;
      T.remove(this.form.querySelector("[data-stcb-roll]"));
      var anchor = this.form.querySelector("[data-stcb-field='official_members']");
      var p = P.get();
      var members = roll(p).filter(function (m) { return m.kind === "full" || m.kind === "probationary"; });
      if (!anchor || !members.length || !this.fields.absent_with_reason) return;
      var values = this.values();
      var absent = {};
      ["absent_with_reason", "absent_without_reason"].forEach(function (id) {
        (Array.isArray(values[id]) ? values[id] : []).forEach(function (r) { absent[bareName(r.name)] = true; });
      });
      var box = document.createElement("fieldset");
      box.className = "stcb-field stcb-roll";
      box.setAttribute("data-stcb-roll", "");
      var legend = document.createElement("legend");
      legend.className = "stcb-label";
      legend.textContent = ui["roll-title"];
      var intro = document.createElement("p");
      intro.className = "stcb-hint";
      intro.textContent = ui["roll-intro"];
      var list = document.createElement("ul");
      list.className = "stcb-roll__list";
      members.forEach(function (m, i) {
        var li = document.createElement("li");
        var input = document.createElement("input");
        input.type = "checkbox";
        input.className = "stcb-checkbox";
        input.id = "stcb-roll-" + i;
        input.setAttribute("data-stcb-roll-member", m.name);
        input.setAttribute("data-stcb-roll-kind", m.kind);
        input.checked = absent[m.name] === true;
        var label = document.createElement("label");
        label.htmlFor = input.id;
        label.textContent = fill(ui["roll-absent"], { name: m.name }) +
          (m.kind === "probationary" ? " " + ui["roll-probationary"] : "");
        li.appendChild(input);
        li.appendChild(label);
        list.appendChild(li);
      });
      var done = document.createElement("button");
      done.type = "button";
      done.className = "md-button stcb-button";
      done.setAttribute("data-stcb-roll-done", "");
      done.textContent = ui["roll-done"];
      done.addEventListener("click", function () { self.applyRoll(box); });
      [legend, intro, list, done].forEach(function (el) { box.appendChild(el); });
      anchor.parentNode.insertBefore(box, anchor);
    };

    Form.prototype.applyRoll = function (box) {
      var M = window.stcb.meetings, self = this;
      var p = P.get();
      var onRoll = {}, ticked = {}, tickedProbationary = 0;
      all(box, "[data-stcb-roll-member]").forEach(function (el) {
        var name = el.getAttribute("data-stcb-roll-member");
        onRoll[name] = true;
        if (el.checked) {
          ticked[name] = true;
          if (el.getAttribute("data-stcb-roll-kind") === "probationary") tickedProbationary++;
        }
      });
      var values = this.values();
      var seen = {};
      var keep = function (id) {
        return (Array.isArray(values[id]) ? values[id] : []).filter(function (r) {
          var n = bareName(r.name);
          if (!onRoll[n]) return true;           // a name typed by hand stays
          if (!ticked[n] || seen[n]) return false;
          seen[n] = true;
          return true;
        });
      };
      var withReason = keep("absent_with_reason"), withoutReason = keep("absent_without_reason");
      Object.keys(ticked).forEach(function (n) { if (!seen[n]) withReason.push({ name: n, reason: "" }); });
      var d = defaults(p);
      var set = { absent_with_reason: withReason, absent_without_reason: withoutReason,
                  absent_probationary: String(tickedProbationary),
                  official_members: d.official_members, probationary_members: d.probationary_members,
                  exempt_absent: d.exempt_absent, exempt_probationary: d.exempt_probationary,
                  attached_present: d.attached_present };
      Object.keys(set).forEach(function (id) {
        if (self.fields[id]) M.setValue(self.tpl, id, set[id], !!self.fields[id].shared);
      });
      this.load();
      var a = T.count.fromValues(this.values()).attendance;
      this.announce(fill(this.ui["roll-applied"], { present: a.present, absent: a.absent }));
    };
  }

  T.profileDefaults = defaults;

  function mountAll() {
    all(document, "[data-stcb-profile-root]").forEach(function (root) {
      if (root.hasAttribute("data-stcb-mounted")) return;
      root.setAttribute("data-stcb-mounted", "");
      mountProfile(root);
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
