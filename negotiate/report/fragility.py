"""Ties up front: the actors who accept a recommended package by (almost) nothing, and the number
whose smallest change moves the Nash package, in words and JSON.

JSON key (when there is a deal): ``fragility``: ``{"unit", "ties": [{"actor", "package", "gain",
"reservation", "pivotal"}], "nearest_flip": {"path", "margin", "exact", "direction"} or null}``.

>>> from negotiate.model import NegotiationGame, Party, Issue
>>> from negotiate.negotiation.analysis import analyse
>>> game = NegotiationGame(
...     id="g", title="G",
...     parties=[Party(id="us", values={"a": {"y": 2, "z": 3}}),
...              Party(id="mx", values={"a": {"y": 2, "z": 1}})],
...     issues=[Issue(id="a", options=["n", "y", "z"])],
... )
>>> to_json(analyse(game))["fragility"]["nearest_flip"]
{'path': 'values.mx.a.z', 'margin': '1/3', 'exact': True, 'direction': 'increase'}
"""

from __future__ import annotations

from typing import Any

from negotiate.exact.numbers import to_json as number_json
from negotiate.exact.numbers import to_text
from negotiate.model.negotiation import NegotiationGame, Package
from negotiate.negotiation.analysis import NegotiationAnalysis
from negotiate.negotiation.flips import Flip
from negotiate.negotiation.fragility import Tie
from negotiate.report.document import Block, BulletList, Heading, Paragraph

__all__ = ["document_blocks", "to_json"]

_DIRECTION = {1: "increase", -1: "decrease", 0: "change"}


def _package(game: NegotiationGame, package: Package) -> dict[str, str]:
    return dict(zip(game.issue_ids, package, strict=True))


def _flip_json(flip: Flip | None) -> dict[str, Any] | None:
    if flip is None:
        return None
    return {
        "path": flip.path,
        "margin": number_json(flip.margin),
        "exact": flip.exact,
        "direction": _DIRECTION[flip.direction],
    }


def _tie_json(game: NegotiationGame, tie: Tie) -> dict[str, Any]:
    return {
        "actor": tie.actor,
        "package": _package(game, tie.package),
        "gain": number_json(tie.gain),
        "reservation": number_json(tie.reservation),
        "pivotal": tie.pivotal,
    }


def to_json(analysis: NegotiationAnalysis) -> dict[str, Any]:
    """``{"fragility": ...}`` when there is a deal, else ``{}``."""
    result = analysis.fragility
    if result is None:
        return {}
    game = analysis.game
    return {
        "fragility": {
            "unit": number_json(result.unit),
            "ties": [_tie_json(game, t) for t in result.ties],
            "nearest_flip": _flip_json(result.nearest_flip),
        }
    }


def _words(game: NegotiationGame, package: Package) -> str:
    changed = [
        f"{issue.id} = {option}"
        for issue, option in zip(game.issues, package, strict=True)
        if option != issue.status_quo
    ]
    return ", ".join(changed) or "the status quo"


def _flip_text(flip: Flip | None) -> str:
    if flip is None:
        return "No single number of the file, changed alone, moves the Nash package."
    how = "a float" if not flip.exact else "exact"
    if flip.margin == 0:
        change = f"any {_DIRECTION[flip.direction]} of `{flip.path}`, however small"
    else:
        size = to_text(-flip.margin if flip.margin < 0 else flip.margin)
        word = _DIRECTION[flip.direction]
        change = f"{'an' if word[0] in 'aeiou' else 'a'} {word} of `{flip.path}` by {size} ({how})"
    return (
        f"The nearest flip: {change} moves the Nash package (one number at a time, the others "
        "as they are; no smaller change of any number does)."
    )


def document_blocks(analysis: NegotiationAnalysis) -> list[Block]:
    """The section "Ties and the nearest flip", or nothing when there is no deal."""
    result = analysis.fragility
    if result is None:
        return []
    game = analysis.game
    blocks: list[Block] = [Heading("Ties and the nearest flip")]
    if result.ties:
        unit = to_text(result.unit)
        blocks.append(
            Paragraph(
                f"Accepted by at most one unit ({unit}, the file's finest step): a change of one "
                "judgement by one unit leaves these actors indifferent or opposed."
            )
        )
        grouped: dict[Package, list[Tie]] = {}
        for tie in result.ties:
            grouped.setdefault(tie.package, []).append(tie)
        items = []
        for package, ties in grouped.items():
            who = "; ".join(
                f"{game.actor(t.actor).label}{' (pivotal)' if t.pivotal else ''} gains "
                f"{to_text(t.gain)} over its reservation {to_text(t.reservation)}"
                for t in ties
            )
            items.append(f"{_words(game, package)}: {who}")
        blocks.append(BulletList(items))
    else:
        blocks.append(
            Paragraph(
                f"Every actor that accepts a recommended package gains more than one unit "
                f"({to_text(result.unit)}, the file's finest step) from it."
            )
        )
    blocks.append(Paragraph(_flip_text(result.nearest_flip)))
    return blocks
