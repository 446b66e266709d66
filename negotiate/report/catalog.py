"""The list of shipped games as text, Markdown or JSON. Computes nothing."""

from __future__ import annotations

from collections.abc import Sequence

from negotiate.io.catalog import ShippedGame
from negotiate.report.document import (
    BulletList,
    Document,
    Paragraph,
    Table,
    to_markdown,
    to_text,
)
from negotiate.report.envelope import RESULT_FORMAT, dumps

__all__ = ["document", "render"]


def document(games: Sequence[ShippedGame]) -> Document:
    """One row per shipped game."""
    rows = [[g.id, g.kind, ", ".join(g.scenarios) or "-"] for g in games]
    return Document(
        "Shipped games",
        [
            Paragraph(
                "Each id can stand for its file in every command, from any directory "
                "(for example `negotiate solve whole_enchilada`)."
            ),
            Table(["id", "kind", "scenarios"], rows),
            BulletList([f"{g.id}: {g.title}" for g in games]),
        ],
    )


def render(games: Sequence[ShippedGame], fmt: str = "text") -> str:
    """The list in ``"text"``, ``"markdown"`` or ``"json"`` (``{"format", "games": [...]}``)."""
    if fmt == "json":
        entries = [
            {"id": g.id, "kind": g.kind, "title": g.title, "scenarios": list(g.scenarios)}
            for g in games
        ]
        return dumps({"format": RESULT_FORMAT, "games": entries})
    doc = document(games)
    return to_markdown(doc) if fmt == "markdown" else to_text(doc)
