"""Power indices of a voting body, exactly, by counting over bloc compositions.

Definitions (Felsenthal & Machover 1998):
a voter is *pivotal* (a *swing*) in a winning coalition that loses without it.

- Shapley-Shubik (1954): the share of the ``n!`` orderings in which the voter is pivotal,
  ``sum over swings S of (|S| - 1)! (n - |S|)! / n!``.
- Banzhaf (1965): raw, the voter's swings over ``2^(n-1)``; normalised, its swings over all
  voters' swings.
- Deegan-Packel (1978): ``(1 / |W_min|) * sum over minimal winning S containing i of 1 / |S|``.
- Holler's public good index (1982): the number of minimal winning coalitions containing ``i``
  over the sum of those numbers.

Method: voters of a bloc are identical, so a coalition is described by its *composition*, the
number of members it takes from each bloc, and stands for ``prod_b C(count_b, c_b)``
coalitions. Whether each composition wins is decided for all compositions at once with numpy
(``prod_b (count_b + 1)`` of them: 88,072 for the U.S. legislature, never ``2^536``); the pivotal
and minimal winning compositions are found by shifting one member out of one bloc, and only those
few are summed, with exact integers (binomial coefficients and factorials).
"""

from __future__ import annotations

import math
from fractions import Fraction

import attrs
import numpy as np

from negotiate.errors import GameTooLargeError
from negotiate.model._common import FrozenMap
from negotiate.model.voting import VotingGame

__all__ = ["MAX_COMPOSITIONS", "PowerIndices", "power_indices"]

MAX_COMPOSITIONS = 20_000_000
"""The most bloc compositions :func:`power_indices` enumerates (``prod_b (count_b + 1)``)."""

INDICES = ("shapley_shubik", "banzhaf", "banzhaf_raw", "deegan_packel", "holler")
"""The names of the indices, as in the JSON results."""


@attrs.frozen(kw_only=True)
class PowerIndices:
    """Power indices of one voter of each bloc (voters of a bloc have equal power).

    Every index maps bloc id -> the power of *one* voter of that bloc, as a Fraction.
    ``swings`` counts the coalitions in which one voter of the bloc is pivotal and
    ``minimal_winning`` the minimal winning coalitions that contain it;
    ``minimal_winning_total`` counts all minimal winning coalitions.
    """

    game: VotingGame
    shapley_shubik: FrozenMap[str, Fraction]
    banzhaf: FrozenMap[str, Fraction]
    banzhaf_raw: FrozenMap[str, Fraction]
    deegan_packel: FrozenMap[str, Fraction]
    holler: FrozenMap[str, Fraction]
    swings: FrozenMap[str, int]
    minimal_winning: FrozenMap[str, int]
    minimal_winning_total: int

    def index(self, name: str) -> FrozenMap[str, Fraction]:
        """One index by its JSON name (``"shapley_shubik"``, ``"banzhaf"``, ...)."""
        if name not in INDICES:
            raise ValueError(f"unknown power index {name!r} (expected one of {INDICES})")
        return getattr(self, name)

    def per_voter(self, name: str) -> dict[str, Fraction]:
        """``{voter: power}`` for every voter, named as in the format (``permanent_3``)."""
        values = self.index(name)
        return {voter: values[b.id] for b in self.game.blocs for voter in b.voters()}

    def bloc_total(self, name: str) -> dict[str, Fraction]:
        """``{bloc: combined power of its voters}``."""
        values = self.index(name)
        return {b.id: values[b.id] * b.count for b in self.game.blocs}


def _winning(game: VotingGame, grid: np.ndarray) -> np.ndarray:
    """Whether each composition (a row of ``grid``: members per bloc) wins."""
    if game.quota is not None:
        weights = [Fraction(b.weight) for b in game.blocs]  # type: ignore[arg-type]
        if all(isinstance(b.weight, Fraction) for b in game.blocs) and isinstance(
            game.quota, Fraction
        ):
            scale = math.lcm(game.quota.denominator, *(w.denominator for w in weights))
            scaled = [int(w * scale) for w in weights]
            quota = int(game.quota * scale)
            total = sum(w * b.count for w, b in zip(scaled, game.blocs, strict=True))
            dtype = np.int64 if total < 2**62 else object
            return (grid.astype(dtype) @ np.array(scaled, dtype=dtype)) >= quota
        weight_floats = np.array([float(b.weight) for b in game.blocs])  # type: ignore[arg-type]
        return grid @ weight_floats >= float(game.quota)
    index = {bloc: k for k, bloc in enumerate(game.bloc_ids)}
    wins = np.zeros(len(grid), dtype=bool)
    for rule in game.rules:
        meets = np.ones(len(grid), dtype=bool)
        for bloc, need in rule.need.items():
            meets &= grid[:, index[bloc]] >= need
        wins |= meets
    return wins


def power_indices(game: VotingGame) -> PowerIndices:
    """Shapley-Shubik, Banzhaf, Deegan-Packel and Holler indices, exactly.

    Parameters
    ----------
    game : VotingGame
        A weighted (quota) or ruled body of blocs.

    Returns
    -------
    PowerIndices

    Raises
    ------
    GameTooLargeError
        When the body has more than :data:`MAX_COMPOSITIONS` bloc compositions.

    Examples
    --------
    The UN Security Council: five permanent members of weight 7, ten elected of weight 1,
    quota 39 (every permanent member and four elected ones):

    >>> from negotiate.model.voting import Bloc
    >>> council = VotingGame(
    ...     id="unsc", title="UN Security Council", quota=39,
    ...     blocs=[Bloc(id="permanent", count=5, weight=7), Bloc(id="elected", count=10, weight=1)])
    >>> power = power_indices(council)
    >>> str(power.shapley_shubik["permanent"]), str(power.shapley_shubik["elected"])
    ('421/2145', '4/2145')
    >>> str(power.banzhaf_raw["permanent"]), str(power.banzhaf["elected"])
    ('53/1024', '21/1270')
    """
    blocs = game.blocs
    m = len(blocs)
    counts = [b.count for b in blocs]
    shape = tuple(c + 1 for c in counts)
    size = math.prod(shape)
    if size > MAX_COMPOSITIONS:
        raise GameTooLargeError(
            f"the body has {size} bloc compositions (more than {MAX_COMPOSITIONS}); "
            "merge identical voters into blocs with a `count`"
        )
    grid = np.indices(shape).reshape(m, -1).T
    strides = [math.prod(shape[b + 1 :]) for b in range(m)]
    wins = _winning(game, grid)
    flat = np.arange(size)
    loses_without = []
    for b in range(m):
        present = grid[:, b] >= 1
        losing = np.zeros(size, dtype=bool)
        losing[present] = ~wins[flat[present] - strides[b]]
        loses_without.append(present & losing)
    minimal = wins.copy()
    for b in range(m):
        minimal &= ~(grid[:, b] >= 1) | loses_without[b]

    n = sum(counts)
    binomials = [[math.comb(c, k) for k in range(c + 1)] for c in counts]
    factorials = [math.factorial(k) for k in range(n + 1)]

    def others(row: np.ndarray, b: int) -> int:
        product = 1
        for q in range(m):
            if q != b:
                product *= binomials[q][int(row[q])]
        return product

    swings: dict[str, int] = {}
    orderings: dict[str, int] = {}
    for b in range(m):
        total_swings = 0
        total_orderings = 0
        for index in np.flatnonzero(wins & loses_without[b]):
            row = grid[index]
            members = int(row.sum())
            multiplicity = math.comb(counts[b] - 1, int(row[b]) - 1)
            multiplicity *= others(row, b)
            total_swings += multiplicity
            total_orderings += multiplicity * factorials[members - 1] * factorials[n - members]
        swings[blocs[b].id] = total_swings
        orderings[blocs[b].id] = total_orderings

    minimal_rows = grid[np.flatnonzero(minimal)]
    minimal_total = sum(
        math.prod(binomials[q][int(row[q])] for q in range(m)) for row in minimal_rows
    )
    minimal_with: dict[str, int] = {}
    packel: dict[str, Fraction] = {}
    for b in range(m):
        count = 0
        share = Fraction(0)
        for row in minimal_rows:
            if row[b] == 0:
                continue
            multiplicity = math.comb(counts[b] - 1, int(row[b]) - 1) * others(row, b)
            count += multiplicity
            share += Fraction(multiplicity, int(row.sum()))
        minimal_with[blocs[b].id] = count
        packel[blocs[b].id] = share / minimal_total if minimal_total else Fraction(0)

    ids = [b.id for b in blocs]
    all_swings = sum(swings[i] * c for i, c in zip(ids, counts, strict=True))
    all_minimal = sum(minimal_with[i] * c for i, c in zip(ids, counts, strict=True))

    def share(values: dict[str, int], total: int) -> FrozenMap[str, Fraction]:
        return FrozenMap((i, Fraction(values[i], total) if total else Fraction(0)) for i in ids)

    return PowerIndices(
        game=game,
        shapley_shubik=FrozenMap((i, Fraction(orderings[i], factorials[n])) for i in ids),
        banzhaf=share(swings, all_swings),
        banzhaf_raw=FrozenMap((i, Fraction(swings[i], 2 ** (n - 1))) for i in ids),
        deegan_packel=FrozenMap(packel),
        holler=share(minimal_with, all_minimal),
        swings=FrozenMap(swings),
        minimal_winning=FrozenMap(minimal_with),
        minimal_winning_total=minimal_total,
    )
