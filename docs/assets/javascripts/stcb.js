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

  /* No form on this site ever submits: what is typed must not leave the device.
   * Capture phase on the document, so it runs before any form's own handler and
   * whatever that handler does; the handlers still see the event (the templates
   * turn it into their check-answers step). The markup cannot submit either (no
   * <form> or method="dialog") and the Content-Security-Policy says
   * form-action 'none': this is the layer for a browser that knows neither. */
  document.addEventListener("submit", function (event) {
    event.preventDefault();
  }, true);

  window.stcb = {
    store: store,
    lang: document.documentElement.lang || "vi"
  };
})();
