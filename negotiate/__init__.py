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

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from negotiate import display as _display
from negotiate._version import __version__

if TYPE_CHECKING:
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
    from negotiate.negotiation.enforcement import critical_discount_factors
    from negotiate.negotiation.international import international_game
    from negotiate.negotiation.linkage import linkage
    from negotiate.negotiation.linkage_lattice import (
        issue_shapley_values,
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

_HOMES: dict[str, str] = {
    "AgreementSet": "negotiate.negotiation.two_level",
    "BargainingPlayer": "negotiate.model",
    "BargainingProblem": "negotiate.model",
    "Bloc": "negotiate.model",
    "CoalitionGame": "negotiate.model",
    "Constituency": "negotiate.model",
    "ExtensiveFormGame": "negotiate.model",
    "GameFileError": "negotiate.errors",
    "GameTooLargeError": "negotiate.errors",
    "Interaction": "negotiate.model",
    "InvalidGameError": "negotiate.errors",
    "Issue": "negotiate.model",
    "NegotiateError": "negotiate.errors",
    "NegotiationGame": "negotiate.model",
    "Node": "negotiate.model",
    "NormalFormGame": "negotiate.model",
    "Party": "negotiate.model",
    "Player": "negotiate.model",
    "Ratification": "negotiate.model",
    "Rule": "negotiate.model",
    "Scenario": "negotiate.model",
    "SolveOptions": "negotiate.analysis",
    "UnsupportedGameError": "negotiate.errors",
    "VotingGame": "negotiate.model",
    "agreement_set": "negotiate.negotiation.two_level",
    "alternating_offers": "negotiate.bargaining.alternating_offers",
    "analyse": "negotiate.analysis",
    "banzhaf_value": "negotiate.cooperative.banzhaf",
    "bargaining_set_three_players": "negotiate.cooperative.bargaining_set",
    "core": "negotiate.cooperative.core",
    "critical_discount_factors": "negotiate.negotiation.enforcement",
    "dump": "negotiate.io",
    "egalitarian_packages": "negotiate.negotiation.solutions",
    "egalitarian_point": "negotiate.bargaining.solutions",
    "equilibria": "negotiate.strategic.equilibria",
    "game_properties": "negotiate.cooperative.properties",
    "in_bargaining_set": "negotiate.cooperative.bargaining_set",
    "in_core": "negotiate.cooperative.core",
    "in_mas_colell_bargaining_set": "negotiate.cooperative.bargaining_set",
    "international_game": "negotiate.negotiation.international",
    "is_kernel_point": "negotiate.cooperative.kernel",
    "is_prekernel_point": "negotiate.cooperative.kernel",
    "issue_shapley_values": "negotiate.negotiation.linkage_lattice",
    "iterated_dominance": "negotiate.strategic.dominance",
    "kalai_smorodinsky_packages": "negotiate.negotiation.solutions",
    "kalai_smorodinsky_point": "negotiate.bargaining.solutions",
    "linkage": "negotiate.negotiation.linkage",
    "load": "negotiate.io",
    "loads": "negotiate.io",
    "minimal_feasible_linkages": "negotiate.negotiation.linkage_lattice",
    "nash_lottery": "negotiate.negotiation.solutions",
    "nash_packages": "negotiate.negotiation.solutions",
    "nash_point": "negotiate.bargaining.nash",
    "nucleolus": "negotiate.cooperative.nucleolus",
    "package_space": "negotiate.negotiation.packages",
    "pareto_packages": "negotiate.negotiation.solutions",
    "pivotal_constituencies": "negotiate.negotiation.two_level",
    "power_indices": "negotiate.voting.power",
    "prenucleolus": "negotiate.cooperative.nucleolus",
    "proposer_packages": "negotiate.negotiation.solutions",
    "pure_equilibria": "negotiate.strategic.pure",
    "ratification_body": "negotiate.negotiation.ratification",
    "ratification_power": "negotiate.negotiation.ratification",
    "reduced_normal_form": "negotiate.strategic.extensive",
    "render": "negotiate.report",
    "rubinstein_split": "negotiate.bargaining.alternating_offers",
    "shapley_value": "negotiate.cooperative.shapley",
    "subgame_perfect_equilibria": "negotiate.strategic.extensive",
    "sweep": "negotiate.negotiation.sweep",
    "utilitarian_packages": "negotiate.negotiation.solutions",
}
"""Where each public name lives. Names load on first use, so ``import negotiate`` (and the
command line's start-up) imports no solver, numpy, scipy or sympy until one is needed."""


def _show(obj: object, fmt: str) -> str:
    """A game or an analysis in a notebook, by the report (see :mod:`negotiate.display`)."""
    from negotiate.report.notebook import render as notebook_render

    return notebook_render(obj, fmt)


_display.register(_show)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'negotiate' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
