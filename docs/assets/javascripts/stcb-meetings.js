/* Sổ tay Bí thư chi bộ — the meeting workspace store.
 *
 * All template data lives in ONE JSON object in localStorage, under "stcb:meetings":
 *
 *   {version: 1, current: "m…",
 *    meetings: {"m…": {name, created, updated,
 *                      shared: {FIELD: value},                    // typed once per meeting
 *                      forms:  {TEMPLATE: {FIELD: value,          // per template
 *                                          GROUP: [{COLUMN: value}, …]}}}}}
 *
 * Values are strings (as typed), booleans (checkboxes) or arrays of row objects.
 * Nothing here talks to the network: window.stcb.store only wraps localStorage.
 * The template pages use this through window.stcb.meetings (see stcb-templates.js).
 */
(function () {
  "use strict";

  var VERSION = 1;
  var KEY = "meetings";
  var BACKUP_KEY = "meetings-unreadable";
  var SAVE_DELAY = 250;

  var store = window.stcb && window.stcb.store;
  var state = null;
  var listeners = [];
  var timer = null;
  var status = { state: "ready", at: null };
  var readOnly = false;
  var defaultNameFn = function () { return "1"; };

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function emit(event) {
    for (var i = 0; i < listeners.length; i++) {
      try { listeners[i](event); } catch (error) { /* one listener must not break others */ }
    }
  }

  function newId() {
    return "m" + Date.now().toString(36) + Math.floor(Math.random() * 1e6).toString(36);
  }

  function now() { return new Date().toISOString(); }

  /* Keep only what the schema allows: strings, booleans, arrays of {string: string}. */
  function cleanValues(raw) {
    var out = {};
    if (!isObject(raw)) return out;
    Object.keys(raw).forEach(function (key) {
      var value = raw[key];
      if (typeof value === "string" || typeof value === "boolean") {
        out[key] = value;
      } else if (Array.isArray(value)) {
        out[key] = value.filter(isObject).map(function (row) {
          var clean = {};
          Object.keys(row).forEach(function (col) {
            if (typeof row[col] === "string") clean[col] = row[col];
          });
          return clean;
        });
      }
    });
    return out;
  }

  function cleanMeeting(raw) {
    if (!isObject(raw)) return null;
    var forms = {};
    if (isObject(raw.forms)) {
      Object.keys(raw.forms).forEach(function (tpl) { forms[tpl] = cleanValues(raw.forms[tpl]); });
    }
    return {
      name: typeof raw.name === "string" && raw.name ? raw.name : defaultNameFn(),
      created: typeof raw.created === "string" ? raw.created : now(),
      updated: typeof raw.updated === "string" ? raw.updated : now(),
      shared: cleanValues(raw.shared),
      forms: forms
    };
  }

  /* A valid state object, or null when `raw` is not one. */
  function clean(raw) {
    if (!isObject(raw) || typeof raw.version !== "number" || !isObject(raw.meetings)) return null;
    var out = { version: VERSION, current: "", meetings: {} };
    Object.keys(raw.meetings).forEach(function (id) {
      var meeting = cleanMeeting(raw.meetings[id]);
      if (meeting) out.meetings[id] = meeting;
    });
    out.current = typeof raw.current === "string" && out.meetings[raw.current] ? raw.current : "";
    return out;
  }

  function setStatus(name) {
    status = { state: name, at: new Date() };
    emit({ type: "status", status: status });
  }

  function load() {
    if (state) return state;
    var raw = store ? store.get(KEY, null) : null;
    if (!store || !store.available) {
      status = { state: "off", at: null };
    }
    if (raw === null) {
      state = { version: VERSION, current: "", meetings: {} };
    } else if (isObject(raw) && typeof raw.version === "number" && raw.version > VERSION) {
      // Written by a newer version of the site: read what we can, never overwrite it.
      readOnly = true;
      status = { state: "newer", at: null };
      state = clean(raw) || { version: VERSION, current: "", meetings: {} };
    } else {
      state = clean(raw);
      if (!state) {
        // Unreadable: keep a copy for a human to recover, then start afresh.
        if (store) store.set(BACKUP_KEY, raw);
        state = { version: VERSION, current: "", meetings: {} };
      }
    }
    return state;
  }

  function flush() {
    if (timer) { clearTimeout(timer); timer = null; }
    if (!state || readOnly) return false;
    var ok = store ? store.set(KEY, state) : false;
    setStatus(ok ? "saved" : "off");
    return ok;
  }

  function save() {
    if (readOnly) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, SAVE_DELAY);
  }

  function touch(meeting) {
    meeting.updated = now();
    save();
  }

  function ordered() {
    var s = load();
    return Object.keys(s.meetings).sort(function (a, b) {
      var ma = s.meetings[a], mb = s.meetings[b];
      return ma.created < mb.created ? -1 : ma.created > mb.created ? 1 : (a < b ? -1 : 1);
    });
  }

  function uniqueName(name) {
    var s = load();
    var taken = {};
    Object.keys(s.meetings).forEach(function (id) { taken[s.meetings[id].name] = true; });
    if (!taken[name]) return name;
    for (var n = 2; ; n++) {
      if (!taken[name + " (" + n + ")"]) return name + " (" + n + ")";
    }
  }

  var meetings = {
    VERSION: VERSION,

    /* How to name a meeting made automatically (called with no arguments). */
    setDefaultName: function (fn) { defaultNameFn = fn; },

    /* A default name not yet taken, e.g. for the "new meeting" box. */
    suggestName: function () { return uniqueName(defaultNameFn()); },

    /* Make sure a current meeting exists (a default one on first use). */
    ensure: function () {
      var s = load();
      if (!s.current || !s.meetings[s.current]) {
        var ids = ordered();
        if (ids.length) {
          s.current = ids[ids.length - 1];
        } else {
          meetings.create(defaultNameFn(), true);
        }
      }
      return s.meetings[s.current];
    },

    list: function () {
      var s = load();
      return ordered().map(function (id) { return { id: id, name: s.meetings[id].name }; });
    },

    currentId: function () { meetings.ensure(); return load().current; },
    current: function () { return meetings.ensure(); },

    create: function (name, quiet) {
      var s = load();
      var id = newId();
      while (s.meetings[id]) id = newId();
      var stamp = now();
      s.meetings[id] = { name: uniqueName(name || defaultNameFn()), created: stamp, updated: stamp,
                         shared: {}, forms: {} };
      s.current = id;
      save();
      if (!quiet) emit({ type: "switch", id: id, reason: "create" });
      return id;
    },

    rename: function (id, name) {
      var s = load();
      if (!s.meetings[id] || !name) return false;
      s.meetings[id].name = name;
      touch(s.meetings[id]);
      emit({ type: "rename", id: id });
      return true;
    },

    select: function (id) {
      var s = load();
      if (!s.meetings[id] || s.current === id) return false;
      s.current = id;
      save();
      emit({ type: "switch", id: id, reason: "select" });
      return true;
    },

    /* Delete a meeting; switch to the newest one left, or a new default meeting. */
    remove: function (id) {
      var s = load();
      if (!s.meetings[id]) return false;
      delete s.meetings[id];
      var ids = ordered();
      if (ids.length) {
        s.current = ids[ids.length - 1];
      } else {
        s.current = "";
        meetings.create(defaultNameFn(), true);
      }
      save();
      emit({ type: "switch", id: s.current, reason: "delete" });
      return true;
    },

    /* Every saved value a template sees: shared fields first, then its own. */
    value: function (templateId, fieldId, shared) {
      var m = meetings.current();
      if (shared) return m.shared[fieldId];
      var form = m.forms[templateId];
      return form ? form[fieldId] : undefined;
    },

    setValue: function (templateId, fieldId, value, shared) {
      var m = meetings.current();
      if (shared) {
        m.shared[fieldId] = value;
      } else {
        if (!isObject(m.forms[templateId])) m.forms[templateId] = {};
        m.forms[templateId][fieldId] = value;
      }
      touch(m);
    },

    /* Remove every meeting from this device. */
    clear: function () {
      if (timer) { clearTimeout(timer); timer = null; }
      if (store) store.remove(KEY);
      readOnly = false;
      state = { version: VERSION, current: "", meetings: {} };
      meetings.create(defaultNameFn(), true);
      flush();
      emit({ type: "switch", id: state.current, reason: "clear" });
    },

    /* The whole state, for export (a deep copy). */
    snapshot: function () { return JSON.parse(JSON.stringify(load())); },

    status: function () { load(); return status; },
    readOnly: function () { load(); return readOnly; },
    save: save,
    flush: flush,
    onChange: function (fn) { listeners.push(fn); },
    _clean: clean
  };

  // Whatever is pending is written before the page goes away (tab closed, navigation).
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush();
  });

  window.stcb = window.stcb || {};
  window.stcb.meetings = meetings;
})();
