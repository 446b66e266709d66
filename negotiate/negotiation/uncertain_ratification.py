"""Uncertain ratification: the probability that each party ratifies, and bargaining over it.

With independent finite lotteries on constituency reservations and quotas
(:mod:`negotiate.model.lotteries`), constituency ``c`` accepts package ``p`` with probability
``q_c(p) = P(R_c <= u_c(p))``, and party ``P`` ratifies it with probability

    pi_P(p) = [executive accepts p] * sum_w P(W_P(p) = w) P(Q_P <= w),

where ``W_P(p)``, the approving weight, is a sum of independent ``w_c`` with probabilities
``q_c(p)``: its exact distribution is a dynamic programme over the constituencies (no sampling).
A deal is ratified with probability ``pi(p) = prod_P pi_P(p)``. Executives propose knowing only the
distributions (Iida 1993; Tarar 2001): agreeing on ``p`` is worth ``pi(p) u_i(p) + (1 - pi(p)) d_i``
in expectation, and the **expected Nash solution** maximises ``prod_i (pi(p) (u_i(p) - d_i)) **
w_i`` over the packages other than the status quo with ``pi(p) > 0`` and every gain ``>= 0``
(ties all). The **worst-case Nash solution** is the Nash solution of the certain world in which
every reservation and quota takes its largest value: the game's own fields.

>>> import negotiate
>>> from negotiate.model.lotteries import Lottery
>>> from negotiate.model import NegotiationGame, Party, Issue, Constituency, Ratification
>>> game = with_uncertainty(NegotiationGame(
...     id="g", title="G",
...     parties=[Party(id="us", values={"t": {"y": 1}}), Party(id="mx", values={"t": {"y": 1}})],
...     constituencies=[Constituency(id="c", party="us", values={"t": {"y": 1}})],
...     ratifications=[Ratification(party="us", quota=1)],
...     issues=[Issue(id="t", options=["n", "y"])],
... ), reservations={"c": Lottery([(0, "3/4"), (2, "1/4")])})
>>> result = uncertain_ratification(game)
>>> str(result.probability(("y",))), result.win_sets["us"], result.worst_case_nash
('3/4', (2, 0), ())
>>> [(o.package, str(o.probability)) for o in result.expected_nash]
[(('y',), '3/4')]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction

import attrs
import numpy as np

from negotiate.exact.numbers import Number, is_exact
from negotiate.model._common import FrozenMap
from negotiate.model.lotteries import Lotteries, Lottery
from negotiate.model.negotiation import NegotiationGame, Package
from negotiate.negotiation.packages import PackageSpace, package_space
from negotiate.negotiation.solutions import nash_packages
from negotiate.negotiation.two_level import agreement_set

__all__ = [
    "Sensitivity",
    "UncertainOutcome",
    "UncertainRatification",
    "joint_ratification",
    "ratification_probability",
    "uncertain_ratification",
    "with_uncertainty",
]


def with_uncertainty(
    game: NegotiationGame,
    reservations: Mapping[str, Lottery] | None = None,
    quotas: Mapping[str, Lottery] | None = None,
) -> NegotiationGame:
    """``game`` with these lotteries, its certain fields set to their worst cases (the largest
    values), as a file does."""
    reservations = dict(reservations or {})
    quotas = dict(quotas or {})
    constituencies = [
        attrs.evolve(c, reservation=reservations[c.id].worst) if c.id in reservations else c
        for c in game.constituencies
    ]
    ratifications = [
        attrs.evolve(r, quota=quotas[r.party].worst) if r.party in quotas else r
        for r in game.ratifications
    ]
    return attrs.evolve(
        game,
        constituencies=constituencies,
        ratifications=ratifications,
        lotteries=Lotteries(reservations=reservations, quotas=quotas),
    )


def _utilities(value: Mapping[str, Number]) -> FrozenMap[str, Number]:
    return FrozenMap(value)


@attrs.frozen(kw_only=True)
class UncertainOutcome:
    """A package, its probability of ratification ``pi(p)`` and each executive's expected
    utility ``pi u_i + (1 - pi) d_i``."""

    package: Package
    index: int
    probability: Number
    expected_utilities: FrozenMap[str, Number] = attrs.field(converter=_utilities)


@attrs.frozen(kw_only=True)
class Sensitivity:
    """The probability of the recommended package were one lottery certain at one value.

    ``kind`` is ``"reservation"`` (``owner`` a constituency) or ``"quota"`` (``owner`` a party).
    """

    kind: str
    owner: str
    value: Number
    chance: Fraction
    probability: Number


def _outcomes(values: Sequence[UncertainOutcome]) -> tuple[UncertainOutcome, ...]:
    return tuple(values)


def _sensitivities(values: Sequence[Sensitivity]) -> tuple[Sensitivity, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True, eq=False)
class UncertainRatification:
    """Ratification probabilities and the solutions that weigh them.

    Attributes
    ----------
    game : NegotiationGame
    party_probabilities : dict
        ``party -> array`` of ``pi_P`` over the package tensor (Fractions when exact).
    win_sets : dict
        ``party -> (possible, sure)``: the numbers of packages with ``pi_P > 0`` and ``pi_P = 1``
        (the status quo included).
    agreements : int
        The packages other than the status quo with ``pi > 0``.
    expected_nash, worst_case_nash : tuple of UncertainOutcome
    separate : dict
        ``issue -> the first expected Nash package of that issue negotiated alone`` (every other
        issue at its status quo), or ``None``.
    sensitivity : tuple of Sensitivity
        For the first expected Nash package: its probability were each lottery certain at each
        of its values.
    """

    game: NegotiationGame
    space: PackageSpace
    party_probabilities: dict[str, np.ndarray]
    win_sets: dict[str, tuple[int, int]]
    agreements: int
    expected_nash: tuple[UncertainOutcome, ...] = attrs.field(converter=_outcomes)
    worst_case_nash: tuple[UncertainOutcome, ...] = attrs.field(converter=_outcomes)
    sensitivity: tuple[Sensitivity, ...] = attrs.field(converter=_sensitivities)
    separate: dict[str, UncertainOutcome | None] = attrs.field(factory=dict)

    def pi(self) -> np.ndarray:
        """``pi`` over the package tensor: the probability that every party ratifies."""
        out = _product(self.party_probabilities[p] for p in self.game.party_ids)
        assert isinstance(out, np.ndarray)
        return out

    def expected_nash_within(self, region: np.ndarray) -> tuple[UncertainOutcome, ...]:
        """The expected Nash packages among those of ``region`` (a boolean package tensor)."""
        d = [self.space.reservation(p) for p in self.game.party_ids]
        return _expected_nash(self.space, self.pi(), d, region)

    def probability(self, package: Package) -> Number:
        """``pi(p)``: the probability that every party ratifies ``package``."""
        index = self.space.index(package)
        return _product(self.party_probabilities[p][index] for p in self.game.party_ids)


def _product(values: object) -> Number:
    out: Number = Fraction(1)
    for value in values:  # type: ignore[attr-defined]
        out = out * value
    return out


# -- pi_P -----------------------------------------------------------------------------------------


def _weight_distribution(
    weights: Sequence[Number], chances: Sequence[Number]
) -> dict[Number, Number]:
    """The distribution of the sum of independent ``w_c`` present with probability ``q_c``."""
    distribution: dict[Number, Number] = {Fraction(0): Fraction(1)}
    for weight, chance in zip(weights, chances, strict=True):
        if chance == 0:
            continue
        step: dict[Number, Number] = {}
        for total, p in distribution.items():
            if chance != 1:
                step[total] = step.get(total, 0) + p * (1 - chance)
            step[total + weight] = step.get(total + weight, 0) + p * chance
        distribution = step
    return distribution


class _Probabilities:
    """``pi_P`` package by package, memoised on the constituencies' acceptance chances."""

    def __init__(self, space: PackageSpace, uncertainty: Lotteries) -> None:
        self.space = space
        self.game = space.game
        self.uncertainty = uncertainty
        self.values = {a: space.values[a].ravel() for a in self.game.actor_ids}
        self.memo: dict[tuple[str, tuple[Number, ...]], Number] = {}

    def chance(self, constituency_id: str, index: int) -> Number:
        """``q_c(p)``: the probability that the constituency accepts the package at ``index``."""
        lottery = self.uncertainty.reservations.get(constituency_id)
        utility = self.space.to_number(self.values[constituency_id][index])
        if lottery is None:
            reserve = self.space.reservation(constituency_id)
            return Fraction(1) if utility >= reserve else Fraction(0)
        return sum((p for v, p in lottery.outcomes if utility >= v), Fraction(0))

    def party(self, party_id: str, index: int) -> Number:
        """``pi_P(p)`` for the package at ``index``."""
        rule = self.game.ratification(party_id)
        executive = bool(self.space.accepts(party_id).ravel()[index])
        if rule is None:
            return Fraction(int(executive))
        if rule.executive_veto and not executive:
            return Fraction(0)
        members = self.game.constituencies_of(party_id)
        chances = tuple(self.chance(c.id, index) for c in members)
        key = (party_id, chances)
        if key not in self.memo:
            distribution = _weight_distribution([c.weight for c in members], chances)
            quota = self.uncertainty.quotas.get(party_id) or Lottery([(rule.quota, 1)])
            self.memo[key] = sum(
                (pq * pw for q, pq in quota.outcomes for w, pw in distribution.items() if w >= q),
                Fraction(0),
            )
        return self.memo[key]

    def array(self, party_id: str) -> np.ndarray:
        """``pi_P`` over the package tensor."""
        flat = np.empty(self.space.size, dtype=object)
        for index in range(self.space.size):
            flat[index] = self.party(party_id, index)
        return flat.reshape(self.space.shape)


def ratification_probability(game: NegotiationGame, party_id: str, package: Package) -> Number:
    """``pi_P(p)``: the exact probability that ``party_id`` ratifies ``package``."""
    space = package_space(game)
    index = int(np.ravel_multi_index(space.index(package), space.shape))
    return _Probabilities(space, game.lotteries).party(party_id, index)


# -- the analysis -------------------------------------------------------------------------------


def _outcome(
    space: PackageSpace, index: int, probability: Number, d: Sequence[Number]
) -> UncertainOutcome:
    parties = space.game.party_ids
    utilities = [space.to_number(space.values[p].ravel()[index]) for p in parties]
    expected = {
        p: probability * u + (1 - probability) * di
        for p, u, di in zip(parties, utilities, d, strict=True)
    }
    return UncertainOutcome(
        package=space.package(index),
        index=index,
        probability=probability,
        expected_utilities=expected,
    )


def _expected_nash(
    space: PackageSpace, pi: np.ndarray, d: Sequence[Number], region: np.ndarray | None = None
) -> tuple[UncertainOutcome, ...]:
    game = space.game
    parties = game.party_ids
    powers = [game.party(p).power for p in parties]
    exact = is_exact(*powers) and space.exact
    common = math.lcm(1, *(Fraction(w).denominator for w in powers)) if exact else 1
    scored: list[tuple[object, int]] = []
    expected: list[tuple[Number, ...]] = []
    for index, chance, gains in _candidates(space, pi, d, region):
        scored.append((_score(chance, gains, powers, common if exact else None), index))
        expected.append(tuple(chance * g for g in gains))
    if not scored:
        return ()
    top = max(s for s, _ in scored)  # type: ignore[type-var]
    if top == 0:  # every product is 0: every efficient package ties, as in the certain game
        return tuple(
            _outcome(space, scored[k][1], pi.ravel()[scored[k][1]], d) for k in _efficient(expected)
        )
    return tuple(
        _outcome(space, index, pi.ravel()[index], d)
        for s, index in scored
        if s == top or (not exact and float(s) >= float(top) * (1 - 1e-12))  # type: ignore[arg-type]
    )


def _candidates(
    space: PackageSpace, pi: np.ndarray, d: Sequence[Number], region: np.ndarray | None
) -> list[tuple[int, Number, list[Number]]]:
    """``(index, pi, gains)`` of the packages other than the status quo (within ``region``)
    that may be ratified and give every executive at least its reservation."""
    status_quo = int(np.ravel_multi_index(space.status_quo_index, space.shape))
    possible = pi.ravel() > 0
    if region is not None:
        possible &= region.ravel()
    out = []
    for position in np.flatnonzero(possible):
        index = int(position)
        gains = [
            space.to_number(space.values[p].ravel()[index]) - di
            for p, di in zip(space.game.party_ids, d, strict=True)
        ]
        if index != status_quo and all(g >= 0 for g in gains):
            out.append((index, pi.ravel()[index], gains))
    return out


def _score(
    chance: Number, gains: Sequence[Number], powers: Sequence[Number], common: int | None
) -> object:
    """The expected Nash product: exact, to the powers ``w_i common``, when ``common`` is given."""
    if common is not None:
        return _product(
            (chance * g) ** int(Fraction(w) * common) for g, w in zip(gains, powers, strict=True)
        )
    return math.prod(float(chance * g) ** float(w) for g, w in zip(gains, powers, strict=True))


def _efficient(points: Sequence[tuple[Number, ...]]) -> list[int]:
    """The positions of the points no other point Pareto-dominates."""
    return [
        k
        for k, point in enumerate(points)
        if not any(
            all(a >= b for a, b in zip(other, point, strict=True)) and other != point
            for other in points
        )
    ]


def uncertain_ratification(game: NegotiationGame | PackageSpace) -> UncertainRatification:
    """Exact ratification probabilities, possible and sure win-sets, the expected and the
    worst-case Nash solutions, and which lotteries move the recommended package's probability.

    Parameters
    ----------
    game : NegotiationGame or PackageSpace
        With its lotteries (``game.lotteries``) and scenario applied, if any; or its package
        tensor if built.

    Returns
    -------
    UncertainRatification
    """
    space = game if isinstance(game, PackageSpace) else package_space(game)
    return space.derive("uncertain_ratification", _uncertain_ratification)  # linkage asks too


def _uncertain_ratification(space: PackageSpace) -> UncertainRatification:
    game = space.game
    probabilities = _Probabilities(space, game.lotteries)
    party_pi = {p: probabilities.array(p) for p in game.party_ids}
    pi = _product(party_pi[p] for p in game.party_ids)
    assert isinstance(pi, np.ndarray)
    d = [space.reservation(p) for p in game.party_ids]
    win_sets = {
        p: (int(np.count_nonzero(a > 0)), int(np.count_nonzero(a == 1)))
        for p, a in party_pi.items()
    }
    agreements = int(np.count_nonzero(pi > 0)) - int(pi[space.status_quo_index] > 0)
    expected = _expected_nash(space, pi, d)
    worst = tuple(
        _outcome(space, o.index, pi.ravel()[o.index], d)
        for o in nash_packages(agreement_set(space))
    )
    return UncertainRatification(
        game=game,
        space=space,
        party_probabilities=party_pi,
        win_sets=win_sets,
        agreements=agreements,
        expected_nash=expected,
        worst_case_nash=worst,
        sensitivity=_sensitivity(space, expected[0].index) if expected else (),
        separate=_separate(space, pi, d),
    )


def _separate(
    space: PackageSpace, pi: np.ndarray, d: Sequence[Number]
) -> dict[str, UncertainOutcome | None]:
    """``issue -> the first expected Nash package among those changing only that issue``."""
    out: dict[str, UncertainOutcome | None] = {}
    for issue in space.game.issues:
        region = np.zeros(space.shape, dtype=bool)
        region[space.restriction([issue.id])] = True
        found = _expected_nash(space, pi, d, region)
        out[issue.id] = found[0] if found else None
    return out


def _sensitivity(space: PackageSpace, index: int) -> tuple[Sensitivity, ...]:
    """The recommended package's probability with each lottery made certain at each value."""
    game = space.game
    uncertainty = game.lotteries
    out = []
    tables = (("reservation", uncertainty.reservations), ("quota", uncertainty.quotas))
    for kind, lotteries in tables:
        for owner, lottery in lotteries.items():
            for value, chance in lottery.outcomes:
                certain = Lottery([(value, 1)])
                changed = dict(lotteries) | {owner: certain}
                variant = (
                    attrs.evolve(uncertainty, reservations=changed)
                    if kind == "reservation"
                    else attrs.evolve(uncertainty, quotas=changed)
                )
                probabilities = _Probabilities(space, variant)
                probability = _product(probabilities.party(p, index) for p in game.party_ids)
                out.append(
                    Sensitivity(
                        kind=kind, owner=owner, value=value, chance=chance, probability=probability
                    )
                )
    return tuple(out)


def joint_ratification(space: PackageSpace, indices: Sequence[int]) -> dict[int, Number]:
    """Which of several packages, each put to the vote on its own before the same legislatures,
    every party ratifies: the exact distribution of that set as a bit mask (bit ``k``: the
    package at flat index ``indices[k]``).

    Every reservation and quota is drawn once and decides every vote, so the votes are not
    independent. For each party, a dynamic programme over its constituencies carries the
    approving weight of every package at once (a constituency accepts exactly the packages
    worth at least its drawn reservation); the quota then gives the set that party ratifies,
    and the parties' sets, independent, intersect. With one package this is ``pi(p)``.

    >>> from negotiate.model.lotteries import Lottery
    >>> from negotiate.model import NegotiationGame, Party, Issue, Constituency, Ratification
    >>> game = with_uncertainty(NegotiationGame(
    ...     id="g", title="G",
    ...     parties=[Party(id="us", values={"a": {"y": 1}, "b": {"y": 1}})],
    ...     constituencies=[Constituency(id="c", party="us", values={"a": {"y": 1},
    ...                                                             "b": {"y": 2}})],
    ...     ratifications=[Ratification(party="us", quota=1)],
    ...     issues=[Issue(id="a", options=["n", "y"]), Issue(id="b", options=["n", "y"])],
    ... ), reservations={"c": Lottery([(0, "1/2"), (2, "1/4"), (3, "1/4")])})
    >>> space = package_space(game)
    >>> {mask: str(p) for mask, p in sorted(joint_ratification(space, [2, 1]).items())}
    {0: '1/4', 2: '1/4', 3: '1/2'}
    """
    full = (1 << len(indices)) - 1
    total: dict[int, Number] = {full: Fraction(1)}
    for party_id in space.game.party_ids:
        step: dict[int, Number] = {}
        for mask, chance in _party_joint(space, party_id, indices).items():
            for held, before in total.items():
                step[held & mask] = step.get(held & mask, 0) + before * chance
        total = step
    return total


def _party_joint(space: PackageSpace, party_id: str, indices: Sequence[int]) -> dict[int, Number]:
    """The distribution of the set of ``indices`` that ``party_id`` ratifies (a bit mask)."""
    game = space.game
    accepts = space.accepts(party_id).ravel()
    executive = sum(1 << k for k, i in enumerate(indices) if accepts[i])
    rule = game.ratification(party_id)
    if rule is None:
        return {executive: Fraction(1)}
    allowed = executive if rule.executive_veto else (1 << len(indices)) - 1
    states: dict[tuple[Number, ...], Number] = {tuple(Fraction(0) for _ in indices): Fraction(1)}
    for member in game.constituencies_of(party_id):
        values = space.values[member.id].ravel()
        utilities = [space.to_number(values[i]) for i in indices]
        reservation = game.lotteries.reservations.get(member.id) or Lottery(
            [(space.reservation(member.id), 1)]
        )
        step: dict[tuple[Number, ...], Number] = {}
        for value, chance in reservation.support:
            for weights, before in states.items():
                key = tuple(
                    w + member.weight if u >= value else w
                    for w, u in zip(weights, utilities, strict=True)
                )
                step[key] = step.get(key, 0) + before * chance
        states = step
    quota = game.lotteries.quotas.get(party_id) or Lottery([(rule.quota, 1)])
    out: dict[int, Number] = {}
    for weights, before in states.items():
        for level, chance in quota.support:
            mask = sum(1 << k for k, w in enumerate(weights) if w >= level) & allowed
            out[mask] = out.get(mask, 0) + before * chance
    return out
