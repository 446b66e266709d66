"""Banzhaf value: known answers and brute-force cross-check."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings

from negotiate.cooperative.banzhaf import banzhaf_value
from tests._games import games, glove, tu


def test_glove_game():
    """Glove game: raw (3/4, 1/4, 1/4), normalised (3/5, 1/5, 1/5), efficient likewise."""
    value = banzhaf_value(glove())
    assert value.raw.payoffs == (Fraction(3, 4), Fraction(1, 4), Fraction(1, 4))
    assert value.normalised.payoffs == (Fraction(3, 5), Fraction(1, 5), Fraction(1, 5))
    assert value.efficient.payoffs == value.normalised.payoffs


def test_null_game_has_no_normalisation():
    """When every raw value is 0 there is no normalisation."""
    value = banzhaf_value(tu([0, 0, 0, 0]))
    assert value.normalised is None and value.efficient is None


@settings(max_examples=40, deadline=None)
@given(games(min_players=1, max_players=5, imputations=False))
def test_matches_enumeration(game):
    """The raw value equals the average marginal contribution over coalitions without i."""
    n = game.n
    expected = []
    for i in range(n):
        total = sum(game.worth[m | 1 << i] - game.worth[m] for m in range(1 << n) if not m >> i & 1)
        expected.append(Fraction(total, 2 ** (n - 1)))
    assert list(banzhaf_value(game).raw.payoffs) == expected
