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

  var VERSION = 2;          // of the saved envelope (1: before format/removed/cleared)
  var FILE_VERSION = 2;     // of the export file (1: meetings only; 2: + profile)
  var SAVE_DELAY = 250;

  var S = window.stcb.storage;
  var state = null;
  var listeners = [];
  var timer = null;
  var status = { state: "ready", at: null };
  var readOnly = false;
  var seen = null;  // the saved text this tab last read or wrote
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

  /* Make a saved meeting whole, in place, keeping every property it has (a newer
   * release may have added some). False when it is not a meeting at all. */
  function fixMeeting(m) {
    if (!isObject(m)) return false;
    if (typeof m.name !== "string" || !m.name) m.name = defaultNameFn();
    if (typeof m.created !== "string") m.created = now();
    if (typeof m.updated !== "string") m.updated = m.created;
    if (!isObject(m.shared)) m.shared = {};
    if (!isObject(m.forms)) m.forms = {};
    Object.keys(m.forms).forEach(function (tpl) { if (!isObject(m.forms[tpl])) m.forms[tpl] = {}; });
    liftAbsentees(m);
    liftCommitteeDate(m);
    return true;
  }

  /* Until 2026-12 the committee meeting date was the committee minutes' own field; now
   * it is shared, so that the notice is checked against it. Copied up once, like the
   * absentees below (a meeting with its own shared date keeps it; the old value stays). */
  var OLD_CM_DATE = "bien-ban-hop-chi-uy";
  function liftCommitteeDate(m) {
    var old = m.forms[OLD_CM_DATE];
    if (isObject(old) && m.shared.cm_date === undefined && typeof old.cm_date === "string" &&
        old.cm_date) {
      m.shared.cm_date = old.cm_date;
    }
  }

  /* Until 2026-12 the absentees were the cell minutes' own rows; now every template of
   * the meeting shares them. Rows saved the old way are copied up (once: a meeting
   * that has its own shared list, even an empty one, keeps it; the old rows stay). */
  var OLD_ABSENTEES = "bien-ban-sinh-hoat-chi-bo";
  function liftAbsentees(m) {
    var old = m.forms[OLD_ABSENTEES];
    if (!isObject(old)) return;
    ["absent_with_reason", "absent_without_reason"].forEach(function (id) {
      if (m.shared[id] === undefined && Array.isArray(old[id]) && old[id].length) {
        m.shared[id] = JSON.parse(JSON.stringify(old[id]));
      }
    });
  }

  /* The saved envelope: checked and made whole in place (unknown properties kept). */
  function fixState(data) {
    if (!isObject(data.meetings)) return false;
    var ids = Object.keys(data.meetings);
    for (var i = 0; i < ids.length; i++) if (!fixMeeting(data.meetings[ids[i]])) return false;
    if (!isObject(data.removed)) data.removed = {};
    if (typeof data.current !== "string" || !data.meetings[data.current]) data.current = "";
    return true;
  }

  function empty() {
    return { format: "stcb-meetings", version: VERSION, current: "", meetings: {}, removed: {} };
  }

  var KEY = S.define("meetings", {
    format: "stcb-meetings", version: VERSION, exportable: true, empty: empty, valid: fixState,
    migrate: {
      // Version 1 (until 2026-12): {version, current, meetings}; no tombstones.
      1: function (data) { data.removed = {}; return data; }
    }
  });

  function setStatus(name) {
    status = { state: name, at: new Date() };
    emit({ type: "status", status: status });
  }

  /* What can be shown of a saved value that cannot be written to (newer or damaged). */
  function shown() {
    var data;
    try { data = JSON.parse(S.getRaw("meetings")); } catch (error) { data = null; }
    if (isObject(data) && isObject(data.meetings)) {
      data = JSON.parse(JSON.stringify(data));
      var ids = Object.keys(data.meetings);
      for (var i = 0; i < ids.length; i++) if (!fixMeeting(data.meetings[ids[i]])) delete data.meetings[ids[i]];
      if (typeof data.current !== "string" || !data.meetings[data.current]) data.current = "";
      data.removed = {};
      return data;
    }
    return empty();
  }

  /* Never write over what cannot be read: show what can be, and say why. */
  function lock(problem) {
    readOnly = true;
    status = { state: problem === "newer" ? "newer" : "unreadable", at: null };
  }

  function load() {
    if (state) return state;
    var read = KEY.latest();
    seen = read.raw;
    if (!S.available) status = { state: "off", at: null };
    if (read.problem) {
      lock(read.problem);
      state = shown();
    } else {
      state = read.data;
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
   * idempotent and `updated` only moves forward, so two tabs settle on one state.
   * A clear wins: an operation made before the state's `cleared` time is dropped,
   * and one that makes a meeting is dropped when that meeting was removed later. */
  var recent = [];
  var RECENT_MS = 3000;
  /* True from news of another tab until this tab's next own edit: a write that only
   * merges (puts back this tab's edits) keeps the status "changed in another tab". */
  var merging = false;

  /* Apply an edit of this tab's own and keep it until written. */
  function record(op) {
    merging = false;
    op.stamp = op.stamp || now();
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

  /* An operation made before the state was cleared no longer applies. */
  function stale(target, entry) {
    return typeof target.cleared === "string" && entry.op.stamp < target.cleared;
  }

  /* Apply entries {op, at} to a state (at: when first written, 0 if not yet). */
  function replay(base, entries) {
    entries.forEach(function (entry) { if (!stale(base, entry)) entry.op(base); });
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
    if (!S.available) return null;
    var read = KEY.latest();
    if (read.problem) { lock(read.problem); return null; }
    return read.data;
  }

  function flush() {
    if (timer) { clearTimeout(timer); timer = null; }
    if (!state || readOnly) return false;
    var base = latest();
    // Another tab wrote something this page cannot read meanwhile: never overwrite it.
    if (readOnly) { setStatus(status.state); emit({ type: "locked" }); return false; }
    var next = base ? keepCurrent(replay(base, pending), state.current) : state;
    var ok = KEY.write(next, "self");
    state = next;
    if (ok) {
      seen = S.getRaw("meetings");
      var at = Date.now();
      // Each keeps the time it was first written: replays end RECENT_MS after it.
      recent = recent.concat(pending.map(function (entry) {
        return { op: entry.op, at: entry.at || at };
      }));
      pending = [];
    } else if (!S.available) {
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

  /* Everything was cleared (here or in another tab): forget every older operation. */
  function forget() {
    if (timer) { clearTimeout(timer); timer = null; }
    pending = [];
    recent = [];
    readOnly = false;
    state = null;
    load();
  }

  /* Another tab wrote: take its state, replay what this tab has not written yet. */
  function onOther(event) {
    if (!state || event.source === "self") return;
    // A clear (keys removed) is followed at once by the cleared state, with its time:
    // that write is what this tab follows (it drops every older operation).
    if (event.source === "clear") return;
    if (event.source === "problem") {
      lock(KEY.problem);
      setStatus(status.state);
      emit({ type: "locked" });
      return;
    }
    var read = KEY.latest();
    if (read.problem) {
      lock(read.problem);
      setStatus(status.state);
      emit({ type: "locked" });
      return;
    }
    if (read.raw === seen && !readOnly) return;  // nothing new (a restored page, mostly)
    seen = read.raw;
    if (readOnly) { readOnly = false; }  // another tab started again: writable once more
    var current = state.current;
    var cutoff = Date.now() - RECENT_MS;
    var next = read.data;
    recent = recent.filter(function (entry) { return entry.at >= cutoff && !stale(next, entry); });
    pending = pending.filter(function (entry) { return !stale(next, entry); });
    var arrived = JSON.stringify(next.meetings);
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
    merging = !pending.some(function (entry) { return !entry.at; });
    setStatus("external");
    // A page restored from the back/forward cache reloads every field, the one that had
    // focus too (news from another tab leaves alone the field being edited).
    emit({ type: "switch", id: state.current, reason: event.restored ? "restore" : "external" });
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

  /* Only the kinds of value a form shows (strings, booleans, rows); the rest is kept
   * in storage but not handed to the forms. */
  function shownValue(value) {
    if (typeof value === "string" || typeof value === "boolean") return value;
    if (Array.isArray(value)) return value.filter(isObject);
    return undefined;
  }

  var meetings = {
    VERSION: VERSION,
    FILE_VERSION: FILE_VERSION,

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
      return ordered().map(function (id) {
        return { id: id, name: s.meetings[id].name, updated: s.meetings[id].updated };
      });
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
      var op = function (target) {
        if (!target.meetings[id] && !(target.removed && target.removed[id])) {
          target.meetings[id] = JSON.parse(JSON.stringify(meeting));
        }
      };
      op.stamp = stamp;
      mutate(op);
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

    /* Delete a meeting ("clear this meeting"); switch to the newest one left, or a new
     * default meeting. Its id is remembered, so no older operation brings it back. */
    remove: function (id) {
      var s = load();
      if (!s.meetings[id]) return false;
      var stamp = now();
      mutate(function (target) {
        delete target.meetings[id];
        if (!isObject(target.removed)) target.removed = {};
        target.removed[id] = stamp;
      });
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
      if (shared) return shownValue(m.shared[fieldId]);
      var form = m.forms[templateId];
      return form ? shownValue(form[fieldId]) : undefined;
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
      op.stamp = stamp;
      // A state that still holds the value from before this edit has not seen it; one
      // holding another value was edited in another tab since, and that edit stands.
      op.unseen = function (target) {
        var m = target.meetings[id];
        return !!m && read(m) === before;
      };
      mutate(op);
    },

    /* Remove everything this site keeps in this browser (every key: meetings, the
     * profile, checklists, course progress, backups). What is then saved: an empty
     * meeting for this page and the time of the clear, so that no older operation of
     * another tab brings anything back. */
    clear: function () {
      if (timer) { clearTimeout(timer); timer = null; }
      var stamp = now();
      S.clearAll();
      forget();
      state.cleared = stamp;
      var op = function (target) {
        if (!(typeof target.cleared === "string" && target.cleared > stamp)) target.cleared = stamp;
      };
      op.stamp = stamp;
      pending.push({ op: op, at: 0 });
      meetings.create(defaultNameFn(), true);
      flush();
      S.removeRaw("sync");  // the empty meeting is not a change to export
      emit({ type: "switch", id: state.current, reason: "clear" });
    },

    /* Damaged or newer saved data: the text as saved, and starting again. */
    damaged: function () { return KEY.damaged(); },
    startAgain: function () {
      KEY.startAgain();
      forget();
      status = { state: "ready", at: null };
      meetings.ensure();
      flush();
      emit({ type: "switch", id: state.current, reason: "clear" });
    },

    /* The whole state (a deep copy). */
    snapshot: function () { return JSON.parse(JSON.stringify(load())); },

    /* Apply an operation (export/import, stcb-meetings-io.js) and write it now.
     * Returns false when the browser refused the write; memory then matches storage. */
    apply: function (op, current) {
      if (readOnly) return false;
      var s = load();
      var before = JSON.stringify(s);
      var beforePending = pending.slice();
      op.stamp = op.stamp || now();
      record(op);
      if (current) s.current = current;
      var writable = S.available;
      var saved = flush();
      if (writable && !saved) {
        state = JSON.parse(before);
        pending = beforePending;
        return false;
      }
      return { saved: saved };
    },

    status: function () { load(); return status; },
    readOnly: function () { load(); return readOnly; },
    save: save,
    flush: flush,
    onChange: function (fn) { listeners.push(fn); },
    _emit: emit,
    _uniqueName: uniqueName,
    _newId: newId,
    _fixState: fixState
  };

  KEY.on(onOther);
  // Whatever is pending is written before the page goes away (tab closed, navigation).
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush();
  });

  window.stcb = window.stcb || {};
  window.stcb.meetings = meetings;
})();
