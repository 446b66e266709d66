"""The look shared by every figure: a column's width, fonts of at least 8 pt, constrained layout,
and styles that tell series apart in black and white (line style, marker, hatch) as well as by
colour. Imports matplotlib; import this module only once the plot extra is known to be there.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = [
    "COLUMN",
    "FONT",
    "HATCHES",
    "MARKERS",
    "SMALL",
    "column_figure",
    "figure_legend",
    "fit_title",
    "series_style",
    "short_labels",
    "style_axes",
]

COLUMN = 3.5
"""A column's width in inches: every figure is drawn at this width."""

FONT = 9.0
"""Titles and axis labels, in points."""

SMALL = 8.0
"""Tick labels, legends and annotations: the smallest font any figure uses."""

COLOURS = ("#1b4f9c", "#c0392b", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f")
"""Colours that stay distinct in greyscale by lightness, one per series in order."""

MARKERS = ("o", "s", "^", "D", "v", "P")
LINESTYLES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 1)))
HATCHES = ("", "///", "...", "xxx", "\\\\\\", "++")


def column_figure(height: float, *, width: float = COLUMN) -> Figure:
    """A new figure a column wide with constrained layout and the shared fonts."""
    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)  # a canvas to measure text with while laying out
    figure.get_layout_engine().set(w_pad=0.04, h_pad=0.04)  # type: ignore[call-arg, union-attr]
    return figure


def series_style(k: int) -> dict[str, Any]:
    """The ``k``-th series' colour, marker and line style (they cycle together)."""
    return {
        "color": COLOURS[k % len(COLOURS)],
        "marker": MARKERS[k % len(MARKERS)],
        "linestyle": LINESTYLES[k % len(LINESTYLES)],
    }


def fit_title(text: str, width: float = COLUMN, size: float = FONT) -> str:
    """``text`` wrapped to lines that fit ``width`` inches at ``size`` points (an average glyph
    is about half the font size wide)."""
    per_line = max(int(width * 72 / (0.55 * size)), 12)
    return "\n".join(textwrap.wrap(text, per_line)) or text


def style_axes(axes: Any, xlabel: str, ylabel: str, width: float = 2.6) -> None:
    """Axis labels in words at the shared sizes (the x label wrapped to ``width`` inches), and
    small tick labels."""
    axes.set_xlabel(fit_title(xlabel, width), fontsize=FONT)
    axes.set_ylabel(fit_title(ylabel, 2.6), fontsize=FONT)
    axes.tick_params(labelsize=SMALL)


def figure_legend(figure: Figure, handles: Sequence[Any], labels: Sequence[str]) -> None:
    """A legend below the axes, in two columns if they fit the figure's width, else one; the
    figure grows by the legend's height, so that the axes keep theirs."""
    canvas = figure.canvas
    assert isinstance(canvas, FigureCanvasAgg)
    renderer = canvas.get_renderer()
    for columns in (2, 1):
        legend = figure.legend(
            handles,
            labels,
            loc="outside lower center",
            ncols=columns,
            fontsize=SMALL,
            frameon=False,
            handlelength=1.6,
            columnspacing=0.8,
        )
        extent = legend.get_window_extent(renderer)
        if columns == 1 or extent.width <= figure.bbox.width * 0.98:
            width, height = figure.get_size_inches()
            figure.set_size_inches(width, height + extent.height / figure.dpi)
            return
        legend.remove()


def short_labels(labels: Sequence[str], width: int = 18) -> list[str]:
    """Labels wrapped to ``width`` characters per line (for tick labels)."""
    return ["\n".join(textwrap.wrap(label.replace("_", " "), width)) or label for label in labels]
