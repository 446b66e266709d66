"""Alternating offers (Rubinstein 1982) and its Nash limit (Binmore, Rubinstein & Wolinsky 1986)."""

from __future__ import annotations

import math
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_bargaining import _efficiency_gain

from negotiate.bargaining.alternating_offers import (
    alternating_offers,
    binmore_rubinstein_wolinsky,
    limit_powers,
    rubinstein_split,
)
from negotiate.bargaining.nash import nash_point

POLYGON = [(0, 10), (4, 8), (7, 5), (10, 0)]
PIE = [(1, 0), (0, 1)]


def test_rubinstein_split_known_answer():
    """δ1 = 9/10, δ2 = 4/5: the first mover gets (1 - 4/5) / (1 - 18/25) = 5/7."""
    assert rubinstein_split(1, F(9, 10), F(4, 5)) == (F(5, 7), F(2, 7))
    assert rubinstein_split(3, F(1, 2), F(1, 2)) == (2, 1)


def test_general_frontier_reproduces_the_pie():
    """On the pie's frontier the fixed-point method gives Rubinstein's formula exactly."""
    spe = alternating_offers(PIE, (0, 0), (F(9, 10), F(4, 5)))
    assert spe.utilities == (F(5, 7), F(2, 7))
    # Player 2's proposal: it offers player 1 exactly 9/10 of 5/7.
    assert spe.proposals[1].utilities == (F(9, 14), F(5, 14))
    assert spe.proposals[0].lottery == ((F(5, 7), 0), (F(2, 7), 1))


def test_pie_with_disagreement_point():
    """Pie 10 with d = (1, 2): the remainder 7 is split by the formula on top of d."""
    spe = alternating_offers([(8, 2), (1, 9)], (1, 2), (F(1, 2), F(2, 3)))
    share = 7 * (1 - F(2, 3)) / (1 - F(1, 2) * F(2, 3))
    assert spe.utilities == (1 + share, 2 + 7 - share)


def test_second_player_first():
    """If player 2 proposes first it gets the first mover's share with the roles swapped."""
    spe = alternating_offers(PIE, (0, 0), (F(9, 10), F(4, 5)), first=1)
    second, first = rubinstein_split(1, F(4, 5), F(9, 10))
    assert spe.utilities == (first, second)
    assert spe.first == 1


def test_polygon_by_hand():
    """Polygon, δ = (1/2, 1/2): x* on the edge 5x + 3y = 50, y* on the edge x + 2y = 20.

    With y*_1 = x*_1 / 2 and u_2(x*) = u_2(y*) / 2: (50 - 5 x)/3 = (10 - x/4)/2, so
    x*_1 = 280/37, x* = (280/37, 150/37), y* = (140/37, 300/37).
    """
    spe = alternating_offers(POLYGON, (0, 0), (F(1, 2), F(1, 2)))
    assert spe.proposals[0].utilities == (F(280, 37), F(150, 37))
    assert spe.proposals[1].utilities == (F(140, 37), F(300, 37))


def test_patience_extremes():
    """A perfectly patient first mover takes everything; facing one, it gets nothing."""
    assert alternating_offers(PIE, (0, 0), (1, F(1, 2))).utilities == (1, 0)
    assert alternating_offers(PIE, (0, 0), (F(1, 2), 1)).utilities == (0, 1)


def test_no_impatience_is_an_error():
    """Without impatience (both δ = 1) there is no unique equilibrium: ValueError."""
    with pytest.raises(ValueError, match="no impatience"):
        alternating_offers(PIE, (0, 0), (1, 1))
    with pytest.raises(ValueError, match="no impatience"):
        rubinstein_split(1, 1, 1)
    with pytest.raises(ValueError, match="discounts"):
        alternating_offers(PIE, (0, 0), (F(3, 2), F(1, 2)))
    with pytest.raises(ValueError, match="two players"):
        alternating_offers([(1, 0, 0)], (0, 0, 0), (F(1, 2), F(1, 2)))


@pytest.mark.parametrize(
    ("points", "rates"),
    [(PIE, (1.0, 2.0)), (POLYGON, (1.0, 1.0)), (POLYGON, (1.0, 3.0)), (POLYGON, (5.0, 1.0))],
)
def test_binmore_rubinstein_wolinsky_limit(points, rates):
    """As Δ -> 0 the SPE tends to the Nash solution with powers proportional to 1 / r_i."""
    nash = nash_point(points, (0, 0), (1 / rates[0], 1 / rates[1])).utilities
    errors = []
    for period in (1e-1, 1e-3, 1e-5):
        spe = binmore_rubinstein_wolinsky(points, (0, 0), rates, period)
        errors.append(max(abs(a - b) for a, b in zip(spe.utilities, nash, strict=True)))
        # Both proposals converge, not only the first mover's.
        other = spe.proposals[1].utilities
        errors[-1] = max(errors[-1], *(abs(a - b) for a, b in zip(other, nash, strict=True)))
    assert errors[-1] < 1e-3
    assert errors[0] > errors[1] > errors[2] or errors[0] < 1e-9


def test_limit_powers():
    """The limit powers are 1 / (-ln δ_i), normalised."""
    assert limit_powers((math.exp(-2.0), math.exp(-2.0))) == pytest.approx((0.5, 0.5))
    assert limit_powers((math.exp(-1.0), math.exp(-3.0))) == pytest.approx((0.75, 0.25))


@st.composite
def problems(draw):
    """Small exact two-player problems with discount factors below 1."""
    coordinate = st.integers(-2, 8).map(F)
    points = draw(st.lists(st.tuples(coordinate, coordinate), min_size=1, max_size=6))
    anchor = draw(st.sampled_from(points))
    d = tuple(a - draw(st.integers(0, 3)) for a in anchor)
    factor = st.sampled_from([F(1, 10), F(1, 2), F(2, 3), F(9, 10), F(99, 100), F(1)])
    deltas = (draw(factor), draw(factor))
    if deltas == (1, 1):
        deltas = (F(1, 2), F(1))
    return points, d, deltas, draw(st.integers(0, 1))


@settings(max_examples=80, deadline=None)
@given(problems())
def test_equilibrium_conditions(problem):
    """Both proposals are efficient; each offers the responder exactly its discounted value of
    proposing next period (or more, only when the proposer already takes its ideal utility);
    who starts does not change the stationary proposals."""
    points, d, (delta1, delta2), first = problem
    spe = alternating_offers(points, d, (delta1, delta2), first)
    x, y = spe.proposals[0].utilities, spe.proposals[1].utilities
    for point in (x, y):
        assert all(u >= di for u, di in zip(point, d, strict=True))
        assert _efficiency_gain(points, point) == 0
    assert x[1] - d[1] == delta2 * (y[1] - d[1]) or (
        x[0] == max(p[0] for p in points) and x[1] - d[1] > delta2 * (y[1] - d[1])
    )
    assert y[0] - d[0] == delta1 * (x[0] - d[0]) or (
        y[1] == max(p[1] for p in points) and y[0] - d[0] > delta1 * (x[0] - d[0])
    )
    assert spe.utilities == spe.proposals[first].utilities
    other = alternating_offers(points, d, (delta1, delta2), 1 - first)
    assert other.proposals == spe.proposals
