"""What ``negotiate solve`` computes for each kind of game: one ``analyse`` per kind.

Each kind's solver package offers ``analyse(game, options) -> Analysis``, a frozen result holding
the game and everything its report shows. Modules are imported only when their kind is solved,
so the command line starts fast.
"""

from __future__ import annotations

import importlib
from typing import Any

import attrs

from negotiate.errors import UnsupportedGameError

__all__ = ["SolveOptions", "analyse"]


@attrs.frozen(kw_only=True)
class SolveOptions:
    """Options of ``negotiate solve``; each kind reads the ones that concern it."""

    top: int = 5
    """How many of the best agreements a negotiation report lists."""

    linkage: bool = True
    """Whether a negotiation's analysis includes the issue-linkage analysis."""


_ANALYSES: dict[str, str] = {
    "normal_form": "negotiate.strategic.equilibria:analyse",
    "extensive_form": "negotiate.strategic.extensive:analyse",
    "coalition": "negotiate.cooperative.analysis:analyse",
    "weighted_voting": "negotiate.voting.analysis:analyse",
    "bargaining": "negotiate.bargaining.analysis:analyse",
    "negotiation": "negotiate.negotiation.analysis:analyse",
}
"""``kind -> "module:function"`` of the analysis run by ``negotiate solve``."""


def analyse(game: Any, options: SolveOptions | None = None) -> Any:
    """Run every solver that applies to ``game`` and return the kind's analysis.

    Raises :class:`~negotiate.errors.UnsupportedGameError` for a kind with no solver.
    """
    target = _ANALYSES.get(game.kind)
    if target is None:
        raise UnsupportedGameError(f"there is no solver for {game.kind!r} games yet")
    module, function = target.split(":")
    return getattr(importlib.import_module(module), function)(game, options or SolveOptions())
