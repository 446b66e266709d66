"""One-at-a-time margins of any kind's claims: the smallest change of one number, the others at
the baseline, that changes a claim.

Each direction of a number's range is probed at :data:`PROBES` evenly spaced points (a discrete
or whole-number range: at each of its values, nearest first). A change found between two probes
is bisected with exact rationals down to ``1e-10``; the simplest rational in the final bracket is
the threshold when the exact solvers confirm it (the claim changes at it, or just beyond it), and
is reported exactly; otherwise the margin is the float end of the bracket. The margin is signed
(negative: a decrease) and ``None`` when no probed value within the range changes the claim.

>>> from fractions import Fraction
>>> from negotiate.model import CoalitionGame
>>> from negotiate.model.uncertainty import UncertainNumber
>>> game = CoalitionGame.from_values(id="g", title="G", players=["a", "b"],
...                                  values={"a": 0, "b": 0, "a+b": 3})
>>> def positive(game, claims):   # the claim: the pair is worth more than 1
...     return (game.worth[3] > 1,)
>>> claim = type("C", (), {"id": "c", "target": True})()
>>> numbers = [UncertainNumber(path="value.a+b", baseline=3, low=0, high=4)]
>>> margins(game, [claim], numbers, positive)["c"]["value.a+b"]
Margin(value=Fraction(-2, 1), exact=True)
>>> simplest_between(Fraction(333, 1000), Fraction(334, 1000))
Fraction(1, 3)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Sequence
from fractions import Fraction
from typing import Any

import attrs

from negotiate.errors import InvalidGameError
from negotiate.exact.numbers import Number
from negotiate.model.paths import vary
from negotiate.model.uncertainty import UncertainNumber

__all__ = ["PROBES", "Margin", "margins", "simplest_between"]

PROBES = 16
"""Probes per direction of a continuous range."""
_PRECISION = Fraction(1, 10**10)
_CHECK = Fraction(1, 10**14)


@attrs.frozen
class Margin:
    """A signed smallest change (``value``; ``None``: none within the range) and whether it is
    an exact rational (else a float verified to bracket the threshold within ``1e-9``)."""

    value: Number | None
    exact: bool = True


def simplest_between(low: Fraction, high: Fraction) -> Fraction:
    """The rational of smallest denominator in ``[low, high]`` (Stern-Brocot)."""
    if low <= 0 <= high:
        return Fraction(0)
    if high < 0:
        return -simplest_between(-high, -low)
    whole = math.floor(low)
    if whole == low or whole + 1 <= high:
        return Fraction(whole if whole == low else whole + 1)
    return whole + 1 / simplest_between(1 / (high - whole), 1 / (low - whole))


class _Search:
    """The margins of every claim for one number."""

    def __init__(
        self,
        game: Any,
        claims: Sequence[Any],
        number: UncertainNumber,
        statistics: Callable[[Any, Sequence[Any]], tuple[Hashable, ...]],
    ) -> None:
        self.game, self.claims, self.number, self.statistics = game, claims, number, statistics
        self.exact = isinstance(number.baseline, int | Fraction)
        self.cache: dict[Number, tuple[bool, ...]] = {}

    def holds(self, t: Number) -> tuple[bool, ...]:
        if t not in self.cache:
            value = self.number.baseline + (Fraction(t) if self.exact else float(t))
            if self.number.whole:
                value = int(value)
            try:
                stats = self.statistics(vary(self.game, self.number.path, value), self.claims)
                self.cache[t] = tuple(
                    s == c.target for s, c in zip(stats, self.claims, strict=True)
                )
            except InvalidGameError:
                self.cache[t] = (False,) * len(self.claims)
        return self.cache[t]

    def refine(self, before: Number, after: Number, claim: int) -> Margin:
        if not self.exact:
            x, y = float(before), float(after)
            while abs(y - x) > 1e-10:
                half = (x + y) / 2
                x, y = (x, half) if not self.holds(half)[claim] else (half, y)
            return Margin(y, exact=False)
        a, b = Fraction(before), Fraction(after)
        while abs(b - a) > _PRECISION:
            middle = (a + b) / 2
            a, b = (a, middle) if not self.holds(middle)[claim] else (middle, b)
        r = simplest_between(min(a, b), max(a, b))
        step = _CHECK if b > a else -_CHECK
        fails_at = not self.holds(r)[claim] and self.holds(r - step)[claim]
        fails_after = self.holds(r)[claim] and not self.holds(r + step)[claim]
        return Margin(r) if fails_at or fails_after else Margin(float(b), exact=False)

    def discrete(self) -> list[Margin]:
        found: list[Margin | None] = [None] * len(self.claims)
        number = self.number
        values = number.values or range(math.ceil(number.low), math.floor(number.high) + 1)
        changes: list[Number] = sorted(
            {v - number.baseline for v in values} - {0}, key=lambda t: abs(float(t))
        )
        for t in changes:
            for k, held in enumerate(self.holds(t)):
                if not held and found[k] is None:
                    found[k] = Margin(t, exact=self.exact)
        return [m or Margin(None) for m in found]

    def margins(self) -> list[Margin]:
        number = self.number
        if number.values or number.whole:
            return self.discrete()
        best: list[list[Margin]] = [[] for _ in self.claims]
        for end in (number.high - number.baseline, number.low - number.baseline):
            if end == 0:
                continue
            probes = [
                end * Fraction(k, PROBES) if self.exact else end * k / PROBES
                for k in range(PROBES + 1)
            ]
            for k in range(len(self.claims)):
                for j in range(1, len(probes)):
                    if not self.holds(probes[j])[k]:
                        best[k].append(self.refine(probes[j - 1], probes[j], k))
                        break
        return [
            min(options, key=lambda m: abs(float(m.value))) if options else Margin(None)  # type: ignore[arg-type]
            for options in best
        ]


def margins(
    game: Any,
    claims: Sequence[Any],
    numbers: Sequence[UncertainNumber],
    statistics: Callable[[Any, Sequence[Any]], tuple[Hashable, ...]],
) -> dict[str, dict[str, Margin]]:
    """``claim id -> path -> Margin`` for every claim (with ``id`` and ``target``) and uncertain
    number of ``game``; ``statistics(game, claims)`` evaluates the claims exactly."""
    out: dict[str, dict[str, Margin]] = {c.id: {} for c in claims}
    for number in numbers:
        search = _Search(game, claims, number, statistics)
        for claim, margin in zip(claims, search.margins(), strict=True):
            out[claim.id][number.path] = margin
    return out
