"""The working-rules outline (data/quy-che.yml): every section cites existing source
paragraphs, the Word file carries the same outline, and a bad id stops with file:line."""

from __future__ import annotations

import shutil

import docx
import pytest

from scripts.handbook import work_rules
from scripts.handbook.markers import MarkerError
from scripts.handbook.paths import DATA


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_word_file_has_every_section_with_its_sources(tmp_path, lang):
    rules = work_rules.load()
    target = tmp_path / "quy-che.docx"
    work_rules.write_docx(rules, lang, target)
    text = [p.text for p in docx.Document(str(target)).paragraphs]
    label = {"vi": "Nguồn", "en": "Source"}[lang]
    for number, section in enumerate(rules.sections, 1):
        assert f"{number}. {getattr(section.title, lang)}" in text
        assert f"{label}: ¶ {', '.join(section.source)}" in text
    page = docx.Document(str(target)).sections[0]
    assert round(page.page_width.mm) == 210 and round(page.left_margin.mm) == 30


def test_unknown_source_id_names_the_file_and_line(tmp_path):
    for name in (work_rules.FILE, "source.yml"):
        shutil.copy(DATA / name, tmp_path / name)
    path = tmp_path / work_rules.FILE
    text = path.read_text(encoding="utf-8").replace("source: [b-3]", "source: [b-99]")
    path.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "b-99" in row)
    with pytest.raises(MarkerError) as error:
        work_rules.load(tmp_path)
    assert f"{path}:{line}" in str(error.value)
    assert "section nguyen-tac cites 'b-99'" in str(error.value)
