"""What robustness tests of a TU game: whether the core is empty, whether the Shapley value lies
in it, the Shapley ranking and who gains most.

Claims: ``core`` (the core is non-empty, or empty, as at the baseline), ``shapley_in_core``,
``shapley.ranking`` (the players ordered by Shapley value, ties together) and ``shapley.first``
(the players with the largest Shapley value). Up to :data:`BALANCED_PLAYERS` players the core is
tested with the minimal balanced collections (Bondareva-Shapley: the core is non-empty exactly
when ``sum_S lambda_S v(S) <= v(N)`` at every vertex ``lambda`` of the balanced weights), so a
sample costs a matrix product; beyond, one exact core computation per sample.

>>> from negotiate.model import CoalitionGame
>>> game = CoalitionGame.from_values(id="g", title="G", players=["a", "b", "c"],
...     values={"a": 0, "b": 0, "c": 0, "a+b": 4, "a+c": 4, "b+c": 4, "a+b+c": 6})
>>> [(c.id, c.name) for c in coalition_claims(game)][:2]
[('core', 'The core is non-empty'), ('shapley_in_core', 'The Shapley value is in the core')]
>>> statistics(game.__class__.from_values(id="g", title="G", players=["a", "b", "c"],
...     values={"a": 0, "b": 0, "c": 0, "a+b": 5, "a+c": 4, "b+c": 4, "a+b+c": 6}),
...     coalition_claims(game)[:1])
(False,)
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Sequence
from fractions import Fraction
from functools import cache
from math import factorial

import numpy as np

from negotiate.cooperative.core import core
from negotiate.cooperative.shapley import shapley_value
from negotiate.exact.numbers import Number
from negotiate.model.coalition import CoalitionGame
from negotiate.robust.study import Claim, KindSpec, per_sample

__all__ = ["BALANCED_PLAYERS", "COALITION", "coalition_claims", "coalition_headline", "statistics"]

BALANCED_PLAYERS = 4
"""Up to this many players, the core is tested with the minimal balanced collections."""


def _solve(columns: list[list[int]], n: int) -> list[Fraction] | None:
    """The unique solution of ``A x = 1`` (``A``: the columns' incidence), or ``None``."""
    rows = [[Fraction(c[i]) for c in columns] + [Fraction(1)] for i in range(n)]
    k = len(columns)
    pivot_row = 0
    pivots = []
    for col in range(k):
        found = next((r for r in range(pivot_row, n) if rows[r][col] != 0), None)
        if found is None:
            return None
        rows[pivot_row], rows[found] = rows[found], rows[pivot_row]
        head = rows[pivot_row][col]
        rows[pivot_row] = [x / head for x in rows[pivot_row]]
        for r in range(n):
            if r != pivot_row and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [x - factor * y for x, y in zip(rows[r], rows[pivot_row], strict=True)]
        pivots.append(pivot_row)
        pivot_row += 1
    if any(rows[r][k] != 0 for r in range(pivot_row, n)):
        return None
    return [rows[p][k] for p in pivots]


@cache
def balanced_vertices(n: int) -> tuple[tuple[tuple[int, Fraction], ...], ...]:
    """The vertices of the balanced weights on the proper coalitions of ``n`` players, each as
    ``(coalition mask, weight)`` pairs (the minimal balanced collections).

    >>> len(balanced_vertices(3)), len(balanced_vertices(4))
    (5, 41)
    """
    proper = list(range(1, (1 << n) - 1))
    out = []
    for size in range(1, n + 1):
        for chosen in itertools.combinations(proper, size):
            columns = [[m >> i & 1 for i in range(n)] for m in chosen]
            weights = _solve(columns, n)
            if weights is not None and all(w > 0 for w in weights):
                out.append(tuple(zip(chosen, weights, strict=True)))
    return tuple(out)


def _core_nonempty(game: CoalitionGame) -> bool:
    if game.n > BALANCED_PLAYERS or game.n == 1:
        return not core(game).empty
    total = game.worth[game.grand_coalition]
    return all(
        sum(w * game.worth[m] for m, w in vertex) <= total for vertex in balanced_vertices(game.n)
    )


def _ranking(values: Sequence[Number], players: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """The players by decreasing value, equal ones together (within 1e-9 for floats)."""
    exact = all(isinstance(v, Fraction) for v in values)
    order = sorted(range(len(players)), key=lambda k: -values[k])
    groups: list[list[str]] = []
    last: Number | None = None
    for k in order:
        if last is not None and (
            values[k] == last if exact else abs(float(values[k]) - float(last)) <= 1e-9
        ):
            groups[-1].append(players[k])
        else:
            groups.append([players[k]])
        last = values[k]
    return tuple(tuple(sorted(g)) for g in groups)


def _in_core(game: CoalitionGame, x: Sequence[Number]) -> bool:
    tolerance = 0 if game.is_exact else 1e-9
    return all(
        sum(x[i] for i in range(game.n) if m >> i & 1) >= game.worth[m] - tolerance
        for m in range(1, 1 << game.n)
    )


def statistics(game: CoalitionGame, claims: Sequence[Claim]) -> tuple[Hashable, ...]:
    """Each claim's statistic on ``game``, exactly."""
    shapley = list(shapley_value(game).payoffs)
    ranking = _ranking(shapley, game.players)
    values = {
        "core": _core_nonempty(game),
        "shapley_in_core": _in_core(game, shapley),
        "shapley.ranking": ranking,
        "shapley.first": ranking[0],
    }
    return tuple(values[c.kind] for c in claims)


def _ranking_words(ranking: Sequence[Sequence[str]]) -> str:
    return " > ".join(" = ".join(group) for group in ranking)


def coalition_claims(game: CoalitionGame) -> tuple[Claim, ...]:
    """The baseline's core, Shapley value and ranking, as claims."""
    bare = [Claim(id=k, name="", kind=k) for k in ("core", "shapley_in_core", "shapley.ranking")]
    nonempty, inside, ranking = statistics(game, bare)
    first = ranking[0]  # type: ignore[index]
    return (
        Claim(
            id="core",
            name=f"The core is {'non-empty' if nonempty else 'empty'}",
            kind="core",
            target=nonempty,
        ),
        Claim(
            id="shapley_in_core",
            name=f"The Shapley value is {'in' if inside else 'outside'} the core",
            kind="shapley_in_core",
            target=inside,
        ),
        Claim(
            id="shapley.ranking",
            name=f"The Shapley ranking is {_ranking_words(ranking)}",  # type: ignore[arg-type]
            kind="shapley.ranking",
            target=ranking,
        ),
        Claim(
            id="shapley.first",
            name=f"{' and '.join(first)} {'gains' if len(first) == 1 else 'gain'} most "
            "(Shapley value)",
            kind="shapley.first",
            target=first,
        ),
    )


def _shapley_matrix(n: int) -> np.ndarray:
    """``M`` with ``worth @ M`` the Shapley value."""
    out = np.zeros((1 << n, n))
    for mask in range(1 << n):
        size = bin(mask).count("1")
        for i in range(n):
            if mask >> i & 1:
                weight = factorial(size - 1) * factorial(n - size) / factorial(n)
                out[mask, i] += weight
                out[mask & ~(1 << i), i] -= weight
    return out


def coalition_batch(
    game: CoalitionGame, paths: Sequence[str], claims: Sequence[Claim], values: np.ndarray
) -> np.ndarray:
    """Whether each claim holds in each sampled game, vectorised (up to
    :data:`BALANCED_PLAYERS` players)."""
    if game.n > BALANCED_PLAYERS:
        return per_sample(game, paths, claims, values, COALITION)
    from negotiate.model.kind_paths import kind_parse

    worth = np.tile([float(w) for w in game.worth], (len(values), 1))
    for column, path in enumerate(paths):
        worth[:, kind_parse(game, path)[1]] = values[:, column]
    shapley = worth @ _shapley_matrix(game.n)
    total = worth[:, -1]
    lambdas = np.zeros((len(balanced_vertices(game.n)), 1 << game.n))
    for row, vertex in enumerate(balanced_vertices(game.n)):
        for m, w in vertex:
            lambdas[row, m] = float(w)
    nonempty = ((worth @ lambdas.T) <= total[:, None] + 1e-12).all(axis=1)
    incidence = np.array([[m >> i & 1 for m in range(1 << game.n)] for i in range(game.n)])
    inside = ((shapley @ incidence) >= worth - 1e-9).all(axis=1)
    out = np.zeros((len(values), len(claims)), dtype=bool)
    rankings = [_ranking(row.tolist(), game.players) for row in shapley]
    for j, claim in enumerate(claims):
        if claim.kind == "core":
            out[:, j] = nonempty == claim.target
        elif claim.kind == "shapley_in_core":
            out[:, j] = inside == claim.target
        elif claim.kind == "shapley.ranking":
            out[:, j] = [r == claim.target for r in rankings]
        else:
            out[:, j] = [r[0] == claim.target for r in rankings]
    return out


def coalition_headline(game: CoalitionGame) -> str:
    """The Shapley ranking and whether the core is empty, in words (a sweep's regime)."""
    bare = [Claim(id=k, name="", kind=k) for k in ("core", "shapley.ranking")]
    nonempty, ranking = statistics(game, bare)
    words = _ranking_words(ranking)  # type: ignore[arg-type]
    return f"Shapley {words}; core {'non-empty' if nonempty else 'empty'}"


COALITION = KindSpec(claims=coalition_claims, statistics=statistics, batch=coalition_batch)
"""A TU game's robustness."""
