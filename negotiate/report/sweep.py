"""A sweep as a table or JSON. Computes nothing (its figure is
:func:`negotiate.plot.sweep_figure`)."""

from __future__ import annotations

from typing import Any

from negotiate.exact.numbers import to_json as number_json
from negotiate.exact.numbers import to_text
from negotiate.negotiation.sweep import Sweep
from negotiate.report.document import Block, Document, Paragraph, Table, to_markdown
from negotiate.report.document import to_text as document_text
from negotiate.report.envelope import dumps, envelope
from negotiate.report.linkage import _package_text
from negotiate.report.mechanisms import sweep_header, sweep_json, sweep_row
from negotiate.report.negotiation_brief import title

__all__ = ["document", "render", "to_json"]


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
    blocks: list[Block] = [
        Paragraph(
            f"Varied: {sweep.path}. For each value: the size of the agreement set, the Nash "
            "package of the linked negotiation, each party's utility of it and its gain over "
            "negotiating issue by issue. "
            "* marks a regime change (a new linked package or new minimal feasible linkages)."
        ),
        Table(header, rows),
    ]
    return Document(f"Sweep: {title(game)}", blocks)


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
