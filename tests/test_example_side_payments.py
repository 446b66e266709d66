"""Runs examples/07_side_payments.py and checks what it tells the reader."""

from __future__ import annotations

import runpy
from pathlib import Path

import negotiate

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_side_payments_tutorial(capsys):
    """Enforcement costs 80 to 90; Nash pays 90 (140 without Congress); the uncertain Congress
    makes negotiators gamble on the grand bargain (2/3) instead of the sure census deal."""
    runpy.run_path(str(EXAMPLES / "07_side_payments.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "Amounts every side ratifies: [80, 90]" in out
    assert "Price of enforcement alone: 80" in out
    assert "Nash deal: southern_border=strategy for 90" in out
    assert "Without Congress's consent the Nash deal would pay 140" in out
    assert "U.S. win-set: 164 packages possible, 18 sure" in out
    assert (
        "Expected Nash: regularization=earned_mexicans_first, workers=large, security=joint, "
        "development=modest; passes with probability 2/3" in out
    )
    assert (
        "Planning for the worst: regularization=census, security=smart_border, development=fund; "
        "passes with probability 1" in out
    )
    assert "if the quota were surely 75: the expected Nash package passes with probability 0" in out
    assert "regularization alone: census, passes with probability 2/3" in out
    assert "expected gains over the separate deals: us 6, mx 19/3" in out
    assert "With Congress surely at quota 50 the gains are us 9, mx 10" in out


def test_tutorial_game_round_trips_and_solves(runner):
    """The tutorial's game file loads, round-trips and solves from the command line."""
    from negotiate.cli import main

    game = negotiate.load(EXAMPLES / "southern_border_funding.toml")
    assert negotiate.loads(negotiate.dump(game)) == game
    result = runner.invoke(main, ["solve", str(EXAMPLES / "southern_border_funding.toml")])
    assert result.exit_code == 0
    words = " ".join(result.output.split())
    assert "southern border alone is ratified from 80. The Nash deal" in words
