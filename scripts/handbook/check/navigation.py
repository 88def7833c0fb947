"""Getting around: the language selector of every page, and every page
reachable from the home pages."""

from __future__ import annotations

from scripts.handbook.check import Finding, rule
from scripts.handbook.check.site import is_external, locate
from scripts.handbook.paths import LANGS

LANGUAGE_NAMES = {"vi": "Vietnamese", "en": "English"}
SELECTOR = ".md-select__link[hreflang]"
FIX_PAGE = ("give the page the same file name in both languages (x.md and x.en.md, in the same "
            "folder) and list it once in nav: in mkdocs.yml")
FIX_404 = ("overrides/hooks/i18n_fixes.py points the 404 pages' selector at the home pages: "
           "keep it listed under hooks: in mkdocs.yml")


@rule("language-switcher")
def language_switcher(ctx):
    site = ctx.site_model
    for page in site.pages.values():
        links = {n.attributes.get("hreflang"): n for n in page.tree.css(SELECTOR)}
        if not links:
            path, line = locate(ctx, page, "<body")
            yield Finding(path, line, "language-switcher", "the page has no language selector",
                          "keep Material's header (overrides/main.html must extend base.html) "
                          "and the i18n plugin's languages in mkdocs.yml")
            continue
        for lang in LANGS:
            name = LANGUAGE_NAMES.get(lang, lang)
            expected = site.counterpart(page, lang)
            node = links.get(lang)
            href = (node.attributes.get("href") or "") if node else ""
            target = site.resolve(page.rel, href) if node else None
            if target == expected:
                continue
            source = site.source(page)
            path, line = (ctx.rel(source), 1) if source else \
                (ctx.rel(page.path), page.line(f'hreflang="{lang}"', "md-select__link"))
            version = f"the {name} home page" if page.is_404 else f"this page's {name} version"
            problem = f'its {name} link goes to "{href}" instead of' if node else \
                f"it has no {name} link, which should lead to"
            yield Finding(
                path, line, "language-switcher",
                f"the language selector is wrong: {problem} {version} "
                f"{ctx.rel(site.path(expected))}",
                FIX_404 if page.is_404 else FIX_PAGE)


@rule("reachability")
def reachability(ctx):
    site = ctx.site_model
    queue = [home for home in site.homes() if home in site.pages]
    seen = set(queue)
    while queue:
        page = site.pages[queue.pop()]
        for _node, url in page.links:
            if is_external(url) or url.startswith("#"):
                continue
            target = site.resolve(page.rel, url)
            if target in site.pages and target not in seen:
                seen.add(target)
                queue.append(target)
    for rel, page in site.pages.items():
        if rel in seen or page.is_404:  # the web server shows 404 pages; no link needed
            continue
        source = site.source(page)
        yield Finding(ctx.rel(source or page.path), 1, "reachability",
                      "no link leads to this page: readers can only find it by typing its "
                      "address", "add it to nav: in mkdocs.yml, or link to it from a related "
                      "page, e.g. [text](path/to/page.md)")
