"""Iterated elimination of strictly dominated strategies, by pure and by mixed strategies.

A strategy ``s`` of player ``i`` is strictly dominated by a mixed strategy ``p`` (over ``i``'s
other remaining strategies) when ``sum_t p_t u_i(t, c) > u_i(s, c)`` for every profile ``c`` of
the other players' remaining strategies. Whether such a ``p`` exists is a linear programme:
maximise ``e`` subject to ``sum_t p_t u_i(t, c) >= u_i(s, c) + e`` for all ``c``, ``p`` a
probability vector; ``s`` is dominated iff the optimum is positive (Fudenberg & Tirole 1991,
*Game Theory*, section 2.1; Myerson 1991, section 3.9). The LP is solved with scipy's HiGHS;
with exact payoffs the dominating mixture is turned into fractions and the strict inequalities
are checked exactly. Strictly dominated strategies are never played in an equilibrium, and the
order of elimination does not matter for strict dominance.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction

import attrs
import numpy as np

from negotiate.exact.numbers import Number
from negotiate.model._common import FrozenMap, frozen_numbers
from negotiate.model.normal_form import NormalFormGame, Player
from negotiate.strategic.mixed import payoff_arrays

__all__ = ["DominanceResult", "Elimination", "iterated_dominance", "reduced_game"]


@attrs.frozen(kw_only=True)
class Elimination:
    """One elimination: ``player``'s ``strategy`` is strictly dominated by the mixture
    ``dominated_by`` (a pure strategy when it has one entry) in round ``round``."""

    round: int
    player: str
    strategy: str
    dominated_by: FrozenMap[str, Number] = attrs.field(converter=frozen_numbers)

    @property
    def by_pure(self) -> bool:
        """Whether a single pure strategy dominates."""
        return len(self.dominated_by) == 1


def _frozen_strategies(
    strategies: Mapping[str, tuple[str, ...]],
) -> FrozenMap[str, tuple[str, ...]]:
    return FrozenMap(strategies)


def _tuple_of_elimination(values: Iterable[Elimination]) -> tuple[Elimination, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class DominanceResult:
    """The eliminations in order and the strategies that survive.

    ``mixed`` says whether domination by mixed strategies was allowed.
    """

    game: NormalFormGame
    mixed: bool
    eliminations: tuple[Elimination, ...] = attrs.field(converter=_tuple_of_elimination)
    remaining: FrozenMap[str, tuple[str, ...]] = attrs.field(converter=_frozen_strategies)

    @property
    def solved(self) -> bool:
        """Whether one strategy per player survives (the game is dominance solvable)."""
        return all(len(s) == 1 for s in self.remaining.values())


def iterated_dominance(game: NormalFormGame, mixed: bool = True) -> DominanceResult:
    """Eliminate strictly dominated strategies until none is left.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    mixed : bool
        Also eliminate strategies dominated only by a mixture of others (an LP); default True.

    Returns
    -------
    DominanceResult
        Each round eliminates, for every player, all strategies dominated given the strategies
        that survived the previous round.

    Examples
    --------
    In the prisoner's dilemma cooperation is dominated for both:

    >>> from negotiate.model.normal_form import NormalFormGame, Player
    >>> pd = NormalFormGame.from_matrices(
    ...     id="pd", title="Prisoner's dilemma",
    ...     players=[Player(id="us", strategies=["cooperate", "defect"]),
    ...              Player(id="mx", strategies=["cooperate", "defect"])],
    ...     row=[[3, 0], [5, 1]], column=[[3, 5], [0, 1]])
    >>> result = iterated_dominance(pd)
    >>> dict(result.remaining), result.solved
    ({'us': ('defect',), 'mx': ('defect',)}, True)

    A strategy dominated only by a mixture (``middle`` earns 1 against both columns; mixing
    ``top`` and ``bottom`` half and half earns 3/2):

    >>> g = NormalFormGame.from_matrices(
    ...     id="g", title="g", row=[[3, 0], [1, 1], [0, 3]], column=[[0, 0], [0, 0], [0, 0]],
    ...     players=[Player(id="r", strategies=["top", "middle", "bottom"]),
    ...              Player(id="c", strategies=["left", "right"])])
    >>> [(e.strategy, dict(e.dominated_by)) for e in iterated_dominance(g).eliminations]
    [('middle', {'top': Fraction(1, 2), 'bottom': Fraction(1, 2)})]
    """
    arrays = payoff_arrays(game)
    exact = all(a.dtype == object for a in arrays)
    alive = [list(range(size)) for size in game.shape]
    eliminations: list[Elimination] = []
    round_number = 0
    while True:
        round_number += 1
        removed: list[tuple[int, int, dict[int, Number]]] = []
        for player in range(len(game.players)):
            if len(alive[player]) < 2:
                continue
            sub = arrays[player][np.ix_(*alive)]
            # rows: the player's remaining strategies; columns: the others' remaining profiles
            matrix = np.moveaxis(sub, player, 0).reshape(len(alive[player]), -1)
            for row, strategy in enumerate(alive[player]):
                others = [r for r in range(len(alive[player])) if r != row]
                mixture = _dominating(matrix, row, others, exact, mixed)
                if mixture is not None:
                    removed.append(
                        (player, strategy, {alive[player][r]: p for r, p in mixture.items()})
                    )
        if not removed:
            break
        for player, strategy, mixture in removed:
            alive[player].remove(strategy)
            names = game.players[player].strategies
            eliminations.append(
                Elimination(
                    round=round_number,
                    player=game.players[player].id,
                    strategy=names[strategy],
                    dominated_by={names[t]: p for t, p in mixture.items()},
                )
            )
    remaining = {
        p.id: tuple(p.strategies[k] for k in keep)
        for p, keep in zip(game.players, alive, strict=True)
    }
    return DominanceResult(game=game, mixed=mixed, eliminations=eliminations, remaining=remaining)


def _dominating(
    matrix: np.ndarray, row: int, others: list[int], exact: bool, mixed: bool
) -> dict[int, Number] | None:
    """A pure or mixed strategy (over ``others``) strictly dominating ``row``, or ``None``.

    A dominating pure strategy is preferred (the first in order); otherwise the LP's mixture.
    """
    target = matrix[row]
    for other in others:
        if all(matrix[other] > target):
            return {other: Fraction(1) if exact else 1.0}
    if not mixed or len(others) < 2:
        return None
    weights = _dominating_mixture_lp(matrix.astype(float), row, others)
    if weights is None:
        return None
    if not exact:
        weights = weights / weights.sum()
        return {others[k]: float(w) for k, w in enumerate(weights) if w > 1e-12}
    return _exact_dominating_mixture(matrix, row, others, weights)


def _dominating_mixture_lp(floats: np.ndarray, row: int, others: list[int]) -> np.ndarray | None:
    """Weights on ``others`` maximising the least margin over ``row`` (HiGHS), if positive."""
    from scipy.optimize import linprog

    count, profiles = len(others), floats.shape[1]
    # variables: p (count), e; maximise e  <=>  minimise -e
    objective = np.zeros(count + 1)
    objective[-1] = -1.0
    # -(sum_t p_t u(t, c)) + e <= -u(s, c)
    a_ub = np.hstack([-floats[others].T, np.ones((profiles, 1))])
    b_ub = -floats[row]
    a_eq = np.append(np.ones(count), 0.0)[None, :]
    bounds = [(0, None)] * count + [(None, None)]
    scale = max(1.0, float(np.max(np.abs(floats))))
    result = linprog(
        objective, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=[1.0], bounds=bounds, method="highs"
    )
    if result.status != 0 or -result.fun <= 1e-9 * scale:
        return None
    weights: np.ndarray = np.clip(result.x[:count], 0, None)
    return weights


def _exact_dominating_mixture(
    matrix: np.ndarray, row: int, others: list[int], weights: np.ndarray
) -> dict[int, Number] | None:
    """A rational mixture near the LP's ``weights`` that strictly dominates ``row``, checked
    exactly, or ``None``."""
    profiles = matrix.shape[1]
    for denominator in (10, 100, 10_000, 10**6, 10**9):
        fractions = [Fraction(float(w)).limit_denominator(denominator) for w in weights]
        total = sum(fractions)
        if total == 0:
            continue
        fractions = [f / total for f in fractions]
        mixture: dict[int, Number] = {others[k]: f for k, f in enumerate(fractions) if f > 0}
        combined = [sum(f * matrix[t][c] for t, f in mixture.items()) for c in range(profiles)]
        if all(v > matrix[row][c] for c, v in enumerate(combined)):
            return mixture
    return None


def reduced_game(result: DominanceResult) -> NormalFormGame:
    """The game restricted to the strategies that survived elimination."""
    game = result.game
    keep = [[p.strategies.index(s) for s in result.remaining[p.id]] for p in game.players]
    players = [
        Player(id=p.id, name=p.name, strategies=result.remaining[p.id]) for p in game.players
    ]
    payoffs = {
        p.id: np.asarray(game.payoff_array(p.id))[np.ix_(*keep)].tolist() for p in game.players
    }
    return NormalFormGame(
        id=game.id,
        title=game.title,
        description=game.description,
        sources=game.sources,
        players=players,
        payoffs=payoffs,
    )
