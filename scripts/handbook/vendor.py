"""Copy self-hosted fonts and scripts from node_modules into docs/assets.

The files are committed, so building the site needs no npm. To refresh them,
change the pinned versions in package.json, run `npm ci`, then
`python -m scripts.handbook vendor` and commit the result.

- Fonts → docs/assets/fonts (+ stylesheets/fonts.css). Be Vietnam Pro, the
  font of every page, is cut from Google Fonts' full TTFs (npm
  `@expo-google-fonts/be-vietnam-pro`, the same version 1.002 as
  `@fontsource/be-vietnam-pro`) into ONE woff2 per weight and style holding
  exactly fontsource's Latin and Vietnamese ranges, without TrueType hinting:
  14–15 KB a file instead of 32–34 KB in two files, which keeps the home page
  within its budget (`make perf`). Tinos, for printed documents only, is
  copied as fontsource ships it.
- The iframe-worker shim (npm `iframe-worker`, MIT, by Material's author) →
  docs/assets/javascripts/vendor/iframe-worker/. Material's search runs in a
  Web Worker, which browsers refuse under file://; the shim runs it in an
  iframe instead. The offline build (the ZIP) loads it from there instead of
  from unpkg.com (overrides/hooks/offline.py).
- docx (npm `docx`, MIT, by Dolan Miu) → docs/assets/javascripts/vendor/docx/:
  its browser build (dist/index.iife.js, global `docx`) minified with terser
  (npm `terser`, pinned in package.json), with its LICENSE and a README naming
  the version and source. The template pages load it only when the reader asks
  for a Word file (stcb-templates.js); `python -m scripts.handbook docx` uses it
  for the blank files. It has no eval or new Function (the CSP forbids both);
  `vendor_docx` refuses a build that does.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

from scripts.handbook.paths import DOCS, ROOT

# (npm package, CSS family, file prefix, [(weight, style)], subsets)
FONTS = [
    # Tinos is metrically compatible with Times New Roman: used for printed documents.
    ("@fontsource/tinos", "Tinos", "tinos",
     [(400, "normal"), (400, "italic"), (700, "normal"), (700, "italic")]),
]
# Latin and Vietnamese cover every character the handbook uses.
SUBSETS = ("latin", "vietnamese")

# Fonts cut from full TTFs: (npm package of the TTFs, fontsource package giving
# the licence and the unicode ranges, CSS family, file prefix, {(weight, style): TTF}).
CUT_FONTS = [
    ("@expo-google-fonts/be-vietnam-pro", "@fontsource/be-vietnam-pro", "Be Vietnam Pro",
     "be-vietnam-pro", {
         (400, "normal"): "400Regular/BeVietnamPro_400Regular.ttf",
         (400, "italic"): "400Regular_Italic/BeVietnamPro_400Regular_Italic.ttf",
         (700, "normal"): "700Bold/BeVietnamPro_700Bold.ttf",
         (700, "italic"): "700Bold_Italic/BeVietnamPro_700Bold_Italic.ttf",
     }),
]


def _codepoints(ranges: str) -> list[int]:
    """"U+0000-00FF,U+0131" → [0, 1, …, 255, 305]."""
    points = []
    for part in ranges.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        points.extend(range(int(first, 16), int(last or first, 16) + 1))
    return points


def cut(ttf, unicode_range: str, target) -> None:
    """Write the glyphs of *unicode_range* from *ttf* as an unhinted woff2."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False  # TrueType instructions are a third of the size; browsers cope
    options.desubroutinize = True  # compresses better in woff2
    font = subset.load_font(str(ttf), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_codepoints(unicode_range))
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def vendor_cut_fonts(target, css: list[str]) -> int:
    for package, fontsource, family, prefix, faces in CUT_FONTS:
        source, info = ROOT / "node_modules" / package, ROOT / "node_modules" / fontsource
        for folder in (source, info):
            if not folder.exists():
                print(f"{folder} is missing — run `npm ci` first")
                return 1
        ranges = json.loads((info / "unicode.json").read_text())
        unicode_range = ",".join(ranges[subset] for subset in SUBSETS)
        version = json.loads((source / "package.json").read_text())["version"]
        shutil.copy(info / "LICENSE", target / f"{prefix}-LICENSE.txt")
        css.append(f"/* {family}: {package}@{version} (Google Fonts), Latin + Vietnamese, "
                   "SIL Open Font License 1.1 */")
        for (weight, style), ttf in faces.items():
            name = f"{prefix}-{weight}-{style}.woff2"
            cut(source / ttf, unicode_range, target / name)
            css.append(
                "@font-face{"
                f"font-family:'{family}';font-style:{style};font-display:swap;"
                f"font-weight:{weight};src:url(../fonts/{name}) format('woff2');"
                f"unicode-range:{unicode_range}"
                "}"
            )
    return 0


def vendor() -> int:
    target = DOCS / "assets" / "fonts"
    target.mkdir(parents=True, exist_ok=True)
    css = ["/* Generated by `python -m scripts.handbook vendor`: do not edit. */"]
    if vendor_cut_fonts(target, css):
        return 1
    for package, family, prefix, faces in FONTS:
        source = ROOT / "node_modules" / package
        if not source.exists():
            print(f"{source} is missing — run `npm ci` first")
            return 1
        ranges = json.loads((source / "unicode.json").read_text())
        version = json.loads((source / "package.json").read_text())["version"]
        shutil.copy(source / "LICENSE", target / f"{prefix}-LICENSE.txt")
        css.append(f"/* {family}: {package}@{version}, SIL Open Font License 1.1 */")
        for weight, style in faces:
            for subset in SUBSETS:
                name = f"{prefix}-{subset}-{weight}-{style}.woff2"
                shutil.copy(source / "files" / name, target / name)
                css.append(
                    "@font-face{"
                    f"font-family:'{family}';font-style:{style};font-display:swap;"
                    f"font-weight:{weight};src:url(../fonts/{name}) format('woff2');"
                    f"unicode-range:{ranges[subset]}"
                    "}"
                )
    (DOCS / "assets" / "stylesheets" / "fonts.css").write_text("\n".join(css) + "\n")
    print(f"fonts vendored into {target.relative_to(ROOT)}")
    return vendor_shim()


SHIM = DOCS / "assets" / "javascripts" / "vendor" / "iframe-worker" / "shim.js"


def vendor_shim() -> int:
    source = ROOT / "node_modules" / "iframe-worker"
    if not source.exists():
        print(f"{source} is missing — run `npm ci` first")
        return 1
    version = json.loads((source / "package.json").read_text())["version"]
    SHIM.parent.mkdir(parents=True, exist_ok=True)
    header = (f"/* iframe-worker@{version} shim/index.js (MIT, LICENSE.txt), vendored from npm by "
              "`python -m scripts.handbook vendor`: do not edit. */\n")
    SHIM.write_text(header + (source / "shim" / "index.js").read_text(encoding="utf-8"),
                    encoding="utf-8")
    shutil.copy(source / "LICENSE", SHIM.with_name("LICENSE.txt"))
    print(f"iframe-worker shim vendored into {SHIM.relative_to(ROOT)}")
    return vendor_docx()


DOCX = DOCS / "assets" / "javascripts" / "vendor" / "docx" / "docx.min.js"
_LICENSE = re.compile(r"/\*(\*\s*\n\s*\* @license.*?)\*/", re.S)
BUNDLED = ("fflate", "nanoid")  # inlined into docx's browser build
# Code the site's Content-Security-Policy (no 'unsafe-eval') would block.
_EVAL = re.compile(r"\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*[\"'`]")


def vendor_docx() -> int:
    source = ROOT / "node_modules" / "docx"
    terser = ROOT / "node_modules" / "terser" / "bin" / "terser"
    for needed in (source, terser):
        if not needed.exists():
            print(f"{needed} is missing — run `npm ci` first")
            return 1
    version = json.loads((source / "package.json").read_text())["version"]
    terser_version = json.loads((terser.parent.parent / "package.json").read_text())["version"]
    DOCX.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["node", str(terser), str(source / "dist" / "index.iife.js"), "--compress", "--mangle",
         "--ecma", "2020",
         "--comments", "false"],
        capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"terser failed: {done.stderr}")
        return 1
    code = done.stdout
    original = (source / "dist" / "index.iife.js").read_text(encoding="utf-8")
    found = _EVAL.search(code)
    if found:
        print(f"docx@{version} contains {found.group(0)!r}: the site's CSP forbids it")
        return 1
    header = (f"/*! docx@{version} dist/index.iife.js (MIT, LICENSE.txt), minified with "
              f"terser@{terser_version} by `python -m scripts.handbook vendor`: do not edit. */\n")
    # terser drops the @license comments of the bundled code with the code they sit
    # on: keep them at the top, verbatim.
    notices = "".join("/*!" + text.strip("*").replace("\n\t", "\n") + "*/\n"
                      for text in _LICENSE.findall(original))
    DOCX.write_text(header + notices + code.rstrip("\n") + "\n", encoding="utf-8")
    shutil.copy(source / "LICENSE", DOCX.with_name("LICENSE.txt"))
    # The build bundles these two npm packages (MIT too); their notices go alongside.
    for bundled in BUNDLED:
        shutil.copy(ROOT / "node_modules" / bundled / "LICENSE",
                    DOCX.with_name(f"LICENSE-{bundled}.txt"))
    # README.txt, not .md: MkDocs would turn a .md file under docs/ into a page.
    DOCX.with_name("README.txt").write_text(
        f"docx {version}, vendored\n\n"
        f"docx.min.js is dist/index.iife.js of the npm package docx {version} "
        f"(https://www.npmjs.com/package/docx/v/{version}; source: "
        "https://github.com/dolanmiu/docx; MIT licence in LICENSE.txt), "
        f"minified with terser {terser_version}. It defines the global docx. It bundles "
        f"{' and '.join(BUNDLED)} (MIT, LICENSE-*.txt).\n\n"
        "Written by `python -m scripts.handbook vendor` from node_modules (versions "
        "pinned in package.json): do not edit. The template pages load it only when "
        "the reader downloads a Word file; no CDN is used.\n",
        encoding="utf-8")
    size = len(code.encode()) // 1024
    print(f"docx@{version} vendored into {DOCX.relative_to(ROOT)} ({size} KB)")
    return 0
