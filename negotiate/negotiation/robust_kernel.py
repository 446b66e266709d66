"""The vectorised kernel of robustness: every claim's statistic on a batch of variants at once.

A variant changes some numbers of the game by ``deltas`` (one row per variant, one column per
uncertain number). Utilities are updated, not rebuilt: the part-worths moved shift one actor's
utility by an outer sum over the issues they belong to (one pass over the packages per actor),
an interaction value adds ``delta * mask``; weights, quotas, reservations and powers shift
their own vectors. Win-sets, the agreement set, the Nash package, the separate deals
and the gains from linkage are then masks and reductions over ``(variants, packages)`` arrays, in
floats, with ties within ``1e-9`` counted as acceptance (as the exact solvers do at equality).

>>> from negotiate.model import NegotiationGame, Party, Issue
>>> from negotiate.negotiation.conclusions import headline_claims
>>> game = NegotiationGame(
...     id="g", title="G",
...     parties=[Party(id="us", values={"a": {"y": 2}}), Party(id="mx", values={"a": {"y": -1}})],
...     issues=[Issue(id="a", options=["n", "y"])],
... )
>>> kernel = Kernel(game, ["values.mx.a.y"], headline_claims(game)[:1])
>>> kernel.statistics(np.array([[0.0], [0.5], [1.0], [1.5]])).tolist()
[[0], [0], [1], [1]]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from negotiate.model.negotiation import NegotiationGame
from negotiate.model.paths import interaction_index, parse_path
from negotiate.negotiation.conclusions import Claim
from negotiate.negotiation.packages import package_space
from negotiate.negotiation.two_level import pareto_mask

__all__ = ["EPSILON", "Kernel"]

EPSILON = 1e-9
"""Float slack: a utility within this of a reservation, a weight within this of a quota, is
accepted; gains within it of 0 have sign 0."""

_CELLS = 1 << 22
"""How many (variant, package, actor) cells one sub-batch may hold (about 32 MB of floats)."""


class Kernel:
    """Statistics of ``claims`` over variants of ``game`` in which the numbers at ``paths`` move.

    Build it once per game; call :meth:`statistics` with a ``(variants, len(paths))`` array of
    changes from the baseline values.
    """

    def __init__(self, game: NegotiationGame, paths: Sequence[str], claims: Sequence[Claim]):
        self.game = game
        self.paths = tuple(paths)
        self.claims = tuple(claims)
        space = package_space(game)
        self.shape = space.shape
        self.size = space.size
        self.exact = space.exact
        self.sq = int(np.ravel_multi_index(space.status_quo_index, space.shape))
        actors = game.actor_ids
        self.actors = actors
        self.parties = game.party_ids
        scale = float(space.scale)
        self.base = np.stack([space.values[a].astype(np.float64).ravel() / scale for a in actors])
        self.fixed_reservation = [
            getattr(game.actor(a), "reservation", None) is not None for a in actors
        ]
        self.reservation = np.array(
            [float(space.reservations[a]) / scale for a in actors], dtype=np.float64
        )
        self.weights = np.array([float(c.weight) for c in game.constituencies])
        self.members = {
            p: [actors.index(c.id) for c in game.constituencies_of(p)] for p in self.parties
        }
        self.rules = {r.party: r for r in game.ratifications}
        self.quota = {r.party: float(r.quota) for r in game.ratifications}
        self.powers = np.array([float(p.power) for p in game.parties])
        self.effects = [self._effect(space, path) for path in self.paths]
        self.regions = [space.alone(axis) for axis in range(len(self.shape))]
        self.strides = np.array(
            [int(np.prod(self.shape[axis + 1 :])) for axis in range(len(self.shape))]
        )

    # -- what each number changes ------------------------------------------------------------

    def _effect(self, space: Any, path: str) -> tuple[str, int, Any]:
        parts = parse_path(self.game, path)
        table, owner = parts[0], parts[1]
        if table == "values":  # one option of one issue: a cell of the actor's part-worths
            axis = self.game.issue_ids.index(parts[2])
            option = self.game.issues[axis].options.index(parts[3])
            return "part", self.actors.index(owner), (axis, option)
        if table == "interaction":
            interaction = self.game.interactions[interaction_index(self.game, owner)]
            mask = space.matches(interaction.when).ravel().astype(np.float64)
            return "utility", self.actors.index(interaction.actor), mask
        if table == "constituency":
            return "weight", [c.id for c in self.game.constituencies].index(owner), None
        if table == "ratification":
            return "quota", self.parties.index(owner), None
        field = parts[2]
        return field, self.parties.index(owner), None

    # -- evaluation ------------------------------------------------------------------------------

    def batch_size(self) -> int:
        """How many variants one sub-batch evaluates."""
        return max(1, _CELLS // (self.size * (len(self.actors) + 4)))

    def statistics(self, deltas: np.ndarray) -> np.ndarray:
        """``(variants, claims)`` statistics for ``(variants, numbers)`` changes."""
        deltas = np.asarray(deltas, dtype=np.float64).reshape(-1, len(self.paths))
        step = self.batch_size()
        parts = [self._batch(deltas[k : k + step]) for k in range(0, len(deltas), step)]
        if not parts:
            return np.zeros((0, len(self.claims)), dtype=np.int64)
        return np.concatenate(parts)

    def _state(self, deltas: np.ndarray) -> dict[str, Any]:
        count = len(deltas)
        utilities = np.broadcast_to(self.base, (count, *self.base.shape)).copy()
        reservation = np.broadcast_to(self.reservation, (count, len(self.actors))).copy()
        weights = np.broadcast_to(self.weights, (count, len(self.weights))).copy()
        quota = {p: np.full(count, q) for p, q in self.quota.items()}
        powers = np.broadcast_to(self.powers, (count, len(self.parties))).copy()
        parts: dict[int, dict[int, np.ndarray]] = {}  # actor -> issue axis -> option shifts
        for k, (kind, target, detail) in enumerate(self.effects):
            column = deltas[:, k]
            if kind == "part":
                axis, option = detail
                shifts = parts.setdefault(target, {})
                if axis not in shifts:
                    shifts[axis] = np.zeros((count, self.shape[axis]))
                shifts[axis][:, option] += column
            elif kind == "utility":
                assert detail is not None
                utilities[:, target, :] += column[:, None] * detail
            elif kind == "weight":
                weights[:, target] += column
            elif kind == "quota":
                quota[self.parties[target]] = quota[self.parties[target]] + column
            elif kind == "reservation":
                reservation[:, target] += column
            elif kind == "power":
                powers[:, target] += column
        tensor = utilities.reshape(count, len(self.actors), *self.shape)  # a view
        for a, shifts in parts.items():  # an outer sum over the moved issues only, added once
            total = np.zeros((count,) + (1,) * len(self.shape))
            for axis, shift in shifts.items():
                view = [count] + [1] * len(self.shape)
                view[axis + 1] = self.shape[axis]
                total = total + shift.reshape(view)
            tensor[:, a] += total
        for a in range(len(self.actors)):
            if not self.fixed_reservation[a]:
                reservation[:, a] = utilities[:, a, self.sq]
        return {
            "utilities": utilities,
            "reservation": reservation,
            "weights": weights,
            "quota": quota,
            "powers": powers,
        }

    def _agreement(self, state: dict[str, Any]) -> np.ndarray:
        utilities, reservation = state["utilities"], state["reservation"]
        accepts = utilities >= reservation[:, :, None] - EPSILON
        agreement = np.ones((len(utilities), self.size), dtype=bool)
        offset = len(self.parties)
        for p, party in enumerate(self.parties):
            rule = self.rules.get(party)
            if rule is None:
                agreement &= accepts[:, p]
                continue
            weight = np.zeros((len(utilities), self.size))
            for member in self.members[party]:
                weight += state["weights"][:, member - offset, None] * accepts[:, member]
            enough = weight >= state["quota"][party][:, None] - EPSILON
            agreement &= (enough & accepts[:, p]) if rule.executive_veto else enough
        agreement[:, self.sq] = False
        return agreement

    def _batch(self, deltas: np.ndarray) -> np.ndarray:
        state = self._state(deltas)
        agreement = self._agreement(state)
        parties = slice(0, len(self.parties))
        gains = state["utilities"][:, parties] - state["reservation"][:, parties, None]
        rational = agreement & np.all(gains >= -EPSILON, axis=1)
        every = np.arange(self.size)
        link = _nash_first(gains, rational, state["powers"], every)
        linked = np.where(link >= 0, link, self.sq)
        cache: dict[str, Any] = {}
        columns = [
            self._claim(claim, state, agreement, rational, gains, link, linked, cache)
            for claim in self.claims
        ]
        return np.stack(columns, axis=1) if columns else np.zeros((len(deltas), 0), np.int64)

    def _separate(
        self, agreement: np.ndarray, rational: np.ndarray, gains: np.ndarray, powers: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        count = len(agreement)
        feasible = np.zeros((count, len(self.shape)), dtype=bool)
        flat = np.full(count, self.sq, dtype=np.int64)
        for axis, region in enumerate(self.regions):
            feasible[:, axis] = agreement[:, region].any(axis=1)
            first = _nash_first(gains[:, :, region], rational[:, region], powers, region)
            sq_option = np.unravel_index(self.sq, self.shape)[axis]
            option = np.where(
                first >= 0,
                (np.maximum(first, 0) // self.strides[axis]) % self.shape[axis],
                sq_option,
            )
            flat += (option - sq_option) * self.strides[axis]
        return feasible, flat

    def _claim(
        self,
        claim: Claim,
        state: dict[str, Any],
        agreement: np.ndarray,
        rational: np.ndarray,
        gains: np.ndarray,
        link: np.ndarray,
        linked: np.ndarray,
        cache: dict[str, Any],
    ) -> np.ndarray:
        rows = np.arange(len(agreement))
        if claim.kind == "agreement":
            return np.asarray(agreement.any(axis=1), dtype=np.int64)
        if claim.kind == "nash":
            return np.asarray(
                _is_nash(gains, rational, state["powers"], claim.package), dtype=np.int64
            )
        if claim.kind == "nash_issue":
            return np.asarray(
                ((linked // self.strides[claim.axis]) % self.shape[claim.axis]), dtype=np.int64
            )
        if claim.kind in ("gain", "separate"):
            if "separate" not in cache:
                cache["separate"] = self._separate(agreement, rational, gains, state["powers"])
            feasible, flat = cache["separate"]
            if claim.kind == "separate":
                return np.asarray(feasible[:, claim.axis], dtype=np.int64)
            values = state["utilities"][:, self.actors.index(claim.party)]
            gain = values[rows, linked] - values[rows, flat]
            return np.asarray((np.sign(gain) * (np.abs(gain) > EPSILON)), dtype=np.int64)
        if claim.solution == "nash":
            return np.asarray(((link >= 0) & claim.pattern[np.maximum(link, 0)]), dtype=np.int64)
        if claim.solution == "linked":
            return np.asarray(claim.pattern[linked], dtype=np.int64)
        first = _other_solution(claim.solution, gains, rational, state["utilities"])
        return np.asarray(((first >= 0) & claim.pattern[np.maximum(first, 0)]), dtype=np.int64)


def _log_score(gains: np.ndarray, powers: np.ndarray) -> np.ndarray:
    positive = np.all(gains > EPSILON, axis=1)
    logs = np.log(np.where(gains > EPSILON, gains, 1.0))
    score = np.einsum("spk,sp->sk", logs, powers)
    return np.where(positive, score, -np.inf)


def _best(score: np.ndarray, candidates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    masked = np.where(candidates, score, -np.inf)
    top = masked.max(axis=1, initial=-np.inf)
    tolerance = 1e-9 * (1 + np.abs(np.where(np.isfinite(top), top, 0)))
    best = candidates & (masked >= (top - tolerance)[:, None]) & np.isfinite(top)[:, None]
    return best, top


def _efficient(gains: np.ndarray, members: np.ndarray) -> np.ndarray:
    """A mask of the Pareto-efficient packages among one variant's ``members``."""
    out = np.zeros(len(members), dtype=bool)
    rows = np.flatnonzero(members)
    if len(rows):
        out[rows] = pareto_mask(gains[:, rows].T)
    return out


def _nash_first(
    gains: np.ndarray,
    rational: np.ndarray,
    powers: np.ndarray,
    columns: np.ndarray,
) -> np.ndarray:
    """The flat index (from ``columns``) of each variant's first Nash package, or -1."""
    best, top = _best(_log_score(gains, powers), rational)
    first = np.where(best.any(axis=1), np.argmax(best, axis=1), -1)
    zero = np.flatnonzero(~np.isfinite(top) & rational.any(axis=1))
    for s in zero:  # every product is 0: the first efficient, rational agreement
        efficient = _efficient(gains[s], rational[s])
        first[s] = int(np.argmax(efficient)) if efficient.any() else -1
    return np.where(first >= 0, columns[np.maximum(first, 0)], -1)


def _is_nash(
    gains: np.ndarray, rational: np.ndarray, powers: np.ndarray, package: int
) -> np.ndarray:
    best, top = _best(_log_score(gains, powers), rational)
    out = best[:, package].copy()
    zero = np.flatnonzero(~np.isfinite(top) & rational[:, package])
    for s in zero:
        out[s] = bool(_efficient(gains[s], rational[s])[package])
    return out


def _other_solution(
    solution: str, gains: np.ndarray, rational: np.ndarray, utilities: np.ndarray
) -> np.ndarray:
    """The first package of the utilitarian, egalitarian or Kalai-Smorodinsky solution, or -1."""
    if solution == "utilitarian":
        score = utilities[:, : gains.shape[1]].sum(axis=1)
    elif solution == "egalitarian":
        score = gains.min(axis=1)
    else:
        spans = np.where(rational[:, None, :], gains, -np.inf).max(axis=2)
        active = spans > EPSILON
        ratios = gains / np.where(active, spans, 1.0)[:, :, None]
        score = np.where(active[:, :, None], ratios, np.inf).min(axis=1)
        score = np.where(np.isfinite(score), score, 0.0)
    best, _ = _best(score, rational)
    first = np.where(best.any(axis=1), np.argmax(best, axis=1), -1)
    for s in np.flatnonzero(best.sum(axis=1) > 1):  # ties: the first efficient one
        first[s] = int(np.argmax(_efficient(gains[s], best[s])))
    return first
