"""Games and analyses in a notebook: their report as Markdown or as simple, escaped HTML.

``import negotiate`` registers :func:`render` with :mod:`negotiate.display`, so that Jupyter shows
an analysis as its report and a game as a short card (its title, kind and sizes, description
and scenarios).

>>> import negotiate
>>> game = negotiate.load("games/hunker_down_border.toml")
>>> render(game, "markdown").splitlines()[2]
'normal_form: 2 players, 2x2 strategies'
>>> print(to_html(Document("A & B", [Paragraph("x < y")])))
<div class="negotiate-report">
<h1>A &amp; B</h1>
<p>x &lt; y</p>
</div>
"""

from __future__ import annotations

import html
from typing import Any, cast

from negotiate.report.document import BulletList, Document, Paragraph, html_block, to_markdown
from negotiate.report.summary import summary

__all__ = ["card", "render", "to_html"]


def card(game: Any) -> Document:
    """A game at a glance: its kind and sizes, description and scenarios."""
    blocks: list[Any] = [Paragraph(summary(game))]
    description = " ".join(getattr(game, "description", "").split())
    if description:
        blocks.append(Paragraph(description))
    scenarios = getattr(game, "scenarios", ())
    if scenarios and getattr(game, "scenario", None) is None:
        blocks.append(
            BulletList(f"{s.id}: {s.label}" for s in scenarios),
        )
    blocks.append(Paragraph("`negotiate.analyse(game)` solves it."))
    return Document(game.title, blocks)


def _document(obj: Any) -> Document:
    from negotiate.report import document

    return document(obj) if hasattr(obj, "game") else card(obj)


def render(obj: object, fmt: str) -> str:
    """A game's card or an analysis's report as ``"markdown"`` or ``"html"``."""
    document = _document(cast(Any, obj))
    return to_html(document) if fmt == "html" else to_markdown(document)


def to_html(document: Document) -> str:
    """A minimal HTML fragment of ``document``: headings, paragraphs, lists and tables, every
    text escaped."""
    parts = ['<div class="negotiate-report">', f"<h1>{html.escape(document.title)}</h1>"]
    parts += [html_block(block) for block in document.blocks]
    parts.append("</div>")
    return "\n".join(parts)
