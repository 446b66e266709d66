"""The sequential LPs of the (pre)nucleolus in exact arithmetic, for games of a few players.

The same stages as :mod:`negotiate.cooperative.nucleolus` (Maschler, Peleg & Shapley 1979),
solved by the exact simplex of :mod:`negotiate.exact.lp` over Fractions: stage ``k`` minimises
``ε`` subject to ``e(S, x) <= ε`` for the free coalitions and ``e(S, x) = ε_j`` for those fixed
at stage ``j``. With no dual prices to read, a free coalition is fixed at ``ε_k`` when its excess
is ``ε_k`` at every optimum: the largest slack it can have with ``ε = ε_k`` is 0 (one small LP
each); for the nucleolus, a player's bound ``x_i >= v({i})`` is fixed the same way. A game of
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
from negotiate.exact.lp import solve_lp
from negotiate.model.coalition import CoalitionGame

__all__ = ["EXACT_PLAYERS", "balanced_exactly", "exact_stages"]

EXACT_PLAYERS = 4
"""Games of at most this many players (exact worths) are solved by these exact stages."""


class _Stages:
    """The variables ``[y or (p, q), e+, e-, slacks of the free coalitions]`` of one stage.

    The payoffs are ``x_i = v({i}) + y_i`` (imputations) or ``x_i = p_i - q_i``; ``ε = e+ - e-``.
    """

    def __init__(self, game: CoalitionGame, imputations: bool) -> None:
        self.game, self.n, self.imputations = game, game.n, imputations
        self.singles = [Fraction(game.worth[1 << k]) for k in range(game.n)]
        self.width = self.n if imputations else 2 * self.n

    def payoff_row(self, mask: int) -> tuple[list[Fraction], Fraction]:
        """The coefficients of ``x(S)`` on the payoff variables, and its constant part."""
        row = [Fraction(0)] * self.width
        constant = Fraction(0)
        for k in range(self.n):
            if mask >> k & 1:
                row[k] = Fraction(1)
                if self.imputations:
                    constant += self.singles[k]
                else:
                    row[self.n + k] = Fraction(-1)
        return row, constant

    def program(
        self, free: list[int], fixed: dict[int, Fraction], bounded: set[int], level: Any = None
    ) -> tuple[list[list[Fraction]], list[Fraction]]:
        """The rows ``A x = b`` of a stage (``level``: ``ε`` pinned to it)."""
        size = self.width + 2 + len(free)
        rows: list[list[Fraction]] = []
        rhs: list[Fraction] = []

        def add(payoff: list[Fraction], tail: dict[int, int], value: Fraction) -> None:
            row = payoff + [Fraction(0)] * (size - self.width)
            for column, coefficient in tail.items():
                row[column] = Fraction(coefficient)
            rows.append(row)
            rhs.append(value)

        worth = self.game.worth
        row, constant = self.payoff_row(self.game.grand_coalition)
        add(row, {}, Fraction(worth[self.game.grand_coalition]) - constant)
        for mask, epsilon in fixed.items():  # x(S) = v(S) - eps_j
            row, constant = self.payoff_row(mask)
            add(row, {}, Fraction(worth[mask]) - epsilon - constant)
        for k in bounded:  # y_k = 0
            row = [Fraction(0)] * self.width
            row[k] = Fraction(1)
            add(row, {}, Fraction(0))
        e_plus, e_minus = self.width, self.width + 1
        for j, mask in enumerate(free):  # x(S) + eps - s_S = v(S)
            row, constant = self.payoff_row(mask)
            add(
                row,
                {e_plus: 1, e_minus: -1, self.width + 2 + j: -1},
                Fraction(worth[mask]) - constant,
            )
        if level is not None:
            add([Fraction(0)] * self.width, {e_plus: 1, e_minus: -1}, Fraction(level))
        return rows, rhs

    def payoffs(self, solution: list[Fraction]) -> list[Fraction]:
        if self.imputations:
            return [self.singles[k] + solution[k] for k in range(self.n)]
        return [solution[k] - solution[self.n + k] for k in range(self.n)]


def exact_stages(
    game: CoalitionGame, imputations: bool
) -> tuple[list[Fraction], list[Fraction], list[tuple[int, int]]]:
    """The (pre)nucleolus, its levels ``ε_1 > ε_2 > ...`` and the coalitions fixed ``(mask,
    stage)``; raises ``ValueError`` if a stage LP is unbounded or infeasible (the caller then
    uses the numeric stages)."""
    stages = _Stages(game, imputations)
    n = game.n
    free = list(range(1, (1 << n) - 1))
    fixed: dict[int, Fraction] = {}
    order: list[tuple[int, int]] = []
    bounded: list[int] = []
    levels: list[Fraction] = []
    spanning = [[1] * n]
    while len(independent_rows(np.array(spanning, dtype=np.float64))) < n:
        rows, rhs = stages.program(free, fixed, set(bounded))
        size = len(rows[0])
        cost = [Fraction(0)] * size
        cost[stages.width], cost[stages.width + 1] = Fraction(-1), Fraction(1)  # max -eps
        solution = solve_lp(rows, rhs, cost, exact=True)
        if solution is None:
            raise ValueError("a stage of the exact nucleolus is infeasible")
        level = solution[stages.width] - solution[stages.width + 1]
        tight, loose = _pinned(stages, solution, free, fixed, bounded, level)
        if not tight and not loose:
            raise ValueError("a stage of the exact nucleolus fixed nothing")
        stage = len(levels)
        levels.append(level)
        for mask in tight:
            fixed[mask] = level
            order.append((mask, stage))
            spanning.append([mask >> k & 1 for k in range(n)])
        for k in loose:
            bounded.append(k)
            spanning.append([int(i == k) for i in range(n)])
        free = _undetermined(spanning, [mask for mask in free if mask not in fixed], n)
    rows, rhs = stages.program([], fixed, set(bounded))
    solution = solve_lp(rows, rhs, [Fraction(0)] * len(rows[0]), exact=True)
    if solution is None:
        raise ValueError("the exact nucleolus's fixed system is infeasible")
    return stages.payoffs(solution), levels, order


def _pinned(
    stages: _Stages,
    solution: list[Fraction],
    free: list[int],
    fixed: dict[int, Fraction],
    bounded: list[int],
    level: Fraction,
) -> tuple[list[int], list[int]]:
    """The free coalitions whose excess is ``level`` at every optimum of the stage, and the
    players whose bound holds with equality at every optimum (largest slack 0 with ``ε`` at
    ``level``)."""
    pinned, rhs = stages.program(free, fixed, set(bounded), level)
    slack = stages.width + 2
    tight = [
        mask
        for j, mask in enumerate(free)
        if solution[slack + j] == 0 and _largest(pinned, rhs, slack + j) == 0
    ]
    loose = [
        k
        for k in range(stages.n)
        if stages.imputations
        and k not in bounded
        and solution[k] == 0
        and _largest(pinned, rhs, k) == 0
    ]
    return tight, loose


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


def _largest(rows: list[list[Fraction]], rhs: list[Fraction], column: int) -> Fraction:
    """The largest value of variable ``column`` subject to ``rows x = rhs, x >= 0``."""
    cost = [Fraction(0)] * len(rows[0])
    cost[column] = Fraction(1)
    solution = solve_lp(rows, rhs, cost, exact=True)
    if solution is None:
        raise ValueError("a pinned stage of the exact nucleolus is infeasible")
    return Fraction(solution[column])


def balanced_exactly(collection: np.ndarray, optional: np.ndarray) -> bool:
    """Whether the rows of ``collection`` (positive weights) and ``optional`` (non-negative
    weights) are balanced: the exact simplex finds the largest ``t <= 1`` with every
    ``collection`` weight at least ``t`` and the weighted rows summing to the all-ones vector.

    >>> balanced_exactly(np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1]]), np.zeros((0, 3)))
    True
    """
    k, m = len(collection), len(optional)
    n = collection.shape[1]
    columns = [list(map(int, r)) for r in collection] + [list(map(int, r)) for r in optional]
    size = (k + m) + 1 + k + 1  # weights, t, surpluses w_S - t, t's slack to 1
    rows: list[list[Fraction]] = []
    rhs: list[Fraction] = []
    for i in range(n):
        row = [Fraction(c[i]) for c in columns] + [Fraction(0)] * (size - k - m)
        rows.append(row)
        rhs.append(Fraction(1))
    t = k + m
    for j in range(k):  # w_S - t - r_S = 0
        row = [Fraction(0)] * size
        row[j], row[t], row[t + 1 + j] = Fraction(1), Fraction(-1), Fraction(-1)
        rows.append(row)
        rhs.append(Fraction(0))
    row = [Fraction(0)] * size
    row[t], row[size - 1] = Fraction(1), Fraction(1)  # t + u = 1
    rows.append(row)
    rhs.append(Fraction(1))
    cost = [Fraction(0)] * size
    cost[t] = Fraction(1)
    solution = solve_lp(rows, rhs, cost, exact=True)
    return solution is not None and solution[t] > 0
