"""The rules by which the linkage analysis negotiates a set of issues: those of the whole game.

Every negotiation of the linkage analysis (an issue alone, a chosen linkage ``L``, every issue at
once) is the game ``G_L`` restricted to packages whose support lies in ``L``, under the rule of
the whole game:

- **packages** (no side payment, no lottery): a deal is a package of the agreement set; the
  solution is the Nash package; ``v(L)`` the largest joint gain ``sum_i (u_i - d_i)``.
- **transfer** (a ``[[transfer]]``): a deal is a package and an amount ``x`` in ``[0, max]`` at
  which every party ratifies and every executive gets at least its reservation
  (:mod:`negotiate.negotiation.transfers`); the solution is the Nash deal; utilities are
  ``u_i(p) + v_i x``; ``v(L)`` the largest joint gain over deals. Separate deals each carry their
  own payment, and negotiating issue by issue pays their sum.
- **lotteries** (a distribution on a reservation or a quota): a deal is a package ratified with
  probability ``pi(p) > 0`` at which every executive gains; the solution is the expected Nash
  package; utilities are expected, an unratified deal leaving its issues at the status quo;
  ``v(L)`` the largest expected joint gain ``pi(p) sum_i (u_i - d_i)``. Separate deals are put to
  the vote one by one before the same legislatures
  (:func:`~negotiate.negotiation.uncertain_ratification.joint_ratification`).

With both a transfer and lotteries, the transfer rule applies in the certain world (every
distribution at its worst case, the game's own fields).

>>> from negotiate.model import NegotiationGame, Party, Issue
>>> from negotiate.model.transfers import Transfer
>>> from negotiate.negotiation.packages import package_space
>>> game = NegotiationGame(
...     id="g", title="G",
...     parties=[Party(id="us", values={"border": {"enforce": 4}}),
...              Party(id="mx", values={"border": {"enforce": -6}})],
...     issues=[Issue(id="border", options=["lax", "enforce"])],
...     transfers=[Transfer(id="m", payer="us", payee="mx", max=200,
...                         values={"us": "-1/20", "mx": "1/10"})],
... )
>>> rules = linkage_rules(package_space(game))
>>> deal = rules.nash(["border"])
>>> rules.name, deal.package, str(deal.amount), {p: str(u) for p, u in deal.utilities.items()}
('transfer', ('enforce',), '70', {'us': '1/2', 'mx': '1'})
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction

import attrs
import numpy as np

from negotiate.exact.numbers import Number
from negotiate.model._common import FrozenMap
from negotiate.model.negotiation import Package
from negotiate.negotiation.deal_solutions import Segment, nash_deals
from negotiate.negotiation.enforcement import Factors, critical_factors
from negotiate.negotiation.linkage_lattice import (
    LinkageLattice,
    joint_gains,
    lattice_arrays,
    support_masks,
)
from negotiate.negotiation.packages import PackageSpace
from negotiate.negotiation.solutions import nash_packages
from negotiate.negotiation.transfers import TransferAnalysis, transfer_analysis
from negotiate.negotiation.two_level import agreement_set
from negotiate.negotiation.uncertain_ratification import (
    UncertainRatification,
    joint_ratification,
    uncertain_ratification,
)

__all__ = ["RULES", "Blocker", "Deal", "LinkageRules", "linkage_rules"]

RULES = ("packages", "transfer", "lotteries")
"""The rules a linkage analysis may apply (see the module)."""

Utilities = FrozenMap[str, Number]


def _utilities(values: Mapping[str, Number]) -> Utilities:
    return FrozenMap(values)


@attrs.frozen(kw_only=True)
class Deal:
    """A deal reached by some negotiation, with the parties' utilities of it.

    ``feasible`` says whether an agreement was reached (otherwise ``package`` is the status quo);
    ``ratified`` whether every party ratifies ``package`` at home (as a whole: may ratify, under
    the lotteries rule), ``rejected_by`` the parties that do not. ``amount`` is the payment
    (transfer rule), ``probability`` the chance that the deal, or every separate deal it
    combines, is ratified (lotteries rule); both ``None`` otherwise.

    >>> Deal(package=("y",), utilities={"us": 1}, feasible=True, ratified=True).amount is None
    True
    """

    package: Package
    utilities: Utilities = attrs.field(converter=_utilities)
    feasible: bool
    ratified: bool
    rejected_by: tuple[str, ...] = ()
    amount: Number | None = None
    probability: Number | None = None


@attrs.frozen(kw_only=True)
class Blocker:
    """A party that blocks an issue negotiated alone, and who at home rejects.

    ``executive`` is true when its executive accepts none of the deals the other parties ratify
    on that issue; ``constituencies`` lists its constituencies accepting none of them.

    >>> Blocker(party="mx", executive=True, constituencies=()).executive
    True
    """

    party: str
    executive: bool
    constituencies: tuple[str, ...]


def _blockers(
    parties: Sequence[str],
    members: Callable[[str], Sequence[str]],
    win: dict[str, np.ndarray],
    accepts: Callable[[str], np.ndarray],
) -> tuple[Blocker, ...]:
    """The blockers among candidate deals: ``win[p]`` whether ``p`` ratifies each candidate,
    ``accepts(a)`` whether actor ``a`` accepts each."""
    out = []
    for party_id in parties:
        others = np.ones_like(win[party_id])
        for other in parties:
            if other != party_id:
                others &= win[other]
        own = win[party_id]
        if own.any() and not (own & others).any() and others.any():
            candidates = others
        elif not own.any():
            candidates = others if others.any() else np.ones_like(own)
        else:
            continue
        executive = not (accepts(party_id) & candidates).any()
        rejecting = tuple(c for c in members(party_id) if not (accepts(c) & candidates).any())
        out.append(Blocker(party=party_id, executive=executive, constituencies=rejecting))
    return tuple(out)


def _scaled(values: np.ndarray, exact: bool) -> tuple[np.ndarray, int]:
    """An object array of numbers as integers over one common denominator (exact), or floats."""
    if not exact:
        return values.astype(np.float64), 1
    fractions = [Fraction(v) for v in values.ravel()]
    scale = math.lcm(1, *(f.denominator for f in fractions))
    ints = [int(f * scale) for f in fractions]
    big = any(abs(i) >= 2**62 for i in ints)
    return np.array(ints, dtype=object if big else np.int64).reshape(values.shape), scale


class LinkageRules:
    """The packages rule; :class:`_TransferRules` and :class:`_LotteryRules` refine it."""

    name = "packages"

    def __init__(self, space: PackageSpace) -> None:
        self.space = space
        self.game = space.game
        self.support = support_masks(space)
        self.d = {p: space.reservation(p) for p in self.game.party_ids}

    @property
    def exact(self) -> bool:
        """Whether every number is exact."""
        return self.space.exact

    def within(self, issues: Sequence[str] | None) -> np.ndarray:
        """The package tensor's packages whose support lies in ``issues`` (all: ``None``)."""
        if issues is None:
            return np.ones(self.space.shape, dtype=bool)
        mask = sum(1 << self.game.issue_ids.index(i) for i in set(issues))
        inside: np.ndarray = (self.support & ~mask) == 0
        return inside

    def lattice(self) -> LinkageLattice:
        """Feasibility and ``v(L)`` of every linkage."""
        inside = self.space.agreement
        feasible, values = lattice_arrays(
            self.support[inside], joint_gains(self.space, inside), len(self.game.issues)
        )
        return self._lattice(feasible, values, self.space.scale, self.space.exact)

    def _lattice(
        self, feasible: np.ndarray, values: np.ndarray, scale: int, exact: bool
    ) -> LinkageLattice:
        return LinkageLattice(
            issues=self.game.issue_ids, feasible=feasible, values=values, scale=scale, exact=exact
        )

    def agreements(self) -> int:
        """How many packages are deals of the whole game."""
        return int(np.count_nonzero(self.space.agreement))

    def _package_deal(self, index: tuple[int, ...], feasible: bool) -> Deal:
        space = self.space
        rejected = tuple(p for p in self.game.party_ids if not space.ratifies(p)[index])
        return Deal(
            package=space.package(index),
            utilities={p: space.to_number(space.values[p][index]) for p in self.game.party_ids},
            feasible=feasible,
            ratified=not rejected,
            rejected_by=rejected,
        )

    def status_quo(self) -> Deal:
        """No agreement: the status quo."""
        return self.combine([])

    def nash(self, issues: Sequence[str] | None) -> Deal:
        """The first solution deal of ``G_L`` (``None``: the whole game), or the status quo."""
        outcomes = nash_packages(agreement_set(self.space, issues))
        if not outcomes:
            return self.status_quo()
        index = np.unravel_index(outcomes[0].index, self.space.shape)
        return self._package_deal(tuple(int(k) for k in index), feasible=True)

    def merged(self, pieces: Sequence[Deal]) -> tuple[int, ...]:
        """The package that takes each piece's options where it leaves the status quo."""
        options = list(self.space.status_quo_index)
        for piece in pieces:
            for axis, (k, sq) in enumerate(
                zip(self.space.index(piece.package), self.space.status_quo_index, strict=True)
            ):
                if k != sq:
                    options[axis] = k
        return tuple(options)

    def combine(self, pieces: Sequence[Deal]) -> Deal:
        """Deals on disjoint sets of issues, each negotiated on its own, taken together."""
        return self._package_deal(self.merged(pieces), feasible=bool(pieces))

    def factors(self, deal: Deal, issues: set[str]) -> Factors:
        """The critical discount factors of a deal, reneging allowed on ``issues``."""
        return critical_factors(self.space, self.space.index(deal.package), issues)

    def blockers(self, axis: int) -> tuple[Blocker, ...]:
        """Who blocks the issue on ``axis`` negotiated alone."""
        within = self.space.alone(axis)
        space = self.space
        return _blockers(
            self.game.party_ids,
            lambda p: [c.id for c in self.game.constituencies_of(p)],
            {p: space.ratifies(p).ravel()[within] for p in self.game.party_ids},
            lambda a: space.accepts(a).ravel()[within],
        )


class _TransferRules(LinkageRules):
    name = "transfer"

    def __init__(self, space: PackageSpace) -> None:
        super().__init__(space)
        self.analysis: TransferAnalysis = transfer_analysis(space)
        self.transfer = self.analysis.transfer
        self.flat_support = self.support.ravel()

    @property
    def exact(self) -> bool:
        return self.space.exact and self.analysis.exact

    def _joint(self, segment: Segment, amount: Number) -> Number:
        return sum(
            (u - self.d[p] for p, u in zip(self.game.party_ids, segment.at(amount), strict=True)),
            Fraction(0),
        )

    def lattice(self) -> LinkageLattice:
        best: dict[int, Number] = {}
        for segment in self.analysis.segments:
            value = max(self._joint(segment, segment.low), self._joint(segment, segment.high))
            best[segment.index] = max(value, best.get(segment.index, value))
        agreement = np.zeros(self.space.size, dtype=bool)
        joint = np.zeros(self.space.size, dtype=object)
        for index, value in best.items():
            agreement[index], joint[index] = True, value
        exact = self.space.exact and all(isinstance(v, Fraction) for v in best.values())
        scaled, scale = _scaled(joint, exact)
        feasible, values = lattice_arrays(
            self.flat_support[agreement], scaled[agreement], len(self.game.issues)
        )
        return self._lattice(feasible, values, scale, exact)

    def agreements(self) -> int:
        return len({s.index for s in self.analysis.segments})

    def status_quo(self) -> Deal:
        return self.combine([])

    def nash(self, issues: Sequence[str] | None) -> Deal:
        within = self.within(issues).ravel()
        segments = [s for s in self.analysis.segments if within[s.index]]
        powers = [self.game.party(p).power for p in self.game.party_ids]
        found = nash_deals(segments, [self.d[p] for p in self.game.party_ids], powers)
        if not found:
            return self.status_quo()
        best = found[0]
        return Deal(
            package=best.package,
            utilities=dict(zip(self.game.party_ids, best.utilities, strict=True)),
            feasible=True,
            ratified=True,
            amount=best.amount,
        )

    def combine(self, pieces: Sequence[Deal]) -> Deal:
        """The pieces' packages together, paying the sum of their amounts (ratified as a whole
        only when that sum is at most ``max``)."""
        index = self.merged(pieces)
        total = sum((piece.amount or 0 for piece in pieces), Fraction(0))
        flat = int(np.ravel_multi_index(index, self.space.shape))
        ratifying = self.analysis.ratified_by(flat, total)
        rejected = tuple(p for p in self.game.party_ids if p not in ratifying)
        utilities = {
            p: self.space.to_number(self.space.values[p][index]) + self.transfer.value(p) * total
            for p in self.game.party_ids
        }
        return Deal(
            package=self.space.package(index),
            utilities=utilities,
            feasible=bool(pieces),
            ratified=not rejected and total <= self.transfer.max,
            rejected_by=rejected,
            amount=total,
        )

    def factors(self, deal: Deal, issues: set[str]) -> Factors:
        index = self.space.index(deal.package)
        amount = deal.amount or 0
        return critical_factors(self.space, index, issues, self.transfer, amount)

    def blockers(self, axis: int) -> tuple[Blocker, ...]:
        """Who blocks the issue alone at every amount: candidates are each package of the issue
        at one amount in every stretch where no actor's acceptance changes."""
        analysis = self.analysis
        points = [
            (index, x)
            for index in self.space.alone(axis)
            for x in analysis.test_amounts(int(index))
        ]

        def accepts(actor: str) -> np.ndarray:
            return np.array([analysis.accepts(actor, int(i), x) for i, x in points], dtype=bool)

        ratified = [analysis.ratified_by(int(i), x) for i, x in points]
        return _blockers(
            self.game.party_ids,
            lambda p: [c.id for c in self.game.constituencies_of(p)],
            {p: np.array([p in r for r in ratified], dtype=bool) for p in self.game.party_ids},
            accepts,
        )


class _LotteryRules(LinkageRules):
    name = "lotteries"

    def __init__(self, space: PackageSpace) -> None:
        super().__init__(space)
        self.analysis: UncertainRatification = uncertain_ratification(space)
        self.pi = self.analysis.pi()
        gains = np.ones(space.shape, dtype=bool)
        for p in self.game.party_ids:
            gains &= space.values[p] >= space.reservations[p]
        self.deals = (self.pi > 0) & gains
        self.deals[space.status_quo_index] = False

    def lattice(self) -> LinkageLattice:
        joint = np.zeros(self.space.shape, dtype=object)
        total = joint_gains(self.space)
        for position in zip(*np.nonzero(self.deals), strict=True):
            joint[position] = self.pi[position] * self.space.to_number(total[position])
        scaled, scale = _scaled(joint, self.exact)
        feasible, values = lattice_arrays(
            self.support[self.deals], scaled[self.deals], len(self.game.issues)
        )
        return self._lattice(feasible, values, scale, self.exact)

    def agreements(self) -> int:
        return self.analysis.agreements

    def nash(self, issues: Sequence[str] | None) -> Deal:
        found = self.analysis.expected_nash_within(self.within(issues))
        if not found:
            return self.status_quo()
        index = np.unravel_index(found[0].index, self.space.shape)
        piece = self._package_deal(tuple(int(k) for k in index), feasible=True)
        return self.combine([piece])

    def combine(self, pieces: Sequence[Deal]) -> Deal:
        """Each piece put to the vote on its own: expected utilities over which pass."""
        space = self.space
        flats = [int(np.ravel_multi_index(space.index(d.package), space.shape)) for d in pieces]
        distribution = joint_ratification(space, flats)
        utilities: dict[str, Number] = dict.fromkeys(self.game.party_ids, Fraction(0))
        for mask, chance in distribution.items():
            index = self.merged([d for k, d in enumerate(pieces) if mask >> k & 1])
            for p in self.game.party_ids:
                utilities[p] += chance * space.to_number(space.values[p][index])
        index = self.merged(pieces)
        possible = tuple(
            p for p in self.game.party_ids if self.analysis.party_probabilities[p][index] > 0
        )
        rejected = tuple(p for p in self.game.party_ids if p not in possible)
        return Deal(
            package=space.package(index),
            utilities=utilities,
            feasible=bool(pieces),
            ratified=not rejected,
            rejected_by=rejected,
            probability=distribution.get((1 << len(pieces)) - 1, Fraction(0)) if pieces else None,
        )

    def blockers(self, axis: int) -> tuple[Blocker, ...]:
        """Who blocks the issue alone: who cannot ratify (``pi_P = 0``), and which of its
        constituencies accept none even at their lowest reservation."""
        within = self.space.alone(axis)
        space, game = self.space, self.game

        def accepts(actor: str) -> np.ndarray:
            lottery = game.lotteries.reservations.get(actor)
            if lottery is None:
                certain: np.ndarray = space.accepts(actor).ravel()[within]
                return certain
            lowest = min(v for v, _ in lottery.support)
            values = space.values[actor].ravel()[within]
            return np.array([space.to_number(v) >= lowest for v in values], dtype=bool)

        return _blockers(
            game.party_ids,
            lambda p: [c.id for c in game.constituencies_of(p)],
            {p: self.analysis.party_probabilities[p].ravel()[within] > 0 for p in game.party_ids},
            accepts,
        )


def linkage_rules(space: PackageSpace) -> LinkageRules:
    """The rules of the game: transfer with a ``[[transfer]]``, lotteries with a distribution,
    packages otherwise."""
    if space.game.transfers:
        return _TransferRules(space)
    if space.game.lotteries:
        return _LotteryRules(space)
    return LinkageRules(space)
