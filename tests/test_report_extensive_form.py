"""The extensive_form report: SPE with paths in words, reduced-form equilibria, JSON contract."""

from __future__ import annotations

import json

from known_games import entry_deterrence, gamble, seltens_horse

from negotiate.analysis import analyse
from negotiate.report import render


def test_path_in_words():
    """The equilibrium path reads as a sentence naming movers, moves and the ending."""
    text = render(analyse(entry_deterrence()))
    assert (
        "On the equilibrium path, entrant chooses `in` at `root`; incumbent chooses `share` "
        "at `respond`; the game ends at `peace` (entrant 1, incumbent 1)."
        in text.replace("\n", " ")
    )


def test_chance_in_words_and_several_spe():
    """Chance branches are described with probabilities; ties give several equilibria."""
    text = render(analyse(gamble())).replace("\n", " ")
    assert "Backward induction finds 2 pure subgame-perfect equilibria" in text
    assert "chance decides at `shock`: crisis with probability 1/3 (0.3333)" in text


def test_json_contract():
    """`subgame_perfect` entries have strategies, payoffs and path; `equilibria` as normal_form."""
    data = json.loads(render(analyse(entry_deterrence()), "json"))
    assert data["subgame_perfect"] == [
        {
            "strategies": {"entrant": {"root": "in"}, "incumbent": {"respond": "share"}},
            "payoffs": {"entrant": "1", "incumbent": "1"},
            "path": ["root", "respond", "peace"],
        }
    ]
    assert {"strategies", "payoffs", "pure"} == set(data["equilibria"][0])
    assert data["reduced_form"]["degenerate"] is True


def test_imperfect_information_lists_pure_spe_by_information_set():
    """For Selten's horse the report explains the method; JSON keys moves by information set."""
    analysis = analyse(seltens_horse())
    text = render(analysis).replace("\n", " ")
    assert "Checking every pure profile in every subgame finds 2 pure subgame-perfect" in text
    assert "three chooses `l` at `left`" in text
    spe = json.loads(render(analysis, "json"))["subgame_perfect"]
    assert spe[1]["strategies"]["three"] == {"three_moves": "l"}
    assert spe[1]["path"] == ["root", "left", "dl"]
