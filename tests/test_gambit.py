"""Gambit interchange: .nfg (payoff and outcome versions) and .efg, exact numbers, round trips."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from known_games import (
    battle_of_the_sexes,
    entry_deterrence,
    gamble,
    seltens_horse,
    three_player_cycle,
)

from negotiate.errors import GameFileError
from negotiate.io.gambit import (
    from_gambit,
    read_efg,
    read_gambit,
    read_nfg,
    to_gambit,
    write_gambit,
)
from negotiate.model.normal_form import NormalFormGame, Player
from negotiate.strategic.equilibria import equilibria
from negotiate.strategic.extensive import subgame_perfect_equilibria

SELTEN_PAYOFF = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"
{ "Player 1" "Player 2" } { 3 2 }

1 1 0 2 0 2 1 1 0 3 2 0
"""

SELTEN_OUTCOME = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form" { "Player 1" "Player 2" }

{
{ "1" "2" "3" }
{ "1" "2" }
}

{
{ "" 1, 1 }
{ "" 0, 2 }
{ "" 0, 2 }
{ "" 1, 1 }
{ "" 0, 3 }
{ "" 2, 0 }
}
1 2 3 4 5 6
"""

BAYES = """EFG 2 R "General Bayes game, one stage" { "Player 1" "Player 2" }
c "ROOT" 1 "(0,1)" { "1G" 0.500000 "1B" 0.500000 } 0
c "" 2 "(0,2)" { "2g" 0.500000 "2b" 0.500000 } 0
p "" 1 1 "(1,1)" { "H" "L" } 0
p "" 2 1 "(2,1)" { "h" "l" } 0
t "" 1 "Outcome 1" { 10.000000 2.000000 }
t "" 2 "Outcome 2" { 0.000000 10.000000 }
p "" 2 1 "(2,1)" { "h" "l" } 0
t "" 3 "Outcome 3" { 2.000000 4.000000 }
t "" 4 "Outcome 4" { 4.000000 0.000000 }
p "" 1 1 "(1,1)" { "H" "L" } 0
p "" 2 2 "(2,2)" { "h" "l" } 0
t "" 5 "Outcome 5" { 10.000000 2.000000 }
t "" 6 "Outcome 6" { 0.000000 10.000000 }
p "" 2 2 "(2,2)" { "h" "l" } 0
t "" 7 "Outcome 7" { 2.000000 4.000000 }
t "" 8 "Outcome 8" { 4.000000 0.000000 }
c "" 3 "(0,3)" { "2g" 0.500000 "2b" 0.500000 } 0
p "" 1 2 "(1,2)" { "H" "L" } 0
p "" 2 1 "(2,1)" { "h" "l" } 0
t "" 9 "Outcome 9" { 4.000000 2.000000 }
t "" 10 "Outcome 10" { 2.000000 10.000000 }
p "" 2 1 "(2,1)" { "h" "l" } 0
t "" 11 "Outcome 11" { 0.000000 4.000000 }
t "" 12 "Outcome 12" { 10.000000 2.000000 }
p "" 1 2 "(1,2)" { "H" "L" } 0
p "" 2 2 "(2,2)" { "h" "l" } 0
t "" 13 "Outcome 13" { 4.000000 2.000000 }
t "" 14 "Outcome 14" { 2.000000 10.000000 }
p "" 2 2 "(2,2)" { "h" "l" } 0
t "" 15 "Outcome 15" { 0.000000 4.000000 }
t "" 16 "Outcome 16" { 10.000000 0.000000 }
"""


def test_payoff_and_outcome_versions_give_the_same_game():
    """Gambit's two encodings of Selten's Figure 2 read as one game."""
    payoff = read_nfg(SELTEN_PAYOFF, id="selten")
    outcome = read_nfg(SELTEN_OUTCOME, id="selten")
    assert payoff.payoffs == outcome.payoffs
    assert payoff.payoff("player_1", ("2", "1")) == 0
    assert payoff.payoff("player_2", ("2", "2")) == 3


@pytest.mark.parametrize("make", [battle_of_the_sexes, three_player_cycle])
def test_nfg_round_trip(make):
    """Export then import gives the same game back."""
    game = make()
    assert from_gambit(to_gambit(game), id=game.id) == game


def test_nfg_keeps_exact_rationals_and_quotes():
    """1/3 stays 1/3; quotes in labels survive; the comment becomes the description."""
    game = NormalFormGame.from_matrices(
        id="g",
        title='The "hard" case',
        description="a comment",
        players=[
            Player(id="a", strategies=['say "no"', "yes"]),
            Player(id="b", strategies=["x"]),
        ],
        row=[["1/3"], ["-2/7"]],
        column=[[0], ["5/2"]],
    )
    text = to_gambit(game)
    assert "1/3 0 -2/7 5/2" in text
    assert read_nfg(text, id="g") == game


@pytest.mark.parametrize("make", [entry_deterrence, gamble, seltens_horse])
def test_efg_round_trips(make):
    """Trees with chance (1/3, 2/3) or an information set of two nodes come back equal
    (nodes in prefix order, as .efg lists them)."""
    game = make()
    back = read_efg(to_gambit(game), id=game.id)
    assert back.root == game.root and set(back.nodes) == set(game.nodes)
    assert (back.id, back.title, back.players) == (game.id, game.title, game.players)
    assert read_efg(to_gambit(back), id=game.id) == back


def test_bayes_sample_reads_with_exact_decimals_and_information_sets():
    """Gambit's documented sample: decimals are exact, shared information sets are kept."""
    game = read_efg(BAYES, id="bayes")
    assert game.root.chance == {"1G": F(1, 2), "1B": F(1, 2)}
    infos = {n.info for n in game.nodes if n.player is not None}
    assert infos == {"x_1_1", "x_2_1", "x_2_2", "x_1_2"}
    assert not game.has_perfect_information
    assert len(game.terminal_nodes()) == 16


def test_outcomes_at_inner_nodes_add_up():
    """An outcome at a decision node adds its payoffs to every path below it."""
    text = """EFG 2 R "t" { "A" "B" } ""
p "root" 1 1 "" { "l" "r" } 1 "bonus" { 1, 1/2 }
t "left" 2 "" { 2 0 }
t "right" 0
"""
    game = read_efg(text, id="t")
    assert game.node("left").payoffs == {"a": 3, "b": F(1, 2)}
    assert game.node("right").payoffs == {"a": 1, "b": F(1, 2)}
    (spe,) = subgame_perfect_equilibria(game)
    assert spe.path == ("root", "left")


def test_files_by_extension(tmp_path):
    """write_gambit picks the format from the game and read_gambit the id from the file name."""
    write_gambit(battle_of_the_sexes(), tmp_path / "bos.nfg")
    game = read_gambit(tmp_path / "bos.nfg")
    assert game.id == "bos" and len(equilibria(game).equilibria) == 3
    with pytest.raises(ValueError, match=r"\.efg"):
        write_gambit(entry_deterrence(), tmp_path / "entry.nfg")


def test_errors_name_the_line_and_what_was_expected():
    """A malformed file is refused with its line and the expected token."""
    with pytest.raises(GameFileError, match=r"<string>:3: expected a payoff"):
        read_nfg('NFG 1 R "t" { "a" "b" } { 1 1 }\n\n1 x\n')
    with pytest.raises(GameFileError, match="NFG` or `EFG"):
        from_gambit("hello")
    with pytest.raises(GameFileError, match="information set 3 is used before"):
        read_efg('EFG 2 R "t" { "a" } ""\np "" 1 3 0\n')
