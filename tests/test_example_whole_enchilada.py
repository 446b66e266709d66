"""The tutorial examples/01_whole_enchilada.py runs and tells the story it promises."""

from __future__ import annotations

import runpy

from tests.conftest import ROOT


def test_tutorial_shows_win_sets_shrinking_and_each_solution(capsys):
    """The tutorial prints win-sets for both scenarios, every solution and who is pivotal."""
    runpy.run_path(str(ROOT / "examples" / "01_whole_enchilada.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "spring_2001  win-sets: us 164, mx 175; agreement set: 125 packages" in out
    assert "post_9_11    win-sets: us 31, mx 180; agreement set: 15 packages" in out
    assert "the U.S. win-set shrinks from 164 to 31 packages" in out
    for name in ("Nash (powers us 2, mx 1)", "Kalai-Smorodinsky", "egalitarian", "utilitarian"):
        assert out.count(f"  {name}") >= 2  # once per scenario
    assert "us proposes" in out and "mx proposes" in out
    after = out.split("== Solutions, post_9_11 ==")[1].split("==")[0]
    assert "regularization -> census, workers -> limited, security -> smart_border" in after
    assert "post_9_11    us: restrictionists, business, democrats" in out
    assert "Newly pivotal in Washington after September 11: restrictionists." in out
