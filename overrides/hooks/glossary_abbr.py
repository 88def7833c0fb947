"""Abbreviation tooltips on every page, from data/glossary.yml.

Appends Markdown `abbr` definitions (`*[ĐUCS]: Đảng ủy cơ sở`) in the page's
language, so every use of an abbreviation in the page's Markdown becomes
<abbr title="…">; Material's content.tooltips shows the title on hover. Text in
raw HTML (rendered markers) is not touched by the abbr extension.
"""

from scripts.handbook.components.glossary import abbr_definitions


def on_page_markdown(markdown, page, config, files):
    lang = getattr(page.file, "locale", None) or config.theme["language"]
    definitions = abbr_definitions(lang)
    return f"{markdown}\n\n{definitions}\n" if definitions else markdown
