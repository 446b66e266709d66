"""Robustness and regime sweeps of the games that are not negotiations: parameter paths, hand
computed margins, shares against known fractions, determinism across workers, located errors,
every shipped game, and the regime map."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from negotiate.cli import main
from negotiate.errors import GameFileError, InvalidGameError
from negotiate.io import load, loads
from negotiate.model import (
    BargainingPlayer,
    BargainingProblem,
    Bloc,
    CoalitionGame,
    NormalFormGame,
    Player,
    VotingGame,
)
from negotiate.model.paths import number_paths, parameter_value, vary
from negotiate.model.uncertainty import Range, Uncertainty
from negotiate.robust.grid import regime_sweep
from negotiate.studies import headline, robustness
from tests.figure_checks import check_readable

GAMES = sorted((Path(__file__).resolve().parent.parent / "games").glob("*.toml"))


def _stag(high: int = 4) -> NormalFormGame:
    return NormalFormGame(
        id="stag",
        title="Stag hunt",
        players=[Player(id="a", strategies=["s", "h"]), Player(id="b", strategies=["s", "h"])],
        payoffs={"a": [[high, 0], [3, 3]], "b": [[high, 3], [0, 3]]},
    )


def _triangle(pair: int = 4) -> CoalitionGame:
    return CoalitionGame.from_values(
        id="t",
        title="T",
        players=["a", "b", "c"],
        values={"a": 0, "b": 0, "c": 0, "a+b": pair, "a+c": 4, "b+c": 4, "a+b+c": 6},
    )


def test_paths_of_every_kind_read_and_replace():
    """Each kind's paths read the number the file gives and replace it in a new game."""
    assert parameter_value(_stag(), "payoffs.a.h.s") == 3
    assert vary(_stag(), "payoffs.b.s.h", 7).payoff("b", ("s", "h")) == 7
    assert parameter_value(_triangle(), "value.b+a") == 4
    assert vary(_triangle(), "value.c+a", 5).value(["a", "c"]) == 5
    body = VotingGame(
        id="v", title="V", quota=3, blocs=[Bloc(id="x", weight=2), Bloc(id="y", weight=1)]
    )
    assert vary(body, "game.quota", 2).quota == 2
    with pytest.raises(InvalidGameError, match=r"bloc\.y\.weight = -1"):
        vary(body, "bloc.y.weight", -1)
    problem = BargainingProblem(
        id="b",
        title="B",
        points=[[0, 4], [3, 3], [4, 0]],
        players=[BargainingPlayer(id="us"), BargainingPlayer(id="mx")],
    )
    assert parameter_value(problem, "game.points.1.mx") == 3
    assert vary(problem, "player.us.disagreement", 1).players[0].disagreement == 1
    assert number_paths(problem)[-2:] == ("player.us.disagreement", "player.mx.disagreement")


@pytest.mark.parametrize(
    ("game", "path", "message"),
    [
        (_stag(), "payoffs.a.s.x", "unknown strategy of `b` `x`"),
        (_stag(), "payoff.a.s.s", "unknown table `payoff`"),
        (_triangle(), "value.a+d", "unknown player `d`"),
    ],
)
def test_unknown_paths_are_named(game, path, message):
    """An unknown part of a path is named, with what would be valid."""
    with pytest.raises(InvalidGameError, match=message):
        parameter_value(game, path)


def test_unknown_range_path_is_located():
    """A range naming an unknown number fails with the file, key path and line."""
    text = (
        'format = "negotiate/1"\n[game]\nid = "g"\nkind = "coalition"\ntitle = "G"\n'
        'players = ["a", "b"]\ndefault_value = 0\n[value]\n"a+b" = 4\n[uncertainty]\n'
        '[[uncertainty.range]]\npath = "value.a+z"\nlow = 0\nhigh = 1\n'
    )
    with pytest.raises(GameFileError, match=r"g.toml:12: uncertainty.range\[0\].path: unknown"):
        loads(text, source="g.toml")


def test_stag_hunt_payoff_margin_is_exact():
    """(s, s) stays an equilibrium while a's payoff 4 stays at least 3: the margin is -1."""
    game = attrs_evolve(_stag(), Uncertainty(ranges=[Range(path="payoffs.a.s.s", low=2, high=6)]))
    result = robustness(game, samples=4000, seed=5)
    k = result.claim("pure.s.s")
    assert result.margins["pure.s.s"]["payoffs.a.s.s"].value == Fraction(-1)
    # holds on [3, 6] of [2, 6]: three quarters
    assert abs(result.share(k) - 0.75) < 0.03


def attrs_evolve(game, uncertainty):
    import attrs

    return attrs.evolve(game, uncertainty=uncertainty)


def test_core_empties_at_a_hand_computed_worth():
    """v(a+b) + v(a+c) + v(b+c) <= 2 v(N) keeps the core non-empty: with 4 + 4 + x <= 12 the
    core empties beyond x = 4, a margin of exactly 0 from a pair worth 4 (it holds at 4)."""
    game = attrs_evolve(_triangle(3), Uncertainty(ranges=[Range(path="value.a+b", low=3, high=7)]))
    result = robustness(game, samples=4000, seed=2)
    assert result.margins["core"]["value.a+b"].value == Fraction(1)
    assert abs(result.share(result.claim("core")) - 0.25) < 0.03


def test_voting_weight_threshold_changes_the_ranking():
    """Weights 3, 2, 2 with quota 4: x and each y are pivotal alike (any two win). At weight 4
    the big bloc wins alone: its margin is +1, exactly."""
    body = VotingGame(
        id="v",
        title="V",
        quota=4,
        blocs=[Bloc(id="x", weight=3), Bloc(id="y", weight=2), Bloc(id="z", weight=2)],
        uncertainty=Uncertainty(ranges=[Range(path="bloc.x.weight", low=2, high=5)]),
    )
    result = robustness(body, samples=500, seed=1)
    assert result.claims[1].name == "The power ranking is x = y = z"
    assert result.margins["power.ranking"]["bloc.x.weight"].value == Fraction(1)


def test_bargaining_margin_is_rational():
    """The Nash point sits at the kink (3, s) of (0, 4), (3, s), (4, 0) while the product's slope
    along the left edge, 2s - 4, is >= 0: it leaves the kink below s = 2, a margin of -1."""
    problem = BargainingProblem(
        id="b",
        title="B",
        points=[[0, 4], [3, 3], [4, 0]],
        players=[BargainingPlayer(id="us"), BargainingPlayer(id="mx")],
        uncertainty=Uncertainty(ranges=[Range(path="game.points.1.mx", low=1, high=4)]),
    )
    result = robustness(problem, samples=200, seed=0)
    margin = result.margins["nash.point"]["game.points.1.mx"]
    assert margin.exact and margin.value == Fraction(-1, 1)


def test_same_seed_same_json_on_one_or_two_workers(tmp_path):
    """Byte-identical JSON with --workers 1 and --workers 2."""
    from click.testing import CliRunner

    runner = CliRunner()
    outputs = []
    for workers in ("1", "2"):
        result = runner.invoke(
            main,
            [
                "robustness",
                "games/footprint_energy.toml",
                "--samples",
                "4100",
                "--seed",
                "9",
                "--workers",
                workers,
                "--format",
                "json",
            ],
        )
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    assert outputs[0] == outputs[1]
    data = json.loads(outputs[0])["robustness"]
    assert set(data) >= {"samples", "seed", "conclusions"}
    assert set(data["conclusions"]["core"]) >= {"name", "holds", "interval", "margins", "influence"}


@pytest.mark.parametrize("path", GAMES, ids=lambda p: p.stem)
def test_robustness_succeeds_on_every_shipped_game(path):
    """`negotiate robustness` exits 0 on every game, and each conclusion holds at the baseline."""
    from click.testing import CliRunner

    result = CliRunner().invoke(
        main, ["robustness", str(path), "--samples", "300", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    conclusions = json.loads(result.output)["robustness"]["conclusions"]
    assert conclusions
    game = load(path)
    if game.kind != "negotiation":
        assert all(c["holds_at_baseline"] for c in conclusions.values())


def test_two_varies_draw_a_labelled_regime_map():
    """(s, s) is an equilibrium only when both payoffs at (s, s) are at least 3: one cell of four
    adds it to (h, h); the regimes are labelled A and B, the baseline marked."""
    sweep = regime_sweep(
        _stag(),
        ["payoffs.a.s.s", "payoffs.b.s.s"],
        [[2, 4], [2, 4]],
        headline,
    )
    assert sweep.cells.tolist() == [[0, 0], [0, 1]]
    assert sweep.regimes[1] == "The pure equilibria are (a = s, b = s); (a = h, b = h)"
    from negotiate.plot import regime_map

    figure = regime_map(sweep)
    axes = figure.axes[0]
    assert sorted(t.get_text() for t in axes.texts) == ["A", "A", "A", "B"]
    assert axes.get_xlabel() == "payoffs.b.s.s" and axes.get_ylabel() == "payoffs.a.s.s"
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert legend[-1] == "the baseline" and legend[0].startswith("A: The pure equilibria")
    check_readable(figure)


def test_regime_map_of_a_shipped_negotiation_speaks_in_words():
    """The whole enchilada over the Democrats' value of a large program and the U.S. quota:
    below a quota of 62 the Nash package is the grand bargain with Mexicans first (A)."""
    from negotiate.negotiation import sweep as negotiation_sweep
    from negotiate.plot import regime_map

    game = load(GAMES[0].parent / "whole_enchilada.toml")
    paths = ["values.democrats.workers.large", "ratification.us.quota"]
    values = [[-2, 2], [60, 80]]
    found = negotiation_sweep.parameter_value, negotiation_sweep.vary
    sweep = regime_sweep(game, paths, values, headline, None, *found)
    assert sweep.cells.tolist() == [[0, 1], [0, 1]]
    figure = regime_map(sweep)
    axes = figure.axes[0]
    assert axes.get_xlabel() == "U.S. executive's ratification quota"
    assert "Democratic Party's value of" in axes.get_ylabel().replace("\n", " ")
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert legend[0].startswith("A: Nash regularization =")
    assert "earned_mexicans_first" in legend[0]
    check_readable(figure)


def test_sweep_cli_on_a_coalition_and_two_varies(tmp_path):
    """One --vary on a coalition game gives a table; two give a grid and a PNG."""
    from click.testing import CliRunner

    runner = CliRunner()
    one = runner.invoke(
        main,
        ["sweep", "games/footprint_cyber.toml", "--vary", "value.us+mx=0:4:5", "--format", "json"],
    )
    assert one.exit_code == 0, one.output
    data = json.loads(one.output)["regimes"]
    assert data["regimes"][data["cells"][1]] == "Shapley ca = mx = us; core non-empty"
    figure = tmp_path / "map.png"
    two = runner.invoke(
        main,
        [
            "sweep",
            "games/hunker_down_border.toml",
            "--vary",
            "payoffs.us.hunker_down.co_manage=1:5:3",
            "--vary",
            "payoffs.mx.co_manage.hunker_down=1:5:3",
            "--plot",
            str(figure),
        ],
    )
    assert two.exit_code == 0, two.output
    assert figure.stat().st_size > 1000 and "regime  headline" in two.output
    bad = runner.invoke(main, ["sweep", "games/footprint_cyber.toml", "--vary", "value.x=0:1:2"])
    assert bad.exit_code == 2 and "unknown player `x`" in bad.output


def test_dask_local_cluster_matches_the_local_engine():
    """A coalition game's study on a two-worker LocalCluster gives the local engine's JSON."""
    import os

    if not os.environ.get("CI"):
        pytest.importorskip("distributed")
    from negotiate.report.robustness import render

    game = load(GAMES[0].parent / "footprint_defence.toml")
    local = render(robustness(game, samples=4500, seed=3), "json")
    dask = render(
        robustness(game, samples=4500, seed=3, engine="dask", workers=2, processes=False), "json"
    )
    assert local == dask


def test_a_rule_need_varies_in_whole_members():
    """President a and three senators b, a bill needs a and 2 of b: a pivots in half the
    orderings, each b in a sixth. Needing all 3 b, a pivots only last (1/4), like each b: the
    ranking ties at +1 member, a whole-number margin; the spread leaves a rule's needs alone."""
    from negotiate.model import Rule

    body = VotingGame(
        id="v",
        title="V",
        blocs=[Bloc(id="a"), Bloc(id="b", count=3)],
        rules=[Rule(need={"a": 1, "b": 2})],
    )
    assert number_paths(body) == ()
    ranged = attrs_evolve(body, Uncertainty(ranges=[Range(path="rule.0.need.b", low=0, high=3)]))
    result = robustness(ranged, samples=400, seed=4)
    assert result.margins["power.ranking"]["rule.0.need.b"].value == 1
    # needs 0, 1, 2, 3 equally likely; the ranking a > b fails only at 3
    assert abs(result.share(result.claim("power.ranking")) - 0.75) < 0.07


def test_a_range_with_low_above_high_is_located():
    """`low > high` in a bargaining file's range fails with the file, key path and line."""
    text = (
        'format = "negotiate/1"\n[game]\nid = "b"\nkind = "bargaining"\ntitle = "B"\npie = 1\n'
        '[[player]]\nid = "us"\n[[player]]\nid = "mx"\n[uncertainty]\n[[uncertainty.range]]\n'
        'path = "player.us.disagreement"\nlow = "1/2"\nhigh = 0\n'
    )
    with pytest.raises(GameFileError, match=r"b.toml:14: uncertainty.range\[0\].low: expected low"):
        loads(text, source="b.toml")


def test_two_varies_on_a_negotiation_give_the_nash_package_per_cell():
    """The spring-2001 grand bargain's Nash package across the Democrats' value of a large
    worker program and the U.S. quota: the JSON grid names a package per cell."""
    from click.testing import CliRunner

    result = CliRunner().invoke(
        main,
        [
            "sweep",
            "whole_enchilada",
            "--vary",
            "values.democrats.workers.large=-2:2:2",
            "--vary",
            "ratification.us.quota=60:80:3",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)["regimes"]
    assert data["paths"] == ["values.democrats.workers.large", "ratification.us.quota"]
    assert len(data["cells"]) == 2 and len(data["cells"][0]) == 3
    assert all(r.startswith("Nash ") or r == "no agreement" for r in data["regimes"])
