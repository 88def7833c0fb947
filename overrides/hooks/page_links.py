"""Resolve site links in component and page HTML: href="stcb-page:PATH.md#anchor"
for a page, href="stcb-file:downloads/NAME" for a file of the built site.

Every link from a component to a page is written this way (Marker.href and
scripts/handbook/urls.py page_ref). Marker renderers return raw HTML, and MkDocs
rewrites links only in Markdown.
A renderer cannot know the page's URL or whether the build uses directory URLs
(the offline build turns them off), so it writes the target's docs path with the
`stcb-page:` scheme and this hook turns it into a URL relative to the page, in
the page's own language (mkdocs-static-i18n gives each language its own files).
A target that does not exist stops the build and names the page.

Downloads (PDFs, Word files, the ZIP) are made after MkDocs builds, so they are
not in `files`: raw HTML in pages and components names them from the site root,
`stcb-file:downloads/checklist-vi.pdf` (urls.file_ref), the same in both
languages, and this hook makes the link relative to the page (MkDocs' own
get_relative_url). The validator checks, after `make build`, that they exist.
"""

import re

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

PLACEHOLDER = re.compile(r'href="stcb-page:(?P<path>[^"#]+)(?P<anchor>#[^"]*)?"')
SITE_FILE = re.compile(r'href="stcb-file:(?P<path>[^"]*)"')


def on_page_content(html, page, config, files):
    if "stcb-page:" not in html and "stcb-file:" not in html:
        return html

    def resolve(match):
        target = files.get_file_from_path(match.group("path"))
        if target is None:
            raise PluginError(f"docs/{page.file.src_uri}: a component links to "
                              f"docs/{match.group('path')}, which does not exist — "
                              "add the page or correct the id in the data file")
        return f'href="{target.url_relative_to(page.file)}{match.group("anchor") or ""}"'

    def resolve_file(match):
        path = match.group("path")
        if not path.startswith("downloads/") or path.endswith("/"):
            raise PluginError(f"docs/{page.file.src_uri}: href=\"stcb-file:{path}\" must "
                              "name a file under downloads/, e.g. "
                              "stcb-file:downloads/checklist-vi.pdf")
        return f'href="{get_relative_url(path, page.file.url)}"'

    return SITE_FILE.sub(resolve_file, PLACEHOLDER.sub(resolve, html))
