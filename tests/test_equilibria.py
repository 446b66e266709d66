"""Nash equilibria of strategic-form games: known answers, cross-checks and properties."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from known_games import (
    battle_of_the_sexes,
    bimatrix,
    coordination_3x3,
    matching_pennies,
    prisoners_dilemma,
    rock_paper_scissors,
    three_player_cycle,
    von_stengel_degenerate,
    von_stengel_nondegenerate,
)

from negotiate.errors import GameTooLargeError, UnsupportedGameError
from negotiate.model.normal_form import NormalFormGame, Player
from negotiate.strategic.degeneracy import is_degenerate
from negotiate.strategic.equilibria import analyse, equilibria
from negotiate.strategic.mixed import verify_profile
from negotiate.strategic.vertex_enumeration import vertex_enumeration_nashpy


def profiles(result):
    """The equilibria of a result as tuples of probability tuples."""
    return [e.profile() for e in result.equilibria]


def test_prisoners_dilemma_has_one_equilibrium():
    """Mutual defection is the only equilibrium, with payoffs (1, 1)."""
    result = equilibria(prisoners_dilemma())
    assert profiles(result) == [((F(0), F(1)), (F(0), F(1)))]
    assert dict(result.equilibria[0].payoffs) == {"row": F(1), "column": F(1)}
    assert result.equilibria[0].pure and result.exact and result.degenerate is False


def test_battle_of_the_sexes_has_three_equilibria_with_exact_mixed_one():
    """Two pure equilibria and the mixed one ((2/3, 1/3), (1/3, 2/3)) worth 2/3 to each."""
    result = equilibria(battle_of_the_sexes())
    assert profiles(result) == [
        ((F(1), F(0)), (F(1), F(0))),
        ((F(0), F(1)), (F(0), F(1))),
        ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))),
    ]
    assert dict(result.equilibria[2].payoffs) == {"row": F(2, 3), "column": F(2, 3)}
    assert [e.pure for e in result.equilibria] == [True, True, False]


def test_matching_pennies_has_a_unique_mixed_equilibrium():
    """Both players mix half and half; the value is 0."""
    result = equilibria(matching_pennies())
    half = (F(1, 2), F(1, 2))
    assert profiles(result) == [(half, half)]
    assert dict(result.equilibria[0].payoffs) == {"row": 0, "column": 0}


def test_rock_paper_scissors_uniform():
    """The unique equilibrium of rock-paper-scissors is uniform."""
    third = (F(1, 3),) * 3
    assert profiles(equilibria(rock_paper_scissors())) == [(third, third)]


def test_3x3_coordination_has_seven_equilibria():
    """Identity coordination: one equilibrium per non-empty support, 2^3 - 1 = 7."""
    result = equilibria(coordination_3x3())
    assert len(result.equilibria) == 7 and result.degenerate is False
    assert ((F(1, 3),) * 3, (F(1, 3),) * 3) in profiles(result)
    assert ((F(1, 2), F(0), F(1, 2)), (F(1, 2), F(0), F(1, 2))) in profiles(result)


@pytest.mark.parametrize("method", ["support", "vertex"])
def test_von_stengel_nondegenerate_example(method):
    """Example 3.2 of von Stengel (2007) has exactly three equilibria."""
    result = equilibria(von_stengel_nondegenerate(), method)
    assert profiles(result) == [
        ((F(1), F(0), F(0)), (F(1), F(0))),
        ((F(4, 5), F(1, 5), F(0)), (F(2, 3), F(1, 3))),
        ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
    ]


def test_degenerate_game_reports_extreme_equilibria_of_each_component():
    """Von Stengel's degenerate example: the segment's two ends and the isolated point."""
    result = equilibria(von_stengel_degenerate())
    assert result.degenerate is True and result.method == "vertex" and result.complete
    assert profiles(result) == [
        ((F(1), F(0), F(0)), (F(1), F(0))),
        ((F(1), F(0), F(0)), (F(2, 3), F(1, 3))),
        ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
    ]
    assert any("degenerate" in note for note in result.notes)


def test_lemke_howson_finds_a_subset_from_every_label():
    """Every label reaches an equilibrium, and all are among support enumeration's."""
    game = von_stengel_nondegenerate()
    result = equilibria(game, "lemke_howson")
    assert result.equilibria and not result.complete
    assert set(profiles(result)) <= set(profiles(equilibria(game, "support")))


def test_three_player_game_with_exact_mixed_equilibrium():
    """The three-player cycle's unique equilibrium is half and half for everyone."""
    result = equilibria(three_player_cycle())
    half = (F(1, 2), F(1, 2))
    assert profiles(result) == [(half, half, half)]
    assert result.exact and equilibria(three_player_cycle(), "pure").equilibria == ()


def test_pure_equilibria_of_three_players_are_vectorised_and_exact():
    """Three-player coordination: exactly its two unanimous profiles are pure equilibria."""
    players = [Player(id=p, strategies=["a", "b"]) for p in ("x", "y", "z")]
    outcomes = {}
    for s in np.ndindex(2, 2, 2):
        names = tuple("ab"[k] for k in s)
        same = int(len(set(names)) == 1)
        outcomes[names] = {"x": same, "y": same, "z": same}
    game = NormalFormGame.from_outcomes(id="c", title="c", players=players, outcomes=outcomes)
    found = equilibria(game, "pure").equilibria
    assert [tuple(e.support(p) for p in "xyz") for e in found] == [
        (("a",), ("a",), ("a",)),
        (("b",), ("b",), ("b",)),
    ]


def test_float_games_are_solved_in_floats():
    """Float payoffs give float equilibria verified to a tolerance, with exact false."""
    game = bimatrix([[2.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 2.0]])
    result = equilibria(game)
    assert not result.exact and len(result.equilibria) == 3
    mixed = result.equilibria[2].profile()
    assert mixed[0] == pytest.approx((2 / 3, 1 / 3))


def test_unknown_method_is_refused():
    """An unknown method names the valid ones."""
    with pytest.raises(ValueError, match="expected one of"):
        equilibria(prisoners_dilemma(), "magic")


def test_two_player_methods_refuse_three_players():
    """Vertex enumeration needs two players and says what to use instead."""
    with pytest.raises(UnsupportedGameError, match="method='support'"):
        equilibria(three_player_cycle(), "vertex")


def test_too_large_polynomial_enumeration_is_refused_quickly():
    """Three players with five strategies each: a clear error suggesting a method that scales."""
    players = [Player(id=p, strategies=[f"s{k}" for k in range(5)]) for p in ("x", "y", "z")]
    payoffs = {p.id: np.zeros((5, 5, 5), dtype=int).tolist() for p in players}
    game = NormalFormGame(id="big", title="big", players=players, payoffs=payoffs)
    with pytest.raises(GameTooLargeError, match="simpdiv"):
        equilibria(game, "all")


def test_analysis_falls_back_to_pure_equilibria_when_too_large():
    """The analysis of a too-large game lists pure equilibria and says why."""
    players = [Player(id=p, strategies=[f"s{k}" for k in range(5)]) for p in ("x", "y", "z")]
    payoffs = {p.id: np.zeros((5, 5, 5), dtype=int).tolist() for p in players}
    game = NormalFormGame(id="big", title="big", players=players, payoffs=payoffs)
    analysis = analyse(game)
    assert analysis.result.method == "pure" and len(analysis.equilibria) == 125
    assert any("polynomial systems" in note for note in analysis.result.notes)


def _random_nondegenerate(rng, m, n):
    while True:
        game = bimatrix(
            rng.integers(-1000, 1001, (m, n)).tolist(), rng.integers(-1000, 1001, (m, n)).tolist()
        )
        if not is_degenerate(game):
            return game


@pytest.mark.parametrize("seed", range(12))
def test_support_and_vertex_enumeration_agree_on_random_nondegenerate_games(seed):
    """Seeded random nondegenerate games up to 6 x 6: the same exact set, each verified exactly."""
    rng = np.random.default_rng(seed)
    m, n = (int(v) for v in rng.integers(2, 7, 2))
    game = _random_nondegenerate(rng, m, n)
    support = equilibria(game, "support")
    vertex = equilibria(game, "vertex")
    assert support.exact and vertex.exact
    assert set(profiles(support)) == set(profiles(vertex))
    assert len(support.equilibria) % 2 == 1  # nondegenerate games have an odd number
    for profile in profiles(support):
        assert all(isinstance(p, F) for vector in profile for p in vector)
        assert verify_profile(game, profile)
    assert set(profiles(equilibria(game, "lemke_howson"))) <= set(profiles(support))
    nashpy_vertex = vertex_enumeration_nashpy(game)
    assert {e.profile() for e in nashpy_vertex.equilibria} == set(profiles(support))


def _best_response_check(game, equilibrium):
    """Independent check with plain loops: no pure deviation pays, payoffs are as reported."""
    players = game.players
    profile = equilibrium.profile()
    shape = game.shape
    for i, player in enumerate(players):
        values = []
        for own in range(shape[i]):
            total = F(0)
            for index in np.ndindex(*shape):
                if index[i] != own:
                    continue
                weight = F(1)
                for j in range(len(players)):
                    if j != i:
                        weight *= profile[j][index[j]]
                total += weight * game.payoff_array(player.id)[index]
            values.append(total)
        best = max(values)
        assert all(values[s] == best for s in range(shape[i]) if profile[i][s] > 0)
        assert equilibrium.payoffs[player.id] == best


small_matrix = st.integers(2, 3).flatmap(
    lambda m: st.integers(2, 3).flatmap(
        lambda n: st.tuples(
            st.lists(st.lists(st.integers(-4, 4), min_size=n, max_size=n), min_size=m, max_size=m),
            st.lists(st.lists(st.integers(-4, 4), min_size=n, max_size=n), min_size=m, max_size=m),
        )
    )
)


@settings(max_examples=40, deadline=None)
@given(small_matrix)
def test_every_reported_equilibrium_is_a_mutual_best_response(matrices):
    """Property: whatever the game (degenerate or not), every equilibrium reported is one."""
    game = bimatrix(*matrices)
    result = equilibria(game)
    assert result.equilibria, "every finite game has an equilibrium"
    for equilibrium in result.equilibria:
        _best_response_check(game, equilibrium)


@settings(max_examples=8, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=24, max_size=24))
def test_three_player_equilibria_are_mutual_best_responses(values):
    """Property: the exact polynomial enumeration of 2x2x2 games reports only equilibria."""
    players = [Player(id=p, strategies=["a", "b"]) for p in ("x", "y", "z")]
    payoffs = {
        p.id: np.array(values[8 * k : 8 * k + 8]).reshape(2, 2, 2).tolist()
        for k, p in enumerate(players)
    }
    game = NormalFormGame(id="g", title="g", players=players, payoffs=payoffs)
    result = equilibria(game)
    for equilibrium in result.equilibria:
        if result.exact:
            _best_response_check(game, equilibrium)
        else:
            assert verify_profile(game, equilibrium.profile())


def test_one_player_game_lists_the_best_strategies():
    """With one player, the equilibria are its best strategies, and ties make it degenerate."""
    game = NormalFormGame(
        id="solo",
        title="solo",
        players=[Player(id="us", strategies=["a", "b", "c"])],
        payoffs={"us": [1, 3, 3]},
    )
    result = equilibria(game)
    assert [e.support("us") for e in result.equilibria] == [("b",), ("c",)]
    assert result.degenerate is True


@settings(max_examples=25, deadline=None)
@given(small_matrix)
def test_removing_dominated_strategies_keeps_every_equilibrium(matrices):
    """Property: the equilibria of a game use only strategies that survive iterated dominance."""
    from negotiate.strategic.dominance import iterated_dominance

    game = bimatrix(*matrices)
    remaining = iterated_dominance(game).remaining
    for equilibrium in equilibria(game).equilibria:
        for player in ("row", "column"):
            assert set(equilibrium.support(player)) <= set(remaining[player])


def test_analysis_of_a_large_bimatrix_game_uses_lemke_howson(monkeypatch):
    """Past the support-pair limit, the analysis lists pure and Lemke-Howson equilibria."""
    import negotiate.strategic.support_enumeration as support

    monkeypatch.setattr(support, "MAX_SUPPORT_PAIRS", 10)
    game = coordination_3x3()
    result = analyse(game).result
    assert result.method == "lemke_howson+pure" and not result.complete
    assert any("support pairs" in note for note in result.notes)
    assert len(result.equilibria) >= 3  # the three pure ones at least
    for equilibrium in result.equilibria:
        assert verify_profile(game, equilibrium.profile())
