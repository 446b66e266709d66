"""The regime map of a two-number sweep: which headline conclusion holds where.

Each region gets a grey shade, a hatch and its legend letter in every cell, so the map reads in
black and white; the axes are the two numbers, the baseline is marked with a star in the corner
of its cell (when both baseline values lie in the swept ranges).
Needs matplotlib (the ``plot`` extra), imported only when a map is drawn.
"""

from __future__ import annotations

import textwrap
from typing import Any

from negotiate.exact.numbers import to_text
from negotiate.robust.grid import RegimeSweep, label

__all__ = ["regime_map"]

_HATCHES = ("", "//", "..", "xx", "\\\\", "++", "oo", "--", "||", "**")
_LEGEND_WIDTH = 44
"""Characters per legend line at 8 pt in a column's width."""


def _legend(text: str) -> str:
    """A regime's legend entry, wrapped to a column's width, at most three lines."""
    lines = textwrap.wrap(text, _LEGEND_WIDTH, subsequent_indent="    ")
    rest = " ".join(lines[2:])
    return "\n".join(lines[:2] + ([_short(rest, _LEGEND_WIDTH)] if rest else []))


def _axis_words(game: Any, path: str) -> str:
    """A varied number in words where the game's kind has them (negotiations), else its path."""
    if getattr(game, "kind", None) != "negotiation":
        return path
    from negotiate.plot._words import path_words

    return str(path_words(game, path))


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def regime_map(sweep: RegimeSweep) -> Any:
    """A matplotlib ``Figure``: the grid of ``sweep`` (two paths), one hatched, labelled region
    per regime, with a legend of the regimes in words and the baseline marked.

    >>> from negotiate.model import CoalitionGame
    >>> from negotiate.robust.grid import regime_sweep
    >>> game = CoalitionGame.from_values(id="g", title="A pair", players=["a", "b"],
    ...                                  values={"a": 1, "b": 1, "a+b": 3})
    >>> def richer(game):
    ...     w = game.worth
    ...     return "a gets more" if w[1] > w[2] else "b gets more" if w[2] > w[1] else "tie"
    >>> sweep = regime_sweep(game, ["value.a", "value.b"], [[0, 1, 2], [0, 1, 2]], richer)
    >>> figure = regime_map(sweep)
    >>> figure.axes[0].get_xlabel(), sorted(t.get_text() for t in figure.axes[0].texts)[:3]
    ('value.b', ['A', 'A', 'A'])
    """
    from matplotlib.patches import Patch

    from negotiate.plot._style import (
        FONT,
        SMALL,
        column_figure,
        figure_legend,
        fit_title,
        style_axes,
    )

    if len(sweep.paths) != 2:
        raise ValueError(f"a regime map needs two varied numbers (got {len(sweep.paths)})")
    rows, columns = sweep.values
    figure = column_figure(1.0 + max(0.2 * len(rows), 2.7))  # room for a wrapped y label
    axes = figure.add_subplot()
    count = len(sweep.regimes)
    shades = [0.95 - 0.6 * k / max(count - 1, 1) for k in range(count)]
    for i in range(len(rows)):
        for j in range(len(columns)):
            k = int(sweep.cells[i, j])
            axes.add_patch(_cell(j, i, shades[k], _HATCHES[k % len(_HATCHES)]))
            axes.text(
                j,
                i,
                label(k),
                ha="center",
                va="center",
                fontsize=SMALL,
                color="black",
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5, "alpha": 0.7},
            )
    axes.set_xlim(-0.5, len(columns) - 0.5)
    axes.set_ylim(-0.5, len(rows) - 0.5)
    step_x = max(1, -(-len(columns) // 6))
    step_y = max(1, -(-len(rows) // 8))
    axes.set_xticks(range(0, len(columns), step_x), [to_text(v) for v in columns[::step_x]])
    axes.set_yticks(range(0, len(rows), step_y), [to_text(v) for v in rows[::step_y]])
    game = sweep.game
    style_axes(axes, _axis_words(game, sweep.paths[1]), _axis_words(game, sweep.paths[0]))
    base = _baseline_cell(sweep)
    if base is not None:
        axes.plot(  # in the corner of its cell, beside the letter
            [base[1] + 0.3],
            [base[0] + 0.25],
            marker="*",
            markersize=9,
            color="black",
            markeredgecolor="white",
            linestyle="none",
            label="baseline",
        )
    handles: list[Any] = [
        Patch(facecolor=str(shades[k]), edgecolor="black", hatch=_HATCHES[k % len(_HATCHES)])
        for k in range(count)
    ]
    labels = [_legend(f"{label(k)}: {r}") for k, r in enumerate(sweep.regimes)]
    if base is not None:
        handles.append(axes.lines[-1])
        labels.append("the baseline")
    figure_legend(figure, handles, labels)
    figure.suptitle(fit_title(f"Which conclusion holds where: {game.title}"), fontsize=FONT)
    return figure


def _cell(x: int, y: int, shade: float, hatch: str) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle(
        (x - 0.5, y - 0.5), 1, 1, facecolor=str(shade), edgecolor="grey", hatch=hatch, linewidth=0.3
    )


def _baseline_cell(sweep: RegimeSweep) -> tuple[float, float] | None:
    """The baseline's position on the grid's axes (interpolated between values), if inside."""
    out = []
    for axis, value in zip(sweep.values, sweep.baseline, strict=True):
        if value is None or (not axis[0] <= value <= axis[-1] and not axis[-1] <= value <= axis[0]):
            return None
        numbers = [float(v) for v in axis]
        if len(numbers) == 1 or numbers[-1] == numbers[0]:
            out.append(0.0)
        else:
            out.append(
                (float(value) - numbers[0]) / (numbers[-1] - numbers[0]) * (len(numbers) - 1)
            )
    return out[0], out[1]
