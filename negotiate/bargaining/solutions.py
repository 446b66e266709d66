"""Bargaining solutions over the comprehensive convex hull of utility points.

The feasible set ``S`` of a bargaining problem ``(S, d)`` given by finitely many utility vectors
``p_1, ..., p_m`` (the outcomes of agreements, each reachable by a lottery) is

    ``S = {u >= d : u <= q for some q in conv(p_1, ..., p_m)}``,

every lottery over the points and everything it dominates, down to the disagreement point ``d``.
Each solution is a :class:`LotteryPoint`: its utilities and a lottery over at most ``n`` of the
points that reaches them. Exact inputs (fractions, integers) give exact outputs.

- **Nash** (in :mod:`~negotiate.bargaining.nash`; Nash 1950; asymmetric with powers ``w``,
  Kalai 1977 and Roth 1979): maximise ``prod_i (u_i - d_i)^{w_i}`` over ``S``.
- **Kalai-Smorodinsky** (Kalai & Smorodinsky 1975): with the ideal point ``I_i = max_{u in S} u_i``,
  the point ``d + t (I - d)`` of ``S`` with the largest ``t``.
- **Egalitarian** (Kalai 1977): the point ``d + t (1, ..., 1)`` of ``S`` with the largest ``t``.
- **Utilitarian**: the points of ``S`` with the largest sum of utilities (scale-dependent).

Two players: exact geometry on the upper-right frontier of the hull, ``O(m log m)``.
More players: the Nash point numerically (an active-set Newton method over faces of the hull),
then recovered and verified exactly; Kalai-Smorodinsky and egalitarian points by an exact simplex.

>>> from negotiate.bargaining.nash import nash_point
>>> points = [(0, 10), (4, 8), (7, 5), (10, 0)]
>>> nash_point(points, (0, 0)).utilities
(Fraction(6, 1), Fraction(6, 1))
>>> nash_point(points, (0, 0), powers=(2, 1)).utilities
(Fraction(7, 1), Fraction(5, 1))
>>> kalai_smorodinsky_point(points, (0, 0)).lottery
((Fraction(1, 3), 1), (Fraction(2, 3), 2))

References
----------
Nash, J. F. (1950). The bargaining problem. *Econometrica* 18(2), 155-162.
Kalai, E., & Smorodinsky, M. (1975). Other solutions to Nash's bargaining problem.
*Econometrica* 43(3), 513-518.
Kalai, E. (1977). Proportional solutions to bargaining situations: interpersonal utility
comparisons. *Econometrica* 45(7), 1623-1630.
Roth, A. E. (1979). *Axiomatic Models of Bargaining*. Springer.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from negotiate.bargaining.hull import (
    LotteryPoint,
    Vector,
    _corner,
    _Frontier2D,
    _ideal,
    _ideal_2d,
    _infeasible,
    _lottery_from,
    _lp_points,
    _max_over_s,
    _one,
    _prefer_given,
    _prepare,
)
from negotiate.exact.numbers import Number

if TYPE_CHECKING:
    pass

__all__ = ["egalitarian_point", "kalai_smorodinsky_point", "utilitarian_points"]


def _max_ray(points: list[Vector], d: Vector, r: Vector, exact: bool) -> LotteryPoint:
    """The point ``d + t r`` of ``S`` with the largest ``t`` (``r >= 0``; ``d`` if ``r = 0``)."""
    return _prefer_given(_ray_point(points, d, r, exact), points)


def _ray_point(points: list[Vector], d: Vector, r: Vector, exact: bool) -> LotteryPoint:
    n = len(d)
    if n == 2:
        frontier = _Frontier2D.build(points)
        _ideal_2d(frontier, d)
        t = frontier.max_ray(d, r) if any(r) else 0 * d[0]
        u = tuple(di + t * ri for di, ri in zip(d, r, strict=True))
        return LotteryPoint(u, frontier.lottery(u))
    candidates = _lp_points(points)
    if any(r):
        solved = _max_over_s(points, candidates, d, exact, r=r)
    else:
        solved = _max_over_s(points, candidates, d, exact, objective=r)
    if solved is None:
        raise _infeasible()
    t, weights = solved
    u = tuple(di + t * ri for di, ri in zip(d, r, strict=True))
    return LotteryPoint(u, _lottery_from(weights, candidates, exact))


def kalai_smorodinsky_point(
    points: Sequence[Sequence[Number]], disagreement: Sequence[Number] | None = None
) -> LotteryPoint:
    """The Kalai-Smorodinsky solution over ``S``: ``d + t (I - d)`` with the largest ``t``.

    ``I`` is the ideal point (:func:`ideal_point`). Two players: the frontier edge the ray
    crosses, exactly; more players: an exact simplex (or HiGHS for floats). With two players the
    point is Pareto efficient; with more it may be only weakly so (Roth 1979), and the lottery
    then weakly dominates it.

    Kalai, E., & Smorodinsky, M. (1975). Other solutions to Nash's bargaining problem.
    *Econometrica* 43(3), 513-518.

    Parameters
    ----------
    points : utility vectors, one per agreement (``n >= 2`` utilities each).
    disagreement : the disagreement point ``d`` (default the origin).

    Returns
    -------
    LotteryPoint

    Raises
    ------
    ValueError
        If the inputs are malformed or ``d`` is not in the feasible set.

    Examples
    --------
    The classic example where it differs from Nash: the ideal point is (1, 1), the ray is the
    diagonal, which crosses the edge from (0, 1) to (1, 1/2) at (2/3, 2/3); Nash takes (1, 1/2).

    >>> ks = kalai_smorodinsky_point([(0, 1), (1, Fraction(1, 2)), (1, 0)], (0, 0))
    >>> ks.utilities, ks.lottery
    ((Fraction(2, 3), Fraction(2, 3)), ((Fraction(1, 3), 0), (Fraction(2, 3), 1)))
    """
    pts, d, _, exact = _prepare(points, disagreement)
    ideal = _ideal(pts, d, exact)
    return _max_ray(pts, d, tuple(i - di for i, di in zip(ideal, d, strict=True)), exact)


def egalitarian_point(
    points: Sequence[Sequence[Number]], disagreement: Sequence[Number] | None = None
) -> LotteryPoint:
    """The egalitarian solution over ``S``: ``d + t (1, ..., 1)`` with the largest ``t``.

    Equal gains for all (Kalai 1977); weakly Pareto efficient, so the lottery may weakly
    dominate the point. If some player cannot gain at all, it is ``d``.

    Kalai, E. (1977). Proportional solutions to bargaining situations: interpersonal utility
    comparisons. *Econometrica* 45(7), 1623-1630.

    Parameters
    ----------
    points : utility vectors, one per agreement (``n >= 2`` utilities each).
    disagreement : the disagreement point ``d`` (default the origin).

    Returns
    -------
    LotteryPoint

    Raises
    ------
    ValueError
        If the inputs are malformed or ``d`` is not in the feasible set.

    Examples
    --------
    >>> egalitarian_point([(0, 10), (4, 8), (7, 5), (10, 0)], (1, 0)).utilities
    (Fraction(13, 2), Fraction(11, 2))
    """
    pts, d, _, exact = _prepare(points, disagreement)
    one = Fraction(1) if exact else 1.0
    return _max_ray(pts, d, (one,) * len(d), exact)


def utilitarian_points(
    points: Sequence[Sequence[Number]], disagreement: Sequence[Number] | None = None
) -> tuple[LotteryPoint, ...]:
    """The points of ``S`` with the largest sum of utilities (ties all).

    The maximisers form a face of ``S``; this returns its vertices that are given points
    (individually rational ones, in input order) and, with two players, the ends of the face cut
    by the disagreement point. With more players, when no given point attains the maximum (the
    best ones are not individually rational), one maximising vertex of ``S``.

    Parameters
    ----------
    points : utility vectors, one per agreement (``n >= 2`` utilities each).
    disagreement : the disagreement point ``d`` (default the origin).

    Returns
    -------
    tuple of LotteryPoint, in input order (given points first).

    Raises
    ------
    ValueError
        If the inputs are malformed or ``d`` is not in the feasible set.

    Examples
    --------
    The whole edge from (4, 8) to (7, 5) maximises the sum 12:

    >>> [p.utilities for p in utilitarian_points([(0, 10), (4, 8), (7, 5), (10, 0)])]
    [(Fraction(4, 1), Fraction(8, 1)), (Fraction(7, 1), Fraction(5, 1))]
    """
    pts, d, _, exact = _prepare(points, disagreement)
    if len(d) == 2:
        return _utilitarian_two_players(pts, d, exact)
    best = max(sum(p) for p in pts)
    found = _given_maximisers(pts, d, best, exact)
    if found:
        return tuple(_unique_points(found))
    zero = Fraction(0) if exact else 0.0
    candidates = _lp_points(pts)
    solved = _max_over_s(pts, candidates, d, exact, objective=(_one(zero),) * len(d))
    if solved is None:
        raise _infeasible()
    lottery = _lottery_from(solved[1], candidates, exact)
    u = tuple(sum((p * pts[k][j] for p, k in lottery), zero) for j in range(len(d)))
    return (LotteryPoint(u, lottery),)


def _given_maximisers(
    pts: list[Vector], d: Vector, best: Number, exact: bool
) -> list[LotteryPoint]:
    """The individually rational given points whose utilities sum to ``best``, in input order."""
    one = Fraction(1) if exact else 1.0
    return [
        LotteryPoint(p, ((one, i),))
        for i, p in enumerate(pts)
        if sum(p) == best and all(u >= di for u, di in zip(p, d, strict=True))
    ]


def _utilitarian_two_players(pts: list[Vector], d: Vector, exact: bool) -> tuple[LotteryPoint, ...]:
    """The maximising given points, then the ends of the maximising face cut by ``d``."""
    frontier = _Frontier2D.build(pts)
    ideal = _ideal_2d(frontier, d)
    vertices = (
        frontier.ir_vertices(d)
        if ideal[0] > d[0] and ideal[1] > d[1]
        else [_corner(ideal, d) if ideal != d else d]
    )
    best = max(sum(v) for v in vertices)
    found = _given_maximisers(pts, d, best, exact)
    given = {f.utilities for f in found}
    for v in vertices:
        if sum(v) == best and v not in given:
            found.append(LotteryPoint(v, frontier.lottery(v)))
            given.add(v)
    return tuple(found)


def _unique_points(found: list[LotteryPoint]) -> list[LotteryPoint]:
    seen: set[Vector] = set()
    out = []
    for f in found:
        if f.utilities not in seen:
            seen.add(f.utilities)
            out.append(f)
    return out


# --------------------------------------------------------------------------- Nash, n players
