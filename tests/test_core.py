"""Core and least core: emptiness, epsilon, membership."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings

from negotiate.cooperative.core import core, in_core
from negotiate.cooperative.nucleolus import prenucleolus
from tests._games import games, glove, talmud, tu


def test_majority_game_core_empty():
    """The three-player majority game has an empty core and least-core epsilon 1/3."""
    result = core(tu([0, 0, 0, 1, 0, 1, 1, 1]))
    assert result.empty and result.least_core_epsilon == Fraction(1, 3) and result.verified


def test_glove_core_is_the_left_glove():
    """The glove game's core is {(1, 0, 0)}: epsilon 0, core non-empty."""
    result = core(glove())
    assert not result.empty and result.least_core_epsilon == 0
    assert in_core(glove(), [1, 0, 0]) and not in_core(glove(), [Fraction(1, 2)] * 2 + [0])


def test_bankruptcy_core_non_empty():
    """Bankruptcy games are convex, so their core is non-empty."""
    for estate in (100, 200, 300):
        assert not core(talmud(estate)).empty


@settings(max_examples=40, deadline=None)
@given(games(min_players=2, max_players=5, imputations=False))
def test_epsilon_is_top_prenucleolus_excess(game):
    """Least-core epsilon equals the largest excess at the prenucleolus, a least-core point."""
    result = core(game)
    x = prenucleolus(game).allocation.payoffs
    worst = max(
        game.worth[m] - sum(x[k] for k in range(game.n) if m >> k & 1)
        for m in range(1, game.grand_coalition)
    )
    assert result.least_core_epsilon == worst
    assert result.empty == (worst > 0)
    assert in_core(game, x) == (not result.empty)
