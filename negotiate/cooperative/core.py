"""The core and the least core of a TU game.

Definitions (Peleg & Sudhölter 2007, Sections 3.1 and 5.1): the core is the set of efficient
``x`` (``x(N) = v(N)``) with ``x(S) >= v(S)`` for every coalition ``S``. The least core is the
set of efficient ``x`` with ``x(S) >= v(S) - ε`` for the smallest ``ε`` that admits one
(over the proper non-empty coalitions); the core is non-empty iff that ``ε <= 0``
(Bondareva 1963; Shapley 1967: iff the game is balanced).

The least-core ``ε`` is the first level of the prenucleolus' sequential LPs, and the
prenucleolus is a least-core point, so the answer is exact and certified whenever the
prenucleolus is (see :mod:`negotiate.cooperative.nucleolus`).
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from negotiate.cooperative._tu import excess_vector
from negotiate.cooperative.allocation import Allocation
from negotiate.cooperative.nucleolus import Nucleolus, prenucleolus
from negotiate.exact.numbers import Number
from negotiate.model.coalition import CoalitionGame

__all__ = ["Core", "core", "core_from_prenucleolus", "in_core"]


@attrs.frozen(kw_only=True)
class Core:
    """Whether the core is empty, the least-core ``ε`` and a least-core point.

    ``point`` is the prenucleolus, which lies in the least core (in the core when it is
    non-empty). ``verified`` is ``True`` when ``ε`` and the point are exact and certified.
    """

    empty: bool
    least_core_epsilon: Number
    point: Allocation
    verified: bool


def core(game: CoalitionGame) -> Core:
    """Whether the core is empty, with the least-core ``ε`` (by linear programming).

    Parameters
    ----------
    game : CoalitionGame

    Returns
    -------
    Core

    Examples
    --------
    The three-player majority game has an empty core; every pair would need 1:

    >>> majority = CoalitionGame(id="m", title="Majority", players=["a", "b", "c"],
    ...                          worth=[0, 0, 0, 1, 0, 1, 1, 1])
    >>> result = core(majority)
    >>> result.empty, str(result.least_core_epsilon)
    (True, '1/3')
    """
    return core_from_prenucleolus(prenucleolus(game))


def core_from_prenucleolus(solution: Nucleolus) -> Core:
    """The :class:`Core` read off a prenucleolus (its first level is the least-core ``ε``)."""
    epsilon = solution.levels[0] if solution.levels else solution.allocation.payoffs[0] * 0
    return Core(
        empty=bool(epsilon > 0),
        least_core_epsilon=epsilon,
        point=solution.allocation,
        verified=solution.verified,
    )


def in_core(game: CoalitionGame, x: Sequence[Number], tolerance: float = 1e-9) -> bool:
    """Whether ``x`` is in the core (exactly for exact numbers, else within ``tolerance``).

    Examples
    --------
    >>> game = CoalitionGame(id="g", title="G", players=["a", "b"], worth=[0, 0, 0, 1])
    >>> in_core(game, [0.5, 0.5]), in_core(game, [2, -1])
    (True, False)
    """
    excess = excess_vector(game, x)
    exact = excess.dtype == object
    slack = 0 if exact else tolerance
    if abs(excess[game.grand_coalition]) > slack:
        return False
    return bool(max(excess[1:]) <= slack)
