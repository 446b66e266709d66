"""Game trees: backward induction, every pure SPE, and the reduced strategic form."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from known_games import entry_deterrence, gamble, seltens_horse

from negotiate.errors import UnsupportedGameError
from negotiate.model.extensive_form import ExtensiveFormGame, Node
from negotiate.solve.extensive import (
    analyse,
    reduced_normal_form,
    reduced_strategies,
    subgame_perfect_equilibria,
)


def test_entry_deterrence_spe_is_enter_and_share():
    """The threat to fight is not credible: the entrant enters and the incumbent shares."""
    (spe,) = subgame_perfect_equilibria(entry_deterrence())
    assert dict(spe.strategies["entrant"]) == {"root": "in"}
    assert dict(spe.strategies["incumbent"]) == {"respond": "share"}
    assert spe.path == ("root", "respond", "peace")
    assert dict(spe.payoffs) == {"entrant": F(1), "incumbent": F(1)}


def test_entry_deterrence_has_a_nash_equilibrium_that_is_not_subgame_perfect():
    """(out, fight) is a Nash equilibrium of the strategic form but relies on an empty threat."""
    analysis = analyse(entry_deterrence())
    pure = {(e.support("entrant"), e.support("incumbent")) for e in analysis.equilibria if e.pure}
    assert pure == {(("out",), ("fight",)), (("in",), ("share",))}
    assert analysis.result.degenerate is True


def test_chance_takes_expectations_and_ties_keep_every_spe():
    """mx is indifferent; helping makes the gamble worth 4/3 to us, ignoring makes safe best."""
    found = subgame_perfect_equilibria(gamble())
    assert [(dict(e.strategies["us"]), dict(e.strategies["mx"])) for e in found] == [
        ({"root": "risky"}, {"mx_moves": "help"}),
        ({"root": "safe"}, {"mx_moves": "ignore"}),
    ]
    assert dict(found[0].payoffs) == {"us": F(4, 3), "mx": F(2, 3)}
    assert found[0].path == ("root", "shock", "crisis_end", "mx_moves", "helped")
    assert found[1].path == ("root", "safe_end")


def test_backward_induction_refuses_imperfect_information():
    """Selten's horse has an information set of two nodes: SPE by backward induction is refused."""
    with pytest.raises(UnsupportedGameError, match="perfect information"):
        subgame_perfect_equilibria(seltens_horse())


def test_seltens_horse_reduced_form_equilibria():
    """Pure equilibria (c, c, r) and (d, c, l), and the extreme points 1/4 and 1/3 of the two
    equilibrium components (Selten 1975)."""
    analysis = analyse(seltens_horse())
    assert analysis.subgame_perfect is None and analysis.notes
    assert analysis.result.degenerate is True
    found = {e.profile() for e in analysis.equilibria}
    one, zero = F(1), F(0)
    assert found == {
        ((one, zero), (one, zero), (zero, one)),
        ((zero, one), (one, zero), (one, zero)),
        ((one, zero), (one, zero), (F(1, 4), F(3, 4))),
        ((zero, one), (F(1, 3), F(2, 3)), (one, zero)),
    }


def test_reduced_strategies_merge_what_own_moves_exclude():
    """After `out`, the player's later choice is irrelevant: three reduced strategies, not four."""
    game = ExtensiveFormGame(
        id="g",
        title="g",
        players=["a", "b"],
        nodes=[
            Node(id="root", player="a", moves={"out": "t0", "in": "b_moves"}),
            Node(id="b_moves", player="b", moves={"l": "a_again", "r": "t1"}),
            Node(id="a_again", player="a", moves={"x": "t2", "y": "t3"}),
            Node(id="t0", payoffs={"a": 0, "b": 0}),
            Node(id="t1", payoffs={"a": 1, "b": 1}),
            Node(id="t2", payoffs={"a": 2, "b": "1/2"}),
            Node(id="t3", payoffs={"a": 3, "b": 0}),
        ],
    )
    assert [dict(s) for s in reduced_strategies(game, "a")] == [
        {"root": "out"},
        {"root": "in", "a_again": "x"},
        {"root": "in", "a_again": "y"},
    ]
    form = reduced_normal_form(game)
    assert form.players[0].strategies == ("out/*", "in/x", "in/y")
    assert form.payoff("b", ("in/x", "l")) == F(1, 2)


def test_reduced_form_of_chance_game_is_exact():
    """The reduced form's payoffs are exact expectations over chance."""
    form = reduced_normal_form(gamble())
    assert form.payoff("us", ("risky", "help")) == F(4, 3)
    assert form.payoff("mx", ("risky", "ignore")) == F(2, 3)
