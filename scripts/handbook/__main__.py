"""The handbook CLI: one entry point for every docs task.

    python -m scripts.handbook check [SITE]    validate the built site (default: site/)
    python -m scripts.handbook bench           time the build and the validator
    python -m scripts.handbook browser         make sure Debian Chromium is installed
    python -m scripts.handbook vendor          refresh self-hosted fonts from node_modules
    python -m scripts.handbook pdf checklists [SITE]   print the checklist booklets to
                                               SITE/downloads/checklist-{vi,en}.pdf
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.handbook.paths import ROOT, SITE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.handbook", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the built site")
    check.add_argument("site", nargs="?", type=Path, default=SITE)
    check.add_argument("--root", type=Path, default=ROOT, help="project root (docs/, data/)")
    check.add_argument("--only", action="append", metavar="RULE",
                       help="run only this rule (repeatable)")
    bench = commands.add_parser("bench", help="time mkdocs build (cold, warm) and the validator")
    bench.add_argument("--runs", type=int, default=5, help="validator runs (median)")
    bench.add_argument("--pages", type=int, default=0, metavar="N",
                       help="also time the validator with N more generated page pairs")
    bench.add_argument("--out", type=Path, default=ROOT / "build" / "bench.json")
    commands.add_parser("browser", help="install Debian Chromium for the tests if missing")
    commands.add_parser("vendor", help="copy fonts from node_modules into docs/assets/fonts")
    pdf = commands.add_parser("pdf", help="print PDFs from the built site (Chromium)")
    pdf.add_argument("what", choices=["checklists"], help="which PDFs to make")
    pdf.add_argument("site", nargs="?", type=Path, default=SITE)
    args = parser.parse_args(argv)

    if args.command == "check":
        from scripts.handbook.check import main as check_main

        return check_main(args.site, args.root, args.only)
    if args.command == "bench":
        from scripts.handbook.bench import bench

        return bench(args.out, args.runs, args.pages)
    if args.command == "browser":
        from scripts.handbook.browser import ensure

        return ensure()
    if args.command == "vendor":
        from scripts.handbook.vendor import vendor

        return vendor()
    if args.command == "pdf":
        from scripts.handbook.pdf import checklist_booklets

        return checklist_booklets(args.site)
    return 2


if __name__ == "__main__":
    sys.exit(main())
