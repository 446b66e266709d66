"""The point of disagreement: the status quo, or the outside option of the separate deals.

Moving the point of disagreement to a package ``q`` is the same as making ``q`` the status quo:
every actor's default reservation becomes its utility at ``q``, the disagreement point ``d`` the
executives' utilities there, and the agreement set the packages other than ``q`` that every party
ratifies. Explicit ``reservation`` values stand. :func:`with_status_quo` builds that game; the
outside option of a linked negotiation is ``p_sep``, the separate issue-by-issue deals together
(Sebenius 1983), when every party ratifies it.

>>> from negotiate.model import NegotiationGame, Party, Issue
>>> game = NegotiationGame(
...     id="g", title="G", disagreement="separate",
...     parties=[Party(id="us", values={"a": {"y": 2}, "b": {"y": -1}}),
...              Party(id="mx", values={"a": {"y": 1}, "b": {"y": 2}})],
...     issues=[Issue(id="a", options=["n", "y"]), Issue(id="b", options=["n", "y"])],
... )
>>> option = outside_option(game)
>>> option.package, option.applies
(('y', 'n'), True)
>>> effective_game(game).status_quo
('y', 'n')
"""

from __future__ import annotations

import attrs

from negotiate.exact.numbers import Number
from negotiate.model._common import FrozenMap
from negotiate.model.negotiation import NegotiationGame, Package
from negotiate.negotiation.linkage import linkage

__all__ = ["OutsideOption", "effective_game", "outside_option", "with_status_quo"]


def with_status_quo(game: NegotiationGame, package: Package) -> NegotiationGame:
    """``game`` with ``package`` as its status quo (and so its point of disagreement)."""
    issues = [
        attrs.evolve(issue, status_quo=option)
        for issue, option in zip(game.issues, package, strict=True)
    ]
    return attrs.evolve(game, issues=issues)


@attrs.frozen(kw_only=True)
class OutsideOption:
    """The separate deals together, ``p_sep``, as the point of disagreement.

    ``applies`` when every party ratifies ``package``; otherwise ``rejected_by`` names the parties
    that do not, and the status quo stays. ``utilities`` are the executives' utilities at
    ``package``.
    """

    package: Package
    utilities: FrozenMap[str, Number]
    applies: bool
    rejected_by: tuple[str, ...]

    @property
    def reason(self) -> str:
        """Why the outside option is or is not the point of disagreement, in words."""
        if self.applies:
            return "every party ratifies the separate deals together, so they are what it gets"
        return (
            f"{', '.join(self.rejected_by)} would not ratify the separate deals together, "
            "so the status quo stays"
        )


def outside_option(game: NegotiationGame) -> OutsideOption:
    """``p_sep`` of the linkage analysis and whether it can be the point of disagreement."""
    combined = linkage(game).separate_combined
    return OutsideOption(
        package=combined.package,
        utilities=combined.utilities,
        applies=combined.ratified,
        rejected_by=combined.rejected_by,
    )


def effective_game(game: NegotiationGame) -> NegotiationGame:
    """The game the solutions are computed on: with ``disagreement = "separate"`` and a ratified
    ``p_sep``, ``p_sep`` is its status quo; otherwise ``game`` itself."""
    if game.disagreement != "separate":
        return game
    option = outside_option(game)
    return with_status_quo(game, option.package) if option.applies else game
