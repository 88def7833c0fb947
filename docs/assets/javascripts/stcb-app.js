/* Sổ tay Bí thư chi bộ — the handbook as an app: offline after one visit,
 * updated only when the reader asks, installable.
 *
 * - The service worker (sw.js at the site root, generated at build time by
 *   Workbox: `python -m scripts.handbook sw`) is registered only over http(s),
 *   never from file:// (the offline ZIP), and only after the load event, so a
 *   first visit loads exactly what it loaded before.
 * - Updates: a new version installs in the background and waits. The page says
 *   "A new version is available — Reload"; only the reader's click activates it
 *   (Workbox's SKIP_WAITING message) and reloads. Never while a text field that
 *   the reader has typed in has focus, nor while a module reports unsaved input
 *   through `window.stcb.unsaved` (see stcb.js). A page whose worker was updated
 *   from another tab shows the same notice and is not reloaded either.
 * - Install: where the browser offers it (`beforeinstallprompt`), a quiet button
 *   in the placeholder `.stcb-app-install` (the "Use offline" page); on iOS, the
 *   Home Screen steps there instead.
 * Strings come from the page (#stcb-app-strings, data/ui/app.yml).
 */
(function () {
  "use strict";

  var stcb = window.stcb = window.stcb || {};
  stcb.unsaved = stcb.unsaved || [];
  var node = document.getElementById("stcb-app-strings");
  var strings = node ? JSON.parse(node.textContent) : null;
  var script = document.currentScript;
  // This file is assets/javascripts/stcb-app.js: the site root is two folders up.
  var root = script && script.src ? new URL("../../", script.src) : null;
  var served = /^https?:$/.test(window.location.protocol);
  var workers = "serviceWorker" in navigator ? navigator.serviceWorker : null;
  if (!strings || !root || !served) return;  // file://, or a page without the app head

  /* ---- Unsaved input -------------------------------------------------- */

  var NOT_TEXT = /^(checkbox|radio|button|submit|reset|file|range|color|hidden|image)$/i;
  var edited = null;  // the text field typed in since it got focus

  function isText(element) {
    return !!element && (element.tagName === "TEXTAREA" || element.isContentEditable ||
      (element.tagName === "INPUT" && !NOT_TEXT.test(element.type)));
  }
  document.addEventListener("input", function (event) {
    if (isText(event.target)) edited = event.target;
  }, true);
  document.addEventListener("focusout", function (event) {
    if (event.target === edited) edited = null;
  }, true);

  function unsaved() {
    if (edited && document.activeElement === edited) return true;
    return stcb.unsaved.some(function (check) {
      try {
        return check() === true;
      } catch (error) {
        return true;  // a module that cannot tell may hold typing: keep the page
      }
    });
  }

  /* ---- Updates --------------------------------------------------------- */

  var registration = null;
  var waiting = null;   // the new worker, installed and waiting for the reader
  var asked = false;    // the reader pressed Reload in this page
  var notice = null;

  function showNotice() {
    if (notice) return;
    notice = document.createElement("div");
    notice.className = "stcb-app-update stcb-no-print";
    notice.setAttribute("role", "status");
    document.body.appendChild(notice);
    var text = document.createElement("p");
    text.className = "stcb-app-update__text";
    text.textContent = strings.update;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "stcb-app-update__reload";
    button.textContent = strings.reload;
    button.addEventListener("click", reload);
    var note = document.createElement("p");
    note.className = "stcb-app-update__unsaved";
    note.hidden = true;
    note.textContent = strings.unsaved;
    // Filled after insertion, so that screen readers announce it.
    window.requestAnimationFrame(function () {
      notice.appendChild(text);
      notice.appendChild(button);
      notice.appendChild(note);
    });
  }

  function reload() {
    if (unsaved()) {
      if (notice && notice.lastChild) notice.lastChild.hidden = false;
      return false;
    }
    asked = true;
    if (waiting && waiting.state === "installed") {
      waiting.postMessage({type: "SKIP_WAITING"});  // then controllerchange reloads
    } else {
      window.location.reload();
    }
    return true;
  }

  function found(worker) {
    waiting = worker;
    showNotice();
  }

  function watch(reg) {
    registration = reg;
    if (reg.waiting && workers.controller) found(reg.waiting);
    reg.addEventListener("updatefound", function () {
      var worker = reg.installing;
      if (!worker) return;
      worker.addEventListener("statechange", function () {
        // With no controller this is the first install, not an update.
        if (worker.state === "installed" && workers.controller) found(worker);
      });
    });
    return reg;
  }

  /* Ask the server for a new sw.js (the browser also does on navigation). */
  function check() {
    if (!registration || !navigator.onLine) return Promise.resolve(false);
    return registration.update().then(function () { return true; }, function () { return false; });
  }

  var ready = Promise.resolve(null);
  if (workers) {
    var controlled = !!workers.controller;
    workers.addEventListener("controllerchange", function () {
      if (asked) {
        window.location.reload();
      } else if (controlled) {
        waiting = null;  // activated from another tab: this page still shows the old version
        showNotice();
      }
      controlled = true;
    });
    ready = new Promise(function (resolve) {
      function register() {
        workers.register(new URL("sw.js", root).href).then(watch).then(resolve, function () {
          resolve(null);  // no worker: the site works as a plain website
        });
      }
      if (document.readyState === "complete") register();
      else window.addEventListener("load", register);
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") check();
    });
    window.setInterval(check, 60 * 60 * 1000);
  }

  /* ---- Install ----------------------------------------------------------- */

  var places = document.querySelectorAll(".stcb-app-install");
  var standalone = window.navigator.standalone === true ||
    (window.matchMedia && window.matchMedia("(display-mode: standalone)").matches);
  var ios = /iPad|iPhone|iPod/.test(navigator.userAgent) ||
    (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);

  function fill(make) {
    Array.prototype.forEach.call(places, function (place) {
      place.textContent = "";
      place.appendChild(make());
      place.hidden = false;
    });
  }

  function say(text) {
    return function () {
      var p = document.createElement("p");
      p.textContent = text;
      return p;
    };
  }

  if (places.length) {
    if (standalone) {
      fill(say(strings.installed));
    } else if (ios) {
      fill(say(strings.ios));
    }
    window.addEventListener("beforeinstallprompt", function (event) {
      event.preventDefault();  // our quiet button instead of the browser's banner
      fill(function () {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-button stcb-app-install__button";
        button.textContent = strings.install;
        button.addEventListener("click", function () {
          event.prompt();
          event.userChoice.then(function (choice) {
            if (choice.outcome === "accepted") fill(say(strings.installed));
          });
        });
        return button;
      });
    });
    window.addEventListener("appinstalled", function () {
      fill(say(strings.installed));
    });
  }

  stcb.app = {ready: ready, check: check, reload: reload, unsaved: unsaved};
})();
