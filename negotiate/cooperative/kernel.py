"""Kernel and prekernel membership of a payoff vector.

Definitions (Davis & Maschler 1965; Peleg & Sudhölter 2007, Chapter 5): the surplus of ``i``
over ``j`` at ``x`` is ``s_ij(x) = max { e(S, x) : i in S, j not in S }`` with
``e(S, x) = v(S) - x(S)``. A pre-imputation is in the prekernel iff ``s_ij = s_ji`` for all
``i != j``; an imputation is in the kernel iff ``(s_ij - s_ji)(x_j - v({j})) <= 0`` for all
``i != j``. The nucleolus lies in the kernel and the prenucleolus in the prekernel.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import numpy as np

from negotiate.cooperative._tu import excess_vector
from negotiate.exact.numbers import Number, absolute
from negotiate.model.coalition import CoalitionGame

__all__ = ["Surpluses", "is_kernel_point", "is_prekernel_point", "surpluses"]


@attrs.frozen(kw_only=True)
class Surpluses:
    """``matrix[i][j]`` is ``s_ij(x)`` (the diagonal is unused and 0)."""

    players: tuple[str, ...]
    point: tuple[Number, ...]
    matrix: tuple[tuple[Number, ...], ...]


def surpluses(game: CoalitionGame, x: Sequence[Number]) -> Surpluses:
    """The maximum surplus of every player over every other at ``x``.

    Examples
    --------
    >>> game = CoalitionGame(id="g", title="G", players=["a", "b"], worth=[0, 0, 0, 1])
    >>> [[str(s) for s in row] for row in surpluses(game, [1, 0]).matrix]
    [['0', '-1'], ['0', '0']]
    """
    n = game.n
    excess = excess_vector(game, x)
    masks = np.arange(1 << n)
    zero = excess[0] * 0
    matrix = []
    for i in range(n):
        row = []
        for j in range(n):
            if i == j:
                row.append(zero)
                continue
            admissible = ((masks >> i) & 1 == 1) & ((masks >> j) & 1 == 0)
            row.append(max(excess[admissible]))
        matrix.append(tuple(row))
    return Surpluses(players=game.players, point=tuple(x), matrix=tuple(matrix))


def _tolerance(game: CoalitionGame, x: Sequence[Number], tolerance: float) -> float:
    return 0 if game.is_exact and all(not isinstance(v, float) for v in x) else tolerance


def is_prekernel_point(game: CoalitionGame, x: Sequence[Number], tolerance: float = 1e-9) -> bool:
    """Whether the pre-imputation ``x`` is in the prekernel (``s_ij = s_ji`` for all pairs).

    Examples
    --------
    >>> majority = CoalitionGame(id="m", title="Majority", players=["a", "b", "c"],
    ...                          worth=[0, 0, 0, 1, 0, 1, 1, 1])
    >>> from fractions import Fraction as F
    >>> is_prekernel_point(majority, [F(1, 3)] * 3), is_prekernel_point(majority, [1, 0, 0])
    (True, False)
    """
    tol = _tolerance(game, x, tolerance)
    if absolute(sum(x) - game.worth[game.grand_coalition]) > tol:
        return False
    s = surpluses(game, x).matrix
    n = game.n
    return all(absolute(s[i][j] - s[j][i]) <= tol for i in range(n) for j in range(i + 1, n))


def is_kernel_point(game: CoalitionGame, x: Sequence[Number], tolerance: float = 1e-9) -> bool:
    """Whether the imputation ``x`` is in the kernel: ``(s_ij - s_ji)(x_j - v({j})) <= 0``.

    Examples
    --------
    >>> game = CoalitionGame.from_values(
    ...     id="glove", title="Glove", players=["left", "right_1", "right_2"],
    ...     values={"left+right_1": 1, "left+right_2": 1, "left+right_1+right_2": 1},
    ...     default_value=0)
    >>> is_kernel_point(game, [1, 0, 0]), is_kernel_point(game, [0, 1, 0])
    (True, False)
    """
    tol = _tolerance(game, x, tolerance)
    n = game.n
    if absolute(sum(x) - game.worth[game.grand_coalition]) > tol:
        return False
    if any(x[k] < game.worth[1 << k] - tol for k in range(n)):
        return False
    s = surpluses(game, x).matrix
    for i in range(n):
        for j in range(n):
            if i == j:
                continue
            gap = s[i][j] - s[j][i]
            above = x[j] - game.worth[1 << j]
            if gap > tol and above > tol:
                return False
    return True
