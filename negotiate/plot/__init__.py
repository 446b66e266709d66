"""Figures of analyses, drawn with matplotlib (the ``plot`` extra: ``pip install ".[plot]"``
from the checkout).

Importing this package does not import matplotlib; each figure function does, on first use.
Every function takes an analysis (or a sweep, a robustness study) and returns a
:class:`matplotlib.figure.Figure` a column (3.5 in) wide, readable in black and white.

>>> import negotiate
>>> from negotiate.plot import figures, require
>>> require()
>>> analysis = negotiate.analyse(negotiate.load("games/us_ratification.toml"))
>>> [(caption, figure.get_size_inches()[0]) for caption, figure in figures(analysis)]
[("Each bloc's voting power.", np.float64(3.5))]
"""

from __future__ import annotations

import importlib
from typing import Any

from negotiate.errors import NegotiateError

__all__ = [
    "INSTALL_HINT",
    "KINDS_WITH_FIGURES",
    "bargaining_space",
    "coalition_power",
    "figures",
    "game_tree",
    "linkage_gains",
    "negotiation_space",
    "ratification_power",
    "regime_map",
    "require",
    "save",
    "sweep_figure",
    "to_svg",
    "tornado",
    "voting_power",
    "win_sets",
]

KINDS_WITH_FIGURES = frozenset(
    {"negotiation", "bargaining", "weighted_voting", "coalition", "extensive_form"}
)
"""The kinds of game whose analysis :func:`figures` draws (a strategic-form game has none)."""

INSTALL_HINT = 'install the plot extra from the checkout: pip install ".[plot]"'
"""What to do when matplotlib is missing."""

_HOMES = {
    "bargaining_space": "utility_space",
    "negotiation_space": "utility_space",
    "coalition_power": "power",
    "ratification_power": "power",
    "regime_map": "regimes",
    "voting_power": "power",
    "figures": "gallery",
    "save": "gallery",
    "to_svg": "gallery",
    "game_tree": "tree",
    "linkage_gains": "linkage",
    "sweep_figure": "sweep",
    "tornado": "robustness",
    "win_sets": "issues",
}


def require(what: str = "drawing a figure") -> None:
    """Raise a one-line :class:`~negotiate.errors.NegotiateError` with the install hint when
    matplotlib is not installed (call it before any work that ends in a figure)."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise NegotiateError(f"{what} needs matplotlib: {INSTALL_HINT}") from None


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'negotiate.plot' has no attribute {name!r}")
    require()
    return getattr(importlib.import_module(f"negotiate.plot.{_HOMES[name]}"), name)
