"""Expand `<!-- stcb:KIND ARGS -->` markers into HTML rendered from Jinja partials.

The renderers live in scripts/handbook/markers.py. An unknown kind or id stops
the build with the Markdown file and line, and says how to fix it.
"""

from mkdocs.exceptions import PluginError

from scripts.handbook.markers import MarkerError, escaping, expand


def on_page_markdown(markdown, page, config, files):
    lang = getattr(page.file, "locale", None) or config.theme["language"]
    env = escaping(config.theme.get_env())  # autoescape on (see its docstring)
    try:
        markdown, assets = expand(
            markdown, src_path=f"docs/{page.file.src_uri}", lang=lang, env=env,
            front_matter_lines=_front_matter_lines(page),
        )
    except MarkerError as error:
        raise PluginError(str(error)) from None
    page.meta["stcb_assets"] = sorted(assets)
    return markdown


def _front_matter_lines(page):
    """Lines before the Markdown body (front matter, blank lines), so that the
    line numbers we report match the file. MkDocs strips both from the source."""
    source = page.file.content_string
    body = page.markdown or ""
    if source.endswith(body):
        return source[: len(source) - len(body)].count("\n")
    return 0
