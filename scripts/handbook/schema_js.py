"""The meetings-file validator the page runs, generated from the published schemas.

    python -m scripts.handbook schema-validator [--check]

Runs scripts/handbook/schema_validator.js (node, ajv's standalone code: no eval at run
time, so the Content-Security-Policy without 'unsafe-eval' holds) over
docs/assets/schemas/meetings-v*.schema.json, minifies it with terser and writes
docs/assets/javascripts/stcb-meetings-schema.js (committed; tests/test_schema_js.py
fails when it is not up to date). Both come from the pinned npm packages (`npm ci`).
"""

from __future__ import annotations

import subprocess
import sys

from scripts.handbook.paths import DOCS, ROOT

SCHEMAS = sorted((DOCS / "assets" / "schemas").glob("meetings-v*.schema.json"),
                 key=lambda p: int(p.name.split("-v")[1].split(".")[0]))
OUT = DOCS / "assets" / "javascripts" / "stcb-meetings-schema.js"
GENERATOR = ROOT / "scripts" / "handbook" / "schema_validator.js"
TERSER = ROOT / "node_modules" / "terser" / "bin" / "terser"


def generate() -> str:
    """The validator's source, as it should be committed."""
    if not TERSER.exists():
        raise SystemExit(f"{TERSER} is missing — run `npm ci`")
    code = subprocess.run(["node", str(GENERATOR), *map(str, SCHEMAS)], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout
    header, _, body = code.partition("*/\n")
    small = subprocess.run(["node", str(TERSER), "--compress", "--mangle"], cwd=ROOT,
                           input=body, check=True, capture_output=True, text=True).stdout
    return header + "*/\n" + small.strip() + "\n"


def main(check: bool = False) -> int:
    code = generate()
    if check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != code:
            print(f"{OUT.relative_to(ROOT)}: out of date with the schemas — "
                  "run `python -m scripts.handbook schema-validator`", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(code, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(code.encode())} bytes)")
    return 0
