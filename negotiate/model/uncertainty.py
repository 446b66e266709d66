"""What a negotiation's modeller is unsure of, and the conclusions to test against it.

``[uncertainty]`` gives a ``spread`` (every part-worth, interaction value and constituency weight
varies uniformly within ``+-spread`` of its value) and ``[[uncertainty.range]]`` entries that say
otherwise for one number: a uniform ``low``..``high`` range or equally likely discrete
``values``. ``[[conclusion]]`` names a conclusion as data: a solution's package matches a pattern.

>>> from negotiate.model import NegotiationGame, Party, Issue
>>> game = NegotiationGame(
...     id="g", title="G", parties=[Party(id="us", values={"a": {"y": 2}})],
...     issues=[Issue(id="a", options=["n", "y"])],
...     uncertainty=Uncertainty(spread=1, ranges=[Range(path="party.us.power", values=[1, 2])]),
... )
>>> [(u.path, str(u.low), str(u.high), u.values) for u in uncertain_numbers(game)]
[('values.us.a.y', '1', '3', ()), ('party.us.power', '1', '2', (Fraction(1, 1), Fraction(2, 1)))]
>>> Range(path="values.us.a.y", low=3, high=1)
Traceback (most recent call last):
...
negotiate.errors.InvalidGameError: low: expected low <= high (got low 3 > high 1)
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Any

import attrs

from negotiate.errors import InvalidGameError
from negotiate.exact.numbers import Number, parse_number
from negotiate.model._common import (
    FrozenMap,
    check_reference,
    check_unique,
    in_range,
    mapping_of,
    number,
    optional_number,
    string_tuple,
    validate_id,
)
from negotiate.model.kind_paths import canonical, spread_bounds, whole
from negotiate.model.paths import number_paths, parameter_value, parse_path, vary

__all__ = [
    "SOLUTIONS",
    "Conclusion",
    "Range",
    "UncertainNumber",
    "Uncertainty",
    "check_conclusions",
    "check_uncertainty",
    "uncertain_numbers",
]

SOLUTIONS = ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian", "linked")
"""The solutions a ``[[conclusion]]`` may name."""


def _numbers(values: Iterable[Any]) -> tuple[Number, ...]:
    return tuple(parse_number(v, f"values[{k}]") for k, v in enumerate(values))


@attrs.frozen(kw_only=True)
class Range:
    """One number's uncertainty: uniform on ``[low, high]``, or one of ``values`` (equally
    likely)."""

    path: str
    low: Number | None = attrs.field(default=None, converter=optional_number)
    high: Number | None = attrs.field(default=None, converter=optional_number)
    values: tuple[Number, ...] = attrs.field(default=(), converter=_numbers)

    def __attrs_post_init__(self) -> None:
        bounded = self.low is not None or self.high is not None
        if bounded and self.values:
            raise InvalidGameError("give either `low` and `high` or `values`, not both", "values")
        if not bounded and not self.values:
            raise InvalidGameError("a range needs `low` and `high`, or `values`", "path")
        if bounded and (self.low is None or self.high is None):
            missing = "low" if self.low is None else "high"
            raise InvalidGameError(f"missing required key `{missing}`", missing)
        if self.low is not None and self.high is not None and self.low > self.high:
            raise InvalidGameError(
                f"expected low <= high (got low {self.low} > high {self.high})", "low"
            )


def _tuple_of_range(values: Iterable[Range]) -> tuple[Range, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class Uncertainty:
    """A game's ``[uncertainty]``: a default ``spread`` and per-number ``ranges``."""

    spread: Number = attrs.field(default=0, converter=number, validator=in_range(0))
    ranges: tuple[Range, ...] = attrs.field(default=(), converter=_tuple_of_range)


def _pattern(value: object) -> FrozenMap[str, tuple[str, ...]]:
    items = mapping_of(value, "package")
    return FrozenMap((issue, string_tuple(options)) for issue, options in items.items())


@attrs.frozen(kw_only=True)
class Conclusion:
    """A named conclusion: ``solution``'s package (the first, when several tie) matches
    ``package`` (issue -> the options allowed; issues not named may be anything)."""

    id: str = attrs.field(validator=validate_id)
    name: str = ""
    solution: str = "nash"
    package: FrozenMap[str, tuple[str, ...]] = attrs.field(factory=FrozenMap, converter=_pattern)

    def __attrs_post_init__(self) -> None:
        check_reference(self.solution, SOLUTIONS, "solution", "solution")

    @property
    def label(self) -> str:
        """Its name, or its id when it has none."""
        return self.name or self.id


@attrs.frozen(kw_only=True)
class UncertainNumber:
    """One number that varies: its path, its baseline value and its range (``values`` non-empty
    for a discrete choice, whose ``low`` and ``high`` are its extremes; ``whole``: only the whole
    numbers of the range, equally likely, as for a rule's count of members)."""

    path: str
    baseline: Number
    low: Number
    high: Number
    values: tuple[Number, ...] = ()
    whole: bool = False


def _check_range(game: Any, rule: Range, where: str) -> None:
    try:
        parse_path(game, rule.path)
    except InvalidGameError as error:
        raise InvalidGameError(error.message, f"{where}.path") from None
    if parameter_value(game, rule.path) is None:
        raise InvalidGameError(
            f"`{rule.path}` is not set in the game, so it has no value to vary", f"{where}.path"
        )
    for key, value in (("low", rule.low), ("high", rule.high)):
        if value is not None:
            _check_value(game, rule.path, value, f"{where}.{key}")
    for k, value in enumerate(rule.values):
        _check_value(game, rule.path, value, f"{where}.values[{k}]")


def _check_value(game: Any, path: str, value: Number, where: str) -> None:
    try:
        vary(game, path, value)
    except InvalidGameError as error:
        raise InvalidGameError(error.message, where) from None


def check_uncertainty(game: Any) -> None:
    """Raise at the first range of ``game.uncertainty`` naming an unknown number or a value its
    field refuses (key paths ``uncertainty.range[K]...``)."""
    if game.uncertainty is None:
        return
    bare = attrs.evolve(
        game, uncertainty=None, **({"conclusions": ()} if hasattr(game, "conclusions") else {})
    )
    seen: set[str] = set()
    for k, rule in enumerate(game.uncertainty.ranges):
        where = f"uncertainty.range[{k}]"
        _check_range(bare, rule, where)
        if canonical(bare, rule.path) in seen:
            raise InvalidGameError(f"`{rule.path}` has two ranges", f"{where}.path")
        seen.add(canonical(bare, rule.path))


def check_conclusions(game: Any) -> None:
    """Raise at the first ``[[conclusion]]`` naming an unknown issue or option."""
    check_unique([c.id for c in game.conclusions], "conclusion", "conclusion")
    for k, conclusion in enumerate(game.conclusions):
        for issue_id, options in conclusion.package.items():
            where = f"conclusion[{k}].package.{issue_id}"
            check_reference(issue_id, game.issue_ids, "issue", where)
            for option in options:
                check_reference(
                    option, game.issue(issue_id).options, f"option of `{issue_id}`", where
                )


def _spread_number(game: Any, path: str, spread: Number) -> UncertainNumber:
    value = parameter_value(game, path)
    assert value is not None
    low, high = value - spread, value + spread
    floor, ceiling = spread_bounds(game, path)
    zero = Fraction(0) if isinstance(value, Fraction) else 0.0
    if floor is not None:
        low = max(low, floor + zero)
    if ceiling is not None:
        high = min(high, ceiling + zero)
    return UncertainNumber(path=path, baseline=value, low=low, high=high, whole=whole(game, path))


def uncertain_numbers(game: Any, spread: Number | None = None) -> tuple[UncertainNumber, ...]:
    """Every number of ``game`` that varies: the spread's numbers (``spread`` overrides the
    file's; weights stay at or above 0), then the ranges' numbers not among them, in file order.
    A range replaces the spread for its number."""
    uncertainty = game.uncertainty or Uncertainty()
    spread = uncertainty.spread if spread is None else parse_number(spread, "spread")
    ranges = {canonical(game, r.path): r for r in uncertainty.ranges}
    paths = [p for p in number_paths(game) if spread > 0 or p in ranges]
    paths += [p for p in ranges if p not in paths]
    out = []
    for path in paths:
        rule = ranges.get(path)
        if rule is None:
            out.append(_spread_number(game, path, spread))
            continue
        value = parameter_value(game, path)
        assert value is not None
        if rule.values:
            low, high = min(rule.values), max(rule.values)
        else:
            assert rule.low is not None and rule.high is not None
            low, high = rule.low, rule.high
        out.append(
            UncertainNumber(
                path=path,
                baseline=value,
                low=low,
                high=high,
                values=rule.values,
                whole=whole(game, path),
            )
        )
    return tuple(out)
