"""The baseline the nearest flip reads (:mod:`negotiate.negotiation.flips`): the executives'
gains at the Nash package and where every executive gains, their Nash products there, and each
executive's lines ``x_k(t) = (g_k + t s_k) q_k ** (1 / w)`` on the packages that may overtake
the Nash package; acceptance and approving weights read only where a question needs them.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import attrs
import numpy as np

from negotiate.exact.numbers import Number, is_exact
from negotiate.negotiation.packages import PackageSpace

__all__ = [
    "LOG_BOUND",
    "TOLERANCE",
    "At",
    "Baseline",
    "Lines",
    "Slope",
    "ahead",
    "bounded",
    "weighted",
]

TOLERANCE = 1e-12
"""How far behind (relative to the Nash package's gain) a crossing still counts as ahead."""


class At:
    """Flat package indices and, cached, their option position on each issue."""

    def __init__(self, space: PackageSpace, indices: np.ndarray) -> None:
        self.indices = indices
        self._space = space
        self._options: dict[int, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.indices)

    @functools.cached_property
    def _narrow(self) -> np.ndarray:
        """The indices in the narrowest unsigned type that holds them (divisions are faster)."""
        return self.indices.astype(np.min_scalar_type(max(self._space.size - 1, 0)))

    def option(self, axis: int) -> np.ndarray:
        """The option position on issue ``axis`` of each package, in the narrowest type."""
        if axis not in self._options:
            shape = self._space.shape
            stride = math.prod(shape[axis + 1 :])
            position = (self._narrow // stride) % shape[axis]
            self._options[axis] = position.astype(np.min_scalar_type(shape[axis] - 1))
        return self._options[axis]


@attrs.frozen
class Slope:
    """How one actor's gain moves per unit change of a number: ``covered - offset`` on each
    package (``covered``: the package meets ``when``, option positions by issue axis; ``None``
    covers nothing), a constant slope when ``when`` is ``None``."""

    when: tuple[tuple[int, tuple[int, ...]], ...] | None
    offset: int

    def at(self, where: At) -> np.ndarray:
        covered = np.zeros(len(where), bool) if self.when is None else np.ones(len(where), bool)
        for axis, positions in self.when or ():
            option = where.option(axis)
            covered &= option == positions[0] if len(positions) == 1 else np.isin(option, positions)
        return covered.astype(np.int64) - self.offset

    def of(self, space: PackageSpace, k: int) -> int:
        """The slope at the one package of flat index ``k``."""
        covered = self.when is not None and all(
            k // math.prod(space.shape[a + 1 :]) % space.shape[a] in p for a, p in self.when
        )
        return int(covered) - self.offset


class Baseline:
    """The baseline: the executives' gains, their Nash products where all gain, and, read at
    the few packages each question needs, acceptance and approving weights."""

    def __init__(self, space: PackageSpace, nash: int) -> None:
        game = space.game
        self.space, self.game, self.nash = space, game, nash
        self.size = space.size
        self.sq = int(np.ravel_multi_index(space.status_quo_index, space.shape))
        self.exact = space.exact and is_exact(*(p.power for p in game.parties))
        self.values = {a: space.values[a].ravel() for a in game.actor_ids}
        self.accepts = {a: space.accepts(a).ravel() for a in game.actor_ids}
        self.weight = {r.party: space.approving_weight(r.party).ravel() for r in game.ratifications}
        self.parties = game.party_ids
        self.powers = {p.id: p.power for p in game.parties}
        self.weights = np.array([float(self.powers[p]) for p in self.parties])
        self.gaining = {p: np.asarray(self.values[p] > space.reservations[p]) for p in self.parties}
        # log gains and Nash products only where every executive gains (a few in ten packages
        # of a large space): the only packages whose products are compared
        self.inside = np.flatnonzero(np.logical_and.reduce(list(self.gaining.values())))
        self.inside_logs = self.log_gains(self.inside)
        self.score = weighted(self.weights, self.inside_logs)
        self.star = int(np.searchsorted(self.inside, nash))
        self.top = float(self.score[self.star])
        self.better_inside = self._better()
        self.better = At(space, self.inside[self.better_inside])
        self.limit = np.inf
        """A bound on the scaled changes sought: lines that cannot cross within it are left out
        (:func:`nearest_flip` sets it once another number's flip is known)."""
        self._lines: dict[str, Lines] = {}
        self._entering: dict[str, tuple[np.ndarray, At]] = {}
        self._others: dict[str, np.ndarray] = {}
        self._needs: dict[str, bool] = {}

    def log_gains(self, at: np.ndarray, parties: Sequence[str] | None = None) -> np.ndarray:
        """One row per executive (of ``parties``, default all): its log gain at the packages
        ``at``, 0 where it does not gain."""
        rows = np.empty((len(self.parties if parties is None else parties), len(at)))
        for row, p in zip(rows, self.parties if parties is None else parties, strict=True):
            row[:] = self.gain(p, at)
            row[row <= 0] = 1.0
            np.log(row, out=row)
        return rows

    def gain(self, actor: str, k: Any) -> Any:
        """``actor``'s scaled gain over its reservation at package(s) ``k``."""
        return self.values[actor][k] - self.space.reservations[actor]

    def _key(self, k: int) -> Any:
        common = math.lcm(1, *(Fraction(w).denominator for w in self.powers.values()))
        return math.prod(
            int(self.gain(p, k)) ** int(Fraction(self.powers[p]) * common) for p in self.parties
        )

    def _better(self) -> np.ndarray:
        """Of the packages where every executive gains: those of larger product than the Nash
        package's."""
        tolerance = 1e-9 * (1 + abs(self.top))
        better = self.score > self.top + tolerance
        near = np.flatnonzero(np.abs(self.score - self.top) <= tolerance)
        if self.exact and len(near) > 1:
            key = self._key(self.nash)
            for j in near:
                better[j] = self._key(int(self.inside[j])) > key
        return np.asarray(better)

    def ratified(self, party: str, at: np.ndarray, forced: dict[str, bool]) -> np.ndarray:
        """Whether ``party`` ratifies the packages ``at`` when the actors of ``forced`` accept
        (or refuse) everything."""
        rule = self.game.ratification(party)
        executive = np.full(len(at), forced[party]) if party in forced else self.accepts[party][at]
        if rule is None:
            return executive
        weight = self.weight[party][at]
        for c in self.game.constituencies_of(party):
            if c.id in forced:
                scaled = self.space.scaled_weight(c.weight)
                weight = weight + scaled * (
                    int(forced[c.id]) - self.accepts[c.id][at].astype(np.int64)
                )
        enough = weight >= self.space.scaled_weight(rule.quota)
        return np.asarray((enough & executive) if rule.executive_veto else enough)

    def agreement(self, at: np.ndarray, forced: dict[str, bool], skip: str = "") -> np.ndarray:
        """Whether the packages ``at`` are agreements with these acceptances (``skip``: leave
        that party out)."""
        mask = np.asarray(at != self.sq)
        for party in self.parties:
            if party != skip:
                mask &= self.ratified(party, at, forced)
        return mask

    def lines(self, party: str) -> Lines:
        """The executive's lines on the packages that may overtake the Nash package."""
        if party not in self._lines:
            self._lines[party] = Lines(self, party)
        return self._lines[party]

    def entering(self, actor: str) -> tuple[np.ndarray, At]:
        """The better packages a constituency's acceptance would make agreements, and its
        gains there."""
        if actor not in self._entering:
            at = self.better.indices
            enter = self.agreement(at, {actor: True}) & ~self.accepts[actor][at]
            where = At(self.space, at[enter])
            self._entering[actor] = (self.gain(actor, where.indices), where)
        return self._entering[actor]

    def needs(self, actor: str) -> bool:
        """Whether the Nash package stops being an agreement when ``actor`` refuses it."""
        if actor not in self._needs:
            self._needs[actor] = not self.agreement(np.array([self.nash]), {actor: False})[0]
        return self._needs[actor]

    def others(self, party: str) -> np.ndarray:
        """At the better packages: ratified by every party but ``party``."""
        if party not in self._others:
            self._others[party] = self.agreement(self.better.indices, {}, skip=party)
        return self._others[party]

    def to_change(self, scaled: Any, weight: bool = False) -> Number:
        scale = self.space.weight_scale if weight else self.space.scale
        exact = self.space.weight_scale is not None if weight else self.space.exact
        if exact and not isinstance(scaled, float | np.floating):
            # a numpy integer as a Python one: narrow arrays' scalars would overflow
            exact_value = int(scaled) if isinstance(scaled, np.integer) else Fraction(scaled)
            return Fraction(exact_value) / (scale or 1)
        return float(scaled) / (scale or 1)


class Lines:
    """``x_k(t) = (g_k + t s_k) q_k ** (1/w)`` relative to the Nash package's ``q``, for an
    executive's candidates: packages other than the Nash package where the other executives
    gain and which are agreements once this one accepts."""

    def __init__(self, base: Baseline, party: str) -> None:
        others = [p for p in base.parties if p != party]
        space = base.space
        # every other party ratifies, and this one would once its executive accepts: the weight
        # at home reaches its quota (all a rule asks of it then)
        candidate = np.ones(base.size, dtype=bool)
        for p in others:
            candidate &= base.gaining[p] & space.ratifies(p).ravel()
        rule = base.game.ratification(party)
        if rule is not None:
            candidate &= base.weight[party] >= space.scaled_weight(rule.quota)
        candidate[[base.sq, base.nash]] = False
        at = np.flatnonzero(candidate)
        rows = [base.parties.index(p) for p in others]
        weights = base.weights[rows]
        w = float(base.powers[party])
        star = base.nash
        log_q = weighted(weights, base.log_gains(at, others)) if others else np.zeros(len(at))
        log_q_star = float(weighted(weights, base.inside_logs[rows, base.star])) if others else 0.0
        # q_k ** (1/w) relative to the Nash package's; beyond float range (extreme powers) a
        # line is dropped as a candidate rather than overflowing
        rate = np.exp(bounded((log_q - log_q_star) / w))
        with np.errstate(over="ignore", invalid="ignore"):
            alpha = base.gain(party, at).astype(np.float64) * rate
        self.alpha_star = float(base.gain(party, star))
        kept = np.isfinite(alpha)
        if base.limit < np.inf:  # slopes are -1, 0 or 1: no line crosses nearer than this
            with np.errstate(invalid="ignore"):
                slack = base.limit * (1 + 1e-6) + 1e-9 * (1 + abs(self.alpha_star))
                kept &= np.abs(self.alpha_star - alpha) <= (rate + 1) * slack
        self.where = At(base.space, at[kept])
        self.rate, self.alpha = rate[kept], alpha[kept]

    # the two below do the general case's arithmetic (``beta - s_star`` with ``beta`` the slope
    # times the rate), so that shared and per-number changes agree to the last bit

    @functools.cached_property
    def against_level(self) -> tuple[np.ndarray, np.ndarray]:
        """Every line of slope 1 against the Nash package's of slope 0: ``t`` and validity."""
        with np.errstate(over="ignore", invalid="ignore"):
            t = (self.alpha_star - self.alpha) / (self.rate - 0)
        return t, ahead(self, t, 1.0, 0)

    @functools.cached_property
    def against_rising(self) -> tuple[np.ndarray, ...]:
        """Against the Nash package's line of slope 1: every line of slope 1 (``t``, direction,
        validity) and of slope 0 (``t``, validity)."""
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # rate 1: not rising
            t_in = (self.alpha_star - self.alpha) / (self.rate - 1)
            t_out = (self.alpha_star - self.alpha) / (0.0 - 1)
        direction_in = np.sign(self.rate - 1)
        ok_in = (self.rate != 1) & ahead(self, t_in, direction_in, 1)
        return t_in, direction_in, ok_in, t_out, ahead(self, t_out, -1.0, 1)


LOG_BOUND = 700.0
"""Exponents of e kept within float range (e ** 700 is about 1e304)."""


def bounded(exponent: Any) -> Any:
    """``exponent`` clipped to ``[-700, 700]`` (a float or an array)."""
    return np.clip(exponent, -LOG_BOUND, LOG_BOUND)


def weighted(weights: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """``sum_j weights[j] * rows[j]``, summed in row order (as the Nash products are; a matrix
    product would wake the BLAS threads for three rows)."""
    total = np.zeros(rows.shape[1:])
    for weight, row in zip(weights, rows, strict=True):
        total += weight * row
    return total


def ahead(lines: Lines, t: np.ndarray, direction: Any, s_star: int) -> np.ndarray:
    """Crossings at a finite change, in the direction the line rises (within a tolerance),
    before the Nash package's own gain reaches 0."""
    with np.errstate(over="ignore", invalid="ignore"):
        forward = t * direction >= -TOLERANCE * (1 + abs(lines.alpha_star))
        return np.asarray(forward & (lines.alpha_star + s_star * t > 0) & np.isfinite(t))
