"""Bargaining problems in utility space (``kind = "bargaining"``).

The feasible set is the comprehensive convex hull of ``points`` (every point they dominate, down
to the disagreement point), or, with ``pie``, every split of a pie of that size.

>>> problem = BargainingProblem(
...     id="split", title="Split a dollar", pie=1,
...     players=[BargainingPlayer(id="us", discount="9/10"),
...              BargainingPlayer(id="mx", discount="4/5")],
... )
>>> problem.first, problem.disagreement
('us', (Fraction(0, 1), Fraction(0, 1)))
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any, ClassVar

import attrs

from negotiate.errors import InvalidGameError
from negotiate.exact.numbers import Number, is_exact, parse_number
from negotiate.model._common import (
    GameHeader,
    check_reference,
    check_unique,
    in_range,
    number,
    optional_number,
    validate_id,
)
from negotiate.model.uncertainty import Uncertainty, check_uncertainty

__all__ = ["BargainingPlayer", "BargainingProblem"]


@attrs.frozen(kw_only=True)
class BargainingPlayer:
    """A bargainer: its disagreement utility, per-round discount factor and bargaining power.

    Examples
    --------
    >>> BargainingPlayer(id="mx", disagreement=0, discount="4/5").discount
    Fraction(4, 5)
    """

    id: str = attrs.field(validator=validate_id)
    name: str = ""
    disagreement: Number = attrs.field(default=0, converter=number)
    discount: Number = attrs.field(
        default=1, converter=number, validator=in_range(0, 1, low_open=True)
    )
    power: Number = attrs.field(default=1, converter=number, validator=in_range(0, low_open=True))


def _points(value: Any) -> tuple[tuple[Number, ...], ...] | None:
    if value is None:
        return None
    if not isinstance(value, list | tuple):
        raise InvalidGameError(f"expected a list of utility points (got {value!r})", "points")
    out = []
    for i, point in enumerate(value):
        if not isinstance(point, list | tuple):
            raise InvalidGameError(f"expected a list of utilities (got {point!r})", f"points[{i}]")
        out.append(tuple(parse_number(u, f"points[{i}][{k}]") for k, u in enumerate(point)))
    return tuple(out)


def _tuple_of_bargaining_player(values: Iterable[BargainingPlayer]) -> tuple[BargainingPlayer, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True, repr=False)
class BargainingProblem(GameHeader):
    """A bargaining problem ``(S, d)``; ``first`` proposes first in alternating offers.

    Examples
    --------
    >>> problem = BargainingProblem(id="b", title="B", points=[[0, 2], [2, 0]],
    ...                             players=[BargainingPlayer(id="us"), BargainingPlayer(id="mx")])
    >>> problem.player_ids
    ('us', 'mx')
    """

    kind: ClassVar[str] = "bargaining"

    players: tuple[BargainingPlayer, ...] = attrs.field(converter=_tuple_of_bargaining_player)
    points: tuple[tuple[Number, ...], ...] | None = attrs.field(default=None, converter=_points)
    pie: Number | None = attrs.field(default=None, converter=optional_number)
    first: str = ""
    uncertainty: Uncertainty | None = None

    @property
    def player_ids(self) -> tuple[str, ...]:
        """The players' ids, in order."""
        return tuple(p.id for p in self.players)

    @property
    def disagreement(self) -> tuple[Number, ...]:
        """The disagreement point ``d``."""
        return tuple(p.disagreement for p in self.players)

    @functools.cached_property
    def is_exact(self) -> bool:
        """Whether every number of the problem is exact (walked once per game)."""
        numbers: list[Any] = [
            v for p in self.players for v in (p.disagreement, p.discount, p.power)
        ]
        numbers += [u for point in self.points or () for u in point]
        numbers += [self.pie] if self.pie is not None else []
        return is_exact(*numbers)

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        check_uncertainty(self)

    def validate(self) -> None:
        """Check the players, and that exactly one of ``points`` and ``pie`` gives a feasible set
        reaching the disagreement point."""
        if len(self.players) < 2:
            raise InvalidGameError("a bargaining problem needs at least two [[player]]s", "player")
        for index, player in enumerate(self.players):
            if not isinstance(player, BargainingPlayer):
                raise InvalidGameError(
                    f"expected a BargainingPlayer (got {type(player).__name__})",
                    f"player[{index}]",
                )
        check_unique(self.player_ids, "player", "player")
        if not self.first:
            object.__setattr__(self, "first", self.players[0].id)
        check_reference(self.first, self.player_ids, "player", "game.first")
        if (self.points is None) == (self.pie is None):
            raise InvalidGameError(
                "give either `points` or `pie` in [game], not both and not neither", "game.points"
            )
        d = self.disagreement
        if self.pie is not None:
            if self.pie <= 0:
                raise InvalidGameError(f"expected a pie > 0 (got {self.pie})", "game.pie")
            if sum(d) > self.pie:
                raise InvalidGameError(
                    f"the disagreement utilities sum to {sum(d)}, more than the pie {self.pie}",
                    "player",
                )
            return
        assert self.points is not None
        if not self.points:
            raise InvalidGameError("expected at least one utility point", "game.points")
        for index, point in enumerate(self.points):
            if len(point) != len(self.players):
                raise InvalidGameError(
                    f"expected {len(self.players)} utilities, one per player (got {len(point)})",
                    f"game.points[{index}]",
                )
        if not any(all(u >= di for u, di in zip(p, d, strict=True)) for p in self.points):
            raise InvalidGameError(
                "no point gives every player at least its disagreement utility: "
                "the problem has no individually rational agreement",
                "game.points",
            )
