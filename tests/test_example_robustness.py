"""Runs examples/10_robustness.py and checks what it tells the reader."""

from __future__ import annotations

import runpy
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "10_robustness.py"


def test_robustness_tutorial(capsys):
    """The spring-2001 grand bargain survives every sample; the post-9/11 Nash package rests on
    the Democrats' exact tie (margin 0) and holds in about a fifth of the samples."""
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    out = capsys.readouterr().out
    spring, after = out.split("== post_9_11")
    assert "holds at the baseline: True" in spring
    assert "share of perturbed models: 1.000" in spring
    assert "no single number within its range breaks it" in spring
    share = float(after.split("share of perturbed models: ")[1].split()[0])
    assert 0.1 < share < 0.35
    assert "nearest flip: values.democrats." in after and "by 0 (exact)" in after
