"""Meeting templates and their print layout: schemas, loaders and helpers.

Data lives in three places (both languages side by side):

- data/meeting.yml         the meeting workspace: fields shared by every template
                           of one meeting (cell name, meeting date, place, agenda...)
- data/templates/<id>.yml  one file per template: sections of fields, repeating
                           row groups, cross-field checks and the printed document
- data/layout.yml          every print layout value with its source (one place)

A template uses a workspace field with `- shared: FIELD_ID`; `resolve()` turns it
into a full Field with `shared=True`. Printed text (document.*) is Vietnamese only:
official Party documents are in Vietnamese on both language pages.

Printed text may contain placeholders: `{field}`, `{field|filter}`, `{@issuer}`
(the cell's symbol from layout.yml), `{n}` (row number, in row items), `{#}` (the
item number within a part of the body, renumbered when empty items are left out),
and optional parts `[[ ... ]]`, printed only when their own placeholders are filled.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Discriminator, Tag, field_validator, model_validator

from scripts.handbook.data import Bilingual, Strict, load
from scripts.handbook.paths import DATA

FIELD_TYPES = ("text", "textarea", "lines", "date", "time", "number", "select",
               "checkbox", "computed", "rows")
# Which filters a placeholder may use, by the type of the field it names.
FILTERS = {
    "date": {"day", "month", "year", "date"},
    "time": {"hour", "minute", "time"},
    "text": {"upper"},
    "select": {"upper"},
    "rows": {"count"},
}
DOC_TYPES = ("TB", "BB", "NQ", "KH", "BC")
CHECK_KINDS = ("le", "eq", "not_before", "days_before", "count")
CHECK_LEVELS = ("error", "warning")
# The rules of the counting module (stcb-tpl-count.js RULES) a `kind: count` check names.
COUNT_RULES = ("attendance-fits", "absent-probationary-within", "exempt-probationary-within",
               "votes-within-voters",
               "majority", "minutes-votes-within-voters", "minutes-majority")
# What the counting module derives (stcb-tpl-count.js `derive`): a computed field of
# kind count must be one of these.
COUNT_FIELDS = ("attendance_summary", "vote_result", "minutes_vote_result")

FieldType = Literal["text", "textarea", "lines", "date", "time", "number", "select",
                    "checkbox", "computed", "rows"]


class Option(Strict):
    value: str          # printed (Vietnamese)
    label: Bilingual    # shown in the form


class Compute(Strict):
    """days_before: a date `days` before `field`; count: a figure of the counting module
    (docs/assets/javascripts/stcb-tpl-count.js `derive`), named by the field's own id."""
    kind: Literal["days_before", "count"]
    field: str | None = None
    days: int = 0

    @model_validator(mode="after")
    def _needs_field(self):
        if self.kind == "days_before" and not self.field:
            raise ValueError("a days_before computation needs field")
        return self


class Field(Strict):
    id: str
    type: FieldType
    label: Bilingual
    hint: Bilingual | None = None
    required: bool = False
    shared: bool = False
    # Where the field comes from: source paragraph ids, and/or another basis.
    source: list[str] = []
    basis: str | None = None
    options: list[Option] = []
    blank: str | None = None       # printed when empty (default: dots)
    # What the field shows until it is typed in (editable): text with placeholders
    # {superior_committee}, {month}, {year}, {meeting_date}, {send_by} (stcb-tpl-form.js).
    default: str | None = None
    compute: Compute | None = None
    # Repeating rows (type: rows)
    columns: list[Field] = []
    row_label: Bilingual | None = None
    add_label: Bilingual | None = None
    min_rows: int = 1
    blank_rows: int = 3

    @model_validator(mode="after")
    def _shape(self):
        if self.type == "rows" and not (self.columns and self.row_label and self.add_label):
            raise ValueError(f"'{self.id}': a rows field needs columns, row_label and add_label")
        if self.type != "rows" and self.columns:
            raise ValueError(f"'{self.id}': only a rows field has columns")
        if self.type == "select" and not self.options:
            raise ValueError(f"'{self.id}': a select field needs options")
        if self.type == "computed" and not self.compute:
            raise ValueError(f"'{self.id}': a computed field needs compute")
        return self


class SharedRef(Strict):
    shared: str
    required: bool | None = None


def _field_or_ref(value) -> str:
    return "ref" if isinstance(value, dict) and "shared" in value else "field"


FieldItem = Annotated[
    Annotated[Field, Tag("field")] | Annotated[SharedRef, Tag("ref")],
    Discriminator(_field_or_ref),
]


class Section(Strict):
    id: str
    title: Bilingual
    hint: Bilingual | None = None
    fields: list[FieldItem]


class Check(Strict):
    id: str
    kind: Literal["le", "eq", "not_before", "days_before", "count"]
    left: list[str] = []
    right: list[str] = []
    field: str                    # where the message is shown
    message: Bilingual            # {left} and {right} are replaced by the values
    days: int = 0
    rows: str | None = None       # check each row of this rows field
    # error: the document would be meaningless; warning: "Cần xem lại", never a block.
    # Required, and the source too (validator rule template-check-levels): keys of
    # data/references.yml or paragraph ids of the source article.
    level: str | None = None
    source: list[str] = []


class TableColumn(Strict):
    header: str
    cell: str
    # Percent of the table width: even, 2 to 60, one class each in stcb-templates.css
    # (.stcb-col-N: the CSP allows no style="" and <col width> is obsolete).
    width: int

    @field_validator("width")
    @classmethod
    def _width_has_a_class(cls, width: int) -> int:
        if not (2 <= width <= 60 and width % 2 == 0):
            raise ValueError(f"a column width is an even percentage from 2 to 60, got {width} "
                             "(stcb-templates.css has a .stcb-col-N class for each)")
        return width


class Block(Strict):
    """One part of the printed body. Exactly one of p, heading, text, rows, table."""

    p: str | None = None
    heading: str | None = None
    text: str | None = None       # a textarea/lines field, printed as paragraphs
    rows: str | None = None       # a rows field, printed as a list or inline
    table: str | None = None      # a rows field, printed as a table
    lead: str | None = None
    item: str | None = None
    style: Literal["paragraphs", "list", "inline"] | None = None
    columns: list[TableColumn] = []
    only_if: str | None = None    # a checkbox: printed only when ticked
    blank_lines: int = 3

    @property
    def kind(self) -> str:
        kinds = [k for k in ("p", "heading", "text", "rows", "table") if getattr(self, k)]
        return kinds[0]

    @model_validator(mode="after")
    def _one_kind(self):
        kinds = [k for k in ("p", "heading", "text", "rows", "table") if getattr(self, k)]
        if len(kinds) != 1:
            raise ValueError("a body block has exactly one of p, heading, text, rows, table")
        if self.rows and not self.item:
            raise ValueError(f"rows block '{self.rows}' needs an item pattern")
        if self.table and not self.columns:
            raise ValueError(f"table block '{self.table}' needs columns")
        if self.text and self.style == "inline" and not self.lead:
            raise ValueError(f"inline text block '{self.text}' needs a lead")
        return self


class Signers(Strict):
    left: str
    right: str


class Document(Strict):
    type_name: str
    summary: str
    number: str
    date: str
    body: list[Block]
    signature: Literal["cell", "minutes"]
    signers: Signers | None = None
    recipients: str | None = None

    @model_validator(mode="after")
    def _signers(self):
        if self.signature == "minutes" and not self.signers:
            raise ValueError("minutes are signed by two people: add signers {left, right}")
        return self


class Template(Strict):
    id: str
    order: int = 0
    title: Bilingual
    purpose: Bilingual
    when: Bilingual
    doc_type: Literal["TB", "BB", "NQ", "KH", "BC"]
    doc_type_note: Bilingual | None = None
    source: list[str] = []
    sections: list[Section]
    checks: list[Check] = []
    document: Document


class MeetingSection(Strict):
    id: str
    title: Bilingual
    hint: Bilingual | None = None
    fields: list[Field]


class Meeting(Strict):
    sections: list[MeetingSection]
    checks: list[Check] = []

    def fields(self) -> dict[str, Field]:
        return {f.id: f for s in self.sections for f in s.fields}


class LayoutSource(Strict):
    title: str
    url: str | None = None


class Alternative(Strict):
    value: str
    source: str


class LayoutValue(Strict):
    label: Bilingual
    value: str
    source: list[str]
    verify: str | None = None
    note: Bilingual | None = None
    alternatives: list[Alternative] = []


class Layout(Strict):
    verify_default: str
    sources: dict[str, LayoutSource]
    values: dict[str, LayoutValue]

    @model_validator(mode="before")
    @classmethod
    def _dashes(cls, data):
        if isinstance(data, dict) and "verify-default" in data:
            data = {**data, "verify_default": data["verify-default"]}
            del data["verify-default"]
        return data

    def v(self, key: str) -> str:
        return self.values[key].value


# The layout values the print stylesheet and the document need; the validator
# reports any that is missing from data/layout.yml.
LAYOUT_KEYS = (
    "page-size", "margin-top", "margin-bottom", "margin-left", "margin-right",
    "font-family", "font-fallback",
    "party-heading-text", "party-heading-size", "party-heading-weight", "party-heading-rule",
    "superior-body-size", "superior-body-weight", "issuing-body-size", "issuing-body-weight",
    "issuing-body-mark", "number-size", "number-format", "number-issuer", "number-blank",
    "place-date-size", "place-date-style", "place-date-align", "place-date-format",
    "date-pad-day", "date-pad-months", "type-name-size", "type-name-weight", "summary-size",
    "summary-weight", "header-left-width", "header-column-gap", "header-line-height",
    "title-space-before", "title-space-after", "table-cell-padding", "table-border",
    "blank-line-rule",
    "signature-space-before", "signature-column-gap",
    "body-size", "body-line-height", "body-indent", "body-paragraph-space", "body-align",
    "table-size",
    "signature-authority", "signature-authority-size", "signature-authority-weight",
    "signature-title-size", "signature-title-weight", "signature-name-size",
    "signature-name-weight", "signature-space", "minutes-signature-left",
    "minutes-signature-right", "recipients-label", "recipients-label-size",
    "recipients-label-decoration", "recipients-list-size",
    "page-number-from", "page-number-top", "page-number-position", "page-number-size",
)


# Loading -----------------------------------------------------------------------

def template_paths(data_dir: Path = DATA) -> list[Path]:
    return sorted((data_dir / "templates").glob("*.yml"))


def load_meeting(data_dir: Path = DATA) -> Meeting:
    return load(data_dir / "meeting.yml", Meeting)


class Reference(Strict):
    title: str
    url: str | None = None
    where: str
    certainty: str


class References(Strict):
    references: dict[str, Reference]


def load_references(data_dir: Path = DATA) -> References:
    return load(data_dir / "references.yml", References)


def check_level_problems(checks: list, references: set[str],
                         paragraphs: set[str]) -> list[tuple[tuple, str, str]]:
    """(path, message, fix) for every check (raw YAML mappings) without a known level or
    source: a key of data/references.yml or a paragraph id of the source article."""
    problems = []
    for index, check in enumerate(checks):
        if not isinstance(check, dict):
            continue
        name = check.get("id", index)
        level = check.get("level")
        if level not in CHECK_LEVELS:
            where = ("checks", index, "level") if "level" in check else ("checks", index)
            said = f"level '{level}'" if level else "no level"
            problems.append((where, f"check '{name}' has {said}",
                             "add level: warning (or error, only when the document would be "
                             "meaningless)"))
        sources = check.get("source") or []
        if not sources:
            problems.append((("checks", index), f"check '{name}' cites no source",
                             "add source: [KEY] naming an entry of data/references.yml"))
        for cite in sources if isinstance(sources, list) else [sources]:
            if cite not in references and cite not in paragraphs:
                problems.append((("checks", index, "source"),
                                 f"check '{name}' cites unknown source '{cite}'",
                                 "add it to data/references.yml or cite one of: "
                                 + ", ".join(sorted(references))))
        if check.get("kind") == "count" and name not in COUNT_RULES:
            problems.append((("checks", index, "id"),
                             f"count check '{name}' is no rule of the counting module",
                             f"use one of: {', '.join(COUNT_RULES)}"))
    return problems


def load_layout(data_dir: Path = DATA) -> Layout:
    return load(data_dir / "layout.yml", Layout)


def load_templates(data_dir: Path = DATA) -> dict[str, Template]:
    """Every template by id, in the order of a month's work (`order:`); a file whose
    id differs from its name fails."""
    templates = []
    for path in template_paths(data_dir):
        template = load(path, Template)
        if template.id != path.stem:
            raise ValueError(f"{path}: id '{template.id}' must match the file name "
                             f"'{path.stem}'")
        templates.append(template)
    return {t.id: t for t in sorted(templates, key=lambda t: (t.order, t.id))}


# Resolving shared fields ---------------------------------------------------------

def resolve_section(section: Section, meeting: Meeting) -> list[Field]:
    """The section's fields with every `shared:` reference replaced by the workspace field."""
    shared = meeting.fields()
    fields = []
    for item in section.fields:
        if isinstance(item, SharedRef):
            if item.shared not in shared:
                known = ", ".join(sorted(shared))
                raise ValueError(f"unknown shared field '{item.shared}' — use one of: {known}")
            base = shared[item.shared]
            update = {"shared": True}
            if item.required is not None:
                update["required"] = item.required
            fields.append(base.model_copy(update=update))
        else:
            fields.append(item)
    return fields


def all_fields(template: Template, meeting: Meeting) -> dict[str, Field]:
    return {f.id: f for s in template.sections for f in resolve_section(s, meeting)}


def applicable_checks(template: Template | None, meeting: Meeting) -> list[Check]:
    """Shared checks whose fields the page shows, then the template's own checks."""
    if template is None:
        return list(meeting.checks)
    fields = all_fields(template, meeting)
    shared = [c for c in meeting.checks if c.field in fields
              and all(term.lstrip("-") in fields for term in c.left + c.right)]
    return shared + list(template.checks)


# Placeholders in printed text ----------------------------------------------------

PLACEHOLDER = re.compile(r"\{(?P<name>@?[a-z_][a-z0-9_]*|n)(?:\|(?P<filter>[a-z]+))?\}")


def parse_text(text: str) -> list[dict]:
    """Split printed text into parts: {"t": "text"}, {"t": "slot"}, {"t": "opt"}.

    `[[ ... ]]` may nest; an unbalanced bracket raises ValueError.
    """
    parts, stack = [], []
    current = parts
    pos = 0
    for match in re.finditer(r"\[\[|\]\]|\{[^}]*\}", text):
        if match.start() > pos:
            current.append({"t": "text", "v": text[pos:match.start()]})
        token = match.group(0)
        if token == "[[":
            group = {"t": "opt", "parts": []}
            current.append(group)
            stack.append(current)
            current = group["parts"]
        elif token == "]]":
            if not stack:
                raise ValueError(f"']]' without '[[' in: {text}")
            current = stack.pop()
        elif token == "{#}":
            current.append({"t": "num", "v": ""})
        else:
            slot = PLACEHOLDER.fullmatch(token)
            if not slot:
                raise ValueError(f"bad placeholder {token} — write {{field}} or "
                                 f"{{field|filter}} in: {text}")
            current.append({"t": "slot", "field": slot.group("name"),
                            "filter": slot.group("filter") or ""})
        pos = match.end()
    if pos < len(text):
        current.append({"t": "text", "v": text[pos:]})
    if stack:
        raise ValueError(f"'[[' without ']]' in: {text}")
    return parts


def slots(parts: list[dict]):
    for part in parts:
        if part["t"] == "slot":
            yield part
        elif part["t"] == "opt":
            yield from slots(part["parts"])


def document_texts(template: Template):
    """(path, text, rows-field-or-None) for every printed text with placeholders.

    A path is a tuple of keys into the YAML file, e.g. ("document", "body", 3, "p").
    """
    doc = template.document
    yield ("document", "summary"), doc.summary, None
    for index, block in enumerate(doc.body):
        where = ("document", "body", index)
        for key in ("p", "lead"):
            if getattr(block, key):
                yield (*where, key), getattr(block, key), None
        if block.item:
            yield (*where, "item"), block.item, block.rows
        for number, column in enumerate(block.columns):
            yield (*where, "columns", number, "cell"), column.cell, block.table


Problem = tuple[tuple, str]


def reference_problems(template: Template, meeting: Meeting) -> list[Problem]:
    """(path, message) for every name that points at no field, or a wrong filter."""
    problems: list[Problem] = []
    shared = meeting.fields()
    for s_index, section in enumerate(template.sections):
        for f_index, item in enumerate(section.fields):
            if isinstance(item, SharedRef) and item.shared not in shared:
                problems.append((("sections", s_index, "fields", f_index, "shared"),
                                 f"'{item.shared}' is not a shared field of data/meeting.yml "
                                 f"(known: {', '.join(sorted(shared))})"))
    if problems:
        return problems
    fields = all_fields(template, meeting)

    def need(where, name, types=None):
        field = fields.get(name)
        if field is None:
            problems.append((where, f"'{name}' is not a field of this template"))
        elif types and field.type not in types:
            problems.append((where, f"'{name}' must be a {' or '.join(types)} field, "
                                    f"not {field.type}"))
        return field

    for where, text, row_field in document_texts(template):
        try:
            parts = parse_text(text)
        except ValueError as error:
            problems.append((where, str(error)))
            continue
        columns = {}
        if row_field:
            group = fields.get(row_field)
            columns = {c.id: c for c in group.columns} if group else {}
        for slot in slots(parts):
            name, flt = slot["field"], slot["filter"]
            if name == "@issuer" or (name == "n" and row_field):
                continue
            field = columns.get(name) or fields.get(name)
            if field is None:
                problems.append((where, f"placeholder {{{name}}} names no field of this "
                                        "template"))
            elif flt and flt not in FILTERS.get(field.type, set()):
                allowed = ", ".join(sorted(FILTERS.get(field.type, set()))) or "none"
                problems.append((where, f"filter '{flt}' does not apply to the {field.type} "
                                        f"field '{name}' (allowed: {allowed})"))
    doc = template.document
    need(("document", "number"), doc.number, ("text",))
    need(("document", "date"), doc.date, ("date",))
    if doc.recipients:
        need(("document", "recipients"), doc.recipients, ("lines",))
    if doc.signers:
        need(("document", "signers", "left"), doc.signers.left)
        need(("document", "signers", "right"), doc.signers.right)
    for index, block in enumerate(doc.body):
        where = ("document", "body", index)
        if block.text:
            need((*where, "text"), block.text, ("textarea", "lines"))
        if block.rows or block.table:
            key = "rows" if block.rows else "table"
            need((*where, key), block.rows or block.table, ("rows",))
        if block.only_if:
            need((*where, "only_if"), block.only_if, ("checkbox",))
    for index, check in enumerate(template.checks):
        where = ("checks", index)
        group = need((*where, "rows"), check.rows, ("rows",)) if check.rows else None
        scope = {c.id: c for c in group.columns} if group else fields
        for key in ("left", "right", "field"):
            terms = getattr(check, key)
            for term in terms if isinstance(terms, list) else [terms]:
                if term.lstrip("-") not in scope:
                    problems.append(((*where, key), f"'{term.lstrip('-')}' is not a field "
                                                    f"{'of the rows' if group else 'here'}"))
    for s_index, section in enumerate(template.sections):
        for f_index, field in enumerate(resolve_section(section, meeting)):
            if field.compute and field.compute.kind == "count":
                if field.id not in COUNT_FIELDS:
                    problems.append((("sections", s_index, "fields", f_index, "compute"),
                                     f"'{field.id}' is no figure of the counting module "
                                     f"(known: {', '.join(COUNT_FIELDS)})"))
            elif field.compute and field.compute.field not in fields:
                problems.append((("sections", s_index, "fields", f_index, "compute", "field"),
                                 f"computed from '{field.compute.field}', which is not a "
                                 "field of this template"))
    return problems


# Print stylesheet ------------------------------------------------------------------

# Where the generated stylesheet lives, relative to docs/ (see overrides/hooks/doc_layout.py).
CSS_PATH = "assets/stylesheets/stcb-doc-layout.css"

# Paper sizes in mm (width, height), for the print stylesheet and for Word.
PAPER_MM = {"A4": (210, 297), "A5": (148, 210)}


def layout_css(layout: Layout) -> str:
    """The print stylesheet for documents, from data/layout.yml alone."""
    v = layout.v
    font = f"'{v('font-family')}', {v('font-fallback')}"
    if v("page-size") not in PAPER_MM:
        raise ValueError(f"page-size must be one of {', '.join(PAPER_MM)}")
    props = {
        "font": font, "page-width": f"{PAPER_MM[v('page-size')][0]}mm",
        "margin-top": v("margin-top"), "margin-right": v("margin-right"),
        "margin-bottom": v("margin-bottom"), "margin-left": v("margin-left"),
        "party-size": v("party-heading-size"), "party-weight": v("party-heading-weight"),
        "party-rule": v("party-heading-rule"),
        "superior-size": v("superior-body-size"), "superior-weight": v("superior-body-weight"),
        "issuer-size": v("issuing-body-size"), "issuer-weight": v("issuing-body-weight"),
        "number-size": v("number-size"),
        "date-size": v("place-date-size"), "date-style": v("place-date-style"),
        "date-align": v("place-date-align"),
        "type-size": v("type-name-size"), "type-weight": v("type-name-weight"),
        "summary-size": v("summary-size"), "summary-weight": v("summary-weight"),
        "header-left": v("header-left-width"), "header-gap": v("header-column-gap"),
        "header-line-height": v("header-line-height"),
        "title-before": v("title-space-before"), "title-after": v("title-space-after"),
        "cell-padding": v("table-cell-padding"), "table-border": v("table-border"),
        "blank-rule": v("blank-line-rule"),
        "sign-before": v("signature-space-before"), "sign-gap": v("signature-column-gap"),
        "body-size": v("body-size"), "line-height": v("body-line-height"),
        "indent": v("body-indent"), "para-space": v("body-paragraph-space"),
        "align": v("body-align"), "table-size": v("table-size"),
        "auth-size": v("signature-authority-size"),
        "auth-weight": v("signature-authority-weight"),
        "title-size": v("signature-title-size"), "title-weight": v("signature-title-weight"),
        "name-size": v("signature-name-size"), "name-weight": v("signature-name-weight"),
        "sign-space": v("signature-space"),
        "recipients-size": v("recipients-label-size"),
        "recipients-decoration": v("recipients-label-decoration"),
        "recipients-list-size": v("recipients-list-size"),
    }
    declarations = "\n".join(f"  --stcb-doc-{k}: {val};" for k, val in props.items())
    margins = " ".join(v(k) for k in ("margin-top", "margin-right", "margin-bottom",
                                      "margin-left"))
    first = int(v("page-number-from"))
    number_box = {"center": "top-center", "left": "top-left", "right": "top-right"}[
        v("page-number-position")]
    # The number sits with its middle at page-number-top from the top edge.
    number_rule = (f"  @{number_box} {{ content: counter(page); font-family: {font}; "
                   f"font-size: {v('page-number-size')}; vertical-align: top; "
                   f"padding-top: calc({v('page-number-top')} - 0.6em); }}\n")
    if first not in (1, 2):
        raise ValueError("page-number-from must be 1 or 2 (CSS can single out only "
                         "the first page)")
    hidden_pages = (f"@page stcb-doc:first {{ @{number_box} {{ content: none; }} }}"
                    if first == 2 else "")
    return (
        "/* Generated from data/layout.yml by overrides/hooks/doc_layout.py at every build:\n"
        "   do not edit; change data/layout.yml instead.\n"
        "   Layout of printed meeting documents (HD 36-HD/VPTW, 2018; check against\n"
        "   QĐ 399-QĐ/TW and HD 05-HD/VPTW, 2026). */\n"
        f".stcb-doc {{\n{declarations}\n}}\n"
        f"@page stcb-doc {{\n  size: {v('page-size')};\n  margin: {margins};\n"
        f"{number_rule}}}\n"
        f"{hidden_pages}\n"
    )


# Word documents ------------------------------------------------------------------------

# Unit conversions for Word: twips (1/20 pt), half-points (font sizes), eighths of a
# point (borders). CSS px are 0.75 pt.
_TO_PT = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "px": 0.75}
# CSS border styles → Word border/underline styles.
_WORD_BORDER = {"solid": "single", "dotted": "dotted", "dashed": "dashed",
                "double": "double"}
_WORD_ALIGN = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def _pt(length: str) -> float:
    match = re.fullmatch(r"\s*([0-9.]+)\s*(pt|mm|cm|in|px)\s*", length)
    if not match:
        raise ValueError(f"'{length}' is not a length in pt, mm, cm, in or px")
    return float(match.group(1)) * _TO_PT[match.group(2)]


def _twips(length: str) -> int:
    return round(_pt(length) * 20)


def _half_points(length: str) -> int:
    return round(_pt(length) * 2)


def _border(rule: str) -> dict:
    """"1px dotted" → {"style": "dotted", "size": 6} (eighths of a point, Word's
    minimum 2)."""
    width, _, style = rule.strip().partition(" ")
    if style not in _WORD_BORDER:
        raise ValueError(f"border style '{style}' must be one of {', '.join(_WORD_BORDER)}")
    return {"style": _WORD_BORDER[style], "size": max(2, round(_pt(width) * 8))}


def _first_family(families: str) -> str:
    return families.split(",")[0].strip().strip("'\"")


def docx_layout(layout: Layout) -> dict:
    """The layout of data/layout.yml in Word's units, for docs/assets/javascripts/stcb-docx.js
    (twips for lengths, half-points for font sizes, eighths of a point for rules).

    Word documents name the official typeface, the first of font-fallback (Times New
    Roman): Tinos is only the page's stand-in with the same metrics. Line heights are
    factors of the font size, as in CSS; the script turns them into exact spacing.
    """
    v = layout.v
    if v("page-size") not in PAPER_MM:
        raise ValueError(f"page-size must be one of {', '.join(PAPER_MM)}")
    width, height = (round(mm * 1440 / 25.4) for mm in PAPER_MM[v("page-size")])
    margins = {side: _twips(v(f"margin-{side}")) for side in ("top", "right", "bottom", "left")}
    first = int(v("page-number-from"))
    if first not in (1, 2):
        raise ValueError("page-number-from must be 1 or 2")
    pad = [_twips(part) for part in v("table-cell-padding").split()]
    pad_v, pad_h = pad[0], pad[1] if len(pad) > 1 else pad[0]

    def text(size: str, weight: str | None = None) -> dict:
        return {"size": _half_points(v(size)), "bold": bool(weight) and v(weight) == "bold"}

    return {
        "font": _first_family(v("font-fallback")),
        "page": {"width": width, "height": height, "margin": margins,
                 "textWidth": width - margins["left"] - margins["right"]},
        "pageNumber": {"from": first, "top": _twips(v("page-number-top")),
                       "align": _WORD_ALIGN[v("page-number-position")],
                       "size": _half_points(v("page-number-size"))},
        "header": {"leftPercent": float(v("header-left-width").rstrip("%")),
                   "gap": _twips(v("header-column-gap")),
                   "lineHeight": float(v("header-line-height"))},
        "superior": text("superior-body-size", "superior-body-weight"),
        "issuer": text("issuing-body-size", "issuing-body-weight"),
        "mark": text("issuing-body-size"),
        "party": {**text("party-heading-size", "party-heading-weight"),
                  "rule": _border(v("party-heading-rule"))},
        "number": text("number-size"),
        "date": {**text("place-date-size"), "italic": v("place-date-style") == "italic",
                 "align": _WORD_ALIGN[v("place-date-align")]},
        "type": text("type-name-size", "type-name-weight"),
        "summary": text("summary-size", "summary-weight"),
        "title": {"before": _twips(v("title-space-before")),
                  "after": _twips(v("title-space-after"))},
        "body": {"size": _half_points(v("body-size")),
                 "lineHeight": float(v("body-line-height")),
                 "indent": _twips(v("body-indent")),
                 "after": _twips(v("body-paragraph-space")),
                 "align": _WORD_ALIGN[v("body-align")]},
        "table": {"size": _half_points(v("table-size")),
                  "padding": {"top": pad_v, "bottom": pad_v, "left": pad_h, "right": pad_h},
                  "border": _border(v("table-border"))},
        "blankRule": _border(v("blank-line-rule")),
        "signature": {"before": _twips(v("signature-space-before")),
                      "gap": _twips(v("signature-column-gap")),
                      "space": _twips(v("signature-space")),
                      "authority": text("signature-authority-size",
                                        "signature-authority-weight"),
                      "title": text("signature-title-size", "signature-title-weight"),
                      "name": text("signature-name-size", "signature-name-weight")},
        "recipients": {"size": _half_points(v("recipients-label-size")),
                       "underline": v("recipients-label-decoration") == "underline",
                       "listSize": _half_points(v("recipients-list-size"))},
    }


@lru_cache(maxsize=8)
def _month_pads(value: str) -> tuple[int, ...]:
    return tuple(int(m) for m in re.findall(r"\d+", value))


def date_rules(layout: Layout) -> dict:
    """How the browser writes dates: days below 10 padded, which months padded."""
    return {"padDay": layout.v("date-pad-day").startswith("0"),
            "padMonths": list(_month_pads(layout.v("date-pad-months")))}
