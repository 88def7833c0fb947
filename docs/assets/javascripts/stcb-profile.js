/* Sổ tay Bí thư chi bộ — the cell's profile ("Hồ sơ chi bộ"): STUB.
 * stub — replaced by the storage branch at merge. It implements only the agreed API
 * (window.stcb.profile), with a plain localStorage read and write of the envelope
 * {"format":"stcb-profile","version":1,"updated":ISO,"profile":{…}} under the key
 * "stcb:profile". The storage branch's module adds migration, cross-tab merging,
 * unreadable-data protection and the JSON export; build on the API only:
 *   get()      → a deep copy of the saved profile ({} when none)
 *   update(fn) → fn(copy) mutates the copy, which is then saved
 *   status()   → "ok" | "read-only" | "off"
 *   on(fn)     → fn({source}) after each change; returns an unsubscribe function
 */
(function () {
  "use strict";

  window.stcb = window.stcb || {};
  if (window.stcb.profile) return;
  var KEY = "stcb:profile";
  var listeners = [];

  function read() {
    try {
      var data = JSON.parse(window.localStorage.getItem(KEY) || "null");
      return data && data.format === "stcb-profile" && data.profile ? data.profile : {};
    } catch (error) {
      return {};
    }
  }

  function emit(source) {
    listeners.slice().forEach(function (fn) { fn({ source: source }); });
  }

  window.stcb.profile = {
    get: function () { return JSON.parse(JSON.stringify(read())); },
    update: function (fn) {
      var copy = this.get();
      fn(copy);
      try {
        window.localStorage.setItem(KEY, JSON.stringify({
          format: "stcb-profile", version: 1, updated: new Date().toISOString(), profile: copy }));
      } catch (error) {
        return false;
      }
      emit("local");
      return true;
    },
    status: function () {
      try { return window.localStorage ? "ok" : "off"; } catch (error) { return "off"; }
    },
    on: function (fn) {
      listeners.push(fn);
      return function () { listeners = listeners.filter(function (f) { return f !== fn; }); };
    }
  };
  window.addEventListener("storage", function (e) { if (e.key === KEY) emit("external"); });
})();
