"""The size limits of a game, checked when a file is loaded, before any work.

Each limit has a name, a default that keeps every command within seconds and a few hundred
megabytes on a small machine, and can be raised for one run (``negotiate --limits
packages=5000000,cells=200000 solve FILE``) or in code (:func:`using`). A refusal names the limit
and says how to raise it.

>>> current().packages
1000000
>>> check("packages", 3 * 10**6, "issue")
Traceback (most recent call last):
...
negotiate.errors.InvalidGameError: issue: 3000000 packages is over the limit of 1000000 ...
>>> with using(parse("packages=5000000")):
...     check("packages", 3 * 10**6, "issue")
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager

from negotiate.errors import InvalidGameError

__all__ = ["LIMIT_NAMES", "Limits", "check", "current", "parse", "set_limits", "using"]


@dataclasses.dataclass(frozen=True)
class Limits:
    """The limits in force; every field is a whole number, the largest value allowed."""

    file_bytes: int = 64 * 2**20
    """Size of a game file in bytes (64 MB)."""
    nesting: int = 64
    """Depth of arrays and inline tables nested in one another."""
    digits: int = 100
    """Digits of an exact number: an integer, or the digits of a string's number."""
    exponent: int = 100
    """Absolute value of the exponent of a decimal string (``"1.5e100"``)."""
    magnitude_exponent: int = 100
    """Every number, exact or float, is at most 10^this in absolute value."""
    packages: int = 1_000_000
    """Packages of a negotiation (the product of the issues' option counts)."""
    cells: int = 2_500
    """Pure profiles of a strategic game (the product of the players' strategy counts)."""
    nodes: int = 100_000
    """Nodes of a game tree."""
    depth: int = 10_000
    """Depth of a game tree (edges from the root to the deepest leaf)."""
    voters: int = 2_000
    """Voters of a weighted voting body (the sum of the blocs' counts)."""
    blocs: int = 200
    """Blocs of a weighted voting body."""
    players: int = 14
    """Players of a coalition game (its worths take 2^players entries; at most 24)."""
    steps: int = 1_000
    """Steps of a sweep."""
    scenarios: int = 50
    """Scenarios of a negotiation (each is checked at load and solved by ``solve``)."""
    samples: int = 100_000
    """Samples of a robustness study."""

    def replace(self, **changes: int) -> Limits:
        """These limits with some changed."""
        return dataclasses.replace(self, **changes)


LIMIT_NAMES = tuple(field.name for field in dataclasses.fields(Limits))
"""The names of the limits, as ``--limits`` takes them."""

_HARD = {"players": 24}
"""Limits that no option raises beyond this (the model's own bound)."""

_current = Limits()


def current() -> Limits:
    """The limits in force."""
    return _current


def set_limits(limits: Limits) -> None:
    """Make ``limits`` the limits in force for the rest of the process."""
    global _current
    _current = limits


@contextmanager
def using(limits: Limits) -> Iterator[Limits]:
    """Put ``limits`` in force inside a ``with`` block."""
    before = current()
    set_limits(limits)
    try:
        yield limits
    finally:
        set_limits(before)


def parse(text: str, base: Limits | None = None) -> Limits:
    """Read ``NAME=N,NAME=N`` (as ``--limits`` takes it) over ``base`` (default: the defaults).

    >>> parse("cells=200000, steps=5000").steps
    5000
    >>> parse("cels=1")
    Traceback (most recent call last):
    ...
    negotiate.errors.InvalidGameError: --limits: unknown limit `cels` (did you mean `cells`?)
    """
    changes = dict(_setting(part) for part in text.split(",") if part.strip())
    return (base or Limits()).replace(**changes)


def _setting(part: str) -> tuple[str, int]:
    """One ``NAME=N`` of ``--limits``."""
    import difflib

    name, equals, value = (piece.strip() for piece in part.partition("="))
    if name not in LIMIT_NAMES:
        close = difflib.get_close_matches(name, LIMIT_NAMES, n=1)
        hint = f"did you mean `{close[0]}`?" if close else "one of: " + ", ".join(LIMIT_NAMES)
        raise InvalidGameError(f"unknown limit `{name[:40]}` ({hint})", "--limits")
    number = value.replace("_", "")
    if not equals or not number.isdigit() or len(number) > 18 or int(number) < 1:
        raise InvalidGameError(
            f"expected {name}=N with N a whole number >= 1 (got {value[:40]!r})", "--limits"
        )
    if int(number) > _HARD.get(name, int(number)):
        raise InvalidGameError(
            f"{name} cannot be raised above {_HARD[name]} (got {number})", "--limits"
        )
    return name, int(number)


def check(name: str, value: int, path: str = "", what: str | None = None) -> None:
    """Raise :class:`~negotiate.errors.InvalidGameError` at ``path`` when ``value`` is over the
    limit ``name``; ``what`` names the counted thing (default: the limit's name)."""
    limit: int = getattr(current(), name)
    if value > limit:
        raise InvalidGameError(
            f"{value} {what or name} is over the limit of {limit} "
            f"(raise it with --limits {name}=N)",
            path,
        )
