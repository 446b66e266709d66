"""All extreme Nash equilibria of a two-player game by vertex enumeration (through nashpy).

The best-response polytopes ``P = {x >= 0 : B^T x <= 1}`` and ``Q = {y >= 0 : A y <= 1}``
(payoffs shifted to be positive) have labels: the strategies that are best responses or unused.
An equilibrium is a pair of vertices that together carry every label; normalised, these are the
extreme equilibria (Algorithm 3.5 of von Stengel 2007). In a degenerate game the equilibria form
components whose extreme points are exactly what this returns. nashpy enumerates the vertices
with Qhull in floating point; each equilibrium is then re-solved exactly from its labels and
verified exactly when the payoffs are exact.
"""

from __future__ import annotations

import warnings

import attrs
import numpy as np

from negotiate.model.normal_form import NormalFormGame
from negotiate.solve._bimatrix import bimatrix, exact_profile, positive, unique_profiles
from negotiate.solve.mixed import Equilibrium, MixedProfile, make_equilibrium, payoff_arrays

__all__ = ["VertexEnumeration", "vertex_enumeration"]


@attrs.frozen(kw_only=True)
class VertexEnumeration:
    """The extreme equilibria found; ``exact`` when all were recovered and verified exactly;
    ``warnings`` holds what nashpy or Qhull warned about."""

    equilibria: tuple[Equilibrium, ...]
    exact: bool
    warnings: tuple[str, ...] = ()


def vertex_enumeration(game: NormalFormGame) -> VertexEnumeration:
    """Every extreme equilibrium of a two-player game, degenerate or not.

    Examples
    --------
    A degenerate game: the column player is indifferent, so its equilibria form a segment whose
    two ends are reported.

    >>> from negotiate.model.normal_form import NormalFormGame, Player
    >>> game = NormalFormGame.from_matrices(
    ...     id="g", title="g", row=[[1, 0], [0, 1]], column=[[1, 1], [1, 1]],
    ...     players=[Player(id="r", strategies=["t", "b"]), Player(id="c", strategies=["l", "r"])])
    >>> [tuple(e.profile()[1]) for e in vertex_enumeration(game).equilibria]
    [(Fraction(1, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1)), ...]
    """
    import nashpy

    bim = bimatrix(game)
    a, b = positive(bim.a), positive(bim.b)
    messages: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pairs = list(nashpy.Game(a, b).vertex_enumeration())
    messages += [str(w.message).strip() for w in caught]
    profiles: list[MixedProfile] = []
    exact = bim.exact
    for x, y in pairs:
        profile, is_exact = exact_profile(bim, np.asarray(x), np.asarray(y))
        exact = exact and is_exact
        profiles.append(profile)
    arrays = payoff_arrays(game)
    equilibria = tuple(make_equilibrium(game, p, arrays) for p in unique_profiles(profiles))
    return VertexEnumeration(equilibria=equilibria, exact=exact, warnings=tuple(messages))
