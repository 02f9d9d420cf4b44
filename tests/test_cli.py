"""The command line, run as a user would: ``python -m scorecard ...`` in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_omax_lights_scoring import STUDY_2010

DEMO = str(ROOT / "data" / "demo.xlsx")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scorecard", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_score_json_reproduces_the_study_2010():
    res = run("score", DEMO, "--period", "2010", "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert set(out) == {"period", "index", "light", "kpis", "perspectives", "warnings", "nko", "nko_predikat",
                        "nko_note"}
    assert out["period"] == "2010"
    assert len(out["kpis"]) == 22
    for k in out["kpis"]:
        level, light = STUDY_2010[k["code"]]
        assert k["level"] == pytest.approx(level, abs=1e-3), k["code"]
        assert k["light"] == light
        assert k["value"] == pytest.approx(k["level"] * k["weight"])
    assert sum(k["weight"] for k in out["kpis"]) == pytest.approx(1.0, abs=1e-12)
    assert out["index"] == pytest.approx(sum(k["value"] for k in out["kpis"]))
    assert out["light"] == "yellow"
    assert [p["name"] for p in out["perspectives"]] == ["Financial", "Customer", "Internal Business Process",
                                                         "Learning and Growth"]
    assert any("C4a" in w for w in out["warnings"])  # baseline equals target: flagged, never silent


def test_score_text_table_has_subtotals_and_index():
    res = run("score", DEMO, "--period", "2010")
    assert res.returncode == 0
    assert "Performance index: 7.88" in res.stdout  # 7.887 cut as everywhere (scorecard.display), never 7.89
    assert "■ Red" in res.stdout and "subtotal" in res.stdout
    assert "F1a        9.36    5.99 %   0.561  ● Green" in res.stdout  # level cut, weight in %, value 3 decimals
    res_id = run("--lang", "id", "score", DEMO)
    assert "Indeks kinerja" in res_id.stdout and "2010" in res_id.stdout  # latest period by default
    assert "Indeks kinerja: 7,88" in res_id.stdout and "F1a        9,36    5,99 %   0,561" in res_id.stdout


@pytest.mark.parametrize("args, needle", [
    (("score", "missing.xlsx"), "file not found"),
    (("score", DEMO, "--period", "2031"), "period 2031 not found"),
    (("score", DEMO, "--period", "next year"), "next year"),
])
def test_bad_input_exits_non_zero_with_one_line(args, needle):
    res = run(*args)
    assert res.returncode != 0
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0]
    assert "Traceback" not in res.stderr


def test_score_of_a_hostile_file_is_one_line(tmp_path):
    from tests import hostile_files

    bad = tmp_path / "bomb.xlsx"
    bad.write_bytes(hostile_files.zip_bomb())
    res = run("score", str(bad))
    assert res.returncode == 1 and len(res.stderr.strip().splitlines()) == 1


def test_validate_exit_codes(tmp_path):
    assert run("validate", DEMO).returncode == 0
    from tests import hostile_files

    bad = tmp_path / "wrong.xlsx"
    bad.write_bytes(hostile_files.wrong_sheet_names())
    res = run("validate", str(bad))
    assert res.returncode == 1
    assert "Errors" in res.stdout


def test_template_and_export_write_files(tmp_path):
    t = tmp_path / "t.xlsx"
    assert run("template", str(t), "--lang", "id", "--from", DEMO).returncode == 0
    assert t.stat().st_size > 1000
    r = tmp_path / "r.xlsx"
    assert run("export", DEMO, str(r), "--period", "2010", "--lang", "en").returncode == 0
    from openpyxl import load_workbook

    assert "Summary" in load_workbook(r).sheetnames
    c = tmp_path / "r.csv"
    assert run("export", DEMO, str(c)).returncode == 0
    assert c.read_text(encoding="utf-8-sig").count("\n") >= 22


def test_sensitivity_json_covers_every_node_and_change():
    res = run("sensitivity", DEMO, "--period", "2010", "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["base_index"] == pytest.approx(7.886945, abs=1e-5)
    nodes = {i["node"] for i in out["items"]}
    assert len(nodes) == 4 + 12
    assert len(out["items"]) == 16 * 4
    assert {i["change_pct"] for i in out["items"]} == {-25, -10, 10, 25}
    for i in out["items"]:
        assert set(i) >= {"node", "change_pct", "index", "light", "flipped_kpis"}


def test_help_lists_the_commands_in_the_order_users_know():
    """The package split must not reshuffle ``--help``: the order below is the one ``cli.py`` printed."""
    from scorecard.cli import build_parser

    known = ["score", "validate", "template", "export", "sensitivity", "import", "demo-workbook", "doctor", "lkjip",
             "briefing", "cascade", "cascade-demo", "tree-template", "check-kpis", "manual"]
    text = build_parser().format_help()
    assert "{" + ",".join(known) + "}" in text  # the usage line
    listed = [line.split()[0] for line in text.splitlines() if line.startswith("    ") and not line.startswith("     ")]
    assert listed == known


def test_each_command_is_added_by_exactly_one_group():
    """Every command comes from one group module's ``register`` (so adding one touches one file)."""
    import argparse

    from scorecard.cli import GROUPS, HELP_ORDER

    owner: dict[str, str] = {}
    for group in GROUPS:
        sub = argparse.ArgumentParser().add_subparsers()
        group.register(sub)
        for name in sub.choices:
            assert name not in owner, f"{name} added by {owner.get(name)} and {group.__name__}"
            owner[name] = group.__name__
    assert sorted(owner) == sorted(HELP_ORDER)
    assert owner["score"] == "scorecard.cli.scoring" and owner["doctor"] == "scorecard.cli.storage"


def test_demo_workbook_defaults_to_the_shipped_demo():
    """``demo-workbook`` without OUT rewrites ``data/demo.xlsx`` of this checkout (not a path inside the package)."""
    from scorecard.cli import build_parser

    assert Path(build_parser().parse_args(["demo-workbook"]).out) == ROOT / "data" / "demo.xlsx"
