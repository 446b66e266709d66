"""Structural properties of a TU game: superadditive, monotonic, convex, balanced.

Definitions (Peleg & Sudhölter 2007, Chapters 2 and 3): superadditive iff
``v(S ∪ T) >= v(S) + v(T)`` for disjoint ``S, T``; monotonic iff ``v(S) <= v(T)`` for
``S ⊆ T``; convex (supermodular) iff ``v(S ∪ {i, j}) - v(S ∪ {j}) >= v(S ∪ {i}) - v(S)``
for all ``S`` and ``i, j`` outside it (equivalent to supermodularity, Shapley 1971); balanced
iff the core is non-empty (Bondareva 1963; Shapley 1967). Exact games are checked exactly (on
integer-scaled worths).
"""

from __future__ import annotations

import attrs
import numpy as np

from negotiate.cooperative._tu import exact_worths, worth_floats
from negotiate.cooperative.core import core
from negotiate.model.coalition import CoalitionGame

__all__ = [
    "GameProperties",
    "game_properties",
    "is_convex",
    "is_monotonic",
    "is_superadditive",
]

_TOL = 1e-9


def _worths(game: CoalitionGame) -> tuple[np.ndarray, float]:
    exact = exact_worths(game)
    if exact is not None:
        return exact[0], 0
    return worth_floats(game), _TOL


def is_superadditive(game: CoalitionGame) -> bool:
    """Whether ``v(S ∪ T) >= v(S) + v(T)`` for all disjoint ``S`` and ``T``.

    Checks every (coalition, sub-coalition) pair, ``3^n`` of them, in numpy blocks.

    Examples
    --------
    >>> majority = CoalitionGame(id="m", title="Majority", players=["a", "b", "c"],
    ...                          worth=[0, 0, 0, 1, 0, 1, 1, 1])
    >>> is_superadditive(majority)
    True
    """
    v, tol = _worths(game)
    n = game.n
    low = min(n, 9)
    # base-3 digits of the low players: 0 outside U, 1 in U \ T, 2 in T
    codes = np.arange(3**low)
    union_low = np.zeros_like(codes)
    part_low = np.zeros_like(codes)
    rest = codes.copy()
    for k in range(low):
        digit = rest % 3
        rest //= 3
        union_low |= (digit > 0).astype(np.int64) << k
        part_low |= (digit == 2).astype(np.int64) << k
    for high in range(3 ** (n - low)):
        union_high: int = 0
        part_high: int = 0
        rest_high = high
        for k in range(low, n):
            high_digit = rest_high % 3
            rest_high //= 3
            union_high |= int(high_digit > 0) << k
            part_high |= int(high_digit == 2) << k
        union = union_low | union_high
        part = part_low | part_high
        if np.any(v[union] - v[part] - v[union ^ part] < -tol):
            return False
    return True


def is_monotonic(game: CoalitionGame) -> bool:
    """Whether ``v(S) <= v(S ∪ {i})`` for every coalition ``S`` and player ``i``.

    Examples
    --------
    >>> game = CoalitionGame(id="g", title="G", players=["a", "b"], worth=[0, 2, 0, 1])
    >>> is_monotonic(game)
    False
    """
    v, tol = _worths(game)
    masks = np.arange(1 << game.n)
    for i in range(game.n):
        without = masks[(masks >> i) & 1 == 0]
        if np.any(v[without | (1 << i)] - v[without] < -tol):
            return False
    return True


def is_convex(game: CoalitionGame) -> bool:
    """Whether the game is convex (supermodular): marginal contributions grow with coalitions.

    Examples
    --------
    >>> game = CoalitionGame(id="g", title="G", players=["a", "b", "c"],
    ...                      worth=[0, 0, 0, 1, 0, 1, 1, 3])
    >>> is_convex(game)
    True
    >>> majority = CoalitionGame(id="m", title="Majority", players=["a", "b", "c"],
    ...                          worth=[0, 0, 0, 1, 0, 1, 1, 1])
    >>> is_convex(majority)
    False
    """
    v, tol = _worths(game)
    n = game.n
    masks = np.arange(1 << n)
    for i in range(n):
        for j in range(i + 1, n):
            outside = masks[((masks >> i) & 1 == 0) & ((masks >> j) & 1 == 0)]
            bi, bj = 1 << i, 1 << j
            gain = v[outside | bi | bj] - v[outside | bj] - v[outside | bi] + v[outside]
            if np.any(gain < -tol):
                return False
    return True


@attrs.frozen(kw_only=True)
class GameProperties:
    """The structural properties of a TU game."""

    superadditive: bool
    monotonic: bool
    convex: bool
    balanced: bool


def game_properties(game: CoalitionGame) -> GameProperties:
    """All the properties at once (``balanced``: the core is non-empty).

    Examples
    --------
    >>> glove = CoalitionGame.from_values(
    ...     id="glove", title="Glove", players=["left", "right_1", "right_2"],
    ...     values={"left+right_1": 1, "left+right_2": 1, "left+right_1+right_2": 1},
    ...     default_value=0)
    >>> game_properties(glove)
    GameProperties(superadditive=True, monotonic=True, convex=False, balanced=True)
    """
    return GameProperties(
        superadditive=is_superadditive(game),
        monotonic=is_monotonic(game),
        convex=is_convex(game),
        balanced=not core(game).empty,
    )
