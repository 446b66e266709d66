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

__all__ = ["summary"]


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def summary(game: Game) -> str:
    """Kind, players and size of a game, in one line.

    >>> from negotiate.model import CoalitionGame
    >>> summary(CoalitionGame.from_values(id="g", title="G", players=["a", "b"],
    ...                                   values={}, default_value=1))
    'coalition: 2 players, 3 coalitions'
    """
    if isinstance(game, NegotiationGame):
        parts = [
            _count(len(game.parties), "party", "parties"),
            _count(len(game.issues), "issue"),
            _count(game.package_count, "package"),
            _count(len(game.constituencies), "constituency", "constituencies"),
        ]
        if game.scenarios:
            parts.append(_count(len(game.scenarios), "scenario"))
    elif isinstance(game, NormalFormGame):
        shape = "x".join(map(str, game.shape))
        parts = [_count(len(game.players), "player"), f"{shape} strategies"]
    elif isinstance(game, ExtensiveFormGame):
        parts = [
            _count(len(game.players), "player"),
            _count(len(game.nodes), "node"),
            _count(len(game.terminal_nodes()), "terminal node"),
        ]
    elif isinstance(game, CoalitionGame):
        parts = [_count(game.n, "player"), _count(len(game.worth) - 1, "coalition")]
    elif isinstance(game, VotingGame):
        rule = f"quota {game.quota}" if game.quota is not None else _count(len(game.rules), "rule")
        parts = [_count(game.voter_count, "voter"), _count(len(game.blocs), "bloc"), rule]
    else:
        assert isinstance(game, BargainingProblem)
        feasible = (
            f"pie {game.pie}" if game.pie is not None else _count(len(game.points or ()), "point")
        )
        parts = [_count(len(game.players), "player"), feasible]
    return f"{game.kind}: " + ", ".join(parts)
