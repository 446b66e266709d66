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
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import attrs
import numpy as np

from negotiate.errors import GameTooLargeError
from negotiate.model._common import FrozenMap
from negotiate.model.voting import Bloc, VotingGame
from negotiate.voting.band_work import flat_work, minimal_method, swings_work
from negotiate.voting.banded import minimal_winning_by_class, swings_by_class, swings_by_size
from negotiate.voting.banded import minimal_winning_counts as banded_minimal_counts
from negotiate.voting.generating import IntegerBody, minimal_winning_counts

__all__ = [
    "MAX_COMPOSITIONS",
    "MAX_GF_BITS",
    "MAX_GF_WORK",
    "GfCounts",
    "PowerIndices",
    "gf_counts",
    "power_indices",
]

MAX_COMPOSITIONS = 20_000_000
"""The most bloc compositions :func:`power_indices` enumerates (``prod_b (count_b + 1)``)."""

MAX_GF_WORK = 2 * 10**12
"""The most bit operations the generating functions may take (:func:`gf_counts`; a few
10^10 a second on one core, so a minute or two)."""

MAX_GF_BITS = 4 * 10**9
"""The most bits the generating functions may hold at once (:func:`gf_counts`: 500 MB)."""

COMPOSITION_COST = 20_000
"""Bit operations that enumerating one composition costs, measured against the generating
functions (numpy over the grid, then exact sums over the pivotal compositions)."""

INDICES = ("shapley_shubik", "banzhaf", "banzhaf_raw", "deegan_packel", "holler")
"""The names of the indices, as in the JSON results."""


@attrs.frozen(kw_only=True)
class _Minimal:
    """The minimal winning coalitions: their number, how many contain one voter of each bloc,
    and (counted when first asked, by size) the sum of ``1/|S|`` over those."""

    total: int
    containing: dict[str, int]
    packel_sum: Callable[[], dict[str, Fraction]] = attrs.field(eq=False, repr=False)


@attrs.frozen(kw_only=True)
class PowerIndices:
    """Power indices of one voter of each bloc (voters of a bloc have equal power).

    Every index maps bloc id -> the power of *one* voter of that bloc, as a Fraction.
    ``swings`` counts the coalitions in which one voter of the bloc is pivotal and
    ``minimal_winning`` the minimal winning coalitions that contain it;
    ``minimal_winning_total`` counts all minimal winning coalitions. The Shapley-Shubik index and
    the indices built on minimal winning coalitions (Deegan-Packel, Holler) are counted on first
    use; the Banzhaf index, by weight alone, at once.
    """

    game: VotingGame
    banzhaf: FrozenMap[str, Fraction]
    banzhaf_raw: FrozenMap[str, Fraction]
    swings: FrozenMap[str, int]
    count_orderings: Callable[[], dict[str, int]] = attrs.field(
        eq=False, repr=False, alias="orderings"
    )
    count_minimal: Callable[[], _Minimal] = attrs.field(eq=False, repr=False, alias="minimal")
    _cache: dict[str, Any] = attrs.field(factory=dict, eq=False, repr=False, init=False)

    @property
    def shapley_shubik(self) -> FrozenMap[str, Fraction]:
        """Shapley-Shubik (1954), per voter: the orderings in which one voter of the bloc is
        pivotal, over ``n!`` (counted on first use: by coalition size, the most work here)."""
        if "orderings" not in self._cache:
            self._cache["orderings"] = self.count_orderings()
        n = sum(b.count for b in self.game.blocs)
        return _share(self.game, self._cache["orderings"], math.factorial(n))

    def _minimal(self) -> _Minimal:
        if "minimal" not in self._cache:
            self._cache["minimal"] = self.count_minimal()
        counts: _Minimal = self._cache["minimal"]
        return counts

    @property
    def minimal_winning_total(self) -> int:
        """The number of minimal winning coalitions."""
        return self._minimal().total

    @property
    def minimal_winning(self) -> FrozenMap[str, int]:
        """``{bloc: minimal winning coalitions containing one voter of the bloc}``."""
        return FrozenMap(self._minimal().containing)

    @property
    def deegan_packel(self) -> FrozenMap[str, Fraction]:
        """Deegan-Packel (1978), per voter."""
        counts = self._minimal()
        if "packel" not in self._cache:
            self._cache["packel"] = counts.packel_sum()
        return _share(self.game, self._cache["packel"], counts.total)

    @property
    def holler(self) -> FrozenMap[str, Fraction]:
        """Holler's public good index (1982), per voter."""
        containing = self._minimal().containing
        all_minimal = sum(containing[b.id] * b.count for b in self.game.blocs)
        return _share(self.game, containing, all_minimal)

    def index(self, name: str) -> FrozenMap[str, Fraction]:
        """One index by its JSON name (``"shapley_shubik"``, ``"banzhaf"``, ...)."""
        if name not in INDICES:
            raise ValueError(f"unknown power index {name!r} (expected one of {INDICES})")
        values: FrozenMap[str, Fraction] = getattr(self, name)
        return values

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
            return np.asarray((grid.astype(dtype) @ np.array(scaled, dtype=dtype)) >= quota)
        weight_floats = np.array([float(b.weight) for b in game.blocs])  # type: ignore[arg-type]
        return np.asarray(grid @ weight_floats >= float(game.quota))
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
        ``"compositions"`` enumerates bloc compositions (any body; blocs of equal weight
        merged); ``"generating_functions"`` counts by weight and size (weighted bodies with
        exact weights, :mod:`negotiate.voting.generating`). ``"auto"`` picks, for a weighted
        body, the method of less work (compositions times :data:`COMPOSITION_COST` against
        :func:`gf_counts`).

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
    if method not in ("auto", "compositions", "generating_functions"):
        raise ValueError(f"unknown method {method!r}")
    body = _body_of(game) if _exact_weights(game) else None
    if method == "generating_functions":
        if body is None:
            raise ValueError("generating functions need a weighted body with exact weights")
        return _generating_function_indices(game, body, _checked(gf_counts(body), body))
    merged, bloc_of = _merged(game) if body is not None else (game, {})
    compositions = math.prod(b.count + 1 for b in merged.blocs)
    if method == "auto" and body is not None:
        counts = gf_counts(body)
        if compositions * COMPOSITION_COST > counts.work or compositions > MAX_COMPOSITIONS:
            return _generating_function_indices(game, body, _checked(counts, body))
    if compositions > MAX_COMPOSITIONS:
        raise GameTooLargeError(
            f"the body has {compositions} bloc compositions (more than {MAX_COMPOSITIONS}); "
            "merge identical voters into blocs with a `count`"
        )
    if merged is game:
        return _composition_indices(game)
    return _unmerged(game, _composition_indices(merged), bloc_of)


def _exact_weights(game: VotingGame) -> bool:
    """Whether the body is weighted with exact (rational) weights and quota."""
    return (
        game.quota is not None
        and isinstance(game.quota, Fraction)
        and all(isinstance(b.weight, Fraction) for b in game.blocs)
    )


@attrs.frozen
class GfCounts:
    """What counting a body by generating functions takes, estimated before anything is
    counted: bit operations, bits held at most, and the method of the minimal winning
    coalitions by size (:func:`~negotiate.voting.band_work.minimal_method`)."""

    work: int
    bits: int
    minimal: str


def gf_counts(body: IntegerBody) -> GfCounts:
    """The work of every count the generating functions make for ``body``: the swings by size
    (:func:`~negotiate.voting.band_work.swings_work`), the swings and minimal winning
    coalitions without sizes (:func:`~negotiate.voting.band_work.flat_work`) and the minimal
    winning coalitions by size, by the method that does least. A body whose swings alone are
    past :data:`MAX_GF_WORK` is not estimated further."""
    swings, held = swings_work(body)
    if swings > MAX_GF_WORK:
        return GfCounts(work=swings, bits=held, minimal="divisions")
    minimal, (rows, rows_held) = minimal_method(body)
    return GfCounts(
        work=flat_work(body) + rows + swings, bits=max(held, rows_held), minimal=minimal
    )


def _checked(counts: GfCounts, body: IntegerBody) -> GfCounts:
    """``counts``, unless counting ``body`` by generating functions takes more work or memory
    than allowed."""
    work, bits = counts.work, counts.bits
    if work > MAX_GF_WORK or bits > MAX_GF_BITS:
        raise GameTooLargeError(
            f"the body is too large to count exactly: {body.voters} voters in "
            f"{len(body.weights)} classes of distinct weight, quota {body.quota} weight units "
            f"(~{work:.1e} bit operations and {bits / 8e6:.0f} MB; the limits are "
            f"{MAX_GF_WORK:.0e} and {MAX_GF_BITS / 8e6:.0f} MB)"
        )
    return counts


def _merged(game: VotingGame) -> tuple[VotingGame, dict[str, str]]:
    """The body with blocs of equal weight merged into one bloc, and ``{bloc: merged bloc}``."""
    first: dict[Fraction, Bloc] = {}
    counts: dict[str, int] = {}
    bloc_of: dict[str, str] = {}
    for bloc in game.blocs:
        weight = Fraction(bloc.weight)  # type: ignore[arg-type]
        head = first.setdefault(weight, bloc)
        counts[head.id] = counts.get(head.id, 0) + bloc.count
        bloc_of[bloc.id] = head.id
    if len(first) == len(game.blocs):
        return game, bloc_of
    blocs = [attrs.evolve(head, count=counts[head.id]) for head in first.values()]
    return attrs.evolve(game, blocs=blocs), bloc_of


def _unmerged(game: VotingGame, merged: PowerIndices, bloc_of: dict[str, str]) -> PowerIndices:
    """The indices of ``game`` from those of its merged body (equal voters, equal power)."""
    swings = {b.id: merged.swings[bloc_of[b.id]] for b in game.blocs}
    n = sum(b.count for b in game.blocs)

    def orderings() -> dict[str, int]:
        index = merged.shapley_shubik
        return {b.id: int(index[bloc_of[b.id]] * math.factorial(n)) for b in game.blocs}

    def minimal() -> _Minimal:
        def packel() -> dict[str, Fraction]:
            total = merged.minimal_winning_total
            return {b.id: merged.deegan_packel[bloc_of[b.id]] * total for b in game.blocs}

        return _Minimal(
            total=merged.minimal_winning_total,
            containing={b.id: merged.minimal_winning[bloc_of[b.id]] for b in game.blocs},
            packel_sum=packel,
        )

    return _assemble(game, orderings, swings, minimal)


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
    counts = _Minimal(total=minimal_total, containing=minimal_with, packel_sum=lambda: packel_sum)
    return _assemble(game, lambda: orderings, swings, lambda: counts)


def _body_of(game: VotingGame) -> IntegerBody:
    """The body in lowest integer terms (equal weights merged)."""
    return IntegerBody.of(
        [(b.weight, b.count) for b in game.blocs],  # type: ignore[misc]
        game.quota,  # type: ignore[arg-type]
    )


def _generating_function_indices(
    game: VotingGame, body: IntegerBody, counts: GfCounts
) -> PowerIndices:
    """The indices of a weighted body by generating functions over (weight, size)
    (:mod:`negotiate.voting.generating`); the minimal winning coalitions are counted on first
    use of an index that needs them."""
    n = body.voters
    class_of = _class_index(game, body)
    by_class = swings_by_class(body)
    swings = {bloc.id: by_class[class_of[bloc.id]] for bloc in game.blocs}

    def orderings() -> dict[str, int]:
        per_class = _orderings_by_size(swings_by_size(body), n)
        return {bloc.id: per_class[class_of[bloc.id]] for bloc in game.blocs}

    def packel() -> dict[str, Fraction]:
        if counts.minimal == "divisions":
            sums = minimal_winning_counts(body)[2]
        else:
            sums = banded_minimal_counts(body, layout=counts.minimal)[2]
        return {b.id: sums[class_of[b.id]] for b in game.blocs}

    def minimal() -> _Minimal:
        layout = "apart" if counts.minimal == "apart" else "tree"  # bands held at once
        total, containing = minimal_winning_by_class(body, layout)
        return _Minimal(
            total=total,
            containing={b.id: containing[class_of[b.id]] for b in game.blocs},
            packel_sum=packel,
        )

    return _assemble(game, orderings, swings, minimal)


def _orderings_by_size(by_size: list[list[int]], n: int) -> list[int]:
    """For each class, the orderings of ``n`` voters in which one voter of the class is pivotal:
    ``sum_s swings[s] * s! (n - 1 - s)!`` (``s`` others before it), the weights
    ``s! (n - 1 - s)!`` by the recurrence ``w(s + 1) = w(s) (s + 1) / (n - 1 - s)``, exact.

    >>> _orderings_by_size([[0, 2, 1, 0]], 3)  # 2 swings with one before, 1 with two: 2 + 2
    [4]
    """
    weights, w = [], math.factorial(n - 1) if n else 0
    for s in range(n):
        weights.append(w)
        if s < n - 1:
            w = w * (s + 1) // (n - 1 - s)
    return [sum(k * weights[s] for s, k in enumerate(row[:n]) if k) for row in by_size]


def _class_index(game: VotingGame, body: IntegerBody) -> dict[str, int]:
    """``{bloc id: index of its weight class in body}``."""
    weights = [Fraction(b.weight) for b in game.blocs]  # type: ignore[arg-type]
    order = sorted(set(weights), reverse=True)
    if len(order) != len(body.weights):  # pragma: no cover - IntegerBody.of merges the same way
        raise AssertionError("weight classes do not match")
    rank = {w: k for k, w in enumerate(order)}
    return {b.id: rank[w] for b, w in zip(game.blocs, weights, strict=True)}


def _share(game: VotingGame, values: dict[str, Any], total: int) -> FrozenMap[str, Fraction]:
    """``{bloc: values[bloc] / total}`` (0 when ``total`` is 0)."""
    return FrozenMap(
        (b.id, Fraction(values[b.id]) / total if total else Fraction(0)) for b in game.blocs
    )


def _assemble(
    game: VotingGame,
    orderings: Callable[[], dict[str, int]],
    swings: dict[str, int],
    minimal: Callable[[], _Minimal],
) -> PowerIndices:
    """The indices from per-voter counts (one voter of each bloc): swings now; ``orderings``
    counts the pivotal orderings and ``minimal`` the minimal winning coalitions when first
    needed."""
    n = sum(b.count for b in game.blocs)
    all_swings = sum(swings[b.id] * b.count for b in game.blocs)
    return PowerIndices(
        game=game,
        orderings=orderings,
        banzhaf=_share(game, swings, all_swings),
        banzhaf_raw=_share(game, swings, 2 ** (n - 1)),
        swings=FrozenMap(swings),
        minimal=minimal,
    )
