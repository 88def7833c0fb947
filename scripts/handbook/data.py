"""Structured content in data/: schemas (pydantic) and loaders.

The hooks, the validator and the tests all read data through this module, so
a schema error reads the same everywhere. Each kind of content has a model and
a `load_*` function; results are cached until the file changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from scripts.handbook.paths import DATA
from scripts.handbook.yaml_lines import SafeLoader


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(Strict):
    vi: str
    en: str


class Correction(Strict):
    original: str
    corrected: str
    # typo: a clear typing, spelling or punctuation fix. reconstruction: words the
    # article lacks, restored by the handbook from the context — shown as such on the
    # source-text page, and no quiz may rest on it alone.
    kind: Literal["typo", "reconstruction"] = "typo"


# Required text: an empty string is as much a schema error as a missing field.
Text = Annotated[str, Field(min_length=1)]


class Paragraph(Strict):
    id: str
    seed_line: int
    kind: Literal["heading", "paragraph", "list-item"]
    actionable: bool
    label: str | None = None
    # Headings only: the heading level on the source-text page (2 = "1.", 3 = "a)", …).
    level: int | None = Field(default=None, ge=2, le=6)
    vi: Text
    en: Text
    corrections: list[Correction] = []

    @model_validator(mode="after")
    def _heading_has_level(self):
        if (self.kind == "heading") != (self.level is not None):
            raise ValueError(f"{self.id}: a heading needs `level` (2–6); other kinds take none")
        return self


class SourceMeta(Strict):
    title: Bilingual
    publisher: str
    source_site: str
    # The article as fetched, relative to data/: the validator's `source-faithful`
    # rule proves that undoing each paragraph's corrections gives back this text.
    seed: str


class Source(Strict):
    meta: SourceMeta
    paragraphs: list[Paragraph]

    def by_id(self) -> dict[str, Paragraph]:
        return {p.id: p for p in self.paragraphs}


def read_yaml(path: Path):
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=SafeLoader)


_CACHE: dict[tuple[Path, type], tuple[float, BaseModel]] = {}


def load(path: Path, model: type[BaseModel]):
    """Parse and validate a YAML file, cached until the file changes (live preview)."""
    mtime = path.stat().st_mtime
    hit = _CACHE.get((path, model))
    if hit and hit[0] == mtime:
        return hit[1]
    value = model.model_validate(read_yaml(path))
    _CACHE[(path, model)] = (mtime, value)
    return value


def load_source(data_dir: Path = DATA) -> Source:
    return load(data_dir / "source.yml", Source)


def load_checklists(data_dir: Path = DATA):
    """data/checklists.yml; schema and line-aware loader in data_checklists.py
    (imported here, not at the top, because it builds on Strict and Bilingual)."""
    from scripts.handbook.data_checklists import load_checklists as load

    return load(data_dir)


# Glossary (data/glossary.yml) ------------------------------------------------


class TermForms(Strict):
    """How the validator's `term-consistency` rule recognises a term: the Vietnamese
    wordings that mean it (default: `vi` without its bracketed part) and the English
    forms that render it (default: `en`); English forms match as word beginnings,
    case-insensitively, so "cell committee" also finds "cell committees"."""

    vi: list[Text] = []
    en: list[Text] = []
    # Vietnamese phrases where the words are used in another sense (e.g. "trên cơ sở",
    # on the basis of): removed before looking for the term. Each carries a YAML comment.
    not_term: list[Text] = []


class Term(Strict):
    """One term: Vietnamese, the one English rendering we use, both definitions."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    vi: Text
    en: Text
    definition: Bilingual
    # Why a literal rendering would mislead, if it would.
    note: Bilingual | None = None
    # English renderings not to use on any page (the `terminology` rule).
    avoid: list[str] = []
    # Source paragraphs where the term matters, for the reader to look it up.
    source: list[str] = []
    forms: TermForms = TermForms()


class Abbreviation(Strict):
    """An abbreviation shown as a tooltip (<abbr title>) on every page."""

    abbr: Text
    vi: Text
    en: Text
    term: str | None = None


class Glossary(Strict):
    terms: list[Term]
    abbreviations: list[Abbreviation] = []

    def by_id(self) -> dict[str, Term]:
        return {term.id: term for term in self.terms}


def load_glossary(data_dir: Path = DATA) -> Glossary:
    return load(data_dir / "glossary.yml", Glossary)
# Meeting templates, the meeting workspace and the print layout: schemas and loaders
# in their own module (load_templates, load_meeting, load_layout).
from scripts.handbook import meeting_templates  # noqa: E402,F401
