"""The site builds strictly, with Vietnamese anchors and a 404 page per language."""

from __future__ import annotations

import pytest

from scripts.handbook.markers import MarkerError, expand
from scripts.handbook.slug import slugify
from tests.conftest import copy_project as _copy_project
from tests.conftest import mkdocs_build


@pytest.mark.parametrize(("heading", "slug"), [
    ("Mục đích", "muc-dich"),
    ("Đảng ủy cơ sở", "dang-uy-co-so"),
    ("Bước một: chuẩn bị nội dung", "buoc-mot-chuan-bi-noi-dung"),
    ("Quy trình ra nghị quyết (4 bước)", "quy-trinh-ra-nghi-quyet-4-buoc"),
])
def test_slugify_folds_vietnamese(heading, slug):
    assert slugify(heading) == slug


def test_strict_build_succeeds(built_site):
    assert (built_site / "index.html").exists()
    assert (built_site / "en" / "index.html").exists()


def test_each_language_has_its_own_404(built_site):
    vi = (built_site / "404.html").read_text(encoding="utf-8")
    en = (built_site / "en" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in vi
    assert '<html lang="en"' in en


def test_english_sitemap_exists_for_the_language_selector(built_site):
    assert (built_site / "en" / "sitemap.xml").exists()


def test_heading_anchor_with_d_is_kept(tmp_path):
    project = _copy_project(tmp_path)
    page = project / "docs" / "bat-dau" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n## Mục đích\n", encoding="utf-8")
    page_en = project / "docs" / "bat-dau" / "index.en.md"
    page_en.write_text(page_en.read_text(encoding="utf-8") + "\n## Purpose {#muc-dich}\n",
                       encoding="utf-8")
    result = mkdocs_build(tmp_path / "out", project / "mkdocs.yml", project)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "bat-dau" / "index.html").read_text(encoding="utf-8")
    assert 'id="muc-dich"' in html


def test_unknown_marker_fails_the_build_with_file_and_line(tmp_path):
    project = _copy_project(tmp_path)
    page = project / "docs" / "bat-dau" / "index.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.append("<!-- stcb:no-such-kind abc -->")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = mkdocs_build(tmp_path / "out", project / "mkdocs.yml", project)
    assert result.returncode != 0
    assert f"docs/bat-dau/index.md:{len(lines)}: unknown marker kind 'no-such-kind'" \
        in result.stderr


def test_malformed_marker_is_reported():
    with pytest.raises(MarkerError) as error:
        expand("text\n<!-- stcb checklist x -->\n", src_path="docs/x.md", lang="vi", env=None)
    assert str(error.value).startswith("docs/x.md:2: malformed marker")
