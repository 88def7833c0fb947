/* Sổ tay Bí thư chi bộ — meeting templates: the meeting bar.
 * Choose, create, rename and delete meetings; export them to a .json file and
 * import one (checked first, asks before replacing, one undo); clear this meeting or
 * everything; damaged or newer saved data (read-only notice, download, start again);
 * whether storage is persistent, and a reminder to export. Folds on a phone.
 */
(function () {
  "use strict";

  var T = window.stcb.tpl;
  var fill = T.fill, pad2 = T.pad2, nfc = T.nfc, all = T.all, slug = T.slug, today = T.today, download = T.download;
  var M = window.stcb.meetings;
  var S = window.stcb.storage;
  var REMIND_DAYS = 3;
  var PHONE = "(max-width: 44.9375em)";

  /* "03/12/2026 09:41" in the reader's local time. */
  function when(stamp) {
    var d = stamp ? new Date(stamp) : null;
    if (!d || isNaN(d.getTime())) return "—";
    return pad2(d.getDate()) + "/" + pad2(d.getMonth() + 1) + "/" + d.getFullYear() + " " +
      pad2(d.getHours()) + ":" + pad2(d.getMinutes());
  }

  /* Bar: the meeting workspace --------------------------------------------------------- */

  function Bar(root, ui) {
    this.root = root;
    this.ui = ui;
    this.select = root.querySelector("[data-stcb-ws-select]");
    this.status = root.querySelector("[data-stcb-ws-status]");
    this.fold = root.querySelector("[data-stcb-ws-fold]");
    this.opener = null;
  }

  function q(root, attr) { return root.querySelector("[" + attr + "]"); }

  Bar.prototype.mount = function () {
    var self = this;
    // On a phone the bar is one line above the form until opened.
    if (this.fold && window.matchMedia && window.matchMedia(PHONE).matches) this.fold.open = false;
    all(this.root, "[data-stcb-ws-name], [data-stcb-ws-brief]").forEach(function (el) { el.hidden = false; });
    this.fillSelect();
    this.showStatus();
    this.showStorage();
    if (S) {
      S.key("sync").on(function () { self.showStorage(); });
    }
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
      if (event.type === "status" || event.type === "locked") { self.showStatus(); return; }
      self.fillSelect();
      self.showStatus();
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
    var locked = s.state === "newer" || s.state === "unreadable";
    if (s.state === "off") text = ui["ws-save-off"];
    else if (s.state === "newer") text = ui["ws-newer"];
    else if (s.state === "unreadable") text = ui["ws-unreadable"];
    else if (s.state === "external") text = ui["ws-external"];
    else if (s.state === "saved" && s.at) {
      text = fill(ui["ws-saved"], { time: pad2(s.at.getHours()) + ":" + pad2(s.at.getMinutes()) });
    }
    if (this.status.textContent !== text) this.status.textContent = text;
    this.status.classList.toggle("stcb-ws__status--off", s.state === "off" || locked);
    var notice = q(this.root, "data-stcb-ws-locked");
    if (notice) {
      notice.hidden = !locked;
      q(notice, "data-stcb-ws-locked-text").textContent = text;
      if (locked && this.fold) this.fold.open = true;
    }
    var name = q(this.root, "data-stcb-ws-name");
    if (name) name.textContent = " · " + M.current().name;
    var brief = q(this.root, "data-stcb-ws-brief");
    if (brief) brief.textContent = text;
  };

  /* Persistent storage granted or not, and the reminder to export (key "sync"). */
  Bar.prototype.showStorage = function () {
    if (!S) return;
    var sync = S.sync();
    var ui = this.ui;
    var persist = q(this.root, "data-stcb-ws-persist");
    if (persist && sync.persisted) {
      persist.textContent = ui[sync.persisted === "granted" ? "ws-persist-granted" : "ws-persist-denied"];
      persist.setAttribute("data-stcb-persisted", sync.persisted);
      persist.hidden = false;
    }
    var remind = q(this.root, "data-stcb-ws-remind");
    var since = sync.changed ? new Date(sync.changed).getTime() : NaN;
    var due = !isNaN(since) && Date.now() - since > REMIND_DAYS * 864e5 &&
      !(sync.dismissed && Date.now() - new Date(sync.dismissed).getTime() < REMIND_DAYS * 864e5);
    if (remind) {
      remind.hidden = !due;
      if (due) q(remind, "data-stcb-ws-remind-text").textContent = fill(ui["ws-remind"], { date: when(sync.changed) });
    }
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
    } else if (act === "clear-this") {
      var gone = M.current().name;
      M.remove(M.currentId());
      this.close(false);
      this.select.focus();
      this.say(fill(this.ui["ws-deleted"], { name: gone }));
    } else if (act === "damaged") {
      var raw = M.damaged() || "";
      download("du-lieu-hong-" + today() + ".txt", new Blob([raw], { type: "text/plain" }));
    } else if (act === "start-again") {
      M.startAgain();
      this.showStatus();
      this.select.focus();
      this.say(this.ui["ws-started-again"]);
    } else if (act === "remind-export") {
      this.exportFile(false);
    } else if (act === "remind-later") {
      if (S) S.dismiss();
    } else if (act === "undo-import") {
      if (M.undoImport()) this.say(this.ui["io-undone"]);
      q(this.root, "data-stcb-io-undo").hidden = true;
      this.select.focus();
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


  Bar.prototype.exportFile = function (one) {
    M.flush();  // what is exported is what is saved; its status comes before the export's
    var data = M.exportData(one ? [M.currentId()] : []);
    var name = one
      ? "cuoc-hop-" + (slug(M.current().name) || "khong-ten") + "-" + today() + ".json"
      : "tat-ca-cuoc-hop-" + today() + ".json";
    var blob = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
    var ok = download(name, blob);
    if (ok && !one && M.exported) M.exported();
    this.say(ok ? fill(this.ui["io-exported"], { file: name }) : this.ui["io-export-failed"]);
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
        message = fill(ui["io-err-newer"], { file: fileName, version: e.version, supported: M.FILE_VERSION });
      } else {
        var detail = fill(ui["io-err-" + e.code] || ui["io-err-type"], { path: e.path });
        message = fill(ui["io-err-shape"], { file: fileName, detail: detail });
      }
      this.importError(message);
      return;
    }
    var job = { file: fileName, data: result.data };
    if (!result.clashes.length && !result.profile) { this.finishImport(job, "replace"); return; }
    this.waiting = job;
    var names = result.clashes.slice(0, 5).map(function (c) { return "“" + c.name + "”"; }).join(", ") +
                (result.clashes.length > 5 ? ", …" : "");
    var panel = this.panel("clash");
    panel.querySelector("[data-stcb-ws-question]").textContent = result.clashes.length
      ? fill(ui["io-clash"], { count: result.clashes.length, names: names }) : "";
    var times = q(panel, "data-stcb-ws-times");
    while (times.firstChild) times.removeChild(times.firstChild);
    result.clashes.slice(0, 5).forEach(function (c) {
      var item = document.createElement("li");
      item.textContent = fill(ui["io-clash-times"], { name: c.name, device: when(c.device), file: when(c.file) });
      times.appendChild(item);
    });
    if (result.profile) {
      var line = document.createElement("li");
      line.textContent = fill(ui["io-profile"], { device: when(result.profile.device), file: when(result.profile.file) });
      times.appendChild(line);
    }
    // Keep both is the default (first, primary, focused) when this device's copy is newer.
    var newer = result.clashes.some(function (c) { return c.newer; });
    var note = q(panel, "data-stcb-ws-clash-note");
    note.textContent = newer ? ui["io-clash-newer"] : "";
    note.hidden = !newer;
    var buttons = q(panel, "data-stcb-ws-clash-buttons");
    var replace = q(buttons, "data-stcb-ws-act='clash-replace'");
    var copy = q(buttons, "data-stcb-ws-act='clash-copy'");
    buttons.insertBefore(newer ? copy : replace, buttons.firstChild);
    copy.classList.toggle("md-button--primary", newer);
    panel.hidden = false;
    this.opener = input || null;
    if (newer) copy.focus();
    else panel.querySelector("[tabindex='-1']").focus();
  };

  Bar.prototype.finishImport = function (job, mode) {
    var ui = this.ui;
    var result = M.applyImport(job.data, mode);
    if (!result.ok) {
      this.importError(result.reason === "newer" ? ui["io-err-newer-saved"] : ui["io-err-full"]);
      return;
    }
    this.select.focus();
    q(this.root, "data-stcb-io-undo").hidden = !result.undo;
    var values = { count: result.count, file: job.file, name: M.current().name };
    this.say(fill(ui[result.saved ? "io-imported" : "io-imported-unsaved"], values));
  };

  T.Bar = Bar;
})();
