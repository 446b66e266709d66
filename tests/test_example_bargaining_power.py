"""Runs examples/06_bargaining_power.py and checks what it tells the reader."""

from __future__ import annotations

import runpy
from fractions import Fraction
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "06_bargaining_power.py"


def test_bargaining_power_tutorial(capsys):
    """Mexico's share rises with its patience; the game file's 4/5 costs it half its Nash share."""
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    out = capsys.readouterr().out
    assert "Nash               U.S. 17/3 (5.6667)    Mexico 7" in out
    assert "Mexico gets at least 28/5 (5.6) under each" in out
    assert "4/5                85/24 (3.5417)         17/6 (2.8333)  <- the game file" in out
    assert "99/100             3200/357 (8.9636)" in out
    table = out.split("Mexico's discount")[1].split("\n\n")[0].splitlines()[1:]
    shares = [Fraction(line.split()[1]) for line in table]
    assert len(shares) == 6
    assert shares == sorted(shares)
    assert "round length 0.005  Mexico gets 3.4341" in out
    assert "Nash with powers (1, 1/4):  Mexico gets 3.4000" in out
