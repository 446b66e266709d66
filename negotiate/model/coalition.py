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

import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any, ClassVar, overload

import attrs
import numpy as np

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

__all__ = ["MAX_COALITION_PLAYERS", "CoalitionGame", "IntegerWorths"]

MAX_COALITION_PLAYERS = 24
"""The most players a coalition game may have: its worths take ``2**n`` entries."""


class IntegerWorths(Sequence[Fraction]):
    """Integer worths kept as one read-only integer array (``int64``, or Python ints in an
    ``object`` array when they exceed it); an entry is read as a Fraction, and no Fraction is
    built for the entries that are not read.

    >>> worths = IntegerWorths.of(np.array([0, 3, 4, 9]))
    >>> worths[3], len(worths), list(worths)[:2]
    (Fraction(9, 1), 4, [Fraction(0, 1), Fraction(3, 1)])
    """

    __slots__ = ("derived", "integers")

    integers: np.ndarray
    """The worths, one integer per coalition (read-only)."""
    derived: dict[str, Any]
    """What solvers derive from the worths and share (read-only arrays), by name."""

    def __init__(self, integers: np.ndarray) -> None:
        self.integers = integers
        self.derived = {}

    @classmethod
    def of(cls, values: np.ndarray | Sequence[int], path: str = "worth") -> IntegerWorths:
        """Integer worths from a numpy integer array or a list of Python ints, each within the
        magnitude limit of :mod:`negotiate.limits` (checked on the array, not one by one)."""
        array = np.asarray(values)
        if array.dtype.kind == "u" and array.size and int(array.max()) >= 2**63:
            array = np.array([int(v) for v in array.tolist()], dtype=object)
        elif array.dtype.kind in "iu":
            array = array.astype(np.int64)
        else:  # Python ints beyond int64
            array = np.array([int(v) for v in values], dtype=object)
        _bounded_integers(array, path)
        array = np.array(array, copy=True)
        array.flags.writeable = False
        return cls(array)

    def __len__(self) -> int:
        return len(self.integers)

    @overload
    def __getitem__(self, index: int) -> Fraction: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Fraction, ...]: ...

    def __getitem__(self, index: int | slice) -> Fraction | tuple[Fraction, ...]:
        if isinstance(index, slice):
            return tuple(Fraction(v) for v in self.integers[index].tolist())
        return Fraction(int(self.integers[index]))

    def __iter__(self) -> Iterator[Fraction]:
        return (Fraction(v) for v in self.integers.tolist())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, IntegerWorths):
            return len(self) == len(other) and bool(np.all(self.integers == other.integers))
        if isinstance(other, tuple | list):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self.integers.tolist()))

    def __repr__(self) -> str:
        return f"IntegerWorths({len(self)} worths)"


def _bounded_integers(array: np.ndarray, path: str) -> None:
    """Check Python-int worths against the magnitude and digit limits."""
    from negotiate.limits import current

    if not array.size:
        return
    bound = 10 ** current().magnitude_exponent
    if max(-int(array.min()), int(array.max())) > bound:
        for k, v in enumerate(array.tolist()):
            parse_number(v, f"{path}[{k}]")  # raises at the first one beyond the bound


def _is_integer_vector(value: Any) -> bool:
    """Whether ``value`` is a numpy integer array or a list/tuple of Python ints (no bools)."""
    if isinstance(value, np.ndarray):
        return value.ndim == 1 and value.dtype.kind in "iu"
    if isinstance(value, list | tuple) and value:
        return all(type(v) is int for v in value)
    return False


def _worth(value: Iterable[Any]) -> Sequence[Number]:
    if isinstance(value, IntegerWorths):
        return value
    if _is_integer_vector(value):
        return IntegerWorths.of(value)  # type: ignore[arg-type]
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
    worth: Sequence[Number] = attrs.field(converter=_worth)
    """One worth per coalition; integer worths (a numpy integer array or a list of ints) are
    kept as :class:`IntegerWorths`, one integer array."""
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

    @functools.cached_property
    def is_exact(self) -> bool:
        """Whether every worth is exact (walked once per game)."""
        return isinstance(self.worth, IntegerWorths) or is_exact(*self.worth)

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
