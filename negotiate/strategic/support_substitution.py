"""Nonlinear support systems of three-player games solved by substitution, exactly.

When all three players mix and player ``a`` mixes two strategies, with probability ``p`` on the
first, the conditions of ``b`` are linear in ``c``'s probabilities ``z`` once ``p`` is fixed, and
those of ``c`` linear in ``b``'s ``y``; only ``a``'s condition is bilinear in ``(y, z)``. For
``p`` outside a finite set, Cramer's rule gives ``y(p)`` and ``z(p)`` as ratios of polynomials;
``a``'s condition and the conditions left over by an overdetermined system become polynomials
in ``p``, whose common roots are the solutions. The finitely many ``p`` where Cramer's rule fails
are solved directly (there the conditions are linear but for one bilinear equation). Everything
is exact: polynomials with Fraction coefficients, rational roots found exactly.

:func:`solve_by_substitution` answers as an exact polynomial solver would (every solution when
they are finitely many, else "a continuum"), or ``None`` when it cannot be sure: an irrational
root inside the simplex, a degenerate elimination. The caller then uses a Groebner basis.

>>> from fractions import Fraction as F
>>> poly_roots([F(-1), F(0), F(4)])   # 4p^2 - 1
[Fraction(-1, 2), Fraction(1, 2)]
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction

import attrs
import numpy as np

from negotiate.exact.linear import integer_row_reduce
from negotiate.strategic.support_systems import SupportSystem

__all__ = ["poly_roots", "solve_by_substitution"]

Poly = list[Fraction]
"""A polynomial in ``p``, coefficients from the constant term up, no trailing zeros."""

Profile = tuple[tuple[Fraction | int, ...], ...]

_SAMPLE = Fraction(7, 19)
"""A value of ``p`` at which to look for a nonsingular block or a continuum (any value would do:
a block nonsingular there is nonsingular for almost every ``p``)."""


def _trim(a: Poly) -> Poly:
    while a and a[-1] == 0:
        a = a[:-1]
    return a


def _add(a: Poly, b: Poly) -> Poly:
    n = max(len(a), len(b))
    return _trim(
        [(a[k] if k < len(a) else 0) + (b[k] if k < len(b) else 0) for k in range(n)]  # type: ignore[misc]
    )


def _mul(a: Poly, b: Poly) -> Poly:
    if not a or not b:
        return []
    out = [Fraction(0)] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        if x:
            for j, y in enumerate(b):
                out[i + j] += x * y
    return _trim(out)


def _evaluate(a: Poly, p: Fraction) -> Fraction:
    total = Fraction(0)
    for coefficient in reversed(a):
        total = total * p + coefficient
    return total


def _remainder(a: Poly, b: Poly) -> Poly:
    a = list(a)
    while len(a) >= len(b):
        factor = a[-1] / b[-1]
        shift = len(a) - len(b)
        for k, v in enumerate(b):
            a[shift + k] -= factor * v
        a = _trim(a)
    return a


def _gcd(a: Poly, b: Poly) -> Poly:
    while b:
        a, b = b, _remainder(a, b)
    return [v / a[-1] for v in a] if a else []


def _quotient(a: Poly, b: Poly) -> Poly:
    a = list(a)
    out = [Fraction(0)] * max(1, len(a) - len(b) + 1)
    while len(a) >= len(b) and a:
        factor = a[-1] / b[-1]
        shift = len(a) - len(b)
        out[shift] = factor
        for k, v in enumerate(b):
            a[shift + k] -= factor * v
        a = _trim(a)
    return _trim(out)


def poly_roots(a: Poly) -> list[Fraction] | None:
    """The distinct roots of a nonzero polynomial if all are rational, sorted; ``None`` if some
    root is irrational or complex."""
    roots, rest = _rational_roots(a)
    return roots if len(rest) <= 1 else None


def _rational_roots(a: Poly) -> tuple[list[Fraction], Poly]:
    """The distinct rational roots of a nonzero polynomial, sorted, and the square-free factor
    left when they are divided out (its roots are the irrational and complex ones)."""
    a = _trim(a)
    derivative = _trim([k * v for k, v in enumerate(a)][1:])
    rest = _quotient(a, _gcd(a, derivative)) if derivative else a
    roots: list[Fraction] = []
    while len(rest) > 1:
        root = _rational_root(rest)
        if root is None:
            break
        roots.append(root)
        rest = _quotient(rest, [-root, Fraction(1)])
    return sorted(roots), rest


def _roots_in_unit_interval(a: Poly) -> int:
    """The number of distinct real roots of a square-free polynomial in ``[0, 1]`` (Sturm)."""
    chain = [a, _trim([k * v for k, v in enumerate(a)][1:])]
    while len(chain[-1]) > 1:
        chain.append([-v for v in _remainder(chain[-2], chain[-1])])
        if not chain[-1]:
            chain.pop()
            break

    def changes(x: Fraction) -> int:
        signs = [v for v in (_evaluate(p, x) for p in chain) if v != 0]
        return sum(1 for u, v in itertools.pairwise(signs) if (u > 0) != (v > 0))

    return changes(Fraction(0)) - changes(Fraction(1))


def _rational_root(a: Poly) -> Fraction | None:
    """One rational root of ``a`` (degree >= 1), or ``None`` if it has none."""
    if a[0] == 0:
        return Fraction(0)
    if len(a) == 2:
        return -a[0] / a[1]
    lead = abs(_integer_multiple(a)[-1])
    for approx in np.roots([float(v) for v in reversed(a)]):
        if abs(approx.imag) > 1e-6 * max(1.0, abs(approx.real)):
            continue
        candidate = Fraction(float(approx.real)).limit_denominator(max(1, lead))
        if _evaluate(a, candidate) == 0:
            return candidate
    return None


def _integer_multiple(a: Poly) -> list[int]:
    import math

    lcm = math.lcm(*(v.denominator for v in a))
    return [int(v * lcm) for v in a]


def _det(matrix: Sequence[Sequence[Poly]]) -> Poly:
    """The determinant of a small square matrix of polynomials (Laplace expansion)."""
    n = len(matrix)
    if n == 0:
        return [Fraction(1)]
    if n == 1:
        return matrix[0][0]
    total: Poly = []
    for column in range(n):
        minor = [[*row[:column], *row[column + 1 :]] for row in matrix[1:]]
        term = _mul(matrix[0][column], _det(minor))
        total = _add(total, term if column % 2 == 0 else [-v for v in term])
    return total


class _Linear:
    """One player's conditions as a linear system in another's probabilities, with entries
    affine in ``p``: ``rows[r][k]`` multiplies the other's ``k``-th coordinate (0: the constant
    1, then its unknowns)."""

    def __init__(self, rows: list[list[Poly]], width: int) -> None:
        self.rows = rows
        self.width = width  # unknowns of the other player

    def at(self, p: Fraction) -> list[list[Fraction]]:
        return [[_evaluate(entry, p) for entry in row] for row in self.rows]

    def cramer(self) -> tuple[Poly, list[Poly], list[Poly]] | None:
        """``(d, numerators, conditions)``: the unknowns are ``numerators[k] / d`` wherever
        ``d(p) != 0``, and the rows left over give ``conditions`` (polynomials that must vanish);
        ``None`` if no square block of rows is nonsingular for almost every ``p``."""
        n = self.width
        if n == 0:
            return [Fraction(1)], [], [row[0] for row in self.rows if row[0]]
        values = self.at(_SAMPLE)
        chosen = next(
            (
                rows
                for rows in itertools.combinations(range(len(self.rows)), n)
                if len(integer_row_reduce([values[r][1:] for r in rows])[1]) == n
            ),
            None,
        )
        if chosen is None:
            return None
        block = [self.rows[r][1:] for r in chosen]
        rhs = [[-v for v in self.rows[r][0]] for r in chosen]
        d = _det(block)
        numerators = []
        for k in range(n):
            replaced = [[*row[:k], rhs[i], *row[k + 1 :]] for i, row in enumerate(block)]
            numerators.append(_det(replaced))
        conditions = []
        for r, row in enumerate(self.rows):
            if r in chosen:
                continue
            total = _mul(row[0], d)
            for k in range(n):
                total = _add(total, _mul(row[k + 1], numerators[k]))
            conditions.append(total)
        return d, numerators, conditions


@attrs.frozen
class _Setting:
    """One support profile seen from the player ``a`` mixing two strategies: ``b``'s conditions
    linear in ``c``'s probabilities ``z`` and ``c``'s in ``b``'s ``y`` once ``p`` is fixed, and
    ``a``'s own condition (its matrix over ``(y, z)`` homogeneous coordinates), if any."""

    system: SupportSystem
    players: tuple[int, int, int]
    y_system: _Linear
    z_system: _Linear
    matrix: np.ndarray | None


def solve_by_substitution(
    system: SupportSystem,
) -> tuple[str, list[Profile]] | None:
    """``("points", profiles)`` (the solutions with every probability >= 0, when the system has
    finitely many), ``("continuum", [])``, or ``None`` when this method cannot decide."""
    if len(system.equations) < system.unknowns:
        return "continuum", []  # every component has dimension >= unknowns - equations
    setting = _setting(system)
    if setting is None:
        return None
    solved = {"y": setting.y_system.cramer(), "z": setting.z_system.cramer()}
    for found in solved.values():
        # an overdetermined side leaves conditions on p alone: finitely many p to look at
        if found is not None and _common(found[2]):
            return _at_roots(setting, _roots_of(_common(found[2]), found[0]))
    for known, other in (("y", setting.z_system), ("z", setting.y_system)):
        found = solved[known]
        if found is None:
            continue
        rows = list(other.rows)
        if setting.matrix is not None:  # a's condition: linear in the other side now
            matrix = setting.matrix if known == "y" else setting.matrix.T
            rows.append(_substituted(matrix, [found[0], *found[1]]))
        combined = _Linear(rows, other.width).cramer()
        if combined is None:
            continue
        if not _common(combined[2]):
            return "continuum", []  # for almost every p there is a solution: a curve
        return _at_roots(setting, _roots_of(_common(combined[2]), _mul(found[0], combined[0])))
    # a continuum over one value of p is a continuum of the system
    if _fibre(setting, _SAMPLE) == "continuum":
        return "continuum", []
    return None


def _setting(system: SupportSystem) -> _Setting | None:
    """The roles of the three players, when all mix and one mixes two strategies."""
    supports = system.supports
    mixing = [j for j, s in enumerate(supports) if len(s) > 1]
    if len(supports) != 3 or len(mixing) != 3:
        return None
    a = next((j for j in mixing if len(supports[j]) == 2), None)
    if a is None:
        return None
    b, c = (j for j in range(3) if j != a)
    own = [tensor for player, tensor in system.equations if player == a]
    return _Setting(
        system=system,
        players=(a, b, c),
        y_system=_linear_in(system, c, a, b),
        z_system=_linear_in(system, b, a, c),
        matrix=(own[0] if b < c else own[0].T) if own else None,
    )


def _at_roots(setting: _Setting, roots: list[Fraction] | None) -> tuple[str, list[Profile]] | None:
    """The solutions with ``p`` at one of ``roots`` (all others have none)."""
    if roots is None:
        return None
    a, b, c = setting.players
    profiles: list[Profile] = []
    for p in roots:
        fibre = _fibre(setting, p)
        if isinstance(fibre, str):
            return "continuum", []
        for y, z in fibre:
            profiles += _profiles(setting.system, {a: [p], b: y, c: z})
    return "points", profiles


def _substituted(matrix: np.ndarray, known: list[Poly]) -> list[Poly]:
    """The row ``sum_i M[i, k] known_i`` of polynomials, over ``k``."""
    return [
        _sum_polys([_mul([Fraction(int(matrix[i, k]))], known[i]) for i in range(len(known))])
        for k in range(matrix.shape[1])
    ]


def _sum_polys(polys: list[Poly]) -> Poly:
    total: Poly = []
    for poly in polys:
        total = _add(total, poly)
    return total


def _common(conditions: list[Poly]) -> Poly:
    """The greatest common divisor of polynomials (``[]`` if all are zero)."""
    common: Poly = []
    for condition in conditions:
        common = _gcd(common, condition) if common else _trim(condition)
    return [v / common[-1] for v in common] if common else []


def _roots_of(conditions: Poly, special: Poly) -> list[Fraction] | None:
    """The values of ``p`` to look at: the rational roots of ``conditions`` (its other roots
    must lie outside ``[0, 1]``: there they give isolated points outside the simplex) and every
    root of ``special`` (where the elimination fails; all must be rational). ``None`` if not."""
    roots: list[Fraction] = []
    if len(_trim(special)) > 1:
        found = poly_roots(special)
        if found is None:
            return None
        roots += found
    if len(_trim(conditions)) > 1:
        rational, rest = _rational_roots(conditions)
        if len(rest) > 1 and _roots_in_unit_interval(rest):
            return None
        roots += rational
    return sorted(set(roots))


def _linear_in(system: SupportSystem, player: int, a: int, other: int) -> _Linear:
    """``player``'s conditions as a system linear in ``other``'s probabilities, affine in ``p``
    (``a``'s unknown)."""
    rows = []
    for owner, tensor in system.equations:
        if owner != player:
            continue
        matrix = tensor if a < other else tensor.T  # axes (a, other)
        rows.append(
            [
                _trim([Fraction(int(matrix[0, k])), Fraction(int(matrix[1, k]))])
                for k in range(matrix.shape[1])
            ]
        )
    return _Linear(rows, len(system.supports[other]) - 1)


Point = list[Fraction]
Fibre = list[tuple[Point, Point]] | str


def _fibre(setting: _Setting, p: Fraction) -> Fibre:
    """The solutions with ``a``'s probability fixed at ``p``: a list of ``(y, z)``, or
    ``"continuum"``."""
    y_space = _affine(setting.y_system.at(p), setting.y_system.width)
    z_space = _affine(setting.z_system.at(p), setting.z_system.width)
    if y_space is None or z_space is None:
        return []
    (y0, y_basis), (z0, z_basis) = y_space, z_space
    matrix = setting.matrix
    if matrix is None:
        return "continuum" if y_basis or z_basis else [(y0, z0)]
    if y_basis and z_basis:
        return _bilinear_fibre(matrix, (y0, y_basis), (z0, z_basis))
    if not y_basis and not z_basis:
        return [(y0, z0)] if _form(matrix, [1, *y0], [1, *z0]) == 0 else []
    if not y_basis:  # y fixed: a's condition is affine on z's line, plane, ...
        along_z = _affine_fibre(_slopes(matrix, y0, z0, z_basis), z0, z_basis)
        return along_z if isinstance(along_z, str) else [(y0, z) for z in along_z]
    transposed = matrix.T
    found = _affine_fibre(_slopes(transposed, z0, y0, y_basis), y0, y_basis)
    return found if isinstance(found, str) else [(y, z0) for y in found]


def _slopes(
    matrix: np.ndarray, fixed: Point, base: Point, basis: list[Point]
) -> tuple[Fraction, list[Fraction]]:
    """a's condition along ``base + sum t_k basis_k`` with the other side ``fixed``: its value at
    ``base`` and its slope along each direction."""
    value = _form(matrix, [1, *fixed], [1, *base])
    return value, [_form(matrix, [1, *fixed], [0, *v]) for v in basis]


def _affine_fibre(
    line: tuple[Fraction, list[Fraction]], base: Point, basis: list[Point]
) -> list[Point] | str:
    """The zeros of an affine function on ``base + span(basis)`` (one direction or more)."""
    value, slopes = line
    if not any(slopes):
        return "continuum" if value == 0 else []
    if len(slopes) > 1:
        return "continuum"  # a hyperplane of dimension >= 1
    t = -value / slopes[0]
    return [[u + t * v for u, v in zip(base, basis[0], strict=True)]]


def _bilinear_fibre(
    matrix: np.ndarray, y: tuple[Point, list[Point]], z: tuple[Point, list[Point]]
) -> Fibre:
    """One bilinear equation on a product of positive dimension: a continuum unless it is a
    nonzero constant there."""
    (y0, y_basis), (z0, z_basis) = y, z
    varies = any(_form(matrix, [0, *u], [1, *z0]) for u in y_basis)
    varies = varies or any(_form(matrix, [1, *y0], [0, *v]) for v in z_basis)
    varies = varies or any(_form(matrix, [0, *u], [0, *v]) for u in y_basis for v in z_basis)
    return "continuum" if varies or _form(matrix, [1, *y0], [1, *z0]) == 0 else []


def _form(matrix: np.ndarray, y: Sequence[Fraction | int], z: Sequence[Fraction | int]) -> Fraction:
    return sum(
        (
            Fraction(int(matrix[i, k])) * y[i] * z[k]
            for i, k in zip(*np.nonzero(matrix), strict=True)
        ),
        Fraction(0),
    )


def _affine(
    rows: list[list[Fraction]], width: int
) -> tuple[list[Fraction], list[list[Fraction]]] | None:
    """The solutions ``x`` of ``row[0] + row[1:] . x = 0``: a point and a basis of directions, or
    ``None`` when there is none."""
    if width == 0:
        return None if any(row[0] != 0 for row in rows) else ([], [])
    augmented = [[*row[1:], -row[0]] for row in rows]
    reduced, pivots = integer_row_reduce(augmented) if augmented else ([], [])
    if width in pivots:
        return None
    point = [Fraction(0)] * width
    for r, column in enumerate(pivots):
        point[column] = Fraction(reduced[r][-1], reduced[r][column])
    basis = []
    for free in (k for k in range(width) if k not in pivots):
        direction = [Fraction(0)] * width
        direction[free] = Fraction(1)
        for r, column in enumerate(pivots):
            direction[column] = Fraction(-reduced[r][free], reduced[r][column])
        basis.append(direction)
    return point, basis


def _profiles(system: SupportSystem, unknowns: dict[int, list[Fraction]]) -> list[Profile]:
    values: list[Fraction] = []
    for j in range(len(system.supports)):
        values += unknowns.get(j, [])
    profile = system.profile(values)
    return [] if profile is None else [profile]
