"""A sweep as a table, JSON, or a figure. Computes nothing.

The figure needs matplotlib (the ``plot`` extra), imported only when a figure is drawn.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from negotiate.errors import NegotiateError
from negotiate.exact.numbers import to_json as number_json
from negotiate.exact.numbers import to_text
from negotiate.negotiation.sweep import Sweep
from negotiate.report.document import Block, Document, Paragraph, Table, to_markdown
from negotiate.report.document import to_text as document_text
from negotiate.report.envelope import dumps, envelope
from negotiate.report.linkage import _package_text
from negotiate.report.mechanisms import sweep_header, sweep_json, sweep_row

__all__ = ["document", "plot", "render", "to_json"]


def document(sweep: Sweep) -> Document:
    """One row per value: agreement set size, the linked Nash package, utilities and gains."""
    game = sweep.game
    parties = list(game.party_ids)
    changes = set(sweep.regime_changes)
    rows = []
    for k, point in enumerate(sweep.points):
        analysis = point.analysis
        linked = analysis.linked
        rows.append(
            [
                ("* " if k in changes else "") + to_text(point.value),
                str(analysis.agreements),
                _package_text(game, linked.package) if linked.feasible else "no agreement",
                *(to_text(linked.utilities[p]) for p in parties),
                *(to_text(analysis.gains[p]) for p in parties),
                *sweep_row(game, point, sweep.points),
            ]
        )
    header = [
        sweep.path,
        "agreements",
        "linked Nash package",
        *(f"u_{p}" for p in parties),
        *(f"gain_{p}" for p in parties),
        *sweep_header(sweep.points),
    ]
    title = f"Sweep of {sweep.path}: {game.title}"
    if game.scenario is not None:
        title += f" (scenario {game.scenario})"
    blocks: list[Block] = [
        Paragraph(
            "For each value: the size of the agreement set, the Nash package of the linked "
            "negotiation, each party's utility of it and its gain over negotiating issue by issue. "
            "* marks a regime change (a new linked package or new minimal feasible linkages)."
        ),
        Table(header, rows),
    ]
    return Document(title, blocks)


def to_json(sweep: Sweep) -> dict[str, Any]:
    """``{"path", "points": [{"value", "agreements", "linked", "gains", "minimal_feasible"}],
    "regime_changes": [values]}``."""
    game = sweep.game
    return {
        "path": sweep.path,
        "points": [
            {
                "value": number_json(point.value),
                "agreements": point.analysis.agreements,
                "linked": {
                    "package": dict(
                        zip(game.issue_ids, point.analysis.linked.package, strict=True)
                    ),
                    "feasible": point.analysis.linked.feasible,
                    "utilities": {
                        p: number_json(u) for p, u in point.analysis.linked.utilities.items()
                    },
                },
                "gains": {p: number_json(g) for p, g in point.analysis.gains.items()},
                "minimal_feasible": [list(m) for m in point.analysis.minimal_feasible],
            }
            | sweep_json(game, point)
            for point in sweep.points
        ],
        "regime_changes": [number_json(sweep.points[k].value) for k in sweep.regime_changes],
    }


def render(sweep: Sweep, fmt: str = "text") -> str:
    """The sweep as ``"text"``, ``"markdown"`` or ``"json"`` (with the result envelope)."""
    if fmt == "json":
        return dumps(envelope(sweep.game) | {"sweep": to_json(sweep)})
    doc = document(sweep)
    return to_markdown(doc) if fmt == "markdown" else document_text(doc)


def plot(sweep: Sweep, output: Path) -> None:
    """Draw the parties' utilities of the linked and the issue-by-issue deals across the range,
    with the regime changes marked, into ``output`` (PNG, SVG or PDF by its suffix)."""
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise NegotiateError(
            "--plot needs matplotlib: install the plot extra from the checkout "
            '(pip install ".[plot]")'
        ) from None
    xs = [float(p.value) for p in sweep.points]
    figure = Figure(figsize=(8, 4.5), layout="constrained")
    axes = figure.add_subplot()
    for party in sweep.game.party_ids:
        (line,) = axes.plot(
            xs,
            [float(p.analysis.linked.utilities[party]) for p in sweep.points],
            marker="o",
            label=f"{party}: linked",
        )
        axes.plot(
            xs,
            [float(p.analysis.separate_combined.utilities[party]) for p in sweep.points],
            linestyle="--",
            color=line.get_color(),
            label=f"{party}: issue by issue",
        )
    for k in sweep.regime_changes:
        middle = (xs[k - 1] + xs[k]) / 2
        axes.axvline(middle, color="grey", linestyle=":", linewidth=1)
    axes.set_xlabel(sweep.path)
    axes.set_ylabel("utility")
    axes.set_title(f"{sweep.game.title}: linkage across {sweep.path}", fontsize=9)
    axes.legend(fontsize=8)
    figure.savefig(output)
