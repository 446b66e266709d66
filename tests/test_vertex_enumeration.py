"""Vertex enumeration: every extreme equilibrium, degenerate games included, against nashpy."""

from __future__ import annotations

from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st
from known_games import bimatrix, entry_deterrence, von_stengel_degenerate

from negotiate.strategic.extensive import reduced_normal_form
from negotiate.strategic.mixed import verify_profile
from negotiate.strategic.vertex_enumeration import vertex_enumeration, vertex_enumeration_nashpy


def profiles(found):
    """The equilibria as a set of probability tuples."""
    return {e.profile() for e in found.equilibria}


def test_von_stengel_degenerate_components():
    """The segment's ends and the isolated equilibrium, exactly (von Stengel 2007, Fig. 3.5)."""
    found = vertex_enumeration(von_stengel_degenerate())
    assert found.exact
    assert profiles(found) == {
        ((F(1), F(0), F(0)), (F(1), F(0))),
        ((F(1), F(0), F(0)), (F(2, 3), F(1, 3))),
        ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
    }


def test_entry_deterrence_strategic_form():
    """Out against any fight probability of at least 1/2 (two ends) and (in, share)."""
    found = vertex_enumeration(reduced_normal_form(entry_deterrence()))
    assert profiles(found) == {
        ((F(1), F(0)), (F(1), F(0))),
        ((F(1), F(0)), (F(1, 2), F(1, 2))),
        ((F(0), F(1)), (F(0), F(1))),
    }


def test_all_zero_game_has_every_pure_profile_as_an_extreme_equilibrium():
    """When nobody cares, the extreme equilibria are the pure profiles."""
    found = vertex_enumeration(bimatrix([[0, 0], [0, 0]], [[0, 0], [0, 0]]))
    assert len(found.equilibria) == 4 and all(e.pure for e in found.equilibria)


matrices = st.integers(2, 4).flatmap(
    lambda m: st.integers(2, 4).flatmap(
        lambda n: st.tuples(
            st.lists(st.lists(st.integers(0, 3), min_size=n, max_size=n), min_size=m, max_size=m),
            st.lists(st.lists(st.integers(0, 3), min_size=n, max_size=n), min_size=m, max_size=m),
        )
    )
)


@settings(max_examples=40, deadline=None)
@given(matrices)
def test_same_extreme_equilibria_as_nashpy_on_degenerate_games(pair):
    """Property: small payoffs (ties everywhere): the same set as nashpy's Qhull enumeration,
    every one verified exactly."""
    game = bimatrix(*pair)
    ours = vertex_enumeration(game)
    assert ours.exact and ours.equilibria
    for equilibrium in ours.equilibria:
        assert verify_profile(game, equilibrium.profile())
    assert profiles(ours) == profiles(vertex_enumeration_nashpy(game))
