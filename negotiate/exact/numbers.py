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

from negotiate.errors import InvalidGameError, shorten, shown
from negotiate.limits import current

__all__ = [
    "Number",
    "absolute",
    "is_exact",
    "parse_number",
    "rational_root",
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
_PARTS = re.compile(
    r"[+-]?(?P<mantissa>[\d.]+)(?:[eE](?P<exponent>[+-]?\d+))?(?:/(?P<denominator>\d+))?"
)


def parse_number(value: object, path: str = "") -> Number:
    """Read one number of a game: ``int`` and rational strings exactly, ``float`` as it is.

    Raises :class:`~negotiate.errors.InvalidGameError` naming ``path`` for anything else,
    including booleans, NaN, infinities, a zero denominator and numbers beyond the bounds of
    :mod:`negotiate.limits` (digits, exponent, magnitude), checked before any arithmetic.

    >>> parse_number(3), parse_number(" -1.25 "), parse_number("10/4")
    (Fraction(3, 1), Fraction(-5, 4), Fraction(5, 2))
    >>> parse_number("1/0")
    Traceback (most recent call last):
    ...
    negotiate.errors.InvalidGameError: expected a number such as 3, 0.25 or "2/3" (got '1/0')
    >>> parse_number("1e999999999")
    Traceback (most recent call last):
    ...
    negotiate.errors.InvalidGameError: exponent 999999999 is beyond +-100 (the limit ...)
    """
    if isinstance(value, bool):
        raise InvalidGameError(f"expected a number (got the boolean {str(value).lower()})", path)
    if isinstance(value, Fraction | int):
        return _bounded(Fraction(value), path)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidGameError(f"expected a finite number (got {value})", path)
        bound = current().magnitude_exponent
        if bound <= 307 and abs(value) > 10.0**bound:
            raise InvalidGameError(_too_large(shown(value), bound), path)
        if value != 0 and bound <= 307 and abs(value) < 10.0**-bound:
            raise InvalidGameError(
                f"{shown(value)} is below 10^-{bound} in absolute value: write 0, or an exact "
                f'string such as "1e-{bound}" (the limit `magnitude_exponent`)',
                path,
            )
        return value
    if isinstance(value, str):
        number = _parse_string(value, path)
        if number is not None:
            return number
    raise InvalidGameError(f'expected a number such as 3, 0.25 or "2/3" (got {shown(value)})', path)


def _parse_string(value: str, path: str) -> Fraction | None:
    """The exact number in ``value``, or ``None`` if it holds none; bounds checked first."""
    if len(value) > 4 * current().digits + 40 and _RATIONAL.match(value[:100]):
        raise InvalidGameError(
            f"a number of {len(value)} characters is over the limit of "
            f"{current().digits} digits (raise it with --limits digits=N)",
            path,
        )
    if not _RATIONAL.fullmatch(value):
        return None
    compact = "".join(value.split())
    _check_digits(compact, path)
    try:
        number = Fraction(compact)
    except (ValueError, ZeroDivisionError):
        return None
    return _bounded(number, path)


def _too_large(value: str, bound: int) -> str:
    return (
        f"{value} is beyond 10^{bound} in absolute value "
        f"(the limit `magnitude_exponent`; raise it with --limits magnitude_exponent=N)"
    )


def _check_digits(compact: str, path: str) -> None:
    """Refuse a number string with too many digits or too large an exponent, before it is read."""
    limits = current()
    parts = _PARTS.fullmatch(compact)
    assert parts is not None, compact  # _RATIONAL matched
    exponent = parts.group("exponent")
    if exponent is not None and (
        len(exponent.lstrip("+-0")) > 18 or abs(int(exponent)) > limits.exponent
    ):
        shown_exponent = shorten(exponent.lstrip("+"), 20)
        raise InvalidGameError(
            f"exponent {shown_exponent} is beyond +-{limits.exponent} "
            "(the limit `exponent`; raise it with --limits exponent=N)",
            path,
        )
    digits = sum(c.isdigit() for c in parts.group("mantissa"))
    digits = max(digits, len(parts.group("denominator") or ""))
    if digits > limits.digits:
        raise InvalidGameError(
            f"{digits} digits is over the limit of {limits.digits} "
            "(raise it with --limits digits=N)",
            path,
        )


def _bounded(value: Fraction, path: str) -> Fraction:
    """``value`` if its magnitude is within the limits."""
    limits = current()
    bound = 10**limits.magnitude_exponent
    if abs(value.numerator) > bound * value.denominator:
        raise InvalidGameError(_too_large(_shown_fraction(value), limits.magnitude_exponent), path)
    return value


def _shown_fraction(value: Fraction) -> str:
    """A fraction for an error message, shortened when it is long.

    >>> _shown_fraction(Fraction(10**80, 3))
    '100000000000000000000000000000…000000000000000000000000000/3'
    """
    if value.numerator.bit_length() > 2000 or value.denominator.bit_length() > 2000:
        return f"<a number of {value.numerator.bit_length()}/{value.denominator.bit_length()} bits>"
    return shorten(str(value), 60)


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


def rational_root(value: Fraction, degree: int) -> Fraction | None:
    """The exact ``degree``-th root of a positive rational, or ``None`` when it is irrational.

    >>> rational_root(Fraction(8, 27), 3), rational_root(Fraction(2), 2)
    (Fraction(2, 3), None)
    """

    def integer(n: int) -> int | None:
        # Newton's iteration in integers from above: exact at any size
        root = 1 << -(-n.bit_length() // degree)
        while True:
            smaller = ((degree - 1) * root + n // root ** (degree - 1)) // degree
            if smaller >= root:
                return root if root**degree == n else None
            root = smaller

    top, bottom = integer(value.numerator), integer(value.denominator)
    return None if top is None or bottom is None else Fraction(top, bottom)
