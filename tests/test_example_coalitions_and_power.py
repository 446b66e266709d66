"""Runs examples/05_coalitions_and_power.py and checks what it tells the reader."""

from __future__ import annotations

import runpy
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "05_coalitions_and_power.py"


def test_coalitions_and_power_tutorial(capsys):
    """The U.S. hub leads every split; its premium falls as Mexico-Canada ties grow."""
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    out = capsys.readouterr().out
    assert "Shapley value:  us 35/6 (5.8333)  mx 23/6 (3.8333)  ca 10/3 (3.3333)" in out
    assert "Nucleolus:      us 11/2 (5.5)  mx 4  ca 7/2 (3.5)  (exact, verified: True)" in out
    assert "Core empty: False; least-core epsilon -7/2 (-3.5)" in out
    table = out.split("U.S. nucleolus\n")[1].split("\n\n")[0].splitlines()[:4]
    shapley = [float(line.split()[2].strip("()")) for line in table]
    assert shapley == sorted(shapley, reverse=True) and len(shapley) == 4
    assert "shapley_shubik  president 0.1605  senate 0.4374  house 0.4021" in out
    assert "The President alone weighs as much as 37 senators" in out
    assert "labor 0  rights_groups 0" in out
    assert "its nucleolus splits it us 23/2 (11.5)  mx 23/2 (11.5)" in out
