"""A negotiation's regime in a sweep: which package is the Nash solution.

>>> from negotiate.model import NegotiationGame, Party, Issue
>>> game = NegotiationGame(id="g", title="G",
...     parties=[Party(id="us", values={"a": {"y": 2}}), Party(id="mx", values={"a": {"y": 1}})],
...     issues=[Issue(id="a", options=["n", "y"])])
>>> nash_headline(game)
'Nash a = y'
"""

from __future__ import annotations

from negotiate.model.negotiation import NegotiationGame
from negotiate.negotiation.packages import package_space
from negotiate.negotiation.solutions import nash_packages
from negotiate.negotiation.two_level import agreement_set

__all__ = ["nash_headline"]


def nash_headline(game: NegotiationGame) -> str:
    """The (first) Nash package in words, or that there is no agreement."""
    nash = nash_packages(agreement_set(package_space(game)))
    if not nash:
        return "no agreement"
    changed = [
        f"{issue.id} = {option}"
        for issue, option in zip(game.issues, nash[0].package, strict=True)
        if option != issue.status_quo
    ]
    return "Nash " + (", ".join(changed) or "the status quo")
