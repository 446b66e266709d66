"""One line that says what a game is: its kind and size."""

from __future__ import annotations

from negotiate.model import (
    BargainingProblem,
    CoalitionGame,
    ExtensiveFormGame,
    Game,
    NegotiationGame,
    NormalFormGame,
    VotingGame,
)
from negotiate.report.words import count

__all__ = ["summary"]


def summary(game: Game) -> str:
    """Kind, players and size of a game, in one line.

    >>> from negotiate.model import CoalitionGame
    >>> summary(CoalitionGame.from_values(id="g", title="G", players=["a", "b"],
    ...                                   values={}, default_value=1))
    'coalition: 2 players, 3 coalitions'
    """
    if isinstance(game, NegotiationGame):
        parts = [
            count(len(game.parties), "party", "parties"),
            count(len(game.issues), "issue"),
            count(game.package_count, "package"),
            count(len(game.constituencies), "constituency", "constituencies"),
        ]
        if game.scenarios:
            parts.append(count(len(game.scenarios), "scenario"))
    elif isinstance(game, NormalFormGame):
        shape = "x".join(map(str, game.shape))
        parts = [count(len(game.players), "player"), f"{shape} strategies"]
    elif isinstance(game, ExtensiveFormGame):
        parts = [
            count(len(game.players), "player"),
            count(len(game.nodes), "node"),
            count(len(game.terminal_nodes()), "terminal node"),
        ]
    elif isinstance(game, CoalitionGame):
        parts = [count(game.n, "player"), count(len(game.worth) - 1, "coalition")]
    elif isinstance(game, VotingGame):
        rule = f"quota {game.quota}" if game.quota is not None else count(len(game.rules), "rule")
        parts = [count(game.voter_count, "voter"), count(len(game.blocs), "bloc"), rule]
    else:
        assert isinstance(game, BargainingProblem)
        feasible = (
            f"pie {game.pie}" if game.pie is not None else count(len(game.points or ()), "point")
        )
        parts = [count(len(game.players), "player"), feasible]
    return f"{game.kind}: " + ", ".join(parts)
