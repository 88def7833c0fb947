"""Print pages of the built site to PDF with Debian's headless Chromium.

    print_pages(site_dir, [("checklist/tat-ca/", Path("out.pdf")), ...])

serves *site_dir* on 127.0.0.1 (a free port, in a thread), opens each page in
Chromium through Playwright and saves `page.pdf()` in A4 with the page's own
print CSS (@page size and margins win). Nothing is fetched from another host:
every request outside the local server is aborted.

The checklist booklets (`python -m scripts.handbook pdf checklists [SITE]`) are
built here; the whole-book PDF can reuse `print_pages`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from scripts.handbook.browser import local_page, open_built

# The checklist booklets: (page of the site, file written under the site).
CHECKLIST_BOOKLETS = [
    ("checklist/tat-ca/", "downloads/checklist-vi.pdf"),
    ("en/checklist/tat-ca/", "downloads/checklist-en.pdf"),
]
# The course handouts, one A4 page per module ("print all six": a phone has no Ctrl+P).
HANDOUT_BOOKLETS = [
    ("tap-huan/tai-lieu-phat-tay/", "downloads/tai-lieu-phat-tay-vi.pdf"),
    ("en/tap-huan/tai-lieu-phat-tay/", "downloads/tai-lieu-phat-tay-en.pdf"),
]


def print_pages(site_dir: Path, jobs: Sequence[tuple[str, Path]]) -> list[Path]:
    """Print each (url_path, out_file) of the site in *site_dir*; return the files."""
    written = []
    with local_page(site_dir) as (page, base):
        for url_path, out_file in jobs:
            open_built(page, base, url_path)
            page.evaluate("document.fonts.ready.then(() => true)")
            page.emulate_media(media="print")
            out_file = Path(out_file)
            out_file.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(path=str(out_file), format="A4", print_background=True,
                     prefer_css_page_size=True)
            page.emulate_media(media="screen")
            written.append(out_file)
    return written


_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def page_count(pdf: Path) -> int:
    """Pages in a PDF written by Chromium (Skia writes one /Type /Page object per
    page, uncompressed); the tests cross-check this against poppler's pdfinfo."""
    return len(_PAGE.findall(Path(pdf).read_bytes()))


def checklist_booklets(site_dir: Path) -> int:
    """Write the checklist PDFs into the site; fail if a checklist overflows its page."""
    from scripts.handbook.data import load_checklists

    return _booklets(site_dir, CHECKLIST_BOOKLETS, len(load_checklists().checklists),
                     "checklist", "a checklist no longer fits on one A4 page: shorten its "
                     "items or hints in data/checklists.yml")


def handout_booklets(site_dir: Path) -> int:
    """Write the handout PDFs (every module's handout, one A4 page each) into the site."""
    from scripts.handbook.course_data import load_course

    return _booklets(site_dir, HANDOUT_BOOKLETS, len(load_course().modules), "handout",
                     "a handout no longer fits on one A4 page: shorten the module's "
                     "objectives or key points in data/course.yml")


def _booklets(site_dir: Path, booklets, expected: int, what: str, why: str) -> int:
    jobs = [(url, site_dir / out) for url, out in booklets]
    status = 0
    for pdf in print_pages(site_dir, jobs):
        pages = page_count(pdf)
        rel = pdf.relative_to(site_dir).as_posix()
        if pages != expected:
            print(f"{rel}: {pages} pages for {expected} {what}s — {why}")
            status = 1
        else:
            print(f"{rel}: {pages} pages, one per {what}")
    return status
