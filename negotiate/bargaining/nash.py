"""The Nash bargaining point over the comprehensive hull (Nash 1950; with powers, Kalai 1977).

Two players: exact, on the frontier. More players: numerically
(:mod:`~negotiate.bargaining.nash_numeric`), then recovered and verified exactly. When some
player cannot gain over ``d`` (the degenerate case), bargain on the section of the hull that keeps
those players at ``d``.

>>> nash_point([(0, 10), (4, 8), (7, 5), (10, 0)], (0, 0)).utilities
(Fraction(6, 1), Fraction(6, 1))
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from negotiate.bargaining.hull import (
    Lottery,
    LotteryPoint,
    Vector,
    _Frontier2D,
    _ideal,
    _infeasible,
    _lottery_from,
    _lp_points,
    _max_over_s,
    _nash_2d,
    _one,
    _prefer_given,
    _prepare,
)
from negotiate.bargaining.nash_numeric import (
    _float_lottery_point,
    _nash_numeric,
    _recover_nash,
    _solve_square,
)
from negotiate.exact.lp import solve_lp
from negotiate.exact.numbers import Number, absolute

if TYPE_CHECKING:
    pass

__all__ = ["nash_point"]


def nash_point(
    points: Sequence[Sequence[Number]],
    disagreement: Sequence[Number] | None = None,
    powers: Sequence[Number] | None = None,
) -> LotteryPoint:
    """The (asymmetric) Nash bargaining solution over ``S``.

    Maximises ``prod_i (u_i - d_i)^{w_i}`` over ``u`` in ``S`` (Nash 1950; with unequal powers
    ``w`` the generalised solution of Kalai 1977 and Roth 1979). The maximiser is unique and on
    the Pareto frontier, so the returned lottery reaches it exactly. A player who cannot gain
    anything in ``S`` gets ``d_i`` and the others share the rest.

    Two players: the frontier's edges are scanned; on an edge ``a u_1 + b u_2 = c`` the product
    peaks at ``u_i - d_i = w_i K / (a_i W)`` with ``K = c - a·d``, ``W = w_1 + w_2``, exact for
    rational inputs. More players: an active-set Newton method over faces of the hull finds the
    optimum numerically; the exact point is then recovered (on a facet ``a·u = c`` by the same
    closed form) and verified exactly: ``g_i = w_i / (u_i - d_i)`` must satisfy ``g·p <= g·u``
    for every point ``p``, and ``u`` must be a lottery over the points ``g`` exposes. If that
    fails the result is in floats (``LotteryPoint.exact`` is false).

    Parameters
    ----------
    points : sequence of utility vectors, one per agreement (``n >= 2`` utilities each).
    disagreement : the disagreement point ``d`` (default the origin).
    powers : bargaining powers ``w_i > 0`` (default all 1).

    Returns
    -------
    LotteryPoint

    Raises
    ------
    ValueError
        If the inputs are malformed or ``d`` is not in the feasible set.

    Examples
    --------
    >>> nash_point([(1, 0), (0, 1)], (0, 0)).utilities
    (Fraction(1, 2), Fraction(1, 2))
    >>> nash_point([(1, 0), (0, 1)], (0, 0), powers=(2, 1)).utilities
    (Fraction(2, 3), Fraction(1, 3))
    >>> three = nash_point([(6, 0, 0), (0, 6, 0), (0, 0, 6)], (0, 0, 0), powers=(1, 2, 3))
    >>> three.utilities, three.exact
    ((Fraction(1, 1), Fraction(2, 1), Fraction(3, 1)), True)
    """
    pts, d, w, exact = _prepare(points, disagreement, powers)
    return _prefer_given(_nash(pts, d, w, exact), pts)


def _nash(points: list[Vector], d: Vector, w: Vector, exact: bool) -> LotteryPoint:
    n = len(d)
    if n == 2:
        frontier = _Frontier2D.build(points)
        u = _nash_2d(frontier, d, w)
        return LotteryPoint(u, frontier.lottery(u))
    ideal = _ideal(points, d, exact)
    gaining = [j for j in range(n) if ideal[j] > d[j]]
    if len(gaining) < n:
        return _nash_degenerate(points, d, w, exact, gaining)
    candidates = _lp_points(points)
    # the Nash point moves with each player's utility scale: search it with gains over d
    # measured in units of the ideal gain (1e15-sized utilities made the numeric start fail)
    unit = [ideal[j] - d[j] for j in range(n)]
    _, support, weights = _nash_numeric(
        [tuple(float((points[k][j] - d[j]) / unit[j]) for j in range(n)) for k in candidates],
        (0.0,) * n,
        tuple(float(v) for v in w),
    )
    # the point its lottery reaches, in the given units (the lottery is the same in any units)
    import numpy as np

    reached = np.array([[float(v) for v in points[candidates[k]]] for k in support])
    u_float = tuple(float(v) for v in weights @ reached)
    if exact:
        found = [candidates[k] for k in support]
        recovered = _recover_nash(points, candidates, d, w, u_float, found)
        if recovered is not None:
            return recovered
    return _float_lottery_point(u_float, weights, [candidates[k] for k in support])


def _nash_degenerate(
    points: list[Vector], d: Vector, w: Vector, exact: bool, gaining: list[int]
) -> LotteryPoint:
    """Players who cannot gain stay at ``d_i``; the others bargain over what is left.

    With at most one player able to gain, that player's best point of ``S`` (an LP). Otherwise
    the others' Nash point over the section of the hull where the stuck players get ``d_i``:
    its vertices are the given points that leave them there, or, when some point gives a stuck
    player more, the lotteries found by enumerating bases (:func:`_section_vertices`).
    """
    if len(gaining) <= 1:
        return _best_for_the_gaining(points, d, exact, gaining)
    zero = Fraction(0) if exact else 0.0
    n = len(d)
    stuck = [j for j in range(n) if j not in gaining]
    if any(p[j] > d[j] for p in points for j in stuck):
        vertices = _section_vertices(points, d, stuck, exact)
    else:  # every lottery keeping the stuck players at d uses only points that give them d
        vertices = [
            ((_one(zero), k),) for k, p in enumerate(points) if all(p[j] == d[j] for j in stuck)
        ]
    sub = nash_point(
        [tuple(sum((p * points[k][j] for p, k in v), zero) for j in gaining) for v in vertices],
        tuple(d[j] for j in gaining),
        tuple(w[j] for j in gaining),
    )
    weights: dict[int, Number] = {}
    for p, i in sub.lottery:
        for q, k in vertices[i]:
            weights[k] = weights.get(k, zero) + p * q
    u = tuple(sum((p * points[k][j] for k, p in weights.items()), zero) for j in range(n))
    return LotteryPoint(u, _basic_lottery(points, u, weights, exact))


def _best_for_the_gaining(
    points: list[Vector], d: Vector, exact: bool, gaining: list[int]
) -> LotteryPoint:
    """At most one player can gain: its best point of ``S``, the others at ``d``."""
    zero = Fraction(0) if exact else 0.0
    n = len(d)
    objective = tuple(_one(zero) if j in gaining else zero for j in range(n))
    candidates = _lp_points(points)
    solved = _max_over_s(points, candidates, d, exact, objective=objective)
    if solved is None:
        raise _infeasible()
    u = tuple(solved[0] if j in gaining else d[j] for j in range(n))
    return LotteryPoint(u, _lottery_from(solved[1], candidates, exact))


def _basic_lottery(
    points: list[Vector], u: Vector, weights: dict[int, Number], exact: bool
) -> Lottery:
    """A lottery reaching ``u`` on at most ``n`` points (a basic solution: ``u`` is efficient)."""
    n = len(u)
    if len(weights) <= n:
        return tuple((p, k) for k, p in weights.items())
    zero = Fraction(0) if exact else 0.0
    one = _one(zero)
    support = sorted(weights)
    rows = [[points[k][j] for k in support] for j in range(n)] + [[one] * len(support)]
    x = solve_lp(rows, [*u, one], [zero] * len(support), exact=exact)
    assert x is not None  # the weights themselves are a feasible solution
    return _lottery_from(x, support, exact)


_MAX_SECTION_BASES = 50_000
"""How many candidate bases :func:`_section_vertices` may examine."""


def _section_vertices(
    points: list[Vector], d: Vector, stuck: list[int], exact: bool
) -> list[tuple[tuple[Number, int], ...]]:
    """The vertices of ``conv(points) ∩ {q_K = d_K}`` (``K`` = the stuck players), as lotteries.

    They are the basic feasible solutions of ``lambda >= 0, sum lambda = 1,
    sum lambda p_K = d_K``: square nonsingular subsystems with a nonnegative solution.
    """
    from negotiate.errors import GameTooLargeError

    zero = Fraction(0) if exact else 0.0
    one = _one(zero)
    candidates = _lp_points(points)
    rows = [[one] * len(candidates)] + [[points[k][j] for k in candidates] for j in stuck]
    rhs = [one, *(d[j] for j in stuck)]
    rows, rhs = _independent_rows(rows, rhs, exact)
    size = len(rows)
    if math.comb(len(candidates), size) > _MAX_SECTION_BASES:
        raise GameTooLargeError(
            f"{len(stuck)} players cannot gain although some points give them more, and the "
            f"{len(candidates)} Pareto-efficient points are too many to enumerate the lotteries "
            "that keep them at their disagreement utility; remove the points that are not "
            "individually rational"
        )
    found: dict[Vector, tuple[tuple[Number, int], ...]] = {}
    for subset in itertools.combinations(range(len(candidates)), size):
        square = [[row[i] for i in subset] for row in rows]
        solution = _solve_square(square, rhs, exact)
        if solution is None or any(x < 0 for x in solution):
            continue
        lottery = tuple((x, candidates[i]) for x, i in zip(solution, subset, strict=True) if x)
        q = tuple(sum((x * points[k][j] for x, k in lottery), zero) for j in range(len(d)))
        found.setdefault(q, lottery)
    return list(found.values())


def _independent_rows(
    rows: list[list[Number]], rhs: list[Number], exact: bool
) -> tuple[list[list[Number]], list[Number]]:
    """A maximal set of independent equations of ``rows x = rhs`` (row echelon form)."""
    tol = 0 if exact else 1e-12
    matrix = [[*row, b] for row, b in zip(rows, rhs, strict=True)]
    r = 0  # the rows above r are independent, in echelon form
    for col in range(len(rows[0])):
        if r == len(matrix):
            break
        pivot = next((i for i in range(r, len(matrix)) if absolute(matrix[i][col]) > tol), None)
        if pivot is None:
            continue
        matrix[r], matrix[pivot] = matrix[pivot], matrix[r]
        head = matrix[r][col]
        for i in range(r + 1, len(matrix)):
            f = matrix[i][col] / head
            if f:
                matrix[i] = [a - f * b for a, b in zip(matrix[i], matrix[r], strict=True)]
        r += 1
    return [row[:-1] for row in matrix[:r]], [row[-1] for row in matrix[:r]]
