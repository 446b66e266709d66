"""Every isolated Nash equilibrium of a small game with any number of players, exactly.

For every profile of supports, the indifference conditions form a system of polynomial equations
in the probabilities (McKelvey & McLennan 1996, "Computation of equilibria in finite games",
*Handbook of Computational Economics* I). Profiles that no equilibrium can have exactly (some
strategy conditionally dominated by another) are dropped first; each remaining system is built in
exact integers (:mod:`~negotiate.strategic.support_systems`); linear systems (at most two players
mix, or the products cancel) are solved by exact elimination, and only the others with sympy's
Groebner bases. The isolated real solutions inside the simplex that pass the best-response check
are the equilibria. The number of support profiles grows exponentially, so large games are
refused with :class:`~negotiate.errors.GameTooLargeError`.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any

import numpy as np

from negotiate.errors import GameTooLargeError
from negotiate.exact.linear import solve_exact
from negotiate.exact.numbers import Number
from negotiate.model.normal_form import NormalFormGame
from negotiate.strategic._bimatrix import unique_profiles
from negotiate.strategic.mixed import (
    MixedProfile,
    make_equilibrium,
    payoff_arrays,
    strategy_values,
    verify_profile,
)
from negotiate.strategic.support_enumeration import SupportEnumeration
from negotiate.strategic.support_substitution import solve_by_substitution
from negotiate.strategic.support_systems import SupportSystem, SupportSystems

__all__ = ["MAX_SUPPORT_PROFILES", "polynomial_support_enumeration"]

MAX_SUPPORT_PROFILES = 3_000
"""The most support profiles the polynomial (more than two players) enumeration takes on."""


def polynomial_support_enumeration(
    game: NormalFormGame, reference: bool = False
) -> SupportEnumeration:
    """Every isolated equilibrium of a small game with any number of players, exactly.

    For each profile of supports (one non-empty set of strategies per player) the conditions
    "every strategy in a player's support earns the same" and "probabilities sum to one" form a
    polynomial system, built from the exact payoffs (nothing is parsed from text). Real solutions
    in the simplex where no strategy outside a support does better are the equilibria.
    Irrational equilibria are reported in floats (``exact`` is then false).

    ``singular`` (and ``degenerate``) says that the system of some profile not ruled out by
    dominance has a continuum of solutions: equilibria in such a set may be missed. When it is
    false, every equilibrium is listed.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    reference : bool
        Solve every support profile with sympy, without dominance pruning or exact elimination:
        the slow path the fast one is checked against.

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
    systems = SupportSystems(arrays, exact=exact_game and not reference)
    symbolic = _Symbolic(arrays, exact_game)
    found: list[MixedProfile] = []
    seen: set[MixedProfile] = set()
    exact = exact_game
    singular = False
    supports_per_player = [
        [c for r in range(1, size + 1) for c in itertools.combinations(range(size), r)]
        for size in shape
    ]
    for supports in itertools.product(*supports_per_player):
        if reference:
            candidates, continuum = symbolic.solve(supports)
        elif systems.pruned(supports):
            continue
        else:
            system = systems.system(supports)
            if system.linear:
                status, profile = system.solve()
                candidates = [(profile, True)] if profile is not None else []
                continuum = status == "continuum"
            else:
                candidates, continuum = _nonlinear(system, symbolic)
        singular = singular or continuum
        for candidate, is_rational in candidates:
            if is_rational and candidate in seen:
                continue  # a boundary solution found from several supports: checked once
            seen.add(candidate)
            if verify_profile(game, candidate, arrays):
                found.append(candidate)
                exact = exact and is_rational
    equilibria = tuple(make_equilibrium(game, p, arrays) for p in unique_profiles(found))
    return SupportEnumeration(
        equilibria=equilibria, exact=exact, singular=singular, degenerate=singular
    )


def _nonlinear(
    system: SupportSystem, symbolic: _Symbolic
) -> tuple[list[tuple[MixedProfile, bool]], bool]:
    """A nonlinear system: by substitution when that decides it, else with sympy."""
    solved = solve_by_substitution(system)
    if solved is None:
        return symbolic.solve(system.supports)
    status, profiles = solved
    return [(p, True) for p in profiles], status == "continuum"


class _Symbolic:
    """Support profiles' systems solved with sympy (imported on first use)."""

    def __init__(self, arrays: list[np.ndarray], exact_game: bool) -> None:
        self.arrays = arrays
        self.exact_game = exact_game
        self.shape = tuple(arrays[0].shape)
        self._rational: list[np.ndarray] | None = None

    def solve(
        self, supports: tuple[tuple[int, ...], ...]
    ) -> tuple[list[tuple[MixedProfile, bool]], bool]:
        """The candidate profiles of one support profile (each with whether it is rational), and
        whether its system has a continuum of solutions."""
        import sympy

        if self._rational is None:
            self._rational = [
                _sympy_array(a if self.exact_game else _float_to_fraction(a), sympy)
                for a in self.arrays
            ]
        vectors, unknowns, equations = _indifference_system(
            supports, self.shape, self._rational, sympy
        )
        solutions, continuum = _solve_system(equations, unknowns, sympy)
        candidates = []
        for solution in solutions:
            profile, is_rational = _numeric_profile(vectors, solution, sympy)
            if profile is not None:
                candidates.append((profile, is_rational))
        return candidates, continuum


def _indifference_system(
    supports: tuple[tuple[int, ...], ...],
    shape: tuple[int, ...],
    rational: list[np.ndarray],
    sympy: Any,
) -> tuple[list[list[Any]], list[Any], list[Any]]:
    """The mixed strategies on ``supports`` in unknown probabilities (the last of each support
    is one minus the others), those unknowns, and the equations "every strategy in a player's
    support earns the same"."""
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
    return vectors, unknowns, [e for e in equations if e != 0]


def _solve_system(
    equations: list[Any], unknowns: list[Any], sympy: Any
) -> tuple[list[dict[Any, Any]], bool]:
    """The isolated solutions of one support profile's system, and whether it has a continuum
    (a degenerate game: those solutions are then dropped). Linear systems are solved by exact
    elimination, others by a Groebner basis."""
    if not unknowns:
        return ([{}] if all(e == 0 for e in equations) else []), False
    if not equations:
        return [], True  # every mixture on these supports solves
    if all(sympy.Poly(e, *unknowns).total_degree() <= 1 for e in equations):
        status, solutions = _solve_linear(equations, unknowns, sympy)
        if status == "continuum":
            return [], True
    else:
        solutions, continuum = _solve_polynomial(equations, unknowns, sympy)
        if continuum:
            return [], True
    isolated = [
        s
        for s in solutions
        if len(s) == len(unknowns) and not any(v.free_symbols for v in s.values())
    ]
    return isolated, len(isolated) < len(solutions)


def _solve_linear(
    equations: list[Any], unknowns: list[Any], sympy: Any
) -> tuple[str, list[dict[Any, Any]]]:
    """A linear system solved exactly: ``("unique", [solution])``, ``("none", [])`` or
    ``("continuum", [])``."""
    matrix, rhs = sympy.linear_eq_to_matrix(equations, unknowns)
    rows = [[Fraction(int(v.p), int(v.q)) for v in matrix.row(r)] for r in range(matrix.rows)]
    values = [Fraction(int(v.p), int(v.q)) for v in rhs]
    solution = solve_exact(rows, values)
    if solution is not None:
        return "unique", [
            {
                u: sympy.Rational(v.numerator, v.denominator)
                for u, v in zip(unknowns, solution, strict=True)
            }
        ]
    augmented = sympy.Matrix.hstack(matrix, rhs)
    rank = matrix.rank()
    if rank < augmented.rank():
        return "none", []
    return "continuum", []


def _solve_polynomial(
    equations: list[Any], unknowns: list[Any], sympy: Any
) -> tuple[list[dict[Any, Any]], bool]:
    """The finitely many solutions of a polynomial system, or ``([], True)`` for a continuum.

    Uses a lexicographic Groebner basis (``solve_poly_system``), which is exact; falls back to
    ``sympy.solve`` when that method does not apply.
    """
    from sympy.polys.polyerrors import PolynomialError

    try:
        roots = sympy.solve_poly_system(equations, *unknowns)
    except NotImplementedError:  # not zero-dimensional: a continuum of solutions
        return [], True
    except PolynomialError:  # pragma: no cover - defensive
        solutions = sympy.solve(equations, unknowns, dict=True)
        continuum = any(
            len(s) < len(unknowns) or any(v.free_symbols for v in s.values()) for s in solutions
        )
        return solutions, continuum
    if roots is None:
        return [], False
    return [dict(zip(unknowns, root, strict=True)) for root in roots], False


def _sympy_array(array: np.ndarray, sympy: Any) -> np.ndarray:
    out = np.empty(array.shape, dtype=object)
    for index in np.ndindex(*array.shape):
        value = Fraction(array.item(*index))
        out[index] = sympy.Rational(value.numerator, value.denominator)
    return out


def _float_to_fraction(array: np.ndarray) -> np.ndarray:
    out = np.empty(array.shape, dtype=object)
    for index in np.ndindex(*array.shape):
        out[index] = Fraction(float(array[index]))
    return out


def _expected(payoffs: np.ndarray, vectors: list[list[Any]], player: int) -> list[Any]:
    """Symbolic expected payoff of each pure strategy of ``player``."""
    profile: list[Any] = [np.array(v, dtype=object) for v in vectors]
    values = strategy_values(payoffs, profile, player)
    return list(values)


def _numeric_profile(
    vectors: list[list[Any]], solution: dict[Any, Any], sympy: Any
) -> tuple[MixedProfile | None, bool]:
    """The profile at one solution: Fractions if all rational, floats if some are irrational;
    ``None`` if complex or outside the simplex."""
    profile: list[list[Number]] = []
    rational = True
    for vector in vectors:
        row: list[Number] = []
        for entry in vector:
            value = sympy.sympify(entry).subs(solution)
            if not value.is_Rational:
                value = sympy.simplify(value)
            if value.is_real is False:
                return None, False
            if value.is_Rational:
                row.append(Fraction(int(value.p), int(value.q)))
            else:
                numeric = complex(sympy.N(value, 30))
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
