"""Typed, frozen, validated definitions of the six kinds of game of ``negotiate/1``."""

from negotiate.model.bargaining import BargainingPlayer, BargainingProblem
from negotiate.model.coalition import CoalitionGame
from negotiate.model.extensive_form import ExtensiveFormGame, Node
from negotiate.model.negotiation import (
    Constituency,
    Interaction,
    Issue,
    NegotiationGame,
    Party,
    Ratification,
    Scenario,
)
from negotiate.model.normal_form import NormalFormGame, Player
from negotiate.model.threats import Threat
from negotiate.model.uncertainty import Conclusion, Range, Uncertainty
from negotiate.model.voting import Bloc, Rule, VotingGame

Game = (
    NegotiationGame
    | NormalFormGame
    | ExtensiveFormGame
    | CoalitionGame
    | VotingGame
    | BargainingProblem
)
"""Any game of the ``negotiate/1`` format."""

GAME_CLASSES: dict[str, type] = {
    cls.kind: cls
    for cls in (
        NegotiationGame,
        NormalFormGame,
        ExtensiveFormGame,
        CoalitionGame,
        VotingGame,
        BargainingProblem,
    )
}
"""The class of each ``kind``."""

__all__ = [
    "GAME_CLASSES",
    "BargainingPlayer",
    "BargainingProblem",
    "Bloc",
    "CoalitionGame",
    "Conclusion",
    "Constituency",
    "ExtensiveFormGame",
    "Game",
    "Interaction",
    "Issue",
    "NegotiationGame",
    "Node",
    "NormalFormGame",
    "Party",
    "Player",
    "Range",
    "Ratification",
    "Rule",
    "Scenario",
    "Threat",
    "Uncertainty",
    "VotingGame",
]
