"""A temporary copy of the project with stand-in pages for the search tests.

The query set (tests/search_queries.yml) names pages agreed in IDS.md. Pages
that do not exist in docs/ yet get a stand-in from pages.yml, built from the
source article's paragraphs (data/source.yml) and short English renderings.
Once the real page exists it is used instead, so the same queries then test
the real content.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
import zipfile
from pathlib import Path

import yaml

from scripts.handbook.paths import DATA, DOCS, ROOT

PAGES = Path(__file__).parent / "pages.yml"


def _paragraphs() -> dict[str, dict]:
    source = yaml.safe_load((DATA / "source.yml").read_text(encoding="utf-8"))
    return {p["id"]: p for p in source["paragraphs"]}


def _page(title: str, body: str) -> str:
    description = title  # the validator may want more; this is a test stand-in
    return f"---\ntitle: {title}\ndescription: {description}\n---\n\n# {title}\n\n{body}\n"


def stand_in_pages() -> dict[str, str]:
    """{relative docs path: Markdown} for every stand-in page missing from docs/."""
    paragraphs = _paragraphs()
    pages = {}
    for slug, spec in yaml.safe_load(PAGES.read_text(encoding="utf-8")).items():
        if (DOCS / f"{slug}.md").exists():
            continue
        parts = [spec["vi_extra"].strip()] if spec.get("vi_extra") else []
        for pid in spec["source"]:
            para = paragraphs[pid]
            text = " ".join(para["vi"].split())
            parts.append(f"- {text}" if para["kind"] == "list-item" else text)
        pages[f"{slug}.md"] = _page(spec["vi_title"], "\n\n".join(parts))
        pages[f"{slug}.en.md"] = _page(spec["en_title"], spec["en"].strip())
    return pages


def make_project(target: Path) -> Path:
    """Copy the project to *target* and add the stand-in pages (outside the nav)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "overrides", "data", "scripts"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    added = stand_in_pages()
    for rel, text in added.items():
        path = target / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if added:
        # Stand-ins are not in the nav; say so, or --strict fails on omitted files.
        patterns = "".join(f"  /{rel}\n" for rel in sorted(added))
        config += f"\nnot_in_nav: |\n{patterns}"
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


# Built once per test process, shared by the test modules that need them ------
@functools.cache
def _tmp() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="stcb-search-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@functools.cache
def project() -> Path:
    return make_project(_tmp() / "project")


def served_site(built_site: Path) -> Path:
    """The stand-in project built as for the web (site/): the run's shared built site
    itself when every page the queries name exists (no stand-in is needed)."""
    if not stand_in_pages():
        return built_site
    return _stand_in_site()


@functools.cache
def _stand_in_site() -> Path:
    from tests.conftest import mkdocs_build

    site = _tmp() / "site"
    result = mkdocs_build(site, project() / "mkdocs.yml", project())
    assert result.returncode == 0, result.stderr
    return site


@functools.cache
def offline_package(built_site: Path) -> Path:
    """The offline ZIP of the served site, unzipped: returns the folder with index.html."""
    from scripts.handbook import offline_zip
    from tests.conftest import site_step

    site = served_site(built_site)
    # The downloads the package carries, made as `make build` makes them (in a
    # process of their own: the tests' Playwright may already be running here),
    # once for the run on the shared site.
    for command in (["pdf", "checklists"], ["pdf", "handouts"], ["docx"], ["deck"],
                    ["work-rules-docx"]):
        site_step(site, *command)
    if site == built_site:
        site_step(site, "zip")
    else:
        status = offline_zip.main(site, _tmp() / "site-offline", project() / "mkdocs.yml")
        assert status == 0
    target = _tmp() / "unzipped"
    with zipfile.ZipFile(site / "downloads" / offline_zip.ZIP_NAME) as archive:
        archive.extractall(target)
    return target / offline_zip.FOLDER
