"""Rules about what the handbook adds beyond the source article.

    added-citations  every "Bổ sung" / "Added" box cites the register of documents
                     (data/documents.yml) with <!-- stcb:docs ID ... -->; every cited id
                     is in the register; a superseded document is cited only as the
                     former rule (`was:ID`)

Reports nothing when data/documents.yml is absent under ctx.root.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import ValidationError

from scripts.handbook import data
from scripts.handbook.check import Context, Finding, rule
from scripts.handbook.check.source import pages
from scripts.handbook.data_documents import FORMER, Register
from scripts.handbook.markers import find

RULE = "added-citations"
# An admonition (!!! or ??? / ???+) titled "Bổ sung" or "Added": the box that holds
# what the handbook adds (docs/tra-cuu/gioi-thieu.md#bo-sung).
ADDED_BOX = re.compile(r'^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+[\w-]+\s+"(?:Bổ sung|Added)"\s*$')
EXAMPLE = "<!-- stcb:docs hd-12-2018 -->"


def boxes(text: str) -> Iterator[tuple[int, int]]:
    """(first line, last line) of every Added box, 1-based: the opener and the lines
    below it that are blank or indented deeper."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        match = ADDED_BOX.match(line)
        if not match:
            continue
        indent = len(match.group("indent"))
        last = index
        for below in range(index + 1, len(lines)):
            body = lines[below]
            if body.strip() and len(body) - len(body.lstrip()) <= indent:
                break
            if body.strip():
                last = below
        yield index + 1, last + 1


def load_register(ctx: Context) -> tuple[Register | None, Finding | None]:
    path = ctx.data / "documents.yml"
    try:
        return Register.model_validate(data.read_yaml(path)), None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return None, Finding(ctx.rel(path), 1, RULE,
                             f"data/documents.yml does not match its schema at {where or 'top'}: "
                             f"{first['msg']}", "fix the record (see the comment at the top of "
                             "the file)")


@rule(RULE)
def added_citations(ctx: Context) -> Iterator[Finding]:
    if not (ctx.data / "documents.yml").exists():
        return
    register, problem = load_register(ctx)
    if register is None:
        yield problem
        return
    known = register.by_id()
    box_count = 0
    for path in pages(ctx):
        text = path.read_text(encoding="utf-8")
        where = ctx.rel(path)
        cited_lines = set()
        for line, kind, args, _match in find(text):
            if kind != "docs":
                continue
            cited_lines.add(line)
            if not args:
                yield Finding(where, line, RULE, "docs marker without document ids",
                              f"name the documents, e.g. {EXAMPLE}")
            for arg in args:
                former = arg.startswith(FORMER)
                doc_id = arg.removeprefix(FORMER)
                doc = known.get(doc_id)
                if doc is None:
                    yield Finding(where, line, RULE,
                                  f"cites document '{doc_id}', which is not in the register",
                                  "use an id from data/documents.yml, or add the document "
                                  "there with its status")
                elif doc.superseded_by and not former:
                    yield Finding(where, line, RULE,
                                  f"cites {doc_id} as current, but it was replaced by "
                                  f"{doc.superseded_by}",
                                  f"cite {doc.superseded_by}; to mention the old rule as such, "
                                  f"write was:{doc_id}")
                elif former and not doc.superseded_by:
                    yield Finding(where, line, RULE,
                                  f"cites {doc_id} as a former rule (was:), but the register "
                                  "names nothing that replaced it",
                                  f"write {doc_id} without was:, or give it superseded_by "
                                  "in data/documents.yml")
        for first, last in boxes(text):
            box_count += 1
            if not any(first < line <= last for line in cited_lines):
                yield Finding(where, first, RULE,
                              "this Bổ sung / Added box cites no document from the register",
                              f"end the box with the documents it rests on, e.g. {EXAMPLE}")
    ctx.summary.append(f"Added boxes: {box_count}, checked against a register of "
                       f"{len(register.documents)} documents")
