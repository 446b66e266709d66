"""The report of a bargaining problem: where each solution concept puts the deal, and why.

>>> from negotiate.model.bargaining import BargainingPlayer, BargainingProblem
>>> from negotiate.bargaining.analysis import analyse
>>> problem = BargainingProblem(id="split", title="Split a dollar", pie=1,
...     players=[BargainingPlayer(id="us", discount="9/10"),
...              BargainingPlayer(id="mx", discount="4/5")])
>>> result = to_json(analyse(problem))
>>> result["solutions"]["nash"], result["alternating_offers"]["utilities"]
({'us': '1/2', 'mx': '1/2'}, {'us': '5/7', 'mx': '2/7'})
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from negotiate.bargaining.analysis import BargainingAnalysis
from negotiate.bargaining.hull import LotteryPoint
from negotiate.exact.numbers import Number, to_text
from negotiate.exact.numbers import to_json as number_json
from negotiate.report.document import Block, BulletList, Document, Heading, Paragraph, Table
from negotiate.report.words import count

__all__ = ["bottom_line", "document", "to_json"]


def _utilities(players: Sequence[str], point: Sequence[Number]) -> dict[str, Any]:
    return {p: number_json(u) for p, u in zip(players, point, strict=True)}


def _lottery_json(point: LotteryPoint) -> list[dict[str, Any]]:
    return [{"probability": number_json(p), "point": i} for p, i in point.lottery]


def to_json(analysis: BargainingAnalysis) -> dict[str, Any]:
    """``solutions`` and ``alternating_offers`` as FORMAT.md says, plus lotteries and extras."""
    players = analysis.game.player_ids
    offers = analysis.alternating_offers
    solutions: dict[str, Any] = {
        "nash": _utilities(players, analysis.nash.utilities),
        "kalai_smorodinsky": _utilities(players, analysis.kalai_smorodinsky.utilities),
        "egalitarian": _utilities(players, analysis.egalitarian.utilities),
        "utilitarian": [_utilities(players, p.utilities) for p in analysis.utilitarian],
    }
    if analysis.nash_symmetric is not None:
        solutions["nash_symmetric"] = _utilities(players, analysis.nash_symmetric.utilities)
    lotteries = {
        "nash": _lottery_json(analysis.nash),
        "kalai_smorodinsky": _lottery_json(analysis.kalai_smorodinsky),
        "egalitarian": _lottery_json(analysis.egalitarian),
        "utilitarian": [_lottery_json(p) for p in analysis.utilitarian],
    }
    return {
        "solutions": solutions,
        "alternating_offers": None
        if offers is None
        else {
            "first": players[offers.first],
            "utilities": _utilities(players, offers.utilities),
            "proposals": {
                player: _utilities(players, proposal.utilities)
                for player, proposal in zip(players, offers.proposals, strict=True)
            },
        },
        "alternating_offers_note": analysis.alternating_offers_note or None,
        "disagreement": _utilities(players, analysis.game.disagreement),
        "ideal": _utilities(players, analysis.ideal),
        "points": [_utilities(players, p) for p in analysis.points],
        "pareto": list(analysis.pareto),
        "lotteries": lotteries,
        "exact": analysis.exact,
    }


def _point(point: Sequence[Number]) -> str:
    return "(" + ", ".join(to_text(u) for u in point) + ")"


def _short(value: Number) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def _lottery_text(analysis: BargainingAnalysis, point: LotteryPoint) -> str:
    """``1/3 x (4, 8) + 2/3 x (7, 5)``: probabilities times utility points."""

    def shown(i: int) -> str:
        return "(" + ", ".join(_short(u) for u in analysis.points[i]) + ")"

    if len(point.lottery) == 1:
        return shown(point.lottery[0][1])
    return " + ".join(f"{_short(p)} x {shown(i)}" for p, i in point.lottery)


def bottom_line(analysis: BargainingAnalysis) -> str:
    """Where the Nash solution puts the deal, what it adds to disagreement, and where patience
    moves it."""
    game = analysis.game
    players = game.player_ids
    nash = analysis.nash.utilities
    gains = ", ".join(
        f"{p} {to_text(u - d)}" for p, u, d in zip(players, nash, game.disagreement, strict=True)
    )
    named = ", ".join(f"{p} {to_text(u)}" for p, u in zip(players, nash, strict=True))
    text = f"the Nash solution gives {named} (gains over no deal: {gains})"
    offers = analysis.alternating_offers
    if offers is not None:
        turns = ", ".join(
            f"{p} {to_text(u)}" for p, u in zip(players, offers.utilities, strict=True)
        )
        text += (
            f"; bargaining in turns ({players[offers.first]} proposing first, each discounting "
            f"delay), {turns}"
        )
    return text + "."


def document(analysis: BargainingAnalysis) -> Document:
    """Solutions first (a table, one column per player), then alternating offers, then notes."""
    game = analysis.game
    players = game.player_ids
    blocks: list[Block] = [Paragraph("Bottom line: " + bottom_line(analysis))]
    if game.description:
        blocks.append(Paragraph(game.description))
    if game.pie is not None:
        setting = (
            f"Splitting a pie of {to_text(game.pie)} among {count(len(players), 'player')}: "
            "any split giving each at least its disagreement utility is feasible."
        )
    else:
        setting = (
            f"{count(len(analysis.points), 'utility point')} ({len(analysis.pareto)} Pareto "
            "efficient); "
            "any lottery over them, and anything it dominates, is feasible."
        )
    blocks.append(
        Paragraph(
            f"{setting} Disagreement point: {_point(game.disagreement)}; ideal point (each "
            f"player's best in the feasible set): {_point(analysis.ideal)}."
        )
    )
    blocks.append(Heading("Where each solution puts the deal"))
    rows = []
    powers = tuple(p.power for p in game.players)
    nash_name = "Nash" if analysis.nash_symmetric is None else f"Nash (powers {_point(powers)})"
    named = [(nash_name, analysis.nash)]
    if analysis.nash_symmetric is not None:
        named.append(("Nash (equal powers)", analysis.nash_symmetric))
    named += [
        ("Kalai-Smorodinsky", analysis.kalai_smorodinsky),
        ("egalitarian", analysis.egalitarian),
    ]
    named += [("utilitarian", p) for p in analysis.utilitarian]
    for name, point in named:
        rows.append([name, *(to_text(u) for u in point.utilities), _lottery_text(analysis, point)])
    offers = analysis.alternating_offers
    if offers is not None:
        rows.append(
            [
                f"alternating offers ({players[offers.first]} first)",
                *(to_text(u) for u in offers.utilities),
                _lottery_text(analysis, offers.proposals[offers.first]),
            ]
        )
    blocks.append(Table(["solution", *players, "reached by"], rows))
    if len(analysis.utilitarian) > 1:
        blocks.append(
            Paragraph(
                f"The total is maximised by the {len(analysis.utilitarian)} points listed as "
                "utilitarian and by every lottery between them."
            )
        )
    blocks.append(Heading("Alternating offers"))
    if offers is None:
        blocks.append(Paragraph(analysis.alternating_offers_note))
    else:
        first, second = players[offers.first], players[1 - offers.first]
        discounts = ", ".join(
            f"{p} {to_text(delta)}" for p, delta in zip(players, offers.discounts, strict=True)
        )
        blocks.append(
            Paragraph(
                f"Rubinstein's game: the players take turns proposing, {first} first; a rejected "
                f"offer costs a period (discount factors per period: {discounts}). In the unique "
                f"subgame-perfect equilibrium {first} proposes {_point(offers.utilities)} and "
                f"{second} accepts at once, since waiting to propose "
                f"{_point(offers.proposals[1 - offers.first].utilities)} itself is worth no more "
                "to it after discounting. The more patient player gets more; as periods shrink "
                "the outcome tends to the Nash solution with powers proportional to "
                "1/(-ln discount) (Binmore, Rubinstein & Wolinsky 1986)."
            )
        )
    notes = [
        "Nash: maximises the product of gains over disagreement (with powers as exponents); "
        "Kalai-Smorodinsky: equal shares of each player's possible gain; egalitarian: equal "
        "gains; utilitarian: largest total.",
        "Utilitarian and egalitarian solutions compare utilities across players: they change "
        "if one player's utility scale changes; Nash and Kalai-Smorodinsky do not.",
        "'Reached by' is a lottery over the utility points (an agreement drawn at random, or a "
        "compromise between them); a lottery worth more than the solution to some player "
        "means the solution is only weakly efficient.",
    ]
    if not analysis.exact:
        notes.append(
            "Some numbers are floating point: the inputs were, or the exact optimum is "
            "irrational (e.g. a Nash point on an edge of a three-player feasible set)."
        )
    blocks.append(Heading("Notes"))
    blocks.append(BulletList(notes))
    return Document(game.title, blocks)
