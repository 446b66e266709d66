"""`negotiate convert`: TOML <-> Gambit files by extension."""

from __future__ import annotations

from known_games import battle_of_the_sexes, entry_deterrence

from negotiate.cli import main
from negotiate.io import dump, load
from negotiate.io.gambit import read_gambit, to_gambit


def test_toml_to_nfg_and_back(runner, tmp_path):
    """A strategic game goes to .nfg and back to the same game."""
    game = battle_of_the_sexes()
    (tmp_path / "g.toml").write_text(dump(game), encoding="utf-8")
    result = runner.invoke(main, ["convert", str(tmp_path / "g.toml"), str(tmp_path / "g.nfg")])
    assert result.exit_code == 0, result.output
    assert read_gambit(tmp_path / "g.nfg", id=game.id) == game
    result = runner.invoke(main, ["convert", str(tmp_path / "g.nfg"), str(tmp_path / "h.toml")])
    assert result.exit_code == 0, result.output
    assert load(tmp_path / "h.toml") == read_gambit(tmp_path / "g.nfg")


def test_efg_to_toml(runner, tmp_path):
    """A Gambit tree becomes a negotiate/1 file that loads and solves."""
    (tmp_path / "entry.efg").write_text(to_gambit(entry_deterrence()), encoding="utf-8")
    result = runner.invoke(
        main, ["convert", str(tmp_path / "entry.efg"), str(tmp_path / "entry.toml")]
    )
    assert result.exit_code == 0, result.output
    solved = runner.invoke(main, ["solve", str(tmp_path / "entry.toml")])
    assert "entrant chooses `in` at `root`" in solved.output


def test_wrong_target_is_a_usage_error(runner, tmp_path):
    """A tree cannot be written as .nfg, and unknown extensions are refused, with exit 2."""
    (tmp_path / "entry.efg").write_text(to_gambit(entry_deterrence()), encoding="utf-8")
    result = runner.invoke(main, ["convert", str(tmp_path / "entry.efg"), str(tmp_path / "x.nfg")])
    assert result.exit_code == 2 and "use .efg" in result.output
    result = runner.invoke(main, ["convert", str(tmp_path / "entry.efg"), str(tmp_path / "x.gbt")])
    assert result.exit_code == 2 and "cannot convert '.gbt'" in result.output


def test_malformed_gambit_file_reports_its_line(runner, tmp_path):
    """A parse error reaches the single error handler: one line on stderr, exit 2."""
    (tmp_path / "bad.nfg").write_text('NFG 1 R "t" { "a" } { 2 }\n1 oops\n', encoding="utf-8")
    result = runner.invoke(main, ["convert", str(tmp_path / "bad.nfg"), str(tmp_path / "x.toml")])
    assert result.exit_code == 2 and "bad.nfg:2" in result.output
