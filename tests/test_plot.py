"""Every figure of negotiate.plot, drawn on a shipped game: its labels, what it marks, and that
it reads at a column's width (all text inside the figure, no font below 8 pt)."""

from __future__ import annotations

import functools
import itertools
import math
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

import negotiate
from negotiate.negotiation.robustness import robustness
from negotiate.negotiation.sweep import Sweep, steps, sweep_points
from negotiate.plot import (
    KINDS_WITH_FIGURES,
    bargaining_space,
    coalition_power,
    figures,
    game_tree,
    linkage_gains,
    negotiation_space,
    ratification_power,
    sweep_figure,
    tornado,
    voting_power,
    win_sets,
)
from negotiate.plot.issues import option_shares
from negotiate.plot.utility_space import upper_hull
from tests.conftest import GAMES
from tests.figure_checks import check_readable, strings

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def _analyse(name: str, scenario: str | None = None):
    return negotiate.analyse(negotiate.load(ROOT / "games" / f"{name}.toml", scenario))


def _legend(figure: Figure) -> list[str]:
    return [t.get_text() for legend in figure.legends for t in legend.get_texts()]


def _annotations(figure: Figure) -> dict[str, tuple[float, float]]:
    """Annotation text -> the point it annotates."""
    return {
        text.get_text(): tuple(text.xy)
        for axes in figure.axes
        for text in axes.texts
        if hasattr(text, "xy")
    }


def test_negotiation_space_marks_every_solution_where_it_lies():
    """Two parties: one plane, the 125 agreement packages' distinct points, the Pareto frontier,
    the status quo (= disagreement point, both at 0), each solution labelled at its point."""
    analysis = _analyse("whole_enchilada")
    figure = negotiation_space(analysis)
    check_readable(figure)
    (axes,) = figure.axes
    assert axes.get_xlabel() == "utility of U.S. executive"
    assert axes.get_ylabel() == "utility of Mexican executive"
    assert "Utility space" in figure.get_suptitle()
    assert "whole enchilada" in figure.get_suptitle().replace("\n", " ")
    assert set(_legend(figure)) == {
        "agreement packages",
        "Pareto frontier",
        "lottery frontier",
        "status quo, disagreement",
        "Nash (N)",
        "Nash (equal powers) (N=)",
        "Kalai-Smorodinsky (KS)",
        "egalitarian (E)",
        "utilitarian (U)",
        "Nash lottery (L)",
    }
    lines = {line.get_label(): line for line in axes.get_lines()}
    assert len(lines["agreement packages"].get_xdata()) == analysis.agreement.count == 125
    marks = _annotations(figure)
    nash = analysis.nash[0].utilities
    assert nash == {"us": 10, "mx": 12}
    # the Nash, egalitarian and Nash-lottery points coincide at (10, 12): one label there
    assert marks["N, E, L"] == (10.0, 12.0)
    ks = analysis.kalai_smorodinsky[0].utilities
    label = next(text for text, point in marks.items() if "KS" in text)
    assert marks[label] == (float(ks["us"]), float(ks["mx"]))
    status_quo = lines["status quo, disagreement"]
    assert (status_quo.get_xdata()[0], status_quo.get_ydata()[0]) == (0.0, 0.0)
    frontier = lines["Pareto frontier"]
    pareto = {tuple(float(u) for u in o.utilities.values()) for o in analysis.pareto}
    assert set(zip(frontier.get_xdata(), frontier.get_ydata(), strict=True)) == pareto


def test_three_parties_are_drawn_as_pairwise_panels():
    """NAFTA 1993 has three parties: three panels, one per pair, and the title says so."""
    figure = negotiation_space(_analyse("nafta_1993"))
    check_readable(figure)
    assert "pairwise views" in figure.get_suptitle().replace("\n", " ")
    pairs = [(a.get_xlabel(), a.get_ylabel()) for a in figure.axes]
    assert pairs == [
        ("utility of U.S. executive", "utility of Mexican executive"),
        ("utility of U.S. executive", "utility of Canadian executive"),
        ("utility of Mexican executive", "utility of Canadian executive"),
    ]
    assert "Nash (N)" in _legend(figure)


def test_bargaining_space_marks_the_solutions_on_the_frontier():
    """The feasible set's Pareto frontier (the hull's edge), disagreement, ideal, solutions."""
    analysis = _analyse("bargaining_power")
    figure = bargaining_space(analysis)
    check_readable(figure)
    (axes,) = figure.axes
    assert axes.get_xlabel() == "utility of United States"
    assert axes.get_ylabel() == "utility of Mexico"
    legend = _legend(figure)
    for label in ("Pareto frontier", "disagreement", "ideal", "Nash (N)", "egalitarian (E)"):
        assert label in legend
    lines = {line.get_label(): line for line in axes.get_lines()}
    nash = lines["Nash (N)"]
    assert (nash.get_xdata()[0], nash.get_ydata()[0]) == tuple(
        float(x) for x in analysis.nash.utilities
    )
    assert _annotations(figure)["N"] == tuple(float(x) for x in analysis.nash.utilities)


def test_upper_hull_keeps_the_efficient_vertices():
    """A point under a chord of the frontier is dropped, a dominated one too."""
    assert upper_hull([(0, 3), (1, 1), (1, 2), (2, 2), (3, 0), (1.5, 2.4)]) == [
        (0, 3),
        (1.5, 2.4),
        (2, 2),
        (3, 0),
    ]


def test_win_set_shares_agree_with_counting_packages():
    """The share of the U.S. win-set with each option equals a count over all packages made
    with ``ratifies``, and each issue's shares add up to 1."""
    analysis = _analyse("whole_enchilada")
    game = analysis.game
    ratified = [
        package
        for package in itertools.product(*(issue.options for issue in game.issues))
        if analysis.agreement.ratifies("us", package)
    ]
    assert len(ratified) == 164
    shares = option_shares(analysis, "us")
    for issue_index, issue in enumerate(game.issues):
        for option in issue.options:
            count = sum(1 for p in ratified if p[issue_index] == option)
            assert dict(((i, o), s) for i, o, s in shares)[issue.id, option] == pytest.approx(
                count / 164
            )
        assert sum(s for i, _, s in shares if i == issue.id) == pytest.approx(1)


def test_win_sets_figure_has_one_panel_per_issue():
    analysis = _analyse("whole_enchilada")
    figure = win_sets(analysis)
    check_readable(figure)
    assert [a.get_title(loc="left") for a in figure.axes] == [
        "regularization",
        "workers",
        "security",
        "family",
        "development",
    ]
    first = figure.axes[0]
    assert next(t.get_text() for t in first.get_yticklabels()) == "none *"
    assert _legend(figure) == ["U.S. executive (164 packages)", "Mexican executive (175 packages)"]
    assert "Win-sets by issue" in figure.get_suptitle()
    widths = [bar.get_width() for bar in first.patches[:4]]
    assert widths == pytest.approx([s for i, _, s in option_shares(analysis, "us")][:4])


def _sweep(path: str, low: int, high: int, count: int) -> Sweep:
    game = negotiate.load(ROOT / "games" / "whole_enchilada.toml")
    return Sweep(
        game=game, path=path, points=tuple(sweep_points(game, path, steps(low, high, count)))
    )


def test_sweep_figure_steps_gaps_regimes_and_words():
    """Raising the U.S. quota: two regime changes lettered and keyed (the second to "no linked
    agreement"), the linked lines broken (NaN) where there is no agreement, steps not slopes,
    the axis in words, the baseline (50) named as outside the range."""
    sweep = _sweep("ratification.us.quota", 80, 105, 11)
    assert sweep.regime_changes == (7, 9)
    figure = sweep_figure(sweep)
    check_readable(figure)
    axes = figure.axes[0]
    assert axes.get_xlabel() == "U.S. executive's ratification quota"
    assert axes.get_ylabel() == "utility of the deal"
    text = strings(figure)
    assert "A: security: smart border, development: fund" in text
    assert "B: no linked agreement" in text
    lines = {line.get_label(): line for line in axes.get_lines()}
    linked = lines["U.S. executive: linked"]
    assert linked.get_drawstyle() == "steps-mid"
    values = linked.get_ydata()
    feasible = [p.analysis.linked.feasible for p in sweep.points]
    assert [math.isnan(v) for v in values] == [not f for f in feasible]
    assert feasible.count(False) == 2
    legend = _legend(figure)
    assert "baseline 50: outside the range" in legend
    assert "no linked agreement" in legend
    assert "ratification quota" in figure.get_suptitle().replace("\n", " ")


def test_sweep_figure_marks_a_baseline_within_the_range():
    """The U.S. value of joint security is 5 in the file: a vertical line there."""
    sweep = _sweep("values.us.security.joint", 0, 12, 13)
    figure = sweep_figure(sweep)
    check_readable(figure)
    axes = figure.axes[0]
    baseline = next(line for line in axes.get_lines() if line.get_label() == "baseline (5)")
    assert list(baseline.get_xdata()) == [5.0, 5.0]
    assert "U.S. executive's value of" in axes.get_xlabel().replace("\n", " ")
    assert "A: " in strings(figure)


def test_voting_power_bars_are_the_indices():
    analysis = _analyse("us_ratification")
    figure = voting_power(analysis)
    check_readable(figure)
    (axes,) = figure.axes
    assert _legend(figure) == ["Shapley-Shubik", "Banzhaf (normalised)"]
    assert next(t.get_text() for t in axes.get_yticklabels()) == "The President"
    blocs = [b.id for b in analysis.game.blocs]
    shapley = [bar.get_width() for bar in axes.patches[: len(blocs)]]
    assert shapley == pytest.approx([float(analysis.power.shapley_shubik[b]) for b in blocs])
    assert "Voting power" in figure.get_suptitle()


def test_ratification_power_has_a_panel_per_party():
    analysis = _analyse("whole_enchilada")
    figure = ratification_power(analysis)
    assert figure is not None
    check_readable(figure)
    titles = [a.get_title(loc="left") for a in figure.axes]
    assert titles == ["who ratifies for U.S. executive", "who ratifies for Mexican executive"]
    assert figure.axes[-1].get_xlabel() == "power index"
    executive = figure.axes[0].patches[0].get_width()
    assert executive == pytest.approx(0.5)  # the executive's veto: half the Shapley-Shubik power


def test_coalition_power_bars_are_the_shapley_value():
    analysis = _analyse("north_american_footprint")
    figure = coalition_power(analysis)
    check_readable(figure)
    (axes,) = figure.axes
    players = analysis.shapley.players
    assert [bar.get_width() for bar in axes.patches[: len(players)]] == pytest.approx(
        [float(x) for x in analysis.shapley]
    )
    assert _legend(figure)[0] == "Shapley value"
    assert "Shapley value" in figure.get_suptitle()


def test_game_tree_highlights_the_subgame_perfect_path():
    """The ratification game: the three moves of the path drawn heavy, players keyed."""
    analysis = _analyse("ratification_game")
    figure = game_tree(analysis)
    check_readable(figure)
    (axes,) = figure.axes
    heavy = [line for line in axes.get_lines() if line.get_linewidth() > 2]
    assert len(heavy) == len(analysis.subgame_perfect[0].path) - 1 == 3
    legend = _legend(figure)
    assert legend[:3] == ["us moves", "mx moves", "congress moves"]
    assert "subgame-perfect path" in legend
    text = strings(figure)
    assert "separate" in text and "ratify" in text
    assert "3\n3\n2" in text  # the trade deal's payoffs, us, mx, congress


def test_game_tree_joins_information_sets():
    """Nodes of one information set are joined by one dashed line, named in the legend."""
    from negotiate.model import ExtensiveFormGame, Node

    game = ExtensiveFormGame(
        id="guess",
        title="Guess",
        players=["a", "b"],
        nodes=[
            Node(id="root", player="a", moves={"l": "x", "r": "y"}),
            Node(id="x", player="b", info="i", moves={"u": "xu", "d": "xd"}),
            Node(id="y", player="b", info="i", moves={"u": "yu", "d": "yd"}),
            *(Node(id=n, payoffs={"a": 1, "b": 0}) for n in ("xu", "xd", "yu", "yd")),
        ],
    )
    figure = game_tree(negotiate.analyse(game))
    check_readable(figure)
    dashed = [line for line in figure.axes[0].get_lines() if line.get_linestyle() == "--"]
    assert len(dashed) == 1 and len(dashed[0].get_xdata()) == 2
    assert "information set" in _legend(figure)


def test_tornado_margins_in_words_and_the_baseline():
    study = robustness(negotiate.load(ROOT / "games" / "whole_enchilada.toml"), samples=200, seed=3)
    figure = tornado(study)
    check_readable(figure)
    assert "How robust?" in figure.get_suptitle()
    legend = _legend(figure)
    assert "the baseline (no change)" in legend
    first = figure.axes[0]
    ticks = " ".join(t.get_text().replace("\n", " ") for t in first.get_yticklabels())
    assert "values." not in ticks and "'s value of" in ticks
    assert first.get_xlabel().replace("\n", " ") == "change from the baseline (0) that breaks it"
    shares = figure.axes[-1]
    assert [bar.get_width() for bar in shares.patches] == pytest.approx(
        [study.share(k) for k in range(len(study.claims))]
    )


def test_linkage_gains_write_each_gain():
    analysis = negotiate.linkage(negotiate.load(ROOT / "games" / "whole_enchilada.toml"))
    figure = linkage_gains(analysis)
    check_readable(figure)
    assert "gain 9" in strings(figure) and "gain 10" in strings(figure)
    assert _legend(figure)[0] == "issue by issue"
    assert figure.axes[0].get_xlabel() == "utility of the deal"


@pytest.mark.parametrize("path", GAMES, ids=[p.stem for p in GAMES])
def test_every_shipped_game_gets_its_figures_and_they_read(path):
    """Each kind with figures gets at least one; every figure fits and uses fonts >= 8 pt."""
    analysis = negotiate.analyse(negotiate.load(path))
    drawn = figures(analysis)
    assert bool(drawn) == (analysis.game.kind in KINDS_WITH_FIGURES)
    for caption, figure in drawn:
        assert caption.endswith(".")
        assert figure.get_size_inches()[0] == pytest.approx(3.5)
        assert figure.get_suptitle()
        check_readable(figure)


def test_an_empty_agreement_set_is_said():
    """A negotiation whose win-sets meet only at the status quo: every package is drawn, and
    the title says there is no agreement."""
    from negotiate.model import Issue, NegotiationGame, Party

    game = NegotiationGame(
        id="apart",
        title="Apart",
        parties=[
            Party(id="us", values={"wall": {"yes": 2}}),
            Party(id="mx", values={"wall": {"yes": -1}}),
        ],
        issues=[Issue(id="wall", options=["no", "yes"])],
    )
    figure = negotiation_space(negotiate.analyse(game))
    check_readable(figure)
    assert "no agreement, every package shown" in figure.get_suptitle().replace("\n", " ")
    points = figure.axes[0].get_lines()[0]
    assert isinstance(points, Line2D) and points.get_label() == "packages (none agreed)"
    assert sorted(zip(points.get_xdata(), points.get_ydata(), strict=True)) == [(0, 0), (2, -1)]


def test_the_readability_check_catches_a_title_that_runs_off():
    """The check itself fails on an unwrapped long title and on a 6 pt label."""
    from negotiate.plot._style import column_figure

    figure = column_figure(2)
    figure.add_subplot().set_xlabel("x")
    figure.suptitle("A title far too long to fit a column's width at nine points, unwrapped")
    with pytest.raises(AssertionError, match="runs off"):
        check_readable(figure)
    figure = column_figure(2)
    figure.add_subplot().set_xlabel("tiny", fontsize=6)
    with pytest.raises(AssertionError, match=r"below 8\.0 pt"):
        check_readable(figure)
