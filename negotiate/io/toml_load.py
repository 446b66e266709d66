"""Loading ``negotiate/1`` game files (TOML) into typed games.

The loader checks the shape of the file (tables, keys, types) and leaves the meaning to the
model classes, so a game built in Python and one loaded from a file pass the same validation.
Every error names the file, the key path and, when it can be found, the line.

>>> game = loads('''
... format = "negotiate/1"
... [game]
... id = "split"
... kind = "bargaining"
... title = "Split a dollar"
... pie = 1
... [[player]]
... id = "us"
... discount = "9/10"
... [[player]]
... id = "mx"
... discount = "4/5"
... ''')
>>> game.kind, game.players[0].discount
('bargaining', Fraction(9, 10))
>>> loads('format = "negotiate/1"\\n[game]\\nid = "x"\\nkind = "poker"\\ntitle = "X"\\n',
...       source="x.toml")
Traceback (most recent call last):
...
negotiate.errors.GameFileError: x.toml:4: game.kind: unknown kind `poker` (expected one of: ...)
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from math import prod
from pathlib import Path
from typing import Any

from negotiate.errors import (
    GameFileError,
    GameFileWarning,
    GameTooLargeError,
    InvalidGameError,
    join_path,
)
from negotiate.io._locate import line_of
from negotiate.io._meaning import check_meaning
from negotiate.io._read import parse_toml, read_text
from negotiate.io._sizes import check_sizes, check_table_sizes
from negotiate.io._tables import _build, _describe, _Table
from negotiate.limits import check
from negotiate.model import (
    BargainingPlayer,
    BargainingProblem,
    Bloc,
    CoalitionGame,
    Conclusion,
    Constituency,
    ExtensiveFormGame,
    Game,
    Interaction,
    Issue,
    NegotiationGame,
    Node,
    NormalFormGame,
    Party,
    Player,
    Range,
    Ratification,
    Rule,
    Scenario,
    Uncertainty,
    VotingGame,
)
from negotiate.model._common import KINDS, check_reference
from negotiate.model.lotteries import EXECUTIVE_RESERVATION, Lotteries, Lottery
from negotiate.model.threats import Threat
from negotiate.model.transfers import Transfer

__all__ = ["FORMAT", "load", "loads"]

FORMAT = "negotiate/1"
"""The value of ``format`` this loader reads."""

_HEADER_KEYS = ("id", "kind", "title", "description", "sources")
_GAME_KEYS = {
    "negotiation": ("disagreement",),
    "normal_form": (),
    "extensive_form": (),
    "coalition": ("players", "default_value"),
    "weighted_voting": ("quota",),
    "bargaining": ("points", "pie", "first"),
}
_TABLES = {
    "negotiation": (
        "party",
        "issue",
        "constituency",
        "interaction",
        "ratification",
        "scenario",
        "threat",
        "transfer",
        "uncertainty",
        "conclusion",
    ),
    "normal_form": ("player", "payoffs", "outcome", "uncertainty"),
    "extensive_form": ("player", "node", "uncertainty"),
    "coalition": ("value", "uncertainty"),
    "weighted_voting": ("bloc", "rule", "uncertainty"),
    "bargaining": ("player", "uncertainty"),
}


def load(path: str | os.PathLike[str], scenario: str | None = None) -> Game:
    """Load a game file, with a scenario merged in if one is named.

    Parameters
    ----------
    path : str or path-like
        A ``negotiate/1`` TOML file.
    scenario : str, optional
        The id of a ``[[scenario]]`` of a negotiation game.

    Raises
    ------
    GameFileError
        When the file cannot be read or breaks a rule of the format; the message names the file,
        the key path and the line.

    Examples
    --------
    >>> from negotiate.io.catalog import shipped_game_path
    >>> load(shipped_game_path("whole_enchilada"), "post_9_11").scenario
    'post_9_11'
    """
    path = Path(path)
    return loads(read_text(path), scenario, source=str(path))


def loads(text: str, scenario: str | None = None, *, source: str = "<string>") -> Game:
    """Load a game from TOML text; ``source`` names it in error messages. See :func:`load`.

    Examples
    --------
    >>> game = loads('''format = "negotiate/1"
    ... [game]
    ... id = "g"
    ... kind = "coalition"
    ... title = "G"
    ... players = ["a", "b"]
    ... default_value = 0
    ... [value]
    ... "a+b" = 1''')
    >>> game.kind, game.n
    ('coalition', 2)
    """
    data = parse_toml(text, source)
    try:
        check_table_sizes(data)
        game = _read(data)
        check_sizes(game)
        notes = check_meaning(game, data)
        if scenario is not None:
            if not isinstance(game, NegotiationGame):
                raise InvalidGameError(
                    f"only negotiation games have scenarios (this is a {game.kind!r} game)",
                    "scenario",
                )
            game = game.with_scenario(scenario)
    except InvalidGameError as error:
        line = line_of(text, error.path) if error.path else None
        raise GameFileError(error.message, error.path, file=source, line=line) from None
    except GameTooLargeError as error:
        raise GameFileError(str(error), "game", file=source, line=line_of(text, "game")) from None
    for path, message in notes:
        warnings.warn(GameFileWarning(message, path, source, line_of(text, path)), stacklevel=2)
    return game


# -- tables ---------------------------------------------------------------------------------------


def _read(data: dict[str, Any]) -> Game:
    keys = list(data)
    if "format" not in data:
        raise InvalidGameError(
            f'missing `format = "{FORMAT}"` (it must be the first key)', "format"
        )
    if data["format"] != FORMAT:
        raise InvalidGameError(
            f'unsupported format {data["format"]!r} (this reader knows "{FORMAT}")', "format"
        )
    if keys[0] != "format":
        raise InvalidGameError("`format` must be the file's first key", "format")
    root = _Table(data, "")
    root.get("format")
    game = _Table(root.get("game", dict, required=True), "game")
    kind = game.string("kind", required=True)
    assert kind is not None
    check_reference(kind, KINDS, "kind", "game.kind")
    header: dict[str, Any] = {
        "id": game.string("id", required=True),
        "title": game.string("title", required=True),
        "description": game.string("description") or "",
        "sources": game.strings("sources") or [],
    }
    settings = {key: game.get(key) for key in _GAME_KEYS[kind]}
    game.finish()
    root.allowed.extend(_TABLES[kind])
    root.finish()
    if kind != "negotiation" and root.data.get("uncertainty") is not None:
        header["uncertainty"] = _read_uncertainty(root)
    reader = _READERS[kind]
    try:
        return reader(root, header, settings)
    except InvalidGameError as error:
        head = error.path.split(".", 1)[0].split("[", 1)[0]
        if head in _HEADER_KEYS or head in _GAME_KEYS[kind]:
            raise InvalidGameError(error.message, join_path("game", error.path)) from None
        raise


def _read_negotiation(root: _Table, header: dict[str, Any], settings: dict[str, Any]) -> Game:
    def actor_values(table: _Table) -> dict[str, Any]:
        return table.table("values") or {}

    parties = []
    for t in root.tables("party"):
        fields = t.fields(("id", "name", "power", "discount", "reservation"), required=("id",))
        if isinstance(fields.get("reservation"), list):
            raise InvalidGameError(EXECUTIVE_RESERVATION, f"{t.path}.reservation")
        parties.append(_build(Party, t, values=actor_values(t), **fields))
    issues = []
    for t in root.tables("issue"):
        fields = t.fields(("id", "name", "status_quo", "controlled_by"), required=("id",))
        options = t.strings("options", required=True)
        parties_ = t.strings("parties")
        issues.append(_build(Issue, t, options=options, parties=parties_, **fields))
    constituencies = []
    reservations: dict[str, Lottery] = {}
    for t in root.tables("constituency"):
        fields = t.fields(
            ("id", "party", "name", "weight", "reservation"), required=("id", "party")
        )
        _lottery_field(fields, "reservation", t.path, reservations, fields.get("id"))
        constituencies.append(_build(Constituency, t, values=actor_values(t), **fields))
    interactions = [_read_interaction(t) for t in root.tables("interaction")]
    ratifications = []
    quotas: dict[str, Lottery] = {}
    for t in root.tables("ratification"):
        fields = t.fields(("party", "quota", "executive_veto"), required=("party", "quota"))
        _lottery_field(fields, "quota", t.path, quotas, fields.get("party"))
        ratifications.append(_build(Ratification, t, **fields))
    transfers = []
    for t in root.tables("transfer"):
        fields = t.fields(("id", "name", "max"), required=("id", "max"))
        ends = {"payer": t.string("from", required=True), "payee": t.string("to", required=True)}
        transfers.append(_build(Transfer, t, values=t.table("values") or {}, **ends, **fields))
    scenarios = [_read_scenario(t) for t in root.tables("scenario")]
    disagreement = settings["disagreement"]
    if disagreement is not None and not isinstance(disagreement, str):
        raise InvalidGameError(f"expected a string (got {_describe(disagreement)})", "disagreement")
    return NegotiationGame(
        **header,
        parties=parties,
        issues=issues,
        constituencies=constituencies,
        interactions=interactions,
        ratifications=ratifications,
        scenarios=scenarios,
        transfers=transfers,
        lotteries=Lotteries(reservations=reservations, quotas=quotas),
        disagreement=disagreement or "status_quo",
        threats=[_read_threat(t) for t in root.tables("threat")],
        uncertainty=_read_uncertainty(root),
        conclusions=[_read_conclusion(t) for t in root.tables("conclusion")],
    )


def _lottery_field(
    fields: dict[str, Any], key: str, path: str, lotteries: dict[str, Lottery], owner: Any
) -> None:
    """A number given as a distribution: keep the lottery, hold its worst case in ``fields``."""
    if isinstance(fields.get(key), list):
        lottery = Lottery.parse(fields[key], f"{path}.{key}")
        if isinstance(owner, str):
            lotteries[owner] = lottery
        fields[key] = lottery.worst


def _read_scenario(t: _Table) -> Scenario:
    fields = t.fields(("id", "name", "description", "disagreement"), required=("id",))
    fields["remove_threats"] = t.strings("remove_threats") or []
    fields["threats"] = [_read_threat(x) for x in t.tables("threat")]
    return _build(  # type: ignore[no-any-return]
        Scenario,
        t,
        values=t.table("values") or {},
        party=t.table("party") or {},
        ratification=t.table("ratification") or {},
        transfer=t.table("transfer") or {},
        constituency=t.table("constituency") or {},
        interactions=[_read_interaction(i) for i in t.tables("interaction")],
        **fields,
    )


def _read_threat(table: _Table) -> Threat:
    fields = table.fields(
        ("id", "by", "issue", "option", "name", "note"), required=("id", "by", "issue", "option")
    )
    return _build(Threat, table, **fields)  # type: ignore[no-any-return]


def _read_uncertainty(root: _Table) -> Uncertainty | None:
    data = root.table("uncertainty")
    if data is None:
        return None
    table = _Table(data, "uncertainty")
    spread = table.get("spread")
    ranges = []
    for t in table.tables("range"):
        fields = t.fields(("path", "low", "high"), required=("path",))
        values = t.get("values", list)
        ranges.append(_build(Range, t, values=values or (), **fields))
    return _build(  # type: ignore[no-any-return]
        Uncertainty, table, ranges=ranges, **({} if spread is None else {"spread": spread})
    )


def _read_conclusion(table: _Table) -> Conclusion:
    fields = table.fields(("id", "name", "solution", "package"), required=("id",))
    for issue, options in fields.get("package", {}).items():
        if not isinstance(options, str | list):
            raise InvalidGameError(
                f"expected an option or a list of options (got {_describe(options)})",
                f"{table.path}.package.{issue}",
            )
    return _build(Conclusion, table, **fields)  # type: ignore[no-any-return]


def _read_interaction(table: _Table) -> Interaction:
    fields = table.fields(
        ("id", "actor", "when", "value", "note"), required=("actor", "when", "value")
    )
    when = fields["when"]
    for issue, options in when.items():
        if not isinstance(options, str | list):
            raise InvalidGameError(
                f"expected an option or a list of options (got {_describe(options)})",
                f"{table.path}.when.{issue}",
            )
    return _build(Interaction, table, **fields)  # type: ignore[no-any-return]


def _read_normal_form(root: _Table, header: dict[str, Any], _: dict[str, Any]) -> Game:
    players = []
    for t in root.tables("player"):
        strategies = t.strings("strategies", required=True)
        fields = t.fields(("id", "name"), required=("id",))
        players.append(_build(Player, t, strategies=strategies, **fields))
    check("cells", prod(len(p.strategies) for p in players), "player", "pure profiles")
    payoffs = root.table("payoffs")
    outcomes = root.tables("outcome")
    if (payoffs is None) == (not outcomes):
        raise InvalidGameError(
            "give either a [payoffs] table (two players) or one [[outcome]] per profile", "payoffs"
        )
    if payoffs is not None:
        if len(players) != 2:
            raise InvalidGameError(
                f"[payoffs] matrices are for two players (got {len(players)}); "
                "use one [[outcome]] per profile",
                "payoffs",
            )
        for player, matrix in payoffs.items():
            _check_matrix(matrix, players, f"payoffs.{player}")
        return NormalFormGame(**header, players=players, payoffs=payoffs)
    return NormalFormGame.from_outcomes(
        **header, players=players, outcomes=_read_outcomes(outcomes, players)
    )


def _check_matrix(matrix: Any, players: list[Player], path: str) -> None:
    rows, columns = (len(p.strategies) for p in players)
    if not isinstance(matrix, list) or not all(isinstance(r, list) for r in matrix):
        raise InvalidGameError(f"expected a {rows}x{columns} matrix, a list of rows", path)
    widths = sorted({len(r) for r in matrix})
    if len(matrix) != rows or widths != [columns]:
        got = f"{len(matrix)}x{widths[0]}" if len(widths) == 1 else "rows of unequal lengths"
        raise InvalidGameError(
            f"expected a {rows}x{columns} matrix: {rows} rows for `{players[0].id}`'s strategies, "
            f"{columns} columns for `{players[1].id}`'s (got {got})",
            path,
        )


def _read_outcomes(tables: list[_Table], players: list[Player]) -> dict[tuple[str, ...], Any]:
    ids = [p.id for p in players]
    outcomes: dict[tuple[str, ...], Any] = {}
    for t in tables:
        profile = t.get("profile", dict, required=True)
        payoffs = t.get("payoffs", dict, required=True)
        t.finish()
        for key in profile:
            check_reference(key, ids, "player", f"{t.path}.profile.{key}")
        for key in payoffs:
            check_reference(key, ids, "player", f"{t.path}.payoffs.{key}")
        names = []
        for player in players:
            if player.id not in profile:
                raise InvalidGameError(f"no strategy for player `{player.id}`", f"{t.path}.profile")
            if player.id not in payoffs:
                raise InvalidGameError(f"no payoff for player `{player.id}`", f"{t.path}.payoffs")
            check_reference(
                profile[player.id],
                player.strategies,
                f"strategy of `{player.id}`",
                f"{t.path}.profile.{player.id}",
            )
            names.append(profile[player.id])
        if tuple(names) in outcomes:
            raise InvalidGameError("this profile is listed twice", f"{t.path}.profile")
        outcomes[tuple(names)] = payoffs
    return outcomes


def _read_extensive_form(root: _Table, header: dict[str, Any], _: dict[str, Any]) -> Game:
    players = []
    for t in root.tables("player"):
        players.append(t.get("id", str, required=True))
        t.string("name")
        t.finish()
    nodes = []
    check("nodes", len(root.data.get("node") or ()), "node", "nodes")
    for t in root.tables("node"):
        fields = t.fields(("id", "player", "moves", "info", "chance", "payoffs"), required=("id",))
        nodes.append(_build(Node, t, **fields))
    return ExtensiveFormGame(**header, players=players, nodes=nodes)


def _read_coalition(root: _Table, header: dict[str, Any], settings: dict[str, Any]) -> Game:
    players = settings["players"]
    if players is None:
        raise InvalidGameError("missing required key `players`", "game.players")
    if not isinstance(players, list) or not all(isinstance(p, str) for p in players):
        raise InvalidGameError(
            f"expected a list of player ids (got {_describe(players)})", "game.players"
        )
    check("players", len(players), "game.players", "players")
    values = root.table("value") or {}
    return CoalitionGame.from_values(
        **header, players=players, values=values, default_value=settings["default_value"]
    )


def _read_voting(root: _Table, header: dict[str, Any], settings: dict[str, Any]) -> Game:
    blocs = []
    for t in root.tables("bloc"):
        fields = t.fields(("id", "count", "weight", "name"), required=("id",))
        blocs.append(_build(Bloc, t, **fields))
    rules = []
    for t in root.tables("rule"):
        rules.append(_build(Rule, t, **t.fields(("need",), required=("need",))))
    return VotingGame(**header, blocs=blocs, quota=settings["quota"], rules=rules)


def _read_bargaining(root: _Table, header: dict[str, Any], settings: dict[str, Any]) -> Game:
    players = []
    for t in root.tables("player"):
        fields = t.fields(("id", "name", "disagreement", "discount", "power"), required=("id",))
        players.append(_build(BargainingPlayer, t, **fields))
    return BargainingProblem(
        **header,
        players=players,
        points=settings["points"],
        pie=settings["pie"],
        first=settings["first"] or "",
    )


_READERS: dict[str, Callable[..., Game]] = {
    "negotiation": _read_negotiation,
    "normal_form": _read_normal_form,
    "extensive_form": _read_extensive_form,
    "coalition": _read_coalition,
    "weighted_voting": _read_voting,
    "bargaining": _read_bargaining,
}
