"""Linear programs in standard form, exactly over fractions or numerically with HiGHS.

``maximise c·x subject to A x = b, x >= 0``. The exact solver is a dense two-phase simplex
(Dantzig's rule, switching to Bland's rule after degenerate pivots so that it cannot cycle) on a
tableau of integers: each row is kept up to a positive factor and divided by the gcd of its
entries after a pivot, so no entry is a :class:`~fractions.Fraction` until the solution is read
(a tenth of the time of a tableau of fractions). It suits the problems of this package, with a
handful of rows and up to a few thousand columns. The numeric one calls
:func:`scipy.optimize.linprog` (``method="highs"``).

>>> from fractions import Fraction as F
>>> solve_lp([[F(1), F(1), F(1)]], [F(1)], [F(2), F(3), F(1)], exact=True)
[Fraction(0, 1), Fraction(1, 1), Fraction(0, 1)]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

__all__ = ["linprog_exact", "solve_lp"]

_BLAND_AFTER = 20
"""Degenerate pivots in a row after which the exact simplex uses Bland's rule."""


def solve_lp(
    a: Sequence[Sequence[Any]], b: Sequence[Any], c: Sequence[Any], *, exact: bool
) -> list[Any] | None:
    """An optimal ``x`` of ``max c·x, A x = b, x >= 0``, or ``None`` if it is infeasible.

    The problems solved here are bounded; an unbounded one raises :class:`ValueError`.
    """
    if exact:
        return _simplex(a, b, c)
    import numpy as np
    from scipy.optimize import linprog

    result = linprog(
        -np.asarray(c, dtype=float),
        A_eq=np.asarray(a, dtype=float),
        b_eq=np.asarray(b, dtype=float),
        bounds=(0, None),
        method="highs",
    )
    if result.status == 2:
        return None
    if result.status != 0:
        raise ValueError(f"linear program failed: {result.message}")
    return [float(v) for v in result.x]


def linprog_exact(
    c: Sequence[Any],
    a_ub: Sequence[Sequence[Any]] = (),
    b_ub: Sequence[Any] = (),
    a_eq: Sequence[Sequence[Any]] = (),
    b_eq: Sequence[Any] = (),
    bounds: Sequence[tuple[Any, Any]] = (),
) -> list[Fraction] | None:
    """A minimiser of ``c·x`` subject to ``a_ub x <= b_ub``, ``a_eq x = b_eq`` and ``low <= x_j
    <= high`` (``None``: unbounded that way; default ``x >= 0``), exactly: the interface of
    :func:`scipy.optimize.linprog` for the small problems solved without floats. ``None`` when
    infeasible; an unbounded problem raises :class:`ValueError`.

    >>> linprog_exact([-1, -1], a_ub=[[1, 2]], b_ub=[4], bounds=[(0, 3), (1, None)])
    [Fraction(2, 1), Fraction(1, 1)]
    """
    n = len(c)
    bounds = list(bounds) or [(0, None)] * n
    # each x_j as low + z (a lower bound) or z+ - z- (none): its columns and constant part
    columns: list[list[tuple[int, int]]] = []
    shift: list[Fraction] = []
    width = 0
    for low, _ in bounds:
        if low is None:
            columns.append([(width, 1), (width + 1, -1)])
            shift.append(Fraction(0))
            width += 2
        else:
            columns.append([(width, 1)])
            shift.append(Fraction(low))
            width += 1
    uppers = [(j, Fraction(high)) for j, (_, high) in enumerate(bounds) if high is not None]
    slacks = len(a_ub) + len(uppers)
    total = width + slacks
    rows: list[list[int | Fraction]] = []
    rhs: list[int | Fraction] = []

    def add(coefficients: Sequence[Any], value: Any, slack: int | None) -> None:
        row: list[int | Fraction] = [0] * total
        constant: int | Fraction = 0
        for j, a in enumerate(coefficients):
            if a:
                a = _exact(a)
                constant += a * shift[j]
                for column, sign in columns[j]:
                    row[column] += sign * a
        if slack is not None:
            row[width + slack] = 1
        rows.append(row)
        rhs.append(_exact(value) - constant)

    for k, (row, value) in enumerate(zip(a_ub, b_ub, strict=True)):
        add(row, value, k)
    for k, (j, high) in enumerate(uppers):
        add([int(i == j) for i in range(n)], high, len(a_ub) + k)
    for row, value in zip(a_eq, b_eq, strict=True):
        add(row, value, None)
    cost: list[int | Fraction] = [0] * total
    for j, a in enumerate(c):
        for column, sign in columns[j]:
            cost[column] -= sign * _exact(a)  # maximise -c·x
    if not rows:  # only bounds: each variable at its bound, unless the cost can fall forever
        if any(v > 0 for v in cost):
            raise ValueError("linear program is unbounded")
        return [shift[j] for j in range(n)]
    z = solve_lp(rows, rhs, cost, exact=True)
    if z is None:
        return None
    return [shift[j] + sum(sign * z[col] for col, sign in columns[j]) for j in range(n)]


def _exact(value: Any) -> int | Fraction:
    """``value`` as an int or a Fraction (ints and Fractions as they are: no new object)."""
    if isinstance(value, int | Fraction):
        return int(value) if isinstance(value, bool) else value
    return Fraction(value)


def _integers(row: Sequence[int | Fraction]) -> list[int]:
    """``row`` times the positive least common multiple of its denominators."""
    scale = math.lcm(*(v.denominator for v in row))
    return [v.numerator * (scale // v.denominator) for v in row]


def _reduced(row: list[int]) -> list[int]:
    """``row`` divided by the greatest common divisor of its entries."""
    divisor = math.gcd(*row)
    return row if divisor <= 1 else [v // divisor for v in row]


def _pivot(rows: list[list[int]], r: int, j: int) -> None:
    """Pivot on ``rows[r][j]``, without fractions: every row is kept up to a positive factor
    (which changes neither an equation, nor a sign of a reduced cost, nor a ratio), so row
    ``i`` becomes ``|p| row_i - sign(p) row_i[j] row_r``, divided by its entries' gcd."""
    pivot_row = rows[r]
    p = pivot_row[j]
    if p < 0:
        pivot_row = rows[r] = [-v for v in pivot_row]
        p = -p
    nonzero = [k for k, v in enumerate(pivot_row) if v]
    for i, row in enumerate(rows):
        if i != r:
            f = row[j]
            if f:
                new = [v * p for v in row]
                for k in nonzero:
                    new[k] -= f * pivot_row[k]
                rows[i] = _reduced(new)


def _run(rows: list[list[int]], basis: list[int], allowed: int) -> None:
    """Primal simplex on a tableau whose last row is the objective row (reduced costs, up to a
    positive factor; basic columns positive)."""
    degenerate = 0
    while True:
        objective = rows[-1]
        candidates = [j for j in range(allowed) if objective[j] < 0]
        if not candidates:
            return
        if degenerate >= _BLAND_AFTER:
            j = candidates[0]
        else:
            j = min(candidates, key=lambda k: (objective[k], k))
        best: tuple[Fraction, int, int] | None = None
        for i in range(len(basis)):
            coefficient = rows[i][j]
            if coefficient > 0:
                key = (Fraction(rows[i][-1], coefficient), basis[i], i)
                if best is None or key < best:
                    best = key
        if best is None:
            raise ValueError("linear program is unbounded")
        degenerate = degenerate + 1 if best[0] == 0 else 0
        _pivot(rows, best[2], j)
        basis[best[2]] = j


def _simplex(
    a: Sequence[Sequence[Any]], b: Sequence[Any], c: Sequence[Any]
) -> list[Fraction] | None:
    """Two-phase simplex: a feasible basis from the artificial problem, then optimise ``c``."""
    n = len(c)
    feasible = _phase_one(a, b, n)
    if feasible is None:
        return None
    rows, basis = feasible
    _drive_out_artificials(rows, basis, n)
    # Phase 2: the objective row holds reduced costs c_B B^-1 A - c (row i over its basic entry).
    cost = [_exact(v) for v in c]
    objective: list[int | Fraction] = [-cost[k] for k in range(n)] + [0] * (len(a) + 1)
    for i, j in enumerate(basis):
        if cost[j]:
            factor = Fraction(cost[j]) / rows[i][j]
            objective = [o + factor * v for o, v in zip(objective, rows[i], strict=True)]
    rows.append(_reduced(_integers(objective)))
    _run(rows, basis, n)
    x = [Fraction(0)] * n
    for i, j in enumerate(basis):
        x[j] = Fraction(rows[i][-1], rows[i][j])
    return x


def _phase_one(
    a: Sequence[Sequence[Any]], b: Sequence[Any], n: int
) -> tuple[list[list[int]], list[int]] | None:
    """The tableau with one artificial per row (right-hand sides made nonnegative) after
    maximising minus their sum, and its basis; ``None`` when the artificials cannot all vanish
    (the program is infeasible). Rows are integers (each scaled by its denominators)."""
    m = len(a)
    exact: list[list[int | Fraction]] = []
    for i in range(m):
        sign = -1 if b[i] < 0 else 1
        exact.append(
            [_exact(sign * v) for v in a[i]]
            + [int(k == i) for k in range(m)]
            + [_exact(sign * b[i])]
        )
    basis = [n + i for i in range(m)]
    # Its reduced costs are minus the column sums (of the rows before any scaling).
    phase1: list[int | Fraction] = [-sum(row[k] for row in exact) for k in range(n)]
    phase1 += [0] * m + [-sum(row[-1] for row in exact)]
    rows = [_reduced(_integers(row)) for row in [*exact, phase1]]
    _run(rows, basis, n + m)
    if rows[-1][-1] != 0:
        return None
    rows.pop()
    return rows, basis


def _drive_out_artificials(rows: list[list[int]], basis: list[int], n: int) -> None:
    """Pivot the artificials (at zero) out of the basis; drop the rows that are redundant."""
    i = 0
    while i < len(basis):
        if basis[i] >= n:
            j = next((k for k in range(n) if rows[i][k] != 0), None)
            if j is None:
                del rows[i], basis[i]
                continue
            _pivot(rows, i, j)
            basis[i] = j
        i += 1
