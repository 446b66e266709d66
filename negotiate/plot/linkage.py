"""What linking buys: each party's utility of the issue-by-issue deals and of the linked
package, side by side, with its gain written beside the linked bar."""

from __future__ import annotations

from matplotlib.figure import Figure

from negotiate.exact.numbers import to_text
from negotiate.negotiation.linkage import LinkageAnalysis
from negotiate.plot._style import (
    FONT,
    SMALL,
    column_figure,
    figure_legend,
    fit_title,
    series_style,
    short_labels,
    style_axes,
)
from negotiate.plot._words import actor_name, package_words

__all__ = ["linkage_gains"]


def linkage_gains(analysis: LinkageAnalysis) -> Figure:
    """Per party: the utility of the issue-by-issue deals (hatched) and of the linked package
    (solid, its gain over issue by issue written beside it)."""
    game = analysis.game
    parties = list(game.party_ids)
    figure = column_figure(1.6 + 0.55 * len(parties))
    axes = figure.add_subplot()
    rows = range(len(parties))
    separate = [float(analysis.separate_combined.utilities[p]) for p in parties]
    linked = [float(analysis.linked.utilities[p]) for p in parties]
    first, second = series_style(0), series_style(1)
    axes.barh(
        [r - 0.2 for r in rows],
        separate,
        height=0.38,
        color="white",
        edgecolor=second["color"],
        hatch="///",
        label="issue by issue",
    )
    bars = axes.barh(
        [r + 0.2 for r in rows],
        linked,
        height=0.38,
        color=first["color"],
        label="linked: " + package_words(game, analysis.linked.package)
        if analysis.linked.feasible
        else "linked: no agreement",
    )
    axes.bar_label(
        bars, [f"gain {to_text(analysis.gains[p])}" for p in parties], fontsize=SMALL, padding=2
    )
    axes.axvline(0, color="black", linewidth=0.8)
    axes.set_yticks(list(rows), short_labels([actor_name(game, p) for p in parties]))
    axes.invert_yaxis()
    axes.margins(x=0.3)
    style_axes(axes, "utility of the deal", "")
    handles, labels = axes.get_legend_handles_labels()
    figure_legend(figure, handles, [fit_title(label, 3.0, SMALL) for label in labels])
    figure.suptitle(fit_title(f"What linking buys: {game.title}"), fontsize=FONT)
    return figure
