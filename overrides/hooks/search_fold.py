"""Search that understands how people type, one index per language.

scripts/handbook/search_index.py does the work (its docstring explains it):
after the build it adds diacritic-folded words and word pairs to the search
index ("bi thu chi bo" finds "bí thư chi bộ"), splits the index by language
(`search/` for Vietnamese, `en/search/` for English) and installs our search
worker (scripts/handbook/search_worker.js), which wraps Material's. Every page
gets `__config.search` pointed at our worker, and pages of a non-default
language get `__config.base` pointed at their language root, so they load and
link their own index.

Ordering: `on_post_build` runs at priority -200, after mkdocs-static-i18n
(-100), which builds the other languages from its own `on_post_build` and then
writes the final shared index, and after Material's `offline` plugin (-100,
listed after i18n), which copies that index to `search_index.js`. During the
nested per-language builds (i18n's `building` flag is set) it does nothing.
"""

import re
from pathlib import Path

from mkdocs.plugins import event_priority

from scripts.handbook.search_index import (
    WORKERS,
    material_worker,
    point_config_at_language,
    point_config_at_worker,
    rewrite,
    worker_script,
)
from scripts.handbook.site_config import languages, offline_enabled

_worker: dict[str, str] = {}

# "Bổ sung" / "Added" boxes (admonitions and collapsible ones) carry guidance beyond the
# source, often long notes on how sure it is: left out of the search index, so that they
# do not fill the result snippets (Material skips elements with data-search-exclude).
# The title may go on after a colon: "Bổ sung: ai biểu quyết, …".
SUPPLEMENT_TITLES = ("Bổ sung", "Added")
_SUPPLEMENT = re.compile(
    r'<(div|details)( class="[^"]*")>(\s*<(?:p class="admonition-title"|summary)>'
    r'(?:' + "|".join(map(re.escape, SUPPLEMENT_TITLES)) + r')(?::[^<]*)?</)')


def on_page_content(html, page, config, files):
    return _SUPPLEMENT.sub(r"<\1\2 data-search-exclude>\3", html)


def on_config(config):
    name, source = worker_script(material_worker(config.theme.dirs))
    _worker.update(name=name, source=source)


def _fix_html(html, lang, default):
    html = point_config_at_worker(html, _worker["name"])
    if lang and lang != default:
        html = point_config_at_language(html, lang)
    return html


def on_post_page(output, page, config):
    _, default = languages(config)
    return _fix_html(output, getattr(page.file, "locale", None), default)


@event_priority(-200)
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return
    site = Path(config.site_dir)
    if not (site / "search" / "search_index.json").exists():
        return
    languages_built, default = languages(config)
    rewrite(site, languages_built, default, offline_enabled(config))
    workers = site / WORKERS
    workers.mkdir(parents=True, exist_ok=True)
    (workers / _worker["name"]).write_text(_worker["source"], encoding="utf-8")
    # 404 pages are static templates (and i18n_fixes.py writes the other
    # languages' copies itself), so they do not pass through on_post_page.
    for lang in languages_built:
        page = site / ("" if lang == default else lang) / "404.html"
        if page.exists():
            html = page.read_text(encoding="utf-8")
            page.write_text(_fix_html(html, lang, default), encoding="utf-8")
