"""Validator rules for the lecture slides (scripts/handbook/deck.py).

    deck-modules  every module of data/course.yml has its deck in both languages,
                  and the course has its whole-course deck in both
    deck-text     every piece of text on every slide comes from the data: a course,
                  quiz, scenario or trainer's-kit text (or part of one, where a long
                  item is split), a source paragraph id, a page title, or an interface
                  string of data/ui/deck.yml; a slide never says what the data does not

Both rules report nothing when data/course.yml is absent (fixtures of other rules).
A slide's "line" in a finding is its number in the deck.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import yaml

from scripts.handbook.check import Context, Finding, rule
from scripts.handbook.check.course import _Data
from scripts.handbook.data import SafeLoader, read_yaml

COURSE = "course.yml"
DATA_FILES = ("course.yml", "quizzes.yml", "scenarios.yml", "trainer.yml", "source.yml")
LANGS = ("vi", "en")
SLIDE_DIR = "downloads/slide"
COURSE_DECK = "downloads/khoa-tap-huan-{lang}.pptx"
FIX_BUILD = "run python -m scripts.handbook deck SITE (make build does, before the ZIP)"
PUNCTUATION = re.compile(r"^[\W_]*$")
IDS = re.compile(r"^[a-z0-9-]+(?:, [a-z0-9-]+)*$")


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@rule("deck-modules")
def deck_modules(ctx: Context) -> Iterator[Finding]:
    course = _Data(ctx, COURSE)
    if not course.exists or course.error:
        return
    for mi, module in enumerate(course.items("modules")):
        if not isinstance(module, dict) or not isinstance(module.get("slug"), str):
            continue
        for lang in LANGS:
            deck = f"{SLIDE_DIR}/{module['slug']}-{lang}.pptx"
            if not (ctx.site / deck).exists():
                yield course.finding(("modules", mi, "slug"), "deck-modules",
                                     f"module {module.get('id')} has no {lang} deck "
                                     f"({ctx.rel(ctx.site / deck)})", FIX_BUILD)
    for lang in LANGS:
        deck = COURSE_DECK.format(lang=lang)
        if not (ctx.site / deck).exists():
            yield course.finding(("modules",), "deck-modules",
                                 f"the course has no {lang} deck ({ctx.rel(ctx.site / deck)})",
                                 FIX_BUILD)


def _strings(value, found: list[str]) -> None:
    if isinstance(value, str):
        found.append(norm(value))
    elif isinstance(value, dict):
        for item in value.values():
            _strings(item, found)
    elif isinstance(value, list):
        for item in value:
            _strings(item, found)


def _titles(docs: Path, found: list[str]) -> None:
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if text.startswith("---"):
            end = text.find("\n---", 3)
            meta = yaml.load(text[3:end], Loader=SafeLoader) if end > 0 else None
            if isinstance(meta, dict) and isinstance(meta.get("title"), str):
                found.append(norm(meta["title"]))


class _Corpus:
    """Every text the data holds, and the interface templates as patterns."""

    def __init__(self, ctx: Context):
        texts: list[str] = []
        for name in DATA_FILES:
            path = ctx.data / name
            if path.exists():
                _strings(read_yaml(path), texts)
        _titles(ctx.docs, texts)
        self.text = "\n".join(texts)
        self.whole = set(texts)  # most runs are a whole text: a set lookup, not a scan
        source = ctx.data / "source.yml"
        paragraphs = (read_yaml(source) or {}).get("paragraphs", []) if source.exists() else []
        self.ids = {p.get("id") for p in paragraphs if isinstance(p, dict)}
        self.patterns = []
        ui = ctx.data / "ui" / "deck.yml"
        for value in (read_yaml(ui) or {}).values() if ui.exists() else []:
            for lang in LANGS:
                template = re.escape(norm(str((value or {}).get(lang, ""))))
                self.patterns.append(re.compile(
                    "^" + re.sub(r"\\\{[a-z]+\\\}", r"\\d+", template) + "$"))

    def has(self, text: str) -> bool:
        text = norm(text)
        if not text or text in self.whole or PUNCTUATION.match(text) or text in self.text:
            return True
        if IDS.match(text) and all(pid in self.ids for pid in text.split(", ")):
            return True
        return any(p.match(text) for p in self.patterns)


def decks(site: Path) -> list[Path]:
    return sorted([*(site / SLIDE_DIR).glob("*.pptx"), *(site / "downloads").glob("*.pptx")])


_NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
       "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def slide_runs(deck: Path) -> Iterator[tuple[int, str]]:
    """(slide number, text of one run) for every run of every shape on every slide:
    what python-pptx gives (slide.shapes → text_frame → paragraphs → runs), read from
    the package's XML directly (python-pptx loads every part: 10× slower)."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(deck) as package:
        rels = {rel.get("Id"): rel.get("Target") for rel in etree.fromstring(
            package.read("ppt/_rels/presentation.xml.rels")).iter(_REL)}
        order = etree.fromstring(package.read("ppt/presentation.xml")).findall(
            "p:sldIdLst/p:sldId", _NS)
        for number, slide_id in enumerate(order, start=1):
            target = rels[slide_id.get(f"{{{_NS['r']}}}id")].lstrip("/")
            name = target if target.startswith("ppt/") else f"ppt/{target}"
            tree = etree.fromstring(package.read(name))
            for shape in tree.findall("p:cSld/p:spTree/p:sp", _NS):
                for run in shape.findall("p:txBody/a:p/a:r", _NS):
                    yield number, "".join(run.findall("a:t", _NS)[0].itertext()) \
                        if run.find("a:t", _NS) is not None else ""


@rule("deck-text")
def deck_text(ctx: Context) -> Iterator[Finding]:
    if not (ctx.data / COURSE).exists():
        return
    corpus = None
    for deck in decks(ctx.site):
        corpus = corpus or _Corpus(ctx)
        for number, text in slide_runs(deck):
            if not corpus.has(text):
                yield Finding(ctx.rel(deck), number, "deck-text",
                              f"slide {number} says “{norm(text)[:80]}”, which is not in the "
                              "course data",
                              "put the words in data/ (a course or trainer's-kit text, or "
                              "data/ui/deck.yml) and build the deck from them; " + FIX_BUILD)
