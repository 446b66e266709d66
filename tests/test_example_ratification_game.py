"""Runs examples/04_ratification_game.py and checks what it tells the reader."""

from __future__ import annotations

import runpy
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "04_ratification_game.py"


def test_ratification_tutorial(capsys):
    """Trade alone is subgame perfect; the veto is the cause: an executive that prefers trade
    alone changes nothing, a Congress that would ratify migration brings linkage."""
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    out = capsys.readouterr().out
    base, reluctant, willing = out.split("== If ")
    assert "us chooses `separate` at `proposal`" in base
    assert "the game ends at `trade_deal` (us 3, mx 3, congress 2)" in base
    assert "congress would reject at congress_on_linked" in base
    assert "degenerate: True" in base
    assert "Not subgame perfect: us linked" in base
    assert "the game ends at `trade_deal` (us 3, mx 3, congress 2)" in reluctant
    assert "us chooses `linked` at `proposal`" in willing
    assert "the game ends at `linked_deal` (us 4, mx 4, congress 3)" in willing
    assert 't "trade_deal" 4 "trade_deal" { 3 3 2 }' in willing
