"""Report of a strategic-form analysis: its equilibria and its dominated strategies.

Computes nothing: everything shown is in the
:class:`~negotiate.strategic.equilibria.NormalFormAnalysis`.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from itertools import product
from math import prod
from typing import Any

from negotiate.exact.numbers import Number, to_text
from negotiate.exact.numbers import to_json as number_json
from negotiate.model.normal_form import NormalFormGame
from negotiate.report.document import Block, BulletList, Document, Heading, Paragraph, Table
from negotiate.report.words import count
from negotiate.strategic.dominance import DominanceResult
from negotiate.strategic.equilibria import NormalFormAnalysis
from negotiate.strategic.mixed import Equilibrium, NashComputationResult

__all__ = [
    "bottom_line",
    "document",
    "dominance_blocks",
    "equilibria_blocks",
    "equilibria_json",
    "payoff_blocks",
    "to_json",
]

_METHODS = {
    "support": "support enumeration",
    "vertex": "vertex enumeration of the best-response polytopes",
    "lemke_howson": "the Lemke-Howson algorithm from every initial label",
    "pure": "a search of pure profiles",
    "lemke_howson+pure": "a search of pure profiles and Lemke-Howson from every label",
    "all": "enumeration",
}


MATRIX_LIMIT = 8
"""Payoff matrices are printed up to this many strategies a player (beyond, only the size)."""


def document(analysis: NormalFormAnalysis) -> Document:
    """The report: the bottom line, the payoff matrix, equilibria, then iterated dominance."""
    blocks: list[Block] = [Paragraph("Bottom line: " + bottom_line(analysis))]
    blocks += payoff_blocks(analysis.game)
    blocks += equilibria_blocks(analysis.result)
    blocks += dominance_blocks(analysis.dominance)
    return Document(analysis.game.title, blocks)


def bottom_line(analysis: NormalFormAnalysis) -> str:
    """How many equilibria, which if there is one, and whether dominance alone decides."""
    found = analysis.result.equilibria
    if not found:
        return "no equilibrium was found."
    some = "" if analysis.result.complete else "at least "
    if len(found) == 1:
        only = found[0]
        play = ", ".join(f"{p} {mixed_text(only.strategies[p])}" for p in only.strategies)
        text = f"{some}one equilibrium: {play}."
    else:
        pure = sum(1 for e in found if e.pure)
        text = (
            f"{some}{count(len(found), 'equilibrium', 'equilibria')} ({pure} pure): the players "
            "must coordinate on one, and the game alone does not say which."
        )
    if analysis.dominance.solved:
        text += " Removing dominated strategies leaves this outcome alone."
    return text


def payoff_blocks(game: NormalFormGame) -> list[Block]:
    """The payoff matrix of a two-player game (a row's strategy, then a column's; each cell the
    row player's payoff, then the column player's); a table of profiles for more players; only
    the size when a player has more than :data:`MATRIX_LIMIT` strategies."""
    shape = "x".join(map(str, game.shape))
    blocks: list[Block] = [Heading("Payoffs")]
    if max(game.shape) > MATRIX_LIMIT or (len(game.players) > 2 and prod(game.shape) > 64):
        blocks.append(Paragraph(f"The game has {shape} pure profiles: too many to print."))
        return blocks
    ids = game.player_ids
    if len(game.players) == 2:
        row, column = game.players
        blocks.append(
            Paragraph(
                f"Rows are {row.id}'s strategies, columns {column.id}'s; each cell gives "
                f"{row.id}'s payoff, then {column.id}'s."
            )
        )
        rows = [
            [
                r,
                *(
                    ", ".join(to_text(game.payoff(p, (r, c))) for p in ids)
                    for c in column.strategies
                ),
            ]
            for r in row.strategies
        ]
        blocks.append(Table([f"{row.id} \\ {column.id}", *column.strategies], rows))
        return blocks
    profiles = product(*(p.strategies for p in game.players))
    blocks.append(
        Table(
            [*ids, *(f"payoff {p}" for p in ids)],
            [[*profile, *(to_text(game.payoff(p, profile)) for p in ids)] for profile in profiles],
        )
    )
    return blocks


def mixed_text(mixed: Mapping[str, Number]) -> str:
    """A mixed strategy in words: ``defect`` or ``2/3 opera, 1/3 football`` (exact
    probabilities as fractions, floats to four places)."""
    used = [(s, p) for s, p in mixed.items() if p != 0]
    if len(used) == 1:
        return used[0][0]
    return ", ".join(f"{_probability(p)} {s}" for s, p in used)


def _probability(p: Number) -> str:
    return str(p) if isinstance(p, Fraction) else f"{float(p):.4g}"


def equilibria_blocks(
    result: NashComputationResult, heading: str = "Nash equilibria"
) -> list[Block]:
    """The summary paragraph and the table of equilibria of one computation."""
    found = result.equilibria
    pure = sum(1 for e in found if e.pure)
    how = _METHODS.get(result.method, result.method)
    if not found:
        summary = f"No equilibrium was found by {how}."
    else:
        how_many = "one Nash equilibrium" if len(found) == 1 else f"{len(found)} Nash equilibria"
        kinds = "pure" if pure == len(found) else ("mixed" if pure == 0 else None)
        kind_text = f" ({kinds})" if kinds else f" ({pure} pure, {len(found) - pure} mixed)"
        scope = "Found" if not result.complete else "The game has"
        summary = f"{scope} {how_many}{kind_text}, by {how}."
        if not result.complete:
            summary += " The list may be incomplete (see the note below the table)."
    if result.degenerate:
        listed = "the extreme points are listed" if result.complete else "some points are listed"
        summary += (
            f" The game is degenerate: equilibria may form connected sets, of which {listed}."
        )
    elif result.degenerate is False:
        summary += " The game is nondegenerate, so its equilibria are isolated."
    summary += (
        " Every equilibrium was verified exactly: each strategy played earns its player the "
        "highest payoff available against the others."
        if result.exact
        else " Equilibria were verified to a tolerance of 1e-9."
    )
    blocks: list[Block] = [Heading(heading), Paragraph(summary)]
    if found:
        players = list(result.game.player_ids)
        header = ["#", *players, *(f"payoff {p}" for p in players)]
        rows = [
            [
                str(k),
                *(mixed_text(e.strategies[p]) for p in players),
                *(to_text(e.payoffs[p]) for p in players),
            ]
            for k, e in enumerate(found, 1)
        ]
        blocks.append(Table(header, rows))
    if result.notes:
        blocks.append(BulletList(result.notes))
    return blocks


def dominance_blocks(dominance: DominanceResult) -> list[Block]:
    """The eliminations, in rounds, and what survives."""
    blocks: list[Block] = [Heading("Dominated strategies")]
    if not dominance.eliminations:
        blocks.append(
            Paragraph("No strategy is strictly dominated, by a pure or a mixed strategy.")
        )
        return blocks
    items = []
    for step in dominance.eliminations:
        if step.by_pure:
            (by,) = step.dominated_by
            how = f"`{by}`"
        else:
            how = "the mixture " + ", ".join(
                f"{to_text(p)} `{s}`" for s, p in step.dominated_by.items()
            )
        items.append(
            f"Round {step.round}: `{step.strategy}` of {step.player} "
            f"is strictly dominated by {how}."
        )
    blocks.append(BulletList(items))
    remaining = "; ".join(
        f"{player}: {', '.join(f'`{s}`' for s in strategies)}"
        for player, strategies in dominance.remaining.items()
    )
    verdict = (
        " The game is dominance solvable."
        if dominance.solved
        else " Equilibria use only these strategies."
    )
    blocks.append(Paragraph(f"Strategies that survive: {remaining}.{verdict}"))
    return blocks


def equilibrium_json(equilibrium: Equilibrium) -> dict[str, Any]:
    """One equilibrium as JSON: zero-probability strategies left out, exact numbers as strings."""
    return {
        "strategies": {
            player: {s: number_json(p) for s, p in mixed.items() if p != 0}
            for player, mixed in equilibrium.strategies.items()
        },
        "payoffs": {p: number_json(v) for p, v in equilibrium.payoffs.items()},
        "pure": equilibrium.pure,
    }


def equilibria_json(result: NashComputationResult) -> dict[str, Any]:
    """``equilibria`` and ``degenerate`` (null when not checked), plus method details."""
    return {
        "equilibria": [equilibrium_json(e) for e in result.equilibria],
        "degenerate": result.degenerate,
        "method": result.method,
        "exact": result.exact,
        "complete": result.complete,
        "notes": list(result.notes),
    }


def _dominance_json(dominance: DominanceResult) -> dict[str, Any]:
    return {
        "dominated": [
            {
                "round": step.round,
                "player": step.player,
                "strategy": step.strategy,
                "dominated_by": {s: number_json(p) for s, p in step.dominated_by.items()},
            }
            for step in dominance.eliminations
        ],
        "undominated": {p: list(s) for p, s in dominance.remaining.items()},
    }


def to_json(analysis: NormalFormAnalysis) -> dict[str, Any]:
    """The keys of FORMAT.md for ``normal_form``, plus ``dominated`` and ``undominated``."""
    return equilibria_json(analysis.result) | _dominance_json(analysis.dominance)
