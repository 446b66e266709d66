"""Mixed profiles of strategic-form games: equilibria, their payoffs and their verification.

A mixed profile gives every player a probability vector over its pure strategies. It is a Nash
equilibrium when every strategy a player uses earns that player the largest payoff available
against the others' strategies (Nash 1951); :func:`verify_profile` checks exactly that, in exact
arithmetic when the payoffs and probabilities are exact.

>>> from negotiate.model.normal_form import NormalFormGame, Player
>>> game = NormalFormGame.from_matrices(
...     id="pennies", title="Matching pennies",
...     players=[Player(id="even", strategies=["heads", "tails"]),
...              Player(id="odd", strategies=["heads", "tails"])],
...     row=[[1, -1], [-1, 1]], column=[[-1, 1], [1, -1]])
>>> half = Fraction(1, 2)
>>> verify_profile(game, ((half, half), (half, half)))
True
>>> make_equilibrium(game, ((half, half), (half, half))).payoffs
FrozenMap({'even': Fraction(0, 1), 'odd': Fraction(0, 1)})
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import attrs
import numpy as np

from negotiate.exact.numbers import Number, absolute
from negotiate.model._common import FrozenMap, frozen_numbers, string_tuple
from negotiate.model.normal_form import NormalFormGame

__all__ = [
    "TOLERANCE",
    "Equilibrium",
    "MixedProfile",
    "NashComputationResult",
    "make_equilibrium",
    "payoff_arrays",
    "strategy_values",
    "verify_profile",
]

MixedProfile = tuple[tuple[Number, ...], ...]
"""One probability vector per player, in player order, over that player's strategies."""

TOLERANCE = 1e-9
"""The tolerance of checks on inexact (float) payoffs or probabilities."""


def _frozen_strategies(value: Any) -> FrozenMap[str, FrozenMap[str, Number]]:
    return FrozenMap((player, FrozenMap(mixed)) for player, mixed in dict(value).items())


@attrs.frozen(kw_only=True)
class Equilibrium:
    """A Nash equilibrium: each player's mixed strategy, each player's expected payoff.

    ``strategies[player][strategy]`` is a probability (every strategy listed, zeros included);
    ``pure`` says whether every player plays one strategy with probability 1.
    """

    strategies: FrozenMap[str, FrozenMap[str, Number]] = attrs.field(converter=_frozen_strategies)
    payoffs: FrozenMap[str, Number] = attrs.field(converter=frozen_numbers)
    pure: bool

    def support(self, player: str) -> tuple[str, ...]:
        """The strategies ``player`` uses with positive probability."""
        return tuple(s for s, p in self.strategies[player].items() if p > 0)

    def profile(self) -> MixedProfile:
        """The probability vectors, in player and strategy order."""
        return tuple(tuple(mixed.values()) for mixed in self.strategies.values())


def _tuple_of_equilibrium(values: Iterable[Equilibrium]) -> tuple[Equilibrium, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class NashComputationResult:
    """What an equilibrium computation found (compare pygambit's ``NashComputationResult``).

    Attributes
    ----------
    game : NormalFormGame
        The game solved.
    method : str
        The method used (``"support"``, ``"vertex"``, ``"lemke_howson"``, ``"pure"``, ...).
    exact : bool
        Whether every equilibrium is given in exact rationals and was verified exactly.
    degenerate : bool or None
        Whether the game is degenerate (equilibria may then form connected components, of which
        the extreme points are reported); ``None`` when the method did not check.
    equilibria : tuple of Equilibrium
        The equilibria found, each verified.
    complete : bool
        Whether the method finds every equilibrium (every extreme one in a degenerate game).
    notes : tuple of str
        Plain-language remarks for the report (fallbacks, degeneracy, what was not computed).
    """

    game: NormalFormGame
    method: str
    exact: bool
    degenerate: bool | None
    equilibria: tuple[Equilibrium, ...] = attrs.field(converter=_tuple_of_equilibrium)
    complete: bool = True
    notes: tuple[str, ...] = attrs.field(default=(), converter=string_tuple)


def payoff_arrays(game: NormalFormGame) -> list[np.ndarray]:
    """Every player's payoff array: Fractions (dtype object) when the game is exact, else floats."""
    return [game.payoff_array(p) for p in game.player_ids]


def strategy_values(
    payoffs: np.ndarray, profile: Sequence[Sequence[Number]], player: int
) -> np.ndarray:
    """``player``'s expected payoff from each of its pure strategies against the others' mixtures.

    ``payoffs`` is the player's payoff array (one axis per player); the result is a vector with
    one entry per strategy of ``player``, exact when the inputs are.
    """
    values = payoffs
    # contract the other players' axes from the last to the first, so axis numbers stay valid;
    # only strategies played with positive probability matter (fast on large exact games)
    for other in reversed(range(len(profile))):
        if other == player:
            continue
        used = [k for k, p in enumerate(profile[other]) if p != 0]
        vector = np.asarray([profile[other][k] for k in used], dtype=values.dtype)
        values = np.tensordot(np.take(values, used, axis=other), vector, axes=([other], [0]))
    return values


def verify_profile(
    game: NormalFormGame,
    profile: Sequence[Sequence[Number]],
    arrays: Sequence[np.ndarray] | None = None,
    tol: float = TOLERANCE,
) -> bool:
    """Whether ``profile`` is a Nash equilibrium of ``game``.

    Checks that every vector is a probability vector and that every strategy with positive
    probability earns its player the maximum payoff against the others. Exact when payoffs and
    probabilities are all exact; otherwise to the tolerance ``tol``.
    """
    arrays = payoff_arrays(game) if arrays is None else arrays
    exact = all(a.dtype == object for a in arrays) and all(
        isinstance(p, Fraction | int) for vector in profile for p in vector
    )
    slack = 0 if exact else tol
    for player, vector in enumerate(profile):
        if len(vector) != game.shape[player]:
            return False
        if any(p < -slack for p in vector) or absolute(sum(vector) - 1) > slack:
            return False
        values = strategy_values(arrays[player], profile, player)
        best = max(values)
        for p, value in zip(vector, values, strict=True):
            if p > slack and value < best - slack:
                return False
    return True


def make_equilibrium(
    game: NormalFormGame,
    profile: Sequence[Sequence[Number]],
    arrays: Sequence[np.ndarray] | None = None,
) -> Equilibrium:
    """The :class:`Equilibrium` of a (verified) profile, with each player's expected payoff."""
    arrays = payoff_arrays(game) if arrays is None else arrays
    strategies = {
        player.id: dict(zip(player.strategies, vector, strict=True))
        for player, vector in zip(game.players, profile, strict=True)
    }
    payoffs = {}
    for index, player in enumerate(game.players):
        values = strategy_values(arrays[index], profile, index)
        payoffs[player.id] = sum(
            (p * v for p, v in zip(profile[index], values, strict=True)), start=Fraction(0)
        )
        if not isinstance(payoffs[player.id], Fraction):
            payoffs[player.id] = float(payoffs[player.id])
    pure = all(sum(1 for p in vector if p != 0) == 1 for vector in profile)
    return Equilibrium(strategies=strategies, payoffs=payoffs, pure=pure)
