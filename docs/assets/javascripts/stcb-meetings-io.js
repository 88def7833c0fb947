/* Sổ tay Bí thư chi bộ — moving meetings (and the cell's profile) between devices.
 *
 * One JSON file: {format, version: 2, exported, profile?, meetings: [...]}, described by
 * docs/assets/schemas/meetings-v2.schema.json; version 1 files (meetings only,
 * meetings-v1.schema.json) still import. Files are checked by the validator generated
 * from those schemas (stcb-meetings-schema.js, ajv standalone code); parseImport changes
 * nothing; applyImport adds the meetings (asking first is the page's job) and keeps one
 * undo. Adds to window.stcb.meetings: exportData, parseImport, applyImport, undoImport.
 */
(function () {
  "use strict";

  var M = window.stcb.meetings;
  var S = window.stcb.storage;
  var P = window.stcb.profile;
  var FORMAT = "so-tay-bi-thu-chi-bo/meetings";
  var VERSION = M.FILE_VERSION;
  var MAX_BYTES = 5 * 1024 * 1024;
  var isObject = S.isObject;
  var undo = null;

  function now() { return new Date().toISOString(); }

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

  /* "/meetings/0/shared/place" → "meetings[0].shared.place". */
  function readablePath(pointer, extra) {
    var parts = pointer.split("/").slice(1).map(function (p) {
      return p.replace(/~1/g, "/").replace(/~0/g, "~");
    });
    if (extra !== undefined) parts.push(extra);
    var out = "";
    parts.forEach(function (p) { out += /^\d+$/.test(p) ? "[" + p + "]" : (out ? "." : "") + p; });
    return out || "(file)";
  }

  /* Check a parsed file against its version's schema. Returns null, or
   * {code: "type"|"missing"|"extra"|"newer", path, version} for the first problem. */
  function checkFile(data) {
    if (isObject(data) && data.format === FORMAT && typeof data.version === "number" &&
        data.version > VERSION) {
      return { code: "newer", path: "version", version: data.version };
    }
    var validate = M.schema && M.schema["v" + (isObject(data) ? data.version : 0)];
    if (!validate) validate = M.schema["v" + VERSION];
    if (!validate(data)) {
      var e = validate.errors[0];
      if (e.keyword === "required") return { code: "missing", path: readablePath(e.instancePath, e.params.missingProperty) };
      if (e.keyword === "additionalProperties") return { code: "extra", path: readablePath(e.instancePath, e.params.additionalProperty) };
      if (e.propertyName !== undefined || e.keyword === "propertyNames") {
        return { code: "extra", path: readablePath(e.instancePath, e.propertyName || e.params.propertyName) };
      }
      return { code: "type", path: readablePath(e.instancePath) };
    }
    var seen = {};
    for (var i = 0; i < data.meetings.length; i++) {
      if (seen[data.meetings[i].id]) return { code: "type", path: "meetings[" + i + "].id" };
      seen[data.meetings[i].id] = true;
    }
    return null;
  }

  M.FORMAT = FORMAT;
  M.MAX_BYTES = MAX_BYTES;
  M.schema = window.stcb.meetingsSchema;
  M._checkFile = checkFile;

  /* The export file for some meetings (all when ids is empty), as an object. */
  M.exportData = function (ids) {
    var s = M.snapshot();
    var chosen = ids && ids.length ? ids : M.list().map(function (m) { return m.id; });
    var out = { format: FORMAT, version: VERSION, exported: now() };
    var profile = P ? P.get() : {};
    if (Object.keys(profile).length) out.profile = profile;
    out.meetings = chosen.filter(function (id) { return s.meetings[id]; }).map(function (id) {
      var m = JSON.parse(JSON.stringify(s.meetings[id]));
      var entry = { id: id, name: m.name, created: m.created, updated: m.updated,
                    shared: m.shared, forms: m.forms };
      Object.keys(m).forEach(function (k) {
        if (!Object.prototype.hasOwnProperty.call(entry, k)) entry[k] = m[k];
      });
      return entry;
    });
    return out;
  };

  /* Called by the page once a file was downloaded: the export reminder waits again. */
  M.exported = function () { S.exported(); };

  /* Read an export file's text. Returns {data, clashes, profile} or {error}.
   * clashes: [{id, name, device: updated here, file: updated in the file}];
   * profile: {device, file} (times) when the file's profile differs from the saved one.
   * Nothing is changed here. */
  M.parseImport = function (text) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return { error: { code: "json" } };
    }
    var problem = checkFile(data);
    if (problem) return { error: problem };
    data = nfcDeep(data);
    var s = M.snapshot();
    var clashes = data.meetings.filter(function (m) { return s.meetings[m.id]; }).map(function (m) {
      var here = s.meetings[m.id];
      return { id: m.id, name: here.name, device: here.updated, file: m.updated,
               newer: here.updated > m.updated };
    });
    var profile = null;
    if (P && data.profile && Object.keys(P.get()).length &&
        JSON.stringify(P.get()) !== JSON.stringify(data.profile)) {
      profile = { device: P.updated(), file: data.exported };
    }
    return { data: data, clashes: clashes, profile: profile };
  };

  /* Add the meetings of a checked file. mode "replace": a meeting with the same id is
   * replaced (one undo is kept); "copy": it comes in as a new meeting beside the old one.
   * The file's profile is saved when none is saved, or when replacing.
   * Returns {ok, count, saved, current, undo} — when the browser refuses the write
   * (storage full), nothing changes and ok is false. */
  M.applyImport = function (data, mode) {
    if (M.readOnly()) return { ok: false, reason: "newer" };
    var s = M.snapshot();
    var replaced = {};
    var incoming = data.meetings.map(function (m) {
      var entry = JSON.parse(JSON.stringify(m));
      if (s.meetings[entry.id]) {
        if (mode === "copy") {
          var id = M._newId();
          while (s.meetings[id]) id = M._newId();
          entry.id = id;
          entry.name = M._uniqueName(entry.name);
        } else {
          replaced[entry.id] = s.meetings[entry.id];
        }
      }
      return entry;
    });
    var stamp = now();
    var op = function (target) {
      incoming.forEach(function (m) {
        var copy = JSON.parse(JSON.stringify(m));
        delete copy.id;
        target.meetings[m.id] = copy;
        if (isObject(target.removed)) delete target.removed[m.id];
      });
    };
    op.stamp = stamp;
    var previousProfile = P ? P.get() : {};
    var result = M.apply(op, incoming[0].id);
    if (!result) return { ok: false, reason: M.readOnly() ? "newer" : "full" };
    var profileChanged = false;
    if (P && data.profile && (mode === "replace" || !Object.keys(previousProfile).length) &&
        JSON.stringify(previousProfile) !== JSON.stringify(data.profile)) {
      profileChanged = P.replace(data.profile, "import");
    }
    undo = { replaced: replaced, added: incoming.filter(function (m) { return !replaced[m.id]; })
                                                .map(function (m) { return m.id; }),
             profile: profileChanged ? previousProfile : null, current: s.current };
    M._emit({ type: "switch", id: incoming[0].id, reason: "import" });
    return { ok: true, count: incoming.length, saved: result.saved, current: incoming[0].id,
             undo: Object.keys(replaced).length > 0 || profileChanged };
  };

  /* Undo the last import: replaced meetings come back, added ones go. */
  M.canUndoImport = function () { return !!undo; };
  M.undoImport = function () {
    if (!undo) return false;
    var last = undo;
    var op = function (target) {
      last.added.forEach(function (id) { delete target.meetings[id]; });
      Object.keys(last.replaced).forEach(function (id) {
        target.meetings[id] = JSON.parse(JSON.stringify(last.replaced[id]));
      });
    };
    if (!M.apply(op, last.current)) return false;
    if (last.profile && P) P.replace(last.profile, "import");
    undo = null;
    M._emit({ type: "switch", id: M.currentId(), reason: "import" });
    return true;
  };
})();
