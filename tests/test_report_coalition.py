"""The coalition and weighted_voting reports: FORMAT.md's JSON keys and readable text."""

from __future__ import annotations

import json
from fractions import Fraction as F
from pathlib import Path

from negotiate import load
from negotiate.analysis import analyse
from negotiate.model.coalition import CoalitionGame
from negotiate.model.voting import Bloc, VotingGame
from negotiate.report import render
from tests._games import glove, talmud, tu

GAMES = Path(__file__).resolve().parent.parent / "games"


def test_coalition_json_contract():
    """Every FORMAT.md key is present, players as keys, exact numbers as strings."""
    result = json.loads(render(analyse(glove()), "json"))
    assert result["game"] == {"id": "glove", "kind": "coalition", "title": "Glove"}
    players = {"left", "right_1", "right_2"}
    for key in ("shapley", "banzhaf", "banzhaf_raw", "nucleolus", "prenucleolus"):
        assert set(result[key]) == players
    assert result["shapley"] == {"left": "2/3", "right_1": "1/6", "right_2": "1/6"}
    assert result["banzhaf"] == {"left": "3/5", "right_1": "1/5", "right_2": "1/5"}
    assert result["banzhaf_raw"]["left"] == "3/4"
    assert result["nucleolus"] == {"left": "1", "right_1": "0", "right_2": "0"}
    assert result["core"] == {"empty": False, "least_core_epsilon": "0"}
    assert result["bargaining_set"] == {"nucleolus": True, "shapley": False}


def test_empty_core_text():
    """An empty core is said in words, with the least-core epsilon."""
    text = render(analyse(tu([0, 0, 0, 1, 0, 1, 1, 1])))
    assert "The core is EMPTY" in text and "1/3" in text
    markdown = render(analyse(talmud(200)), "markdown")
    assert "| a | " in markdown and "50" in markdown


def test_no_imputation_is_reported():
    """A game without imputations has no nucleolus: null in JSON, a note in text."""
    game = tu([0, 3, 3, 4])
    result = json.loads(render(analyse(game), "json"))
    assert result["nucleolus"] is None and result["prenucleolus"] == {"p0": "2", "p1": "2"}
    assert "no imputation" in render(analyse(game))


def test_float_game_json_numbers():
    """Inexact worths give JSON numbers and an unverified note."""
    game = CoalitionGame(id="f", title="F", players=["a", "b"], worth=[0, 0.0, 0.0, 1.0])
    result = json.loads(render(analyse(game), "json"))
    assert result["shapley"] == {"a": 0.5, "b": 0.5}
    assert result["verified"]["nucleolus"] is False


def test_voting_json_lists_every_voter():
    """weighted_voting JSON lists every voter by its format name, and blocs separately."""
    council = VotingGame(
        id="unsc",
        title="UN Security Council",
        quota=39,
        blocs=[Bloc(id="permanent", count=5, weight=7), Bloc(id="elected", count=10, weight=1)],
    )
    result = json.loads(render(analyse(council), "json"))
    for key in ("shapley_shubik", "banzhaf", "banzhaf_raw", "deegan_packel", "holler"):
        assert len(result[key]) == 15
    assert result["shapley_shubik"]["permanent_3"] == "421/2145"
    assert result["shapley_shubik"]["elected_10"] == "4/2145"
    assert sum(F(v) for v in result["banzhaf"].values()) == 1
    assert result["blocs"]["elected"]["count"] == 10


def test_voting_text_summarises_per_bloc():
    """The text report of the U.S. legislature has one row per bloc, not per voter."""
    text = render(analyse(load(GAMES / "us_ratification.toml")))
    assert "senate     100" in text and "senate_17" not in text
    assert "0.1605" in text


def test_shipped_coalition_game_solves():
    """games/north_american_footprint.toml: the U.S. hub gets the most, verified exactly."""
    analysis = analyse(load(GAMES / "north_american_footprint.toml"))
    assert analysis.nucleolus.verified
    assert analysis.nucleolus.allocation.as_dict() == {"us": F(29, 2), "mx": F(25, 2), "ca": 12}
    assert analysis.properties.convex and analysis.shapley_in_core


def test_cli_solves_shipped_games(runner):
    """`negotiate solve --format json` prints the contract keys for both shipped games."""
    from negotiate.cli import main

    result = runner.invoke(
        main, ["solve", str(GAMES / "north_american_footprint.toml"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["nucleolus"] == {"us": "29/2", "mx": "25/2", "ca": "12"}
    assert data["core"]["empty"] is False
    result = runner.invoke(main, ["solve", str(GAMES / "us_ratification.toml"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["shapley_shubik"]) == 536 and "senate_100" in data["holler"]


def test_the_footprint_is_the_sum_of_its_fields():
    """north_american_footprint.toml adds the six footprint_*.toml fields up, coalition by
    coalition, and its Shapley value is the sum of theirs (additivity)."""
    from negotiate.cooperative.shapley import shapley_value

    total = load(GAMES / "north_american_footprint.toml")
    fields = [load(path) for path in sorted(GAMES.glob("footprint_*.toml"))]
    assert len(fields) == 6
    assert all(f.players == total.players for f in fields)
    assert list(total.worth) == [sum(f.worth[m] for f in fields) for m in range(len(total.worth))]
    summed = {p: sum(shapley_value(f)[p] for f in fields) for p in total.players}
    assert shapley_value(total).as_dict() == summed
    # a la carte: Mexico's share beats Canada's in Central America, Canada's in defence
    by_id = {f.id: shapley_value(f) for f in fields}
    assert by_id["footprint_central_america"]["mx"] > by_id["footprint_central_america"]["ca"]
    assert by_id["footprint_defence"]["ca"] > by_id["footprint_defence"]["mx"]
