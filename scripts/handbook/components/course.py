"""Course components: module parts, the course table and the printable handout.

    <!-- stcb:module MODULE-ID PART -->   PART: info | objectives | reading | points | practice
    <!-- stcb:course-modules -->           the module table with status and best score
    <!-- stcb:handout MODULE-ID [sheet] --> the one-page handout: a print button on the
                                           module page; `sheet` shows the page on screen
Data: data/course.yml (scripts/handbook/course_data.py).
"""

from __future__ import annotations

from scripts.handbook import course_data, course_pages, urls
from scripts.handbook.deck_slides import deck_name
from scripts.handbook.markers import Marker, renderer

PARTS = ("info", "objectives", "reading", "points", "practice")
STORAGE_JS = "assets/javascripts/stcb-storage.js"  # every read and write of storage
COURSE_JS = "assets/javascripts/stcb-course.js"


def standalone(html: str) -> str:
    """A raw-HTML block must not contain blank lines (Markdown would end it there)."""
    return "\n".join(line for line in html.splitlines() if line.strip())


def module_for(marker: Marker, module_id: str | None, what: str):
    course = course_data.load_course()
    modules = course.by_id()
    if module_id not in modules:
        known = ", ".join(modules) or "none"
        raise marker.fail(f"unknown course module '{module_id}' in the {what} marker — "
                          f"use one of: {known} (data/course.yml)")
    return course, modules[module_id]


def links(marker: Marker, paths: list[str], module_id: str) -> list[course_pages.PageLink]:
    found = []
    for path in paths:
        page = course_pages.link(path, marker.lang)
        if page is None:
            missing = course_pages.page_file(path, marker.lang).relative_to(
                course_pages.DOCS.parent)
            raise marker.fail(f"module '{module_id}' points to {missing}, which does not "
                              "exist — correct the id in data/course.yml or add the page")
        found.append(page)
    return found


def practice(marker: Marker, module) -> dict[str, list[course_pages.PageLink]]:
    return {
        "checklists": links(marker, [f"checklist/{i}" for i in module.checklists], module.id),
        "templates": links(marker, [f"bieu-mau/{i}" for i in module.templates], module.id),
    }


@renderer("module")
def render_module(marker: Marker) -> str:
    if len(marker.args) != 2 or marker.args[1] not in PARTS:
        raise marker.fail("write <!-- stcb:module MODULE-ID PART --> with PART one of: "
                          + ", ".join(PARTS))
    course, module = module_for(marker, marker.args[0], "module")
    quiz = course_data.load_quizzes().by_module().get(module.id)
    marker.assets.add(STORAGE_JS)
    marker.assets.add(COURSE_JS)
    return standalone(marker.render(
        "module.html", part=marker.args[1], module=module,
        number=course.modules.index(module) + 1, count=len(course.modules),
        total=len(quiz.questions) if quiz else 0,
        reading=links(marker, module.read, module.id), practice=practice(marker, module),
        source_links=course_pages.source_links,
        source_href=course_pages.href(course_pages.SOURCE_PAGE),
        slides_href=urls.file_ref(deck_name(module, marker.lang)),
        present_href=marker.href("tap-huan/trinh-chieu", module.id),
    ))


@renderer("course-modules")
def render_course_modules(marker: Marker) -> str:
    if marker.args:
        raise marker.fail("<!-- stcb:course-modules --> takes no arguments")
    course = course_data.load_course()
    quizzes = course_data.load_quizzes().by_module()
    rows = []
    for number, module in enumerate(course.modules, start=1):
        page = links(marker, [f"tap-huan/{module.slug}"], module.id)[0]
        quiz = quizzes.get(module.id)
        rows.append({"module": module, "number": number, "page": page,
                     "total": len(quiz.questions) if quiz else 0})
    minutes = sum(m.minutes for m in course.modules)
    marker.assets.add(STORAGE_JS)
    marker.assets.add(COURSE_JS)
    return standalone(marker.render("course-modules.html", rows=rows, minutes=minutes))


@renderer("handout")
def render_handout(marker: Marker) -> str:
    if not 1 <= len(marker.args) <= 2 or marker.args[1:] not in ([], ["sheet"]):
        raise marker.fail("write <!-- stcb:handout MODULE-ID --> on a module page, or "
                          "<!-- stcb:handout MODULE-ID sheet --> to show the page on screen")
    course, module = module_for(marker, marker.args[0], "handout")
    marker.assets.add(STORAGE_JS)
    marker.assets.add(COURSE_JS)
    return standalone(marker.render(
        "handout.html", module=module, number=course.modules.index(module) + 1,
        count=len(course.modules), sheet=bool(marker.args[1:]),
        practice=practice(marker, module),
        handouts_href=course_pages.href("tap-huan/tai-lieu-phat-tay", f"handout-{module.id}"),
    ))
