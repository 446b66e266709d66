"""Equilibria of two-player games by the Lemke-Howson algorithm, from every initial label (nashpy).

Lemke & Howson (1964), "Equilibrium points of bimatrix games": dropping one label from the
artificial equilibrium and following the complementary path ends at an equilibrium
(Algorithm 3.6 of von Stengel 2007). Different dropped labels may end at different equilibria;
running from each of the ``m + n`` labels and removing duplicates gives a set of equilibria that
is cheap to find in large games but need not be all of them. nashpy pivots in floating point with
lexicographic ratio tests; each endpoint is re-solved exactly from its supports and best
responses and verified exactly when the payoffs are exact.
"""

from __future__ import annotations

import warnings

import attrs
import numpy as np

from negotiate.model.normal_form import NormalFormGame
from negotiate.solve._bimatrix import bimatrix, exact_profile, positive, unique_profiles
from negotiate.solve.mixed import (
    Equilibrium,
    MixedProfile,
    make_equilibrium,
    payoff_arrays,
    verify_profile,
)

__all__ = ["LemkeHowson", "lemke_howson"]


@attrs.frozen(kw_only=True)
class LemkeHowson:
    """The distinct equilibria reached; ``labels[k]`` is the index (in ``equilibria``) reached
    from initial label ``k``, or ``None`` when that path failed."""

    equilibria: tuple[Equilibrium, ...]
    exact: bool
    labels: tuple[int | None, ...]
    warnings: tuple[str, ...] = ()


def lemke_howson(game: NormalFormGame, labels: range | list[int] | None = None) -> LemkeHowson:
    """Equilibria of a two-player game by Lemke-Howson from each initial label.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    labels : sequence of int, optional
        The initial dropped labels (``0 .. m-1`` the row player's strategies, ``m .. m+n-1`` the
        column player's); all of them by default.

    Examples
    --------
    >>> from negotiate.model.normal_form import NormalFormGame, Player
    >>> sexes = NormalFormGame.from_matrices(
    ...     id="bos", title="Battle of the sexes",
    ...     players=[Player(id="ann", strategies=["opera", "football"]),
    ...              Player(id="bob", strategies=["opera", "football"])],
    ...     row=[[2, 0], [0, 1]], column=[[1, 0], [0, 2]])
    >>> found = lemke_howson(sexes)
    >>> len(found.equilibria), found.exact   # the mixed equilibrium is not reached from any label
    (2, True)
    """
    import nashpy

    bim = bimatrix(game)
    m, n = bim.shape
    a, b = positive(bim.a), positive(bim.b)
    nash = nashpy.Game(a, b)
    messages: list[str] = []
    reached: list[MixedProfile | None] = []
    exact = bim.exact
    for label in range(m + n) if labels is None else labels:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                x, y = nash.lemke_howson(initial_dropped_label=label)
            except (ValueError, IndexError, np.linalg.LinAlgError) as error:
                messages.append(f"label {label}: {error}")
                reached.append(None)
                continue
        messages += [f"label {label}: {str(w.message).strip()}" for w in caught]
        x, y = np.asarray(x, float), np.asarray(y, float)
        if (
            x.shape != (m,)
            or y.shape != (n,)
            or not (np.all(np.isfinite(x)) and np.all(np.isfinite(y)))
        ):
            messages.append(f"label {label}: no equilibrium (vectors of wrong shape)")
            reached.append(None)
            continue
        profile, is_exact = exact_profile(bim, x, y)
        if not is_exact and not verify_profile(game, profile):
            messages.append(f"label {label}: the end point is not an equilibrium")
            reached.append(None)
            continue
        exact = exact and is_exact
        reached.append(profile)
    distinct = unique_profiles([p for p in reached if p is not None])
    index = [
        None if p is None else next(k for k, q in enumerate(distinct) if _close(p, q))
        for p in reached
    ]
    arrays = payoff_arrays(game)
    equilibria = tuple(make_equilibrium(game, p, arrays) for p in distinct)
    return LemkeHowson(
        equilibria=equilibria, exact=exact, labels=tuple(index), warnings=tuple(messages)
    )


def _close(first: MixedProfile, second: MixedProfile) -> bool:
    return all(
        abs(float(p) - float(q)) <= 1e-8
        for u, v in zip(first, second, strict=True)
        for p, q in zip(u, v, strict=True)
    )
