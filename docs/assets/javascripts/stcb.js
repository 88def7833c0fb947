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
    lang: document.documentElement.lang || "vi",
    /* Unsaved input: a module holding typing it has not saved pushes a function
     * returning true while it does; no new version loads then (stcb-app.js). */
    unsaved: []
  };
})();

/* The app: sw.js registered over http(s) after load; stcb-app.js loaded only
 * to show an update or the install place (README: The app). */
(function () {
  "use strict";

  var script = document.currentScript;
  var workers = navigator.serviceWorker;
  if (!script || !workers || !/^https?:$/.test(window.location.protocol) ||
      !document.querySelector("link[rel=manifest]")) return;
  var root = new URL("../../", script.src);  // from assets/javascripts/
  var loading = null;
  var app = window.stcb.app = {root: root, controlled: !!workers.controller};

  app.load = function () {
    loading = loading || new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = new URL("assets/javascripts/stcb-app.js", root).href;
      tag.onload = resolve;
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
    return loading;
  };
  function update() {
    if (app.controlled) app.load();  // else: the first install
  }
  workers.addEventListener("controllerchange", function () {
    app.switched = app.controlled;  // a new version took over
    update();
    app.controlled = true;
  });
  window.addEventListener("beforeinstallprompt", function (event) {
    if (!document.querySelector(".stcb-app-install")) return;
    event.preventDefault();
    app.installPrompt = event;
    app.load();
  });
  app.ready = new Promise(function (resolve) {
    window.addEventListener("load", function () {
      workers.register(new URL("sw.js", root).href).then(function (registration) {
        app.registration = registration;
        if (registration.waiting) update();
        registration.addEventListener("updatefound", update);
        resolve(registration);
      }, function () { resolve(null); });
      if (document.querySelector(".stcb-app-install")) app.load();
    });
  });
  app.check = function () {
    return app.ready.then(function (registration) {
      return registration && navigator.onLine ? registration.update().then(function () {
        return true;
      }, function () { return false; }) : false;
    });
  };
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") app.check();
  });
})();
