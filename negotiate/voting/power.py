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
from typing import Any

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


def power_indices(game: VotingGame, method: str = "auto") -> PowerIndices:
    """Shapley-Shubik, Banzhaf, Deegan-Packel and Holler indices, exactly.

    Parameters
    ----------
    game : VotingGame
        A weighted (quota) or ruled body of blocs.
    method : {"auto", "compositions", "generating_functions"}
        ``"compositions"`` enumerates bloc compositions (any body); ``"generating_functions"``
        counts by weight and size (weighted bodies with exact weights; fast when there are
        many blocs of distinct, small integer weights). ``"auto"`` picks compositions unless
        there are more than :data:`MAX_COMPOSITIONS` of them.

    Returns
    -------
    PowerIndices

    Raises
    ------
    GameTooLargeError
        When neither method can count the body exactly in reasonable time.

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
    size = math.prod(b.count + 1 for b in blocs)
    exact_weights = (
        game.quota is not None
        and all(isinstance(b.weight, Fraction) for b in blocs)
        and isinstance(game.quota, Fraction)
    )
    if method == "generating_functions" or (
        method == "auto" and size > MAX_COMPOSITIONS and exact_weights
    ):
        if not exact_weights:
            raise ValueError("generating functions need a weighted body with exact weights")
        return _generating_function_indices(game)
    if method not in ("auto", "compositions"):
        raise ValueError(f"unknown method {method!r}")
    if size > MAX_COMPOSITIONS:
        raise GameTooLargeError(
            f"the body has {size} bloc compositions (more than {MAX_COMPOSITIONS}); "
            "merge identical voters into blocs with a `count`"
        )
    return _composition_indices(game)


class _Compositions:
    """Every bloc composition of a body (how many members of each bloc), and how many coalitions
    of voters each stands for once one voter of bloc ``b`` is set apart."""

    def __init__(self, game: VotingGame) -> None:
        self.counts = [b.count for b in game.blocs]
        self.shape = tuple(c + 1 for c in self.counts)
        self.grid = np.indices(self.shape).reshape(len(self.counts), -1).T
        self.binomials = [[math.comb(c, k) for k in range(c + 1)] for c in self.counts]

    def multiplicity(self, row: np.ndarray, b: int) -> int:
        """Coalitions with composition ``row`` that contain one given voter of bloc ``b``."""
        product = math.comb(self.counts[b] - 1, int(row[b]) - 1)
        for q, binomials in enumerate(self.binomials):
            if q != b:
                product *= binomials[int(row[q])]
        return product

    def coalitions(self, row: np.ndarray) -> int:
        """Coalitions of voters with composition ``row``."""
        return math.prod(binomials[int(row[q])] for q, binomials in enumerate(self.binomials))


def _composition_indices(game: VotingGame) -> PowerIndices:
    """The indices by enumerating bloc compositions: winning ones, the swings of each bloc's
    voters, and the minimal winning ones."""
    blocs = game.blocs
    space = _Compositions(game)
    grid, size = space.grid, len(space.grid)
    strides = [math.prod(space.shape[b + 1 :]) for b in range(len(blocs))]
    wins = _winning(game, grid)
    flat = np.arange(size)
    loses_without = []
    for b in range(len(blocs)):
        present = grid[:, b] >= 1
        losing = np.zeros(size, dtype=bool)
        losing[present] = ~wins[flat[present] - strides[b]]
        loses_without.append(present & losing)
    minimal = wins.copy()
    for b in range(len(blocs)):
        minimal &= ~(grid[:, b] >= 1) | loses_without[b]

    n = sum(space.counts)
    factorials = [math.factorial(k) for k in range(n + 1)]
    swings: dict[str, int] = {}
    orderings: dict[str, int] = {}
    for b, bloc in enumerate(blocs):
        swings[bloc.id] = orderings[bloc.id] = 0
        for index in np.flatnonzero(wins & loses_without[b]):
            row = grid[index]
            members = int(row.sum())
            multiplicity = space.multiplicity(row, b)
            swings[bloc.id] += multiplicity
            orderings[bloc.id] += multiplicity * factorials[members - 1] * factorials[n - members]

    minimal_rows = grid[np.flatnonzero(minimal)]
    minimal_total = sum(space.coalitions(row) for row in minimal_rows)
    minimal_with: dict[str, int] = {}
    packel_sum: dict[str, Fraction] = {}
    for b, bloc in enumerate(blocs):
        rows = [row for row in minimal_rows if row[b] != 0]
        multiplicities = [space.multiplicity(row, b) for row in rows]
        minimal_with[bloc.id] = sum(multiplicities)
        packel_sum[bloc.id] = sum(
            (Fraction(k, int(row.sum())) for k, row in zip(multiplicities, rows, strict=True)),
            Fraction(0),
        )
    return _assemble(game, orderings, swings, minimal_with, packel_sum, minimal_total)


class _Polynomials:
    """Polynomials in weight ``z`` and size ``t`` with exact integer coefficients, truncated at
    weight ``cap``: ``poly[w, s]`` counts the coalitions of weight ``w`` and size ``s``."""

    def __init__(self, cap: int, voters: int) -> None:
        self.cap = cap
        self.voters = voters

    def empty(self) -> np.ndarray:
        poly = np.zeros((self.cap, self.voters + 1), dtype=object)
        poly[:, :] = 0
        return poly

    def one(self) -> np.ndarray:
        poly = self.empty()
        poly[0, 0] = 1
        return poly

    def multiply(self, poly: np.ndarray, weight: int, count: int) -> np.ndarray:
        """``poly * (1 + z^weight t)^count``."""
        cap, n = self.cap, self.voters
        out = np.zeros_like(poly)
        for c in range(count + 1):
            shift = c * weight
            if shift >= cap:
                break
            out[shift:, c:] += math.comb(count, c) * poly[: cap - shift, : n + 1 - c]
        return out

    def without_one(self, poly: np.ndarray, weight: int) -> np.ndarray:
        """``poly / (1 + z^weight t)``, exactly (the polynomial contains that factor)."""
        out = poly.copy()
        if weight == 0:  # (1 + t): divide along the size axis
            for s in range(1, self.voters + 1):
                out[:, s] = poly[:, s] - out[:, s - 1]
            return out
        for start in range(weight, self.cap, weight):
            stop = min(start + weight, self.cap)
            out[start:stop, 1:] = poly[start:stop, 1:] - out[start - weight : stop - weight, :-1]
        return out


def _generating_function_indices(game: VotingGame) -> PowerIndices:
    """The indices of a weighted body by generating functions over (weight, size).

    ``N[w, s]`` counts the coalitions of weight ``w`` and size ``s`` (Brams & Affuso 1976;
    Bilbao et al. 2000): one multiplication per bloc by ``sum_c C(count, c) z^(c w) t^c``,
    truncated above ``quota + max weight``. The coalitions of the other voters than one voter of
    weight ``w_b`` are ``N / (1 + z^(w_b) t)`` (exact polynomial division).
    """
    blocs = game.blocs
    weights = [Fraction(b.weight) for b in blocs]  # type: ignore[arg-type]
    quota_fraction = Fraction(game.quota)  # type: ignore[arg-type]
    scale = math.lcm(quota_fraction.denominator, *(w.denominator for w in weights))
    w_int = [int(w * scale) for w in weights]
    quota = int(quota_fraction * scale)
    counts = [b.count for b in blocs]
    n = sum(counts)
    cap = quota + max(w_int) + 1
    if cap * (n + 1) * max(n, 1) > 50_000_000:
        raise GameTooLargeError(
            f"the body is too large to count exactly: {len(blocs)} blocs of distinct weights "
            f"and a quota of {quota} weight units; merge identical voters into blocs"
        )
    algebra = _Polynomials(cap, n)
    everyone = algebra.one()
    for weight, count in zip(w_int, counts, strict=True):
        everyone = algebra.multiply(everyone, weight, count)
    factorials = [math.factorial(k) for k in range(n + 1)]
    order_weight = np.array(
        [factorials[s] * factorials[n - 1 - s] if s <= n - 1 else 0 for s in range(n + 1)],
        dtype=object,
    )
    swings: dict[str, int] = {}
    orderings: dict[str, int] = {}
    for bloc, weight in zip(blocs, w_int, strict=True):
        window = algebra.without_one(everyone, weight)[max(0, quota - weight) : quota]
        swings[bloc.id] = int(window.sum()) if window.size else 0
        orderings[bloc.id] = int((window * order_weight).sum()) if window.size else 0
    minimal_total, minimal_with, packel_sum = _minimal_winning_counts(
        algebra, [b.id for b in blocs], w_int, counts, quota
    )
    return _assemble(game, orderings, swings, minimal_with, packel_sum, minimal_total)


def _minimal_winning_counts(
    algebra: _Polynomials, ids: list[str], w_int: list[int], counts: list[int], quota: int
) -> tuple[int, dict[str, int], dict[str, Fraction]]:
    """Minimal winning coalitions, counted by their lightest weight ``ω``: voters of weight
    ``>= ω``, at least one of weight ``ω``, total weight in ``[quota, quota + ω)``. Returns
    their number, how many contain one voter of each bloc, and the sums of ``1/|S|`` over those.
    """
    sizes = np.array([Fraction(1, s + 1) for s in range(algebra.voters + 1)], dtype=object)
    minimal_total = 0
    minimal_with = dict.fromkeys(ids, 0)
    packel_sum = {i: Fraction(0) for i in ids}
    heavier = algebra.one()
    for omega in sorted({w for w in w_int if w > 0}, reverse=True):
        at_least = heavier
        for weight, count in zip(w_int, counts, strict=True):
            if weight == omega:
                at_least = algebra.multiply(at_least, weight, count)
        lightest = at_least - heavier
        top = min(quota + omega, algebra.cap)
        minimal_total += int(lightest[quota:top].sum())
        for bloc_id, weight in zip(ids, w_int, strict=True):
            if weight < omega:
                continue
            source = lightest if weight > omega else at_least
            rest = algebra.without_one(source, weight)
            rest = rest[max(0, quota - weight) : max(0, top - weight)]
            minimal_with[bloc_id] += int(rest.sum())
            packel_sum[bloc_id] += (rest * sizes).sum() if rest.size else Fraction(0)
        heavier = at_least
    return minimal_total, minimal_with, packel_sum


def _assemble(
    game: VotingGame,
    orderings: dict[str, int],
    swings: dict[str, int],
    minimal_with: dict[str, int],
    packel_sum: dict[str, Fraction],
    minimal_total: int,
) -> PowerIndices:
    """The indices from per-voter counts (one voter of each bloc): pivotal orderings, swings,
    minimal winning coalitions containing the voter, and the sum of ``1/|S|`` over those."""
    ids = [b.id for b in game.blocs]
    counts = [b.count for b in game.blocs]
    n = sum(counts)
    all_swings = sum(swings[i] * c for i, c in zip(ids, counts, strict=True))
    all_minimal = sum(minimal_with[i] * c for i, c in zip(ids, counts, strict=True))

    def share(values: dict[str, Any], total: int) -> FrozenMap[str, Fraction]:
        return FrozenMap((i, Fraction(values[i]) / total if total else Fraction(0)) for i in ids)

    return PowerIndices(
        game=game,
        shapley_shubik=share(orderings, math.factorial(n)),
        banzhaf=share(swings, all_swings),
        banzhaf_raw=share(swings, 2 ** (n - 1)),
        deegan_packel=share(packel_sum, minimal_total),
        holler=share(minimal_with, all_minimal),
        swings=FrozenMap(swings),
        minimal_winning=FrozenMap(minimal_with),
        minimal_winning_total=minimal_total,
    )
