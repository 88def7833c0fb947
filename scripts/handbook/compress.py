"""Precompressed copies for nginx's gzip_static: `python -m scripts.handbook compress [SITE]`.

Writes FILE.gz next to every text file of the built site (HTML, CSS, JavaScript,
JSON, SVG, XML, web manifest) at the highest gzip level, once per build instead
of at level 6 on every request (deploy/nginx.conf: `gzip_static on`). Files under
MIN_SIZE bytes, or that gzip does not make smaller, get none. The output is
reproducible (no file name or time in the gzip header). `make build` runs it
last, after the offline ZIP (which leaves .gz files out anyway).
"""

from __future__ import annotations

import gzip
from pathlib import Path

from scripts.handbook.paths import SITE

SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".webmanifest", ".txt"}
MIN_SIZE = 256  # as nginx's gzip_min_length


def compressible(path: Path) -> bool:
    return path.is_file() and path.suffix in SUFFIXES and path.stat().st_size >= MIN_SIZE


def compress(site: Path) -> tuple[int, int, int]:
    """Write the .gz files; return (files, bytes before, bytes after)."""
    count = before = after = 0
    for path in sorted(site.rglob("*")):
        if not compressible(path):
            continue
        data = path.read_bytes()
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        target = path.with_name(path.name + ".gz")
        if len(packed) >= len(data):
            target.unlink(missing_ok=True)
            continue
        target.write_bytes(packed)
        count, before, after = count + 1, before + len(data), after + len(packed)
    return count, before, after


def main(site: Path = SITE) -> int:
    if not (site / "index.html").exists():
        print(f"{site}/index.html is missing — build the site first (make build)")
        return 2
    count, before, after = compress(site)
    print(f"compressed {count} files: {before / 1e6:.2f} MB → {after / 1e6:.2f} MB (.gz)")
    return 0
