"""The search index rewrite: folded words, word pairs, one index per language,
our worker wired into every page, and the offline package's contents."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile

import pytest

from scripts.handbook import offline_zip
from scripts.handbook.paths import ROOT
from scripts.handbook.search_eval import page_key
from scripts.handbook.search_index import (
    FULL_INDEX,
    add_folded_fields,
    folded_words,
    language_base,
    load_synonyms,
    point_config_at_language,
    point_config_at_worker,
    split_by_language,
    word_pairs,
)


def test_folded_words_keep_only_words_with_diacritics():
    assert folded_words("<p>Bí thư chi bộ, <b>Đảng ủy</b> cơ sở</p>") == "bi thu bo dang uy co so"


def test_word_pairs_fold_and_stay_within_text_chunks():
    assert word_pairs("Họp chi ủy", "<p>Bí thư</p><p>chi bộ</p>") == \
        "hop_chi chi_uy bi_thu chi_bo"


def _index():
    return {
        "config": {"lang": ["vi", "en"], "separator": "[\\s\\-]+", "pipeline": [],
                   "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
        "docs": [
            {"location": "", "title": "Sổ tay", "text": "<p>chi bộ</p>"},
            {"location": "vai-tro/#muc-dich", "title": "Mục đích", "text": "<p>abc</p>"},
            {"location": "en/", "title": "Handbook", "text": "<p>cell</p>"},
            {"location": "en/vai-tro/", "title": "Role", "text": "<p>chi bộ</p>"},
        ],
    }


def test_folded_fields_are_listed_with_the_boost_of_their_source():
    index = add_folded_fields(_index())
    fields = index["config"]["fields"]
    assert fields["title_folded"] == {"boost": 1000.0}
    assert fields["text_folded"] == {"boost": 1.0}
    assert fields["pairs"] == {"boost": 1.0}
    home = index["docs"][0]
    assert (home["title_folded"], home["text_folded"]) == ("so", "bo")
    assert "pairs" not in home  # made by the worker when it loads the index
    assert "text_folded" not in index["docs"][2]  # nothing to fold in "cell"


WORKER = ROOT / "scripts" / "handbook" / "search_worker.js"
WORKER_PAIRS = """
const vm = require("vm"), fs = require("fs");
const scope = {postMessage() {}, addEventListener() {}, importScripts() {},
               location: {href: "http://x/"}, console};
vm.createContext(scope);
vm.runInContext(fs.readFileSync(process.argv[1], "utf8").replace("})(self);", "})(this);"), scope);
const docs = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(docs.map(d => scope.stcbWordPairs([d.title, d.text]))));
"""


def test_the_worker_makes_the_same_word_pairs_as_the_reference(built_site):
    # The worker fills in `pairs` on loading; over every document of the real site
    # (both languages) it must give exactly what word_pairs() gives.
    docs = []
    for index in (built_site / "search" / FULL_INDEX, built_site / "en" / "search" / FULL_INDEX):
        docs += json.loads(index.read_text(encoding="utf-8"))["docs"]
    docs.append({"title": "Đảng ủy &amp; <b>chi</b> bộ", "text": "<p>Số 05-BB/CB — Ỹ ặ</p>"})
    done = subprocess.run(["node", "-e", WORKER_PAIRS, str(WORKER)], input=json.dumps(docs),
                          capture_output=True, text=True, check=True)
    expected = [word_pairs(d.get("title") or "", d.get("text") or "") for d in docs]
    assert json.loads(done.stdout) == expected


def test_split_by_language_makes_locations_relative_to_the_language_root():
    parts = split_by_language(_index(), ["vi", "en"], "vi")
    assert [d["location"] for d in parts["vi"]["docs"]] == ["", "vai-tro/#muc-dich"]
    assert [d["location"] for d in parts["en"]["docs"]] == ["", "vai-tro/"]
    assert parts["vi"]["config"]["lang"] == ["vi"]
    assert parts["en"]["config"]["lang"] == ["en"]


@pytest.mark.parametrize(("base", "expected"), [
    ("..", "../en/"), ("../..", "../../en/"), (".", "./en/"), ("/", "/en/"), ("", "/en/"),
])
def test_language_base(base, expected):
    assert language_base(base, "en") == expected


def test_config_rewrites_touch_only_material_config():
    html = ('<a href="..">x</a><script id="__config" type="application/json">'
            '{"base": "..", "features": [], "search": "../assets/javascripts/workers/'
            'search.a7633da7.min.js"}</script>')
    html = point_config_at_worker(point_config_at_language(html, "en"), "stcb-search.1.min.js")
    assert '"base": "../en/"' in html
    assert '"search": "../assets/javascripts/workers/stcb-search.1.min.js"' in html
    assert html.startswith('<a href="..">')


@pytest.mark.parametrize(("url", "lang", "key"), [
    ("http://h:1/vai-tro/?h=bi+thu", "vi", "vai-tro/"),
    ("http://h:1/#toi-vua", "vi", ""),
    ("http://h:1/en/vai-tro/#x", "en", "vai-tro/"),
    ("http://h:1/en/vai-tro/", "vi", "en:vai-tro/"),
    ("http://h:1/vai-tro/", "en", "vi:vai-tro/"),
    ("file:///tmp/s/nhiem-vu/index.html", "vi", "nhiem-vu/"),
    ("file:///tmp/s/en/vai-tro.html?h=x", "en", "vai-tro/"),
])
def test_page_key(url, lang, key):
    base = "file:///tmp/s/" if url.startswith("file:") else "http://h:1/"
    assert page_key(url, base, lang) == key


# The real build ---------------------------------------------------------------

def _config(html: str) -> dict:
    match = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_each_language_has_its_own_lazy_index(built_site):
    for prefix, lang in (("", "vi"), ("en/", "en")):
        stub = json.loads((built_site / prefix / "search/search_index.json").read_text())
        assert stub["docs"] == []  # Material fetches this on every page: keep it small
        assert stub["config"]["lang"] == [lang]
        assert stub["config"]["stcb_index"] == f"../../../{prefix}search/search_index.full.json"
        full = json.loads((built_site / prefix / "search/search_index.full.json").read_text())
        assert full["docs"], "the full index is empty"
        assert not any(d["location"].startswith("en/") for d in full["docs"])
        assert {"title_folded", "text_folded", "pairs"} <= set(full["config"]["fields"])
    # The served site has no offline script index.
    assert not (built_site / "search/search_index.js").exists()


def test_pages_start_our_worker_and_english_pages_use_their_root(built_site):
    vi = _config((built_site / "bat-dau/index.html").read_text(encoding="utf-8"))
    en = _config((built_site / "en/bat-dau/index.html").read_text(encoding="utf-8"))
    en_404 = _config((built_site / "en/404.html").read_text(encoding="utf-8"))
    assert vi["base"] == ".."
    assert en["base"] == "../../en/"
    assert en_404["base"] == "/en/"
    worker = vi["search"].rsplit("/", 1)[-1]
    assert re.fullmatch(r"stcb-search\.[0-9a-f]{8}\.js", worker)
    assert en["search"].endswith(worker) and en_404["search"].endswith(worker)
    source = (built_site / "assets/javascripts/workers" / worker).read_text(encoding="utf-8")
    material = re.search(r'MATERIAL_WORKER = "([^"]+)"', source).group(1)
    assert (built_site / "assets/javascripts/workers" / material).exists()


def test_offline_package_is_small_and_self_contained(tmp_path, built_site):
    from scripts.handbook.paths import ROOT

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("stand-in for the served site")
    assert offline_zip.main(site, tmp_path / "offline", ROOT / "mkdocs.yml") == 0
    archive = site / "downloads" / offline_zip.ZIP_NAME
    assert archive.stat().st_size <= offline_zip.LIMIT
    names = zipfile.ZipFile(archive).namelist()
    folder = offline_zip.FOLDER + "/"
    assert all(name.startswith(folder) for name in names)
    assert {folder + "index.html", folder + "en/index.html", folder + "search/search_index.js",
            folder + "en/search/search_index.js",
            folder + "assets/javascripts/stcb-worker-shim.js"} <= set(names)
    assert not [n for n in names if n.endswith(".map") or n.endswith("search_index.json")]
    lunr = sorted(n.rsplit("/", 1)[1] for n in names if "/lunr/" in n)
    assert lunr == sorted(offline_zip.LUNR_KEEP)
    # Every page of both languages, as offline pages (no directory URLs).
    html = [n for n in names if n.endswith(".html")]
    assert len(html) >= 2 * len(list((ROOT / "docs").rglob("*.en.md")))
    home = zipfile.ZipFile(archive).read(folder + "index.html").decode("utf-8")
    assert "unpkg.com" not in home
    # The site's own worker shim (no inline script, which the CSP refuses), not the CDN's.
    assert 'src="assets/javascripts/stcb-worker-shim.js"' in home
    assert "iframe-worker/shim" not in home


def test_offline_package_carries_the_small_downloads(tmp_path, capsys):
    from scripts.handbook.paths import ROOT

    site = tmp_path / "site"
    (site / "bieu-mau").mkdir(parents=True)
    (site / "index.html").write_text('<a href="downloads/checklist-vi.pdf">')
    (site / "bieu-mau" / "index.html").write_text(
        '<a href="../downloads/bieu-mau/nghi-quyet-chi-bo.docx">'
        '<a href="../downloads/so-tay-bi-thu-chi-bo-vi.pdf">')
    # Linked but not made yet: the ZIP is refused, naming the file and the commands.
    assert offline_zip.main(site, tmp_path / "offline", ROOT / "mkdocs.yml") == 2
    out = capsys.readouterr().out
    assert f"{site}/downloads/bieu-mau/nghi-quyet-chi-bo.docx is missing (2 packed" in out
    assert "python -m scripts.handbook docx SITE" in out
    assert not (site / "downloads" / offline_zip.ZIP_NAME).exists()
    # Made: both are in the package (the book PDF, not packed, is not needed).
    (site / "downloads" / "bieu-mau").mkdir(parents=True)
    (site / "downloads" / "bieu-mau" / "nghi-quyet-chi-bo.docx").write_bytes(b"docx")
    (site / "downloads" / "checklist-vi.pdf").write_bytes(b"%PDF")
    assert offline_zip.main(site, tmp_path / "offline", ROOT / "mkdocs.yml") == 0
    archive = zipfile.ZipFile(site / "downloads" / offline_zip.ZIP_NAME)
    folder = offline_zip.FOLDER + "/"
    assert archive.read(folder + "downloads/bieu-mau/nghi-quyet-chi-bo.docx") == b"docx"
    assert archive.read(folder + "downloads/checklist-vi.pdf") == b"%PDF"
    names = archive.namelist()
    assert not [n for n in names if n.endswith(".zip") or "so-tay-bi-thu-chi-bo-vi.pdf" in n]
    assert names[0] == folder + "DOC-TRUOC-README.txt" and names[1:] == sorted(names[1:])


# The stylesheet bundle ----------------------------------------------------------

def test_css_bundle_joins_extra_css_and_relinks_pages(tmp_path):
    from scripts.handbook.css_bundle import make, relink

    css = tmp_path / "assets" / "stylesheets"
    css.mkdir(parents=True)
    (css / "fonts.css").write_text("@font-face{src:url(../fonts/a.woff2)}")
    (css / "stcb.css").write_text(".stcb-x{color:red}")
    bundle = make(tmp_path, ["assets/stylesheets/fonts.css", "assets/stylesheets/stcb.css",
                             "assets/stylesheets/missing.css"])
    assert re.fullmatch(r"assets/stylesheets/stcb\.[0-9a-f]{8}\.css", bundle.name)
    assert bundle.text.index("url(../fonts/a.woff2)") < bundle.text.index(".stcb-x")
    html = ('<head><link rel="stylesheet" href="../assets/stylesheets/main.1.min.css">\n'
            '<link rel="stylesheet" href="../assets/stylesheets/fonts.css">\n'
            '<link rel="stylesheet" href="../assets/stylesheets/stcb.css">\n</head><body>'
            '<link rel="stylesheet" href="../assets/stylesheets/stcb.css"></body>')
    out = relink(html, bundle)
    head, body = out.split("</head>")
    assert f'href="../{bundle.name}"' in head
    assert "fonts.css" not in head and "stcb.css" not in head
    assert head.index("main.1.min.css") < head.index(bundle.name)
    assert body == '<body><link rel="stylesheet" href="../assets/stylesheets/stcb.css"></body>'


def test_built_pages_load_one_stylesheet_of_ours(built_site):
    for page in ("index.html", "en/bat-dau/index.html", "404.html", "en/404.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        ours = re.findall(r'<link rel="stylesheet" href="[^"]*assets/stylesheets/(stcb[^"]*)"',
                          html)
        assert len(ours) == 1 and re.fullmatch(r"stcb\.[0-9a-f]{8}\.css", ours[0]), page
        assert (built_site / "assets/stylesheets" / ours[0]).exists()


def test_synonyms_are_folded_for_matching_and_kept_for_searching(tmp_path):
    (tmp_path / "search-synonyms.yml").write_text(
        "vi:\n- say: Họp  chi bộ\n  means: sinh hoạt chi bộ\nen:\n- say: branch\n"
        "  means: cell\n", encoding="utf-8")
    assert load_synonyms(tmp_path) == {"vi": [["hop chi bo", "sinh hoạt chi bộ"]],
                                       "en": [["branch", "cell"]]}
    (tmp_path / "search-synonyms.yml").write_text("vi:\n- say: họp\n", encoding="utf-8")
    with pytest.raises(ValueError, match="entry 1 of vi needs say: and means:"):
        load_synonyms(tmp_path)


def test_index_carries_the_synonyms_and_leaves_out_the_added_boxes(built_site):
    # An admonition's title is indexed as a paragraph of its own; the boxes of the
    # "Kinds of meeting" section open with this sentence.
    for prefix, word, box in (("", "hop chi bo", "Những điểm dưới đây không có trong bài"),
                              ("en/", "branch", "The points below are not in the source")):
        full = json.loads((built_site / prefix / "search/search_index.full.json").read_text())
        assert word in [pair[0] for pair in full["config"]["stcb_synonyms"]]
        stub = json.loads((built_site / prefix / "search/search_index.json").read_text())
        assert stub["config"]["stcb_synonyms"] == full["config"]["stcb_synonyms"]
        # The boxes' text is not in the index, so it never fills a result snippet.
        assert not [d["location"] for d in full["docs"] if box in d["text"]]
    html = (built_site / "nhiem-vu/ra-nghi-quyet/index.html").read_text(encoding="utf-8")
    assert 'class="admonition info" data-search-exclude>' in html
