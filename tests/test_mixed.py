"""Mixed profiles: exact verification and expected payoffs."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
from known_games import battle_of_the_sexes, three_player_cycle

from negotiate.strategic.mixed import (
    make_equilibrium,
    payoff_arrays,
    strategy_values,
    verify_profile,
)


def test_verification_is_exact():
    """(2/3, 1/3) vs (1/3, 2/3) is an equilibrium; a nudge of 1/10**12 breaks it exactly."""
    game = battle_of_the_sexes()
    assert verify_profile(game, ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))))
    nudge = F(1, 10**12)
    assert not verify_profile(game, ((F(2, 3), F(1, 3)), (F(1, 3) + nudge, F(2, 3) - nudge)))


def test_float_profiles_use_a_tolerance():
    """The same profile in floats passes within 1e-9."""
    assert verify_profile(battle_of_the_sexes(), ((2 / 3, 1 / 3), (1 / 3, 2 / 3)))


def test_not_a_probability_vector():
    """Negative or non-normalised vectors and wrong lengths are refused."""
    game = battle_of_the_sexes()
    assert not verify_profile(game, ((F(3, 2), F(-1, 2)), (F(1), F(0))))
    assert not verify_profile(game, ((F(1, 2), F(1, 4)), (F(1), F(0))))
    assert not verify_profile(game, ((F(1),), (F(1), F(0))))


def test_strategy_values_for_three_players():
    """x's payoff from a and b when y plays a and z mixes: matching y gives 1."""
    game = three_player_cycle()
    arrays = payoff_arrays(game)
    profile = ((F(1, 2), F(1, 2)), (F(1), F(0)), (F(1, 3), F(2, 3)))
    assert list(strategy_values(arrays[0], profile, 0)) == [1, 0]
    assert list(strategy_values(arrays[2], profile, 2)) == [F(1, 2), F(1, 2)]


def test_make_equilibrium_reports_expected_payoffs():
    """Expected payoffs are exact and `pure` is read off the supports."""
    game = battle_of_the_sexes()
    equilibrium = make_equilibrium(game, ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))))
    assert dict(equilibrium.payoffs) == {"row": F(2, 3), "column": F(2, 3)}
    assert not equilibrium.pure and equilibrium.support("row") == ("r0", "r1")
    assert np.isclose(float(equilibrium.payoffs["row"]), 2 / 3)
