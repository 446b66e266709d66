"""A robustness study as text, Markdown or JSON. Computes nothing (its tornado chart is
:func:`negotiate.plot.tornado`).

Exact margins are printed as rationals (JSON: strings such as ``"-3/2"``), float margins, found
by bisection, as floats (JSON numbers); ``null`` when no change within the range breaks the
conclusion.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from negotiate.exact.numbers import to_json as number_json
from negotiate.exact.numbers import to_text
from negotiate.negotiation.robustness import RobustnessAnalysis
from negotiate.report.document import Block, Document, Heading, Paragraph, Table, to_markdown
from negotiate.report.document import to_text as document_text
from negotiate.report.envelope import dumps, envelope
from negotiate.robust.margins import Margin
from negotiate.robust.study import Study

__all__ = ["document", "margin_json", "margin_text", "render", "to_json"]

_SHOWN = 5
"""How many numbers each conclusion's ranking lists in text."""


def margin_json(margin: Margin) -> str | float | None:
    """A margin in JSON: an exact rational as a string, a float as a number, or null."""
    return None if margin.value is None else number_json(margin.value)


def margin_text(margin: Margin) -> str:
    """A margin for people, ``~`` before a float found by bisection."""
    if margin.value is None:
        return "none in range"
    text = to_text(margin.value)
    return text if margin.exact else f"~{text}"


def to_json(analysis: RobustnessAnalysis | Study) -> dict[str, Any]:
    """``{"samples", "seed", "spread", "conclusions": {id: {"name", "holds", "interval",
    "holds_at_baseline", "margins", "influence"}}}``."""
    conclusions = {}
    claims: Sequence[Any] = analysis.claims
    for k, claim in enumerate(claims):
        low, high = analysis.interval(k)
        conclusions[claim.id] = {
            "name": claim.name,
            "holds": round(analysis.share(k), 6),
            "interval": [round(low, 6), round(high, 6)],
            "holds_at_baseline": analysis.holds_at_baseline[k],
            "margins": {p: margin_json(m) for p, m in analysis.margins[claim.id].items()},
            "influence": {p: round(x, 6) for p, x in analysis.influence(k).items()},
        }
    return {
        "samples": analysis.samples,
        "seed": analysis.seed,
        "spread": number_json(analysis.spread),
        "conclusions": conclusions,
    }


def _summary(analysis: RobustnessAnalysis | Study) -> Table:
    rows = []
    claims: Sequence[Any] = analysis.claims
    for k, claim in enumerate(claims):
        low, high = analysis.interval(k)
        ranked = analysis.ranked_margins(k)
        nearest = f"{ranked[0][0]} by {margin_text(ranked[0][1])}" if ranked else "none"
        rows.append(
            [
                claim.id,
                f"{analysis.share(k):.3f}",
                f"{low:.3f}-{high:.3f}",
                "yes" if analysis.holds_at_baseline[k] else "no",
                nearest,
            ]
        )
    header = ["conclusion", "share", "95% interval", "at baseline", "nearest break"]
    return Table(header, rows)


def _details(analysis: RobustnessAnalysis | Study, k: int) -> list[Block]:
    claim = analysis.claims[k]
    ranked = analysis.ranked_margins(k)[:_SHOWN]
    influence = analysis.influence(k)
    strongest = sorted(influence.items(), key=lambda item: -abs(item[1]))[:_SHOWN]
    blocks: list[Block] = [Heading(f"{claim.id}: {claim.name}", 3)]
    if ranked:
        blocks.append(Table(["number", "margin"], [[p, margin_text(m)] for p, m in ranked]))
    else:
        blocks.append(Paragraph("No single number within its range breaks it."))
    if any(abs(x) > 0 for _, x in strongest):
        rows = [[p, f"{x:+.3f}"] for p, x in strongest if abs(x) > 0]
        blocks.append(Table(["number", "influence (upper - lower half)"], rows))
    return blocks


def document(analysis: RobustnessAnalysis | Study) -> Document:
    """The summary table, then for each conclusion its smallest margins and largest influences."""
    game = analysis.game
    title = f"Robustness: {game.title}"
    if getattr(game, "scenario", None) is not None:
        title += f" (scenario {game.scenario})"
    blocks: list[Block] = [
        Paragraph(
            f"{analysis.samples} samples (seed {analysis.seed}) of {len(analysis.numbers)} "
            f"uncertain numbers (spread {to_text(analysis.spread)} unless a range says "
            "otherwise). Share: the samples in which the conclusion holds, with a 95% Wilson "
            "interval. Margin: the smallest change of one number, the others at the baseline, "
            "that changes the conclusion (exact where rational; ~ marks a float found by "
            "bisection). Influence: the share in the upper half of a number's range minus the "
            "share in its lower half."
        ),
        _summary(analysis),
        Heading("Conclusions"),
    ]
    if not analysis.numbers:
        blocks.insert(
            1,
            Paragraph(
                "Nothing varies: the spread covers none of this game's numbers (a body of rules "
                "counts members; see docs/robustness.md). [[uncertainty.range]] entries can vary "
                "any of them."
            ),
        )
    for k in range(len(analysis.claims)):
        blocks += _details(analysis, k)
    return Document(title, blocks)


def render(analysis: RobustnessAnalysis | Study, fmt: str = "text") -> str:
    """The study as ``"text"``, ``"markdown"`` or ``"json"`` (with the result envelope)."""
    if fmt == "json":
        return dumps(envelope(analysis.game) | {"robustness": to_json(analysis)})
    doc = document(analysis)
    return to_markdown(doc) if fmt == "markdown" else document_text(doc)
