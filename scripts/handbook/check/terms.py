"""One term per concept, across languages.

    term-consistency  wherever the Vietnamese of a bilingual pair uses a glossary term,
                      the English uses one of that term's English forms

A pair is every YAML mapping in data/**/*.yml with both a `vi` and an `en` text (a
checklist item, a quiz option, a source paragraph…), and every page pair
docs/X.md / docs/X.en.md. The forms come from data/glossary.yml (`forms:`; by default
the term's `vi` without its bracketed part, and its `en`). Reports nothing when
data/glossary.yml is absent under ctx.root.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from scripts.handbook import data
from scripts.handbook.check import Context, Finding, rule
from scripts.handbook.check.source import data_trees, page_lang, pages

RULE = "term-consistency"
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
FENCE = re.compile(r"^\s*(```|~~~).*?^\s*\1", re.DOTALL | re.MULTILINE)
BRACKETED = re.compile(r"\s*\(.*?\)")
QUOTED = re.compile(r"“[^”]*”")
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Pattern:
    term: data.Term
    vi: tuple[re.Pattern, ...]
    en: tuple[re.Pattern, ...]
    not_term: tuple[re.Pattern, ...]
    keys: tuple[str, ...] = ()  # the first word of each Vietnamese form, lower-case

    def maybe_in(self, lower: str, words: frozenset[str]) -> bool:
        """A quick test before the patterns: can the (lower-cased) text hold a form?
        A form's first word stands whole in the text (the patterns' word bounds), so a
        key made of letters and digits only must be one of its *words*; any other key is
        looked for as it is."""
        return any(key in words or (not key.isalnum() and key in lower) for key in self.keys)

    def in_vi(self, text: str) -> re.Match | None:
        for pattern in self.not_term:
            text = pattern.sub(lambda m: " " * len(m.group(0)), text)
        return next(filter(None, (p.search(text) for p in self.vi)), None)

    def in_en(self, text: str) -> bool:
        return any(p.search(text) for p in self.en)


def without_shared_quotes(vi: str, en: str) -> str:
    """The Vietnamese with every “quotation” that the English repeats word for word
    blanked out: a printed example such as “Lưu chi bộ” is not a use of a term."""
    return QUOTED.sub(lambda m: " " * len(m.group(0)) if m.group(0) in en else m.group(0), vi)


def _words(phrase: str, whole: bool) -> re.Pattern:
    words = r"\s+".join(re.escape(word) for word in phrase.split())
    end = r"(?![\w])" if whole else ""
    return re.compile(rf"(?<![\w]){words}{end}", re.IGNORECASE)


def patterns(glossary: data.Glossary) -> list[Pattern]:
    result = []
    for term in glossary.terms:
        vi = term.forms.vi or [BRACKETED.sub("", term.vi)]
        en = term.forms.en or [term.en]
        result.append(Pattern(term, tuple(_words(nfc(v), True) for v in vi),
                              tuple(_words(e, False) for e in en),
                              tuple(_words(nfc(v), True) for v in term.forms.not_term),
                              tuple(nfc(v).split()[0].lower() for v in vi if v.split())))
    return result


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def page_text(path: Path) -> str:
    """A page without its HTML comments (markers) and fenced code, lines kept."""
    text = path.read_text(encoding="utf-8")
    blank = lambda m: "\n" * m.group(0).count("\n")  # noqa: E731
    return nfc(FENCE.sub(blank, COMMENT.sub(blank, text)))


def data_pairs(ctx: Context) -> Iterator[tuple[Path, int, int, str, str]]:
    """(file, vi line, en line, vi, en) for every YAML mapping with vi and en texts."""
    for path, root in data_trees(ctx):
        stack = [root]
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                texts = {key.value: value for key, value in node.value
                         if isinstance(value, yaml.ScalarNode) and key.value in ("vi", "en")}
                if len(texts) == 2:
                    yield (path, texts["vi"].start_mark.line + 1, texts["en"].start_mark.line + 1,
                           nfc(str(texts["vi"].value)), str(texts["en"].value))
                stack.extend(value for _key, value in node.value)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)


@rule(RULE)
def term_consistency(ctx: Context) -> Iterator[Finding]:
    path = ctx.data / "glossary.yml"
    if not path.exists():
        return
    try:
        glossary = data.Glossary.model_validate(data.read_yaml(path))
    except ValidationError:
        return  # the glossary rule reports a broken glossary
    terms = patterns(glossary)
    data_count = page_count = 0
    for file, vi_line, en_line, vi, en in data_pairs(ctx):
        data_count += 1
        vi = without_shared_quotes(vi, en)
        lower = vi.lower()
        words = frozenset(WORD.findall(lower))
        for term in terms:
            if term.maybe_in(lower, words) and term.in_vi(vi) and not term.in_en(en):
                yield _finding(ctx.rel(file), en_line, term,
                               f"the Vietnamese (line {vi_line})")
    for vi_path in pages(ctx):
        if page_lang(vi_path) != "vi":
            continue
        en_path = vi_path.with_name(vi_path.name.removesuffix(".md") + ".en.md")
        if not en_path.exists():
            continue  # the parity rule reports a missing translation
        page_count += 1
        en = page_text(en_path)
        vi = without_shared_quotes(page_text(vi_path), en)
        lower = vi.lower()
        words = frozenset(WORD.findall(lower))
        for term in terms:
            match = term.maybe_in(lower, words) and term.in_vi(vi)
            if match and not term.in_en(en):
                line = vi.count("\n", 0, match.start()) + 1
                yield _finding(ctx.rel(en_path), 1, term,
                               f"the Vietnamese page ({ctx.rel(vi_path)}:{line})")
    ctx.summary.append(f"Term consistency: {_n(data_count + page_count, 'bilingual pair')} "
                       f"checked ({_n(data_count, 'data record')}, {_n(page_count, 'page pair')})"
                       f" against {_n(len(terms), 'glossary term')}")


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _finding(where: str, line: int, term: Pattern, vi_where: str) -> Finding:
    forms = term.term.forms.en or [term.term.en]
    said = " or ".join(f"“{form}”" for form in forms)
    return Finding(where, line, RULE,
                   f"{vi_where} uses “{term.term.vi}”, but the English never says {said}",
                   f"use the glossary's rendering (data/glossary.yml, term {term.term.id}); "
                   "if the Vietnamese word is meant in another sense there, list the phrase "
                   "under that term's forms.not_term with a comment saying why")
