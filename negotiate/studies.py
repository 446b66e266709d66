"""Robustness studies and regime sweeps of any kind: the typed dispatch to each field's own.

A negotiation has its vectorised study (:mod:`negotiate.negotiation.robustness`); the other kinds
run :func:`negotiate.robust.study.study` with their field's
:class:`~negotiate.robust.study.KindSpec`.
Modules are imported only when their kind is studied.

>>> from negotiate.io.catalog import shipped_game_path
>>> from negotiate.io import load
>>> result = robustness(load(shipped_game_path("hunker_down_border")), samples=1000, seed=1)
>>> result.claims[0].id, result.holds_at_baseline[0]
('pure_equilibria', True)
"""

from __future__ import annotations

import importlib
from typing import Any

from negotiate.errors import UnsupportedGameError

__all__ = ["KIND_SPECS", "headline", "kind_spec", "robustness"]

KIND_SPECS = {
    "normal_form": "negotiate.strategic.robustness:NORMAL_FORM",
    "extensive_form": "negotiate.strategic.robustness:EXTENSIVE_FORM",
    "coalition": "negotiate.cooperative.robustness:COALITION",
    "weighted_voting": "negotiate.voting.robustness:VOTING",
    "bargaining": "negotiate.bargaining.robustness:BARGAINING",
}
"""``kind -> "module:spec"`` of each kind's robustness (negotiations have their own)."""

_HEADLINES = {
    "normal_form": "negotiate.strategic.robustness:normal_form_headline",
    "extensive_form": "negotiate.strategic.robustness:extensive_form_headline",
    "coalition": "negotiate.cooperative.robustness:coalition_headline",
    "weighted_voting": "negotiate.voting.robustness:voting_headline",
    "bargaining": "negotiate.bargaining.robustness:bargaining_headline",
    "negotiation": "negotiate.negotiation.regimes:nash_headline",
}


def _load(target: str) -> Any:
    module, name = target.split(":")
    return getattr(importlib.import_module(module), name)


def kind_spec(kind: str) -> Any:
    """The :class:`~negotiate.robust.study.KindSpec` of a kind that is not a negotiation."""
    if kind not in KIND_SPECS:
        raise UnsupportedGameError(f"there is no robustness study for {kind!r} games")
    return _load(KIND_SPECS[kind])


def robustness(game: Any, samples: int | None = None, **options: Any) -> Any:
    """The robustness study of ``game``, of any kind; ``samples`` defaults to the kind's
    (10,000 for negotiations, normal-form, coalition and perfect-information trees of
    :data:`KIND_SPECS`; fewer where each sample is solved anew). ``options`` are those of
    :func:`negotiate.robust.study.study`."""
    if game.kind == "negotiation":
        from negotiate.negotiation.robustness import robustness as negotiation_robustness

        return negotiation_robustness(game, samples=samples or 10_000, **options)
    from negotiate.robust.study import study

    return study(game, kind_spec(game.kind), samples=samples, **options)


def headline(game: Any) -> str:
    """The kind's headline conclusion about ``game`` in words: a sweep cell's regime (the Nash
    package of a negotiation, the pure equilibria, the subgame-perfect outcome, the Shapley
    ranking and the core, the power ranking, where the Nash bargaining solution lies)."""
    return _load(_HEADLINES[game.kind])(game)  # type: ignore[no-any-return]
