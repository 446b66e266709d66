"""The games shipped with the package: list them, and find one by its id.

The files of the repository's ``games/`` directory are installed with the package, so every
command accepts a shipped game's id in place of a path (``negotiate solve nafta_1993``) from any
directory. A shipped file's name is its game's id.

>>> entry = next(g for g in shipped_games() if g.id == "whole_enchilada")
>>> entry.kind, "post_9_11" in entry.scenarios
('negotiation', True)
>>> shipped_game_path("whole_enchilada").name
'whole_enchilada.toml'
"""

from __future__ import annotations

from pathlib import Path

import attrs

from negotiate.io.toml_load import load
from negotiate.model.negotiation import NegotiationGame

__all__ = ["GAMES_DIRECTORY", "ShippedGame", "shipped_game_path", "shipped_games"]

GAMES_DIRECTORY = Path(__file__).resolve().parent.parent / "games"
"""Where the shipped games are installed (``games/`` of the repository)."""


@attrs.frozen(kw_only=True)
class ShippedGame:
    """One shipped game: its id, kind, title, scenario ids and file."""

    id: str
    kind: str
    title: str
    scenarios: tuple[str, ...]
    path: Path


def shipped_game_path(game_id: str) -> Path | None:
    """The file of the shipped game ``game_id``, or ``None`` if there is none."""
    if not game_id.isidentifier():
        return None
    path = GAMES_DIRECTORY / f"{game_id}.toml"
    return path if path.is_file() else None


def shipped_games() -> tuple[ShippedGame, ...]:
    """Every shipped game, by id."""
    entries = []
    for path in sorted(GAMES_DIRECTORY.glob("*.toml")):
        game = load(path)
        entries.append(
            ShippedGame(
                id=game.id,
                kind=game.kind,
                title=game.title,
                scenarios=game.scenario_ids() if isinstance(game, NegotiationGame) else (),
                path=path,
            )
        )
    return tuple(entries)
