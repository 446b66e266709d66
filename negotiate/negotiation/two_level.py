"""Two-level games: win-sets, the agreement set, its Pareto set and pivotal constituencies.

Putnam (1988) describes international negotiation as a game on two levels: governments bargain at
the table (Level I) and each must then ratify the deal at home (Level II). A party's *win-set* is
the set of packages it can ratify; the *agreement set* (the zone of possible agreement) is the set
of packages, other than the status quo, inside every party's win-set. Small win-sets make
agreement harder, and they are also a bargaining asset ("my hands are tied").

Everything here is a mask or a reduction over the package tensor of
:mod:`negotiate.negotiation.packages`: no Python loop runs over packages.

References
----------
Putnam, R. D. (1988). Diplomacy and domestic politics: the logic of two-level games.
*International Organization* 42(3), 427-460.

Examples
--------
>>> from negotiate.model import NegotiationGame, Party, Issue
>>> game = NegotiationGame(
...     id="swap", title="A swap",
...     parties=[Party(id="us", values={"trade": {"open": 3}, "visas": {"more": -1}}),
...              Party(id="mx", values={"trade": {"open": -1}, "visas": {"more": 2}})],
...     issues=[Issue(id="trade", options=["closed", "open"]),
...             Issue(id="visas", options=["few", "more"])],
... )
>>> result = agreement_set(game)
>>> result.win_set_sizes
{'us': 3, 'mx': 3}
>>> result.packages
(('open', 'more'),)
>>> result.pivotal("us", ("open", "more"))
('us',)
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from fractions import Fraction

import attrs
import numpy as np

from negotiate.exact.numbers import Number
from negotiate.model.negotiation import Constituency, NegotiationGame, Package
from negotiate.negotiation.packages import PackageSpace, package_space

__all__ = ["AgreementSet", "agreement_set", "pivotal_constituencies", "pivotal_mask"]


@attrs.frozen(eq=False)
class AgreementSet:
    """The Level II analysis of a negotiation: win-sets, the agreement set and its Pareto set.

    Build it with :func:`agreement_set`. Members of the agreement set are listed in package order
    (the first issue varies slowest). Utilities are held scaled, as in
    :class:`~negotiate.negotiation.packages.PackageSpace` (``space.scale`` times the real values,
    exact
    integers when the game is exact); the methods return real numbers.

    Attributes
    ----------
    game : NegotiationGame
        The game (with its scenario applied, if any).
    space : PackageSpace
        The package tensor: every actor's utility of every package, acceptance, ratification.
    linked : tuple of str or None
        The issues that may move (``None``: all of them); every other issue stays at its status quo.
    region : numpy.ndarray of bool
        The packages of the (sub-)game: all of them, or those moving only ``linked`` issues.
    win_sets : dict
        ``party -> boolean array``: the packages of ``region`` that the party ratifies.
    agreement : numpy.ndarray of bool
        The agreement set: packages of ``region`` other than the status quo ratified by all.
    indices : numpy.ndarray of int
        The agreement set's flat package indices, in package order.
    utilities : numpy.ndarray
        ``(len(indices), len(parties))``: the executives' scaled utilities of its members.
    disagreement : numpy.ndarray
        The executives' scaled reservations, the disagreement point ``d``.
    rational : numpy.ndarray of bool
        Per member: every executive gets at least its reservation (always true when every party's
        executive has a veto, the default).
    pareto : numpy.ndarray of bool
        Per member: not Pareto-dominated, on the executives' utilities, by another member
        (found on first use: the sub-games of leverage and linkage need only their Nash package).

    Examples
    --------
    >>> from negotiate import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="swap", title="A swap",
    ...     parties=[Party(id="us", values={"trade": {"open": 3}, "visas": {"more": -1}}),
    ...              Party(id="mx", values={"trade": {"open": -1}, "visas": {"more": 2}})],
    ...     issues=[Issue(id="trade", options=["closed", "open"]),
    ...             Issue(id="visas", options=["few", "more"])])
    >>> from negotiate import agreement_set
    >>> result = agreement_set(game)
    >>> result.count, result.packages
    (1, (('open', 'more'),))
    """

    game: NegotiationGame
    space: PackageSpace
    linked: tuple[str, ...] | None
    region: np.ndarray
    win_sets: dict[str, np.ndarray]
    agreement: np.ndarray
    indices: np.ndarray
    utilities: np.ndarray
    disagreement: np.ndarray
    rational: np.ndarray

    @functools.cached_property
    def pareto(self) -> np.ndarray:
        return pareto_mask(self.utilities)

    # -- sizes -----------------------------------------------------------------------------------

    @property
    def parties(self) -> tuple[str, ...]:
        """The parties (executives) whose utilities the solutions weigh, in file order."""
        return self.game.party_ids

    @property
    def package_count(self) -> int:
        """The number of packages of the (sub-)game."""
        return int(np.count_nonzero(self.region))

    @property
    def status_quo(self) -> Package:
        """The package that stands without agreement."""
        return self.game.status_quo

    @property
    def count(self) -> int:
        """The number of packages in the agreement set."""
        return len(self.indices)

    @property
    def is_empty(self) -> bool:
        """Whether there is no deal at all: no package but the status quo is ratified by all."""
        return len(self.indices) == 0

    @property
    def win_set_sizes(self) -> dict[str, int]:
        """``party -> number of packages in its win-set`` (the status quo included)."""
        return {p: int(np.count_nonzero(mask)) for p, mask in self.win_sets.items()}

    # -- members ---------------------------------------------------------------------------------

    @property
    def packages(self) -> tuple[Package, ...]:
        """The agreement set's packages, in package order."""
        return tuple(self.space.package(int(k)) for k in self.indices)

    @property
    def pareto_indices(self) -> np.ndarray:
        """The flat package indices of the Pareto set, in package order."""
        return np.asarray(self.indices[self.pareto])

    def outcome_utilities(self, index: int) -> dict[str, Number]:
        """The executives' utilities (real numbers) of the package at flat ``index``."""
        position = np.unravel_index(int(index), self.space.shape)
        return {p: self.space.to_number(self.space.values[p][position]) for p in self.parties}

    def reservation(self, party_id: str) -> Number:
        """The party's disagreement utility ``d_i`` (its executive's reservation)."""
        return self.space.reservation(party_id)

    # -- Level II --------------------------------------------------------------------------------

    def accepts(self, actor_id: str) -> np.ndarray:
        """The packages ``actor_id`` (a party's executive or a constituency) accepts."""
        return self.space.accepts(actor_id)

    def utility(self, actor_id: str, package: Package) -> Number:
        """``actor_id``'s utility of ``package`` (every actor's utilities of every package are in
        ``space.values``, scaled by ``space.scale``)."""
        return self.space.utility(actor_id, package)

    def ratifies(self, party_id: str, package: Package) -> bool:
        """Whether ``party_id`` ratifies ``package``."""
        return bool(self.space.ratifies(party_id)[self.space.index(package)])

    def approving_weight(self, party_id: str, package: Package) -> Number:
        """The weight of ``party_id``'s constituencies that accept ``package``."""
        space = self.space
        weight = space.approving_weight(party_id)[space.index(package)]
        if space.weight_scale is None:
            return float(weight)
        return Fraction(int(weight), space.weight_scale)

    def pivotal(self, party_id: str, package: Package) -> tuple[str, ...]:
        """Who must be won over at home for ``party_id`` to ratify ``package``.

        See :func:`pivotal_constituencies`.
        """
        return pivotal_constituencies(self.space, party_id, package)


def agreement_set(
    game: NegotiationGame | PackageSpace, linked: Iterable[str] | None = None
) -> AgreementSet:
    """Win-sets, the agreement set and its Pareto set of a two-level negotiation.

    Definitions (``negotiate/1``): actor ``a`` accepts package ``p`` iff ``u_a(p) >= r_a``; party
    ``P`` ratifies ``p`` iff (its executive accepts ``p`` or has no veto) and the weight of its
    constituencies accepting ``p`` reaches its quota; its *win-set* is what it ratifies (Putnam
    1988). The *agreement set* ``A`` holds the packages, other than the status quo, that every
    party ratifies; its *Pareto set* the members no other member Pareto-dominates on the
    executives' utilities.

    Parameters
    ----------
    game : NegotiationGame or PackageSpace
        The negotiation (with its scenario applied), or its package tensor if already built.
    linked : iterable of str, optional
        Restrict to the sub-game ``G_L`` in which only these issues may move and every other
        issue stays at its status quo (linkage analysis). Default: every issue may move.

    Returns
    -------
    AgreementSet

    Notes
    -----
    The Pareto set is found among distinct utility vectors: by a running maximum for two parties,
    by divide and conquer over the lexicographic order for three (``O(m log^2 m)``), and by
    culling from the largest utility sums for more parties.

    Examples
    --------
    >>> from negotiate.model import NegotiationGame, Party, Issue, Constituency, Ratification
    >>> game = NegotiationGame(
    ...     id="g", title="G",
    ...     parties=[Party(id="us", values={"wall": {"yes": 2}, "visas": {"more": -1}}),
    ...              Party(id="mx", values={"wall": {"yes": -1}, "visas": {"more": 3}})],
    ...     constituencies=[Constituency(id="hawks", party="us", weight=1,
    ...                                  values={"visas": {"more": -5}, "wall": {"yes": 1}})],
    ...     ratifications=[Ratification(party="us", quota=1)],
    ...     issues=[Issue(id="wall", options=["no", "yes"]),
    ...             Issue(id="visas", options=["few", "more"])],
    ... )
    >>> result = agreement_set(game)
    >>> result.win_set_sizes, result.count
    ({'us': 2, 'mx': 3}, 0)
    """
    space = game if isinstance(game, PackageSpace) else package_space(game)
    game = space.game
    linked_issues = None if linked is None else tuple(linked)
    if linked_issues is not None:  # one of many sub-games: not kept
        return _agreement_set(space, linked_issues)
    # asked again by tied hands, tables, linkage
    return space.derive("agreement_set", lambda s: _agreement_set(s, None))


def _agreement_set(space: PackageSpace, linked_issues: tuple[str, ...] | None) -> AgreementSet:
    game = space.game
    if linked_issues is None:  # the whole space: its read-only arrays, not copies
        region = np.broadcast_to(np.True_, space.shape)
        win_sets = {p: space.ratifies(p) for p in game.party_ids}
        agreement = space.agreement
    else:
        for issue_id in linked_issues:
            game.issue(issue_id)  # raises, naming the valid issues, for an unknown id
        region = np.zeros(space.shape, dtype=bool)
        region[space.restriction(linked_issues)] = True
        win_sets = {p: space.ratifies(p) & region for p in game.party_ids}
        agreement = space.agreement & region
    indices = np.flatnonzero(agreement)
    parties = game.party_ids
    dtype = space.dtype
    if len(indices):
        utilities = np.stack(
            [space.values[p].ravel()[indices].astype(dtype) for p in parties], axis=1
        )  # in the type computed in: the solutions multiply and sum them
    else:
        utilities = np.zeros((0, len(parties)), dtype=dtype)
    disagreement = np.array([space.reservations[p] for p in parties], dtype=dtype)
    rational = np.ones(len(indices), dtype=bool)
    for column, reservation in zip(utilities.T, disagreement, strict=True):
        rational &= column >= reservation  # by column: faster than along the short rows
    return AgreementSet(
        game=game,
        space=space,
        linked=linked_issues,
        region=region,
        win_sets=win_sets,
        agreement=agreement,
        indices=indices,
        utilities=utilities,
        disagreement=disagreement,
        rational=rational,
    )


# -- pivotal constituencies -------------------------------------------------------------------


def pivotal_mask(space: PackageSpace, party_id: str, actor_id: str) -> np.ndarray:
    """The packages ``party_id`` ratifies for which ``actor_id`` is pivotal.

    A constituency approving a ratified package is pivotal if, without its weight, the approving
    weight falls below the quota. The executive is pivotal for every ratified package when it has
    a veto (or when the party has no ratification rule: it then decides alone).

    >>> from negotiate.model import NegotiationGame, Party, Issue, Constituency, Ratification
    >>> game = NegotiationGame(
    ...     id="g", title="G", parties=[Party(id="us", values={"t": {"b": 1}})],
    ...     constituencies=[Constituency(id="c1", party="us", weight=2, values={"t": {"b": 1}}),
    ...                     Constituency(id="c2", party="us", weight=1, values={"t": {"b": 1}})],
    ...     ratifications=[Ratification(party="us", quota=2, executive_veto=False)],
    ...     issues=[Issue(id="t", options=["a", "b"])],
    ... )
    >>> from negotiate.negotiation.packages import package_space
    >>> space = package_space(game)
    >>> pivotal_mask(space, "us", "c1").tolist(), pivotal_mask(space, "us", "c2").tolist()
    ([True, True], [False, False])
    """
    game = space.game
    ratified = space.ratifies(party_id)
    rule = game.ratification(party_id)
    if actor_id == party_id:
        if rule is None or rule.executive_veto:
            return ratified.copy()
        return np.zeros(space.shape, dtype=bool)
    constituency = game.actor(actor_id)
    if not isinstance(constituency, Constituency) or constituency.party != party_id:
        return np.zeros(space.shape, dtype=bool)
    if rule is None:
        return np.zeros(space.shape, dtype=bool)
    without = space.approving_weight(party_id) - space.scaled_weight(constituency.weight)
    pivotal: np.ndarray = (
        ratified & space.accepts(actor_id) & (without < space.scaled_weight(rule.quota))
    )
    return pivotal


def pivotal_constituencies(
    space: PackageSpace | NegotiationGame, party_id: str, package: Package
) -> tuple[str, ...]:
    """Who must be won over at home for ``party_id`` to ratify ``package``.

    The executive (named by the party's id) when it has a veto, then every approving constituency
    without whose weight the approving weight would fall below the quota, in file order. Empty
    when ``party_id`` does not ratify ``package``.

    Parameters
    ----------
    space : PackageSpace or NegotiationGame
    party_id : str
    package : tuple of str
        One option per issue, in the game's issue order.

    Returns
    -------
    tuple of str
        Actor ids: possibly ``party_id`` itself, then constituency ids.

    Examples
    --------
    >>> from negotiate import NegotiationGame, Party, Issue, Constituency, Ratification
    >>> game = NegotiationGame(
    ...     id="g", title="G",
    ...     parties=[Party(id="us", values={"a": {"y": 1}}),
    ...              Party(id="mx", values={"a": {"y": 1}})],
    ...     issues=[Issue(id="a", options=["n", "y"])],
    ...     constituencies=[
    ...         Constituency(id="house", party="us", weight=2, values={"a": {"y": 1}}),
    ...         Constituency(id="senate", party="us", weight=1)],
    ...     ratifications=[Ratification(party="us", quota=2)])
    >>> pivotal_constituencies(game, "us", ("y",))
    ('us', 'house')
    """
    if not isinstance(space, PackageSpace):
        space = package_space(space)
    game = space.game
    index = space.index(package)
    if not space.ratifies(party_id)[index]:
        return ()
    rule = game.ratification(party_id)
    out = [party_id] if rule is None or rule.executive_veto else []
    if rule is None:
        return tuple(out)
    quota = space.scaled_weight(rule.quota)
    approving = space.approving_weight(party_id)[index]
    for constituency in game.constituencies_of(party_id):
        weight = space.scaled_weight(constituency.weight)
        if space.accepts(constituency.id)[index] and approving - weight < quota:
            out.append(constituency.id)
    return tuple(out)


# -- the Pareto set ---------------------------------------------------------------------------


def pareto_mask(utilities: np.ndarray) -> np.ndarray:
    """Which rows of ``utilities`` (one per package) no other row Pareto-dominates.

    Row ``q`` dominates row ``p`` if it is at least as good for everyone and better for someone;
    equal rows do not dominate each other (both are kept). Vectorised over rows: meant for the
    integer (or float) utility matrices of the package tensor; the bargaining core's
    ``pareto_indices`` is its counterpart for a handful of exact points.

    >>> pareto_mask(np.array([[1, 3], [2, 2], [1, 2], [2, 2], [0, 3]])).tolist()
    [True, True, False, True, False]
    """
    rows, columns = utilities.shape
    if rows == 0:
        return np.zeros(0, dtype=bool)
    if columns == 0:
        return np.ones(rows, dtype=bool)
    # rank each column (dominance is unchanged), then number the distinct rows
    values, sizes = _ranks(utilities)
    if float(np.prod([float(n) for n in sizes])) < 2.0**62:
        key = np.zeros(rows, dtype=np.int64)
        for column, n in enumerate(sizes):
            key = key * n + values[:, column]
        keys, inverse = np.unique(key, return_inverse=True)  # the rows read back off the keys
        distinct = np.empty((len(keys), columns), dtype=np.int64)
        for column in reversed(range(columns)):
            keys, distinct[:, column] = np.divmod(keys, sizes[column])
    else:
        distinct, inverse = np.unique(values, axis=0, return_inverse=True)
    inverse = np.asarray(inverse).reshape(-1)
    if columns == 1:
        front = np.zeros(len(distinct), dtype=bool)
        front[np.argmax(distinct[:, 0])] = True
    elif columns == 2:
        front = _front_2d(distinct)
    else:
        front = _front_culling(distinct, columns == 3)
    return front[inverse]


def _ranks(utilities: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """Each column as ranks (64-bit integers, order kept) and each column's number of ranks:
    an integer column of small span by its offset from its least value (no sort), any other
    by its distinct values."""
    ranked, sizes = [], []
    for column in utilities.T:
        if column.dtype.kind in "iu":
            low, high = int(column.min()), int(column.max())
            if high - low < 4 * len(column):
                ranked.append(column.astype(np.int64) - low)
                sizes.append(high - low + 1)
                continue
        distinct, inverse = np.unique(column, return_inverse=True)
        ranked.append(inverse.reshape(-1).astype(np.int64))
        sizes.append(len(distinct))
    return np.stack(ranked, axis=1), sizes


def _front_2d(points: np.ndarray) -> np.ndarray:
    order = np.lexsort((-points[:, 1], -points[:, 0]))  # first desc, then second desc
    second = points[order, 1]
    front_sorted = np.ones(len(points), dtype=bool)
    front_sorted[1:] = second[1:] > np.maximum.accumulate(second)[:-1]
    front = np.empty(len(points), dtype=bool)
    front[order] = front_sorted
    return front


def _front_culling(points: np.ndarray, three: bool, passes: int = 24) -> np.ndarray:
    """Cull from the largest sums down (a point with the largest sum among those left is on the
    front); for three parties, switch to divide and conquer after ``passes`` culls."""
    order = np.argsort(-points.sum(axis=1), kind="stable")
    alive = order.copy()
    position = 0
    done = 0
    while position < len(alive):
        if three and done >= passes:
            rest = _front_3d(points[alive[position:]])
            alive = np.concatenate([alive[:position], alive[position:][rest]])
            break
        point = points[alive[position]]
        dominated = np.all(points[alive] <= point, axis=1)
        dominated[position] = False
        if dominated.any():
            kept_before = int(np.count_nonzero(~dominated[:position]))
            alive = alive[~dominated]
            position = kept_before
        position += 1
        done += 1
    front = np.zeros(len(points), dtype=bool)
    front[alive] = True
    return front


def _front_3d(points: np.ndarray) -> np.ndarray:
    """The front of distinct three-dimensional points by divide and conquer.

    In lexicographically decreasing order, a point can only be dominated by an earlier one, and an
    earlier point dominates it iff it is at least as good on the second and third coordinates.
    For blocks of doubling size, every point of a right block looks up the largest third
    coordinate among the left block's points at least as good on the second (sort, segmented
    running maximum, binary search): every earlier point is looked at on exactly one level.
    """
    m = len(points)
    if m == 0:
        return np.zeros(0, dtype=bool)
    order = np.lexsort((-points[:, 2], -points[:, 1], -points[:, 0]))
    ranked = points[order]
    second = np.unique(ranked[:, 1], return_inverse=True)[1].reshape(-1).astype(np.int64)
    third = np.unique(ranked[:, 2], return_inverse=True)[1].reshape(-1).astype(np.int64)
    big = m + 1
    best = np.full(m, -1, dtype=np.int64)  # the best third rank among earlier points
    position = np.arange(m, dtype=np.int64)
    size = 1
    while size < m:
        block = position // (2 * size)
        right = (position // size) % 2 == 1
        left = np.flatnonzero(~right)
        rights = np.flatnonzero(right)
        left_key = block[left] * big + (big - 1 - second[left])
        by_key = np.argsort(left_key, kind="stable")
        left_key = left_key[by_key]
        offset = block[left][by_key] * big
        running = np.maximum.accumulate(third[left][by_key] + offset) - offset
        right_key = block[rights] * big + (big - 1 - second[rights])
        at = np.searchsorted(left_key, right_key, side="right") - 1
        found = at >= 0
        found[found] &= left_key[at[found]] // big == block[rights][found]
        candidate = np.where(found, running[np.maximum(at, 0)], -1)
        best[rights] = np.maximum(best[rights], candidate)
        size *= 2
    front = np.empty(m, dtype=bool)
    front[order] = best < third
    return front
