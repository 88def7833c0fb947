"""Precompressed copies for nginx's gzip_static and brotli_static:
`python -m scripts.handbook compress [SITE]`.

Writes FILE.gz (gzip, highest level) and FILE.br (Brotli, Google's `brotli`
package) next to every text file of the built site (HTML, CSS, JavaScript, JSON,
SVG, XML, web manifest), once per build instead of on every request
(deploy/nginx.conf: `gzip_static on`, `brotli_static on`). Files under MIN_SIZE
bytes get neither; a copy that is not smaller than the file is not written (and
an old one is removed). The output is reproducible (no file name or time in the
gzip header; Brotli has none). `make build` runs it last, after the offline ZIP
(which leaves .gz and .br files out anyway).

Brotli's highest quality (11) is slow: about 14 s of CPU for the whole site
(10.7 MB of text). It is used where the bytes are sent most and cached longest,
the hashed assets (the CSS and JavaScript bundles) and the search indexes (1.1 MB,
1.5 s); the pages and the other files get BR_QUALITY_OTHER (0.2 s instead of 12;
13 % larger than at 11, still 6 % smaller than gzip at level 9).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli

from scripts.handbook.paths import SITE

SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".webmanifest", ".txt"}
MIN_SIZE = 256  # as nginx's gzip_min_length
BR_QUALITY_BEST = 11
BR_QUALITY_OTHER = 5
# The names deploy/nginx.conf caches as immutable (a content hash), and the search indexes.
_BEST = re.compile(r"\.[0-9a-f]{8}(\.min)?\.(js|css)$|(^|/)search_index(\.full)?\.json$")


def compressible(path: Path) -> bool:
    return path.is_file() and path.suffix in SUFFIXES and path.stat().st_size >= MIN_SIZE


def brotli_quality(rel: str) -> int:
    """Brotli's quality for the file at *rel* (its path from the site root)."""
    return BR_QUALITY_BEST if _BEST.search(rel) else BR_QUALITY_OTHER


def _write(target: Path, packed: bytes, size: int) -> int:
    """Write *packed* to *target* if it is smaller than the file; return its size or 0."""
    if len(packed) >= size:
        target.unlink(missing_ok=True)
        return 0
    target.write_bytes(packed)
    return len(packed)


def compress(site: Path) -> dict[str, tuple[int, int, int]]:
    """Write the .gz and .br files; return {".gz": (files, bytes before, bytes after),
    ".br": (…)}."""
    totals = {".gz": [0, 0, 0], ".br": [0, 0, 0]}
    for path in sorted(site.rglob("*")):
        if not compressible(path):
            continue
        data = path.read_bytes()
        rel = path.relative_to(site).as_posix()
        copies = {".gz": gzip.compress(data, compresslevel=9, mtime=0),
                  ".br": brotli.compress(data, quality=brotli_quality(rel))}
        for suffix, packed in copies.items():
            written = _write(path.with_name(path.name + suffix), packed, len(data))
            if written:
                for i, amount in enumerate((1, len(data), written)):
                    totals[suffix][i] += amount
    return {suffix: tuple(total) for suffix, total in totals.items()}


def main(site: Path = SITE) -> int:
    if not (site / "index.html").exists():
        print(f"{site}/index.html is missing — build the site first (make build)")
        return 2
    for suffix, (count, before, after) in compress(site).items():
        print(f"compressed {count} files: {before / 1e6:.2f} MB → {after / 1e6:.2f} MB ({suffix})")
    return 0
