"""The linkage analysis as report blocks and JSON. Computes nothing.

The negotiation report appends :func:`document_blocks` to its own and puts :func:`to_json` under
its ``"linkage"`` key; ``negotiate linkage`` renders :func:`document` on its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from negotiate.exact.numbers import Number, to_text
from negotiate.exact.numbers import to_json as number_json
from negotiate.model.negotiation import NegotiationGame, Package
from negotiate.negotiation.linkage import Blocker, ChosenLinkage, LinkageAnalysis
from negotiate.report.document import (
    Block,
    Document,
    Heading,
    Paragraph,
    Table,
    to_markdown,
)
from negotiate.report.document import to_text as document_text
from negotiate.report.envelope import dumps, envelope
from negotiate.report.words import signed

__all__ = ["document", "document_blocks", "render", "to_json"]


def _package_text(game: NegotiationGame, package: Package) -> str:
    """The options that leave the status quo, or "the status quo"."""
    moved = [
        f"{issue.id} = {option}"
        for issue, option in zip(game.issues, package, strict=True)
        if option != issue.status_quo
    ]
    return ", ".join(moved) if moved else "the status quo"


def _factor(value: Number | None) -> str:
    return "none sustains it" if value is None else to_text(value)


def _blocker(blocker: Blocker) -> str:
    who = (["its executive"] if blocker.executive else []) + list(blocker.constituencies)
    if not who:
        return f"{blocker.party} (no option wins enough support at home)"
    return f"{blocker.party} ({', '.join(who)})"


def _issues(issues: tuple[str, ...]) -> str:
    return " + ".join(issues)


def document_blocks(linkage: LinkageAnalysis) -> list[Block]:
    """The linkage section of a negotiation report: what linking buys, in plain words."""
    blocks: list[Block] = [Heading("Issue linkage", 2)]
    if linkage.rule != "packages":
        blocks.append(Paragraph(_rule_text(linkage)))
    blocks.append(Paragraph(_summary(linkage)))
    blocks += _separate_blocks(linkage)
    blocks += _gain_blocks(linkage)
    blocks += _feasible_linkage_blocks(linkage)
    blocks += _enforcement_blocks(linkage)
    if linkage.chosen is not None:
        blocks += _chosen_blocks(linkage, linkage.chosen)
    if not linkage.exact:
        blocks.append(Paragraph("The game has inexact (float) numbers: results are floats."))
    return blocks


def _rule_text(linkage: LinkageAnalysis) -> str:
    """Which rule every negotiation of the analysis follows (the whole game's)."""
    game = linkage.game
    if linkage.rule == "transfer":
        transfer = game.transfers[0]
        text = (
            f"Every negotiation below follows the rule of the whole game with the side payment "
            f"({transfer.label}): a deal is a package and an amount in [0, "
            f"{to_text(transfer.max)}] from {transfer.payer} to {transfer.payee} at which every "
            "party ratifies; each is settled by the Nash solution over deals and utilities "
            "include the payment. Negotiated issue by issue, the separate payments add up."
        )
        if game.lotteries:
            text += " Reservations and quotas given as distributions are read at their worst case."
        return text
    return (
        "Every negotiation below follows the rule of the whole game under uncertain "
        "ratification: a deal is a package that may be ratified; each is settled by the "
        "expected Nash solution and utilities are expected ones (a deal that fails at home "
        "leaves its issues at the status quo). Negotiated issue by issue, each deal is put to "
        "the vote on its own before the same legislatures."
    )


def _summary(linkage: LinkageAnalysis) -> str:
    """The linked deal against the separate deals taken together, in one paragraph."""
    game = linkage.game
    linked, combined = linkage.linked, linkage.separate_combined
    if linked.feasible:
        summary = (
            f"Negotiated as one package, the Nash deal is {_package_text(game, linked.package)}."
        )
    else:
        summary = (
            "No package of all the issues is ratified by every party: linking reaches nothing."
        )
    together = _package_text(game, combined.package)
    if linked.feasible and linked.amount is not None:
        summary = summary[:-1] + f", paying {to_text(linked.amount)}."
    if linked.feasible and linked.probability is not None:
        summary = summary[:-1] + f", ratified with probability {to_text(linked.probability)}."
    summary += f" Negotiated issue by issue, the deals together ({together})"
    if combined.probability is not None and combined.feasible:
        summary += (
            f" all pass at home with probability {to_text(combined.probability)};"
            " as one package they"
        )
    if combined.amount is not None and combined.feasible:
        summary += f" pay {to_text(combined.amount)} and"
    if combined.ratified and linkage.rule == "lotteries":
        summary += " may be ratified by every party."
    elif combined.ratified:
        summary += " are ratified by every party."
    else:
        summary += (
            f" fail at home: {', '.join(combined.rejected_by)} would not ratify them as a whole."
        )
    if linkage.linked_only:
        summary += f" Only linkage moves {', '.join(linkage.linked_only)} off the status quo."
    return summary


def _separate_blocks(linkage: LinkageAnalysis) -> list[Block]:
    """Each issue's separate deal, or who blocks it."""
    parties = list(linkage.game.party_ids)
    extra = {"transfer": ["amount"], "lotteries": ["probability"]}.get(linkage.rule, [])
    rows = []
    for deal in linkage.separate:
        if deal.feasible:
            outcome, blocked = deal.option, ""
        else:
            outcome = f"no agreement ({deal.option} stays)"
            blocked = "; ".join(_blocker(b) for b in deal.blockers)
        number = deal.amount if linkage.rule == "transfer" else deal.probability
        cells = [to_text(number) if number is not None else "-"] if extra else []
        rows.append(
            [deal.issue, outcome, *cells, *(to_text(deal.utilities[p]) for p in parties), blocked]
        )
    return [
        Heading("Each issue alone", 3),
        Table(["issue", "separate deal", *extra, *parties, "blocked by"], rows),
    ]


def _gain_blocks(linkage: LinkageAnalysis) -> list[Block]:
    """Each party's utility issue by issue, linked, and the difference."""
    combined, linked = linkage.separate_combined, linkage.linked
    rows = [
        [
            p,
            to_text(combined.utilities[p]),
            to_text(linked.utilities[p]),
            to_text(linkage.gains[p]),
        ]
        for p in linkage.game.party_ids
    ]
    blocks: list[Block] = [Heading("Gains from linkage", 3)]
    if linkage.rule == "lotteries":
        blocks.append(Paragraph("Expected utilities:"))
    return [*blocks, Table(["party", "issue by issue", "linked", "gain"], rows)]


def _feasible_linkage_blocks(linkage: LinkageAnalysis) -> list[Block]:
    """The minimal feasible linkages and each issue's Shapley contribution."""
    blocks: list[Block] = [Heading("Which linkages work", 3)]
    if linkage.minimal_feasible:
        blocks.append(
            Paragraph(
                "Minimal feasible linkages (each reaches an agreement; no smaller set does): "
                + "; ".join(_issues(m) for m in linkage.minimal_feasible)
                + "."
            )
        )
    else:
        blocks.append(Paragraph("No linkage of the issues reaches an agreement."))
    blocks.append(
        Paragraph(
            f"Each issue's contribution to the largest joint gain ({to_text(linkage.joint_gain)}), "
            "as its Shapley value over linkages:"
        )
    )
    blocks.append(
        Table(
            ["issue", "contribution"],
            [[issue, to_text(value)] for issue, value in linkage.issue_values.items()],
        )
    )
    return blocks


def _enforcement_blocks(linkage: LinkageAnalysis) -> list[Block]:
    """The least discount factors that keep each deal self-enforcing."""
    game = linkage.game
    parties = list(game.party_ids)
    enforcement = linkage.enforcement
    blocks: list[Block] = [Heading("Enforcement", 3)]
    if not any(issue.controlled_by for issue in game.issues):
        text = "No issue names the party that controls it (`controlled_by`): no temptations"
        if linkage.rule == "transfer":
            text += " but the payer's, to withhold the payment"
        blocks.append(Paragraph(text + "."))
    elif linkage.rule == "transfer":
        blocks.append(Paragraph("The payer may also withhold the payment."))
    blocks.append(
        Paragraph(
            "The least discount factor with which each party keeps a deal rather than renege on "
            "the issues it controls, under reversion to the status quo (0: no temptation)."
        )
    )
    rows = [
        [f"{issue} alone", *(_factor(factors[p]) for p in parties)]
        for issue, factors in enforcement.separate.items()
    ]
    rows.append(["linked package", *(_factor(enforcement.linked[p]) for p in parties)])
    blocks.append(Table(["deal", *parties], rows))
    return blocks


def _chosen_blocks(linkage: LinkageAnalysis, chosen: ChosenLinkage) -> list[Block]:
    """The linkage the user asked about (``--link``): its deal, gains and enforcement."""
    game = linkage.game
    named = _issues(chosen.issues)
    if chosen.deal.feasible:
        reached = _package_text(game, chosen.deal.package)
        text = f"Negotiated as one package, {named} settle at {reached}"
        if chosen.deal.amount is not None:
            text += f", paying {to_text(chosen.deal.amount)}"
        if chosen.deal.probability is not None:
            text += f", ratified with probability {to_text(chosen.deal.probability)}"
        text += "."
    else:
        text = f"Negotiated as one package, {named} reach no agreement."
    text += (
        f" With the other issues negotiated one by one, the outcome is "
        f"{_package_text(game, chosen.combined.package)}"
    )
    if chosen.combined.amount is not None:
        text += f" (paying {to_text(chosen.combined.amount)} in all)"
    if chosen.combined.probability is not None:
        text += f" (every deal passing with probability {to_text(chosen.combined.probability)})"
    if chosen.combined.ratified:
        text += "."
    else:
        text += f", which {', '.join(chosen.combined.rejected_by)} would not ratify as a whole."
    text += f" The largest joint gain {named} can reach alone is {to_text(chosen.value)}."
    rows = [
        [
            p,
            to_text(chosen.combined.utilities[p]),
            to_text(chosen.gains[p]),
            signed(-chosen.shortfall[p]),
            _factor(chosen.enforcement[p]),
        ]
        for p in game.party_ids
    ]
    return [
        Heading(f"Linking {named}", 3),
        Paragraph(text),
        Table(
            ["party", "utility", "gain over issue by issue", "against full linkage", "δ needed"],
            rows,
        ),
    ]


def document(linkage: LinkageAnalysis) -> Document:
    """The linkage analysis on its own (``negotiate linkage``)."""
    game = linkage.game
    title = f"Issue linkage: {game.title}"
    if game.scenario is not None:
        title += f" (scenario {game.scenario})"
    return Document(title, document_blocks(linkage)[1:])


def _package(game: NegotiationGame, package: Package | None) -> dict[str, str] | None:
    if package is None:
        return None
    return dict(zip(game.issue_ids, package, strict=True))


def _numbers(values: Mapping[str, Number | None]) -> dict[str, Any]:
    return {k: None if v is None else number_json(v) for k, v in values.items()}


def _mechanism(
    linkage: LinkageAnalysis, amount: Number | None, probability: Number | None
) -> dict[str, Any]:
    """``amount`` (transfer rule) or ``probability`` (lotteries rule) of a deal; nothing under
    the packages rule."""
    if linkage.rule == "transfer":
        return {"amount": None if amount is None else number_json(amount)}
    if linkage.rule == "lotteries":
        return {"probability": None if probability is None else number_json(probability)}
    return {}


def to_json(linkage: LinkageAnalysis) -> dict[str, Any]:
    """The ``linkage`` object of "Results as JSON" (plus ``linked_only``, ``joint_gain``,
    ``chosen`` and each separate issue's ``blocked_by``). Under the transfer or lotteries rule
    it adds ``rule`` and each deal's ``amount`` or ``probability``."""
    game = linkage.game
    out: dict[str, Any] = {
        **({} if linkage.rule == "packages" else {"rule": linkage.rule}),
        "agreements": linkage.agreements,
        "separate": {
            deal.issue: {
                "feasible": deal.feasible,
                "package": _package(game, deal.package),
                "utilities": _numbers(deal.utilities),
                **_mechanism(linkage, deal.amount, deal.probability),
                "blocked_by": [
                    {
                        "party": b.party,
                        "executive": b.executive,
                        "constituencies": list(b.constituencies),
                    }
                    for b in deal.blockers
                ],
            }
            for deal in linkage.separate
        },
        "separate_combined": {
            "package": _package(game, linkage.separate_combined.package),
            "ratified": linkage.separate_combined.ratified,
            "rejected_by": list(linkage.separate_combined.rejected_by),
            "utilities": _numbers(linkage.separate_combined.utilities),
            **_mechanism(
                linkage,
                linkage.separate_combined.amount,
                linkage.separate_combined.probability,
            ),
        },
        "linked": {
            "package": _package(game, linkage.linked.package),
            "utilities": _numbers(linkage.linked.utilities),
            "feasible": linkage.linked.feasible,
            **_mechanism(linkage, linkage.linked.amount, linkage.linked.probability),
        },
        "gains": _numbers(linkage.gains),
        "linked_only": list(linkage.linked_only),
        "minimal_feasible": [list(m) for m in linkage.minimal_feasible],
        "issue_values": _numbers(linkage.issue_values),
        "joint_gain": number_json(linkage.joint_gain),
        "enforcement": {
            "separate": {
                issue: _numbers(factors) for issue, factors in linkage.enforcement.separate.items()
            },
            "linked": _numbers(linkage.enforcement.linked),
        },
    }
    chosen = linkage.chosen
    if chosen is not None:
        out["chosen"] = {
            "issues": list(chosen.issues),
            "package": _package(game, chosen.deal.package),
            "feasible": chosen.deal.feasible,
            "utilities": _numbers(chosen.deal.utilities),
            **_mechanism(linkage, chosen.deal.amount, chosen.deal.probability),
            "combined": {
                "package": _package(game, chosen.combined.package),
                "ratified": chosen.combined.ratified,
                "utilities": _numbers(chosen.combined.utilities),
                **_mechanism(linkage, chosen.combined.amount, chosen.combined.probability),
            },
            "gains": _numbers(chosen.gains),
            "shortfall": _numbers(chosen.shortfall),
            "value": number_json(chosen.value),
            "enforcement": _numbers(chosen.enforcement),
        }
    return out


def render(linkage: LinkageAnalysis, fmt: str = "text") -> str:
    """The linkage analysis alone as ``"text"``, ``"markdown"`` or ``"json"`` (with the result
    envelope)."""
    if fmt == "json":
        return dumps(envelope(linkage.game) | {"linkage": to_json(linkage)})
    doc = document(linkage)
    return to_markdown(doc) if fmt == "markdown" else document_text(doc)
