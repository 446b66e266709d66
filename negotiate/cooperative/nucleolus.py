"""The nucleolus and prenucleolus of a TU game, by sequential LPs with an exact certificate.

Definition (Schmeidler 1969; Peleg & Sudhölter 2007, Chapter 5): the excess of coalition ``S``
at ``x`` is ``e(S, x) = v(S) - x(S)``. Among the pre-imputations (``x(N) = v(N)``) or the
imputations (also ``x_i >= v({i})``), the (pre)nucleolus lexicographically minimises the vector
of the excesses of the proper non-empty coalitions, ordered non-increasingly.

Algorithm: the sequential linear programs of Maschler, Peleg & Shapley (1979), solved with
HiGHS (games of at most four players with exact worths: in exact arithmetic,
:mod:`negotiate.cooperative.nucleolus_exact`). Stage ``k`` minimises ``ε`` subject to
``e(S, x) <= ε`` for the coalitions still free and ``e(S, x) = ε_j`` for those fixed at an
earlier stage ``j``. The coalitions whose constraint has
a positive dual price are tight at every optimum: they are fixed at ``ε_k``, and every free
coalition whose indicator vector lies in the span of the fixed ones is dropped (its excess is
determined). The stages end when the fixed coalitions span ``R^N``.

Exactness: for exact games the linear system "``e(S, x) = ε_j`` for every fixed ``S``,
``x(N) = v(N)``" is re-solved in Fractions, and the result is checked against Kohlberg's
(1971) criterion (Peleg & Sudhölter 2007, Section 5.1): ``x`` is the prenucleolus
iff every collection ``D(α, x) = {S : e(S, x) >= α}`` is balanced; for the nucleolus, balanced
with non-negative weights allowed on the singletons ``{i}`` with ``x_i = v({i})``. Balancedness is
certified exactly (rational positive weights). If anything fails, the floats are returned
with ``verified = False``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import attrs
import numpy as np

from negotiate.cooperative._tu import (
    exact_worths,
    independent_rows,
    integer_worths,
    member_matrix,
    rationalise,
    worth_floats,
)
from negotiate.cooperative.allocation import Allocation
from negotiate.cooperative.nucleolus_exact import EXACT_PLAYERS, balanced_exactly, exact_stages
from negotiate.errors import InvalidGameError
from negotiate.exact.linear import solve_exact
from negotiate.exact.numbers import Number
from negotiate.model.coalition import CoalitionGame

__all__ = ["Nucleolus", "is_balanced", "nucleolus", "prenucleolus"]

_DUAL_TOL = 1e-9
_SPAN_TOL = 1e-9


@attrs.frozen(kw_only=True)
class Nucleolus:
    """A (pre)nucleolus and how it was found.

    ``levels`` are the optimal values ``ε_1 >= ε_2 >= ...`` of the sequential LPs (``levels[0]``
    is the largest excess; for the prenucleolus it is the least-core ``ε``). ``verified`` says
    that the exact point passed Kohlberg's criterion; when it is ``False`` the payoffs are the
    LP's floats.
    """

    allocation: Allocation
    imputations: bool
    levels: tuple[Number, ...]
    verified: bool
    note: str = ""

    @property
    def exact(self) -> bool:
        """Whether the payoffs are exact."""
        return self.allocation.exact


def prenucleolus(game: CoalitionGame) -> Nucleolus:
    """The prenucleolus: the lexicographic minimum of the excesses over pre-imputations.

    Parameters
    ----------
    game : CoalitionGame
        The TU game (exact worths give an exact, verified answer).

    Returns
    -------
    Nucleolus

    Examples
    --------
    The Talmud's estate of 200 with claims 100, 200, 300 (Aumann & Maschler 1985):

    >>> claims = [100, 200, 300]
    >>> worth = [max(0, 200 - sum(c for k, c in enumerate(claims) if not m >> k & 1))
    ...          for m in range(8)]
    >>> game = CoalitionGame(id="talmud", title="Talmud", players=["a", "b", "c"], worth=worth)
    >>> result = prenucleolus(game)
    >>> [str(x) for x in result.allocation], result.verified
    (['50', '75', '75'], True)
    """
    return _solve(game, imputations=False)


def nucleolus(game: CoalitionGame) -> Nucleolus:
    """The nucleolus: the lexicographic minimum of the excesses over imputations.

    Parameters
    ----------
    game : CoalitionGame
        The TU game; its imputation set must be non-empty (``v(N) >= sum of v({i})``).

    Returns
    -------
    Nucleolus

    Raises
    ------
    InvalidGameError
        When the game has no imputation.

    Examples
    --------
    >>> game = CoalitionGame.from_values(
    ...     id="glove", title="Glove", players=["left", "right_1", "right_2"],
    ...     values={"left+right_1": 1, "left+right_2": 1, "left+right_1+right_2": 1},
    ...     default_value=0)
    >>> [str(x) for x in nucleolus(game).allocation]
    ['1', '0', '0']
    """
    singles = sum(game.worth[1 << k] for k in range(game.n))
    if game.worth[game.grand_coalition] < singles:
        raise InvalidGameError(
            f"the game has no imputation: v(N) = {game.worth[game.grand_coalition]} is less "
            f"than the players' stand-alone worths, {singles} in total; use the prenucleolus"
        )
    return _solve(game, imputations=True)


def _solve(game: CoalitionGame, imputations: bool) -> Nucleolus:
    n = game.n
    if n == 1:
        return Nucleolus(
            allocation=Allocation(players=game.players, payoffs=[game.worth[1]]),
            imputations=imputations,
            levels=(),
            verified=game.is_exact,
        )
    if game.is_exact and n <= EXACT_PLAYERS:
        found = _small(game, imputations)
        if found is not None:
            return found
    worth, back = _normalised_floats(game)
    floats, levels, fixed, bound_fixed = _sequential_lps(game, imputations, worth)
    floats, levels = floats * back, [e * back for e in levels]
    if game.is_exact:
        exact = _exact_point(game, levels, fixed, bound_fixed)
        if exact is not None:
            x, exact_levels = exact
            problem = _verify(game, x, exact_levels, fixed, imputations)
            if problem is None:
                return Nucleolus(
                    allocation=Allocation(players=game.players, payoffs=x),
                    imputations=imputations,
                    levels=tuple(exact_levels),
                    verified=True,
                )
            note = f"exact verification failed ({problem}); LP floats reported"
        else:
            note = "the exact re-solve of the tight system failed; LP floats reported"
    else:
        note = "inexact game: LP floats"
    return Nucleolus(
        allocation=Allocation(players=game.players, payoffs=[float(v) for v in floats]),
        imputations=imputations,
        levels=tuple(float(e) for e in levels),
        verified=False,
        note=note,
    )


def _small(game: CoalitionGame, imputations: bool) -> Nucleolus | None:
    """The exact stages of a game of a few players (:mod:`.nucleolus_exact`), verified by
    Kohlberg's criterion; ``None`` when a stage fails (the numeric stages are then used)."""
    try:
        x, levels, fixed = exact_stages(game, imputations)
    except ValueError:
        return None
    if _verify(game, x, levels, fixed, imputations) is not None:
        return None
    return Nucleolus(
        allocation=Allocation(players=game.players, payoffs=x),
        imputations=imputations,
        levels=tuple(levels),
        verified=True,
    )


def _sequential_lps(
    game: CoalitionGame, imputations: bool, worth: np.ndarray
) -> tuple[np.ndarray, list[float], list[tuple[int, int]], list[int]]:
    """Run the stages on the (normalised) float worths; return the point, the levels,
    ``(mask, stage)`` fixed, bounds fixed."""
    from scipy.optimize import linprog

    n = game.n
    members = member_matrix(n)[1:-1].astype(np.float64)  # proper non-empty coalitions
    masks = np.arange(1, (1 << n) - 1)
    values = worth[1:-1]
    free = np.ones(len(masks), dtype=bool)
    basis = np.ones((1, n)) / np.sqrt(n)  # orthonormal basis of the span of fixed vectors
    eq_rows: list[np.ndarray] = []
    eq_rhs: list[float] = []
    levels: list[float] = []
    fixed: list[tuple[int, int]] = []
    bound_fixed: list[int] = []
    singles = worth[[1 << k for k in range(n)]]
    bounds = [(float(s), None) if imputations else (None, None) for s in singles] + [(None, None)]
    x = np.full(n, float(worth[-1]) / n)
    # row generation: each LP holds the free coalitions in `active`; violated ones are added
    active = np.zeros(len(masks), dtype=bool)
    batch = max(4 * n, 64)
    start = np.argsort(-(values - members @ x), kind="stable")[:batch]
    active[start] = True
    floor = -((n + 2) ** 2) * (float(np.abs(worth).max()) + 1.0)  # below every level
    cost = np.zeros(n + 1)
    cost[-1] = 1.0
    bounds[-1] = (floor, None)
    stage = 0
    while len(basis) < n:
        while True:
            use = active & free
            rows = members[use]
            a_ub = -np.hstack([rows, np.ones((len(rows), 1))])
            a_eq = np.vstack([np.append(np.ones(n), 0.0), *eq_rows])
            b_eq = [float(worth[-1]), *eq_rhs]
            result = linprog(
                cost,
                A_ub=a_ub if len(rows) else None,
                b_ub=-values[use] if len(rows) else None,
                A_eq=a_eq,
                b_eq=b_eq,
                bounds=bounds,
                method="highs",
            )
            if result.status != 0:
                raise RuntimeError(
                    f"stage {stage + 1} LP of the nucleolus failed: {result.message}"
                )
            x, epsilon = result.x[:n], float(result.fun)
            candidates = np.flatnonzero(free & ~active)
            violation = values[candidates] - members[candidates] @ x - epsilon
            worst = np.argsort(-violation, kind="stable")[:batch]
            worst = worst[violation[worst] > 1e-9]
            at_floor = epsilon <= floor + 1e-6
            if not len(worst) and not at_floor:
                break
            if not len(worst):  # unbounded below with these rows: add the largest excesses
                worst = np.argsort(-violation, kind="stable")[:batch]
            active[candidates[worst]] = True
        levels.append(epsilon)
        duals = -result.ineqlin.marginals if len(rows) else np.zeros(0)
        free_index = np.flatnonzero(use)
        tight = free_index[duals > _DUAL_TOL]
        if len(tight) == 0:  # numerically flat dual: fix the tightest constraint instead
            slack = values[use] - rows @ x - epsilon
            tight = free_index[[int(np.argmax(slack))]]
        for index in tight:
            fixed.append((int(masks[index]), stage))
            free[index] = False
            row = members[index]
            eq_rows.append(np.append(row, 0.0))
            eq_rhs.append(float(values[index]) - epsilon)
            basis = _extend(basis, row)
        if imputations:
            for k in np.flatnonzero(result.lower.marginals[:n] > _DUAL_TOL):
                if int(k) not in bound_fixed:
                    bound_fixed.append(int(k))
                    unit = np.zeros(n)
                    unit[k] = 1.0
                    basis = _extend(basis, unit)
                    eq_rows.append(np.append(unit, 0.0))
                    eq_rhs.append(float(singles[k]))
        # drop the free coalitions whose excess the fixed ones determine
        rest = np.flatnonzero(free)
        if len(rest):
            residual = members[rest] - (members[rest] @ basis.T) @ basis
            free[rest[np.linalg.norm(residual, axis=1) < _SPAN_TOL]] = False
        stage += 1
        if not free.any():
            break
    return x, levels, fixed, bound_fixed


def _normalised_floats(game: CoalitionGame) -> tuple[np.ndarray, float]:
    """The worths as floats of magnitude at most 1, and the unit that scales them back.

    Exact worths are scaled exactly first (to integers, then by a power of two), so the LPs
    and their absolute tolerances see the same numbers whatever the scale of the game.
    """
    exact = exact_worths(game)
    if exact is None:
        floats = worth_floats(game)
        largest = float(np.abs(floats).max())
        unit = 2.0 ** math.frexp(largest)[1] if largest > 0 else 1.0
        return floats / unit, unit
    integers, scale = exact
    largest = max(-int(integers.min()), int(integers.max()), 1)
    shift = largest.bit_length()
    drop = max(shift - 62, 0)  # keep 62 leading bits: ample for float64
    if integers.dtype == np.dtype(object):
        floats = np.array([v >> drop for v in integers.tolist()], dtype=np.float64)
    else:
        floats = integers.astype(np.float64)
    floats *= 2.0 ** (drop - shift)
    return floats, float(Fraction(2**shift, scale))


def _extend(basis: np.ndarray, row: np.ndarray) -> np.ndarray:
    """The orthonormal basis extended by ``row`` if it is independent (Gram-Schmidt, twice)."""
    residual = row - (basis @ row) @ basis
    residual = residual - (basis @ residual) @ basis
    norm = float(np.linalg.norm(residual))
    if norm < _SPAN_TOL * max(1.0, float(np.linalg.norm(row))):
        return basis
    return np.vstack([basis, residual / norm])


def _exact_point(
    game: CoalitionGame,
    levels: list[float],
    fixed: list[tuple[int, int]],
    bound_fixed: list[int],
) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]] | None:
    """Solve ``x(S) + ε_j = v(S)`` (fixed ``S``), ``x(N) = v(N)``, ``x_i = v(i)`` exactly."""
    n = game.n
    width = n + len(levels)
    rows: list[list[int]] = []
    rhs: list[Any] = []
    grand = [1] * n + [0] * len(levels)
    rows.append(grand)
    rhs.append(game.worth[game.grand_coalition])
    for mask, stage in fixed:
        row = [mask >> k & 1 for k in range(n)] + [0] * len(levels)
        row[n + stage] = 1
        rows.append(row)
        rhs.append(game.worth[mask])
    for k in bound_fixed:
        row = [0] * width
        row[k] = 1
        rows.append(row)
        rhs.append(game.worth[1 << k])
    chosen = independent_rows(np.array(rows, dtype=np.float64))
    if len(chosen) < width:
        return None
    solution = solve_exact([rows[r] for r in chosen], [rhs[r] for r in chosen])
    if solution is None:
        return None
    for row, b in zip(rows, rhs, strict=True):
        if sum(a * s for a, s in zip(row, solution, strict=True) if a) != b:
            return None
    return solution[:n], solution[n:]


def _verify(
    game: CoalitionGame,
    x: Sequence[Fraction],
    levels: Sequence[Fraction],
    fixed: list[tuple[int, int]],
    imputations: bool,
) -> str | None:
    """``None`` if ``x`` passes Kohlberg's criterion exactly, else what failed.

    Works on integers: worths, payoffs and levels are multiplied by one common denominator.
    """
    n = game.n
    if sum(x) != game.worth[game.grand_coalition]:
        return "not efficient"
    zero_singles = []
    if imputations:
        for k in range(n):
            if x[k] < game.worth[1 << k]:
                return "not individually rational"
            if x[k] == game.worth[1 << k]:
                zero_singles.append(k)
    worths, scale = integer_worths(game)
    common = math.lcm(scale, *(v.denominator for v in x), *(e.denominator for e in levels))
    factor = common // scale
    if worths.dtype != np.dtype(object) and (
        int(np.abs(worths).max()) * factor * (1 << n) >= 2**62
    ):
        worths = worths.astype(object)
    dtype = worths.dtype
    payoff = [int(v * common) for v in x]
    sums = np.zeros(1 << n, dtype=dtype)
    for k in range(n):
        sums[1 << k : 2 << k] = sums[: 1 << k] + payoff[k]
    excess = (worths * factor - sums)[1:-1]
    scaled_levels = [int(e * common) for e in levels]
    if fixed and excess.max() != scaled_levels[0]:
        return "the largest excess is not the first level"
    for mask, stage in fixed:
        if excess[mask - 1] != scaled_levels[stage]:
            return f"coalition {game.members(mask)} is off its level"
    members = member_matrix(n)[1:-1]
    distinct = np.unique(excess)[::-1]
    singles = np.eye(n, dtype=np.int8)[zero_singles]
    for alpha in distinct:
        collection = members[excess >= alpha]
        if not is_balanced(collection, singles):
            return f"the coalitions with excess >= {Fraction(int(alpha), common)} are not balanced"
        if np.linalg.matrix_rank(collection.astype(np.float64)) == n:
            return None  # every larger collection is balanced too
    return None


def is_balanced(collection: np.ndarray, optional: np.ndarray | None = None) -> bool:
    """Whether a collection of coalitions is balanced, certified with exact rational weights.

    ``collection`` holds indicator vectors (one row per coalition) that must get positive
    weights; the rows of ``optional`` may get non-negative weights. Balanced: the weighted
    indicator vectors sum to the all-ones vector (Peleg & Sudhölter 2007, Definition 3.1.2).

    Examples
    --------
    >>> import numpy as np
    >>> is_balanced(np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1]]))
    True
    >>> is_balanced(np.array([[1, 1, 0], [0, 1, 1]]))
    False
    """
    collection = np.asarray(collection, dtype=np.int64)
    n = collection.shape[1]
    optional = np.zeros((0, n), dtype=np.int64) if optional is None else np.asarray(optional)
    k, m = len(collection), len(optional)
    if n <= EXACT_PLAYERS:  # at most 14 + 4 rows: the exact simplex, no floats
        return balanced_exactly(collection, optional)
    from scipy import sparse
    from scipy.optimize import linprog

    matrix = np.vstack([collection, optional]).T.astype(np.float64)  # n x (k + m)
    # maximise t: matrix @ w = 1, w_S >= t on the collection, w >= 0, t <= 1
    cost = np.zeros(k + m + 1)
    cost[-1] = -1.0
    # t - w_S <= 0 for each coalition of the collection: sparse, as the collection may hold
    # nearly all 2^n coalitions (a dense matrix of 2^15 x 2^15 took 8 GB and minutes).
    rows = np.arange(k)
    a_ub = sparse.csr_matrix(
        (
            np.concatenate([-np.ones(k), np.ones(k)]),
            (np.concatenate([rows, rows]), np.concatenate([rows, np.full(k, k + m)])),
        ),
        shape=(k, k + m + 1),
    )
    a_eq = sparse.csr_matrix(np.hstack([matrix, np.zeros((n, 1))]))
    bounds = [(0, None)] * (k + m) + [(None, 1)]
    result = linprog(
        cost,
        A_ub=a_ub,
        b_ub=np.zeros(k),
        A_eq=a_eq,
        b_eq=np.ones(n),
        bounds=bounds,
        method="highs",
    )
    if result.status != 0 or -result.fun < 1e-9:
        return False
    weights = [rationalise(w, 10**6) for w in result.x[: k + m]]
    weights = [w if w > Fraction(1, 10**8) or j < k else Fraction(0) for j, w in enumerate(weights)]
    columns = np.vstack([collection, optional]).tolist()
    pairs = list(zip(weights, columns, strict=True))
    residual = [1 - sum(w for w, col in pairs if col[i]) for i in range(n)]
    if any(residual):
        basis = independent_rows(np.array(columns, dtype=np.float64))
        correction = solve_exact([[columns[j][i] for j in basis] for i in range(n)], residual)
        if correction is None:
            return False
        for j, c in zip(basis, correction, strict=True):
            weights[j] += c
    return all(w > 0 for w in weights[:k]) and all(w >= 0 for w in weights[k:])
