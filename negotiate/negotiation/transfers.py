"""Side payments: the amounts at which a package is ratified, solutions over deals, and the
price of an issue alone.

With a transfer of ``x`` in ``[0, max]`` (:class:`~negotiate.model.transfers.Transfer`), actor
``a`` accepts the deal ``(p, x)`` iff ``u_a(p) + v_a x >= r_a``: a closed half-line of amounts.
Party ``P`` ratifies it iff (its executive accepts or has no veto) and the weight of its
constituencies accepting reaches the quota. The approving weight is a step function of ``x``
whose steps sit at the actors' break-even amounts ``(r_a - u_a(p)) / v_a``, so the *feasible
amounts* of ``p``, where every party ratifies, are a finite union of closed intervals with
rational ends: testing each break-even amount and one amount between each two finds them
exactly.

The deals are the packages other than the status quo with their feasible amounts at which every
executive gets at least its reservation; :mod:`negotiate.negotiation.deal_solutions` solves over
them. The **price of issue k alone** is the least amount at which some package changing only
``k`` (every other issue at its status quo) is ratified by every party, or ``None``.

>>> from negotiate.model import NegotiationGame, Party, Issue
>>> from negotiate.model.transfers import Transfer
>>> game = NegotiationGame(
...     id="g", title="G",
...     parties=[Party(id="us", values={"border": {"enforce": 4}}),
...              Party(id="mx", values={"border": {"enforce": -6}})],
...     issues=[Issue(id="border", options=["lax", "enforce"])],
...     transfers=[Transfer(id="funding", payer="us", payee="mx", max=200,
...                         values={"us": "-1/20", "mx": "1/10"})],
... )
>>> result = transfer_analysis(game)
>>> [(str(lo), str(hi)) for lo, hi in result.feasible_amounts(("enforce",))]
[('60', '80')]
>>> [(d.package, str(d.amount)) for d in result.nash], str(result.price_alone["border"])
([(('enforce',), '70')], '60')
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import attrs
import numpy as np

from negotiate.exact.numbers import Number
from negotiate.model.negotiation import NegotiationGame, Package
from negotiate.model.transfers import Transfer
from negotiate.negotiation.deal_solutions import (
    DealPoint,
    Segment,
    egalitarian_deals,
    kalai_smorodinsky_deals,
    nash_deals,
    utilitarian_deals,
)
from negotiate.negotiation.packages import PackageSpace, package_space

__all__ = [
    "FeasibleAmounts",
    "TransferAnalysis",
    "feasible_amounts",
    "transfer_analysis",
]

Interval = tuple[Number, Number]
"""A closed interval of amounts ``[low, high]``."""


def _intervals(values: Sequence[Interval]) -> tuple[Interval, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class FeasibleAmounts:
    """The amounts at which every party ratifies ``package``: disjoint closed intervals, in
    increasing order."""

    package: Package
    index: int
    intervals: tuple[Interval, ...] = attrs.field(converter=_intervals)


def _deal_points(values: Sequence[DealPoint]) -> tuple[DealPoint, ...]:
    return tuple(values)


def _segments(values: Sequence[Segment]) -> tuple[Segment, ...]:
    return tuple(values)


def _feasible_tuple(values: Sequence[FeasibleAmounts]) -> tuple[FeasibleAmounts, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True, eq=False)
class TransferAnalysis:
    """What a side payment can buy.

    Attributes
    ----------
    transfer : Transfer
    parties : tuple of str
        The order of every deal's ``utilities``.
    feasible : tuple of FeasibleAmounts
        Every package other than the status quo with some feasible amount, in package order.
    nash, kalai_smorodinsky, egalitarian, utilitarian : tuple of DealPoint
        The solutions over deals (ties all, in package order).
    separate : dict
        ``issue -> the first Nash deal of that issue negotiated alone`` (every other issue at its
        status quo, the same rules and the same transfer), or ``None``: the linkage analysis's
        separate negotiations with money on the table.
    price_alone : dict
        ``issue -> least amount`` at which that issue alone is ratified by every party, or
        ``None`` when no amount in ``[0, max]`` does it.
    segments : tuple of Segment
        The deals: each package with an interval of amounts at which every party ratifies and
        every executive gets at least its reservation, in package order.
    exact : bool
        Whether every reported number is exact (false when a Nash amount is a float).
    """

    transfer: Transfer
    parties: tuple[str, ...]
    feasible: tuple[FeasibleAmounts, ...] = attrs.field(converter=_feasible_tuple)
    nash: tuple[DealPoint, ...] = attrs.field(converter=_deal_points)
    kalai_smorodinsky: tuple[DealPoint, ...] = attrs.field(converter=_deal_points)
    egalitarian: tuple[DealPoint, ...] = attrs.field(converter=_deal_points)
    utilitarian: tuple[DealPoint, ...] = attrs.field(converter=_deal_points)
    price_alone: dict[str, Number | None]
    separate: dict[str, DealPoint | None] = attrs.field(factory=dict)
    segments: tuple[Segment, ...] = attrs.field(default=(), converter=_segments)
    rules: _Deals | None = attrs.field(default=None, repr=False)

    def ratified_by(self, index: int, amount: Number) -> tuple[str, ...]:
        """The parties that ratify the deal (package at flat ``index``, ``amount``)."""
        assert self.rules is not None
        return tuple(p for p in self.parties if self.rules.ratifies(p, index, amount))

    def accepts(self, actor_id: str, index: int, amount: Number) -> bool:
        """Whether an actor accepts the deal (package at flat ``index``, ``amount``)."""
        assert self.rules is not None
        return self.rules.accepts(actor_id, index, amount)

    def test_amounts(self, index: int) -> list[Number]:
        """Amounts in ``[0, max]``, one in every stretch where no actor's acceptance of the
        package at ``index`` changes: the break-even amounts and one between each two."""
        assert self.rules is not None
        return [x for x, _ in _tests(self.rules.breaks(index))]

    @property
    def exact(self) -> bool:
        """Whether every amount is exact."""
        solutions = (self.nash, self.kalai_smorodinsky, self.egalitarian, self.utilitarian)
        return all(d.exact for deals in solutions for d in deals)

    def feasible_amounts(self, package: Package) -> tuple[Interval, ...]:
        """The feasible amounts of ``package`` (empty when none)."""
        for item in self.feasible:
            if item.package == tuple(package):
                return item.intervals
        return ()

    @property
    def recommended(self) -> tuple[Package, ...]:
        """The distinct packages of the four solutions, in package order."""
        deals = {
            d.index: d.package
            for solution in (self.nash, self.kalai_smorodinsky, self.egalitarian, self.utilitarian)
            for d in solution
        }
        return tuple(deals[k] for k in sorted(deals))


# -- feasible amounts ---------------------------------------------------------------------------


class _Deals:
    """Gains at amount 0 and values per unit of every actor, package by package."""

    def __init__(self, space: PackageSpace, transfer: Transfer) -> None:
        self.space = space
        self.game = space.game
        self.transfer = transfer
        self.high: Number = transfer.max
        self.gains = {
            a: (space.values[a] - space.reservations[a]).ravel() for a in self.game.actor_ids
        }
        self.slopes = {a: transfer.value(a) for a in self.game.actor_ids}
        self.rules = {
            p: (
                self.game.ratification(p),
                tuple((c.id, c.weight) for c in self.game.constituencies_of(p)),
            )
            for p in self.game.party_ids
        }
        self._index = -1
        self._gains: dict[str, Number] = {}

    def gain(self, actor_id: str, index: int) -> Number:
        """``u_a(p) - r_a`` for the package at ``index`` (cached for the last package asked)."""
        if index != self._index:
            self._index = index
            self._gains = {a: self.space.to_number(g[index]) for a, g in self.gains.items()}
        return self._gains[actor_id]

    def accepts(self, actor_id: str, index: int, amount: Number) -> bool:
        return self.gain(actor_id, index) + self.slopes[actor_id] * amount >= 0

    def ratifies(self, party_id: str, index: int, amount: Number) -> bool:
        """Whether ``party_id`` ratifies the deal (package at ``index``, ``amount``)."""
        rule, members = self.rules[party_id]
        executive = self.accepts(party_id, index, amount)
        if rule is None:
            return executive
        if rule.executive_veto and not executive:
            return False
        weight = sum(
            (w for c, w in members if self.accepts(c, index, amount)),
            Fraction(0),
        )
        return bool(weight >= rule.quota)

    def all_ratify(self, index: int, amount: Number) -> bool:
        return all(self.ratifies(p, index, amount) for p in self.game.party_ids)

    def breaks(self, index: int) -> list[Number]:
        """The amounts in ``[0, max]`` where some actor's acceptance changes, with both ends."""
        points = {Fraction(0) * self.high, self.high}
        for actor, slope in self.slopes.items():
            if slope != 0:
                x = -self.gain(actor, index) / slope
                if 0 < x < self.high:
                    points.add(x)
        return sorted(points)


def _tests(points: Sequence[Number]) -> list[tuple[Number, bool]]:
    """The break points and one amount between each two: ``(amount, is a break point)``."""
    tests: list[tuple[Number, bool]] = []
    for k, x in enumerate(points):
        if k:
            tests.append(((points[k - 1] + x) / 2, False))
        tests.append((x, True))
    return tests


def _feasible(deals: _Deals, index: int) -> tuple[Interval, ...]:
    """The closed intervals of amounts at which every party ratifies the package at ``index``."""
    tests = _tests(deals.breaks(index))
    out: list[Interval] = []
    start: Number | None = None
    last: Number | None = None
    for x, _ in tests:
        if deals.all_ratify(index, x):
            start = x if start is None else start
            last = x
        elif start is not None and last is not None:
            out.append((start, last))
            start = last = None
    if start is not None and last is not None:
        out.append((start, last))
    return tuple(out)


def feasible_amounts(
    game: NegotiationGame | PackageSpace, package: Package
) -> tuple[Interval, ...]:
    """The amounts of the game's transfer at which every party ratifies ``package``.

    A finite union of closed intervals with rational ends, in increasing order (a single amount
    is the interval ``(x, x)``); empty when no amount in ``[0, max]`` works.
    """
    space = game if isinstance(game, PackageSpace) else package_space(game)
    transfer = _the_transfer(space.game)
    index = int(np.ravel_multi_index(space.index(package), space.shape))
    return _feasible(_Deals(space, transfer), index)


def _the_transfer(game: NegotiationGame) -> Transfer:
    if not game.transfers:
        raise ValueError(f"game `{game.id}` has no [[transfer]]")
    return game.transfers[0]


# -- the analysis -------------------------------------------------------------------------------


def _rational_part(deals: _Deals, index: int, interval: Interval) -> Interval | None:
    """The part of ``interval`` where every executive gets at least its reservation."""
    low, high = interval
    for party in deals.game.party_ids:
        gain, slope = deals.gain(party, index), deals.slopes[party]
        if slope == 0:
            if gain < 0:
                return None
            continue
        edge = -gain / slope
        if slope > 0:
            low = max(low, edge)
        else:
            high = min(high, edge)
    return (low, high) if low <= high else None


def transfer_analysis(game: NegotiationGame | PackageSpace) -> TransferAnalysis:
    """Feasible amounts, the four solutions over deals and the price of each issue alone.

    Parameters
    ----------
    game : NegotiationGame or PackageSpace
        A negotiation with one ``[[transfer]]`` (scenario applied, if any).

    Returns
    -------
    TransferAnalysis
    """
    space = game if isinstance(game, PackageSpace) else package_space(game)
    return space.derive("transfer_analysis", _transfer_analysis)  # linkage asks too


def _transfer_analysis(space: PackageSpace) -> TransferAnalysis:
    game = space.game
    transfer = _the_transfer(game)
    deals = _Deals(space, transfer)
    parties = game.party_ids
    status_quo = int(np.ravel_multi_index(space.status_quo_index, space.shape))
    feasible = []
    segments = []
    # the amounts that work depend on a package only through every actor's gain: packages that
    # no one tells apart share them
    gains = [deals.gains[a] for a in game.actor_ids]
    found: dict[tuple[Any, ...], tuple[tuple[Interval, ...], list[Interval | None]]] = {}
    for index in range(space.size):
        if index == status_quo:
            continue
        key = tuple(g[index] for g in gains)
        if key not in found:
            intervals = _feasible(deals, index)
            found[key] = (intervals, [_rational_part(deals, index, i) for i in intervals])
        intervals, parts = found[key]
        if not intervals:
            continue
        package = space.package(index)
        feasible.append(FeasibleAmounts(package=package, index=index, intervals=intervals))
        utilities = [space.to_number(space.values[p].ravel()[index]) for p in parties]
        for part in parts:
            if part is not None:
                segments.append(
                    Segment(
                        package=package,
                        index=index,
                        low=part[0],
                        high=part[1],
                        utilities=utilities,
                        slopes=[deals.slopes[p] for p in parties],
                    )
                )
    disagreement = [space.reservation(p) for p in parties]
    return TransferAnalysis(
        transfer=transfer,
        parties=parties,
        feasible=feasible,
        nash=nash_deals(segments, disagreement, [game.party(p).power for p in parties]),
        kalai_smorodinsky=kalai_smorodinsky_deals(segments, disagreement),
        egalitarian=egalitarian_deals(segments, disagreement),
        utilitarian=utilitarian_deals(segments),
        price_alone=_prices(space, feasible),
        separate=_separate(space, segments, disagreement),
        segments=segments,
        rules=deals,
    )


def _prices(space: PackageSpace, feasible: Sequence[FeasibleAmounts]) -> dict[str, Number | None]:
    """``issue -> the least feasible amount of a package changing only that issue``."""
    prices: dict[str, Number | None] = {}
    for axis, issue in enumerate(space.game.issues):
        lows = [item.intervals[0][0] for item in feasible if _moves_only(space, item.package, axis)]
        prices[issue.id] = min(lows) if lows else None
    return prices


def _moves_only(space: PackageSpace, package: Package, axis: int) -> bool:
    return all(
        k == axis or option == space.status_quo_index[k]
        for k, option in enumerate(space.index(package))
    )


def _separate(
    space: PackageSpace, segments: Sequence[Segment], disagreement: Sequence[Number]
) -> dict[str, DealPoint | None]:
    """``issue -> the first Nash deal among deals changing only that issue`` (or ``None``)."""
    game = space.game
    powers = [game.party(p).power for p in game.party_ids]
    out: dict[str, DealPoint | None] = {}
    for axis, issue in enumerate(game.issues):
        alone = [s for s in segments if _moves_only(space, s.package, axis)]
        deals = nash_deals(alone, disagreement, powers)
        out[issue.id] = deals[0] if deals else None
    return out
