"""Checklist completeness: data/checklists.yml against data/source.yml and docs/.

    checklist-schema      the file parses and has the fields the site needs
    checklist-unique-ids  checklist ids and item ids are unique (ticks are saved by item id)
    checklist-languages   every title, purpose, role, item and hint has vi and en text (NFC)
    checklist-sources     every cited paragraph id exists in data/source.yml
    checklist-coverage    every actionable paragraph is cited by at least one item
    checklist-placement   every checklist is on a Vietnamese and an English page
    checklist-empty       no checklist without items

Findings point at the line of data/checklists.yml (or data/source.yml, or the
page) to edit. The rules read the YAML themselves, tolerating a broken shape,
so that one run reports every problem.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path

import yaml

from scripts.handbook import yaml_lines
from scripts.handbook.check import Context, Finding, rule
from scripts.handbook.data_checklists import schema_errors
from scripts.handbook.markers import find as find_markers

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG_NAMES = {"vi": "Vietnamese (vi)", "en": "English (en)"}
FILE_HELP = "see the notes at the top of data/checklists.yml"


class _Parsed:
    """data/checklists.yml (and source.yml) read once per file version."""

    def __init__(self, path: Path):
        self.path = path
        self.error: yaml.YAMLError | None = None
        self.value: object = None
        self.lines = yaml_lines.Lines()
        try:
            self.value, self.lines = yaml_lines.load(path)
        except yaml.YAMLError as error:
            self.error = error

    def line(self, *path) -> int:
        return self.lines.at(path)


_CACHE: dict[tuple[Path, float], _Parsed] = {}


def _parse(path: Path) -> _Parsed | None:
    if not path.exists():
        return None
    key = (path.resolve(), path.stat().st_mtime)
    if key not in _CACHE:
        _CACHE[key] = _Parsed(path)
    return _CACHE[key]


def _checklists(ctx: Context) -> _Parsed | None:
    return _parse(ctx.data / "checklists.yml")


def _entries(parsed: _Parsed):
    """(index, checklist dict) for each well-formed entry under `checklists`."""
    value = parsed.value if isinstance(parsed.value, dict) else {}
    entries = value.get("checklists")
    if not isinstance(entries, list):
        return
    for index, entry in enumerate(entries):
        if isinstance(entry, dict):
            yield index, entry


def _items(entry: dict):
    items = entry.get("items")
    if not isinstance(items, list):
        return
    for index, item in enumerate(items):
        if isinstance(item, dict):
            yield index, item


def _name(entry: dict) -> str:
    return f"checklist '{entry.get('id', '?')}'"


# --- checklist-schema --------------------------------------------------------------

@rule("checklist-schema")
def check_schema(ctx: Context):
    parsed = _checklists(ctx)
    if parsed is None:
        return
    rel = ctx.rel(parsed.path)
    if parsed.error is not None:
        mark = getattr(parsed.error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(parsed.error, "problem", None) or str(parsed.error)
        yield Finding(rel, line, "checklist-schema", f"the file is not valid YAML: {problem}",
                      "fix the indentation or quoting on this line (quote text containing ': ')")
        return
    for line, message, loc, kind in schema_errors(parsed.value, parsed.lines):
        # Reported by other rules, with more help: missing or non-text vi/en
        # (checklist-languages), no `source` (checklist-sources), no `items` (checklist-empty).
        if loc and loc[-1] in LANG_NAMES and kind in ("missing", "string_type"):
            continue
        if loc and loc[-1] in ("source", "items") and kind == "missing":
            continue
        yield Finding(rel, line, "checklist-schema", message, f"correct it — {FILE_HELP}")


# --- checklist-unique-ids ----------------------------------------------------------

@rule("checklist-unique-ids")
def check_unique_ids(ctx: Context):
    parsed = _checklists(ctx)
    if parsed is None or parsed.error:
        return
    rel = ctx.rel(parsed.path)
    seen_lists: dict[str, int] = {}
    seen_items: dict[str, tuple[int, str]] = {}
    for index, entry in _entries(parsed):
        cid = entry.get("id")
        line = parsed.line("checklists", index, "id")
        if isinstance(cid, str):
            yield from _kebab(rel, line, "checklist id", cid)
            if cid in seen_lists:
                yield Finding(rel, line, "checklist-unique-ids",
                              f"checklist id '{cid}' is used twice (first at line "
                              f"{seen_lists[cid]})",
                              "give each checklist its own id; the page is "
                              "docs/checklist/<id>.md")
            seen_lists.setdefault(cid, line)
        for item_index, item in _items(entry):
            iid = item.get("id")
            if not isinstance(iid, str):
                continue
            item_line = parsed.line("checklists", index, "items", item_index, "id")
            yield from _kebab(rel, item_line, "item id", iid)
            if iid in seen_items:
                first_line, first_list = seen_items[iid]
                yield Finding(rel, item_line, "checklist-unique-ids",
                              f"item id '{iid}' is used twice (first at line {first_line}, "
                              f"checklist '{first_list}')",
                              "give this item its own id: ticks are saved in the reader's "
                              "browser by item id, across all checklists")
            seen_items.setdefault(iid, (item_line, str(cid)))


def _kebab(rel: str, line: int, what: str, value: str):
    if not KEBAB.match(value):
        yield Finding(rel, line, "checklist-unique-ids",
                      f"{what} '{value}' is not lower-case ASCII kebab-case",
                      "use letters a-z, digits and single hyphens, e.g. 'chuan-bi-noi-dung'")


# --- checklist-languages -----------------------------------------------------------

@rule("checklist-languages")
def check_languages(ctx: Context):
    parsed = _checklists(ctx)
    if parsed is None or parsed.error:
        return
    rel = ctx.rel(parsed.path)
    value = parsed.value if isinstance(parsed.value, dict) else {}
    roles = value.get("roles")
    if isinstance(roles, dict):
        for role, label in roles.items():
            yield from _bilingual(parsed, rel, ("roles", role), label, f"role '{role}'")
    for index, entry in _entries(parsed):
        for field in ("title", "purpose"):
            if field in entry:
                yield from _bilingual(parsed, rel, ("checklists", index, field), entry[field],
                                      f"{_name(entry)} {field}")
        for item_index, item in _items(entry):
            where = f"{_name(entry)} item '{item.get('id', '?')}'"
            base = ("checklists", index, "items", item_index)
            if "text" in item:
                yield from _bilingual(parsed, rel, base + ("text",), item["text"], where)
            if item.get("hint") is not None:
                yield from _bilingual(parsed, rel, base + ("hint",), item["hint"],
                                      f"{where} hint")


def _bilingual(parsed: _Parsed, rel: str, path: tuple, value, where: str):
    if not isinstance(value, dict):
        yield Finding(rel, parsed.line(*path), "checklist-languages",
                      f"{where} is not a vi/en pair",
                      "write it as two lines, `vi: …` and `en: …`, indented under it")
        return
    for lang, name in LANG_NAMES.items():
        text = value.get(lang)
        line = parsed.line(*path, lang) if lang in value else parsed.line(*path)
        if not isinstance(text, str) or not text.strip():
            state = ("is missing" if lang not in value else
                     "is empty" if not text or not str(text).strip() else "is not text")
            yield Finding(rel, line, "checklist-languages", f"{where}: {name} text {state}",
                          f"write the {name} text on a line `{lang}: …` — every title, "
                          "purpose, item and hint needs both languages")
        elif unicodedata.normalize("NFC", text) != text:
            yield Finding(rel, line, "checklist-languages",
                          f"{where}: {name} text is not in Unicode NFC (decomposed accents)",
                          "retype the accented letters, or save the file as NFC, so search "
                          "and PDFs keep every diacritic")


# --- checklist-sources -------------------------------------------------------------

def _source_ids(ctx: Context) -> tuple[_Parsed, dict[str, tuple[int, dict]]] | None:
    parsed = _parse(ctx.data / "source.yml")
    if parsed is None or parsed.error or not isinstance(parsed.value, dict):
        return None
    paragraphs = parsed.value.get("paragraphs") or []
    ids = {}
    for index, paragraph in enumerate(paragraphs):
        if isinstance(paragraph, dict) and isinstance(paragraph.get("id"), str):
            ids[paragraph["id"]] = (parsed.line("paragraphs", index, "id"), paragraph)
    return parsed, ids


@rule("checklist-sources")
def check_sources(ctx: Context):
    parsed = _checklists(ctx)
    source = _source_ids(ctx)
    if parsed is None or parsed.error or source is None:
        return
    _, known = source
    rel = ctx.rel(parsed.path)
    for index, entry in _entries(parsed):
        for item_index, item in _items(entry):
            where = f"{_name(entry)} item '{item.get('id', '?')}'"
            base = ("checklists", index, "items", item_index)
            refs = item.get("source")
            if not isinstance(refs, list) or not refs:
                yield Finding(rel, parsed.line(*base, "source") if "source" in item
                              else parsed.line(*base), "checklist-sources",
                              f"{where} cites no source paragraph",
                              "add `source: [ID, …]` with the ids in data/source.yml that "
                              "the item comes from")
                continue
            for ref_index, ref in enumerate(refs):
                if ref in known:
                    continue
                close = difflib.get_close_matches(str(ref), known, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                yield Finding(rel, parsed.line(*base, "source", ref_index), "checklist-sources",
                              f"{where} cites '{ref}', which is not a paragraph id in "
                              f"data/source.yml{hint}",
                              "use the id of the paragraph the item comes from, as written "
                              "in data/source.yml")


# --- checklist-coverage ------------------------------------------------------------

@rule("checklist-coverage")
def check_coverage(ctx: Context):
    parsed = _checklists(ctx)
    source = _source_ids(ctx)
    if parsed is None or parsed.error or source is None:
        return
    source_parsed, known = source
    cited = set()
    for _, entry in _entries(parsed):
        for _, item in _items(entry):
            refs = item.get("source")
            if isinstance(refs, list):
                cited.update(str(ref) for ref in refs)
    actionable = [(pid, line, p) for pid, (line, p) in known.items() if p.get("actionable")]
    covered = [pid for pid, _, _ in actionable if pid in cited]
    rel = ctx.rel(source_parsed.path)
    for pid, line, paragraph in actionable:
        if pid in cited:
            continue
        text = " ".join(str(paragraph.get("vi", "")).split())
        short = text if len(text) <= 110 else text[:109].rstrip() + "…"
        yield Finding(rel, line, "checklist-coverage",
                      f"actionable paragraph {pid} is not covered by any checklist item: "
                      f"“{short}”",
                      f"add an item with `source: [{pid}]` to the checklist for this procedure "
                      "in data/checklists.yml, or set `actionable: false` here if the "
                      "paragraph asks nothing of the secretary")
    total = len(actionable)
    percent = 100 * len(covered) // total if total else 100
    ctx.summary.append(f"Checklist coverage: {percent}% of actionable paragraphs "
                       f"({len(covered)}/{total})")


# --- checklist-placement -----------------------------------------------------------

@rule("checklist-placement")
def check_placement(ctx: Context):
    parsed = _checklists(ctx)
    if parsed is None or parsed.error or not ctx.docs.is_dir():
        return
    ids = {}
    for index, entry in _entries(parsed):
        if isinstance(entry.get("id"), str):
            ids.setdefault(entry["id"], parsed.line("checklists", index, "id"))
    placed: dict[str, set[str]] = {"vi": set(), "en": set()}
    for page in sorted(ctx.docs.rglob("*.md")):
        lang = "en" if page.name.endswith(".en.md") else "vi"
        text = page.read_text(encoding="utf-8")
        for line, kind, args, _ in find_markers(text):
            if kind != "checklist" or not args:
                continue
            if args[0] in ids:
                placed[lang].add(args[0])
            else:
                yield Finding(ctx.rel(page), line, "checklist-placement",
                              f"unknown checklist '{args[0]}' in a marker",
                              "use one of: " + ", ".join(ids))
    rel = ctx.rel(parsed.path)
    for cid, line in ids.items():
        for lang, suffix in (("vi", ".md"), ("en", ".en.md")):
            if cid not in placed[lang]:
                yield Finding(rel, line, "checklist-placement",
                              f"checklist '{cid}' is on no {LANG_NAMES[lang]} page",
                              f"add `<!-- stcb:checklist {cid} -->` to a page, e.g. "
                              f"docs/checklist/{cid}{suffix} (listed in mkdocs.yml nav)")


# --- checklist-empty ---------------------------------------------------------------

@rule("checklist-empty")
def check_empty(ctx: Context):
    parsed = _checklists(ctx)
    if parsed is None or parsed.error:
        return
    rel = ctx.rel(parsed.path)
    for index, entry in _entries(parsed):
        if not list(_items(entry)):
            yield Finding(rel, parsed.line("checklists", index, "id"), "checklist-empty",
                          f"{_name(entry)} has no items",
                          "add its items under `items:` (each with id, text and source), or "
                          "remove the checklist and its pages")
