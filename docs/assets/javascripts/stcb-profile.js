/* Sổ tay Bí thư chi bộ — the cell's profile ("Hồ sơ chi bộ"), kept in this browser.
 *
 * Key "stcb:profile": {format: "stcb-profile", version: 2, updated, profile: {…}}.
 * Version 2 (2026-12): the roll may hold the kind "exempt_probationary" and the profile a
 * term_start; a version-1 profile is a version-2 one as it is (its exempt members are
 * full members, as version 1 counted them). The new version keeps an older page, which
 * would drop the new kind when it rewrites the roll, from writing (it turns read-only).
 * The profile's members are data to this module: values are strings, booleans,
 * numbers, or arrays of objects of those; unknown members are kept.
 *
 *   window.stcb.profile.get()       a deep copy of the saved profile ({} when none)
 *   window.stcb.profile.update(fn)  fn(copy) changes a copy of the latest saved profile,
 *                                   which is then saved (true when saved)
 *   window.stcb.profile.status()    "ok" | "read-only" | "off"
 *   window.stcb.profile.on(fn)      fn({source: "self"|"other-tab"|"import"|"clear"}) after
 *                                   every change; returns a function that unsubscribes
 * Loaded after stcb-storage.js, before stcb-meetings.js.
 */
(function () {
  "use strict";

  var S = window.stcb.storage;
  var key = S.define("profile", {
    format: "stcb-profile", version: 2, exportable: true,
    empty: function () { return { format: "stcb-profile", version: 2, profile: {} }; },
    migrate: {
      1: function (data) { return data; }
    },
    valid: function (data) {
      if (data.profile === undefined) data.profile = {};
      return S.isObject(data.profile);
    }
  });

  function saved() {
    var read = key.latest();
    return read.problem ? {} : read.data.profile;
  }

  window.stcb.profile = {
    get: function () { return S.copy(saved()); },
    update: function (fn, source) {
      return key.update(function (data) {
        var next = S.copy(data.profile);
        var result = fn(next);
        if (result === false) return false;
        data.profile = S.isObject(next) ? next : data.profile;
        return true;
      }, source || "self");
    },
    /* Replace the whole profile (an import); returns true when saved. */
    replace: function (profile, source) {
      return key.update(function (data) { data.profile = S.copy(profile); }, source || "import");
    },
    updated: function () {
      var read = key.latest();
      return read.problem || read.missing ? null : read.data.updated || null;
    },
    status: function () { key.latest(); return key.status(); },
    on: function (fn) {
      return key.on(function (event) {
        if (event.source === "problem") return;
        fn({ source: event.source });
      });
    },
    store: key
  };
})();
