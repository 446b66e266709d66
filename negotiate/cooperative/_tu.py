"""Shared machinery of the TU solvers: bitmask arrays, exact scaling and exact linear algebra.

Coalition ``S`` is the bitmask whose bit ``k`` stands for ``players[k]``. Worths are turned into
a numpy vector indexed by bitmask, either of ``int64`` (exact worths scaled by the least common
multiple of their denominators), of Python ints (``dtype=object``, when ``int64`` could
overflow) or of ``float64`` (inexact games).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from negotiate.exact.numbers import Number
from negotiate.model.coalition import CoalitionGame, IntegerWorths

__all__ = [
    "excess_vector",
    "integer_worths",
    "member_matrix",
    "popcounts",
    "rationalise",
    "worth_floats",
]

_INT64_SAFE = 2**62


def popcounts(n: int) -> np.ndarray:
    """The number of members of every coalition ``0 .. 2**n - 1``."""
    counts = np.zeros(1 << n, dtype=np.int64)
    for k in range(n):
        counts[1 << k : 2 << k] = counts[: 1 << k] + 1
    return counts


def member_matrix(n: int) -> np.ndarray:
    """A ``(2**n, n)`` 0/1 ``int8`` matrix: row ``S`` is the indicator vector of coalition ``S``."""
    masks = np.arange(1 << n, dtype=np.int64)
    return ((masks[:, None] >> np.arange(n)) & 1).astype(np.int8)


def integer_worths(game: CoalitionGame) -> tuple[np.ndarray, int]:
    """The exact worths times their common denominator ``scale``, as integers.

    Returns ``(worths, scale)`` with ``worths[S] == game.worth[S] * scale``; ``worths`` is
    ``int64`` when every partial sum of ``2**n`` of them fits, else ``dtype=object``.
    Raises ``AttributeError`` when a worth is a float (callers test :func:`exact_worths`).
    """
    if isinstance(game.worth, IntegerWorths):
        return _fitted(game.worth.integers), 1
    scale = math.lcm(*{w.denominator for w in game.worth})  # type: ignore[union-attr]
    if scale == 1:
        values = [w.numerator for w in game.worth]  # type: ignore[union-attr]
    else:
        values = [w.numerator * (scale // w.denominator) for w in game.worth]  # type: ignore[union-attr]
    largest = max(-min(values), max(values))
    if largest * len(values) < _INT64_SAFE:
        return np.array(values, dtype=np.int64), scale
    return np.array(values, dtype=object), scale


def _fitted(integers: np.ndarray) -> np.ndarray:
    """Integer worths as ``int64`` when every partial sum of them fits, else Python ints."""
    if not len(integers):
        return integers
    largest = max(-int(integers.min()), int(integers.max()))
    if integers.dtype != np.dtype(object) and largest * len(integers) < _INT64_SAFE:
        return integers
    return integers.astype(object)


def exact_worths(game: CoalitionGame) -> tuple[np.ndarray, int] | None:
    """:func:`integer_worths`, or ``None`` for a game with a float worth (fast on 2^20 worths)."""
    try:
        return integer_worths(game)
    except AttributeError:
        return None


def worth_floats(game: CoalitionGame) -> np.ndarray:
    """The worths as ``float64``."""
    if isinstance(game.worth, IntegerWorths):
        return game.worth.integers.astype(np.float64)
    return np.array([float(w) for w in game.worth], dtype=np.float64)


def coalition_sums(x: Sequence[Any]) -> np.ndarray:
    """``x(S)`` for every coalition ``S``, exact for Fractions (``dtype=object``)."""
    n = len(x)
    exact = all(isinstance(v, Fraction | int) for v in x)
    sums = np.zeros(1 << n, dtype=object if exact else np.float64)
    if exact:
        sums[:] = Fraction(0)
    for k in range(n):
        sums[1 << k : 2 << k] = sums[: 1 << k] + x[k]
    return sums


def excess_vector(game: CoalitionGame, x: Sequence[Number]) -> np.ndarray:
    """``e(S, x) = v(S) - x(S)`` for every coalition ``S`` (index 0 is the empty coalition)."""
    sums = coalition_sums(list(x))
    if isinstance(game.worth, IntegerWorths) and sums.dtype == object:
        worths = game.worth.integers.astype(object)
    elif sums.dtype == object and game.is_exact:
        worths = np.array(game.worth, dtype=object)
    else:
        worths = worth_floats(game)
    excess: np.ndarray = worths - sums.astype(worths.dtype)
    return excess


def rationalise(value: float, max_denominator: int = 10**9) -> Fraction:
    """The closest fraction with a bounded denominator (the caller verifies it)."""
    return Fraction(value).limit_denominator(max_denominator)


def independent_rows(matrix: np.ndarray, tol: float = 1e-9) -> list[int]:
    """Indices of a maximal set of linearly independent rows, chosen greedily in order."""
    chosen: list[int] = []
    basis = np.zeros((0, matrix.shape[1]))
    for index, row in enumerate(np.asarray(matrix, dtype=np.float64)):
        residual = row - basis.T @ (basis @ row) if len(basis) else row.copy()
        norm = float(np.linalg.norm(residual))
        if norm > tol * max(1.0, float(np.linalg.norm(row))):
            basis = np.vstack([basis, residual / norm])
            chosen.append(index)
            if len(chosen) == matrix.shape[1]:
                break
    return chosen


def marginal_sums(game: CoalitionGame) -> tuple[np.ndarray, int | None]:
    """Summed marginal contributions by coalition size, in one pass over the worth vector.

    Returns ``(D, scale)`` where ``D[i, s] = sum over |S| = s, i not in S of
    v(S + i) - v(S)`` (times ``scale``, an integer, for exact games; ``scale`` is ``None`` and
    ``D`` is ``float64`` for inexact games). Uses ``A[i, s]``, the summed worth of the size-``s``
    coalitions containing ``i``: ``D[i, s] = A[i, s + 1] - (total[s] - A[i, s])``. Integer
    worth arrays keep the result (read-only), so the Shapley and Banzhaf values share it.
    """
    if isinstance(game.worth, IntegerWorths):
        kept = game.worth.derived.get("marginal_sums")
        if kept is None:
            kept = _marginal_sums(game)
            kept[0].flags.writeable = False
            game.worth.derived["marginal_sums"] = kept
        marginal, scale = kept
        return marginal, scale
    return _marginal_sums(game)


@functools.lru_cache(maxsize=4)
def _size_order(n: int) -> tuple[np.ndarray, np.ndarray]:
    """The coalitions ``0 .. 2**n - 1`` sorted by size (stably), and where each size starts."""
    sizes = popcounts(n)
    order = np.argsort(sizes, kind="stable")
    order.flags.writeable = False
    return order, np.searchsorted(sizes[order], np.arange(n + 1))


def _marginal_sums(game: CoalitionGame) -> tuple[np.ndarray, int | None]:
    n = game.n
    exact = exact_worths(game)
    if exact is not None:
        worths, scale = exact
    else:
        worths, scale = worth_floats(game), None
    order, starts = _size_order(n)
    sorted_worths = worths[order]
    total = np.add.reduceat(sorted_worths, starts)
    with_player = np.empty((n, n + 1), dtype=worths.dtype)
    zero = sorted_worths.dtype.type(0) if sorted_worths.dtype != np.dtype(object) else 0
    for i in range(n):
        member = ((order >> i) & 1).astype(bool)
        with_player[i] = np.add.reduceat(np.where(member, sorted_worths, zero), starts)
        with_player[i, 0] = 0  # reduceat of the empty coalition's slot
    marginal = with_player[:, 1:] - (total[None, :-1] - with_player[:, :-1])
    return marginal, scale
