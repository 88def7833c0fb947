"""The service worker: `python -m scripts.handbook sw [SITE]` writes SITE/sw.js.

Workbox (npm `workbox-build`, pinned in package.json) generates it from the
built site; its whole configuration is scripts/handbook/sw.mjs. Run it after
every step that writes into SITE (pages, PDFs, Word files, ZIP): the precache
lists every page, stylesheet, script, font and search index with a revision
(its content hash), so a new build is taken as one whole set, never a mix.
docs/assets/javascripts/stcb.js registers it (http(s) only, after load);
stcb-app.js shows the update notice.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

from scripts.handbook.paths import ROOT

SCRIPT = ROOT / "scripts" / "handbook" / "sw.mjs"
WORKBOX = ROOT / "node_modules" / "workbox-build"
SW = "sw.js"
_URL = re.compile(r'\{url:"([^"]+)",revision:(?:"[0-9a-f]+"|null)\}')


def generate(site: Path) -> dict:
    """Write SITE/sw.js; return Workbox's summary ({count, size, warnings, filesCache})."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is missing — install Node.js (the README's first lines)")
    if not WORKBOX.exists():
        raise RuntimeError(f"{WORKBOX.relative_to(ROOT)} is missing — run `npm ci`")
    done = subprocess.run([node, str(SCRIPT), str(site)], cwd=ROOT, capture_output=True,
                          text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{SCRIPT.relative_to(ROOT)} failed:\n{done.stderr.strip()}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def precached(site: Path) -> list[str]:
    """The precached URLs (relative to the site root), read back from SITE/sw.js."""
    return _URL.findall((site / SW).read_text(encoding="utf-8"))


def precache_size(site: Path) -> dict:
    """Files, bytes on disk, and bytes over the wire (gzip, as nginx sends text;
    woff2 and png are sent as they are) of the precache."""
    raw = wire = 0
    urls = precached(site)
    for url in urls:
        data = (site / url).read_bytes()
        raw += len(data)
        wire += len(data) if url.endswith((".woff2", ".png")) else len(gzip.compress(data, 6))
    return {"files": len(urls), "bytes": raw, "gzip_bytes": wire}


def main(site: Path) -> int:
    if not (site / "index.html").exists():
        print(f"{site}/index.html is missing — build the site first (make build)")
        return 2
    try:
        summary = generate(site)
    except RuntimeError as error:
        print(error)
        return 1
    for warning in summary["warnings"]:
        print(f"workbox: {warning}")
    size = precache_size(site)
    print(f"wrote {site / SW}: precache {size['files']} files, "
          f"{size['bytes'] / 1024 / 1024:.2f} MB ({size['gzip_bytes'] / 1024 / 1024:.2f} MB "
          f"over the wire); Word files cached on first use in {summary['filesCache']}")
    return 1 if summary["warnings"] else 0
