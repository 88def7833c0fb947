"""The build validator: proves that the built site is whole.

Each rule is a generator of Findings, registered with @rule("rule-id") in one of
the modules imported by `load_rules()`. A Finding points at the source file and
line (Markdown or YAML) wherever it can, and at the built HTML otherwise.
Rules may add summary lines (coverage figures) through `ctx.summary`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts.handbook.paths import ROOT


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    rule: str
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: [{self.rule}] {self.message} — {self.fix}"


@dataclass
class Context:
    """What the rules look at: the built site and the project sources."""

    site: Path
    root: Path = ROOT
    summary: list[str] = field(default_factory=list)
    # Work shared between rules in one run (parsed pages, sources): see cached().
    cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def cached(self, key: str, build: Callable[[Context], Any]) -> Any:
        """`build(ctx)` computed once per run, so every rule shares one parse."""
        if key not in self.cache:
            self.cache[key] = build(self)
        return self.cache[key]

    @property
    def site_model(self):
        """The built site, every HTML page parsed once (check/site.py)."""
        from scripts.handbook.check.site import Site, config

        return self.cached("site", lambda ctx: Site(ctx.site, ctx.root,
                                                    config(ctx).get("site_url")))

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def data(self) -> Path:
        return self.root / "data"

    def rel(self, path: Path) -> str:
        """A path as printed in findings: relative to the project root, or else to
        the folder that holds the site (so built pages print as `site/...`)."""
        for base in (self.root, self.site.parent):
            try:
                return path.resolve().relative_to(base.resolve()).as_posix()
            except ValueError:
                continue
        return path.as_posix()


Rule = Callable[[Context], Iterable[Finding]]
RULES: dict[str, Rule] = {}


def rule(rule_id: str) -> Callable[[Rule], Rule]:
    def register(func: Rule) -> Rule:
        if rule_id in RULES:
            raise ValueError(f"rule id '{rule_id}' registered twice")
        RULES[rule_id] = func
        return func

    return register


def load_rules() -> None:
    """Import every rule module, so their rules register themselves."""
    from scripts.handbook.check import rules  # noqa: F401


def run(ctx: Context, only: Iterable[str] | None = None) -> list[Finding]:
    load_rules()
    selected = list(only) if only else list(RULES)
    findings: list[Finding] = []
    for rule_id in selected:
        findings.extend(RULES[rule_id](ctx))
    return sorted(set(findings))


def main(site: Path, root: Path = ROOT, only: list[str] | None = None) -> int:
    ctx = Context(site=site, root=root)
    if not (site / "index.html").exists():
        print(f"{site}: no built site here — run `make build` first")
        return 1
    load_rules()
    unknown = sorted(set(only or []) - set(RULES))
    if unknown:
        print(f"unknown rule id: {', '.join(unknown)} — known: {', '.join(sorted(RULES))}")
        return 2
    findings = run(ctx, only)
    for finding in findings:
        print(finding)
    for line in ctx.summary:
        print(line)
    count = len(findings)
    ran = len(only) if only else len(RULES)
    plural = "s" if ran != 1 else ""
    print(f"{count} problem{'s' if count != 1 else ''} found by {ran} rule{plural}.")
    return 1 if findings else 0
