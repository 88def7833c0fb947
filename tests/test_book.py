"""The whole-book PDFs (`python -m scripts.handbook pdf book`), printed by Chromium
into the built site (shared by the run) and read back with poppler's pdftotext/pdfinfo."""

from __future__ import annotations

import re
import subprocess
import unicodedata

import pytest

from scripts.handbook.book import BOOK_PDF, SKIP, nav_pages, pdf_pages_text, plan
from scripts.handbook.data import load_checklists
from scripts.handbook.urls import stem
from tests.conftest import site_step

pytestmark = pytest.mark.browser

COVER = {"vi": "Sổ tay Bí thư chi bộ", "en": "Handbook for Party Cell Secretaries"}


@pytest.fixture(scope="module")
def books(built_site):
    """{lang: [text of each page]} after the command ran on the built site."""
    site_step(built_site, "pdf", "book")
    pdfs = {lang: built_site / BOOK_PDF.format(lang=lang) for lang in ("vi", "en")}
    for pdf in pdfs.values():
        assert pdf.is_file()
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                              check=True).stdout
        assert re.search(r"^Pages:\s+(\d+)", info, re.M)
    return {lang: pdf_pages_text(pdf) for lang, pdf in pdfs.items()}


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def test_every_nav_section_has_a_chapter_in_the_book(books):
    for lang, pages in books.items():
        text = squash("\n".join(pages))
        book = plan(lang)
        sections = {chapter.section for chapter in book.chapters}
        assert None not in sections or len(sections) > 1
        for section in sections - {None}:
            first = next(c for c in book.chapters if c.section == section)
            assert squash(first.title) in text, (lang, section, first.title)
        # every nav page but the few SKIP names is a chapter
        expected = [stem(src) for _, src in nav_pages(_config())
                    if stem(src) not in SKIP]
        assert [c.stem for c in book.chapters] == expected


def _config():
    from scripts.handbook.book import _config

    return _config()


def test_cover_contents_and_page_count(books):
    for lang, pages in books.items():
        assert len(pages) > 30, (lang, len(pages))
        assert COVER[lang] in squash(pages[0])
        assert "SPKT" in pages[0]
        contents = squash(pages[1])
        assert ("Mục lục" if lang == "vi" else "Contents") in contents
        # No marker of the first print is left in the book.
        assert not any("STCBCH" in page for page in pages)


def test_contents_page_numbers_point_at_the_chapters(books):
    for lang, pages in books.items():
        contents = squash(pages[1] + pages[2])
        for chapter in plan(lang).chapters:
            title = squash(chapter.title)
            match = re.search(re.escape(title) + r" (\d+)", contents)
            assert match, (lang, title)
            page = int(match.group(1))
            assert title.split(":")[0] in squash(pages[page - 1]), (lang, title, page)


def test_page_numbers_in_the_footer(books):
    for lang, pages in books.items():
        assert not re.search(r"· 1\s*$", pages[0].strip())  # no number on the cover
        for number in (2, 5, len(pages)):
            footer = pages[number - 1].strip().splitlines()[-1]
            assert footer.endswith(f"· {number}"), (lang, number, footer)


def test_vietnamese_diacritics_and_checklist_items_survive(books):
    text = squash("\n".join(books["vi"]))
    assert text == unicodedata.normalize("NFC", text)
    for word in ("Bí thư chi bộ", "nghị quyết", "đảng viên", "Chuẩn bị", "chi ủy",
                 "Trách nhiệm", "người đứng đầu"):
        assert word in text, word
    for checklist in load_checklists().checklists[:3]:
        for lang in ("vi", "en"):
            item = squash(getattr(checklist.items[0].text, lang))
            assert item in squash("\n".join(books[lang])), (lang, item)


def test_each_checklist_prints_on_one_page(books):
    # (The command also fails when a checklist chapter takes more than one page.)
    for lang, pages in books.items():
        for checklist in load_checklists().checklists:
            title = squash(getattr(checklist.title, lang))
            first = squash(getattr(checklist.items[0].text, lang))
            last = squash(getattr(checklist.items[-1].text, lang))
            own = [page for page in map(squash, pages) if title in page and first in page]
            assert own, (lang, title)
            assert any(last in page for page in own), (lang, title)
