"""The trainer's kit as data: data/trainer.yml (schema and loader).

One lesson plan per module of data/course.yml: the timing by part of the lesson,
a class activity, discussion questions and what to practise, plus advice for every
module by part (`prompts`). The trainer's pages render it (components/trainer.py),
and the lecture slides (scripts/handbook/deck.py) carry it as speaker notes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from scripts.handbook import course_data
from scripts.handbook.course_data import Cited
from scripts.handbook.data import Bilingual, Strict
from scripts.handbook.paths import DATA

TRAINER_FILE = "trainer.yml"
Part = Literal["opening", "points", "activity", "scenario", "quiz"]


class PlanRow(Strict):
    part: Part
    minutes: int = Field(gt=0)
    vi: str
    en: str


class Activity(Strict):
    title: Bilingual
    steps: list[Bilingual] = Field(min_length=1)
    source: list[str] = Field(min_length=1)


class Lesson(Strict):
    module: str
    plan: list[PlanRow] = Field(min_length=1)
    activity: Activity
    discussion: list[Cited] = Field(min_length=1)
    practice: Bilingual

    def rows(self, part: str) -> list[PlanRow]:
        return [row for row in self.plan if row.part == part]


class Trainer(Strict):
    prompts: dict[Part, Bilingual] = {}
    lessons: list[Lesson]

    def by_module(self) -> dict[str, Lesson]:
        return {lesson.module: lesson for lesson in self.lessons}


def load_trainer(data_dir: Path = DATA) -> Trainer:
    return course_data._load(data_dir / TRAINER_FILE, Trainer, f"data/{TRAINER_FILE}")
