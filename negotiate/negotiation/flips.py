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

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction

import attrs
import numpy as np

from negotiate.exact.numbers import Number, rational_root
from negotiate.model.negotiation import NegotiationGame
from negotiate.model.paths import interaction_index, number_paths, parse_path
from negotiate.negotiation.flip_baseline import (
    Baseline,
    Lines,
    Slope,
    ahead,
    bounded,
)
from negotiate.negotiation.solutions import PackageOutcome
from negotiate.negotiation.two_level import AgreementSet

__all__ = ["Flip", "flips", "nearest_flip"]


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


def _slope(base: Baseline, actor: str, when: Mapping[str, Sequence[str]]) -> Slope:
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
    slope = Slope(covered, 0)
    return Slope(covered, 0 if fixed else slope.of(space, base.sq))


def _constituency_changes(base: Baseline, actor: str, slope: Slope) -> list[_Change]:
    """The Nash package leaves when the actor stops accepting it (and that loses ratification);
    a better package enters when the actor starts accepting it (and that wins ratification)."""
    star = base.nash
    s_star = slope.of(base.space, star)
    out = []
    if base.accepts[actor][star] and s_star and base.needs(actor):
        out.append(_Change(base.to_change(-s_star * base.gain(actor, star)), -s_star))
    gains, where = base.entering(actor)
    if len(where):
        slopes = slope.at(where)
        moving = np.flatnonzero(slopes != 0)
        if len(moving):
            j = moving[np.argmin(np.abs(gains[moving].astype(np.float64)))]
            out.append(_Change(base.to_change(-slopes[j] * gains[j])))
    return out


def _exact_ratio(base: Baseline, party: str, k: int) -> Fraction | None:
    """``(q_k / q_*) ** (1 / w)`` exactly, when it is rational."""
    star, w = base.nash, Fraction(base.powers[party])
    exponents = {p: Fraction(base.powers[p]) / w for p in base.parties if p != party}
    common = math.lcm(1, *(e.denominator for e in exponents.values()))
    power = Fraction(1)
    for p, e in exponents.items():
        power *= Fraction(int(base.gain(p, k)), int(base.gain(p, star))) ** int(e * common)
    return rational_root(power, common)


def _crossing(
    base: Baseline, party: str, slopes: tuple[int, int], k: int, direction: int
) -> _Change:
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
        rho = math.exp(bounded((float(log_q[0]) - float(log_q[1])) / w)) if others else 1.0
        t = (float(g_star) - float(g_k) * rho) / (s_k * rho - s_star)
        return _Change(float(base.to_change(t)), direction)
    t_exact = (int(g_star) - int(g_k) * ratio) / (s_k * ratio - s_star)
    return _Change(base.to_change(t_exact), direction)


def _executive_changes(base: Baseline, party: str, slope: Slope) -> list[_Change]:
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
    lines: Lines, slope: Slope, s_star: int
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
        valid = ahead(lines, t, direction, s_star)
    return rising[valid], t[valid], direction[valid], slopes[rising][valid]


def _weight_changes(base: Baseline, constituency: str) -> list[_Change]:
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


def _executive(base: Baseline, party: str, at: np.ndarray) -> np.ndarray:
    """At ``at``: the executive accepts, where its rule gives it a veto (else everywhere)."""
    rule = base.game.ratification(party)
    if rule is not None and rule.executive_veto:
        return np.asarray(base.accepts[party][at])
    return np.ones(len(at), dtype=bool)


def _quota_changes(base: Baseline, party: str) -> list[_Change]:
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


def _power_changes(base: Baseline, party: str) -> list[_Change]:
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


def _changes(base: Baseline, path: str) -> list[_Change]:
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
    return _executive_changes(base, owner, Slope(None, 1))


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
    base = _baseline(agreement, nash)
    return {} if base is None else {path: _flip(base, path) for path in _paths(base.game)}


def nearest_flip(agreement: AgreementSet, nash: Sequence[PackageOutcome]) -> Flip | None:
    """The flip of smallest size among every number's (:func:`flips`), or ``None``.

    The numbers that move no executive's line are examined first; the smallest of their flips
    bounds the search along the lines (most cannot cross within it)."""
    base = _baseline(agreement, nash)
    if base is None:
        return None
    paths = _paths(base.game)
    lines = {path for path in paths if _moves_lines(base, path)}
    found = {path: _flip(base, path) for path in paths if path not in lines}
    known = [abs(float(f.margin)) for f in found.values() if f is not None]
    base.limit = min(known, default=np.inf) * (base.space.scale or 1)
    found.update({path: _flip(base, path) for path in paths if path in lines})
    ordered = [found[path] for path in paths]  # ties: the first in path order, as in flips
    return min(
        (f for f in ordered if f is not None), key=lambda f: abs(float(f.margin)), default=None
    )


def _baseline(agreement: AgreementSet, nash: Sequence[PackageOutcome]) -> Baseline | None:
    """The baseline at the (first) Nash package; ``None`` without one, or when some executive
    gains nothing in it."""
    space = agreement.space
    if not nash:
        return None
    star = nash[0].index
    if not all(space.values[p].ravel()[star] > space.reservations[p] for p in space.game.party_ids):
        return None
    return Baseline(space, star)


def _flip(base: Baseline, path: str) -> Flip | None:
    change = _smallest(_changes(base, path))
    return None if change is None else Flip(path, change.value, change.exact, change.sign)


def _moves_lines(base: Baseline, path: str) -> bool:
    """Whether the number at ``path`` moves an executive's gain (its flips are crossings of
    the executive's lines)."""
    parts = parse_path(base.game, path)
    if parts[0] == "values":
        return parts[1] in base.parties
    if parts[0] == "interaction":
        owner = base.game.interactions[interaction_index(base.game, parts[1])].actor
        return owner in base.parties
    return parts[0] == "party" and parts[2] == "reservation"
