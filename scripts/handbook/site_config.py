"""Questions the hooks ask about the MkDocs configuration."""

from __future__ import annotations


def offline_enabled(config) -> bool:
    """Is Material's `offline` plugin on (the ZIP build)?"""
    for name in ("material/offline", "offline"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            return bool(plugin.config.enabled)
    return False


def languages(config) -> tuple[list[str], str]:
    """(languages built, default language), from mkdocs-static-i18n if present."""
    i18n = config.plugins.get("i18n")
    if not i18n:
        return [config.theme["language"]], config.theme["language"]
    return list(i18n.build_languages), i18n.default_language
