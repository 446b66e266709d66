"""A sweep of one number: each party's utility of the linked Nash package and of the
issue-by-issue deals across the range, as steps (the deals jump, they do not slide), with gaps
where there is no agreement, the regime changes lettered and keyed to the package that takes
over, and the baseline value marked."""

from __future__ import annotations

import math
import string

from matplotlib.figure import Figure

from negotiate.negotiation.linkage import Deal
from negotiate.negotiation.sweep import Sweep, parameter_value
from negotiate.plot._style import (
    FONT,
    SMALL,
    column_figure,
    figure_legend,
    fit_title,
    series_style,
    style_axes,
)
from negotiate.plot._words import actor_name, package_words, path_words

__all__ = ["regime_key", "sweep_figure"]


def _utility(deal: Deal, party: str) -> float:
    """The party's utility of a deal; NaN (a gap) when no agreement was reached."""
    return float(deal.utilities[party]) if deal.feasible else math.nan


def regime_key(sweep: Sweep) -> list[str]:
    """One line per regime change: its letter and what takes over (``A: workers: large``)."""
    lines = []
    for letter, k in zip(string.ascii_uppercase, sweep.regime_changes, strict=False):
        linked = sweep.points[k].analysis.linked
        if not linked.feasible:
            what = "no linked agreement"
        elif linked.package == sweep.points[k - 1].analysis.linked.package:
            what = "same package, other minimal linkages"
        else:
            what = package_words(sweep.game, linked.package)
        lines.append(f"{letter}: {what}")
    return lines


def sweep_figure(sweep: Sweep) -> Figure:
    """The parties' utilities of the linked (solid) and issue-by-issue (dashed) deals."""
    game = sweep.game
    xs = [float(p.value) for p in sweep.points]
    step = (xs[-1] - xs[0]) / max(len(xs) - 1, 1) or 1.0
    key = [fit_title(line, 3.3, SMALL) for line in regime_key(sweep)]
    key_lines = sum(line.count("\n") + 1 for line in key)
    figure = column_figure(3.0 + 0.16 * key_lines)
    if key:
        axes, note = figure.subplots(
            2, 1, gridspec_kw={"height_ratios": (2.6, 0.16 * key_lines + 0.05)}
        )
    else:
        axes, note = figure.add_subplot(), None
    for k, party in enumerate(game.party_ids):
        style = series_style(k)
        name = actor_name(game, party)
        axes.plot(
            xs,
            [_utility(p.analysis.linked, party) for p in sweep.points],
            drawstyle="steps-mid",
            color=style["color"],
            linestyle="-",
            marker=style["marker"],
            markersize=4,
            label=f"{name}: linked",
        )
        axes.plot(
            xs,
            [_utility(p.analysis.separate_combined, party) for p in sweep.points],
            drawstyle="steps-mid",
            color=style["color"],
            linestyle="--",
            marker=style["marker"],
            markerfacecolor="white",
            markersize=4,
            label=f"{name}: issue by issue",
        )
    gap_label = "no linked agreement"
    for x, point in zip(xs, sweep.points, strict=True):
        if not point.analysis.linked.feasible:
            axes.axvspan(
                x - step / 2,
                x + step / 2,
                facecolor="0.92",
                hatch="..",
                edgecolor="0.6",
                linewidth=0,
                label=gap_label,
            )
            gap_label = "_"
    top = axes.get_ylim()[1]
    for letter, k in zip(string.ascii_uppercase, sweep.regime_changes, strict=False):
        middle = (xs[k - 1] + xs[k]) / 2
        axes.axvline(middle, color="0.35", linestyle=":", linewidth=1)
        axes.annotate(
            letter,
            (middle, top),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=SMALL,
            annotation_clip=False,
        )
    baseline = parameter_value(game, sweep.path)
    if baseline is not None and not min(xs) <= float(baseline) <= max(xs):
        axes.plot([], [], " ", label=f"baseline {baseline}: outside the range")
    elif baseline is not None:
        axes.axvline(
            float(baseline),
            color="black",
            linestyle="-.",
            linewidth=1.2,
            label=f"baseline ({baseline})",
        )
    words = path_words(game, sweep.path)
    style_axes(axes, words, "utility of the deal", width=3.2)
    if note is not None:
        note.axis("off")
        note.text(0, 1, "\n".join(["Regime changes:", *key]), fontsize=SMALL, va="top")
    handles, labels = axes.get_legend_handles_labels()
    figure_legend(figure, handles, labels)
    figure.suptitle(fit_title(f"{game.title}: the deals as {words} varies"), fontsize=FONT)
    return figure
