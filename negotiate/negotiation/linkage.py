"""Issue linkage: what tying issues together changes.

For a set ``L`` of issues, ``G_L`` is the negotiation in which every issue outside ``L`` stays at
its status quo. A package belongs to ``G_L`` iff its *support* (the issues where it differs from
the status quo) is a subset of ``L``. So, after one pass over the agreement set of the whole
package tensor, every question about all ``2^k`` linkages is a reduction over the lattice of
subsets (a zeta transform, ``O(2^k k)``, in :mod:`~negotiate.negotiation.linkage_lattice`):

- a linkage is *feasible* when ``G_L`` has an agreement; the *minimal feasible linkages* are the
  feasible ``L`` none of whose proper subsets is feasible;
- ``v(L)``, the largest joint gain ``sum_i (u_i - d_i)`` over ``G_L``'s agreement set (0 when it
  is empty), defines a TU game over issues whose Shapley value is each issue's contribution;
- each issue negotiated alone gives the separate deals and their combination ``p_sep``; the Nash
  package of the whole game is the linked deal ``p_link``; ``u_i(p_link) - u_i(p_sep)`` are the
  gains from linkage (Sebenius 1983; Tollison & Willett 1979);
- a party that controls issues can renege on them: with temptation ``g_i`` and stake
  ``s_i = u_i(p*) - d_i``, grim reversion sustains ``p*`` iff ``δ_i >= g_i / (g_i + s_i)``
  (Bernheim & Whinston 1990; Spagnolo 1999; :mod:`~negotiate.negotiation.enforcement`).

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

from collections.abc import Iterable, Sequence

import attrs
import numpy as np

from negotiate.errors import InvalidGameError, numerical_failures
from negotiate.exact.numbers import Number
from negotiate.model._common import FrozenMap, check_reference
from negotiate.model.negotiation import NegotiationGame, Package
from negotiate.negotiation.enforcement import Enforcement, Factors, critical_factors
from negotiate.negotiation.linkage_lattice import (
    LinkageLattice,
    check_linkage_size,
    issue_shapley_values,
    joint_gains,
    lattice_arrays,
    minimal_feasible_linkages,
    support_masks,
)
from negotiate.negotiation.packages import PackageSpace, package_space
from negotiate.negotiation.solutions import nash_packages
from negotiate.negotiation.two_level import agreement_set

__all__ = ["Blocker", "ChosenLinkage", "Deal", "LinkageAnalysis", "SeparateDeal", "linkage"]

Utilities = FrozenMap[str, Number]


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


# -- the engine ------------------------------------------------------------------------------


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
    index = tuple(int(k) for k in np.unravel_index(outcomes[0].index, space.shape))
    return _deal(space, index, feasible=True)


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
        check_linkage_size(game)
    elif isinstance(game, NegotiationGame):
        check_linkage_size(game)
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
    support = support_masks(space)
    feasible, values = lattice_arrays(space.agreement, support, joint_gains(space), len(issues))
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
            enforcement_separate[issue.id] = critical_factors(
                space, space.index(deal.package), {issue.id}
            )
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
            enforcement=critical_factors(space, space.index(deal.package), set(link)),
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
            linked=critical_factors(space, linked_index, set(issues)),
        ),
        chosen=chosen,
        exact=space.exact,
    )
