"""Trees as deep as the `depth` limit allows are loaded, solved, reported and converted without
recursion (a tree 1,000 deep used to end in a RecursionError), and the iterative solvers agree
with direct definitions on small trees."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction as F
from pathlib import Path

import pytest

from negotiate.cli import main
from negotiate.io import dump, loads
from negotiate.io.gambit import read_efg, write_efg
from negotiate.limits import current
from negotiate.model.extensive_form import ExtensiveFormGame, Node
from negotiate.report import render
from negotiate.strategic.extensive import (
    analyse,
    pure_subgame_perfect_equilibria,
    reduced_strategies,
    subgame_perfect_equilibria,
    subgame_roots,
)
from tests import known_games

DEPTH = current().depth


def stopping_chain(depth: int) -> ExtensiveFormGame:
    """Two players alternate, each may stop (1 to the one who stops, 0 to the other) or go on;
    going to the end gives both 0. Backward induction: everyone stops, the game ends at once."""
    nodes = []
    for k in range(depth):
        mover, other = ("a", "b") if k % 2 == 0 else ("b", "a")
        nodes.append(Node(id=f"n{k}", player=mover, moves={"go": f"n{k + 1}", "stop": f"s{k}"}))
        nodes.append(Node(id=f"s{k}", payoffs={mover: 1, other: 0}))
    nodes.append(Node(id=f"n{depth}", payoffs={"a": 0, "b": 0}))
    return ExtensiveFormGame(id="chain", title="Chain", players=["a", "b"], nodes=nodes)


def chance_chain(depth: int) -> ExtensiveFormGame:
    """Chance ends the game (0 to both) or goes on, ``depth`` times with probability 1 each way
    but the last; then `a` picks l or r and `b`, not seeing it, picks u or d: a matching game
    below a long chance path (imperfect information)."""
    nodes = [
        Node(id=f"c{k}", chance={"on": 1, "off": 0}, moves={"on": f"c{k + 1}", "off": f"z{k}"})
        for k in range(depth)
    ]
    nodes += [Node(id=f"z{k}", payoffs={"a": 0, "b": 0}) for k in range(depth)]
    nodes += [
        Node(id=f"c{depth}", player="a", moves={"l": "bl", "r": "br"}),
        Node(id="bl", player="b", info="guess", moves={"u": "lu", "d": "ld"}),
        Node(id="br", player="b", info="guess", moves={"u": "ru", "d": "rd"}),
        Node(id="lu", payoffs={"a": 2, "b": 1}),
        Node(id="ld", payoffs={"a": 0, "b": 0}),
        Node(id="ru", payoffs={"a": 0, "b": 0}),
        Node(id="rd", payoffs={"a": 1, "b": 2}),
    ]
    return ExtensiveFormGame(id="chances", title="Chances", players=["a", "b"], nodes=nodes)


def test_backward_induction_at_the_depth_limit():
    game = stopping_chain(DEPTH)
    (spe,) = subgame_perfect_equilibria(game)
    assert spe.path == ("n0", "s0")
    assert dict(spe.payoffs) == {"a": 1, "b": 0}
    assert len(spe.strategies["a"]) == len(spe.strategies["b"]) == DEPTH // 2
    assert set(spe.strategies["a"].values()) == set(spe.strategies["b"].values()) == {"stop"}


def test_analysis_at_the_depth_limit_notes_the_reduced_form_it_does_not_build():
    analysis = analyse(stopping_chain(DEPTH))
    assert analysis.reduced_form is None and analysis.equilibria == ()
    assert any("reduced strategic form is not built" in note for note in analysis.notes)
    text = render(analysis, "text")
    assert "a chooses `stop` at `n0`; the game ends at `s0`" in text
    assert "reduced strategic form is not built" in text


def test_cli_solves_a_tree_at_the_depth_limit(runner, tmp_path: Path):
    path = tmp_path / "deep.toml"
    path.write_text(dump(stopping_chain(DEPTH)))
    assert runner.invoke(main, ["validate", str(path)]).exit_code == 0
    result = runner.invoke(main, ["solve", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["subgame_perfect"][0]["path"] == ["n0", "s0"]
    assert data["reduced_form"] is None and data["equilibria"] is None


def test_gambit_and_toml_round_trips_at_the_depth_limit():
    game = stopping_chain(DEPTH)
    back = read_efg(write_efg(game), id="chain")
    assert back.root.id == "n0" and len(back.nodes) == len(game.nodes)
    assert loads(dump(game)).nodes == game.nodes
    assert {n.id: n.moves for n in back.nodes} == {n.id: n.moves for n in game.nodes}
    assert {n.id: n.payoffs for n in back.nodes} == {n.id: n.payoffs for n in game.nodes}


def test_efg_outcomes_of_inner_nodes_add_up_below_a_deep_path():
    """An inner node's outcome adds to every terminal node below, the innermost first."""
    depth = 2 * DEPTH // 10
    lines = ['EFG 2 R "Deep" { "A" }', '""']
    for k in range(depth):
        lines.append(f'p "n{k}" 1 {k + 1} "" {{ "go" "stop" }} {k + 1} "" {{ 1 }}')
        lines.append(f't "s{k}" 0')
    lines.append('t "end" 0')
    game = read_efg("\n".join(lines))
    payoffs = {n.id: n.payoffs["a"] for n in game.nodes if n.payoffs is not None}
    assert payoffs["s0"] == 1 and payoffs[f"s{depth - 1}"] == depth and payoffs["end"] == depth


def test_pure_subgame_perfection_below_a_deep_chance_path():
    """The matching game at the bottom has two pure equilibria; as a subgame of its own, only
    they are subgame perfect (b plays u with l, d with r, and a then picks l)."""
    game = chance_chain(200)
    assert subgame_roots(game)[:3] == ("c0", "c1", "c2")
    assert f"c{200}" in subgame_roots(game) and "bl" not in subgame_roots(game)
    found = pure_subgame_perfect_equilibria(game)
    assert [(dict(e.strategies["a"]), dict(e.strategies["b"])) for e in found] == [
        ({"c200": "l"}, {"guess": "u"}),
        ({"c200": "r"}, {"guess": "d"}),
    ]
    assert [dict(e.payoffs) for e in found] == [{"a": 2, "b": 1}, {"a": 1, "b": 2}]


# -- the iterative solvers against direct definitions ---------------------------------------------


def brute_reduced_strategies(game: ExtensiveFormGame, player: str) -> list[dict[str, str]]:
    """Every full strategy restricted to the information sets it does not itself exclude, in
    the order of full strategies, duplicates dropped."""
    nodes = {n.id: n for n in game.nodes}
    sets: dict[str, tuple[str, ...]] = {}
    for n in game.nodes:
        if n.player == player:
            sets.setdefault(game.information_set(n), tuple(n.moves))
    out: list[dict[str, str]] = []
    for moves in itertools.product(*sets.values()):
        choice = dict(zip(sets, moves, strict=True))
        reached, stack = set(), [game.root]
        while stack:
            n = stack.pop()
            if n.player == player:
                reached.add(game.information_set(n))
                stack.append(nodes[n.moves[choice[game.information_set(n)]]])
            else:
                stack.extend(nodes[c] for c in n.moves.values())
        reduced = {i: m for i, m in choice.items() if i in reached}
        if reduced not in out:
            out.append(reduced)
    return out


def brute_subgame_roots(game: ExtensiveFormGame) -> tuple[str, ...]:
    nodes = {n.id: n for n in game.nodes}
    members: dict[str, set[str]] = {}
    for n in game.nodes:
        if n.player is not None:
            members.setdefault(game.information_set(n), set()).add(n.id)
    roots = []
    for n in game.nodes:
        below, stack = set(), [n]
        while stack:
            m = stack.pop()
            below.add(m.id)
            stack.extend(nodes[c] for c in m.moves.values())
        decisions = [nodes[d] for d in below if nodes[d].player is not None]
        if not n.is_terminal and all(members[game.information_set(d)] <= below for d in decisions):
            roots.append(n.id)
    return tuple(roots)


def two_round_tree() -> ExtensiveFormGame:
    """`a` moves twice, `b` in between without seeing `a`'s first move: several of each
    player's information sets, some excluded by the player's own earlier move."""
    nodes = [
        Node(id="r", player="a", moves={"x": "b1", "y": "b2", "z": "end0"}),
        Node(id="b1", player="b", info="bi", moves={"p": "a1", "q": "end1"}),
        Node(id="b2", player="b", info="bi", moves={"p": "a2", "q": "end2"}),
        Node(id="a1", player="a", moves={"s": "end3", "t": "luck"}),
        Node(id="a2", player="a", moves={"s": "end4", "t": "end5"}),
        Node(id="luck", chance={"h": F(1, 3), "l": F(2, 3)}, moves={"h": "end6", "l": "end7"}),
    ]
    nodes += [Node(id=f"end{k}", payoffs={"a": k % 3, "b": (5 * k) % 4}) for k in range(8)]
    return ExtensiveFormGame(id="two", title="Two rounds", players=["a", "b"], nodes=nodes)


@pytest.mark.parametrize(
    "build",
    [
        known_games.entry_deterrence,
        known_games.seltens_horse,
        known_games.gamble,
        two_round_tree,
        lambda: chance_chain(3),
        lambda: stopping_chain(5),
    ],
)
def test_reduced_strategies_and_subgame_roots_match_their_definitions(build):
    game = build()
    for player in game.players:
        expected = brute_reduced_strategies(game, player)
        assert [dict(s) for s in reduced_strategies(game, player)] == expected
    assert subgame_roots(game) == brute_subgame_roots(game)
