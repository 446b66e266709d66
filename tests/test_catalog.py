"""Shipped games: installed with the package, listed by `negotiate games`, found by id."""

from __future__ import annotations

import json
from pathlib import Path

from negotiate.cli import main
from negotiate.io import load
from negotiate.io.catalog import GAMES_DIRECTORY, shipped_game_path, shipped_games
from tests.conftest import GAMES, ROOT


def test_every_repository_game_is_installed_unchanged():
    """The package's games are the repository's games/, byte for byte (package data)."""
    installed = sorted(p.name for p in GAMES_DIRECTORY.glob("*.toml"))
    assert installed == sorted(p.name for p in GAMES)
    for path in GAMES:
        assert (GAMES_DIRECTORY / path.name).read_bytes() == path.read_bytes()


def test_a_shipped_file_is_named_by_its_game_id():
    """The file name is the id that stands for it on the command line."""
    for path in GAMES:
        assert load(path).id == path.stem
        assert shipped_game_path(path.stem) == GAMES_DIRECTORY / path.name


def test_unknown_and_malformed_ids_find_nothing():
    """Only plain identifiers are looked up: no path tricks through the catalog."""
    assert shipped_game_path("no_such_game") is None
    assert shipped_game_path("../pyproject") is None
    assert shipped_game_path("") is None


def test_games_lists_id_kind_title_and_scenarios(runner):
    """`negotiate games --format json` has one entry per shipped game, as loaded."""
    result = runner.invoke(main, ["games", "--format", "json"])
    assert result.exit_code == 0, result.output
    entries = json.loads(result.output)["games"]
    assert [e["id"] for e in entries] == sorted(p.stem for p in GAMES)
    enchilada = next(e for e in entries if e["id"] == "whole_enchilada")
    assert enchilada["kind"] == "negotiation"
    assert enchilada["scenarios"] == list(
        load(ROOT / "games" / "whole_enchilada.toml").scenario_ids()
    )
    assert {e["kind"] for e in entries} == {g.kind for g in shipped_games()}


def test_games_text_fits_100_columns(runner):
    """The text listing is readable in a terminal."""
    result = runner.invoke(main, ["games"])
    assert result.exit_code == 0
    assert max(len(line) for line in result.output.splitlines()) <= 100
    assert "whole_enchilada" in result.output


def test_an_id_stands_for_its_file_from_any_directory(runner, tmp_path: Path, monkeypatch):
    """`negotiate solve us_ratification` elsewhere gives what the path gives."""
    by_path = runner.invoke(main, ["solve", str(ROOT / "games" / "us_ratification.toml")])
    monkeypatch.chdir(tmp_path)
    by_id = runner.invoke(main, ["solve", "us_ratification"])
    assert by_id.exit_code == 0, by_id.output
    assert by_id.output == by_path.output


def test_an_existing_file_wins_over_a_shipped_id(runner, tmp_path: Path, monkeypatch):
    """A file in the working directory named like a shipped id is the one read."""
    local = tmp_path / "whole_enchilada"
    local.write_text((ROOT / "games" / "us_ratification.toml").read_text())
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["validate", "whole_enchilada"])
    assert result.exit_code == 0
    assert "weighted_voting" in result.output


def test_neither_file_nor_id_exits_2_naming_the_catalog(runner):
    """A name that is neither a file nor a shipped id: exit 2 and a pointer to the list."""
    result = runner.invoke(main, ["solve", "nafta_1492"])
    assert result.exit_code == 2
    assert "neither a file nor the id of a shipped game" in result.output
    assert "negotiate games" in result.output
