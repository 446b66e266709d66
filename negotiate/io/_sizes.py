"""The size limits of :mod:`negotiate.limits`, checked on a game as it is loaded, before any work.

>>> from negotiate.model import Bloc, VotingGame
>>> body = VotingGame(id="v", title="V", blocs=[Bloc(id="a", count=10**6, weight=1)], quota=5)
>>> check_sizes(body)
Traceback (most recent call last):
...
negotiate.errors.InvalidGameError: bloc: 1000000 voters is over the limit of 2000 ...
"""

from __future__ import annotations

from collections.abc import Callable
from math import prod
from typing import Any

from negotiate.limits import check
from negotiate.model import (
    CoalitionGame,
    ExtensiveFormGame,
    Game,
    NegotiationGame,
    NormalFormGame,
    VotingGame,
)

__all__ = ["check_sizes", "check_table_sizes", "tree_depth"]


def check_table_sizes(data: dict[str, Any]) -> None:
    """The limits that must hold before the model is built from the file's tables: each
    scenario is merged and checked as the game is built."""
    scenarios = data.get("scenario")
    if isinstance(scenarios, list):
        check("scenarios", len(scenarios), "scenario", "scenarios")


def check_sizes(game: Game) -> None:
    """Raise :class:`~negotiate.errors.InvalidGameError` at the first limit ``game`` is over."""
    checker = _CHECKS.get(type(game))
    if checker is not None:
        checker(game)


def _negotiation(game: NegotiationGame) -> None:
    check("packages", game.package_count, "issue", "packages")
    check("voters", len(game.constituencies), "constituency", "constituencies")


def _normal_form(game: NormalFormGame) -> None:
    check("cells", prod(len(p.strategies) for p in game.players), "player", "pure profiles")


def _extensive_form(game: ExtensiveFormGame) -> None:
    check("nodes", len(game.nodes), "node", "nodes")
    check("depth", tree_depth(game), "node", "levels of depth")


def _coalition(game: CoalitionGame) -> None:
    check("players", len(game.players), "game.players", "players")


def _voting(game: VotingGame) -> None:
    check("blocs", len(game.blocs), "bloc", "blocs")
    check("voters", sum(b.count for b in game.blocs), "bloc", "voters")


_CHECKS: dict[type, Callable[[Any], None]] = {
    NegotiationGame: _negotiation,
    NormalFormGame: _normal_form,
    ExtensiveFormGame: _extensive_form,
    CoalitionGame: _coalition,
    VotingGame: _voting,
}


def tree_depth(game: ExtensiveFormGame) -> int:
    """The number of edges from the root to the deepest node, counted without recursion."""
    children = {node.id: tuple(node.moves.values()) for node in game.nodes}
    deepest = 0
    stack = [(game.nodes[0].id, 0)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children.get(node, ()))
    return deepest
