"""The handbook CLI: one entry point for every docs task.

    python -m scripts.handbook check [SITE]    validate the built site (default: site/)
    python -m scripts.handbook bench           time the build and the validator
    python -m scripts.handbook browser         make sure Debian Chromium is installed
    python -m scripts.handbook vendor          refresh self-hosted fonts from node_modules
    python -m scripts.handbook pdf checklists [SITE]   print the checklist booklets to
                                               SITE/downloads/checklist-{vi,en}.pdf
    python -m scripts.handbook pdf handouts [SITE]   the course handouts to
                                               SITE/downloads/tai-lieu-phat-tay-{vi,en}.pdf
    python -m scripts.handbook pdf book [SITE]   the whole book to
                                               SITE/downloads/so-tay-bi-thu-chi-bo-{vi,en}.pdf
    python -m scripts.handbook docx [SITE]     the blank Word file of every meeting template to
                                               SITE/downloads/bieu-mau/<id>.docx (Chromium)
    python -m scripts.handbook deck [SITE]     the lecture slides of every module and of the
                                               course to SITE/downloads/slide/*.pptx
    python -m scripts.handbook work-rules-docx [SITE]
                                               the working-rules outline (data/quy-che.yml) as
                                               SITE/downloads/bieu-mau/quy-che-hoat-dong*.docx
    python -m scripts.handbook search-eval [SITE] [--offline]
                                               search precision/recall in Chromium
    python -m scripts.handbook zip [SITE]      offline ZIP into SITE/downloads/
    python -m scripts.handbook compress [SITE] a .gz and a .br next to every text file (nginx
                                               gzip_static, brotli_static)
    python -m scripts.handbook nginx-conf [SITE] [--check]
                                               deploy/nginx.conf with the CSP script hashes
    python -m scripts.handbook perf [SITE] [--only weight|lighthouse] [--runs N]
                                               page weight and requests → build/perf.json;
                                               Lighthouse on each kind of page, median of
                                               N runs → build/lighthouse.json
    python -m scripts.handbook schema-validator [--check]
                                               the page's meetings-file validator from the
                                               JSON Schemas (ajv, standalone: no eval)
    python -m scripts.handbook sw [SITE]       the service worker SITE/sw.js (Workbox), after
                                               every step that writes into SITE
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
    pdf.add_argument("what", choices=["checklists", "handouts", "book"],
                     help="which PDFs to make")
    pdf.add_argument("site", nargs="?", type=Path, default=SITE)
    docx = commands.add_parser(
        "docx", help="write the blank Word file of every template (Chromium)")
    docx.add_argument("site", nargs="?", type=Path, default=SITE)
    deck = commands.add_parser(
        "deck", help="write the lecture slides (.pptx) of every module and of the course")
    deck.add_argument("site", nargs="?", type=Path, default=SITE)
    work_rules = commands.add_parser(
        "work-rules-docx", help="write the working-rules outline as Word files (python-docx)")
    work_rules.add_argument("site", nargs="?", type=Path, default=SITE)
    search_eval = commands.add_parser(
        "search-eval", help="type the fixed query set into the search box, report precision/recall")
    search_eval.add_argument("site", nargs="?", type=Path, default=SITE)
    search_eval.add_argument("--offline", action="store_true",
                             help="open SITE (an offline build, e.g. site-offline/) from file://")
    search_eval.add_argument("--queries", type=Path, help="query set (tests/search_queries.yml)")
    zip_cmd = commands.add_parser(
        "zip", help="build site-offline/ and write SITE/downloads/so-tay-bi-thu-chi-bo-offline.zip")
    zip_cmd.add_argument("site", nargs="?", type=Path, default=SITE)
    zip_cmd.add_argument("--offline-dir", type=Path, help="where to build (site-offline/)")
    zip_cmd.add_argument("--config", type=Path, help="mkdocs.yml to build (the project's)")
    compress = commands.add_parser(
        "compress",
        help="write FILE.gz and FILE.br next to every text file of the built site")
    compress.add_argument("site", nargs="?", type=Path, default=SITE)
    nginx_conf = commands.add_parser(
        "nginx-conf", help="write deploy/nginx.conf from its template and the built site")
    nginx_conf.add_argument("site", nargs="?", type=Path, default=SITE)
    nginx_conf.add_argument("--check", action="store_true",
                            help="only check that deploy/nginx.conf is up to date")
    perf = commands.add_parser(
        "perf", help="bytes and requests on a cold load through nginx, index and download sizes")
    perf.add_argument("site", nargs="?", type=Path, default=SITE)
    perf.add_argument("--only", choices=["weight", "lighthouse"],
                      help="only the page weights, or only Lighthouse (default: both)")
    perf.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    schema_js = commands.add_parser(
        "schema-validator", help="generate the page's meetings-file validator (ajv)")
    schema_js.add_argument("--check", action="store_true",
                           help="only check that the committed validator is up to date")
    build = commands.add_parser(
        "build", help="make build: the pages, every download, the ZIP, the worker, the "
        ".gz copies and the validator, with the time of each step")
    build.add_argument("site", nargs="?", type=Path, default=SITE)
    sw = commands.add_parser(
        "sw", help="generate SITE/sw.js with Workbox (run after every step that writes SITE)")
    sw.add_argument("site", nargs="?", type=Path, default=SITE)
    args = parser.parse_args(argv)

    if args.command == "build":
        from scripts.handbook.build import main as build_main

        return build_main(args.site)
    if args.command == "check":
        from scripts.handbook.check import main as check_main

        return check_main(args.site, args.root, args.only)
    if args.command == "bench":
        from scripts.handbook.bench import bench

        return bench(args.out, args.runs, args.pages)
    if args.command == "browser":
        from scripts.handbook.browser import ensure

        return ensure()
    if args.command == "search-eval":
        from scripts.handbook.search_eval import QUERIES
        from scripts.handbook.search_eval import main as search_eval_main

        return search_eval_main(args.site, args.queries or QUERIES, args.offline)
    if args.command == "zip":
        from scripts.handbook import offline_zip

        return offline_zip.main(args.site, args.offline_dir or offline_zip.OFFLINE_SITE,
                                args.config or ROOT / "mkdocs.yml")
    if args.command == "compress":
        from scripts.handbook.compress import main as compress_main

        return compress_main(args.site)
    if args.command == "nginx-conf":
        from scripts.handbook.deploy import main as deploy_main

        return deploy_main(args.site, args.check)
    if args.command == "perf":
        from scripts.handbook.perf import main as perf_main

        return perf_main(args.site, only=args.only, runs=args.runs)
    if args.command == "schema-validator":
        from scripts.handbook.schema_js import main as schema_js_main

        return schema_js_main(args.check)
    if args.command == "sw":
        from scripts.handbook.service_worker import main as sw_main

        return sw_main(args.site)
    if args.command == "vendor":
        from scripts.handbook.vendor import vendor

        return vendor()
    if args.command == "deck":
        from scripts.handbook.deck import main as deck_main

        return deck_main(args.site)
    if args.command == "docx":
        from scripts.handbook.docx_files import main as docx_main

        return docx_main(args.site)
    if args.command == "work-rules-docx":
        from scripts.handbook.work_rules import main as work_rules_main

        return work_rules_main(args.site)
    if args.command == "pdf" and args.what == "book":
        from scripts.handbook.book import write_books

        return write_books(args.site)
    if args.command == "pdf" and args.what == "handouts":
        from scripts.handbook.pdf import handout_booklets

        return handout_booklets(args.site)
    if args.command == "pdf":
        from scripts.handbook.pdf import checklist_booklets

        return checklist_booklets(args.site)
    return 2


if __name__ == "__main__":
    sys.exit(main())
