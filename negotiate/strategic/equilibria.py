"""Nash equilibria of strategic-form games: one front door to every method, and the analysis that
``negotiate solve`` runs on a ``normal_form`` game.

Methods (see ``docs/equilibria.md``):

``"all"`` (default)
    Every equilibrium. Two players: the game is checked for degeneracy; a nondegenerate game is
    solved by support enumeration, a degenerate one by vertex enumeration (its extreme
    equilibria). More players: exact polynomial support enumeration (small games only).
``"support"``
    Support enumeration (two players: exact, batched; more: polynomial systems with sympy).
``"vertex"``
    Vertex enumeration of the best-response polytopes (two players; every extreme equilibrium,
    also of degenerate games).
``"lemke_howson"``
    Lemke-Howson from every initial label, duplicates removed (two players; scales).
``"pure"``
    Pure equilibria only, any number of players.

Every equilibrium reported is verified: exactly, when the payoffs are exact.

>>> from negotiate.model.normal_form import NormalFormGame, Player
>>> sexes = NormalFormGame.from_matrices(
...     id="bos", title="Battle of the sexes",
...     players=[Player(id="ann", strategies=["opera", "football"]),
...              Player(id="bob", strategies=["opera", "football"])],
...     row=[[2, 0], [0, 1]], column=[[1, 0], [0, 2]])
>>> result = equilibria(sexes)
>>> result.method, result.exact, result.degenerate, len(result.equilibria)
('support', True, False, 3)
>>> [e.pure for e in result.equilibria]
[True, True, False]
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs
import numpy as np

from negotiate.display import Displayed
from negotiate.errors import UnsupportedGameError
from negotiate.exact.numbers import Number
from negotiate.model.normal_form import NormalFormGame
from negotiate.options import SolveOptions
from negotiate.strategic.dominance import DominanceResult, iterated_dominance
from negotiate.strategic.mixed import Equilibrium, NashComputationResult

if TYPE_CHECKING:
    from negotiate.strategic.support_enumeration import SupportEnumeration

__all__ = [
    "METHODS",
    "SCALE_BITS",
    "NormalFormAnalysis",
    "analyse",
    "equilibria",
    "equilibria_or_fallback",
    "scaled_payoffs",
]

METHODS = ("all", "support", "vertex", "lemke_howson", "pure")
"""The values of ``method`` accepted by :func:`equilibria`."""


def equilibria(game: NormalFormGame, method: str = "all") -> NashComputationResult:
    """Nash equilibria of a strategic-form game, verified, exact when the payoffs are exact.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    method : {"all", "support", "vertex", "lemke_howson", "pure"}
        How to compute them (see the module documentation).

    Returns
    -------
    NashComputationResult
        The equilibria (pure ones first), whether they are exact, whether the game is
        degenerate (``None`` when the method does not check), whether the method is complete,
        and notes for the report.

    Raises
    ------
    ValueError
        For an unknown method.
    UnsupportedGameError
        For a two-player method on a game with another number of players.
    GameTooLargeError
        When an exhaustive method would take too long; the message suggests another.

    Examples
    --------
    >>> from negotiate.model.normal_form import NormalFormGame, Player
    >>> pennies = NormalFormGame.from_matrices(
    ...     id="mp", title="Matching pennies",
    ...     players=[Player(id="even", strategies=["heads", "tails"]),
    ...              Player(id="odd", strategies=["heads", "tails"])],
    ...     row=[[1, -1], [-1, 1]], column=[[-1, 1], [1, -1]])
    >>> (only,) = equilibria(pennies).equilibria
    >>> dict(only.strategies["odd"])
    {'heads': Fraction(1, 2), 'tails': Fraction(1, 2)}
    >>> dict(only.payoffs)
    {'even': Fraction(0, 1), 'odd': Fraction(0, 1)}
    """
    if method not in METHODS:
        raise ValueError(
            f"unknown method {method!r}; expected one of: {', '.join(map(repr, METHODS))}"
        )
    scaled, exponents = scaled_payoffs(game)
    if exponents:
        return _unscaled(_equilibria(scaled, method), game, exponents)
    return _equilibria(game, method)


def _equilibria(game: NormalFormGame, method: str) -> NashComputationResult:
    two = len(game.players) == 2
    if method == "pure":
        return _pure(game)
    if len(game.players) == 1:
        return _single_player(game, method)
    if method == "all":
        return _all_two(game) if two else _polynomial(game, "all")
    if method == "support":
        return _support(game) if two else _polynomial(game, "support")
    if not two:
        raise UnsupportedGameError(
            f"method {method!r} is for two-player games (this game has {len(game.players)} "
            "players); use method='support' (small games) or method='pure'"
        )
    if method == "vertex":
        return _vertex(game)
    return _lemke_howson(game)


SCALE_BITS = 32
"""A player's payoffs whose largest magnitude is beyond 2^SCALE_BITS (or below its inverse)
are multiplied by a power of two before solving (see :func:`scaled_payoffs`)."""


def scaled_payoffs(game: NormalFormGame) -> tuple[NormalFormGame, dict[str, int]]:
    """The game with each player's payoffs divided by 2^e, where e is the binary exponent of
    the player's largest payoff in magnitude beyond ``SCALE_BITS``, and those exponents.

    Multiplying one player's payoffs by a positive number leaves every best response, hence
    every equilibrium, unchanged; a power of two is exact for floats and rationals alike. So the
    solvers see payoffs near 1 rather than near 10^100, where floating-point pivoting loses
    every digit and exact pivoting carries long numbers.

    >>> from negotiate.model.normal_form import NormalFormGame, Player
    >>> big = NormalFormGame.from_matrices(
    ...     id="big", title="Big", players=[Player(id="a", strategies=["x", "y"]),
    ...                                     Player(id="b", strategies=["x", "y"])],
    ...     row=[[2**80, 0], [0, 2**79]], column=[[1, 0], [0, 2]])
    >>> scaled, exponents = scaled_payoffs(big)
    >>> exponents, [str(v) for row in scaled.payoffs["a"] for v in row]
    ({'a': 80}, ['1', '0', '0', '1/2'])
    """
    exponents: dict[str, int] = {}
    payoffs: dict[str, object] = {}
    exact = game.is_exact
    for player in game.player_ids:
        array = game.payoff_array(player)
        largest = max((abs(v) for v in array.flat), default=0)
        if largest == 0:
            continue
        exponent = (
            largest.numerator.bit_length() - largest.denominator.bit_length()
            if exact
            else math.frexp(float(largest))[1]
        )
        if abs(exponent) <= SCALE_BITS:
            continue
        exponents[player] = exponent
        if exact:
            factor = Fraction(1, 2**exponent) if exponent > 0 else Fraction(2**-exponent)
            payoffs[player] = (array * factor).tolist()
        else:
            payoffs[player] = np.ldexp(array, -exponent).tolist()
    if not exponents:
        return game, {}
    from negotiate.limits import current, using

    # The scaled copy is internal: payoffs such as 1/2^330 are below the file's bound of 10^-100.
    with using(current().replace(magnitude_exponent=1000)):
        return attrs.evolve(game, payoffs={**game.payoffs, **payoffs}), exponents


def _unscaled(
    result: NashComputationResult, game: NormalFormGame, exponents: dict[str, int]
) -> NashComputationResult:
    """A result for the scaled game as one for ``game``: the payoffs multiplied back."""

    def back(player: str, value: Number) -> Number:
        exponent = exponents.get(player, 0)
        if isinstance(value, Fraction):
            return value * Fraction(2) ** exponent
        return math.ldexp(float(value), exponent)

    equilibria = [
        attrs.evolve(e, payoffs={p: back(p, v) for p, v in e.payoffs.items()})
        for e in result.equilibria
    ]
    return attrs.evolve(result, game=game, equilibria=equilibria)


def _pure(game: NormalFormGame) -> NashComputationResult:
    from negotiate.strategic.pure import pure_equilibria

    found = pure_equilibria(game)
    return NashComputationResult(
        game=game,
        method="pure",
        exact=game.is_exact,
        degenerate=None,
        equilibria=found,
        complete=False,
        notes=("only pure equilibria were sought; mixed ones may exist",),
    )


def _single_player(game: NormalFormGame, method: str) -> NashComputationResult:
    from negotiate.strategic.pure import pure_equilibria

    found = pure_equilibria(game)
    notes = ["a one-player game: its equilibria are the player's best strategies"]
    degenerate = len(found) > 1
    if degenerate:
        notes.append("the player is indifferent between them: every mixture of them is optimal")
    return NashComputationResult(
        game=game,
        method=method,
        exact=game.is_exact,
        degenerate=degenerate,
        equilibria=found,
        notes=notes,
    )


def _support(
    game: NormalFormGame, found: SupportEnumeration | None = None
) -> NashComputationResult:
    from negotiate.strategic.support_enumeration import support_enumeration

    found = support_enumeration(game) if found is None else found
    degenerate = found.degenerate
    notes = []
    if degenerate:
        notes.append(
            "the game is degenerate: support enumeration may miss equilibria "
            "(use method='vertex' for every extreme equilibrium)"
        )
    notes += _exact_note(game, found.exact)
    return NashComputationResult(
        game=game,
        method="support",
        exact=found.exact,
        degenerate=degenerate,
        equilibria=found.equilibria,
        complete=not degenerate,
        notes=notes,
    )


def _vertex(game: NormalFormGame, degenerate: bool | None = None) -> NashComputationResult:
    from negotiate.strategic.degeneracy import is_degenerate
    from negotiate.strategic.vertex_enumeration import vertex_enumeration

    found = vertex_enumeration(game)
    degenerate = is_degenerate(game) if degenerate is None else degenerate
    notes = []
    if degenerate:
        notes.append(_DEGENERATE_NOTE)
    notes += list(found.warnings)
    notes += _exact_note(game, found.exact)
    return NashComputationResult(
        game=game,
        method="vertex",
        exact=found.exact,
        degenerate=degenerate,
        equilibria=found.equilibria,
        notes=notes,
    )


_DEGENERATE_NOTE = (
    "the game is degenerate: its equilibria may form connected sets; each extreme equilibrium "
    "(a vertex of such a set) is listed, and mixtures of equilibria in one set are equilibria too"
)


def _all_two(game: NormalFormGame) -> NashComputationResult:
    from negotiate.strategic.support_enumeration import support_enumeration

    found = support_enumeration(game)
    if found.degenerate:
        return _vertex(game, degenerate=True)
    return _support(game, found)


def _lemke_howson(game: NormalFormGame) -> NashComputationResult:
    from negotiate.strategic.lemke_howson import lemke_howson

    _check_float_resolution(game)
    found = lemke_howson(game)
    notes = [
        "Lemke-Howson from every initial label finds some equilibria, not necessarily all",
        *found.warnings,
        *_exact_note(game, found.exact),
    ]
    return NashComputationResult(
        game=game,
        method="lemke_howson",
        exact=found.exact,
        degenerate=None,
        equilibria=found.equilibria,
        complete=False,
        notes=notes,
    )


MAX_EXACT_PATH_WORK = 200_000
"""Bits of the longest payoff (as integers) times labels times the smaller side: beyond it the
exact recovery of Lemke-Howson's end points is refused (a 40x40 game of 100-digit payoffs)."""


def _check_float_resolution(game: NormalFormGame) -> None:
    """Refuse a game whose payoffs floating-point pivoting cannot tell apart, or whose end
    points would take too long to recover exactly (:data:`MAX_EXACT_PATH_WORK`).

    Lemke-Howson pivots in floats on the payoffs mapped into [1, 2]; when a player's payoffs
    span more orders of magnitude than a float's 16 digits (1 beside 1e100), distinct payoffs
    become equal there, the game looks degenerate and the paths can cycle for millions of pivots.
    """
    from negotiate.errors import NumericalError
    from negotiate.strategic._bimatrix import bimatrix, positive

    bim = bimatrix(game)
    m, n = bim.shape
    if bim.exact:
        bits = max(abs(int(v)).bit_length() for matrix in (bim.A, bim.B) for v in matrix.flat)
        if bits * (m + n) * min(m, n) > MAX_EXACT_PATH_WORK:
            raise NumericalError(
                f"Lemke-Howson would recover {m + n} end points exactly from {bits}-bit "
                f"payoffs in a {m}x{n} game, which takes too long; round the payoffs to fewer "
                "digits, or give them as floats"
            )
    for player, exact, floats in zip(game.player_ids, (bim.A, bim.B), (bim.a, bim.b), strict=True):
        if np.unique(positive(floats)).size < len(set(exact.flat)):
            values = [abs(v) for v in exact.flat if v != 0]
            span = math.log10(float(max(values) / min(values))) if values else 0.0
            raise NumericalError(
                f"Lemke-Howson cannot tell player `{player}`'s payoffs apart in floating point "
                f"(they span {span:.0f} orders of magnitude); round the small ones or bring "
                "the payoffs within about 12 orders of magnitude of one another"
            )


def _polynomial(game: NormalFormGame, method: str) -> NashComputationResult:
    from negotiate.strategic.polynomial_support_enumeration import (
        polynomial_support_enumeration,
    )

    found = polynomial_support_enumeration(game)
    notes = []
    if found.singular:
        notes.append(
            "the game is degenerate: on some supports the equilibria form a continuum; the "
            "isolated solutions and those on the boundary of the supports are listed, which "
            "need not be every extreme point of such a set"
        )
    if not found.exact and game.is_exact:
        notes.append("some equilibria are irrational and are given in floating point")
    return NashComputationResult(
        game=game,
        method="support",
        exact=found.exact,
        degenerate=found.singular,
        equilibria=found.equilibria,
        complete=not found.singular,
        notes=notes,
    )


def _exact_note(game: NormalFormGame, exact: bool) -> list[str]:
    if game.is_exact and not exact:
        return [
            "an equilibrium could not be recovered in exact rationals; floating-point values "
            "are shown, verified to a tolerance of 1e-9"
        ]
    return []


@attrs.frozen(kw_only=True, repr=False)
class NormalFormAnalysis(Displayed):
    """What ``negotiate solve`` reports for a ``normal_form`` game.

    Attributes
    ----------
    game : NormalFormGame
    result : NashComputationResult
        All equilibria (or the pure ones, with a note, when the game is too large).
    dominance : DominanceResult
        Iterated elimination of strictly dominated strategies (pure and mixed).
    """

    game: NormalFormGame
    result: NashComputationResult
    dominance: DominanceResult

    def _summary(self) -> str:
        shape = "x".join(map(str, self.game.shape))
        found = len(self.result.equilibria)
        some = "" if self.result.complete else "at least "
        return f"{shape} strategies, {some}{found} equilibria found"

    @property
    def equilibria(self) -> tuple[Equilibrium, ...]:
        """The equilibria found."""
        return self.result.equilibria


def analyse(game: NormalFormGame, options: SolveOptions | None = None) -> NormalFormAnalysis:
    """Every equilibrium and the dominance structure of a strategic-form game.

    Falls back to pure equilibria (with a note) when the game is too large for an exhaustive
    method.

    Examples
    --------
    >>> from negotiate.model.normal_form import NormalFormGame, Player
    >>> pd = NormalFormGame.from_matrices(
    ...     id="pd", title="Prisoner's dilemma",
    ...     players=[Player(id="us", strategies=["cooperate", "defect"]),
    ...              Player(id="mx", strategies=["cooperate", "defect"])],
    ...     row=[[3, 0], [5, 1]], column=[[3, 5], [0, 1]])
    >>> analysis = analyse(pd)
    >>> len(analysis.equilibria), len(analysis.dominance.eliminations)
    (1, 2)
    """
    scaled, _ = scaled_payoffs(game)
    dominance = attrs.evolve(iterated_dominance(scaled), game=game)
    return NormalFormAnalysis(game=game, result=equilibria_or_fallback(game), dominance=dominance)


def equilibria_or_fallback(game: NormalFormGame) -> NashComputationResult:
    """All equilibria when that is feasible; otherwise what scales, and a note saying so.

    Two players: Lemke-Howson from every label together with every pure equilibrium; more
    players: the pure equilibria.
    """
    from negotiate.errors import GameTooLargeError, NumericalError

    try:
        return equilibria(game, "all")
    except GameTooLargeError as error:
        pure = equilibria(game, "pure")
        if len(game.players) != 2:
            return attrs.evolve(pure, notes=(*pure.notes, str(error)))
        try:
            paths = equilibria(game, "lemke_howson")
        except NumericalError as failure:
            return attrs.evolve(pure, notes=(*pure.notes, str(error), str(failure)))
        known = {e.profile() for e in paths.equilibria}
        found = (*[e for e in pure.equilibria if e.profile() not in known], *paths.equilibria)
        return attrs.evolve(
            paths,
            method="lemke_howson+pure",
            equilibria=found,
            notes=(
                str(error),
                "every pure equilibrium and those that Lemke-Howson reaches from each label are "
                "listed; there may be others",
                *paths.notes[1:],
            ),
        )
