"""negotiate: game-theoretic analysis of international negotiations.

Typed games (:mod:`negotiate.model`) are loaded from ``negotiate/1`` TOML files
(:func:`load`) or built in Python, and handed to solvers.

>>> import negotiate
>>> game = negotiate.loads('''
... format = "negotiate/1"
... [game]
... id = "glove"
... kind = "coalition"
... title = "Glove game"
... players = ["left", "right"]
... default_value = 0
... [value]
... "left+right" = 1
... ''')
>>> game.value(["left", "right"])
Fraction(1, 1)
"""

from importlib.metadata import PackageNotFoundError, version

from negotiate.errors import (
    GameFileError,
    GameTooLargeError,
    InvalidGameError,
    NegotiateError,
    UnsupportedGameError,
)
from negotiate.io import dump, load, loads
from negotiate.model import (
    BargainingPlayer,
    BargainingProblem,
    Bloc,
    CoalitionGame,
    Constituency,
    ExtensiveFormGame,
    Interaction,
    Issue,
    NegotiationGame,
    Node,
    NormalFormGame,
    Party,
    Player,
    Ratification,
    Rule,
    Scenario,
    VotingGame,
)
from negotiate.solve.linkage import linkage
from negotiate.solve.two_level import AgreementSet, agreement_set

try:
    __version__ = version("negotiate")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = [
    "AgreementSet",
    "BargainingPlayer",
    "BargainingProblem",
    "Bloc",
    "CoalitionGame",
    "Constituency",
    "ExtensiveFormGame",
    "GameFileError",
    "GameTooLargeError",
    "Interaction",
    "InvalidGameError",
    "Issue",
    "NegotiateError",
    "NegotiationGame",
    "Node",
    "NormalFormGame",
    "Party",
    "Player",
    "Ratification",
    "Rule",
    "Scenario",
    "UnsupportedGameError",
    "VotingGame",
    "__version__",
    "agreement_set",
    "dump",
    "linkage",
    "load",
    "loads",
]
