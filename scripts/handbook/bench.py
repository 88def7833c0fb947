"""Benchmark: how long `mkdocs build` and the validator take.

    python -m scripts.handbook bench [--runs N] [--out build/bench.json]

- build, cold: `mkdocs build --strict` in a new process into an empty folder;
- build, warm: the same command again into the now-full folder;
- validator: every rule over that site, in-process, median of N runs, each
  with a fresh Context (so reading and parsing the pages is included), plus a
  breakdown (read + parse, then each rule on the parsed site) and one timed run
  of the CLI as an editor runs it (interpreter start-up included).
Figures go to a JSON file and a short summary is printed.
"""

from __future__ import annotations

import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from scripts.handbook.check import RULES, Context, load_rules, run
from scripts.handbook.paths import ROOT

REPORTED = re.compile(r"Documentation built in ([0-9.]+) seconds")


def bench(out: Path, runs: int = 5) -> int:
    with tempfile.TemporaryDirectory(prefix="stcb-bench-") as tmp:
        site = Path(tmp) / "site"
        cold = _build(site)
        warm = _build(site)
        if cold is None or warm is None:
            return 1
        result = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
            "build": {"cold": cold, "warm": warm},
            **_validator(site, runs),
        }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    _print(result, out)
    return 0


def _build(site: Path) -> dict | None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                          cwd=ROOT, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        print("bench: mkdocs build failed — fix the build first (`make build`)")
        return None
    reported = REPORTED.search(done.stderr)
    return {"wall_s": round(wall, 3),
            "mkdocs_reported_s": float(reported.group(1)) if reported else None}


def _validator(site: Path, runs: int) -> dict:
    load_rules()
    totals, parses = [], []
    rule_times: dict[str, list[float]] = {rule_id: [] for rule_id in RULES}
    findings = 0
    for _ in range(runs):
        start = time.perf_counter()
        findings = len(run(Context(site=site)))
        totals.append(time.perf_counter() - start)
        ctx = Context(site=site)
        start = time.perf_counter()
        for page in ctx.site_model.pages.values():
            page.tree  # noqa: B018  (parse now, to time it apart from the rules)
        parses.append(time.perf_counter() - start)
        for rule_id, rule in RULES.items():
            start = time.perf_counter()
            list(rule(ctx))
            rule_times[rule_id].append(time.perf_counter() - start)
    ctx = Context(site=site)
    pages = len(ctx.site_model.pages)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "scripts.handbook", "check", str(site)],
                   cwd=ROOT, capture_output=True, text=True)
    cli = time.perf_counter() - start
    median = statistics.median(totals)
    return {
        "pages": {"html": pages, "markdown": len(list(ctx.docs.rglob("*.md")))},
        "validator": {
            "runs": runs,
            "median_s": round(median, 4),
            "per_100_pages_s": round(median / pages * 100, 4) if pages else None,
            "all_runs_s": [round(t, 4) for t in totals],
            "read_and_parse_median_s": round(statistics.median(parses), 4),
            "rules_median_s": {k: round(statistics.median(v), 4) for k, v in rule_times.items()},
            "cli_wall_s": round(cli, 3),
            "findings": findings,
        },
    }


def _print(result: dict, out: Path) -> None:
    build, check, pages = result["build"], result["validator"], result["pages"]
    print(f"Pages: {pages['html']} HTML pages built from {pages['markdown']} Markdown files")
    for kind in ("cold", "warm"):
        print(f"mkdocs build --strict, {kind}: {build[kind]['wall_s']:.2f} s "
              f"(MkDocs reports {build[kind]['mkdocs_reported_s']} s)")
    print(f"Validator: {check['median_s'] * 1000:.0f} ms median of {check['runs']} runs "
          f"= {check['per_100_pages_s'] * 1000:.0f} ms per 100 pages "
          f"(read + parse {check['read_and_parse_median_s'] * 1000:.0f} ms; "
          f"as a command {check['cli_wall_s']:.2f} s with Python start-up); "
          f"{check['findings']} findings")
    slowest = sorted(check["rules_median_s"].items(), key=lambda kv: -kv[1])[:3]
    print("Slowest rules: " + ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in slowest))
    print(f"Written to {out}")
