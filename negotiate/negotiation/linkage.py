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
- every negotiation follows the rule of the whole game: with a side payment a deal is a package
  and an amount, with uncertain ratification a package ratified with a probability, utilities
  then expected (:mod:`~negotiate.negotiation.linkage_rules`); ``rule`` says which;
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

from collections.abc import Sequence

import attrs

from negotiate.errors import InvalidGameError, numerical_failures
from negotiate.exact.numbers import Number
from negotiate.model._common import FrozenMap, check_reference
from negotiate.model.negotiation import NegotiationGame, Package
from negotiate.negotiation.enforcement import Enforcement, Factors
from negotiate.negotiation.linkage_lattice import (
    check_linkage_size,
    issue_shapley_values,
    minimal_feasible_linkages,
)
from negotiate.negotiation.linkage_rules import Blocker, Deal, linkage_rules
from negotiate.negotiation.packages import PackageSpace, package_space

__all__ = ["Blocker", "ChosenLinkage", "Deal", "LinkageAnalysis", "SeparateDeal", "linkage"]

Utilities = FrozenMap[str, Number]


# -- results ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class SeparateDeal:
    """One issue negotiated alone (the game ``G_{k}``).

    ``package`` is the first solution of ``G_{k}`` in package order (the other issues at their
    status quo; the Nash package, the Nash deal with a transfer, the expected Nash package with
    lotteries), or ``None`` when ``G_{k}`` has no agreement; ``option`` is the option reached on
    the issue (its status quo when infeasible); ``blockers`` the parties who block it at home;
    ``amount`` its payment (transfer rule) and ``probability`` its chance of ratification
    (lotteries rule).
    """

    issue: str
    feasible: bool
    package: Package | None
    option: str
    utilities: Utilities
    blockers: tuple[Blocker, ...]
    amount: Number | None = None
    probability: Number | None = None


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
    ``agreements`` is the number of packages that are deals of the whole game; ``rule`` the rule
    every negotiation follows (:data:`~negotiate.negotiation.linkage_rules.RULES`)."""

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
    rule: str = "packages"

    def separate_deal(self, issue_id: str) -> SeparateDeal:
        """The separate negotiation of one issue."""
        for deal in self.separate:
            if deal.issue == issue_id:
                return deal
        check_reference(issue_id, [d.issue for d in self.separate], "issue", "link")
        raise AssertionError  # unreachable


def _difference(a: Utilities, b: Utilities) -> Utilities:
    return FrozenMap((p, a[p] - b[p]) for p in a)


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
    rules = linkage_rules(space)
    lattice = rules.lattice()
    separate = []
    pieces = []
    enforcement_separate = {}
    for j, issue in enumerate(game.issues):
        deal = rules.nash([issue.id])
        separate.append(
            SeparateDeal(
                issue=issue.id,
                feasible=deal.feasible,
                package=deal.package if deal.feasible else None,
                option=deal.package[j],
                utilities=deal.utilities,
                blockers=() if deal.feasible else rules.blockers(j),
                amount=deal.amount if deal.feasible else None,
                probability=deal.probability,
            )
        )
        if deal.feasible:
            pieces.append(deal)
            enforcement_separate[issue.id] = rules.factors(deal, {issue.id})
    combined = rules.combine(pieces)
    linked = rules.nash(None)
    linked_index = space.index(linked.package)
    linked_only = tuple(
        issue.id
        for j, issue in enumerate(game.issues)
        if linked_index[j] != space.status_quo_index[j] and not separate[j].feasible
    )
    chosen = None
    if link is not None:
        deal = rules.nash(link)
        outside = [d for d in pieces if not set(_moved(game, d.package)) & set(link)]
        mixed_deal = rules.combine(([deal] if deal.feasible else []) + outside)
        chosen = ChosenLinkage(
            issues=tuple(i for i in issues if i in link),
            deal=deal,
            combined=mixed_deal,
            gains=_difference(mixed_deal.utilities, combined.utilities),
            shortfall=_difference(linked.utilities, mixed_deal.utilities),
            value=lattice.value(link),
            enforcement=rules.factors(deal, set(link)),
        )
    return LinkageAnalysis(
        game=game,
        agreements=rules.agreements(),
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
            linked=rules.factors(linked, set(issues)),
        ),
        chosen=chosen,
        exact=rules.exact and lattice.exact,
        rule=rules.name,
    )


def _moved(game: NegotiationGame, package: Package) -> list[str]:
    """The issues on which ``package`` leaves the status quo."""
    return [i.id for i, o in zip(game.issues, package, strict=True) if o != i.status_quo]
