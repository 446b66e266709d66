"""Runs examples/03_border_security.py and checks what it tells the reader."""

from __future__ import annotations

import runpy
from pathlib import Path

from negotiate.io import load
from negotiate.strategic.dominance import iterated_dominance
from negotiate.strategic.equilibria import equilibria

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "03_border_security.py"


def test_border_security_tutorial(capsys):
    """Chicken in 2001 (commitment by the U.S. picks its equilibrium), harmony in 2010."""
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    out = capsys.readouterr().out
    chicken, harmony = out.split("== 2010")
    assert "us: hunkering down pays 1 against joint management and -1 against closure" in chicken
    assert "Dominated strategies: 0" in chicken
    assert "pure   us hunker_down; mx co_manage  (payoffs: us 4, mx 2)" in chicken
    assert "mixed  us 1/2 co_manage, 1/2 hunker_down" in chicken
    assert "if us commits first: hunker_down / co_manage" in chicken
    assert "us: `hunker_down` is strictly dominated by `co_manage`" in harmony
    assert "pure   us co_manage; mx co_manage  (payoffs: us 4, mx 4)" in harmony
    assert "4 4 3 2 2 3 1 1" in harmony


def test_the_files_are_chicken_and_harmony_by_their_rankings():
    """The game classes the files claim, from the rankings alone: chicken has a temptation and
    ranks mutual hunkering last; harmony has co-managing strictly dominant for both."""
    chicken = load(ROOT / "games" / "hunker_down_border.toml")
    harmony = load(ROOT / "games" / "twenty_first_century_border.toml")
    for game in (chicken, harmony):
        for player in game.player_ids:
            worst = min(
                game.payoff(player, (a, b))
                for a in ("co_manage", "hunker_down")
                for b in ("co_manage", "hunker_down")
            )
            assert game.payoff(player, ("hunker_down", "hunker_down")) == worst
    assert len(equilibria(chicken).equilibria) == 3
    assert not iterated_dominance(chicken).eliminations
    (only,) = equilibria(harmony).equilibria
    assert only.pure and only.strategies["us"]["co_manage"] == 1
    assert len(iterated_dominance(harmony).eliminations) == 2
