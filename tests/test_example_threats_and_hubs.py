"""Runs examples/08_threats_and_hubs.py and checks what it tells the reader."""

from __future__ import annotations

import runpy
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "08_threats_and_hubs.py"


def test_threats_and_hubs_tutorial(capsys):
    """The 2017 threat fails at home and would not get the wall paid; Canada first pays the hub."""
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    out = capsys.readouterr().out
    threat, hub = out.split("== 2001-2002")
    assert "as it was: credible False; blocked by ['business']" in threat
    assert "credible True; blocked by []" in threat
    assert "point of disagreement: us 1, mx -5" in threat
    assert threat.count("Nash package renegotiated/united_states") == 2
    assert "us+ca then us+mx: accord/accord  us 7, ca 3, mx -1" in hub
    assert "us+mx then us+ca: accord/none  us 4, ca 3, mx -3" in hub
    assert "one trilateral table: no agreement" in hub
    assert "smart_border_2002: the hub's advantage us 7" in hub
    assert "worth 1 to the U.S. executive" in hub and "free_trade/liberalised" in hub
