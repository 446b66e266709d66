"""The envelope every JSON result opens with: the format, the game and the scenario."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["RESULT_FORMAT", "dumps", "envelope"]

RESULT_FORMAT = "negotiate-result/1"
"""The value of ``"format"`` in every JSON result."""


def envelope(game: Any) -> dict[str, Any]:
    """``{"format", "game": {"id", "kind", "title"}, "scenario"}`` of a result about ``game``."""
    return {
        "format": RESULT_FORMAT,
        "game": {"id": game.id, "kind": game.kind, "title": game.title},
        "scenario": getattr(game, "scenario", None),
    }


def dumps(result: dict[str, Any]) -> str:
    """A JSON result as printed: indented, UTF-8 kept, one final newline."""
    return json.dumps(result, indent=2, ensure_ascii=False) + "\n"
