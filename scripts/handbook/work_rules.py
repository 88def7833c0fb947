"""The outline of the working rules of the cell committee and the head of the unit
(data/quy-che.yml): schema, loader, and the Word files `make build` writes.

    python -m scripts.handbook work-rules-docx [SITE]
        SITE/downloads/bieu-mau/quy-che-hoat-dong.docx (Vietnamese) and
        quy-che-hoat-dong-en.docx (English), made with python-docx from the data, so
        the page (<!-- stcb:work-rules -->) and the Word file cannot drift apart.

The Word file is A4 with the margins of data/layout.yml (read directly) in Times New
Roman 14 pt, the body size of Party documents.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationError

from scripts.handbook import yaml_lines
from scripts.handbook.data import Bilingual, Strict, load_source, read_yaml
from scripts.handbook.markers import MarkerError
from scripts.handbook.paths import DATA, SITE

FILE = "quy-che.yml"
DOWNLOADS = {"vi": "downloads/bieu-mau/quy-che-hoat-dong.docx",
             "en": "downloads/bieu-mau/quy-che-hoat-dong-en.docx"}
DOTS = "…" * 40


class Section(Strict):
    id: str
    title: Bilingual
    points: list[Bilingual] = Field(min_length=1)
    fill: Bilingual | None = None
    source: list[str] = Field(min_length=1)


class WorkRules(Strict):
    title: Bilingual
    note: Bilingual
    sections: list[Section] = Field(min_length=1)


def load(data_dir: Path = DATA) -> WorkRules:
    """The outline; a shape error or an unknown source id raises MarkerError(file, line)."""
    path = data_dir / FILE
    value, lines = yaml_lines.load(path)
    try:
        rules = WorkRules.model_validate(value)
    except ValidationError as error:
        first = error.errors()[0]
        raise MarkerError(path, lines.at(tuple(first["loc"])),
                          f"{' › '.join(map(str, first['loc']))}: {first['msg'].lower()}") \
            from None
    known = set(load_source(data_dir).by_id())  # parsed once per build
    for si, section in enumerate(rules.sections):
        for pi, pid in enumerate(section.source):
            if pid not in known:
                raise MarkerError(path, lines.at(("sections", si, "source", pi)),
                                  f"section {section.id} cites '{pid}', which is not a "
                                  "paragraph id in data/source.yml")
    return rules


def _labels(lang: str) -> dict[str, str]:
    return {"vi": {"source": "Nguồn", "fill": "Chi bộ, đơn vị ghi"},
            "en": {"source": "Source", "fill": "For the cell and the unit to fill in"}}[lang]


def write_docx(rules: WorkRules, lang: str, target: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    layout = read_yaml(DATA / "layout.yml")
    margins = _margins(layout)
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(margins[0]), Mm(margins[1])
    section.left_margin, section.right_margin = Mm(margins[2]), Mm(margins[3])
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    labels = _labels(lang)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(getattr(rules.title, lang).upper())
    run.bold = True
    note = document.add_paragraph()
    note.add_run(getattr(rules.note, lang)).italic = True
    for number, part in enumerate(rules.sections, 1):
        heading = document.add_paragraph()
        heading.add_run(f"{number}. {getattr(part.title, lang)}").bold = True
        for point in part.points:
            document.add_paragraph(f"– {getattr(point, lang)}")
        if part.fill:
            document.add_paragraph(f"{labels['fill']}: {getattr(part.fill, lang)}:")
            document.add_paragraph(DOTS)
            document.add_paragraph(DOTS)
        cite = document.add_paragraph()
        cite_run = cite.add_run(f"{labels['source']}: ¶ {', '.join(part.source)}")
        cite_run.font.size = Pt(10)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))


def _margins(layout) -> tuple[float, ...]:
    """(top, bottom, left, right) in mm from data/layout.yml `values: margin-*: value: 20mm`
    (read directly: the template engine's loader is not needed for four numbers)."""
    values = (layout or {}).get("values") or {}

    def mm(side: str) -> float:
        raw = str((values.get(f"margin-{side}") or {}).get("value", "")).strip()
        if not raw.endswith("mm"):
            raise ValueError(f"data/layout.yml: margin-{side} must be in mm, got {raw!r}")
        return float(raw[:-2])

    return tuple(mm(side) for side in ("top", "bottom", "left", "right"))


def main(site: Path = SITE) -> int:
    if not (site / "index.html").exists():
        print(f"{site}: no built site here — run `mkdocs build` first")
        return 1
    rules = load()
    for lang, rel in DOWNLOADS.items():
        target = site / rel
        write_docx(rules, lang, target)
        print(f"{rel}: {len(rules.sections)} sections ({lang})")
    return 0
