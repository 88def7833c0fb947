"""The theme's own words follow the page's language (issue 16): the footer line,
the 404 page, and the language menu, which marks the language being read."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

CASES = [("vi", "vai-tro/index.html", "404.html"),
         ("en", "en/vai-tro/index.html", "en/404.html")]
FOOTER = {"vi": "Làm bằng", "en": "Made with"}
NOT_FOUND = {"vi": "404 – Không tìm thấy trang", "en": "404 – Page not found"}


def parse(site, rel):
    return HTMLParser((site / rel).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("lang", "page", "page_404"), CASES)
def test_footer_and_404_are_in_the_page_language(built_site, lang, page, page_404):
    for rel in (page, page_404):
        footer = " ".join(parse(built_site, rel).css_first(".md-copyright").text().split())
        assert footer.endswith(f"{FOOTER[lang]} Material for MkDocs"), (rel, footer)
        other = FOOTER["en" if lang == "vi" else "vi"]
        assert other not in footer
    heading = parse(built_site, page_404).css_first("article h1, .md-content h1")
    assert heading.text().strip() == NOT_FOUND[lang]


@pytest.mark.parametrize(("lang", "page", "page_404"), CASES)
def test_language_menu_marks_the_current_language(built_site, lang, page, page_404):
    for rel in (page, page_404):
        links = parse(built_site, rel).css(".md-select__link[hreflang]")
        current = [link.attributes["hreflang"] for link in links
                   if link.attributes.get("aria-current") == "true"]
        assert current == [lang], rel
        marked = [link for link in links if link.css_first(".stcb-lang-current")]
        assert [link.attributes["hreflang"] for link in marked] == [lang]
