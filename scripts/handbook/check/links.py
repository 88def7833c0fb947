"""Links and anchors in the built HTML of both languages.

MkDocs checks only Markdown links; these rules also see raw HTML, hook and
template output, stylesheets (fonts, images) and links between / and /en/.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from scripts.handbook.check import Finding, rule
from scripts.handbook.check.site import css_urls, is_external, kind, locate, node_text

PAGE_FIX = ("correct the address, or create the missing page; to link a page, "
            "write its Markdown file, e.g. [text](../vai-tro.md)")
FILE_FIX = "put the file under docs/ (e.g. docs/assets/...) or correct the path"


@rule("links")
def links(ctx):
    site = ctx.site_model
    count = 0
    for page in site.pages.values():
        for node, _attr, url in page.refs:
            if is_external(url) or url.startswith(("#", "?")):
                continue  # other hosts: see the privacy rule; fragments: see anchors
            count += 1
            target = site.resolve(page.rel, url)
            if site.exists(target):
                continue
            path, line = locate(ctx, page, url, f"[{node_text(node)}]")
            where = ctx.rel(site.path(target)) if target is not None else "outside the site"
            yield Finding(path, line, "links", f'{kind(node)} "{url}" leads to a missing file '
                          f"({where})", PAGE_FIX if node.tag == "a" else FILE_FIX)
    for css, text in site.stylesheets.items():
        source = site.asset_source(css)
        for line, url in css_urls(text):
            if is_external(url):
                continue
            count += 1
            target = site.resolve(css, url)
            if not site.exists(target):
                where = ctx.rel(site.path(target)) if target is not None else "outside the site"
                yield Finding(ctx.rel(source or site.path(css)), line, "links",
                              f'stylesheet refers to "{url}", a missing file ({where})', FILE_FIX)
    sheets = len(site.stylesheets)
    ctx.summary.append(f"Internal links checked: {count}, in {len(site.pages)} HTML pages and "
                       f"{sheets} stylesheet{'s' if sheets != 1 else ''}.")


@rule("anchors")
def anchors(ctx):
    site = ctx.site_model
    for page in site.pages.values():
        for node, url in page.links:
            fragment = unquote(urlsplit(url).fragment)
            if not fragment or is_external(url):
                continue
            target = site.page(page.rel if url.startswith("#") else site.resolve(page.rel, url))
            if target is None or fragment in target.ids:
                continue  # a missing page is reported by the links rule
            source = site.source(target)
            where = ctx.rel(source or target.path)
            path, line = locate(ctx, page, url, f"#{fragment}", f"[{node_text(node)}]")
            yield Finding(
                path, line, "anchors",
                f'link "{url}" points at a section "#{fragment}" that {where} does not have',
                "link to an existing heading (its id is the heading text in lower case "
                'without accents, e.g. "## Mục đích" → #muc-dich), or give the heading '
                f'that id: "## Heading {{#{fragment}}}"')
