"""A game tree drawn top down: decision nodes coloured and shaped by player (the same player
the same everywhere), chance nodes as open diamonds, payoffs under the leaves, the moves of the
(first) subgame-perfect equilibrium's path in heavy black, the other moves thin grey, and the
nodes of one information set joined by a dashed line."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from negotiate.exact.numbers import to_text
from negotiate.model.extensive_form import ExtensiveFormGame
from negotiate.plot._style import (
    COLUMN,
    FONT,
    SMALL,
    column_figure,
    figure_legend,
    fit_title,
    series_style,
)
from negotiate.strategic.extensive import ExtensiveFormAnalysis

__all__ = ["game_tree", "tree_layout"]


def tree_layout(game: ExtensiveFormGame) -> dict[str, tuple[float, int]]:
    """``node id -> (x, depth)``: leaves one unit apart from left to right in move order, each
    inner node above the middle of its children.

    >>> from negotiate.model import ExtensiveFormGame, Node
    >>> tree = ExtensiveFormGame(id="t", title="T", players=["us"],
    ...     nodes=[Node(id="root", player="us", moves={"a": "x", "b": "y"}),
    ...            Node(id="x", payoffs={"us": 1}), Node(id="y", payoffs={"us": 0})])
    >>> tree_layout(tree)
    {'x': (0.0, 1), 'y': (1.0, 1), 'root': (0.5, 0)}
    """
    places: dict[str, tuple[float, int]] = {}
    leaves = 0

    def place(node_id: str, depth: int) -> float:
        nonlocal leaves
        node = game.node(node_id)
        if node.is_terminal:
            x = float(leaves)
            leaves += 1
        else:
            xs = [place(child, depth + 1) for child in node.moves.values()]
            x = (xs[0] + xs[-1]) / 2
        places[node_id] = (x, depth)
        return x

    place(game.root.id, 0)
    return places


def _path_moves(analysis: ExtensiveFormAnalysis) -> set[tuple[str, str]]:
    """The (parent, child) edges of the first subgame-perfect equilibrium's path."""
    if not analysis.subgame_perfect:
        return set()
    path: Sequence[str] = analysis.subgame_perfect[0].path
    return set(itertools.pairwise(path))


Places = dict[str, tuple[float, int]]
_DASHED = (0, (4, 2))
_CHANCE: dict[str, Any] = {"marker": "D", "color": "white"}


def _edges(axes: Axes, game: ExtensiveFormGame, places: Places, on_path: set[Any]) -> None:
    """Every move as a line (heavy on the path) labelled beside its middle."""
    for node in game.nodes:
        x, d = places[node.id]
        for move, child in node.moves.items():
            cx, cd = places[child]
            heavy = (node.id, child) in on_path
            axes.plot(
                [x, cx],
                [-d, -cd],
                color="black" if heavy else "0.6",
                linewidth=2.4 if heavy else 0.8,
                zorder=1,
            )
            label = move.replace("_", " ")
            if node.chance is not None:
                label += f" ({to_text(node.chance[move])})"
            left = cx < x
            axes.annotate(
                label,
                ((x + cx) / 2, (-d - cd) / 2),
                xytext=(-4 if left else 4, 0),
                textcoords="offset points",
                fontsize=SMALL,
                ha="right" if left else ("center" if cx == x else "left"),
                va="center",
                zorder=3,
            )


def _nodes(axes: Axes, game: ExtensiveFormGame, places: Places, styles: dict[str, Any]) -> None:
    """Leaves with their payoffs below, chance nodes as open diamonds, decision nodes in their
    player's marker and colour."""
    for node in game.nodes:
        x, d = places[node.id]
        if node.payoffs is not None:
            text = "\n".join(to_text(node.payoffs[p]) for p in game.players)
            axes.text(x, -d - 0.12, text, fontsize=SMALL, ha="center", va="top")
            axes.plot([x], [-d], marker="s", markersize=3, color="black", zorder=4)
            continue
        chance = node.chance is not None
        style: dict[str, Any] = _CHANCE if chance else styles[str(node.player)]
        axes.plot(
            [x],
            [-d],
            linestyle="none",
            markersize=7 if chance else 9,
            markeredgecolor="black",
            zorder=4,
            **{k: v for k, v in style.items() if k != "linestyle"},
        )


def _information_sets(axes: Axes, game: ExtensiveFormGame, places: Places) -> bool:
    """Join the nodes of each information set by a dashed line; whether there was one."""
    sets: dict[str, list[tuple[float, int]]] = {}
    for node in game.nodes:
        if node.info is not None:
            sets.setdefault(node.info, []).append(places[node.id])
    joined = [sorted(members) for members in sets.values() if len(members) > 1]
    for members in joined:
        axes.plot(
            [x for x, _ in members],
            [-d for _, d in members],
            color="black",
            linestyle=_DASHED,
            linewidth=1.0,
            zorder=2,
        )
    return bool(joined)


def _key(
    analysis: ExtensiveFormAnalysis, styles: dict[str, Any], path: bool, sets: bool
) -> tuple[list[Line2D], list[str]]:
    game = analysis.game
    entries = [
        (dict(styles[p], linestyle="none", markeredgecolor="black"), f"{p} moves")
        for p in game.players
    ]
    if any(n.chance is not None for n in game.nodes):
        entries.append((dict(_CHANCE, linestyle="none", markeredgecolor="black"), "chance"))
    if path:
        count = len(analysis.subgame_perfect or ())
        label = "subgame-perfect path" + (f" (1st of {count})" if count > 1 else "")
        entries.append(({"color": "black", "linewidth": 2.4}, label))
    if sets:
        entries.append(({"color": "black", "linestyle": _DASHED}, "information set"))
    entries.append(({"linestyle": "none"}, f"payoffs: {', '.join(game.players)} (top down)"))
    return [Line2D([], [], **style) for style, _ in entries], [label for _, label in entries]


def game_tree(analysis: ExtensiveFormAnalysis) -> Figure:
    """The tree, its payoffs and the subgame-perfect path (see the module docstring)."""
    game = analysis.game
    places = tree_layout(game)
    leaves = sum(1 for n in game.nodes if n.is_terminal)
    depth = max(d for _, d in places.values())
    width = COLUMN if leaves <= 8 else min(2 * COLUMN, 0.45 * leaves)
    figure = column_figure(1.4 + 0.75 * depth, width=width)
    axes = figure.add_subplot()
    on_path = _path_moves(analysis)
    styles = {p: series_style(k) for k, p in enumerate(game.players)}
    _edges(axes, game, places, on_path)
    _nodes(axes, game, places, styles)
    sets = _information_sets(axes, game, places)
    axes.set_xlim(-0.6, leaves - 0.4)
    axes.set_ylim(-depth - 0.2 - 0.16 * len(game.players), 0.35)
    axes.axis("off")
    figure_legend(figure, *_key(analysis, styles, bool(on_path), sets))
    figure.suptitle(fit_title(f"Game tree: {game.title}", width), fontsize=FONT)
    return figure
