"""A payoff vector of a TU game: what every player gets, exact or not.

>>> from fractions import Fraction
>>> split = Allocation(players=("us", "mx"), payoffs=(Fraction(5, 2), Fraction(1, 2)))
>>> split["us"], split.total, split.exact
(Fraction(5, 2), Fraction(3, 1), True)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from negotiate.exact.numbers import Number, is_exact

__all__ = ["Allocation"]


def _numbers(value: Iterable[Number]) -> tuple[Number, ...]:
    return tuple(value)


def _names(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Allocation:
    """``payoffs[k]`` goes to ``players[k]``."""

    players: tuple[str, ...] = attrs.field(converter=_names)
    payoffs: tuple[Number, ...] = attrs.field(converter=_numbers)

    def __attrs_post_init__(self) -> None:
        if len(self.players) != len(self.payoffs):
            raise ValueError(
                f"expected one payoff per player ({len(self.players)}), got {len(self.payoffs)}"
            )

    def __getitem__(self, player: str) -> Number:
        return self.payoffs[self.players.index(player)]

    def __iter__(self) -> Iterator[Number]:
        return iter(self.payoffs)

    def __len__(self) -> int:
        return len(self.payoffs)

    @property
    def exact(self) -> bool:
        """Whether every payoff is exact."""
        return is_exact(*self.payoffs)

    @property
    def total(self) -> Number:
        """The sum of the payoffs."""
        return sum(self.payoffs, start=self.payoffs[0] * 0) if self.payoffs else 0

    def as_dict(self) -> dict[str, Number]:
        """``{player: payoff}`` in player order."""
        return dict(zip(self.players, self.payoffs, strict=True))
