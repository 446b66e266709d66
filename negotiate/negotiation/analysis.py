"""The analysis of a two-level negotiation that ``negotiate solve`` runs.

Win-sets and the agreement set (:mod:`negotiate.negotiation.two_level`), then every bargaining
solution
over it (:mod:`negotiate.negotiation.solutions`), the best agreements by Nash product and
who must be won over at home for the Nash package.

>>> from negotiate.model import NegotiationGame, Party, Issue
>>> game = NegotiationGame(
...     id="swap", title="A swap",
...     parties=[Party(id="us", values={"trade": {"open": 3}, "visas": {"more": -1}}),
...              Party(id="mx", values={"trade": {"open": -1}, "visas": {"more": 2}})],
...     issues=[Issue(id="trade", options=["closed", "open"]),
...             Issue(id="visas", options=["few", "more"])],
... )
>>> result = analyse(game)
>>> result.has_deal, [o.package for o in result.nash], result.pivotal
(True, [('open', 'more')], {'us': ('us',), 'mx': ('mx',)})
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from negotiate.cooperative.allocation import Allocation
from negotiate.cooperative.nucleolus import Nucleolus, nucleolus, prenucleolus
from negotiate.cooperative.shapley import shapley_value
from negotiate.display import Displayed
from negotiate.errors import numerical_failures
from negotiate.exact.numbers import Number
from negotiate.model.coalition import CoalitionGame
from negotiate.model.negotiation import Interaction, NegotiationGame
from negotiate.negotiation.disagreement import OutsideOption, effective_game, outside_option
from negotiate.negotiation.fragility import Fragility, fragility
from negotiate.negotiation.international import international_game
from negotiate.negotiation.linkage import LinkageAnalysis, linkage
from negotiate.negotiation.linkage_lattice import MAX_LINKAGE_ISSUES
from negotiate.negotiation.ratification import ratification_power
from negotiate.negotiation.solutions import (
    LotteryOutcome,
    PackageOutcome,
    best_agreements,
    egalitarian_packages,
    kalai_smorodinsky_packages,
    nash_lottery,
    nash_packages,
    pareto_packages,
    proposer_packages,
    utilitarian_packages,
)
from negotiate.negotiation.tables import Tables, bilateral_tables
from negotiate.negotiation.threats import ThreatAnalysis, threat_analyses
from negotiate.negotiation.tied_hands import TiedHands, tied_hands
from negotiate.negotiation.transfers import TransferAnalysis, transfer_analysis
from negotiate.negotiation.two_level import AgreementSet, agreement_set
from negotiate.negotiation.uncertain_ratification import (
    UncertainRatification,
    uncertain_ratification,
)
from negotiate.voting.power import PowerIndices

if TYPE_CHECKING:
    from negotiate.options import SolveOptions

__all__ = ["InternationalGame", "NegotiationAnalysis", "analyse"]

T = TypeVar("T")


def _part(method: Callable[[NegotiationAnalysis], T]) -> cached_property[T]:
    """A part of the analysis, computed on first use and kept; a numerical failure in it is a
    :class:`~negotiate.errors.NumericalError`, as it is at :func:`analyse`'s front door."""

    @functools.wraps(method)
    def part(self: NegotiationAnalysis) -> T:
        with numerical_failures("solving this negotiation game"):
            return method(self)

    return cached_property(part)


@attrs.frozen(eq=False, repr=False)
class NegotiationAnalysis(Displayed):
    """Everything the report of a negotiation shows. Each part is computed on first use and
    kept (a scenario's headline reads a few of them; :meth:`complete` computes them all).

    Attributes
    ----------
    game : NegotiationGame
    agreement : AgreementSet
        Win-sets, the agreement set and its Pareto set.
    pareto : tuple of PackageOutcome
        The Pareto set of the agreement set, in package order.
    nash : tuple of PackageOutcome
        The Nash solution over packages with the parties' powers (ties all).
    nash_symmetric : tuple of PackageOutcome or None
        With equal powers, when the parties' powers differ.
    kalai_smorodinsky, egalitarian, utilitarian : tuple of PackageOutcome
    nash_lottery : LotteryOutcome or None
    proposer : dict
        ``party -> PackageOutcome or None``.
    best : tuple of PackageOutcome
        The ``top`` individually rational agreements of largest Nash product, best first.
    pivotal : dict
        ``party -> actor ids`` who must be won over at home to ratify the (first) Nash package;
        empty when there is no deal.
    approval : dict
        ``party -> (approving constituency weight, quota)`` at the (first) Nash package, for
        parties with a ratification rule; empty when there is no deal.
    slack : dict
        ``party -> {actor id: its utility of the (first) Nash package minus its reservation}``
        for the actors in ``pivotal``: how far each is from turning against the package (0: it
        accepts by a tie).
    nash_interactions : tuple
        ``(interaction, gain without it)`` for each of the game's interactions that applies at
        the (first) Nash package: what the package is worth to the interaction's actor, over its
        reservation, without that term (below 0: the actor would turn against the package).
    top : int
        How many best agreements were asked for.
    linkage_asked : bool
        Whether the linkage analysis was asked for.
    linkage : LinkageAnalysis or None
        The issue-linkage analysis (:func:`negotiate.negotiation.linkage.linkage`); ``None`` when
        ``SolveOptions.linkage`` is false or the game has more issues than it covers.
    ratification_power : dict
        ``party -> PowerIndices`` of its ratification body (its constituencies, and its executive
        when it has a veto, as voters): who holds power at home.
    international : InternationalGame or None
        With three or more parties, the TU game among governments and its Shapley value and
        nucleolus: who is the hub (:func:`negotiate.negotiation.international.international_game`).
    transfer : TransferAnalysis or None
        With a ``[[transfer]]``: what a side payment buys (:mod:`negotiate.negotiation.transfers`).
    uncertain : UncertainRatification or None
        With lotteries on reservations or quotas: ratification probabilities and the expected
        Nash solution (:mod:`negotiate.negotiation.uncertain_ratification`).
    outside_option : OutsideOption or None
        With ``disagreement = "separate"``: the separate deals together and whether they are the
        point of disagreement of every solution above (:mod:`negotiate.negotiation.disagreement`).
    threats : tuple of ThreatAnalysis
        Each ``[[threat]]``: credible or not, and the negotiation with it carried out
        (:mod:`negotiate.negotiation.threats`).
    tied_hands : dict
        ``party -> TiedHands`` for every party with a ratification rule: whether its domestic
        constraint strengthens it at the table (:mod:`negotiate.negotiation.tied_hands`).
    tables : Tables or None
        With three or four parties: the bilateral tables, their sequences and the hub's advantage
        (:mod:`negotiate.negotiation.tables`).
    fragility : Fragility or None
        Who accepts a recommended package by (almost) nothing, and the number whose smallest
        change moves the Nash package (:mod:`negotiate.negotiation.fragility`); ``None`` when
        there is no deal.
    """

    game: NegotiationGame
    agreement: AgreementSet
    top: int = 5
    linkage_asked: bool = True

    # -- the solutions over packages ---------------------------------------------------------

    @_part
    def pareto(self) -> tuple[PackageOutcome, ...]:
        return pareto_packages(self.agreement)

    @_part
    def nash(self) -> tuple[PackageOutcome, ...]:
        return nash_packages(self.agreement)

    @_part
    def nash_symmetric(self) -> tuple[PackageOutcome, ...] | None:
        if len({p.power for p in self.game.parties}) == 1:
            return None
        return nash_packages(self.agreement, powers={p: 1 for p in self.game.party_ids})

    @_part
    def kalai_smorodinsky(self) -> tuple[PackageOutcome, ...]:
        return kalai_smorodinsky_packages(self.agreement)

    @_part
    def egalitarian(self) -> tuple[PackageOutcome, ...]:
        return egalitarian_packages(self.agreement)

    @_part
    def utilitarian(self) -> tuple[PackageOutcome, ...]:
        return utilitarian_packages(self.agreement)

    @_part
    def nash_lottery(self) -> LotteryOutcome | None:
        return nash_lottery(self.agreement)

    @_part
    def proposer(self) -> dict[str, PackageOutcome | None]:
        return proposer_packages(self.agreement)

    @_part
    def best(self) -> tuple[PackageOutcome, ...]:
        return best_agreements(self.agreement, self.top)

    # -- at the Nash package -----------------------------------------------------------------

    @_part
    def _at_nash(self) -> dict[str, Any]:
        return _at_nash(self.agreement, self.nash)

    @property
    def pivotal(self) -> dict[str, tuple[str, ...]]:
        return self._at_nash["pivotal"]  # type: ignore[no-any-return]

    @property
    def approval(self) -> dict[str, tuple[Number, Number]]:
        return self._at_nash["approval"]  # type: ignore[no-any-return]

    @property
    def slack(self) -> dict[str, dict[str, Number]]:
        return self._at_nash["slack"]  # type: ignore[no-any-return]

    @property
    def nash_interactions(self) -> tuple[tuple[Interaction, Number], ...]:
        return self._at_nash["nash_interactions"]  # type: ignore[no-any-return]

    # -- linkage, power at home, the mechanisms, leverage, fragility ---------------------------

    @_part
    def linkage(self) -> LinkageAnalysis | None:
        if not self.linkage_asked or len(self.game.issues) > MAX_LINKAGE_ISSUES:
            return None
        plain = self.agreement.game is self.game  # else: the point of disagreement moved
        return linkage(self.agreement.space) if plain else linkage(self.game)

    @_part
    def ratification_power(self) -> dict[str, PowerIndices]:
        return ratification_power(self.game)

    @_part
    def international(self) -> InternationalGame | None:
        return _international(self.game)

    @_part
    def transfer(self) -> TransferAnalysis | None:
        return transfer_analysis(self.agreement.space) if self.game.transfers else None

    @_part
    def uncertain(self) -> UncertainRatification | None:
        return uncertain_ratification(self.game) if self.game.lotteries else None

    @_part
    def outside_option(self) -> OutsideOption | None:
        return outside_option(self.game) if self.game.disagreement == "separate" else None

    @_part
    def threats(self) -> tuple[ThreatAnalysis, ...]:
        return threat_analyses(self.game)

    @_part
    def tied_hands(self) -> dict[str, TiedHands]:
        return tied_hands(self.game)

    @_part
    def tables(self) -> Tables | None:
        return bilateral_tables(self.game) if 3 <= len(self.game.parties) <= 4 else None

    @_part
    def fragility(self) -> Fragility | None:
        if not self.nash:
            return None
        solutions: list[Sequence[PackageOutcome]]
        solutions = [self.nash, self.nash_symmetric or (), self.kalai_smorodinsky]
        solutions += [self.egalitarian, self.utilitarian]
        solutions += [[o] for o in self.proposer.values() if o is not None]
        # each solution's first package before the ties of any (fragility examines the first few)
        recommended = [s[0] for s in solutions if s] + [o for s in solutions for o in s[1:]]
        return fragility(self.agreement, recommended, self.nash)

    def complete(self) -> NegotiationAnalysis:
        """Compute every part now (each is otherwise found on first use); returns ``self``."""
        for name in _PARTS:
            getattr(self, name)
        return self

    def _summary(self) -> str:
        nash = f"Nash {', '.join(self.nash[0].package)}" if self.nash else "no deal"
        return f"{self.agreement.count} of {self.agreement.package_count} packages agreed, {nash}"

    @property
    def has_deal(self) -> bool:
        """Whether some package other than the status quo is ratified by every party and leaves
        every executive at least its reservation."""
        return bool(self.nash)

    @property
    def disagreement(self) -> dict[str, Number]:
        """The executives' reservations (the disagreement point)."""
        return {p: self.agreement.reservation(p) for p in self.game.party_ids}


def analyse(game: NegotiationGame, options: SolveOptions | None = None) -> NegotiationAnalysis:
    """Win-sets, the agreement set and every bargaining solution of a two-level negotiation.

    Parameters
    ----------
    game : NegotiationGame
        With its scenario applied, if any.
    options : SolveOptions, optional
        ``top``: how many of the best agreements (by Nash product) to list (default 5);
        ``linkage``: whether to add the issue-linkage analysis (default true).

    Returns
    -------
    NegotiationAnalysis
    """
    top = 5 if options is None else options.top
    with_linkage = options is None or options.linkage
    return NegotiationAnalysis(
        game=game,
        agreement=agreement_set(effective_game(game)),
        top=top,
        linkage_asked=with_linkage,
    )


_PARTS = (
    *("pareto", "nash", "nash_symmetric", "kalai_smorodinsky", "egalitarian", "utilitarian"),
    *("nash_lottery", "proposer", "best", "pivotal", "linkage", "ratification_power"),
    *("international", "transfer", "uncertain", "outside_option", "threats", "tied_hands"),
    *("tables", "fragility"),
)
"""The parts of a :class:`NegotiationAnalysis` found on first use."""


def _at_nash(agreement: AgreementSet, nash: Sequence[PackageOutcome]) -> dict[str, Any]:
    """Who is pivotal for the (first) Nash package, by how much, with what weight, and which
    interactions apply to it (empty without a Nash package)."""
    if not nash:
        return {"pivotal": {}, "approval": {}, "slack": {}, "nash_interactions": ()}
    game, space, package = agreement.game, agreement.space, nash[0].package
    pivotal = {p: agreement.pivotal(p, package) for p in game.party_ids}
    approval = {
        rule.party: (agreement.approving_weight(rule.party, package), rule.quota)
        for rule in game.ratifications
    }
    slack = {
        party: {a: space.utility(a, package) - space.reservation(a) for a in actors}
        for party, actors in pivotal.items()
    }
    at_nash = tuple(
        (i, space.utility(i.actor, package) - space.reservation(i.actor) - i.value)
        for i in _applying(game, package)
    )
    return {"pivotal": pivotal, "approval": approval, "slack": slack, "nash_interactions": at_nash}


def _applying(game: NegotiationGame, package: tuple[str, ...]) -> tuple[Interaction, ...]:
    """The game's interactions whose condition ``package`` meets."""
    chosen = dict(zip(game.issue_ids, package, strict=True))
    return tuple(
        i
        for i in game.interactions
        if all(chosen[issue] in options for issue, options in i.when.items())
    )


@attrs.frozen(eq=False)
class InternationalGame:
    """The coalition game among a negotiation's governments and who it favours.

    The worth of a coalition of parties is the largest joint gain over packages its members all
    ratify, changing only issues they may sign (:func:`international_game`). When the grand
    coalition is worth less than the parties alone (there is no imputation: a reservation below
    the status quo can make a party's stand-alone gain exceed every deal's), ``nucleolus`` is
    the prenucleolus and ``pre`` is true.
    """

    game: CoalitionGame
    shapley: Allocation
    nucleolus: Nucleolus
    pre: bool = False


def _international(game: NegotiationGame) -> InternationalGame | None:
    if len(game.parties) < 3:
        return None
    tu_game = international_game(game)
    alone = sum(tu_game.worth[1 << k] for k in range(len(tu_game.players)))
    pre = tu_game.worth[tu_game.grand_coalition] < alone
    return InternationalGame(
        game=tu_game,
        shapley=shapley_value(tu_game),
        nucleolus=prenucleolus(tu_game) if pre else nucleolus(tu_game),
        pre=pre,
    )
