"""Exact counting of coalitions by weight and size with generating functions.

A weighted body's coalitions are counted by ``N(z, t) = prod_v (1 + z^v t)^(c_v)`` over its
*weight classes* (``c_v`` voters of weight ``v``; blocs of equal weight are merged), truncated at
the weight that matters (Brams & Affuso 1976; Bilbao et al. 2000). One voter set apart is an
exact division by ``1 + z^v t``. Here: the body in lowest integer terms, and the minimal winning
coalitions by size on the whole product with divisions (the Deegan-Packel index of voters of
distinct weights); everything else is counted in a band below the quota, with no division, by
:mod:`negotiate.voting.banded`.

Representation: one Python integer per coalition size ``s``, holding the coefficients of ``z^w``
(``w`` below the truncation) in fixed slots of ``bits`` bits (Kronecker substitution). A
multiplication by ``1 + z^v t`` is then one shift, one addition and one mask per size, done on
whole machine words by the integer arithmetic; a window's coefficient sum is one remainder
modulo ``2^bits - 1``. Every coefficient counts coalitions of ``<= n`` voters of one size, so it
is below ``2^n`` and fits its slot: the arithmetic is exact.

>>> body = IntegerBody.of([(7, 5), (1, 10)], 39)  # the UN Security Council
>>> body.weights, body.counts, body.quota
((7, 1), (5, 10), 39)
>>> minimal_winning_counts(body)[:2]  # their number; those with one permanent, one elected
(210, [210, 84])
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from fractions import Fraction

import attrs

from negotiate.progress import Tally

__all__ = ["IntegerBody", "minimal_winning_counts", "rows_work"]


def _ints(values: Iterable[int]) -> tuple[int, ...]:
    return tuple(values)


@attrs.frozen
class IntegerBody:
    """A weighted body in lowest integer terms: distinct weights (descending), the number of
    voters of each, and the quota."""

    weights: tuple[int, ...] = attrs.field(converter=_ints)
    counts: tuple[int, ...] = attrs.field(converter=_ints)
    quota: int

    @classmethod
    def of(cls, voters: Iterable[tuple[Fraction | int, int]], quota: Fraction | int) -> IntegerBody:
        """The body of ``(weight, count)`` pairs with exact weights, scaled to integers and
        divided by their greatest common divisor (the quota rounded up), equal weights merged."""
        pairs = [(Fraction(w), c) for w, c in voters]
        q = Fraction(quota)
        scale = math.lcm(q.denominator, *(w.denominator for w, _ in pairs))
        merged: dict[int, int] = {}
        for w, c in pairs:
            key = int(w * scale)
            merged[key] = merged.get(key, 0) + c
        divisor = math.gcd(*merged) or 1
        weights = sorted(merged, reverse=True)
        return cls(
            weights=[w // divisor for w in weights],
            counts=[merged[w] for w in weights],
            quota=-(-int(q * scale) // divisor),
        )

    @property
    def voters(self) -> int:
        """The number of voters."""
        return sum(self.counts)

    @property
    def positive(self) -> list[tuple[int, int]]:
        """``(weight, count)`` of the classes of positive weight, heaviest first (a voter of
        weight 0 is in no minimal winning coalition and swings none).

        >>> IntegerBody.of([(2, 1), (0, 3), (1, 2)], 2).positive
        [(2, 1), (1, 2)]
        """
        return [(w, c) for w, c in zip(self.weights, self.counts, strict=True) if w > 0]


def rows_work(body: IntegerBody) -> tuple[int, int]:
    """Bit operations and bits held (at most) of :func:`minimal_winning_counts`, estimated on
    the body's shape: rows from the lightest coalition of each size up to ``cap`` (the quota
    plus the heaviest weight) in slots of ``n + 2`` bits, a pass per voter and per division
    (``k (k + 3) / 2`` for ``k`` classes), four sets of rows held.

    >>> rows_work(IntegerBody.of([(1, 3)], 2))
    (150, 120)
    """
    n, k = body.voters, len(body.weights)
    cap = max(body.quota + (body.weights[0] if body.weights else 0), 1)
    rows = sum(cap - floor for floor in _floors(body, cap)) * (n + 2)
    return rows * (n + k * (k + 3) // 2), 4 * rows


def _floors(body: IntegerBody, cap: int) -> list[int]:
    """The weight of the lightest coalition of each size, while it is below ``cap``."""
    floors = [0]
    for weight, count in zip(reversed(body.weights), reversed(body.counts), strict=True):
        for _ in range(count):
            if floors[-1] + weight >= cap:
                return floors
            floors.append(floors[-1] + weight)
    return floors


class _Rows:
    """Polynomials in ``z`` (weight, truncated below ``cap``) and ``t`` (size, up to
    ``voters``), one packed integer per size.

    With ``floors`` (``floors[s]``: a weight below which no coalition of ``s`` voters weighs,
    non-decreasing in ``s``), row ``s`` holds only the weights ``floors[s] <= w < cap``, in slot
    ``w - floors[s]``, and the rows whose floor reaches ``cap`` are not kept: the zeros below
    the lightest coalitions of each size cost nothing.
    """

    def __init__(self, cap: int, voters: int, floors: list[int] | None = None) -> None:
        self.cap = max(cap, 1)
        self.voters = voters
        self.bits = voters + 2
        self.floors = floors if floors is not None else [0] * (voters + 1)
        self.top = max(s for s in range(voters + 1) if self.floors[s] < self.cap)
        self.limits = [max(self.cap - f, 0) * self.bits for f in self.floors]
        self.digits = (1 << self.bits) - 1
        self.passes = [0] * (voters + 1)
        """``passes[s]``: the bits a pass over rows ``1..s`` reads (the work of one step)."""
        for size in range(1, voters + 1):
            self.passes[size] = self.passes[size - 1] + self.limits[size]

    def one(self) -> list[int]:
        return [1] + [0] * self.voters

    def _moved(self, lower: int, weight: int, s: int) -> int:
        """Row ``s - 1`` times ``z^weight``, in the slots of row ``s`` (truncated)."""
        shift = (weight + self.floors[s - 1] - self.floors[s]) * self.bits
        moved = lower << shift if shift >= 0 else lower >> -shift  # dropped slots are zero
        if moved.bit_length() > self.limits[s]:
            moved &= (1 << self.limits[s]) - 1
        return moved

    def times(self, rows: list[int], weight: int, count: int, filled: int, progress: Tally) -> int:
        """``rows *= (1 + z^weight t)^count`` in place; ``filled`` is the largest size present.
        Returns the new largest size."""
        for _ in range(count):
            filled = min(filled + 1, self.top)
            for s in range(filled, 0, -1):
                lower = rows[s - 1]
                if lower:
                    rows[s] += self._moved(lower, weight, s)
                    if rows[s].bit_length() > self.limits[s]:
                        rows[s] &= (1 << self.limits[s]) - 1
            progress.step(self.passes[filled])
        return filled

    def product_work(self) -> int:
        """The bits that multiplying in every voter reads (:meth:`times`, one voter a step)."""
        return sum(self.passes[min(k, self.top)] for k in range(1, self.voters + 1))

    def without_one(self, rows: list[int], weight: int, sizes: int | None = None) -> list[int]:
        """``rows / (1 + z^weight t)``, exactly (the polynomial has that factor); with
        ``sizes``, only the rows of sizes up to ``sizes`` (the others are left 0)."""
        last = self.top if sizes is None else min(self.top, sizes)
        out = [rows[0]]
        for s in range(1, last + 1):
            out.append(rows[s] - self._moved(out[-1], weight, s))
        return out + [0] * (self.voters - last)

    def window(self, rows: list[int], low: int, high: int) -> list[int]:
        """For each size, the sum of the coefficients of ``z^w``, ``low <= w < high``."""
        sums = []
        for row, floor in zip(rows, self.floors, strict=True):
            first, last = max(low, floor, 0) - floor, min(high, self.cap) - floor
            if first >= last or not row:
                sums.append(0)
                continue
            keep = (1 << ((last - first) * self.bits)) - 1  # shift first: only the top is read
            sums.append(((row >> (first * self.bits)) & keep) % self.digits)
        return sums


def minimal_winning_counts(body: IntegerBody) -> tuple[int, list[int], list[Fraction]]:
    """Minimal winning coalitions, counted by their lightest weight ``ω``: voters of weight
    ``>= ω``, at least one of weight ``ω``, total weight in ``[quota, quota + ω)``.

    Returns their number and, for one voter of each class, how many contain it and the sum of
    ``1/|S|`` over those.
    """
    cap = max(body.quota + (body.weights[0] if body.weights else 0), 1)
    floors = _floors(body, cap)
    algebra = _Rows(cap, body.voters, floors + [cap] * (body.voters + 1 - len(floors)))
    divisions = [
        (d + 1) * algebra.passes[min(algebra.top, body.quota // omega)]
        for d, omega in enumerate(w for w in body.weights if w)
    ]
    progress = Tally("counting minimal winning coalitions", algebra.product_work() + sum(divisions))
    total = 0
    containing = [0] * len(body.weights)
    by_size = [[0] * (body.voters + 1) for _ in body.weights]  # others in, by their number
    heavier = algebra.one()
    filled = 0
    for d, (omega, count) in enumerate(zip(body.weights, body.counts, strict=True)):
        if omega == 0:
            break
        at_least = list(heavier)
        filled = algebra.times(at_least, omega, count, filled, progress)
        lightest = [a - h for a, h in zip(at_least, heavier, strict=True)]
        top = body.quota + omega
        total += sum(algebra.window(lightest, body.quota, top))
        others = body.quota // omega  # a minimal winning coalition has < quota / omega + 1
        for e in range(d + 1):
            weight = body.weights[e]
            rest = algebra.without_one(lightest if e < d else at_least, weight, others)
            counts = algebra.window(rest, body.quota - weight, top - weight)
            containing[e] += sum(counts)
            by_size[e] = [a + k for a, k in zip(by_size[e], counts, strict=True)]
        heavier = at_least
        progress.step(divisions[d])
    # a coalition of s others plus the voter has s + 1 members
    packel = [
        sum((Fraction(k, s + 1) for s, k in enumerate(row) if k), Fraction(0)) for row in by_size
    ]
    return total, containing, packel
