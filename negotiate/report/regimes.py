"""A regime sweep as text, Markdown or JSON: a table for one varied number, a compact grid with a
legend for two. Computes nothing.
"""

from __future__ import annotations

from typing import Any

from negotiate.exact.numbers import to_json as number_json
from negotiate.exact.numbers import to_text
from negotiate.report.document import Block, Document, Paragraph, Table, to_markdown
from negotiate.report.document import to_text as document_text
from negotiate.report.envelope import dumps, envelope
from negotiate.report.negotiation_brief import title as negotiation_title
from negotiate.robust.grid import RegimeSweep, label

__all__ = ["document", "label", "render", "to_json"]


def _mark(value: Any, baseline: Any) -> str:
    return to_text(value) + (" (baseline)" if baseline is not None and value == baseline else "")


def _baselines(sweep: RegimeSweep) -> str:
    """The baseline of each varied number, said when it is not one of the grid's values."""
    said = []
    for path, base, axis in zip(sweep.paths, sweep.baseline, sweep.values, strict=True):
        where = "" if base is None or base in axis else ", off the grid"
        said.append(f"{path} = {'unset' if base is None else to_text(base)}{where}")
    return "; ".join(said)


def document(sweep: RegimeSweep) -> Document:
    """One row per value (one number), or a grid of legend letters (two numbers)."""
    game = sweep.game
    named = negotiation_title(game) if game.kind == "negotiation" else game.title
    title = f"Regimes: {named}"
    blocks: list[Block] = [Paragraph(f"Varied: {' and '.join(sweep.paths)}.")]
    if len(sweep.paths) == 1:
        changes = {k for k in range(1, sweep.cells.size) if sweep.cells[k] != sweep.cells[k - 1]}
        rows = [
            [("* " if k in changes else "") + _mark(v, sweep.baseline[0]), sweep.regimes[c]]
            for k, (v, c) in enumerate(zip(sweep.values[0], sweep.cells.tolist(), strict=True))
        ]
        blocks.append(Paragraph("For each value, the headline conclusion; * marks a change."))
        blocks.append(Table([sweep.paths[0], "regime"], rows))
        return Document(title, blocks)
    rows_path, columns_path = sweep.paths
    header = ["rows \\ columns"] + [
        to_text(v) + ("*" if v == sweep.baseline[1] else "") for v in sweep.values[1]
    ]
    rows = [
        [to_text(v) + ("*" if v == sweep.baseline[0] else "")]
        + [label(int(c)) for c in sweep.cells[k]]
        for k, v in enumerate(sweep.values[0])
    ]
    blocks.append(
        Paragraph(
            f"Rows: {rows_path}; columns: {columns_path}; * marks the baseline value "
            f"({_baselines(sweep)}). Each cell is the regime (the headline conclusion) of that "
            "variant:"
        )
    )
    blocks.append(Table(header, rows))
    blocks.append(
        Table(["regime", "headline"], [[label(k), r] for k, r in enumerate(sweep.regimes)])
    )
    return Document(title, blocks)


def to_json(sweep: RegimeSweep) -> dict[str, Any]:
    """``{"paths", "values": [[...] per path], "baseline", "regimes": [text], "cells": nested
    lists of regime indices (one level per path)}``."""
    return {
        "paths": list(sweep.paths),
        "values": [[number_json(v) for v in axis] for axis in sweep.values],
        "baseline": [None if b is None else number_json(b) for b in sweep.baseline],
        "regimes": list(sweep.regimes),
        "cells": sweep.cells.tolist(),
    }


def render(sweep: RegimeSweep, fmt: str = "text") -> str:
    """The sweep as ``"text"``, ``"markdown"`` or ``"json"`` (with the result envelope)."""
    if fmt == "json":
        return dumps(envelope(sweep.game) | {"regimes": to_json(sweep)})
    doc = document(sweep)
    return to_markdown(doc) if fmt == "markdown" else document_text(doc)
