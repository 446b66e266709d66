"""Transferable-utility coalitional games (``kind = "coalition"``).

The worth of every coalition is kept in one tuple indexed by bitmask: bit ``k`` stands for
``players[k]``, so ``worth[0b101]`` is the worth of the first and third players together.

>>> game = CoalitionGame.from_values(
...     id="glove", title="Glove game", players=["left", "right_1", "right_2"],
...     values={"left+right_1": 1, "left+right_2": 1, "left+right_1+right_2": 1},
...     default_value=0,
... )
>>> game.value(["left", "right_2"]), game.value([]), game.worth[0b011]
(Fraction(1, 1), Fraction(0, 1), Fraction(1, 1))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

import attrs

from negotiate.errors import GameTooLargeError, InvalidGameError
from negotiate.exact.numbers import Number, is_exact, parse_number
from negotiate.model._common import (
    GameHeader,
    check_id,
    check_reference,
    check_unique,
    string_tuple,
)
from negotiate.model.uncertainty import Uncertainty, check_uncertainty

__all__ = ["MAX_COALITION_PLAYERS", "CoalitionGame"]

MAX_COALITION_PLAYERS = 24
"""The most players a coalition game may have: its worths take ``2**n`` entries."""


def _worth(value: Iterable[Any]) -> tuple[Number, ...]:
    return tuple(parse_number(v, f"worth[{k}]") for k, v in enumerate(value))


@attrs.frozen(kw_only=True, repr=False)
class CoalitionGame(GameHeader):
    """A TU game: ``worth[mask]`` is the worth of the coalition whose members are the set bits.

    Examples
    --------
    >>> game = CoalitionGame.from_values(id="g", title="G", players=["us", "mx"],
    ...                                 values={"us+mx": 4}, default_value=0)
    >>> game.value(["us", "mx"]), game.value(["us"])
    (Fraction(4, 1), Fraction(0, 1))
    """

    kind: ClassVar[str] = "coalition"

    players: tuple[str, ...] = attrs.field(converter=string_tuple)
    worth: tuple[Number, ...] = attrs.field(converter=_worth)
    uncertainty: Uncertainty | None = None

    @classmethod
    def from_values(
        cls,
        *,
        players: Iterable[str],
        values: Mapping[Any, Any],
        default_value: Any = None,
        **header: Any,
    ) -> CoalitionGame:
        """A game from worths keyed by coalition: ``"us+mx"`` or an iterable of player ids.

        Coalitions not listed are worth ``default_value``; without it every non-empty coalition
        must be listed. The empty coalition is worth 0.
        """
        players = string_tuple(players)
        for index, player in enumerate(players):
            check_id(player, f"players[{index}]")
        check_unique(players, "players", "player")
        if len(players) > MAX_COALITION_PLAYERS:
            raise GameTooLargeError(
                f"a coalition game of {len(players)} players has 2^{len(players)} coalitions; "
                f"at most {MAX_COALITION_PLAYERS} players are supported (for voting bodies use "
                'kind = "weighted_voting", which counts without listing coalitions)'
            )
        bit = {player: 1 << k for k, player in enumerate(players)}
        worth: list[Any] = [None] * (1 << len(players))
        worth[0] = 0
        keys: dict[int, str] = {}
        for key, value in values.items():
            label = key if isinstance(key, str) else "+".join(key)
            members = [m.strip() for m in key.split("+")] if isinstance(key, str) else list(key)
            path = f"value.{label}"
            if not members or members == [""]:
                raise InvalidGameError("the empty coalition is always worth 0; leave it out", path)
            mask = 0
            for member in members:
                check_reference(member, players, "player", path)
                if mask & bit[member]:
                    raise InvalidGameError(f"player `{member}` is listed twice", path)
                mask |= bit[member]
            if mask in keys:
                raise InvalidGameError(f"coalition listed twice (also as `{keys[mask]}`)", path)
            keys[mask] = label
            worth[mask] = parse_number(value, path)
        for mask in range(1, len(worth)):
            if worth[mask] is None:
                if default_value is None:
                    coalition = "+".join(p for p in players if mask & bit[p])
                    raise InvalidGameError(
                        f"no worth for coalition `{coalition}` (list it, or set "
                        "`default_value` in [game])",
                        "value",
                    )
                worth[mask] = parse_number(default_value, "game.default_value")
        return cls(players=players, worth=worth, **header)

    @property
    def n(self) -> int:
        """The number of players."""
        return len(self.players)

    @property
    def grand_coalition(self) -> int:
        """The bitmask of all players."""
        return (1 << self.n) - 1

    @property
    def is_exact(self) -> bool:
        """Whether every worth is exact."""
        return is_exact(*self.worth)

    def mask(self, coalition: Iterable[str]) -> int:
        """The bitmask of a coalition given by player ids."""
        mask = 0
        for member in coalition:
            check_reference(member, self.players, "player", "coalition")
            mask |= 1 << self.players.index(member)
        return mask

    def members(self, mask: int) -> tuple[str, ...]:
        """The player ids of the coalition with this bitmask, in player order."""
        return tuple(p for k, p in enumerate(self.players) if mask >> k & 1)

    def value(self, coalition: Iterable[str]) -> Number:
        """The worth of a coalition given by player ids."""
        return self.worth[self.mask(coalition)]

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        check_uncertainty(self)

    def validate(self) -> None:
        """Check the players and that there is one worth per coalition, the empty one 0."""
        if not self.players:
            raise InvalidGameError("a coalition game needs at least one player", "game.players")
        for index, player in enumerate(self.players):
            check_id(player, f"game.players[{index}]")
        check_unique(self.players, "game.players", "player")
        if len(self.worth) != 1 << self.n:
            raise InvalidGameError(
                f"expected 2^{self.n} = {1 << self.n} worths, one per coalition "
                f"(got {len(self.worth)})",
                "worth",
            )
        if self.worth[0] != 0:
            raise InvalidGameError(
                f"the empty coalition is worth 0 (got {self.worth[0]})", "worth[0]"
            )
