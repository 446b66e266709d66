"""All extreme Nash equilibria of a two-player game by vertex enumeration.

The best-response polytopes ``P = {x >= 0 : B^T x <= 1}`` and ``Q = {y >= 0 : A y <= 1}``
(payoffs shifted to be positive) carry labels: a point ``x`` of ``P`` has the label of every row
it does not use and of every column that is a best response to it; likewise for ``y``. An
equilibrium is a pair of vertices that together carry every label; normalised, these are the
extreme equilibria (Algorithm 3.5 of von Stengel 2007; Avis, Rosenberg, Savani & von Stengel
2010, "Enumeration of Nash equilibria for two-player games"). In a degenerate game the
equilibria form components whose extreme points are exactly what this returns.

:func:`vertex_enumeration` lists the vertices itself: every vertex solves a regular square system
``B[I, J]^T x_I = 1`` for some supports of equal size, the systems support enumeration solves, so
one batched pass finds all vertices of both polytopes with their labels (as bit masks). Pairs
whose labels cover everything are re-solved in exact rationals and verified exactly when the
payoffs are exact. :func:`vertex_enumeration_nashpy` does the same through nashpy (Qhull), as an
independent check; it is much slower beyond 8 x 8.
"""

from __future__ import annotations

import warnings

import attrs
import numpy as np

from negotiate.errors import GameTooLargeError
from negotiate.model.normal_form import NormalFormGame
from negotiate.strategic._bimatrix import (
    SCREEN,
    bimatrix,
    exact_profile,
    positive,
    support_count,
    support_pairs,
    unique_profiles,
)
from negotiate.strategic.mixed import (
    Equilibrium,
    MixedProfile,
    make_equilibrium,
    payoff_arrays,
    verify_profile,
)

__all__ = ["VertexEnumeration", "vertex_enumeration", "vertex_enumeration_nashpy"]

MATCH_BLOCK = 2_000
"""Vertices of ``P`` matched against all of ``Q``'s at once."""


@attrs.frozen(kw_only=True)
class VertexEnumeration:
    """The extreme equilibria found; ``exact`` when all were recovered and verified exactly;
    ``warnings`` holds what the computation warned about."""

    equilibria: tuple[Equilibrium, ...]
    exact: bool
    warnings: tuple[str, ...] = ()


def vertex_enumeration(game: NormalFormGame) -> VertexEnumeration:
    """Every extreme equilibrium of a two-player game, degenerate or not.

    Raises
    ------
    GameTooLargeError
        When the game has more pairs of supports than support enumeration takes on.

    Examples
    --------
    A degenerate game: the column player is indifferent, so the equilibria are ``t`` against any
    ``y`` with ``y_l >= 1/2``, ``b`` against any ``y`` with ``y_l <= 1/2``, and any ``x`` against
    ``y = (1/2, 1/2)``; the four extreme points are reported.

    >>> from negotiate.model.normal_form import NormalFormGame, Player
    >>> game = NormalFormGame.from_matrices(
    ...     id="g", title="g", row=[[1, 0], [0, 1]], column=[[1, 1], [1, 1]],
    ...     players=[Player(id="r", strategies=["t", "b"]), Player(id="c", strategies=["l", "r"])])
    >>> for e in vertex_enumeration(game).equilibria:
    ...     print(e.support("r"), dict(e.strategies["c"]))
    ('t',) {'l': Fraction(1, 1), 'r': Fraction(0, 1)}
    ('b',) {'l': Fraction(0, 1), 'r': Fraction(1, 1)}
    ('t',) {'l': Fraction(1, 2), 'r': Fraction(1, 2)}
    ('b',) {'l': Fraction(1, 2), 'r': Fraction(1, 2)}
    """
    from negotiate.strategic.support_enumeration import MAX_SUPPORT_PAIRS, _screen

    bim = bimatrix(game)
    m, n = bim.shape
    pairs = support_count(m, n)
    if pairs > MAX_SUPPORT_PAIRS:
        raise GameTooLargeError(
            f"vertex enumeration of a {m} x {n} game would solve {pairs:,} systems "
            f"(the limit is {MAX_SUPPORT_PAIRS:,}); use method='lemke_howson'"
        )
    a_pos, b_pos = bim.a - bim.a.min() + 1, bim.b - bim.b.min() + 1
    row_bits = np.int64(1) << np.arange(m, dtype=np.int64)
    column_bits = np.int64(1) << np.arange(m, m + n, dtype=np.int64)
    xs, x_labels, ys, y_labels = [], [], [], []
    for k in range(1, min(m, n) + 1):
        for rows_, columns_ in support_pairs(m, n, k):
            s = _screen(a_pos, b_pos, rows_, columns_)
            count = len(rows_)
            index = np.arange(count)[:, None]
            x_full = np.zeros((count, m))
            x_full[index, rows_] = s.x
            y_full = np.zeros((count, n))
            y_full[index, columns_] = s.y
            x_mask = (x_full <= SCREEN).astype(np.int64) @ row_bits
            x_mask |= (s.column_values >= s.u[:, None] - s.tol).astype(np.int64) @ column_bits
            y_mask = (s.row_values >= s.v[:, None] - s.tol).astype(np.int64) @ row_bits
            y_mask |= (y_full <= SCREEN).astype(np.int64) @ column_bits
            xs.append(x_full[s.x_vertex])
            x_labels.append(x_mask[s.x_vertex])
            ys.append(y_full[s.y_vertex])
            y_labels.append(y_mask[s.y_vertex])
    x_points, x_masks = _distinct(np.vstack(xs), np.concatenate(x_labels))
    y_points, y_masks = _distinct(np.vstack(ys), np.concatenate(y_labels))
    full = np.int64((1 << (m + n)) - 1)
    profiles: list[MixedProfile] = []
    exact = bim.exact
    messages: list[str] = []
    for start in range(0, len(x_masks), MATCH_BLOCK):
        block = x_masks[start : start + MATCH_BLOCK]
        hits = np.argwhere((block[:, None] | y_masks[None, :]) == full)
        for i, j in hits:
            profile, is_exact = exact_profile(bim, x_points[start + i], y_points[j])
            if is_exact or verify_profile(game, profile):
                profiles.append(profile)
                exact = exact and is_exact
            else:
                messages.append("a completely labelled pair did not verify and was dropped")
    arrays = payoff_arrays(game)
    equilibria = tuple(make_equilibrium(game, p, arrays) for p in unique_profiles(profiles))
    return VertexEnumeration(equilibria=equilibria, exact=exact, warnings=tuple(messages))


def _distinct(points: np.ndarray, masks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vertices found from several bases (degenerate games) kept once, their labels merged."""
    if len(points) == 0:
        return points, masks
    keys = np.round(points, 9)
    _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    merged = np.zeros(len(first), dtype=np.int64)
    np.bitwise_or.at(merged, inverse.ravel(), masks)
    return points[first], merged


def vertex_enumeration_nashpy(game: NormalFormGame) -> VertexEnumeration:
    """Every extreme equilibrium through nashpy's ``vertex_enumeration`` (Qhull), each re-solved
    exactly from its labels and verified; an independent check of :func:`vertex_enumeration`.

    Examples
    --------
    >>> from negotiate.model.normal_form import NormalFormGame, Player
    >>> game = NormalFormGame.from_matrices(
    ...     id="g", title="g", row=[[1, 0], [0, 1]], column=[[1, 1], [1, 1]],
    ...     players=[Player(id="r", strategies=["t", "b"]), Player(id="c", strategies=["l", "r"])])
    >>> len(vertex_enumeration_nashpy(game).equilibria)
    4
    """
    import nashpy

    bim = bimatrix(game)
    a, b = positive(bim.a), positive(bim.b)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pairs = list(nashpy.Game(a, b).vertex_enumeration())
    messages = [str(w.message).strip() for w in caught]
    profiles: list[MixedProfile] = []
    exact = bim.exact
    for x, y in pairs:
        profile, is_exact = exact_profile(bim, np.asarray(x), np.asarray(y))
        exact = exact and is_exact
        profiles.append(profile)
    arrays = payoff_arrays(game)
    equilibria = tuple(make_equilibrium(game, p, arrays) for p in unique_profiles(profiles))
    return VertexEnumeration(equilibria=equilibria, exact=exact, warnings=tuple(messages))
