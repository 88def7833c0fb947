/* Sổ tay Bí thư chi bộ — the handbook as an app: the update notice and the
 * install button. stcb.js registers the service worker (sw.js, generated at
 * build time by Workbox: `python -m scripts.handbook sw`) on every page served
 * over http(s), after the load event, and loads this file only when there is
 * something to show, so a first visit loads what it loaded before.
 *
 * - Updates: a new version installs in the background and waits. The page says
 *   "A new version is available — Reload"; only the reader's click activates it
 *   (Workbox's SKIP_WAITING message) and reloads. Never while a text field has
 *   focus, nor while a module reports unsaved input through
 *   `window.stcb.unsaved` (see stcb.js). A page whose worker was switched from
 *   another tab shows the same notice and is not reloaded either.
 * - Install: where the browser offers it (`beforeinstallprompt`, caught by
 *   stcb.js), a quiet button in `.stcb-app-install` (the "Use offline" page); on
 *   iOS, the Home Screen steps there instead.
 * Strings: assets/javascripts/stcb-app-strings.json (from data/ui/app.yml);
 * styles: assets/stylesheets/stcb-app.css, both loaded here.
 */
(function () {
  "use strict";

  var stcb = window.stcb;
  var app = stcb.app;
  var workers = navigator.serviceWorker;
  var NOT_TEXT = /^(checkbox|radio|button|submit|reset|file|range|color|hidden|image)$/i;

  function asset(path) {
    return new URL(path, app.root).href;
  }

  /* The strings of the page's language and the styles, before anything shows. */
  var ready = Promise.all([
    window.fetch(asset("assets/javascripts/stcb-app-strings.json")).then(function (response) {
      return response.json();
    }).then(function (all) { return all[stcb.lang] || all.vi; }),
    new Promise(function (resolve) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = asset("assets/stylesheets/stcb-app.css");
      link.onload = link.onerror = resolve;
      document.head.appendChild(link);
    })
  ]).then(function (loaded) { return loaded[0]; });

  /* ---- Unsaved input -------------------------------------------------- */

  function isText(element) {
    return !!element && (element.tagName === "TEXTAREA" || element.isContentEditable ||
      (element.tagName === "INPUT" && !NOT_TEXT.test(element.type)));
  }

  function unsaved() {
    if (isText(document.activeElement)) return true;
    return stcb.unsaved.some(function (check) {
      try {
        return check() === true;
      } catch (error) {
        return true;  // a module that cannot tell may hold typing: keep the page
      }
    });
  }

  /* ---- Updates --------------------------------------------------------- */

  var waiting = null;  // the new worker, installed and waiting for the reader
  var asked = false;   // the reader pressed Reload in this page
  var notice = null;

  function showNotice(strings) {
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
    ready.then(showNotice);
  }

  function watch(worker) {
    if (worker.state === "installed") found(worker);
    worker.addEventListener("statechange", function () {
      if (worker.state === "installed") found(worker);
    });
  }

  workers.addEventListener("controllerchange", function () {
    if (asked) {
      window.location.reload();
    } else if (app.switched) {  // not the first install (stcb.js's listener ran first)
      waiting = null;  // switched from another tab: this page still shows the old version
      ready.then(showNotice);
    }
  });
  if (app.switched) ready.then(showNotice);
  app.ready.then(function (registration) {
    if (!registration || !app.controlled) return;  // a first install is no update
    if (registration.waiting) found(registration.waiting);
    if (registration.installing) watch(registration.installing);
    registration.addEventListener("updatefound", function () {
      if (registration.installing) watch(registration.installing);
    });
  });

  /* ---- Install ----------------------------------------------------------- */

  var places = document.querySelectorAll(".stcb-app-install");
  var standalone = window.navigator.standalone === true ||
    window.matchMedia("(display-mode: standalone)").matches;
  var ios = /iPad|iPhone|iPod/.test(navigator.userAgent) ||
    (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);

  function fill(make) {
    ready.then(function (strings) {
      Array.prototype.forEach.call(places, function (place) {
        place.textContent = "";
        place.appendChild(make(strings));
        place.hidden = false;
      });
    });
  }

  function say(key) {
    return function (strings) {
      var p = document.createElement("p");
      p.textContent = strings[key];
      return p;
    };
  }

  function offer(event) {
    fill(function (strings) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button stcb-app-install__button";
      button.textContent = strings.install;
      button.addEventListener("click", function () {
        event.prompt();
        event.userChoice.then(function (choice) {
          if (choice.outcome === "accepted") fill(say("installed"));
        });
      });
      return button;
    });
  }

  if (places.length) {
    if (standalone) fill(say("installed"));
    else if (ios) fill(say("ios"));
    if (app.installPrompt) offer(app.installPrompt);
    window.addEventListener("beforeinstallprompt", function () {
      offer(app.installPrompt);  // stcb.js kept the event
    });
    window.addEventListener("appinstalled", function () {
      fill(say("installed"));
    });
  }

  app.reload = reload;
  app.unsaved = unsaved;
  app.shown = ready;
})();
