"""The sequential LPs of the (pre)nucleolus in exact arithmetic, for games of a few players.

The same stages as :mod:`negotiate.cooperative.nucleolus` (Maschler, Peleg & Shapley 1979),
solved by the exact simplex of :mod:`negotiate.exact.lp` over Fractions: stage ``k`` minimises
``ε`` subject to ``e(S, x) <= ε`` for the free coalitions and ``e(S, x) = ε_j`` for those fixed
at stage ``j``. With no dual prices to read, a free coalition is fixed at ``ε_k`` when its excess
is ``ε_k`` at every optimum: with ``ε = ε_k``, its ``x(S)`` cannot rise (found for all of them
at once by maximising their sum, :func:`_pinned`); for the nucleolus, a player's bound
``x_i >= v({i})`` is fixed the same way. A game of
``n <= 4`` players has at most 14 proper coalitions, so these LPs are tiny; they need neither
floats nor scipy (whose import is a quarter of a second of ``negotiate solve``).

>>> from negotiate.model.coalition import CoalitionGame
>>> game = CoalitionGame(id="t", title="T", players=["a", "b", "c"],
...                      worth=[0, 0, 0, 0, 0, 0, 0, 200])
>>> x, levels, fixed = exact_stages(game, imputations=True)
>>> [str(v) for v in x], [str(e) for e in levels]
(['200/3', '200/3', '200/3'], ['-200/3'])
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from negotiate.cooperative._tu import independent_rows
from negotiate.exact.lp import linprog_exact
from negotiate.model.coalition import CoalitionGame

__all__ = ["EXACT_PLAYERS", "balanced_exactly", "exact_stages"]

EXACT_PLAYERS = 4
"""Games of at most this many players (exact worths) are solved by these exact stages."""


class _Stage:
    """The program of one stage over ``[x_1, ..., x_n, ε]`` (:func:`linprog_exact`'s form):
    ``e(S, x) <= ε`` for the free coalitions, ``e(S, x) = ε_j`` for the fixed ones,
    ``x(N) = v(N)``, and ``x_i >= v({i})`` (imputations) or ``x_i = v({i})`` (a bound fixed)."""

    def __init__(
        self,
        game: CoalitionGame,
        imputations: bool,
        free: list[int],
        fixed: dict[int, Fraction],
        bounded: list[int],
    ) -> None:
        n = game.n
        self.n = n
        self.free = free
        self.a_ub = [[-(mask >> k & 1) for k in range(n)] + [-1] for mask in free]
        self.b_ub = [-Fraction(game.worth[mask]) for mask in free]
        self.a_eq = [[1] * n + [0]] + [[mask >> k & 1 for k in range(n)] + [0] for mask in fixed]
        self.b_eq = [Fraction(game.worth[game.grand_coalition])]
        self.b_eq += [Fraction(game.worth[mask]) - level for mask, level in fixed.items()]
        low = [Fraction(game.worth[1 << k]) if imputations else None for k in range(n)]
        self.bounds: list[tuple[Any, Any]] = [
            (low[k], low[k] if k in bounded else None) for k in range(n)
        ] + [(None, None)]

    def solve(self, cost: list[int], level: Fraction | None = None) -> list[Fraction]:
        """A minimiser of ``cost`` (``level``: with ``ε`` pinned to it)."""
        bounds = self.bounds if level is None else [*self.bounds[:-1], (level, level)]
        solution = linprog_exact(cost, self.a_ub, self.b_ub, self.a_eq, self.b_eq, bounds)
        if solution is None:
            raise ValueError("a stage of the exact nucleolus is infeasible")
        return solution


def exact_stages(
    game: CoalitionGame, imputations: bool
) -> tuple[list[Fraction], list[Fraction], list[tuple[int, int]]]:
    """The (pre)nucleolus, its levels ``ε_1 > ε_2 > ...`` and the coalitions fixed ``(mask,
    stage)``; raises ``ValueError`` if a stage LP is unbounded or infeasible (the caller then
    uses the numeric stages)."""
    n = game.n
    free = list(range(1, (1 << n) - 1))
    fixed: dict[int, Fraction] = {}
    order: list[tuple[int, int]] = []
    bounded: list[int] = []
    levels: list[Fraction] = []
    spanning = [[1] * n]
    while len(independent_rows(np.array(spanning, dtype=np.float64))) < n:
        stage = _Stage(game, imputations, free, fixed, bounded)
        solution = stage.solve([0] * n + [1])  # minimise ε
        level = solution[n]
        tight, loose = _pinned(game, stage, solution, level, imputations, bounded)
        if not tight and not loose:
            raise ValueError("a stage of the exact nucleolus fixed nothing")
        for mask in tight:
            fixed[mask] = level
            order.append((mask, len(levels)))
            spanning.append([mask >> k & 1 for k in range(n)])
        for k in loose:
            bounded.append(k)
            spanning.append([int(i == k) for i in range(n)])
        levels.append(level)
        free = _undetermined(spanning, [mask for mask in free if mask not in fixed], n)
    x = _Stage(game, imputations, [], fixed, bounded).solve([0] * (n + 1))
    return x[:n], levels, order


def _pinned(
    game: CoalitionGame,
    stage: _Stage,
    solution: list[Fraction],
    level: Fraction,
    imputations: bool,
    bounded: list[int],
) -> tuple[list[int], list[int]]:
    """The free coalitions whose excess is ``level`` at every optimum of the stage, and the
    players held at their bound at every optimum.

    Each candidate (tight at ``solution``) has ``weights·x >= low`` on the stage's optima, with
    equality at ``solution``. Maximising the sum of the candidates' ``weights·x`` there finds a
    point where those that can rise have risen; they are dropped, and the rest maximised again.
    When no candidate can rise, the sum is at the sum of the lower bounds, so each candidate is
    at its bound at every optimum (one or two small LPs a stage, not one per candidate)."""
    candidates = _candidates(game, stage, solution, level, imputations, bounded)
    while candidates:
        objective = [-sum(weights[k] for weights, _, _ in candidates) for k in range(game.n)]
        x = stage.solve([*objective, 0], level)
        rising = [c for c in candidates if _dot(c[0], x) > c[1]]
        if not rising:
            break
        candidates = [c for c in candidates if c not in rising]
    tight = [key for _, _, key in candidates if key >= 0]
    loose = [-1 - key for _, _, key in candidates if key < 0]
    return tight, loose


def _candidates(
    game: CoalitionGame,
    stage: _Stage,
    solution: list[Fraction],
    level: Fraction,
    imputations: bool,
    bounded: list[int],
) -> list[tuple[list[int], Fraction, int]]:
    """``(weights, low, key)`` of the free coalitions at ``level`` in ``solution`` (key: the
    coalition's mask) and of the players at their unfixed bound there (key: ``-1 - player``)."""
    n = game.n
    found = []
    for mask in stage.free:
        weights = [mask >> k & 1 for k in range(n)]
        if game.worth[mask] - _dot(weights, solution) == level:
            found.append((weights, Fraction(game.worth[mask]) - level, mask))
    if imputations:
        found += [
            ([int(i == k) for i in range(n)], Fraction(game.worth[1 << k]), -1 - k)
            for k in range(n)
            if k not in bounded and solution[k] == game.worth[1 << k]
        ]
    return found


def _dot(row: list[int], x: list[Fraction]) -> Fraction:
    return sum((x[k] for k, a in enumerate(row) if a), Fraction(0))


def _undetermined(spanning: list[list[int]], free: list[int], n: int) -> list[int]:
    """The coalitions of ``free`` whose indicator vector is outside the span of ``spanning``
    (the others' excesses are determined)."""
    basis = np.array(spanning, dtype=np.float64)
    rank = len(independent_rows(basis))
    return [
        mask
        for mask in free
        if len(independent_rows(np.vstack([basis, [mask >> k & 1 for k in range(n)]]))) > rank
    ]


def balanced_exactly(collection: np.ndarray, optional: np.ndarray) -> bool:
    """Whether the rows of ``collection`` (positive weights) and ``optional`` (non-negative
    weights) are balanced: the largest ``t <= 1`` with every ``collection`` weight at least
    ``t`` and the weighted rows summing to the all-ones vector is positive, exactly.

    >>> balanced_exactly(np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1]]), np.zeros((0, 3)))
    True
    >>> balanced_exactly(np.array([[1, 1, 0], [0, 1, 1]]), np.zeros((0, 3)))
    False
    """
    k, m = len(collection), len(optional)
    rows = [list(map(int, r)) for r in collection] + [list(map(int, r)) for r in optional]
    n = collection.shape[1]
    a_eq = [[row[i] for row in rows] + [0] for i in range(n)]  # sum_S w_S 1_S = 1
    a_ub = [[-int(j == s) for j in range(k + m)] + [1] for s in range(k)]  # t <= w_S
    bounds: list[tuple[Any, Any]] = [(0, None)] * (k + m) + [(None, 1)]
    solution = linprog_exact([0] * (k + m) + [-1], a_ub, [0] * k, a_eq, [1] * n, bounds)
    return solution is not None and solution[-1] > 0
