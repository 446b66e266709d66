"""Report of a game-tree analysis: the subgame-perfect equilibria, their paths in words, and the
equilibria of the reduced strategic form. Computes nothing."""

from __future__ import annotations

from typing import Any

from negotiate.exact.numbers import to_json as number_json
from negotiate.exact.numbers import to_text
from negotiate.model.extensive_form import ExtensiveFormGame
from negotiate.report.document import Block, BulletList, Document, Heading, Paragraph, Table
from negotiate.report.normal_form import equilibria_blocks, equilibria_json
from negotiate.report.words import count
from negotiate.strategic.extensive import ExtensiveFormAnalysis, SubgamePerfectEquilibrium

__all__ = ["bottom_line", "document", "path_in_words", "to_json"]


def path_in_words(game: ExtensiveFormGame, equilibrium: SubgamePerfectEquilibrium) -> str:
    """The equilibrium path as a sentence: who moves where, what chance does, how it ends."""
    moves = {node: move for plan in equilibrium.strategies.values() for node, move in plan.items()}
    by_id = {node.id: node for node in game.nodes}
    on_path = set(equilibrium.path)
    steps = []
    endings = []
    for node_id in equilibrium.path:
        node = by_id[node_id]
        if node.is_terminal:
            assert node.payoffs is not None
            values = ", ".join(f"{p} {to_text(v)}" for p, v in node.payoffs.items())
            endings.append(f"`{node.id}` ({values})")
        elif node.chance is not None:
            branches = ", ".join(
                f"{m} with probability {to_text(q)}"
                for m, q in node.chance.items()
                if node.moves[m] in on_path
            )
            steps.append(f"chance decides at `{node.id}`: {branches}")
        else:
            move = moves[node.id] if node.id in moves else moves[game.information_set(node)]
            steps.append(f"{node.player} chooses `{move}` at `{node.id}`")
    ends = "the game ends at " + (" or ".join(endings) if endings else "no terminal node")
    return "On the equilibrium path, " + "; ".join([*steps, ends]) + "."


def bottom_line(analysis: ExtensiveFormAnalysis) -> str:
    """Where play ends when every move is credible, and how many other equilibria there are."""
    found = analysis.subgame_perfect or ()
    others = len(analysis.equilibria)
    some = "" if analysis.result is not None and analysis.result.complete else "at least "
    strategic = (
        f"; the strategic form has {some}{count(others, 'Nash equilibrium', 'Nash equilibria')}, "
        "some resting on threats that would not be carried out"
        if others > len(found)
        else ""
    )
    if not found:
        return f"no pure subgame-perfect equilibrium{strategic}."
    ends = sorted({spe.path[-1] for spe in found if spe.path})
    payoffs = ", ".join(f"{p} {to_text(v)}" for p, v in found[0].payoffs.items())
    where = " or ".join(f"`{e}`" for e in ends) or "no terminal node"
    tie = f" ({len(found)} subgame-perfect equilibria)" if len(found) > 1 else ""
    return (
        "with credible moves only (subgame perfection: each move is best wherever its player "
        f"is called on), the game ends at {where} ({payoffs}){tie}{strategic}."
    )


def document(analysis: ExtensiveFormAnalysis) -> Document:
    """Subgame-perfect equilibria first (with their paths), then the reduced strategic form."""
    game = analysis.game
    blocks: list[Block] = [Paragraph("Bottom line: " + bottom_line(analysis))]
    blocks.append(Heading("Subgame-perfect equilibria"))
    if analysis.subgame_perfect is None:
        blocks.append(Paragraph("Not computed."))
    else:
        found = analysis.subgame_perfect
        count = "one pure" if len(found) == 1 else f"{len(found)} pure"
        tie = (
            " Several exist because some mover is indifferent; every choice is kept."
            if len(found) > 1
            else ""
        )
        how = (
            "Backward induction finds"
            if game.has_perfect_information
            else "Checking every pure profile in every subgame finds"
        )
        if found:
            blocks.append(
                Paragraph(
                    f"{how} {count} subgame-perfect "
                    f"equilibri{'um' if len(found) == 1 else 'a'}.{tie}"
                )
            )
        else:
            blocks.append(Paragraph(f"{how} no pure subgame-perfect equilibrium."))
        for k, spe in enumerate(found, 1):
            if len(found) > 1:
                blocks.append(Heading(f"Equilibrium {k}", 3))
            blocks.append(Paragraph(path_in_words(game, spe)))
            payoffs = ", ".join(f"{p} {to_text(v)}" for p, v in spe.payoffs.items())
            blocks.append(Paragraph(f"Expected payoffs: {payoffs}."))
            rows = [
                [player, node, move]
                for player, plan in spe.strategies.items()
                for node, move in plan.items()
            ]
            where = "at node" if game.has_perfect_information else "at information set"
            blocks.append(Table(["player", where, "move"], rows))
    if analysis.notes:
        blocks.append(BulletList(analysis.notes))
    if analysis.reduced_form is None or analysis.result is None:
        return Document(game.title, blocks)
    if analysis.subgame_perfect:
        listed = (
            "The Nash equilibria of the reduced strategic form below include every "
            "subgame-perfect one"
            if analysis.result.complete
            else "Every subgame-perfect equilibrium is a Nash equilibrium of the reduced "
            "strategic form; the list below may be incomplete"
        )
        blocks.append(
            Paragraph(
                f"{listed}, and may include others that rest on threats a player would not "
                "carry out if called upon."
            )
        )
    blocks += equilibria_blocks(
        analysis.result, heading="Nash equilibria of the reduced strategic form"
    )
    strategies = "; ".join(
        f"{p.id}: {', '.join(f'`{s}`' for s in p.strategies)}"
        for p in analysis.reduced_form.players
    )
    blocks.append(
        Paragraph(
            "Reduced strategies (a move at each of the player's information sets, in file order, "
            f"`*` where the player's own earlier move excludes it): {strategies}."
        )
    )
    return Document(game.title, blocks)


def to_json(analysis: ExtensiveFormAnalysis) -> dict[str, Any]:
    """``subgame_perfect`` (null when not computed) and ``equilibria`` of the reduced form
    (null, with ``reduced_form``, when the form is too large to build)."""
    subgame_perfect = (
        None
        if analysis.subgame_perfect is None
        else [
            {
                "strategies": {p: dict(plan) for p, plan in spe.strategies.items()},
                "payoffs": {p: number_json(v) for p, v in spe.payoffs.items()},
                "path": list(spe.path),
            }
            for spe in analysis.subgame_perfect
        ]
    )
    if analysis.reduced_form is None or analysis.result is None:
        return {
            "subgame_perfect": subgame_perfect,
            "equilibria": None,
            "reduced_form": None,
            "notes": list(analysis.notes),
        }
    reduced = equilibria_json(analysis.result)
    return {
        "subgame_perfect": subgame_perfect,
        "equilibria": reduced.pop("equilibria"),
        "reduced_form": {
            "strategies": {p.id: list(p.strategies) for p in analysis.reduced_form.players},
            **reduced,
        },
        "notes": list(analysis.notes),
    }
