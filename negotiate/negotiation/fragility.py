"""Ties up front: who accepts a recommended package by (almost) nothing, and the one number whose
smallest change moves the Nash package.

A *tie* is an actor (executive or constituency) that accepts a recommended package with a gain
``u(p) - r`` of at least 0 and at most one *unit*: the file's finest granularity, ``1 / L`` with
``L`` the least common denominator of every part-worth, interaction value and reservation (a
float counted by the decimals it is written with). A one-unit change of one judgement makes such
an actor indifferent, or makes it refuse.

The *nearest flip* is, over every number written in the file (part-worths, interaction values,
constituency weights, quotas, powers, reservations), the smallest one-at-a-time change after
which the (first) Nash package is no longer a Nash package: its signed ``margin``, exact where
the threshold is rational. Nothing is re-solved. A part-worth or interaction value moves one
actor's utility linearly on the packages its option (or pattern) covers, so the changes where a
package enters or leaves the agreement set are ratios of the baseline gains; for an executive,
``(g_k + t s_k) * q_k ** (1 / w)`` is linear in ``t`` (``q_k`` the product of the other
executives' gains to their powers), so the change where another package's Nash product overtakes
the Nash package's is where two lines cross. Weights and quotas move approving weights; a power
moves log-products linearly. Only packages that can overtake the Nash package are examined:
those with a larger product that may enter the agreement set, or those whose line rises faster.

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
>>> result = fragility(agreement, nash_packages(agreement))
>>> result.unit, [(t.actor, t.package, t.gain) for t in result.ties]
(Fraction(1, 2), [])
>>> flip = result.nearest_flip
>>> flip.path, round(flip.margin, 4), flip.exact
('party.mx.power', -0.7075, False)
>>> result.ties == () and str(flips(agreement, nash_packages(agreement))["values.mx.a.z"].margin)
'5/6'

"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import attrs
import numpy as np

from negotiate.exact.numbers import Number, is_exact
from negotiate.model.negotiation import NegotiationGame, Package
from negotiate.model.paths import interaction_index, number_paths, parse_path
from negotiate.negotiation.packages import PackageSpace
from negotiate.negotiation.solutions import PackageOutcome
from negotiate.negotiation.two_level import AgreementSet

__all__ = ["Flip", "Fragility", "Tie", "flips", "fragility", "granularity"]

_TOLERANCE = 1e-12

EXAMINED = 50
"""How many distinct recommended packages are examined for ties, in the order given."""


@attrs.frozen
class Tie:
    """An actor accepting a recommended ``package`` with ``gain`` (``u - reservation``) between
    0 and one unit; ``pivotal``: its consent is needed to ratify it."""

    actor: str
    package: Package
    gain: Number
    reservation: Number
    pivotal: bool


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


@attrs.frozen
class Fragility:
    """The ties of the recommended packages, the file's ``unit`` and the nearest flip (``None``:
    no Nash package, or one where some executive gains nothing, or no number moves it)."""

    ties: tuple[Tie, ...]
    nearest_flip: Flip | None
    unit: Number


def _written(value: Number) -> Fraction:
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


def granularity(game: NegotiationGame) -> Fraction:
    """One unit of the file's finest granularity: ``1 / L``, ``L`` the least common
    denominator of every part-worth, interaction value and reservation (floats as written).

    >>> from negotiate.model import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(id="g", title="G", issues=[Issue(id="a", options=["n", "y"])],
    ...     parties=[Party(id="us", values={"a": {"y": 0.25}}), Party(id="mx", reservation="1/3")])
    >>> granularity(game)
    Fraction(1, 12)
    """
    numbers: list[Number] = []
    for actor in game.actors:
        numbers += [w for options in actor.values.values() for w in options.values()]
        reservation = getattr(actor, "reservation", None)
        numbers += [reservation] if reservation is not None else []
    numbers += [i.value for i in game.interactions]
    return Fraction(1, math.lcm(1, *(_written(x).denominator for x in numbers)))


# -- ties ------------------------------------------------------------------------------------


def _ties(
    agreement: AgreementSet, recommended: Sequence[PackageOutcome], unit: Fraction
) -> tuple[Tie, ...]:
    space = agreement.space
    game = space.game
    indices = list(dict.fromkeys(o.index for o in recommended))[:EXAMINED]
    slack = unit * space.scale if space.exact else float(unit) + _TOLERANCE
    gains = {a: space.values[a].ravel()[indices] - space.reservations[a] for a in game.actor_ids}
    out = []
    for position, index in enumerate(indices):
        tied = [a for a in game.actor_ids if 0 <= gains[a][position] <= slack]
        if not tied:
            continue
        package = space.package(index)
        pivotal = {a for p in game.party_ids for a in agreement.pivotal(p, package)}
        out += [
            Tie(
                actor=a,
                package=package,
                gain=space.to_number(gains[a][position]),
                reservation=space.reservation(a),
                pivotal=a in pivotal,
            )
            for a in tied
        ]
    return tuple(out)


# -- the baseline, flat ------------------------------------------------------------------------


class _Base:
    """The baseline's flat arrays: gains, acceptance, approving weights, the Nash package."""

    def __init__(self, space: PackageSpace, nash: int) -> None:
        game = space.game
        self.space, self.game, self.nash = space, game, nash
        self.size = space.size
        self.sq = int(np.ravel_multi_index(space.status_quo_index, space.shape))
        self.exact = space.exact and is_exact(*(p.power for p in game.parties))
        self.gains = {a: (space.values[a].ravel() - space.reservations[a]) for a in game.actor_ids}
        self.accepts = {a: space.accepts(a).ravel() for a in game.actor_ids}
        self.weight = {r.party: space.approving_weight(r.party).ravel() for r in game.ratifications}
        self.parties = game.party_ids
        self.powers = {p.id: p.power for p in game.parties}
        floats = np.stack([self.gains[p].astype(np.float64) for p in self.parties])
        self.positive = np.all(floats > 0, axis=0)
        logs = np.log(np.where(floats > 0, floats, 1.0))
        weights = np.array([float(self.powers[p]) for p in self.parties])
        self.logs = logs
        self.score = np.where(self.positive, weights @ logs, -np.inf)
        self.better = self._better()

    def _key(self, k: int) -> Any:
        common = math.lcm(1, *(Fraction(w).denominator for w in self.powers.values()))
        return math.prod(
            int(self.gains[p][k]) ** int(Fraction(self.powers[p]) * common) for p in self.parties
        )

    def _better(self) -> np.ndarray:
        """Packages of positive product larger than the Nash package's (anywhere)."""
        top = self.score[self.nash]
        tolerance = 1e-9 * (1 + abs(top))
        better = self.score > top + tolerance
        near = np.flatnonzero(np.abs(self.score - top) <= tolerance)
        if self.exact and len(near) > 1:
            key = self._key(self.nash)
            for k in near:
                better[k] = self._key(int(k)) > key
        return np.asarray(better)

    def ratified(self, party: str, accepts: dict[str, np.ndarray]) -> np.ndarray:
        rule = self.game.ratification(party)
        executive = accepts[party]
        if rule is None:
            return executive
        weight = self.weight[party]
        for c in self.game.constituencies_of(party):
            if accepts[c.id] is not self.accepts[c.id]:
                scaled = self.space.scaled_weight(c.weight)
                weight = weight + scaled * (accepts[c.id].astype(np.int64) - self.accepts[c.id])
        enough = weight >= self.space.scaled_weight(rule.quota)
        return np.asarray((enough & executive) if rule.executive_veto else enough)

    def agreement(self, accepts: dict[str, np.ndarray], skip: str = "") -> np.ndarray:
        """The agreement set with these acceptances (``skip``: leave that party out)."""
        mask = np.ones(self.size, dtype=bool)
        for party in self.parties:
            if party != skip:
                mask &= self.ratified(party, accepts)
        mask[self.sq] = False
        return mask

    def forced(self, actor: str, accepted: bool) -> np.ndarray:
        accepts = dict(self.accepts)
        accepts[actor] = np.full(self.size, accepted)
        return self.agreement(accepts)

    def to_change(self, scaled: Any, weight: bool = False) -> Number:
        scale = self.space.weight_scale if weight else self.space.scale
        exact = self.space.weight_scale is not None if weight else self.space.exact
        if exact and not isinstance(scaled, float | np.floating):
            return Fraction(scaled) / (scale or 1)
        return float(scaled) / (scale or 1)


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


def _slopes(base: _Base, actor: str, mask: np.ndarray) -> np.ndarray:
    fixed = getattr(base.game.actor(actor), "reservation", None) is not None
    return mask.astype(np.int64) - (0 if fixed else int(mask[base.sq]))


def _constituency_changes(base: _Base, actor: str, slope: np.ndarray) -> list[_Change]:
    """The Nash package leaves when the actor stops accepting it (and that loses ratification);
    a better package enters when the actor starts accepting it (and that wins ratification)."""
    gain, star = base.gains[actor], base.nash
    out = []
    if base.accepts[actor][star] and slope[star] and not base.forced(actor, False)[star]:
        out.append(_Change(base.to_change(-slope[star] * gain[star]), -int(slope[star])))
    entering = base.better & base.forced(actor, True) & ~base.accepts[actor] & (slope != 0)
    if entering.any():
        ks = np.flatnonzero(entering)
        k = ks[np.argmin(np.abs(gain[ks].astype(np.float64)))]
        out.append(_Change(base.to_change(-slope[k] * gain[k])))
    return out


def _root(value: Fraction, degree: int) -> Fraction | None:
    """The exact ``degree``-th root of a positive rational, or ``None`` when it is irrational."""

    def integer(n: int) -> int | None:
        r = round(n ** (1 / degree)) if n < 2**1000 else round(math.exp(math.log(n) / degree))
        for c in (r - 1, r, r + 1):
            if c >= 0 and c**degree == n:
                return c
        return None

    top, bottom = integer(value.numerator), integer(value.denominator)
    return None if top is None or bottom is None else Fraction(top, bottom)


def _exact_ratio(base: _Base, party: str, k: int) -> Fraction | None:
    """``(q_k / q_*) ** (1 / w)`` exactly, when it is rational."""
    star, w = base.nash, Fraction(base.powers[party])
    exponents = {p: Fraction(base.powers[p]) / w for p in base.parties if p != party}
    common = math.lcm(1, *(e.denominator for e in exponents.values()))
    power = Fraction(1)
    for p, e in exponents.items():
        power *= Fraction(int(base.gains[p][k]), int(base.gains[p][star])) ** int(e * common)
    return _root(power, common)


def _crossing(base: _Base, party: str, slope: np.ndarray, k: int, direction: int) -> _Change:
    """The exact crossing of package ``k``'s line with the Nash package's, where rational."""
    star = base.nash
    ratio = _exact_ratio(base, party, k) if base.exact else None
    g = base.gains[party]
    if ratio is None:
        others = [p for p in base.parties if p != party]
        w = float(base.powers[party])
        log_q = sum(float(base.powers[p]) * (base.logs[base.parties.index(p)]) for p in others)
        rho = math.exp(_bounded((float(log_q[k]) - float(log_q[star])) / w)) if others else 1.0
        t = (float(g[star]) - float(g[k]) * rho) / (slope[k] * rho - slope[star])
        return _Change(float(base.to_change(t)), direction)
    t_exact = (int(g[star]) - int(g[k]) * ratio) / (int(slope[k]) * ratio - int(slope[star]))
    return _Change(base.to_change(t_exact), direction)


_LOG_BOUND = 700.0
"""Exponents of e kept within float range (e ** 700 is about 1e304)."""


def _bounded(exponent: Any) -> Any:
    """``exponent`` clipped to ``[-700, 700]`` (a float or an array)."""
    return np.clip(exponent, -_LOG_BOUND, _LOG_BOUND)


def _executive_changes(base: _Base, party: str, slope: np.ndarray) -> list[_Change]:
    """Lines ``x_k(t) = (g_k + t s_k) q_k ** (1/w)``: the first crossing of the Nash package's
    line by another package's that may enter, or the Nash package's own gain reaching 0."""
    star, g = base.nash, base.gains[party].astype(np.float64)
    others = [base.parties.index(p) for p in base.parties if p != party]
    w = float(base.powers[party])
    others_positive = np.ones(base.size, dtype=bool)
    for p in base.parties:
        if p != party:
            others_positive &= base.gains[p] > 0
    candidates = base.forced(party, True) & others_positive
    weights = np.array([float(base.powers[base.parties[i]]) for i in others])
    log_q = weights @ base.logs[others] if others else np.zeros(base.size)
    # q_k ** (1/w) relative to the Nash package's; beyond float range (extreme powers) a line
    # is dropped as a candidate rather than overflowing
    rate = np.exp(_bounded((log_q - log_q[star]) / w))
    with np.errstate(over="ignore", invalid="ignore"):
        alpha, beta = g * rate, slope * rate
    out = []
    if slope[star]:
        out.append(_Change(base.to_change(-base.gains[party][star] * int(slope[star]))))
    rising = candidates & (beta != beta[star]) & np.isfinite(alpha) & np.isfinite(beta)
    rising[star] = False
    ks = np.flatnonzero(rising)
    if len(ks):
        with np.errstate(over="ignore", invalid="ignore"):
            t = (alpha[star] - alpha[ks]) / (beta[ks] - beta[star])
            # a crossing counts in the direction in which that line rises, before the Nash
            # package's own gain reaches 0
            direction = np.sign(beta[ks] - beta[star])
            valid = (t * direction >= -_TOLERANCE * (1 + np.abs(alpha[star]))) & (
                alpha[star] + beta[star] * t > 0
            )
        valid &= np.isfinite(t)
        ks, t = ks[valid], t[valid]
        if len(ks):
            near = np.flatnonzero(np.abs(t) <= np.abs(t).min() * (1 + 1e-9) + 1e-12)
            # packages with the same gains and slope cross at the same change: one of each
            rows = np.stack([*(base.gains[p][ks[near]] for p in base.parties), slope[ks[near]]])
            _, first = np.unique(rows.astype(np.float64), axis=1, return_index=True)
            out += [
                _crossing(base, party, slope, int(ks[near[j]]), int(direction[valid][near[j]]))
                for j in first
            ]
    return out


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
    others = base.agreement(base.accepts, skip=party)
    executive = base.accepts[party] if rule.executive_veto else np.ones(base.size, dtype=bool)
    entering = base.better & others & executive & accepts & (weight < quota)
    if entering.any():
        k = int(np.flatnonzero(entering)[np.argmax(weight[entering])])
        out.append(_Change(base.to_change(quota - weight[k], weight=True)))
    return out


def _quota_changes(base: _Base, party: str) -> list[_Change]:
    rule = base.game.ratification(party)
    assert rule is not None
    weight, star = base.weight[party], base.nash
    quota = base.space.scaled_weight(rule.quota)
    out = [_Change(base.to_change(weight[star] - quota, weight=True), 1)]
    others = base.agreement(base.accepts, skip=party)
    executive = base.accepts[party] if rule.executive_veto else np.ones(base.size, dtype=bool)
    entering = base.better & others & executive & (weight < quota)
    if entering.any():
        k = int(np.flatnonzero(entering)[np.argmax(weight[entering])])
        out.append(_Change(base.to_change(weight[k] - quota, weight=True)))
    return out


def _power_changes(base: _Base, party: str) -> list[_Change]:
    """Log-products move by ``t log g_P``: the first other package they carry past the Nash
    package's (floats; 0 exactly when the baseline already ties)."""
    star, p = base.nash, base.parties.index(party)
    eligible = base.agreement(base.accepts) & base.positive
    eligible[star] = False
    ks = np.flatnonzero(eligible & (base.logs[p] != base.logs[p][star]))
    if not len(ks):
        return []
    t = (base.score[star] - base.score[ks]) / (base.logs[p][ks] - base.logs[p][star])
    tied = ~base.better[ks] & (np.abs(base.score[ks] - base.score[star]) <= 1e-9)
    valid = (float(base.powers[party]) + t > 0) | tied
    if not valid.any():
        return []
    k = int(np.argmin(np.where(valid, np.abs(t), np.inf)))
    if tied[k] and base.exact:
        direction = int(np.sign(base.logs[p][ks[k]] - base.logs[p][star]))
        return [_Change(Fraction(0), direction)]
    return [_Change(float(t[k]))]


def _changes(base: _Base, path: str) -> list[_Change]:
    game = base.game
    parts = parse_path(game, path)
    table, owner = parts[0], parts[1]
    if table in ("values", "interaction"):
        if table == "values":
            actor, mask = owner, base.space.matches({parts[2]: (parts[3],)}).ravel()
        else:
            interaction = game.interactions[interaction_index(game, owner)]
            actor, mask = interaction.actor, base.space.matches(interaction.when).ravel()
        slope = _slopes(base, actor, mask)
        if actor in base.parties:
            return _executive_changes(base, actor, slope)
        return _constituency_changes(base, actor, slope)
    if table == "constituency":
        return _weight_changes(base, owner)
    if table == "ratification":
        return _quota_changes(base, owner)
    if parts[2] == "power":
        return _power_changes(base, owner)
    return _executive_changes(base, owner, -np.ones(base.size, dtype=np.int64))


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


def _nearest_flip(agreement: AgreementSet, nash: Sequence[PackageOutcome]) -> Flip | None:
    found = [f for f in flips(agreement, nash).values() if f is not None]
    return min(found, key=lambda f: abs(float(f.margin)), default=None)


def fragility(
    agreement: AgreementSet,
    recommended: Sequence[PackageOutcome],
    nash: Sequence[PackageOutcome] | None = None,
) -> Fragility:
    """The ties of the ``recommended`` packages and the nearest flip of the Nash package.

    Parameters
    ----------
    agreement : AgreementSet
        Of the game the solutions are computed on (its ``disagreement = "separate"`` point, if
        any, held where the baseline puts it).
    recommended : sequence of PackageOutcome
        The packages the solutions recommend (repeats are examined once, and only the first
        :data:`EXAMINED` distinct ones: put each solution's first package first).
    nash : sequence of PackageOutcome, optional
        The Nash packages (default: those of ``recommended`` taken to be the first; pass them).

    Returns
    -------
    Fragility
    """
    unit = granularity(agreement.game)
    nash = recommended if nash is None else nash
    flip = _nearest_flip(agreement, nash) if nash else None
    return Fragility(_ties(agreement, recommended, unit), flip, unit)
