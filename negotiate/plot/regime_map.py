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
_TITLE_WIDTH = 70


def _legend(text: str) -> str:
    """A regime's legend entry, wrapped to lines of 80 characters, at most three."""
    lines = textwrap.wrap(text, 80, subsequent_indent="    ")
    return "\n".join(lines[:2] + ([_short(" ".join(lines[2:]), 80)] if len(lines) > 2 else []))


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
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    if len(sweep.paths) != 2:
        raise ValueError(f"a regime map needs two varied numbers (got {len(sweep.paths)})")
    rows, columns = sweep.values
    figure = Figure(figsize=(8, 5.5), layout="constrained")
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
                fontsize=8,
                color="black",
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5, "alpha": 0.7},
            )
    axes.set_xlim(-0.5, len(columns) - 0.5)
    axes.set_ylim(-0.5, len(rows) - 0.5)
    step_x = max(1, len(columns) // 8)
    step_y = max(1, len(rows) // 8)
    axes.set_xticks(range(0, len(columns), step_x), [to_text(v) for v in columns[::step_x]])
    axes.set_yticks(range(0, len(rows), step_y), [to_text(v) for v in rows[::step_y]])
    axes.set_xlabel(sweep.paths[1])
    axes.set_ylabel(sweep.paths[0])
    base = _baseline_cell(sweep)
    if base is not None:
        axes.plot(  # in the corner of its cell, beside the letter
            [base[1] + 0.3],
            [base[0] + 0.25],
            marker="*",
            markersize=16,
            color="black",
            markeredgecolor="white",
            linestyle="none",
            label="baseline",
        )
    handles = [
        Patch(
            facecolor=str(shades[k]),
            edgecolor="black",
            hatch=_HATCHES[k % len(_HATCHES)],
            label=_legend(f"{label(k)}: {r}"),
        )
        for k, r in enumerate(sweep.regimes)
    ]
    if base is not None:
        handles.append(axes.lines[-1])  # type: ignore[arg-type]
    figure.legend(handles=handles, loc="outside lower center", fontsize=8, ncols=1)
    title = textwrap.fill(
        _short(f"Which conclusion holds where: {sweep.game.title}", 120), _TITLE_WIDTH
    )
    axes.set_title(title, fontsize=10)
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
