"""Every validator rule has a fixture that breaks it; the clean fixture passes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scripts.handbook.check import RULES, load_rules
from scripts.handbook.paths import ROOT

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = sorted(p for p in FIXTURES.iterdir() if (p / "expected.txt").exists())

def run_check(fixture: Path, *only: str) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "scripts.handbook", "check", str(fixture / "site"),
            "--root", str(fixture / "root")]
    for rule_id in only:
        args += ["--only", rule_id]
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True)

@pytest.mark.parametrize("fixture", BROKEN, ids=[p.name for p in BROKEN])
def test_fixture_breaks_its_rule(fixture):
    result = run_check(fixture, fixture.name.split("--")[0])
    assert result.returncode == 1, result.stdout + result.stderr
    expected = fixture.joinpath("expected.txt").read_text(encoding="utf-8").splitlines()
    # Fixture paths print relative to the fixture's root when inside it.
    for line in filter(None, expected):
        assert line in result.stdout.splitlines(), f"missing: {line}\n--- got:\n{result.stdout}"

def test_clean_fixture_passes_every_rule():
    result = run_check(FIXTURES / "clean")
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith("0 problems found by")

def test_every_rule_has_a_fixture():
    load_rules()
    covered = {p.name.split("--")[0] for p in BROKEN}
    assert sorted(set(RULES) - covered) == []

def test_unknown_rule_is_refused():
    result = run_check(FIXTURES / "clean", "no-such-rule")
    assert result.returncode == 2
    assert "unknown rule id: no-such-rule" in result.stdout
