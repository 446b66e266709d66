"""Strategic-form games (``kind = "normal_form"``), for any number of players.

>>> game = NormalFormGame.from_matrices(
...     id="pd", title="Prisoner's dilemma",
...     players=[Player(id="us", strategies=["cooperate", "defect"]),
...              Player(id="mx", strategies=["cooperate", "defect"])],
...     row=[[3, 0], [5, 1]], column=[[3, 5], [0, 1]],
... )
>>> game.shape, game.payoff("mx", ("cooperate", "defect"))
((2, 2), Fraction(5, 1))
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

import attrs
import numpy as np

from negotiate.errors import InvalidGameError
from negotiate.exact.numbers import Number, is_exact, parse_number
from negotiate.model._common import (
    FrozenMap,
    GameHeader,
    check_reference,
    check_unique,
    mapping_of,
    string_tuple,
    validate_id,
)
from negotiate.model.uncertainty import Uncertainty, check_uncertainty

__all__ = ["NormalFormGame", "Player"]

Profile = tuple[str, ...]
"""A pure strategy profile: one strategy name per player, in player order."""


@attrs.frozen(kw_only=True)
class Player:
    """A player of a strategic-form game and the names of its pure strategies.

    Examples
    --------
    >>> Player(id="us", strategies=["co_manage", "hunker_down"]).strategies
    ('co_manage', 'hunker_down')
    """

    id: str = attrs.field(validator=validate_id)
    strategies: tuple[str, ...] = attrs.field(converter=string_tuple)
    name: str = ""

    def __attrs_post_init__(self) -> None:
        if not self.strategies:
            raise InvalidGameError("a player needs at least one strategy", "strategies")
        for index, strategy in enumerate(self.strategies):
            if not isinstance(strategy, str) or not strategy:
                raise InvalidGameError(
                    f"expected a strategy name (got {strategy!r})", f"strategies[{index}]"
                )
        check_unique(self.strategies, "strategies", "strategy")

    @property
    def label(self) -> str:
        """Its name, or its id when it has none."""
        return self.name or self.id


def _nested_numbers(value: Any, path: str) -> Any:
    """Nested lists of numbers as nested tuples of parsed numbers."""
    if isinstance(value, list | tuple):
        return tuple(_nested_numbers(v, f"{path}[{i}]") for i, v in enumerate(value))
    if isinstance(value, np.ndarray):
        return _nested_numbers(value.tolist(), path)
    return parse_number(value, path)


def _payoffs(value: object) -> FrozenMap[str, Any]:
    items = mapping_of(value, "payoffs")
    return FrozenMap((p, _nested_numbers(v, f"payoffs.{p}")) for p, v in items.items())


def _shape_of(value: Any) -> tuple[int, ...] | None:
    """The shape of a nested tuple if it is a full array, else ``None``."""
    if not isinstance(value, tuple):
        return ()
    if not value:
        return (0,)
    shapes = {_shape_of(v) for v in value}
    if len(shapes) != 1 or None in shapes:
        return None
    (inner,) = shapes
    return (len(value), *inner)  # type: ignore[misc]


def _tuple_of_player(values: Iterable[Player]) -> tuple[Player, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True, repr=False)
class NormalFormGame(GameHeader):
    """A finite game in strategic form.

    ``payoffs[player]`` is an array (nested tuples) indexed by every player's strategy, in player
    order: for two players, rows are the first player's strategies and columns the second's.

    Examples
    --------
    >>> game = NormalFormGame(id="pd", title="PD",
    ...     players=[Player(id="a", strategies=["c", "d"]), Player(id="b", strategies=["c", "d"])],
    ...     payoffs={"a": [[3, 0], [4, 1]], "b": [[3, 4], [0, 1]]})
    >>> game.shape, game.payoff("a", ("d", "c"))
    ((2, 2), Fraction(4, 1))
    """

    kind: ClassVar[str] = "normal_form"

    players: tuple[Player, ...] = attrs.field(converter=_tuple_of_player)
    payoffs: FrozenMap[str, Any] = attrs.field(converter=_payoffs)
    uncertainty: Uncertainty | None = None

    @classmethod
    def from_matrices(
        cls, *, players: Sequence[Player], row: Any, column: Any, **header: Any
    ) -> NormalFormGame:
        """A two-player game from its two payoff matrices (rows: the first player's strategies)."""
        if len(players) != 2:
            raise InvalidGameError(f"expected two players (got {len(players)})", "player")
        return cls(players=players, payoffs={players[0].id: row, players[1].id: column}, **header)

    @classmethod
    def from_outcomes(
        cls,
        *,
        players: Sequence[Player],
        outcomes: Mapping[Profile, Mapping[str, Any]],
        **header: Any,
    ) -> NormalFormGame:
        """A game from one payoff vector per pure profile; every profile must be listed."""
        players = tuple(players)
        shape = tuple(len(p.strategies) for p in players)
        arrays = {p.id: np.empty(shape, dtype=object) for p in players}
        for profile in np.ndindex(*shape):
            names = tuple(p.strategies[k] for p, k in zip(players, profile, strict=True))
            if names not in outcomes:
                listed = ", ".join(f"{p.id} = {n!r}" for p, n in zip(players, names, strict=True))
                raise InvalidGameError(f"no outcome for the profile {{{listed}}}", "outcome")
            for player in players:
                arrays[player.id][profile] = outcomes[names][player.id]
        return cls(players=players, payoffs={k: a.tolist() for k, a in arrays.items()}, **header)

    @property
    def player_ids(self) -> tuple[str, ...]:
        """The players' ids, in order."""
        return tuple(p.id for p in self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        """The number of strategies of each player."""
        return tuple(len(p.strategies) for p in self.players)

    @functools.cached_property
    def is_exact(self) -> bool:
        """Whether every payoff is exact (no floats); walked once per game."""
        return is_exact(*self.payoffs.values())

    def payoff_array(self, player: str) -> np.ndarray:
        """``player``'s payoffs as a numpy array: of Fractions (dtype object) when the game is
        exact, of floats otherwise."""
        check_reference(player, self.player_ids, "player", "player")
        return self._payoff_arrays[player].copy()

    @functools.cached_property
    def _payoff_arrays(self) -> dict[str, np.ndarray]:
        """Every player's payoff array, built once per game (:meth:`payoff_array` copies)."""
        if self.is_exact:
            return {p: _to_object(self.payoffs[p], self.shape) for p in self.player_ids}
        return {p: np.array(self.payoffs[p], dtype=float) for p in self.player_ids}

    def payoff(self, player: str, profile: Profile) -> Number:
        """``player``'s payoff at a pure profile given by strategy names."""
        index = tuple(p.strategies.index(s) for p, s in zip(self.players, profile, strict=True))
        value = self.payoffs[player]
        for k in index:
            value = value[k]
        return value  # type: ignore[no-any-return]

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        check_uncertainty(self)

    def validate(self) -> None:
        """Check the players and that every payoff array has the game's shape."""
        if not self.players:
            raise InvalidGameError("a normal-form game needs at least one [[player]]", "player")
        for index, player in enumerate(self.players):
            if not isinstance(player, Player):
                raise InvalidGameError(
                    f"expected a Player (got {type(player).__name__})", f"player[{index}]"
                )
        check_unique(self.player_ids, "player", "player")
        for key in self.payoffs:
            check_reference(key, self.player_ids, "player", f"payoffs.{key}")
        for player_id in self.player_ids:
            if player_id not in self.payoffs:
                raise InvalidGameError(
                    f"no payoffs for player `{player_id}`", f"payoffs.{player_id}"
                )
            shape = _shape_of(self.payoffs[player_id])
            if shape != self.shape:
                got = "a ragged array" if shape is None else "x".join(map(str, shape)) or "a number"
                want = "x".join(map(str, self.shape))
                raise InvalidGameError(
                    f"expected a {want} array, one entry per strategy profile (got {got})",
                    f"payoffs.{player_id}",
                )


def _to_object(nested: Any, shape: tuple[int, ...]) -> np.ndarray:
    """The nested payoffs as an object array of ``shape`` (its entries the numbers themselves)."""
    out = np.empty(shape, dtype=object)
    flat = out.reshape(-1)
    for k, value in enumerate(_leaves(nested, len(shape))):
        flat[k] = value
    return out


def _leaves(nested: Any, depth: int) -> Iterable[Any]:
    """The numbers of a regular nested array, in C order."""
    if depth == 0:
        yield nested
        return
    for part in nested:
        yield from _leaves(part, depth - 1)
