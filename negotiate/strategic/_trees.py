"""Walks of a game tree without recursion, so that a tree as deep as the `depth` limit allows
(10,000 by default) needs no deeper stack than a shallow one: the nodes children first, subtrees
as intervals of the prefix order, expected payoffs and the path of a plan."""

from __future__ import annotations

from fractions import Fraction

from negotiate.exact.numbers import Number
from negotiate.model._common import FrozenMap
from negotiate.model.extensive_form import ExtensiveFormGame, Node

__all__ = ["Intervals", "expected_payoffs", "plan_path", "post_order"]


def post_order(game: ExtensiveFormGame, nodes: dict[str, Node]) -> list[Node]:
    """The nodes below the root, every child before its parent (no recursion)."""
    order: list[Node] = []
    stack = [game.root]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(nodes[child] for child in node.moves.values())
    order.reverse()
    return order


class Intervals:
    """The nodes numbered in prefix order, so that a subtree is an interval ``[number[v],
    last[v]]``, with the smallest and largest number of each information set's members
    (``low``, ``high``); computed without recursion, in time linear in the tree."""

    def __init__(self, game: ExtensiveFormGame, nodes: dict[str, Node]) -> None:
        order = list(reversed(post_order(game, nodes)))
        self.number = {node.id: k for k, node in enumerate(order)}
        self.low: dict[str, int] = {}
        self.high: dict[str, int] = {}
        for node in order:
            if node.player is not None:
                info, here = game.information_set(node), self.number[node.id]
                self.low[info] = min(self.low.get(info, here), here)
                self.high[info] = max(self.high.get(info, here), here)
        # A node roots a subgame when every information set met in its subtree lies inside its
        # interval: per subtree, the extreme numbers of the members of the sets met.
        self.last: dict[str, int] = {}
        reach: dict[str, tuple[int, int]] = {}
        for node in reversed(order):
            here = self.number[node.id]
            lo, hi, end = here, here, here
            if node.player is not None:
                info = game.information_set(node)
                lo, hi = self.low[info], self.high[info]
            for child in node.moves.values():
                lo, hi = min(lo, reach[child][0]), max(hi, reach[child][1])
                end = max(end, self.last[child])
            self.last[node.id], reach[node.id] = end, (lo, hi)
        self.roots = tuple(
            node.id
            for node in game.nodes
            if not node.is_terminal
            and node.id in self.number
            and reach[node.id][0] >= self.number[node.id]
            and reach[node.id][1] <= self.last[node.id]
        )

    def inside(self, root: str, info: str) -> bool:
        """Whether the information set lies in the subtree of ``root``."""
        return self.number[root] <= self.low[info] and self.high[info] <= self.last[root]

    def size(self, root: str) -> int:
        """The number of nodes in the subtree of ``root``."""
        return self.last[root] - self.number[root] + 1


def plan_path(game: ExtensiveFormGame, nodes: dict[str, Node], plan: dict[str, str]) -> list[str]:
    """The nodes the plan reaches, in prefix order (every branch of chance with probability)."""
    path: list[str] = []
    stack = [game.root]
    while stack:
        node = stack.pop()
        path.append(node.id)
        if node.is_terminal:
            continue
        if node.chance is not None:
            chance = node.chance
            stack.extend(nodes[c] for m, c in reversed(tuple(node.moves.items())) if chance[m] > 0)
            continue
        move = plan[node.id] if node.id in plan else plan[game.information_set(node)]
        stack.append(nodes[node.moves[move]])
    return path


def expected_payoffs(
    game: ExtensiveFormGame,
    nodes: dict[str, Node],
    plans: dict[str, FrozenMap[str, str]] | None,
    exact: bool,
    start: Node | None = None,
    plan: dict[str, str] | None = None,
) -> dict[str, Number]:
    """Expected payoffs from ``start`` (the root) when play follows ``plans`` (each player's
    reduced strategy) or ``plan`` (a move per information set). Terminal nodes are summed in
    prefix order, without recursion."""
    total = {p: Fraction(0) if exact else 0.0 for p in game.players}
    stack: list[tuple[Node, Number]] = [(start or game.root, Fraction(1) if exact else 1.0)]
    while stack:
        node, probability = stack.pop()
        if node.is_terminal:
            assert node.payoffs is not None
            for p in game.players:
                total[p] += probability * node.payoffs[p]
            continue
        if node.chance is not None:
            chance = node.chance
            stack.extend(
                (nodes[child], probability * chance[move])
                for move, child in reversed(tuple(node.moves.items()))
                if chance[move] > 0
            )
            continue
        info = game.information_set(node)
        move = plan[info] if plan is not None else plans[node.player][info]  # type: ignore[index]
        stack.append((nodes[node.moves[move]], probability))
    return total
