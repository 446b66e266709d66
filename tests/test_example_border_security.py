"""Runs examples/03_border_security.py and checks what it tells the reader."""

from __future__ import annotations

import runpy
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "03_border_security.py"


def test_border_security_tutorial(capsys):
    """Dominance solves the dilemma; the assurance game has three equilibria and a 1/2 threshold."""
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    out = capsys.readouterr().out
    dilemma, assurance = out.split("== 2010")
    assert "us: `co_manage` is strictly dominated by `hunker_down`" in dilemma
    assert "pure   us hunker_down; mx hunker_down  (payoffs: us 2, mx 2)" in dilemma
    assert "3 equilibria (degenerate: False)" in assurance
    assert "pure   us co_manage; mx co_manage  (payoffs: us 4, mx 4)" in assurance
    assert "probability of at least 1/2 (0.5)" in assurance
    assert "confidence needed by us: 1/3 (0.3333)" in assurance
    assert "4 4 3 1 1 3 2 2" in assurance
