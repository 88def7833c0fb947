"""Pages load one stylesheet of ours instead of one per component.

See scripts/handbook/css_bundle.py. The 404 pages are static templates (and
i18n_fixes.py writes the other languages' copies from what this hook returns),
so they are relinked in `on_post_template`, which runs before i18n_fixes.py's.
"""

from pathlib import Path

from mkdocs.plugins import event_priority

from scripts.handbook.css_bundle import Bundle, make, relink

_bundle = Bundle()


def on_config(config):
    global _bundle
    _bundle = make(Path(config.docs_dir), list(config.extra_css))


def on_post_page(output, page, config):
    return relink(output, _bundle)


@event_priority(50)  # before i18n_fixes.py copies the 404 page to the other languages
def on_post_template(output_content, template_name, config):
    if template_name == "404.html":
        return relink(output_content, _bundle)
    return output_content


def on_post_build(config):
    if _bundle.members:
        target = Path(config.site_dir) / _bundle.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_bundle.text, encoding="utf-8")
