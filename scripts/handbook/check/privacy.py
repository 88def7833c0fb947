"""Privacy: a page loads nothing from another host (scripts, stylesheets, fonts,
images, frames, media), so reading the handbook tells no third party anything.
Links out for reading are fine; they carry rel="noopener noreferrer" (the page
they open can neither reach back into this one nor learn which page linked to
it) and are listed."""

from __future__ import annotations

from urllib.parse import urlsplit

from scripts.handbook.check import Finding, rule
from scripts.handbook.check.site import WEB, css_urls, kind, locate

# <link rel> values that make the browser fetch (or connect to) the URL.
FETCHING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "manifest",
                 "preload", "modulepreload", "prefetch", "prerender", "preconnect",
                 "dns-prefetch"}
# What every link to another website carries (overrides/hooks/external_links.py).
LINK_RELS = ("noopener", "noreferrer")
ASSET_FIX = ("copy the file into docs/assets/ and refer to it there: pages must not load "
             "anything from other websites")


@rule("privacy")
def privacy(ctx):
    site = ctx.site_model
    external: dict[str, int] = {}
    for page in site.pages.values():
        for node, _attr, url in page.refs:
            if not WEB.match(url):
                continue
            if node.tag in ("a", "area"):
                if urlsplit(url).netloc.lower() == site.host:
                    continue  # the site's own address (canonical links)
                external[url] = external.get(url, 0) + 1
                rels = (node.attributes.get("rel") or "").lower().split()
                missing = [value for value in LINK_RELS if value not in rels]
                if missing:
                    path, line = locate(ctx, page, url)
                    yield Finding(path, line, "privacy",
                                  f'external link "{url}" has no rel="{" ".join(missing)}"',
                                  "overrides/hooks/external_links.py adds both to every page: "
                                  "keep that hook in mkdocs.yml, or write the link as "
                                  '<a href="…" rel="noopener noreferrer">')
                continue
            rel = " ".join((node.attributes.get("rel") or "").lower().split())
            if node.tag == "link" and not FETCHING_RELS & set(rel.split()):
                continue  # canonical, alternate, prev/next: addresses, not downloads
            what = f'<link rel="{rel}">' if node.tag == "link" else kind(node)
            path, line = locate(ctx, page, url)
            yield Finding(path, line, "privacy",
                          f'{what} loads "{url}" from another website', ASSET_FIX)
        yield from _inline_css(ctx, page)
    for css, text in site.stylesheets.items():
        for line, url in css_urls(text):
            if WEB.match(url):
                yield Finding(ctx.rel(site.asset_source(css) or site.path(css)), line, "privacy",
                              f'stylesheet loads "{url}" from another website', ASSET_FIX)
    listed = ", ".join(f"{url} ×{count}" for url, count in sorted(external.items()))
    ctx.summary.append(f"External links: {len(external)} ({listed or 'none'}).")


def _inline_css(ctx, page):
    """url() and @import in <style> blocks and style="" attributes."""
    blocks = [node.text() or "" for node in page.tree.css("style")]
    blocks += [node.attributes.get("style") or "" for node in page.tree.css("[style]")]
    for block in blocks:
        for _, url in css_urls(block):
            if WEB.match(url):
                path, line = locate(ctx, page, url)
                yield Finding(path, line, "privacy",
                              f'inline style loads "{url}" from another website', ASSET_FIX)
