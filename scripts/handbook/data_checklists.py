"""Checklists (data/checklists.yml): schema and loader.

A checklist is an ordered list of items a secretary ticks, with both languages
side by side. Each item cites the source paragraphs (data/source.yml) it comes
from. Items are stored in the reader's browser under their id, so item ids are
unique across all checklists (the validator checks that, and the rest of the
completeness rules: scripts/handbook/check/checklists.py).

The schema checks shape only; content rules (unique ids, both languages
non-empty, sources exist, coverage) are validator rules so that they can all be
reported at once, each with its line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import ValidationError, ValidationInfo, field_validator

from scripts.handbook import yaml_lines
from scripts.handbook.data import Bilingual, Strict
from scripts.handbook.paths import DATA

When = Literal["before", "during", "after", "ongoing"]
WHEN_VALUES: tuple[str, ...] = When.__args__


class ChecklistItem(Strict):
    id: str
    text: Bilingual
    hint: Bilingual | None = None
    source: list[str]


class FormLink(Strict):
    """A meeting template this checklist's work produces (page docs/bieu-mau/<template>.md),
    and the action that opens it ("Soạn thông báo", "Mở biên bản")."""
    template: str
    label: Bilingual


class Checklist(Strict):
    id: str
    title: Bilingual
    purpose: Bilingual
    who: list[str]
    when: When
    items: list[ChecklistItem]
    forms: list[FormLink] = []

    @field_validator("who")
    @classmethod
    def _known_roles(cls, who: list[str], info: ValidationInfo) -> list[str]:
        roles = (info.context or {}).get("roles")
        unknown = [role for role in who if roles is not None and role not in roles]
        if unknown:
            raise ValueError(f"unknown role {', '.join(unknown)} (known roles: "
                             f"{', '.join(roles)}; new ones go under `roles:` at the top)")
        return who


class Checklists(Strict):
    roles: dict[str, Bilingual]
    checklists: list[Checklist]

    def by_id(self) -> dict[str, Checklist]:
        return {c.id: c for c in self.checklists}


class ChecklistDataError(ValueError):
    """data/checklists.yml does not match the schema: str() is `path:line: message`."""


def validate(value) -> Checklists:
    """Validate parsed YAML; the role ids under `roles:` are what `who` may use."""
    roles = value.get("roles") if isinstance(value, dict) else None
    context = {"roles": list(roles) if isinstance(roles, dict) else []}
    return Checklists.model_validate(value, context=context)


def schema_errors(value, lines: yaml_lines.Lines) -> list[tuple[int, str, tuple, str]]:
    """Every schema problem as (line, plain-language message, location, pydantic type)."""
    try:
        validate(value)
    except ValidationError as error:
        return [(lines.at(e["loc"]), _explain(value, e), tuple(e["loc"]), e["type"])
                for e in error.errors()]
    return []


def _where(value, loc: tuple) -> str:
    """("checklists", 2, "items", 0, "text") → "checklist 'x', item 'y', text"."""
    words, node = [], value
    for index, part in enumerate(loc):
        parent = loc[index - 1] if index else None
        node = node[part] if isinstance(node, dict | list) and _has(node, part) else None
        if isinstance(part, int):
            label = node.get("id") if isinstance(node, dict) else None
            noun = "item" if parent == "items" else "checklist" if parent == "checklists" \
                else "entry"
            words.append(f"{noun} '{label}'" if label else f"{noun} {part + 1}")
        elif not (index + 1 < len(loc) and isinstance(loc[index + 1], int)):
            words.append(str(part))  # a field name, not the name of a list
    return ", ".join(words) or "the file"


def _has(node, part) -> bool:
    return part in node if isinstance(node, dict) else isinstance(part, int) and part < len(node)


def _explain(value, error: dict) -> str:
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "missing":
        return f"'{loc[-1]}' is missing in {_where(value, loc[:-1])}"
    if kind == "extra_forbidden":
        return f"unknown field '{loc[-1]}' in {_where(value, loc[:-1])} (a misspelling?)"
    if kind == "literal_error":
        return (f"{_where(value, loc)}: '{error['input']}' is not allowed, use "
                f"{error['ctx']['expected']}")
    message = error["msg"].removeprefix("Value error, ")
    return f"{_where(value, loc)}: {message}"


_CACHE: dict[Path, tuple[float, Checklists]] = {}


def load_checklists(data_dir: Path = DATA) -> Checklists:
    """Load and validate; raise ChecklistDataError naming the file and line."""
    path = data_dir / "checklists.yml"
    mtime = path.stat().st_mtime
    hit = _CACHE.get(path)
    if hit and hit[0] == mtime:
        return hit[1]
    value, lines = yaml_lines.load(path)
    problems = schema_errors(value, lines)
    if problems:
        line, message, _, _ = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ChecklistDataError(f"data/checklists.yml:{line}: {message}{more}")
    checklists = validate(value)
    _CACHE[path] = (mtime, checklists)
    return checklists
