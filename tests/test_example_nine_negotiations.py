"""Runs examples/09_the_nine_negotiations.py and checks the headline of each negotiation."""

from __future__ import annotations

import runpy
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "09_the_nine_negotiations.py"


def test_the_tour(capsys):
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    out = capsys.readouterr().out
    assert (
        "[spring_2001]: regularization=earned_mexicans_first, workers=large, security=joint" in out
    )
    assert "[late_2002]: no deal beyond the point of disagreement" in out
    assert "veto is worth 1 to the U.S. executive; without it: free_trade/liberalised" in out
    assert "the hub's advantage is 7" in out
    assert (
        "hunker_down_border: pure equilibria ['co_manage/hunker_down', 'hunker_down/co_manage']"
        in out
    )
    assert "twenty_first_century_border: pure equilibria ['co_manage/co_manage']" in out
    assert "enforcement alone costs 150; the Nash deal pays 180" in out
    assert "credible: False; blocked by business, free_traders" in out
    assert "review + fentanyl + apprehensions" in out
