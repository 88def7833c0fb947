"""Validator rules for the meeting templates (data/templates/*.yml, data/meeting.yml,
data/layout.yml). Every finding points at the YAML line to change.

    template-schema       the file has the shape the schema expects
    template-field-ids    ids are unique in a template (fields, row columns, sections, checks)
    template-languages    every label, hint, title and message has Vietnamese and English
    template-field-types  every field type is a known one
    template-references   printed text, checks and `shared:` name existing fields
    template-pages        every template is placed on its page in both languages
    template-check-levels every check names its level (error or warning) and a source
                          listed in data/references.yml (or a source paragraph id)
    layout-cited          every layout value is present and cites a listed source

Rules read the project under ctx.root and report nothing when data/templates/ is
absent (fixtures for other rules).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from scripts.handbook import meeting_templates as mt
from scripts.handbook import yaml_lines
from scripts.handbook.check import Context, Finding, rule

BILINGUAL_KEYS = ("label", "hint", "title", "purpose", "when", "message", "row_label",
                  "add_label", "doc_type_note", "note")
# Pydantic's tags for the two kinds of field items: not keys in the YAML file.
UNION_TAGS = {"field", "ref"}


class Located:
    """A YAML file with the line of every key and list item (1-based)."""

    def __init__(self, path: Path):
        self.path = path
        self.data, lines = yaml_lines.load(path)  # one parse (libyaml) for value and lines
        self.lines: dict[tuple, int] = {**lines, (): 1}

    def line(self, path) -> int:
        """The line of `path`, or of its nearest ancestor present in the file."""
        path = tuple(key for key in path if key not in UNION_TAGS)
        while path not in self.lines:
            path = path[:-1]
        return self.lines[path]


def _files(ctx: Context) -> tuple[list[Located], Located | None]:
    """The template files and data/meeting.yml, parsed with line numbers once per run."""
    return ctx.cached("template-files", _read_files)


def _read_files(ctx: Context) -> tuple[list[Located], Located | None]:
    folder = ctx.data / "templates"
    if not folder.is_dir():
        return [], None
    templates = [Located(p) for p in sorted(folder.glob("*.yml"))]
    meeting_path = ctx.data / "meeting.yml"
    return templates, Located(meeting_path) if meeting_path.exists() else None


def _finding(ctx, located: Located, path, rule_id, message, fix) -> Finding:
    return Finding(ctx.rel(located.path), located.line(path), rule_id, message, fix)


def _field_items(data) -> Iterator[tuple[tuple, dict]]:
    """(path, field mapping) for every field and row column, in a template or meeting.yml."""
    if not isinstance(data, dict):
        return
    for s_index, section in enumerate(data.get("sections") or []):
        if not isinstance(section, dict):
            continue
        for f_index, field in enumerate(section.get("fields") or []):
            if not isinstance(field, dict):
                continue
            path = ("sections", s_index, "fields", f_index)
            yield path, field
            for c_index, column in enumerate(field.get("columns") or []):
                if isinstance(column, dict):
                    yield (*path, "columns", c_index), column


# Rules ---------------------------------------------------------------------------

@rule("template-schema")
def check_schema(ctx: Context):
    templates, meeting = _files(ctx)
    layout_path = ctx.data / "layout.yml"
    models = [(t, mt.Template) for t in templates]
    if meeting:
        models.append((meeting, mt.Meeting))
    if templates and layout_path.exists():
        models.append((Located(layout_path), mt.Layout))
    for located, model in models:
        try:
            model.model_validate(located.data)
        except ValidationError as error:
            for item in error.errors():
                loc = item["loc"]
                # Reported by their own rules: field types and missing vi/en text.
                if loc and loc[-1] == "type" and item["type"] == "literal_error":
                    continue
                if loc and loc[-1] in ("vi", "en") and len(loc) > 1 and \
                        loc[-2] in BILINGUAL_KEYS:
                    continue
                where = ".".join(str(k) for k in loc if k not in UNION_TAGS) or "file"
                yield _finding(ctx, located, loc, "template-schema",
                               f"{where}: {item['msg']}",
                               "correct this entry; the other files in data/templates/ show "
                               "the expected form (schema: scripts/handbook/meeting_templates.py)")
        if model is mt.Template and isinstance(located.data, dict) and \
                located.data.get("id") not in (None, located.path.stem):
            yield _finding(ctx, located, ("id",), "template-schema",
                           f"id '{located.data.get('id')}' differs from the file name",
                           f"name the file {located.data.get('id')}.yml or set "
                           f"id: {located.path.stem}")


@rule("template-field-ids")
def check_field_ids(ctx: Context):
    templates, meeting = _files(ctx)
    shared_ids = {}
    if meeting:
        for _, field in _field_items(meeting.data):
            if isinstance(field.get("id"), str):
                shared_ids.setdefault(field["id"], True)
    for located in ([meeting] if meeting else []) + templates:
        data = located.data if isinstance(located.data, dict) else {}
        seen: dict[str, int] = {}
        sections: dict[str, int] = {}
        for s_index, section in enumerate(data.get("sections") or []):
            sid = section.get("id") if isinstance(section, dict) else None
            path = ("sections", s_index, "id")
            if sid in sections:
                yield _finding(ctx, located, path, "template-field-ids",
                               f"section id '{sid}' is used twice (first on line "
                               f"{sections[sid]})", "give each section its own id")
            elif sid:
                sections[sid] = located.line(path)
        for path, field in _field_items(data):
            if "columns" in path:
                continue
            fid = field.get("id") or field.get("shared")
            key = "id" if "id" in field else "shared"
            if not isinstance(fid, str):
                continue
            here = located.line((*path, key))
            if fid in seen:
                yield _finding(ctx, located, (*path, key), "template-field-ids",
                               f"field '{fid}' appears twice in this "
                               f"{'file' if located is meeting else 'template'} "
                               f"(first on line {seen[fid]})",
                               "rename one of them: field ids must be unique within a template")
            else:
                seen[fid] = here
            if key == "id" and located is not meeting and fid in shared_ids:
                yield _finding(ctx, located, (*path, key), "template-field-ids",
                               f"field id '{fid}' is also a shared field of data/meeting.yml",
                               f"write `- shared: {fid}` to use the shared field, or rename "
                               "this one")
            columns: dict[str, int] = {}
            for c_index, column in enumerate(field.get("columns") or []):
                cid = column.get("id") if isinstance(column, dict) else None
                cpath = (*path, "columns", c_index, "id")
                if cid in columns:
                    yield _finding(ctx, located, cpath, "template-field-ids",
                                   f"column '{cid}' of rows '{fid}' is used twice (first on "
                                   f"line {columns[cid]})",
                                   "give each column of the rows its own id")
                elif isinstance(cid, str):
                    columns[cid] = located.line(cpath)
        checks: dict[str, int] = {}
        for c_index, check in enumerate(data.get("checks") or []):
            cid = check.get("id") if isinstance(check, dict) else None
            path = ("checks", c_index, "id")
            if cid in checks:
                yield _finding(ctx, located, path, "template-field-ids",
                               f"check id '{cid}' is used twice (first on line {checks[cid]})",
                               "give each check its own id")
            elif isinstance(cid, str):
                checks[cid] = located.line(path)


def _bilingual(data, keys=BILINGUAL_KEYS, path=()):
    """(path, value) for every label/hint/title/... mapping in the data."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in keys:
                yield (*path, key), value
            elif key != "document":  # printed text is Vietnamese only
                yield from _bilingual(value, keys, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _bilingual(value, keys, (*path, index))


@rule("template-languages")
def check_languages(ctx: Context):
    templates, meeting = _files(ctx)
    files = [(f, BILINGUAL_KEYS) for f in ([meeting] if meeting else []) + templates]
    layout_path = ctx.data / "layout.yml"
    if templates and layout_path.exists():
        # In layout.yml, sources keep the documents' own (Vietnamese) titles.
        files.append((Located(layout_path), ("label", "note")))
    for located, keys in files:
        for path, value in _bilingual(located.data, keys):
            if not isinstance(value, dict):
                yield _finding(ctx, located, path, "template-languages",
                               f"'{path[-1]}' must give both languages",
                               f"write it as {path[-1]}: {{vi: …, en: …}}")
                continue
            for lang, name in (("vi", "Vietnamese"), ("en", "English")):
                text = value.get(lang)
                if not isinstance(text, str) or not text.strip():
                    yield _finding(ctx, located, path, "template-languages",
                                   f"'{path[-1]}' has no {name} text ({lang})",
                                   f"add the {name} text under {path[-1]}: {lang}:")


@rule("template-field-types")
def check_field_types(ctx: Context):
    templates, meeting = _files(ctx)
    for located in ([meeting] if meeting else []) + templates:
        for path, field in _field_items(located.data):
            if "shared" in field and "id" not in field:
                continue
            kind = field.get("type")
            if kind not in mt.FIELD_TYPES:
                yield _finding(ctx, located, (*path, "type"), "template-field-types",
                               f"field '{field.get('id')}' has unknown type '{kind}'",
                               f"use one of: {', '.join(mt.FIELD_TYPES)}")
            elif kind == "rows" and "columns" in path:
                yield _finding(ctx, located, (*path, "type"), "template-field-types",
                               f"column '{field.get('id')}' is itself rows",
                               "rows cannot be nested; use a textarea column")


@rule("template-references")
def check_references(ctx: Context):
    templates, meeting_file = _files(ctx)
    if not meeting_file:
        return
    try:
        meeting = mt.Meeting.model_validate(meeting_file.data)
    except ValidationError:
        return  # template-schema reports it
    for located in templates:
        try:
            template = mt.Template.model_validate(located.data)
        except ValidationError:
            continue  # template-schema reports it
        for path, message in mt.reference_problems(template, meeting):
            yield _finding(ctx, located, path, "template-references", message,
                           "check the name against the field ids of this template and of "
                           "data/meeting.yml")


MARKER = re.compile(r"<!--\s*stcb:template\s+(?P<id>\S+)\s*-->")


@rule("template-pages")
def check_pages(ctx: Context):
    templates, _ = _files(ctx)
    if not templates:
        return
    known = {t.path.stem for t in templates}
    placed: dict[str, set[str]] = {}
    for md in sorted(ctx.docs.rglob("*.md")):
        lang = "en" if md.name.endswith(".en.md") else "vi"
        for number, line in enumerate(md.read_text(encoding="utf-8").splitlines(), start=1):
            for match in MARKER.finditer(line):
                template_id = match.group("id")
                placed.setdefault(template_id, set()).add(lang)
                if template_id not in known:
                    yield Finding(ctx.rel(md), number, "template-pages",
                                  f"unknown template '{template_id}'",
                                  f"use one of: {', '.join(sorted(known))}")
    for located in templates:
        template_id = located.path.stem
        for lang, suffix in (("vi", ".md"), ("en", ".en.md")):
            if lang not in placed.get(template_id, set()):
                yield _finding(ctx, located, ("id",), "template-pages",
                               f"template '{template_id}' is on no {lang} page",
                               f"add <!-- stcb:template {template_id} --> to "
                               f"docs/bieu-mau/{template_id}{suffix}")
    ctx.summary.append(f"templates: {len(known)} templates, "
                       f"{sum(1 for t in known if placed.get(t) == {'vi', 'en'})} "
                       "placed in both languages")


@rule("layout-cited")
def check_layout(ctx: Context):
    path = ctx.data / "layout.yml"
    if not path.exists() or not (ctx.data / "templates").is_dir():
        return
    located = Located(path)
    data = located.data if isinstance(located.data, dict) else {}
    sources = data.get("sources") or {}
    values = data.get("values") or {}
    for key in mt.LAYOUT_KEYS:
        if key not in values:
            yield _finding(ctx, located, ("values",), "layout-cited",
                           f"layout value '{key}' is missing",
                           f"add `{key}:` under values: with value, label and source")
    cited = 0
    for key, item in values.items():
        item = item if isinstance(item, dict) else {}
        where = ("values", key)
        if "value" not in item or str(item.get("value", "")) == "":
            yield _finding(ctx, located, where, "layout-cited",
                           f"layout value '{key}' has no value", "add value: …")
        cites = item.get("source") or []
        if not cites:
            yield _finding(ctx, located, where, "layout-cited",
                           f"layout value '{key}' cites no source",
                           "add source: [KEY] naming an entry of sources: (use `project` "
                           "for a value no source gives)")
        else:
            cited += 1
        for cite in cites:
            if cite not in sources:
                yield _finding(ctx, located, (*where, "source"), "layout-cited",
                               f"layout value '{key}' cites unknown source '{cite}'",
                               f"add '{cite}' under sources: or cite one of: "
                               f"{', '.join(sources)}")
        for index, alternative in enumerate(item.get("alternatives") or []):
            cite = alternative.get("source") if isinstance(alternative, dict) else None
            if cite not in sources:
                yield _finding(ctx, located, (*where, "alternatives", index), "layout-cited",
                               f"an alternative of '{key}' cites unknown source '{cite}'",
                               f"cite one of: {', '.join(sources)}")
    for key, source in sources.items():
        if not isinstance(source, dict) or not source.get("title"):
            yield _finding(ctx, located, ("sources", key), "layout-cited",
                           f"source '{key}' has no title",
                           "add title: with the document's name")
    ctx.summary.append(f"layout: {cited}/{len(values)} values cite a source")


@rule("template-check-levels")
def check_levels(ctx: Context):
    templates, meeting = _files(ctx)
    if not meeting:
        return
    path = ctx.data / "references.yml"
    references = {}
    if path.exists():
        data, _ = yaml_lines.load(path)
        references = (data or {}).get("references") or {}
    paragraphs = set()
    source = ctx.data / "source.yml"
    if source.exists():
        paragraphs = set(re.findall(r"^\s*-?\s*id:\s*([a-z0-9-]+)\s*$",
                                    source.read_text(encoding="utf-8"), re.MULTILINE))
    for located in [meeting, *templates]:
        data = located.data if isinstance(located.data, dict) else {}
        for where, message, fix in mt.check_level_problems(data.get("checks") or [],
                                                             set(references), paragraphs):
            yield _finding(ctx, located, where, "template-check-levels", message, fix)
