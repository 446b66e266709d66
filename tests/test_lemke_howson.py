"""Lemke-Howson: complementary pivoting from every label, against nashpy and exact checks."""

from __future__ import annotations

import warnings

import nashpy
import numpy as np
import pytest
from known_games import bimatrix, von_stengel_degenerate, von_stengel_nondegenerate

from negotiate.strategic._bimatrix import positive
from negotiate.strategic.degeneracy import is_degenerate
from negotiate.strategic.lemke_howson import complementary_path, lemke_howson
from negotiate.strategic.mixed import verify_profile


def test_von_stengel_paths():
    """Every label of Example 3.2 reaches one of its equilibria; labels are recorded."""
    found = lemke_howson(von_stengel_nondegenerate())
    assert found.exact and None not in found.labels
    assert len(found.equilibria) == 2


def test_degenerate_game_paths_end_at_equilibria():
    """Lexicographic ratio tests keep the paths finite in a degenerate game."""
    found = lemke_howson(von_stengel_degenerate())
    assert found.equilibria and None not in found.labels
    for equilibrium in found.equilibria:
        assert verify_profile(von_stengel_degenerate(), equilibrium.profile())


def _nondegenerate(seed, shape):
    rng = np.random.default_rng(seed)
    while True:
        a, b = rng.integers(-50, 51, shape), rng.integers(-50, 51, shape)
        game = bimatrix(a.tolist(), b.tolist())
        if not is_degenerate(game):
            return game, positive(a.astype(float)), positive(b.astype(float))


@pytest.mark.parametrize(("seed", "shape"), [(s, (5, 5)) for s in range(3)] + [(9, (4, 5))])
def test_same_end_points_as_nashpy(seed, shape):
    """On small nondegenerate games each label's path ends where nashpy's does."""
    _, a, b = _nondegenerate(seed, shape)
    for label in range(sum(shape)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = nashpy.Game(a, b).lemke_howson(initial_dropped_label=label)
        ours = complementary_path(a, b, label)
        assert np.allclose(ours[0], expected[0]) and np.allclose(ours[1], expected[1])


@pytest.mark.parametrize("seed", range(3))
def test_more_rows_than_columns(seed):
    """With more rows than columns every path still ends at an equilibrium (nashpy 0.0.43's
    paths do not, on these games)."""
    game, a, b = _nondegenerate(seed, (5, 4))
    for label in range(9):
        x, y = complementary_path(a, b, label)
        assert verify_profile(game, (tuple(x), tuple(y)))


def test_large_game_one_label_is_exact_and_fast():
    """A 60 x 60 game: one path, recovered in rationals and verified exactly."""
    rng = np.random.default_rng(7)
    game = bimatrix(
        rng.integers(-100, 101, (60, 60)).tolist(), rng.integers(-100, 101, (60, 60)).tolist()
    )
    found = lemke_howson(game, labels=[0])
    assert found.exact and len(found.equilibria) == 1
    assert verify_profile(game, found.equilibria[0].profile())


def test_bad_label_is_refused():
    """Labels run from 0 to m + n - 1."""
    with pytest.raises(ValueError, match=r"labels are 0 \.\. 4"):
        lemke_howson(von_stengel_nondegenerate(), labels=[5])
