"""Two fixes for mkdocs-static-i18n with Material.

1. Each language gets its own 404 page and sitemap. The plugin renders the
   static templates (404.html, sitemap.xml) of every language into the site
   root, so the last language built (English) overwrites the Vietnamese ones.
   We keep the default language's output at the root and write the others into
   their own folder.

2. No per-page `<link rel="alternate" hreflang>` in <head>. The plugin points
   them at each page's counterpart, and Material's JavaScript then fetches
   `sitemap.xml` next to every such link (`bat-dau/sitemap.xml`, a 404). The
   language selector keeps its direct per-page links, and hreflang alternates
   for search engines are in the sitemap (xhtml:link), built from site_url.
"""

import re
from pathlib import Path

TEMPLATES = ("404.html", "sitemap.xml")
HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
_default_output: dict[str, str] = {}


def on_post_template(output_content, template_name, config):
    if template_name not in TEMPLATES:
        return output_content
    if template_name == "404.html":
        output_content = _strip_head_alternates(output_content)
    i18n = config.plugins.get("i18n")
    lang = i18n.current_language
    if lang == i18n.default_language:
        _default_output[template_name] = output_content
        return output_content
    target = Path(config.site_dir) / lang / template_name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output_content, encoding="utf-8")
    return _default_output.get(template_name, output_content)


def on_post_page(output, page, config):
    return _strip_head_alternates(output)


def _strip_head_alternates(html):
    head_end = html.find("</head>")
    return HEAD_ALTERNATE.sub("", html[:head_end]) + html[head_end:]
