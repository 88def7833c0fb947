"""The trainer's lesson plans, from data/trainer.yml (scripts/handbook/trainer_data.py).

    <!-- stcb:lesson-plan MODULE-ID PART -->  PART: timing | activity | discussion |
                                             practice | slides
    <!-- stcb:lesson-plans -->               the six lesson plans: module, time, link

One page per lesson plan (docs/tap-huan/giang-vien/<module id>.md) places the parts
under its own headings, with the module's answer key (<!-- stcb:quiz-key ID -->).
The same data makes the speaker notes of the lecture slides (scripts/handbook/deck.py).
"""

from __future__ import annotations

from scripts.handbook import course_data, course_pages, trainer_data
from scripts.handbook.components.course import module_for, practice, standalone
from scripts.handbook.components.deck import PRESENT_PAGE, deck_href
from scripts.handbook.markers import Marker, renderer

PARTS = ("timing", "activity", "discussion", "practice", "slides")
PLAN_PAGE = "tap-huan/giang-vien/{id}"


def lesson_for(marker: Marker, module_id: str):
    lessons = trainer_data.load_trainer().by_module()
    if module_id not in lessons:
        raise marker.fail(f"module '{module_id}' has no lesson plan in data/trainer.yml — add "
                          f"one with module: {module_id}")
    return lessons[module_id]


@renderer("lesson-plan")
def render_lesson_plan(marker: Marker) -> str:
    if len(marker.args) != 2 or marker.args[1] not in PARTS:
        raise marker.fail("write <!-- stcb:lesson-plan MODULE-ID PART --> with PART one of: "
                          + ", ".join(PARTS))
    course, module = module_for(marker, marker.args[0], "lesson-plan")
    lesson = lesson_for(marker, module.id)
    return standalone(marker.render(
        "lesson-plan.html", part=marker.args[1], module=module, lesson=lesson,
        number=course.modules.index(module) + 1, practice=practice(marker, module),
        source_links=course_pages.source_links, slides_href=deck_href(module, marker.lang),
        present_href=marker.href(PRESENT_PAGE, module.id),
        module_href=marker.href(f"tap-huan/{module.slug}")))


@renderer("lesson-plans")
def render_lesson_plans(marker: Marker) -> str:
    if marker.args:
        raise marker.fail("<!-- stcb:lesson-plans --> takes no arguments")
    course = course_data.load_course()
    rows = [{"number": n, "module": m, "href": marker.href(PLAN_PAGE.format(id=m.id))}
            for n, m in enumerate(course.modules, start=1)]
    return standalone(marker.render("lesson-plans.html", rows=rows))
