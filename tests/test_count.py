"""The counting of a cell meeting (docs/assets/javascripts/stcb-tpl-count.js), run in
node over the table of realistic cells in tests/data/cells.yml: the figures each cell
must print, the majority basis and the rule checks that must fire."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from scripts.handbook.meeting_templates import COUNT_RULES
from scripts.handbook.paths import ROOT

MODULE = ROOT / "docs/assets/javascripts/stcb-tpl-count.js"
CELLS_FILE = Path(__file__).parent / "data/cells.yml"
CELLS = yaml.safe_load(CELLS_FILE.read_text(encoding="utf-8"))["cells"]
NODE = shutil.which("node")

# Runs in node: every cell of the table through the module, one JSON answer.
SCRIPT = """
const count = require(process.argv[1]);
const cells = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {};
for (const cell of cells) {
  const c = count.fromValues(cell.typed);
  out[cell.id] = {
    derived: count.derive(cell.typed),
    majorityBasis: c.attendance.majorityBasis,
    warnings: count.rules.filter((id) => count.check(id, cell.typed)),
  };
}
out.parse = ["12", " 12 ", "12 đồng chí", "12 đ/c", "", "mười hai", "1.5", "-3"].map(count.count)
  .map((v) => (Number.isNaN(v) ? "NaN" : v));
out.rules = count.rules;
console.log(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def results():
    assert NODE, "node is required (it is installed with npm; see README)"
    done = subprocess.run([NODE, "-e", SCRIPT, str(MODULE)], input=json.dumps(CELLS),
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize("cell", CELLS, ids=[c["id"] for c in CELLS])
def test_each_cell_prints_its_expected_figures(results, cell):
    got = results[cell["id"]]
    assert got["derived"]["attendance_summary"] == cell["expect"]["attendance"]
    assert got["derived"]["vote_result"] == cell["expect"]["vote"]
    assert got["majorityBasis"] == cell["expect"]["majority_basis"]
    assert got["warnings"] == cell["expect"]["warnings"]


def test_the_table_has_the_cells_the_issue_asks_for():
    ids = {c["id"] for c in CELLS}
    assert {"five-no-committee", "twenty-mixed", "exactly-half", "unanimous"} <= ids


def test_a_count_is_read_as_a_secretary_types_it(results):
    # "12 đồng chí" is understood; words, fractions and signs are not numbers.
    assert results["parse"][:5] == [12, 12, 12, 12, None]
    assert results["parse"][5:] == ["NaN", "NaN", "NaN"]


def test_the_validator_knows_every_rule_of_the_module(results):
    # A `kind: count` check in the data names one of these (rule template-check-levels).
    assert sorted(results["rules"]) == sorted(COUNT_RULES)
