"""Integer worth vectors: kept as one integer array, solved as the exact path solves Fractions;
and the nucleolus of a game scaled by any exact factor is the scaled nucleolus, certified."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiate.cooperative.banzhaf import banzhaf_value
from negotiate.cooperative.nucleolus import nucleolus, prenucleolus
from negotiate.cooperative.shapley import shapley_value
from negotiate.errors import InvalidGameError
from negotiate.limits import parse, using
from negotiate.model.coalition import CoalitionGame, IntegerWorths
from tests._games import brute_shapley


def _game(worth: object, n: int) -> CoalitionGame:
    return CoalitionGame(id="g", title="G", players=[f"p{k}" for k in range(n)], worth=worth)


@st.composite
def integer_worths(draw, min_players=1, max_players=6, low=-50, high=200):
    """``(n, worths)``: random integer worths, the empty coalition 0, v(N) large enough for
    imputations."""
    n = draw(st.integers(min_players, max_players))
    worth = [0] + [draw(st.integers(low, high)) for _ in range((1 << n) - 1)]
    worth[-1] = max(worth[-1], sum(worth[1 << k] for k in range(n)) + draw(st.integers(0, 9)))
    return n, worth


def test_integer_vectors_are_kept_as_arrays():
    """A numpy integer array and a list of Python ints are kept as one integer array; a worth
    read from it is the exact Fraction, as for any other exact game."""
    array = np.array([0, 1, 2, 7], dtype=np.int32)
    game = _game(array, 2)
    assert isinstance(game.worth, IntegerWorths)
    assert game.worth.integers.dtype == np.int64
    assert game.worth[3] == Fraction(7) and isinstance(game.worth[3], Fraction)
    assert game.is_exact and game.value(["p0", "p1"]) == 7
    assert _game([0, 1, 2, 7], 2) == _game([Fraction(0), 1, "2", "7"], 2)
    array[3] = 100  # the game keeps its own copy
    assert game.worth[3] == 7
    with pytest.raises(ValueError):
        game.worth.integers[3] = 5


def test_integer_worths_beyond_int64_and_limits():
    """Worths beyond int64 are kept as Python ints; worths beyond the magnitude limit are
    refused at their index, as in the slow path."""
    big = [0, 3 * 10**30, -(10**25), 10**40]
    game = _game(big, 2)
    assert game.worth.integers.dtype == np.dtype(object)
    assert [str(x) for x in shapley_value(game)] == [str(x) for x in brute_shapley(game)]
    with (
        using(parse("magnitude_exponent=30")),
        pytest.raises(InvalidGameError, match=r"worth\[1\]"),
    ):
        _game(big, 2)
    with pytest.raises(InvalidGameError, match="empty coalition"):
        _game(np.array([5, 1, 2, 3]), 2)


@settings(max_examples=60, deadline=None)
@given(integer_worths())
def test_fast_path_matches_exact_path(case):
    """Shapley, Banzhaf and the nucleolus of the integer array equal those of the same worths
    given as Fractions (the exact slow path), and the Shapley value the brute force one."""
    n, worth = case
    fast = _game(np.array(worth, dtype=np.int64), n)
    slow = _game([Fraction(w) for w in worth], n)
    assert isinstance(fast.worth, IntegerWorths) and isinstance(slow.worth, tuple)
    assert shapley_value(fast).payoffs == shapley_value(slow).payoffs
    assert list(shapley_value(fast).payoffs) == brute_shapley(slow)
    assert banzhaf_value(fast) == banzhaf_value(slow)
    ours, theirs = nucleolus(fast), nucleolus(slow)
    assert ours.allocation.payoffs == theirs.allocation.payoffs
    assert ours.verified and ours.levels == theirs.levels


SCALES = [Fraction(10**20), Fraction(1, 10**9), Fraction(3, 10**7), Fraction(7 * 10**45, 11)]


@settings(max_examples=30, deadline=None)
@given(integer_worths(min_players=2, max_players=5), st.sampled_from(SCALES))
def test_scaled_nucleolus_is_the_scaled_point(case, factor):
    """Worths times 1e20, 1e-9 (or any exact factor): the same certified (pre)nucleolus, times
    the factor; never a failed LP, never an unverified point."""
    n, worth = case
    base = _game(worth, n)
    scaled = _game([w * factor for w in worth], n)
    for solve in (nucleolus, prenucleolus):
        expected, result = solve(base), solve(scaled)
        assert expected.verified and result.verified, result.note
        assert result.allocation.payoffs == tuple(x * factor for x in expected.allocation)
        assert result.levels == tuple(e * factor for e in expected.levels)


def test_float_worths_at_any_scale():
    """Float worths are normalised before the LPs too: the point scales with the worths."""
    worth = [0.0, 1.0, 2.0, 6.0, 0.5, 3.0, 4.0, 10.0]
    for factor in (1e-12, 1e25):
        result = nucleolus(_game([w * factor for w in worth], 3))
        base = nucleolus(_game([Fraction(w) for w in worth], 3))
        assert not result.verified
        assert np.allclose(
            [x / factor for x in result.allocation], [float(x) for x in base.allocation]
        )
