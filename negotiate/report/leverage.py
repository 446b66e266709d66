"""Leverage at the table: outside options, threats, tied hands and the hub, in words and JSON.

JSON keys (each only where it applies): ``outside_option`` (``disagreement = "separate"``:
``{"package", "utilities", "applies", "rejected_by"}``); ``threats`` (``{id: {"credible",
"blocked_by", "cost", "outcome", "disagreement", "win_sets", "agreements", "nash", "gains"}}``);
``tied_hands`` (``{party: {"constrained", "unconstrained", "effect", "unconstrained_nash"}}``);
with three or four parties ``bilateral`` (``{"A+B": {"package", "utilities"} or null}``),
``sequences`` (``[{"order", "hub", "steps", "final"}]``), ``trilateral`` and ``hub_advantage``.
"""

from __future__ import annotations

from typing import Any

from negotiate.exact.numbers import Number, to_text
from negotiate.exact.numbers import to_json as number_json
from negotiate.model._common import FrozenMap
from negotiate.model.negotiation import NegotiationGame, Package
from negotiate.negotiation.analysis import NegotiationAnalysis
from negotiate.negotiation.disagreement import OutsideOption
from negotiate.negotiation.tables import Outcome, Tables
from negotiate.negotiation.threats import ThreatAnalysis
from negotiate.negotiation.tied_hands import TiedHands
from negotiate.report.document import Block, BulletList, Heading, Paragraph

__all__ = ["document_blocks", "to_json"]


def _package(game: NegotiationGame, package: Package) -> dict[str, str]:
    return dict(zip(game.issue_ids, package, strict=True))


def _numbers(values: FrozenMap[str, Number] | dict[str, Number]) -> dict[str, Any]:
    return {k: number_json(v) for k, v in values.items()}


def _outcome(game: NegotiationGame, outcome: Outcome | None) -> dict[str, Any] | None:
    if outcome is None:
        return None
    return {"package": _package(game, outcome.package), "utilities": _numbers(outcome.utilities)}


# -- JSON --------------------------------------------------------------------------------------


def _threat_json(game: NegotiationGame, result: ThreatAnalysis) -> dict[str, Any]:
    return {
        "credible": result.credible,
        "blocked_by": list(result.blocked_by),
        "cost": number_json(result.cost),
        "outcome": _package(game, result.outcome),
        "disagreement": _numbers(result.disagreement),
        "win_sets": dict(result.win_sets),
        "agreements": result.agreements,
        "nash": [
            {"package": _package(game, o.package), "utilities": _numbers(o.utilities)}
            for o in result.nash
        ],
        "gains": _numbers(result.gains),
    }


def _tied_json(game: NegotiationGame, result: TiedHands) -> dict[str, Any]:
    return {
        "constrained": number_json(result.constrained),
        "unconstrained": number_json(result.unconstrained),
        "effect": number_json(result.effect),
        "unconstrained_nash": _package(game, result.unconstrained_nash),
    }


def _tables_json(game: NegotiationGame, tables: Tables) -> dict[str, Any]:
    return {
        "bilateral": {pair: _outcome(game, o) for pair, o in tables.bilateral.items()},
        "sequences": [
            {
                "order": [list(table) for table in s.order],
                "hub": s.hub,
                "steps": [_outcome(game, step) for step in s.steps],
                "final": _outcome(game, s.final),
            }
            for s in tables.sequences
        ],
        "trilateral": _outcome(game, tables.trilateral),
        "hub_advantage": _numbers(tables.hub_advantage),
    }


def _outside_json(game: NegotiationGame, option: OutsideOption) -> dict[str, Any]:
    return {
        "package": _package(game, option.package),
        "utilities": _numbers(option.utilities),
        "applies": option.applies,
        "rejected_by": list(option.rejected_by),
    }


def to_json(analysis: NegotiationAnalysis) -> dict[str, Any]:
    """The keys of the module docstring that apply to ``analysis``."""
    game = analysis.game
    out: dict[str, Any] = {}
    if analysis.outside_option is not None:
        out["outside_option"] = _outside_json(game, analysis.outside_option)
    if analysis.threats:
        out["threats"] = {t.threat.id: _threat_json(game, t) for t in analysis.threats}
    if analysis.tied_hands:
        out["tied_hands"] = {p: _tied_json(game, t) for p, t in analysis.tied_hands.items()}
    if analysis.tables is not None:
        out |= _tables_json(game, analysis.tables)
    return out


# -- words -------------------------------------------------------------------------------------


def _moved(game: NegotiationGame, package: Package) -> str:
    """The options of ``package`` that leave the status quo, or "the status quo"."""
    moved = [
        f"{issue.id} = {option}"
        for issue, option in zip(game.issues, package, strict=True)
        if option != issue.status_quo
    ]
    return ", ".join(moved) if moved else "the status quo"


def _label(game: NegotiationGame, actor_id: str) -> str:
    """A party by its id (the report's legend names it once), a constituency by its name."""
    return actor_id if actor_id in game.party_ids else game.actor(actor_id).label


def _outside_paragraph(game: NegotiationGame, option: OutsideOption) -> str:
    if option.applies:
        return (
            "Point of disagreement: the separate issue-by-issue deals together "
            f"({_moved(game, option.package)}), because {option.reason}; every solution above "
            "must beat them for every actor."
        )
    return f"Point of disagreement: the status quo, because {option.reason}."


def _threat_paragraph(game: NegotiationGame, result: ThreatAnalysis) -> str:
    threat = result.threat
    who = _label(game, threat.by)
    head = f"Threat `{threat.id}` ({who} sets {threat.issue} = {threat.option} without agreement)"
    if not result.credible:
        reasons = []
        if threat.by in result.blocked_by:
            reasons.append(f"carrying it out would cost {who} {to_text(result.cost)}")
        home = [_label(game, a) for a in result.blocked_by if a != threat.by]
        if home:
            reasons.append(f"at home {', '.join(home)} would not ratify it")
        return f"{head} is not credible: {'; '.join(reasons)}. It changes nothing."
    if result.nash:
        effect = f"the Nash package becomes {_moved(game, result.nash[0].package)}"
    else:
        effect = "no agreement beats it for everyone"
    gains = ", ".join(f"{p} {to_text(g)}" for p, g in result.gains.items())
    return (
        f"{head} is credible: {who} would carry it out and its constituencies would ratify it. "
        f"It becomes the point of disagreement: {effect} (change for each party: {gains})."
    )


def _tied_line(game: NegotiationGame, result: TiedHands) -> str:
    who = _label(game, result.party)
    if result.effect > 0:
        verdict = "strengthens it at the table: Schelling's conjecture holds here"
    elif result.effect < 0:
        verdict = "weakens it at the table"
    else:
        verdict = "neither strengthens nor weakens it at the table"
    return (
        f"{who}: its ratification rule {verdict} (utility {to_text(result.constrained)} "
        f"with it, {to_text(result.unconstrained)} if its executive could ratify alone, where the "
        f"Nash package would be {_moved(game, result.unconstrained_nash)})."
    )


def _tables_blocks(game: NegotiationGame, tables: Tables) -> list[Block]:
    lines = []
    for pair, outcome in tables.bilateral.items():
        text = "no agreement" if outcome is None else _moved(game, outcome.package)
        lines.append(f"{pair} alone: {text}")
    for s in tables.sequences:
        first, second = ("+".join(t) for t in s.order)
        utilities = ", ".join(f"{p} {to_text(u)}" for p, u in s.final.utilities.items())
        lines.append(
            f"{first}, then {second} (hub {s.hub}): {_moved(game, s.final.package)} [{utilities}]"
        )
    trilateral = (
        "no agreement" if tables.trilateral is None else _moved(game, tables.trilateral.package)
    )
    lines.append(f"all at one table: {trilateral}")
    blocks: list[Block] = [
        Heading("Bilateral tables and the hub", 3),
        Paragraph(
            "Each pair may negotiate the issues that are theirs alone, the others having no say; "
            "a sequence of two tables sharing a hub makes the first outcome the second table's "
            "status quo."
        ),
        BulletList(lines),
    ]
    advantage = ", ".join(f"{h} {to_text(a)}" for h, a in tables.hub_advantage.items())
    if advantage:
        blocks.append(
            Paragraph(
                f"The hub's advantage (its best sequence against the single table): {advantage}."
            )
        )
    return blocks


def document_blocks(analysis: NegotiationAnalysis) -> list[Block]:
    """The leverage section of a negotiation report (empty when nothing applies)."""
    game = analysis.game
    blocks: list[Block] = []
    if analysis.outside_option is not None:
        blocks.append(Paragraph(_outside_paragraph(game, analysis.outside_option)))
    for result in analysis.threats:
        blocks.append(Paragraph(_threat_paragraph(game, result)))
    if analysis.tied_hands:
        blocks.append(Heading("Tied hands", 3))
        blocks.append(BulletList([_tied_line(game, t) for t in analysis.tied_hands.values()]))
    if analysis.tables is not None:
        blocks += _tables_blocks(game, analysis.tables)
    if blocks:
        blocks.insert(0, Heading("Leverage at the table", 2))
    return blocks
