"""The report of a coalition (TU) game: who gets what under each solution concept."""

from __future__ import annotations

from typing import Any

from negotiate.cooperative.allocation import Allocation
from negotiate.cooperative.analysis import CoalitionAnalysis
from negotiate.exact.numbers import to_json as number_json
from negotiate.exact.numbers import to_text
from negotiate.report.document import Block, BulletList, Document, Heading, Paragraph, Table
from negotiate.report.words import count

__all__ = ["bottom_line", "document", "to_json", "worth_blocks"]


def _allocation_json(allocation: Allocation | None) -> dict[str, Any] | None:
    if allocation is None:
        return None
    return {p: number_json(x) for p, x in allocation.as_dict().items()}


def _point_json(players: tuple[str, ...], point: tuple[Any, ...]) -> dict[str, Any]:
    return {p: number_json(c) for p, c in zip(players, point, strict=True)}


def _cell(allocation: Allocation | None, player: str) -> str:
    return "-" if allocation is None else to_text(allocation[player])


def document(analysis: CoalitionAnalysis) -> Document:
    """The analyst's reading order: the split, then whether any split is stable, then why."""
    game = analysis.game
    blocks: list[Block] = [Paragraph("Bottom line: " + bottom_line(analysis))]
    if game.description:
        blocks.append(Paragraph(game.description))
    blocks += worth_blocks(analysis)
    blocks += _split_blocks(analysis)
    blocks += _stability_blocks(analysis)
    blocks += _bargaining_set_blocks(analysis)
    if analysis.notes:
        blocks.append(Heading("Notes"))
        blocks.append(BulletList(list(analysis.notes)))
    return Document(game.title, blocks)


WORTH_LIMIT = 5
"""Coalition worths are printed for games of up to this many players."""


def bottom_line(analysis: CoalitionAnalysis) -> str:
    """What all together are worth, the Shapley split, and whether any split is stable."""
    game = analysis.game
    split = ", ".join(f"{p} {to_text(analysis.shapley[p])}" for p in game.players)
    text = (
        f"together the {count(game.n, 'player')} are worth "
        f"{to_text(game.worth[game.grand_coalition])}; the Shapley value splits it {split}."
    )
    if analysis.core is None:
        return text
    if analysis.core.empty:
        return text + " No split is stable: some coalition always does better on its own."
    stable = "the Shapley split is" if analysis.shapley_in_core else "the Shapley split is not"
    return text + f" Some splits are stable (the core is not empty), and {stable} one of them."


def worth_blocks(analysis: CoalitionAnalysis) -> list[Block]:
    """What each coalition can get on its own, for games of up to :data:`WORTH_LIMIT`
    players; only the count beyond."""
    game = analysis.game
    blocks: list[Block] = [Heading("Worths")]
    coalitions = len(game.worth) - 1
    if game.n > WORTH_LIMIT:
        blocks.append(
            Paragraph(f"The game has {count(coalitions, 'coalition')}: too many to list.")
        )
        return blocks
    rows = [
        ["+".join(game.members(mask)), to_text(game.worth[mask])]
        for mask in sorted(range(1, coalitions + 1), key=lambda m: (bin(m).count("1"), m))
    ]
    blocks.append(
        Paragraph("The worth of a coalition is what its members can get together on their own.")
    )
    blocks.append(Table(["coalition", "worth"], rows))
    return blocks


def _split_blocks(analysis: CoalitionAnalysis) -> list[Block]:
    """Who gets what: each player's share under each solution."""
    game = analysis.game
    nucleolus = analysis.nucleolus.allocation if analysis.nucleolus else None
    prenucleolus = analysis.prenucleolus.allocation if analysis.prenucleolus else None
    rows = [
        [
            player,
            _cell(analysis.shapley, player),
            _cell(analysis.banzhaf.normalised, player),
            _cell(nucleolus, player),
            _cell(prenucleolus, player),
        ]
        for player in game.players
    ]
    return [
        Heading("Who gets what"),
        Paragraph(
            f"The grand coalition is worth {to_text(game.worth[game.grand_coalition])}. "
            "Shapley: average marginal contribution over all orders of arrival. Banzhaf: "
            "average marginal contribution over all coalitions, normalised to sum 1. Nucleolus: "
            "the split that makes the most aggrieved coalition as content as possible."
        ),
        Table(["player", "Shapley", "Banzhaf (share)", "nucleolus", "prenucleolus"], rows),
    ]


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _stability_blocks(analysis: CoalitionAnalysis) -> list[Block]:
    """Whether any split is stable: the core, the least core and the game's properties."""
    blocks: list[Block] = [Heading("Is any split stable?")]
    if analysis.core is None:
        blocks.append(Paragraph("The core was not computed (too many players)."))
    elif analysis.core.empty:
        blocks.append(
            Paragraph(
                "The core is EMPTY: every split leaves some coalition better off on its own. "
                f"The least core needs a subsidy of {to_text(analysis.core.least_core_epsilon)} "
                "to every coalition (least-core epsilon)."
            )
        )
    else:
        blocks.append(
            Paragraph(
                "The core is non-empty: some splits leave no coalition better off on its own "
                f"(least-core epsilon {to_text(analysis.core.least_core_epsilon)})."
                + (
                    " The Shapley value is one of them."
                    if analysis.shapley_in_core
                    else " The Shapley value is not one of them."
                )
            )
        )
    props = analysis.properties
    blocks.append(
        BulletList(
            [
                f"superadditive (merging never hurts): {_yes(props.superadditive)}",
                f"monotonic: {_yes(props.monotonic)}",
                f"convex (snowballing gains; Shapley in the core): {_yes(props.convex)}",
                f"balanced (non-empty core): {_yes(props.balanced)}",
            ]
        )
    )
    return blocks


def _bargaining_set_blocks(analysis: CoalitionAnalysis) -> list[Block]:
    """Membership of the tested points and, for three players, the whole bargaining set."""
    blocks: list[Block] = []
    mas_colell = analysis.mas_colell_bargaining_set
    if analysis.bargaining_set:
        blocks.append(Heading("Bargaining set (Aumann-Maschler)"))
        blocks.append(
            BulletList(
                [
                    f"{name}: {'in' if member else 'NOT in'} the bargaining set"
                    + (
                        ""
                        if name not in mas_colell
                        else f"; {'in' if mas_colell[name] else 'NOT in'} Mas-Colell's"
                    )
                    for name, member in analysis.bargaining_set.items()
                ]
            )
        )
    whole = analysis.bargaining_set_whole
    if whole is not None:
        kinds = {0: "point", 1: "segment", 2: "polygon"}
        items = [
            f"{kinds[piece.dimension]} with vertices "
            + "; ".join("(" + ", ".join(to_text(c) for c in v) + ")" for v in piece.vertices)
            for piece in whole.pieces
        ]
        blocks.append(Paragraph("The whole bargaining set is the union of:"))
        blocks.append(BulletList(items))
    return blocks


def to_json(analysis: CoalitionAnalysis) -> dict[str, Any]:
    """The keys of FORMAT.md for ``coalition``, plus properties and the n = 3 bargaining set."""
    core = analysis.core
    whole = analysis.bargaining_set_whole
    return {
        "shapley": _allocation_json(analysis.shapley),
        "banzhaf": _allocation_json(analysis.banzhaf.normalised),
        "banzhaf_raw": _allocation_json(analysis.banzhaf.raw),
        "nucleolus": _allocation_json(
            analysis.nucleolus.allocation if analysis.nucleolus else None
        ),
        "prenucleolus": _allocation_json(
            analysis.prenucleolus.allocation if analysis.prenucleolus else None
        ),
        "core": None
        if core is None
        else {"empty": core.empty, "least_core_epsilon": number_json(core.least_core_epsilon)},
        "bargaining_set": dict(analysis.bargaining_set),
        "mas_colell_bargaining_set": dict(analysis.mas_colell_bargaining_set),
        "properties": {
            "superadditive": analysis.properties.superadditive,
            "monotonic": analysis.properties.monotonic,
            "convex": analysis.properties.convex,
            "balanced": analysis.properties.balanced,
        },
        "verified": {
            "nucleolus": analysis.nucleolus.verified if analysis.nucleolus else None,
            "prenucleolus": analysis.prenucleolus.verified if analysis.prenucleolus else None,
        },
        "bargaining_set_pieces": None
        if whole is None
        else [
            [
                {p: number_json(c) for p, c in zip(whole.players, v, strict=True)}
                for v in piece.vertices
            ]
            for piece in whole.pieces
        ],
    }
