"""Rules about the source article, citations and terminology.

    source-coverage  every source paragraph is cited by a page section, in both languages
    cite-exists      every cited paragraph id exists
    source-faithful  undoing each paragraph's corrections gives back the seed text
    glossary         every glossary term has vi, en and both definitions
    terminology      no English page uses a rendering the glossary avoids

Each reads data/ and docs/ under ctx.root and reports nothing when its data
file (data/source.yml, data/glossary.yml) is absent there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from scripts.handbook import data
from scripts.handbook.check import Context, Finding, rule
from scripts.handbook.markers import find
from scripts.handbook.paths import LANGS
from scripts.handbook.yaml_lines import SafeLoader

LANG_NAMES = {"vi": "Vietnamese", "en": "English"}
CITE_EXAMPLE = "<!-- stcb:cite vt-1 -->"


# Reading the sources ---------------------------------------------------------


@dataclass(frozen=True)
class Cite:
    path: Path
    line: int
    lang: str
    ids: tuple[str, ...]


def page_lang(path: Path) -> str:
    for lang in LANGS:
        if path.name.endswith(f".{lang}.md"):
            return lang
    return LANGS[0]


def pages(ctx: Context) -> list[Path]:
    return sorted(ctx.docs.rglob("*.md")) if ctx.docs.is_dir() else []


def cites(ctx: Context) -> Iterator[Cite]:
    """Every cite marker in docs/, outside code fences, with its file line."""
    for path in pages(ctx):
        text = path.read_text(encoding="utf-8")
        for line, kind, args, _match in find(text):
            if kind == "cite":
                yield Cite(path, line, page_lang(path), tuple(args))


def yaml_lines(path: Path, key: str, field: str) -> dict[str, int]:
    """Line (1-based) of each record in the list under `key`, by its `field`."""
    with open(path, encoding="utf-8") as handle:
        root = yaml.compose(handle, Loader=SafeLoader)
    lines: dict[str, int] = {}
    for name, value in getattr(root, "value", []):
        if name.value != key:
            continue
        for item in value.value:
            for item_key, item_value in getattr(item, "value", []):
                if item_key.value == field:
                    lines[str(item_value.value)] = item.start_mark.line + 1
    return lines


def record_lines(path: Path, key: str) -> list[int]:
    """Line (1-based) of each record in the list under `key`, in order."""
    with open(path, encoding="utf-8") as handle:
        root = yaml.compose(handle, Loader=SafeLoader)
    for name, value in getattr(root, "value", []):
        if name.value == key:
            return [item.start_mark.line + 1 for item in value.value]
    return []


def load_source(ctx: Context) -> tuple[data.Source | None, Finding | None]:
    path = ctx.data / "source.yml"
    try:
        return data.load(path, data.Source), None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return None, Finding(ctx.rel(path), 1, "source-faithful",
                             f"data/source.yml does not match its schema at {where}: "
                             f"{first['msg']}", "fix the record (see the comment at the top "
                             "of the file)")


def short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


# source-coverage -------------------------------------------------------------


@rule("source-coverage")
def source_coverage(ctx: Context) -> Iterator[Finding]:
    path = ctx.data / "source.yml"
    if not path.exists():
        return
    source, _problem = load_source(ctx)
    if source is None:
        return  # source-faithful reports the schema error
    cited: dict[str, set[str]] = {lang: set() for lang in LANGS}
    for cite in cites(ctx):
        cited[cite.lang].update(cite.ids)
    lines = yaml_lines(path, "paragraphs", "id")
    covered = 0
    for paragraph in source.paragraphs:
        missing = [lang for lang in LANGS if paragraph.id not in cited[lang]]
        if not missing:
            covered += 1
            continue
        where = " and ".join(LANG_NAMES[lang] for lang in missing)
        yield Finding(
            ctx.rel(path), lines.get(paragraph.id, 1), "source-coverage",
            f"source paragraph {paragraph.id} (“{short(paragraph.vi)}”) is not cited on any "
            f"{where} page",
            f"cite it in the section that uses it: <!-- stcb:cite {paragraph.id} -->")
    total = len(source.paragraphs)
    percent = 100 * covered // total if total else 100
    ctx.summary.append(f"Source coverage: {percent}% ({covered}/{total} paragraphs cited)")


# cite-exists -----------------------------------------------------------------


@rule("cite-exists")
def cite_exists(ctx: Context) -> Iterator[Finding]:
    path = ctx.data / "source.yml"
    if not path.exists():
        return
    source, _problem = load_source(ctx)
    if source is None:
        return  # source-faithful reports the schema error
    known = source.by_id()
    for cite in cites(ctx):
        if not cite.ids:
            yield Finding(ctx.rel(cite.path), cite.line, "cite-exists",
                          "citation without paragraph ids",
                          f"name the source paragraphs, e.g. {CITE_EXAMPLE}")
        for paragraph_id in cite.ids:
            if paragraph_id not in known:
                yield Finding(ctx.rel(cite.path), cite.line, "cite-exists",
                              f"cites source paragraph '{paragraph_id}', which does not exist",
                              "use an id shown on the Source text page (data/source.yml)")


# source-faithful -------------------------------------------------------------

_SPACE = re.compile(r"\s+")
LIST_DASHES = ("–", "-", "—")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\xa0", " ")).strip()


def seed_body(text: str) -> str:
    """A seed line without its list dash; the caller strips heading labels."""
    for dash in LIST_DASHES:
        if text.startswith(dash):
            return text[len(dash):].strip()
    return text


@rule("source-faithful")
def source_faithful(ctx: Context) -> Iterator[Finding]:
    path = ctx.data / "source.yml"
    if not path.exists():
        return
    source, problem = load_source(ctx)
    if source is None:
        yield problem
        return
    where = ctx.rel(path)
    seed_path = ctx.data / source.meta.seed
    if not seed_path.exists():
        yield Finding(where, 1, "source-faithful",
                      f"the seed article {source.meta.seed} named in meta.seed is missing",
                      "keep the article as fetched under data/ and point meta.seed at it")
        return
    seed = seed_path.read_text(encoding="utf-8").split("\n")
    lines = yaml_lines(path, "paragraphs", "id")
    used: dict[int, str] = {}
    for paragraph in source.paragraphs:
        line = lines.get(paragraph.id, 1)
        if not 1 <= paragraph.seed_line <= len(seed):
            yield Finding(where, line, "source-faithful",
                          f"{paragraph.id}: seed_line {paragraph.seed_line} is outside the "
                          f"seed article ({len(seed)} lines)", "give the right line number")
            continue
        if paragraph.seed_line in used:
            yield Finding(where, line, "source-faithful",
                          f"{paragraph.id}: seed line {paragraph.seed_line} is also the line of "
                          f"{used[paragraph.seed_line]}", "each paragraph has its own line")
        used[paragraph.seed_line] = paragraph.id
        expected = normalise(seed[paragraph.seed_line - 1])
        if paragraph.label:
            if not expected.startswith(paragraph.label):
                yield Finding(where, line, "source-faithful",
                              f"{paragraph.id}: label '{paragraph.label}' is not at the start of "
                              f"seed line {paragraph.seed_line}",
                              "copy the label exactly as printed in the article")
                continue
            expected = expected[len(paragraph.label):].strip()
        if paragraph.kind == "list-item":
            expected = seed_body(expected)
        text = paragraph.vi
        broken = False
        for correction in paragraph.corrections:
            count = text.count(correction.corrected)
            if count != 1:
                yield Finding(where, line, "source-faithful",
                              f"{paragraph.id}: the corrected text “{correction.corrected}” "
                              f"occurs {count} times in vi (it must occur once)",
                              "quote enough words around the correction to make it unique")
                broken = True
                break
            text = text.replace(correction.corrected, correction.original)
        if broken:
            continue
        if normalise(text) != expected:
            yield Finding(where, line, "source-faithful",
                          f"{paragraph.id}: vi differs from seed line {paragraph.seed_line} "
                          "beyond its listed corrections, near "
                          f"“{first_difference(normalise(text), expected)}”",
                          "list the change under corrections (original → corrected) or undo it")
    # Every line of the article body is some paragraph's line.
    end = next((i for i, text in enumerate(seed, 1) if text.startswith("Source:")),
               len(seed) + 1)
    for number in range(2, end):
        if seed[number - 1].strip() and number not in used:
            yield Finding(where, 1, "source-faithful",
                          f"seed line {number} (“{short(normalise(seed[number - 1]))}”) is in no "
                          "paragraph", "add a paragraph record with this seed_line")


def first_difference(a: str, b: str) -> str:
    index = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                 min(len(a), len(b)))
    start = max(0, index - 15)
    return a[start:index + 15]


# glossary --------------------------------------------------------------------


@rule("glossary")
def glossary(ctx: Context) -> Iterator[Finding]:
    path = ctx.data / "glossary.yml"
    if not path.exists():
        return
    where = ctx.rel(path)
    raw = data.read_yaml(path) or {}
    terms = raw.get("terms") or []
    term_lines = record_lines(path, "terms")
    known_ids = set()
    source_ids = None
    if (ctx.data / "source.yml").exists():
        source, _ = load_source(ctx)
        source_ids = set(source.by_id()) if source else None
    for index, term in enumerate(terms):
        line = term_lines[index] if index < len(term_lines) else 1
        term = term if isinstance(term, dict) else {}
        name = term.get("vi") or term.get("id") or f"term {index + 1}"
        missing = []
        for field in ("id", "vi", "en"):
            if not _text(term.get(field)):
                missing.append(field)
        definition = term.get("definition") if isinstance(term.get("definition"), dict) else {}
        for lang in LANGS:
            if not _text(definition.get(lang)):
                missing.append(f"definition.{lang}")
        note = term.get("note")
        if note is not None:
            note = note if isinstance(note, dict) else {}
            missing += [f"note.{lang}" for lang in LANGS if not _text(note.get(lang))]
        if missing:
            yield Finding(where, line, "glossary",
                          f"glossary term “{name}” has no {', '.join(missing)}",
                          "give every term its Vietnamese and English text and a definition "
                          "in both languages")
        term_id = term.get("id")
        if term_id in known_ids:
            yield Finding(where, line, "glossary", f"glossary id '{term_id}' is used twice",
                          "give each term its own id")
        known_ids.add(term_id)
        for phrase in term.get("avoid") or []:
            if not _text(phrase):
                yield Finding(where, line, "glossary",
                              f"glossary term “{name}” has an empty avoid entry",
                              "remove it or write the English phrase to avoid")
        for paragraph_id in term.get("source") or []:
            if source_ids is not None and paragraph_id not in source_ids:
                yield Finding(where, line, "glossary",
                              f"glossary term “{name}” cites source paragraph "
                              f"'{paragraph_id}', which does not exist",
                              "use an id from data/source.yml")
    abbr_lines = record_lines(path, "abbreviations")
    for index, item in enumerate(raw.get("abbreviations") or []):
        line = abbr_lines[index] if index < len(abbr_lines) else 1
        item = item if isinstance(item, dict) else {}
        missing = [field for field in ("abbr", "vi", "en") if not _text(item.get(field))]
        if missing:
            yield Finding(where, line, "glossary",
                          f"abbreviation “{item.get('abbr') or index + 1}” has no "
                          f"{', '.join(missing)}",
                          "give the abbreviation and what it stands for in both languages")
        if item.get("term") and item["term"] not in known_ids:
            yield Finding(where, line, "glossary",
                          f"abbreviation “{item.get('abbr')}” points at unknown term "
                          f"'{item['term']}'", "use a term id from this file")


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


# terminology -----------------------------------------------------------------


def avoided(ctx: Context) -> list[tuple[str, str, re.Pattern]]:
    """(phrase, the term to use, pattern) for every avoided English rendering."""
    raw = data.read_yaml(ctx.data / "glossary.yml") or {}
    result = []
    for term in raw.get("terms") or []:
        if not isinstance(term, dict):
            continue
        for phrase in term.get("avoid") or []:
            if not _text(phrase):
                continue
            words = r"\s+".join(re.escape(word) for word in phrase.split())
            pattern = re.compile(rf"(?<![\w-]){words}(?![\w-])", re.IGNORECASE)
            result.append((phrase, term.get("en", "?"), pattern))
    return result


def english_texts(ctx: Context) -> Iterator[tuple[Path, int, str]]:
    """English text with the line it starts on: each docs/**/*.en.md file whole
    (fenced code blanked out, so that a phrase wrapped over two lines is still
    found) and every `en` text in data/**/*.yml (source, checklists, templates,
    quizzes…), except the glossary itself, which names the avoided phrases."""
    for path in pages(ctx):
        if page_lang(path) != "en":
            continue
        lines, in_fence = [], False
        for text in path.read_text(encoding="utf-8").splitlines():
            fence = re.match(r"^\s*(```|~~~)", text)
            if fence:
                in_fence = not in_fence
            lines.append("" if fence or in_fence else text)
        yield path, 1, "\n".join(lines)
    for path, root in data_trees(ctx):
        yield from ((path, line, text) for line, text in _en_scalars(root))


def data_trees(ctx: Context) -> list[tuple[Path, yaml.Node]]:
    """(file, YAML node tree with line numbers) for every data/**/*.yml but the
    glossary (it names terms and the renderings it avoids), composed once per run
    for the rules that read texts with their lines (terminology, term-consistency).
    A file that is not valid YAML is left out: the kind's own schema rule reports it."""
    def build(c: Context) -> list[tuple[Path, yaml.Node]]:
        trees = []
        for path in sorted(c.data.rglob("*.yml")) if c.data.is_dir() else []:
            if path.name == "glossary.yml":
                continue
            try:
                root = yaml.compose(path.read_text(encoding="utf-8"), Loader=SafeLoader)
            except yaml.YAMLError:
                continue
            if root is not None:
                trees.append((path, root))
        return trees

    return ctx.cached("data-trees", build)


def _en_scalars(node) -> Iterator[tuple[int, str]]:
    """(line, text) of every scalar under an `en:` key, anywhere in a YAML tree."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "en" and isinstance(value, yaml.ScalarNode):
                yield value.start_mark.line + 1, value.value
            else:
                yield from _en_scalars(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _en_scalars(item)


@rule("terminology")
def terminology(ctx: Context) -> Iterator[Finding]:
    if not (ctx.data / "glossary.yml").exists():
        return
    patterns = avoided(ctx)
    if not patterns:
        return
    # One pass per text with all the phrases at once (a pass per phrase was a second);
    # a match is then told apart by its own phrase's pattern.
    anyone = re.compile("|".join(f"(?:{pattern.pattern})" for _, _, pattern in patterns),
                        re.IGNORECASE)
    for path, first_line, text in english_texts(ctx):
        if not anyone.search(text):
            continue
        for _phrase, use, pattern in patterns:
            for match in pattern.finditer(text):
                line = first_line + text.count("\n", 0, match.start())
                found = " ".join(match.group(0).split())
                yield Finding(ctx.rel(path), line, "terminology",
                              f"uses “{found}”, a rendering the glossary avoids",
                              f"write “{use}” instead (see data/glossary.yml)")
