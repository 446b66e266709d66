"""The side-payment and uncertain-ratification parts of a negotiation's report.

JSON keys (only when the game has a ``[[transfer]]`` or a lottery): ``transfer`` with ``id``,
``nash``, ``kalai_smorodinsky``, ``egalitarian``, ``utilitarian`` (lists of ``{"package",
"amount", "utilities"}``), ``price_alone`` (``{issue: number or null}``), ``feasible_amounts``
(``[{"package", "intervals": [[low, high], ...]}]`` for the recommended packages) and ``exact``;
``uncertain_ratification`` with ``win_sets`` (``{party: {"possible", "sure"}}``),
``agreements``, ``expected_nash`` and ``worst_case_nash`` (lists of ``{"package",
"probability", "expected_utilities"}``) and ``sensitivity``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from negotiate.exact.numbers import to_json as number_json
from negotiate.exact.numbers import to_text
from negotiate.model.negotiation import NegotiationGame, Package
from negotiate.negotiation.analysis import NegotiationAnalysis
from negotiate.negotiation.deal_solutions import DealPoint
from negotiate.negotiation.sweep import SweepPoint
from negotiate.negotiation.transfers import TransferAnalysis
from negotiate.negotiation.uncertain_ratification import UncertainOutcome, UncertainRatification
from negotiate.report.document import Block, BulletList, Heading, Paragraph, Table

__all__ = ["document_blocks", "sweep_header", "sweep_json", "sweep_row", "to_json"]


def _package(game: NegotiationGame, package: Package) -> dict[str, str]:
    return dict(zip(game.issue_ids, package, strict=True))


# -- JSON --------------------------------------------------------------------------------------


def _deals_json(game: NegotiationGame, deals: Sequence[DealPoint]) -> list[dict[str, Any]]:
    return [
        {
            "package": _package(game, d.package),
            "amount": number_json(d.amount),
            "utilities": {
                p: number_json(u) for p, u in zip(game.party_ids, d.utilities, strict=True)
            },
        }
        for d in deals
    ]


def _transfer_json(game: NegotiationGame, result: TransferAnalysis) -> dict[str, Any]:
    return {
        "id": result.transfer.id,
        "nash": _deals_json(game, result.nash),
        "kalai_smorodinsky": _deals_json(game, result.kalai_smorodinsky),
        "egalitarian": _deals_json(game, result.egalitarian),
        "utilitarian": _deals_json(game, result.utilitarian),
        "separate": {
            issue: None if deal is None else _deals_json(game, [deal])[0]
            for issue, deal in result.separate.items()
        },
        "price_alone": {
            issue: None if price is None else number_json(price)
            for issue, price in result.price_alone.items()
        },
        "feasible_amounts": [
            {
                "package": _package(game, package),
                "intervals": [
                    [number_json(lo), number_json(hi)]
                    for lo, hi in result.feasible_amounts(package)
                ],
            }
            for package in result.recommended
        ],
        "exact": result.exact,
    }


def _uncertain_outcomes(
    game: NegotiationGame, outcomes: Sequence[UncertainOutcome]
) -> list[dict[str, Any]]:
    return [
        {
            "package": _package(game, o.package),
            "probability": number_json(o.probability),
            "expected_utilities": {p: number_json(u) for p, u in o.expected_utilities.items()},
        }
        for o in outcomes
    ]


def _uncertain_json(game: NegotiationGame, result: UncertainRatification) -> dict[str, Any]:
    return {
        "win_sets": {
            p: {"possible": possible, "sure": sure}
            for p, (possible, sure) in result.win_sets.items()
        },
        "agreements": result.agreements,
        "expected_nash": _uncertain_outcomes(game, result.expected_nash),
        "worst_case_nash": _uncertain_outcomes(game, result.worst_case_nash),
        "separate": {
            issue: None if o is None else _uncertain_outcomes(game, [o])[0]
            for issue, o in result.separate.items()
        },
        "sensitivity": [
            {
                "kind": s.kind,
                "owner": s.owner,
                "value": number_json(s.value),
                "chance": number_json(s.chance),
                "probability": number_json(s.probability),
            }
            for s in result.sensitivity
        ],
    }


def to_json(analysis: NegotiationAnalysis) -> dict[str, Any]:
    """The ``transfer`` and ``uncertain_ratification`` keys, where the game has them."""
    out: dict[str, Any] = {}
    if analysis.transfer is not None:
        out["transfer"] = _transfer_json(analysis.game, analysis.transfer)
    if analysis.uncertain is not None:
        out["uncertain_ratification"] = _uncertain_json(analysis.game, analysis.uncertain)
    return out


# -- text and Markdown ---------------------------------------------------------------------------


def _changes(game: NegotiationGame, package: Package) -> str:
    moved = [
        f"{issue.id}={option}"
        for issue, option in zip(game.issues, package, strict=True)
        if option != issue.status_quo
    ]
    return ", ".join(moved) or "the status quo"


def _intervals_text(intervals: Sequence[tuple[Any, Any]]) -> str:
    return " or ".join(
        f"[{to_text(lo)}, {to_text(hi)}]" if lo != hi else to_text(lo) for lo, hi in intervals
    )


def _transfer_blocks(game: NegotiationGame, result: TransferAnalysis) -> list[Block]:
    transfer = result.transfer
    blocks: list[Block] = [Heading(f"Side payment: {transfer.label}")]
    head = (
        f"{transfer.payer} may pay {transfer.payee} an amount in [0, {to_text(transfer.max)}]; "
        f"each unit is worth "
        + ", ".join(f"{a} {to_text(v)}" for a, v in transfer.values.items())
        + " (others 0)."
    )
    if not result.feasible:
        blocks.append(Paragraph(head + " No amount makes any package ratified by every party."))
        return blocks
    rows = []
    names = (
        ("Nash", result.nash),
        ("Kalai-Smorodinsky", result.kalai_smorodinsky),
        ("egalitarian", result.egalitarian),
        ("utilitarian", result.utilitarian),
    )
    for name, deals in names:
        for d in deals:
            flag = "" if d.exact else " (float)"
            rows.append(
                [
                    name,
                    _changes(game, d.package),
                    to_text(d.amount) + flag,
                    ", ".join(
                        f"{p} {to_text(u)}"
                        for p, u in zip(game.party_ids, d.utilities, strict=True)
                    ),
                ]
            )
    blocks.append(Paragraph(head))
    blocks.append(Table(["solution", "deal", "amount", "utilities"], rows))
    feasible = [
        f"{_changes(game, p)}: {_intervals_text(result.feasible_amounts(p))}"
        for p in result.recommended
    ]
    blocks.append(Paragraph("Amounts at which every party ratifies the recommended packages:"))
    blocks.append(BulletList(feasible))
    blocks.append(Paragraph(_substitution_text(game, result)))
    blocks.append(Paragraph("Each issue negotiated alone, with the same payment available (Nash):"))
    blocks.append(
        BulletList(
            [
                f"{game.issue(issue).label}: "
                + (
                    "no deal"
                    if deal is None
                    else f"{_changes(game, deal.package)} for {to_text(deal.amount)} ("
                    + ", ".join(
                        f"{p} {to_text(u)}"
                        for p, u in zip(game.party_ids, deal.utilities, strict=True)
                    )
                    + ")"
                )
                for issue, deal in result.separate.items()
            ]
        )
    )
    if not result.exact:
        blocks.append(
            Paragraph(
                "With three or more parties the Nash amount is found numerically: a float, "
                "bracketed exactly; every other number is exact."
            )
        )
    return blocks


def _substitution_text(game: NegotiationGame, result: TransferAnalysis) -> str:
    """Whether a payment can substitute for linkage, and what it costs."""
    parts = []
    for issue in game.issues:
        price = result.price_alone[issue.id]
        if price is None:
            parts.append(f"no amount buys {issue.label} alone")
        elif price == 0:
            parts.append(f"{issue.label} alone needs no payment")
        else:
            parts.append(f"{issue.label} alone is ratified from {to_text(price)}")
    text = "Price of each issue alone: " + "; ".join(parts) + "."
    if result.nash:
        deal = result.nash[0]
        text += f" The Nash deal ({_changes(game, deal.package)}) pays {to_text(deal.amount)}."
        bought = [i.label for i in game.issues if result.price_alone[i.id] not in (None, 0)]
        if bought:
            text += (
                " A payment can substitute for linkage on "
                + ", ".join(bought)
                + " at the prices above."
            )
        unbought = [i.label for i in game.issues if result.price_alone[i.id] is None]
        if unbought:
            text += (
                " No payment substitutes for linkage on "
                + ", ".join(unbought)
                + ": each moves only as part of a package."
            )
    return text


def _uncertain_blocks(game: NegotiationGame, result: UncertainRatification) -> list[Block]:
    blocks: list[Block] = [Heading("Uncertain ratification")]
    rows = [[p, str(possible), str(sure)] for p, (possible, sure) in result.win_sets.items()]
    blocks.append(
        Paragraph(
            "Reservations or quotas at home are lotteries; each party ratifies with an exact "
            f"probability. {result.agreements} packages other than the status quo may be "
            "ratified by all."
        )
    )
    blocks.append(Table(["party", "possible win-set", "sure win-set"], rows))

    def outcome(o: UncertainOutcome) -> str:
        utilities = ", ".join(f"{p} {to_text(u)}" for p, u in o.expected_utilities.items())
        return (
            f"{_changes(game, o.package)}, ratified with probability "
            f"{to_text(o.probability)} (expected utilities {utilities})"
        )

    items = [f"expected Nash: {outcome(o)}" for o in result.expected_nash]
    items += [f"worst-case (certain-world) Nash: {outcome(o)}" for o in result.worst_case_nash]
    blocks.append(BulletList(items or ["no package may be ratified by every party"]))
    if result.sensitivity:
        lines = [
            f"{s.kind} of {s.owner} certain at {to_text(s.value)} "
            f"(chance {to_text(s.chance)}): probability {to_text(s.probability)}"
            for s in result.sensitivity
        ]
        blocks.append(Paragraph("Which uncertainty matters, for the expected Nash package:"))
        blocks.append(BulletList(lines))
    return blocks


def document_blocks(analysis: NegotiationAnalysis) -> list[Block]:
    """The report's side-payment and uncertain-ratification sections (empty without them)."""
    blocks: list[Block] = []
    if analysis.transfer is not None:
        blocks += _transfer_blocks(analysis.game, analysis.transfer)
    if analysis.uncertain is not None:
        blocks += _uncertain_blocks(analysis.game, analysis.uncertain)
    return blocks


# -- sweeps ------------------------------------------------------------------------------------


def sweep_header(points: Sequence[SweepPoint]) -> list[str]:
    """The extra columns of a sweep table: the Nash amount, the expected Nash probability."""
    header = []
    if any(p.transfer is not None for p in points):
        header += ["Nash deal", "Nash amount"]
    if any(p.uncertain is not None for p in points):
        header += ["expected Nash", "probability"]
    return header


def sweep_row(game: NegotiationGame, point: SweepPoint, points: Sequence[SweepPoint]) -> list[str]:
    """The extra cells of one sweep row (see :func:`sweep_header`)."""
    row = []
    if any(p.transfer is not None for p in points):
        nash = point.transfer.nash if point.transfer is not None else ()
        row += (
            [_changes(game, nash[0].package), to_text(nash[0].amount)] if nash else ["no deal", "-"]
        )
    if any(p.uncertain is not None for p in points):
        expected = point.uncertain.expected_nash if point.uncertain is not None else ()
        row += (
            [_changes(game, expected[0].package), to_text(expected[0].probability)]
            if expected
            else ["no deal", "-"]
        )
    return row


def sweep_json(game: NegotiationGame, point: SweepPoint) -> dict[str, Any]:
    """The ``transfer`` and ``uncertain_ratification`` keys of one sweep point."""
    out: dict[str, Any] = {}
    if point.transfer is not None:
        out["transfer"] = _transfer_json(game, point.transfer)
    if point.uncertain is not None:
        out["uncertain_ratification"] = _uncertain_json(game, point.uncertain)
    return out
