"""The main figures of an analysis, and writing a figure to a file or to inline SVG."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from negotiate.errors import NegotiateError

__all__ = ["figures", "save", "to_svg"]


def figures(analysis: Any) -> list[tuple[str, Figure]]:
    """``(caption, figure)`` for each main figure of an analysis, most telling first: a
    negotiation's utility space, win-sets by issue and ratification power; a bargaining
    problem's feasible set; a voting game's power; a coalition game's Shapley value; a game
    tree. A strategic-form game has none (its report shows the payoff matrix).

    >>> import negotiate
    >>> analysis = negotiate.analyse(negotiate.load("games/bargaining_power.toml"))
    >>> [caption for caption, _ in figures(analysis)]
    ['The feasible set, its Pareto frontier and the bargaining solutions.']
    """
    kind = analysis.game.kind
    found: list[tuple[str, Figure | None]] = []
    if kind == "negotiation":
        from negotiate.plot.issues import win_sets
        from negotiate.plot.power import ratification_power
        from negotiate.plot.utility_space import negotiation_space

        found = [
            (
                "The agreement set in the executives' utilities, its Pareto frontier and the "
                "bargaining solutions.",
                negotiation_space(analysis),
            ),
            ("Each party's win-set, issue by issue.", win_sets(analysis)),
            ("Who holds the power to ratify at home.", ratification_power(analysis)),
        ]
    elif kind == "bargaining":
        from negotiate.plot.utility_space import bargaining_space

        found = [
            (
                "The feasible set, its Pareto frontier and the bargaining solutions.",
                bargaining_space(analysis),
            )
        ]
    elif kind == "weighted_voting":
        from negotiate.plot.power import voting_power

        found = [("Each bloc's voting power.", voting_power(analysis))]
    elif kind == "coalition":
        from negotiate.plot.power import coalition_power

        found = [("Each player's Shapley value.", coalition_power(analysis))]
    elif kind == "extensive_form":
        from negotiate.plot.tree import game_tree

        found = [("The game tree and its subgame-perfect path.", game_tree(analysis))]
    return [(caption, figure) for caption, figure in found if figure is not None]


def save(figure: Figure, output: Path) -> None:
    """Write ``figure`` to ``output``, PNG or SVG by its suffix."""
    suffix = output.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise NegotiateError(f"{output}: a figure is written as .png or .svg (got {suffix!r})")
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": output.name}):
        try:
            figure.savefig(output, dpi=200, metadata={"Date": None} if suffix == ".svg" else {})
        except OSError as error:
            raise NegotiateError(f"{output}: cannot write ({error.strerror})") from None


def to_svg(figure: Figure, salt: str = "figure") -> str:
    """The figure as an SVG element to inline in a page: text kept as text (searchable, and
    printed crisply), ids salted with ``salt`` so that several figures on one page do not
    clash, without the XML prolog."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]
