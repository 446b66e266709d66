"""Tests of the `negotiate linkage` and `negotiate sweep` commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from negotiate.cli import main

GAME = str(Path(__file__).resolve().parent.parent / "games" / "whole_enchilada.toml")


def test_linkage_text(runner):
    """`negotiate linkage` prints the separate deals, the linked package and the gains."""
    result = runner.invoke(main, ["linkage", GAME])
    assert result.exit_code == 0, result.output
    assert "Each issue alone" in result.stdout
    assert "Minimal feasible linkages" in result.stdout
    assert "| us |" not in result.stdout


def test_linkage_json_with_link(runner):
    """--format json gives the linkage object; --link adds the chosen linkage."""
    result = runner.invoke(
        main,
        [
            "linkage",
            GAME,
            "-s",
            "post_9_11",
            "--format",
            "json",
            "--link",
            "security,regularization",
        ],
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["scenario"] == "post_9_11"
    assert out["linkage"]["chosen"]["issues"] == ["regularization", "security"]
    assert set(out["linkage"]) >= {"separate", "linked", "gains", "enforcement"}


def test_linkage_unknown_issue(runner):
    """A misspelt --link issue fails with exit 2 and a did-you-mean."""
    result = runner.invoke(main, ["linkage", GAME, "--link", "securty"])
    assert result.exit_code == 2
    assert "unknown issue `securty` (did you mean `security`?)" in result.stderr


def test_sweep_table(runner):
    """A sweep prints one row per step, exact values, and marks regime changes."""
    result = runner.invoke(
        main, ["sweep", GAME, "--vary", "party.mx.power=1:4:5", "--format", "markdown"]
    )
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    assert len(rows) == 6  # header and five steps
    assert rows[1].startswith("| 1 | 125 |")
    assert rows[2].startswith("| * 7/4 (1.75) |")


def test_sweep_json_exact_steps(runner):
    """Steps between exact ends are exact fractions."""
    result = runner.invoke(
        main, ["sweep", GAME, "--vary", "ratification.us.quota=50:60:3", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert [p["value"] for p in out["sweep"]["points"]] == ["50", "55", "60"]


def test_sweep_bad_path(runner):
    """An unknown parameter path names the path and suggests the closest name."""
    result = runner.invoke(main, ["sweep", GAME, "--vary", "values.us.securty.joint=0:1:2"])
    assert result.exit_code == 2
    assert "unknown issue `securty` in parameter path `values.us.securty.joint`" in result.stderr
    assert "did you mean `security`?" in result.stderr
    result = runner.invoke(main, ["sweep", GAME, "--vary", "party.us.pwer=1:2:2"])
    assert "unknown party field `pwer`" in result.stderr and "`power`" in result.stderr


def test_sweep_bad_spec(runner):
    """A malformed --vary is a usage error naming the option."""
    result = runner.invoke(main, ["sweep", GAME, "--vary", "party.us.power=1:2"])
    assert result.exit_code == 2
    assert "PATH=LOW:HIGH:STEPS" in result.stderr


def test_sweep_progress_and_plot(runner, tmp_path):
    """A long sweep reports progress on stderr; --plot writes a figure."""
    figure = tmp_path / "sweep.png"
    result = runner.invoke(
        main, ["sweep", GAME, "--vary", "values.mx.security.joint=-3:0:10", "--plot", str(figure)]
    )
    assert result.exit_code == 0, result.output
    assert "Sweeping values.mx.security.joint" in result.stderr
    assert "Sweeping" not in result.stdout
    assert figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_sweep_plot_without_matplotlib(runner, tmp_path, monkeypatch):
    """Without matplotlib, --plot fails asking for the plot extra."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    result = runner.invoke(
        main, ["sweep", GAME, "--vary", "party.us.power=1:2:2", "--plot", str(tmp_path / "x.png")]
    )
    assert result.exit_code == 2
    assert "install the plot extra" in result.stderr


def test_solve_accepts_no_linkage(runner):
    """`negotiate solve --no-linkage` is a known option."""
    result = runner.invoke(main, ["solve", "--help"])
    assert "--no-linkage" in result.stdout


def test_linkage_needs_a_negotiation(runner, tmp_path):
    """Linkage refuses other kinds of game with a clear message; sweep takes their own paths
    and names them when given a negotiation's."""
    path = tmp_path / "glove.toml"
    path.write_text(
        'format = "negotiate/1"\n[game]\nid = "glove"\nkind = "coalition"\ntitle = "Glove"\n'
        'players = ["left", "right"]\ndefault_value = 0\n[value]\n"left+right" = 1\n'
    )
    result = runner.invoke(main, ["linkage", str(path)])
    assert result.exit_code == 2
    assert "analyses negotiations" in result.stderr
    result = runner.invoke(main, ["sweep", str(path), "--vary", "party.a.power=1:2:2"])
    assert result.exit_code == 2
    assert "unknown table `party` in parameter path `party.a.power`" in result.stderr
    assert "expected one of: `value`" in result.stderr
