/* Sổ tay Bí thư chi bộ — the projector view (page tap-huan/trinh-chieu only).
 *
 * The page lists every module's slides (overrides/partials/stcb/present.html, from
 * the same data as the .pptx). Here each module gets a "Present this module" button
 * that shows its slides one per screen in a modal <dialog>: → / Space / PageDown /
 * Enter for the next slide, ← / PageUp / Backspace for the previous one, Home / End,
 * Esc to stop (the dialog's own cancel); buttons for the same; a swipe left or right
 * on a touch screen. A quiz question comes first and its answer on the next slide.
 * The slide counter is a polite live region; when the reader is on the slide (not on
 * a button), focus follows it so that a screen reader reads the new slide.
 * Works from file:// (no fetch, no storage); no text is inserted as HTML.
 */
(function () {
  "use strict";

  var SWIPE = 50; // px of horizontal travel that turns a slide

  function strings(root) {
    return JSON.parse(root.querySelector(".stcb-present__strings").textContent);
  }

  function button(text, cls) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button stcb-present__" + cls;
    b.textContent = text;
    return b;
  }

  function mountDeck(deck, words) {
    var start = deck.querySelector(".stcb-present__start");
    var list = deck.querySelector(".stcb-present__slides");
    var slides = list.querySelectorAll(".stcb-slide");
    var title = deck.querySelector(".stcb-present__title");
    if (!start || !slides.length || typeof HTMLDialogElement !== "function") return;

    var dialog = document.createElement("dialog");
    dialog.className = "stcb-present__dialog";
    dialog.setAttribute("aria-label", title.textContent);
    var counter = document.createElement("p");
    counter.className = "stcb-present__counter";
    counter.setAttribute("aria-live", "polite");
    var stage = document.createElement("div");
    stage.className = "stcb-present__stage";
    var bar = document.createElement("div");
    bar.className = "stcb-present__bar";
    var prev = button(words.prev, "prev");
    var next = button(words.next, "next");
    var close = button(words.close, "close");
    bar.appendChild(prev);
    bar.appendChild(counter);
    bar.appendChild(next);
    bar.appendChild(close);
    dialog.appendChild(stage);
    dialog.appendChild(bar);
    deck.appendChild(dialog);

    var current = 0;
    var home = list.parentNode;
    var anchor = list.nextSibling;

    function show(index) {
      current = Math.max(0, Math.min(slides.length - 1, index));
      var onSlide = stage.contains(document.activeElement);
      for (var i = 0; i < slides.length; i++) {
        slides[i].classList.toggle("is-current", i === current);
        if (i === current) slides[i].setAttribute("tabindex", "-1");
        else slides[i].removeAttribute("tabindex");
      }
      var head = slides[current].querySelector(".stcb-slide__title");
      counter.textContent = words.counter.replace("{n}", current + 1)
        .replace("{total}", slides.length) + (head ? " — " + head.textContent : "");
      prev.disabled = current === 0;
      next.disabled = current === slides.length - 1;
      if (onSlide) slides[current].focus();
    }

    function open() {
      stage.appendChild(list);
      deck.classList.add("is-presenting");
      dialog.showModal();
      show(0);
      slides[current].focus();
    }

    function closed() {
      home.insertBefore(list, anchor);
      deck.classList.remove("is-presenting");
      for (var i = 0; i < slides.length; i++) {
        slides[i].classList.remove("is-current");
        slides[i].removeAttribute("tabindex");
      }
      start.focus();
    }

    start.hidden = false;
    start.addEventListener("click", open);
    prev.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", closed);
    dialog.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var onButton = event.target.tagName === "BUTTON" || event.target.tagName === "A";
      var key = event.key;
      if (key === "ArrowRight" || key === "PageDown" || (!onButton && (key === " " ||
          key === "Enter"))) {
        show(current + 1);
      } else if (key === "ArrowLeft" || key === "PageUp" || key === "Backspace") {
        show(current - 1);
      } else if (key === "Home") {
        show(0);
      } else if (key === "End") {
        show(slides.length - 1);
      } else {
        return;
      }
      event.preventDefault();
    });
    var x0 = null;
    var y0 = null;
    stage.addEventListener("pointerdown", function (event) {
      x0 = event.clientX;
      y0 = event.clientY;
    });
    stage.addEventListener("pointerup", function (event) {
      if (x0 === null) return;
      var dx = event.clientX - x0;
      var dy = event.clientY - y0;
      x0 = null;
      if (Math.abs(dx) >= SWIPE && Math.abs(dx) > Math.abs(dy)) show(current + (dx < 0 ? 1 : -1));
    });
    stage.addEventListener("pointercancel", function () { x0 = null; });
  }

  function mount() {
    var roots = document.querySelectorAll("[data-stcb-present]:not([data-stcb-mounted])");
    for (var i = 0; i < roots.length; i++) {
      var root = roots[i];
      root.setAttribute("data-stcb-mounted", "");
      var words = strings(root);
      var decks = root.querySelectorAll("[data-stcb-deck]");
      for (var j = 0; j < decks.length; j++) mountDeck(decks[j], words);
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mount);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
