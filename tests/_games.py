"""Games shared by the TU and voting tests (built in Python; no file loading)."""

from __future__ import annotations

import itertools
from fractions import Fraction

from hypothesis import strategies as st

from negotiate.model.coalition import CoalitionGame


def tu(worth, players=None) -> CoalitionGame:
    """A coalition game from a worth list indexed by bitmask."""
    n = (len(worth) - 1).bit_length()
    players = players or [f"p{k}" for k in range(n)]
    return CoalitionGame(id="t", title="T", players=players, worth=worth)


def talmud(estate: int, claims=(100, 200, 300)) -> CoalitionGame:
    """The bankruptcy game: v(S) = max(0, E - claims outside S)."""
    n = len(claims)
    worth = [
        max(0, estate - sum(c for k, c in enumerate(claims) if not m >> k & 1))
        for m in range(1 << n)
    ]
    return tu(worth, ["a", "b", "c"][:n])


def glove() -> CoalitionGame:
    """One left glove, two right gloves; a pair is worth 1."""
    return CoalitionGame.from_values(
        id="glove",
        title="Glove",
        players=["left", "right_1", "right_2"],
        values={"left+right_1": 1, "left+right_2": 1, "left+right_1+right_2": 1},
        default_value=0,
    )


@st.composite
def games(draw, min_players=2, max_players=4, low=-5, high=20, imputations=True):
    """Random exact TU games; with ``imputations``, v(N) >= sum of v({i})."""
    n = draw(st.integers(min_players, max_players))
    worth = [0] + [draw(st.integers(low, high)) for _ in range((1 << n) - 1)]
    if imputations:
        singles = sum(worth[1 << k] for k in range(n))
        worth[-1] = max(worth[-1], singles + draw(st.integers(0, 5)))
    return tu([Fraction(w) for w in worth])


def brute_shapley(game: CoalitionGame) -> list[Fraction]:
    """The Shapley value by averaging over every order of arrival."""
    n = game.n
    totals = [Fraction(0)] * n
    orders = list(itertools.permutations(range(n)))
    for order in orders:
        mask = 0
        for k in order:
            totals[k] += game.worth[mask | 1 << k] - game.worth[mask]
            mask |= 1 << k
    return [t / len(orders) for t in totals]


def brute_nucleolus(game: CoalitionGame, imputations: bool = True) -> list[Fraction]:
    """The nucleolus of a three-player game by exact lexicographic search.

    Candidates: the points of the efficient plane where two independent equations hold, each
    ``e(S) = e(T)`` or ``x_i = v({i})``; the nucleolus is determined by two such equations.
    """
    n = game.n
    assert n == 3
    proper = list(range(1, 7))
    lines = []  # (coefficients on x, right-hand side): c . x = d
    for s, t in itertools.combinations(proper, 2):
        # v(S) - x(S) = v(T) - x(T)  <=>  x(S) - x(T) = v(S) - v(T)
        coef = [(s >> k & 1) - (t >> k & 1) for k in range(n)]
        lines.append((coef, game.worth[s] - game.worth[t]))
    if imputations:
        for k in range(n):
            lines.append(([1 if q == k else 0 for q in range(n)], game.worth[1 << k]))
    grand = game.worth[7]
    best = None
    for (c1, d1), (c2, d2) in itertools.combinations(lines, 2):
        rows = [c1, c2, [1, 1, 1]]
        rhs = [d1, d2, grand]
        det = _det(rows)
        if det == 0:
            continue
        x = [
            Fraction(_det([[*r[:col], b, *r[col + 1 :]] for r, b in zip(rows, rhs, strict=False)]))
            / det
            for col in range(3)
        ]
        if imputations and any(x[k] < game.worth[1 << k] for k in range(n)):
            continue
        key = sorted(
            (game.worth[m] - sum(x[k] for k in range(n) if m >> k & 1) for m in proper),
            reverse=True,
        )
        if best is None or key < best[0]:
            best = (key, x)
    return best[1]


def _det(m):
    return (
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    )
