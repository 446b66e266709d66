"""All Nash equilibria by support enumeration.

Two players (Algorithm 3.4 of von Stengel 2007, "Equilibrium computation for two-player games in
strategic and extensive form", in Nisan et al., *Algorithmic Game Theory*): for every pair of
supports ``I``, ``J`` of equal size ``k``, solve the indifference equations ``A[I, J] y = v 1``,
``sum(y) = 1`` and ``B[I, J]^T x = u 1``, ``sum(x) = 1``; keep the solutions that are
non-negative and against which no strategy outside the support does better. In a nondegenerate
game this finds every equilibrium. All pairs of one size are solved at once in numpy batches;
the survivors of that floating-point screen are re-solved in exact rationals and verified exactly.

More players: for every profile of supports, the indifference conditions form a system of
polynomial equations in the probabilities (McKelvey & McLennan 1996, "Computation of equilibria
in finite games", *Handbook of Computational Economics* I). It is built from the exact payoffs and
solved with sympy; the isolated real solutions inside the simplex that pass the best-response
check are the equilibria. The number of support profiles grows exponentially, so large games are
refused with :class:`~negotiate.errors.GameTooLargeError`.
"""

from __future__ import annotations

import itertools
import math
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
    strategy_values,
    verify_profile,
)

__all__ = [
    "MAX_SUPPORT_PAIRS",
    "MAX_SUPPORT_PROFILES",
    "SupportEnumeration",
    "polynomial_support_enumeration",
    "support_enumeration",
]

MAX_SUPPORT_PAIRS = 12_000_000
"""The most support pairs two-player support enumeration takes on (13 x 13 has 10.4 million)."""

MAX_SUPPORT_PROFILES = 3_000
"""The most support profiles the polynomial (more than two players) enumeration takes on."""


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


def polynomial_support_enumeration(game: NormalFormGame) -> SupportEnumeration:
    """Every isolated equilibrium of a small game with any number of players, exactly.

    For each profile of supports (one non-empty set of strategies per player) the conditions
    "every strategy in a player's support earns the same" and "probabilities sum to one" form a
    polynomial system; sympy solves it exactly from the Fraction payoffs (nothing is parsed from
    text). Real solutions in the simplex where no strategy outside a support does better are
    the equilibria. Irrational equilibria are reported in floats (``exact`` is then false).

    Raises
    ------
    GameTooLargeError
        When there are more than :data:`MAX_SUPPORT_PROFILES` support profiles.

    Examples
    --------
    A three-player game in which each player wants to match the next one (its unique
    equilibrium is completely mixed):

    >>> from negotiate.model.normal_form import NormalFormGame, Player
    >>> players = [Player(id=p, strategies=["a", "b"]) for p in ("x", "y", "z")]
    >>> outcomes = {}
    >>> for s in itertools.product("ab", repeat=3):
    ...     outcomes[s] = {"x": int(s[0] == s[1]), "y": int(s[1] == s[2]),
    ...                    "z": int(s[2] != s[0])}
    >>> game = NormalFormGame.from_outcomes(id="cycle", title="Cycle", players=players,
    ...                                     outcomes=outcomes)
    >>> [dict(e.strategies["x"]) for e in polynomial_support_enumeration(game).equilibria]
    [{'a': Fraction(1, 2), 'b': Fraction(1, 2)}]
    """
    import sympy

    shape = game.shape
    profiles_count = math.prod(2**s - 1 for s in shape)
    if profiles_count > MAX_SUPPORT_PROFILES:
        raise GameTooLargeError(
            f"exact support enumeration of a {' x '.join(map(str, shape))} game would solve "
            f"{profiles_count:,} polynomial systems (the limit is {MAX_SUPPORT_PROFILES:,}); "
            "use method='pure' for its pure equilibria, or a path-following method that scales "
            "(Gambit's simpdiv or gnm) for mixed ones"
        )
    arrays = payoff_arrays(game)
    exact_game = all(a.dtype == object for a in arrays)
    rational = (
        [_sympy_array(a, sympy) for a in arrays]
        if exact_game
        else [_sympy_array(_float_to_fraction(a), sympy) for a in arrays]
    )
    found: list[MixedProfile] = []
    exact = exact_game
    singular = False
    supports_per_player = [
        [c for r in range(1, size + 1) for c in itertools.combinations(range(size), r)]
        for size in shape
    ]
    for supports in itertools.product(*supports_per_player):
        symbols = [
            [sympy.Symbol(f"p{i}_{s}") if len(sup) > 1 else sympy.Integer(1) for s in sup]
            for i, sup in enumerate(supports)
        ]
        vectors = []
        for i, sup in enumerate(supports):
            vector = [sympy.Integer(0)] * shape[i]
            for s, symbol in zip(sup, symbols[i], strict=True):
                vector[s] = symbol
            if len(sup) > 1:
                vector[sup[-1]] = 1 - sum(symbols[i][:-1])
            vectors.append(vector)
        unknowns = [s for i, sup in enumerate(supports) if len(sup) > 1 for s in symbols[i][:-1]]
        equations = []
        for i, sup in enumerate(supports):
            values = _expected(rational[i], vectors, i)
            equations += [sympy.expand(values[s] - values[sup[0]]) for s in sup[1:]]
        equations = [e for e in equations if e != 0]
        if unknowns and not equations:
            singular = True  # every mixture on these supports solves: a continuum
            continue
        if unknowns and all(sympy.Poly(e, *unknowns).total_degree() <= 1 for e in equations):
            status, solutions = _solve_linear(equations, unknowns, sympy)
            if status == "continuum":
                singular = True
                continue
        elif unknowns:
            solutions, continuum = _solve_polynomial(equations, unknowns, sympy)
            if continuum:
                singular = True
                continue
        else:
            solutions = [{}] if all(e == 0 for e in equations) else []
        for solution in solutions:
            if len(solution) < len(unknowns) or any(v.free_symbols for v in solution.values()):
                singular = True  # a continuum of solutions: a degenerate game
                continue
            profile, is_rational = _numeric_profile(vectors, solution, sympy)
            if profile is None:
                continue
            if verify_profile(game, profile, arrays):
                found.append(profile)
                exact = exact and is_rational
    equilibria = tuple(make_equilibrium(game, p, arrays) for p in unique_profiles(found))
    return SupportEnumeration(
        equilibria=equilibria, exact=exact, singular=singular, degenerate=singular
    )


def _solve_linear(
    equations: list[object], unknowns: list[object], sympy: object
) -> tuple[str, list[dict[object, object]]]:
    """A linear system solved exactly: ``("unique", [solution])``, ``("none", [])`` or
    ``("continuum", [])``."""
    matrix, rhs = sympy.linear_eq_to_matrix(equations, unknowns)  # type: ignore[attr-defined]
    rows = [[Fraction(int(v.p), int(v.q)) for v in matrix.row(r)] for r in range(matrix.rows)]
    values = [Fraction(int(v.p), int(v.q)) for v in rhs]
    solution = solve_exact(rows, values)
    if solution is not None:
        return "unique", [
            {
                u: sympy.Rational(v.numerator, v.denominator)
                for u, v in zip(unknowns, solution, strict=True)
            }  # type: ignore[attr-defined]
        ]
    augmented = sympy.Matrix.hstack(matrix, rhs)  # type: ignore[attr-defined]
    rank = matrix.rank()
    if rank < augmented.rank():
        return "none", []
    return "continuum", []


def _solve_polynomial(
    equations: list[object], unknowns: list[object], sympy: object
) -> tuple[list[dict[object, object]], bool]:
    """The finitely many solutions of a polynomial system, or ``([], True)`` for a continuum.

    Uses a lexicographic Groebner basis (``solve_poly_system``), which is exact; falls back to
    ``sympy.solve`` when that method does not apply.
    """
    from sympy.polys.polyerrors import PolynomialError

    try:
        roots = sympy.solve_poly_system(equations, *unknowns)  # type: ignore[attr-defined]
    except NotImplementedError:  # not zero-dimensional: a continuum of solutions
        return [], True
    except PolynomialError:  # pragma: no cover - defensive
        solutions = sympy.solve(equations, unknowns, dict=True)  # type: ignore[attr-defined]
        continuum = any(
            len(s) < len(unknowns) or any(v.free_symbols for v in s.values()) for s in solutions
        )
        return solutions, continuum
    if roots is None:
        return [], False
    return [dict(zip(unknowns, root, strict=True)) for root in roots], False


def _sympy_array(array: np.ndarray, sympy: object) -> np.ndarray:
    out = np.empty(array.shape, dtype=object)
    for index in np.ndindex(*array.shape):
        value = Fraction(array[index])
        out[index] = sympy.Rational(value.numerator, value.denominator)  # type: ignore[attr-defined]
    return out


def _float_to_fraction(array: np.ndarray) -> np.ndarray:
    out = np.empty(array.shape, dtype=object)
    for index in np.ndindex(*array.shape):
        out[index] = Fraction(float(array[index]))
    return out


def _expected(payoffs: np.ndarray, vectors: list[list[object]], player: int) -> list[object]:
    """Symbolic expected payoff of each pure strategy of ``player``."""
    values = strategy_values(payoffs, [np.array(v, dtype=object) for v in vectors], player)
    return list(values)


def _numeric_profile(
    vectors: list[list[object]], solution: dict[object, object], sympy: object
) -> tuple[MixedProfile | None, bool]:
    """The profile at one solution: Fractions if all rational, floats if some are irrational;
    ``None`` if complex or outside the simplex."""
    profile = []
    rational = True
    for vector in vectors:
        row = []
        for entry in vector:
            value = sympy.sympify(entry).subs(solution)  # type: ignore[attr-defined]
            if not value.is_Rational:
                value = sympy.simplify(value)  # type: ignore[attr-defined]
            if value.is_real is False:
                return None, False
            if value.is_Rational:
                row.append(Fraction(int(value.p), int(value.q)))
            else:
                numeric = complex(sympy.N(value, 30))  # type: ignore[attr-defined]
                if abs(numeric.imag) > 1e-12:
                    return None, False
                row.append(float(numeric.real))
                rational = False
        profile.append(row)
    if not rational:
        profile = [[float(v) for v in row] for row in profile]
    if any(v < (0 if rational else -1e-12) for row in profile for v in row):
        return None, rational
    return tuple(tuple(row) for row in profile), rational
