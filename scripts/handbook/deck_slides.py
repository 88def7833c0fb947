"""What the lecture slides say, slide by slide, from the course data alone.

    module_slides(lang, module_id)  the slides of one module (data/course.yml,
                                    quizzes.yml, scenarios.yml, trainer.yml)
    course_slides(lang)             a cover, then every module

Every word on a slide is a course text, a source paragraph id, a page title or an
interface string of data/ui/deck.yml (the validator's `deck-text` rule proves it on
the written files). The .pptx writer (deck.py) packs these slides onto 16:9 pages and
splits long ones; the projector view (components/present.py) shows them as they are.
Speaker notes carry the trainer's kit: the timing of the part, its advice, the
activity's steps, and the source paragraphs a slide cites, in full.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scripts.handbook import course_data, course_pages, trainer_data
from scripts.handbook.data import load_source
from scripts.handbook.i18n import translator

OUT = "downloads/slide"
COURSE_NAME = "khoa-tap-huan"


def deck_name(module_or_none, lang: str) -> str:
    """Where a deck goes under the site: a module's in downloads/slide/ (the offline
    ZIP carries that folder), the whole course's beside the whole-book PDFs."""
    if module_or_none is None:
        return f"downloads/{COURSE_NAME}-{lang}.pptx"
    return f"{OUT}/{module_or_none.slug}-{lang}.pptx"


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    small: bool = False  # source paragraph ids: small type
    link: str | None = None  # a page path under docs/ (closing slide)


@dataclass(frozen=True)
class Para:
    runs: tuple[Run, ...]
    bullet: str = "bullet"  # bullet | none | alpha (A., B., … from `number`)
    number: int = 1
    indent: str = ""  # align the text with this bullet style's (default: its own)


@dataclass
class Slide:
    kind: str  # cover | section | objectives | points | activity | discussion | situation
    #            | scenario-points | question | answer | closing
    title: list[Run]
    items: list[list[Para]] = field(default_factory=list)  # kept together on one page
    notes: list[str] = field(default_factory=list)
    reveal: bool = False  # the projector view shows it after the slide before (an answer)


def fmt(template: str, **numbers: int) -> str:
    for key, value in numbers.items():
        template = template.replace("{" + key + "}", str(value))
    return template


def para(text: str, bullet: str = "bullet", bold: bool = False, number: int = 1) -> Para:
    return Para((Run(text, bold=bold),), bullet, number)


def sources(ids: list[str], t, under: str = "bullet") -> Para:
    """The source ids of the paragraph before, in small type, aligned with its text
    (*under*: that paragraph's bullet style)."""
    return Para((Run(t("deck-source"), small=True), Run(", ".join(ids), small=True)),
                "none", indent=under)


class _Course:
    """The four data files, loaded once per deck."""

    def __init__(self, lang: str):
        self.lang = lang
        self.t = translator(lang)
        self.course = course_data.load_course()
        self.quizzes = course_data.load_quizzes().by_module()
        self.scenarios = course_data.load_scenarios().scenarios
        self.trainer = trainer_data.load_trainer()
        self.lessons = self.trainer.by_module()
        self.source = load_source().by_id()

    def notes(self, lesson, part: str, ids: list[str] = ()) -> list[str]:
        lang, t = self.lang, self.t
        found = [f"{fmt(t('deck-notes-time'), minutes=row.minutes)} — {getattr(row, lang)}"
                 for row in (lesson.rows(part) if lesson else [])]
        prompt = self.trainer.prompts.get(part)
        if prompt:
            found.append(getattr(prompt, lang))
        for pid in dict.fromkeys(ids):
            if pid in self.source:
                found.append(f"{pid}: {getattr(self.source[pid], lang)}")
        return found


def _module(c: _Course, module, number: int, cover: str) -> list[Slide]:
    lang, t = c.lang, c.t

    def tx(value) -> str:
        return getattr(value, lang)

    lesson = c.lessons.get(module.id)
    total = len(c.course.modules)
    slides = [Slide(cover, [Run(tx(module.title))], [
        [para(fmt(t("deck-module"), n=number, total=total, minutes=module.minutes), "none")],
        [para(t("deck-course"), "none")]], c.notes(lesson, "opening"))]
    slides.append(Slide("objectives", [Run(t("deck-objectives"))],
                        [[para(tx(o))] for o in module.objectives], c.notes(lesson, "opening")))
    cited = [pid for p in module.key_points for pid in p.source]
    slides.append(Slide("points", [Run(t("deck-points"))],
                        [[para(tx(p)), sources(p.source, t)] for p in module.key_points],
                        c.notes(lesson, "points", cited)))
    if lesson:
        activity = lesson.activity
        slides.append(Slide("activity", [Run(t("deck-activity")), Run(tx(activity.title))],
                            [[para(tx(s))] for s in activity.steps[:-1]]
                            + [[para(tx(activity.steps[-1])),
                                sources(activity.source, t)]],
                            c.notes(lesson, "activity", activity.source)
                            + [tx(lesson.practice)]))
        cited = [pid for q in lesson.discussion for pid in q.source]
        slides.append(Slide("discussion", [Run(t("deck-discussion"))],
                            [[para(tx(q)), sources(q.source, t)]
                             for q in lesson.discussion],
                            c.notes(lesson, "activity", cited)))
    for scenario in (s for s in c.scenarios if s.module == module.id):
        slides.append(Slide("situation", [Run(t("deck-scenario")), Run(tx(scenario.title))],
                            [[para(tx(scenario.situation), "none")]]
                            + [[para(tx(task))] for task in scenario.tasks],
                            c.notes(lesson, "scenario")))
        cited = [pid for p in scenario.answer for pid in p.source]
        slides.append(Slide("scenario-points", [Run(t("deck-scenario-points"))],
                            [[para(tx(p)), sources(p.source, t)]
                             for p in scenario.answer],
                            c.notes(lesson, "scenario", cited)
                            + ([tx(scenario.note)] if scenario.note else []), reveal=True))
    quiz = c.quizzes.get(module.id)
    questions = quiz.questions if quiz else []
    for n, q in enumerate(questions, start=1):
        numbers = {"n": n, "total": len(questions)}
        slides.append(Slide("question", [Run(fmt(t("deck-question"), **numbers))],
                            [[para(tx(q.question), "none", bold=True)]]
                            + [[para(tx(o), "alpha", number=i)]
                               for i, o in enumerate(q.options, start=1)],
                            c.notes(lesson, "quiz")))
        slides.append(Slide("answer", [Run(fmt(t("deck-answer"), **numbers))],
                            [[para(t("deck-correct"), "none", bold=True)]]
                            + [[para(tx(o), "alpha", number=i)]
                               for i, o in enumerate(q.options, start=1) if o.correct]
                            + [[para(tx(q.explanation), "none"),
                                sources(q.source, t, "none")]],
                            c.notes(lesson, "quiz", q.source), reveal=True))
    pages = [course_pages.link(path, lang) for path in [
        *module.read, *(f"checklist/{i}" for i in module.checklists),
        *(f"bieu-mau/{i}" for i in module.templates)]]
    slides.append(Slide("closing", [Run(t("deck-read"))],
                        [[Para((Run(page.title, link=page.path),))] for page in pages if page],
                        c.notes(lesson, "quiz") + ([tx(lesson.practice)] if lesson else [])))
    return slides


def module_slides(lang: str, module_id: str, cover: str = "cover") -> list[Slide]:
    c = _Course(lang)
    modules = c.course.by_id()
    module = modules[module_id]
    return _module(c, module, c.course.modules.index(module) + 1, cover)


def course_slides(lang: str) -> list[Slide]:
    c = _Course(lang)
    modules = c.course.modules
    minutes = sum(m.minutes for m in modules)
    slides = [Slide("cover", [Run(c.t("deck-course"))], [
        [para(fmt(c.t("deck-modules"), total=len(modules), minutes=minutes), "none")]])]
    for number, module in enumerate(modules, start=1):
        slides += _module(c, module, number, "section")
    return slides
