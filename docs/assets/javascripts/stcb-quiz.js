/* Sổ tay Bí thư chi bộ — self-check quizzes (loaded only on pages with a quiz).
 *
 * The quiz is plain HTML first: fieldsets with radio buttons or checkboxes, and the
 * answer with its explanation in a <details> under each question. This script adds a
 * "Check" button per question and gives feedback at once, in words and an icon (never
 * colour alone), in a polite live region; it keeps the answers and the best score in
 * this browser only (window.stcb.course → window.stcb.storage, key "stcb:course") and
 * offers a retry. Saved per module: {visited, answers: {qid: [option index...]}, best,
 * last, total}. Each write changes only what this page just did, on the latest saved
 * progress: a stale tab never lowers the best score (a maximum) nor brings back cleared
 * answers; another tab's changes, and a page restored from the back/forward cache, are
 * shown at once.
 */
(function () {
  "use strict";

  var C = window.stcb.course;

  function loadState(id) {
    var state = C ? C.saved(id) : { answers: {} };
    if (!state.answers || typeof state.answers !== "object") state.answers = {};
    return state;
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function sameSet(a, b) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (b.indexOf(a[i]) < 0) return false;
    return true;
  }

  function Quiz(root) {
    this.root = root;
    this.id = root.getAttribute("data-stcb-quiz");
    this.strings = JSON.parse(root.querySelector(".stcb-quiz__strings").textContent);
    this.summary = root.querySelector(".stcb-quiz__summary");
    this.progress = root.querySelector(".stcb-quiz__progress");
    this.result = root.querySelector(".stcb-quiz__result");
    this.best = root.querySelector(".stcb-quiz__best");
    this.questions = [];
    var fieldsets = root.querySelectorAll(".stcb-quiz__q");
    for (var i = 0; i < fieldsets.length; i++) this.questions.push(this.question(fieldsets[i]));
    this.state = loadState(this.id);
  }

  Quiz.prototype.question = function (fieldset) {
    var self = this;
    var inputs = [].slice.call(fieldset.querySelectorAll(".stcb-quiz__input"));
    var q = {
      fieldset: fieldset,
      qid: fieldset.getAttribute("data-stcb-qid"),
      kind: fieldset.getAttribute("data-stcb-kind"),
      inputs: inputs,
      correct: [],
      button: fieldset.querySelector(".stcb-quiz__check"),
      feedback: fieldset.querySelector(".stcb-quiz__feedback"),
      details: fieldset.querySelector(".stcb-quiz__answer"),
      answered: false,
      right: false
    };
    inputs.forEach(function (input, index) {
      if (input.getAttribute("data-stcb-correct") === "true") q.correct.push(index);
    });
    q.button.hidden = false;
    q.button.addEventListener("click", function () {
      if (q.button.getAttribute("aria-disabled") === "true") return;
      self.check(q);
    });
    // Retry one question without redoing the module.
    q.again = fieldset.querySelector(".stcb-quiz__again");
    q.again.addEventListener("click", function () { self.again(q); });
    // With feedback on screen, the no-script answer box would only repeat it.
    q.details.hidden = true;
    return q;
  };

  Quiz.prototype.selected = function (q) {
    var chosen = [];
    q.inputs.forEach(function (input, index) {
      if (input.checked) chosen.push(index);
    });
    return chosen;
  };

  Quiz.prototype.check = function (q) {
    var chosen = this.selected(q);
    if (!chosen.length) {
      q.feedback.className = "stcb-quiz__feedback stcb-quiz__feedback--hint";
      q.feedback.textContent = this.strings["quiz-choose-first"];
      return;
    }
    this.show(q, chosen);
    this.state.visited = true;
    this.state.answers[q.qid] = chosen;
    this.write(function (m) { m.visited = true; m.answers[q.qid] = chosen; });
    this.update(true);
  };

  /* Show the verdict for question q answered with `chosen` (option indexes). */
  Quiz.prototype.show = function (q, chosen) {
    var s = this.strings;
    q.answered = true;
    q.right = sameSet(chosen, q.correct);
    q.inputs.forEach(function (input, index) {
      input.checked = chosen.indexOf(index) >= 0;
      input.disabled = true;
      var option = input.parentNode;
      var mark = option.querySelector(".stcb-quiz__mark");
      var isCorrect = q.correct.indexOf(index) >= 0;
      var isChosen = chosen.indexOf(index) >= 0;
      option.className = "stcb-quiz__option" +
        (isCorrect ? " stcb-quiz__option--correct" : "") +
        (isChosen && !isCorrect ? " stcb-quiz__option--wrong" : "") +
        (isChosen ? " stcb-quiz__option--chosen" : "");
      var words = [];
      if (isCorrect) words.push(s["quiz-option-correct"]);
      if (isChosen) words.push(s["quiz-option-your-choice"]);
      mark.textContent = words.length ? " (" + words.join(", ") + ")" : "";
    });
    q.button.setAttribute("aria-disabled", "true");
    q.button.textContent = s["quiz-checked"];
    q.again.hidden = false;
    q.fieldset.setAttribute("data-stcb-state", q.right ? "correct" : "incorrect");

    // Feedback: icon + verdict in words, the right answer, the explanation and sources
    // (cloned from the no-script answer box, so both always say the same).
    var box = q.feedback;
    box.className = "stcb-quiz__feedback stcb-quiz__feedback--" + (q.right ? "correct" : "incorrect");
    box.textContent = "";
    var verdict = el("p", "stcb-quiz__verdict");
    verdict.appendChild(el("span", "stcb-quiz__icon", q.right ? "✓" : "✗")).setAttribute("aria-hidden", "true");
    verdict.appendChild(el("strong", null, q.right ? s["quiz-correct"] : s["quiz-incorrect"]));
    box.appendChild(verdict);
    var explain = q.details.querySelector(".stcb-quiz__explain");
    for (var i = 0; i < explain.children.length; i++) {
      var part = explain.children[i];
      if (q.right && part.classList.contains("stcb-quiz__key")) continue;
      box.appendChild(part.cloneNode(true));
    }
  };

  Quiz.prototype.reset = function (q) {
    q.answered = false;
    q.right = false;
    q.inputs.forEach(function (input) {
      input.checked = false;
      input.disabled = false;
      input.parentNode.className = "stcb-quiz__option";
      input.parentNode.querySelector(".stcb-quiz__mark").textContent = "";
    });
    q.button.removeAttribute("aria-disabled");
    q.button.textContent = this.strings["quiz-check"];
    q.again.hidden = true;
    q.fieldset.removeAttribute("data-stcb-state");
    q.feedback.className = "stcb-quiz__feedback";
    q.feedback.textContent = "";
  };

  /* Recount, save, and update the summary; `announce` when the learner just acted. */
  Quiz.prototype.update = function (announce) {
    var s = this.strings;
    var total = this.questions.length;
    var answered = 0;
    var right = 0;
    this.questions.forEach(function (q) {
      if (q.answered) answered++;
      if (q.right) right++;
    });
    var complete = answered === total;
    if (complete && announce) {
      this.write(function (m) {
        m.total = total;
        m.last = right;
        m.best = typeof m.best === "number" ? Math.max(m.best, right) : right;
      });
    }

    this.summary.hidden = answered === 0 && typeof this.state.best !== "number";
    this.progress.textContent = format(s["quiz-progress"], { answered: answered, total: total, correct: right });
    var result = complete ? format(s["quiz-result"], { correct: right, total: total }) : "";
    // Only say the result aloud when it has just been reached.
    if (announce || this.result.textContent !== result) this.result.textContent = result;
    this.best.textContent = typeof this.state.best === "number"
      ? format(s["quiz-best"], { best: this.state.best, total: total }) : "";
  };

  Quiz.prototype.again = function (q) {
    this.reset(q);
    delete this.state.answers[q.qid];
    // Saved too, or the answer would come back on the next visit.
    this.write(function (m) { if (m.answers) delete m.answers[q.qid]; });
    this.update(false);
    q.inputs[0].focus();
  };

  Quiz.prototype.retry = function () {
    var self = this;
    this.questions.forEach(function (q) { self.reset(q); });
    this.state.answers = {};
    this.write(function (m) { m.answers = {}; });
    this.update(false);
    this.result.textContent = "";
    var first = this.questions[0] && this.questions[0].inputs[0];
    if (first) first.focus();
  };

  /* Change this module's saved progress (merged into the latest saved data). */
  Quiz.prototype.write = function (fn) {
    if (!C) return;
    C.change(this.id, fn);
    this.state = loadState(this.id);
  };

  /* Show the saved answers (a question whose options changed is dropped). */
  Quiz.prototype.restore = function () {
    var self = this;
    this.state = loadState(this.id);
    this.questions.forEach(function (q) {
      var saved = self.state.answers[q.qid];
      var valid = Array.isArray(saved) && saved.length && saved.every(function (index) {
        return typeof index === "number" && index >= 0 && index < q.inputs.length;
      });
      if (valid) self.show(q, saved);
      else if (q.answered) self.reset(q);
    });
  };

  Quiz.prototype.mount = function () {
    var self = this;
    this.root.classList.add("stcb-quiz--js");
    var nostore = this.root.querySelector(".stcb-quiz__nostore");
    var key = C && C.key;
    if (!(key && window.stcb.storage.available)) nostore.hidden = false;
    this.restore();
    this.write(function (m) { m.visited = true; });
    if (key) {
      window.stcb.storage.notice(key, nostore);
      // Another tab (or a clear there), or a page restored from the back/forward cache.
      key.on(function (event) {
        if (event.source === "self") return;
        self.restore();
        self.update(false);
        window.stcb.storage.notice(key, nostore);
      });
    }
    this.root.querySelector(".stcb-quiz__retry").addEventListener("click", function () {
      self.retry();
    });
    this.update(false);
  };

  function mountAll() {
    var roots = document.querySelectorAll("[data-stcb-quiz]");
    for (var i = 0; i < roots.length; i++) {
      if (roots[i].getAttribute("data-stcb-mounted")) continue;
      roots[i].setAttribute("data-stcb-mounted", "true");
      new Quiz(roots[i]).mount();
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
