"""One term per concept (issue 16): the glossary's English forms hold in every
bilingual data record and page pair of the real project."""

from __future__ import annotations

import subprocess
import sys

from scripts.handbook import data
from scripts.handbook.check.terms import patterns, without_shared_quotes
from scripts.handbook.paths import ROOT

GLOSSARY = data.load_glossary()


def test_real_project_uses_one_english_term_per_concept(built_site):
    result = subprocess.run([sys.executable, "-m", "scripts.handbook", "check", str(built_site),
                             "--only", "term-consistency", "--only", "terminology"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    summary = next(line for line in result.stdout.splitlines()
                   if line.startswith("Term consistency: "))
    checked = int(summary.split()[2])
    assert checked > 1000, summary


def test_the_renderings_the_issue_names_are_fixed_in_the_glossary():
    by_id = GLOSSARY.by_id()
    assert by_id["tuyen-giao"].en == "information and education body"
    assert "propaganda and education office" in by_id["tuyen-giao"].avoid
    assert by_id["giai-phap"].en == "measures"
    assert by_id["chu-truong"].en == "guidelines"
    assert by_id["don-vi-lam-truoc"].avoid == ["pilot unit"]
    assert "Where the Party is in power" in by_id["dang-cam-quyen"].avoid
    assert "turned into law" in by_id["the-che-hoa"].avoid
    assert "directly the grassroots Party committee" in by_id["truc-tiep-la"].avoid
    assert by_id["cap-uy"].en != by_id["dang-uy"].en


def test_a_non_term_phrase_and_a_shared_quotation_do_not_count():
    co_so = next(p for p in patterns(GLOSSARY) if p.term.id == "co-so")
    assert co_so.in_vi("Trên cơ sở đó, bí thư kết luận.") is None
    assert co_so.in_vi("Chi bộ ở cơ sở.") is not None
    vi = without_shared_quotes("Ghi “Lưu chi bộ” ở cuối.", "Write “Lưu chi bộ” at the end.")
    chi_bo = next(p for p in patterns(GLOSSARY) if p.term.id == "chi-bo")
    assert chi_bo.in_vi(vi) is None
