"""Ranking packages by their Nash product ``prod_i g_i ** w_i``: float logarithms first, then,
in exact games, the near-ties compared exactly as the integers ``prod_i g_i ** a_i`` (powers
``w_i = a_i / D``).

>>> import numpy as np
>>> product = NashProduct(np.array([[1, 4], [2, 2], [3, 1], [0, 9]]), [1, 1], exact=True)
>>> product.best().tolist(), product.ranked(3).tolist()
([0, 1], [0, 1, 2])
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from negotiate.errors import NumericalError, shorten
from negotiate.exact.numbers import Number, is_exact

__all__ = ["MAX_EXPONENT_SUM", "NashProduct"]


MAX_EXPONENT_SUM = 10_000
"""The largest sum of the whole exponents of an exact asymmetric Nash product (beyond it the
exact products would take minutes)."""


class NashProduct:
    """Ranks gain vectors by ``prod_i g_i ** w_i``: float logs, then exact integers on near-ties."""

    def __init__(self, gains: np.ndarray, powers: list[Number], exact: bool) -> None:
        self.gains = gains
        self.exact = exact and is_exact(*powers)
        columns = gains.reshape(len(gains), len(powers))
        positive = np.ones(len(gains), dtype=bool)
        for column in columns.T:  # column by column: faster than a reduction along short rows
            positive &= np.asarray(column > 0, dtype=bool)
        rows = np.flatnonzero(positive)  # logs only where every gain is positive
        total = np.zeros(len(rows))
        for column, power in zip(columns.T, powers, strict=True):
            term = np.log(column[rows].astype(np.float64))
            term *= float(power)
            total += term
        self.score = np.full(len(gains), -np.inf)  # a gain <= 0: product 0
        self.score[rows] = total
        if self.exact:
            common = math.lcm(1, *(Fraction(w).denominator for w in powers))
            self.exponents = [int(Fraction(w) * common) for w in powers]
            if sum(self.exponents) > MAX_EXPONENT_SUM:
                raise NumericalError(
                    f"the exact asymmetric Nash product needs powers as whole exponents; these "
                    f"powers make exponents summing to {shorten(str(sum(self.exponents)), 30)} "
                    f"(over {MAX_EXPONENT_SUM}): use powers with a smaller ratio and common "
                    "denominator (e.g. 2 and 3, or 0.4 and 0.6)"
                )

    def _tolerance(self, level: float) -> float:
        return 1e-9 * (1 + abs(level))

    def key(self, row: int) -> Any:
        """An exact sort key (larger is better) of one row."""
        if not np.isfinite(self.score[row]):
            return 0
        if not self.exact:
            return float(self.score[row])
        return math.prod(int(g) ** e for g, e in zip(self.gains[row], self.exponents, strict=True))

    def best(self) -> np.ndarray:
        """The rows of largest product, in row order."""
        if len(self.score) == 0:
            return np.zeros(0, dtype=np.int64)
        top = self.score.max()
        if not np.isfinite(top):
            return np.arange(len(self.score))  # every product is 0: all tie
        if not self.exact:
            return np.flatnonzero(self.score >= top - 1e-12 * (1 + abs(top)))
        near = np.flatnonzero(self.score >= top - self._tolerance(top))
        keys = [self.key(int(r)) for r in near]
        best = max(keys)
        return near[[k == best for k in keys]]

    def ranked(self, count: int) -> np.ndarray:
        """The ``count`` rows of largest product, best first, ties in row order."""
        rows = len(self.score)
        if rows == 0 or count <= 0:
            return np.zeros(0, dtype=np.int64)
        k = min(count, rows)  # the k-th largest score: a partition, not a sort
        threshold = -np.partition(-self.score, k - 1)[k - 1]
        if np.isfinite(threshold):
            near = np.flatnonzero(self.score >= threshold - self._tolerance(threshold))
        else:
            near = np.flatnonzero(np.isfinite(self.score))
            zeros = np.flatnonzero(~np.isfinite(self.score))[: max(count - len(near), 0)]
            near = np.concatenate([near, zeros])
        if self.exact:
            keyed = sorted(((self.key(int(r)), -int(r)) for r in near), reverse=True)
            chosen = [-r for _, r in keyed]
        else:
            chosen = [int(r) for r in near[np.argsort(-self.score[near], kind="stable")]]
        return np.array(chosen[:count], dtype=np.int64)
