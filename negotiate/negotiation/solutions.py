"""Bargaining solutions of a two-level negotiation, over the packages of its agreement set.

The parties bargain over the agreement set ``A`` (the packages every party can ratify at home);
the disagreement point ``d`` is the vector of the executives' reservations and ``g_i(p) = u_i(p) -
d_i`` is party ``i``'s gain from package ``p``. Every solution here picks packages of ``A`` that
are individually rational (``g_i >= 0`` for all ``i``) and Pareto-efficient within ``A`` (when
every executive has a veto, the default, every member of ``A`` is individually rational):

- **Nash** (Nash 1950; with unequal powers ``w`` the asymmetric Nash solution of Kalai 1977):
  maximise ``prod_i g_i ** w_i``.
- **Kalai-Smorodinsky** (1975): maximise ``min_i g_i / (I_i - d_i)``, with the ideal point
  ``I_i = max_{p in A} u_i(p)`` (parties with ``I_i = d_i`` can gain nothing and are left out).
- **Egalitarian** (Kalai 1977): maximise ``min_i g_i``.
- **Utilitarian**: maximise ``sum_i u_i``. Unlike the others, it depends on how each party's
  utilities are scaled: adding a constant or multiplying one party's utilities changes it.
- **Proposer outcome** of party ``i`` (a take-it-or-leave-it offer): its best package of ``A``,
  ties broken by the largest sum of the others' gains, then package order.

Over packages, every solution lists all the packages that tie, in package order. Among tied
maximisers of the Kalai-Smorodinsky and egalitarian criteria only Pareto-efficient ones are kept
(a dominated package can tie on a minimum). The Nash solution over *lotteries* of packages,
:func:`nash_lottery`, is a point of the convex hull of ``A``'s utility vectors and a lottery over
at most ``n`` packages that reaches it.

Exact games give exact answers: gains are exact integers (utilities scaled by a common
denominator), and Nash products with rational powers ``w_i = a_i / D`` are ranked by float
logarithms, then near-ties are compared exactly as the integers ``prod_i g_i ** a_i``.

Examples
--------
>>> from negotiate.model import NegotiationGame, Party, Issue
>>> game = NegotiationGame(
...     id="g", title="G",
...     parties=[Party(id="us", values={"trade": {"open": 4, "free": 7}, "visas": {"more": -1}}),
...              Party(id="mx", values={"trade": {"open": -1, "free": "-5/2"},
...                                     "visas": {"more": 5}})],
...     issues=[Issue(id="trade", options=["closed", "open", "free"]),
...             Issue(id="visas", options=["few", "more"])],
... )
>>> [o.package for o in nash_packages(game)]
[('free', 'more')]
>>> [o.package for o in egalitarian_packages(game)]
[('open', 'more')]
>>> proposer_package(game, "mx").package
('open', 'more')
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import attrs
import numpy as np

from negotiate.exact.numbers import Number
from negotiate.model._common import FrozenMap
from negotiate.model.negotiation import NegotiationGame, Package
from negotiate.negotiation.nash_product import NashProduct
from negotiate.negotiation.two_level import AgreementSet, agreement_set

__all__ = [
    "LotteryOutcome",
    "PackageOutcome",
    "best_agreements",
    "egalitarian_packages",
    "kalai_smorodinsky_packages",
    "nash_lottery",
    "nash_packages",
    "pareto_packages",
    "proposer_package",
    "proposer_packages",
    "utilitarian_packages",
]

_INT_LIMIT = 2**62


def _utilities(value: Mapping[str, Number]) -> FrozenMap[str, Number]:
    return FrozenMap(value)


@attrs.frozen
class PackageOutcome:
    """A package and what it gives each party's executive.

    ``index`` is its position in package order (the flat index of the package tensor).
    """

    package: Package
    index: int
    utilities: FrozenMap[str, Number] = attrs.field(converter=_utilities)


def _package_lottery(
    pairs: Iterable[tuple[Number, PackageOutcome]],
) -> tuple[tuple[Number, PackageOutcome], ...]:
    return tuple(pairs)


@attrs.frozen
class LotteryOutcome:
    """A point of the convex hull of the agreement set and a lottery over packages reaching it.

    ``lottery`` lists ``(probability, outcome)`` pairs in package order; ``exact`` says whether the
    point was found exactly.
    """

    utilities: FrozenMap[str, Number] = attrs.field(converter=_utilities)
    lottery: tuple[tuple[Number, PackageOutcome], ...] = attrs.field(converter=_package_lottery)
    exact: bool = True


# -- inputs ------------------------------------------------------------------------------------


def _agreement(agreement: AgreementSet | NegotiationGame) -> AgreementSet:
    if isinstance(agreement, AgreementSet):
        return agreement
    if isinstance(agreement, NegotiationGame):
        return agreement_set(agreement)
    raise TypeError(
        f"expected a NegotiationGame or an AgreementSet (got {type(agreement).__name__})"
    )


def _powers(agreement: AgreementSet, powers: Mapping[str, Number] | None) -> list[Number]:
    game = agreement.game
    if powers is None:
        return [game.party(p).power for p in agreement.parties]
    missing = [p for p in agreement.parties if p not in powers]
    if missing:
        raise ValueError(f"powers: expected a power for every party (missing: {missing})")
    out = []
    for party in agreement.parties:
        power = powers[party]
        if isinstance(power, int):
            power = Fraction(power)
        if not power > 0:
            raise ValueError(f"powers.{party}: expected a positive number (got {power})")
        out.append(power)
    return out


def _candidates(agreement: AgreementSet) -> np.ndarray:
    """Positions (among ``A``'s members) of the individually rational Pareto-efficient ones."""
    return np.flatnonzero(agreement.pareto & agreement.rational)


def _gains(agreement: AgreementSet, positions: np.ndarray) -> np.ndarray:
    every = len(positions) == len(agreement.utilities)  # positions are sorted and distinct
    utilities = agreement.utilities if every else agreement.utilities[positions]
    return np.asarray(utilities - agreement.disagreement)


def _outcome(agreement: AgreementSet, index: int) -> PackageOutcome:
    index = int(index)
    return PackageOutcome(
        package=agreement.space.package(index),
        index=index,
        utilities=agreement.outcome_utilities(index),
    )


def _outcomes(agreement: AgreementSet, positions: np.ndarray) -> tuple[PackageOutcome, ...]:
    return tuple(_outcome(agreement, agreement.indices[k]) for k in np.sort(positions))


def _maximisers(score: np.ndarray, exact: bool) -> np.ndarray:
    """Positions where ``score`` is largest (within a rounding tolerance for floats)."""
    if len(score) == 0:
        return np.zeros(0, dtype=np.int64)
    best = score.max()
    if exact:
        return np.flatnonzero(score == best)
    return np.flatnonzero(score >= best - 1e-12 * (1 + abs(float(best))))


def pareto_packages(agreement: AgreementSet | NegotiationGame) -> tuple[PackageOutcome, ...]:
    """The Pareto set of the agreement set: its members no other member Pareto-dominates on the
    executives' utilities, in package order.

    Examples
    --------
    >>> from negotiate import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="swap", title="A swap",
    ...     parties=[Party(id="us", values={"trade": {"open": 3}, "visas": {"more": -1}}),
    ...              Party(id="mx", values={"trade": {"open": -1}, "visas": {"more": 2}})],
    ...     issues=[Issue(id="trade", options=["closed", "open"]),
    ...             Issue(id="visas", options=["few", "more"])])
    >>> from negotiate import agreement_set
    >>> [o.package for o in pareto_packages(agreement_set(game))]
    [('open', 'more')]
    """
    agreement = _agreement(agreement)
    return tuple(_outcome(agreement, k) for k in agreement.pareto_indices)


# -- Nash --------------------------------------------------------------------------------------


def nash_packages(
    agreement: AgreementSet | NegotiationGame, powers: Mapping[str, Number] | None = None
) -> tuple[PackageOutcome, ...]:
    """The Nash bargaining solution over the packages of the agreement set.

    Maximises ``prod_i (u_i(p) - d_i) ** w_i`` over the individually rational packages ``p`` of
    ``A`` (Nash 1950); with unequal powers ``w`` it is the asymmetric Nash solution (Kalai 1977).
    When every such product is 0, every efficient package ties.

    Parameters
    ----------
    agreement : AgreementSet or NegotiationGame
    powers : mapping of party id to positive number, optional
        Bargaining powers ``w_i``. Default: each party's ``power`` in the game (1 unless set).
        Pass ``{party: 1 for every party}`` for the symmetric solution.

    Returns
    -------
    tuple of PackageOutcome
        Every maximiser, in package order; empty when ``A`` is.

    Examples
    --------
    >>> from negotiate.model import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="g", title="G",
    ...     parties=[Party(id="a", values={"x": {"one": 1, "two": 2, "three": 3}}),
    ...              Party(id="b", values={"x": {"one": 3, "two": 2, "three": 1}})],
    ...     issues=[Issue(id="x", options=["zero", "one", "two", "three"])],
    ... )
    >>> [o.package for o in nash_packages(game)]
    [('two',)]
    >>> [o.package for o in nash_packages(game, powers={"a": 3, "b": 1})]
    [('three',)]
    """
    agreement = _agreement(agreement)
    resolved = _powers(agreement, powers)
    found = _NASH.setdefault(agreement, {})
    key = (*resolved, FEW_NEAR_TIES)  # several analyses ask for the same agreement set's
    if key not in found:
        found[key] = _nash_packages(agreement, resolved)
    return found[key]


_NASH: weakref.WeakKeyDictionary[AgreementSet, dict[tuple[Any, ...], tuple[PackageOutcome, ...]]]
_NASH = weakref.WeakKeyDictionary()
"""The Nash packages of each agreement set (while it lives), by powers."""


def _nash_packages(agreement: AgreementSet, powers: list[Number]) -> tuple[PackageOutcome, ...]:
    # over every individually rational member: a maximiser of positive product is efficient
    # (a package dominating it would have a larger product), so the Pareto set is not needed
    positions = np.flatnonzero(agreement.rational)
    product = NashProduct(_gains(agreement, positions), powers, agreement.space.exact)
    rows = product.best()
    if len(rows) and not np.isfinite(product.score[rows[0]]):
        return _outcomes(agreement, _candidates(agreement))  # every product is 0: all tie
    chosen = positions[rows]
    if product.exact:
        return _outcomes(agreement, chosen)
    # floats: near-ties within a tolerance, some maybe dominated; many of them: the Pareto set
    few = len(chosen) <= FEW_NEAR_TIES
    efficient = _undominated(agreement.utilities, chosen) if few else agreement.pareto[chosen]
    return _outcomes(agreement, chosen[efficient])


FEW_NEAR_TIES = 16
"""Float near-ties up to this many are checked for dominance one by one; more, by the Pareto
set of the whole agreement set."""


def _undominated(points: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """For each of ``rows``: whether no point of ``points`` dominates it (at least as good for
    everyone, better for someone; equal points do not dominate)."""
    out = np.ones(len(rows), dtype=bool)
    for k, row in enumerate(rows):
        point = points[row]
        out[k] = not np.any(np.all(points >= point, axis=1) & np.any(points > point, axis=1))
    return out


def best_agreements(
    agreement: AgreementSet | NegotiationGame,
    count: int = 5,
    powers: Mapping[str, Number] | None = None,
) -> tuple[PackageOutcome, ...]:
    """The ``count`` individually rational agreements of largest Nash product, best first.

    Ties are listed in package order; dominated packages are included (this is a ranking of
    ``A``, not a solution).

    >>> from negotiate.model import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="g", title="G",
    ...     parties=[Party(id="a", values={"x": {"one": 1, "two": 2, "three": 3}}),
    ...              Party(id="b", values={"x": {"one": 3, "two": 2, "three": 1}})],
    ...     issues=[Issue(id="x", options=["zero", "one", "two", "three"])],
    ... )
    >>> [o.package for o in best_agreements(game, 2)]
    [('two',), ('one',)]
    """
    agreement = _agreement(agreement)
    positions = np.flatnonzero(agreement.rational)
    product = NashProduct(
        _gains(agreement, positions), _powers(agreement, powers), agreement.space.exact
    )
    return tuple(
        _outcome(agreement, agreement.indices[positions[r]]) for r in product.ranked(count)
    )


# -- Kalai-Smorodinsky, egalitarian, utilitarian ---------------------------------------------------


def kalai_smorodinsky_packages(
    agreement: AgreementSet | NegotiationGame,
) -> tuple[PackageOutcome, ...]:
    """The Kalai-Smorodinsky solution over the packages of the agreement set.

    Maximises ``min_i (u_i(p) - d_i) / (I_i - d_i)`` over the individually rational efficient
    packages of ``A``, where ``I_i`` is party ``i``'s best utility in ``A`` (Kalai & Smorodinsky
    1975). Parties with ``I_i = d_i`` are left out of the minimum. Ratios are compared exactly in
    exact games.

    >>> from negotiate.model import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="g", title="G",
    ...     parties=[Party(id="a", values={"x": {"one": 1, "two": 2, "three": 4}}),
    ...              Party(id="b", values={"x": {"one": 8, "two": 6, "three": 1}})],
    ...     issues=[Issue(id="x", options=["zero", "one", "two", "three"])],
    ... )
    >>> [o.package for o in kalai_smorodinsky_packages(game)]
    [('two',)]
    """
    agreement = _agreement(agreement)
    positions = _candidates(agreement)
    gains = _gains(agreement, positions)
    if len(positions) == 0:
        return ()
    spans = gains.max(axis=0)  # I - d, the ideal point's gains
    active = np.flatnonzero(spans > 0)
    if len(active) == 0:
        return _outcomes(agreement, positions)
    exact = agreement.space.exact
    if exact:
        common = math.lcm(*(int(s) for s in spans[active]))
        factors = [common // int(s) for s in spans[active]]
        largest = int(np.abs(gains).max()) * max(factors)
        dtype = np.int64 if largest < _INT_LIMIT else object
        scaled = gains[:, active].astype(dtype) * np.array(factors, dtype=dtype)
        score = scaled.min(axis=1)
    else:
        score = (gains[:, active] / spans[active]).min(axis=1)
    best = _maximisers(score, exact)
    return _outcomes(agreement, positions[best])


def egalitarian_packages(
    agreement: AgreementSet | NegotiationGame,
) -> tuple[PackageOutcome, ...]:
    """The egalitarian solution over the packages of the agreement set.

    Maximises the smallest gain ``min_i (u_i(p) - d_i)`` over the individually rational efficient
    packages of ``A`` (Kalai 1977). It compares gains across parties, so it assumes their
    utilities are on a common scale.

    Examples
    --------
    >>> from negotiate import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="swap", title="A swap",
    ...     parties=[Party(id="us", values={"trade": {"open": 3}, "visas": {"more": -1}}),
    ...              Party(id="mx", values={"trade": {"open": -1}, "visas": {"more": 2}})],
    ...     issues=[Issue(id="trade", options=["closed", "open"]),
    ...             Issue(id="visas", options=["few", "more"])])
    >>> from negotiate import agreement_set
    >>> [o.package for o in egalitarian_packages(agreement_set(game))]
    [('open', 'more')]
    """
    agreement = _agreement(agreement)
    positions = _candidates(agreement)
    gains = _gains(agreement, positions)
    if len(positions) == 0:
        return ()
    return _outcomes(agreement, positions[_maximisers(gains.min(axis=1), agreement.space.exact)])


def utilitarian_packages(
    agreement: AgreementSet | NegotiationGame,
) -> tuple[PackageOutcome, ...]:
    """The utilitarian solution: the individually rational packages of ``A`` of largest total
    utility ``sum_i u_i(p)``.

    Scale-dependent: rescaling one party's utilities (which changes nothing in its preferences)
    can change the answer.

    Examples
    --------
    >>> from negotiate import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="swap", title="A swap",
    ...     parties=[Party(id="us", values={"trade": {"open": 3}, "visas": {"more": -1}}),
    ...              Party(id="mx", values={"trade": {"open": -1}, "visas": {"more": 2}})],
    ...     issues=[Issue(id="trade", options=["closed", "open"]),
    ...             Issue(id="visas", options=["few", "more"])])
    >>> from negotiate import agreement_set
    >>> [o.package for o in utilitarian_packages(agreement_set(game))]
    [('open', 'more')]
    """
    agreement = _agreement(agreement)
    positions = _candidates(agreement)
    if len(positions) == 0:
        return ()
    total = agreement.utilities[positions].sum(axis=1)
    return _outcomes(agreement, positions[_maximisers(total, agreement.space.exact)])


# -- proposers ---------------------------------------------------------------------------------


def proposer_package(
    agreement: AgreementSet | NegotiationGame, party_id: str
) -> PackageOutcome | None:
    """Party ``party_id``'s take-it-or-leave-it offer: its best package in the agreement set.

    Ties are broken by the largest sum of the other parties' gains, then by package order.
    ``None`` when there is no individually rational agreement.
    """
    agreement = _agreement(agreement)
    column = agreement.parties.index(party_id) if party_id in agreement.parties else None
    if column is None:
        agreement.game.party(party_id)  # raises, naming the parties
    positions = _candidates(agreement)
    if len(positions) == 0:
        return None
    gains = _gains(agreement, positions)
    own = gains[:, column]
    others = gains.sum(axis=1) - own
    exact = agreement.space.exact
    best = _maximisers(own, exact)
    best = best[_maximisers(others[best], exact)]
    return _outcome(agreement, agreement.indices[positions[best[0]]])


def proposer_packages(
    agreement: AgreementSet | NegotiationGame,
) -> dict[str, PackageOutcome | None]:
    """Every party's proposer outcome (see :func:`proposer_package`).

    Examples
    --------
    >>> from negotiate import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="swap", title="A swap",
    ...     parties=[Party(id="us", values={"trade": {"open": 3}, "visas": {"more": -1}}),
    ...              Party(id="mx", values={"trade": {"open": -1}, "visas": {"more": 2}})],
    ...     issues=[Issue(id="trade", options=["closed", "open"]),
    ...             Issue(id="visas", options=["few", "more"])])
    >>> from negotiate import agreement_set
    >>> {p: o.package for p, o in proposer_packages(agreement_set(game)).items()}
    {'us': ('open', 'more'), 'mx': ('open', 'more')}
    """
    agreement = _agreement(agreement)
    return {p: proposer_package(agreement, p) for p in agreement.parties}


# -- lotteries ---------------------------------------------------------------------------------


def nash_lottery(
    agreement: AgreementSet | NegotiationGame, powers: Mapping[str, Number] | None = None
) -> LotteryOutcome | None:
    """The Nash solution over lotteries of packages of the agreement set.

    The feasible set is the convex hull of the utility vectors of ``A`` (and what they dominate);
    the (asymmetric) Nash point maximises ``prod_i (u_i - d_i) ** w_i`` over it, and is reached
    by a lottery over at most ``n`` packages (Caratheodory). Only the Pareto set of ``A`` is
    handed to the bargaining core (:func:`negotiate.bargaining.nash.nash_point`); each
    distinct utility vector is represented by its first package in package order.

    Returns ``None`` when the agreement set is empty, or when no point of its hull gives every
    party at least its reservation. A party that cannot gain stays at its reservation while the
    others bargain (the bargaining core solves such degenerate problems exactly).

    Examples
    --------
    >>> from negotiate import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="swap", title="A swap",
    ...     parties=[Party(id="us", values={"trade": {"open": 3}, "visas": {"more": -1}}),
    ...              Party(id="mx", values={"trade": {"open": -1}, "visas": {"more": 2}})],
    ...     issues=[Issue(id="trade", options=["closed", "open"]),
    ...             Issue(id="visas", options=["few", "more"])])
    >>> from negotiate import agreement_set
    >>> nash_lottery(agreement_set(game)).utilities["us"]
    Fraction(2, 1)
    """
    agreement = _agreement(agreement)
    if agreement.is_empty:
        return None
    if len(agreement.parties) == 1:  # one party: its best package, for sure
        best = nash_packages(agreement)
        if not best:
            return None
        one = Fraction(1) if agreement.space.exact else 1.0
        return LotteryOutcome(utilities=best[0].utilities, lottery=[(one, best[0])])
    space = agreement.space
    disagreement = tuple(space.to_number(x) for x in agreement.disagreement)
    weights = _powers(agreement, powers)
    try:
        point, packages = _lottery_over(agreement, agreement.pareto, disagreement, weights)
    except ValueError:  # no lottery gives every party its reservation
        return None
    lottery = sorted(
        ((probability, _outcome(agreement, packages[k])) for probability, k in point.lottery),
        key=lambda pair: pair[1].index,
    )
    utilities = dict(zip(agreement.parties, point.utilities, strict=True))
    return LotteryOutcome(utilities=utilities, lottery=tuple(lottery), exact=point.exact)


def _lottery_over(
    agreement: AgreementSet, members: np.ndarray, disagreement: tuple[Number, ...], weights: Any
) -> tuple[Any, list[int]]:
    """The bargaining core's Nash point over the distinct utility vectors of some members of
    ``A``, and the package (first in package order) behind each vector."""
    from negotiate.bargaining.nash import nash_point

    space = agreement.space
    positions = np.flatnonzero(members)
    if len(positions) == 0:
        raise ValueError("no package to bargain over")
    seen: dict[tuple[Any, ...], int] = {}
    for k, row in enumerate(agreement.utilities[positions].tolist()):
        seen.setdefault(tuple(row), int(agreement.indices[positions[k]]))
    points = [tuple(space.to_number(x) for x in row) for row in seen]
    return nash_point(points, disagreement, powers=weights), list(seen.values())
