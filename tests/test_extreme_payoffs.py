"""Strategic games with extreme payoffs (near the 10^100 bound, or beyond floats as exact
integers) solve as their scaled-down copies do, without overflow warnings; a game whose payoffs
floating point cannot tell apart is refused with one message instead of cycling."""

from __future__ import annotations

import random
import warnings
from fractions import Fraction as F

import pytest

from negotiate.errors import NumericalError
from negotiate.limits import parse, using
from negotiate.strategic.equilibria import equilibria, equilibria_or_fallback, scaled_payoffs
from tests import known_games


def scaled(game, factor):
    return known_games.bimatrix(
        [[v * factor for v in row] for row in game.payoffs[game.player_ids[0]]],
        [[v * factor for v in row] for row in game.payoffs[game.player_ids[1]]],
    )


def profiles(result):
    return [
        tuple(float(q) for p in sorted(e.strategies) for q in e.strategies[p].values())
        for e in result.equilibria
    ]


@pytest.mark.parametrize("factor", [1e99, 1e-99, F(2**1100), F(1, 10**99)])
def test_scaled_games_have_the_same_equilibria(factor):
    """Battle of the sexes times 10^99 (floats) or 2^1100 (exact, beyond any float)."""
    small = scaled(known_games.battle_of_the_sexes(), 1)
    with using(parse("magnitude_exponent=400")):
        big = scaled(small, factor)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        found = equilibria(big)
    expected = equilibria(small)
    assert len(profiles(found)) == len(profiles(expected))
    for got, want in zip(profiles(found), profiles(expected), strict=True):
        assert got == pytest.approx(want, rel=1e-12)
    for e, f in zip(found.equilibria, expected.equilibria, strict=True):
        for p in e.payoffs:
            if isinstance(factor, F):
                assert e.payoffs[p] == f.payoffs[p] * factor
            else:
                assert e.payoffs[p] == pytest.approx(float(f.payoffs[p]) * factor, rel=1e-12)


def test_six_by_six_of_hundred_digit_payoffs_does_not_overflow():
    rng = random.Random(3)
    row = [[rng.randrange(-(10**99), 10**99) for _ in range(6)] for _ in range(6)]
    column = [[rng.randrange(-(10**99), 10**99) for _ in range(6)] for _ in range(6)]
    game = known_games.bimatrix(row, column)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        found = equilibria(game)
    assert found.exact and found.equilibria
    # the same game divided by 10^99 has the same equilibria
    small = known_games.bimatrix(
        [[F(v, 10**99) for v in r] for r in row], [[F(v, 10**99) for v in r] for r in column]
    )
    assert profiles(equilibria(small)) == profiles(found)


def test_scaling_is_by_powers_of_two_and_only_when_needed():
    game = scaled(known_games.battle_of_the_sexes(), 1)
    assert scaled_payoffs(game) == (game, {})
    big = scaled(game, 1e99)
    small, exponents = scaled_payoffs(big)
    assert exponents == {"row": 330, "column": 330}
    assert small.payoffs["row"][0][0] == 2e99 / 2**330


def span_game(size: int):
    """Payoffs 1e100 beside single digits: floats cannot tell the digits apart in [1, 2]."""
    rng = random.Random(5)
    values = [1e100, -1e100, 1.0, 3.0, -7.0, 0.0]
    row = [[rng.choice(values) for _ in range(size)] for _ in range(size)]
    column = [[rng.choice(values) for _ in range(size)] for _ in range(size)]
    return known_games.bimatrix(row, column)


def test_lemke_howson_refuses_payoffs_floats_cannot_resolve():
    with pytest.raises(NumericalError, match="span 100 orders of magnitude"):
        equilibria(span_game(4), "lemke_howson")


def test_fallback_keeps_the_pure_equilibria_and_says_why():
    """A game too large for the exhaustive methods used to cycle in Lemke-Howson for minutes."""
    result = equilibria_or_fallback(span_game(40))
    assert result.method == "pure"
    assert any("cannot tell player `row`'s payoffs apart" in note for note in result.notes)
