"""Rendering analyses as text, Markdown, JSON or an HTML page with figures. Computes nothing.

Each kind of analysis has a module here with two functions: ``document(analysis) -> Document``
(for text and Markdown) and ``to_json(analysis) -> dict`` (the kind's keys of
"Results as JSON" in the format reference). :func:`render` adds the common envelope.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, cast

from negotiate.errors import UnsupportedGameError
from negotiate.report.document import Document, side_by_side, to_html, to_markdown, to_text
from negotiate.report.envelope import RESULT_FORMAT, dumps, envelope

if TYPE_CHECKING:
    from negotiate.analysis import Analysis

__all__ = ["FORMATS", "RESULT_FORMAT", "render", "render_many", "render_with_scenarios"]

FORMATS = ("text", "markdown", "json", "html")
"""The output formats of :func:`render`."""


_REPORTS: dict[str, str] = {
    "normal_form": "negotiate.report.normal_form",
    "extensive_form": "negotiate.report.extensive_form",
    "coalition": "negotiate.report.coalition",
    "weighted_voting": "negotiate.report.weighted_voting",
    "bargaining": "negotiate.report.bargaining",
    "negotiation": "negotiate.report.negotiation",
}
"""The report module of each kind of analysis (``analysis.game.kind``)."""


class KindReport(Protocol):
    """What the report module of a kind offers (each narrows ``analysis`` to its kind's)."""

    def document(self, analysis: Analysis) -> Document: ...

    def to_json(self, analysis: Analysis) -> dict[str, Any]: ...


def _module(analysis: Analysis) -> KindReport:
    kind = analysis.game.kind
    if kind not in _REPORTS:
        raise UnsupportedGameError(f"there is no report for {kind!r} analyses yet")
    return cast(KindReport, importlib.import_module(_REPORTS[kind]))


def document(analysis: Analysis) -> Document:
    """The report of one analysis, as blocks (rendered by :func:`render`)."""
    return _module(analysis).document(analysis)


def to_json(analysis: Analysis) -> dict[str, Any]:
    """The JSON object of one analysis: the envelope, then the kind's own keys."""
    return envelope(analysis.game) | _module(analysis).to_json(analysis)


def _figures(analyses: Sequence[Analysis]) -> list[tuple[str, str]]:
    """The main figures of each analysis as inline SVG (needs matplotlib); with several
    analyses (scenarios), each caption names its scenario."""
    from negotiate.plot import figures, to_svg

    shown = []
    for k, analysis in enumerate(analyses):
        scenario = getattr(analysis.game, "scenario", None)
        prefix = f"Scenario {scenario}: " if len(analyses) > 1 and scenario else ""
        for n, (caption, figure) in enumerate(figures(analysis)):
            shown.append((prefix + caption, to_svg(figure, f"f{k}_{n}")))
    return shown


def _page(document: Document, fmt: str, analyses: Sequence[Analysis]) -> str:
    if fmt == "html":
        return to_html(document, _figures(analyses))
    return to_markdown(document) if fmt == "markdown" else to_text(document)


def render(analysis: Analysis, fmt: str = "text") -> str:
    """An analysis as ``"text"``, ``"markdown"``, ``"json"`` or ``"html"`` (a self-contained
    page with the figures of :func:`negotiate.plot.figures` as inline SVG; needs the plot
    extra).

    Examples
    --------
    >>> from negotiate import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="swap", title="A swap",
    ...     parties=[Party(id="us", values={"trade": {"open": 3}, "visas": {"more": -1}}),
    ...              Party(id="mx", values={"trade": {"open": -1}, "visas": {"more": 2}})],
    ...     issues=[Issue(id="trade", options=["closed", "open"]),
    ...             Issue(id="visas", options=["few", "more"])])
    >>> from negotiate import analyse
    >>> render(analyse(game), "json").startswith("{")
    True
    """
    if fmt == "json":
        return dumps(to_json(analysis))
    return _page(document(analysis), fmt, [analysis])


def render_many(analyses: Sequence[Analysis], fmt: str = "text") -> str:
    """Several analyses of one game (one per scenario), side by side.

    A kind's report module may offer ``compare(analyses) -> Document`` for a closer comparison;
    otherwise the documents follow one another. In JSON: ``{"format", "results": [...]}``.
    """
    if fmt == "json":
        results = [to_json(a) for a in analyses]
        return dumps({"format": RESULT_FORMAT, "results": results})
    module = _module(analyses[0])
    compare: Callable[[Sequence[Analysis]], Document] | None = getattr(module, "compare", None)
    if compare is not None:
        combined = compare(analyses)
    else:
        combined = side_by_side(analyses[0].game.title, [module.document(a) for a in analyses])
    return _page(combined, fmt, analyses)


def render_with_scenarios(
    analysis: Analysis, scenarios: Sequence[Analysis], fmt: str = "text"
) -> str:
    """The report of a game's base analysis, with each scenario's headline beside it (what
    ``negotiate solve FILE`` prints for a file with scenarios).

    In JSON: the base result with a ``"scenarios"`` list of headlines (``id``, ``name``,
    ``agreements``, ``win_sets``, ``nash``, ``pivotal``, ``linkage_gains``).
    """
    from negotiate.report import negotiation_brief

    if fmt == "json":
        headlines = [negotiation_brief.scenario_json(cast(Any, a)) for a in scenarios]
        return dumps(to_json(analysis) | {"scenarios": headlines})
    blocks = cast(Any, _module(analysis)).document(analysis, scenarios)
    return _page(blocks, fmt, [analysis])
