"""Uncertain ratification: finite distributions on constituency reservations and quotas.

Negotiators may not know what their legislatures will accept (Iida 1993; Tarar 2001). A
:class:`Lottery` is a finite distribution: values with exact probabilities that sum to 1.
:class:`Lotteries` holds the lotteries of a negotiation, one per constituency reservation
(``reservations``) and one per party's ratification quota (``quotas``), all independent. In a
file, the number of ``[[constituency]].reservation`` or ``[[ratification]].quota`` is replaced by a
list of ``{ value, probability }`` tables.

The game's own ``reservation`` and ``quota`` fields then hold the *worst case for agreement*, the
largest value of positive probability: every analysis that ignores the uncertainty reads that
certain world.

>>> lottery = Lottery.parse([{"value": 60, "probability": "1/2"},
...                          {"value": 71, "probability": "1/2"}], "quota")
>>> lottery.worst, [str(p) for _, p in lottery.outcomes]
(Fraction(71, 1), ['1/2', '1/2'])
>>> Lottery.parse([{"value": 0, "probability": 0.5}, {"value": 1, "probability": 0.5}], "quota")
Traceback (most recent call last):
...
negotiate.errors.InvalidGameError: quota[0].probability: expected an exact probability ...
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import attrs

from negotiate.errors import InvalidGameError
from negotiate.exact.numbers import Number, parse_number
from negotiate.model._common import FrozenMap, check_reference

__all__ = [
    "EXECUTIVE_RESERVATION",
    "Lotteries",
    "Lottery",
    "certain_override",
    "check_lotteries",
    "scenario_lotteries",
]

EXECUTIVE_RESERVATION = (
    "an executive's reservation is a number; distributions are for constituency reservations "
    "and ratification quotas"
)
"""The error for a distribution on a party's own reservation (not supported)."""

Outcome = tuple[Number, Fraction]
"""One value of a lottery and its probability."""


def _outcomes(values: Iterable[tuple[Any, Any]]) -> tuple[Outcome, ...]:
    out = []
    for index, (value, probability) in enumerate(values):
        path = f"[{index}]"
        number = parse_number(value, f"{path}.value")
        chance = parse_number(probability, f"{path}.probability")
        if not isinstance(chance, Fraction):
            raise InvalidGameError(
                f'expected an exact probability such as "1/3" or 0 (got the float {chance})',
                f"{path}.probability",
            )
        if chance < 0:
            raise InvalidGameError(
                f"expected a probability >= 0 (got {chance})", f"{path}.probability"
            )
        out.append((number, chance))
    return tuple(out)


@attrs.frozen
class Lottery:
    """A finite distribution of a number: ``(value, probability)`` pairs, probabilities exact,
    non-negative and summing to 1 exactly."""

    outcomes: tuple[Outcome, ...] = attrs.field(converter=_outcomes)

    def __attrs_post_init__(self) -> None:
        if not self.outcomes:
            raise InvalidGameError("a distribution needs at least one value (got an empty list)")
        total = sum((p for _, p in self.outcomes), Fraction(0))
        if total != 1:
            raise InvalidGameError(f"the probabilities must sum to 1 (they sum to {total})")

    @classmethod
    def parse(cls, items: object, path: str) -> Lottery:
        """A lottery from a file's list of ``{ value, probability }`` tables (errors name
        ``path``)."""
        if not isinstance(items, list):
            raise InvalidGameError("expected a list of { value, probability } tables", path)
        pairs = []
        for index, item in enumerate(items):
            where = f"{path}[{index}]"
            if not isinstance(item, Mapping):
                raise InvalidGameError(
                    f"expected a table {{ value = ..., probability = ... }} (got {item!r})", where
                )
            for key in item:
                check_reference(key, ("value", "probability"), "key", f"{where}.{key}")
            for key in ("value", "probability"):
                if key not in item:
                    raise InvalidGameError(f"missing required key `{key}`", f"{where}.{key}")
            pairs.append((item["value"], item["probability"]))
        try:
            return cls(pairs)
        except InvalidGameError as error:
            raise error.at(path) from None

    @property
    def support(self) -> tuple[Outcome, ...]:
        """The outcomes of positive probability, in the order given."""
        return tuple(o for o in self.outcomes if o[1] > 0)

    @property
    def worst(self) -> Number:
        """The largest value of positive probability: the worst case for agreement when the
        number is a reservation or a quota."""
        return max(v for v, _ in self.support)

    def to_file(self) -> list[dict[str, Number]]:
        """The list of ``{ value, probability }`` tables a file writes."""
        return [{"value": v, "probability": p} for v, p in self.outcomes]


def _lotteries(values: Mapping[str, Lottery]) -> FrozenMap[str, Lottery]:
    return FrozenMap(values)


@attrs.frozen(kw_only=True)
class Lotteries:
    """The independent lotteries of a negotiation: ``reservations`` (constituency id ->
    lottery of its reservation) and ``quotas`` (party id -> lottery of its quota)."""

    reservations: FrozenMap[str, Lottery] = attrs.field(factory=FrozenMap, converter=_lotteries)
    quotas: FrozenMap[str, Lottery] = attrs.field(factory=FrozenMap, converter=_lotteries)

    def __bool__(self) -> bool:
        return bool(self.reservations or self.quotas)

    def without_quotas(
        self, parties: Iterable[str], added: Mapping[str, Lottery] | None = None
    ) -> Lotteries:
        """These lotteries, less the quota lotteries of ``parties`` (made certain), plus the
        quota lotteries ``added``."""
        dropped = set(parties)
        kept = {p: q for p, q in self.quotas.items() if p not in dropped}
        return attrs.evolve(self, quotas=kept | dict(added or {}))


def check_lotteries(
    lotteries: Lotteries,
    reservations: Mapping[str, tuple[int, Number | None]],
    quotas: Mapping[str, tuple[int, Number]],
) -> None:
    """Raise unless every lottery belongs to a constituency (``id -> (index, reservation)``) or
    a ratification rule (``party -> (index, quota)``) whose certain value is its worst case."""
    if not isinstance(lotteries, Lotteries):
        raise InvalidGameError(f"expected Lotteries (got {type(lotteries).__name__})", "lotteries")
    tables = (
        ("constituency", "reservation", lotteries.reservations, reservations),
        ("ratification", "quota", lotteries.quotas, quotas),
    )
    for table, key, held, owners in tables:
        for owner, lottery in held.items():
            what = "constituency" if table == "constituency" else "party with a [[ratification]]"
            check_reference(owner, owners, what, f"lotteries.{table}.{owner}")
            if not isinstance(lottery, Lottery):
                raise InvalidGameError(
                    f"expected a Lottery (got {type(lottery).__name__})",
                    f"lotteries.{table}.{owner}",
                )
            index, certain = owners[owner]
            if certain != lottery.worst:
                raise InvalidGameError(
                    f"an uncertain {key} is held as its worst case for agreement, the largest "
                    f"value {lottery.worst} (got {certain})",
                    f"{table}[{index}].{key}",
                )


def certain_override(
    fields: Mapping[str, Any], key: str, path: str
) -> tuple[dict[str, Any], Lottery | None]:
    """A scenario's field overrides with a distribution at ``key`` replaced by its worst case,
    and that distribution (``None`` when ``key`` is not a distribution).

    >>> certain_override({"quota": [{"value": 1, "probability": 1}]}, "quota", "q")[0]
    {'quota': Fraction(1, 1)}
    """
    out = dict(fields)
    if not isinstance(out.get(key), list):
        return out, None
    lottery = Lottery.parse(out[key], f"{path}.{key}")
    out[key] = lottery.worst
    return out, lottery


def scenario_lotteries(
    lotteries: Lotteries,
    constituency: Mapping[str, Mapping[str, Any]],
    ratification: Mapping[str, Mapping[str, Any]],
    where: str,
) -> Lotteries:
    """The lotteries once a scenario is merged in: a reservation or quota that the scenario sets
    to a number becomes certain, one it sets to a distribution takes that distribution. Errors
    name ``where`` (``scenario[0]``).

    >>> base = Lotteries(quotas={"us": Lottery([(60, "1/2"), (71, "1/2")])})
    >>> after = scenario_lotteries(
    ...     base, {"dem": {"reservation": [{"value": 0, "probability": "1/4"},
    ...                                    {"value": 2, "probability": "3/4"}]}},
    ...     {"us": {"quota": 60}}, "scenario[0]")
    >>> dict(after.quotas), after.reservations["dem"].worst
    ({}, Fraction(2, 1))
    """

    def merged(
        held: Mapping[str, Lottery],
        overrides: Mapping[str, Mapping[str, Any]],
        key: str,
        table: str,
    ) -> dict[str, Lottery]:
        out = dict(held)
        for owner, fields in overrides.items():
            if key in fields:
                out.pop(owner, None)
                lottery = certain_override(fields, key, f"{where}.{table}.{owner}")[1]
                if lottery is not None:
                    out[owner] = lottery
        return out

    return Lotteries(
        reservations=merged(lotteries.reservations, constituency, "reservation", "constituency"),
        quotas=merged(lotteries.quotas, ratification, "quota", "ratification"),
    )
