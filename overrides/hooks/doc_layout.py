"""Generate the print stylesheet of meeting documents from data/layout.yml.

Every layout value (paper, margins, fonts, sizes, page numbers) lives in
data/layout.yml with its source; this hook turns it into
assets/stylesheets/stcb-doc-layout.css at build time, so no layout number is
written anywhere else. mkdocs.yml lists the file under extra_css.
"""

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from scripts.handbook.meeting_templates import layout_css, load_layout

CSS = "assets/stylesheets/stcb-doc-layout.css"


# After mkdocs-static-i18n (priority -100), which cannot handle generated files.
@event_priority(-110)
def on_files(files, config):
    files.append(File.generated(config, CSS, content=layout_css(load_layout())))
    return files
