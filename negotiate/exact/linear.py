"""Exact linear algebra over the rationals, for re-solving what floating point found."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


def row_reduce(
    rows: Sequence[Sequence[Fraction | int]],
) -> tuple[list[list[Fraction]], list[int]]:
    """The reduced row echelon form of a matrix in exact arithmetic, and its pivot columns.

    >>> reduced, pivots = row_reduce([[2, 4, 2], [1, 2, 3]])
    >>> [[str(v) for v in row] for row in reduced], pivots
    ([['1', '2', '0'], ['0', '0', '1']], [0, 2])
    """
    matrix = [[Fraction(v) for v in row] for row in rows]
    width = len(matrix[0]) if matrix else 0
    pivot_row = 0
    pivots: list[int] = []
    for column in range(width):
        pivot = next((r for r in range(pivot_row, len(matrix)) if matrix[r][column] != 0), None)
        if pivot is None:
            continue
        matrix[pivot_row], matrix[pivot] = matrix[pivot], matrix[pivot_row]
        head = matrix[pivot_row]
        inverse = 1 / head[column]
        head[:] = [v * inverse for v in head]
        for r, row in enumerate(matrix):
            if r != pivot_row and row[column] != 0:
                factor = row[column]
                row[:] = [a - factor * b for a, b in zip(row, head, strict=True)]
        pivots.append(column)
        pivot_row += 1
    return matrix, pivots


def solve_exact(
    rows: Sequence[Sequence[Fraction | int]], rhs: Sequence[Fraction | int]
) -> tuple[Fraction, ...] | None:
    """The unique solution of ``rows @ x = rhs`` in exact arithmetic, or ``None``.

    The system may have more equations than unknowns; ``None`` when it is inconsistent or its
    solution is not unique.

    >>> solve_exact([[2, 1], [1, 3], [3, 4]], [3, 4, 7])
    (Fraction(1, 1), Fraction(1, 1))
    >>> solve_exact([[1, 1], [2, 2]], [1, 2]) is None
    True
    """
    if not rows:
        return None
    width = len(rows[0])
    reduced, pivots = row_reduce([[*row, b] for row, b in zip(rows, rhs, strict=True)])
    if pivots != list(range(width)):  # a free variable, or an inconsistent equation
        return None
    return tuple(reduced[i][-1] for i in range(width))


def null_vector(rows: Sequence[Sequence[Fraction | int]], width: int) -> list[Fraction] | None:
    """The vector spanning the null space of ``rows`` (``width`` columns) when it has dimension
    one, with a 1 in its free coordinate; ``None`` otherwise.

    >>> [str(v) for v in null_vector([[1, -1, 0], [0, 1, -1]], 3)]
    ['1', '1', '1']
    """
    reduced, pivots = row_reduce(rows) if rows else ([], [])
    free = [c for c in range(width) if c not in pivots]
    if len(free) != 1:
        return None
    vector = [Fraction(0)] * width
    vector[free[0]] = Fraction(1)
    for i, column in enumerate(pivots):
        vector[column] = -reduced[i][free[0]]
    return vector


def integer_scaled(values: object) -> np.ndarray:
    """A numpy object array of Fractions scaled by the least common multiple of its denominators.

    Positive scaling changes neither best responses nor equilibria, and makes every entry an
    integer that floating point holds exactly (when it is not huge).
    """
    import math

    import numpy as np

    array = np.asarray(values, dtype=object)
    fractions = [Fraction(value) for value in array.flat]
    lcm = math.lcm(*(f.denominator for f in fractions)) if fractions else 1
    scaled = np.empty(array.shape, dtype=object)
    scaled.flat[:] = [f.numerator * (lcm // f.denominator) for f in fractions]
    return scaled


def integer_row_reduce(
    rows: Sequence[Sequence[Fraction | int]],
) -> tuple[list[list[int]], list[int]]:
    """A reduced row echelon form in integers (fraction-free Gauss-Jordan), and its pivot
    columns: row ``k`` is zero in every pivot column but ``pivots[k]``, and the entries of a
    row divided by its pivot give :func:`row_reduce`'s row. Faster than Fractions on small
    integer systems.

    >>> reduced, pivots = integer_row_reduce([[2, 4, 2], [1, 2, 3]])
    >>> reduced, pivots
    ([[1, 2, 0], [0, 0, 1]], [0, 2])
    """
    import math

    matrix: list[list[int]] = []
    for row in rows:
        scale = math.lcm(1, *(Fraction(v).denominator for v in row))
        matrix.append([int(Fraction(v) * scale) for v in row])
    width = len(matrix[0]) if matrix else 0
    pivots: list[int] = []
    top = 0
    for column in range(width):
        pivot = next((r for r in range(top, len(matrix)) if matrix[r][column]), None)
        if pivot is None:
            continue
        matrix[top], matrix[pivot] = matrix[pivot], matrix[top]
        head = matrix[top]
        for r, row in enumerate(matrix):
            if r != top and row[column]:
                factor, lead = row[column], head[column]
                row[:] = [lead * a - factor * b for a, b in zip(row, head, strict=True)]
                divisor = math.gcd(*row)
                if divisor > 1:
                    row[:] = [a // divisor for a in row]
        pivots.append(column)
        top += 1
    for row, column in zip(matrix, pivots, strict=False):
        divisor = math.gcd(*row) * (1 if row[column] > 0 else -1)
        row[:] = [a // divisor for a in row]
    return matrix, pivots
