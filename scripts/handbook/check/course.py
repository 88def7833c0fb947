"""Validator rules for the training course (data/course.yml, quizzes.yml, scenarios.yml,
and the trainer's kit, trainer.yml).

    quiz-answers     every question has a correct and a wrong option (a single-choice
                     question exactly one correct), and its texts and explanation in
                     both languages
    quiz-length      per language, the correct option is the longest in at most a third
                     of the single-choice questions, and the shortest in at most a third
                     (figures in the summary)
    quiz-wrong-options  every multiple-choice question has at least two wrong options
    quiz-explained   every explanation cites the source paragraphs it rests on
    course-sources   every cited source id exists in data/source.yml
    course-modules   every module has objectives, a quiz of at least eight questions, each
                     naming the objective it tests and every objective tested at least
                     twice, a scenario, and both module pages showing the quiz marker
    course-schema    the four files have the shape the build expects

Findings point at the YAML line to fix. Rules report nothing when the course data is
absent from the project root (fixtures of other rules).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from scripts.handbook import course_data, trainer_data, yaml_lines
from scripts.handbook.check import Context, Finding, rule
from scripts.handbook.yaml_lines import SafeLoader

LANG_NAMES = {"vi": "Vietnamese", "en": "English"}


class _Data:
    """One course data file, parsed with line numbers (or the reason it could not be)."""

    def __init__(self, ctx: Context, name: str):
        self.path = ctx.data / name
        self.rel = ctx.rel(self.path)
        self.exists = self.path.exists()
        self.data, self.lines, self.error = None, None, None
        if not self.exists:
            return
        try:
            self.data, self.lines = yaml_lines.load(self.path)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            self.error = (mark.line + 1 if mark else 1, str(error).splitlines()[0])

    def items(self, key: str) -> list:
        value = self.data.get(key) if isinstance(self.data, dict) else None
        return value if isinstance(value, list) else []

    def finding(self, path: tuple, rule_id: str, message: str, fix: str) -> Finding:
        return Finding(self.rel, self.lines.at(path) if self.lines else 1, rule_id, message, fix)


def _text(value, lang: str) -> str:
    return value.get(lang, "") if isinstance(value, dict) and isinstance(
        value.get(lang), str) else ""


def _usable(data: _Data, rule_id: str) -> Iterator[Finding]:
    """A finding when the file cannot be parsed (other rules then skip it)."""
    if data.error:
        line, message = data.error
        yield Finding(data.rel, line, rule_id, f"the file is not valid YAML: {message}",
                      "fix the indentation or quoting on this line")


@rule("quiz-answers")
def quiz_answers(ctx: Context) -> Iterator[Finding]:
    quizzes = _Data(ctx, course_data.QUIZZES_FILE)
    if not quizzes.exists:
        return
    yield from _usable(quizzes, "quiz-answers")
    if quizzes.error:
        return
    for qi, quiz in enumerate(quizzes.items("quizzes")):
        module = quiz.get("module", f"#{qi + 1}") if isinstance(quiz, dict) else f"#{qi + 1}"
        questions = quiz.get("questions") if isinstance(quiz, dict) else None
        for ni, question in enumerate(questions if isinstance(questions, list) else []):
            if not isinstance(question, dict):
                continue
            where = ("quizzes", qi, "questions", ni)
            name = f"question {module}/{question.get('id', ni + 1)}"
            options = question.get("options")
            options = options if isinstance(options, list) else []
            flags = [o.get("correct") for o in options if isinstance(o, dict)]
            right = sum(1 for f in flags if f is True)
            wrong = sum(1 for f in flags if f is False)
            if right == 0:
                yield quizzes.finding((*where, "options"), "quiz-answers",
                                      f"{name} has no correct option",
                                      'mark the right option(s) with "correct: true"')
            if wrong == 0:
                yield quizzes.finding((*where, "options"), "quiz-answers",
                                      f"{name} has no wrong option",
                                      'add at least one option with "correct: false", '
                                      "so that the question tests something")
            if question.get("kind") == "single" and right > 1:
                yield quizzes.finding((*where, "kind"), "quiz-answers",
                                      f"{name} is single-choice but has {right} correct options",
                                      'keep exactly one "correct: true", or change kind '
                                      "to multiple")
            for oi, option in enumerate(options):
                if isinstance(option, dict) and not isinstance(option.get("correct"), bool):
                    yield quizzes.finding((*where, "options", oi), "quiz-answers",
                                          f"option {oi + 1} of {name} does not say whether "
                                          "it is correct",
                                          'add "correct: true" or "correct: false"')
            for part, label in (("question", "question text"), ("explanation", "explanation")):
                for lang in ("vi", "en"):
                    if not _text(question.get(part), lang).strip():
                        yield quizzes.finding((*where, part, lang), "quiz-answers",
                                              f"{name} has no {LANG_NAMES[lang]} {label}",
                                              f"write {part}: {lang}: … in {LANG_NAMES[lang]}")
            for oi, option in enumerate(options):
                for lang in ("vi", "en"):
                    if isinstance(option, dict) and not _text(option, lang).strip():
                        yield quizzes.finding((*where, "options", oi, lang), "quiz-answers",
                                              f"option {oi + 1} of {name} has no "
                                              f"{LANG_NAMES[lang]} text",
                                              f"write {lang}: … for this option")


def _citations(data: _Data, key: str, list_key: str) -> Iterator[tuple[tuple, str, str]]:
    """(yaml path of the id, id, what cites it) for every `source` id in one file."""
    for i, item in enumerate(data.items(key)):
        if not isinstance(item, dict):
            continue
        if key == "scenarios":
            owner = f"scenario {item.get('id', i + 1)}"
            for pi, point in enumerate(item.get("answer") or []):
                yield from _ids(point, (key, i, "answer", pi), f"{owner}, point {pi + 1}")
        elif key == "lessons":
            owner = f"lesson plan {item.get('module', i + 1)}"
            yield from _ids(item.get("activity"), (key, i, "activity"), f"{owner}, activity")
            for pi, point in enumerate(item.get("discussion") or []):
                yield from _ids(point, (key, i, "discussion", pi),
                                f"{owner}, discussion question {pi + 1}")
        elif key == "modules":
            owner = f"module {item.get('id', i + 1)}"
            for pi, point in enumerate(item.get("key_points") or []):
                yield from _ids(point, (key, i, "key_points", pi), f"{owner}, key point {pi + 1}")
        else:
            for ni, question in enumerate(item.get(list_key) or []):
                owner = f"question {item.get('module', i + 1)}/" \
                        f"{question.get('id', ni + 1) if isinstance(question, dict) else ni + 1}"
                yield from _ids(question, (key, i, list_key, ni), owner)


def _ids(item, where: tuple, owner: str) -> Iterator[tuple[tuple, str, str]]:
    if not isinstance(item, dict):
        return
    source = item.get("source")
    if not isinstance(source, list) or not source:
        yield (*where, "source"), "", owner
        return
    for si, pid in enumerate(source):
        yield (*where, "source", si), str(pid), owner


@rule("course-sources")
def course_sources(ctx: Context) -> Iterator[Finding]:
    files = [(_Data(ctx, course_data.COURSE_FILE), "modules", ""),
             (_Data(ctx, course_data.QUIZZES_FILE), "quizzes", "questions"),
             (_Data(ctx, course_data.SCENARIOS_FILE), "scenarios", ""),
             (_Data(ctx, trainer_data.TRAINER_FILE), "lessons", "")]
    if not any(data.exists for data, _, _ in files):
        return
    source_path = ctx.data / "source.yml"
    source = (yaml.load(source_path.read_text(encoding="utf-8"), Loader=SafeLoader)
              if source_path.exists() else {})
    paragraphs = (source or {}).get("paragraphs") or []
    known = {p.get("id") for p in paragraphs if isinstance(p, dict)}
    cited: set[str] = set()
    for data, key, list_key in files:
        if not data.exists:
            continue
        yield from _usable(data, "course-sources")
        if data.error:
            continue
        for where, pid, owner in _citations(data, key, list_key):
            if not pid:
                yield data.finding(where, "course-sources", f"{owner} cites no source paragraph",
                                   "add source: [paragraph ids] from data/source.yml")
            elif pid not in known:
                hint = _nearest(pid, known)
                yield data.finding(where, "course-sources",
                                   f"{owner} cites '{pid}', which is not a paragraph id in "
                                   "data/source.yml",
                                   f"use an id shown on the Source text page{hint}")
            else:
                cited.add(pid)
    actionable = {p.get("id") for p in paragraphs if isinstance(p, dict) and p.get("actionable")}
    if actionable:
        ctx.summary.append(f"course: cites {len(cited & actionable)} of {len(actionable)} "
                           "actionable source paragraphs")


def _nearest(pid: str, known: set) -> str:
    prefix = re.sub(r"-?\d+$", "", pid)
    same = sorted(k for k in known if isinstance(k, str) and k.startswith(prefix + "-"))
    return f" (ids starting with {prefix}-: {', '.join(same[:8])})" if prefix and same else ""


@rule("course-modules")
def course_modules(ctx: Context) -> Iterator[Finding]:
    course = _Data(ctx, course_data.COURSE_FILE)
    if not course.exists:
        return
    yield from _usable(course, "course-modules")
    if course.error:
        return
    quizzes = _Data(ctx, course_data.QUIZZES_FILE)
    scenarios = _Data(ctx, course_data.SCENARIOS_FILE)
    quiz_of = {}
    for qi, quiz in enumerate(quizzes.items("quizzes") if not quizzes.error else []):
        if isinstance(quiz, dict):
            quiz_of[quiz.get("module")] = (qi, quiz)
    scenario_modules = {s.get("module") for s in
                        (scenarios.items("scenarios") if not scenarios.error else [])
                        if isinstance(s, dict)}
    module_ids = set()
    for mi, module in enumerate(course.items("modules")):
        if not isinstance(module, dict):
            continue
        mid = module.get("id", f"#{mi + 1}")
        module_ids.add(mid)
        where = ("modules", mi)
        objectives = module.get("objectives")
        if not isinstance(objectives, list) or not objectives:
            yield course.finding((*where, "objectives"), "course-modules",
                                 f"module {mid} has no learning objectives",
                                 "add objectives: with at least one item in vi and en")
        else:
            for oi, objective in enumerate(objectives):
                for lang in ("vi", "en"):
                    if not _text(objective, lang).strip():
                        yield course.finding((*where, "objectives", oi, lang), "course-modules",
                                             f"objective {oi + 1} of module {mid} has no "
                                             f"{LANG_NAMES[lang]} text",
                                             f"write {lang}: … for this objective")
        if mid not in quiz_of:
            yield course.finding(where, "course-modules", f"module {mid} has no quiz",
                                 f"add a quiz with module: {mid} to data/quizzes.yml")
        else:
            qi, quiz = quiz_of[mid]
            count = len(quiz.get("questions") or [])
            if count < course_data.MIN_QUESTIONS:
                yield quizzes.finding(("quizzes", qi, "module"), "course-modules",
                                      f"the quiz of module {mid} has {count} question"
                                      f"{'s' if count != 1 else ''}",
                                      f"write at least {course_data.MIN_QUESTIONS} questions "
                                      "per module")
            yield from _objective_balance(quizzes, qi, quiz, mid, objectives)
        if scenarios.exists and mid not in scenario_modules:
            yield course.finding(where, "course-modules", f"module {mid} has no scenario",
                                 f"add a scenario with module: {mid} to data/scenarios.yml")
        slug = module.get("slug")
        if isinstance(slug, str):
            yield from _page_markers(ctx, course, where, mid, slug)
    for module_id, (qi, _quiz) in quiz_of.items():
        if module_id not in module_ids:
            yield quizzes.finding(("quizzes", qi, "module"), "course-modules",
                                  f"a quiz belongs to module '{module_id}', which is not in "
                                  "data/course.yml",
                                  f"use one of: {', '.join(sorted(map(str, module_ids)))}")


def _objective_balance(quizzes: _Data, qi: int, quiz: dict, mid: str,
                       objectives) -> Iterator[Finding]:
    """Every question names an objective of its module; every objective is tested."""
    count = len(objectives) if isinstance(objectives, list) else 0
    if not count:
        return
    tested = [0] * count
    for ni, question in enumerate(quiz.get("questions") or []):
        if not isinstance(question, dict):
            continue
        objective = question.get("objective")
        if not isinstance(objective, int) or not 1 <= objective <= count:
            yield quizzes.finding(("quizzes", qi, "questions", ni), "course-modules",
                                  f"question {mid}/{question.get('id', ni + 1)} names no "
                                  f"objective of module {mid}",
                                  f"add objective: N, the number (1–{count}) of the objective "
                                  "in data/course.yml that it tests")
        else:
            tested[objective - 1] += 1
    for oi, n in enumerate(tested):
        if n < course_data.MIN_PER_OBJECTIVE:
            yield quizzes.finding(("quizzes", qi, "module"), "course-modules",
                                  f"objective {oi + 1} of module {mid} is tested by {n} "
                                  f"question{'s' if n != 1 else ''}",
                                  f"write at least {course_data.MIN_PER_OBJECTIVE} questions "
                                  "per objective, so that the quiz covers the whole module")


def _page_markers(ctx: Context, course: _Data, where: tuple, mid: str,
                  slug: str) -> Iterator[Finding]:
    marker = re.compile(r"<!--\s*stcb:quiz\s+" + re.escape(str(mid)) + r"\s*-->")
    for suffix in (".md", ".en.md"):
        page: Path = ctx.docs / "tap-huan" / f"{slug}{suffix}"
        if not page.exists():
            yield course.finding((*where, "slug"), "course-modules",
                                 f"module {mid} has no page {ctx.rel(page)}",
                                 "create the page, or correct the slug")
        elif not marker.search(page.read_text(encoding="utf-8")):
            yield Finding(ctx.rel(page), 1, "course-modules",
                          f"the page of module {mid} does not show its quiz",
                          f"add the line <!-- stcb:quiz {mid} --> under the quiz heading")


@rule("course-schema")
def course_schema(ctx: Context) -> Iterator[Finding]:
    for name, model in ((course_data.COURSE_FILE, course_data.Course),
                        (course_data.QUIZZES_FILE, course_data.Quizzes),
                        (course_data.SCENARIOS_FILE, course_data.Scenarios),
                        (trainer_data.TRAINER_FILE, trainer_data.Trainer)):
        data = _Data(ctx, name)
        if not data.exists:
            continue
        yield from _usable(data, "course-schema")
        if data.error:
            continue
        for line, message in course_data.schema_errors(data.data, data.lines, model):
            yield Finding(data.rel, line, "course-schema", message,
                          "compare this entry with the field list at the top of the file")


# --- Quizzes that test understanding (issue 16) ------------------------------------

# A test-wise reader picks the longest option (or, once the writer over-corrects, the
# shortest); when that is the right one too often, the quiz tests option length, not
# understanding. At most a third of single-choice questions each way, per language.
MAX_EXTREME_CORRECT = 1 / 3


def _questions(quizzes: _Data) -> Iterator[tuple[tuple, str, dict]]:
    """(yaml path, printed name, question) for every well-formed question."""
    for qi, quiz in enumerate(quizzes.items("quizzes")):
        if not isinstance(quiz, dict):
            continue
        module = quiz.get("module", f"#{qi + 1}")
        questions = quiz.get("questions")
        for ni, question in enumerate(questions if isinstance(questions, list) else []):
            if isinstance(question, dict):
                yield (("quizzes", qi, "questions", ni),
                       f"question {module}/{question.get('id', ni + 1)}", question)


def _options(question: dict) -> list[dict]:
    options = question.get("options")
    return [o for o in (options if isinstance(options, list) else []) if isinstance(o, dict)]


def extreme_correct(quizzes: _Data, lang: str, pick=max) -> tuple[int, int, list[str]]:
    """(questions whose correct option is the longest — or with pick=min the shortest —,
    single-choice questions, their names) in one language; a tie counts."""
    hits, total, names = 0, 0, []
    for _where, name, question in _questions(quizzes):
        options = _options(question)
        right = [o for o in options if o.get("correct") is True]
        if question.get("kind") != "single" or len(right) != 1 or len(options) < 2:
            continue
        total += 1
        lengths = [len(_text(o, lang).strip()) for o in options]
        if len(_text(right[0], lang).strip()) == pick(lengths):
            hits += 1
            names.append(name.removeprefix("question "))
    return hits, total, names


@rule("quiz-length")
def quiz_length(ctx: Context) -> Iterator[Finding]:
    quizzes = _Data(ctx, course_data.QUIZZES_FILE)
    if not quizzes.exists or quizzes.error:
        return
    figures = {"longest": [], "shortest": []}
    for lang in ("vi", "en"):
        for word, pick in (("longest", max), ("shortest", min)):
            hits, total, names = extreme_correct(quizzes, lang, pick)
            figures[word].append(f"{lang} {hits}/{total}")
            if total and hits > total * MAX_EXTREME_CORRECT:
                shown = ", ".join(names[:8]) + (" …" if len(names) > 8 else "")
                yield quizzes.finding(("quizzes",), "quiz-length",
                                      f"in {LANG_NAMES[lang]}, the correct option is the {word} "
                                      f"in {hits} of {total} single-choice questions ({shown}), "
                                      "more than a third",
                                      "vary the length of right and wrong answers (write wrong "
                                      "ones as fully as a real mistake), so that length does not "
                                      "give the answer away")
    ctx.summary.append(f"quiz: longest-correct: {', '.join(figures['longest'])}; "
                       f"shortest-correct: {', '.join(figures['shortest'])} (at most a third)")


@rule("quiz-wrong-options")
def quiz_wrong_options(ctx: Context) -> Iterator[Finding]:
    quizzes = _Data(ctx, course_data.QUIZZES_FILE)
    if not quizzes.exists or quizzes.error:
        return
    for where, name, question in _questions(quizzes):
        if question.get("kind") != "multiple":
            continue
        wrong = sum(1 for o in _options(question) if o.get("correct") is False)
        if wrong < 2:
            yield quizzes.finding((*where, "options"), "quiz-wrong-options",
                                  f"{name} is multiple-choice with {wrong} wrong option"
                                  f"{'s' if wrong != 1 else ''}",
                                  "give it at least two wrong options (plausible mistakes a "
                                  "new secretary might make), so that ticking everything fails")


@rule("quiz-explained")
def quiz_explained(ctx: Context) -> Iterator[Finding]:
    quizzes = _Data(ctx, course_data.QUIZZES_FILE)
    if not quizzes.exists or quizzes.error:
        return
    for where, name, question in _questions(quizzes):
        source = question.get("source")
        ids = [s for s in source if isinstance(s, str) and s.strip()] \
            if isinstance(source, list) else []
        if not ids:
            yield quizzes.finding((*where, "explanation"), "quiz-explained",
                                  f"the explanation of {name} cites no source paragraph",
                                  "add source: [paragraph ids] (data/source.yml) that the "
                                  "explanation rests on; it is shown under the explanation")
