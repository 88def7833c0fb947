"""Structured content in data/: schemas (pydantic) and loaders.

The hooks, the validator and the tests all read data through this module, so
a schema error reads the same everywhere. Each kind of content has a model and
a `load_*` function; results are cached until the file changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from scripts.handbook.paths import DATA


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(Strict):
    vi: str
    en: str


class Correction(Strict):
    original: str
    corrected: str


class Paragraph(Strict):
    id: str
    seed_line: int
    kind: Literal["heading", "paragraph", "list-item"]
    actionable: bool
    label: str | None = None
    vi: str
    # Filled by the handbook issue; None only until the translation lands.
    en: str | None
    corrections: list[Correction] = []


class SourceMeta(Strict):
    title: Bilingual
    publisher: str
    source_site: str


class Source(Strict):
    meta: SourceMeta
    paragraphs: list[Paragraph]

    def by_id(self) -> dict[str, Paragraph]:
        return {p.id: p for p in self.paragraphs}


def read_yaml(path: Path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


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


# Meeting templates, the meeting workspace and the print layout: schemas and loaders
# in their own module (load_templates, load_meeting, load_layout).
from scripts.handbook import meeting_templates  # noqa: E402,F401
