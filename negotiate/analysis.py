"""What ``negotiate solve`` computes for each kind of game: one ``analyse`` per kind.

Each kind's solver package offers ``analyse(game, options) -> Analysis``, a frozen result holding
the game and everything its report shows. Modules are imported only when their kind is solved,
so the command line starts fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast, overload

from negotiate.errors import UnsupportedGameError, numerical_failures
from negotiate.options import SolveOptions

if TYPE_CHECKING:
    from negotiate.bargaining.analysis import BargainingAnalysis
    from negotiate.cooperative.analysis import CoalitionAnalysis
    from negotiate.model import (
        BargainingProblem,
        CoalitionGame,
        ExtensiveFormGame,
        NegotiationGame,
        NormalFormGame,
        VotingGame,
    )
    from negotiate.negotiation.analysis import NegotiationAnalysis
    from negotiate.strategic.equilibria import NormalFormAnalysis
    from negotiate.strategic.extensive import ExtensiveFormAnalysis
    from negotiate.voting.analysis import VotingAnalysis

__all__ = ["Analysis", "Game", "SolveOptions", "analyse"]


class Game(Protocol):
    """What the dispatch and the reports need of a game: its kind, id and title."""

    @property
    def kind(self) -> str: ...

    @property
    def id(self) -> str: ...

    @property
    def title(self) -> str: ...


class Analysis(Protocol):
    """What every kind's analysis offers: the game it analyses."""

    @property
    def game(self) -> Game: ...


_ANALYSES: dict[str, str] = {
    "normal_form": "negotiate.strategic.equilibria:analyse",
    "extensive_form": "negotiate.strategic.extensive:analyse",
    "coalition": "negotiate.cooperative.analysis:analyse",
    "weighted_voting": "negotiate.voting.analysis:analyse",
    "bargaining": "negotiate.bargaining.analysis:analyse",
    "negotiation": "negotiate.negotiation.analysis:analyse",
}
"""``kind -> "module:function"`` of the analysis run by ``negotiate solve``."""


@overload
def analyse(game: NegotiationGame, options: SolveOptions | None = None) -> NegotiationAnalysis: ...
@overload
def analyse(game: NormalFormGame, options: SolveOptions | None = None) -> NormalFormAnalysis: ...
@overload
def analyse(
    game: ExtensiveFormGame, options: SolveOptions | None = None
) -> ExtensiveFormAnalysis: ...
@overload
def analyse(game: CoalitionGame, options: SolveOptions | None = None) -> CoalitionAnalysis: ...
@overload
def analyse(game: VotingGame, options: SolveOptions | None = None) -> VotingAnalysis: ...
@overload
def analyse(game: BargainingProblem, options: SolveOptions | None = None) -> BargainingAnalysis: ...
@overload
def analyse(game: Game, options: SolveOptions | None = None) -> Analysis: ...
def analyse(game: Game, options: SolveOptions | None = None) -> Analysis:
    """Run every solver that applies to ``game`` and return the kind's analysis.

    Raises :class:`~negotiate.errors.UnsupportedGameError` for a kind with no solver.

    Examples
    --------
    >>> from negotiate import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="swap", title="A swap",
    ...     parties=[Party(id="us", values={"trade": {"open": 3}, "visas": {"more": -1}}),
    ...              Party(id="mx", values={"trade": {"open": -1}, "visas": {"more": 2}})],
    ...     issues=[Issue(id="trade", options=["closed", "open"]),
    ...             Issue(id="visas", options=["few", "more"])])
    >>> from negotiate import analyse
    >>> [o.package for o in analyse(game).nash]
    [('open', 'more')]
    """
    target = _ANALYSES.get(game.kind)
    if target is None:
        raise UnsupportedGameError(f"there is no solver for {game.kind!r} games yet")
    module, function = target.split(":")
    solver = cast(
        Callable[[Game, SolveOptions], Analysis],
        getattr(importlib.import_module(module), function),
    )
    with numerical_failures(f"solving this {game.kind} game"):
        return solver(game, options or SolveOptions())
