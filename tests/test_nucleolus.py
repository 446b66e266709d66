"""Nucleolus and prenucleolus: the Talmud, brute-force search, Kohlberg, properties."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiate.cooperative.core import core, in_core
from negotiate.cooperative.kernel import is_kernel_point, is_prekernel_point
from negotiate.cooperative.nucleolus import is_balanced, nucleolus, prenucleolus
from negotiate.errors import InvalidGameError
from negotiate.model.coalition import CoalitionGame
from tests._games import brute_nucleolus, games, glove, talmud, tu

F = Fraction


@pytest.mark.parametrize(
    ("estate", "division"),
    [
        (100, (F(100, 3), F(100, 3), F(100, 3))),
        (200, (F(50), F(75), F(75))),
        (300, (F(50), F(100), F(150))),
    ],
)
def test_talmud_bankruptcy(estate, division):
    """The nucleolus of the Talmud's estates is Aumann & Maschler's (1985) division."""
    result = nucleolus(talmud(estate))
    assert result.allocation.payoffs == division
    assert result.verified and result.exact


def test_glove_game():
    """The glove game's nucleolus gives everything to the scarce left glove."""
    assert nucleolus(glove()).allocation.payoffs == (1, 0, 0)


def test_majority_game_prenucleolus_equal_split():
    """The symmetric majority game's (pre)nucleolus is the equal split, excess 1/3."""
    result = prenucleolus(tu([0, 0, 0, 1, 0, 1, 1, 1]))
    assert result.allocation.payoffs == (F(1, 3),) * 3
    assert result.levels[0] == F(1, 3)


def test_prenucleolus_differs_from_nucleolus():
    """Without individual rationality the prenucleolus can pay a player below v({i})."""
    # v(1) = 5 but v(12) = v(13) = v(23) = 10 and v(N) = 12 pull everyone together
    game = tu([0, 5, 0, 10, 0, 10, 10, 12])
    pre = prenucleolus(game).allocation.payoffs
    nuc = nucleolus(game).allocation.payoffs
    assert pre == tuple(brute_nucleolus(game, imputations=False))
    assert nuc == tuple(brute_nucleolus(game, imputations=True))
    assert pre[0] < 5 <= nuc[0]


def test_no_imputation_raises():
    """A game whose singletons claim more than v(N) has no nucleolus."""
    with pytest.raises(InvalidGameError, match="no imputation"):
        nucleolus(tu([0, 3, 3, 4]))


def test_inexact_game_is_flagged():
    """A float game gets a float nucleolus, flagged unverified."""
    result = nucleolus(tu([0, 0.0, 0.0, 1.0]))
    assert not result.verified and not result.exact
    assert result.allocation.payoffs == pytest.approx((0.5, 0.5))


def test_single_player():
    """A one-player game gives the player v(N)."""
    assert nucleolus(tu([0, 4])).allocation.payoffs == (4,)


def test_is_balanced_certificates():
    """Balanced collections are certified; unbalanced ones are rejected."""
    import numpy as np

    assert is_balanced(np.array([[1, 0, 0], [0, 1, 1]]))
    assert is_balanced(np.array([[1, 1, 0], [1, 0, 1], [0, 1, 1], [1, 1, 1]]))
    assert not is_balanced(np.array([[1, 1, 0], [1, 0, 0]]))
    # the singleton {3} may get weight 0 but {1, 2} alone leaves player 3 uncovered
    assert is_balanced(np.array([[1, 1, 0]]), optional=np.array([[0, 0, 1]]))


@settings(max_examples=60, deadline=None)
@given(games(min_players=3, max_players=3))
def test_three_players_match_brute_force(game):
    """For three players the LP nucleolus equals exact lexicographic search."""
    result = nucleolus(game)
    assert result.verified
    assert list(result.allocation.payoffs) == brute_nucleolus(game)


@settings(max_examples=60, deadline=None)
@given(games(min_players=3, max_players=3, imputations=False))
def test_three_players_prenucleolus_match_brute_force(game):
    """For three players the LP prenucleolus equals exact lexicographic search."""
    result = prenucleolus(game)
    assert result.verified
    assert list(result.allocation.payoffs) == brute_nucleolus(game, imputations=False)


@settings(max_examples=40, deadline=None)
@given(games(min_players=2, max_players=5))
def test_in_core_when_core_non_empty_and_in_kernel(game):
    """The nucleolus is in the core when that is non-empty, and always in the kernel."""
    result = nucleolus(game)
    assert result.verified
    x = result.allocation.payoffs
    assert is_kernel_point(game, x)
    if not core(game).empty:
        assert in_core(game, x)


@settings(max_examples=40, deadline=None)
@given(games(min_players=2, max_players=5, imputations=False))
def test_prenucleolus_in_prekernel(game):
    """The prenucleolus is in the prekernel; its top excess is the least-core epsilon."""
    result = prenucleolus(game)
    assert result.verified
    assert is_prekernel_point(game, result.allocation.payoffs)


@pytest.mark.parametrize("n", [6, 8, 10])
def test_random_larger_games_verified(n):
    """Seeded random games of 6-10 players get a verified exact nucleolus in the kernel."""
    rnd = random.Random(n)
    worth = [0] + [rnd.randint(0, 60 * bin(m).count("1")) for m in range(1, 1 << n)]
    worth[-1] = 50 * n
    game = CoalitionGame(id="r", title="R", players=[f"p{k}" for k in range(n)], worth=worth)
    result = nucleolus(game)
    assert result.verified
    assert is_kernel_point(game, result.allocation.payoffs)


def test_council_at_the_player_limit_gives_the_veto_members_everything():
    """A council of 14 like the UN Security Council (5 members with a veto, 9 others, 4 of whom
    are needed): the core holds the allocations of the veto members only, and the nucleolus
    splits equally among them. Its balancedness checks hold nearly all 2^14 coalitions, whose
    dense LP took gigabytes; they are sparse now."""
    veto = (1 << 5) - 1
    worth = [int(m & veto == veto and bin(m >> 5).count("1") >= 4) for m in range(1 << 14)]
    assert nucleolus(tu(worth)).allocation.payoffs == (F(1, 5),) * 5 + (0,) * 9


def _numeric_stages(game, imputations, monkeypatch):  # type: ignore[no-untyped-def]
    """The (pre)nucleolus by HiGHS's stages and balancedness, as for larger games."""
    from negotiate.cooperative import nucleolus as module

    with monkeypatch.context() as patch:
        patch.setattr(module, "EXACT_PLAYERS", 0)
        return nucleolus(game) if imputations else prenucleolus(game)


@settings(max_examples=80, deadline=None)
@given(games(min_players=2, max_players=4, low=-7, high=9), st.booleans(), st.integers(1, 6))
def test_exact_stages_equal_the_numeric_ones(game, imputations, denominator):
    """Games of up to four players are solved in exact arithmetic (no scipy); their point and
    levels equal those of the HiGHS stages (both verified), worths with denominators too."""
    from negotiate.cooperative.nucleolus_exact import exact_stages

    game = tu([w / denominator for w in game.worth])
    exact = nucleolus(game) if imputations else prenucleolus(game)
    numeric = _numeric_stages(game, imputations, pytest.MonkeyPatch())
    assert exact.verified and numeric.verified
    assert exact.allocation.payoffs == numeric.allocation.payoffs
    # the exact stages fix every coalition tight at every optimum (and stop once coalitions and
    # bounds pin the point), so their levels strictly decrease; the numeric ones fix those of
    # positive dual price, may repeat a level and may add stages the bounds made idle
    assert exact.levels[:1] == numeric.levels[:1]
    assert list(exact.levels) == sorted(set(exact.levels), reverse=True)
    assert set(exact.levels) <= set(numeric.levels)
    x, levels, _ = exact_stages(game, imputations)
    assert list(exact.allocation.payoffs) == x and list(exact.levels) == levels
