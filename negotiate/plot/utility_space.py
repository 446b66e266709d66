"""The utility space of a negotiation or a bargaining problem: the agreement packages (or the
feasible points) as points, the Pareto frontier, the status quo and the disagreement point, each
bargaining solution marked and labelled, and the lottery frontier (the convex hull's efficient
edge) where lotteries apply. Two parties: the plane; three or more: pairwise panels of the first
three parties (the title says so).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from negotiate.bargaining.analysis import BargainingAnalysis
from negotiate.negotiation.analysis import NegotiationAnalysis
from negotiate.plot._style import FONT, SMALL, column_figure, figure_legend, fit_title, style_axes
from negotiate.plot._words import actor_name

__all__ = ["Mark", "bargaining_space", "negotiation_space", "upper_hull"]

Mark = tuple[str, tuple[float, ...]]
"""A labelled point: ``(label, utilities)``."""

_SOLUTIONS = {
    "Nash": ("*", "N"),
    "Nash (equal powers)": ("P", "N="),
    "Kalai-Smorodinsky": ("D", "KS"),
    "egalitarian": ("^", "E"),
    "utilitarian": ("v", "U"),
    "Nash lottery": ("X", "L"),
}
"""Each solution's marker and the short code written beside its point."""

_LABEL_OFFSET = (-12, -14)
"""Labels go below left of their points, inside the frontier, so that the leader lines of
neighbouring points on it run parallel and do not cross."""

_MOST_SHOWN = 100_000
"""Without an agreement, at most this many packages are drawn (in package order)."""


def upper_hull(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The efficient (upper-right) edge of the convex hull of 2-D points, left to right.

    >>> upper_hull([(0, 3), (1, 1), (2, 2), (3, 0)])
    [(0, 3), (2, 2), (3, 0)]
    """
    chosen: list[tuple[float, float]] = []
    for point in sorted(set(points), key=lambda p: (p[0], -p[1])):
        while chosen and chosen[-1][1] <= point[1]:
            chosen.pop()  # dominated from the right
        while len(chosen) >= 2:
            (ax, ay), (bx, by) = chosen[-2], chosen[-1]
            if (bx - ax) * (point[1] - ay) - (by - ay) * (point[0] - ax) >= 0:
                chosen.pop()  # b lies on or below the chord from a to the new point
            else:
                break
        chosen.append(point)
    return chosen


def _draw_marks(axes: Axes, marks: Sequence[Mark], pair: tuple[int, int]) -> None:
    """Each solution as its marker (named in the legend), and its code beside the point; codes
    of solutions at one point are written together (``N, E``)."""
    i, j = pair
    for label, point in marks:
        marker, code = _SOLUTIONS[label]
        axes.plot(
            [point[i]],
            [point[j]],
            linestyle="none",
            marker=marker,
            markersize=8 if marker == "*" else 6,
            markerfacecolor="black" if label.startswith("Nash") else "white",
            markeredgecolor="black",
            label=f"{label} ({code})",
            zorder=5,
        )
    places: list[tuple[tuple[float, float], list[str]]] = []
    for label, point in marks:
        place = (point[i], point[j])
        for other, codes in places:
            if np.allclose(other, place):
                codes.append(_SOLUTIONS[label][1])
                break
        else:
            places.append((place, [_SOLUTIONS[label][1]]))
    for place, codes in places:
        axes.annotate(
            ", ".join(codes),
            place,
            xytext=_LABEL_OFFSET,
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=SMALL,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
            arrowprops={"arrowstyle": "-", "linewidth": 0.6, "color": "black"},
            zorder=6,
        )


def _panel(
    axes: Axes,
    points: np.ndarray,
    pareto: np.ndarray,
    references: Sequence[Mark],
    marks: Sequence[Mark],
    pair: tuple[int, int],
    kind: str,
) -> None:
    """``kind``: ``"packages"`` (a staircase Pareto frontier and, with ``"packages+lotteries"``,
    the dashed lottery frontier), ``"all packages"`` (no agreement: no frontier) or
    ``"feasible"`` (the hull's edge is the Pareto frontier)."""
    i, j = pair
    axes.plot(
        points[:, i],
        points[:, j],
        linestyle="none",
        marker="o",
        markersize=3,
        markerfacecolor="white",
        markeredgecolor="0.45",
        markeredgewidth=0.6,
        label={"feasible": "feasible points", "all packages": "packages (none agreed)"}.get(
            kind, "agreement packages"
        ),
    )
    frontier = points[pareto]
    plane = points.shape[1] == 2
    if len(frontier) and plane and kind != "feasible":
        order = np.lexsort((-frontier[:, 1], frontier[:, 0]))
        axes.plot(
            frontier[order, 0],
            frontier[order, 1],
            color="black",
            linewidth=1.0,
            drawstyle="steps-pre",
            marker="o",
            markersize=4,
            label="Pareto frontier",
        )
    elif len(frontier) and not plane:
        axes.plot(
            frontier[:, i],
            frontier[:, j],
            linestyle="none",
            marker="o",
            markersize=4,
            color="black",
            label="Pareto set",
        )
    if kind in ("feasible", "packages+lotteries") and len(frontier) and plane:
        edge = upper_hull([(float(p[i]), float(p[j])) for p in frontier])
        feasible = kind == "feasible"
        axes.plot(
            [p[0] for p in edge],
            [p[1] for p in edge],
            color="black" if feasible else "0.3",
            linestyle="-" if feasible else "--",
            linewidth=1.2 if feasible else 1.0,
            label="Pareto frontier" if feasible else "lottery frontier",
        )
    for (label, point), marker in zip(references, ("s", "x"), strict=False):
        axes.plot(
            [point[i]],
            [point[j]],
            linestyle="none",
            marker=marker,
            markersize=7,
            color="black",
            markerfacecolor="white" if marker == "s" else "black",
            label=label,
            zorder=4,
        )
    _draw_marks(axes, marks, pair)
    axes.margins(0.12, 0.18)
    axes.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    axes.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))


def _figure(
    title: str,
    names: Sequence[str],
    points: np.ndarray,
    pareto: np.ndarray,
    references: Sequence[Mark],
    marks: Sequence[Mark],
    kind: str,
) -> Figure:
    """Lay out the plane (two parties) or the pairwise panels (three or more)."""
    n = len(names)
    pairs = [(0, 1)] if n == 2 else list(itertools.combinations(range(min(n, 3)), 2))
    if n > 2:
        title += f": pairwise views of {', '.join(names[:3])}"
    figure = column_figure(3.4 if n == 2 else 8.4)
    grid = figure.subplots(len(pairs), 1, squeeze=False)
    for axes, pair in zip(grid[:, 0], pairs, strict=True):
        _panel(axes, points, pareto, references, marks, pair, kind)
        style_axes(axes, f"utility of {names[pair[0]]}", f"utility of {names[pair[1]]}")
    handles, labels = grid[0, 0].get_legend_handles_labels()
    figure_legend(figure, handles, labels)
    figure.suptitle(fit_title(title), fontsize=FONT)
    return figure


def negotiation_space(analysis: NegotiationAnalysis) -> Figure:
    """The agreement set of a negotiation in the executives' utilities, with the solutions.

    Each distinct utility vector of the agreement set is one point; the Pareto frontier joins
    its efficient members; the lottery frontier (dashed) is the efficient edge of their convex
    hull, drawn when the Nash solution over lotteries exists.
    """
    agreement = analysis.agreement
    game = analysis.game
    parties = list(game.party_ids)
    scale = float(agreement.space.scale)
    points = np.asarray(agreement.utilities, dtype=float).reshape(-1, len(parties)) / scale
    pareto = np.asarray(agreement.pareto, dtype=bool)
    status_quo = tuple(float(agreement.utility(p, game.status_quo)) for p in parties)
    disagreement = tuple(float(analysis.disagreement[p]) for p in parties)
    references: list[Mark] = [("status quo", status_quo)]
    if not np.allclose(status_quo, disagreement):
        references.append(("disagreement", disagreement))
    else:
        references = [("status quo, disagreement", status_quo)]
    solutions = [
        ("Nash", analysis.nash),
        ("Nash (equal powers)", analysis.nash_symmetric or ()),
        ("Kalai-Smorodinsky", analysis.kalai_smorodinsky),
        ("egalitarian", analysis.egalitarian),
        ("utilitarian", analysis.utilitarian),
    ]
    marks: list[Mark] = [
        (label, tuple(float(outcomes[0].utilities[p]) for p in parties))
        for label, outcomes in solutions
        if outcomes
    ]
    if analysis.nash_lottery is not None:
        lottery = analysis.nash_lottery.utilities
        marks.append(("Nash lottery", tuple(float(lottery[p]) for p in parties)))
    names = [actor_name(game, p) for p in parties]
    title = f"Utility space: {game.title}"
    kind = "packages" if analysis.nash_lottery is None else "packages+lotteries"
    if not len(points):
        title += ": no agreement, every package shown"
        space = agreement.space
        everything = [np.ravel(np.asarray(space.values[p], dtype=float)) for p in parties]
        points = np.unique(np.stack(everything, axis=1)[:_MOST_SHOWN], axis=0) / scale
        pareto = np.zeros(len(points), dtype=bool)
        kind = "all packages"
    return _figure(title, names, points, pareto, references, marks, kind)


def bargaining_space(analysis: BargainingAnalysis) -> Figure:
    """The feasible set of a bargaining problem (its points and the efficient edge of their
    hull, which lotteries reach), the disagreement and ideal points and every solution."""
    game = analysis.game
    points = np.asarray([[float(x) for x in p] for p in analysis.points], dtype=float)
    pareto = np.zeros(len(points), dtype=bool)
    pareto[list(analysis.pareto)] = True
    references: list[Mark] = [
        ("disagreement", tuple(float(x) for x in game.disagreement)),
        ("ideal", tuple(float(x) for x in analysis.ideal)),
    ]
    found = [
        ("Nash", analysis.nash),
        ("Nash (equal powers)", analysis.nash_symmetric),
        ("Kalai-Smorodinsky", analysis.kalai_smorodinsky),
        ("egalitarian", analysis.egalitarian),
        ("utilitarian", analysis.utilitarian[0] if analysis.utilitarian else None),
    ]
    marks: list[Mark] = [
        (label, tuple(float(x) for x in point.utilities))
        for label, point in found
        if point is not None
    ]
    names = [p.name.split(" (")[0] or p.id for p in game.players]
    return _figure(
        f"Feasible set: {game.title}", names, points, pareto, references, marks, "feasible"
    )
