"""Each party's win-set by issue: for every issue and option, the share of the packages in the
party's win-set that have that option (the status quo option starred)."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from negotiate.negotiation.analysis import NegotiationAnalysis
from negotiate.plot._style import (
    FONT,
    HATCHES,
    SMALL,
    column_figure,
    figure_legend,
    fit_title,
    series_style,
    style_axes,
)
from negotiate.plot._words import actor_name

__all__ = ["option_shares", "win_sets"]


def option_shares(analysis: NegotiationAnalysis, party: str) -> list[tuple[str, str, float]]:
    """``(issue, option, share)`` for every option of every issue: the share of ``party``'s
    win-set (status quo included) with that option; 0 for an empty win-set."""
    mask = np.asarray(analysis.agreement.win_sets[party], dtype=bool)
    total = int(np.count_nonzero(mask))
    shares = []
    for axis, issue in enumerate(analysis.game.issues):
        counts = np.count_nonzero(np.moveaxis(mask, axis, 0).reshape(len(issue.options), -1), 1)
        for option, count in zip(issue.options, counts, strict=True):
            shares.append((issue.id, option, int(count) / total if total else 0.0))
    return shares


def win_sets(analysis: NegotiationAnalysis) -> Figure:
    """One panel per issue, one bar per party and option: the share of the party's win-set
    packages that have the option. A share of 0 means no package the party ratifies has it."""
    game = analysis.game
    parties = list(game.party_ids)
    sizes = analysis.agreement.win_set_sizes
    shares = {p: option_shares(analysis, p) for p in parties}
    counts = [len(issue.options) for issue in game.issues]
    rows = sum(counts) * len(parties)
    figure = column_figure(0.5 + 0.11 * rows + 0.3 * len(game.issues))
    grid = figure.subplots(
        len(game.issues), 1, sharex=True, squeeze=False, gridspec_kw={"height_ratios": counts}
    )
    bar = 0.8 / len(parties)
    start = 0
    for axes, issue in zip(grid[:, 0], game.issues, strict=True):
        positions = np.arange(len(issue.options), dtype=float)
        for k, party in enumerate(parties):
            style = series_style(k)
            axes.barh(
                positions + (k - (len(parties) - 1) / 2) * bar,
                [share for _, _, share in shares[party][start : start + len(issue.options)]],
                height=bar,
                color=style["color"] if k == 0 else "white",
                edgecolor=style["color"],
                hatch=HATCHES[k % len(HATCHES)] or None,
                linewidth=0.8,
                label=f"{actor_name(game, party)} ({sizes[party]} packages)",
            )
        start += len(issue.options)
        labels = [
            (option + (" *" if option == issue.status_quo else "")).replace("_", " ")
            for option in issue.options
        ]
        axes.set_yticks(positions, labels, fontsize=SMALL)
        axes.invert_yaxis()
        axes.set_title(issue.id.replace("_", " "), fontsize=SMALL, loc="left", pad=2)
        axes.tick_params(labelsize=SMALL)
    last = grid[-1, 0]
    last.set_xlim(0, 1.08)  # room for the last tick's label
    last.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0", "1/4", "1/2", "3/4", "1"])
    style_axes(last, "share of the party's win-set packages", "", width=1.8)
    handles, legend_labels = grid[0, 0].get_legend_handles_labels()
    figure_legend(figure, handles, legend_labels)
    figure.suptitle(fit_title(f"Win-sets by issue (* status quo): {game.title}"), fontsize=FONT)
    return figure
