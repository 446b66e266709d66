"""The negotiate command: validate, solve, and errors that never show a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from negotiate import __version__
from negotiate.cli import main
from tests.conftest import GAMES, ROOT


def test_version(runner):
    """--version prints the package version."""
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_validate_every_shipped_game(runner):
    """validate accepts every file in games/ and prints one summary line per file."""
    result = runner.invoke(main, ["validate", *map(str, GAMES)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == len(GAMES)
    assert all(": ok: " in line for line in lines)
    enchilada = next(line for line in lines if "whole_enchilada" in line)
    assert "negotiation: 2 parties, 5 issues, 216 packages, 8 constituencies" in enchilada


def test_validate_reports_each_bad_file_and_exits_2(runner, tmp_path: Path):
    """A bad file among good ones: its error on stderr, the others still checked, exit 2."""
    bad = tmp_path / "bad.toml"
    bad.write_text(
        (ROOT / "games" / "whole_enchilada.toml")
        .read_text()
        .replace(
            'party = "us"\nname = "Business interests"',
            'party = "usa"\nname = "Business interests"',
        )
    )
    result = runner.invoke(main, ["validate", str(bad), str(GAMES[0])])
    assert result.exit_code == 2
    assert "Traceback" not in result.output + result.stderr
    assert f"{bad}:" in result.stderr
    assert "constituency[1].party: unknown party `usa` (did you mean `us`?)" in result.stderr
    assert ": ok: " in result.stdout


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("format = ", "not valid TOML"),
        ('format = "negotiate/1"\n[game]\nid = "g"\nkind = "x"\ntitle = "T"\n', "game.kind"),
        (
            'format = "negotiate/1"\n[game]\nid = "Bad Id"\nkind = "coalition"\ntitle = "T"\n'
            'players = ["a"]\n[value]\na = 1\n',
            "game.id: expected an id",
        ),
    ],
)
def test_solve_bad_file_exits_2_without_traceback(runner, tmp_path: Path, text, fragment):
    """solve on a broken file prints one error line naming the key and exits 2."""
    path = tmp_path / "g.toml"
    path.write_text(text)
    result = runner.invoke(main, ["solve", str(path)])
    assert result.exit_code == 2
    assert fragment in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_unknown_scenario_exits_2(runner):
    """An unknown scenario is named with a suggestion."""
    result = runner.invoke(main, ["solve", "games/whole_enchilada.toml", "--scenario", "post911"])
    assert result.exit_code == 2
    assert "did you mean `post_9_11`" in result.stderr


def test_missing_file_is_one_line(runner):
    """A path that does not exist is refused with one line naming it, and exit 2."""
    result = runner.invoke(main, ["validate", "no/such/file.toml"])
    assert result.exit_code == 2
    assert result.stderr == "negotiate: error: no/such/file.toml: No such file or directory\n"


def test_write_output_is_atomic(tmp_path: Path):
    """--output replaces the file in one step and leaves no temporary file behind."""
    from negotiate.cli_params import write_output

    target = tmp_path / "out.json"
    target.write_text("old")
    write_output('{"new": true}\n', target)
    assert json.loads(target.read_text()) == {"new": True}
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_python_dash_m_runs_the_command():
    """python -m negotiate is the same program as the console script."""
    result = subprocess.run(
        [sys.executable, "-m", "negotiate", "validate", "games/whole_enchilada.toml"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "whole_enchilada.toml: ok: negotiation" in result.stdout
