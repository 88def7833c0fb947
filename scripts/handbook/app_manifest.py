"""The handbook as an installable app: one web app manifest per language and its icons.

`overrides/hooks/app_manifest.py` calls `write()` after the build (not for the
offline ZIP, which runs from file://, where nothing installs):

- `manifest.webmanifest` (Vietnamese, scope `/`) and `en/manifest.webmanifest`
  (English, scope `/en/`). One per language, because a manifest has one `lang`,
  one name and one start page: a reader who installs from an English page gets
  the English handbook. Every URL in them is relative to the manifest, so the
  site works under any base path (a GitHub Pages project site too).
- The icons, rendered at build time from the site's logo (`docs/assets/images/
  favicon.svg`) with CairoSVG: 192 and 512 px as they are, a 512 px maskable one
  (the logo at 80% on a full square of its own red, inside the safe zone that
  launchers may cut to a circle) and the 180 px Home Screen icon for iOS (full
  square too: iOS rounds the corners itself). Nothing is drawn by hand, so the
  icons cannot drift from the logo.

It also leaves a placeholder `sw.js` that does nothing (PLACEHOLDER_SW), which
`python -m scripts.handbook sw` replaces after the other build steps.

Names and descriptions are interface strings (data/ui/app.yml); the theme colour is
the primary colour of the palette (docs/assets/stylesheets/stcb.css).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

from scripts.handbook import paths
from scripts.handbook.i18n import translator
from scripts.handbook.paths import DEFAULT_LANG, DOCS

LOGO = DOCS / "assets" / "images" / "favicon.svg"
PALETTE = DOCS / "assets" / "stylesheets" / "stcb.css"
ICON_DIR = "assets/images/app"
MANIFEST = "manifest.webmanifest"
BACKGROUND = "#ffffff"
# (file name, size in px, manifest purpose or None for the iOS icon, full-bleed square)
ICONS = (
    ("icon-192.png", 192, "any", False),
    ("icon-512.png", 512, "any", False),
    ("icon-maskable-512.png", 512, "maskable", True),
    ("apple-touch-icon.png", 180, None, True),
)
APPLE_TOUCH_ICON = f"{ICON_DIR}/apple-touch-icon.png"
# The strings of stcb-app.js, one file for both languages: it loads them only when it
# has something to show (kept out of every page: the home page's weight budget).
SCRIPT_STRINGS = ("app-update", "app-reload", "app-unsaved", "app-install", "app-installed",
                  "app-ios")
STRINGS_FILE = "assets/javascripts/stcb-app-strings.json"


def _first(pattern: str, path: Path, what: str) -> str:
    text = path.read_text(encoding="utf-8")
    match = re.search(pattern, text)
    if not match:
        raise ValueError(f"{path}: no {what} found (pattern {pattern}) — the app manifest "
                         "takes it from there")
    return match.group(1)


def theme_color() -> str:
    return _first(r"--md-primary-fg-color:\s*(#[0-9a-fA-F]{6})\b", PALETTE,
                  "primary colour (--md-primary-fg-color)")


def full_bleed(svg: str) -> str:
    """The logo at 80% on a square of its own first fill colour (maskable, iOS)."""
    fill = _first(r'fill="(#[0-9a-fA-F]{3,6})"', LOGO, "fill colour")
    inner = re.sub(r"^<svg\b", '<svg x="6.4" y="6.4" width="51.2" height="51.2"', svg.strip())
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" '
            f'height="64"><rect width="64" height="64" fill="{fill}"/>{inner}</svg>')


def render_icons(target: Path, cache: Path | None = None) -> None:
    """Write the icons into *target*. Rendered once per logo and icon list: later
    builds copy them from build/cache/icons/<hash of both>/ (CairoSVG took a tenth of
    the build)."""
    svg = LOGO.read_text(encoding="utf-8")
    key = hashlib.sha256(repr((svg, ICONS, full_bleed(svg))).encode("utf-8")).hexdigest()[:16]
    folder = (cache or paths.ROOT / "build" / "cache" / "icons") / key
    if not all((folder / name).exists() for name, *_ in ICONS):
        import cairosvg

        partial = folder.with_name(f"{key}.partial-{os.getpid()}")
        partial.mkdir(parents=True, exist_ok=True)
        for name, size, _purpose, bleed in ICONS:
            source = full_bleed(svg) if bleed else svg
            cairosvg.svg2png(bytestring=source.encode("utf-8"), write_to=str(partial / name),
                             output_width=size, output_height=size)
        try:
            partial.rename(folder)  # whole or not at all (parallel builds in the tests)
        except OSError:
            shutil.rmtree(partial, ignore_errors=True)  # another build got there first
    target.mkdir(parents=True, exist_ok=True)
    for name, *_ in ICONS:
        shutil.copyfile(folder / name, target / name)


def manifest(lang: str, default: str = DEFAULT_LANG) -> dict:
    t = translator(lang)
    root = "" if lang == default else "../"
    return {
        "id": "./",
        "name": t("app-name"),
        "short_name": t("app-short-name"),
        "description": t("app-description"),
        "lang": lang,
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": theme_color(),
        "background_color": BACKGROUND,
        "icons": [{"src": f"{root}{ICON_DIR}/{name}", "sizes": f"{size}x{size}",
                   "type": "image/png", "purpose": purpose}
                  for name, size, purpose, _bleed in ICONS if purpose],
    }


def manifest_path(lang: str, default: str = DEFAULT_LANG) -> str:
    """The manifest of *lang*, from the site root."""
    return MANIFEST if lang == default else f"{lang}/{MANIFEST}"


def head(lang: str, default: str = DEFAULT_LANG) -> dict:
    """What overrides/partials/stcb/app-head.html puts in a page of *lang*."""
    return {"manifest": manifest_path(lang, default), "icon": APPLE_TOUCH_ICON}


def script_strings(langs: list[str]) -> dict:
    return {lang: {key.removeprefix("app-"): translator(lang)(key) for key in SCRIPT_STRINGS}
            for lang in langs}


# What `mkdocs build` alone leaves at sw.js (stcb-app.js registers it on every page):
# a worker that does nothing, so that a build without the `sw` step (tests, `make
# live`) neither caches anything nor logs a failed registration.
PLACEHOLDER_SW = ("// Sổ tay Bí thư chi bộ: a placeholder that does nothing.\n"
                  "// `python -m scripts.handbook sw` (make build) replaces it with the\n"
                  "// Workbox service worker that makes the site work offline.\n")


def write(site: Path, langs: list[str], default: str = DEFAULT_LANG) -> None:
    (site / "sw.js").write_text(PLACEHOLDER_SW, encoding="utf-8")
    (site / STRINGS_FILE).write_text(json.dumps(script_strings(langs), ensure_ascii=False),
                                     encoding="utf-8")
    render_icons(site / ICON_DIR)
    for lang in langs:
        path = site / manifest_path(lang, default)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(manifest(lang, default), ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")
