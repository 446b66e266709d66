"""Runs examples/02_linkage.py and checks what it tells the reader."""

from __future__ import annotations

import runpy
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "02_linkage.py"


def test_linkage_tutorial(capsys):
    """The tutorial finds security blocked alone in 2001, bought by linkage, and free after 9/11."""
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    out = capsys.readouterr().out
    spring, after = out.split("== post_9_11")
    assert (
        "Security alone: no agreement; blocked at home by mx (its executive, fox_critics)."
        in spring
    )
    assert (
        "Link regularization + security: regularization=earned_mexicans_first, security=joint"
        in spring
    )
    assert (
        "gain over issue by issue: us +3, mx +1\n"
        "  discount factor needed to keep it: us 0, mx 3/5 (0.6)" in spring
    )
    assert (
        "gain over issue by issue: us +9, mx +10\n  discount factor needed to keep it: us 0, mx 0"
        in spring
    )
    assert "Security alone: agreed at smart_border." in after
    assert "Everything linked: regularization=census" in after
    assert "gain over issue by issue: us -1, mx +6" in after
    assert "Smallest linkages that work: security; development" in after
    assert "the package holds itself together" in after
