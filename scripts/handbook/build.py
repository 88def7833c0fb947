"""`make build` in one command: the pages, every download, the offline ZIP, the
service worker, the .gz and .br copies and the validator, with the time of each step.

    python -m scripts.handbook build [SITE]

The steps are the ones each has its own command for (`pdf checklists`, `docx`, …);
this runs them in order, but overlaps what does not depend on each other on a
2-core machine:

- after `mkdocs build`, the offline copy's own `mkdocs build` (a process of its
  own), the slides and the working-rules outline (Python) and the blank Word files
  and the PDFs (one Chromium for the four, which mostly waits for it) run at the
  same time;
- the ZIP then packs the offline copy with those downloads; the service worker, the
  .gz and .br copies and the validator follow, in that order (each reads what the one
  before wrote).

The times go to the terminal and to build/build-steps.json. The first step that
fails stops the build with its own message and a non-zero exit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from scripts.handbook.paths import ROOT, SITE

TIMES = ROOT / "build" / "build-steps.json"


class StepFailed(Exception):
    pass


class Steps:
    """Runs named steps, records their times, stops at the first failure."""

    def __init__(self) -> None:
        self.times: list[tuple[str, float]] = []

    def run(self, name: str, func, *args) -> None:
        start = time.perf_counter()
        status = func(*args)
        self.times.append((name, time.perf_counter() - start))
        if status:
            raise StepFailed(f"{name} failed (exit {status})")


def _mkdocs(site: Path) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                          cwd=ROOT, env=env).returncode


def _offline_build(offline_site: Path) -> int:
    from scripts.handbook import offline_zip

    offline_zip.build(offline_site)
    return 0


def _python_downloads(site: Path, steps: Steps) -> None:
    from scripts.handbook import deck, work_rules

    steps.run("deck", deck.main, site)
    steps.run("work-rules-docx", work_rules.main, site)


def _pdfs(site: Path, steps: Steps) -> None:
    from scripts.handbook import book, docx_files, pdf
    from scripts.handbook.browser import shared_browser

    with shared_browser(site):
        steps.run("docx", docx_files.main, site)  # made by the page's own script
        steps.run("pdf checklists", pdf.checklist_booklets, site)
        steps.run("pdf handouts", pdf.handout_booklets, site)
        steps.run("pdf book", book.write_books, site)


def main(site: Path = SITE) -> int:
    from scripts.handbook import compress, offline_zip, service_worker
    from scripts.handbook.check import main as check_main

    steps = Steps()
    total = time.perf_counter()
    status = 0
    try:
        steps.run("mkdocs build", _mkdocs, site)
        with ThreadPoolExecutor(max_workers=2) as pool:
            offline = pool.submit(steps.run, "offline mkdocs build", _offline_build,
                                  offline_zip.OFFLINE_SITE)
            python = pool.submit(_python_downloads, site, steps)
            _pdfs(site, steps)
            python.result()
            offline.result()
        steps.run("zip", offline_zip.main, site, offline_zip.OFFLINE_SITE,
                  ROOT / "mkdocs.yml", False)  # (its offline build ran above)
        steps.run("sw", service_worker.main, site)
        steps.run("compress", compress.main, site)
        steps.run("check", check_main, site)
    except (StepFailed, RuntimeError) as error:
        print(f"make build: {error}")
        status = 1
    _report(steps.times, time.perf_counter() - total)
    return status


def _report(times: list[tuple[str, float]], total: float) -> None:
    width = max((len(name) for name, _ in times), default=4)
    print("\nBuild steps (s; the downloads and the offline build overlap):")
    for name, seconds in times:
        print(f"  {name:<{width}}  {seconds:6.1f}")
    print(f"  {'total':<{width}}  {total:6.1f}")
    TIMES.parent.mkdir(parents=True, exist_ok=True)
    TIMES.write_text(json.dumps({"steps_s": dict(times), "total_s": round(total, 2)},
                                indent=2) + "\n", encoding="utf-8")
