"""Every shipped game loads, solves, renders in every format, and cites its sources."""

from __future__ import annotations

import json
import tomllib

import negotiate
from negotiate.analysis import SolveOptions, analyse
from negotiate.report import RESULT_FORMAT, render


def test_game_loads_and_solves_in_every_format(game_file):
    """A shipped game is analysed and reported as text, Markdown and JSON with the envelope."""
    game = negotiate.load(game_file)
    analysis = analyse(game, SolveOptions())
    text = render(analysis, "text")
    markdown = render(analysis, "markdown")
    data = json.loads(render(analysis, "json"))
    assert text.startswith(game.title)
    assert markdown.startswith(f"# {game.title}")
    assert data["format"] == RESULT_FORMAT
    assert data["game"] == {"id": game.id, "kind": game.kind, "title": game.title}
    assert data["scenario"] is None


def test_game_cites_the_seed_documents(game_file):
    """Every shipped game names its sources and explains its numbers in comments."""
    text = game_file.read_text(encoding="utf-8")
    game = negotiate.load(game_file)
    assert game.sources, f"{game_file.name} names no sources"
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert len(comments) >= 5, f"{game_file.name} explains too little in comments"
    assert tomllib.loads(text)["format"] == "negotiate/1"


def test_scenarios_solve(game_file):
    """Each scenario of a shipped negotiation solves and is named in the JSON result."""
    game = negotiate.load(game_file)
    for scenario in getattr(game, "scenarios", ()):
        analysis = analyse(game.with_scenario(scenario.id), SolveOptions())
        assert json.loads(render(analysis, "json"))["scenario"] == scenario.id
