"""Swings and minimal winning coalitions of one voter of each weight class, by coalition size
or without sizes (the Shapley-Shubik, Banzhaf, Deegan-Packel and Holler indices), counted in a
band below the quota with no division.

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
3. The minimal winning coalitions, counted by their lightest class ``d``, go the same way with
   a tree of the classes ``0..d`` at each ``d`` (:func:`minimal_winning_counts`).

Rows are one Python integer per size, holding the weights from their own lowest (``base``) in
slots of ``bits`` bits (Kronecker substitution) that widen as voters come in: a coefficient of
``t`` voters is below ``2^t``, so the first hundred voters move hundred-bit slots. Without
sizes, one packed integer goes the same way. With 1,000 voters in ten classes the swings take
about 38 Gbit of integer arithmetic, against about 925 for the whole product below the quota and
a division per class; :mod:`negotiate.voting.band_work` estimates the work beforehand.

>>> body = IntegerBody.of([(7, 5), (1, 10)], 39)  # the UN Security Council
>>> [sum(counts) for counts in swings_by_size(body)]  # swings of one permanent, one elected
[848, 84]
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any, Protocol, Self, TypeVar

import numpy as np

from negotiate.progress import Tally
from negotiate.voting.generating import IntegerBody

__all__ = [
    "minimal_winning_by_class",
    "minimal_winning_counts",
    "set_apart",
    "slot_width",
    "swings_by_class",
    "swings_by_size",
    "tree_steps",
]

Window = TypeVar("Window")
Window_co = TypeVar("Window_co", covariant=True)

GRAIN = 64
"""Slots widen by this many bits at a time (a multiple of 8: widening moves whole bytes)."""

LAZY_SLOTS = 32
"""Slots below the band (or above the quota) a row may carry before they are cut off."""

STAGE = "counting coalitions by weight and size"


def slot_width(voters: int, total: int) -> int:
    """The slot width for ``voters`` multiplied in: at least ``voters + 2`` bits, in steps of
    :data:`GRAIN`, never beyond the width of the whole body (``total`` voters).

    >>> slot_width(0, 1000), slot_width(63, 1000), slot_width(990, 1000)
    (64, 128, 1008)
    """
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
        self.bits = slot_width(0, total)
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
        bits = slot_width(self.voters + 1, self.total)
        if bits != self.bits:
            self.rows = [_widened(row, self.bits, bits) for row in self.rows]
            self.bits = bits

    def times(self, weight: int, floor: int) -> None:
        """Multiply by ``1 + z^weight t``, keeping the weights ``>= floor``."""
        self._widen()
        self.voters += 1
        rows, base, bits, cap = self.rows, self.base, self.bits, self.cap
        lazy = LAZY_SLOTS * bits
        for s in range(min(self.high + 1, self.total), self.low, -1):
            lower = rows[s - 1]
            moved = base[s - 1] + weight
            if not lower or moved >= cap:
                continue
            row, low = rows[s], base[s]
            if not row:
                row = lower
                low = moved
            elif moved >= low:
                row += lower << ((moved - low) * bits)
            else:  # the row's lightest weight falls: its slots move up
                row = (row << ((low - moved) * bits)) + lower
                low = moved
            keep = (cap - low) * bits
            if row.bit_length() > keep + lazy:
                row &= (1 << keep) - 1  # weights reaching the quota
            if floor - low > LAZY_SLOTS:
                row >>= (floor - low) * bits  # weights that can no longer reach it
                low = floor
            rows[s], base[s] = row, low
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
        self.bits = slot_width(0, total)

    def copy(self) -> _FlatBand:
        twin = _FlatBand(self.cap, self.total)
        twin.poly, twin.base, twin.voters, twin.bits = self.poly, self.base, self.voters, self.bits
        return twin

    def times(self, weight: int, floor: int) -> None:
        """Multiply by ``1 + z^weight``, keeping the weights ``>= floor``."""
        bits = slot_width(self.voters + 1, self.total)
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


def set_apart(body: IntegerBody) -> list[int]:
    """The weights of ``P0``'s voters, heaviest first: every voter but one of each class (one
    of each is set apart).

    >>> set_apart(IntegerBody.of([(7, 3), (1, 2)], 10))
    [7, 7, 1]
    """
    return [w for w, c in zip(body.weights, body.counts, strict=True) for _ in range(c - 1)]


class _Product(Protocol[Window_co]):
    """What :func:`_by_class` multiplies: a band of polynomials below the quota."""

    def copy(self) -> Self: ...

    def times(self, weight: int, floor: int) -> None: ...

    def window(self, low: int, high: int) -> Window_co: ...


class _Steps:
    """Voter steps into bands (``step(node, weight, floor)``), counted for the progress of
    ``stage`` (none when ``None``) out of a known total."""

    def __init__(self, stage: str | None, total: int) -> None:
        self.tally = Tally(stage, total)

    def __call__(self, node: _Product[Any], weight: int, floor: int) -> None:
        node.times(weight, floor)
        self.tally.step()


def _by_class(body: IntegerBody, band: _Product[Window], stage: str | None) -> list[Window]:
    """For each weight class, the window ``[quota - v, quota)`` of the product of the others of
    one voter of that class: ``P0`` heaviest first, then down the tree of classes (module
    docstring); the share of voter steps done is told to ``stage``, if any."""
    quota, weights = body.quota, body.weights
    rest = set_apart(body)
    step = _Steps(stage, len(rest) + tree_steps(len(weights)))
    remaining = sum(rest) + sum(weights)
    for weight in rest:
        remaining -= weight
        step(band, weight, quota - remaining)
    windows: dict[int, Window] = {}

    def leaf(node: _Product[Window], c: int) -> None:
        windows[c] = node.window(quota - weights[c], quota)

    _descend(band, list(range(len(weights))), weights, quota, step, leaf)
    return [windows[c] for c in range(len(weights))]


Step = Callable[[_Product[Window], int, int], None]


def _descend(
    node: _Product[Window],
    classes: list[int],
    weights: Sequence[int],
    bottom: int,
    step: Step[Window],
    leaf: Callable[[_Product[Window], int], None],
) -> None:
    """Down the binary tree of ``classes`` from ``node``: each child is multiplied by one voter
    of every class of the other child, keeping the weights ``>= bottom`` minus the weights its
    own classes can still add; ``leaf(band, c)`` gets the product with every class but ``c``
    multiplied in."""
    if len(classes) == 1:
        leaf(node, classes[0])
        return
    half = len(classes) // 2
    for inside, outside in ((classes[:half], classes[half:]), (classes[half:], classes[:half])):
        child = node.copy()
        remaining = sum(weights[c] for c in classes)
        for c in outside:
            remaining -= weights[c]
            step(child, weights[c], bottom - remaining)
        _descend(child, inside, weights, bottom, step, leaf)


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


MINIMAL_STAGE = "counting minimal winning coalitions"


def _minimal(
    body: IntegerBody,
    band: _Product[Window],
    minus: Callable[[Window, Window], Window],
    stage: str | None,
) -> tuple[list[Window], list[list[Window]]]:
    """The minimal winning coalitions by their lightest class ``d`` (weight ``ω``: members of
    weight ``>= ω``, at least one of weight ``ω``, total in ``[quota, quota + ω)``): for each
    ``d``, their window and, for one voter of each class ``e <= d``, the window of those that
    contain it.

    The classes are multiplied in heaviest first, every voter but one (``Q``); at class ``d``
    the tree of classes ``0..d`` gives, for each ``e``, the product of every voter of weight
    ``>= ω`` but one of class ``e``. Its window ``[quota - v_e, quota + ω - v_e)`` counts the
    coalitions containing that voter with members of weight ``>= ω``; those with no member of
    class ``d`` (for ``e < d``) are the same window of class ``d - 1``'s product, read there.
    Weights below ``quota - v_0`` minus what is still to come are dropped."""
    quota = body.quota
    classes = body.positive
    weights = [w for w, _ in classes]
    if not classes:
        return [], []
    bottom = quota - weights[0]
    rest, singles = sum((c - 1) * w for w, c in classes), sum(weights)
    steps = sum(c - 1 for _, c in classes) + sum(tree_steps(d + 1) + 1 for d in range(len(classes)))
    step = _Steps(stage, steps)
    before_total = band.copy().window(quota, quota + weights[0])  # the empty coalition
    before: list[Window] = []
    totals: list[Window] = []
    counts: list[list[Window]] = []
    for d, (omega, count) in enumerate(classes):
        for _ in range(count - 1):
            rest -= omega
            step(band, omega, bottom - rest - singles)
        following = weights[d + 1] if d + 1 < len(classes) else omega
        current, later, total = _stage(band, weights, d, quota, following, step)
        counts.append(
            [current[e] if e == d else minus(current[e], before[e]) for e in range(d + 1)]
        )
        totals.append(minus(total[0], before_total))
        before, before_total = [later[e] for e in range(d + 1)], total[1]
    return totals, counts


def _minimal_apart(
    body: IntegerBody,
    band: _Product[Window],
    minus: Callable[[Window, Window], Window],
    stage: str | None,
) -> tuple[list[Window], list[list[Window]]]:
    """As :func:`_minimal`, with one band per voter set apart instead of a tree per class: the
    band of class ``e``'s voter starts at class ``e`` (every heavier voter, and its class but
    that voter) and takes each lighter class's voters as they come, so its windows before and
    after class ``d`` give the coalitions with no member of class ``d`` and all of them. Each
    band keeps the weights its own windows (from ``quota - v_e``) can still reach. Fewer steps
    than the trees when classes have few voters (``sum_d d * count_d`` against
    ``sum_d d log2 d``)."""
    quota = body.quota
    classes = body.positive
    weights = [w for w, _ in classes]
    after = [sum(w * c for w, c in classes[d + 1 :]) for d in range(len(classes))]
    step = _Steps(stage, sum((d + 2) * c - 1 for d, (_, c) in enumerate(classes)))

    def steps_of(node: _Product[Window], weight: int, count: int, low: int, ahead: int) -> None:
        """``count`` voters of ``weight`` into ``node``, keeping what can reach ``low``."""
        for k in range(count, 0, -1):
            step(node, weight, low - (k - 1) * weight - ahead)

    apart: list[_Product[Window]] = []
    totals: list[Window] = []
    counts: list[list[Window]] = []
    for d, (omega, count) in enumerate(classes):
        by_class: list[Window] = []
        for e, node in enumerate(apart):
            low = quota - weights[e]
            before = node.window(low, low + omega)
            steps_of(node, omega, count, low, after[d])
            by_class.append(minus(node.window(low, low + omega), before))
        new = band.copy()
        steps_of(new, omega, count - 1, quota - omega, after[d])
        apart.append(new)
        by_class.append(new.window(quota - omega, quota))
        before_total = band.window(quota, quota + omega)
        following = weights[d + 1] if d + 1 < len(classes) else 0
        steps_of(band, omega, count, quota - following, after[d])
        totals.append(minus(band.window(quota, quota + omega), before_total))
        counts.append(by_class)
    return totals, counts


def _stage(
    band: _Product[Window],
    weights: list[int],
    d: int,
    quota: int,
    following: int,
    step: Step[Window],
) -> tuple[dict[int, Window], dict[int, Window], list[Window]]:
    """The windows at lightest class ``d`` (weight ``ω``) of :func:`_minimal`: for one voter of
    each class ``e <= d``, its others in ``[quota - v_e, quota + ω - v_e)`` and (for the next
    class, of weight ``following``) in ``[quota - v_e, quota + following - v_e)``; and every
    voter of weight ``>= ω`` in ``[quota, quota + ω)`` and ``[quota, quota + following)``."""
    omega, bottom = weights[d], quota - weights[0]
    current: dict[int, Window] = {}
    later: dict[int, Window] = {}
    total: list[Window] = []

    def leaf(node: _Product[Window], e: int) -> None:
        low = quota - weights[e]
        current[e] = node.window(low, low + omega)
        later[e] = node.window(low, low + following)
        if e == 0:
            whole = node.copy()
            step(whole, weights[0], bottom)
            total.extend(
                [whole.window(quota, quota + omega), whole.window(quota, quota + following)]
            )

    _descend(band, list(range(d + 1)), weights, bottom, step, leaf)
    return current, later, total


_LAYOUTS = {"tree": _minimal, "apart": _minimal_apart}


def _layout(layout: str) -> str:
    """``layout``, if it names one of :data:`_LAYOUTS`."""
    if layout not in _LAYOUTS:
        raise ValueError(f"unknown layout {layout!r} (expected one of {sorted(_LAYOUTS)})")
    return layout


def _rows_minus(a: list[int], b: list[int]) -> list[int]:
    return [x - y for x, y in zip(a, b, strict=True)]


def minimal_winning_by_class(body: IntegerBody, layout: str = "tree") -> tuple[int, list[int]]:
    """The minimal winning coalitions (as :func:`minimal_winning_counts`, ``layout`` too) counted
    without their sizes, on one packed integer: their number and, for one voter of each class,
    how many contain it.

    >>> minimal_winning_by_class(IntegerBody.of([(2, 1), (1, 2)], 3))
    (2, [2, 1])
    """
    cap = max(body.quota + (body.weights[0] if body.weights else 0), 1)
    totals, counts = _LAYOUTS[_layout(layout)](
        body, _FlatBand(cap, body.voters), operator.sub, None
    )
    containing = [0] * len(body.weights)
    for by_class in counts:
        for e, count in enumerate(by_class):
            containing[e] += count
    return sum(totals), containing


def minimal_winning_counts(
    body: IntegerBody, layout: str = "tree"
) -> tuple[int, list[int], list[Fraction]]:
    """Minimal winning coalitions (as :func:`negotiate.voting.generating.minimal_winning_counts`):
    their number and, for one voter of each class, how many contain it and the sum of ``1/|S|``
    over those. Counted by size in a band below ``quota + the heaviest weight``, with a tree of
    the classes at each class (``layout="tree"``) or a band per voter set apart (``"apart"``,
    for classes of few voters: :func:`negotiate.voting.band_work.minimal_method` chooses).

    >>> minimal_winning_counts(IntegerBody.of([(2, 1), (1, 2)], 3))
    (2, [2, 1], [Fraction(1, 1), Fraction(1, 2)])
    >>> minimal_winning_counts(IntegerBody.of([(2, 1), (1, 2)], 3), layout="apart")
    (2, [2, 1], [Fraction(1, 1), Fraction(1, 2)])
    """
    cap = max(body.quota + (body.weights[0] if body.weights else 0), 1)
    band = _Band(cap, body.voters)
    totals, counts = _LAYOUTS[_layout(layout)](body, band, _rows_minus, MINIMAL_STAGE)
    containing = [0] * len(body.weights)
    packel = [Fraction(0)] * len(body.weights)
    for by_class in counts:
        for e, by_size in enumerate(by_class):
            containing[e] += sum(by_size)
            packel[e] += sum((Fraction(k, s + 1) for s, k in enumerate(by_size) if k), Fraction(0))
    return sum(sum(row) for row in totals), containing, packel


def tree_steps(classes: int) -> int:
    """Voter steps down the tree of ``classes`` leaves: each node multiplies each child by the
    other child's voters.

    >>> tree_steps(1), tree_steps(2), tree_steps(10)
    (0, 2, 34)
    """
    if classes <= 1:
        return 0
    half = classes // 2
    return classes + tree_steps(half) + tree_steps(classes - half)
