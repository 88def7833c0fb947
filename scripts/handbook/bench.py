"""Benchmark: how long `mkdocs build` and the validator take.

    python -m scripts.handbook bench [--runs N] [--pages N] [--out build/bench.json]

- build, cold: `mkdocs build --strict` in a new process into an empty folder;
- build, warm: the same command again into the now-full folder;
- build against bare Material: the site's build and a bare Material + i18n build
  of the same docs/ (no hooks, no overrides, no extra CSS or scripts), run in turn
  N times each in this one run, medians and their ratio (goal: at most 1.3×);
- validator: every rule over that site, in-process, median of N runs, each
  with a fresh Context (so reading and parsing the pages is included), plus a
  breakdown (read + parse, then each rule on the parsed site) and one timed run
  of the CLI as an editor runs it (interpreter start-up included);
- with --pages N, the validator again on a copy of the project with N more
  generated page pairs (headings, links, anchors, in the navigation), to see
  how it scales beyond today's few pages.
Figures go to a JSON file and a short summary is printed.
"""

from __future__ import annotations

import json
import os
import platform
import re
import resource
import shutil
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


def bench(out: Path, runs: int = 5, pages: int = 0) -> int:
    with tempfile.TemporaryDirectory(prefix="stcb-bench-") as tmp:
        versus_bare = _versus_bare(Path(tmp), runs)
        if not versus_bare:
            return 1
        # The first of those builds went into an empty folder: that is the cold build.
        site = Path(tmp) / "ours-0"
        warm = _build(site)
        if warm is None:
            return 1
        result = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
            "build": {"cold": versus_bare.pop("first"), "warm": warm},
            "versus_bare": versus_bare,
            **_validator(site, runs),
        }
        if pages:
            project = _grown_project(Path(tmp), pages)
            grown = _build(Path(tmp) / "grown-site", project)
            if grown is None:
                return 1
            result["grown"] = {"added_page_pairs": pages, "build": grown,
                               **_validator(Path(tmp) / "grown-site", runs, project, cli=False)}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    _print(result, out)
    return 0


def _build(site: Path, project: Path = ROOT, strict: bool = True) -> dict | None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    start, cpu_start = time.perf_counter(), _children_cpu()
    command = [sys.executable, "-m", "mkdocs", "build", "-d", str(site)]
    done = subprocess.run(command + (["--strict"] if strict else []),
                          cwd=project, capture_output=True, text=True, env=env)
    wall, cpu = time.perf_counter() - start, _children_cpu() - cpu_start
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        print("bench: mkdocs build failed — fix the build first (`make build`)")
        return None
    reported = REPORTED.search(done.stderr)
    return {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
            "mkdocs_reported_s": float(reported.group(1)) if reported else None}


def _children_cpu() -> float:
    """CPU seconds (user + system) of finished child processes: unlike wall time it
    barely moves when other work shares the cores."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _bare_project(tmp: Path) -> Path:
    """The same docs/ and mkdocs.yml without what the project adds to Material:
    no hooks, no theme overrides, no extra stylesheets or scripts."""
    project = tmp / "bare"
    shutil.copytree(ROOT / "docs", project / "docs")
    # (strict: the project's own anchors come from its hooks, so warnings are expected.)
    dropped = ("hooks:", "extra_css:", "extra_javascript:", "strict:")
    out, skipping = [], False
    for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            skipping = line.startswith(dropped)
        if skipping or line.strip().startswith("custom_dir:"):
            continue
        out.append(line)
    out.append("strict: false")
    (project / "mkdocs.yml").write_text("\n".join(out) + "\n", encoding="utf-8")
    return project


def _versus_bare(tmp: Path, runs: int) -> dict:
    """Median wall time of the site's build and of the bare build, alternated in one run
    (so both meet the same machine load), and their ratio."""
    bare = _bare_project(tmp)
    ours_s, bare_s, ours_cpu, bare_cpu = [], [], [], []
    first = None
    for i in range(runs):
        done = _build(tmp / f"ours-{i}")
        plain = _build(tmp / f"bare-{i}", bare, strict=False)
        if done is None or plain is None:
            return {}
        first = first or done
        ours_s.append(done["wall_s"])
        bare_s.append(plain["wall_s"])
        ours_cpu.append(done["cpu_s"])
        bare_cpu.append(plain["cpu_s"])
    ours, plain = statistics.median(ours_s), statistics.median(bare_s)
    cpu, plain_cpu = statistics.median(ours_cpu), statistics.median(bare_cpu)
    return {"runs": runs, "ours_median_s": ours, "bare_median_s": plain,
            "ratio": round(ours / plain, 2), "ours_s": ours_s, "bare_s": bare_s,
            "ours_cpu_median_s": cpu, "bare_cpu_median_s": plain_cpu,
            "cpu_ratio": round(cpu / plain_cpu, 2), "first": first}


def _validator(site: Path, runs: int, root: Path = ROOT, cli: bool = True) -> dict:
    load_rules()
    totals, parses = [], []
    rule_times: dict[str, list[float]] = {rule_id: [] for rule_id in RULES}
    findings = 0
    for _ in range(runs):
        start = time.perf_counter()
        findings = len(run(Context(site=site, root=root)))
        totals.append(time.perf_counter() - start)
        ctx = Context(site=site, root=root)
        start = time.perf_counter()
        for page in ctx.site_model.pages.values():
            page.tree  # noqa: B018  (parse now, to time it apart from the rules)
        parses.append(time.perf_counter() - start)
        for rule_id, rule in RULES.items():
            start = time.perf_counter()
            list(rule(ctx))
            rule_times[rule_id].append(time.perf_counter() - start)
    ctx = Context(site=site, root=root)
    pages = len(ctx.site_model.pages)
    start = time.perf_counter()
    if cli:
        subprocess.run([sys.executable, "-m", "scripts.handbook", "check", str(site)],
                       cwd=ROOT, capture_output=True, text=True)
    cli_s = time.perf_counter() - start if cli else None
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
            "cli_wall_s": round(cli_s, 3) if cli else None,
            "findings": findings,
        },
    }


def _grown_project(tmp: Path, pairs: int) -> Path:
    """A copy of the project with `pairs` more pages in each language, listed in
    the navigation, each with eight sections linking to the next page's."""
    project = tmp / "grown"
    for name in ("docs", "overrides", "data", "scripts"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    folder = project / "docs" / "thu-nghiem"
    folder.mkdir()
    for i in range(pairs):
        after = f"trang-{(i + 1) % pairs:03d}.md"
        vi = "".join(f"## Mục {j}\n\nĐoạn văn có [liên kết]({after}#muc-{j}) và "
                     f"[đầu trang](#trang-{i}).\n\n" for j in range(8))
        en = "".join(f"## Section {j} {{#muc-{j}}}\n\nText with [a link]({after}#muc-{j}) "
                     f"and [the top](#page-{i}).\n\n" for j in range(8))
        (folder / f"trang-{i:03d}.md").write_text(
            f"---\ntitle: Trang {i}\ndescription: Trang thử {i}.\n---\n\n# Trang {i}\n\n{vi}",
            encoding="utf-8")
        (folder / f"trang-{i:03d}.en.md").write_text(
            f"---\ntitle: Page {i}\ndescription: Trial page {i}.\n---\n\n# Page {i}\n\n{en}",
            encoding="utf-8")
    entries = "".join(f"      - thu-nghiem/trang-{i:03d}.md\n" for i in range(pairs))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace("\nnav:\n", f"\nnav:\n  - Thử nghiệm:\n{entries}", 1), encoding="utf-8")
    return project


def _print(result: dict, out: Path) -> None:
    build, check, pages = result["build"], result["validator"], result["pages"]
    print(f"Pages: {pages['html']} HTML pages built from {pages['markdown']} Markdown files")
    for kind in ("cold", "warm"):
        print(f"mkdocs build --strict, {kind}: {build[kind]['wall_s']:.2f} s "
              f"(MkDocs reports {build[kind]['mkdocs_reported_s']} s)")
    bare = result.get("versus_bare") or {}
    if bare:
        print(f"Build against bare Material (same docs/, median of {bare['runs']} in turn): "
              f"{bare['ours_median_s']:.2f} s vs {bare['bare_median_s']:.2f} s = "
              f"{bare['ratio']:.2f}× (goal ≤ 1.3×); CPU time {bare['ours_cpu_median_s']:.2f} s "
              f"vs {bare['bare_cpu_median_s']:.2f} s = {bare['cpu_ratio']:.2f}×")
    print(f"Validator: {check['median_s'] * 1000:.0f} ms median of {check['runs']} runs "
          f"= {check['per_100_pages_s'] * 1000:.0f} ms per 100 pages "
          f"(read + parse {check['read_and_parse_median_s'] * 1000:.0f} ms; "
          f"as a command {check['cli_wall_s']:.2f} s with Python start-up); "
          f"{check['findings']} findings")
    slowest = sorted(check["rules_median_s"].items(), key=lambda kv: -kv[1])[:3]
    print("Slowest rules: " + ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in slowest))
    if "grown" in result:
        grown = result["grown"]
        check = grown["validator"]
        print(f"With {grown['added_page_pairs']} more page pairs ({grown['pages']['html']} HTML "
              f"pages): build {grown['build']['wall_s']:.2f} s; validator "
              f"{check['median_s'] * 1000:.0f} ms = {check['per_100_pages_s'] * 1000:.0f} ms "
              f"per 100 pages; {check['findings']} findings")
    print(f"Written to {out}")
