"""Threats: linkage as coercion, and whether a threat can be carried out at home.

A threat of party ``P`` sets an issue ``P`` controls to an option if there is no agreement. Its
outcome ``t`` is the point of disagreement (the status quo, or ``p_sep`` with
``disagreement = "separate"``) with that issue changed. The threat is *credible* iff ``P``'s
executive weakly prefers ``t`` to the point of disagreement and, when ``P`` has a ratification
rule, ``P``'s constituencies ratify ``t`` against it: the weight of those whose utility at ``t`` is
at least their utility at the point of disagreement reaches the quota (Schelling 1960, on the
credibility of threats; Putnam 1988, on what can be carried at home). A credible threat makes
``t`` the point of disagreement; a non-credible one changes nothing.

>>> from negotiate.model import NegotiationGame, Party, Issue, Threat
>>> game = NegotiationGame(
...     id="g", title="G",
...     parties=[Party(id="us", values={"trade": {"closed": 1}, "wall": {"paid": 3}}),
...              Party(id="mx", values={"trade": {"closed": -6}, "wall": {"paid": -4}})],
...     issues=[Issue(id="trade", options=["open", "closed"], controlled_by="us"),
...             Issue(id="wall", options=["no", "paid"])],
...     threats=[Threat(id="close", by="us", issue="trade", option="closed")],
... )
>>> (result,) = threat_analyses(game)
>>> result.credible, result.outcome, [o.package for o in result.nash]
(True, ('closed', 'no'), [('open', 'paid')])
>>> dict(result.gains)
{'us': Fraction(3, 1), 'mx': Fraction(-4, 1)}
"""

from __future__ import annotations

import attrs

from negotiate.exact.numbers import Number
from negotiate.model._common import FrozenMap
from negotiate.model.negotiation import NegotiationGame, Package
from negotiate.model.threats import Threat
from negotiate.negotiation.disagreement import effective_game, with_status_quo
from negotiate.negotiation.solutions import PackageOutcome, nash_packages
from negotiate.negotiation.two_level import AgreementSet, agreement_set

__all__ = ["ThreatAnalysis", "nash_outcome", "threat_analyses", "threat_analysis"]

Utilities = FrozenMap[str, Number]


@attrs.frozen(kw_only=True, eq=False)
class ThreatAnalysis:
    """One threat: credible or not and why, and the negotiation with it carried out.

    ``blocked_by`` names the threatener itself when its executive would rather not carry the
    threat out (``cost``: what carrying it out costs the executive, positive when it would lose),
    and the constituencies that reject ``outcome`` when they defeat it at home. ``disagreement``,
    ``win_sets``, ``agreements`` and ``nash`` describe the negotiation with the threat's outcome as
    point of disagreement when it is credible, and the negotiation as given when it is not;
    ``gains`` are each party's utility of the (first) Nash outcome with the threat minus without
    it (0 for every party when it is not credible).
    """

    threat: Threat
    outcome: Package
    credible: bool
    blocked_by: tuple[str, ...]
    cost: Number
    disagreement: Utilities
    win_sets: FrozenMap[str, int]
    agreements: int
    nash: tuple[PackageOutcome, ...]
    gains: Utilities


def nash_outcome(agreement: AgreementSet) -> tuple[Package, Utilities]:
    """The first Nash package in package order and the executives' utilities of it, or the
    status quo (the point of disagreement) when there is no agreement."""
    nash = nash_packages(agreement)
    package = nash[0].package if nash else agreement.status_quo
    return package, FrozenMap((p, agreement.utility(p, package)) for p in agreement.parties)


def _blockers(game: NegotiationGame, threat: Threat, outcome: Package) -> tuple[str, ...]:
    """Who keeps ``threat`` from being carried out: its executive, or its constituencies."""
    base = game.status_quo
    agreement = agreement_set(game)
    blocked: list[str] = []
    if agreement.utility(threat.by, outcome) < agreement.utility(threat.by, base):
        blocked.append(threat.by)
    rule = game.ratification(threat.by)
    if rule is not None:
        members = game.constituencies_of(threat.by)
        against = [
            c.id
            for c in members
            if agreement.utility(c.id, outcome) < agreement.utility(c.id, base)
        ]
        weight = sum((c.weight for c in members if c.id not in against), start=0)
        if weight < rule.quota:
            blocked += against
    return tuple(blocked)


def threat_analysis(game: NegotiationGame, threat: Threat) -> ThreatAnalysis:
    """Whether ``threat`` is credible and what it changes (see the module docstring)."""
    base_game = effective_game(game)
    base = base_game.status_quo
    outcome = tuple(
        threat.option if issue.id == threat.issue else option
        for issue, option in zip(game.issues, base, strict=True)
    )
    blocked = _blockers(base_game, threat, outcome)
    without = agreement_set(base_game)
    credible = not blocked
    threatened = agreement_set(with_status_quo(base_game, outcome)) if credible else without
    _, before = nash_outcome(without)
    _, after = nash_outcome(threatened)
    return ThreatAnalysis(
        threat=threat,
        outcome=outcome,
        credible=credible,
        blocked_by=blocked,
        cost=without.utility(threat.by, base) - without.utility(threat.by, outcome),
        disagreement=FrozenMap((p, threatened.reservation(p)) for p in game.party_ids),
        win_sets=FrozenMap(threatened.win_set_sizes),
        agreements=threatened.count,
        nash=nash_packages(threatened),
        gains=FrozenMap((p, after[p] - before[p]) for p in game.party_ids),
    )


def threat_analyses(game: NegotiationGame) -> tuple[ThreatAnalysis, ...]:
    """Every threat of ``game``, in file order."""
    return tuple(threat_analysis(game, threat) for threat in game.threats)
