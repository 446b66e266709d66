"""One-at-a-time margins: the smallest change of one number, the others at the baseline, that
changes a conclusion.

Every acceptance and ratification threshold is linear in one number, so the points where a
package enters or leaves a win-set are exact rationals (*breakpoints*). The kernel probes each
breakpoint and points between them; a change found next to a breakpoint is confirmed by the exact
solvers on both sides of it and reported as that rational. A change between breakpoints (a Nash
product overtaking another, a bargaining power) is located by bisection to ``1e-10`` and reported
as a float whose bracket the exact solvers confirm. The margin is signed (negative: a decrease)
and ``None`` when no value within the number's range changes the conclusion.

>>> from negotiate.model import NegotiationGame, Party, Issue
>>> from negotiate.model.uncertainty import UncertainNumber
>>> from negotiate.negotiation.conclusions import headline_claims
>>> game = NegotiationGame(
...     id="g", title="G",
...     parties=[Party(id="us", values={"a": {"y": 2}}), Party(id="mx", values={"a": {"y": 3}})],
...     issues=[Issue(id="a", options=["n", "y"])],
... )
>>> numbers = [UncertainNumber(path="values.mx.a.y", baseline=3, low=-4, high=4)]
>>> result = margins(game, headline_claims(game)[:1], numbers)
>>> result["agreement"]["values.mx.a.y"]
Margin(value=Fraction(-3, 1), exact=True)
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import attrs
import numpy as np

from negotiate.exact.numbers import Number
from negotiate.model.negotiation import NegotiationGame
from negotiate.model.paths import interaction_index, parse_path, vary
from negotiate.model.uncertainty import UncertainNumber
from negotiate.negotiation.conclusions import Claim, exact_statistics
from negotiate.negotiation.packages import PackageSpace, package_space
from negotiate.negotiation.robust_kernel import Kernel
from negotiate.robust.margins import Margin

__all__ = ["Margin", "breakpoints", "margins"]

_STEPS = 64
"""Points per bisection round (six bits a round)."""

_POWER_DENOMINATOR = 1000
"""The largest denominator of a varied power kept exact (its Nash product stays cheap)."""
_PRECISION = 1e-10


def _fractions(numerators: np.ndarray, denominator: int) -> list[Fraction]:
    return [Fraction(int(n), denominator) for n in np.unique(numerators)]


def _utility_breakpoints(space: PackageSpace, actor: str, mask: np.ndarray) -> list[Fraction]:
    values = space.values[actor].ravel().astype(object)
    sq = int(np.ravel_multi_index(space.status_quo_index, space.shape))
    fixed = getattr(space.game.actor(actor), "reservation", None) is not None
    slope = mask.astype(np.int64) - (0 if fixed else int(mask[sq]))
    diff = values - space.reservations[actor]
    out: list[Fraction] = []
    for sign in (1, -1):
        chosen = slope == sign
        out += [-sign * t for t in _fractions(diff[chosen], space.scale)] if chosen.any() else []
    return out


def _ratification_breakpoints(space: PackageSpace, party: str, where: np.ndarray) -> list[Fraction]:
    rule = space.game.ratification(party)
    if rule is None or space.weight_scale is None:
        return []
    weight = space.approving_weight(party).ravel().astype(object)
    quota = space.scaled_weight(rule.quota)
    return _fractions((weight - quota)[where], space.weight_scale)


def breakpoints(
    game: NegotiationGame, path: str, space: PackageSpace | None = None
) -> list[Fraction]:
    """The changes of the number at ``path`` at which some actor's acceptance or some party's
    ratification of some package switches, exactly, in increasing order (exact games only).

    >>> from negotiate.model import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="g", title="G", parties=[Party(id="us", values={"a": {"y": 2, "z": -1}})],
    ...     issues=[Issue(id="a", options=["n", "y", "z"])])
    >>> [str(t) for t in breakpoints(game, "values.us.a.y")]
    ['-2']
    """
    space = space or package_space(game)
    if not space.exact:
        return []
    parts = parse_path(game, path)
    table, owner = parts[0], parts[1]
    out: list[Fraction] = []
    if table == "values":
        mask = space.matches({parts[2]: (parts[3],)}).ravel()
        out = _utility_breakpoints(space, owner, mask)
    elif table == "interaction":
        interaction = game.interactions[interaction_index(game, owner)]
        out = _utility_breakpoints(
            space, interaction.actor, space.matches(interaction.when).ravel()
        )
    elif table == "constituency":
        constituency = game.actor(owner)
        accepts = space.accepts(owner).ravel()
        out = [-t for t in _ratification_breakpoints(space, constituency.party, accepts)]  # type: ignore[union-attr]
    elif table == "ratification":
        out = _ratification_breakpoints(space, owner, np.ones(space.size, dtype=bool))
    elif table == "party" and parts[2] == "reservation":
        diff = space.values[owner].ravel().astype(object) - space.reservations[owner]
        out = _fractions(diff, space.scale)
    return sorted(set(out))


# -- probing -------------------------------------------------------------------------------------


def _size(value: Number | None) -> float:
    return abs(float(value)) if value is not None else float("inf")


@attrs.frozen
class _Probe:
    t: Number
    kind: str  # "start", "break", "between", "end"


def _walk(
    points: Sequence[Number], end: Number, starts_at_break: bool, ends_at_break: bool
) -> list[_Probe]:
    """Probes from 0 outwards to ``end``: every breakpoint, three points between neighbours."""
    probes = [_Probe(0, "break" if starts_at_break else "start")]
    stops = [*points, end]
    last: Number = 0
    for k, stop in enumerate(stops):
        for j in (1, 2, 3):
            probes.append(_Probe(last + (stop - last) * Fraction(j, 4), "between"))
        last_one = k == len(stops) - 1
        probes.append(_Probe(stop, "end" if last_one and not ends_at_break else "break"))
        last = stop
    return probes


def _directions(number: UncertainNumber, cuts: list[Fraction]) -> list[list[_Probe]]:
    if number.values:
        changes: set[Number] = {v - number.baseline for v in number.values} - {0}
        ordered = sorted(changes, key=_size)
        return [[_Probe(0, "start"), *(_Probe(t, "value") for t in ordered)]]
    walks = []
    for sign, end in ((1, number.high - number.baseline), (-1, number.low - number.baseline)):
        if sign * end <= 0:
            continue
        inside = sorted((t for t in cuts if 0 < sign * t < sign * end), key=abs)
        walks.append(_walk(inside, end, 0 in cuts, end in cuts))
    return walks


class _Search:
    """Margins of several claims for one number: probes, exact confirmations, bisection."""

    def __init__(
        self,
        game: NegotiationGame,
        claims: Sequence[Claim],
        kernel: Kernel,
        column: int,
        number: UncertainNumber,
        base: np.ndarray,
    ) -> None:
        self.game, self.claims, self.kernel = game, claims, kernel
        self.column, self.number, self.base = column, number, base
        self.exact_cache: dict[Any, np.ndarray] = {}

    def probe(self, ts: Sequence[Number]) -> np.ndarray:
        deltas = np.zeros((len(ts), len(self.kernel.paths)))
        deltas[:, self.column] = [float(t) for t in ts]
        return self.kernel.statistics(deltas)

    def exact(self, t: Number) -> np.ndarray:
        key = t
        if key not in self.exact_cache:
            varied = vary(self.game, self.number.path, self._value(t))
            self.exact_cache[key] = exact_statistics(varied, self.claims)
        return self.exact_cache[key]

    def _value(self, t: Number) -> Number:
        """The number at the baseline moved by ``t``; a bargaining power off a coarse grid of
        rationals (a bisection point) becomes a float, ranked by float logs, because an exact Nash
        product needs whole exponents."""
        baseline = self.number.baseline
        if not isinstance(baseline, Fraction):
            return baseline + t
        value = baseline + Fraction(t)
        if self.number.path.endswith(".power") and value.denominator > _POWER_DENOMINATOR:
            return float(value)
        return value

    def differs(self, t: Number, claim: int) -> bool:
        return bool(self.exact(t)[claim] != self.base[claim])

    def bisect(self, low: Number, high: Number, claim: int) -> Margin:
        a, b = float(low), float(high)
        while abs(b - a) > _PRECISION:
            ts = [a + (b - a) * k / _STEPS for k in range(1, _STEPS + 1)]
            changed = self.probe(ts)[:, claim] != self.base[claim]
            first = int(np.argmax(changed)) if changed.any() else _STEPS - 1
            a, b = (ts[first - 1] if first else a), ts[first]
        if not self.differs(Fraction(a), claim) and self.differs(Fraction(b), claim):
            return Margin(b, exact=False)
        return self._exact_bisect(Fraction(low), Fraction(high), claim)

    def _exact_bisect(self, a: Fraction, b: Fraction, claim: int) -> Margin:
        while abs(b - a) > _PRECISION:
            middle = Fraction((a + b) / 2).limit_denominator(10**15)
            if self.differs(middle, claim):
                b = middle
            else:
                a = middle
        return Margin(float(b), exact=False)

    def refine(self, before: _Probe, after: _Probe, claim: int) -> Margin:
        exact = self.kernel.exact and not isinstance(self.number.baseline, float)
        if after.kind == "value":
            return Margin(after.t, exact=exact) if self.differs(after.t, claim) else Margin(None)
        step = Fraction(after.t - before.t) / 10**6 if exact else (after.t - before.t) / 1e6
        if (
            exact
            and before.kind == "break"
            and not self.differs(before.t, claim)
            and self.differs(before.t + step, claim)
        ):
            return Margin(before.t)
        if (
            exact
            and after.kind == "break"
            and self.differs(after.t, claim)
            and not self.differs(after.t - step, claim)
        ):
            return Margin(after.t)
        return self.bisect(before.t, after.t, claim)

    def margins(self, walks: list[list[_Probe]]) -> list[Margin]:
        found: list[list[Margin]] = [[] for _ in self.claims]
        for walk in walks:
            stats = self.probe([p.t for p in walk])
            for claim in range(len(self.claims)):
                for k in np.flatnonzero(stats[:, claim] != self.base[claim]):
                    margin = self.refine(walk[max(int(k) - 1, 0)], walk[int(k)], claim)
                    if margin.value is not None:
                        found[claim].append(margin)
                        break
        out = []
        for options in found:
            values = [m for m in options if m.value is not None]
            out.append(min(values, key=lambda m: _size(m.value)) if values else Margin(None))
        return out


def margins(
    game: NegotiationGame,
    claims: Sequence[Claim],
    numbers: Sequence[UncertainNumber],
    kernel: Kernel | None = None,
) -> dict[str, dict[str, Margin]]:
    """``claim id -> path -> Margin`` for every claim and uncertain number of ``game``.

    Parameters
    ----------
    game : NegotiationGame
        The baseline (its scenario applied).
    claims : sequence of Claim
        From :mod:`negotiate.negotiation.conclusions`.
    numbers : sequence of UncertainNumber
        The numbers and their ranges (:func:`negotiate.model.uncertainty.uncertain_numbers`).
    kernel : Kernel, optional
        A kernel of ``game`` over exactly these numbers' paths, if one is built already.
    """
    game = attrs.evolve(game, uncertainty=None, conclusions=())
    kernel = kernel or Kernel(game, [n.path for n in numbers], claims)
    base = exact_statistics(game, claims)
    space = package_space(game)
    out: dict[str, dict[str, Margin]] = {c.id: {} for c in claims}
    for column, number in enumerate(numbers):
        cuts = breakpoints(game, number.path, space)
        search = _Search(game, claims, kernel, column, number, base)
        for claim, margin in zip(claims, search.margins(_directions(number, cuts)), strict=True):
            out[claim.id][number.path] = margin
    return out
