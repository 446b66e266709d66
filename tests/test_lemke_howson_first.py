"""One equilibrium from the first Lemke-Howson path to end: exact, verified, and the same end
points as the paths followed one at a time."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from known_games import von_stengel_degenerate

from negotiate.model.normal_form import NormalFormGame, Player
from negotiate.strategic._bimatrix import bimatrix, positive
from negotiate.strategic.lemke_howson import (
    complementary_path,
    first_equilibrium,
    first_path_end,
    lemke_howson,
)
from negotiate.strategic.mixed import verify_profile


def random_game(rows: int, columns: int, seed: int, values: int = 5) -> NormalFormGame:
    """Integer payoffs in [-values, values]: small ranges make degenerate games common."""
    rng = np.random.default_rng(seed)
    a = rng.integers(-values, values + 1, (rows, columns))
    b = rng.integers(-values, values + 1, (rows, columns))
    return NormalFormGame.from_matrices(
        id="random",
        title="random",
        players=[
            Player(id="row", strategies=[f"r{i}" for i in range(rows)]),
            Player(id="column", strategies=[f"c{j}" for j in range(columns)]),
        ],
        row=a.tolist(),
        column=b.tolist(),
    )


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 7), st.integers(1, 7), st.integers(0, 10**6))
def test_first_equilibrium_is_exact_and_verified(rows, columns, seed):
    """On random (often degenerate) integer games the equilibrium is exact and verified, and
    it is one that the path from its label reaches when followed alone."""
    game = random_game(rows, columns, seed)
    found = first_equilibrium(game)
    assert found.exact and len(found.equilibria) == 1
    profile = found.equilibria[0].profile()
    assert verify_profile(game, profile)
    label = next(k for k, v in enumerate(found.labels) if v is not None)
    alone = lemke_howson(game, labels=[label])
    assert alone.equilibria[0].profile() == profile


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 6), st.integers(2, 6), st.integers(0, 10**6))
def test_side_by_side_paths_end_where_single_paths_end(rows, columns, seed):
    """Following paths side by side changes no path: the end point is the single path's."""
    game = random_game(rows, columns, seed)
    bim = bimatrix(game)
    a, b = positive(bim.a), positive(bim.b)
    label, x, y = first_path_end(a, b, list(range(rows + columns)), width=3)
    x_alone, y_alone = complementary_path(a, b, label)
    assert np.allclose(x, x_alone) and np.allclose(y, y_alone)


def test_large_random_game_ends_with_an_exact_equilibrium():
    """100 x 100 with payoffs in [-100, 100]: an exact, verified equilibrium."""
    game = random_game(100, 100, seed=2026, values=100)
    found = first_equilibrium(game)
    assert found.exact and verify_profile(game, found.equilibria[0].profile())


def test_degenerate_textbook_game():
    """von Stengel's degenerate game: the equilibrium found is exact and verified."""
    game = von_stengel_degenerate()
    found = first_equilibrium(game)
    assert found.exact and verify_profile(game, found.equilibria[0].profile())
