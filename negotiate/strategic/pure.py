"""Pure-strategy Nash equilibria of strategic-form games with any number of players.

A pure profile is an equilibrium when each player's strategy is a best response to the others'.
With one payoff array per player (one axis per player), player ``i``'s best responses are where
its array reaches the maximum along axis ``i``; the equilibria are where every player's
best-response mask holds. All are found at once by array reductions, not by looping over profiles.

>>> from negotiate.model.normal_form import NormalFormGame, Player
>>> sexes = NormalFormGame.from_matrices(
...     id="bos", title="Battle of the sexes",
...     players=[Player(id="ann", strategies=["opera", "football"]),
...              Player(id="bob", strategies=["opera", "football"])],
...     row=[[2, 0], [0, 1]], column=[[1, 0], [0, 2]])
>>> pure_equilibrium_profiles(sexes)
((0, 0), (1, 1))
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from negotiate.model.normal_form import NormalFormGame
from negotiate.strategic.mixed import Equilibrium, make_equilibrium, payoff_arrays

__all__ = ["best_response_masks", "pure_equilibria", "pure_equilibrium_profiles"]


def best_response_masks(arrays: Sequence[np.ndarray]) -> list[np.ndarray]:
    """For each player, a boolean array: whether its strategy is a best response at each profile.

    Exact for arrays of Fractions (comparisons are exact), literal for floats.
    """
    masks = []
    for player, payoffs in enumerate(arrays):
        best = payoffs.max(axis=player, keepdims=True)
        masks.append(np.asarray(payoffs == best, dtype=bool))
    return masks


def pure_equilibrium_profiles(game: NormalFormGame) -> tuple[tuple[int, ...], ...]:
    """The pure equilibria as index tuples (one strategy index per player), in profile order.

    Profile order is the lexicographic order of the index tuples (the first player varies
    slowest).
    """
    masks = best_response_masks(payoff_arrays(game))
    mutual = np.logical_and.reduce(masks) if len(masks) > 1 else masks[0]
    return tuple(tuple(int(k) for k in index) for index in np.argwhere(mutual))


def pure_equilibria(game: NormalFormGame) -> tuple[Equilibrium, ...]:
    """Every pure-strategy Nash equilibrium of ``game``, for any number of players.

    Parameters
    ----------
    game : NormalFormGame
        A finite strategic-form game.

    Returns
    -------
    tuple of Equilibrium
        In profile order (the first player's strategy varying slowest); empty when there is none.

    Examples
    --------
    >>> from negotiate.model.normal_form import NormalFormGame, Player
    >>> pd = NormalFormGame.from_matrices(
    ...     id="pd", title="Prisoner's dilemma",
    ...     players=[Player(id="us", strategies=["cooperate", "defect"]),
    ...              Player(id="mx", strategies=["cooperate", "defect"])],
    ...     row=[[3, 0], [5, 1]], column=[[3, 5], [0, 1]])
    >>> [dict(e.strategies["us"]) for e in pure_equilibria(pd)]
    [{'cooperate': Fraction(0, 1), 'defect': Fraction(1, 1)}]
    """
    arrays = payoff_arrays(game)
    one, zero = (Fraction(1), Fraction(0)) if game.is_exact else (1.0, 0.0)
    equilibria = []
    for index in pure_equilibrium_profiles(game):
        profile = tuple(
            tuple(one if k == chosen else zero for k in range(size))
            for chosen, size in zip(index, game.shape, strict=True)
        )
        equilibria.append(make_equilibrium(game, profile, arrays))
    return tuple(equilibria)
