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

from negotiate.analysis import SolveOptions, analyse
from negotiate.bargaining.alternating_offers import alternating_offers, rubinstein_split
from negotiate.bargaining.nash import nash_point
from negotiate.bargaining.solutions import egalitarian_point, kalai_smorodinsky_point
from negotiate.cooperative.banzhaf import banzhaf_value
from negotiate.cooperative.bargaining_set import (
    bargaining_set_three_players,
    in_bargaining_set,
    in_mas_colell_bargaining_set,
)
from negotiate.cooperative.core import core, in_core
from negotiate.cooperative.kernel import is_kernel_point, is_prekernel_point
from negotiate.cooperative.nucleolus import nucleolus, prenucleolus
from negotiate.cooperative.properties import game_properties
from negotiate.cooperative.shapley import shapley_value
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
from negotiate.negotiation.international import international_game
from negotiate.negotiation.linkage import (
    critical_discount_factors,
    issue_shapley_values,
    linkage,
    minimal_feasible_linkages,
)
from negotiate.negotiation.packages import package_space
from negotiate.negotiation.ratification import ratification_body, ratification_power
from negotiate.negotiation.solutions import (
    egalitarian_packages,
    kalai_smorodinsky_packages,
    nash_lottery,
    nash_packages,
    pareto_packages,
    proposer_packages,
    utilitarian_packages,
)
from negotiate.negotiation.sweep import sweep
from negotiate.negotiation.two_level import AgreementSet, agreement_set, pivotal_constituencies
from negotiate.report import render
from negotiate.strategic.dominance import iterated_dominance
from negotiate.strategic.equilibria import equilibria
from negotiate.strategic.extensive import reduced_normal_form, subgame_perfect_equilibria
from negotiate.strategic.pure import pure_equilibria
from negotiate.voting.power import power_indices

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
    "SolveOptions",
    "UnsupportedGameError",
    "VotingGame",
    "__version__",
    "agreement_set",
    "alternating_offers",
    "analyse",
    "banzhaf_value",
    "bargaining_set_three_players",
    "core",
    "critical_discount_factors",
    "dump",
    "egalitarian_packages",
    "egalitarian_point",
    "equilibria",
    "game_properties",
    "in_bargaining_set",
    "in_core",
    "in_mas_colell_bargaining_set",
    "international_game",
    "is_kernel_point",
    "is_prekernel_point",
    "issue_shapley_values",
    "iterated_dominance",
    "kalai_smorodinsky_packages",
    "kalai_smorodinsky_point",
    "linkage",
    "load",
    "loads",
    "minimal_feasible_linkages",
    "nash_lottery",
    "nash_packages",
    "nash_point",
    "nucleolus",
    "package_space",
    "pareto_packages",
    "pivotal_constituencies",
    "power_indices",
    "prenucleolus",
    "proposer_packages",
    "pure_equilibria",
    "ratification_body",
    "ratification_power",
    "reduced_normal_form",
    "render",
    "rubinstein_split",
    "shapley_value",
    "subgame_perfect_equilibria",
    "sweep",
    "utilitarian_packages",
]
