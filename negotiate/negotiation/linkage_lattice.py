"""The lattice of linkages: feasibility and joint gain of every set of issues at once.

For a set ``L`` of issues, ``G_L`` is the negotiation in which every issue outside ``L`` stays at
its status quo; a package belongs to ``G_L`` iff its *support* (the issues where it differs from
the status quo) is a subset of ``L``. One pass over the agreement set of the whole package tensor
gives every ``G_L`` at once, by a subset-max (zeta) transform over the ``2^k`` masks
(``O(2^k k)``): which linkages are feasible, the minimal feasible ones, and ``v(L)``, the largest
joint gain over ``G_L``'s agreement set, whose Shapley value is each issue's contribution.

The functions here read the packages of the game as they are, ignoring a side payment or
lotteries; :func:`negotiate.negotiation.linkage.linkage` builds the lattice over the game's own
deals (:mod:`~negotiate.negotiation.linkage_rules`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

import attrs
import numpy as np

from negotiate.errors import GameTooLargeError
from negotiate.exact.numbers import Number
from negotiate.model._common import FrozenMap, check_reference
from negotiate.model.negotiation import NegotiationGame
from negotiate.negotiation.packages import PackageSpace, outer_sum, package_space

__all__ = [
    "MAX_LINKAGE_ISSUES",
    "LinkageLattice",
    "issue_shapley_values",
    "linkage_lattice",
    "minimal_feasible_linkages",
]

MAX_LINKAGE_ISSUES = 24
"""The most issues whose ``2^k`` linkages are analysed (``2^24`` subsets: about 150 MB)."""

Utilities = FrozenMap[str, Number]


@attrs.frozen(kw_only=True, eq=False)
class LinkageLattice:
    """Feasibility and joint gain of every linkage, indexed by bit mask (bit ``j``: issue ``j``).

    ``feasible[m]`` says whether ``G_L`` has an agreement for the issues ``L`` of mask ``m``;
    ``values[m]`` is ``v(L)`` times ``scale`` (integers when exact; 0 where infeasible).
    """

    issues: tuple[str, ...]
    feasible: np.ndarray
    values: np.ndarray
    scale: int
    exact: bool

    def mask(self, issues: Iterable[str]) -> int:
        """The bit mask of a set of issue ids."""
        mask = 0
        for issue_id in issues:
            check_reference(issue_id, self.issues, "issue", "link")
            mask |= 1 << self.issues.index(issue_id)
        return mask

    def issues_of(self, mask: int) -> tuple[str, ...]:
        """The issue ids of a bit mask, in issue order."""
        return tuple(issue for j, issue in enumerate(self.issues) if mask >> j & 1)

    def value(self, issues: Iterable[str]) -> Number:
        """``v(L)``: the largest joint gain over ``G_L``'s agreement set (0 when empty)."""
        return _number(self.values[self.mask(issues)], self.scale, self.exact)


def as_space(game: NegotiationGame | PackageSpace) -> PackageSpace:
    return game if isinstance(game, PackageSpace) else package_space(game)


def _number(scaled: Any, scale: int, exact: bool) -> Number:
    return Fraction(int(scaled), scale) if exact else float(scaled)


def support_masks(space: PackageSpace) -> np.ndarray:
    """Each package's support: the bit mask of the issues where it leaves the status quo."""
    # signed, so that ``support & ~mask`` stays in the type
    dtype = next(t for t in (np.int16, np.int32, np.int64) if len(space.shape) < np.iinfo(t).bits)
    moved = [
        (np.arange(size) != sq).astype(dtype) << axis
        for axis, (size, sq) in enumerate(zip(space.shape, space.status_quo_index, strict=True))
    ]
    support = outer_sum(moved, dtype, np.bitwise_or)
    return support.reshape(space.shape)


def joint_gains(space: PackageSpace, mask: np.ndarray | None = None) -> np.ndarray:
    """``scale`` times the parties' joint gain ``sum_i (u_i - d_i)``: of every package (a tensor
    like the space's), or of the packages of ``mask`` only (a vector, in package order); in the
    type the utilities are held in, which has room for sums over every actor."""
    at = slice(None) if mask is None else np.flatnonzero(mask)
    total = np.zeros((), dtype=space.storage)
    for party_id in space.game.party_ids:
        total = total + (space.values[party_id].ravel()[at] - space.reservations[party_id])
    return total.reshape(space.shape) if mask is None else total


def check_linkage_size(game: NegotiationGame | PackageSpace) -> None:
    k = len(game.game.issues if isinstance(game, PackageSpace) else game.issues)
    if k > MAX_LINKAGE_ISSUES:
        raise GameTooLargeError(
            f"linkage analysis covers every subset of issues: {k} issues give 2^{k} linkages "
            f"(at most {MAX_LINKAGE_ISSUES} issues)"
        )


def linkage_lattice(
    game: NegotiationGame | PackageSpace, method: str = "lattice"
) -> LinkageLattice:
    """Feasibility and ``v(L)`` of every linkage ``L`` of a negotiation's issues.

    ``v(L) = max { sum_i (u_i(p) - d_i) : p in A, support(p) ⊆ L }`` (0 when there is none),
    where ``A`` is the agreement set of the whole game, computed once.

    Parameters
    ----------
    game : NegotiationGame or PackageSpace
    method : {"lattice", "slicing"}
        ``"lattice"`` takes the per-support maxima in one pass over the agreement set, then a
        subset-max (zeta) transform over the ``2^k`` masks; ``"slicing"`` reduces
        ``G_L``'s sub-tensor for every ``L`` in turn (slow; for checking and benchmarks).

    Returns
    -------
    LinkageLattice

    Examples
    --------
    >>> from negotiate.model import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="g", title="G",
    ...     parties=[Party(id="us", values={"a": {"y": 2}, "b": {"y": -1}}),
    ...              Party(id="mx", values={"a": {"y": -1}, "b": {"y": 2}})],
    ...     issues=[Issue(id="a", options=["n", "y"]), Issue(id="b", options=["n", "y"])],
    ... )
    >>> lattice = linkage_lattice(game)
    >>> lattice.feasible.tolist(), lattice.value(["a", "b"])
    ([False, False, False, True], Fraction(2, 1))
    """
    space = as_space(game)
    check_linkage_size(space)
    issues = space.game.issue_ids
    joint = joint_gains(space)
    if method == "lattice":
        inside = space.agreement
        feasible, values = lattice_arrays(support_masks(space)[inside], joint[inside], len(issues))
    elif method == "slicing":
        feasible, values = _slicing(space, joint)
    else:
        raise ValueError(f"unknown method {method!r} (expected 'lattice' or 'slicing')")
    return LinkageLattice(
        issues=issues, feasible=feasible, values=values, scale=space.scale, exact=space.exact
    )


def lattice_arrays(
    supports: np.ndarray, gains: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Feasibility and the best joint gain of every set of ``k`` issues, from the agreements'
    ``supports`` and joint ``gains``."""
    feasible = np.zeros(1 << k, dtype=bool)
    feasible[supports] = True
    floor = gains.min() if gains.size else 0
    best = np.full(1 << k, floor, dtype=gains.dtype)
    np.maximum.at(best, supports, gains)
    for j in range(k):  # zeta transform: fold in the subsets without issue j, one issue at a time
        pairs = feasible.reshape(-1, 2, 1 << j)  # axis 1 is bit j of the mask
        pairs[:, 1, :] |= pairs[:, 0, :]
        pairs = best.reshape(-1, 2, 1 << j)
        np.maximum(pairs[:, 1, :], pairs[:, 0, :], out=pairs[:, 1, :])
    zero = np.zeros(1, dtype=gains.dtype)[0]
    return feasible, np.where(feasible, best, zero).astype(gains.dtype)


def _slicing(space: PackageSpace, joint: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    issues = space.game.issue_ids
    k = len(issues)
    feasible = np.zeros(1 << k, dtype=bool)
    values = np.zeros(1 << k, dtype=joint.dtype)
    for mask in range(1 << k):
        index = space.restriction(issue for j, issue in enumerate(issues) if mask >> j & 1)
        agreement = space.agreement[index]
        if agreement.any():
            feasible[mask] = True
            values[mask] = np.asarray(joint[index])[agreement].max()
    return feasible, values


def minimal_feasible_linkages(
    game: NegotiationGame | PackageSpace | LinkageLattice,
) -> tuple[tuple[str, ...], ...]:
    """The minimal feasible linkages: sets ``L`` of issues whose game ``G_L`` has an agreement
    while no proper subset's has.

    Smallest first, then in issue order.

    Examples
    --------
    >>> from negotiate.model import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="g", title="G",
    ...     parties=[Party(id="us", values={"a": {"y": 2}, "b": {"y": -1}, "c": {"y": -1}}),
    ...              Party(id="mx", values={"a": {"y": -1}, "b": {"y": 2}, "c": {"y": 2}})],
    ...     issues=[Issue(id=i, options=["n", "y"]) for i in "abc"],
    ... )
    >>> minimal_feasible_linkages(game)
    (('a', 'b'), ('a', 'c'))
    """
    lattice = game if isinstance(game, LinkageLattice) else linkage_lattice(game)
    feasible = lattice.feasible
    masks = np.arange(feasible.size)
    minimal = feasible.copy()
    for j in range(len(lattice.issues)):
        has = (masks >> j & 1).astype(bool)
        minimal[has] &= ~feasible[masks[has] ^ (1 << j)]
    found = [int(m) for m in np.flatnonzero(minimal)]
    found.sort(key=lambda m: (m.bit_count(), [j for j in range(len(lattice.issues)) if m >> j & 1]))
    return tuple(lattice.issues_of(m) for m in found)


def issue_shapley_values(game: NegotiationGame | PackageSpace | LinkageLattice) -> Utilities:
    """Each issue's contribution to the joint gain: the Shapley value of the TU game over issues
    with ``v(L)`` the largest joint gain over ``G_L``'s agreement set (0 when empty).

    ``phi_j = sum_{L ∌ j} |L|! (k - |L| - 1)! / k! (v(L ∪ {j}) - v(L))``, exact when the game is
    (Shapley 1953). The values sum to ``v(N)``, the joint gain of the best full linkage.

    Examples
    --------
    >>> from negotiate.model import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="g", title="G",
    ...     parties=[Party(id="us", values={"a": {"y": 2}, "b": {"y": -1}, "c": {"y": 1}}),
    ...              Party(id="mx", values={"a": {"y": -1}, "b": {"y": 2}, "c": {"y": 1}})],
    ...     issues=[Issue(id=i, options=["n", "y"]) for i in "abc"],
    ... )
    >>> {issue: str(value) for issue, value in issue_shapley_values(game).items()}
    {'a': '5/6', 'b': '5/6', 'c': '7/3'}
    """
    lattice = game if isinstance(game, LinkageLattice) else linkage_lattice(game)
    k = len(lattice.issues)
    values = lattice.values
    masks = np.arange(values.size, dtype=np.int64)
    sizes = np.bitwise_count(masks)
    # inside[s][j]: the sum of v(L) over |L| = s with j in L; total[s]: over every |L| = s
    total = _sums_by_size(values, sizes, k)
    columns = [
        _sums_by_size(values[masks >> j & 1 == 1], sizes[masks >> j & 1 == 1], k) for j in range(k)
    ]
    inside = [[columns[j][s] for j in range(k)] for s in range(k + 1)]
    weights = [math.factorial(s) * math.factorial(k - s - 1) for s in range(k)]
    out: dict[str, Number] = {}
    for j, issue in enumerate(lattice.issues):
        # phi_j k! = sum_s w(s) (sum_{|L|=s, j not in L} v(L + j) - v(L))
        if lattice.exact:
            exact_sum = sum(
                weights[s] * (int(inside[s + 1][j]) - (int(total[s]) - int(inside[s][j])))
                for s in range(k)
            )
            out[issue] = Fraction(exact_sum, math.factorial(k) * lattice.scale)
        else:
            float_sum = sum(
                weights[s] * (float(inside[s + 1][j]) - (float(total[s]) - float(inside[s][j])))
                for s in range(k)
            )
            out[issue] = float_sum / math.factorial(k)
    return FrozenMap(out)


def _sums_by_size(values: np.ndarray, sizes: np.ndarray, k: int) -> list[Any]:
    """The sums of ``values`` grouped by ``sizes`` (0..k), exact for integer values."""
    if values.dtype.kind == "f":
        return list(np.bincount(sizes, weights=values, minlength=k + 1).tolist())
    if values.size == 0:
        return [0] * (k + 1)
    bound = int(np.max(np.abs(values))) * values.size
    if values.dtype != object and bound < 2**53:  # float64 sums of these integers are exact
        sums = np.bincount(sizes, weights=values.astype(np.float64), minlength=k + 1)
        return [int(x) for x in sums]
    out = [0] * (k + 1)
    for size in range(k + 1):
        out[size] = int(values[sizes == size].astype(object).sum())
    return out
