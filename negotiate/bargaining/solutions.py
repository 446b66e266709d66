"""Bargaining solutions over the comprehensive convex hull of utility points.

The feasible set ``S`` of a bargaining problem ``(S, d)`` given by finitely many utility vectors
``p_1, ..., p_m`` (the outcomes of agreements, each reachable by a lottery) is

    ``S = {u >= d : u <= q for some q in conv(p_1, ..., p_m)}``,

every lottery over the points and everything it dominates, down to the disagreement point ``d``.
Each solution is a :class:`LotteryPoint`: its utilities and a lottery over at most ``n`` of the
points that reaches them. Exact inputs (fractions, integers) give exact outputs.

- **Nash** (Nash 1950; asymmetric with powers ``w``, Kalai 1977 and Roth 1979): maximise
  ``prod_i (u_i - d_i)^{w_i}`` over ``S``.
- **Kalai-Smorodinsky** (Kalai & Smorodinsky 1975): with the ideal point ``I_i = max_{u in S} u_i``,
  the point ``d + t (I - d)`` of ``S`` with the largest ``t``.
- **Egalitarian** (Kalai 1977): the point ``d + t (1, ..., 1)`` of ``S`` with the largest ``t``.
- **Utilitarian**: the points of ``S`` with the largest sum of utilities (scale-dependent).

Two players: exact geometry on the upper-right frontier of the hull, ``O(m log m)``.
More players: the Nash point numerically (an active-set Newton method over faces of the hull),
then recovered and verified exactly; Kalai-Smorodinsky and egalitarian points by an exact simplex.

>>> from fractions import Fraction as F
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

import bisect
import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from negotiate.exact.linear import null_vector
from negotiate.exact.lp import solve_lp
from negotiate.exact.numbers import Number, is_exact
from negotiate.model.bargaining import BargainingProblem

if TYPE_CHECKING:
    from negotiate.analysis import SolveOptions
    from negotiate.bargaining.alternating_offers import AlternatingOffersEquilibrium

__all__ = [
    "BargainingAnalysis",
    "LotteryPoint",
    "analyse",
    "egalitarian_point",
    "feasible_points",
    "ideal_point",
    "kalai_smorodinsky_point",
    "nash_point",
    "nash_product",
    "pareto_indices",
    "utilitarian_indices",
    "utilitarian_points",
]

Vector = tuple[Number, ...]


def _lottery(value: Any) -> tuple[tuple[Number, int], ...]:
    """Pairs ``(probability, index)`` ordered by index."""
    return tuple(sorted(((p, int(i)) for p, i in value), key=lambda pair: pair[1]))


@attrs.frozen
class LotteryPoint:
    """A point of the feasible set and a lottery over the given points that reaches it.

    ``lottery`` holds ``(probability, index into points)`` pairs, at most ``n`` of them, with
    probabilities summing to 1. Its expected utilities (:meth:`mixture`) equal ``utilities`` for
    Nash points, for two-player Kalai-Smorodinsky points and whenever the point is Pareto
    efficient; a Kalai-Smorodinsky point of three or more players and an egalitarian point can be
    only weakly efficient, and the lottery then weakly dominates ``utilities`` (free disposal).

    >>> point = LotteryPoint((Fraction(1, 2), Fraction(1, 2)), ((Fraction(1, 2), 0),
    ...                                                         (Fraction(1, 2), 1)))
    >>> point.mixture([(1, 0), (0, 1)]), point.exact
    ((Fraction(1, 2), Fraction(1, 2)), True)
    """

    utilities: Vector = attrs.field(converter=tuple)
    lottery: tuple[tuple[Number, int], ...] = attrs.field(converter=_lottery)

    @property
    def exact(self) -> bool:
        """Whether the utilities and probabilities are exact fractions."""
        return is_exact(self.utilities, *(p for p, _ in self.lottery))

    def mixture(self, points: Sequence[Sequence[Number]]) -> Vector:
        """The expected utilities of the lottery over ``points``."""
        n = len(self.utilities)
        zero: Number = Fraction(0) if self.exact else 0.0
        return tuple(sum((p * points[i][j] for p, i in self.lottery), zero) for j in range(n))


# --------------------------------------------------------------------------- input handling


def _prepare(
    points: Sequence[Sequence[Any]],
    disagreement: Sequence[Any] | None,
    powers: Sequence[Any] | None = None,
) -> tuple[list[Vector], Vector, Vector, bool]:
    """Points, ``d`` and powers as tuples of Fractions (all exact) or floats (otherwise)."""
    points = [tuple(p) for p in points]
    if not points:
        raise ValueError("points: expected at least one utility point")
    n = len(points[0])
    if n < 2:
        raise ValueError(f"points: expected at least two players (got {n} utilities per point)")
    for index, p in enumerate(points):
        if len(p) != n:
            raise ValueError(f"points[{index}]: expected {n} utilities (got {len(p)})")
    d = tuple(disagreement) if disagreement is not None else (0,) * n
    w = tuple(powers) if powers is not None else (1,) * n
    if len(d) != n:
        raise ValueError(f"disagreement: expected {n} utilities (got {len(d)})")
    if len(w) != n:
        raise ValueError(f"powers: expected {n} powers (got {len(w)})")
    exact = is_exact(*points, d, w)
    convert: Any = Fraction if exact else float
    points = [tuple(convert(u) for u in p) for p in points]
    d, w = tuple(convert(u) for u in d), tuple(convert(u) for u in w)
    if any(not math.isfinite(float(u)) for p in points for u in p) or any(
        not math.isfinite(float(u)) for u in d + w
    ):
        raise ValueError("points, disagreement and powers must be finite numbers")
    if any(wi <= 0 for wi in w):
        raise ValueError(f"powers: expected positive numbers (got {w})")
    return points, d, w, exact


def _ranks(points: Sequence[Vector]) -> Any:
    """Each coordinate replaced by its rank among that coordinate's values (exact, as int64)."""
    import numpy as np

    m, n = len(points), len(points[0])
    ranks = np.empty((m, n), dtype=np.int64)
    for j in range(n):
        column = [p[j] for p in points]
        index = {v: r for r, v in enumerate(sorted(set(column)))}
        ranks[:, j] = [index[v] for v in column]
    return ranks


def pareto_indices(points: Sequence[Sequence[Number]]) -> tuple[int, ...]:
    """Indices of the points no other point Pareto-dominates, in input order.

    ``q`` dominates ``p`` when ``q >= p`` in every coordinate and ``q != p``; equal points do not
    dominate each other, so duplicates of an undominated point are all kept. Comparisons are
    exact (on per-coordinate ranks); two players take a sort sweep (``O(m log m)``), more players
    a sort-filter skyline that compares each point with the undominated ones found before it.

    >>> pareto_indices([(0, 10), (4, 8), (3, 7), (10, 0), (4, 8)])
    (0, 1, 3, 4)
    """
    import numpy as np

    if len(points) == 0:
        return ()
    ranks = _ranks([tuple(p) for p in points])
    m, n = ranks.shape
    if n == 2:
        x, y = ranks[:, 0], ranks[:, 1]
        order = np.lexsort((-y, -x))  # x descending, then y descending
        xs, ys = x[order], y[order]
        starts = np.r_[True, xs[1:] != xs[:-1]]
        group = np.cumsum(starts) - 1
        group_max = ys[starts]
        before = np.r_[-1, np.maximum.accumulate(group_max)[:-1]]
        keep = (ys == group_max[group]) & (ys > before[group])
        return tuple(int(i) for i in np.sort(order[keep]))
    # Sort-filter skyline in blocks: a dominator has a strictly larger rank sum, so it is in an
    # earlier block (already filtered) or in the same block. With q >= p everywhere, q != p
    # exactly when q's rank sum is larger.
    sums = ranks.sum(axis=1)
    order = np.argsort(-sums, kind="stable")
    ranks = ranks.astype(np.int32 if m < 2**31 else np.int64)
    skyline = np.empty((0, n), dtype=ranks.dtype)
    skyline_sums = np.empty(0, dtype=sums.dtype)
    kept = []
    block = max(64, 2**22 // (n * m))
    for start in range(0, m, block):
        chunk = order[start : start + block]
        p = ranks[chunk]
        others = np.vstack([skyline, p])
        other_sums = np.r_[skyline_sums, sums[chunk]]
        at_least = (others[None, :, 0] >= p[:, None, 0]) & (other_sums[None, :] > sums[chunk, None])
        for j in range(1, n):
            at_least &= others[None, :, j] >= p[:, None, j]
        survivors = chunk[~at_least.any(axis=1)]
        skyline = np.vstack([skyline, ranks[survivors]])
        skyline_sums = np.r_[skyline_sums, sums[survivors]]
        kept.extend(int(i) for i in survivors)
    return tuple(sorted(kept))


def utilitarian_indices(points: Sequence[Sequence[Number]]) -> tuple[int, ...]:
    """Indices of the points with the largest sum of utilities (ties all, in input order).

    >>> utilitarian_indices([(0, 10), (4, 8), (7, 5), (10, 0)])
    (1, 2)
    """
    sums = [sum(p) for p in points]
    best = max(sums)
    return tuple(i for i, s in enumerate(sums) if s == best)


def nash_product(
    utilities: Sequence[Number], disagreement: Sequence[Number], powers: Sequence[Number] | None
) -> float:
    """``prod_i (u_i - d_i)^{w_i}`` as a float (0 when some ``u_i <= d_i``).

    >>> nash_product((Fraction(2, 3), Fraction(1, 3)), (0, 0), (2, 1))  # doctest: +ELLIPSIS
    0.148148...
    """
    powers = powers if powers is not None else (1,) * len(utilities)
    result = 1.0
    for u, d, w in zip(utilities, disagreement, powers, strict=True):
        if u <= d:
            return 0.0
        result *= float(u - d) ** float(w)
    return result


def _unique(points: Sequence[Vector], indices: Sequence[int]) -> list[int]:
    seen: set[Vector] = set()
    out = []
    for i in indices:
        if points[i] not in seen:
            seen.add(points[i])
            out.append(i)
    return out


# --------------------------------------------------------------------------- two players


@attrs.frozen
class _Frontier2D:
    """The upper-right hull of two-player points: vertices by increasing ``x``, decreasing ``y``.

    The comprehensive hull is ``{u : u_1 <= x_last, u_2 <= y_first, a u_1 + b u_2 <= c}`` over
    the edges; ``y_top(x)`` is its upper boundary.
    """

    xs: tuple[Number, ...]
    ys: tuple[Number, ...]
    indices: tuple[int, ...]

    @classmethod
    def build(cls, points: Sequence[Vector]) -> _Frontier2D:
        candidates = _unique(points, pareto_indices(points))
        candidates.sort(key=lambda i: points[i][0])
        hull: list[int] = []
        for i in candidates:
            x, y = points[i]
            while len(hull) >= 2:
                (ox, oy), (ax, ay) = points[hull[-2]], points[hull[-1]]
                if (ax - ox) * (y - oy) - (ay - oy) * (x - ox) >= 0:
                    hull.pop()
                else:
                    break
            hull.append(i)
        return cls(
            tuple(points[i][0] for i in hull), tuple(points[i][1] for i in hull), tuple(hull)
        )

    def y_top(self, x: Number) -> Number | None:
        """The largest ``u_2`` with ``(x, u_2)`` under the hull, or ``None`` beyond it."""
        xs, ys = self.xs, self.ys
        if x <= xs[0]:
            return ys[0]
        if x > xs[-1]:
            return None
        k = bisect.bisect_left(xs, x)
        if xs[k] == x:
            return ys[k]
        return ys[k - 1] + (ys[k] - ys[k - 1]) * (x - xs[k - 1]) / (xs[k] - xs[k - 1])

    def x_right(self, y: Number) -> Number | None:
        """The largest ``u_1`` with ``(u_1, y)`` under the hull, or ``None`` above it."""
        xs, ys = self.xs, self.ys
        if y <= ys[-1]:
            return xs[-1]
        if y > ys[0]:
            return None
        # ys decrease; search the reversed sequence.
        k = len(ys) - bisect.bisect_left(ys[::-1], y) - 1
        if ys[k] == y:
            return xs[k]
        return xs[k] + (xs[k + 1] - xs[k]) * (ys[k] - y) / (ys[k] - ys[k + 1])

    def lottery(self, u: Vector) -> tuple[tuple[Number, int], ...]:
        """A lottery over at most two hull vertices whose mixture weakly dominates ``u``."""
        xs, idx = self.xs, self.indices
        x = u[0]
        if x <= xs[0]:
            return ((_one(x), idx[0]),)
        if x >= xs[-1]:
            return ((_one(x), idx[-1]),)
        k = bisect.bisect_left(xs, x)
        if xs[k] == x:
            return ((_one(x), idx[k]),)
        s = (x - xs[k - 1]) / (xs[k] - xs[k - 1])
        return ((1 - s, idx[k - 1]), (s, idx[k]))

    def edges(self) -> list[tuple[Number, Number, Number]]:
        """``(a, b, c)`` with ``a, b > 0`` for each edge ``a u_1 + b u_2 <= c``."""
        out = []
        for k in range(len(self.xs) - 1):
            a = self.ys[k] - self.ys[k + 1]
            b = self.xs[k + 1] - self.xs[k]
            out.append((a, b, a * self.xs[k] + b * self.ys[k]))
        return out

    def max_ray(self, d: Vector, r: Vector) -> Number:
        """The largest ``t >= 0`` with ``d + t r`` in the comprehensive hull (``r >= 0``)."""
        bounds = [(c - a * d[0] - b * d[1]) / (a * r[0] + b * r[1]) for a, b, c in self.edges()]
        if r[0] > 0:
            bounds.append((self.xs[-1] - d[0]) / r[0])
        if r[1] > 0:
            bounds.append((self.ys[0] - d[1]) / r[1])
        return min(bounds) if bounds else 0 * r[0]

    def ir_vertices(self, d: Vector) -> list[Vector]:
        """The strictly decreasing part of the frontier of ``S``, clipped to ``u >= d``."""
        lo = max(d[0], self.xs[0])
        hi = self.x_right(d[1])
        assert hi is not None
        if lo >= hi:
            y = self.y_top(hi)
            assert y is not None
            return [(hi, y)]
        ylo = self.y_top(lo)
        yhi = self.y_top(hi)
        assert ylo is not None and yhi is not None
        inner = [(x, y) for x, y in zip(self.xs, self.ys, strict=True) if lo < x < hi]
        return [(lo, ylo), *inner, (hi, yhi)]


def _one(x: Number) -> Number:
    return Fraction(1) if isinstance(x, Fraction) else 1.0


def _ideal_2d(frontier: _Frontier2D, d: Vector) -> Vector:
    top = frontier.y_top(d[0])
    if top is None or top < d[1]:
        raise ValueError(
            "the disagreement point is not in the feasible set: no lottery over the points "
            "gives every player at least its disagreement utility"
        )
    right = frontier.x_right(d[1])
    assert right is not None
    return (right, top)


def _nash_2d(frontier: _Frontier2D, d: Vector, w: Vector) -> Vector:
    """Scan the frontier's edges: on ``a x + b y = c`` the weighted Nash product peaks at
    ``x - d_1 = w_1 K / (a W)``, ``y - d_2 = w_2 K / (b W)`` with ``K = c - a d_1 - b d_2``."""
    ideal = _ideal_2d(frontier, d)
    if ideal[0] == d[0] or ideal[1] == d[1]:
        return ideal if ideal[0] == d[0] and ideal[1] == d[1] else _corner(ideal, d)
    vertices = frontier.ir_vertices(d)
    total = w[0] + w[1]
    for (xa, ya), (xb, yb) in itertools.pairwise(vertices):
        a, b = ya - yb, xb - xa
        k = a * (xa - d[0]) + b * (ya - d[1])
        x = d[0] + w[0] * k / (a * total)
        if x <= xb:
            if x <= xa:
                return (xa, ya)
            return (x, d[1] + w[1] * k / (b * total))
    return vertices[-1]


def _corner(ideal: Vector, d: Vector) -> Vector:
    """The best point for the one player who can gain (the other cannot leave ``d``)."""
    return (d[0], ideal[1]) if ideal[0] == d[0] else (ideal[0], d[1])


# --------------------------------------------------------------------------- n players


def _lp_points(points: Sequence[Vector]) -> list[int]:
    return _unique(points, pareto_indices(points))


def _max_over_s(
    points: Sequence[Vector],
    candidates: Sequence[int],
    d: Vector,
    exact: bool,
    r: Vector | None = None,
    objective: Vector | None = None,
) -> tuple[Number, list[Number]] | None:
    """Maximise ``t`` (with ``d + t r <= q``) or ``objective·q`` over ``q`` in the hull, ``q >= d``.

    Variables ``[t, lambda_k..., s_j...]`` with ``sum_k lambda_k p_k - t r - s = d`` and
    ``sum lambda = 1``. Returns the optimal value and the ``lambda``; ``None`` if infeasible.
    """
    n, m = len(d), len(candidates)
    zero = Fraction(0) if exact else 0.0
    one = Fraction(1) if exact else 1.0
    r = r if r is not None else (zero,) * n
    rows = []
    for j in range(n):
        rows.append(
            [-r[j]]
            + [points[k][j] for k in candidates]
            + [-one if i == j else zero for i in range(n)]
        )
    rows.append([zero] + [one] * m + [zero] * n)
    b = [*d, one]
    if objective is None:
        cost = [one] + [zero] * (m + n)
    else:
        cost = (
            [zero]
            + [sum(o * u for o, u in zip(objective, points[k], strict=True)) for k in candidates]
            + [zero] * n
        )
    x = solve_lp(rows, b, cost, exact=exact)
    if x is None:
        return None
    value = sum((c * v for c, v in zip(cost, x, strict=True)), zero)
    return value, x[1 : m + 1]


def _lottery_from(
    weights: Sequence[Number], candidates: Sequence[int], exact: bool
) -> tuple[tuple[Number, int], ...]:
    tol = 0 if exact else 1e-12
    pairs = [(p, k) for p, k in zip(weights, candidates, strict=True) if p > tol]
    if not exact:
        total = sum(p for p, _ in pairs)
        pairs = [(p / total, k) for p, k in pairs]
    return tuple(sorted(pairs, key=lambda pair: pair[1]))


def _infeasible() -> ValueError:
    return ValueError(
        "the disagreement point is not in the feasible set: no lottery over the points "
        "gives every player at least its disagreement utility"
    )


def ideal_point(
    points: Sequence[Sequence[Number]], disagreement: Sequence[Number] | None = None
) -> Vector:
    """The ideal point ``I_i = max {u_i : u in S}``: each player's best utility in ``S``.

    >>> ideal_point([(0, 10), (4, 8), (7, 5), (10, 0)], (0, 0))
    (Fraction(10, 1), Fraction(10, 1))
    """
    pts, d, _, exact = _prepare(points, disagreement)
    return _ideal(pts, d, exact)


def _ideal(points: list[Vector], d: Vector, exact: bool) -> Vector:
    n = len(d)
    if n == 2:
        return _ideal_2d(_Frontier2D.build(points), d)
    rational = [p for p in points if all(u >= di for u, di in zip(p, d, strict=True))]
    candidates = _lp_points(points)
    ideal = []
    for j in range(n):
        best = max(p[j] for p in points)
        if any(p[j] == best for p in rational):
            ideal.append(best)
            continue
        unit = tuple(Fraction(int(i == j)) if exact else float(i == j) for i in range(n))
        solved = _max_over_s(points, candidates, d, exact, objective=unit)
        if solved is None:
            raise _infeasible()
        ideal.append(solved[0])
    zeros = tuple(Fraction(0) if exact else 0.0 for _ in range(n))
    if not rational and _max_over_s(points, candidates, d, exact, objective=zeros) is None:
        raise _infeasible()
    return tuple(ideal)


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
    zero = Fraction(0) if exact else 0.0
    one = _one(zero)
    n = len(d)

    def rational(p: Vector) -> bool:
        return all(u >= di for u, di in zip(p, d, strict=True))

    if n == 2:
        frontier = _Frontier2D.build(pts)
        ideal = _ideal_2d(frontier, d)
        vertices = (
            frontier.ir_vertices(d)
            if ideal[0] > d[0] and ideal[1] > d[1]
            else [_corner(ideal, d) if ideal != d else d]
        )
        best = max(sum(v) for v in vertices)
        found = [
            LotteryPoint(p, ((one, i),))
            for i, p in enumerate(pts)
            if rational(p) and sum(p) == best
        ]
        given = {f.utilities for f in found}
        for v in vertices:
            if sum(v) == best and v not in given:
                found.append(LotteryPoint(v, frontier.lottery(v)))
                given.add(v)
        return tuple(found)
    best = max(sum(p) for p in pts)
    found = [
        LotteryPoint(p, ((one, i),)) for i, p in enumerate(pts) if rational(p) and sum(p) == best
    ]
    if found:
        return tuple(_unique_points(found))
    candidates = _lp_points(pts)
    solved = _max_over_s(pts, candidates, d, exact, objective=(one,) * n)
    if solved is None:
        raise _infeasible()
    lottery = _lottery_from(solved[1], candidates, exact)
    u = tuple(sum((p * pts[k][j] for p, k in lottery), zero) for j in range(n))
    return (LotteryPoint(u, lottery),)


def _unique_points(found: list[LotteryPoint]) -> list[LotteryPoint]:
    seen: set[Vector] = set()
    out = []
    for f in found:
        if f.utilities not in seen:
            seen.add(f.utilities)
            out.append(f)
    return out


# --------------------------------------------------------------------------- Nash, n players


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
    u_float, support, weights = _nash_numeric(
        [tuple(float(v) for v in points[k]) for k in candidates],
        tuple(float(v) for v in d),
        tuple(float(v) for v in w),
    )
    if exact:
        found = [candidates[k] for k in support]
        recovered = _recover_nash(points, candidates, d, w, u_float, found)
        if recovered is not None:
            return recovered
    return _float_lottery_point(u_float, weights, [candidates[k] for k in support])


def _prefer_given(point: LotteryPoint, points: Sequence[Vector]) -> LotteryPoint:
    """A solution that is one of the given points is reached by that point (the first such)."""
    if len(point.lottery) == 1:
        return point
    target = point.utilities
    for index, p in enumerate(points):
        if p == target:
            return LotteryPoint(target, ((_one(target[0]), index),))
    return point


def _nash_degenerate(
    points: list[Vector], d: Vector, w: Vector, exact: bool, gaining: list[int]
) -> LotteryPoint:
    """Players who cannot gain stay at ``d_i``; the others bargain over what is left.

    With at most one player able to gain, that player's best point of ``S`` (an LP). Otherwise
    the others' Nash point over the section of the hull where the stuck players get ``d_i``:
    its vertices are the given points that leave them there, or, when some point gives a stuck
    player more, the lotteries found by enumerating bases (:func:`_section_vertices`).
    """
    zero = Fraction(0) if exact else 0.0
    n = len(d)
    stuck = [j for j in range(n) if j not in gaining]
    if len(gaining) <= 1:
        objective = tuple(_one(zero) if j in gaining else zero for j in range(n))
        candidates = _lp_points(points)
        solved = _max_over_s(points, candidates, d, exact, objective=objective)
        if solved is None:
            raise _infeasible()
        lottery = _lottery_from(solved[1], candidates, exact)
        u = tuple(solved[0] if j in gaining else d[j] for j in range(n))
        return LotteryPoint(u, lottery)
    if not any(p[j] > d[j] for p in points for j in stuck):
        # Every lottery keeping the stuck players at d uses only points that give them d.
        keep = [k for k, p in enumerate(points) if all(p[j] == d[j] for j in stuck)]
        vertices = [((_one(zero), k),) for k in keep]
    else:
        vertices = _section_vertices(points, d, stuck, exact)
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
    lottery = tuple((p, k) for k, p in weights.items())
    if len(lottery) > n:  # a basic solution reaching u uses at most n points (u is efficient)
        support = sorted(weights)
        rows = [[points[k][j] for k in support] for j in range(n)] + [[_one(zero)] * len(support)]
        x = solve_lp(rows, [*u, _one(zero)], [zero] * len(support), exact=exact)
        assert x is not None
        lottery = _lottery_from(x, support, exact)
    return LotteryPoint(u, lottery)


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
    width = len(rows[0])
    out: list[list[Number]] = []
    col = 0
    for _ in range(len(matrix)):
        while col < width:
            pivot = next(
                (i for i in range(len(out), len(matrix)) if abs(matrix[i][col]) > tol), None
            )
            if pivot is not None:
                break
            col += 1
        if col == width:
            break
        r = len(out)
        matrix[r], matrix[pivot] = matrix[pivot], matrix[r]
        head = matrix[r][col]
        for i in range(r + 1, len(matrix)):
            f = matrix[i][col] / head
            if f:
                matrix[i] = [a - f * b for a, b in zip(matrix[i], matrix[r], strict=True)]
        out.append(matrix[r])
        col += 1
    return [row[:-1] for row in out], [row[-1] for row in out]


def _solve_square(
    matrix: list[list[Number]], rhs: list[Number], exact: bool
) -> list[Number] | None:
    """The solution of a square system by Gaussian elimination, ``None`` if it is singular."""
    tol = 0 if exact else 1e-12
    size = len(rhs)
    a = [[*row, b] for row, b in zip(matrix, rhs, strict=True)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda i: abs(a[i][col]))
        if abs(a[pivot][col]) <= tol:
            return None
        a[col], a[pivot] = a[pivot], a[col]
        for i in range(size):
            if i != col and a[i][col]:
                f = a[i][col] / a[col][col]
                a[i] = [x - f * y for x, y in zip(a[i], a[col], strict=True)]
    return [a[i][-1] / a[i][i] for i in range(size)]


def _float_lottery_point(u: Any, weights: Any, support: list[int]) -> LotteryPoint:
    """The numeric point and its lottery (support indices into ``points``)."""
    pairs = [(float(p), k) for p, k in zip(weights, support, strict=True) if p > 0]
    total = sum(p for p, _ in pairs)
    lottery = sorted(((p / total, k) for p, k in pairs), key=lambda pair: pair[1])
    return LotteryPoint(tuple(float(v) for v in u), lottery)


def _nash_numeric(
    points: Sequence[Vector], d: Vector, w: Vector
) -> tuple[tuple[float, ...], list[int], Any]:
    """Maximise ``sum_i w_i log(u_i - d_i)`` over the hull of float points (all strictly
    beatable): an active-set Newton method over faces.

    The support is a set of affinely independent points with positive weights; Newton steps on
    its affine hull stop at the boundary (dropping a point) and, at the face optimum, the point
    ``p`` maximising ``g·p`` (``g = w / (u - d)``) joins while ``g·p > g·u`` (relative tolerance
    ``1e-12``: the duality gap of the log Nash product). Returns the point and the support
    (indices into ``points``) with its weights.
    """
    import numpy as np

    p = np.asarray(points, dtype=float)
    dd = np.asarray(d, dtype=float)
    ww = np.asarray(w, dtype=float)
    total = ww.sum()
    n = len(d)
    # Start: the egalitarian point, strictly above d.
    solved = _max_over_s(points, list(range(len(points))), d, False, r=(1.0,) * n)
    assert solved is not None and solved[0] > 0
    lam0 = np.asarray(solved[1])
    support = [int(k) for k in np.flatnonzero(lam0 > 1e-12)]
    lam = lam0[support] / lam0[support].sum()
    support, lam = _independent(p, support, lam)

    def value(lam: Any, support: list[int]) -> float:
        z = lam @ p[support] - dd
        return float(ww @ np.log(z)) if np.all(z > 0) else -math.inf

    for _ in range(50 * (n + len(points))):
        # Newton on the affine hull of the support: u = p_0 + D mu, mu = lambda_1..k-1.
        for _ in range(100):
            if len(support) == 1:
                break
            directions = (p[support[1:]] - p[support[0]]).T
            z = lam @ p[support] - dd
            gradient = directions.T @ (ww / z)
            hessian = directions.T @ (directions * (ww / z**2)[:, None])
            try:
                step = np.linalg.solve(hessian, gradient)
            except np.linalg.LinAlgError:  # numerically dependent support: price instead
                break
            delta = np.r_[-step.sum(), step]
            blocking = [(-lam[i] / delta[i], i) for i in range(len(lam)) if delta[i] < 0]
            limit, drop = min(blocking, default=(math.inf, -1))
            alpha = min(1.0, limit)
            decrement = float(gradient @ step)
            start = value(lam, support)
            # Far from the optimum, backtrack on the objective; near it (where rounding hides
            # the quadratic change of the objective) take the Newton step, keeping u > d.
            while alpha > 1e-16 and (
                (decrement > 1e-8 and value(lam + alpha * delta, support) < start)
                or not np.isfinite(value(lam + alpha * delta, support))
            ):
                alpha /= 2
            if alpha < limit:
                drop = -1
            lam = np.clip(lam + alpha * delta, 0, None)
            if drop >= 0:
                lam = np.delete(lam, drop)
                support = support[:drop] + support[drop + 1 :]
            lam /= lam.sum()
            if drop < 0 and (decrement < 1e-28 or np.abs(alpha * delta).max() < 1e-16):
                break
        u = lam @ p[support]
        g = ww / (u - dd)
        scores = p @ g
        best = int(np.argmax(scores))
        level = float(g @ u)
        if scores[best] - level <= 1e-12 * max(total, abs(level)) or best in support:
            return tuple(float(v) for v in u), support, lam
        support, lam = _independent(p, [*support, best], np.r_[lam, 0.0])
    return tuple(float(v) for v in lam @ p[support]), support, lam


def _independent(p: Any, support: list[int], lam: Any) -> tuple[list[int], Any]:
    """Carathéodory: shift weight until the support points are affinely independent."""
    import numpy as np

    while len(support) > 1:
        matrix = np.vstack([p[support].T, np.ones(len(support))])
        _, singular, vt = np.linalg.svd(matrix)
        rank = int(np.sum(singular > 1e-10 * singular[0]))
        if rank == len(support):
            break
        mu = vt[-1]
        if not np.any(mu > 0):
            mu = -mu
        ratios = [(lam[i] / mu[i], i) for i in range(len(support)) if mu[i] > 1e-14]
        step, drop = min(ratios)
        lam = lam - step * mu
        lam = np.delete(lam, drop)
        support = support[:drop] + support[drop + 1 :]
        lam = np.clip(lam, 0, None)
        lam /= lam.sum()
    return support, lam


def _recover_nash(
    points: list[Vector],
    candidates: list[int],
    d: Vector,
    w: Vector,
    u_float: Sequence[float],
    support: list[int],
) -> LotteryPoint | None:
    """Exact Nash point from the numeric one: the facet closed form, then rounding; verified."""
    n = len(d)
    attempts: list[Vector] = []
    if len(support) == n:
        normal = _normal(points, support)
        if normal is not None:
            k = sum(a * (points[support[0]][j] - d[j]) for j, a in enumerate(normal))
            total = sum(w)
            if all(a > 0 for a in normal) and k > 0:
                attempts.append(tuple(d[j] + w[j] * k / (normal[j] * total) for j in range(n)))
    if len(support) == 1:
        attempts.append(points[support[0]])
    for denominator in (10**4, 10**6, 10**9):
        attempts.append(tuple(Fraction(v).limit_denominator(denominator) for v in u_float))
    for u in attempts:
        lottery = _verify_nash(points, candidates, d, w, u)
        if lottery is not None:
            return LotteryPoint(u, lottery)
    return None


def _normal(points: list[Vector], support: list[int]) -> list[Fraction] | None:
    """The exact normal of the hyperplane through ``n`` affinely independent points."""
    base = points[support[0]]
    rows = [[p - b for p, b in zip(points[k], base, strict=True)] for k in support[1:]]
    normal = null_vector(rows, len(base))
    if normal is None:
        return None
    if sum(normal) < 0:
        normal = [-a for a in normal]
    return normal


def _verify_nash(
    points: list[Vector], candidates: list[int], d: Vector, w: Vector, u: Vector
) -> tuple[tuple[Number, int], ...] | None:
    """The exact optimality certificate; returns a lottery reaching ``u`` or ``None``."""
    if any(ui <= di for ui, di in zip(u, d, strict=True)):
        return None
    g = [wi / (ui - di) for wi, ui, di in zip(w, u, d, strict=True)]
    # Integer normal: clear denominators for fast exact dot products.
    lcm = math.lcm(*(x.denominator for x in g))
    gi = [int(x * lcm) for x in g]
    level = sum(a * x for a, x in zip(gi, u, strict=True))
    face = []
    for k in candidates:
        value = sum(a * x for a, x in zip(gi, points[k], strict=True))
        if value > level:
            return None
        if value == level:
            face.append(k)
    n = len(d)
    one, zero = Fraction(1), Fraction(0)
    rows = [[points[k][j] for k in face] for j in range(n)] + [[one] * len(face)]
    x = solve_lp(rows, [*u, one], [zero] * len(face), exact=True)
    if x is None:
        return None
    pairs = _lottery_from(x, face, exact=True)
    if len(pairs) > n:
        return None
    return pairs


# --------------------------------------------------------------------------- the bargaining kind


@attrs.frozen(kw_only=True)
class BargainingAnalysis:
    """Everything ``negotiate solve`` reports for a bargaining problem.

    ``points`` are the utility points whose comprehensive hull is ``S`` (for a pie, ``d`` plus
    the whole remainder to one player); lotteries index into them. ``nash_symmetric`` is the
    Nash point with equal powers, given only when the players' powers differ.
    ``alternating_offers`` is ``None`` for more than two players or without impatience; then
    ``alternating_offers_note`` says why.
    """

    game: BargainingProblem
    points: tuple[Vector, ...]
    pareto: tuple[int, ...]
    ideal: Vector
    nash: LotteryPoint
    nash_symmetric: LotteryPoint | None
    kalai_smorodinsky: LotteryPoint
    egalitarian: LotteryPoint
    utilitarian: tuple[LotteryPoint, ...]
    alternating_offers: AlternatingOffersEquilibrium | None
    alternating_offers_note: str = ""

    @property
    def exact(self) -> bool:
        """Whether every reported number is exact."""
        found = [self.nash, self.kalai_smorodinsky, self.egalitarian, *self.utilitarian]
        if self.nash_symmetric is not None:
            found.append(self.nash_symmetric)
        if self.alternating_offers is not None:
            found.extend(self.alternating_offers.proposals)
        return all(p.exact for p in found)


def feasible_points(problem: BargainingProblem) -> tuple[Vector, ...]:
    """The utility points whose comprehensive hull is the problem's feasible set.

    For a pie ``P`` these are ``d + (P - sum(d)) e_i``: the remainder given wholly to one player.

    >>> from negotiate.model.bargaining import BargainingPlayer
    >>> problem = BargainingProblem(id="split", title="Split", pie=10,
    ...     players=[BargainingPlayer(id="a", disagreement=1), BargainingPlayer(id="b")])
    >>> feasible_points(problem)
    ((Fraction(10, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(9, 1)))
    """
    if problem.points is not None:
        return tuple(tuple(p) for p in problem.points)
    d = problem.disagreement
    assert problem.pie is not None
    rest = problem.pie - sum(d)
    return tuple(
        tuple(di + rest if i == j else di for j, di in enumerate(d)) for i in range(len(d))
    )


def analyse(problem: BargainingProblem, options: SolveOptions | None = None) -> BargainingAnalysis:
    """Every bargaining solution of ``problem``, and alternating offers for two players.

    Nash with the players' powers (and with equal powers when they differ), Kalai-Smorodinsky,
    egalitarian and utilitarian points over ``S``; the Rubinstein equilibrium with the players'
    discount factors, ``problem.first`` proposing first.

    Examples
    --------
    >>> from negotiate.model.bargaining import BargainingPlayer
    >>> problem = BargainingProblem(id="split", title="Split a dollar", pie=1,
    ...     players=[BargainingPlayer(id="us", discount="9/10"),
    ...              BargainingPlayer(id="mx", discount="4/5")])
    >>> result = analyse(problem)
    >>> result.nash.utilities, result.alternating_offers.utilities
    ((Fraction(1, 2), Fraction(1, 2)), (Fraction(5, 7), Fraction(2, 7)))
    """
    from negotiate.bargaining.alternating_offers import alternating_offers

    points = feasible_points(problem)
    d = problem.disagreement
    powers = tuple(p.power for p in problem.players)
    nash = nash_point(points, d, powers)
    symmetric = nash_point(points, d) if len(set(powers)) > 1 else None
    offers = None
    note = ""
    if len(problem.players) != 2:
        note = (
            f"Alternating offers is a two-player game; this problem has "
            f"{len(problem.players)} players."
        )
    elif all(p.discount == 1 for p in problem.players):
        note = (
            "Both discount factors are 1: with no impatience, delay costs nothing and every "
            "agreement is an equilibrium of alternating offers. Give `discount` below 1."
        )
    else:
        offers = alternating_offers(
            points,
            d,
            tuple(p.discount for p in problem.players),
            problem.player_ids.index(problem.first),
        )
    return BargainingAnalysis(
        game=problem,
        points=points,
        pareto=pareto_indices(points),
        ideal=ideal_point(points, d),
        nash=nash,
        nash_symmetric=symmetric,
        kalai_smorodinsky=kalai_smorodinsky_point(points, d),
        egalitarian=egalitarian_point(points, d),
        utilitarian=utilitarian_points(points, d),
        alternating_offers=offers,
        alternating_offers_note=note,
    )
