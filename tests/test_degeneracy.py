"""The exact degeneracy test of two-player games."""

from __future__ import annotations

import pytest
from known_games import (
    battle_of_the_sexes,
    bimatrix,
    coordination_3x3,
    matching_pennies,
    von_stengel_degenerate,
    von_stengel_nondegenerate,
)

from negotiate.strategic.degeneracy import is_degenerate


@pytest.mark.parametrize(
    "game",
    [battle_of_the_sexes(), matching_pennies(), coordination_3x3(), von_stengel_nondegenerate()],
)
def test_nondegenerate_games(game):
    """Classic games in which no mixed strategy has too many best responses."""
    assert not is_degenerate(game)


def test_von_stengel_example_is_degenerate():
    """In Example 3.3 the first row has two best responses."""
    assert is_degenerate(von_stengel_degenerate())


def test_mixed_strategy_with_too_many_best_responses():
    """Pure best responses are unique, but mixing half-half leaves all three columns best."""
    game = bimatrix([[0, 0, 0], [0, 0, 0]], [[2, 0, 1], [0, 2, 1]])
    assert is_degenerate(game)


def test_exactness_matters():
    """A tie broken by 1/1000 is not degenerate; floats are read as given."""
    assert not is_degenerate(bimatrix([[1, 0], [0, 1]], [["1001/1000", 0], [0, 1]]))
    assert is_degenerate(bimatrix([[1, 0], [0, 1]], [[1, 1], [0, 1]]))
