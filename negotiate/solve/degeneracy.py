"""Whether a two-player game is degenerate.

A bimatrix game is nondegenerate when no mixed strategy with ``k`` strategies in its support has
more than ``k`` pure best responses (Definition 3.2 of von Stengel 2007). Equivalently, no
vertex of the best-response polytopes ``P = {x >= 0 : B^T x <= 1}`` and
``Q = {y >= 0 : A y <= 1}`` (payoffs made positive) lies on more facets than its dimension: a
point with too many labels always has a vertex with them. Every vertex is the solution of a
regular square system ``B[I, J]^T x_I = 1`` for some supports ``I``, ``J`` of equal size, so the
test solves all those systems in numpy batches, screens the vertices with extra tight
constraints in floating point, and confirms each one exactly when the payoffs are exact.

In a nondegenerate game the equilibria are isolated and odd in number; in a degenerate one they
may form connected components (Example 3.3 of von Stengel 2007).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from negotiate.errors import GameTooLargeError
from negotiate.model.normal_form import NormalFormGame
from negotiate.solve._bimatrix import (
    SCREEN,
    batched_solve,
    bimatrix,
    support_count,
    support_pairs,
)
from negotiate.solve._linear import solve_exact
from negotiate.solve.support_enumeration import MAX_SUPPORT_PAIRS

__all__ = ["is_degenerate"]


def is_degenerate(game: NormalFormGame) -> bool:
    """Whether a two-player game is degenerate (exactly, when its payoffs are exact).

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.

    Returns
    -------
    bool
        True when some mixed strategy has more pure best responses than the size of its support.

    Raises
    ------
    GameTooLargeError
        When the game has more than ``MAX_SUPPORT_PAIRS`` pairs of supports.

    Examples
    --------
    >>> from negotiate.model.normal_form import NormalFormGame, Player
    >>> def game(row, column):
    ...     return NormalFormGame.from_matrices(
    ...         id="g", title="g", row=row, column=column,
    ...         players=[Player(id="r", strategies=["t", "b"]),
    ...                  Player(id="c", strategies=["l", "r"])])
    >>> is_degenerate(game([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    False
    >>> is_degenerate(game([[1, 1], [0, 2]], [[1, 1], [0, 2]]))  # "t" has two best responses
    True
    """
    bim = bimatrix(game)
    m, n = bim.shape
    pairs = support_count(m, n)
    if pairs > MAX_SUPPORT_PAIRS:
        raise GameTooLargeError(
            f"checking a {m} x {n} game for degeneracy would solve {pairs:,} systems "
            f"(the limit is {MAX_SUPPORT_PAIRS:,})"
        )
    # P's vertices come from B^T, Q's from A: each polytope {z >= 0 : M z <= 1} with M > 0
    return _has_overlabelled_vertex(bim.B.T, bim.b.T, bim.exact) or _has_overlabelled_vertex(
        bim.A, bim.a, bim.exact
    )


def _positive(M: np.ndarray, exact: bool) -> np.ndarray:
    shift = 1 - M.min()
    return M + shift


def _has_overlabelled_vertex(M: np.ndarray, m_float: np.ndarray, exact: bool) -> bool:
    """Whether ``{z >= 0 : M z <= 1}`` (``M`` made positive) has a vertex with extra labels.

    ``M`` has one row per constraint and one column per coordinate of ``z``.
    """
    M = _positive(M, exact)
    m_float = M.astype(float)
    constraints, dimension = m_float.shape
    tol = SCREEN
    for k in range(1, min(constraints, dimension) + 1):
        for columns_, rows_ in support_pairs(constraints, dimension, k):
            # constraints J of M tight, coordinates I free: M[J, I] z_I = 1
            sub = m_float[columns_[:, :, None], rows_[:, None, :]]
            z, regular = batched_solve(sub, np.ones((len(rows_), k)))
            feasible = regular & np.all(z >= -tol, axis=1)
            values = np.einsum("pck,pk->pc", m_float[:, rows_].transpose(1, 0, 2), z)
            feasible &= np.all(values <= 1 + tol, axis=1)
            extra = np.sum(np.abs(z) <= tol, axis=1) + np.sum(values >= 1 - tol, axis=1) - k
            for index in np.flatnonzero(feasible & (extra > 0)):
                if not exact or _exact_overlabelled(M, columns_[index], rows_[index]):
                    return True
    return False


def _exact_overlabelled(M: np.ndarray, tight: np.ndarray, free: np.ndarray) -> bool:
    """Exact check of one vertex: feasible and with more labels than its dimension."""
    k = len(free)
    rows = [[Fraction(int(M[j, i])) for i in free] for j in tight]
    solution = solve_exact(rows, [Fraction(1)] * k)
    if solution is None or any(v < 0 for v in solution):
        return False
    values = [
        sum(int(M[c, i]) * v for i, v in zip(free, solution, strict=True)) for c in range(len(M))
    ]
    if any(v > 1 for v in values):
        return False
    labels = sum(1 for v in solution if v == 0) + sum(1 for v in values if v == 1)
    return labels > k
