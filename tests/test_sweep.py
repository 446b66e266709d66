"""Tests of negotiate.negotiation.sweep and negotiate.report.sweep."""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest
from linkage_games import logroll, nafta

from negotiate.errors import InvalidGameError
from negotiate.negotiation.sweep import parameter_value, steps, sweep, vary
from negotiate.report.sweep import render, to_json


def test_steps_exact_and_inexact():
    """Exact ends give exact steps; a float end gives floats; one step is the low end."""
    assert steps(F(1), F(2), 3) == (F(1), F(3, 2), F(2))
    assert steps(0.0, 1, 3) == (0.0, 0.5, 1.0)
    assert steps(F(5), F(9), 1) == (F(5),)
    with pytest.raises(ValueError, match="at least one step"):
        steps(F(0), F(1), 0)


def test_vary_each_kind_of_path():
    """Part-worths, party fields, quotas and weights can each be varied, leaving the rest."""
    game = nafta()
    assert vary(game, "values.free_traders.labor.mobility", 5).actor("free_traders").values[
        "labor"
    ]["mobility"] == F(5)
    changed = vary(game, "values.mx.trade.none", 2)
    assert dict(changed.party("mx").values["trade"]) == {"nafta": F(1), "none": F(2)}
    assert vary(game, "party.us.power", F(3)).party("us").power == F(3)
    assert vary(game, "party.mx.reservation", 1).party("mx").reservation == F(1)
    assert vary(game, "ratification.us.quota", 40).ratification("us").quota == F(40)
    assert vary(game, "constituency.business.weight", 0).actor("business").weight == F(0)
    assert game.party("us").power == F(1)  # the model is frozen: the original is unchanged
    assert parameter_value(game, "ratification.us.quota") == F(51)
    assert parameter_value(game, "party.us.reservation") is None


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (
            "valeus.us.trade.nafta",
            "unknown table `valeus` in parameter path `valeus.us.trade.nafta` (did you mean",
        ),
        (
            "values.uss.trade.nafta",
            "unknown actor `uss` in parameter path `values.uss.trade.nafta` (did you mean `us`?)",
        ),
        ("values.us.trad.nafta", "unknown issue `trad`"),
        ("values.us.trade.naft", "unknown option of `trade` `naft`"),
        ("values.us.trade", "should look like `values.ACTOR.ISSUE.OPTION`"),
        (
            "party.us.powr",
            "unknown party field `powr` in parameter path `party.us.powr` (did you mean `power`?)",
        ),
        ("ratification.mx.quota", "unknown party with a [[ratification]] rule `mx`"),
        ("ratification.us.qouta", "did you mean `quota`?"),
        ("constituency.busines.weight", "did you mean `business`?"),
    ],
)
def test_bad_paths_name_the_path(path, message):
    """An unknown path fails naming the path, with a did-you-mean."""
    with pytest.raises(InvalidGameError) as error:
        vary(nafta(), path, 1)
    assert message in str(error.value)


def test_bad_value_names_the_path():
    """A value the model refuses (a negative power) fails naming the path and the value."""
    with pytest.raises(InvalidGameError, match=r"party\.us\.power = -1: expected a number"):
        vary(nafta(), "party.us.power", F(-1))


def test_sweep_quota_finds_the_regimes():
    """Raising Congress's quota on NAFTA: below 35 everything passes, above 65 nothing does."""
    result = sweep(nafta(), "ratification.us.quota", steps(F(30), F(70), 5))
    assert [p.value for p in result.points] == [30, 40, 50, 60, 70]
    assert [p.analysis.agreements for p in result.points] == [3, 2, 2, 2, 0]
    assert [p.analysis.linked.package for p in result.points] == [
        ("nafta", "mobility"),
        ("nafta", "none"),
        ("nafta", "none"),
        ("nafta", "none"),
        ("none", "none"),
    ]
    assert result.regime_changes == (1, 4)


def test_sweep_report():
    """The sweep table marks regime changes; its JSON has exact values and the linked package."""
    result = sweep(logroll(), "values.us.trade.open", steps(F(2), F(4), 3))
    text = render(result)
    assert "values.us.trade.open" in text and "* " in text
    out = to_json(result)
    assert [p["value"] for p in out["points"]] == ["2", "3", "4"]
    assert out["points"][2]["linked"]["package"] == {"trade": "open", "visas": "many"}
    assert json.loads(render(result, "json"))["sweep"] == out


@pytest.mark.parametrize(
    "varies",
    [
        ["ratification.us.quota=40:90:11"],
        ["ratification.us.quota=40:90:3", "values.democrats.workers.large=-4:4:3"],
    ],
)
def test_sweep_reports_fit_100_columns_and_say_what_varies(varies: list[str]) -> None:
    """One number (the linkage table) or two (the regime grid): every line of the text fits, the
    title is the game's (with its scenario), and the varied paths are named once."""
    from click.testing import CliRunner

    from negotiate.cli import main

    args = ["sweep", "games/whole_enchilada.toml", "-s", "post_9_11"]
    for spec in varies:
        args += ["--vary", spec]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert lines[0].endswith("grand bargain, 2001-2002 — After September 11")
    assert "Varied: " + " and ".join(v.split("=")[0] for v in varies) + "." in result.stdout
