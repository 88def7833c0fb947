"""Self-check quizzes from data/quizzes.yml.

    <!-- stcb:quiz MODULE-ID -->        the quiz of one module (fieldsets; works without
                                         JavaScript through a <details> per question)
    <!-- stcb:quiz-key [MODULE-ID] -->  the answer key, for trainers (all modules if no id)
"""

from __future__ import annotations

from scripts.handbook import course_data, course_pages, i18n
from scripts.handbook.components.course import standalone
from scripts.handbook.markers import Marker, renderer

STORAGE_JS = "assets/javascripts/stcb-storage.js"  # every read and write of storage
QUIZ_JS = "assets/javascripts/stcb-quiz.js"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Strings the browser script needs (it gets them from a JSON block in the partial).
JS_STRINGS = ("quiz-check", "quiz-checked", "quiz-choose-first", "quiz-correct",
              "quiz-incorrect", "quiz-answer-is", "quiz-answers-are", "quiz-option-correct",
              "quiz-option-your-choice", "quiz-progress", "quiz-result", "quiz-best")


def _quiz(marker: Marker, module_id: str | None, kind: str):
    course = course_data.load_course().by_id()
    quizzes = course_data.load_quizzes().by_module()
    if module_id not in quizzes or module_id not in course:
        known = ", ".join(q for q in quizzes if q in course) or "none"
        raise marker.fail(f"unknown quiz '{module_id}' in the {kind} marker — use one of: "
                          f"{known} (data/quizzes.yml, data/course.yml)")
    return course[module_id], quizzes[module_id]


def _context(module, quiz):
    return {"module": module, "quiz": quiz, "letters": LETTERS,
            "source_links": course_pages.source_links}


@renderer("quiz")
def render_quiz(marker: Marker) -> str:
    if len(marker.args) != 1:
        raise marker.fail("write <!-- stcb:quiz MODULE-ID --> with one module id")
    module, quiz = _quiz(marker, marker.args[0], "quiz")
    t = i18n.translator(marker.lang)
    marker.assets.add(STORAGE_JS)
    marker.assets.add("assets/javascripts/stcb-course.js")
    marker.assets.add(QUIZ_JS)
    return standalone(marker.render("quiz.html", strings={k: t(k) for k in JS_STRINGS},
                                    **_context(module, quiz)))


@renderer("quiz-key")
def render_quiz_key(marker: Marker) -> str:
    if len(marker.args) > 1:
        raise marker.fail("write <!-- stcb:quiz-key --> or <!-- stcb:quiz-key MODULE-ID -->")
    ids = marker.args or [m.id for m in course_data.load_course().modules]
    keys = [_context(*_quiz(marker, module_id, "quiz-key")) for module_id in ids]
    return standalone(marker.render("quiz-key.html", keys=keys, letters=LETTERS,
                                    source_links=course_pages.source_links))
