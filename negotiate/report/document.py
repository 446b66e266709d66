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
    "side_by_side",
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
    """A list of short items."""

    items: tuple[str, ...] = attrs.field(converter=_strings)


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
                    textwrap.fill(
                        item,
                        WIDTH,
                        initial_indent="- ",
                        subsequent_indent="  ",
                        break_on_hyphens=False,
                    )
                    for item in block.items
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
            parts.append("\n".join(f"- {item}" for item in block.items))
        else:

            def row(cells: Sequence[str]) -> str:
                return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

            lines = [row(block.header), "|" + "---|" * len(block.header)]
            parts.append("\n".join(lines + [row(r) for r in block.rows]))
    return "\n\n".join(parts) + "\n"


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
