/* Sổ tay Bí thư chi bộ — the one door to this browser's storage.
 *
 * Every read and write of what a reader keeps goes through here. Each store is one
 * localStorage key "stcb:NAME" holding one envelope {format, version, updated, …}:
 *
 *   meetings    {format: "stcb-meetings", version: 2, current, meetings, removed, cleared}
 *   profile     {format: "stcb-profile", version: 1, profile}
 *   checklists  {format: "stcb-checklists", version: 1, ticks: {item: true}, runs: {id: text}}
 *   course      {format: "stcb-course", version: 1, modules: {id: {visited, answers, best, …}}}
 *   sync        {format: "stcb-sync", version: 1, exported, changed, persisted, dismissed}
 *
 * - Older versions are migrated forward (a chain of steps, one per version; the shapes
 *   kept before the envelope, with no version or in several keys, are version 0).
 * - Properties this code does not know are kept: a tab of older code never erases what
 *   a newer release added.
 * - What cannot be read (not JSON, wrong shape, a newer version) is never overwritten:
 *   a copy is kept under "stcb:backup:NAME:TIME" (never over an earlier copy), the store
 *   turns read-only, and the page can offer the damaged data as a download or start again.
 * - Other tabs: every `storage` event, and a page restored from the back/forward cache,
 *   tells the store's listeners ({source: "other-tab"}).
 * Nothing here talks to the network.
 */
(function () {
  "use strict";

  var PREFIX = "stcb:";
  var BACKUP = "backup:";

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function copy(value) { return value === undefined ? undefined : JSON.parse(JSON.stringify(value)); }

  function now() { return new Date().toISOString(); }

  function local() {
    try { return window.localStorage; } catch (error) { return null; }
  }

  var available = (function () {
    try {
      var probe = PREFIX + "probe";
      local().setItem(probe, "1");
      local().removeItem(probe);
      return true;
    } catch (error) {
      return false;
    }
  })();

  function getRaw(name) {
    try { return local().getItem(PREFIX + name); } catch (error) { return null; }
  }

  function setRaw(name, text) {
    try { local().setItem(PREFIX + name, text); return true; } catch (error) { return false; }
  }

  function removeRaw(name) {
    try { local().removeItem(PREFIX + name); return true; } catch (error) { return false; }
  }

  /* Every key of ours, without the prefix. */
  function names() {
    var out = [];
    try {
      var ls = local();
      for (var i = 0; i < ls.length; i++) {
        var key = ls.key(i);
        if (key && key.indexOf(PREFIX) === 0) out.push(key.slice(PREFIX.length));
      }
    } catch (error) { /* storage disabled: nothing is kept */ }
    return out;
  }

  var keys = {};

  /* Keep unreadable text under "backup:NAME:TIME" unless an earlier copy holds it. */
  function keepCopy(name, raw) {
    var prefix = BACKUP + name + ":";
    var found = names().filter(function (n) { return n.indexOf(prefix) === 0; });
    for (var i = 0; i < found.length; i++) {
      if (getRaw(found[i]) === raw) return found[i];
    }
    var backup = prefix + now();
    while (getRaw(backup) !== null) backup += "+";
    return setRaw(backup, raw) ? backup : null;
  }

  /* One store. spec: {format, version, empty(): data, valid(data): bool,
   * migrate: {N: fn(data at N) → data at N+1}, legacy(): data at version 0 read from
   * the keys used before the envelope (or null), legacyKeys(): their names}. */
  function Key(name, spec) {
    this.name = name;
    this.spec = spec;
    this.problem = null;      // null | "json" | "shape" | "newer"
    this.backup = null;       // the name of the copy kept of what could not be read
    this.listeners = [];
  }

  /* Parse stored text: {data} or {problem}. Missing → the empty store (or legacy data). */
  Key.prototype.parse = function (raw) {
    var spec = this.spec;
    var data;
    if (raw === null || raw === undefined) {
      data = spec.legacy ? spec.legacy() : null;
      if (!data) return { data: spec.empty(), missing: true };
      var fromLegacy = true;
    } else {
      try { data = JSON.parse(raw); } catch (error) { return { problem: "json" }; }
    }
    if (!isObject(data)) return { problem: "shape" };
    if (data.format !== undefined && data.format !== spec.format) return { problem: "shape" };
    var version = data.version === undefined ? 0 : data.version;
    if (typeof version !== "number" || version !== Math.floor(version) || version < 0) {
      return { problem: "shape" };
    }
    if (version > spec.version) return { problem: "newer", version: version };
    while (version < spec.version) {
      var step = spec.migrate && spec.migrate[version];
      if (!step) return { problem: "shape" };
      try { data = step(data); } catch (error) { return { problem: "shape" }; }
      if (!isObject(data)) return { problem: "shape" };
      version += 1;
    }
    data.format = spec.format;
    data.version = spec.version;
    if (!spec.valid(data)) return { problem: "shape" };
    return fromLegacy ? { data: data, missing: true } : { data: data };
  };

  /* What is saved now: {data, problem}. An unreadable value is set aside (once). */
  Key.prototype.latest = function () {
    var raw = getRaw(this.name);
    var read = this.parse(raw);
    read.raw = raw;
    if (read.problem) this.quarantine(raw, read.problem);
    else if (this.problem) { this.problem = null; }
    return read;
  };

  /* Keep a copy of unreadable text and turn read-only; never over an earlier copy. */
  Key.prototype.quarantine = function (raw, problem) {
    var changed = this.problem !== problem;
    this.problem = problem;
    if (raw !== null && raw !== undefined) this.backup = keepCopy(this.name, raw);
    if (changed) this.emit({ source: "problem" });
  };

  Key.prototype.status = function () {
    if (!available) return "off";
    return this.problem ? "read-only" : "ok";
  };

  /* A deep copy of the saved data (the empty store when nothing readable is saved). */
  Key.prototype.read = function () {
    var read = this.latest();
    return read.problem ? this.spec.empty() : read.data;
  };

  /* Write a whole data object (stamped). Refused (false) when read-only, when what is
   * saved now cannot be read, or when the browser refuses (full, disabled). */
  Key.prototype.write = function (data, source) {
    if (!available) return false;
    var read = this.latest();
    if (read.problem) return false;
    data.format = this.spec.format;
    data.version = this.spec.version;
    data.updated = read.data.updated;
    // Nothing changed: nothing to write (and no news for other tabs).
    if (!read.missing && JSON.stringify(data) === read.raw) return true;
    data.updated = now();
    if (!setRaw(this.name, JSON.stringify(data))) return false;
    if (read.missing && this.spec.legacyKeys) this.spec.legacyKeys().forEach(removeRaw);
    if (this.spec.exportable) storage.changed();
    storage.askPersist();
    this.emit({ source: source || "self" });
    return true;
  };

  /* Change the latest saved data with fn(copy) and write it: safe across tabs. */
  Key.prototype.update = function (fn, source) {
    if (!available) return false;
    var read = this.latest();
    if (read.problem) return false;
    var data = read.data;
    if (fn(data) === false) return true;
    return this.write(data, source);
  };

  /* The damaged text, for "download the damaged data". */
  Key.prototype.damaged = function () {
    var raw = getRaw(this.name);
    if (raw === null && this.backup) raw = getRaw(this.backup);
    return raw;
  };

  /* "Start again": the damaged value stays in its backup copy; the store becomes empty. */
  Key.prototype.startAgain = function () {
    var raw = getRaw(this.name);
    if (raw !== null && this.problem && !this.backup) this.quarantine(raw, this.problem);
    removeRaw(this.name);
    this.problem = null;
    this.emit({ source: "clear" });
  };

  Key.prototype.on = function (fn) {
    var list = this.listeners;
    list.push(fn);
    return function () {
      var at = list.indexOf(fn);
      if (at >= 0) list.splice(at, 1);
    };
  };

  Key.prototype.emit = function (event) {
    this.listeners.slice().forEach(function (fn) {
      try { fn(event); } catch (error) { /* one listener must not break the others */ }
    });
  };

  var persistAsked = false;

  var storage = {
    PREFIX: PREFIX,
    available: available,
    isObject: isObject,
    copy: copy,
    getRaw: getRaw,
    setRaw: setRaw,
    removeRaw: removeRaw,
    names: names,
    keepCopy: keepCopy,

    define: function (name, spec) {
      if (!keys[name]) keys[name] = new Key(name, spec);
      return keys[name];
    },
    key: function (name) { return keys[name]; },

    /* Export reminder and persistence (key "sync"). */
    sync: function () { return sync.read(); },
    changed: function () {
      sync.update(function (s) { if (!s.changed) s.changed = now(); }, "self");
    },
    exported: function () {
      sync.update(function (s) { s.exported = now(); s.changed = null; s.dismissed = null; }, "self");
    },
    dismiss: function () {
      sync.update(function (s) { s.dismissed = now(); }, "self");
    },
    /* Ask once per page, at the first save, for storage the browser will not evict. */
    askPersist: function () {
      if (persistAsked) return;
      persistAsked = true;
      var api = navigator.storage;
      if (!api || typeof api.persist !== "function") {
        sync.update(function (s) { s.persisted = "unsupported"; }, "self");
        return;
      }
      api.persist().then(function (granted) {
        sync.update(function (s) { s.persisted = granted ? "granted" : "denied"; }, "self");
      }, function () { /* asking failed: keep the last answer */ });
    },

    /* Remove everything this site keeps in this browser (every "stcb:" key). */
    clearAll: function () {
      names().forEach(removeRaw);
      Object.keys(keys).forEach(function (name) {
        keys[name].problem = null;
        keys[name].backup = null;
        keys[name].emit({ source: "clear" });
      });
    }
  };

  /* The read-only notice for a store that cannot be read, placed before `anchor`:
   * what happened, "download the damaged data" and "start again". Its words are here,
   * beside the code that shows them, because pages of every kind use it (the meeting
   * bar has its own, from data/ui/templates.yml). */
  var WORDS = {
    vi: { text: "Dữ liệu đã lưu ở đây bị hỏng hoặc do phiên bản mới hơn của trang tạo ra, nên không đọc được. " +
                "Trang không ghi đè lên và đã cất một bản sao; thay đổi lúc này sẽ không được lưu.",
          download: "Tải về dữ liệu hỏng", again: "Bắt đầu lại" },
    en: { text: "The data saved here is damaged or was made by a newer version of this site, so it cannot be read. " +
                "This page will not overwrite it and has kept a copy; changes now will not be saved.",
          download: "Download the damaged data", again: "Start again" }
  };

  storage.notice = function (key, anchor) {
    var box = anchor.parentNode.querySelector("[data-stcb-storage-notice='" + key.name + "']");
    if (key.status() !== "read-only") { if (box) box.parentNode.removeChild(box); return; }
    if (box) return;
    var words = WORDS[document.documentElement.lang === "en" ? "en" : "vi"];
    box = document.createElement("div");
    box.className = "stcb-storage-notice";
    box.setAttribute("role", "alert");
    box.setAttribute("data-stcb-storage-notice", key.name);
    var text = document.createElement("p");
    text.textContent = words.text;
    box.appendChild(text);
    [["download", function () {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([key.damaged() || ""], { type: "text/plain" }));
      link.download = "stcb-" + key.name + "-damaged.txt";
      document.body.appendChild(link);
      link.click();
      link.parentNode.removeChild(link);
    }], ["again", function () {
      key.startAgain();
      if (box.parentNode) box.parentNode.removeChild(box);
    }]].forEach(function (pair) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button stcb-button";
      button.setAttribute("data-stcb-storage-act", pair[0]);
      button.textContent = words[pair[0]];
      button.addEventListener("click", pair[1]);
      box.appendChild(button);
    });
    anchor.parentNode.insertBefore(box, anchor);
  };

  var sync = storage.define("sync", {
    format: "stcb-sync", version: 1,
    empty: function () { return { format: "stcb-sync", version: 1 }; },
    valid: function () { return true; }
  });

  function tell(key, source, restored) {
    key.latest();
    key.emit(restored ? { source: source, restored: true } : { source: source });
  }

  window.addEventListener("storage", function (event) {
    if (event.key === null) {  // localStorage.clear() in another tab
      Object.keys(keys).forEach(function (name) { tell(keys[name], "clear"); });
      return;
    }
    if (!event.key || event.key.indexOf(PREFIX) !== 0) return;
    var key = keys[event.key.slice(PREFIX.length)];
    if (key) tell(key, event.newValue === null ? "clear" : "other-tab");
  });
  // Restored from the back/forward cache: storage events were missed meanwhile.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    Object.keys(keys).forEach(function (name) { tell(keys[name], "other-tab", true); });
  });

  window.stcb = window.stcb || {};
  window.stcb.storage = storage;
})();
