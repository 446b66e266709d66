"""Regime sweeps: the headline conclusion of a game over one or two varied numbers.

Each cell of the grid is the game with the numbers at ``paths`` replaced (the model validates
each variant); its *regime* is the kind's headline in words (which package is the Nash solution,
the pure equilibria, the Shapley ranking, ...). A variant the model refuses is the regime
``"no valid model"``.

>>> from negotiate.model import CoalitionGame
>>> game = CoalitionGame.from_values(id="g", title="G", players=["a", "b"],
...                                  values={"a": 1, "b": 0, "a+b": 3})
>>> def richer(game):
...     return "a" if game.worth[1] > game.worth[2] else "b or tie"
>>> result = regime_sweep(game, ["value.b"], [[0, 1, 2]], richer)
>>> result.regimes, result.cells.tolist()
(('a', 'b or tie'), [0, 1, 1])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import product
from typing import Any

import attrs
import numpy as np

from negotiate.errors import InvalidGameError
from negotiate.exact.numbers import Number
from negotiate.model.paths import parameter_value, vary

__all__ = ["INVALID", "RegimeSweep", "label", "regime_sweep"]

INVALID = "no valid model"
"""The regime of a variant the model refuses (a quota above the total weight)."""


def label(k: int) -> str:
    """The legend letter of the ``k``-th regime: A..Z, then AA, AB, ...

    >>> label(0), label(25), label(26)
    ('A', 'Z', 'AA')
    """
    letters = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        letters = chr(65 + r) + letters
    return letters


@attrs.frozen(kw_only=True, eq=False)
class RegimeSweep:
    """The game, the paths varied, the values of each, the regime index of every cell (an array
    of one axis per path), the regimes in order of first appearance and the baseline values."""

    game: Any
    paths: tuple[str, ...]
    values: tuple[tuple[Number, ...], ...]
    cells: np.ndarray
    regimes: tuple[str, ...]
    baseline: tuple[Number | None, ...]


def regime_sweep(
    game: Any,
    paths: Sequence[str],
    values: Sequence[Iterable[Number]],
    headline: Callable[[Any], str],
    progress: Callable[[int], None] | None = None,
    value_of: Callable[[Any, str], Number | None] = parameter_value,
    vary: Callable[[Any, str, Number], Any] = vary,
) -> RegimeSweep:
    """The regime of ``game`` at every combination of ``values`` (one sequence per path).

    ``value_of`` and ``vary`` read and replace a number by path (default: the model's paths,
    :mod:`negotiate.model.paths`; a negotiation's sweep adds its mechanisms' paths). Raises
    :class:`~negotiate.errors.InvalidGameError` for an unknown path, before any work.
    """
    baseline = tuple(value_of(game, p) for p in paths)
    grids = tuple(tuple(v) for v in values)
    shape = tuple(len(v) for v in grids)
    cells = np.zeros(shape, dtype=np.int64)
    regimes: list[str] = []
    for index in product(*(range(n) for n in shape)):
        variant = game
        try:
            for path, axis, k in zip(paths, grids, index, strict=True):
                variant = vary(variant, path, axis[k])
            regime = headline(variant)
        except InvalidGameError:
            regime = INVALID
        if regime not in regimes:
            regimes.append(regime)
        cells[index] = regimes.index(regime)
        if progress is not None:
            progress(1)
    return RegimeSweep(
        game=game,
        paths=tuple(paths),
        values=grids,
        cells=cells,
        regimes=tuple(regimes),
        baseline=baseline,
    )
