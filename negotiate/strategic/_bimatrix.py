"""Shared machinery of the two-player algorithms: the payoff matrices, batched square systems over
support pairs, and the exact recovery of an equilibrium that floating point found."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from fractions import Fraction

import attrs
import numpy as np

from negotiate.errors import UnsupportedGameError
from negotiate.exact.linear import integer_scaled, solve_exact
from negotiate.exact.numbers import absolute
from negotiate.model.normal_form import NormalFormGame
from negotiate.strategic.mixed import MixedProfile, verify_profile

BLOCK = 20_000
"""Support pairs solved per numpy batch (bounds memory)."""

SCREEN = 1e-7
"""Relative tolerance of the floating-point screen; exact checks decide afterwards."""


@attrs.frozen
class Bimatrix:
    """A two-player game's matrices: ``A`` (row player) and ``B`` (column player).

    For an exact game ``A`` and ``B`` are object arrays of Python integers, each scaled by a
    positive constant (which changes no best response), and ``exact`` is true; ``a`` and ``b``
    are float copies (divided by a power of two when the integers are long). ``game`` keeps the
    original payoffs, used for verification.
    """

    game: NormalFormGame
    A: np.ndarray
    B: np.ndarray
    a: np.ndarray
    b: np.ndarray
    exact: bool

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, columns)."""
        rows, columns = self.a.shape
        return rows, columns


def bimatrix(game: NormalFormGame) -> Bimatrix:
    """The matrices of a two-player game (``UnsupportedGameError`` for other player counts)."""
    if len(game.players) != 2:
        raise UnsupportedGameError(
            f"this method is for two-player games (this game has {len(game.players)} players); "
            "use method='pure' or method='support' for other player counts"
        )
    exact = game.is_exact
    first, second = (game.payoff_array(p) for p in game.player_ids)
    if exact:
        A, B = integer_scaled(first), integer_scaled(second)
        return Bimatrix(game, A, B, float_copy(A), float_copy(B), True)
    return Bimatrix(game, first, second, first, second, False)


def float_copy(matrix: np.ndarray) -> np.ndarray:
    """Floats proportional to an object array of Python integers: divided by a power of two
    when the integers are long (over 2^64), so that the largest is below 1 in magnitude, each
    correctly rounded. A positive factor changes no best response, and the float screens of the
    solvers then neither overflow (a 4x4 determinant of 1e100s does) nor compare tolerances
    with numbers of 100 digits.

    >>> float_copy(np.array([[3 * 2**1100, 2**1099]], dtype=object)).tolist()
    [[0.75, 0.125]]
    """
    bits = max((abs(int(v)).bit_length() for v in matrix.flat), default=0)
    if bits <= 64:
        return matrix.astype(float)
    divisor = 1 << bits
    return np.array([int(v) / divisor for v in matrix.flat], dtype=float).reshape(matrix.shape)


def positive(matrix: np.ndarray) -> np.ndarray:
    """A float copy of ``matrix`` mapped affinely into ``[1, 2]`` (best responses unchanged).

    nashpy's tableaux pivot without normalising, so large payoffs overflow after a few pivots;
    a small positive range avoids that and makes the best-response polytopes bounded.
    """
    low, high = float(matrix.min()), float(matrix.max())
    return (matrix - low) / (high - low if high > low else 1.0) + 1.0


def support_count(m: int, n: int) -> int:
    """The number of pairs of equal-size supports of an ``m`` x ``n`` game."""
    return sum(math.comb(m, k) * math.comb(n, k) for k in range(1, min(m, n) + 1))


def support_pairs(m: int, n: int, k: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """All pairs (I, J) of size-``k`` supports, in blocks: two int arrays of shape (P, k)."""
    rows = np.array(list(itertools.combinations(range(m), k)), dtype=np.intp)
    columns = np.array(list(itertools.combinations(range(n), k)), dtype=np.intp)
    per_block = max(1, BLOCK // len(columns))
    for start in range(0, len(rows), per_block):
        chunk = rows[start : start + per_block]
        rows_ = np.repeat(chunk, len(columns), axis=0)
        columns_ = np.tile(columns, (len(chunk), 1))
        yield rows_, columns_


def batched_solve(matrices: np.ndarray, rhs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Solve a stack of square systems; singular (or nearly so) ones are flagged, not raised.

    Returns the solutions (P, d) and a boolean mask of the systems that are regular. A system is
    taken as singular when its determinant is below ``1e-10`` times Hadamard's bound.
    """
    determinants = np.linalg.det(matrices)
    bound = np.prod(np.linalg.norm(matrices, axis=2), axis=1)
    regular = np.abs(determinants) > 1e-10 * np.maximum(bound, 1e-300)
    safe = matrices.copy()
    safe[~regular] = np.eye(matrices.shape[1])
    solutions = np.linalg.solve(safe, rhs[..., None])[..., 0]
    return solutions, regular


def exact_profile(
    bim: Bimatrix, x: np.ndarray, y: np.ndarray, tol: float = 1e-7
) -> tuple[MixedProfile, bool]:
    """An exact equilibrium near the float one ``(x, y)``, and whether it is exact and verified.

    The supports and best responses of ``(x, y)`` are read with tolerance ``tol``; each strategy
    is then re-solved exactly from them (zero outside the support, indifference over the best
    responses, probabilities summing to one). If that system has no unique solution, each
    probability is replaced by the simplest nearby fraction. The result is verified exactly; if
    it fails, the float profile is returned with ``False``.
    """
    floats = (tuple(float(v) for v in x), tuple(float(v) for v in y))
    if not bim.exact:
        return floats, False
    y_exact = _re_solve(bim.A, bim.a, x=np.asarray(x, float), y=np.asarray(y, float), tol=tol)
    x_exact = _re_solve(bim.B.T, bim.b.T, x=np.asarray(y, float), y=np.asarray(x, float), tol=tol)
    if x_exact is not None and y_exact is not None:
        profile = (x_exact, y_exact)
        if verify_profile(bim.game, profile):
            return profile, True
    return floats, False


def _re_solve(
    M: np.ndarray, m: np.ndarray, x: np.ndarray, y: np.ndarray, tol: float
) -> tuple[Fraction, ...] | None:
    """Exact ``y`` making the rows that are best against float ``y`` indifferent (payoffs ``M``).

    Unknowns are only the probabilities on ``y``'s support and the common payoff, so the exact
    system stays small even in large games.
    """
    rows_count, columns_count = m.shape
    values = m @ y
    scale = max(1.0, float(np.max(np.abs(m))))
    best_rows = [i for i in range(rows_count) if values[i] >= values.max() - tol * scale]
    support = [j for j in range(columns_count) if y[j] > tol]
    equations: list[list[Fraction]] = []
    rhs: list[Fraction] = []
    for i in best_rows:  # (M y)_i - v = 0
        equations.append([Fraction(int(M[i, j])) for j in support] + [Fraction(-1)])
        rhs.append(Fraction(0))
    equations.append([Fraction(1)] * len(support) + [Fraction(0)])
    rhs.append(Fraction(1))
    solution = solve_exact(equations, rhs)
    if solution is None:
        guess = tuple(Fraction(float(v)).limit_denominator(10**6) for v in y)
        total = sum(guess)
        return tuple(g / total for g in guess) if total else None
    out = [Fraction(0)] * columns_count
    for j, value in zip(support, solution[:-1], strict=True):
        out[j] = value
    return tuple(out)


def unique_profiles(profiles: list[MixedProfile]) -> list[MixedProfile]:
    """Profiles without repeats (exact ones compared exactly, float ones to 1e-8), sorted."""
    kept: list[MixedProfile] = []
    for profile in profiles:
        if not any(_same(profile, other) for other in kept):
            kept.append(profile)
    return sorted(kept, key=_order)


def _same(first: MixedProfile, second: MixedProfile) -> bool:
    return all(
        absolute(p - q) <= (0 if isinstance(p, Fraction) and isinstance(q, Fraction) else 1e-8)
        for u, v in zip(first, second, strict=True)
        for p, q in zip(u, v, strict=True)
    )


def _order(profile: MixedProfile) -> tuple[float, ...]:
    """Pure equilibria first, then by decreasing probability of earlier strategies."""
    support = sum(sum(1 for p in vector if p > 0) for vector in profile)
    return (support, *(-float(p) for vector in profile for p in vector))


def exact_overlabelled(M: np.ndarray, tight: np.ndarray, free: np.ndarray) -> bool:
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
