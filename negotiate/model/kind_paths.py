"""Parameter paths of the games that are not negotiations: read, replace and list their numbers.

The names follow the file (``negotiate/1``), a table and the keys down to the number:

- normal form: ``payoffs.PLAYER.S_1.S_2...``, ``PLAYER``'s payoff when the players (in file
  order) play ``S_1``, ``S_2``, ... (for two players: row ``S_1``, column ``S_2`` of
  ``[payoffs]``);
- extensive form: ``node.NODE.payoffs.PLAYER``, a terminal node's payoff;
- coalition: ``value.COALITION``, a coalition's worth, members joined by ``+`` in any order;
- weighted voting: ``game.quota``, ``bloc.BLOC.weight`` and ``rule.K.need.BLOC`` (the ``K``-th
  rule, from 0; a whole number of members);
- bargaining: ``game.pie``, ``game.points.K.PLAYER`` (``PLAYER``'s utility at the ``K``-th point,
  from 0) and ``player.PLAYER.FIELD`` (``disagreement``, ``discount`` or ``power``).

>>> from negotiate.model import CoalitionGame
>>> game = CoalitionGame.from_values(id="g", title="G", players=["us", "mx"],
...                                  values={"us": 0, "mx": 0, "us+mx": 4})
>>> value_at(game, "value.mx+us"), value_at(game, "value.us+mx")
(Fraction(4, 1), Fraction(4, 1))
>>> varied(game, "value.us", 1).worth
(Fraction(0, 1), Fraction(1, 1), Fraction(0, 1), Fraction(4, 1))
>>> kind_number_paths(game)
('value.us', 'value.mx', 'value.us+mx')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from negotiate.errors import InvalidGameError
from negotiate.exact.numbers import Number
from negotiate.model._common import did_you_mean

__all__ = [
    "canonical",
    "kind_number_paths",
    "kind_parse",
    "spread_bounds",
    "value_at",
    "varied",
    "whole",
]

_TABLES = {
    "normal_form": ("payoffs",),
    "extensive_form": ("node",),
    "coalition": ("value",),
    "weighted_voting": ("game", "bloc", "rule"),
    "bargaining": ("game", "player"),
}
_BARGAINER_FIELDS = ("disagreement", "discount", "power")


def _unknown(what: str, word: str, choices: Iterable[str], path: str) -> InvalidGameError:
    return InvalidGameError(
        f"unknown {what} `{word}` in parameter path `{path}`{did_you_mean(word, choices)}"
    )


def _shape(path: str, shape: str) -> InvalidGameError:
    return InvalidGameError(f"parameter path `{path}` should look like `{shape}`")


def _index(word: str, count: int, what: str, path: str) -> int:
    if not word.isdigit() or int(word) >= count:
        raise InvalidGameError(
            f"unknown {what} `{word}` in parameter path `{path}` (expected 0 to {count - 1})"
        )
    return int(word)


def _normal_form(game: Any, parts: list[str], path: str) -> tuple[Any, ...]:
    if len(parts) != 2 + len(game.players):
        strategies = ".".join(f"STRATEGY_OF_{p.id.upper()}" for p in game.players)
        raise _shape(path, f"payoffs.PLAYER.{strategies}")
    if parts[1] not in game.player_ids:
        raise _unknown("player", parts[1], game.player_ids, path)
    cell = []
    for player, strategy in zip(game.players, parts[2:], strict=True):
        if strategy not in player.strategies:
            raise _unknown(f"strategy of `{player.id}`", strategy, player.strategies, path)
        cell.append(player.strategies.index(strategy))
    return ("payoffs", parts[1], tuple(cell))


def _extensive(game: Any, parts: list[str], path: str) -> tuple[Any, ...]:
    if len(parts) != 4 or parts[2] != "payoffs":
        raise _shape(path, "node.NODE.payoffs.PLAYER")
    terminal = [n.id for n in game.terminal_nodes()]
    if parts[1] not in terminal:
        raise _unknown("terminal node", parts[1], terminal, path)
    if parts[3] not in game.players:
        raise _unknown("player", parts[3], game.players, path)
    return ("node", parts[1], parts[3])


def _coalition(game: Any, parts: list[str], path: str) -> tuple[Any, ...]:
    if len(parts) != 2 or not parts[1]:
        raise _shape(path, "value.PLAYER+PLAYER+...")
    mask = 0
    for member in parts[1].split("+"):
        if member not in game.players:
            raise _unknown("player", member, game.players, path)
        if mask & 1 << game.players.index(member):
            raise InvalidGameError(f"player `{member}` is listed twice in `{path}`")
        mask |= 1 << game.players.index(member)
    return ("value", mask)


def _voting(game: Any, parts: list[str], path: str) -> tuple[Any, ...]:
    table = parts[0]
    if table == "game":
        if parts[1:] != ["quota"] or game.quota is None:
            raise _shape(path, "game.quota (of a weighted body)")
        return ("quota",)
    if table == "bloc":
        if len(parts) != 3:
            raise _shape(path, "bloc.BLOC.weight")
        if parts[1] not in game.bloc_ids:
            raise _unknown("bloc", parts[1], game.bloc_ids, path)
        if parts[2] != "weight" or game.quota is None:
            raise _unknown("bloc field", parts[2], ["weight"] if game.quota else [], path)
        return ("weight", parts[1])
    if len(parts) != 4 or parts[2] != "need":
        raise _shape(path, "rule.K.need.BLOC")
    k = _index(parts[1], len(game.rules), "rule", path)
    if parts[3] not in game.rules[k].need:
        raise _unknown(f"bloc of rule {k}", parts[3], game.rules[k].need, path)
    return ("need", k, parts[3])


def _bargaining(game: Any, parts: list[str], path: str) -> tuple[Any, ...]:
    if parts[0] == "player":
        if len(parts) != 3:
            raise _shape(path, "player.PLAYER.FIELD")
        if parts[1] not in game.player_ids:
            raise _unknown("player", parts[1], game.player_ids, path)
        if parts[2] not in _BARGAINER_FIELDS:
            raise _unknown("player field", parts[2], _BARGAINER_FIELDS, path)
        return ("player", parts[1], parts[2])
    if parts[1:] == ["pie"] and game.pie is not None:
        return ("pie",)
    if len(parts) != 4 or parts[1] != "points" or game.points is None:
        raise _shape(path, "game.points.K.PLAYER" if game.points else "game.pie")
    k = _index(parts[2], len(game.points), "point", path)
    if parts[3] not in game.player_ids:
        raise _unknown("player", parts[3], game.player_ids, path)
    return ("point", k, game.player_ids.index(parts[3]))


_PARSERS = {
    "normal_form": _normal_form,
    "extensive_form": _extensive,
    "coalition": _coalition,
    "weighted_voting": _voting,
    "bargaining": _bargaining,
}


def kind_parse(game: Any, path: str) -> tuple[Any, ...]:
    """The located parts of ``path`` in ``game`` (a game that is not a negotiation); raises
    :class:`~negotiate.errors.InvalidGameError` with a did-you-mean for an unknown part."""
    parts = path.split(".")
    tables = _TABLES[game.kind]
    if parts[0] not in tables:
        raise _unknown("table", parts[0], tables, path)
    return _PARSERS[game.kind](game, parts, path)


def value_at(game: Any, path: str) -> Number:
    """The number at ``path``."""
    where = kind_parse(game, path)
    head = where[0]
    if head == "payoffs":
        value = game.payoffs[where[1]]
        for k in where[2]:
            value = value[k]
        return value  # type: ignore[no-any-return]
    if head == "node":
        return game.node(where[1]).payoffs[where[2]]  # type: ignore[no-any-return]
    if head == "value":
        return game.worth[where[1]]  # type: ignore[no-any-return]
    if head == "quota":
        return game.quota  # type: ignore[no-any-return]
    if head == "weight":
        return next(b.weight for b in game.blocs if b.id == where[1])  # type: ignore[no-any-return]
    if head == "need":
        return game.rules[where[1]].need[where[2]]  # type: ignore[no-any-return]
    if head == "player":
        player = next(p for p in game.players if p.id == where[1])
        return getattr(player, where[2])  # type: ignore[no-any-return]
    if head == "pie":
        return game.pie  # type: ignore[no-any-return]
    return game.points[where[1]][where[2]]  # type: ignore[no-any-return]


def _replaced(nested: Any, cell: tuple[int, ...], value: Number) -> Any:
    if not cell:
        return value
    items = list(nested)
    items[cell[0]] = _replaced(items[cell[0]], cell[1:], value)
    return items


def _varied(game: Any, where: tuple[Any, ...], value: Number) -> Any:
    head = where[0]
    if head == "payoffs":
        payoffs = dict(game.payoffs)
        payoffs[where[1]] = _replaced(payoffs[where[1]], where[2], value)
        return attrs.evolve(game, payoffs=payoffs)
    if head == "node":
        nodes = [
            attrs.evolve(n, payoffs={**n.payoffs, where[2]: value}) if n.id == where[1] else n
            for n in game.nodes
        ]
        return attrs.evolve(game, nodes=nodes)
    if head == "value":
        worth = list(game.worth)
        worth[where[1]] = value
        return attrs.evolve(game, worth=worth)
    if head in ("quota", "pie"):
        return attrs.evolve(game, **{head: value})
    if head == "weight":
        blocs = [attrs.evolve(b, weight=value) if b.id == where[1] else b for b in game.blocs]
        return attrs.evolve(game, blocs=blocs)
    if head == "need":
        rules = list(game.rules)
        rule = rules[where[1]]
        rules[where[1]] = attrs.evolve(rule, need={**rule.need, where[2]: value})
        return attrs.evolve(game, rules=rules)
    if head == "player":
        players = [
            attrs.evolve(p, **{where[2]: value}) if p.id == where[1] else p for p in game.players
        ]
        return attrs.evolve(game, players=players)
    points = [list(p) for p in game.points]
    points[where[1]][where[2]] = value
    return attrs.evolve(game, points=points)


def varied(game: Any, path: str, value: Number) -> Any:
    """``game`` with the number at ``path`` replaced by ``value`` (a new game, validated: a
    value its field refuses raises :class:`~negotiate.errors.InvalidGameError`)."""
    where = kind_parse(game, path)
    if where[0] == "need":
        if int(value) != value or value < 0:
            raise InvalidGameError(f"{path} = {value}: expected a whole number of members >= 0")
        value = int(value)
    try:
        return _varied(game, where, value)
    except InvalidGameError as error:
        raise InvalidGameError(f"{path} = {value}: {error.message}", path) from None


def _apply(game: Any, changes: dict[str, Any], where: tuple[Any, ...], value: Number) -> None:
    """Record the change at ``where`` into ``changes`` (field -> its new, mutable value)."""
    head = where[0]
    if head == "payoffs":
        payoffs = changes.setdefault(
            "payoffs", {p: _replaced(v, (), v) for p, v in game.payoffs.items()}
        )
        payoffs[where[1]] = _replaced(payoffs[where[1]], where[2], value)
    elif head == "node":
        changes.setdefault("node", {}).setdefault(where[1], {})[where[2]] = value
    elif head == "value":
        changes.setdefault("worth", list(game.worth))[where[1]] = value
    elif head in ("quota", "pie"):
        changes[head] = value
    elif head == "weight":
        changes.setdefault("weight", {})[where[1]] = value
    elif head == "need":
        changes.setdefault("need", {}).setdefault(where[1], {})[where[2]] = int(value)
    elif head == "player":
        changes.setdefault("player", {}).setdefault(where[1], {})[where[2]] = value
    else:
        changes.setdefault("points", [list(p) for p in game.points])[where[1]][where[2]] = value


def _fields(game: Any, changes: dict[str, Any]) -> dict[str, Any]:
    """The model fields of ``game`` that ``changes`` replace."""
    out: dict[str, Any] = {
        k: changes[k] for k in ("payoffs", "worth", "quota", "pie", "points") if k in changes
    }
    if "node" in changes:
        out["nodes"] = [
            attrs.evolve(n, payoffs={**n.payoffs, **changes["node"][n.id]})
            if n.id in changes["node"]
            else n
            for n in game.nodes
        ]
    if "weight" in changes:
        out["blocs"] = [
            attrs.evolve(b, weight=changes["weight"][b.id]) if b.id in changes["weight"] else b
            for b in game.blocs
        ]
    if "need" in changes:
        out["rules"] = [
            attrs.evolve(r, need={**r.need, **changes["need"][k]}) if k in changes["need"] else r
            for k, r in enumerate(game.rules)
        ]
    if "player" in changes:
        out["players"] = [
            attrs.evolve(p, **changes["player"][p.id]) if p.id in changes["player"] else p
            for p in game.players
        ]
    return out


def many_varied(game: Any, changes: Iterable[tuple[str, Number]]) -> Any:
    """``game`` with every ``(path, value)`` of ``changes`` made, validated once (a sample of a
    study changes every uncertain number at once).

    >>> from negotiate.model import CoalitionGame
    >>> game = CoalitionGame.from_values(id="g", title="G", players=["a", "b"],
    ...                                  values={"a": 0, "b": 0, "a+b": 4})
    >>> many_varied(game, [("value.a", 1), ("value.a+b", 5)]).worth
    (Fraction(0, 1), Fraction(1, 1), Fraction(0, 1), Fraction(5, 1))
    """
    pending: dict[str, Any] = {}
    for path, value in changes:
        _apply(game, pending, kind_parse(game, path), value)
    try:
        return attrs.evolve(game, **_fields(game, pending))
    except InvalidGameError as error:
        raise InvalidGameError(f"a sampled model: {error.message}", error.path) from None


def canonical(game: Any, path: str) -> str:
    """The one spelling of ``path``: a coalition's members in player order (``value.mx+us`` of
    players ``us, mx`` is ``value.us+mx``); other paths unchanged."""
    if getattr(game, "kind", "") == "coalition" and path.startswith("value."):
        return f"value.{'+'.join(game.members(kind_parse(game, path)[1]))}"
    return path


def whole(game: Any, path: str) -> bool:
    """Whether the number at ``path`` counts members (a rule's need): it varies in whole steps."""
    return game.kind == "weighted_voting" and path.startswith("rule.")


def spread_bounds(game: Any, path: str) -> tuple[Number | None, Number | None]:
    """The bounds a spread keeps the number at ``path`` within (``None``: unbounded): weights
    stay at or above 0, a rule's need between 0 and its bloc's size."""
    where = kind_parse(game, path) if game.kind != "negotiation" else (path.split(".")[0],)
    if where[0] in ("weight", "constituency"):
        return (0, None)
    if where[0] == "need":
        return (0, next(b.count for b in game.blocs if b.id == where[2]))
    return (None, None)


def kind_number_paths(game: Any) -> tuple[str, ...]:
    """The numbers a ``spread`` covers: every payoff (normal form, terminal nodes), every worth,
    a weighted body's weights and quota (a body of rules counts members: not a judgement), a
    bargaining problem's utilities (its points or pie, and the disagreement values)."""
    kind = game.kind
    if kind == "normal_form":
        out = []
        for player in game.players:
            for cell in _cells(game.players):
                out.append(".".join(("payoffs", player.id, *cell)))
        return tuple(out)
    if kind == "extensive_form":
        return tuple(f"node.{n.id}.payoffs.{p}" for n in game.terminal_nodes() for p in n.payoffs)
    if kind == "coalition":
        return tuple(f"value.{'+'.join(game.members(m))}" for m in range(1, 1 << game.n))
    if kind == "weighted_voting":
        if game.quota is None:
            return ()
        return (*(f"bloc.{b.id}.weight" for b in game.blocs), "game.quota")
    if game.pie is not None:
        utilities = ["game.pie"]
    else:
        utilities = [
            f"game.points.{k}.{p}" for k in range(len(game.points)) for p in game.player_ids
        ]
    return (*utilities, *(f"player.{p}.disagreement" for p in game.player_ids))


def _cells(players: Any) -> list[tuple[str, ...]]:
    cells: list[tuple[str, ...]] = [()]
    for player in players:
        cells = [(*c, s) for c in cells for s in player.strategies]
    return cells
