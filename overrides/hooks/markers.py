"""Expand `<!-- stcb:KIND ARGS -->` markers into HTML rendered from Jinja partials.

The renderers live in scripts/handbook/markers.py. An unknown kind or id stops
the build with the Markdown file and line, and says how to fix it.

One Jinja environment serves every build of the process, both languages included
(a new one per page compiled every partial again: a third of the build time). Our
partials take their language from the `lang` and `t` they are given, never from
the theme's gettext translations, so one environment fits both. It reloads a
partial whose file changed (auto_reload), so `mkdocs serve` picks up edits.

Blocks of HTML skip Markdown: a placeholder goes through it and on_page_content
puts the block in its place (see expand()).
"""

from mkdocs.exceptions import PluginError

from scripts.handbook.markers import MarkerError, environment, expand, fill


def on_page_markdown(markdown, page, config, files):
    lang = getattr(page.file, "locale", None) or config.theme["language"]
    slots = page.meta["stcb_slots"] = []
    try:
        markdown, assets = expand(
            markdown, src_path=f"docs/{page.file.src_uri}", lang=lang,
            env=environment(config.theme),
            front_matter_lines=_front_matter_lines(page), slots=slots,
        )
    except MarkerError as error:
        raise PluginError(str(error)) from None
    page.meta["stcb_assets"] = list(assets)  # in load order
    return markdown


def on_page_content(html, page, config, files):
    # Before page_links (listed after this hook in mkdocs.yml): the blocks hold links.
    return fill(html, page.meta.get("stcb_slots", []))


def _front_matter_lines(page):
    """Lines before the Markdown body (front matter, blank lines), so that the
    line numbers we report match the file. MkDocs strips both from the source."""
    source = page.file.content_string
    body = page.markdown or ""
    if source.endswith(body):
        return source[: len(source) - len(body)].count("\n")
    return 0
