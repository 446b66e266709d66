"""Writing games as ``negotiate/1`` TOML: ``loads(dump(game)) == game`` for every base game.

A negotiation with a scenario applied is written as the merged game (the scenario's id is not
kept); its list of scenarios is written as it is.

>>> from negotiate.io.toml_load import loads
>>> from negotiate.model import CoalitionGame
>>> game = CoalitionGame.from_values(id="g", title="G", players=["a", "b"],
...                                  values={"a": 0, "b": "1/2", "a+b": 2})
>>> print(dump(game))
format = "negotiate/1"
<BLANKLINE>
[game]
id = "g"
kind = "coalition"
title = "G"
players = ["a", "b"]
<BLANKLINE>
[value]
a = 0
b = "1/2"
"a+b" = 2
<BLANKLINE>
>>> loads(dump(game)) == game
True
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

from negotiate.io.toml_load import FORMAT
from negotiate.model import (
    BargainingProblem,
    CoalitionGame,
    ExtensiveFormGame,
    Game,
    NegotiationGame,
    NormalFormGame,
    VotingGame,
)
from negotiate.model.threats import Threat

__all__ = ["dump"]

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def dump(game: Game) -> str:
    """The game as ``negotiate/1`` TOML text.

    Examples
    --------
    >>> from negotiate import NegotiationGame, Party, Issue, loads
    >>> game = NegotiationGame(id="g", title="G", parties=[Party(id="us")],
    ...                        issues=[Issue(id="a", options=["n", "y"])])
    >>> loads(dump(game)) == game
    True
    """
    lines = [f"format = {_value(FORMAT)}", "", "[game]"]
    lines += _pairs(
        {
            "id": game.id,
            "kind": game.kind,
            "title": game.title,
            "description": game.description or None,
            "sources": list(game.sources) or None,
            "disagreement": game.disagreement
            if isinstance(game, NegotiationGame) and game.disagreement != "status_quo"
            else None,
        }
    )
    writers: dict[type, Callable[[Any], list[str]]] = {
        NegotiationGame: _negotiation,
        NormalFormGame: _normal_form,
        ExtensiveFormGame: _extensive_form,
        CoalitionGame: _coalition,
        VotingGame: _voting,
        BargainingProblem: _bargaining,
    }
    lines += writers[type(game)](game)
    if not isinstance(game, NegotiationGame):
        lines += _uncertainty(game)
    return "\n".join(lines) + "\n"


def _key(key: str) -> str:
    return key if _BARE.fullmatch(key) else json.dumps(key)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Fraction | int):
        value = Fraction(value)
        return str(value.numerator) if value.denominator == 1 else f'"{value}"'
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        inner = ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    return "[" + ", ".join(_value(v) for v in value) + "]"


def _pairs(items: Mapping[str, Any]) -> list[str]:
    return [f"{_key(k)} = {_value(v)}" for k, v in items.items() if v is not None]


def _array(name: str, items: Mapping[str, Any], subtables: Mapping[str, Any] = {}) -> list[str]:
    lines = ["", f"[[{name}]]", *_pairs(items)]
    for sub, table in subtables.items():
        if table:
            lines += [f"[{name}.{sub}]", *_pairs(table)]
    return lines


def _negotiation(game: NegotiationGame) -> list[str]:
    lines: list[str] = []
    for p in game.parties:
        lines += _array(
            "party",
            {
                "id": p.id,
                "name": p.name or None,
                "power": p.power,
                "discount": p.discount,
                "reservation": p.reservation,
            },
            {"values": p.values},
        )
    for i in game.issues:
        lines += _array(
            "issue",
            {
                "id": i.id,
                "name": i.name or None,
                "options": list(i.options),
                "status_quo": i.status_quo,
                "parties": None if i.parties is None else list(i.parties),
                "controlled_by": i.controlled_by,
            },
        )
    uncertain = game.lotteries
    for c in game.constituencies:
        reservation = uncertain.reservations.get(c.id)
        lines += _array(
            "constituency",
            {
                "id": c.id,
                "party": c.party,
                "name": c.name or None,
                "weight": c.weight,
                "reservation": c.reservation if reservation is None else reservation.to_file(),
            },
            {"values": c.values},
        )
    for x in game.interactions:
        lines += _array("interaction", _interaction(x))
    for r in game.ratifications:
        quota = uncertain.quotas.get(r.party)
        lines += _array(
            "ratification",
            {
                "party": r.party,
                "quota": r.quota if quota is None else quota.to_file(),
                "executive_veto": r.executive_veto,
            },
        )
    for t in game.threats:
        lines += _array("threat", _threat(t))
    lines += _transfers(game)
    lines += _scenarios(game)
    return lines


def _scenarios(game: NegotiationGame) -> list[str]:
    lines: list[str] = []
    for s in game.scenarios:
        lines += _array(
            "scenario",
            {
                "id": s.id,
                "name": s.name or None,
                "description": s.description or None,
                "disagreement": s.disagreement,
                "remove_threats": list(s.remove_threats) or None,
            },
        )
        for table in ("values", "party", "ratification", "constituency", "transfer"):
            for owner, fields in getattr(s, table).items():
                if fields:
                    lines += [f"[scenario.{table}.{_key(owner)}]", *_pairs(fields)]
        for x in s.interactions:
            lines += ["[[scenario.interaction]]", *_pairs(_interaction(x))]
        for t in s.threats:
            lines += ["[[scenario.threat]]", *_pairs(_threat(t))]
    return lines + _uncertainty(game)


def _threat(t: Threat) -> dict[str, Any]:
    return {
        "id": t.id,
        "by": t.by,
        "issue": t.issue,
        "option": t.option,
        "name": t.name or None,
        "note": t.note or None,
    }


def _transfers(game: NegotiationGame) -> list[str]:
    lines: list[str] = []
    for t in game.transfers:
        lines += _array(
            "transfer",
            {"id": t.id, "name": t.name or None, "from": t.payer, "to": t.payee, "max": t.max},
            {"values": t.values},
        )
    return lines


def _uncertainty(game: Any) -> list[str]:
    """``[uncertainty]`` and ``[[conclusion]]``."""
    lines: list[str] = []
    if game.uncertainty is not None:
        lines += ["", "[uncertainty]", *_pairs({"spread": game.uncertainty.spread})]
        for r in game.uncertainty.ranges:
            values = list(r.values) or None
            lines += _array("uncertainty.range", {"path": r.path, "low": r.low, "high": r.high})
            lines += _pairs({"values": values})
    for c in getattr(game, "conclusions", ()):
        package = {k: v[0] if len(v) == 1 else list(v) for k, v in c.package.items()}
        lines += _array(
            "conclusion",
            {"id": c.id, "name": c.name or None, "solution": c.solution, "package": package},
        )
    return lines


def _interaction(x: Any) -> dict[str, Any]:
    when = {k: v[0] if len(v) == 1 else list(v) for k, v in x.when.items()}
    return {"id": x.id, "actor": x.actor, "when": when, "value": x.value, "note": x.note or None}


def _normal_form(game: NormalFormGame) -> list[str]:
    lines: list[str] = []
    for p in game.players:
        lines += _array(
            "player", {"id": p.id, "name": p.name or None, "strategies": list(p.strategies)}
        )
    if len(game.players) == 2:
        return [*lines, "", "[payoffs]", *_pairs(game.payoffs)]
    import numpy as np

    for index in np.ndindex(*game.shape):
        profile = {p.id: p.strategies[k] for p, k in zip(game.players, index, strict=True)}
        payoffs = {p: game.payoff(p, tuple(profile.values())) for p in game.player_ids}
        lines += ["", "[[outcome]]", *_pairs({"profile": profile, "payoffs": payoffs})]
    return lines


def _extensive_form(game: ExtensiveFormGame) -> list[str]:
    lines: list[str] = []
    for p in game.players:
        lines += _array("player", {"id": p})
    for n in game.nodes:
        lines += _array(
            "node",
            {
                "id": n.id,
                "player": n.player,
                "info": n.info,
                "chance": n.chance,
                "moves": n.moves or None,
                "payoffs": n.payoffs,
            },
        )
    return lines


def _coalition(game: CoalitionGame) -> list[str]:
    lines = [*_pairs({"players": list(game.players)}), "", "[value]"]
    for mask in range(1, 1 << game.n):
        lines.append(f"{_key('+'.join(game.members(mask)))} = {_value(game.worth[mask])}")
    return lines


def _voting(game: VotingGame) -> list[str]:
    lines = _pairs({"quota": game.quota})
    for b in game.blocs:
        lines += _array(
            "bloc", {"id": b.id, "name": b.name or None, "count": b.count, "weight": b.weight}
        )
    for r in game.rules:
        lines += _array("rule", {"need": r.need})
    return lines


def _bargaining(game: BargainingProblem) -> list[str]:
    points = None if game.points is None else [list(p) for p in game.points]
    lines = _pairs({"points": points, "pie": game.pie, "first": game.first})
    for p in game.players:
        lines += _array(
            "player",
            {
                "id": p.id,
                "name": p.name or None,
                "disagreement": p.disagreement,
                "discount": p.discount,
                "power": p.power,
            },
        )
    return lines
