"""`python -m scripts.handbook compress`: a .gz and a .br next to the same text
files (large enough, and only where the copy is smaller), each decompressing to
the file, the same bytes on every run; and the offline ZIP carries neither."""

from __future__ import annotations

import gzip
import os

import brotli

from scripts.handbook import compress, offline_zip

TEXT = "<p>Bí thư chi bộ chủ trì sinh hoạt chi bộ hằng tháng.</p>\n" * 40


def small_site(root):
    files = {
        "index.html": TEXT,
        "assets/javascripts/bundle.a5f9d56c.min.js": "var stcb = 1;\n" * 100,
        "search/search_index.full.json": '{"docs": []}' + " " * 400,
        "assets/stylesheets/tiny.css": "a{color:red}",  # under MIN_SIZE
        "assets/fonts/font.woff2": "woff2 " * 100,  # not a text type
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    # Random bytes: neither gzip nor Brotli makes them smaller.
    (root / "assets/javascripts/random.js").write_bytes(os.urandom(2000))
    return root


def copies(root, suffix):
    return sorted(p.relative_to(root).as_posix()[:-len(suffix)] for p in root.rglob("*" + suffix))


def test_a_br_exactly_where_a_gz_and_both_decompress_to_the_file(tmp_path):
    site = small_site(tmp_path)
    (site / "assets/javascripts/random.js.br").write_bytes(b"stale")  # an old, larger copy
    totals = compress.compress(site)
    expected = ["assets/javascripts/bundle.a5f9d56c.min.js", "index.html",
                "search/search_index.full.json"]
    assert copies(site, ".gz") == expected
    assert copies(site, ".br") == expected
    assert totals[".br"][0] == totals[".gz"][0] == 3
    for rel in expected:
        data = (site / rel).read_bytes()
        assert gzip.decompress((site / f"{rel}.gz").read_bytes()) == data
        assert brotli.decompress((site / f"{rel}.br").read_bytes()) == data
        assert (site / f"{rel}.br").stat().st_size < len(data)


def test_the_copies_are_the_same_on_every_run(tmp_path):
    first, second = small_site(tmp_path / "a"), small_site(tmp_path / "b")
    compress.compress(first)
    compress.compress(second)
    for suffix in (".gz", ".br"):
        for rel in copies(first, suffix):
            assert (first / f"{rel}{suffix}").read_bytes() == \
                (second / f"{rel}{suffix}").read_bytes(), rel


def test_quality_11_for_hashed_assets_and_search_indexes():
    best = compress.BR_QUALITY_BEST
    assert best == 11
    assert compress.brotli_quality("assets/javascripts/bundle.a5f9d56c.min.js") == best
    assert compress.brotli_quality("assets/stylesheets/stcb.28283005.css") == best
    assert compress.brotli_quality("search/search_index.full.json") == best
    assert compress.brotli_quality("en/search/search_index.json") == best
    assert compress.brotli_quality("en/bat-dau/index.html") < best
    assert compress.brotli_quality("assets/stylesheets/stcb.css") < best


def test_the_offline_zip_leaves_precompressed_copies_out():
    assert offline_zip.skipped("index.html.br")
    assert offline_zip.skipped("assets/javascripts/bundle.a5f9d56c.min.js.gz")
    assert not offline_zip.skipped("index.html")
