"""Power as bars: the Shapley-Shubik and Banzhaf indices of a voting game, the ratification
power of a negotiation's constituencies (one panel per party), the Shapley value (and the
nucleolus) of a coalition game. Bars are told apart by hatching as well as by shade."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from negotiate.cooperative.analysis import CoalitionAnalysis
from negotiate.negotiation.analysis import NegotiationAnalysis
from negotiate.plot._style import (
    FONT,
    HATCHES,
    SMALL,
    column_figure,
    figure_legend,
    fit_title,
    series_style,
    short_labels,
    style_axes,
)
from negotiate.plot._words import actor_name
from negotiate.voting.analysis import VotingAnalysis
from negotiate.voting.power import PowerIndices

__all__ = ["coalition_power", "ratification_power", "voting_power"]

Series = Sequence[tuple[str, Mapping[str, float]]]
"""``(label, {name: value})`` per bar series."""


def _bars(axes: Axes, names: Sequence[str], labels: Sequence[str], series: Series) -> None:
    """Horizontal grouped bars: one group per name, one bar per series, values printed."""
    positions = np.arange(len(names), dtype=float)
    height = 0.8 / len(series)
    for k, (label, values) in enumerate(series):
        style = series_style(k)
        bars = axes.barh(
            positions + (k - (len(series) - 1) / 2) * height,
            [values.get(n, 0.0) for n in names],
            height=height,
            color=style["color"] if k == 0 else "white",
            edgecolor=style["color"],
            hatch=HATCHES[k % len(HATCHES)] or None,
            linewidth=0.8,
            label=label,
        )
        axes.bar_label(bars, fmt="%.2f", fontsize=SMALL, padding=2)
    axes.set_yticks(positions, short_labels(labels), fontsize=SMALL)
    axes.invert_yaxis()
    axes.margins(x=0.22)
    axes.tick_params(labelsize=SMALL)


def _indices(power: PowerIndices) -> Series:
    return [
        ("Shapley-Shubik", {b: float(x) for b, x in power.shapley_shubik.items()}),
        ("Banzhaf (normalised)", {b: float(x) for b, x in power.banzhaf.items()}),
    ]


def voting_power(analysis: VotingAnalysis) -> Figure:
    """Each bloc's power per voter, by Shapley-Shubik and normalised Banzhaf."""
    game = analysis.game
    names = [b.id for b in game.blocs]
    labels = [(b.name or b.id) + (f" (x{b.count})" if b.count > 1 else "") for b in game.blocs]
    figure = column_figure(1.3 + 0.42 * len(names))
    axes = figure.add_subplot()
    _bars(axes, names, labels, _indices(analysis.power))
    style_axes(axes, "power of one voter of the bloc", "")
    handles, legend = axes.get_legend_handles_labels()
    figure_legend(figure, handles, legend)
    figure.suptitle(fit_title(f"Voting power: {game.title}"), fontsize=FONT)
    return figure


def ratification_power(analysis: NegotiationAnalysis) -> Figure | None:
    """For each party with a ratification rule, the power of its constituencies (and veto
    executive) to ratify; ``None`` when no party has one."""
    game = analysis.game
    bodies = analysis.ratification_power
    if not bodies:
        return None
    sizes = [len(p.game.blocs) for p in bodies.values()]
    figure = column_figure(1.2 + 0.42 * sum(sizes) + 0.3 * len(sizes))
    grid = figure.subplots(
        len(sizes), 1, squeeze=False, gridspec_kw={"height_ratios": sizes}, sharex=True
    )
    for axes, (party, power) in zip(grid[:, 0], bodies.items(), strict=True):
        names = [b.id for b in power.game.blocs]
        _bars(axes, names, [actor_name(game, n) for n in names], _indices(power))
        axes.set_title(f"who ratifies for {actor_name(game, party)}", fontsize=SMALL, loc="left")
    style_axes(grid[-1, 0], "power index", "")
    handles, legend = grid[0, 0].get_legend_handles_labels()
    figure_legend(figure, handles, legend)
    figure.suptitle(fit_title(f"Ratification power: {game.title}"), fontsize=FONT)
    return figure


def coalition_power(analysis: CoalitionAnalysis) -> Figure:
    """Each player's Shapley value, beside its nucleolus payoff when there is one."""
    game = analysis.game
    shapley = analysis.shapley
    names = list(shapley.players)
    series: list[tuple[str, Mapping[str, float]]] = [
        ("Shapley value", {p: float(shapley[p]) for p in names})
    ]
    if analysis.nucleolus is not None:
        nucleolus = analysis.nucleolus.allocation
        series.append(("nucleolus", {p: float(nucleolus[p]) for p in names}))
    labels = names
    figure = column_figure(1.3 + 0.42 * len(names))
    axes = figure.add_subplot()
    _bars(axes, names, labels, series)
    style_axes(axes, "payoff (worth of the grand coalition shared)", "")
    handles, legend = axes.get_legend_handles_labels()
    figure_legend(figure, handles, legend)
    figure.suptitle(fit_title(f"Shapley value: {game.title}"), fontsize=FONT)
    return figure
