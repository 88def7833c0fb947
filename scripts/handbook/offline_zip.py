"""The offline package: `python -m scripts.handbook zip`.

Builds the site again with Material's `offline` plugin (STCB_OFFLINE=true: links
end in index.html, the search index is inlined for file://, the iframe-worker
shim comes from the site) into site-offline/, leaves out what a reader never
loads (source maps, lunr languages the site does not use, the JSON search
indexes that only a web server reads), and zips it into
site/downloads/so-tay-bi-thu-chi-bo-offline.zip under one folder,
so-tay-bi-thu-chi-bo/, with a short bilingual read-me (DOC-TRUOC-README.txt).

The small downloads a reader needs at a meeting or a class, the blank Word
templates, the checklist PDFs and the module slides (PACKED), are copied in from
the built site/downloads/, so they open offline too; the whole-book PDFs (2.6 MB
each), the whole-course slides and the ZIP itself are left on the website
(overrides/hooks/offline.py points those links there).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from scripts.handbook.paths import ROOT, SITE

ZIP_NAME = "so-tay-bi-thu-chi-bo-offline.zip"
FOLDER = "so-tay-bi-thu-chi-bo"
OFFLINE_SITE = ROOT / "site-offline"
# The budget: 4 MB since the six lecture decks per language joined (1.3 MB of .pptx,
# already compressed) in December 2026; 3 MB before.
LIMIT = 4 * 1024 * 1024
# Downloads copied into the package (prefixes of site paths); made by `make build`
# (`pdf checklists`, `pdf handouts`, `docx`, `deck`) before the ZIP. The module decks are in; the
# whole-course decks (about 420 KB each) stay on the website like the whole book.
PACKED = ("downloads/bieu-mau/", "downloads/checklist-", "downloads/slide/",
          "downloads/tai-lieu-phat-tay-")
# lunr files the worker loads: stemmer support and the non-English languages we
# index (one language per index, so no lunr.multi).
LUNR_KEEP = {"lunr.stemmer.support.min.js", "lunr.vi.min.js"}
README = """\
Sổ tay Bí thư chi bộ — bản ngoại tuyến
======================================

Mở tệp index.html trong thư mục này bằng trình duyệt (nhấp đúp). Cần giữ
nguyên cả thư mục: index.html dùng các tệp trong assets/, search/, en/...
Bản tiếng Anh: en/index.html.
Biểu mẫu trống dạng Word: thư mục downloads/bieu-mau/; checklist để in (PDF):
downloads/checklist-vi.pdf; slide bài giảng (.pptx): thư mục downloads/slide/.

Handbook for Party Cell Secretaries — offline copy
==================================================

Open index.html in this folder with a web browser (double-click it). Keep the
whole folder together: index.html uses the files in assets/, search/, en/...
The English version starts at en/index.html.
Blank templates as Word files: the downloads/bieu-mau/ folder; the checklists
to print (PDF): downloads/checklist-en.pdf; the lecture slides (.pptx): the
downloads/slide/ folder.
"""


def build(out: Path, config: Path = ROOT / "mkdocs.yml") -> None:
    env = {**os.environ, "STCB_OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config),
         "-d", str(out)],
        cwd=config.parent, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"offline build failed:\n{result.stderr}")


def skipped(rel: str) -> bool:
    """Files the offline copy does not need."""
    name = rel.rsplit("/", 1)[-1]
    if name.endswith((".map", ".gz", ".br")):
        # Source maps; sitemap.xml.gz (search engines only); any precompressed copy
        # (for a web server: a browser opening the ZIP's files reads the files themselves).
        return True
    if rel.startswith("downloads/"):
        return True  # never put the ZIP inside itself
    if name in ("404.html", "sitemap.xml"):
        return True  # for web servers and search engines; 404.html uses absolute URLs
    if "/search/" in f"/{rel}" and name.endswith(".json"):
        return True  # under file:// Material loads search_index.js
    if "/javascripts/lunr/" in f"/{rel}":
        return name not in LUNR_KEEP
    return False


def files(site: Path) -> list[tuple[Path, str]]:
    found = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and not skipped(rel):
            found.append((path, rel))
    return found


# A link to a download in a built page (relative, as the page_links hook writes it).
DOWNLOAD_HREF = re.compile(r'href="(?:\.\./|\./)*downloads/(?P<path>[^"#?]*)(?P<rest>[^"]*)"')


def packed(rel: str) -> bool:
    """Is this site path a download the package carries?"""
    return rel.startswith(PACKED)


def packed_files(site: Path) -> list[tuple[Path, str]]:
    downloads = site / "downloads"
    return [(path, rel) for path in sorted(downloads.rglob("*")) if path.is_file()
            and packed(rel := path.relative_to(site).as_posix())]


def missing_downloads(site: Path) -> list[str]:
    """Packed downloads the pages link to but site/downloads/ lacks."""
    have = {rel for _, rel in packed_files(site)}
    linked = set()
    for html in site.rglob("*.html"):
        for match in DOWNLOAD_HREF.finditer(html.read_text(encoding="utf-8")):
            if packed(rel := "downloads/" + match["path"]):
                linked.add(rel)
    return sorted(linked - have)


def write_zip(site: Path, target: Path, extra: list[tuple[Path, str]] = ()) -> int:
    """Zip *site* and the *extra* files into *target* (reproducibly: sorted
    entries, fixed dates)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        def add(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=9)

        add("DOC-TRUOC-README.txt", README.encode("utf-8"))
        for path, rel in sorted([*files(site), *extra], key=lambda item: item[1]):
            add(rel, path.read_bytes())
    tmp.replace(target)
    return target.stat().st_size


def main(site: Path = SITE, offline_site: Path = OFFLINE_SITE,
         config: Path = ROOT / "mkdocs.yml", build_offline: bool = True) -> int:
    """Build the offline copy (unless *build_offline* is false: `python -m
    scripts.handbook build` builds it at the same time as the downloads) and pack it."""
    if not (site / "index.html").exists():
        print(f"{site}/index.html is missing — build the site first (make build)")
        return 2
    missing = missing_downloads(site)
    if missing:
        print(f"{site}/{missing[0]} is missing ({len(missing)} packed download(s) in all) — "
              "make them first: python -m scripts.handbook pdf checklists SITE, "
              "python -m scripts.handbook pdf handouts SITE, "
              "python -m scripts.handbook docx SITE, python -m scripts.handbook deck SITE and "
              "python -m scripts.handbook work-rules-docx SITE "
              "(make build runs them before the ZIP)")
        return 2
    if build_offline:
        build(offline_site, config)
    target = site / "downloads" / ZIP_NAME
    size = write_zip(offline_site, target, packed_files(site))
    print(f"{target.relative_to(site.parent) if site.parent in target.parents else target}: "
          f"{size / 1024 / 1024:.2f} MB from {offline_site.name}/")
    if size > LIMIT:
        print(f"the offline ZIP is over its {LIMIT / 1024 / 1024:.0f} MB budget — leave out what "
              "a reader never opens (see skipped() in scripts/handbook/offline_zip.py)")
        return 1
    return 0
