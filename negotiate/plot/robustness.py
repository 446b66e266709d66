"""A robustness study as a tornado chart: for each headline conclusion, the numbers whose
smallest change breaks it, as bars from the baseline (left a decrease, right an increase), and
the share of sampled models in which each conclusion holds."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from negotiate.negotiation.robustness import RobustnessAnalysis
from negotiate.plot._style import (
    FONT,
    SMALL,
    column_figure,
    figure_legend,
    fit_title,
    short_labels,
    style_axes,
)
from negotiate.plot._words import path_words
from negotiate.robust.study import Study

__all__ = ["headline_claims", "tornado"]

_SHOWN = 6
"""How many numbers each conclusion's panel shows (the smallest margins)."""


def headline_claims(analysis: RobustnessAnalysis | Study) -> list[int]:
    """The positions of the conclusions a tornado panel is drawn for: a negotiation's agreement,
    Nash package and named conclusions; another kind's first three."""
    chosen = [k for k, c in enumerate(analysis.claims) if c.kind in ("agreement", "nash", "named")]
    return chosen or list(range(min(3, len(analysis.claims))))


def _breaking(analysis: RobustnessAnalysis | Study, k: int) -> bool:
    return any(m.value is not None for _, m in analysis.ranked_margins(k))


def tornado(analysis: RobustnessAnalysis | Study) -> Figure:
    """The margins of each headline conclusion that some single number breaks (the others are
    named below the chart), then the shares of every conclusion."""
    game = analysis.game
    broken = [k for k in headline_claims(analysis) if _breaking(analysis, k)]
    unbroken = [analysis.claims[k].id for k in headline_claims(analysis) if k not in broken]
    chosen = broken
    counts = [max(len(analysis.ranked_margins(k)[:_SHOWN]), 1) for k in chosen]
    rows = [*counts, max(len(analysis.claims), 1)]
    figure = column_figure(1.0 + 0.36 * sum(rows) + 0.45 * len(rows))
    grid = figure.subplots(len(rows), 1, squeeze=False, gridspec_kw={"height_ratios": rows})
    for axes, k in zip(grid[:-1, 0], chosen, strict=True):
        _margins_panel(axes, analysis, k)
    _shares_panel(grid[-1, 0], analysis)
    handles = [
        Line2D([], [], color="black", linewidth=1.2),
        Patch(facecolor="white", edgecolor="black", hatch="///"),
        Patch(facecolor="0.25"),
    ]
    labels = ["the baseline (no change)", "a decrease breaks it", "an increase breaks it"]
    if unbroken:
        handles.append(Patch(visible=False))
        text = "no single number breaks: " + ", ".join(unbroken)
        labels.append(fit_title(text.replace("_", " "), 3.0, SMALL))
    figure_legend(figure, handles, labels)
    figure.suptitle(fit_title(f"How robust? {game.title}"), fontsize=FONT)
    return figure


def _margins_panel(axes: Axes, analysis: RobustnessAnalysis | Study, k: int) -> None:
    """The smallest changes of single numbers that break conclusion ``k``."""
    game = analysis.game
    ranked = analysis.ranked_margins(k)[:_SHOWN]
    values = [float(m.value) for _, m in ranked if m.value is not None]
    labels = [path_words(game, p, short=True) for p, m in ranked if m.value is not None]
    axes.barh(
        range(len(values)),
        values,
        height=0.6,
        color=["white" if v < 0 else "0.25" for v in values],
        edgecolor="black",
        hatch=["///" if v < 0 else None for v in values],
        linewidth=0.8,
    )
    axes.axvline(0, color="black", linewidth=1.2)
    for y, value in enumerate(values):
        if value == 0:
            axes.annotate(
                "tie: any change",
                (0, y),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=SMALL,
            )
    axes.set_yticks(range(len(values)), short_labels(labels, 24), fontsize=SMALL)
    axes.invert_yaxis()
    axes.margins(x=0.15)
    axes.set_title(fit_title(analysis.claims[k].name, 2.0, SMALL), fontsize=SMALL, loc="left")
    style_axes(axes, "change from the baseline (0) that breaks it", "", width=2.2)


def _shares_panel(shares: Axes, analysis: RobustnessAnalysis | Study) -> None:
    """The share of sampled models in which each conclusion holds, with its 95% interval."""
    ids = [c.id.replace("_", " ") for c in analysis.claims]
    values = [analysis.share(k) for k in range(len(analysis.claims))]
    intervals = [analysis.interval(k) for k in range(len(analysis.claims))]
    shares.barh(
        range(len(ids)),
        values,
        xerr=[
            [v - low for v, (low, _) in zip(values, intervals, strict=True)],
            [high - v for v, (_, high) in zip(values, intervals, strict=True)],
        ],
        color="0.6",
        edgecolor="black",
        height=0.6,
        capsize=2,
    )
    shares.set_yticks(range(len(ids)), short_labels(ids, 24), fontsize=SMALL)
    shares.invert_yaxis()
    shares.set_xlim(0, 1.08)
    shares.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0", "1/4", "1/2", "3/4", "1"])
    shares.set_title(
        fit_title(f"share of {analysis.samples} sampled models in which it holds", 2.0, SMALL),
        fontsize=SMALL,
        loc="left",
    )
    style_axes(shares, "share (line: 95% interval)", "", width=2.2)
