"""Resolve page links in component HTML: href="stcb-page:PATH.md#anchor".

Every link from a component to a page is written this way (Marker.href and
scripts/handbook/urls.py page_ref). Marker renderers return raw HTML, and MkDocs
rewrites links only in Markdown.
A renderer cannot know the page's URL or whether the build uses directory URLs
(the offline build turns them off), so it writes the target's docs path with the
`stcb-page:` scheme and this hook turns it into a URL relative to the page, in
the page's own language (mkdocs-static-i18n gives each language its own files).
A target that does not exist stops the build and names the page.
"""

import re

from mkdocs.exceptions import PluginError

PLACEHOLDER = re.compile(r'href="stcb-page:(?P<path>[^"#]+)(?P<anchor>#[^"]*)?"')


def on_page_content(html, page, config, files):
    if "stcb-page:" not in html:
        return html

    def resolve(match):
        target = files.get_file_from_path(match.group("path"))
        if target is None:
            raise PluginError(f"docs/{page.file.src_uri}: a component links to "
                              f"docs/{match.group('path')}, which does not exist — "
                              "add the page or correct the id in the data file")
        return f'href="{target.url_relative_to(page.file)}{match.group("anchor") or ""}"'

    return PLACEHOLDER.sub(resolve, html)
