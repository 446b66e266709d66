"""All Nash equilibria by support enumeration.

Two players (Algorithm 3.4 of von Stengel 2007, "Equilibrium computation for two-player games in
strategic and extensive form", in Nisan et al., *Algorithmic Game Theory*): for every pair of
supports ``I``, ``J`` of equal size ``k``, solve the indifference equations ``A[I, J] y = v 1``,
``sum(y) = 1`` and ``B[I, J]^T x = u 1``, ``sum(x) = 1``; keep the solutions that are
non-negative and against which no strategy outside the support does better. In a nondegenerate
game this finds every equilibrium. All pairs of one size are solved at once in numpy batches;
the survivors of that floating-point screen are re-solved in exact rationals and verified exactly.

More players: :mod:`~negotiate.strategic.polynomial_support_enumeration`.
"""

from __future__ import annotations

from fractions import Fraction

import attrs
import numpy as np

from negotiate.errors import GameTooLargeError
from negotiate.exact.linear import solve_exact
from negotiate.model.normal_form import NormalFormGame
from negotiate.strategic._bimatrix import (
    SCREEN,
    Bimatrix,
    batched_solve,
    bimatrix,
    exact_overlabelled,
    support_count,
    support_pairs,
    unique_profiles,
)
from negotiate.strategic.mixed import (
    Equilibrium,
    MixedProfile,
    make_equilibrium,
    payoff_arrays,
    verify_profile,
)

__all__ = [
    "MAX_SUPPORT_PAIRS",
    "SupportEnumeration",
    "support_enumeration",
]

MAX_SUPPORT_PAIRS = 12_000_000
"""The most support pairs two-player support enumeration takes on (13 x 13 has 10.4 million)."""


@attrs.frozen(kw_only=True)
class SupportEnumeration:
    """The equilibria support enumeration found.

    ``exact``: all are exact rationals, verified exactly; ``singular``: some support system had
    no unique solution; ``degenerate``: the game is degenerate (two players: some vertex of a
    best-response polytope has extra labels, confirmed exactly when the payoffs are exact; more
    players: some support admits a continuum of solutions). Equilibria may then be missed.
    """

    equilibria: tuple[Equilibrium, ...]
    exact: bool
    singular: bool
    degenerate: bool = False


def support_enumeration(game: NormalFormGame) -> SupportEnumeration:
    """Every equilibrium of a nondegenerate two-player game, by support enumeration.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game. Exact payoffs give exact, exactly verified equilibria.

    Returns
    -------
    SupportEnumeration
        The equilibria (pure first), and whether any support system was singular. In a
        degenerate game only equilibria with supports of equal size and a unique solution are
        found; use vertex enumeration for the extreme equilibria.

    Raises
    ------
    GameTooLargeError
        When there are more than :data:`MAX_SUPPORT_PAIRS` support pairs.

    Examples
    --------
    >>> from negotiate.model.normal_form import NormalFormGame, Player
    >>> sexes = NormalFormGame.from_matrices(
    ...     id="bos", title="Battle of the sexes",
    ...     players=[Player(id="ann", strategies=["opera", "football"]),
    ...              Player(id="bob", strategies=["opera", "football"])],
    ...     row=[[2, 0], [0, 1]], column=[[1, 0], [0, 2]])
    >>> found = support_enumeration(sexes)
    >>> len(found.equilibria), found.exact
    (3, True)
    >>> dict(found.equilibria[2].strategies["ann"])
    {'opera': Fraction(2, 3), 'football': Fraction(1, 3)}
    """
    bim = bimatrix(game)
    m, n = bim.shape
    pairs = support_count(m, n)
    if pairs > MAX_SUPPORT_PAIRS:
        raise GameTooLargeError(
            f"support enumeration of a {m} x {n} game would solve {pairs:,} support pairs "
            f"(the limit is {MAX_SUPPORT_PAIRS:,}); use method='lemke_howson' for some "
            "equilibria of large games"
        )
    profiles: list[MixedProfile] = []
    exact = True
    singular = False
    degenerate = False
    # Shifted to be positive (equilibria unchanged), so that each regular support system is also
    # a vertex of a best-response polytope: the same pass tests degeneracy.
    a_pos, b_pos = bim.a - bim.a.min() + 1, bim.b - bim.b.min() + 1
    for k in range(1, min(m, n) + 1):
        for rows_, columns_ in support_pairs(m, n, k):
            candidates = _screen(a_pos, b_pos, rows_, columns_)
            singular |= candidates.singular
            if not degenerate:
                degenerate = _confirm_degenerate(bim, candidates, rows_, columns_)
            for index in np.flatnonzero(candidates.ok):
                rows, columns = rows_[index], columns_[index]
                if bim.exact:
                    profile = _exact_solution(bim.A, bim.B, rows, columns)
                    if profile is not None and verify_profile(game, profile):
                        profiles.append(profile)
                    continue
                x = np.zeros(m)
                y = np.zeros(n)
                x[rows] = candidates.x[index]
                y[columns] = candidates.y[index]
                profile = (tuple(float(v) for v in x), tuple(float(v) for v in y))
                if verify_profile(game, profile):
                    profiles.append(profile)
                    exact = False
    exact = exact and bim.exact
    arrays = payoff_arrays(game)
    equilibria = tuple(make_equilibrium(game, p, arrays) for p in unique_profiles(profiles))
    return SupportEnumeration(
        equilibria=equilibria, exact=exact, singular=singular, degenerate=degenerate
    )


def _confirm_degenerate(
    bim: Bimatrix, candidates: _Screen, rows_: np.ndarray, columns_: np.ndarray
) -> bool:
    """Whether a vertex flagged as having extra labels really has them (exactly if exact)."""
    A = bim.A - bim.A.min() + 1
    B = bim.B - bim.B.min() + 1
    for index in np.flatnonzero(candidates.x_overlabelled):
        if not bim.exact or exact_overlabelled(B.T, columns_[index], rows_[index]):
            return True
    for index in np.flatnonzero(candidates.y_overlabelled):
        if not bim.exact or exact_overlabelled(A, rows_[index], columns_[index]):
            return True
    return False


@attrs.frozen
class _Screen:
    ok: np.ndarray
    x: np.ndarray
    y: np.ndarray
    x_overlabelled: np.ndarray
    y_overlabelled: np.ndarray
    singular: bool
    x_vertex: np.ndarray
    y_vertex: np.ndarray
    row_values: np.ndarray
    column_values: np.ndarray
    u: np.ndarray
    v: np.ndarray
    tol: float


def _screen(a: np.ndarray, b: np.ndarray, rows_: np.ndarray, columns_: np.ndarray) -> _Screen:
    """Float solutions of every pair's indifference systems, with tolerance: which pairs give an
    equilibrium, and which give a polytope vertex with extra labels (a sign of degeneracy).

    ``a`` and ``b`` are positive. With ``x`` solving ``B[I, J]^T x = u 1``, ``sum(x) = 1``, the
    point ``x / u`` is a vertex of ``P = {x >= 0 : B^T x <= 1}`` when ``x >= 0`` and no column
    earns more than ``u``; its labels are the unused rows and the columns earning ``u``.
    """
    count, k = rows_.shape
    scale = max(1.0, float(np.max(np.abs(a))), float(np.max(np.abs(b))))
    tol = SCREEN * scale

    def system(sub: np.ndarray) -> np.ndarray:
        matrix = np.empty((count, k + 1, k + 1))
        matrix[:, :k, :k] = sub
        matrix[:, :k, k] = -1.0
        matrix[:, k, :k] = 1.0
        matrix[:, k, k] = 0.0
        return matrix

    rhs = np.zeros((count, k + 1))
    rhs[:, k] = 1.0
    a_sub = a[rows_[:, :, None], columns_[:, None, :]]  # (P, k, k): A[I, J]
    b_sub = b[rows_[:, :, None], columns_[:, None, :]]
    y_solution, y_regular = batched_solve(system(a_sub), rhs)
    x_solution, x_regular = batched_solve(system(np.swapaxes(b_sub, 1, 2)), rhs)
    y, v = y_solution[:, :k], y_solution[:, k]
    x, u = x_solution[:, :k], x_solution[:, k]
    # what every row earns against y, every column against x
    row_values = np.einsum("mpk,pk->pm", a[:, columns_], y)
    column_values = np.einsum("pkn,pk->pn", b[rows_], x)
    y_vertex = y_regular & np.all(y >= -SCREEN, axis=1)
    y_vertex &= np.all(row_values <= v[:, None] + tol, axis=1)
    x_vertex = x_regular & np.all(x >= -SCREEN, axis=1)
    x_vertex &= np.all(column_values <= u[:, None] + tol, axis=1)
    y_labels = np.sum(np.abs(y) <= SCREEN, axis=1) + np.sum(row_values >= v[:, None] - tol, axis=1)
    x_labels = np.sum(np.abs(x) <= SCREEN, axis=1)
    x_labels += np.sum(column_values >= u[:, None] - tol, axis=1)
    return _Screen(
        ok=x_vertex & y_vertex,
        x=x,
        y=y,
        x_overlabelled=x_vertex & (x_labels > k),
        y_overlabelled=y_vertex & (y_labels > k),
        singular=bool(np.any(~(y_regular & x_regular))),
        x_vertex=x_vertex,
        y_vertex=y_vertex,
        row_values=row_values,
        column_values=column_values,
        u=u,
        v=v,
        tol=tol,
    )


def _exact_solution(
    A: np.ndarray, B: np.ndarray, rows: np.ndarray, columns: np.ndarray
) -> MixedProfile | None:
    """The exact solution of one support pair's indifference systems, or ``None``."""
    m, n = A.shape
    y_part = _indifferent(A, rows, columns)
    x_part = _indifferent(B.T, columns, rows)
    if y_part is None or x_part is None:
        return None
    x = [Fraction(0)] * m
    y = [Fraction(0)] * n
    for i, p in zip(rows, x_part, strict=True):
        x[int(i)] = p
    for j, q in zip(columns, y_part, strict=True):
        y[int(j)] = q
    return tuple(x), tuple(y)


def _indifferent(M: np.ndarray, rows: np.ndarray, columns: np.ndarray) -> tuple | None:
    """Probabilities on ``columns`` making the ``rows`` of ``M`` earn the same, summing to 1."""
    k = len(columns)
    equations = [[Fraction(int(M[i, j])) for j in columns] + [Fraction(-1)] for i in rows]
    equations.append([Fraction(1)] * k + [Fraction(0)])
    rhs = [Fraction(0)] * k + [Fraction(1)]
    solution = solve_exact(equations, rhs)
    if solution is None or any(p < 0 for p in solution[:k]):
        return None
    return solution[:k]
