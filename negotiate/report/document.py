"""A report as a few kinds of block, rendered to plain text or Markdown.

Each kind's report module builds a :class:`Document` from an analysis; this module only lays it
out, so text and Markdown always say the same thing.

>>> doc = Document("Split", [Paragraph("A deal exists."),
...                          Table(["player", "share"], [["us", "5/7"], ["mx", "2/7"]])])
>>> print(to_text(doc))
Split
=====
<BLANKLINE>
A deal exists.
<BLANKLINE>
player  share
------  -----
us      5/7
mx      2/7
>>> print(to_markdown(doc))
# Split
<BLANKLINE>
A deal exists.
<BLANKLINE>
| player | share |
|---|---|
| us | 5/7 |
| mx | 2/7 |
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "Block",
    "BulletList",
    "Document",
    "Heading",
    "Paragraph",
    "Table",
    "html_block",
    "side_by_side",
    "to_html",
    "to_markdown",
    "to_text",
]

WIDTH = 100


@attrs.frozen
class Heading:
    """A section title; level 2 is a section, 3 a subsection."""

    text: str
    level: int = 2


@attrs.frozen
class Paragraph:
    """Running text, wrapped in plain-text output."""

    text: str


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _rows(rows: Iterable[Iterable[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(map(tuple, rows))


@attrs.frozen
class BulletList:
    """A list of short items, after an optional ``lead`` line (``"Bottom line:"``)."""

    items: tuple[str, ...] = attrs.field(converter=_strings)
    lead: str | None = None


@attrs.frozen
class Table:
    """A table of strings with a header row."""

    header: tuple[str, ...] = attrs.field(converter=_strings)
    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_rows)


Block = Heading | Paragraph | BulletList | Table


def _blocks(blocks: Iterable[Block]) -> tuple[Block, ...]:
    return tuple(blocks)


@attrs.frozen
class Document:
    """A titled sequence of blocks."""

    title: str
    blocks: tuple[Block, ...] = attrs.field(converter=_blocks)


def to_text(document: Document) -> str:
    """Plain text: underlined headings, wrapped paragraphs, aligned tables."""
    parts = [f"{document.title}\n{'=' * len(document.title)}"]
    for block in document.blocks:
        if isinstance(block, Heading):
            rule = "-" if block.level <= 2 else "~"
            parts.append(f"{block.text}\n{rule * len(block.text)}")
        elif isinstance(block, Paragraph):
            parts.append(textwrap.fill(block.text, WIDTH, break_on_hyphens=False))
        elif isinstance(block, BulletList):
            parts.append(
                "\n".join(
                    ([block.lead] if block.lead else [])
                    + [
                        textwrap.fill(
                            item,
                            WIDTH,
                            initial_indent="- ",
                            subsequent_indent="  ",
                            break_on_hyphens=False,
                        )
                        for item in block.items
                    ]
                )
            )
        else:
            parts.append(_text_table(block))
    return "\n\n".join(parts) + "\n"


def _text_table(table: Table) -> str:
    """An aligned table; when it would be wider than :data:`WIDTH`, its widest columns wrap
    (at spaces where they can) until it fits."""
    widths = [len(h) for h in table.header]
    for row in table.rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    words = [max((len(w) for w in h.split()), default=0) for h in table.header]
    for row in table.rows:
        words = [max([w, *(len(x) for x in c.split())]) for w, c in zip(words, row, strict=True)]
    widths = _fitted(widths, words)

    def lines(cells: Sequence[str]) -> list[str]:
        wrapped = [_wrap(c, w) for c, w in zip(cells, widths, strict=True)]
        height = max(len(w) for w in wrapped)
        return [
            "  ".join(
                (w[k] if k < len(w) else "").ljust(width)
                for w, width in zip(wrapped, widths, strict=True)
            ).rstrip()
            for k in range(height)
        ]

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([*lines(table.header), rule, *(x for r in table.rows for x in lines(r))])


def _fitted(widths: list[int], floors: list[int]) -> list[int]:
    """Column widths narrowed, widest first, until the table fits :data:`WIDTH`: first no
    column below its longest word (``floors``), then, if it must, none below 8 characters."""
    widths = list(widths)
    for floor in (floors, [min(8, w) for w in widths]):
        excess = sum(widths) + 2 * (len(widths) - 1) - WIDTH
        while excess > 0:
            shrinkable = [k for k, w in enumerate(widths) if w > floor[k]]
            if not shrinkable:
                break
            top = max(widths[k] for k in shrinkable)
            tops = [k for k in shrinkable if widths[k] == top]
            lower = [widths[k] for k in shrinkable if widths[k] < top]
            level = max([*lower, *(floor[k] for k in tops)])
            cut = min(top - level, -(-excess // len(tops)))
            for k in tops:
                step = min(cut, widths[k] - floor[k], excess)
                widths[k] -= step
                excess -= step
    return widths


def _wrap(cell: str, width: int) -> list[str]:
    """A cell's lines: after commas where the pieces fit, else at spaces."""
    if len(cell) <= width:
        return [cell]
    pieces = cell.split(", ")
    if all(len(piece) + 1 <= width for piece in pieces):
        lines = [pieces[0]]
        for piece in pieces[1:]:
            if len(lines[-1]) + 2 + len(piece) <= width - 1:
                lines[-1] += ", " + piece
            else:
                lines[-1] += ","
                lines.append(piece)
        return lines
    return textwrap.wrap(cell, width, break_on_hyphens=False) or [""]


def to_markdown(document: Document) -> str:
    """GitHub-flavoured Markdown."""
    parts = [f"# {document.title}"]
    for block in document.blocks:
        if isinstance(block, Heading):
            parts.append(f"{'#' * block.level} {block.text}")
        elif isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, BulletList):
            lead = [block.lead] if block.lead else []
            parts.append("\n".join(lead + [f"- {item}" for item in block.items]))
        else:

            def row(cells: Sequence[str]) -> str:
                return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

            lines = [row(block.header), "|" + "---|" * len(block.header)]
            parts.append("\n".join(lines + [row(r) for r in block.rows]))
    return "\n\n".join(parts) + "\n"


_STYLE = """
body { font: 11pt/1.45 Georgia, "Times New Roman", serif; color: #111; margin: 2em auto;
       max-width: 46em; padding: 0 1em; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; } h3 { font-size: 1.05em; }
table { border-collapse: collapse; margin: 0.8em 0; font: 9.5pt/1.3 "DejaVu Sans", sans-serif; }
th, td { border-bottom: 1px solid #bbb; padding: 0.2em 0.6em; text-align: left;
         vertical-align: top; }
th { border-bottom: 2px solid #333; }
.figures { display: flex; flex-wrap: wrap; gap: 1em 2em; }
figure { margin: 0.8em 0; max-width: 22em; }
figure svg { width: 100%; height: auto; }
figcaption { font-size: 9.5pt; font-style: italic; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2, h3 { break-after: avoid; }
  figure, table { break-inside: avoid; }
}
"""
"""The page's only style sheet: inline, nothing fetched; a print layout without margins."""


def html_block(block: Block) -> str:
    """One block as an HTML element, every text escaped."""
    if isinstance(block, Heading):
        level = min(block.level, 6)
        return f"<h{level}>{html.escape(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        return f"<p>{html.escape(block.text)}</p>"
    if isinstance(block, BulletList):
        items = "".join(f"<li>{html.escape(item)}</li>" for item in block.items)
        lead = f"<p>{html.escape(block.lead)}</p>" if block.lead else ""
        return f"{lead}<ul>{items}</ul>"
    header = "".join(f"<th>{html.escape(cell)}</th>" for cell in block.header)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
        for row in block.rows
    )
    return f"<table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>"


def to_html(document: Document, figures: Sequence[tuple[str, str]] = ()) -> str:
    """One self-contained HTML page: every text escaped, the style inline, and ``figures``
    (``(caption, svg)`` pairs of inline SVG markup, trusted) in a section of their own after
    the opening paragraphs (the bottom line), before the first heading.

    >>> page = to_html(Document("A & B", [Paragraph("x < y"), Heading("More")]),
    ...                [("A figure.", "<svg></svg>")])
    >>> "<title>A &amp; B</title>" in page, "<p>x &lt; y</p>" in page
    (True, True)
    >>> page.index("<figure>") < page.index("<h2>More</h2>")
    True
    """
    blocks = [html_block(b) for b in document.blocks]
    if figures:
        shown = "".join(
            f"<figure>{svg}<figcaption>{html.escape(caption)}</figcaption></figure>"
            for caption, svg in figures
        )
        first = next(
            (k for k, b in enumerate(document.blocks) if isinstance(b, Heading)), len(blocks)
        )
        blocks.insert(first, f'<h2>Figures</h2><div class="figures">{shown}</div>')
    title = html.escape(document.title)
    body = "\n".join(blocks)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{title}</h1>\n{body}\n</body>\n</html>\n"
    )


def side_by_side(title: str, documents: Sequence[Document]) -> Document:
    """One document holding several, each under its own heading (for scenario comparisons)."""
    blocks: list[Block] = []
    for document in documents:
        blocks.append(Heading(document.title, 2))
        blocks.extend(
            attrs.evolve(b, level=b.level + 1) if isinstance(b, Heading) else b
            for b in document.blocks
        )
    return Document(title, blocks)
