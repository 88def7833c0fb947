"""The handbook as an installable app (scripts/handbook/app_manifest.py explains it).

Every page gets `stcb_app` in its template context: its language's manifest and
the iOS Home Screen icon; overrides/partials/stcb/app-head.html links them. After
the whole build (both languages) the manifests, the icons and the strings of
docs/assets/javascripts/stcb-app.js are written. The offline ZIP (file://) gets
none of it: nothing installs from a folder.
"""

from pathlib import Path

from mkdocs.plugins import event_priority

from scripts.handbook import app_manifest
from scripts.handbook.site_config import languages, offline_enabled


def _context(context, lang, config):
    if offline_enabled(config):
        return context
    _, default = languages(config)
    context["stcb_app"] = app_manifest.head(lang or default, default)
    return context


def on_page_context(context, page, config, nav):
    return _context(context, getattr(page.file, "locale", None), config)


def on_template_context(context, template_name, config):
    return _context(context, context.get("i18n_current_language"), config)


@event_priority(-200)  # after mkdocs-static-i18n has built every language
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if (i18n is not None and i18n.building) or offline_enabled(config):
        return
    langs, default = languages(config)
    app_manifest.write(Path(config.site_dir), langs, default)
