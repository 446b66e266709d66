"""The swings of one voter of each weight class, by coalition size or without sizes (the
Shapley-Shubik and Banzhaf indices), counted in a band below the quota.

A voter of class ``v`` swings the coalitions of the other voters whose weight lies in the window
``[quota - v, quota)``: coefficients of the generating function ``prod (1 + z^w t)`` over those
voters (Brams & Affuso 1976; Bilbao et al. 2000). Setting a voter apart by dividing the whole
product by ``1 + z^v t`` needs every weight below the quota. Multiplying instead needs only the
weights that can still reach a window:

1. ``P0``, every voter but one of each class, is multiplied in heaviest first. After each voter,
   weights below ``quota - sum(weights) - R`` (``R``: the weight of the voters still to come) are
   dropped: the voters left, one per class included, cannot lift them to the quota. Heaviest
   first, ``R`` falls fastest while the product is still narrow.
2. The others of a voter of class ``c`` are ``P0`` and one voter of every other class. These
   products are shared down a binary tree of the classes (``k log2 k`` voter steps for ``k``
   classes), each node keeping only the band its leaves' windows can still reach.

Rows are one Python integer per size, holding the weights from their own lowest (``base``) in
slots of ``bits`` bits (Kronecker substitution) that widen as voters come in: a coefficient of
``t`` voters is below ``2^t``, so the first hundred voters move hundred-bit slots. Without
sizes, one packed integer goes the same way. With 1,000 voters in ten classes this is about
38 Gbit of integer arithmetic (:func:`gf_work`), against about 925 for the whole product below
the quota and a division per class.

>>> body = IntegerBody.of([(7, 5), (1, 10)], 39)  # the UN Security Council
>>> [sum(counts) for counts in swings_by_size(body)]  # swings of one permanent, one elected
[848, 84]
"""

from __future__ import annotations

from typing import Protocol, Self, TypeVar

import numpy as np

from negotiate.progress import advance
from negotiate.voting.generating import IntegerBody

__all__ = ["gf_bits", "gf_work", "swings_by_class", "swings_by_size"]

Window = TypeVar("Window")
Window_co = TypeVar("Window_co", covariant=True)

GRAIN = 64
"""Slots widen by this many bits at a time (a multiple of 8: widening moves whole bytes)."""

LAZY_SLOTS = 32
"""Slots below the band (or above the quota) a row may carry before they are cut off."""

STAGE = "counting coalitions by weight and size"


def _width(voters: int, total: int) -> int:
    """The slot width for ``voters`` multiplied in: at least ``voters + 2`` bits, in steps of
    :data:`GRAIN`, never beyond the width of the whole body (``total`` voters)."""
    return min(GRAIN * -(-(voters + 2) // GRAIN), 8 * -(-(total + 2) // 8))


def _widened(packed: int, bits: int, wider: int) -> int:
    """``packed`` (slots of ``bits`` bits) re-packed into slots of ``wider`` bits (both
    multiples of 8)."""
    if not packed:
        return 0
    slots, old, new = -(-packed.bit_length() // bits), bits // 8, wider // 8
    narrow = np.frombuffer(packed.to_bytes(slots * old, "little"), np.uint8)
    wide = np.zeros((slots, new), np.uint8)
    wide[:, :old] = narrow.reshape(slots, old)
    return int.from_bytes(wide.tobytes(), "little")


class _Band:
    """Polynomials in ``z`` (weight, below ``cap``) and ``t`` (size), one integer per size:
    slot ``j`` (of ``bits`` bits) of row ``s`` holds the coefficient of ``z^(base[s] + j) t^s``.
    """

    def __init__(self, cap: int, total: int) -> None:
        self.cap, self.total = cap, total
        self.rows = [1] + [0] * total
        self.base = [0] * (total + 1)
        self.voters = 0
        self.bits = _width(0, total)
        self.low = self.high = 0
        """Rows below ``low`` and above ``high`` are zero."""

    def copy(self) -> _Band:
        twin = _Band.__new__(_Band)
        twin.cap, twin.total, twin.voters, twin.bits = self.cap, self.total, self.voters, self.bits
        twin.rows, twin.base = list(self.rows), list(self.base)
        twin.low, twin.high = self.low, self.high
        return twin

    def _widen(self) -> None:
        """Re-pack every row into slots wide enough for one more voter."""
        bits = _width(self.voters + 1, self.total)
        if bits != self.bits:
            self.rows = [_widened(row, self.bits, bits) for row in self.rows]
            self.bits = bits

    def times(self, weight: int, floor: int) -> None:
        """Multiply by ``1 + z^weight t``, keeping the weights ``>= floor``."""
        self._widen()
        self.voters += 1
        rows, base, bits, cap = self.rows, self.base, self.bits, self.cap
        for s in range(min(self.high + 1, self.total), self.low, -1):
            lower = rows[s - 1]
            moved = base[s - 1] + weight
            if not lower or moved >= cap:
                continue
            row = rows[s]
            if not row:
                row, base[s] = lower, moved
            elif moved >= base[s]:
                row += lower << ((moved - base[s]) * bits)
            else:  # the row's lightest weight falls: its slots move up
                row = (row << ((base[s] - moved) * bits)) + lower
                base[s] = moved
            keep = (cap - base[s]) * bits
            if row.bit_length() > keep + LAZY_SLOTS * bits:
                row &= (1 << keep) - 1  # weights reaching the quota
            if floor - base[s] > LAZY_SLOTS:
                row >>= (floor - base[s]) * bits  # weights that can no longer reach it
                base[s] = floor
            rows[s] = row
        while self.high < self.total and rows[self.high + 1]:
            self.high += 1
        while self.low < self.high and (  # rows wholly below the floor: dead
            not rows[self.low] or base[self.low] + -(-rows[self.low].bit_length() // bits) <= floor
        ):
            rows[self.low] = 0
            self.low += 1

    def window(self, low: int, high: int) -> list[int]:
        """For each size, the sum of the coefficients of ``z^w``, ``low <= w < high``."""
        digits = (1 << self.bits) - 1
        sums = []
        for row, base in zip(self.rows, self.base, strict=True):
            first, last = max(low, base) - base, min(high, self.cap) - base
            if first >= last or not row:
                sums.append(0)
                continue
            keep = (1 << ((last - first) * self.bits)) - 1
            sums.append(((row >> (first * self.bits)) & keep) % digits)
        return sums


class _FlatBand:
    """Polynomials in ``z`` alone (weight, below ``cap``; coalitions of any size), one packed
    integer from weight ``base`` up, as :class:`_Band` keeps each of its rows."""

    def __init__(self, cap: int, total: int) -> None:
        self.cap, self.total = cap, total
        self.poly, self.base, self.voters = 1, 0, 0
        self.bits = _width(0, total)

    def copy(self) -> _FlatBand:
        twin = _FlatBand(self.cap, self.total)
        twin.poly, twin.base, twin.voters, twin.bits = self.poly, self.base, self.voters, self.bits
        return twin

    def times(self, weight: int, floor: int) -> None:
        """Multiply by ``1 + z^weight``, keeping the weights ``>= floor``."""
        bits = _width(self.voters + 1, self.total)
        if bits != self.bits:
            self.poly, self.bits = _widened(self.poly, self.bits, bits), bits
        self.voters += 1
        poly = self.poly + (self.poly << (weight * bits))
        keep = (self.cap - self.base) * bits
        if poly.bit_length() > keep + LAZY_SLOTS * bits:
            poly &= (1 << keep) - 1
        if floor - self.base > LAZY_SLOTS:
            poly >>= (floor - self.base) * bits
            self.base = floor
        self.poly = poly

    def window(self, low: int, high: int) -> int:
        """The sum of the coefficients of ``z^w``, ``low <= w < high``."""
        first, last = max(low, self.base) - self.base, min(high, self.cap) - self.base
        if first >= last:
            return 0
        keep = (1 << ((last - first) * self.bits)) - 1
        return ((self.poly >> (first * self.bits)) & keep) % ((1 << self.bits) - 1)


def _rest(body: IntegerBody) -> list[int]:
    """The weights of ``P0``'s voters, heaviest first: every voter but one of each class."""
    return [w for w, c in zip(body.weights, body.counts, strict=True) for _ in range(c - 1)]


class _Product(Protocol[Window_co]):
    """What :func:`_by_class` multiplies: a band of polynomials below the quota."""

    def copy(self) -> Self: ...

    def times(self, weight: int, floor: int) -> None: ...

    def window(self, low: int, high: int) -> Window_co: ...


def _by_class(body: IntegerBody, band: _Product[Window], stage: str | None) -> list[Window]:
    """For each weight class, the window ``[quota - v, quota)`` of the product of the others of
    one voter of that class: ``P0`` heaviest first, then down the tree of classes (module
    docstring); the share of voter steps done is told to ``stage``, if any."""
    quota, weights = body.quota, body.weights
    rest = _rest(body)
    steps, done = len(rest) + _tree_steps(len(weights)), 0

    def step(node: _Product[Window], weight: int, floor: int) -> None:
        nonlocal done
        node.times(weight, floor)
        done += 1
        if stage is not None:
            advance(stage, done / steps)

    remaining = sum(rest) + sum(weights)
    for weight in rest:
        remaining -= weight
        step(band, weight, quota - remaining)
    windows: dict[int, Window] = {}

    def leaves(node: _Product[Window], classes: list[int]) -> None:
        if len(classes) == 1:
            windows[classes[0]] = node.window(quota - weights[classes[0]], quota)
            return
        half = len(classes) // 2
        for inside, outside in ((classes[:half], classes[half:]), (classes[half:], classes[:half])):
            child = node.copy()
            remaining = sum(weights[c] for c in classes)
            for c in outside:
                remaining -= weights[c]
                step(child, weights[c], quota - remaining)
            leaves(child, inside)

    leaves(band, list(range(len(weights))))
    return [windows[c] for c in range(len(weights))]


def swings_by_size(body: IntegerBody) -> list[list[int]]:
    """For each weight class, ``swings[s]``: the coalitions of ``s`` other voters that one voter
    of that class turns from losing to winning (weight in ``[quota - v, quota)``)."""
    return _by_class(body, _Band(max(body.quota, 1), body.voters), STAGE)


def swings_by_class(body: IntegerBody) -> list[int]:
    """For each weight class, the coalitions of other voters that one voter of that class turns
    from losing to winning (:func:`swings_by_size` summed over sizes, counted without them).

    >>> swings_by_class(IntegerBody.of([(7, 5), (1, 10)], 39))  # the UN Security Council
    [848, 84]
    """
    return _by_class(body, _FlatBand(max(body.quota, 1), body.voters), None)


def _tree_steps(classes: int) -> int:
    """Voter steps down the tree of ``classes`` leaves: each node multiplies each child by the
    other child's voters."""
    if classes <= 1:
        return 0
    half = classes // 2
    return classes + _tree_steps(half) + _tree_steps(classes - half)


class _Shape:
    """The weights a band holds, summed over sizes, from prefix sums of voters heaviest first:
    after the first ``voters`` of them, size ``s`` weighs between the ``s`` lightest and the
    ``s`` heaviest; only the weights in ``[floor, cap)`` are held."""

    def __init__(self, weights: list[int], cap: int) -> None:
        self.heaviest = np.concatenate([[0], np.cumsum(weights, dtype=np.int64)])
        self.cap = cap

    def cells(self, voters: int, floor: int) -> int:
        sizes = np.arange(1, voters + 1)
        lightest = self.heaviest[voters] - self.heaviest[voters - sizes]
        low = np.maximum(lightest, floor)
        high = np.minimum(self.heaviest[sizes], self.cap - 1)
        return int(np.maximum(high - low + 1, 0).sum())


def _product_costs(body: IntegerBody) -> list[tuple[int, int]]:
    """``(steps, bits a step reads)`` for each class's voters in ``P0`` (sampled at the first,
    middle and last of them), and the bits of the band ``P0`` ends with."""
    quota, n = body.quota, body.voters
    rest = _rest(body)
    shape = _Shape(rest, max(quota, 1))
    slack, last = sum(body.weights), int(shape.heaviest[-1])
    costs, start = [], 0
    for count in body.counts:
        if count > 1:
            samples = (start + 1, start + count // 2, start + count - 1)
            reads = [
                shape.cells(v, quota - slack - (last - int(shape.heaviest[v]))) * _width(v, n)
                for v in samples
            ]
            costs.append((count - 1, sum(reads) // 3))
        start += count - 1
    return costs


def _tree_costs(body: IntegerBody) -> list[tuple[int, int]]:
    """``(steps, bits a step reads)`` for each node of the tree of classes: a node of classes
    ``C`` holds at most the band of every voter above ``quota - sum(C)``."""
    n = body.voters
    everyone = [w for w, c in zip(body.weights, body.counts, strict=True) for _ in range(c)]
    shape = _Shape(everyone, max(body.quota, 1))
    costs = []

    def node(classes: list[int]) -> None:
        if len(classes) > 1:
            floor = body.quota - sum(classes)
            costs.append((len(classes), shape.cells(n, floor) * _width(n, n)))
            half = len(classes) // 2
            node(classes[:half])
            node(classes[half:])

    node(list(body.weights))
    return costs


def gf_work(body: IntegerBody) -> int:
    """Bits that :func:`swings_by_size` reads, estimated on the body's shape: each voter step
    reads, for every size, the weights its row holds (between the lightest and heaviest
    coalitions of that size so far, within the band) in slots of the width then.

    >>> gf_work(IntegerBody.of([(1, 3)], 2))
    16
    """
    return sum(steps * reads for steps, reads in _product_costs(body) + _tree_costs(body))


def gf_bits(body: IntegerBody) -> int:
    """Bits :func:`swings_by_size` holds at most, estimated: the widest band of ``P0`` and one
    band per level of the tree of classes.

    >>> gf_bits(IntegerBody.of([(1, 3)], 2))
    8
    """
    product = max((reads for _, reads in _product_costs(body)), default=0)
    tree = max((reads for _, reads in _tree_costs(body)), default=0)
    return product + tree * max(1, len(body.weights)).bit_length()
