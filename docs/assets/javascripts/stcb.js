/* Sổ tay Bí thư chi bộ — shared browser helpers.
 *
 * Everything typed stays in this browser: these helpers only ever talk to
 * localStorage. Pages work without JavaScript; this adds saving.
 */
(function () {
  "use strict";

  var PREFIX = "stcb:";

  /* localStorage that never throws: disabled, full or absent storage is
   * reported through `available` and the return value of `set`. */
  var store = {
    prefix: PREFIX,
    available: (function () {
      try {
        var probe = PREFIX + "probe";
        window.localStorage.setItem(probe, "1");
        window.localStorage.removeItem(probe);
        return true;
      } catch (error) {
        return false;
      }
    })(),
    get: function (key, fallback) {
      try {
        var raw = window.localStorage.getItem(PREFIX + key);
        return raw === null ? fallback : JSON.parse(raw);
      } catch (error) {
        return fallback;
      }
    },
    set: function (key, value) {
      try {
        window.localStorage.setItem(PREFIX + key, JSON.stringify(value));
        return true;
      } catch (error) {
        return false;
      }
    },
    remove: function (key) {
      try {
        window.localStorage.removeItem(PREFIX + key);
        return true;
      } catch (error) {
        return false;
      }
    }
  };

  window.stcb = {
    store: store,
    lang: document.documentElement.lang || "vi",
    /* Unsaved input, for updates of the site (stcb-app.js): a module that holds
     * typing it has not saved yet pushes a function here that returns true while
     * it does, e.g. `window.stcb.unsaved.push(function () { return form.dirty; });`.
     * A new version of the site is never loaded while one of them returns true. */
    unsaved: []
  };
})();
