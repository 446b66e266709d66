"""Structural properties: superadditive, monotonic, convex, balanced."""

from __future__ import annotations

import itertools

from hypothesis import given, settings

from negotiate.cooperative.properties import (
    game_properties,
    is_convex,
    is_monotonic,
    is_superadditive,
)
from tests._games import games, glove, talmud, tu


def test_glove_properties():
    """The glove game is superadditive, monotonic, balanced, not convex."""
    props = game_properties(glove())
    assert props.superadditive and props.monotonic and props.balanced and not props.convex


def test_bankruptcy_games_are_convex():
    """Bankruptcy games are convex (Aumann & Maschler 1985)."""
    assert all(is_convex(talmud(e)) for e in (100, 200, 300))


def test_not_superadditive():
    """Two players worth more apart than together: not superadditive."""
    assert not is_superadditive(tu([0, 2, 2, 3]))
    assert not is_monotonic(tu([0, 2, 2, 1]))


@settings(max_examples=40, deadline=None)
@given(games(min_players=1, max_players=4, imputations=False))
def test_superadditive_matches_definition(game):
    """Block-wise numpy check equals the definition over all disjoint pairs."""
    n = game.n
    expected = all(
        game.worth[s | t] >= game.worth[s] + game.worth[t]
        for s, t in itertools.product(range(1 << n), repeat=2)
        if not s & t
    )
    assert is_superadditive(game) == expected


@settings(max_examples=40, deadline=None)
@given(games(min_players=1, max_players=4, imputations=False))
def test_convex_matches_supermodularity(game):
    """The local test equals v(S u T) + v(S n T) >= v(S) + v(T) for all S, T."""
    n = game.n
    expected = all(
        game.worth[s | t] + game.worth[s & t] >= game.worth[s] + game.worth[t]
        for s, t in itertools.product(range(1 << n), repeat=2)
    )
    assert is_convex(game) == expected
