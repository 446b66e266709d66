"""Exact numbers: parsing the number forms of ``negotiate/1`` and printing results.

Integers and strings holding a rational or decimal (``"2/3"``, ``"0.25"``) become
:class:`fractions.Fraction`; floats stay floats. Nothing is ever evaluated.

>>> parse_number("2/3")
Fraction(2, 3)
>>> parse_number(0.5)
0.5
>>> to_json(Fraction(5, 7)), to_json(0.5)
('5/7', 0.5)
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import TypeAlias

from negotiate.errors import InvalidGameError

__all__ = [
    "Number",
    "absolute",
    "is_exact",
    "parse_number",
    "to_fraction_if_close",
    "to_json",
    "to_text",
]

Number: TypeAlias = Fraction | float
"""A number of a game: exact (:class:`~fractions.Fraction`) or inexact (``float``)."""


def absolute(value: Number) -> Number:
    """``abs(value)``, keeping its type (type checkers cannot infer ``abs`` of a union).

    >>> absolute(Fraction(-2, 3)), absolute(-0.5)
    (Fraction(2, 3), 0.5)
    """
    return -value if value < 0 else value


_RATIONAL = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?(\s*/\s*\d+)?\s*")


def parse_number(value: object, path: str = "") -> Number:
    """Read one number of a game: ``int`` and rational strings exactly, ``float`` as it is.

    Raises :class:`~negotiate.errors.InvalidGameError` naming ``path`` for anything else,
    including booleans, NaN, infinities and a zero denominator.

    >>> parse_number(3), parse_number(" -1.25 "), parse_number("10/4")
    (Fraction(3, 1), Fraction(-5, 4), Fraction(5, 2))
    >>> parse_number("1/0")
    Traceback (most recent call last):
    ...
    negotiate.errors.InvalidGameError: expected a number such as 3, 0.25 or "2/3" (got '1/0')
    """
    if isinstance(value, bool):
        raise InvalidGameError(f"expected a number (got the boolean {str(value).lower()})", path)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidGameError(f"expected a finite number (got {value})", path)
        return value
    if isinstance(value, str) and _RATIONAL.fullmatch(value):
        try:
            return Fraction(value.replace(" ", ""))
        except (ValueError, ZeroDivisionError):
            pass
    raise InvalidGameError(f'expected a number such as 3, 0.25 or "2/3" (got {value!r})', path)


def is_exact(*values: object) -> bool:
    """Whether every value is exact (no floats), looking inside nested tuples and lists.

    >>> is_exact(Fraction(1, 2), (Fraction(1), 2)), is_exact(Fraction(1), 0.5)
    (True, False)
    """
    for value in values:
        if isinstance(value, float):
            return False
        if isinstance(value, tuple | list) and not is_exact(*value):
            return False
        dtype = getattr(value, "dtype", None)
        if dtype is not None and dtype.kind != "O":
            return False
    return True


def to_json(value: Number | int) -> str | float:
    """The JSON form of a number: an exact one as a string (``"5/7"``), an inexact one as a float.

    >>> to_json(Fraction(3)), to_json(2)
    ('3', '2')
    """
    if isinstance(value, float):
        return value
    return str(Fraction(value))


def to_text(value: Number | int, digits: int = 4) -> str:
    """A number for people: fractions as ``5/7``, with a decimal where that helps.

    >>> to_text(Fraction(5, 7)), to_text(Fraction(3)), to_text(Fraction(1, 4)), to_text(0.123456)
    ('5/7 (0.7143)', '3', '1/4 (0.25)', '0.1235')
    """
    if isinstance(value, float):
        return (
            f"{value:.{digits}g}"
            if abs(value) < 1e-3 or abs(value) >= 1e6
            else (f"{round(value, digits):g}")
        )
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value} ({round(float(value), digits):g})"


def to_fraction_if_close(value: float, max_denominator: int = 10_000, tol: float = 1e-9) -> Number:
    """The simplest fraction within ``tol`` of ``value``, or ``value`` itself if none is that close.

    Used to recover exact answers from numerical algorithms; callers verify what they recover.

    >>> to_fraction_if_close(0.7142857142857143)
    Fraction(5, 7)
    """
    candidate = Fraction(value).limit_denominator(max_denominator)
    return candidate if abs(float(candidate) - value) <= tol else value
