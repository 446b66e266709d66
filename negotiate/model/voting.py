"""Voting bodies made of blocs of identical voters (``kind = "weighted_voting"``).

A coalition wins either when its weight reaches ``quota``, or when it meets every ``need`` of at
least one :class:`Rule` (members needed per bloc).

>>> council = VotingGame(
...     id="unsc", title="UN Security Council", quota=39,
...     blocs=[Bloc(id="permanent", count=5, weight=7), Bloc(id="elected", count=10, weight=1)],
... )
>>> council.voter_count, council.voters()[:2], council.voters()[-1]
(15, ('permanent_1', 'permanent_2'), 'elected_10')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

import attrs

from negotiate.errors import InvalidGameError
from negotiate.exact.numbers import Number
from negotiate.model._common import (
    FrozenMap,
    GameHeader,
    check_reference,
    check_unique,
    in_range,
    mapping_of,
    optional_number,
    validate_id,
)
from negotiate.model.uncertainty import Uncertainty, check_uncertainty

__all__ = ["Bloc", "Rule", "VotingGame"]


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidGameError(f"expected a whole number of members >= 1 (got {value!r})", "count")
    return value


@attrs.frozen(kw_only=True)
class Bloc:
    """``count`` identical voters, each of weight ``weight`` (used with a quota).

    Examples
    --------
    >>> Bloc(id="senate", count=100).voters()[:2]
    ('senate_1', 'senate_2')
    """

    id: str = attrs.field(validator=validate_id)
    count: int = attrs.field(default=1, converter=_count)
    weight: Number | None = attrs.field(
        default=None, converter=optional_number, validator=in_range(0)
    )
    name: str = ""

    def voters(self) -> tuple[str, ...]:
        """The voters' names: the bloc's id for a bloc of one, else ``id_1`` .. ``id_count``."""
        if self.count == 1:
            return (self.id,)
        return tuple(f"{self.id}_{k}" for k in range(1, self.count + 1))


def _need(value: object) -> FrozenMap[str, int]:
    items = mapping_of(value, "need")
    for bloc, count in items.items():
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise InvalidGameError(
                f"expected a whole number of members >= 0 (got {count!r})", f"need.{bloc}"
            )
    return FrozenMap(items)


@attrs.frozen(kw_only=True)
class Rule:
    """A winning rule: at least ``need[bloc]`` members of each listed bloc.

    Examples
    --------
    >>> Rule(need={"senate": 67, "house": 290}).need["senate"]
    67
    """

    need: FrozenMap[str, int] = attrs.field(converter=_need)


def _tuple_of_bloc(values: Iterable[Bloc]) -> tuple[Bloc, ...]:
    return tuple(values)


def _tuple_of_rule(values: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True, repr=False)
class VotingGame(GameHeader):
    """A simple game over the voters of some blocs: weighted with a ``quota``, or by ``rules``.

    Examples
    --------
    >>> body = VotingGame(id="v", title="V", quota=2, blocs=[Bloc(id="a", weight=1, count=3)])
    >>> body.voter_count
    3
    """

    kind: ClassVar[str] = "weighted_voting"

    blocs: tuple[Bloc, ...] = attrs.field(converter=_tuple_of_bloc)
    quota: Number | None = attrs.field(default=None, converter=optional_number)
    rules: tuple[Rule, ...] = attrs.field(default=(), converter=_tuple_of_rule)
    uncertainty: Uncertainty | None = None

    @property
    def bloc_ids(self) -> tuple[str, ...]:
        """The blocs' ids, in order."""
        return tuple(b.id for b in self.blocs)

    @property
    def voter_count(self) -> int:
        """The number of voters."""
        return sum(b.count for b in self.blocs)

    def voters(self) -> tuple[str, ...]:
        """Every voter's name, bloc by bloc."""
        return tuple(v for b in self.blocs for v in b.voters())

    def wins(self, members: dict[str, int]) -> bool:
        """Whether a coalition with ``members[bloc]`` members of each bloc wins.

        >>> body = VotingGame(id="b", title="B", blocs=[Bloc(id="a", count=3)],
        ...                   rules=[Rule(need={"a": 2})])
        >>> body.wins({"a": 2}), body.wins({"a": 1})
        (True, False)
        """
        if self.quota is not None:
            weight = sum((b.weight or 0) * members.get(b.id, 0) for b in self.blocs)
            return bool(weight >= self.quota)
        return any(
            all(members.get(bloc, 0) >= need for bloc, need in rule.need.items())
            for rule in self.rules
        )

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        check_uncertainty(self)

    def validate(self) -> None:
        """Check the blocs and that the game is either weighted or ruled, not both."""
        if not self.blocs:
            raise InvalidGameError("a voting body needs at least one [[bloc]]", "bloc")
        for index, bloc in enumerate(self.blocs):
            if not isinstance(bloc, Bloc):
                raise InvalidGameError(
                    f"expected a Bloc (got {type(bloc).__name__})", f"bloc[{index}]"
                )
        check_unique(self.bloc_ids, "bloc", "bloc")
        if (self.quota is None) == (not self.rules):
            raise InvalidGameError(
                "give either `quota` in [game] (with a `weight` per bloc) or [[rule]] tables, "
                "not both and not neither",
                "game.quota",
            )
        if self.quota is not None:
            if self.quota <= 0:
                raise InvalidGameError(f"expected a quota > 0 (got {self.quota})", "game.quota")
            for index, bloc in enumerate(self.blocs):
                if bloc.weight is None:
                    raise InvalidGameError(
                        "a weighted body needs a `weight` for every bloc", f"bloc[{index}].weight"
                    )
            total = sum((b.weight or 0) * b.count for b in self.blocs)
            if self.quota > total:
                raise InvalidGameError(
                    f"the quota {self.quota} exceeds the total weight {total}: nobody can win",
                    "game.quota",
                )
            return
        for index, bloc in enumerate(self.blocs):
            if bloc.weight is not None:
                raise InvalidGameError(
                    "`weight` is used only with a `quota`; rules count members",
                    f"bloc[{index}].weight",
                )
        counts = {b.id: b.count for b in self.blocs}
        for index, rule in enumerate(self.rules):
            if not isinstance(rule, Rule):
                raise InvalidGameError(
                    f"expected a Rule (got {type(rule).__name__})", f"rule[{index}]"
                )
            if not rule.need:
                raise InvalidGameError("a rule needs at least one bloc", f"rule[{index}].need")
            for bloc_id, need in rule.need.items():
                check_reference(bloc_id, counts, "bloc", f"rule[{index}].need.{bloc_id}")
                if need > counts[bloc_id]:
                    raise InvalidGameError(
                        f"needs {need} members but bloc `{bloc_id}` has {counts[bloc_id]}",
                        f"rule[{index}].need.{bloc_id}",
                    )
