"""Lighthouse on one page of each kind: part of `make perf` (`python -m scripts.handbook perf`).

Serves SITE with the shipped nginx (deploy/nginx.conf, HTTPS with a certificate made
for the run) and runs the pinned npm `lighthouse` (package.json) on Debian Chromium,
headless, with the flags of scripts/handbook/browser.py, Lighthouse's default mobile
settings (simulated throttling) and the four categories below; RUNS runs per page.
Writes build/lighthouse.json (every run's scores, CLS and the audits that failed, and
the medians per page) and prints the medians with the machine's load average, since
performance scores fall on a loaded machine.

Targets (reported, never asserted in tests): performance ≥ 95 (median of RUNS),
accessibility, best practices and SEO 100, cumulative layout shift < 0.05 in every run.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

from scripts.handbook.browser import CHROMIUM, CHROMIUM_ARGS
from scripts.handbook.paths import ROOT

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
OUTPUT = ROOT / "build" / "lighthouse.json"
RUNS = 3
ATTEMPTS = 3  # per run
# One page of each kind (Vietnamese, the default language).
PAGES = {
    "home": "",
    "duty": "nhiem-vu/ra-nghi-quyet/",
    "checklist": "checklist/chuan-bi-sinh-hoat-chi-bo/",
    "template": "bieu-mau/bien-ban-sinh-hoat-chi-bo/",
    "module": "tap-huan/bai-1-vai-tro/",
    "glossary": "tra-cuu/thuat-ngu/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CLS_MAX = 0.05
# Lighthouse starts Chromium itself (chrome-launcher); the run's certificate is
# self-signed, and the service worker registers only if Chromium accepts it.
FLAGS = [*CHROMIUM_ARGS, "--headless=new", "--ignore-certificate-errors"]


def run_once(url: str, output: Path, timeout: float = 300) -> dict:
    """One Lighthouse run of *url*; its JSON report is written to *output* and returned."""
    if not LIGHTHOUSE.exists():
        raise FileNotFoundError(f"{LIGHTHOUSE} is missing — run `npm ci`")
    command = [str(LIGHTHOUSE), url, f"--chrome-path={CHROMIUM}",
               f"--chrome-flags={' '.join(FLAGS)}",
               f"--only-categories={','.join(CATEGORIES)}",
               "--output=json", f"--output-path={output}", "--quiet"]
    # Lighthouse 12 checks for updates and may offer telemetry; neither reaches out here.
    env = {**os.environ, "CI": "1", "CHROME_PATH": CHROMIUM}
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)
    if result.returncode != 0 or not output.exists():
        raise RuntimeError(f"lighthouse failed on {url} (exit {result.returncode}):\n"
                           f"{result.stderr[-2000:]}")
    return json.loads(output.read_text(encoding="utf-8"))


def summary(report: dict) -> dict:
    """Scores (0–100), CLS, and the audits below a full score in the categories that
    must reach 100 (with Lighthouse's own title), from one Lighthouse JSON report."""
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse: {report['runtimeError'].get('message')}")
    categories = report["categories"]
    audits = report["audits"]
    scores = {name: None if categories[name]["score"] is None
              else round(categories[name]["score"] * 100) for name in CATEGORIES}
    failed = {}
    for name in CATEGORIES:
        for ref in categories[name]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None \
                    and audit["score"] < 1:
                failed.setdefault(name, []).append(f"{ref['id']}: {audit['title']}")
    cls = audits["cumulative-layout-shift"].get("numericValue")
    return {"scores": scores, "cls": cls, "failed": failed,
            "lighthouse": report.get("lighthouseVersion"),
            "user_agent": report.get("environment", {}).get("hostUserAgent")}


def median(runs: list[dict]) -> dict:
    """Median scores and CLS over *runs* (summaries), with the worst CLS."""
    scores = {name: statistics.median(run["scores"][name] for run in runs
                                      if run["scores"][name] is not None)
              for name in CATEGORIES}
    cls = [run["cls"] for run in runs]
    return {"scores": scores, "cls": round(statistics.median(cls), 4),
            "cls_max": round(max(cls), 4)}


def meets(result: dict) -> bool:
    """The targets: each median score, and CLS in every run."""
    return all(result["scores"][name] >= target for name, target in TARGETS.items()) \
        and result["cls_max"] < CLS_MAX


def measure_served(base: str, pages: dict[str, str] = PAGES, runs: int = RUNS,
                   keep: Path | None = None) -> dict:
    """Lighthouse *runs* times on each page of *pages* under *base* (a served site).
    With *keep*, the full reports are left there (KIND-N.json)."""
    result = {}
    with tempfile.TemporaryDirectory(prefix="stcb-lighthouse-") as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for kind, path in pages.items():
            loads, summaries = [], []
            errors = []
            for number in range(1, runs + 1):
                loads.append(os.getloadavg()[0])
                # On a loaded machine Lighthouse sometimes loses its trace (NO_NAVSTART,
                # NO_FCP): such a run is tried again, and said, never silently dropped.
                for _attempt in range(ATTEMPTS):
                    try:
                        report = run_once(f"{base}/{path}", folder / f"{kind}-{number}.json")
                        summaries.append(summary(report))
                        break
                    except (RuntimeError, subprocess.TimeoutExpired) as error:
                        errors.append(str(error).splitlines()[-1][:300])
            if not summaries:
                raise RuntimeError(f"lighthouse: no run of /{path} succeeded: {errors}")
            result[kind] = {"path": f"/{path}", **median(summaries),
                            "load_average": round(statistics.median(loads), 2),
                            "runs": summaries, "errors": errors}
            result[kind]["meets_targets"] = meets(result[kind]) and len(summaries) == runs
    return result


def measure(site: Path, pages: dict[str, str] = PAGES, runs: int = RUNS,
            keep: Path | None = None) -> dict:
    from scripts.handbook import nginx

    with nginx.run(site) as base:
        return {"runs_per_page": runs, "cores": os.cpu_count(),
                "targets": {**TARGETS, "cls_max": CLS_MAX},
                "pages": measure_served(base, pages, runs, keep)}


def report(result: dict) -> list[str]:
    lines = [f"Lighthouse (mobile, median of {result['runs_per_page']}; load average is the "
             f"1-minute figure on {result['cores']} cores):",
             f"{'page':10} {'perf':>4} {'a11y':>4} {'BP':>4} {'SEO':>4} {'CLS':>6} "
             f"{'CLS max':>7} {'load':>5}"]
    for kind, page in result["pages"].items():
        s = page["scores"]
        lines.append(f"{kind:10} {s['performance']:>4g} {s['accessibility']:>4g} "
                     f"{s['best-practices']:>4g} {s['seo']:>4g} {page['cls']:>6.3f} "
                     f"{page['cls_max']:>7.3f} {page['load_average']:>5.1f}"
                     f"{'' if page['meets_targets'] else '  MISSED'}")
        failed = sorted({audit for run in page["runs"] for name, audits in run["failed"].items()
                         if name != "performance" for audit in audits})
        lines.extend(f"{'':10} {audit}" for audit in failed)
        lines.extend(f"{'':10} (a run failed and was tried again: {error})"
                     for error in page.get("errors", []))
    return lines


def main(site: Path, output: Path = OUTPUT, pages: dict[str, str] = PAGES,
         runs: int = RUNS) -> int:
    result = measure(site, pages, runs)
    print("\n".join(report(result)))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written to {output}")
    return 0
