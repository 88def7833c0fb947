"""The register of documents (data/documents.yml): its page in both languages, the
citation line at the end of every "Bổ sung" / "Added" box, and the schema."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from scripts.handbook import i18n
from scripts.handbook.components.documents import render_citation
from scripts.handbook.data_documents import Register, load_documents
from scripts.handbook.markers import Marker, MarkerError
from scripts.handbook.paths import ROOT

REGISTER = load_documents()
PREFIX = {"vi": "", "en": "en/"}
BOX_TITLE = {"vi": "Bổ sung", "en": "Added"}


def html(site: Path, url: str) -> HTMLParser:
    return HTMLParser((site / url / "index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_register_page_shows_every_document_with_its_status_in_words(built_site, lang):
    tree = html(built_site, PREFIX[lang] + "tra-cuu/van-ban")
    t = i18n.translator(lang)
    for doc in REGISTER.documents:
        node = tree.css_first(f'section[id="{doc.id}"]')
        assert node is not None, doc.id
        text = " ".join(node.text().split())
        assert t(f"documents-status-{doc.status}") in text, doc.id
        assert " ".join(getattr(doc.used_for, lang).split()) in text, doc.id
        if doc.superseded_by:
            link = node.css_first(f'a[href="#{doc.superseded_by}"]')
            assert link is not None, doc.id
    # The ones the issue names are there, with honest statuses.
    by_id = REGISTER.by_id()
    assert by_id["hd-09-2012"].superseded_by == "hd-12-2018"
    assert by_id["hd-42-2025"].status == "unconfirmed"
    assert by_id["hd-05-2026"].status == "unconfirmed"
    assert {"ct-50-2025", "qd-339-2025", "qd-24-2021", "qd-399-2026", "hd-36-2018",
            "dieu-le-dieu-3", "dieu-le-dieu-10", "dieu-le-dieu-24"} <= set(by_id)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_added_box_ends_with_links_to_the_register(built_site, lang):
    site = built_site / PREFIX[lang].rstrip("/") if lang == "en" else built_site
    boxes = 0
    for path in sorted(site.rglob("index.html")):
        if lang == "vi" and path.relative_to(built_site).parts[0] == "en":
            continue
        tree = HTMLParser(path.read_text(encoding="utf-8"))
        for box in tree.css(".admonition, details"):
            title = box.css_first(".admonition-title, summary")
            if title is None or title.text().strip() != BOX_TITLE[lang]:
                continue
            boxes += 1
            cite = box.css_first(".stcb-doccite")
            assert cite is not None, path
            for link in cite.css("a"):
                target = link.attributes["href"].split("#")[1]
                assert target in REGISTER.by_id(), (path, target)
    assert boxes >= 5


def test_unknown_document_id_stops_the_build_with_file_and_line():
    marker = Marker("docs", ["hd-12-2018", "khong-co"], "vi", None, "docs/x.md", 7)
    with pytest.raises(MarkerError) as error:
        render_citation(marker)
    assert str(error.value).startswith("docs/x.md:7: unknown document 'khong-co'")


def test_register_refuses_a_replacement_it_does_not_hold():
    record = REGISTER.model_dump()
    record["documents"][0]["superseded_by"] = "khong-co"
    with pytest.raises(ValidationError, match="superseded_by 'khong-co' is not in the register"):
        Register.model_validate(record)


def test_added_citations_pass_on_the_real_site(built_site):
    result = subprocess.run([sys.executable, "-m", "scripts.handbook", "check", str(built_site),
                             "--only", "added-citations"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert any(line.startswith("Added boxes: ") for line in result.stdout.splitlines())
