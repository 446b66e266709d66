"""Shared fixtures: the shipped games and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
GAMES = sorted((ROOT / "games").glob("*.toml"))


@pytest.fixture
def runner() -> CliRunner:
    """A click runner that keeps standard error apart from standard output."""
    return CliRunner()


@pytest.fixture(params=GAMES, ids=[path.stem for path in GAMES])
def game_file(request: pytest.FixtureRequest) -> Path:
    """Each file in games/."""
    return request.param  # type: ignore[no-any-return]
