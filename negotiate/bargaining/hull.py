"""The geometry of a bargaining set: the comprehensive convex hull of utility points.

Lottery points, Pareto and utilitarian indices, the two-player upper-right frontier (exact,
``O(m log m)``) and exact LPs over the hull, shared by every point solution.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import Any

import attrs

from negotiate.exact.lp import solve_lp
from negotiate.exact.numbers import Number, is_exact

__all__ = ["LotteryPoint", "ideal_point", "nash_product", "pareto_indices", "utilitarian_indices"]

Vector = tuple[Number, ...]
Lottery = tuple[tuple[Number, int], ...]
"""A lottery over given points: ``(probability, index)`` pairs."""


def _vector(values: Iterable[Number]) -> Vector:
    return tuple(values)


def _lottery(value: Iterable[tuple[Number, int]]) -> tuple[tuple[Number, int], ...]:
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

    utilities: Vector = attrs.field(converter=_vector)
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
    rows = [tuple(p) for p in points]
    n = _utilities_per_point(rows)
    d = _per_player(disagreement, n, "disagreement", "utilities", default=0)
    w = _per_player(powers, n, "powers", "powers", default=1)
    exact = is_exact(*rows, d, w)
    convert: Callable[[Any], Number] = Fraction if exact else float
    vectors = [tuple(convert(u) for u in p) for p in rows]
    d, w = tuple(convert(u) for u in d), tuple(convert(u) for u in w)
    if not all(math.isfinite(float(u)) for u in itertools.chain(*vectors, d, w)):
        raise ValueError("points, disagreement and powers must be finite numbers")
    if any(wi <= 0 for wi in w):
        raise ValueError(f"powers: expected positive numbers (got {w})")
    return vectors, d, w, exact


def _utilities_per_point(points: list[tuple[Any, ...]]) -> int:
    """The number of players, checked to be the same for every point and at least two."""
    if not points:
        raise ValueError("points: expected at least one utility point")
    n = len(points[0])
    if n < 2:
        raise ValueError(f"points: expected at least two players (got {n} utilities per point)")
    for index, p in enumerate(points):
        if len(p) != n:
            raise ValueError(f"points[{index}]: expected {n} utilities (got {len(p)})")
    return n


def _per_player(
    values: Sequence[Any] | None, n: int, name: str, what: str, default: int
) -> tuple[Any, ...]:
    """``values`` as a tuple of ``n`` entries (``n`` copies of ``default`` when absent)."""
    vector = tuple(values) if values is not None else (default,) * n
    if len(vector) != n:
        raise ValueError(f"{name}: expected {n} {what} (got {len(vector)})")
    return vector


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
    kept: list[int] = []
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


def _prefer_given(point: LotteryPoint, points: Sequence[Vector]) -> LotteryPoint:
    """A solution that is one of the given points is reached by that point (the first such)."""
    if len(point.lottery) == 1:
        return point
    target = point.utilities
    for index, p in enumerate(points):
        if p == target:
            return LotteryPoint(target, ((_one(target[0]), index),))
    return point
