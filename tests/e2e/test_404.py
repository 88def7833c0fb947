"""The 404 pages' language selector leads to each language's home page (the
i18n plugin used to give /en/404.html the links of the last page built)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("page_404", "target", "home"), [
    ("404.html", "en", "/en/"),
    ("en/404.html", "vi", "/"),
])
def test_404_language_switcher_leads_home(watched, server, page_404, target, home):
    page = watched.page
    page.goto(f"{server}/{page_404}")
    page.locator(".md-header__option .md-select").first.hover()
    page.locator(f".md-select__link[hreflang='{target}']").click()
    page.wait_for_load_state()
    assert page.url == f"{server}{home}"
    assert page.evaluate("document.documentElement.lang") == target
    assert watched.console_errors == []
