"""The validator on the real site: the build passes with zero findings, and
breaking a link, an anchor or a translation in docs/ makes `make build` fail
with the file, the line and what to fix."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from scripts.handbook.paths import ROOT
from tests.conftest import copy_project, site_step


def check(site, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts.handbook", "check", str(site), *args],
                          cwd=ROOT, capture_output=True, text=True)


def test_real_site_has_zero_findings(built_site):
    # The site as `make build` leaves it: the downloads it links to come from
    # the steps after `mkdocs build` (checklist and book PDFs, blank Word
    # templates, lecture slides, the working-rules outline, offline ZIP).
    for step in (["pdf", "checklists"], ["pdf", "handouts"], ["pdf", "book"], ["docx"], ["deck"],
                 ["work-rules-docx"], ["zip"]):
        site_step(built_site, *step)
    result = check(built_site)
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("0 problems found by ")
    assert any(line.startswith("External links: ") for line in lines)


def make_build(project) -> subprocess.CompletedProcess:
    """`make build` in a copy of the project, with the shared virtual environment and
    npm packages (`-o setup`: the environment is already set up, install nothing)."""
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    (project / ".venv").symlink_to((ROOT / ".venv").resolve())
    (project / "node_modules").symlink_to((ROOT / "node_modules").resolve())  # Workbox
    env = {key: value for key, value in os.environ.items() if not key.startswith("MAKE")}
    return subprocess.run(["make", "--no-print-directory", "-o", "setup", "build"],
                          cwd=project, capture_output=True, text=True, env=env)


def append(path, text) -> int:
    """Append lines to a page; return the line number of the first one."""
    old = path.read_text(encoding="utf-8")
    path.write_text(old.rstrip("\n") + "\n" + text, encoding="utf-8")
    return len(old.rstrip("\n").splitlines()) + 1


def test_broken_link_anchor_and_translation_fail_make_build(tmp_path):
    project = copy_project(tmp_path)
    vi, en = project / "docs" / "bat-dau" / "index.md", project / "docs" / "bat-dau" / "index.en.md"
    # Raw HTML and a translation: MkDocs' own validation sees none of these.
    start = append(vi, "\n## Mục đích\n\n<a href=\"../khong-co-trang/\">Trang chưa viết</a>\n\n"
                       "<a href=\"#khong-co-muc\">Mục chưa có</a>\n")
    heading_vi, link, anchor = start + 1, start + 3, start + 5
    heading_en = append(en, "\n## Purpose\n\nSoon.\n") + 1

    result = make_build(project)

    out = result.stdout
    assert result.returncode != 0, out
    assert (project / "site" / "index.html").exists(), result.stderr  # mkdocs itself passed
    lines = out.splitlines()
    expected = [
        f'docs/bat-dau/index.md:{link}: [links] link "../khong-co-trang/" leads to a missing '
        "file (site/khong-co-trang/index.html) — correct the address, or create the missing page",
        f'docs/bat-dau/index.md:{anchor}: [anchors] link "#khong-co-muc" points at a section '
        '"#khong-co-muc" that docs/bat-dau/index.md does not have — link to an existing heading',
        f'docs/bat-dau/index.en.md:{heading_en}: [parity] heading "## Purpose" (h2 #purpose) '
        f'does not match docs/bat-dau/index.md:{heading_vi} "## Mục đích" (h2 #muc-dich) — '
        'give both the same id, e.g. "## Purpose {#muc-dich}"',
    ]
    for line in expected:
        assert any(got.startswith(line) for got in lines), f"missing: {line}\n--- got:\n{out}"
    assert any(line.startswith("3 problems found by ") for line in lines), out
    # The build still says how long each step took, and which one failed.
    assert "make build: check failed (exit 1)" in lines and "Build steps" in out


def test_broken_markdown_link_fails_make_build_in_mkdocs(tmp_path):
    # Markdown links are MkDocs' own job (validation: in mkdocs.yml, --strict).
    project = copy_project(tmp_path)
    page = project / "docs" / "index.en.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "(bat-dau/index.md)", "(bat-dau/khong-co.md)"), encoding="utf-8")
    result = make_build(project)
    assert result.returncode != 0
    assert "bat-dau/khong-co.md" in result.stderr


def test_bench_writes_its_figures(tmp_path):
    out = tmp_path / "bench.json"
    result = subprocess.run([sys.executable, "-m", "scripts.handbook", "bench", "--runs", "1",
                             "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["pages"]["html"] >= 2
    assert figures["build"]["cold"]["wall_s"] > 0 and figures["build"]["warm"]["wall_s"] > 0
    assert len(figures["validator"]["all_runs_s"]) == 1
    bare = figures["versus_bare"]
    assert bare["ratio"] > 0 and bare["cpu_ratio"] > 0
    assert "Build against bare Material" in result.stdout and "CPU time" in result.stdout
    # A plain `mkdocs build` has no downloads yet (make build adds them), so the
    # count is reported, not required to be zero: test_real_site_has_zero_findings is.
    assert isinstance(figures["validator"]["findings"], int)
    assert "per 100 pages" in result.stdout
