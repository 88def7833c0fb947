"""The measuring tools behind `make perf` (no budget or timing assertions:
`python -m scripts.handbook perf` reports the figures)."""

from __future__ import annotations

import pytest

from scripts.handbook import nginx, perf

pytestmark = pytest.mark.browser


def test_cold_load_counts_compressed_bytes_and_every_request(browser, built_site):
    with nginx.run(built_site) as base:
        result = perf.cold_load(browser, base + "/", "nghi quyet")
    files = {f["url"]: f["bytes"] for f in result["files"]}
    raw_html = (built_site / "index.html").stat().st_size
    assert 0 < files[""] < raw_html  # the page came gzipped
    assert result["font_bytes"] > 0 and any(u.endswith(".woff2") for u in files)
    assert all(size > 0 for size in files.values())
    worker = next(u for u in files if "/workers/stcb-search." in u)
    assert files[worker] > 1500  # the worker's body is counted too, not only its headers
    assert result["requests"] == len(result["files"])
    assert result["bytes"] == sum(f["bytes"] for f in result["files"])
    # Search is loaded on the first query, not with the page.
    assert not any("search_index.full.json" in u for u in files)
    assert any("search_index.full.json" in f["url"] for f in result["first_search"]["files"])


def test_the_word_scripts_are_not_part_of_a_form_pages_first_load(browser, built_site):
    with nginx.run(built_site) as base:
        result = perf.cold_load(browser, f"{base}/{perf.TEMPLATE_PAGE}", docx=True)
    first = {f["url"] for f in result["files"]}
    assert any(u.endswith("stcb-templates.js") for u in first)  # the form's own script
    assert not any(u.endswith(perf.DOCX_SCRIPTS) for u in first)
    lazy = {f["url"]: f["bytes"] for f in result["docx_on_first_use"]["files"]}
    assert sorted(lazy) == sorted(perf.DOCX_SCRIPTS)
    raw = (built_site / perf.DOCX_SCRIPTS[0]).stat().st_size
    assert 0 < lazy[perf.DOCX_SCRIPTS[0]] < raw / 2  # the library came gzipped


def test_a_large_meetings_file_is_checked_imported_and_exported(browser, server):
    result = perf.meetings_io(browser, f"{server}/{perf.TEMPLATE_PAGE}")
    assert result["saved"] is True and result["meetings"] == perf.IO_MEETINGS
    assert 3 * 1024 * 1024 < result["file_bytes"] < 5 * 1024 * 1024  # under the import limit
    assert result["export_bytes"] >= result["file_bytes"]  # every meeting came back out
    assert min(result["check_ms"], result["import_and_save_ms"], result["export_ms"]) >= 0


def test_a_roll_of_60_members_is_timed_on_the_minutes(browser, server):
    # The figures only (no timed assertion): the roll call, checks, document and preview
    # of a cell whose profile holds 60 members.
    roll = perf.roll_timing(browser, f"{server}/{perf.TEMPLATE_PAGE}")
    assert roll["roll_members"] == 60 and roll["members"] == 56  # exempt and attached apart
    assert roll["attendance"].startswith("Tổng số đảng viên: 59 (chính thức 52, dự bị 7); "
                                         "có mặt 50 (chính thức 44, dự bị 6); vắng 6")
    assert roll["vote"] == "nhất trí 100% (44/44 đảng viên chính thức có mặt)"
    assert roll["printed_chars"] > 0
    for key in ("roll_call_ms", "checks_ms", "document_ms", "preview_ms"):
        assert roll[key] >= 0
    assert "roll of 60 members" in perf.roll_report(roll)


def test_index_sizes_and_pages(built_site):
    sizes = perf.index_sizes(built_site)
    assert set(sizes) == {"vi", "en"}
    assert all(s["documents"] > 0 and 0 < s["br_bytes"] < s["gzip_bytes"] < s["bytes"]
               for s in sizes.values())
    paths = perf.page_paths(built_site)
    assert "" in paths and "en/" in paths and not any(p.startswith("assets") for p in paths)


def test_bare_material_site_has_the_same_pages_and_none_of_ours(tmp_path):
    site = perf.build_bare(tmp_path)
    assert (site / "index.html").exists() and (site / "bat-dau" / "index.html").exists()
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "stcb" not in html.split("</head>")[0] and "fonts.googleapis" not in html
