"""Alternating offers: the subgame-perfect equilibrium of Rubinstein's (1982) bargaining game.

Two players take turns proposing a point of the feasible set ``S``; the other accepts or
rejects, and after a rejection the roles swap one period later. With per-period discount
factors ``δ1, δ2 < 1`` there is a unique subgame-perfect equilibrium: player 1 always proposes
``x*``, player 2 always proposes ``y*``, each accepts exactly the offers worth at least the
other's proposal one period later, so agreement on ``x*`` is immediate. On the frontier of ``S``

    ``u_2(x*) - d_2 = δ2 (u_2(y*) - d_2)`` and ``u_1(y*) - d_1 = δ1 (u_1(x*) - d_1)``.

For a pie ``P`` with ``d = 0`` this gives the first mover ``P (1 - δ2) / (1 - δ1 δ2)``.
On a piecewise-linear frontier the pair is found exactly: the map ``x_1 -> u_1(x*)`` through
both equations is piecewise linear, so the fixed point is located between its breakpoints and
solved by one linear equation.

As the period ``Δ`` shrinks, with ``δ_i = exp(-r_i Δ)``, ``x*`` and ``y*`` both tend to the
asymmetric Nash solution with powers ``w_i`` proportional to ``1 / r_i`` (Binmore, Rubinstein &
Wolinsky 1986): patience is bargaining power.

>>> from fractions import Fraction as F
>>> rubinstein_split(1, F(9, 10), F(4, 5))
(Fraction(5, 7), Fraction(2, 7))

References
----------
Rubinstein, A. (1982). Perfect equilibrium in a bargaining model. *Econometrica* 50(1), 97-109.
Binmore, K., Rubinstein, A., & Wolinsky, A. (1986). The Nash bargaining solution in economic
modelling. *RAND Journal of Economics* 17(2), 176-188.
Osborne, M. J., & Rubinstein, A. (1990). *Bargaining and Markets*, chapter 3. Academic Press.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import attrs

from negotiate.bargaining.hull import LotteryPoint, Vector, _Frontier2D, _ideal_2d, _prepare
from negotiate.exact.numbers import Number, is_exact

__all__ = [
    "AlternatingOffersEquilibrium",
    "alternating_offers",
    "binmore_rubinstein_wolinsky",
    "limit_powers",
    "rubinstein_split",
]


@attrs.frozen(kw_only=True)
class AlternatingOffersEquilibrium:
    """The stationary subgame-perfect equilibrium of alternating offers between two players.

    ``proposals[i]`` is what player ``i`` proposes whenever it is its turn; the first mover's
    proposal is accepted at once, so ``utilities`` equals ``proposals[first].utilities``.
    """

    first: int
    discounts: tuple[Number, Number]
    proposals: tuple[LotteryPoint, LotteryPoint]

    @property
    def utilities(self) -> Vector:
        """The agreement reached in the first period."""
        return self.proposals[self.first].utilities


def rubinstein_split(
    pie: Number, discount_first: Number, discount_second: Number
) -> tuple[Number, Number]:
    """Rubinstein's split of a pie: the first mover gets ``P (1 - δ2) / (1 - δ1 δ2)``.

    ``discount_first`` is the first mover's discount factor. Exact for exact inputs.

    Raises
    ------
    ValueError
        If both discount factors are 1: without impatience every split is an equilibrium.

    Examples
    --------
    >>> rubinstein_split(1, Fraction(1, 2), Fraction(1, 2))
    (Fraction(2, 3), Fraction(1, 3))
    """
    exact = is_exact(pie, discount_first, discount_second)
    convert: Any = Fraction if exact else float
    pie, d1, d2 = convert(pie), convert(discount_first), convert(discount_second)
    if d1 * d2 == 1:
        raise ValueError("both discount factors are 1: with no impatience any split is an SPE")
    first = pie * (1 - d2) / (1 - d1 * d2)
    return first, pie - first


def alternating_offers(
    points: Sequence[Sequence[Number]],
    disagreement: Sequence[Number] | None,
    discounts: Sequence[Number],
    first: int = 0,
) -> AlternatingOffersEquilibrium:
    """The SPE of alternating offers over the comprehensive hull of two-player ``points``.

    Parameters
    ----------
    points : two-player utility points; ``S`` is their comprehensive convex hull above ``d``.
    disagreement : the disagreement point ``d`` (the utilities of perpetual disagreement).
    discounts : the players' per-period discount factors ``δ_i`` in ``(0, 1]``, not both 1.
    first : the index (0 or 1) of the player who proposes first.

    Examples
    --------
    The pie of size 1 with ``δ = (9/10, 4/5)``: the first mover gets 5/7; if player 2 starts,
    player 2 gets ``(1 - 9/10) / (1 - 18/25) = 5/14``.

    >>> from fractions import Fraction as F
    >>> alternating_offers([(1, 0), (0, 1)], (0, 0), (F(9, 10), F(4, 5))).utilities
    (Fraction(5, 7), Fraction(2, 7))
    >>> alternating_offers([(1, 0), (0, 1)], (0, 0), (F(9, 10), F(4, 5)), first=1).utilities
    (Fraction(9, 14), Fraction(5, 14))
    """
    if len(discounts) != 2 or not all(0 < x <= 1 for x in discounts):
        raise ValueError(f"discounts: expected two factors in (0, 1] (got {tuple(discounts)})")
    if first not in (0, 1):
        raise ValueError(f"first: expected 0 or 1 (got {first!r})")
    if points and len(points[0]) != 2:
        raise ValueError(f"alternating offers needs exactly two players (got {len(points[0])})")
    pts, d, delta, _ = _prepare(points, disagreement, discounts)
    if delta[0] * delta[1] == 1:
        raise ValueError("both discount factors are 1: with no impatience any split is an SPE")
    if first == 1:
        swapped = _solve([(p[1], p[0]) for p in pts], (d[1], d[0]), (delta[1], delta[0]))
        proposals = tuple(
            LotteryPoint((p.utilities[1], p.utilities[0]), p.lottery) for p in swapped[::-1]
        )
    else:
        proposals = _solve(pts, d, delta)
    return AlternatingOffersEquilibrium(
        first=first, discounts=(delta[0], delta[1]), proposals=(proposals[0], proposals[1])
    )


def _solve(points: list[Vector], d: Vector, delta: Vector) -> tuple[LotteryPoint, LotteryPoint]:
    """Player 0 proposes first: the fixed point of ``T(x) = X(d2 + δ2 (Y(d1 + δ1 (x - d1)) - d2))``.

    ``Y(a)`` is the most player 2 can get when player 1 gets ``a``, ``X(b)`` the converse; ``T``
    maps player 1's share in its own proposal to itself through both indifference conditions.
    It is piecewise linear and nondecreasing, with ``T(d1) >= d1`` and ``T(I1) <= I1``.
    """
    frontier = _Frontier2D.build(points)
    ideal = _ideal_2d(frontier, d)
    (d1, d2), (delta1, delta2) = d, delta

    def top(a: Number) -> Number:
        y = frontier.y_top(a)
        assert y is not None
        return y

    def right(b: Number) -> Number:
        x = frontier.x_right(b)
        assert x is not None
        return x

    def shrink(x: Number) -> Number:  # player 1's share in player 2's proposal
        return d1 + delta1 * (x - d1)

    def t_map(x: Number) -> Number:
        return right(d2 + delta2 * (top(shrink(x)) - d2))

    lo, hi = d1, ideal[0]
    breaks = {lo, hi}
    for vx in frontier.xs:
        breaks.add(d1 + (vx - d1) / delta1)
    for vy in frontier.ys:
        target = d2 + (vy - d2) / delta2
        if d2 <= target <= ideal[1]:
            breaks.add(d1 + (right(target) - d1) / delta1)
    grid = sorted(x for x in breaks if lo <= x <= hi)
    gaps = [t_map(x) - x for x in grid]
    x_star = grid[-1]
    for (a, ga), (b, gb) in itertools.pairwise(zip(grid, gaps, strict=True)):
        if ga >= 0 >= gb:
            x_star = a if ga == 0 else a + ga * (b - a) / (ga - gb)
            break
    proposal_1 = (x_star, top(x_star))
    y_two = top(shrink(x_star))
    proposal_2 = (right(y_two), y_two)
    return (
        LotteryPoint(proposal_1, frontier.lottery(proposal_1)),
        LotteryPoint(proposal_2, frontier.lottery(proposal_2)),
    )


def limit_powers(discounts: Sequence[float]) -> tuple[float, ...]:
    """The Nash powers the SPE tends to as the period shrinks: ``w_i ∝ 1 / (-ln δ_i)``.

    Normalised to sum 1. With ``δ_i = exp(-r_i Δ)`` this is ``w_i ∝ 1 / r_i`` for every ``Δ``.

    >>> limit_powers((math.exp(-1.0), math.exp(-3.0)))  # doctest: +ELLIPSIS
    (0.75, 0.25...)
    """
    inverse = [1 / -math.log(float(x)) for x in discounts]
    total = sum(inverse)
    return tuple(v / total for v in inverse)


def binmore_rubinstein_wolinsky(
    points: Sequence[Sequence[Number]],
    disagreement: Sequence[Number] | None,
    rates: Sequence[float],
    period: float,
    first: int = 0,
) -> AlternatingOffersEquilibrium:
    """Alternating offers with period ``Δ`` and discount rates ``r_i``: ``δ_i = exp(-r_i Δ)``.

    As ``period -> 0`` the equilibrium tends to the Nash solution with powers ``1 / r_i``
    (Binmore, Rubinstein & Wolinsky 1986). Floats, since ``exp`` is irrational.

    Examples
    --------
    >>> spe = binmore_rubinstein_wolinsky([(1, 0), (0, 1)], (0, 0), (1.0, 2.0), 1e-6)
    >>> [round(u, 4) for u in spe.utilities]  # Nash with powers (1, 1/2): (2/3, 1/3)
    [0.6667, 0.3333]
    """
    if period <= 0 or any(r <= 0 for r in rates):
        raise ValueError("the period and the discount rates must be positive")
    delta = tuple(math.exp(-r * period) for r in rates)
    floats = [tuple(float(u) for u in p) for p in points]
    d = None if disagreement is None else tuple(float(u) for u in disagreement)
    return alternating_offers(floats, d, delta, first)
