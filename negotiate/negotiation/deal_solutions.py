"""Bargaining solutions over deals: a package and an amount of a side payment.

On a *segment*, a package ``p`` with amounts ``x`` in a closed interval ``[low, high]`` at which
every party ratifies and every executive gets at least its reservation, party ``i``'s gain is
affine: ``g_i(x) = a_i + b_i x``, with ``a_i = u_i(p) - d_i`` and ``b_i`` its value of one unit.
Each solution maximises a criterion over every segment:

- **Nash**: ``prod_i g_i(x) ** w_i``. Its logarithm is concave in ``x``, so the maximiser on a
  segment is an end or the root of ``sum_i w_i b_i / g_i(x)``. For two parties the root is
  rational, ``x* = -(w_1 b_1 a_2 + w_2 b_2 a_1) / ((w_1 + w_2) b_1 b_2)``; for three or more it is
  found by bisection, bracketed exactly, and returned as a float flagged inexact.
- **Kalai-Smorodinsky**: ``min_i g_i(x) / (I_i - d_i)``, ``I_i`` the largest utility of ``i``
  over all segments (parties with ``I_i = d_i`` left out); **egalitarian**: ``min_i g_i(x)``. A
  minimum of affine functions is largest at an end or where two of them cross: exact for any
  number of parties.
- **Utilitarian**: ``sum_i (u_i(p) + b_i x)``, largest at an end.

Ties: every maximising deal, in package order; where a continuum of amounts of one package ties,
the smallest amount.

>>> seg = Segment(package=("enforce",), index=1, low=Fraction(30), high=Fraction(60),
...               utilities=(Fraction(3), Fraction(-3)), slopes=(Fraction(-1, 20), Fraction(1, 10)))
>>> d = (Fraction(0), Fraction(0))
>>> [(str(x.amount), [str(u) for u in x.utilities]) for x in nash_deals([seg], d, (1, 1))]
[('45', ['3/4', '3/2'])]
>>> [str(x.amount) for x in egalitarian_deals([seg], d)]
['40']
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from itertools import combinations

import attrs

from negotiate.exact.numbers import Number, is_exact
from negotiate.model.negotiation import Package

__all__ = [
    "DealPoint",
    "Segment",
    "egalitarian_deals",
    "kalai_smorodinsky_deals",
    "nash_deals",
    "utilitarian_deals",
]


def _numbers(values: Sequence[Number]) -> tuple[Number, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class Segment:
    """A package and a closed interval of amounts on which it is a deal.

    ``utilities`` are the executives' utilities at amount 0, ``slopes`` their values of one unit,
    both in the order of the parties; ``index`` is the package's position in package order.
    """

    package: Package
    index: int
    low: Number
    high: Number
    utilities: tuple[Number, ...] = attrs.field(converter=_numbers)
    slopes: tuple[Number, ...] = attrs.field(converter=_numbers)

    def at(self, amount: Number) -> tuple[Number, ...]:
        """The executives' utilities of the deal at ``amount``."""
        return tuple(u + b * amount for u, b in zip(self.utilities, self.slopes, strict=True))


@attrs.frozen(kw_only=True)
class DealPoint:
    """A deal: a package, an amount and the executives' utilities (in the order of the parties).

    ``exact`` is false when the amount was found numerically (Nash, three or more parties).
    """

    package: Package
    index: int
    amount: Number
    utilities: tuple[Number, ...] = attrs.field(converter=_numbers)
    exact: bool = True


Candidate = tuple[Segment, Number, bool]
"""A segment, an amount on it and whether that amount is exact."""


def _deals(chosen: Sequence[Candidate]) -> tuple[DealPoint, ...]:
    """Deals from the chosen candidates: one per package (its smallest amount), in package
    order."""
    smallest: dict[int, Candidate] = {}
    for segment, amount, exact in chosen:
        if segment.index not in smallest or amount < smallest[segment.index][1]:
            smallest[segment.index] = (segment, amount, exact)
    return tuple(
        DealPoint(package=seg.package, index=seg.index, amount=x, utilities=seg.at(x), exact=exact)
        for seg, x, exact in (smallest[k] for k in sorted(smallest))
    )


def _best(
    segments: Sequence[Segment],
    amounts: Callable[[Segment], list[Candidate]],
    score: Callable[[Segment, Number], Number],
) -> tuple[DealPoint, ...]:
    """The deals of largest ``score`` among each segment's candidate ``amounts`` (exact
    comparison, or within a rounding tolerance when a score is a float)."""
    scored = [(score(seg, x), (seg, x, exact)) for s in segments for seg, x, exact in amounts(s)]
    if not scored:
        return ()
    top = max(value for value, _ in scored)
    return _deals([c for value, c in scored if _ties(value, top)])


def _undominated(candidates: Sequence[Candidate]) -> list[Candidate]:
    """The candidates whose utilities no other candidate's Pareto-dominate."""
    points = [seg.at(x) for seg, x, _ in candidates]
    # A point that dominates another has a larger sum (or an equal float sum and is larger
    # lexicographically), so in that order every dominator comes first, and comparing with the
    # undominated points met so far suffices (domination is transitive): about linear when
    # few points are efficient, where comparing every pair held thousands of deals for minutes.
    order = sorted(range(len(points)), key=lambda k: (sum(points[k]), points[k]), reverse=True)
    front: list[tuple[Number, ...]] = []
    seen: set[tuple[Number, ...]] = set()
    kept = set()
    for k in order:
        u = points[k]
        if u in seen:  # equal to an undominated point (packages nobody tells apart)
            kept.add(k)
        elif not any(all(a >= b for a, b in zip(v, u, strict=True)) and v != u for v in front):
            front.append(u)
            seen.add(u)
            kept.add(k)
    return [c for k, c in enumerate(candidates) if k in kept]


def _ties(score: Number, top: Number) -> bool:
    if isinstance(score, float) or isinstance(top, float):
        return float(score) >= float(top) - 1e-12 * (1 + abs(float(top)))
    return score == top


def _ends(segment: Segment) -> list[Candidate]:
    return [(segment, segment.low, True), (segment, segment.high, True)]


# -- Nash --------------------------------------------------------------------------------------


def nash_deals(
    segments: Sequence[Segment], disagreement: Sequence[Number], powers: Sequence[Number]
) -> tuple[DealPoint, ...]:
    """The Nash solution over deals: maximise ``prod_i g_i(x) ** w_i`` (ties all).

    Exact for two parties (the interior maximiser is rational); with three or more parties an
    interior maximiser is a float bracketed exactly to about 1e-13 and flagged inexact. Products
    are ranked by float logarithms, then near-ties exactly when every number is exact. When every
    product is 0, every Pareto-efficient candidate ties.
    """
    d = tuple(disagreement)
    exact_powers = is_exact(*powers)
    common = math.lcm(1, *(Fraction(w).denominator for w in powers)) if exact_powers else 1
    exponents = [int(Fraction(w) * common) for w in powers] if exact_powers else None
    rows = [
        _nash_row(candidate, d, powers, exponents)
        for segment in segments
        for candidate in _ends(segment) + _nash_interior(segment, d, powers)
    ]
    return _nash_best(rows)


def _nash_best(rows: Sequence[tuple[float, Fraction | None, Candidate]]) -> tuple[DealPoint, ...]:
    """The candidates of largest Nash product: by float logarithm, then exactly among near-ties
    when every product is exact."""
    if not rows:
        return ()
    top = max(log for log, _, _ in rows)
    if math.isinf(top):
        return _deals(_undominated([c for _, _, c in rows]))
    near = [row for row in rows if row[0] >= top - 1e-9 * (1 + abs(top))]
    products = [product for _, product, _ in near]
    if all(product is not None for product in products):
        best = max(p for p in products if p is not None)
        return _deals([c for _, product, c in near if product == best])
    return _deals([c for log, _, c in near if log >= top - 1e-12 * (1 + abs(top))])


def _nash_row(
    candidate: Candidate,
    d: tuple[Number, ...],
    powers: Sequence[Number],
    exponents: list[int] | None,
) -> tuple[float, Fraction | None, Candidate]:
    """A candidate's log Nash product (``-inf`` when a gain is 0) and, when every number is
    exact, the exact product ``prod_i g_i ** (w_i D)``."""
    segment, amount, exact = candidate
    gains = [u - di for u, di in zip(segment.at(amount), d, strict=True)]
    if any(g <= 0 for g in gains):
        return (-math.inf, Fraction(0), candidate)
    log = math.fsum(float(w) * math.log(g) for g, w in zip(gains, powers, strict=True))
    product: Fraction | None = None
    if exact and exponents is not None and is_exact(*gains):
        product = Fraction(1)
        for g, e in zip(gains, exponents, strict=True):
            product *= Fraction(g) ** e
    return (log, product, candidate)


def _nash_interior(
    segment: Segment, d: tuple[Number, ...], powers: Sequence[Number]
) -> list[Candidate]:
    """The stationary point of the log Nash product inside the segment, if there is one."""
    low, high = segment.low, segment.high
    if not low < high:
        return []
    a = [u - di for u, di in zip(segment.utilities, d, strict=True)]
    b = list(segment.slopes)
    if len(a) == 2 and is_exact(*a, *b, *powers) and b[0] != 0 and b[1] != 0:
        w1, w2 = (Fraction(w) for w in powers)
        x = -(w1 * b[0] * a[1] + w2 * b[1] * a[0]) / ((w1 + w2) * b[0] * b[1])
        return [(segment, x, True)] if low < x < high else []
    if all(s == 0 for s in b):
        return []
    return _bisect(segment, a, b, powers)


def _slope(a: Sequence[Number], b: Sequence[Number], w: Sequence[Number], x: Number) -> Number:
    """The derivative of ``sum_i w_i log(a_i + b_i x)`` (``inf``/``-inf`` where a gain is 0)."""
    total: Number = 0
    for ai, bi, wi in zip(a, b, w, strict=True):
        if bi == 0:
            continue
        gain = ai + bi * x
        if gain <= 0:
            return math.inf if bi > 0 else -math.inf
        total += wi * bi / gain
    return total


def _bisect(
    segment: Segment, a: Sequence[Number], b: Sequence[Number], w: Sequence[Number]
) -> list[Candidate]:
    """The root of the (decreasing) derivative inside the segment, by bisection on exact
    numbers: a float amount whose bracket was checked exactly."""
    exact = is_exact(segment.low, segment.high, *a, *b, *w)
    convert: Callable[[Number], Number] = Fraction if exact else float  # type: ignore[assignment]
    lo, hi = convert(segment.low), convert(segment.high)
    if not (_slope(a, b, w, lo) > 0 > _slope(a, b, w, hi)):
        return []
    width = float(hi - lo)
    for _ in range(200):
        if float(hi - lo) <= 1e-13 * (1 + abs(float(lo))) or float(hi - lo) <= 1e-15 * width:
            break
        mid = convert((float(lo) + float(hi)) / 2)
        if not lo < mid < hi:
            mid = (lo + hi) / 2
        value = _slope(a, b, w, mid)
        if value == 0:
            return [(segment, mid, True)]
        if value > 0:
            lo = mid
        else:
            hi = mid
    return [(segment, float((lo + hi) / 2), False)]


# -- Kalai-Smorodinsky and egalitarian ----------------------------------------------------------


def _max_min(
    segments: Sequence[Segment], offsets: Sequence[Number], scales: Sequence[Number | None]
) -> tuple[DealPoint, ...]:
    """Maximise ``min_i (u_i(x) - offset_i) / scale_i`` over deals (``scale None``: left out)."""
    kept = [k for k, s in enumerate(scales) if s is not None]
    if not kept:
        return ()

    def terms(segment: Segment) -> list[tuple[Number, Number]]:
        out = []
        for k in kept:
            scale = scales[k]
            assert scale is not None
            out.append(((segment.utilities[k] - offsets[k]) / scale, segment.slopes[k] / scale))
        return out

    def amounts(segment: Segment) -> list[Candidate]:
        found = _ends(segment)
        for (a1, b1), (a2, b2) in combinations(terms(segment), 2):
            if b1 != b2:
                x = (a2 - a1) / (b1 - b2)
                if segment.low < x < segment.high:
                    found.append((segment, x, True))
        return found

    def score(segment: Segment, amount: Number) -> Number:
        return min(a + b * amount for a, b in terms(segment))

    return _best(segments, amounts, score)


def ideal_point(segments: Sequence[Segment], parties: int) -> tuple[Number, ...] | None:
    """``I_i``: each party's largest utility over all deals (``None`` when there is none)."""
    if not segments:
        return None
    return tuple(
        max(max(s.at(s.low)[k], s.at(s.high)[k]) for s in segments) for k in range(parties)
    )


def kalai_smorodinsky_deals(
    segments: Sequence[Segment], disagreement: Sequence[Number]
) -> tuple[DealPoint, ...]:
    """Maximise ``min_i g_i(x) / (I_i - d_i)`` over deals, exactly (ties all)."""
    ideal = ideal_point(segments, len(disagreement))
    if ideal is None:
        return ()
    scales = [i - d if i > d else None for i, d in zip(ideal, disagreement, strict=True)]
    return _max_min(segments, disagreement, scales)


def egalitarian_deals(
    segments: Sequence[Segment], disagreement: Sequence[Number]
) -> tuple[DealPoint, ...]:
    """Maximise ``min_i g_i(x)`` over deals, exactly (ties all)."""
    return _max_min(segments, disagreement, [1] * len(disagreement))


def utilitarian_deals(segments: Sequence[Segment]) -> tuple[DealPoint, ...]:
    """Maximise the executives' total utility ``sum_i u_i(p) + (sum_i b_i) x`` (ties all)."""

    def score(segment: Segment, amount: Number) -> Number:
        return sum(segment.at(amount), Fraction(0))

    return _best(segments, _ends, score)
