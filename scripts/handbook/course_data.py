"""The training course as data: modules, quizzes and scenarios (schemas and loaders).

- data/course.yml     the modules: id, page slug, title, time, objectives, what to
                      read, key points (each citing source paragraph ids), and the
                      checklists and templates to practise with;
- data/quizzes.yml    one quiz per module: single- or multiple-choice questions,
                      options with `correct: true/false`, an explanation, sources;
- data/scenarios.yml  scenario exercises with a model answer, point by point, cited.

Every text is {vi, en} side by side. The schemas check the shape; the validator
(scripts/handbook/check/course.py) checks the meaning (a correct and a wrong
option, both languages, cited ids exist, every module has objectives and a quiz)
and points at the YAML line. A shape error stops the build with file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from scripts.handbook import yaml_lines
from scripts.handbook.data import Bilingual, Strict
from scripts.handbook.markers import MarkerError
from scripts.handbook.paths import DATA

COURSE_FILE = "course.yml"
QUIZZES_FILE = "quizzes.yml"
SCENARIOS_FILE = "scenarios.yml"
MIN_QUESTIONS = 8
# Each objective of a module is tested by at least this many of its questions.
MIN_PER_OBJECTIVE = 2


class Cited(Strict):
    vi: str
    en: str
    source: list[str] = Field(min_length=1)


class Module(Strict):
    id: str
    slug: str  # page docs/tap-huan/<slug>.md (+ .en.md)
    title: Bilingual
    minutes: int = Field(gt=0)
    summary: Bilingual
    objectives: list[Bilingual]
    read: list[str]  # handbook pages, as paths under docs/ without .md
    key_points: list[Cited]
    checklists: list[str] = []  # checklist ids (page docs/checklist/<id>.md)
    templates: list[str] = []  # template ids (page docs/bieu-mau/<id>.md)


class Course(Strict):
    modules: list[Module]

    def by_id(self) -> dict[str, Module]:
        return {m.id: m for m in self.modules}


class Option(Strict):
    vi: str
    en: str
    correct: bool


class Question(Strict):
    id: str
    kind: Literal["single", "multiple"]
    objective: int = Field(ge=1)  # which of the module's objectives it tests (1-based)
    question: Bilingual
    options: list[Option] = Field(min_length=2)
    explanation: Bilingual
    source: list[str] = Field(min_length=1)


class Quiz(Strict):
    module: str
    questions: list[Question]


class Quizzes(Strict):
    quizzes: list[Quiz]

    def by_module(self) -> dict[str, Quiz]:
        return {q.module: q for q in self.quizzes}


class Scenario(Strict):
    id: str
    module: str
    title: Bilingual
    situation: Bilingual
    tasks: list[Bilingual] = Field(min_length=1)
    answer: list[Cited] = Field(min_length=1)
    note: Bilingual | None = None


class Scenarios(Strict):
    scenarios: list[Scenario]

    def by_id(self) -> dict[str, Scenario]:
        return {s.id: s for s in self.scenarios}


def schema_errors(data, lines: yaml_lines.Lines, model: type[BaseModel]) -> list[tuple[int, str]]:
    """(line, message) for every shape error of *data* against *model*."""
    try:
        model.model_validate(data)
    except ValidationError as error:
        found = []
        for item in error.errors():
            loc = tuple(item["loc"])
            # "quizzes #1 › questions #2 › explanation", counting items from 1.
            where = " › ".join(f"#{part + 1}" if isinstance(part, int) else str(part)
                               for part in loc).replace(" › #", " #") or "the file"
            found.append((lines.at(loc), f"{where}: {item['msg'].lower()}"))
        return found
    return []


@dataclass
class _Cached:
    mtime: float
    value: BaseModel


_CACHE: dict[Path, _Cached] = {}


def _load(path: Path, model: type[BaseModel], label: str):
    mtime = path.stat().st_mtime
    hit = _CACHE.get(path)
    if hit and hit.mtime == mtime:
        return hit.value
    data, lines = yaml_lines.load(path)
    errors = schema_errors(data, lines, model)
    if errors:
        line, message = errors[0]
        raise MarkerError(label, line, f"{message} — fix this entry "
                          f"({len(errors)} problem{'s' if len(errors) != 1 else ''} in the file)")
    value = model.model_validate(data)
    _CACHE[path] = _Cached(mtime, value)
    return value


def load_course(data_dir: Path = DATA) -> Course:
    return _load(data_dir / COURSE_FILE, Course, f"data/{COURSE_FILE}")


def load_quizzes(data_dir: Path = DATA) -> Quizzes:
    return _load(data_dir / QUIZZES_FILE, Quizzes, f"data/{QUIZZES_FILE}")


def load_scenarios(data_dir: Path = DATA) -> Scenarios:
    return _load(data_dir / SCENARIOS_FILE, Scenarios, f"data/{SCENARIOS_FILE}")
