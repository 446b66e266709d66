"""The normal_form report: JSON keys of the contract, exact numbers as strings, words."""

from __future__ import annotations

import json
from fractions import Fraction as F

from known_games import battle_of_the_sexes, bimatrix, von_stengel_degenerate

from negotiate.analysis import analyse
from negotiate.report import render


def test_json_has_the_contract_keys_and_exact_strings():
    """`equilibria` entries carry strategies, payoffs and pure; `degenerate` is a bool."""
    data = json.loads(render(analyse(battle_of_the_sexes()), "json"))
    assert data["game"]["kind"] == "normal_form" and data["degenerate"] is False
    mixed = data["equilibria"][2]
    assert mixed == {
        "strategies": {"row": {"r0": "2/3", "r1": "1/3"}, "column": {"c0": "1/3", "c1": "2/3"}},
        "payoffs": {"row": "2/3", "column": "2/3"},
        "pure": False,
    }
    assert F(mixed["payoffs"]["row"]) == F(2, 3)


def test_text_says_how_many_and_whether_degenerate():
    """The text report counts equilibria and explains degeneracy in words."""
    text = render(analyse(von_stengel_degenerate()), "text")
    assert "3 Nash equilibria (1 pure, 2 mixed)" in text
    assert "The game is degenerate" in text


def test_dominance_shown_in_text_and_json():
    """A strategy dominated by a mixture is named with the mixture."""
    game = bimatrix([[3, 0], [1, 1], [0, 3]], [[0, 1], [0, 0], [1, 0]])
    analysis = analyse(game)
    assert "`r1` of row is strictly dominated by the mixture 1/2 (0.5) `r0`" in render(analysis)
    data = json.loads(render(analysis, "json"))
    assert data["dominated"] == [
        {"round": 1, "player": "row", "strategy": "r1", "dominated_by": {"r0": "1/2", "r2": "1/2"}}
    ]
    assert data["undominated"] == {"row": ["r0", "r2"], "column": ["c0", "c1"]}


def test_markdown_renders_a_table():
    """Markdown output has the equilibria as a table."""
    assert "| # | row | column | payoff row | payoff column |" in render(
        analyse(battle_of_the_sexes()), "markdown"
    )
