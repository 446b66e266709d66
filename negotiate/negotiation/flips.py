"""The nearest flip of the Nash package: over every number written in a negotiation's file, the
smallest one-at-a-time change after which the (first) Nash package is no longer one.

Nothing is re-solved. A part-worth or interaction value moves one actor's utility linearly on the
packages its option (or pattern) covers, so the changes where a package enters or leaves the
agreement set are ratios of the baseline gains; for an executive, ``(g_k + t s_k) * q_k ** (1 / w)``
is linear in ``t`` (``q_k`` the product of the other executives' gains to their powers), so the
change where another package's Nash product overtakes the Nash package's is where two lines
cross. Weights and quotas move approving weights; a power moves log-products linearly. Only
packages that can overtake the Nash package are examined (those with a larger product that may
enter the agreement set, or those whose line rises faster), and only there are acceptance and
ratification read: at 10^6 packages each number costs a pass over an executive's candidates,
not over the package space.

>>> from negotiate.model import NegotiationGame, Party, Issue
>>> from negotiate.negotiation.two_level import agreement_set
>>> from negotiate.negotiation.solutions import nash_packages
>>> game = NegotiationGame(
...     id="g", title="G",
...     parties=[Party(id="us", values={"a": {"y": 2, "z": 3}}),
...              Party(id="mx", values={"a": {"y": 2, "z": "1/2"}})],
...     issues=[Issue(id="a", options=["n", "y", "z"])],
... )
>>> agreement = agreement_set(game)
>>> flip = nearest_flip(agreement, nash_packages(agreement))
>>> flip.path, round(flip.margin, 4), flip.exact
('party.mx.power', -0.7075, False)
>>> str(flips(agreement, nash_packages(agreement))["values.mx.a.z"].margin)
'5/6'
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import attrs
import numpy as np

from negotiate.exact.numbers import Number, is_exact, rational_root
from negotiate.model.negotiation import NegotiationGame
from negotiate.model.paths import interaction_index, number_paths, parse_path
from negotiate.negotiation.packages import PackageSpace
from negotiate.negotiation.solutions import PackageOutcome
from negotiate.negotiation.two_level import AgreementSet

__all__ = ["Flip", "flips", "nearest_flip"]

_TOLERANCE = 1e-12


@attrs.frozen
class Flip:
    """The number at ``path`` whose change by ``margin`` (signed; the Nash package stays at any
    smaller change, and changes at it or just past it) moves the Nash package; ``exact``: a
    rational threshold, else a float; ``direction``: 1 for an increase, -1 for a decrease (the
    sign of ``margin``, and the only word of it when ``margin`` is 0)."""

    path: str
    margin: Number
    exact: bool = True
    direction: int = 0


# -- the baseline, read where each question needs it ----------------------------------------


class _At:
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
class _Slope:
    """How one actor's gain moves per unit change of a number: ``covered - offset`` on each
    package (``covered``: the package meets ``when``, option positions by issue axis; ``None``
    covers nothing), a constant slope when ``when`` is ``None``."""

    when: tuple[tuple[int, tuple[int, ...]], ...] | None
    offset: int

    def at(self, where: _At) -> np.ndarray:
        covered = np.zeros(len(where), bool) if self.when is None else np.ones(len(where), bool)
        for axis, positions in self.when or ():
            option = where.option(axis)
            covered &= option == positions[0] if len(positions) == 1 else np.isin(option, positions)
        return covered.astype(np.int64) - self.offset

    def of(self, space: PackageSpace, k: int) -> int:
        """The slope at the one package of flat index ``k``."""
        place = np.unravel_index(k, space.shape)
        covered = self.when is not None and all(int(place[a]) in p for a, p in self.when)
        return int(covered) - self.offset


class _Base:
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
        self.score = self.weights @ self.inside_logs
        self.star = int(np.searchsorted(self.inside, nash))
        self.top = float(self.score[self.star])
        self.better_inside = self._better()
        self.better = _At(space, self.inside[self.better_inside])
        self._lines: dict[str, _Lines] = {}
        self._entering: dict[str, tuple[np.ndarray, _At]] = {}
        self._others: dict[str, np.ndarray] = {}

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

    def lines(self, party: str) -> _Lines:
        """The executive's lines on the packages that may overtake the Nash package."""
        if party not in self._lines:
            self._lines[party] = _Lines(self, party)
        return self._lines[party]

    def entering(self, actor: str) -> tuple[np.ndarray, _At]:
        """The better packages a constituency's acceptance would make agreements, and its
        gains there."""
        if actor not in self._entering:
            at = self.better.indices
            enter = self.agreement(at, {actor: True}) & ~self.accepts[actor][at]
            where = _At(self.space, at[enter])
            self._entering[actor] = (self.gain(actor, where.indices), where)
        return self._entering[actor]

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


class _Lines:
    """``x_k(t) = (g_k + t s_k) q_k ** (1/w)`` relative to the Nash package's ``q``, for an
    executive's candidates: packages other than the Nash package where the other executives
    gain and which are agreements once this one accepts."""

    def __init__(self, base: _Base, party: str) -> None:
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
        log_q = weights @ base.log_gains(at, others) if others else np.zeros(len(at))
        log_q_star = float(weights @ base.inside_logs[rows, base.star]) if others else 0.0
        # q_k ** (1/w) relative to the Nash package's; beyond float range (extreme powers) a
        # line is dropped as a candidate rather than overflowing
        rate = np.exp(_bounded((log_q - log_q_star) / w))
        with np.errstate(over="ignore", invalid="ignore"):
            alpha = base.gain(party, at).astype(np.float64) * rate
        finite = np.isfinite(alpha)
        self.where = _At(base.space, at[finite])
        self.rate, self.alpha = rate[finite], alpha[finite]
        self.alpha_star = float(base.gain(party, star))

    # the two below do the general case's arithmetic (``beta - s_star`` with ``beta`` the slope
    # times the rate), so that shared and per-number changes agree to the last bit

    @functools.cached_property
    def against_level(self) -> tuple[np.ndarray, np.ndarray]:
        """Every line of slope 1 against the Nash package's of slope 0: ``t`` and validity."""
        with np.errstate(over="ignore", invalid="ignore"):
            t = (self.alpha_star - self.alpha) / (self.rate - 0)
        return t, _valid(self, t, 1.0, 0)

    @functools.cached_property
    def against_rising(self) -> tuple[np.ndarray, ...]:
        """Against the Nash package's line of slope 1: every line of slope 1 (``t``, direction,
        validity) and of slope 0 (``t``, validity)."""
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # rate 1: not rising
            t_in = (self.alpha_star - self.alpha) / (self.rate - 1)
            t_out = (self.alpha_star - self.alpha) / (0.0 - 1)
        direction_in = np.sign(self.rate - 1)
        ok_in = (self.rate != 1) & _valid(self, t_in, direction_in, 1)
        return t_in, direction_in, ok_in, t_out, _valid(self, t_out, -1.0, 1)


# -- candidate changes per kind of number --------------------------------------------------------


@attrs.frozen
class _Change:
    value: Number
    direction: int = 0  # the sign of the change that flips, needed when ``value`` is 0

    @property
    def sign(self) -> int:
        return int(np.sign(float(self.value))) if self.value else self.direction

    @property
    def exact(self) -> bool:
        return not isinstance(self.value, float)


def _smallest(changes: list[_Change]) -> _Change | None:
    return min(changes, key=lambda c: abs(float(c.value)), default=None)


def _slope(base: _Base, actor: str, when: Mapping[str, Sequence[str]]) -> _Slope:
    """The slope of ``actor``'s gain in a number that adds to packages meeting ``when``."""
    game, space = base.game, base.space
    covered = tuple(
        (
            game.issue_ids.index(issue),
            tuple(k for k, o in enumerate(game.issue(issue).options) if o in options),
        )
        for issue, options in when.items()
    )
    fixed = getattr(game.actor(actor), "reservation", None) is not None
    slope = _Slope(covered, 0)
    return _Slope(covered, 0 if fixed else slope.of(space, base.sq))


def _constituency_changes(base: _Base, actor: str, slope: _Slope) -> list[_Change]:
    """The Nash package leaves when the actor stops accepting it (and that loses ratification);
    a better package enters when the actor starts accepting it (and that wins ratification)."""
    star = base.nash
    s_star = slope.of(base.space, star)
    out = []
    if (
        base.accepts[actor][star]
        and s_star
        and not base.agreement(np.array([star]), {actor: False})[0]
    ):
        out.append(_Change(base.to_change(-s_star * base.gain(actor, star)), -s_star))
    gains, where = base.entering(actor)
    if len(where):
        slopes = slope.at(where)
        moving = np.flatnonzero(slopes != 0)
        if len(moving):
            j = moving[np.argmin(np.abs(gains[moving].astype(np.float64)))]
            out.append(_Change(base.to_change(-slopes[j] * gains[j])))
    return out


def _exact_ratio(base: _Base, party: str, k: int) -> Fraction | None:
    """``(q_k / q_*) ** (1 / w)`` exactly, when it is rational."""
    star, w = base.nash, Fraction(base.powers[party])
    exponents = {p: Fraction(base.powers[p]) / w for p in base.parties if p != party}
    common = math.lcm(1, *(e.denominator for e in exponents.values()))
    power = Fraction(1)
    for p, e in exponents.items():
        power *= Fraction(int(base.gain(p, k)), int(base.gain(p, star))) ** int(e * common)
    return rational_root(power, common)


def _crossing(base: _Base, party: str, slopes: tuple[int, int], k: int, direction: int) -> _Change:
    """The exact crossing of package ``k``'s line with the Nash package's, where rational
    (``slopes``: at ``k`` and at the Nash package)."""
    star = base.nash
    ratio = _exact_ratio(base, party, k) if base.exact else None
    g_k, g_star = base.gain(party, k), base.gain(party, star)
    s_k, s_star = slopes
    if ratio is None:
        others = [p for p in base.parties if p != party]
        w = float(base.powers[party])
        logs = base.log_gains(np.array([k, star]))
        log_q = sum(float(base.powers[p]) * logs[base.parties.index(p)] for p in others)
        rho = math.exp(_bounded((float(log_q[0]) - float(log_q[1])) / w)) if others else 1.0
        t = (float(g_star) - float(g_k) * rho) / (s_k * rho - s_star)
        return _Change(float(base.to_change(t)), direction)
    t_exact = (int(g_star) - int(g_k) * ratio) / (s_k * ratio - s_star)
    return _Change(base.to_change(t_exact), direction)


_LOG_BOUND = 700.0
"""Exponents of e kept within float range (e ** 700 is about 1e304)."""


def _bounded(exponent: Any) -> Any:
    """``exponent`` clipped to ``[-700, 700]`` (a float or an array)."""
    return np.clip(exponent, -_LOG_BOUND, _LOG_BOUND)


def _executive_changes(base: _Base, party: str, slope: _Slope) -> list[_Change]:
    """Lines ``x_k(t) = (g_k + t s_k) q_k ** (1/w)``: the first crossing of the Nash package's
    line by another package's that may enter, or the Nash package's own gain reaching 0."""
    star, lines = base.nash, base.lines(party)
    s_star = slope.of(base.space, star)
    out = []
    if s_star:
        out.append(_Change(base.to_change(-base.gain(party, star) * s_star)))
    rising, t, direction, slopes = _rising(lines, slope, s_star)
    if not len(rising):
        return out
    ks = lines.where.indices[rising]
    near = np.flatnonzero(np.abs(t) <= np.abs(t).min() * (1 + 1e-9) + 1e-12)
    # packages with the same gains and slope cross at the same change: one of each
    rows = np.stack([*(base.gain(p, ks[near]) for p in base.parties), slopes[near]])
    _, first = np.unique(rows.astype(np.float64), axis=1, return_index=True)
    return out + [
        _crossing(
            base,
            party,
            (int(slopes[near[j]]), s_star),
            int(ks[near[j]]),
            int(direction[near[j]]),
        )
        for j in first
    ]


def _rising(
    lines: _Lines, slope: _Slope, s_star: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The candidate lines that cross the Nash package's in the direction they rise, before its
    own gain reaches 0: their positions (in package order), the change ``t`` at the crossing,
    the direction and their slope. A part-worth of one option (the Nash package's or not) reads
    quantities shared by every such number of the executive; other numbers compute them."""
    single = slope.when is not None and len(slope.when) == 1 and len(slope.when[0][1]) == 1
    if single and slope.offset == 0:
        assert slope.when is not None
        ((axis, (option,)),) = slope.when
        covered = lines.where.option(axis) == option
        if s_star == 0:  # only the option's packages move: slope 1, direction 1
            t, ok = lines.against_level
            rising = np.flatnonzero(covered)
            rising = rising[ok[rising]]
            ones = np.ones(len(rising), dtype=np.int64)
            return rising, t[rising], ones.astype(np.float64), ones
        t_in, direction_in, ok_in, t_out, ok_out = lines.against_rising
        rising = np.flatnonzero(np.where(covered, ok_in, ok_out))
        inside = covered[rising]
        t = np.where(inside, t_in[rising], t_out[rising])
        direction = np.where(inside, direction_in[rising], -1.0)
        return rising, t, direction, inside.astype(np.int64)
    slopes = slope.at(lines.where)
    # the lines that rise differently from the Nash package's (slope 0 there: those that move)
    rising = np.flatnonzero(slopes if s_star == 0 else slopes * lines.rate != s_star)
    beta = slopes[rising] * lines.rate[rising]
    with np.errstate(over="ignore", invalid="ignore"):
        t = (lines.alpha_star - lines.alpha[rising]) / (beta - s_star)
        direction = np.sign(beta - s_star)
        valid = _valid(lines, t, direction, s_star)
    return rising[valid], t[valid], direction[valid], slopes[rising][valid]


def _valid(lines: _Lines, t: np.ndarray, direction: Any, s_star: int) -> np.ndarray:
    """Crossings at a finite change, in the direction the line rises (within a tolerance),
    before the Nash package's own gain reaches 0."""
    with np.errstate(over="ignore", invalid="ignore"):
        ahead = t * direction >= -_TOLERANCE * (1 + abs(lines.alpha_star))
        return np.asarray(ahead & (lines.alpha_star + s_star * t > 0) & np.isfinite(t))


def _weight_changes(base: _Base, constituency: str) -> list[_Change]:
    party = base.game.actor(constituency).party  # type: ignore[union-attr]
    rule = base.game.ratification(party)
    if rule is None:
        return []
    weight, star = base.weight[party], base.nash
    quota = base.space.scaled_weight(rule.quota)
    accepts = base.accepts[constituency]
    out = []
    own = base.space.scaled_weight(base.game.actor(constituency).weight)  # type: ignore[union-attr]
    if accepts[star] and quota - weight[star] > -own:
        out.append(_Change(base.to_change(quota - weight[star], weight=True), -1))
    at = base.better.indices
    entering = base.others(party) & _executive(base, party, at) & accepts[at] & (weight[at] < quota)
    if entering.any():
        k = int(at[entering][np.argmax(weight[at][entering])])
        out.append(_Change(base.to_change(quota - weight[k], weight=True)))
    return out


def _executive(base: _Base, party: str, at: np.ndarray) -> np.ndarray:
    """At ``at``: the executive accepts, where its rule gives it a veto (else everywhere)."""
    rule = base.game.ratification(party)
    if rule is not None and rule.executive_veto:
        return np.asarray(base.accepts[party][at])
    return np.ones(len(at), dtype=bool)


def _quota_changes(base: _Base, party: str) -> list[_Change]:
    rule = base.game.ratification(party)
    assert rule is not None
    weight, star = base.weight[party], base.nash
    quota = base.space.scaled_weight(rule.quota)
    out = [_Change(base.to_change(weight[star] - quota, weight=True), 1)]
    at = base.better.indices
    entering = base.others(party) & _executive(base, party, at) & (weight[at] < quota)
    if entering.any():
        k = int(at[entering][np.argmax(weight[at][entering])])
        out.append(_Change(base.to_change(weight[k] - quota, weight=True)))
    return out


def _power_changes(base: _Base, party: str) -> list[_Change]:
    """Log-products move by ``t log g_P``: the first other package they carry past the Nash
    package's (floats; 0 exactly when the baseline already ties)."""
    p = base.parties.index(party)
    logs, score, star = base.inside_logs[p], base.score, base.star
    eligible = base.space.agreement.ravel()[base.inside]
    eligible[star] = False
    ks = np.flatnonzero(eligible & (logs != logs[star]))
    if not len(ks):
        return []
    t = (score[star] - score[ks]) / (logs[ks] - logs[star])
    tied = ~base.better_inside[ks] & (np.abs(score[ks] - score[star]) <= 1e-9)
    valid = (float(base.powers[party]) + t > 0) | tied
    if not valid.any():
        return []
    k = int(np.argmin(np.where(valid, np.abs(t), np.inf)))
    if tied[k] and base.exact:
        direction = int(np.sign(logs[ks[k]] - logs[star]))
        return [_Change(Fraction(0), direction)]
    return [_Change(float(t[k]))]


def _changes(base: _Base, path: str) -> list[_Change]:
    game = base.game
    parts = parse_path(game, path)
    table, owner = parts[0], parts[1]
    if table in ("values", "interaction"):
        when: Mapping[str, Sequence[str]]
        if table == "values":
            actor, when = owner, {parts[2]: (parts[3],)}
        else:
            interaction = game.interactions[interaction_index(game, owner)]
            actor, when = interaction.actor, interaction.when
        slope = _slope(base, actor, when)
        if actor in base.parties:
            return _executive_changes(base, actor, slope)
        return _constituency_changes(base, actor, slope)
    if table == "constituency":
        return _weight_changes(base, owner)
    if table == "ratification":
        return _quota_changes(base, owner)
    if parts[2] == "power":
        return _power_changes(base, owner)
    return _executive_changes(base, owner, _Slope(None, 1))


def _paths(game: NegotiationGame) -> list[str]:
    paths = list(number_paths(game))
    paths += [f"ratification.{r.party}.quota" for r in game.ratifications]
    paths += [f"party.{p.id}.power" for p in game.parties]
    paths += [f"party.{p.id}.reservation" for p in game.parties if p.reservation is not None]
    return paths


def flips(agreement: AgreementSet, nash: Sequence[PackageOutcome]) -> dict[str, Flip | None]:
    """Every number's smallest change that moves the (first) Nash package (``None``: no change
    does), by path; empty when there is no Nash package or some executive gains nothing in it.

    >>> from negotiate.model import NegotiationGame, Party, Issue
    >>> from negotiate.negotiation.two_level import agreement_set
    >>> from negotiate.negotiation.solutions import nash_packages
    >>> game = NegotiationGame(
    ...     id="g", title="G",
    ...     parties=[Party(id="us", values={"a": {"y": 2, "z": 3}}),
    ...              Party(id="mx", values={"a": {"y": 2, "z": 1}})],
    ...     issues=[Issue(id="a", options=["n", "y", "z"])],
    ... )
    >>> agreement = agreement_set(game)
    >>> found = flips(agreement, nash_packages(agreement))
    >>> {path: f"{float(flip.margin):.4g}" for path, flip in found.items()}
    {'values.us.a.y': '-0.5', 'values.us.a.z': '1', 'values.mx.a.y': '-0.5',
     'values.mx.a.z': '0.3333', 'party.us.power': '0.7095', 'party.mx.power': '-0.415'}
    """
    space = agreement.space
    if not nash:
        return {}
    star = nash[0].index
    if not all(space.values[p].ravel()[star] > space.reservations[p] for p in space.game.party_ids):
        return {}
    base = _Base(space, star)
    out: dict[str, Flip | None] = {}
    for path in _paths(space.game):
        change = _smallest(_changes(base, path))
        out[path] = None if change is None else Flip(path, change.value, change.exact, change.sign)
    return out


def nearest_flip(agreement: AgreementSet, nash: Sequence[PackageOutcome]) -> Flip | None:
    """The flip of smallest size among every number's (:func:`flips`), or ``None``."""
    found = [f for f in flips(agreement, nash).values() if f is not None]
    return min(found, key=lambda f: abs(float(f.margin)), default=None)
