"""The Nash point beyond two players: an active-set Newton method over faces of the hull in
floating point, then the exact point recovered from the face found and verified by its
optimality conditions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from negotiate.bargaining.hull import LotteryPoint, Vector, _lottery_from, _max_over_s
from negotiate.exact.linear import null_vector
from negotiate.exact.lp import solve_lp
from negotiate.exact.numbers import Number, absolute

if TYPE_CHECKING:
    pass

__all__ = []


def _solve_square(
    matrix: list[list[Number]], rhs: list[Number], exact: bool
) -> list[Number] | None:
    """The solution of a square system by Gaussian elimination, ``None`` if it is singular."""
    tol = 0 if exact else 1e-12
    size = len(rhs)
    a = [[*row, b] for row, b in zip(matrix, rhs, strict=True)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda i: absolute(a[i][col]))
        if absolute(a[pivot][col]) <= tol:
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
    lam0 = _start(p, dd, points, d)
    support = [int(k) for k in np.flatnonzero(lam0 > 1e-12)]
    lam = lam0[support] / lam0[support].sum()
    support, lam = _independent(p, support, lam)
    for _ in range(50 * (n + len(points))):
        support, lam = _newton_on_face(p, dd, ww, support, lam)
        u = lam @ p[support]
        g = ww / (u - dd)
        scores = p @ g
        best = int(np.argmax(scores))
        level = float(g @ u)
        if scores[best] - level <= 1e-12 * max(total, abs(level)) or best in support:
            return tuple(float(v) for v in u), support, lam
        support, lam = _independent(p, [*support, best], np.r_[lam, 0.0])
    return tuple(float(v) for v in lam @ p[support]), support, lam


def _start(p: Any, dd: Any, points: Sequence[Vector], d: Vector) -> Any:
    """Weights of a starting point strictly above ``d``: among the points at or above ``d``, the
    centroid of one best for each player, when each gains strictly (then every coordinate is
    above ``d``; at most ``n`` points, no linear program and no scipy import), else the
    egalitarian point."""
    import numpy as np

    rational = np.flatnonzero(np.all(p >= dd, axis=1))
    if len(rational):
        best = {int(rational[np.argmax(p[rational, j])]) for j in range(len(d))}
        if all(p[list(best), j].max() > dd[j] for j in range(len(d))):
            weights = np.zeros(len(p))
            weights[sorted(best)] = 1.0 / len(best)
            return weights
    solved = _max_over_s(points, list(range(len(points))), d, False, r=(1.0,) * len(d))
    assert solved is not None and solved[0] > 0
    return np.asarray(solved[1])


def _log_nash(p: Any, dd: Any, ww: Any, lam: Any, support: list[int]) -> float:
    """``sum_i w_i log(u_i - d_i)`` at ``u = lam @ p[support]`` (``-inf`` unless ``u > d``)."""
    import numpy as np

    z = lam @ p[support] - dd
    return float(ww @ np.log(z)) if np.all(z > 0) else -math.inf


def _newton_on_face(
    p: Any, dd: Any, ww: Any, support: list[int], lam: Any
) -> tuple[list[int], Any]:
    """Damped Newton steps on the affine hull of the support, ``u = p_0 + D mu``, dropping a
    point when a step reaches the boundary; the optimum of the face (or of a smaller one)."""
    import numpy as np

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
        start = _log_nash(p, dd, ww, lam, support)
        # Far from the optimum, backtrack on the objective; near it (where rounding hides
        # the quadratic change of the objective) take the Newton step, keeping u > d.
        while alpha > 1e-16 and (
            (decrement > 1e-8 and _log_nash(p, dd, ww, lam + alpha * delta, support) < start)
            or not np.isfinite(_log_nash(p, dd, ww, lam + alpha * delta, support))
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
    return support, lam


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
    rows = [[Fraction(p - b) for p, b in zip(points[k], base, strict=True)] for k in support[1:]]
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
    g = [Fraction(wi / (ui - di)) for wi, ui, di in zip(w, u, d, strict=True)]
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
