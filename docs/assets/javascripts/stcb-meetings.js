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
 *
 * Several tabs: each change is kept as an operation until it is written; a write
 * replays them on the latest saved state, and a "storage" event from another tab
 * replaces this tab's state with that tab's, plus this tab's unwritten changes.
 *
 * Export/import: one JSON file {format, version, exported, meetings: [...]}, described
 * by docs/assets/schemas/meetings-v1.schema.json; parseImport checks it strictly and
 * changes nothing, applyImport adds the meetings (asking first is the page's job).
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

  function empty() { return { version: VERSION, current: "", meetings: {} }; }

  /* What is saved now, as {state, newer}: state is null when nothing readable is saved. */
  function readStored(raw) {
    if (raw === null || raw === undefined) return { state: empty(), newer: false, unreadable: false };
    if (isObject(raw) && typeof raw.version === "number" && raw.version > VERSION) {
      return { state: clean(raw) || empty(), newer: true, unreadable: false };
    }
    var cleaned = clean(raw);
    return { state: cleaned || empty(), newer: false, unreadable: !cleaned };
  }

  function load() {
    if (state) return state;
    var raw = store ? store.get(KEY, null) : null;
    if (!store || !store.available) {
      status = { state: "off", at: null };
    }
    var read = readStored(raw);
    state = read.state;
    if (read.newer) {
      // Written by a newer version of the site: read what we can, never overwrite it.
      readOnly = true;
      status = { state: "newer", at: null };
    } else if (read.unreadable && store) {
      // Unreadable: keep a copy for a human to recover, then start afresh.
      store.set(BACKUP_KEY, raw);
    }
    return state;
  }

  /* Every change is an operation on a state object. Operations not yet written are
   * kept, so that a write (or news from another tab) can replay them on top of the
   * latest saved state: two tabs editing different fields both keep their edits. */
  var pending = [];
  /* Operations written in the last few seconds. Tabs are separate processes, and a
   * write may not yet be visible to another tab that writes at the same moment, so
   * that tab's state can arrive here without them: they are replayed on what
   * arrives (a field edit only where the field still has its old value: a newer edit
   * from the other tab wins), and written again if it lacked them. Operations are
   * idempotent and `updated` only moves forward, so two tabs settle on one state. */
  var recent = [];
  var RECENT_MS = 3000;
  /* True from news of another tab until this tab's next own edit: a write that only
   * merges (puts back this tab's edits) keeps the status "changed in another tab". */
  var merging = false;

  /* Apply an edit of this tab's own and keep it until written. */
  function record(op) {
    merging = false;
    op(load());
    pending.push({ op: op, at: 0 });
  }

  function mutate(op) {
    record(op);
    save();
  }

  /* `updated` only moves forward (ISO stamps compare as strings). */
  function later(meeting, stamp) {
    if (!meeting.updated || meeting.updated < stamp) meeting.updated = stamp;
  }

  /* Apply entries {op, at} to a state (at: when first written, 0 if not yet). */
  function replay(base, entries) {
    entries.forEach(function (entry) { entry.op(base); });
    return base;
  }

  /* Keep this tab's meeting when it still exists. */
  function keepCurrent(next, current) {
    if (current && next.meetings[current]) next.current = current;
    else if (!next.meetings[next.current]) next.current = "";
    return next;
  }

  /* The latest saved state (another tab may have written since), or null. */
  function latest() {
    if (!store || !store.available) return null;
    var read = readStored(store.get(KEY, null));
    if (read.newer) { readOnly = true; return null; }
    return read.unreadable ? null : read.state;
  }

  function flush() {
    if (timer) { clearTimeout(timer); timer = null; }
    if (!state || readOnly) return false;
    var base = latest();
    // A newer version of the site wrote meanwhile (another tab): never overwrite it.
    if (readOnly) { setStatus("newer"); return false; }
    var next = base ? keepCurrent(replay(base, pending), state.current) : state;
    var ok = store ? store.set(KEY, next) : false;
    state = next;
    if (ok) {
      var at = Date.now();
      // Each keeps the time it was first written: replays end RECENT_MS after it.
      recent = recent.concat(pending.map(function (entry) {
        return { op: entry.op, at: entry.at || at };
      }));
      pending = [];
    } else if (!store || !store.available) {
      pending = [];  // nowhere to write (storage disabled): nothing to replay
    }
    setStatus(ok ? (merging ? "external" : "saved") : "off");
    return ok;
  }

  function save() {
    if (readOnly) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, SAVE_DELAY);
  }

  /* Another tab wrote: take its state, replay what this tab has not written yet. */
  function onStorage(event) {
    if (event.key !== (store && store.prefix) + KEY || !state) return;
    // A removal is followed at once by the new state ("Clear data" writes a fresh
    // workspace), so only writes are followed.
    if (event.newValue === null) return;
    var read = readStored((function () {
      try { return JSON.parse(event.newValue); } catch (error) { return undefined; }
    })());
    if (read.unreadable) return;  // never adopt something unreadable
    if (read.newer) readOnly = true;
    var current = state.current;
    var cutoff = Date.now() - RECENT_MS;
    recent = recent.filter(function (entry) { return entry.at >= cutoff; });
    var arrived = JSON.stringify(read.state.meetings);
    var next = read.state;
    var missing = recent.filter(function (entry) {
      if (entry.op.unseen && !entry.op.unseen(next)) return false;
      entry.op(next);
      return true;
    });
    if (JSON.stringify(next.meetings) !== arrived) {
      // What arrived lacks some of this tab's latest writes: write those again.
      pending = missing.concat(pending);
      recent = recent.filter(function (entry) { return missing.indexOf(entry) < 0; });
    }
    state = keepCurrent(replay(next, pending.filter(function (e) { return !e.at; })), current);
    if (!state.current) meetings.ensure();
    // A write of this tab's own unwritten edits will say "saved"; one that only
    // puts back edits the other tab missed keeps the news.
    merging = !readOnly && !pending.some(function (entry) { return !entry.at; });
    // Data from a newer version of the site outweighs the news of the change.
    setStatus(readOnly ? "newer" : "external");
    emit({ type: "switch", id: state.current, reason: "external" });
    if (pending.length) save();
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

  /* Export and import ------------------------------------------------------------ */

  var FORMAT = "so-tay-bi-thu-chi-bo/meetings";
  var MAX_BYTES = 5 * 1024 * 1024;
  var ID = /^m[a-z0-9]{1,40}$/;
  var KEY_NAME = /^[a-z][a-z0-9_]{0,60}$/;
  var TEMPLATE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

  function nfcDeep(value) {
    if (typeof value === "string") return value.normalize ? value.normalize("NFC") : value;
    if (Array.isArray(value)) return value.map(nfcDeep);
    if (isObject(value)) {
      var out = {};
      Object.keys(value).forEach(function (k) { out[k] = nfcDeep(value[k]); });
      return out;
    }
    return value;
  }

  /* Check a parsed file against the schema (docs/assets/schemas/meetings-v1.schema.json).
   * Returns null, or {code, path, version} for the first problem. */
  function checkFile(data) {
    function bad(code, path) { return { code: code, path: path }; }
    function keys(obj, allowed, path) {
      var extra = Object.keys(obj).filter(function (k) { return allowed.indexOf(k) < 0; })[0];
      if (extra !== undefined) return bad("extra", path + extra);
      var missing = allowed.filter(function (k) { return !Object.prototype.hasOwnProperty.call(obj, k); })[0];
      return missing !== undefined ? bad("missing", path + missing) : null;
    }
    function values(obj, path) {
      if (!isObject(obj)) return bad("type", path);
      var names = Object.keys(obj);
      for (var i = 0; i < names.length; i++) {
        var name = names[i], value = obj[name], where = path + "." + name;
        if (!KEY_NAME.test(name)) return bad("extra", where);
        if (typeof value === "string" || typeof value === "boolean") continue;
        if (!Array.isArray(value) || value.length > 1000) return bad("type", where);
        for (var r = 0; r < value.length; r++) {
          var row = value[r], rowPath = where + "[" + r + "]";
          if (!isObject(row)) return bad("type", rowPath);
          var cols = Object.keys(row);
          for (var c = 0; c < cols.length; c++) {
            if (!KEY_NAME.test(cols[c])) return bad("extra", rowPath + "." + cols[c]);
            if (typeof row[cols[c]] !== "string") return bad("type", rowPath + "." + cols[c]);
          }
        }
      }
      return null;
    }
    if (!isObject(data)) return bad("type", "(file)");
    if (typeof data.version === "number" && data.version > VERSION && data.format === FORMAT) {
      return { code: "newer", path: "version", version: data.version };
    }
    var problem = keys(data, ["format", "version", "exported", "meetings"], "");
    if (problem) return problem;
    if (data.format !== FORMAT) return bad("type", "format");
    if (data.version !== VERSION) return bad("type", "version");
    if (typeof data.exported !== "string" || !STAMP.test(data.exported)) return bad("type", "exported");
    if (!Array.isArray(data.meetings) || !data.meetings.length || data.meetings.length > 500) {
      return bad("type", "meetings");
    }
    var seen = {};
    for (var i = 0; i < data.meetings.length; i++) {
      var m = data.meetings[i], path = "meetings[" + i + "]";
      if (!isObject(m)) return bad("type", path);
      problem = keys(m, ["id", "name", "created", "updated", "shared", "forms"], path + ".");
      if (problem) return problem;
      if (typeof m.id !== "string" || !ID.test(m.id) || seen[m.id]) return bad("type", path + ".id");
      seen[m.id] = true;
      if (typeof m.name !== "string" || !m.name.trim() || m.name.length > 200) return bad("type", path + ".name");
      if (typeof m.created !== "string" || !STAMP.test(m.created)) return bad("type", path + ".created");
      if (typeof m.updated !== "string" || !STAMP.test(m.updated)) return bad("type", path + ".updated");
      problem = values(m.shared, path + ".shared");
      if (problem) return problem;
      if (!isObject(m.forms)) return bad("type", path + ".forms");
      var tpls = Object.keys(m.forms);
      for (var t = 0; t < tpls.length; t++) {
        if (!TEMPLATE_ID.test(tpls[t]) || tpls[t].length > 60) return bad("extra", path + ".forms." + tpls[t]);
        problem = values(m.forms[tpls[t]], path + ".forms." + tpls[t]);
        if (problem) return problem;
      }
    }
    return null;
  }

  function exportMeeting(id, m) {
    return { id: id, name: m.name, created: m.created, updated: m.updated,
             shared: m.shared, forms: m.forms };
  }

  var meetings = {
    VERSION: VERSION,
    FORMAT: FORMAT,
    MAX_BYTES: MAX_BYTES,

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
      var meeting = { name: uniqueName(name || defaultNameFn()), created: stamp, updated: stamp,
                      shared: {}, forms: {} };
      mutate(function (target) {
        if (!target.meetings[id]) target.meetings[id] = JSON.parse(JSON.stringify(meeting));
      });
      s.current = id;
      if (!quiet) emit({ type: "switch", id: id, reason: "create" });
      return id;
    },

    rename: function (id, name) {
      var s = load();
      if (!s.meetings[id] || !name) return false;
      var stamp = now();
      mutate(function (target) {
        if (target.meetings[id]) { target.meetings[id].name = name; later(target.meetings[id], stamp); }
      });
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
      mutate(function (target) { delete target.meetings[id]; });
      var ids = ordered();
      if (ids.length) {
        s.current = ids[ids.length - 1];
      } else {
        s.current = "";
        meetings.create(defaultNameFn(), true);
      }
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
      var id = meetings.currentId();
      var stamp = now();
      var copy = Array.isArray(value) ? JSON.parse(JSON.stringify(value)) : value;
      var read = function (m) {
        var holder = shared ? m.shared : m.forms[templateId];
        var v = isObject(holder) ? holder[fieldId] : undefined;
        return JSON.stringify(v === undefined ? null : v);
      };
      var before = read(meetings.current());
      var op = function (target) {
        var m = target.meetings[id];
        if (!m) return;  // deleted in another tab meanwhile
        if (shared) {
          m.shared[fieldId] = copy;
        } else {
          if (!isObject(m.forms[templateId])) m.forms[templateId] = {};
          m.forms[templateId][fieldId] = copy;
        }
        later(m, stamp);
      };
      // A state that still holds the value from before this edit has not seen it; one
      // holding another value was edited in another tab since, and that edit stands.
      op.unseen = function (target) {
        var m = target.meetings[id];
        return !!m && read(m) === before;
      };
      mutate(op);
    },

    /* Remove every meeting from this device. */
    clear: function () {
      if (timer) { clearTimeout(timer); timer = null; }
      if (store) store.remove(KEY);
      readOnly = false;
      pending = [];
      recent = [];
      state = empty();
      meetings.create(defaultNameFn(), true);
      flush();
      emit({ type: "switch", id: state.current, reason: "clear" });
    },

    /* The whole state (a deep copy). */
    snapshot: function () { return JSON.parse(JSON.stringify(load())); },

    /* The export file for some meetings (all when ids is empty), as an object. */
    exportData: function (ids) {
      var s = load();
      var chosen = ids && ids.length ? ids : ordered();
      return JSON.parse(JSON.stringify({
        format: FORMAT, version: VERSION, exported: now(),
        meetings: chosen.filter(function (id) { return s.meetings[id]; })
          .map(function (id) { return exportMeeting(id, s.meetings[id]); })
      }));
    },

    /* Read an export file's text. Returns {data, clashes} or {error: {code, path, version}}.
     * Nothing is changed here. */
    parseImport: function (text) {
      var data;
      try {
        data = JSON.parse(text);
      } catch (error) {
        return { error: { code: "json" } };
      }
      var problem = checkFile(data);
      if (problem) return { error: problem };
      data = nfcDeep(data);
      var s = load();
      var clashes = data.meetings.filter(function (m) { return s.meetings[m.id]; })
        .map(function (m) { return { id: m.id, name: s.meetings[m.id].name }; });
      return { data: data, clashes: clashes };
    },

    /* Add the meetings of a checked file. mode "replace": a meeting with the same id
     * is replaced; "copy": it comes in as a new meeting beside the old one.
     * Returns {ok, count, saved, current} — when the browser refuses the write
     * (storage full), nothing changes and ok is false. */
    applyImport: function (data, mode) {
      if (readOnly) return { ok: false, reason: "newer" };
      var s = load();
      var incoming = data.meetings.map(function (m) {
        var entry = JSON.parse(JSON.stringify(m));
        if (s.meetings[entry.id] && mode === "copy") {
          var id = newId();
          while (s.meetings[id]) id = newId();
          entry.id = id;
          entry.name = uniqueName(entry.name);
        }
        return entry;
      });
      var op = function (target) {
        incoming.forEach(function (m) {
          target.meetings[m.id] = { name: m.name, created: m.created, updated: m.updated,
                                    shared: JSON.parse(JSON.stringify(m.shared)),
                                    forms: JSON.parse(JSON.stringify(m.forms)) };
        });
      };
      var before = JSON.stringify(s);
      var beforeCurrent = s.current;
      var beforePending = pending.slice();
      record(op);
      s.current = incoming[0].id;
      var writable = !!(store && store.available);
      var saved = flush();
      if (writable && !saved) {
        // The browser refused the write (full): undo, so memory matches what is saved.
        state = JSON.parse(before);
        state.current = beforeCurrent;
        pending = beforePending;
        return { ok: false, reason: "full" };
      }
      emit({ type: "switch", id: state.current, reason: "import" });
      return { ok: true, count: incoming.length, saved: saved, current: state.current };
    },

    status: function () { load(); return status; },
    readOnly: function () { load(); return readOnly; },
    save: save,
    flush: flush,
    onChange: function (fn) { listeners.push(fn); },
    _clean: clean,
    _checkFile: checkFile
  };

  window.addEventListener("storage", onStorage);
  // Whatever is pending is written before the page goes away (tab closed, navigation).
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush();
  });

  window.stcb = window.stcb || {};
  window.stcb.meetings = meetings;
})();
