"""Shapley value: known answers, brute-force cross-check, axioms (hypothesis), speed."""

from __future__ import annotations

import random
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from negotiate.cooperative.core import in_core
from negotiate.cooperative.properties import is_convex
from negotiate.cooperative.shapley import shapley_value
from negotiate.model.coalition import CoalitionGame
from tests._games import brute_shapley, games, glove, tu


def test_glove_game():
    """The glove game's Shapley value is (2/3, 1/6, 1/6)."""
    assert shapley_value(glove()).payoffs == (Fraction(2, 3), Fraction(1, 6), Fraction(1, 6))


def test_convex_game_shapley_in_core():
    """In a convex game the Shapley value lies in the core (Shapley 1971)."""
    game = tu([0, 0, 0, 2, 0, 3, 4, 12])  # v(S) grows faster than additively
    assert is_convex(game)
    value = shapley_value(game)
    # by hand: phi_1 = (1/6)(2 + 3) + (1/3)(12 - 4) = 7/2, phi_2 = 1 + 3, phi_3 = 7/6 + 10/3
    assert value.payoffs == (Fraction(7, 2), Fraction(4), Fraction(9, 2))
    assert in_core(game, value.payoffs)


def test_inexact_game_gives_floats():
    """A game with float worths gets a float Shapley value."""
    value = shapley_value(tu([0, 0.5, 0.5, 2.0]))
    assert value.payoffs == (1.0, 1.0) and not value.exact


def test_fractional_worths_stay_exact():
    """Fractional worths are scaled to integers and back exactly."""
    value = shapley_value(tu([0, Fraction(1, 3), Fraction(1, 7), 1]))
    assert value.payoffs == (
        Fraction(1, 2) + Fraction(1, 6) - Fraction(1, 14),
        Fraction(1, 2) - Fraction(1, 6) + Fraction(1, 14),
    )


@settings(max_examples=40, deadline=None)
@given(games(min_players=1, max_players=5, imputations=False))
def test_matches_average_over_orders(game):
    """The vectorised value equals the average marginal contribution over all orders."""
    assert list(shapley_value(game).payoffs) == brute_shapley(game)


@settings(max_examples=40, deadline=None)
@given(games(max_players=6, imputations=False))
def test_efficiency(game):
    """The Shapley value distributes exactly v(N)."""
    assert sum(shapley_value(game).payoffs) == game.worth[game.grand_coalition]


@settings(max_examples=40, deadline=None)
@given(games(min_players=3, max_players=5, imputations=False), st.data())
def test_symmetry(game, data):
    """Players 0 and 1 made symmetric get equal values."""
    worth = list(game.worth)
    for mask in range(len(worth)):
        if mask & 1 and not mask & 2:
            worth[mask] = worth[mask ^ 1 | 2]
    value = shapley_value(tu(worth))
    assert value.payoffs[0] == value.payoffs[1]


@settings(max_examples=40, deadline=None)
@given(games(min_players=2, max_players=5, imputations=False))
def test_dummy(game):
    """A player adding exactly v({i}) to every coalition gets v({i})."""
    worth = list(game.worth)
    for mask in range(len(worth)):
        if mask & 1:
            worth[mask] = worth[mask ^ 1] + 7
    assert shapley_value(tu(worth)).payoffs[0] == 7


@settings(max_examples=30, deadline=None)
@given(games(min_players=2, max_players=5, imputations=False), st.randoms())
def test_additivity(game, rnd):
    """The value of a sum of games is the sum of their values."""
    other = [0] + [Fraction(rnd.randint(-9, 9)) for _ in range(len(game.worth) - 1)]
    both = tu([a + b for a, b in zip(game.worth, other, strict=True)])
    left = shapley_value(game).payoffs
    right = shapley_value(tu(other)).payoffs
    assert shapley_value(both).payoffs == tuple(a + b for a, b in zip(left, right, strict=True))


def test_twenty_players():
    """n = 20 (a million coalitions) is exact and efficient (its speed: benchmarks/)."""
    rnd = random.Random(20)
    n = 20
    worth = [0] + [rnd.randint(0, 1000) for _ in range((1 << n) - 1)]
    game = CoalitionGame(id="r", title="R", players=[f"p{k}" for k in range(n)], worth=worth)
    value = shapley_value(game)
    assert sum(value.payoffs) == worth[-1] and value.exact
