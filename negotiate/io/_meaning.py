"""Checks of meaning a game file allows on its own, made at load time with locations.

Errors (raised): a ratification ``quota`` above the total weight of its party's constituencies,
in the base game or in a scenario, and a ``[[ratification]]`` for a party without
constituencies. Warnings (returned, as key path and message): constituencies of one party with
and without ``weight`` mixed, a quota below 1 among weights above 1, an actor whose values are
all zero, an option that no value and no interaction mentions.

>>> from negotiate.io import loads
>>> text = '''format = "negotiate/1"
... [game]
... id = "g"
... kind = "negotiation"
... title = "G"
... [[party]]
... id = "us"
... values = { trade = { deal = 2 } }
... [[issue]]
... id = "trade"
... options = ["none", "deal"]
... [[constituency]]
... id = "farm"
... party = "us"
... weight = 10
... values = { trade = { deal = 1 } }
... [[ratification]]
... party = "us"
... quota = 11
... '''
>>> loads(text, source="g.toml")
Traceback (most recent call last):
...
negotiate.errors.GameFileError: g.toml:19: ratification[0].quota: quota 11 is above the total ...
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from negotiate.errors import InvalidGameError
from negotiate.exact.numbers import Number
from negotiate.model import Constituency, Game, NegotiationGame, Party

__all__ = ["check_meaning"]

Warning = tuple[str, str]
"""A warning: the key path it is about, and the message."""


def check_meaning(game: Game, data: dict[str, Any]) -> list[Warning]:
    """Raise :class:`InvalidGameError` at the first error of meaning; return the warnings."""
    if not isinstance(game, NegotiationGame):
        return []
    _check_quotas(game, "ratification")
    for index, scenario in enumerate(game.scenarios):
        if scenario.ratification or scenario.constituency:
            _check_quotas(
                game.with_scenario(scenario.id), f"scenario[{index}].ratification", scenario.id
            )
    return [*_weight_warnings(game, data), *_zero_actors(game), *_unused_options(game)]


def _total(game: NegotiationGame, party: str) -> Number:
    total: Number = Fraction(0)
    for constituency in game.constituencies_of(party):
        total += constituency.weight
    return total


def _check_quotas(game: NegotiationGame, where: str, scenario: str | None = None) -> None:
    for index, rule in enumerate(game.ratifications):
        path = f"{where}.{rule.party}.quota" if scenario else f"{where}[{index}].quota"
        if not game.constituencies_of(rule.party):
            raise InvalidGameError(
                f"party `{rule.party}` has a [[ratification]] rule but no [[constituency]] to "
                "ratify (add its constituencies or drop the rule)",
                f"ratification[{index}].party",
            )
        total = _total(game, rule.party)
        if rule.quota > total:
            raise InvalidGameError(
                f"quota {rule.quota} is above the total weight {total} of `{rule.party}`'s "
                "constituencies: no package could be ratified",
                path,
            )


def _weight_warnings(game: NegotiationGame, data: dict[str, Any]) -> list[Warning]:
    tables = data.get("constituency") or []
    given: dict[str, list[bool]] = {}
    for table, constituency in zip(tables, game.constituencies, strict=False):
        given.setdefault(constituency.party, []).append("weight" in table)
    out: list[Warning] = []
    for party, flags in given.items():
        if any(flags) and not all(flags):
            index = _first_without(game, party, flags)
            out.append(
                (
                    f"constituency[{index}]",
                    f"`{party}` has constituencies with and without `weight` (those without "
                    "weigh 1)",
                )
            )
    for index, rule in enumerate(game.ratifications):
        weights = [c.weight for c in game.constituencies_of(rule.party)]
        if weights and 0 < rule.quota < 1 and all(w > 1 for w in weights):
            out.append(
                (
                    f"ratification[{index}].quota",
                    f"quota {rule.quota} is below 1 among weights above 1: the quota is a "
                    "weight, not a share",
                )
            )
    return out


def _first_without(game: NegotiationGame, party: str, flags: list[bool]) -> int:
    members = [k for k, c in enumerate(game.constituencies) if c.party == party]
    return members[flags.index(False)]


def _zero_actors(game: NegotiationGame) -> list[Warning]:
    interacting = {i.actor for i in game.interactions}
    out: list[Warning] = []
    tables: tuple[tuple[str, Sequence[Party | Constituency]], ...] = (
        ("party", game.parties),
        ("constituency", game.constituencies),
    )
    for table, actors in tables:
        for index, actor in enumerate(actors):
            worths = [v for options in actor.values.values() for v in options.values()]
            if worths and actor.id not in interacting and all(v == 0 for v in worths):
                out.append(
                    (
                        f"{table}[{index}].id",
                        f"`{actor.id}` values every package at 0 (all its values are zero)",
                    )
                )
    return out


_NAMED = 3
"""How many unvalued options of one issue a warning names."""


def _unused_options(game: NegotiationGame) -> list[Warning]:
    mentioned: set[tuple[str, str]] = set()
    for actor in game.actors:
        for issue_id, worths in actor.values.items():
            mentioned.update((issue_id, option) for option, v in worths.items() if v != 0)
    for interaction in game.interactions:
        for issue_id, matching in interaction.when.items():
            mentioned.update((issue_id, option) for option in matching)
    out: list[Warning] = []
    for index, issue in enumerate(game.issues):
        unvalued = [
            k
            for k, option in enumerate(issue.options)
            if option != issue.status_quo and (issue.id, option) not in mentioned
        ]
        if len(unvalued) == 1:
            option = issue.options[unvalued[0]]
            out.append(
                (
                    f"issue[{index}].options[{unvalued[0]}]",
                    f"no one values option `{option}` of `{issue.id}` (every actor is "
                    "indifferent to it)",
                )
            )
        elif unvalued:
            named = ", ".join(f"`{issue.options[k]}`" for k in unvalued[:_NAMED])
            more = f" and {len(unvalued) - _NAMED} more" if len(unvalued) > _NAMED else ""
            out.append(
                (
                    f"issue[{index}].options[{unvalued[0]}]",
                    f"no one values {len(unvalued)} options of `{issue.id}`: {named}{more} "
                    "(every actor is indifferent to them)",
                )
            )
    return out
