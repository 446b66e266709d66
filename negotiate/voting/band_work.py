"""The work of the counts in a band (:mod:`negotiate.voting.banded`), estimated on a body's
shape before anything is counted: for the work guard and for the choice of method.

A voter step reads, for every size, the weights its row holds: between the lightest and the
heaviest coalitions of that size multiplied in so far, above the band's floor and below its cap,
in slots of the width then. The estimates are in bits read, like
:func:`negotiate.voting.generating.rows_work`; measured here, the band reads 16-28 Gbit a second
and the whole product with divisions 20-40.

>>> from negotiate.voting.generating import IntegerBody
>>> body = IntegerBody.of([(w, 100) for w in range(1, 11)], 2751)  # 1,000 voters, ten classes
>>> round(swings_work(body)[0] / 1e9), minimal_method(body)[0]
(38, 'tree')
"""

from __future__ import annotations

import numpy as np

from negotiate.voting.banded import set_apart, slot_width, tree_steps
from negotiate.voting.generating import IntegerBody, rows_work

__all__ = [
    "APART_COST",
    "BANDED_COST",
    "ESTIMATED_CELLS",
    "MINIMAL_CLASSES",
    "apart_work",
    "flat_work",
    "minimal_method",
    "minimal_work",
    "swings_work",
]

MINIMAL_CLASSES = 128
"""The most weight classes :func:`~negotiate.voting.banded.minimal_winning_counts` takes on (a tree
per class; its estimate alone takes ``classes^2`` passes over the voters)."""

ESTIMATED_CELLS = 10**8
"""The most ``classes^2 * voters`` for which the bands of the minimal winning coalitions are
estimated (each estimate reads about that many numbers: half a second); larger bodies, far past
any work limit, are estimated by the divisions alone."""

BANDED_COST = 1.5
"""Time per estimated bit of :func:`~negotiate.voting.banded.minimal_winning_counts` (a tree per
class) over that of the whole product with divisions, measured (16-28 against 20-40 Gbit/s on
bodies of 60 to 1,000 voters)."""

APART_COST = 4.0
"""The same for ``layout="apart"`` (a band per voter set apart), whose many short rows cost more
per estimated bit: 6-13 Gbit/s on bodies of 120 to 200 voters of distinct weights."""


class _Shape:
    """The weights a band holds, summed over sizes, from prefix sums of voters heaviest first:
    after the first ``voters`` of them, size ``s`` weighs between the ``s`` lightest and the
    ``s`` heaviest; only the weights in ``[floor, cap)`` are held."""

    def __init__(self, weights: list[int], cap: int) -> None:
        self.heaviest = np.concatenate([[0], np.cumsum(weights, dtype=np.int64)])
        self.cap = cap

    def cells(self, voters: int, floor: int) -> int:
        """The weights held after the first ``voters``, above ``floor``, summed over sizes."""
        return int(self.cells_above(voters, np.array([floor]))[0])

    def cells_above(self, voters: int, floors: np.ndarray) -> np.ndarray:
        """:meth:`cells` for each of ``floors`` at once."""
        sizes = np.arange(1, voters + 1)
        lightest = self.heaviest[voters] - self.heaviest[voters - sizes]
        low = np.maximum(lightest[None, :], floors[:, None])
        high = np.minimum(self.heaviest[sizes], self.cap - 1)[None, :]
        return np.asarray(np.maximum(high - low + 1, 0).sum(axis=1))


def _product_costs(body: IntegerBody) -> tuple[tuple[int, int], ...]:
    """``(steps, bits a step reads)`` for each class's voters in ``P0``, the reads sampled at the
    first, middle and last of them."""
    quota, n = body.quota, body.voters
    rest = set_apart(body)
    shape = _Shape(rest, max(quota, 1))
    slack, last = sum(body.weights), int(shape.heaviest[-1])
    costs: list[tuple[int, int]] = []
    start = 0
    for count in body.counts:
        if count > 1:
            samples = (start + 1, start + count // 2, start + count - 1)
            reads = [
                shape.cells(v, quota - slack - (last - int(shape.heaviest[v]))) * slot_width(v, n)
                for v in samples
            ]
            costs.append((count - 1, sum(reads) // 3))
        start += count - 1
    return tuple(costs)


def _tree_costs(body: IntegerBody) -> tuple[tuple[int, int], ...]:
    """``(steps, bits a step reads)`` for each node of the tree of classes: a node of classes
    ``C`` holds at most the band of every voter above ``quota - sum(C)``."""
    n = body.voters
    everyone = [w for w, c in zip(body.weights, body.counts, strict=True) for _ in range(c)]
    shape = _Shape(everyone, max(body.quota, 1))
    costs: list[tuple[int, int]] = []

    def node(classes: list[int]) -> None:
        if len(classes) > 1:
            floor = body.quota - sum(classes)
            costs.append((len(classes), shape.cells(n, floor) * slot_width(n, n)))
            half = len(classes) // 2
            node(classes[:half])
            node(classes[half:])

    node(list(body.weights))
    return tuple(costs)


def minimal_work(body: IntegerBody) -> tuple[int, int]:
    """Bits that :func:`~negotiate.voting.banded.minimal_winning_counts` reads and holds (at
    most), estimated on the body's shape as :func:`swings_work` is: ``Q``'s voter steps, then
    for each class ``d`` the tree of classes ``0..d``, a node of classes ``C`` holding the band
    of the voters of weight ``>= v_d`` above ``quota - v_0 - sum(C)``.

    >>> minimal_work(IntegerBody.of([(1, 3)], 2))
    (20, 16)
    """
    classes = body.positive
    if not classes:
        return 0, 0
    n, weights = body.voters, [w for w, _ in classes]
    cap, bottom = max(body.quota + weights[0], 1), body.quota - weights[0]
    rest = [w for w, c in classes for _ in range(c - 1)]
    held = _Shape(rest, cap)
    everyone = _Shape([w for w, c in classes for _ in range(c)], cap)
    singles, after = sum(weights), len(rest)
    work = peak = start = members = 0
    for d, (_, count) in enumerate(classes):
        for v in (start + 1, start + (count - 1) // 2, start + count - 1) if count > 1 else ():
            ahead = int(held.heaviest[after] - held.heaviest[v])
            reads = held.cells(v, bottom - ahead - singles) * slot_width(v, n)
            work, peak = work + reads * (count - 1) // 3, max(peak, reads)
        start, members = start + count - 1, members + count
        nodes: list[tuple[int, int]] = []
        _nodes(weights[: d + 1], nodes)
        if nodes:
            sizes, sums = np.array(nodes, dtype=np.int64).T
            tree = everyone.cells_above(members, bottom - sums) * slot_width(n, n)
            work, peak = work + int((sizes * tree).sum()), max(peak, int(tree.max()))
    return work, peak * max(1, len(classes)).bit_length()


def apart_work(body: IntegerBody) -> tuple[int, int]:
    """Bits that :func:`~negotiate.voting.banded.minimal_winning_counts` with
    ``layout="apart"`` reads and holds (at most), estimated as :func:`minimal_work` is: at class
    ``d``, each band of a voter set apart (class ``e <= d``) takes the class's voters, holding
    the voters of weight ``>= v_d`` above ``quota - v_e`` minus the weight still to come; the
    band of everyone does the same above ``quota - v_(d+1)``. All bands are held at once.

    >>> apart_work(IntegerBody.of([(1, 3)], 2))
    (72, 24)
    """
    classes = body.positive
    if not classes:
        return 0, 0
    n, weights = body.voters, [w for w, _ in classes]
    everyone = _Shape([w for w, c in classes for _ in range(c)], max(body.quota + weights[0], 1))
    width, members, work, held = slot_width(n, n), 0, 0, 0
    ahead = sum(w * c for w, c in classes)
    for d, (weight, count) in enumerate(classes):
        members, ahead = members + count, ahead - weight * count
        following = weights[d + 1] if d + 1 < len(classes) else 0
        floors = body.quota - np.array([*weights[: d + 1], following], dtype=np.int64) - ahead
        bands = int(everyone.cells_above(members, floors).sum()) * width  # and everyone's
        work, held = work + count * bands, max(held, bands)
    return work, held


def minimal_method(body: IntegerBody) -> tuple[str, tuple[int, int]]:
    """How the minimal winning coalitions of ``body`` are counted by size, by the least
    estimated work, and that estimate (bits read, bits held): ``"divisions"`` (the whole
    product, :func:`~negotiate.voting.generating.minimal_winning_counts`), or in a band
    (:func:`~negotiate.voting.banded.minimal_winning_counts`) with a tree of the classes at each
    class (``"tree"``) or a band per voter set apart (``"apart"``). The bands' estimates count
    :data:`BANDED_COST` and :data:`APART_COST` times; they are not made for more than
    :data:`MINIMAL_CLASSES` classes or :data:`ESTIMATED_CELLS`.

    >>> minimal_method(IntegerBody.of([(w, 100) for w in range(1, 11)], 2751))[0]
    'tree'
    >>> minimal_method(IntegerBody.of([(w, 1) for w in range(1, 61)], 916))[0]
    'apart'
    """
    classes = len(body.positive)
    estimates = {"divisions": (1.0, rows_work(body))}
    if 0 < classes <= MINIMAL_CLASSES and classes**2 * body.voters <= ESTIMATED_CELLS:
        estimates["apart"] = (APART_COST, apart_work(body))
        if body.voters >= 2 * classes:  # about a voter a class: no tree
            estimates["tree"] = (BANDED_COST, minimal_work(body))
    method = min(estimates, key=lambda m: estimates[m][0] * estimates[m][1][0])
    return method, estimates[method][1]


def _nodes(weights: list[int], found: list[tuple[int, int]]) -> None:
    """``(classes, their weights' sum)`` of each inner node of the tree of ``weights``."""
    if len(weights) > 1:
        found.append((len(weights), sum(weights)))
        half = len(weights) // 2
        _nodes(weights[:half], found)
        _nodes(weights[half:], found)


def flat_work(body: IntegerBody) -> int:
    """Bits that :func:`~negotiate.voting.banded.swings_by_class` and
    :func:`~negotiate.voting.banded.minimal_winning_by_class` read, bounded on the body's shape:
    each voter step reads the band from its floor up to the cap (quota, or quota plus the heaviest
    weight) in slots of the width then; a tree node of classes ``C`` reads ``|C|`` steps of its
    band.

    >>> flat_work(IntegerBody.of([(1, 3)], 2))
    64
    """
    positive = body.positive
    if not positive:
        return 0
    n, quota, heaviest = body.voters, body.quota, positive[0][0]

    def band(cap: int, floor: int, voters: int) -> int:
        return min(max(cap - floor, 0), cap) * slot_width(voters, n)

    work, voters = 0, 0
    ahead = sum((c - 1) * w for w, c in positive)
    singles = sum(w for w, _ in positive)
    for d, (weight, count) in enumerate(positive):
        ahead -= (count - 1) * weight  # the class's voters in: the band at its last
        voters += count - 1
        swings = band(quota, quota - ahead - singles, voters)
        minimal = band(quota + heaviest, quota - heaviest - ahead - singles, voters)
        inside = sum(w for w, _ in positive[: d + 1])
        tree = band(quota + heaviest, quota - heaviest - inside, n) * tree_steps(d + 1)
        work += (count - 1) * (swings + minimal) + tree
    return work + band(quota, quota - singles, n) * tree_steps(len(body.weights))


def swings_work(body: IntegerBody) -> tuple[int, int]:
    """Bits that :func:`~negotiate.voting.banded.swings_by_size` reads and holds (at most),
    estimated on the body's shape: each voter step reads, for every size, the weights its row
    holds (between the lightest and heaviest coalitions of that size so far, within the band) in
    slots of the width then; it holds the widest band of ``P0`` and one band per level of the
    tree of classes.

    >>> swings_work(IntegerBody.of([(1, 3)], 2))
    (16, 8)
    """
    product, tree = _product_costs(body), _tree_costs(body)
    work = sum(steps * reads for steps, reads in product + tree)
    widest = max((reads for _, reads in product), default=0)
    levels = max((reads for _, reads in tree), default=0) * max(1, len(body.weights)).bit_length()
    return work, widest + levels
