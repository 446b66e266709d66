"""The indifference system of one support profile, built and solved in exact integers.

For a profile of supports ``S = (S_1, ..., S_n)``, player ``i``'s expected payoff from a pure
strategy is multilinear in the other players' probabilities. Writing each support's last
probability as one minus the others, the conditions "every strategy in ``S_i`` earns the same"
become polynomials whose coefficients are contractions of the payoff differences with each other
player's support (:meth:`SupportSystems.system`), in exact integers (each player's payoffs scaled
by a positive integer, which changes no equilibrium). The system is linear whenever at most two
players mix (each player's conditions then involve one other player's probabilities only), or
when the products cancel; linear systems are solved by exact elimination, without symbolic
algebra. The others are left to a polynomial solver.

Before any system is built, a support profile is dropped when some strategy ``s`` in some
``S_i`` is strictly dominated by another pure strategy ``t`` against every profile of the others'
supports (:meth:`SupportSystems.pruned`): then ``t`` earns more than ``s`` against every mixture
of ``S_{-i}``, boundary included, so no solution of that system, however many of its
probabilities are zero, passes the best-response check (Porter, Nudelman & Shoham 2008, "Simple
search methods for finding a Nash equilibrium", *Games and Economic Behavior* 63, prune by
conditional dominance in the same way). Weak dominance would not do: it rules out equilibria with
exactly these supports, but not the solutions on their boundary, which are the extreme points of
sets of equilibria in a degenerate game.

>>> from fractions import Fraction as F
>>> import numpy as np
>>> def array(values):
...     out = np.empty((2, 2, 2), dtype=object)
...     out.flat[:] = [F(v) for v in values]
...     return out
>>> # x wants to match y, y wants to match z, z wants to mismatch x
>>> systems = SupportSystems([array([1, 1, 0, 0, 0, 0, 1, 1]),
...                           array([1, 0, 0, 1, 1, 0, 0, 1]),
...                           array([0, 1, 0, 1, 1, 0, 1, 0])], exact=True)
>>> systems.pruned(((0,), (0,), (0,))), systems.pruned(((0, 1), (0, 1), (0, 1)))
(True, False)

Everyone mixes, yet each player's payoff depends on one other player only: the conditions are
linear, and solved exactly.

>>> system = systems.system(((0, 1), (0, 1), (0, 1)))
>>> system.linear, system.solve()[1] == ((F(1, 2), F(1, 2)),) * 3
(True, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import attrs
import numpy as np

from negotiate.exact.linear import integer_row_reduce, integer_scaled

__all__ = ["SupportSystem", "SupportSystems"]

Supports = tuple[tuple[int, ...], ...]
"""One tuple of strategy indices per player, in player order."""


@attrs.frozen
class SupportSystem:
    """The indifference conditions of one support profile.

    ``equations`` holds, for each condition, its coefficient tensor: one axis per other player
    ``j``, index 0 for the constant term of ``j``'s probabilities and ``1 + v`` for ``j``'s
    ``v``-th unknown (the support's probabilities but the last). Identically zero conditions are
    left out. ``offsets[j]`` numbers player ``j``'s unknowns among all of them.
    """

    supports: Supports
    shape: tuple[int, ...]
    equations: tuple[tuple[int, np.ndarray], ...]
    """(player whose condition it is, coefficient tensor) for each condition."""
    offsets: tuple[int, ...]
    unknowns: int

    @property
    def linear(self) -> bool:
        """Whether every condition has degree at most one in the unknowns."""
        return all(
            sum(1 for k in index if k) <= 1
            for _, tensor in self.equations
            for index in zip(*np.nonzero(tensor), strict=True)
        )

    def solve(self) -> tuple[str, tuple[tuple[Fraction | int, ...], ...] | None]:
        """Solve a linear system exactly: ``("unique", profile)`` (``profile`` is ``None`` when
        some probability is negative), ``("none", None)`` or ``("continuum", None)``."""
        rows = [self._row(player, tensor) for player, tensor in self.equations]
        if not rows:
            return ("continuum", None) if self.unknowns else ("unique", self.profile([]))
        reduced, pivots = integer_row_reduce(rows)
        if self.unknowns in pivots:
            return "none", None
        if len(pivots) < self.unknowns:
            return "continuum", None
        return "unique", self.profile([Fraction(row[-1], row[k]) for k, row in enumerate(reduced)])

    def _row(self, player: int, tensor: np.ndarray) -> list[Fraction | int]:
        """One linear condition as ``coefficients + [right-hand side]``."""
        row: list[Fraction | int] = [0] * (self.unknowns + 1)
        others = [j for j in range(len(self.shape)) if j != player]
        constant = (0,) * len(others)
        row[-1] = -int(tensor[constant])
        for axis, j in enumerate(others):
            for v in range(tensor.shape[axis] - 1):
                index = list(constant)
                index[axis] = v + 1
                row[self.offsets[j] + v] = int(tensor[tuple(index)])
        return row

    def profile(self, values: Sequence[Fraction]) -> tuple[tuple[Fraction | int, ...], ...] | None:
        """The mixed profile at the unknowns' ``values``; ``None`` if some probability is < 0."""
        profile = []
        for j, support in enumerate(self.supports):
            vector: list[Fraction | int] = [0] * self.shape[j]
            if len(support) == 1:
                vector[support[0]] = 1
            else:
                free = values[self.offsets[j] : self.offsets[j] + len(support) - 1]
                for s, p in zip(support, free, strict=False):
                    vector[s] = p
                vector[support[-1]] = 1 - sum(free, Fraction(0))
            if any(p < 0 for p in vector):
                return None
            profile.append(tuple(vector))
        return tuple(profile)


class SupportSystems:
    """Indifference systems and dominance checks of one game's support profiles, with what
    repeats across profiles cached (each player's conditional dominance per profile of the
    others' supports, each support's parametrisation).

    ``arrays`` are the players' payoff arrays (Fractions, dtype object, or floats; floats are
    taken as the exact binary numbers they are). Dominance pruning applies to ``exact`` games
    only: with float payoffs equilibria are verified to a tolerance, which an exact dominance
    argument does not bound.
    """

    def __init__(self, arrays: Sequence[np.ndarray], exact: bool) -> None:
        self.shape: tuple[int, ...] = tuple(arrays[0].shape)
        self.exact = exact
        self.payoffs = [_integer_array(a) for a in arrays]
        self._dominated: dict[tuple[int, Supports], frozenset[int]] = {}
        self._parametrisations: dict[tuple[int, ...], np.ndarray] = {}

    def pruned(self, supports: Supports) -> bool:
        """Whether some strategy of some support is strictly dominated by another pure strategy
        against every profile of the others' supports: then no solution of this profile's system
        is an equilibrium."""
        if not self.exact:
            return False
        for i, support in enumerate(supports):
            others = supports[:i] + supports[i + 1 :]
            key = (i, others)
            if key not in self._dominated:
                self._dominated[key] = self._conditionally_dominated(i, others)
            if not self._dominated[key].isdisjoint(support):
                return True
        return False

    def _conditionally_dominated(self, player: int, others: Supports) -> frozenset[int]:
        own = np.moveaxis(self.payoffs[player], player, 0)
        restricted = own[np.ix_(range(self.shape[player]), *others)].reshape(own.shape[0], -1)
        dominated = {
            s
            for s in range(restricted.shape[0])
            if np.any(np.all(restricted > restricted[s], axis=1))
        }
        return frozenset(dominated)

    def parametrisation(self, support: tuple[int, ...]) -> np.ndarray:
        """A support's probabilities as affine functions of its unknowns: row ``k`` holds the
        constant term and the coefficients of the ``k``-th strategy's probability (the last is one
        minus the others; a single strategy has probability 1)."""
        if support not in self._parametrisations:
            k = len(support)
            matrix = np.zeros((k, k), dtype=np.int64)
            for row in range(k - 1):
                matrix[row, row + 1] = 1
            matrix[k - 1, 0] = 1
            matrix[k - 1, 1:] = -1
            self._parametrisations[support] = matrix
        return self._parametrisations[support]

    def system(self, supports: Supports) -> SupportSystem:
        """The indifference conditions of one support profile, as coefficient tensors."""
        n = len(self.shape)
        sizes = [len(s) - 1 for s in supports]
        offsets = tuple(sum(sizes[:j]) for j in range(n))
        equations = []
        letters = "abcdefghijklmnopqrstuvwxyz"
        for i, support in enumerate(supports):
            if len(support) < 2:
                continue
            own = np.moveaxis(self.payoffs[i], i, 0)
            others = [j for j in range(n) if j != i]
            restricted = own[np.ix_(support, *(supports[j] for j in others))]
            differences = restricted[1:] - restricted[:1]
            # contract every other player's axis with its parametrisation, in one call
            axes = letters[: len(others)]
            new_axes = letters[len(others) : 2 * len(others)]
            subscripts = (
                "z" + axes + "".join(f",{x}{y}" for x, y in zip(axes, new_axes, strict=True))
            )
            tensors = np.einsum(
                f"{subscripts}->z{new_axes}",
                differences,
                *(self.parametrisation(supports[j]) for j in others),
            )
            equations += [(i, tensor) for tensor in tensors if np.any(tensor != 0)]
        return SupportSystem(
            supports=supports,
            shape=self.shape,
            equations=tuple(equations),
            offsets=offsets,
            unknowns=sum(sizes),
        )


def _integer_array(array: np.ndarray) -> np.ndarray:
    """A payoff array as exact integers: Fractions or floats scaled by the least common multiple
    of their denominators; 64-bit when no coefficient of a system can overflow (each sums at
    most one difference of two payoffs per pure profile, ``2 * max |u| * cells``), else Python
    integers (dtype object)."""
    if array.dtype != object:
        fractions = np.empty(array.shape, dtype=object)
        fractions.flat[:] = [Fraction(float(v)) for v in array.flat]
        array = fractions
    scaled: np.ndarray = integer_scaled(array)
    largest = max((abs(int(v)) for v in scaled.flat), default=0)
    if 2 * largest * max(1, scaled.size) < 2**62:
        return scaled.astype(np.int64)
    return scaled
