"""Finite game trees (``kind = "extensive_form"``) with chance moves and information sets.

>>> game = ExtensiveFormGame(
...     id="entry", title="Entry", players=["entrant", "incumbent"],
...     nodes=[
...         Node(id="root", player="entrant", moves={"out": "stay_out", "in": "fight_or_not"}),
...         Node(id="fight_or_not", player="incumbent", moves={"fight": "war", "share": "peace"}),
...         Node(id="stay_out", payoffs={"entrant": 0, "incumbent": 2}),
...         Node(id="war", payoffs={"entrant": -1, "incumbent": -1}),
...         Node(id="peace", payoffs={"entrant": 1, "incumbent": 1}),
...     ],
... )
>>> game.root.id, game.parent("war"), [n.id for n in game.terminal_nodes()]
('root', 'fight_or_not', ['stay_out', 'war', 'peace'])
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from fractions import Fraction
from typing import ClassVar

import attrs

from negotiate.errors import InvalidGameError
from negotiate.exact.numbers import Number, is_exact
from negotiate.model._common import (
    FrozenMap,
    GameHeader,
    check_id,
    check_reference,
    check_unique,
    optional_number_map,
    string_map,
    string_tuple,
    validate_id,
)
from negotiate.model.uncertainty import Uncertainty, check_uncertainty

__all__ = ["ExtensiveFormGame", "Node"]

NumberMap = FrozenMap[str, Number]


@attrs.frozen(kw_only=True)
class Node:
    """A node of a game tree: a decision node (``player`` and ``moves``), a chance node
    (``chance`` probabilities and ``moves``) or a terminal node (``payoffs``).

    ``moves`` maps a move's name to the child node's id; ``info`` names the information set of a
    decision node (nodes in one set share player and move names).

    Examples
    --------
    >>> Node(id="end", payoffs={"us": 1}).is_terminal
    True
    """

    id: str = attrs.field(validator=validate_id)
    player: str | None = None
    moves: FrozenMap[str, str] = attrs.field(factory=FrozenMap, converter=string_map)
    info: str | None = None
    chance: FrozenMap[str, Number] | None = attrs.field(default=None, converter=optional_number_map)
    payoffs: FrozenMap[str, Number] | None = attrs.field(
        default=None, converter=optional_number_map
    )

    def __attrs_post_init__(self) -> None:
        roles = [self.player is not None, self.chance is not None, self.payoffs is not None]
        if sum(roles) != 1:
            raise InvalidGameError(
                "a node is exactly one of: a decision node (`player` and `moves`), a chance node "
                "(`chance` and `moves`) or a terminal node (`payoffs`)",
                "",
            )
        if self.payoffs is not None and self.moves:
            raise InvalidGameError("a terminal node (with `payoffs`) has no `moves`", "moves")
        if self.payoffs is None and not self.moves:
            raise InvalidGameError("a decision or chance node needs at least one move", "moves")
        if self.info is not None:
            if self.player is None:
                raise InvalidGameError("only a decision node has an information set", "info")
            check_id(self.info, "info")
        for move, child in self.moves.items():
            if not isinstance(child, str):
                raise InvalidGameError(f"expected a node id (got {child!r})", f"moves.{move}")
        if self.chance is not None:
            self._check_chance()

    def _check_chance(self) -> None:
        assert self.chance is not None
        if set(self.chance) != set(self.moves):
            missing = sorted(set(self.moves) ^ set(self.chance))
            raise InvalidGameError(
                f"`chance` and `moves` must name the same moves (they differ on {missing})",
                "chance",
            )
        for move, probability in self.chance.items():
            if not 0 <= probability <= 1:
                raise InvalidGameError(
                    f"expected a probability in [0, 1] (got {probability})", f"chance.{move}"
                )
        total = sum(self.chance.values(), Fraction(0))
        exact = is_exact(*self.chance.values())
        if (exact and total != 1) or (not exact and abs(float(total) - 1) > 1e-9):
            raise InvalidGameError(f"probabilities must sum to 1 (they sum to {total})", "chance")

    @property
    def is_terminal(self) -> bool:
        """Whether the node ends the game."""
        return self.payoffs is not None

    @property
    def is_chance(self) -> bool:
        """Whether nature moves at the node."""
        return self.chance is not None


def _tuple_of_node(values: Iterable[Node]) -> tuple[Node, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True, repr=False)
class ExtensiveFormGame(GameHeader):
    """A finite tree; the first node is the root, every other node has exactly one parent.

    Examples
    --------
    >>> tree = ExtensiveFormGame(
    ...     id="t", title="T", players=["us"],
    ...     nodes=[Node(id="root", player="us", moves={"a": "x", "b": "y"}),
    ...            Node(id="x", payoffs={"us": 1}), Node(id="y", payoffs={"us": 2})])
    >>> [n.id for n in tree.terminal_nodes()]
    ['x', 'y']
    """

    kind: ClassVar[str] = "extensive_form"

    players: tuple[str, ...] = attrs.field(converter=string_tuple)
    nodes: tuple[Node, ...] = attrs.field(converter=_tuple_of_node)
    uncertainty: Uncertainty | None = None

    @property
    def root(self) -> Node:
        """The node where play starts."""
        return self.nodes[0]

    def node(self, node_id: str) -> Node:
        """The node with this id."""
        for node in self.nodes:
            if node.id == node_id:
                return node
        check_reference(node_id, [n.id for n in self.nodes], "node", "")
        raise AssertionError

    def parent(self, node_id: str) -> str | None:
        """The id of the node's parent (``None`` for the root)."""
        for node in self.nodes:
            if node_id in node.moves.values():
                return node.id
        return None

    def terminal_nodes(self) -> tuple[Node, ...]:
        """The terminal nodes, in file order."""
        return tuple(n for n in self.nodes if n.is_terminal)

    def information_set(self, node: Node) -> str:
        """The information set of a decision node: its ``info``, or its own id when it is alone."""
        return node.info if node.info is not None else node.id

    @property
    def has_perfect_information(self) -> bool:
        """Whether every information set is a single node."""
        sets = [self.information_set(n) for n in self.nodes if n.player is not None]
        return len(sets) == len(set(sets))

    @functools.cached_property
    def is_exact(self) -> bool:
        """Whether every payoff and probability is exact (walked once per game)."""
        values = [v for n in self.nodes for v in (n.payoffs or {}).values()]
        values += [v for n in self.nodes for v in (n.chance or {}).values()]
        return is_exact(*values)

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        check_uncertainty(self)

    def validate(self) -> None:
        """Check that the nodes form a finite tree and that players and information sets agree."""
        if not self.players:
            raise InvalidGameError("an extensive-form game needs at least one [[player]]", "player")
        for index, player in enumerate(self.players):
            check_id(player, f"player[{index}].id")
        check_unique(self.players, "player", "player")
        if not self.nodes:
            raise InvalidGameError("an extensive-form game needs at least one [[node]]", "node")
        for index, node in enumerate(self.nodes):
            if not isinstance(node, Node):
                raise InvalidGameError(
                    f"expected a Node (got {type(node).__name__})", f"node[{index}]"
                )
        ids = [n.id for n in self.nodes]
        check_unique(ids, "node", "node")
        position = {node_id: index for index, node_id in enumerate(ids)}
        parents: dict[str, str] = {}
        for index, node in enumerate(self.nodes):
            where = f"node[{index}]"
            if node.player is not None:
                check_reference(node.player, self.players, "player", f"{where}.player")
            if node.payoffs is not None:
                for player in node.payoffs:
                    check_reference(player, self.players, "player", f"{where}.payoffs.{player}")
                for player in self.players:
                    if player not in node.payoffs:
                        raise InvalidGameError(
                            f"no payoff for player `{player}`", f"{where}.payoffs"
                        )
            for move, child in node.moves.items():
                check_reference(child, position, "node", f"{where}.moves.{move}")
                if child == ids[0]:
                    raise InvalidGameError(
                        f"the root `{child}` cannot be a child (the first node is the root)",
                        f"{where}.moves.{move}",
                    )
                if child in parents:
                    raise InvalidGameError(
                        f"node `{child}` already has the parent `{parents[child]}`; "
                        "every node but the root has exactly one parent",
                        f"{where}.moves.{move}",
                    )
                parents[child] = node.id
        self._check_acyclic(parents, position)
        self._check_information_sets()

    def _check_acyclic(self, parents: dict[str, str], position: dict[str, int]) -> None:
        for node in self.nodes[1:]:
            if node.id not in parents:
                raise InvalidGameError(
                    f"node `{node.id}` has no parent and is not the root (the first node)",
                    f"node[{position[node.id]}]",
                )
        # Every node but the root has one parent, so the nodes not reached from the root lie
        # on cycles; one walk from the root finds them in linear time.
        reached = {self.nodes[0].id}
        stack = [self.nodes[0]]
        by_id = {node.id: node for node in self.nodes}
        while stack:
            for child in stack.pop().moves.values():
                if child not in reached:
                    reached.add(child)
                    stack.append(by_id[child])
        for node in self.nodes[1:]:
            if node.id not in reached:
                raise InvalidGameError(
                    f"the nodes form a cycle through `{node.id}` (a game tree is acyclic)",
                    f"node[{position[node.id]}].moves",
                )

    def _check_information_sets(self) -> None:
        members: dict[str, Node] = {}
        for index, node in enumerate(self.nodes):
            if node.player is None:
                continue
            # a node without `info` is alone in the set named by its id, which `info` may name
            info = self.information_set(node)
            first = members.setdefault(info, node)
            if first.player != node.player or set(first.moves) != set(node.moves):
                raise InvalidGameError(
                    f"nodes `{first.id}` and `{node.id}` share the information set `{info}` "
                    "but not the same player and move names",
                    f"node[{index}].info",
                )
