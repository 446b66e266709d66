"""Equilibria of two-player games by the Lemke-Howson algorithm, from every initial label.

Lemke & Howson (1964), "Equilibrium points of bimatrix games": dropping one label from the
artificial equilibrium and following the complementary path ends at an equilibrium
(Algorithm 3.6 of von Stengel 2007). Different dropped labels may end at different equilibria;
running from each of the ``m + n`` labels and removing duplicates gives a set of equilibria that
is cheap to find in large games but need not be all of them.

The pivoting is done here on two numpy tableaux (``[B^T | I | 1]`` for the row player's mixed
strategy, ``[I | A | 1]`` for the column player's), with the lexicographic minimum-ratio test that
keeps the path from cycling in degenerate games; each pivot is one rank-one update. (nashpy's
``lemke_howson`` fails or does not finish on random games of 30 x 30 and more.) Each endpoint is
re-solved exactly from its supports and best responses and verified exactly when the payoffs are
exact.
"""

from __future__ import annotations

import attrs
import numpy as np

from negotiate.model.normal_form import NormalFormGame
from negotiate.strategic._bimatrix import bimatrix, exact_profile, positive, unique_profiles
from negotiate.strategic.mixed import (
    Equilibrium,
    MixedProfile,
    make_equilibrium,
    payoff_arrays,
    verify_profile,
)

__all__ = ["LemkeHowson", "first_equilibrium", "lemke_howson"]


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
    bim = bimatrix(game)
    m, n = bim.shape
    a, b = positive(bim.a), positive(bim.b)
    messages: list[str] = []
    reached: list[MixedProfile | None] = []
    exact = bim.exact
    for label in range(m + n) if labels is None else labels:
        if not 0 <= label < m + n:
            raise ValueError(f"labels are 0 .. {m + n - 1} (got {label})")
        try:
            x, y = complementary_path(a, b, label)
        except ArithmeticError as error:
            messages.append(f"label {label}: {error}")
            reached.append(None)
            continue
        x, y = np.asarray(x, float), np.asarray(y, float)
        if (
            x.shape != (m,)
            or y.shape != (n,)
            or not (np.all(np.isfinite(x)) and np.all(np.isfinite(y)))
        ):
            messages.append(f"label {label}: no equilibrium (the path broke down numerically)")
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


def first_equilibrium(game: NormalFormGame, labels: list[int] | None = None) -> LemkeHowson:
    """One equilibrium of a two-player game: the end of the first Lemke-Howson path to end,
    the paths from ``labels`` (all by default) followed side by side (:func:`first_path_end`).

    The float end point is re-solved exactly from its supports and verified exactly when the
    payoffs are exact; if that fails, the next path to end is taken. ``labels[k]`` of the
    result is 0 for the label whose path gave the equilibrium, ``None`` for the others.

    >>> from negotiate.model.normal_form import NormalFormGame, Player
    >>> pennies = NormalFormGame.from_matrices(
    ...     id="mp", title="Matching pennies",
    ...     players=[Player(id="a", strategies=["h", "t"]), Player(id="b", strategies=["h", "t"])],
    ...     row=[[1, -1], [-1, 1]], column=[[-1, 1], [1, -1]])
    >>> found = first_equilibrium(pennies)
    >>> [str(p) for p in found.equilibria[0].profile()[0]], found.exact
    (['1/2', '1/2'], True)
    """
    bim = bimatrix(game)
    m, n = bim.shape
    a, b = positive(bim.a), positive(bim.b)
    remaining = list(range(m + n)) if labels is None else list(labels)
    messages: list[str] = []
    while remaining:
        try:
            label, x, y = first_path_end(a, b, remaining)
        except ArithmeticError as error:
            messages.append(str(error))
            break
        remaining.remove(label)
        profile, is_exact = exact_profile(bim, x, y)
        if is_exact or (not bim.exact and verify_profile(game, profile)):
            chosen: list[int | None] = [None] * (m + n)
            chosen[label] = 0
            equilibrium = make_equilibrium(game, profile, payoff_arrays(game))
            return LemkeHowson(
                equilibria=(equilibrium,),
                exact=is_exact,
                labels=tuple(chosen),
                warnings=tuple(messages),
            )
        messages.append(f"label {label}: the end point is not an equilibrium")
    return LemkeHowson(
        equilibria=(), exact=bim.exact, labels=(None,) * (m + n), warnings=tuple(messages)
    )


def _close(first: MixedProfile, second: MixedProfile) -> bool:
    return all(
        abs(float(p) - float(q)) <= 1e-8
        for u, v in zip(first, second, strict=True)
        for p, q in zip(u, v, strict=True)
    )


MAX_PIVOTS = 1_000_000
"""A bound on the pivots of one path (a path is finite; this guards against numerical cycling).
Paths are long on large games: 114,582 pivots from label 0 on a random 400 x 400 game."""


class _Path:
    """One Lemke-Howson path in progress (two tableaux, their bases), advanced pivot by pivot.

    ``[B^T | I | 1]`` carries the row player's mixed strategy (column ``c`` is label ``c``: x_i
    is ``i``, the slack s_j is ``m + j``); ``[I | A | 1]`` the column player's (r_i is ``i``,
    y_j is ``m + j``). Dropping a row strategy's label brings x_i into the first tableau, a
    column strategy's brings y_j into the second; after that the variable leaving one tableau is
    matched by its complement entering the other.
    """

    def __init__(self, a: np.ndarray, b: np.ndarray, label: int) -> None:
        m, n = a.shape
        self.shape, self.label = (m, n), label
        self.t_x = np.hstack([b.T, np.eye(n), np.ones((n, 1))])
        self.basis_x = list(range(m, m + n))
        self.t_y = np.hstack([np.eye(m), a, np.ones((m, 1))])
        self.basis_y = list(range(m))
        self.inverse_x = list(range(m, m + n))  # columns holding the basis inverse (slacks)
        self.inverse_y = list(range(m))
        self.entering = label
        self.in_x = label < m
        self.pivots = 0

    def step(self) -> bool:
        """One pivot; whether the path has ended."""
        if self.in_x:
            tableau, basis, inverse = self.t_x, self.basis_x, self.inverse_x
        else:
            tableau, basis, inverse = self.t_y, self.basis_y, self.inverse_y
        row = _lexicographic_ratio(tableau, self.entering, inverse)
        leaving = basis[row]
        _pivot(tableau, row, self.entering)
        basis[row] = self.entering
        self.pivots += 1
        if leaving == self.label:
            return True
        self.entering = leaving
        self.in_x = not self.in_x
        return False

    def end_point(self) -> tuple[np.ndarray, np.ndarray]:
        """The normalised strategies at the end of the path."""
        m, n = self.shape
        x = np.zeros(m)
        y = np.zeros(n)
        for row, variable in enumerate(self.basis_x):
            if variable < m:
                x[variable] = self.t_x[row, -1]
        for row, variable in enumerate(self.basis_y):
            if variable >= m:
                y[variable - m] = self.t_y[row, -1]
        if x.sum() <= 0 or y.sum() <= 0:
            raise ArithmeticError("the path ended at the artificial equilibrium")
        return x / x.sum(), y / y.sum()


def complementary_path(a: np.ndarray, b: np.ndarray, label: int) -> tuple[np.ndarray, np.ndarray]:
    """Follow the Lemke-Howson path that drops ``label``; return the normalised end point.

    ``a`` and ``b`` are positive float matrices. Labels ``0 .. m-1`` are the row player's
    strategies, ``m .. m+n-1`` the column player's. Raises ``ArithmeticError`` when the path
    breaks down (no pivot row) or exceeds :data:`MAX_PIVOTS` pivots.
    """
    path = _Path(a, b, label)
    while not path.step():
        if path.pivots >= MAX_PIVOTS:
            raise ArithmeticError(f"no end after {MAX_PIVOTS} pivots")
    return path.end_point()


def first_path_end(
    a: np.ndarray, b: np.ndarray, labels: list[int], width: int = 16
) -> tuple[int, np.ndarray, np.ndarray]:
    """The end point of the first of several paths to end, followed side by side (one pivot
    each in turn, ``width`` paths at a time): ``(label, x, y)``.

    Path lengths from different labels differ by orders of magnitude on large games (on a
    random 400 x 400 game, 114,582 pivots from label 0 and a few hundred from others), and any
    path's end is an equilibrium. Raises ``ArithmeticError`` when every path breaks down.
    """
    waiting = list(labels)
    active: list[_Path] = []
    errors: list[str] = []
    while waiting or active:
        while waiting and len(active) < width:
            active.append(_Path(a, b, waiting.pop(0)))
        for path in list(active):
            try:
                ended = path.step()
                if ended:
                    x, y = path.end_point()
                    return path.label, x, y
                if path.pivots >= MAX_PIVOTS:
                    raise ArithmeticError(f"no end after {MAX_PIVOTS} pivots")
            except ArithmeticError as error:
                errors.append(f"label {path.label}: {error}")
                active.remove(path)
    raise ArithmeticError("; ".join(errors) or "no labels")


def _lexicographic_ratio(tableau: np.ndarray, column: int, inverse: list[int]) -> int:
    """The pivot row: minimum ratio of right-hand side to the column's positive entries, ties
    broken lexicographically by the basis-inverse columns (so degenerate paths do not cycle)."""
    entries = tableau[:, column]
    scale = max(1.0, float(np.max(np.abs(entries))))
    candidates = np.flatnonzero(entries > 1e-12 * scale)
    if candidates.size == 0:
        raise ArithmeticError("no pivot row: the path is unbounded")
    for key in [-1, *inverse]:
        ratios = tableau[candidates, key] / entries[candidates]
        best = ratios.min()
        candidates = candidates[ratios <= best + 1e-12 * max(1.0, abs(best))]
        if candidates.size == 1:
            break
    return int(candidates[0])


def _pivot(tableau: np.ndarray, row: int, column: int) -> None:
    """Make ``column`` a unit column with its 1 in ``row`` (in place)."""
    tableau[row] /= tableau[row, column]
    factors = tableau[:, column].copy()
    factors[row] = 0.0
    tableau -= np.outer(factors, tableau[row])
