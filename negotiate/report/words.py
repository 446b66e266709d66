"""Small words of the reports: counts with the right plural, verbs that agree, lists in prose.

>>> count(1, "package"), count(6, "package"), count(0, "party", "parties")
('1 package', '6 packages', '0 parties')
>>> f"{count(1, 'package')} {agree(1, 'is', 'are')} ratified"
'1 package is ratified'
>>> in_prose(["us", "mx", "ca"]), in_prose(["us"]), in_prose([])
('us, mx and ca', 'us', '')
>>> signed(3), signed(-1), signed(0)
('+3', '-1', '0')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from negotiate.exact.numbers import to_text

__all__ = ["agree", "count", "in_prose", "plural", "signed"]


def plural(n: int, noun: str, plural_form: str | None = None) -> str:
    """``noun`` for one, its plural (``noun + "s"`` unless given) for any other number."""
    return noun if n == 1 else plural_form or noun + "s"


def count(n: int, noun: str, plural_form: str | None = None) -> str:
    """``n`` and its noun: ``"1 package"``, ``"1,250 packages"``."""
    return f"{n:,} {plural(n, noun, plural_form)}"


def agree(n: int, singular: str, plural_form: str) -> str:
    """The verb agreeing with a count: ``agree(1, "is", "are") == "is"``."""
    return singular if n == 1 else plural_form


def in_prose(items: Sequence[str], conjunction: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def signed(value: Any) -> str:
    """A number with its sign: ``+3``, ``-1``, ``0``."""
    text = to_text(value)
    return f"+{text}" if value > 0 else text
