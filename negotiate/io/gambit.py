"""Gambit's game files: strategic games (``.nfg``) and game trees (``.efg``), read and written.

The grammar follows Gambit's documentation ("Game representation formats") and its reader
(``src/games/file.cc``): a file is a stream of tokens (quoted labels with ``\\"`` escapes,
numbers, braces, optional commas), starting with ``NFG 1 R`` or ``EFG 2 R``, a title and the
players' names.

- ``.nfg``: the strategies (counts, or one list of labels per player), an optional comment, then
  either the *payoff version* (payoffs of every player at every profile, the first player's
  strategy changing fastest) or the *outcome version* (a list of outcomes, then one outcome
  number per profile, 0 meaning all zero). Both are read; the payoff version with strategy labels
  is written.
- ``.efg``: the nodes in prefix order: ``c`` chance nodes (label, event number, optionally the
  event's name and ``{ "move" probability ... }``, outcome), ``p`` personal nodes (label, player
  number, information-set number, optionally its name and ``{ "move" ... }``, outcome) and ``t``
  terminal nodes (label, outcome). An outcome is a number, optionally followed by its name and
  payoffs; outcomes at non-terminal nodes add to the payoffs of every path through them.

Numbers stay exact: ``1/3`` and decimals such as ``0.25`` are read as fractions, and exact
payoffs are written as ``p/q``. Names become ids of ``negotiate/1`` (lower case, ``_`` for other
characters); a player's original name is kept as its ``name``. Written files label players by
their ids, so ``from_gambit(to_gambit(game))`` gives the game back (its ``sources`` aside, which
Gambit files cannot hold).

>>> from negotiate.model.normal_form import NormalFormGame, Player
>>> game = NormalFormGame.from_matrices(
...     id="bos", title="Battle of the sexes",
...     players=[Player(id="ann", strategies=["opera", "football"]),
...              Player(id="bob", strategies=["opera", "football"])],
...     row=[[2, 0], [0, "1/2"]], column=[[1, 0], [0, 2]])
>>> print(to_gambit(game), end="")
NFG 1 R "Battle of the sexes" { "ann" "bob" }
{ { "opera" "football" } { "opera" "football" } }
""
<BLANKLINE>
2 1 0 0 0 0 1/2 2
>>> from_gambit(to_gambit(game), id="bos") == game
True
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import numpy as np

from negotiate.errors import GameFileError
from negotiate.exact.numbers import Number
from negotiate.io._gambit_text import (
    _header,
    _number,
    _quote,
    _slug,
    _Tokens,
    _unique_ids,
    _unique_labels,
)
from negotiate.model.extensive_form import ExtensiveFormGame, Node
from negotiate.model.normal_form import NormalFormGame, Player

__all__ = [
    "CONVERTIBLE",
    "convert",
    "from_gambit",
    "read_efg",
    "read_gambit",
    "read_nfg",
    "to_gambit",
    "write_efg",
    "write_gambit",
    "write_nfg",
]

GambitGame = NormalFormGame | ExtensiveFormGame


def read_nfg(text: str, id: str | None = None, file: str = "<string>") -> NormalFormGame:
    """A strategic game from the text of a ``.nfg`` file (payoff or outcome version).

    Parameters
    ----------
    text : str
        The file's contents.
    id : str, optional
        The game's id (default: made from the title).
    file : str
        The file name used in error messages.

    Raises
    ------
    GameFileError
        Naming the line and what was expected.

    Examples
    --------
    Gambit's own example ``e02.nfg`` (Selten 1975, Figure 2, normal form):

    >>> game = read_nfg('''NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"
    ... { "Player 1" "Player 2" } { 3 2 }
    ... 1 1 0 2 0 2 1 1 0 3 2 0''')
    >>> game.player_ids, [p.name for p in game.players], game.shape
    (('player_1', 'player_2'), ['Player 1', 'Player 2'], (3, 2))
    >>> game.payoff("player_2", ("3", "2"))
    Fraction(0, 1)
    """
    tokens = _Tokens(text, file)
    title, names = _header(tokens, "NFG", "1", "a strategic game file")
    if not names:
        raise tokens.error("expected at least one player")
    strategies = _nfg_strategies(tokens, names)
    comment = tokens.accept("text")
    shape = tuple(len(s) for s in strategies)
    if any(size == 0 for size in shape):
        raise tokens.error("every player needs at least one strategy")
    arrays = _nfg_payoffs(tokens, len(names), shape)
    if tokens.peek() is not None:
        raise tokens.error("expected the end of the file")
    ids = _unique_ids(names, "player_")
    players = [
        Player(id=pid, name=name if name != pid else "", strategies=s)
        for pid, name, s in zip(ids, names, strategies, strict=True)
    ]
    return NormalFormGame(
        id=id or _slug(title) or "game",
        title=title,
        description=comment.value if comment else "",
        players=players,
        payoffs={pid: arrays[k].tolist() for k, pid in enumerate(ids)},
    )


def _nfg_strategies(tokens: _Tokens, names: list[str]) -> list[list[str]]:
    """The strategy block of a ``.nfg`` header: labels per player, or counts (labelled 1..k)."""
    tokens.next("{", "'{' before the strategies")
    strategies: list[list[str]] = []
    if tokens.peek() is not None and tokens.peek().kind == "{":  # type: ignore[union-attr]
        for name in names:
            labels = tokens.labels(f"a strategy name of {name!r}")
            strategies.append(_unique_labels(labels, ""))
    else:
        for _ in names:
            count = tokens.integer("a number of strategies")
            strategies.append([str(k) for k in range(1, count + 1)])
    tokens.next("}", "'}' after the strategies")
    return strategies


def _nfg_payoffs(tokens: _Tokens, players: int, shape: tuple[int, ...]) -> list[np.ndarray]:
    """The payoff arrays of a ``.nfg`` body, in either the outcome or the payoff version
    (profiles listed with the first player's strategy changing fastest)."""
    profiles = [tuple(reversed(index)) for index in np.ndindex(*reversed(shape))]
    arrays = [np.empty(shape, dtype=object) for _ in range(players)]
    if tokens.accept("{") is None:  # payoff version
        for profile in profiles:
            for array in arrays:
                array[profile] = tokens.number("a payoff")
        return arrays
    outcomes: list[list[Number]] = []
    while tokens.accept("{") is not None:
        tokens.next("text", "an outcome's name in quotes")
        payoffs = []
        for _ in range(players):
            payoffs.append(tokens.number("a payoff"))
            tokens.accept("comma")
        tokens.next("}", "'}' after an outcome's payoffs")
        outcomes.append(payoffs)
    tokens.next("}", "'}' after the outcomes")
    for profile in profiles:
        number = tokens.integer("an outcome number")
        if number > len(outcomes):
            raise tokens.error(f"outcome {number} is not defined")
        values = outcomes[number - 1] if number else [Fraction(0)] * players
        for array, value in zip(arrays, values, strict=True):
            array[profile] = value
    return arrays


def write_nfg(game: NormalFormGame) -> str:
    """The payoff version of ``.nfg`` (with strategy labels), exact numbers as ``p/q``."""
    players = " ".join(_quote(p) for p in game.player_ids)
    strategies = " ".join(
        "{ " + " ".join(_quote(s) for s in p.strategies) + " }" for p in game.players
    )
    arrays = [np.asarray(game.payoffs[p], dtype=object) for p in game.player_ids]
    values = []
    for reversed_index in np.ndindex(*reversed(game.shape)):
        profile = tuple(reversed(reversed_index))
        values += [_number(a[profile]) for a in arrays]
    return (
        f"NFG 1 R {_quote(game.title)} {{ {players} }}\n"
        f"{{ {strategies} }}\n"
        f"{_quote(game.description)}\n\n" + " ".join(values) + "\n"
    )


# ----------------------------------------------------------------------------------------------
# .efg


@attrs.define
class _TreeNode:
    kind: str
    label: str
    player: int = 0
    infoset: int = 0
    moves: list[str] = attrs.Factory(list)
    probabilities: list[Number] = attrs.Factory(list)
    payoffs: list[Number] | None = None
    children: list[_TreeNode] = attrs.Factory(list)


def read_efg(text: str, id: str | None = None, file: str = "<string>") -> ExtensiveFormGame:
    """A game tree from the text of an ``.efg`` file.

    Node ids come from node labels (or ``n1``, ``n2``, ... in prefix order); an information set
    with several nodes, or with a name, becomes ``info`` of its nodes.

    Examples
    --------
    >>> tree = read_efg('''EFG 2 R "Entry" { "Entrant" "Incumbent" } ""
    ... p "root" 1 1 "" { "out" "in" } 0
    ... t "stay_out" 1 "" { 0 2 }
    ... p "respond" 2 1 "" { "fight" "share" } 0
    ... t "war" 2 "" { -1 -1 }
    ... t "peace" 3 "" { 1 1 }''')
    >>> tree.players, [n.id for n in tree.nodes]
    (('entrant', 'incumbent'), ['root', 'stay_out', 'respond', 'war', 'peace'])
    """
    tokens = _Tokens(text, file)
    title, names = _header(tokens, "EFG", "2", "a game tree file")
    comment = tokens.accept("text")
    players = _unique_ids(names, "player_")
    outcomes: dict[int, list[Number]] = {}
    infosets: dict[tuple[int, int], tuple[str, list[str], list[Number]]] = {}

    def outcome() -> list[Number] | None:
        number = tokens.integer("an outcome number")
        if tokens.accept("text") is not None:
            if number == 0:
                raise tokens.error("outcome 0 (the null outcome) cannot have a name or payoffs")
            tokens.next("{", "'{' before an outcome's payoffs")
            payoffs = []
            for _ in players:
                payoffs.append(tokens.number("a payoff"))
                tokens.accept("comma")
            tokens.next("}", "'}' after an outcome's payoffs")
            outcomes.setdefault(number, payoffs)
        if number == 0:
            return None
        if number not in outcomes:
            raise tokens.error(f"outcome {number} is used before its payoffs are given")
        return outcomes[number]

    def node() -> tuple[_TreeNode, list[Number] | None]:
        """One node's line, its children still to read, and its outcome's payoffs."""
        kind = tokens.next("symbol", "a node type: `c`, `p` or `t`")
        if kind.value not in ("c", "p", "t"):
            raise GameFileError(
                f"expected a node type `c`, `p` or `t` (got {kind.value!r})",
                file=file,
                line=kind.line,
            )
        label = tokens.next("text", "a node's label in quotes").value
        if kind.value == "t":
            return _TreeNode("t", label, payoffs=outcome()), None
        player = 0 if kind.value == "c" else tokens.integer("a player number")
        if kind.value == "p" and not 1 <= player <= len(players):
            raise GameFileError(
                f"player number {player} is not between 1 and {len(players)}",
                file=file,
                line=kind.line,
            )
        infoset = tokens.integer("an information set number")
        name = tokens.accept("text")
        if name is not None:
            tokens.next("{", "'{' before the moves")
            moves: list[str] = []
            probabilities: list[Number] = []
            while tokens.accept("}") is None:
                moves.append(tokens.next("text", "a move's name in quotes").value)
                if kind.value == "c":
                    probabilities.append(tokens.number("a probability"))
                tokens.accept("comma")
            infosets.setdefault((player, infoset), (name.value, moves, probabilities))
        elif (player, infoset) not in infosets:
            raise tokens.error(f"information set {infoset} is used before its moves are given")
        _, moves, probabilities = infosets[(player, infoset)]
        current = _TreeNode(
            kind.value,
            label,
            player=player,
            infoset=infoset,
            moves=_unique_labels(moves, ""),
            probabilities=probabilities,
        )
        return current, outcome()

    root = _read_tree(node)
    if tokens.peek() is not None:
        raise tokens.error("expected the end of the file")
    return _build_tree(root, players, infosets, title, comment.value if comment else "", id)


def _read_tree(node: Callable[[], tuple[_TreeNode, list[Number] | None]]) -> _TreeNode:
    """The tree whose nodes ``node`` reads in prefix order, read without recursion; the payoffs
    of a non-terminal node's outcome are added to every terminal node below it."""
    root, increment = node()
    stack = [(root, increment)]
    while stack:
        parent, increment = stack[-1]
        if len(parent.children) == len(parent.moves):
            stack.pop()
            continue
        child, child_increment = node()
        parent.children.append(child)
        if increment is not None:
            # What the outcomes above add, carried down (in time linear in the tree).
            child_increment = (
                increment
                if child_increment is None
                else [a + b for a, b in zip(increment, child_increment, strict=True)]
            )
            if child.kind == "t":
                base = child.payoffs or [Fraction(0)] * len(increment)
                child.payoffs = [a + b for a, b in zip(base, child_increment, strict=True)]
        stack.append((child, child_increment))
    return root


def _build_tree(
    root: _TreeNode,
    players: list[str],
    infosets: dict[tuple[int, int], tuple[str, list[str], list[Number]]],
    title: str,
    description: str,
    game_id: str | None,
) -> ExtensiveFormGame:
    ordered: list[_TreeNode] = []
    stack = [root]
    while stack:
        node = stack.pop()
        ordered.append(node)
        stack.extend(reversed(node.children))
    ids = _unique_ids([n.label for n in ordered], "n")
    key = {id(n): node_id for n, node_id in zip(ordered, ids, strict=True)}
    members: dict[tuple[int, int], int] = {}
    for n in ordered:
        if n.kind == "p":
            members[(n.player, n.infoset)] = members.get((n.player, n.infoset), 0) + 1
    info_ids: dict[tuple[int, int], str] = {}
    used = set(ids)
    for (player, number), (name, _, _) in infosets.items():
        if player == 0 or not (name or members.get((player, number), 0) > 1):
            continue
        base = _slug(name) or f"{players[player - 1]}_{number}"
        candidate, k = base, 1
        while candidate in used:
            k += 1
            candidate = f"{base}_{k}"
        used.add(candidate)
        info_ids[(player, number)] = candidate
    nodes = []
    for n in ordered:
        node_id = key[id(n)]
        moves = {m: key[id(c)] for m, c in zip(n.moves, n.children, strict=True)}
        if n.kind == "t":
            payoffs = n.payoffs or [Fraction(0)] * len(players)
            nodes.append(Node(id=node_id, payoffs=dict(zip(players, payoffs, strict=True))))
        elif n.kind == "c":
            chance = dict(zip(n.moves, n.probabilities, strict=True))
            nodes.append(Node(id=node_id, chance=chance, moves=moves))
        else:
            nodes.append(
                Node(
                    id=node_id,
                    player=players[n.player - 1],
                    moves=moves,
                    info=info_ids.get((n.player, n.infoset)),
                )
            )
    return ExtensiveFormGame(
        id=game_id or _slug(title) or "game",
        title=title,
        description=description,
        players=players,
        nodes=nodes,
    )


def write_efg(game: ExtensiveFormGame) -> str:
    """The ``.efg`` text of a game tree: nodes in prefix order, one outcome per terminal node."""
    nodes = {n.id: n for n in game.nodes}
    lines = [
        f"EFG 2 R {_quote(game.title)} {{ {' '.join(_quote(p) for p in game.players)} }}",
        _quote(game.description),
        "",
    ]
    numbers: dict[tuple[str, str], int] = {}
    counters = dict.fromkeys(game.players, 0)
    chance_events = 0
    outcomes = 0
    stack = [game.root]
    while stack:
        node = stack.pop()
        if node.payoffs is not None:
            outcomes += 1
            payoffs = " ".join(_number(node.payoffs[p]) for p in game.players)
            lines.append(f"t {_quote(node.id)} {outcomes} {_quote(node.id)} {{ {payoffs} }}")
            continue
        if node.chance is not None:
            chance_events += 1
            moves = " ".join(f"{_quote(m)} {_number(node.chance[m])}" for m in node.moves)
            lines.append(f'c {_quote(node.id)} {chance_events} "" {{ {moves} }} 0')
        else:
            lines.append(_efg_decision(game, node, numbers, counters))
        stack.extend(nodes[child] for child in reversed(tuple(node.moves.values())))
    return "\n".join(lines) + "\n"


def _efg_decision(
    game: ExtensiveFormGame,
    node: Node,
    numbers: dict[tuple[str, str], int],
    counters: dict[str, int],
) -> str:
    """The ``p`` line of a decision node; an information set's moves on its first node only."""
    assert node.player is not None
    player = game.players.index(node.player) + 1
    key = (node.player, game.information_set(node))
    if key in numbers:
        return f"p {_quote(node.id)} {player} {numbers[key]} 0"
    counters[node.player] += 1
    numbers[key] = counters[node.player]
    moves = " ".join(_quote(m) for m in node.moves)
    label = node.info or ""
    return f"p {_quote(node.id)} {player} {numbers[key]} {_quote(label)} {{ {moves} }} 0"


# ----------------------------------------------------------------------------------------------
# dispatch


def from_gambit(text: str, id: str | None = None, file: str = "<string>") -> GambitGame:
    """A game from Gambit text, ``.nfg`` or ``.efg`` by its first word."""
    first = text.lstrip()[:3]
    if first == "NFG":
        return read_nfg(text, id=id, file=file)
    if first == "EFG":
        return read_efg(text, id=id, file=file)
    raise GameFileError(
        f"expected a Gambit game starting with `NFG` or `EFG` (got {text.lstrip()[:20]!r})",
        file=file,
        line=1,
    )


def to_gambit(game: Any) -> str:
    """Gambit text for a strategic game (``.nfg``) or a game tree (``.efg``)."""
    if isinstance(game, NormalFormGame):
        return write_nfg(game)
    if isinstance(game, ExtensiveFormGame):
        return write_efg(game)
    raise TypeError(
        f"Gambit files hold normal_form and extensive_form games (got a {game.kind!r} game)"
    )


def read_gambit(path: str | Path, id: str | None = None) -> GambitGame:
    """A game from a ``.nfg`` or ``.efg`` file; its id defaults to the file name."""
    from negotiate.io._read import read_text

    path = Path(path)
    text = read_text(path)
    return from_gambit(text, id=id or _slug(path.stem) or None, file=str(path))


def write_gambit(game: GambitGame, path: str | Path) -> None:
    """Write a game to a Gambit file; the suffix (``.nfg`` or ``.efg``) must fit the game."""
    path = Path(path)
    expected = ".nfg" if isinstance(game, NormalFormGame) else ".efg"
    if path.suffix != expected:
        raise ValueError(f"a {game.kind} game is written to a {expected} file (got {path.name!r})")
    path.write_text(to_gambit(game), encoding="utf-8")


CONVERTIBLE = (".toml", ".nfg", ".efg")
"""The file extensions :func:`convert` reads and writes."""


def convert(source: str | Path, target_suffix: str) -> str:
    """The text of the game in ``source`` in the format of ``target_suffix``.

    ``.toml`` is ``negotiate/1``; ``.nfg`` and ``.efg`` are Gambit's. Strategic games go to
    ``.nfg``, trees to ``.efg``; any of them to ``.toml``.

    Raises
    ------
    ValueError
        For an extension other than those of :data:`CONVERTIBLE`, or a game that the target
        format cannot hold (a tree to ``.nfg``: solve its reduced form instead).
    """
    from negotiate.io import dump, load

    source = Path(source)
    for suffix in (source.suffix, target_suffix):
        if suffix not in CONVERTIBLE:
            raise ValueError(
                f"cannot convert {suffix or 'a file without extension'!r} files; "
                f"expected one of {', '.join(CONVERTIBLE)}"
            )
    game = load(source) if source.suffix == ".toml" else read_gambit(source)
    if target_suffix == ".toml":
        return dump(game)
    expected = {".nfg": NormalFormGame, ".efg": ExtensiveFormGame}[target_suffix]
    if not isinstance(game, expected):
        raise ValueError(
            f"a {game.kind} game cannot be written as {target_suffix} "
            f"(use {'.nfg' if isinstance(game, NormalFormGame) else '.efg'})"
        )
    return to_gambit(game)
