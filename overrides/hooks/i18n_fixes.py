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

3. The language selector of a 404 page leads to each language's home page.
   The plugin renders the 404 template with the alternates of the last page
   built, so /en/404.html linked to that page ("/tap-huan/") instead.

4. Theme templates (footer, language selector, 404) get `stcb_t(key)`: the
   interface string of data/ui/*.yml in the language being built.

5. Each template is compiled once per process, not once per language: the plugin
   builds the second language with a new theme environment, which would compile
   every theme template again. The environments share an in-memory bytecode cache
   (Jinja checks each template's source against it, so an edited template is
   compiled again under `mkdocs serve`).
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import BytecodeCache, pass_context

from scripts.handbook import i18n as ui

TEMPLATES = ("404.html", "sitemap.xml")
HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
SELECTOR_LINK = re.compile(r'<a href="[^"]*" hreflang="([^"]+)" class="md-select__link"([^>]*)>')
_default_output: dict[str, str] = {}


@pass_context
def stcb_t(context, key):
    lang = context.get("i18n_current_language") or context["config"].theme["language"]
    return ui.translator(lang)(key)


class _MemoryBytecode(BytecodeCache):
    """Compiled templates kept in this process (see 5. above)."""

    def __init__(self):
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket):
        self.code[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _MemoryBytecode()


def on_env(env, config, files):
    env.globals["stcb_t"] = stcb_t
    env.bytecode_cache = _BYTECODE
    return env


def on_post_template(output_content, template_name, config):
    if template_name not in TEMPLATES:
        return output_content
    i18n = config.plugins.get("i18n")
    if template_name == "404.html":
        output_content = _strip_head_alternates(output_content)
        output_content = _selector_to_homes(output_content, config, i18n.default_language)
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


def _selector_to_homes(html, config, default_language):
    base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"

    def home(match):
        lang = match.group(1)
        prefix = "" if lang == default_language else f"{lang}/"
        return (f'<a href="{base}{prefix}" hreflang="{lang}" class="md-select__link"'
                f'{match.group(2)}>')

    return SELECTOR_LINK.sub(home, html)
