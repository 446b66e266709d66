"""Issue linkage: what tying issues together changes.

For a set ``L`` of issues, ``G_L`` is the negotiation in which every issue outside ``L`` stays at
its status quo. A package belongs to ``G_L`` iff its *support* (the issues where it differs from
the status quo) is a subset of ``L``. So, after one pass over the agreement set of the whole
package tensor, every question about all ``2^k`` linkages is a reduction over the lattice of
subsets (a zeta transform, ``O(2^k k)``):

- a linkage is *feasible* when ``G_L`` has an agreement; the *minimal feasible linkages* are the
  feasible ``L`` none of whose proper subsets is feasible;
- ``v(L)``, the largest joint gain ``sum_i (u_i - d_i)`` over ``G_L``'s agreement set (0 when it
  is empty), defines a TU game over issues whose Shapley value is each issue's contribution;
- each issue negotiated alone gives the separate deals and their combination ``p_sep``; the Nash
  package of the whole game is the linked deal ``p_link``; ``u_i(p_link) - u_i(p_sep)`` are the
  gains from linkage (Sebenius 1983; Tollison & Willett 1979);
- a party that controls issues can renege on them: with temptation ``g_i`` and stake
  ``s_i = u_i(p*) - d_i``, grim reversion sustains ``p*`` iff ``δ_i >= g_i / (g_i + s_i)``
  (Bernheim & Whinston 1990; Spagnolo 1999).

>>> from negotiate.model import NegotiationGame, Party, Issue
>>> game = NegotiationGame(
...     id="swap", title="A logroll",
...     parties=[Party(id="us", values={"trade": {"open": 3}, "visas": {"more": -1}}),
...              Party(id="mx", values={"trade": {"open": -1}, "visas": {"more": 3}})],
...     issues=[Issue(id="trade", options=["closed", "open"]),
...             Issue(id="visas", options=["few", "more"])],
... )
>>> result = linkage(game)
>>> [deal.feasible for deal in result.separate], result.linked.package
([False, False], ('open', 'more'))
>>> dict(result.gains), result.minimal_feasible
({'us': Fraction(2, 1), 'mx': Fraction(2, 1)}, (('trade', 'visas'),))
>>> dict(result.issue_values)
{'trade': Fraction(2, 1), 'visas': Fraction(2, 1)}
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import attrs
import numpy as np

from negotiate.errors import GameTooLargeError, InvalidGameError, numerical_failures
from negotiate.exact.numbers import Number
from negotiate.model._common import FrozenMap, check_reference
from negotiate.model.negotiation import NegotiationGame, Package
from negotiate.negotiation.packages import PackageSpace, package_space
from negotiate.negotiation.solutions import nash_packages
from negotiate.negotiation.two_level import agreement_set

__all__ = [
    "MAX_LINKAGE_ISSUES",
    "Blocker",
    "ChosenLinkage",
    "Deal",
    "Enforcement",
    "LinkageAnalysis",
    "LinkageLattice",
    "SeparateDeal",
    "critical_discount_factors",
    "issue_shapley_values",
    "linkage",
    "linkage_lattice",
    "minimal_feasible_linkages",
]

MAX_LINKAGE_ISSUES = 24
"""The most issues whose ``2^k`` linkages are analysed (``2^24`` subsets: about 150 MB)."""

Utilities = FrozenMap[str, Number]
Factors = FrozenMap[str, Number | None]


# -- results ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Deal:
    """A package reached by some negotiation, with the parties' utilities of it.

    ``feasible`` says whether an agreement was reached (otherwise ``package`` is the status quo);
    ``ratified`` whether every party ratifies ``package`` at home, ``rejected_by`` the parties
    that do not.
    """

    package: Package
    utilities: Utilities
    feasible: bool
    ratified: bool
    rejected_by: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Blocker:
    """A party that blocks an issue negotiated alone, and who at home rejects.

    ``executive`` is true when its executive accepts none of the packages the other parties
    ratify on that issue; ``constituencies`` lists its constituencies accepting none of them.
    """

    party: str
    executive: bool
    constituencies: tuple[str, ...]


@attrs.frozen(kw_only=True)
class SeparateDeal:
    """One issue negotiated alone (the game ``G_{k}``).

    ``package`` is the first Nash package of ``G_{k}`` in package order (the other issues at their
    status quo), or ``None`` when ``G_{k}`` has no agreement; ``option`` is the option reached on
    the issue (its status quo when infeasible); ``blockers`` the parties who block it at home.
    """

    issue: str
    feasible: bool
    package: Package | None
    option: str
    utilities: Utilities
    blockers: tuple[Blocker, ...]


@attrs.frozen(kw_only=True)
class Enforcement:
    """Critical discount factors ``g_i / (g_i + s_i)`` under grim reversion to the status quo.

    ``separate`` maps each separately feasible issue to its parties' factors, ``linked`` gives
    them for the linked package. ``0``: no temptation; ``None``: no discount factor sustains the
    deal (a temptation with no stake).
    """

    separate: FrozenMap[str, Factors]
    linked: Factors


@attrs.frozen(kw_only=True)
class ChosenLinkage:
    """A chosen linkage ``L``: ``G_L``'s Nash package, compared with the separate deals and with
    the full linkage.

    ``deal`` is ``G_L``'s Nash package ``p_L`` (issues outside ``L`` at their status quo);
    ``combined`` takes ``p_L`` on ``L`` and the separate deals on the other issues (negotiating
    ``L`` as one package and the rest issue by issue). ``gains`` are
    ``u_i(combined) - u_i(p_sep)``, what linking ``L`` buys; ``shortfall`` are
    ``u_i(p_link) - u_i(combined)``, what linking everything adds. ``value`` is ``v(L)``;
    ``enforcement`` the critical discount factors of ``p_L``.
    """

    issues: tuple[str, ...]
    deal: Deal
    combined: Deal
    gains: Utilities
    shortfall: Utilities
    value: Number
    enforcement: Factors


@attrs.frozen(kw_only=True)
class LinkageAnalysis:
    """Everything the linkage analysis of a negotiation finds (see :func:`linkage`);
    ``agreements`` is the size of the whole game's agreement set."""

    game: NegotiationGame
    agreements: int
    separate: tuple[SeparateDeal, ...]
    separate_combined: Deal
    linked: Deal
    gains: Utilities
    linked_only: tuple[str, ...]
    minimal_feasible: tuple[tuple[str, ...], ...]
    issue_values: Utilities
    joint_gain: Number
    enforcement: Enforcement
    chosen: ChosenLinkage | None = None
    exact: bool = True

    def separate_deal(self, issue_id: str) -> SeparateDeal:
        """The separate negotiation of one issue."""
        for deal in self.separate:
            if deal.issue == issue_id:
                return deal
        check_reference(issue_id, [d.issue for d in self.separate], "issue", "link")
        raise AssertionError  # unreachable


@attrs.frozen(kw_only=True, eq=False)
class LinkageLattice:
    """Feasibility and joint gain of every linkage, indexed by bit mask (bit ``j``: issue ``j``).

    ``feasible[m]`` says whether ``G_L`` has an agreement for the issues ``L`` of mask ``m``;
    ``values[m]`` is ``v(L)`` times ``scale`` (integers when exact; 0 where infeasible).
    """

    issues: tuple[str, ...]
    feasible: np.ndarray
    values: np.ndarray
    scale: int
    exact: bool

    def mask(self, issues: Iterable[str]) -> int:
        """The bit mask of a set of issue ids."""
        mask = 0
        for issue_id in issues:
            check_reference(issue_id, self.issues, "issue", "link")
            mask |= 1 << self.issues.index(issue_id)
        return mask

    def issues_of(self, mask: int) -> tuple[str, ...]:
        """The issue ids of a bit mask, in issue order."""
        return tuple(issue for j, issue in enumerate(self.issues) if mask >> j & 1)

    def value(self, issues: Iterable[str]) -> Number:
        """``v(L)``: the largest joint gain over ``G_L``'s agreement set (0 when empty)."""
        return _number(self.values[self.mask(issues)], self.scale, self.exact)


# -- the engine ------------------------------------------------------------------------------


def _as_space(game: NegotiationGame | PackageSpace) -> PackageSpace:
    return game if isinstance(game, PackageSpace) else package_space(game)


def _number(scaled: Any, scale: int, exact: bool) -> Number:
    return Fraction(int(scaled), scale) if exact else float(scaled)


def _support(space: PackageSpace) -> np.ndarray:
    """Each package's support: the bit mask of the issues where it leaves the status quo."""
    support = np.zeros(space.shape, dtype=np.int64)
    for axis, (size, sq) in enumerate(zip(space.shape, space.status_quo_index, strict=True)):
        shape = [1] * len(space.shape)
        shape[axis] = size
        moved = (np.arange(size) != sq).astype(np.int64) << axis
        support = support | moved.reshape(shape)
    return support


def _joint_gain(space: PackageSpace) -> np.ndarray:
    """``scale`` times the parties' joint gain ``sum_i (u_i - d_i)`` of every package."""
    total = np.zeros(space.shape, dtype=space.dtype)
    for party_id in space.game.party_ids:
        total = total + (space.values[party_id] - space.reservations[party_id])
    return total


def _check_size(game: NegotiationGame | PackageSpace) -> None:
    k = len(game.game.issues if isinstance(game, PackageSpace) else game.issues)
    if k > MAX_LINKAGE_ISSUES:
        raise GameTooLargeError(
            f"linkage analysis covers every subset of issues: {k} issues give 2^{k} linkages "
            f"(at most {MAX_LINKAGE_ISSUES} issues)"
        )


def linkage_lattice(
    game: NegotiationGame | PackageSpace, method: str = "lattice"
) -> LinkageLattice:
    """Feasibility and ``v(L)`` of every linkage ``L`` of a negotiation's issues.

    ``v(L) = max { sum_i (u_i(p) - d_i) : p in A, support(p) ⊆ L }`` (0 when there is none),
    where ``A`` is the agreement set of the whole game, computed once.

    Parameters
    ----------
    game : NegotiationGame or PackageSpace
    method : {"lattice", "slicing"}
        ``"lattice"`` takes the per-support maxima in one pass over the agreement set, then a
        subset-max (zeta) transform over the ``2^k`` masks; ``"slicing"`` reduces
        ``G_L``'s sub-tensor for every ``L`` in turn (slow; for checking and benchmarks).

    Returns
    -------
    LinkageLattice

    Examples
    --------
    >>> from negotiate.model import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="g", title="G",
    ...     parties=[Party(id="us", values={"a": {"y": 2}, "b": {"y": -1}}),
    ...              Party(id="mx", values={"a": {"y": -1}, "b": {"y": 2}})],
    ...     issues=[Issue(id="a", options=["n", "y"]), Issue(id="b", options=["n", "y"])],
    ... )
    >>> lattice = linkage_lattice(game)
    >>> lattice.feasible.tolist(), lattice.value(["a", "b"])
    ([False, False, False, True], Fraction(2, 1))
    """
    space = _as_space(game)
    _check_size(space)
    issues = space.game.issue_ids
    joint = _joint_gain(space)
    if method == "lattice":
        feasible, values = _lattice(space.agreement, _support(space), joint, len(issues))
    elif method == "slicing":
        feasible, values = _slicing(space, joint)
    else:
        raise ValueError(f"unknown method {method!r} (expected 'lattice' or 'slicing')")
    return LinkageLattice(
        issues=issues, feasible=feasible, values=values, scale=space.scale, exact=space.exact
    )


def _lattice(
    agreement: np.ndarray, support: np.ndarray, joint: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    supports = support[agreement]
    gains = joint[agreement]
    feasible = np.zeros(1 << k, dtype=bool)
    feasible[supports] = True
    floor = gains.min() if gains.size else 0
    best = np.full(1 << k, floor, dtype=joint.dtype)
    np.maximum.at(best, supports, gains)
    for j in range(k):  # zeta transform: fold in the subsets without issue j, one issue at a time
        pairs = feasible.reshape(-1, 2, 1 << j)  # axis 1 is bit j of the mask
        pairs[:, 1, :] |= pairs[:, 0, :]
        pairs = best.reshape(-1, 2, 1 << j)
        np.maximum(pairs[:, 1, :], pairs[:, 0, :], out=pairs[:, 1, :])
    zero = np.zeros(1, dtype=joint.dtype)[0]
    return feasible, np.where(feasible, best, zero).astype(joint.dtype)


def _slicing(space: PackageSpace, joint: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    issues = space.game.issue_ids
    k = len(issues)
    feasible = np.zeros(1 << k, dtype=bool)
    values = np.zeros(1 << k, dtype=joint.dtype)
    for mask in range(1 << k):
        index = space.restriction(issue for j, issue in enumerate(issues) if mask >> j & 1)
        agreement = space.agreement[index]
        if agreement.any():
            feasible[mask] = True
            values[mask] = np.asarray(joint[index])[agreement].max()
    return feasible, values


def minimal_feasible_linkages(
    game: NegotiationGame | PackageSpace | LinkageLattice,
) -> tuple[tuple[str, ...], ...]:
    """The minimal feasible linkages: sets ``L`` of issues whose game ``G_L`` has an agreement
    while no proper subset's has.

    Smallest first, then in issue order.

    Examples
    --------
    >>> from negotiate.model import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="g", title="G",
    ...     parties=[Party(id="us", values={"a": {"y": 2}, "b": {"y": -1}, "c": {"y": -1}}),
    ...              Party(id="mx", values={"a": {"y": -1}, "b": {"y": 2}, "c": {"y": 2}})],
    ...     issues=[Issue(id=i, options=["n", "y"]) for i in "abc"],
    ... )
    >>> minimal_feasible_linkages(game)
    (('a', 'b'), ('a', 'c'))
    """
    lattice = game if isinstance(game, LinkageLattice) else linkage_lattice(game)
    feasible = lattice.feasible
    masks = np.arange(feasible.size)
    minimal = feasible.copy()
    for j in range(len(lattice.issues)):
        has = (masks >> j & 1).astype(bool)
        minimal[has] &= ~feasible[masks[has] ^ (1 << j)]
    found = [int(m) for m in np.flatnonzero(minimal)]
    found.sort(key=lambda m: (m.bit_count(), [j for j in range(len(lattice.issues)) if m >> j & 1]))
    return tuple(lattice.issues_of(m) for m in found)


def issue_shapley_values(game: NegotiationGame | PackageSpace | LinkageLattice) -> Utilities:
    """Each issue's contribution to the joint gain: the Shapley value of the TU game over issues
    with ``v(L)`` the largest joint gain over ``G_L``'s agreement set (0 when empty).

    ``phi_j = sum_{L ∌ j} |L|! (k - |L| - 1)! / k! (v(L ∪ {j}) - v(L))``, exact when the game is
    (Shapley 1953). The values sum to ``v(N)``, the joint gain of the best full linkage.

    Examples
    --------
    >>> from negotiate.model import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="g", title="G",
    ...     parties=[Party(id="us", values={"a": {"y": 2}, "b": {"y": -1}, "c": {"y": 1}}),
    ...              Party(id="mx", values={"a": {"y": -1}, "b": {"y": 2}, "c": {"y": 1}})],
    ...     issues=[Issue(id=i, options=["n", "y"]) for i in "abc"],
    ... )
    >>> {issue: str(value) for issue, value in issue_shapley_values(game).items()}
    {'a': '5/6', 'b': '5/6', 'c': '7/3'}
    """
    lattice = game if isinstance(game, LinkageLattice) else linkage_lattice(game)
    k = len(lattice.issues)
    values = lattice.values
    masks = np.arange(values.size, dtype=np.int64)
    sizes = np.bitwise_count(masks)
    # inside[s][j]: the sum of v(L) over |L| = s with j in L; total[s]: over every |L| = s
    total = _sums_by_size(values, sizes, k)
    columns = [
        _sums_by_size(values[masks >> j & 1 == 1], sizes[masks >> j & 1 == 1], k) for j in range(k)
    ]
    inside = [[columns[j][s] for j in range(k)] for s in range(k + 1)]
    weights = [math.factorial(s) * math.factorial(k - s - 1) for s in range(k)]
    out = {}
    for j, issue in enumerate(lattice.issues):
        # phi_j k! = sum_s w(s) (sum_{|L|=s, j not in L} v(L + j) - v(L))
        if lattice.exact:
            exact_sum = sum(
                weights[s] * (int(inside[s + 1][j]) - (int(total[s]) - int(inside[s][j])))
                for s in range(k)
            )
            out[issue] = Fraction(exact_sum, math.factorial(k) * lattice.scale)
        else:
            float_sum = sum(
                weights[s] * (float(inside[s + 1][j]) - (float(total[s]) - float(inside[s][j])))
                for s in range(k)
            )
            out[issue] = float_sum / math.factorial(k)
    return FrozenMap(out)


def _sums_by_size(values: np.ndarray, sizes: np.ndarray, k: int) -> list[Any]:
    """The sums of ``values`` grouped by ``sizes`` (0..k), exact for integer values."""
    if values.dtype.kind == "f":
        return np.bincount(sizes, weights=values, minlength=k + 1).tolist()
    if values.size == 0:
        return [0] * (k + 1)
    bound = int(np.max(np.abs(values))) * values.size
    if values.dtype != object and bound < 2**53:  # float64 sums of these integers are exact
        sums = np.bincount(sizes, weights=values.astype(np.float64), minlength=k + 1)
        return [int(x) for x in sums]
    out = [0] * (k + 1)
    for size in range(k + 1):
        out[size] = int(values[sizes == size].astype(object).sum())
    return out


def critical_discount_factors(
    game: NegotiationGame | PackageSpace,
    package: Package,
    issues: Iterable[str] | None = None,
) -> Factors:
    """Each party's critical discount factor for sustaining ``package`` under grim reversion.

    Party ``i`` may renege on the issues it controls (``Issue.controlled_by``), among ``issues``
    (default: all). Its temptation ``g_i`` is its best gain from changing only those issues, its
    stake ``s_i = u_i(p*) - d_i``; the deal holds iff ``δ_i >= g_i / (g_i + s_i)`` (Bernheim &
    Whinston 1990; Spagnolo 1999). The factor is ``0`` with no temptation and ``None`` when no
    ``δ < 1`` sustains the deal (a temptation and no positive stake).

    Examples
    --------
    >>> from negotiate.model import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="g", title="G",
    ...     parties=[Party(id="us", values={"a": {"keep": 1, "cheat": 4}}),
    ...              Party(id="mx", values={"a": {"keep": 1, "cheat": -5}})],
    ...     issues=[Issue(id="a", options=["none", "keep", "cheat"], controlled_by="us")],
    ... )
    >>> {party: str(f) for party, f in critical_discount_factors(game, ("keep",)).items()}
    {'us': '3/4', 'mx': '0'}
    """
    space = _as_space(game)
    index = space.index(package)
    allowed = set(space.game.issue_ids if issues is None else issues)
    for issue_id in allowed:
        check_reference(issue_id, space.game.issue_ids, "issue", "issues")
    return _critical(space, index, allowed)


def _critical(space: PackageSpace, index: tuple[int, ...], allowed: set[str]) -> Factors:
    out: dict[str, Number | None] = {}
    issues = space.game.issues
    for party_id in space.game.party_ids:
        values = space.values[party_id]
        here = values[index]
        axes = {a for a, i in enumerate(issues) if i.id in allowed and i.controlled_by == party_id}
        temptation = 0
        if axes:
            window = tuple(slice(None) if a in axes else k for a, k in enumerate(index))
            temptation = np.max(values[window]) - here
        stake = here - space.reservations[party_id]
        if temptation <= 0:
            out[party_id] = Fraction(0) if space.exact else 0.0
        elif stake <= 0:
            out[party_id] = None
        elif space.exact:
            out[party_id] = Fraction(int(temptation), int(temptation + stake))
        else:
            out[party_id] = float(temptation) / float(temptation + stake)
    return FrozenMap(out)


# -- the analysis ----------------------------------------------------------------------------


def _deal(space: PackageSpace, index: tuple[int, ...], feasible: bool) -> Deal:
    rejected = tuple(p for p in space.game.party_ids if not space.ratifies(p)[index])
    return Deal(
        package=space.package(index),
        utilities=FrozenMap(
            (p, space.to_number(space.values[p][index])) for p in space.game.party_ids
        ),
        feasible=feasible,
        ratified=not rejected,
        rejected_by=rejected,
    )


def _nash_deal(space: PackageSpace, linked: Iterable[str] | None = None) -> Deal:
    """The first Nash package, in package order, of ``G_L`` (``linked=None``: the whole game),
    or the status quo when it has none."""
    outcomes = nash_packages(agreement_set(space, linked))
    if not outcomes:
        return _deal(space, space.status_quo_index, feasible=False)
    return _deal(space, np.unravel_index(outcomes[0].index, space.shape), feasible=True)


def _difference(a: Utilities, b: Utilities) -> Utilities:
    return FrozenMap((p, a[p] - b[p]) for p in a)


def _blockers(space: PackageSpace, within: np.ndarray) -> tuple[Blocker, ...]:
    """The parties blocking ``G_{k}`` (its non-status-quo packages: ``within``)."""
    game = space.game
    win = {p: space.ratifies(p) & within for p in game.party_ids}
    out = []
    for party_id in game.party_ids:
        others = within.copy()
        for other in game.party_ids:
            if other != party_id:
                others &= win[other]
        if win[party_id].any() and not (win[party_id] & others).any() and others.any():
            candidates = others
        elif not win[party_id].any():
            candidates = others if others.any() else within
        else:
            continue
        executive = not (space.accepts(party_id) & candidates).any()
        rejecting = tuple(
            c.id
            for c in game.constituencies_of(party_id)
            if not (space.accepts(c.id) & candidates).any()
        )
        out.append(Blocker(party=party_id, executive=executive, constituencies=rejecting))
    return tuple(out)


@numerical_failures("the linkage analysis")
def linkage(
    game: NegotiationGame | PackageSpace, link: Sequence[str] | None = None
) -> LinkageAnalysis:
    """What linking a negotiation's issues changes, against negotiating each alone.

    Parameters
    ----------
    game : NegotiationGame or PackageSpace
        The negotiation (with a scenario applied, if any), or its package tensor if built.
    link : sequence of issue ids, optional
        A linkage ``L`` to analyse as well: ``G_L``'s Nash package against the separate deals and
        the full linkage.

    Returns
    -------
    LinkageAnalysis
        ``separate`` (each issue alone: its Nash package or none, and who blocks it at home),
        ``separate_combined`` (``p_sep``, the separate deals together, and whether every party
        ratifies it), ``linked`` (``p_link``, the Nash package of the whole game),
        ``gains`` (``u_i(p_link) - u_i(p_sep)``), ``linked_only`` (issues that leave the status
        quo only when linked), ``minimal_feasible``, ``issue_values`` (Shapley values over
        issues, summing to ``joint_gain = v(N)``), ``enforcement`` and ``chosen``.

    Raises
    ------
    InvalidGameError
        ``link`` names an unknown issue.
    GameTooLargeError
        More than :data:`MAX_LINKAGE_ISSUES` issues.

    Notes
    -----
    Sebenius (1983), "Negotiation arithmetic: adding and subtracting issues and parties";
    Tollison & Willett (1979), "An economic theory of mutually advantageous issue linkages";
    Bernheim & Whinston (1990), "Multimarket contact and collusive behavior";
    Spagnolo (1999), "Issue linkage, delegation, and international policy cooperation".

    Examples
    --------
    >>> from negotiate.model import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="g", title="G",
    ...     parties=[Party(id="us", values={"a": {"y": 2}, "b": {"y": -1}, "c": {"y": 1}}),
    ...              Party(id="mx", values={"a": {"y": -1}, "b": {"y": 2}, "c": {"y": 1}})],
    ...     issues=[Issue(id=i, options=["n", "y"]) for i in "abc"],
    ... )
    >>> result = linkage(game, link=["a", "b"])
    >>> result.separate_combined.package, result.linked.package, result.linked_only
    (('n', 'n', 'y'), ('y', 'y', 'y'), ('a', 'b'))
    >>> result.chosen.deal.package, result.chosen.combined.package
    (('y', 'y', 'n'), ('y', 'y', 'y'))
    >>> {p: str(g) for p, g in result.chosen.gains.items()}
    {'us': '1', 'mx': '1'}
    """
    if isinstance(game, PackageSpace):
        space, game = game, game.game
        _check_size(game)
    elif isinstance(game, NegotiationGame):
        _check_size(game)
        space = package_space(game)
    else:
        raise InvalidGameError(
            f"linkage analysis needs a negotiation (got a {getattr(game, 'kind', type(game))})"
        )
    issues = game.issue_ids
    if link is not None:
        link = tuple(link)
        for issue_id in link:
            check_reference(issue_id, issues, "issue", "link")
    support = _support(space)
    feasible, values = _lattice(space.agreement, support, _joint_gain(space), len(issues))
    lattice = LinkageLattice(
        issues=issues, feasible=feasible, values=values, scale=space.scale, exact=space.exact
    )

    separate = []
    options = list(space.status_quo_index)
    enforcement_separate = {}
    for j, issue in enumerate(game.issues):
        deal = _nash_deal(space, [issue.id])
        axis_option = space.index(deal.package)[j]
        options[j] = axis_option
        separate.append(
            SeparateDeal(
                issue=issue.id,
                feasible=deal.feasible,
                package=deal.package if deal.feasible else None,
                option=issue.options[axis_option],
                utilities=deal.utilities,
                blockers=() if deal.feasible else _blockers(space, support == (1 << j)),
            )
        )
        if deal.feasible:
            enforcement_separate[issue.id] = _critical(space, space.index(deal.package), {issue.id})
    combined = _deal(space, tuple(options), feasible=any(d.feasible for d in separate))
    linked = _nash_deal(space)
    linked_index = space.index(linked.package)
    linked_only = tuple(
        issue.id
        for j, issue in enumerate(game.issues)
        if linked_index[j] != space.status_quo_index[j] and not separate[j].feasible
    )
    chosen = None
    if link is not None:
        mask = lattice.mask(link)
        deal = _nash_deal(space, link)
        deal_index = space.index(deal.package)
        mixed = tuple(deal_index[j] if mask >> j & 1 else options[j] for j in range(len(issues)))
        mixed_deal = _deal(space, mixed, feasible=deal.feasible or combined.feasible)
        chosen = ChosenLinkage(
            issues=tuple(i for i in issues if i in link),
            deal=deal,
            combined=mixed_deal,
            gains=_difference(mixed_deal.utilities, combined.utilities),
            shortfall=_difference(linked.utilities, mixed_deal.utilities),
            value=lattice.value(link),
            enforcement=_critical(space, space.index(deal.package), set(link)),
        )
    return LinkageAnalysis(
        game=game,
        agreements=int(np.count_nonzero(space.agreement)),
        separate=tuple(separate),
        separate_combined=combined,
        linked=linked,
        gains=_difference(linked.utilities, combined.utilities),
        linked_only=linked_only,
        minimal_feasible=minimal_feasible_linkages(lattice),
        issue_values=issue_shapley_values(lattice),
        joint_gain=lattice.value(issues),
        enforcement=Enforcement(
            separate=FrozenMap(enforcement_separate),
            linked=_critical(space, linked_index, set(issues)),
        ),
        chosen=chosen,
        exact=space.exact,
    )
