"""Parameter paths: names for the numbers of a game, to read, replace, sweep or sample.

A negotiation's:

- ``values.ACTOR.ISSUE.OPTION``: a party's or constituency's part-worth;
- ``party.PARTY.FIELD``: ``power``, ``discount`` or ``reservation``;
- ``ratification.PARTY.quota``;
- ``constituency.CONSTITUENCY.weight``;
- ``interaction.ID.value``: the value of the interaction with that ``id`` (or, for one without an
  id, ``interaction.N.value`` with ``N`` its 0-based position).

The other kinds' paths are in :mod:`negotiate.model.kind_paths`; the functions here take a game
of any kind.

>>> from negotiate.model import NegotiationGame, Party, Issue, Interaction
>>> game = NegotiationGame(
...     id="g", title="G", parties=[Party(id="us", power=2)],
...     issues=[Issue(id="a", options=["n", "y"])],
...     interactions=[Interaction(id="boost", actor="us", when={"a": "y"}, value=3)],
... )
>>> parameter_value(game, "party.us.power"), parameter_value(game, "interaction.boost.value")
(Fraction(2, 1), Fraction(3, 1))
>>> vary(game, "interaction.0.value", 5).interactions[0].value
Fraction(5, 1)
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Any

import attrs

from negotiate.errors import InvalidGameError
from negotiate.exact.numbers import Number
from negotiate.model._common import did_you_mean
from negotiate.model.kind_paths import (
    kind_number_paths,
    kind_parse,
    many_varied,
    value_at,
    varied,
)

__all__ = [
    "interaction_index",
    "interaction_path",
    "number_paths",
    "parameter_value",
    "parse_path",
    "vary",
    "vary_many",
]

_TABLES = ("values", "party", "ratification", "constituency", "interaction")
_PARTY_FIELDS = ("power", "discount", "reservation")
_SHAPES = {
    "values": "values.ACTOR.ISSUE.OPTION",
    "party": "party.PARTY.FIELD",
    "ratification": "ratification.PARTY.quota",
    "constituency": "constituency.CONSTITUENCY.weight",
    "interaction": "interaction.ID.value",
}


def _other_kind(game: Any) -> bool:
    return getattr(game, "kind", "negotiation") != "negotiation"


def _unknown(what: str, word: str, choices: Iterable[str], path: str) -> InvalidGameError:
    return InvalidGameError(
        f"unknown {what} `{word}` in parameter path `{path}`{did_you_mean(word, choices)}"
    )


def interaction_path(game: Any, index: int) -> str:
    """The path of the value of ``game.interactions[index]``: by id, or by position."""
    interaction = game.interactions[index]
    return f"interaction.{interaction.id or index}.value"


def interaction_index(game: Any, owner: str, path: str = "") -> int:
    """The position in ``game.interactions`` of the interaction named ``owner`` in a path."""
    if owner.isdigit() and int(owner) < len(game.interactions):
        return int(owner)
    ids = [i.id for i in game.interactions if i.id]
    if owner not in ids:
        raise _unknown("interaction id", owner, ids, path)
    return next(k for k, i in enumerate(game.interactions) if i.id == owner)


def _check_owner(game: Any, parts: tuple[str, ...], path: str) -> None:
    table, owner, field = parts[0], parts[1], parts[2]
    if table == "values":
        if owner not in game.actor_ids:
            raise _unknown("actor", owner, game.actor_ids, path)
        if field not in game.issue_ids:
            raise _unknown("issue", field, game.issue_ids, path)
        options = game.issue(field).options
        if parts[3] not in options:
            raise _unknown(f"option of `{field}`", parts[3], options, path)
    elif table == "party":
        if owner not in game.party_ids:
            raise _unknown("party", owner, game.party_ids, path)
        if field not in _PARTY_FIELDS:
            raise _unknown("party field", field, _PARTY_FIELDS, path)
    elif table == "ratification":
        rules = [r.party for r in game.ratifications]
        if owner not in rules:
            raise _unknown("party with a [[ratification]] rule", owner, rules, path)
        if field != "quota":
            raise _unknown("ratification field", field, ["quota"], path)
    elif table == "constituency":
        ids = [c.id for c in game.constituencies]
        if owner not in ids:
            raise _unknown("constituency", owner, ids, path)
        if field != "weight":
            raise _unknown("constituency field", field, ["weight"], path)
    else:
        interaction_index(game, owner, path)
        if field != "value":
            raise _unknown("interaction field", field, ["value"], path)


def parse_path(game: Any, path: str) -> tuple[str, ...]:
    """The parts of a parameter path of ``game``, checked; raises
    :class:`~negotiate.errors.InvalidGameError` with a did-you-mean for an unknown part."""
    parts = tuple(path.split("."))
    if _other_kind(game):
        kind_parse(game, path)
        return parts
    table = parts[0]
    if table not in _TABLES:
        raise _unknown("table", table, _TABLES, path)
    expected = 4 if table == "values" else 3
    if len(parts) != expected:
        raise InvalidGameError(f"parameter path `{path}` should look like `{_SHAPES[table]}`", path)
    _check_owner(game, parts, path)
    return parts


def parameter_value(game: Any, path: str) -> Number | None:
    """The current value of the number at ``path`` (``None``: an unset reservation)."""
    if _other_kind(game):
        return value_at(game, path)
    parts = parse_path(game, path)
    table, owner = parts[0], parts[1]
    if table == "values":
        worths = game.actor(owner).values.get(parts[2], {})
        return worths.get(parts[3], Fraction(0))  # type: ignore[no-any-return]
    if table == "party":
        return getattr(game.party(owner), parts[2])  # type: ignore[no-any-return]
    if table == "ratification":
        return game.ratification(owner).quota  # type: ignore[no-any-return]
    if table == "interaction":
        return game.interactions[interaction_index(game, owner, path)].value  # type: ignore[no-any-return]
    return game.actor(owner).weight  # type: ignore[no-any-return]


def _with_worth(actor: Any, issue_id: str, option: str, value: Number) -> Any:
    worths = {i: dict(o) for i, o in actor.values.items()}
    worths.setdefault(issue_id, {})[option] = value
    return attrs.evolve(actor, values=worths)


def _varied(game: Any, parts: tuple[str, ...], path: str, value: Number) -> Any:
    table, owner = parts[0], parts[1]
    if table == "values":
        return attrs.evolve(
            game,
            parties=[
                _with_worth(p, parts[2], parts[3], value) if p.id == owner else p
                for p in game.parties
            ],
            constituencies=[
                _with_worth(c, parts[2], parts[3], value) if c.id == owner else c
                for c in game.constituencies
            ],
        )
    if table == "party":
        parties = [
            attrs.evolve(p, **{parts[2]: value}) if p.id == owner else p for p in game.parties
        ]
        return attrs.evolve(game, parties=parties)
    if table == "ratification":
        rules = [
            attrs.evolve(r, quota=value) if r.party == owner else r for r in game.ratifications
        ]
        return attrs.evolve(game, ratifications=rules)
    if table == "interaction":
        index = interaction_index(game, owner, path)
        interactions = list(game.interactions)
        interactions[index] = attrs.evolve(interactions[index], value=value)
        return attrs.evolve(game, interactions=interactions)
    constituencies = [
        attrs.evolve(c, weight=value) if c.id == owner else c for c in game.constituencies
    ]
    return attrs.evolve(game, constituencies=constituencies)


def vary(game: Any, path: str, value: Number) -> Any:
    """``game`` with the number at ``path`` replaced by ``value`` (a new game; the model is
    frozen). Raises :class:`~negotiate.errors.InvalidGameError` for an unknown path (with a
    did-you-mean) or a value the field refuses."""
    if _other_kind(game):
        return varied(game, path, value)
    parts = parse_path(game, path)
    try:
        return _varied(game, parts, path, value)
    except InvalidGameError as error:
        raise InvalidGameError(f"{path} = {value}: {error.message}", path) from None


def vary_many(game: Any, changes: Iterable[tuple[str, Number]]) -> Any:
    """``game`` with every ``(path, value)`` of ``changes`` made (one validation for a game that
    is not a negotiation, :func:`~negotiate.model.kind_paths.many_varied`)."""
    if _other_kind(game):
        return many_varied(game, changes)
    for path, value in changes:
        game = vary(game, path, value)
    return game


def number_paths(game: Any) -> tuple[str, ...]:
    """The paths a ``spread`` covers: every part-worth written in the game, every interaction
    value and every constituency weight, in file order (the other kinds:
    :func:`~negotiate.model.kind_paths.kind_number_paths`).

    >>> from negotiate.model import NegotiationGame, Party, Issue, Constituency
    >>> game = NegotiationGame(
    ...     id="g", title="G", parties=[Party(id="us", values={"a": {"y": 1}})],
    ...     constituencies=[Constituency(id="c", party="us", weight=2)],
    ...     issues=[Issue(id="a", options=["n", "y"])])
    >>> number_paths(game)
    ('values.us.a.y', 'constituency.c.weight')
    """
    if _other_kind(game):
        return kind_number_paths(game)
    paths = []
    for actor in (*game.parties, *game.constituencies):
        for issue_id, options in actor.values.items():
            paths += [f"values.{actor.id}.{issue_id}.{option}" for option in options]
    paths += [interaction_path(game, k) for k in range(len(game.interactions))]
    paths += [f"constituency.{c.id}.weight" for c in game.constituencies]
    return tuple(paths)
