"""The package tensor: every actor's utility of every package of a negotiation, at once.

A negotiation's package space is the product of its issues' options. Utilities live in one numpy
array per actor, with one axis per issue (issues in file order, options in file order, so the
first issue varies slowest: C order is package order). Win-sets, the agreement set and every
solution are masks and reductions over these arrays.

Exact games are computed in integers: every utility, reservation and weight is multiplied by a
common denominator (``scale``), so comparisons are exact and numpy stays fast. Games with a float
anywhere are computed in floats. An exact game's arrays are held in the narrowest integer type
(8, 16, 32 or 64 bits) with room for the arithmetic done on them: every actor's scaled
utilities and reservations, times 8 times the number of actors plus one, fit it, so a difference
of two of them, summed over every actor, cannot overflow (``dtype`` is the type to compute in;
``storage`` the type held).

Each actor's array is built in one pass (an outer sum over the issues, so the work is about one
write of the final array) and shared: :func:`package_space` returns the same space for the same
game object while it is among the last few used, and an actor's array is reused by every game
with the same issues, the same values and interactions for that actor and the same scale (a
scenario, a game whose ratification rules or reservations changed, a sweep's step). The shared
arrays are read-only.

>>> from negotiate.model import NegotiationGame, Party, Issue
>>> game = NegotiationGame(
...     id="swap", title="A swap",
...     parties=[Party(id="us", values={"trade": {"open": "3/2"}, "visas": {"more": -1}}),
...              Party(id="mx", values={"trade": {"open": -1}, "visas": {"more": 2}})],
...     issues=[Issue(id="trade", options=["closed", "open"]),
...             Issue(id="visas", options=["few", "more"])],
... )
>>> space = package_space(game)
>>> space.shape, space.scale, space.utility("us", ("open", "more"))
((2, 2), 2, Fraction(1, 2))
>>> [space.package(k) for k in space.flat_indices(space.agreement)]
[('open', 'more')]

A space over the ``packages`` limit (:mod:`negotiate.limits`) is refused before it is built:

>>> from negotiate.limits import parse, using
>>> with using(parse("packages=3")):
...     package_space(game)
Traceback (most recent call last):
...
negotiate.errors.GameTooLargeError: swap: 4 packages (2 x 2 options) is over the limit of 3; ...
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator
from fractions import Fraction
from functools import cached_property, lru_cache
from typing import Any, TypeVar

import numpy as np

from negotiate.errors import GameTooLargeError
from negotiate.exact.numbers import Number, is_exact
from negotiate.model._common import FrozenMap
from negotiate.model.negotiation import NegotiationGame, Package, Party

__all__ = ["PackageSpace", "clear_cache", "outer_sum", "package_space"]

T = TypeVar("T")

_INT_LIMIT = 2**62

NARROW_STORAGE = True
"""Hold exact utilities in the narrowest integer type with headroom (``False``: 64-bit, the
reference the tests compare the narrow arrays with)."""

_STORAGE_TYPES = (np.int8, np.int16, np.int32, np.int64)

_CACHE_PACKAGES = 2_000_000
"""The most packages (summed over the cached spaces) the cache of spaces keeps alive."""

_CACHE_BYTES = 256 * 2**20
"""The most bytes of arrays (utilities, acceptance masks, ratification weights) the cache of
arrays keeps alive: every array of a 10^6-package analysis with 15 actors."""


class _Cache:
    """A least-recently-used cache bounded by the total size of what it holds."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self.held = 0

    def get(self, key: Hashable) -> Any:
        entry = self.entries.get(key)
        if entry is None:
            return None
        self.entries.move_to_end(key)
        return entry[0]

    def put(self, key: Hashable, value: Any, size: int) -> None:
        if size > self.budget:
            return
        old = self.entries.pop(key, None)
        self.held -= old[1] if old else 0
        self.entries[key] = (value, size)
        self.held += size
        while self.held > self.budget:
            _, (_, dropped) = self.entries.popitem(last=False)
            self.held -= dropped


_SPACES = _Cache(_CACHE_PACKAGES)
"""Package spaces by the identity of their game (checked: a reused id is a new game)."""

_UTILITIES = _Cache(_CACHE_BYTES)
"""Arrays by what determines them (utilities: the issues, the actor's values and interactions,
the scale), sized in bytes."""


class PackageSpace:
    """Utilities, acceptance and ratification over every package of a negotiation.

    Build it with :func:`package_space`. Arrays are indexed by option positions, one axis per
    issue; ``values[actor]`` holds ``scale`` times the actor's utilities (integers when the game is
    exact, floats otherwise). Use :meth:`utility` and :meth:`to_number` to read real values.
    """

    def __init__(self, game: NegotiationGame) -> None:
        self.game = game
        self.shape: tuple[int, ...] = tuple(len(issue.options) for issue in game.issues)
        _check_size(game, self.shape)
        self.exact: bool = _game_is_exact(game)
        self.scale: int = _common_denominator(game) if self.exact else 1
        self.dtype: Any = np.int64 if self.exact else np.float64
        largest = _largest_magnitude(game) if self.exact else 0
        if self.exact and largest * self.scale >= _INT_LIMIT:
            self.dtype = object  # Python integers: exact, slower, never overflow
        self.storage: Any = self.dtype
        """The type the utility arrays are held in (:data:`NARROW_STORAGE`)."""
        if self.dtype is np.int64 and NARROW_STORAGE:
            room = _stored_magnitude(game, largest) * self.scale * 8 * (len(game.actor_ids) + 1)
            self.storage = _narrowest(room)
        self.status_quo_index: tuple[int, ...] = tuple(
            issue.options.index(issue.status_quo) for issue in game.issues
        )
        self.derived: dict[Hashable, Any] = {}
        """Results computed from this space alone, by a key naming them (:meth:`derive`)."""
        self._utility_keys: dict[str, Hashable] = {}
        self.values: dict[str, np.ndarray] = {a: self._utilities(a) for a in game.actor_ids}
        self.reservations: dict[str, Any] = {a: self._reservation(a) for a in game.actor_ids}

    # -- building --------------------------------------------------------------------------------

    def _scaled(self, value: Number) -> Any:
        if self.exact:
            scaled = Fraction(value) * self.scale
            assert scaled.denominator == 1
            return int(scaled)
        return float(value)

    def _utilities(self, actor_id: str) -> np.ndarray:
        game = self.game
        actor = game.actor(actor_id)
        interactions = tuple(i for i in game.interactions if i.actor == actor_id)
        key = (
            tuple((issue.id, issue.options) for issue in game.issues),
            actor.values,
            tuple((i.when, i.value) for i in interactions),
            self.scale,
            str(self.dtype),
            str(self.storage),
        )
        self._utility_keys[actor_id] = key
        cached = _UTILITIES.get(key)
        if cached is not None:
            return cached  # type: ignore[no-any-return]
        vectors = []
        for issue in game.issues:
            worths = actor.values.get(issue.id, FrozenMap())
            vectors.append(
                np.array(
                    [self._scaled(worths.get(option, 0)) for option in issue.options],
                    dtype=self.storage,
                )
            )
        total = np.asarray(outer_sum(vectors, self.storage), dtype=self.storage)
        total = total.reshape(self.shape)
        for interaction in interactions:
            total = total + np.where(
                self.matches(interaction.when), self._scaled(interaction.value), 0
            ).astype(self.storage)
        total.setflags(write=False)
        _UTILITIES.put(key, total, total.nbytes)
        return total

    def _reservation(self, actor_id: str) -> Any:
        actor = self.game.actor(actor_id)
        reservation = getattr(actor, "reservation", None)
        if reservation is not None:
            return self._scaled(reservation)
        at_status_quo = self.values[actor_id][self.status_quo_index]
        return at_status_quo if self.dtype is object else self.dtype(at_status_quo)

    def derive(self, name: str, compute: Callable[[PackageSpace], T]) -> T:
        """``compute(self)``, kept under ``name``: a result of this space alone that several
        analyses ask for (its agreement set, side payments, uncertain ratification) is computed
        once."""
        if name not in self.derived:
            self.derived[name] = compute(self)
        return self.derived[name]  # type: ignore[no-any-return]

    # -- reading ---------------------------------------------------------------------------------

    @property
    def size(self) -> int:
        """The number of packages."""
        return math.prod(self.shape)

    def matches(self, when: dict[str, Iterable[str]] | Any) -> np.ndarray:
        """A boolean array: the packages whose option on each issue of ``when`` is one listed."""
        mask = np.ones(self.shape, dtype=bool)
        for issue_id, options in when.items():
            axis = self.game.issue_ids.index(issue_id)
            issue = self.game.issues[axis]
            vector = [option in options for option in issue.options]
            shape = [1] * len(self.shape)
            shape[axis] = len(vector)
            mask = mask & np.array(vector).reshape(shape)
        return mask

    def to_number(self, scaled: Any) -> Number:
        """A real utility from a scaled one: a Fraction when exact, else a float."""
        if self.exact:
            return Fraction(int(scaled), self.scale)
        return float(scaled)

    def index(self, package: Package) -> tuple[int, ...]:
        """The array index of a package given by option names, one per issue."""
        return tuple(
            issue.options.index(option)
            for issue, option in zip(self.game.issues, package, strict=True)
        )

    def package(self, index: int | tuple[int, ...]) -> Package:
        """The package (option names) at an array index or a flat index in package order."""
        if isinstance(index, int | np.integer):
            index = tuple(int(k) for k in np.unravel_index(int(index), self.shape))
        return tuple(issue.options[k] for issue, k in zip(self.game.issues, index, strict=True))

    def utility(self, actor_id: str, package: Package) -> Number:
        """``actor_id``'s utility of ``package``."""
        return self.to_number(self.values[actor_id][self.index(package)])

    def reservation(self, actor_id: str) -> Number:
        """The least utility ``actor_id`` accepts."""
        return self.to_number(self.reservations[actor_id])

    def flat_indices(self, mask: np.ndarray) -> Iterator[int]:
        """The flat indices (package order) where ``mask`` holds."""
        return (int(k) for k in np.flatnonzero(mask))

    # -- Level II: acceptance and ratification ----------------------------------------------

    def accepts(self, actor_id: str) -> np.ndarray:
        """A boolean array: the packages ``actor_id`` accepts (utility >= reservation)."""
        return self._accepts[actor_id]

    @cached_property
    def _accepts(self) -> dict[str, np.ndarray]:
        out = {}
        for actor in self.game.actor_ids:  # shared by spaces with the same array and reservation
            key = ("accepts", self._utility_keys[actor], self.reservations[actor])
            mask = _UTILITIES.get(key)
            if mask is None:
                mask = self.values[actor] >= self.reservations[actor]
                mask.setflags(write=False)
                _UTILITIES.put(key, mask, mask.nbytes)
            out[actor] = mask
        return out

    def approving_weight(self, party_id: str) -> np.ndarray:
        """The weight of ``party_id``'s constituencies that accept each package, times
        :attr:`weight_scale` (exact integers); read-only, shared by spaces whose constituencies
        accept the same packages with the same weights."""
        groups = self.game.constituencies_of(party_id)
        scaled = [self._scaled_weight(c.weight) for c in groups]
        accepts = self._accepts
        key = (
            "weight",
            self.shape,
            tuple(id(accepts[c.id]) for c in groups),
            tuple(scaled),
            self.weight_scale is None,
            NARROW_STORAGE,
        )
        cached = _UTILITIES.get(key)
        if cached is not None and all(
            a is accepts[c.id] for a, c in zip(cached[1], groups, strict=True)
        ):
            return cached[0]  # type: ignore[no-any-return]
        exact = self.weight_scale is not None
        dtype: Any = self._weight_storage(party_id, scaled) if exact else object
        weight = np.zeros(self.shape, dtype=dtype)
        term = np.empty(self.shape, dtype=dtype) if exact else None
        for constituency, amount in zip(groups, scaled, strict=True):
            mask = accepts[constituency.id]
            if term is not None and abs(amount) < _INT_LIMIT // max(1, len(groups)):
                np.multiply(mask, dtype(amount), out=term)  # in place: 4x faster than where=
                weight += term
            else:
                weight = weight + np.where(mask, amount, 0)
        weight.setflags(write=False)
        _UTILITIES.put(key, (weight, tuple(accepts[c.id] for c in groups)), weight.nbytes)
        return weight

    def _weight_storage(self, party_id: str, scaled: list[int]) -> Any:
        """The type approving weights are held in: the narrowest with room for 8 times the
        weights and the quota together (differences and sums of them stay inside), else
        64-bit (:data:`NARROW_STORAGE`)."""
        if not NARROW_STORAGE:
            return np.int64
        rule = self.game.ratification(party_id)
        quota = abs(self._scaled_weight(rule.quota)) if rule is not None else 0
        return _narrowest(8 * (sum(abs(w) for w in scaled) + quota))

    @cached_property
    def weight_scale(self) -> int | None:
        """The common denominator of constituency weights and quotas (``None``: some are floats)."""
        numbers: list[Number] = [c.weight for c in self.game.constituencies]
        numbers += [r.quota for r in self.game.ratifications]
        if not is_exact(*numbers):
            return None
        return math.lcm(1, *(Fraction(x).denominator for x in numbers))

    def _scaled_weight(self, weight: Number) -> Any:
        if self.weight_scale is None:
            return float(weight)
        return int(Fraction(weight) * self.weight_scale)

    def scaled_weight(self, weight: Number) -> Any:
        """A constituency weight or quota on the scale of :meth:`approving_weight` (times
        :attr:`weight_scale`: an exact integer, or a float when some weight is a float)."""
        return self._scaled_weight(weight)

    def ratifies(self, party_id: str) -> np.ndarray:
        """A boolean array: ``party_id``'s win-set, the packages it ratifies at home."""
        return self._ratifies[party_id]

    @cached_property
    def _ratifies(self) -> dict[str, np.ndarray]:
        out = {}
        for party_id in self.game.party_ids:
            rule = self.game.ratification(party_id)
            executive = self.accepts(party_id)
            if rule is None:
                out[party_id] = executive
                continue
            enough = self.approving_weight(party_id) >= self._scaled_weight(rule.quota)
            out[party_id] = (enough & executive) if rule.executive_veto else enough
            out[party_id].setflags(write=False)
        return out

    @cached_property
    def agreement(self) -> np.ndarray:
        """A boolean array: the agreement set, packages other than the status quo that every party
        ratifies (the zone of possible agreement)."""
        mask = np.ones(self.shape, dtype=bool)
        for party_id in self.game.party_ids:
            mask &= self.ratifies(party_id)
        mask[self.status_quo_index] = False
        mask.setflags(write=False)
        return mask

    def alone(self, axis: int) -> np.ndarray:
        """The flat indices, in package order, of the packages that leave the status quo on the
        issue at ``axis`` only (its other options, every other issue at its status quo)."""
        status_quo = self.status_quo_index[axis]
        stride = math.prod(self.shape[axis + 1 :])
        origin = int(np.ravel_multi_index(self.status_quo_index, self.shape))
        moved = [o for o in range(self.shape[axis]) if o != status_quo]
        return np.array([origin + (o - status_quo) * stride for o in moved], dtype=np.int64)

    def restriction(self, linked: Iterable[str]) -> tuple[int | slice, ...]:
        """An index selecting the sub-space where only the ``linked`` issues may move: every
        other issue stays at its status quo (the game ``G_L`` of linkage analysis)."""
        linked = set(linked)
        return tuple(
            slice(None) if issue.id in linked else sq
            for issue, sq in zip(self.game.issues, self.status_quo_index, strict=True)
        )


def package_space(game: NegotiationGame) -> PackageSpace:
    """The package tensor of ``game``: utilities, acceptance and win-sets over every package.

    Parameters
    ----------
    game : NegotiationGame
        The negotiation (with a scenario already applied, if any).

    Returns
    -------
    PackageSpace

    Examples
    --------
    >>> from negotiate import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="swap", title="A swap",
    ...     parties=[Party(id="us", values={"trade": {"open": 3}, "visas": {"more": -1}}),
    ...              Party(id="mx", values={"trade": {"open": -1}, "visas": {"more": 2}})],
    ...     issues=[Issue(id="trade", options=["closed", "open"]),
    ...             Issue(id="visas", options=["few", "more"])])
    >>> space = package_space(game)
    >>> space.utility("us", ("open", "more"))
    Fraction(2, 1)
    >>> package_space(game) is space   # built once per game
    True
    """
    cached = _SPACES.get(id(game))
    if cached is not None and cached.game is game:
        _check_size(game, cached.shape)  # the limit may have changed since
        return cached  # type: ignore[no-any-return]
    space = PackageSpace(game)
    _SPACES.put(id(game), space, space.size)
    return space


def _check_size(game: NegotiationGame, shape: tuple[int, ...]) -> None:
    """Refuse a package space over the ``packages`` limit before any array is allocated."""
    from negotiate.limits import current

    size, limit = math.prod(shape), current().packages
    if size > limit:
        raise GameTooLargeError(
            f"{game.id}: {size:,} packages ({' x '.join(map(str, shape))} options) is over the "
            f"limit of {limit:,}; raise it with --limits packages=N (in code: "
            "negotiate.limits.using)"
        )


def clear_cache() -> None:
    """Forget every cached package space and utility array (benchmarks time cold builds).

    >>> clear_cache()
    """
    for cache in (_SPACES, _UTILITIES):
        cache.entries.clear()
        cache.held = 0


def _all_numbers(game: NegotiationGame) -> list[Number]:
    numbers: list[Number] = []
    for actor in game.actors:
        numbers += [w for options in actor.values.values() for w in options.values()]
    numbers += [p.reservation for p in game.parties if p.reservation is not None]
    numbers += [i.value for i in game.interactions]
    return numbers


def _game_is_exact(game: NegotiationGame) -> bool:
    return is_exact(*_all_numbers(game))


def _common_denominator(game: NegotiationGame) -> int:
    return math.lcm(
        1,
        *(
            x.denominator if isinstance(x, int | Fraction) else Fraction(x).denominator
            for x in _all_numbers(game)
        ),
    )


def _magnitude(value: Number) -> Fraction | int:
    return abs(value) if isinstance(value, int | Fraction) else abs(Fraction(value))


def outer_sum(vectors: list[np.ndarray], dtype: Any, ufunc: np.ufunc = np.add) -> np.ndarray:
    """``total[k_1, ..., k_n] = vectors[0][k_1] + ... + vectors[n-1][k_n]`` (or another binary
    ``ufunc``), as the outer sum of two halves of balanced sizes: numpy's inner loop then runs
    along long rows (one short vector at a time, it runs along each short vector: 15 times
    slower at 4^10 packages).

    >>> outer_sum([np.array([0, 1]), np.array([0, 10, 20])], np.int64).tolist()
    [[0, 10, 20], [1, 11, 21]]
    """
    if len(vectors) <= 1:
        return vectors[0] if vectors else np.zeros((), dtype=dtype)
    root, size, split = math.isqrt(math.prod(len(v) for v in vectors)), 1, 0
    while split < len(vectors) - 1 and (split == 0 or size * len(vectors[split]) <= root):
        size *= len(vectors[split])
        split += 1
    left, right = outer_sum(vectors[:split], dtype, ufunc), outer_sum(vectors[split:], dtype, ufunc)
    return np.asarray(ufunc.outer(left, right))


def _stored_magnitude(game: NegotiationGame, largest: Fraction | int) -> Fraction | int:
    """A bound on any actor's absolute utility or reservation, constituencies' included
    (``largest``: :func:`_largest_magnitude`)."""
    reservations = [getattr(a, "reservation", None) for a in game.actors]
    return max(largest, *(_magnitude(r) for r in reservations if r is not None), 0)


def _narrowest(room: Fraction | int) -> Any:
    """The narrowest integer type of :data:`_STORAGE_TYPES` holding ``-room..room``."""
    return next((t for t in _STORAGE_TYPES if room <= np.iinfo(t).max), np.int64)


@lru_cache(maxsize=4096)
def _values_magnitude(values: FrozenMap[str, FrozenMap[str, Number]]) -> Fraction | int:
    """The largest absolute utility an actor's part-worths ``values`` add up to (kept: the games
    derived from one game share their actors' values)."""
    return sum(
        (max(_magnitude(w) for w in options.values()) for options in values.values() if options),
        start=0,
    )


def _largest_magnitude(game: NegotiationGame) -> Fraction | int:
    """A bound on any actor's absolute utility or reservation."""
    bound: Fraction | int = 0
    for actor in game.actors:
        total = _values_magnitude(actor.values)
        total += sum(_magnitude(i.value) for i in game.interactions if i.actor == actor.id)
        reservation = actor.reservation if isinstance(actor, Party) else None
        bound = max(bound, total, _magnitude(reservation or 0))
    return bound
