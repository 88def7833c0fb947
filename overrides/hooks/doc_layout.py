"""Generate the print stylesheet of meeting documents from data/layout.yml.

Every layout value (paper, margins, fonts, sizes, page numbers) lives in
data/layout.yml with its source. This hook writes
docs/assets/stylesheets/stcb-doc-layout.css from it at the start of every build
(only when the text changes, so live preview does not loop), so no layout number
is written by hand anywhere else. The file is committed like any stylesheet, so
that it is bundled and served like the others; tests/test_templates.py fails if
it is out of date. mkdocs.yml lists it under extra_css.
"""

from pathlib import Path

from mkdocs.plugins import event_priority

from scripts.handbook.meeting_templates import CSS_PATH, layout_css, load_layout


# Before any hook that reads the stylesheets (e.g. one that bundles extra_css).
@event_priority(100)
def on_config(config):
    target = Path(config.docs_dir) / CSS_PATH
    text = layout_css(load_layout())
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return config
