"""Runs examples/05_coalitions_and_power.py and checks what it tells the reader."""

from __future__ import annotations

import runpy
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "05_coalitions_and_power.py"


def test_coalitions_and_power_tutorial(capsys):
    """The U.S. hub leads every split; its premium falls as Mexico-Canada ties grow."""
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    out = capsys.readouterr().out
    assert "Shapley value:  us 95/6 (15.8333)  mx 71/6 (11.8333)  ca 34/3 (11.3333)" in out
    assert "Nucleolus:      us 29/2 (14.5)  mx 25/2 (12.5)  ca 12  (exact, verified: True)" in out
    assert "Core empty: False; least-core epsilon -12" in out
    fields = out.split("sum to the above):\n")[1].split("\n\n")[0].splitlines()
    assert len(fields) == 6
    lead = {line.split()[0]: line.split("(")[-1].split()[0] for line in fields}
    assert lead["central_america"] == "mx" and lead["defence"] == "ca"
    assert lead["multilateral"] == "ca"
    assert next(line for line in fields if "cyber" in line).endswith("(mx and ca even)")
    table = out.split("U.S. nucleolus\n")[1].split("\n\n")[0].splitlines()[:5]
    shapley = [float(line.split()[2].strip("()")) for line in table]
    assert shapley == sorted(shapley, reverse=True) and len(shapley) == 5
    assert "shapley_shubik  president 0.1605  senate 0.4374  house 0.4021" in out
    assert "The President alone weighs as much as 37 senators" in out
    assert "labor 0  rights_groups 0" in out
    assert "its nucleolus splits it us 23/2 (11.5)  mx 23/2 (11.5)" in out
