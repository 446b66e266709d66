"""Game trees: backward induction, every pure SPE, and the reduced strategic form."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from known_games import entry_deterrence, gamble, seltens_horse

from negotiate.errors import UnsupportedGameError
from negotiate.model.extensive_form import ExtensiveFormGame, Node
from negotiate.strategic.extensive import (
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
    assert [e.path for e in analysis.subgame_perfect] == [
        ("root", "two_moves", "end"),
        ("root", "left", "dl"),
    ]
    assert dict(analysis.subgame_perfect[1].strategies["three"]) == {"three_moves": "l"}
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


def entry_into_a_dilemma():
    """Enter a simultaneous prisoner's dilemma (3,3 / 0,5 / 5,0 / 1,1) or stay out for (2, 2)."""
    payoffs = {"cc": (3, 3), "cd": (0, 5), "dc": (5, 0), "dd": (1, 1)}
    return ExtensiveFormGame(
        id="dilemma",
        title="Entry into a dilemma",
        players=["a", "b"],
        nodes=[
            Node(id="root", player="a", moves={"out": "outside", "in": "a_moves"}),
            Node(id="a_moves", player="a", moves={"c": "b_after_c", "d": "b_after_d"}),
            Node(id="b_after_c", player="b", info="b_moves", moves={"c": "cc", "d": "cd"}),
            Node(id="b_after_d", player="b", info="b_moves", moves={"c": "dc", "d": "dd"}),
            Node(id="outside", payoffs={"a": 2, "b": 2}),
            *(Node(id=k, payoffs={"a": u, "b": v}) for k, (u, v) in payoffs.items()),
        ],
    )


def test_subgames_of_an_imperfect_information_tree():
    """The dilemma after `in` is a subgame: the root and `a_moves` start one, `b`'s nodes not."""
    from negotiate.strategic.extensive import subgame_roots

    assert subgame_roots(entry_into_a_dilemma()) == ("root", "a_moves")


def test_subgame_perfection_refines_nash_with_imperfect_information():
    """Only (out, d, d) is subgame perfect: the plan says what `a` would do inside the subgame,
    which the reduced strategic form (`out/*`) leaves open."""
    from negotiate.strategic.extensive import pure_subgame_perfect_equilibria

    game = entry_into_a_dilemma()
    (spe,) = pure_subgame_perfect_equilibria(game)
    assert dict(spe.strategies["a"]) == {"root": "out", "a_moves": "d"}
    assert dict(spe.strategies["b"]) == {"b_moves": "d"}
    assert spe.path == ("root", "outside")
    nash = {tuple(e.support(p) for p in ("a", "b")) for e in analyse(game).equilibria if e.pure}
    assert nash == {(("out/*",), ("d",))}


@pytest.mark.parametrize("make", [entry_deterrence, gamble])
def test_pure_check_agrees_with_backward_induction(make):
    """With perfect information both methods give the same equilibria (keys aside)."""
    from negotiate.strategic.extensive import pure_subgame_perfect_equilibria

    game = make()
    by_induction = {(e.path, tuple(e.payoffs.values())) for e in subgame_perfect_equilibria(game)}
    by_check = {(e.path, tuple(e.payoffs.values())) for e in pure_subgame_perfect_equilibria(game)}
    assert by_induction == by_check


def test_an_information_set_named_after_another_players_node_is_refused():
    """``info`` naming the set of a node that has no ``info`` (a set named by its own id) joins
    that set: with another player and other moves it is refused, not a KeyError while solving."""
    from negotiate.errors import GameFileError
    from negotiate.io import loads

    text = """format = "negotiate/1"
[game]
id = "clash"
kind = "extensive_form"
title = "Clash"
[[player]]
id = "one"
[[player]]
id = "two"
[[node]]
id = "root"
player = "one"
moves = { a = "mine", b = "yours" }
[[node]]
id = "mine"
player = "one"
moves = { x = "t1", y = "t2" }
[[node]]
id = "yours"
player = "two"
info = "mine"
moves = { l = "t3", r = "t4" }
[[node]]
id = "t1"
payoffs = { one = 1, two = 0 }
[[node]]
id = "t2"
payoffs = { one = 0, two = 1 }
[[node]]
id = "t3"
payoffs = { one = 2, two = 0 }
[[node]]
id = "t4"
payoffs = { one = 0, two = 2 }
"""
    with pytest.raises(
        GameFileError, match=r"c.toml:21: node\[2\]\.info: nodes `mine` and `yours` "
    ):
        loads(text, source="c.toml")
