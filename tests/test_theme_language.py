"""The theme's own words follow the page's language (issue 16): the footer line,
the 404 page, and the language menu, which marks the language being read; and the
two languages' builds share the compiled theme templates (issue 17)."""

from __future__ import annotations

import importlib.util

import pytest
from jinja2 import Environment, FileSystemLoader
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from scripts.handbook.paths import OVERRIDES

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


def test_both_languages_share_the_compiled_templates(tmp_path):
    """overrides/hooks/i18n_fixes.py, 5.: the second language's theme environment
    loads what the first compiled; a template edited in between is compiled again."""
    spec = importlib.util.spec_from_file_location("i18n_fixes",
                                                  OVERRIDES / "hooks" / "i18n_fixes.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    compiled = []

    class Counting(Environment):
        def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
            compiled.append(name)
            return super().compile(source, name, filename, raw, defer_init)

    def render():
        env = hook.on_env(Counting(loader=FileSystemLoader(tmp_path)), None, None)
        return env.get_template("page.html").render()

    (tmp_path / "page.html").write_text("{{ 1 + 1 }}", encoding="utf-8")
    assert [render(), render()] == ["2", "2"]
    assert compiled == ["page.html"]
    (tmp_path / "page.html").write_text("{{ 2 + 2 }}", encoding="utf-8")
    assert render() == "4"
    assert compiled == ["page.html", "page.html"]
