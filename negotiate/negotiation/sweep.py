"""Sweeps: how the agreement set, the Nash package and the gains from linkage change as one
number of a negotiation varies.

A *parameter path* names one number of the game:

- ``values.ACTOR.ISSUE.OPTION``: a party's or constituency's part-worth;
- ``party.PARTY.FIELD``: ``power``, ``discount`` or ``reservation``;
- ``ratification.PARTY.quota``;
- ``constituency.CONSTITUENCY.weight``.

Each variant is the game with that number replaced (``attrs.evolve`` on the model), analysed by
:func:`negotiate.negotiation.linkage.linkage`.

>>> from negotiate.model import NegotiationGame, Party, Issue
>>> game = NegotiationGame(
...     id="g", title="G",
...     parties=[Party(id="us", values={"a": {"y": 2}, "b": {"y": -1}}),
...              Party(id="mx", values={"a": {"y": -1}, "b": {"y": 2}})],
...     issues=[Issue(id="a", options=["n", "y"]), Issue(id="b", options=["n", "y"])],
... )
>>> result = sweep(game, "values.mx.a.y", steps(-3, 1, 5))
>>> [(str(p.value), p.analysis.agreements) for p in result.points]
[('-3', 0), ('-2', 1), ('-1', 1), ('0', 2), ('1', 2)]
>>> [str(result.points[k].value) for k in result.regime_changes]
['-2', '0']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from fractions import Fraction

import attrs

from negotiate.errors import InvalidGameError, numerical_failures
from negotiate.exact.numbers import Number, is_exact
from negotiate.model._common import did_you_mean
from negotiate.model.negotiation import NegotiationGame
from negotiate.negotiation.linkage import LinkageAnalysis, linkage

__all__ = ["Sweep", "SweepPoint", "parameter_value", "steps", "sweep", "sweep_points", "vary"]

_TABLES = ("values", "party", "ratification", "constituency")
_PARTY_FIELDS = ("power", "discount", "reservation")


@attrs.frozen(kw_only=True)
class SweepPoint:
    """One value of the swept parameter and the linkage analysis of that variant."""

    value: Number
    analysis: LinkageAnalysis


@attrs.frozen(kw_only=True)
class Sweep:
    """A sweep of one parameter: the base game, the path and one analysis per value."""

    game: NegotiationGame
    path: str
    points: tuple[SweepPoint, ...]

    @property
    def regime_changes(self) -> tuple[int, ...]:
        """Indices of the points where the linked package or the minimal feasible linkages
        differ from the previous point's."""

        def regime(point: SweepPoint) -> object:
            return (point.analysis.linked.package, point.analysis.minimal_feasible)

        return tuple(
            k
            for k in range(1, len(self.points))
            if regime(self.points[k]) != regime(self.points[k - 1])
        )


def steps(low: Number, high: Number, count: int) -> tuple[Number, ...]:
    """``count`` evenly spaced values from ``low`` to ``high`` (both included), exact when both
    ends are.

    >>> [str(x) for x in steps(0, 1, 5)]
    ['0', '1/4', '1/2', '3/4', '1']
    """
    if count < 1:
        raise ValueError(f"a sweep needs at least one step (got {count})")
    if count == 1:
        return (low,)
    if is_exact(low, high):
        low, high = Fraction(low), Fraction(high)
        return tuple(low + (high - low) * Fraction(k, count - 1) for k in range(count))
    return tuple(float(low) + (float(high) - float(low)) * k / (count - 1) for k in range(count))


def _unknown(what: str, word: str, choices: Iterable[str], path: str) -> InvalidGameError:
    return InvalidGameError(
        f"unknown {what} `{word}` in parameter path `{path}`{did_you_mean(word, choices)}"
    )


def _parse(game: NegotiationGame, path: str) -> tuple[str, ...]:
    parts = tuple(path.split("."))
    table = parts[0]
    if table not in _TABLES:
        raise _unknown("table", table, _TABLES, path)
    expected = {"values": 4, "party": 3, "ratification": 3, "constituency": 3}[table]
    if len(parts) != expected:
        shapes = {
            "values": "values.ACTOR.ISSUE.OPTION",
            "party": "party.PARTY.FIELD",
            "ratification": "ratification.PARTY.quota",
            "constituency": "constituency.CONSTITUENCY.weight",
        }
        raise InvalidGameError(f"parameter path `{path}` should look like `{shapes[table]}`", path)
    owner = parts[1]
    if table == "values":
        if owner not in game.actor_ids:
            raise _unknown("actor", owner, game.actor_ids, path)
        issue_id, option = parts[2], parts[3]
        if issue_id not in game.issue_ids:
            raise _unknown("issue", issue_id, game.issue_ids, path)
        options = game.issue(issue_id).options
        if option not in options:
            raise _unknown(f"option of `{issue_id}`", option, options, path)
    elif table == "party":
        if owner not in game.party_ids:
            raise _unknown("party", owner, game.party_ids, path)
        if parts[2] not in _PARTY_FIELDS:
            raise _unknown("party field", parts[2], _PARTY_FIELDS, path)
    elif table == "ratification":
        rules = [r.party for r in game.ratifications]
        if owner not in rules:
            raise _unknown("party with a [[ratification]] rule", owner, rules, path)
        if parts[2] != "quota":
            raise _unknown("ratification field", parts[2], ["quota"], path)
    else:
        ids = [c.id for c in game.constituencies]
        if owner not in ids:
            raise _unknown("constituency", owner, ids, path)
        if parts[2] != "weight":
            raise _unknown("constituency field", parts[2], ["weight"], path)
    return parts


def parameter_value(game: NegotiationGame, path: str) -> Number | None:
    """The current value of the number at ``path`` (``None``: an unset reservation).

    >>> from negotiate.model import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(id="g", title="G", parties=[Party(id="us", power=2)],
    ...                        issues=[Issue(id="a", options=["n", "y"])])
    >>> parameter_value(game, "party.us.power"), parameter_value(game, "values.us.a.y")
    (Fraction(2, 1), Fraction(0, 1))
    """
    parts = _parse(game, path)
    table, owner = parts[0], parts[1]
    if table == "values":
        worths = game.actor(owner).values.get(parts[2], {})
        return worths.get(parts[3], Fraction(0))
    if table == "party":
        return getattr(game.party(owner), parts[2])
    if table == "ratification":
        rule = game.ratification(owner)
        assert rule is not None
        return rule.quota
    return game.actor(owner).weight  # type: ignore[union-attr]


def vary(game: NegotiationGame, path: str, value: Number) -> NegotiationGame:
    """``game`` with the number at ``path`` replaced by ``value`` (a new game; the model is
    frozen).

    Raises :class:`~negotiate.errors.InvalidGameError` for an unknown path (with a did-you-mean)
    or a value the field refuses.

    >>> from negotiate.model import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(id="g", title="G", parties=[Party(id="us")],
    ...                        issues=[Issue(id="a", options=["n", "y"])])
    >>> vary(game, "values.us.a.y", 3).party("us").values["a"]["y"]
    Fraction(3, 1)
    >>> vary(game, "party.uss.power", 3)
    Traceback (most recent call last):
    ...
    negotiate.errors.InvalidGameError: unknown party `uss` in parameter path `party.uss.power` ...
    """
    parts = _parse(game, path)
    table, owner = parts[0], parts[1]
    try:
        if table == "values":
            issue_id, option = parts[2], parts[3]

            def changed(actor: object) -> object:
                worths = {i: dict(o) for i, o in actor.values.items()}  # type: ignore[attr-defined]
                worths.setdefault(issue_id, {})[option] = value
                return attrs.evolve(actor, values=worths)  # type: ignore[misc]

            return attrs.evolve(
                game,
                parties=[changed(p) if p.id == owner else p for p in game.parties],
                constituencies=[changed(c) if c.id == owner else c for c in game.constituencies],
            )
        if table == "party":
            return attrs.evolve(
                game,
                parties=[
                    attrs.evolve(p, **{parts[2]: value}) if p.id == owner else p
                    for p in game.parties
                ],
            )
        if table == "ratification":
            return attrs.evolve(
                game,
                ratifications=[
                    attrs.evolve(r, quota=value) if r.party == owner else r
                    for r in game.ratifications
                ],
            )
        return attrs.evolve(
            game,
            constituencies=[
                attrs.evolve(c, weight=value) if c.id == owner else c for c in game.constituencies
            ],
        )
    except InvalidGameError as error:
        raise InvalidGameError(f"{path} = {value}: {error.message}", path) from None


def sweep_points(
    game: NegotiationGame, path: str, values: Iterable[Number]
) -> Iterator[SweepPoint]:
    """The linkage analysis of each variant, one at a time (for progress bars)."""
    _parse(game, path)
    for value in values:
        with numerical_failures(f"the sweep at {path} = {value}"):
            point = SweepPoint(value=value, analysis=linkage(vary(game, path, value)))
        yield point


def sweep(game: NegotiationGame, path: str, values: Iterable[Number]) -> Sweep:
    """Analyse ``game`` with the number at ``path`` set to each of ``values`` in turn.

    Parameters
    ----------
    game : NegotiationGame
        The negotiation (a scenario already applied, if any).
    path : str
        A parameter path (see the module documentation), e.g. ``values.us.security.joint``.
    values : iterable of numbers
        The values to try, e.g. :func:`steps` ``(low, high, count)``.

    Returns
    -------
    Sweep
        One :class:`SweepPoint` per value; :attr:`Sweep.regime_changes` marks where the linked
        package or the minimal feasible linkages change.
    """
    return Sweep(game=game, path=path, points=tuple(sweep_points(game, path, values)))
