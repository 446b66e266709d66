"""Generating functions over (weight, size): cross-checks against bloc compositions, the
merging of equal weights, the choice of method by work, and the work limit."""

from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiate.errors import GameTooLargeError
from negotiate.model.voting import Bloc, VotingGame
from negotiate.voting.band_work import minimal_method
from negotiate.voting.banded import minimal_winning_by_class, swings_by_class, swings_by_size
from negotiate.voting.banded import minimal_winning_counts as banded_minimal_winning_counts
from negotiate.voting.generating import IntegerBody, minimal_winning_counts
from negotiate.voting.power import INDICES, MAX_GF_BITS, MAX_GF_WORK, gf_counts, power_indices

F = Fraction


@st.composite
def weighted_bodies(draw):
    """Random weighted bodies: up to 6 blocs of up to 4 voters, rational weights (zero too)."""
    m = draw(st.integers(1, 6))
    counts = [draw(st.integers(1, 4)) for _ in range(m)]
    weights = [F(draw(st.integers(0, 12)), draw(st.sampled_from([1, 2, 3]))) for _ in range(m)]
    total = sum(w * c for w, c in zip(weights, counts, strict=True))
    if total == 0:
        weights[0], total = F(1), F(counts[0])
    quota = F(draw(st.integers(1, int(total * 6))), 6)
    quota = min(max(quota, F(1, 6)), total)
    blocs = [
        Bloc(id=f"b{k}", count=c, weight=w)
        for k, (c, w) in enumerate(zip(counts, weights, strict=True))
    ]
    return VotingGame(id="w", title="W", blocs=blocs, quota=quota)


@settings(max_examples=150, deadline=None)
@given(weighted_bodies())
def test_generating_functions_equal_compositions(game):
    """Every index by generating functions equals the exact enumeration of compositions."""
    slow = power_indices(game, method="compositions")
    fast = power_indices(game, method="generating_functions")
    auto = power_indices(game)
    for name in INDICES:
        assert fast.index(name) == slow.index(name) == auto.index(name), name
    assert fast.minimal_winning_total == slow.minimal_winning_total
    assert fast.swings == slow.swings


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(1, 25)), min_size=1, max_size=6),
    st.integers(-5, 400),
)
def test_swings_without_sizes_are_the_sums_by_size(classes, quota):
    """The Banzhaf path (one packed integer, no sizes) counts the same swings as the sizes'
    table summed, on bodies of up to 150 voters, zero weights and every kind of quota."""
    body = IntegerBody(
        weights=sorted({w for w, _ in classes}, reverse=True),
        counts=[
            sum(c for w2, c in classes if w2 == w)
            for w in sorted({w for w, _ in classes}, reverse=True)
        ],
        quota=quota,
    )
    assert swings_by_class(body) == [sum(row) for row in swings_by_size(body)]


@settings(max_examples=60, deadline=None)
@given(weighted_bodies(), st.data())
def test_split_blocs_keep_their_power(game, data):
    """Splitting a bloc into two blocs of the same weight changes no voter's power (the
    methods merge equal weights)."""
    first = game.blocs[0]
    if first.count < 2:
        return
    k = data.draw(st.integers(1, first.count - 1))
    split = [
        Bloc(id="x", count=k, weight=first.weight),
        Bloc(id="y", count=first.count - k, weight=first.weight),
        *game.blocs[1:],
    ]
    other = VotingGame(id="s", title="S", blocs=split, quota=game.quota)
    for method in ("compositions", "generating_functions"):
        whole, parts = power_indices(game, method=method), power_indices(other, method=method)
        for name in INDICES:
            assert parts.index(name)["x"] == parts.index(name)["y"] == whole.index(name)["b0"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(1, 40)), min_size=1, max_size=7),
    st.integers(1, 10**6),
)
def test_minimal_winning_without_sizes_equals_by_size(classes, quota_draw):
    """Counting minimal winning coalitions without their sizes (one packed integer, division
    by repeated squaring) gives the counts of the size-resolved generating functions."""
    total = sum(w * c for w, c in classes)
    if total == 0:
        classes, total = [(1, 1), *classes], total + 1
    body = IntegerBody.of(classes, 1 + quota_draw % total)
    by_size = minimal_winning_counts(body)
    assert minimal_winning_by_class(body) == (by_size[0], by_size[1])
    assert minimal_winning_by_class(body, "apart") == (by_size[0], by_size[1])


def test_integer_body_lowest_terms():
    """Weights scaled to integers, divided by their gcd, the quota rounded up."""
    body = IntegerBody.of([(F(1, 2), 2), (F(3, 2), 1), (F(1, 2), 1)], F(7, 4))
    assert (body.weights, body.counts, body.quota) == ((3, 1), (1, 3), 4)


def test_swings_by_size_by_hand():
    """Weights 2, 1, 1, quota 3: the heavy voter swings coalitions of weight 1 or 2 of the
    others; a light voter swings the heavy voter alone."""
    body = IntegerBody.of([(2, 1), (1, 2)], 3)
    heavy, light = swings_by_size(body)
    assert heavy == [0, 2, 1, 0]  # {a}, {b} of weight 1 (size 1); {a, b} of weight 2 (size 2)
    assert light == [0, 1, 0, 0]  # the heavy voter alone (weight 2)


def test_auto_counts_large_bodies_by_weight():
    """200 voters of weights up to 100 (2^200 compositions): counted exactly by weight; the
    shares add to one and order as the weights."""
    blocs = [Bloc(id=f"v{k}", weight=1 + (37 * k) % 100) for k in range(60)]
    total = sum(b.weight for b in blocs)
    power = power_indices(VotingGame(id="big", title="Big", blocs=blocs, quota=total // 2 + 1))
    assert sum(power.shapley_shubik.values()) == 1
    assert sum(power.banzhaf.values()) == 1
    by_weight = sorted(blocs, key=lambda b: b.weight)
    shares = [power.shapley_shubik[b.id] for b in by_weight]
    assert shares == sorted(shares)


def test_work_limit_names_the_work():
    """A body beyond the work limit is refused with the size of the work, not counted."""
    blocs = [Bloc(id=f"b{k}", count=1, weight=10_000 + k) for k in range(200)]
    game = VotingGame(id="big", title="Big", blocs=blocs, quota=1_000_000)
    body = IntegerBody.of([(b.weight, 1) for b in blocs], 1_000_000)
    counts = gf_counts(body)
    assert counts.work > MAX_GF_WORK and counts.bits > MAX_GF_BITS
    with pytest.raises(GameTooLargeError, match=r"bit operations and \d+ MB"):
        power_indices(game)


def weight_classes(most: int) -> st.SearchStrategy[list[tuple[int, int]]]:
    """Up to ``most`` classes ``(weight, count)`` of distinct weights 0..30 and up to 40 voters
    each: enough for the bands to rise and the slots to widen."""
    return st.lists(
        st.tuples(st.integers(0, 30), st.integers(1, 40)),
        min_size=1,
        max_size=most,
        unique_by=lambda c: c[0],
    )


def _swings_by_enumeration(classes: list[tuple[int, int]], quota: int) -> list[list[int]]:
    """Swings by size for one voter of each class, summed over the compositions of the others
    (how many of each class), each standing for a product of binomials."""
    n = sum(c for _, c in classes)
    swings = []
    for v, (weight, _) in enumerate(classes):
        others = [c - (u == v) for u, (_, c) in enumerate(classes)]
        by_size = [0] * (n + 1)
        for taken in itertools.product(*(range(c + 1) for c in others)):
            total = sum(k * w for k, (w, _) in zip(taken, classes, strict=True))
            if quota - weight <= total < quota:
                ways = math.prod(math.comb(c, k) for c, k in zip(others, taken, strict=True))
                by_size[sum(taken)] += ways
        swings.append(by_size)
    return swings


@settings(max_examples=40, deadline=None)
@given(weight_classes(3), st.integers(-5, 10**6))
def test_banded_swings_by_size_equal_enumeration(classes, quota_draw):
    """The banded product (heaviest first, weights out of reach dropped, slots widening as
    voters come in) counts the swings of each size as the enumeration of compositions does:
    classes of up to 40 voters, so that bands rise and slots widen."""
    classes = sorted(classes, reverse=True)
    total = sum(w * c for w, c in classes)
    quota = quota_draw % (total + 3) - 1  # from -1 (everyone wins) to above the total
    body = IntegerBody(weights=[w for w, _ in classes], counts=[c for _, c in classes], quota=quota)
    assert swings_by_size(body) == _swings_by_enumeration(classes, quota)


def test_shapley_shubik_of_three_hundred_voters_equals_compositions():
    """Three classes of 100 voters (weights 5, 2, 1; slots widen five times): the
    Shapley-Shubik index by the banded product equals the enumeration of 101^3 compositions."""
    blocs = [Bloc(id=f"w{w}", count=100, weight=w) for w in (5, 2, 1)]
    game = VotingGame(id="three", title="Three", blocs=blocs, quota=401)
    fast = power_indices(game, method="generating_functions")
    slow = power_indices(game, method="compositions")
    assert fast.shapley_shubik == slow.shapley_shubik
    assert sum(fast.shapley_shubik[b.id] * b.count for b in blocs) == 1


@settings(max_examples=60, deadline=None)
@given(weight_classes(4), st.integers(1, 10**6))
def test_banded_minimal_winning_equal_the_whole_product(classes, quota_draw):
    """The minimal winning coalitions counted in a band (heaviest class first; a tree of the
    classes at each lightest class, or a band per voter set apart) equal those of the whole
    product with exact divisions: their number, how many contain one voter of each class, and
    the sums of ``1/|S|``."""
    total = sum(w * c for w, c in classes)
    if total == 0:
        classes, total = [(1, 1), *classes], total + 1
    body = IntegerBody.of(classes, 1 + quota_draw % total)
    expected = minimal_winning_counts(body)
    assert banded_minimal_winning_counts(body) == expected
    assert banded_minimal_winning_counts(body, layout="apart") == expected


def test_method_for_minimal_winning_by_shape():
    """Classes of many voters are counted in a band with a tree of the classes at each class;
    classes of a voter or two with a band per voter set apart (measured: 200 voters of 83 weights
    3.9 s against 9.6 with trees and 12.2 with divisions; 120 distinct weights 2.3 s against 6.6
    with divisions; 1,000 voters in 10 classes 2.1 s with trees against 14.5 apart)."""
    assert minimal_method(IntegerBody.of([(w, 100) for w in range(1, 11)], 2751))[0] == "tree"
    assert minimal_method(IntegerBody.of([(w, 1) for w in range(1, 121)], 3631))[0] == "apart"
    rnd = random.Random(200)
    weights = [rnd.randint(1, 100) for _ in range(200)]
    body = IntegerBody.of([(w, 1) for w in weights], sum(weights) // 2 + 1)
    assert minimal_method(body)[0] == "apart"
    many = [(10_000 + k, 1) for k in range(200)]  # beyond MINIMAL_CLASSES: no band estimated
    assert minimal_method(IntegerBody.of(many, 1_000_000))[0] == "divisions"
