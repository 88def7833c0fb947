"""One stylesheet instead of one per component.

Every file under `extra_css` (fonts.css, stcb.css, stcb-<component>.css …) is
loaded by every page, one request each. overrides/hooks/bundle_css.py joins
those in docs/assets/stylesheets/ into `assets/stylesheets/stcb.<hash>.css`
(in the same folder, so their relative `url(...)`s still work) and replaces
their <link>s in every page with one. The name carries a hash of the content,
so browsers and CDNs may cache it for a year (deploy/nginx.conf). The bundle is
minified with rcssmin (pinned in requirements.txt; Lighthouse: unminified-css): the
same rules, without comments and spaces (tests/e2e/test_page_load.py compares the
rules Chromium reads from both). The source files are still copied to the site, unchanged.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import rcssmin

FOLDER = "assets/stylesheets/"


@dataclass
class Bundle:
    name: str = ""                 # "assets/stylesheets/stcb.1a2b3c4d.css"
    members: list[str] = field(default_factory=list)  # extra_css paths, in order
    text: str = ""


def make(docs_dir: Path, extra_css: list[str], minify: bool = True) -> Bundle:
    members = [str(path) for path in extra_css
               if str(path).startswith(FOLDER) and "/" not in str(path)[len(FOLDER):]
               and (docs_dir / str(path)).is_file()]
    if len(members) < 2:
        return Bundle()
    parts = [f"/* {path} */\n{(docs_dir / path).read_text(encoding='utf-8').strip()}\n"
             for path in members]
    text = "\n".join(parts)
    if minify:
        text = rcssmin.cssmin(text) + "\n"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return Bundle(f"{FOLDER}stcb.{digest}.css", members, text)


def relink(html: str, bundle: Bundle) -> str:
    """Replace the members' <link>s (whatever their relative prefix) with one to the bundle."""
    if not bundle.members:
        return html
    head_end = html.find("</head>")
    head, rest = html[:head_end], html[head_end:]
    names = "|".join(re.escape(path) for path in bundle.members)
    links = list(re.finditer(rf'<link rel="stylesheet" href="([^"]*?)(?:{names})">\s*', head))
    if len(links) != len(bundle.members):
        return html  # not the page layout we know: leave it alone
    prefix = links[0].group(1)
    replacement = f'<link rel="stylesheet" href="{prefix}{bundle.name}">\n    '
    out, last = [], 0
    for index, match in enumerate(links):
        out.append(head[last:match.start()])
        if index == 0:
            out.append(replacement)
        last = match.end()
    out.append(head[last:])
    return "".join(out) + rest
