"""Generate deploy/nginx.conf from deploy/nginx.conf.in: `python -m scripts.handbook nginx-conf`.

The Content-Security-Policy allows scripts from the site itself plus the inline
scripts Material puts in every page, by their SHA-256 hash. One of them,
`__md_scope=new URL("<base>",location)…`, differs with the page's depth, so
besides the scripts found in the built site we also allow its variants for
pages up to MAX_DEPTH folders deep: adding pages does not change the policy.
With --check, compare instead of writing (exit 1 when out of date).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from scripts.handbook.paths import ROOT

TEMPLATE = ROOT / "deploy" / "nginx.conf.in"
OUTPUT = ROOT / "deploy" / "nginx.conf"
MAX_DEPTH = 6
_SCOPE = re.compile(r'^(__md_scope=new URL\(")([^"]*)("\s*,\s*location\))')
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}


def inline_scripts(site: Path) -> set[str]:
    """The text of every inline script the browser runs, across the built site."""
    found = set()
    for html in site.rglob("*.html"):
        tree = LexborHTMLParser(html.read_text(encoding="utf-8"))
        for script in tree.css("script"):
            attrs = script.attributes
            if "src" in attrs or (attrs.get("type") or "").strip().lower() not in _EXECUTABLE:
                continue
            found.add(script.text(deep=True))
    return found


def with_scope_variants(scripts: set[str]) -> set[str]:
    bases = ["/", "."] + ["/".join([".."] * depth) for depth in range(1, MAX_DEPTH + 1)]
    variants = set(scripts)
    for script in scripts:
        if _SCOPE.match(script):
            variants.update(_SCOPE.sub(lambda m, b=base: m.group(1) + b + m.group(3), script)
                            for base in bases)
    return variants


def sha256(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


CSP = ("default-src 'none'; script-src 'self' {hashes}; style-src 'self'; "
       "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
       "manifest-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'")


# Directives a <meta> Content-Security-Policy cannot carry: browsers ignore
# frame-ancestors (and report-uri, report-to, sandbox) there; only the header has them.
HEADER_ONLY = ("frame-ancestors", "report-uri", "report-to", "sandbox")


def policy(site: Path) -> str:
    hashes = sorted(sha256(s) for s in with_scope_variants(inline_scripts(site)))
    return CSP.format(hashes=" ".join(hashes))


def meta_policy(header: str) -> str:
    """The header policy without the directives a <meta> cannot carry."""
    kept = [d.strip() for d in header.split(";")
            if d.strip() and d.split()[0] not in HEADER_ONLY]
    return "; ".join(kept)


def meta_tags(header: str) -> str:
    """What overrides/hooks/csp_meta.py puts in every page's <head>."""
    return (f'<meta http-equiv="Content-Security-Policy" content="{meta_policy(header)}">'
            '<meta name="referrer" content="no-referrer">')


def render(site: Path, template: Path = TEMPLATE) -> str:
    return template.read_text(encoding="utf-8").replace("@CSP@", policy(site))


def main(site: Path, check: bool = False, output: Path = OUTPUT) -> int:
    if not (site / "index.html").exists():
        print(f"{site}/index.html is missing — build the site first (make build)")
        return 2
    text = render(site)
    if check:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current != text:
            print(f"{output.relative_to(ROOT)} is out of date with the built site's inline "
                  "scripts — run `python -m scripts.handbook nginx-conf site` and commit it")
            return 1
        print(f"{output.relative_to(ROOT)} is up to date")
        return 0
    output.write_text(text, encoding="utf-8")
    print(f"wrote {output.relative_to(ROOT)}")
    return 0
