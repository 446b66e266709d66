"""Games with known equilibria from the literature, shared by the tests (not a test module)."""

from __future__ import annotations

import itertools

from negotiate.model.extensive_form import ExtensiveFormGame, Node
from negotiate.model.normal_form import NormalFormGame, Player


def bimatrix(row, column, id="g", title="g", rows=None, columns=None):
    """A two-player game from two matrices, strategies named r0.. and c0.. unless given."""
    m, n = len(row), len(row[0])
    return NormalFormGame.from_matrices(
        id=id,
        title=title,
        players=[
            Player(id="row", strategies=rows or [f"r{i}" for i in range(m)]),
            Player(id="column", strategies=columns or [f"c{j}" for j in range(n)]),
        ],
        row=row,
        column=column,
    )


def prisoners_dilemma():
    """Cooperate/defect with T=5 > R=3 > P=1 > S=0."""
    return bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], rows=["c", "d"], columns=["c", "d"])


def battle_of_the_sexes():
    """Payoffs (2,1) and (1,2) on the diagonal, 0 off it."""
    return bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])


def matching_pennies():
    """The zero-sum game with a unique, completely mixed equilibrium."""
    return bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])


def coordination_3x3():
    """Pure coordination on the identity: 2^3 - 1 = 7 equilibria, one per support."""
    identity = [[int(i == j) for j in range(3)] for i in range(3)]
    return bimatrix(identity, identity)


def rock_paper_scissors():
    """Unique equilibrium: each strategy with probability 1/3."""
    a = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    return bimatrix(a, [[-v for v in row] for row in a])


def von_stengel_degenerate():
    """Example 3.3 (Figure 3.5) of von Stengel (2007): a degenerate 3 x 2 game whose
    equilibria are a segment and an isolated point."""
    return bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])


def von_stengel_nondegenerate():
    """Example 3.2 of von Stengel (2007): three equilibria."""
    return bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])


def three_player_cycle():
    """x wants to match y, y to match z, z to mismatch x: no pure equilibrium, and the
    unique equilibrium has everyone mixing half and half."""
    players = [Player(id=p, strategies=["a", "b"]) for p in ("x", "y", "z")]
    outcomes = {
        s: {"x": int(s[0] == s[1]), "y": int(s[1] == s[2]), "z": int(s[2] != s[0])}
        for s in itertools.product("ab", repeat=3)
    }
    return NormalFormGame.from_outcomes(
        id="cycle", title="Cycle", players=players, outcomes=outcomes
    )


def entry_deterrence():
    """The chain-store stage game: stay out (0, 2); enter and be fought (-1, -1) or share (1, 1)."""
    return ExtensiveFormGame(
        id="entry",
        title="Entry deterrence",
        players=["entrant", "incumbent"],
        nodes=[
            Node(id="root", player="entrant", moves={"out": "stay_out", "in": "respond"}),
            Node(id="respond", player="incumbent", moves={"fight": "war", "share": "peace"}),
            Node(id="stay_out", payoffs={"entrant": 0, "incumbent": 2}),
            Node(id="war", payoffs={"entrant": -1, "incumbent": -1}),
            Node(id="peace", payoffs={"entrant": 1, "incumbent": 1}),
        ],
    )


def seltens_horse():
    """Selten (1975), Figure 1: player 3 cannot tell whether 1 played d, or c then 2 played d."""
    return ExtensiveFormGame(
        id="horse",
        title="Selten's horse",
        players=["one", "two", "three"],
        nodes=[
            Node(id="root", player="one", moves={"c": "two_moves", "d": "left"}),
            Node(id="two_moves", player="two", moves={"c": "end", "d": "right"}),
            Node(id="left", player="three", info="three_moves", moves={"l": "dl", "r": "dr"}),
            Node(id="right", player="three", info="three_moves", moves={"l": "cdl", "r": "cdr"}),
            Node(id="end", payoffs={"one": 1, "two": 1, "three": 1}),
            Node(id="dl", payoffs={"one": 3, "two": 3, "three": 2}),
            Node(id="dr", payoffs={"one": 0, "two": 0, "three": 0}),
            Node(id="cdl", payoffs={"one": 4, "two": 4, "three": 0}),
            Node(id="cdr", payoffs={"one": 0, "two": 0, "three": 1}),
        ],
    )


def gamble():
    """A chance move before a decision: the expectation decides the first move."""
    return ExtensiveFormGame(
        id="gamble",
        title="Gamble",
        players=["us", "mx"],
        nodes=[
            Node(id="root", player="us", moves={"safe": "safe_end", "risky": "shock"}),
            Node(
                id="shock",
                chance={"crisis": "1/3", "calm": "2/3"},
                moves={"crisis": "crisis_end", "calm": "mx_moves"},
            ),
            Node(id="mx_moves", player="mx", moves={"help": "helped", "ignore": "ignored"}),
            Node(id="safe_end", payoffs={"us": 1, "mx": 0}),
            Node(id="crisis_end", payoffs={"us": 0, "mx": 0}),
            Node(id="helped", payoffs={"us": 2, "mx": 1}),
            Node(id="ignored", payoffs={"us": 0, "mx": 1}),
        ],
    )
