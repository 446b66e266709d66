"""Bargaining sets: hand-computed three-player sets, LP test vs the whole set, properties."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiate.cooperative.bargaining_set import (
    bargaining_set_three_players,
    in_bargaining_set,
    in_mas_colell_bargaining_set,
)
from negotiate.cooperative.core import core, in_core
from negotiate.cooperative.nucleolus import nucleolus
from negotiate.errors import InvalidGameError
from tests._games import games, glove, tu

F = Fraction


def test_majority_game_whole_set_is_the_centre():
    """Majority game: i objects against j justifiably iff x_j > 0 and x_j > x_i; only the
    centre survives every pair."""
    whole = bargaining_set_three_players(tu([0, 0, 0, 1, 0, 1, 1, 1]))
    assert [p.vertices for p in whole.pieces] == [((F(1, 3), F(1, 3), F(1, 3)),)]


def test_one_pair_game_by_hand():
    """v({1,2}) = v(N) = 1, else 0. Player 1 (or 2) objects against 3 with {1,2} whenever
    x_3 > 0 and no counter exists (e({1,2}) = x_3 > e({2,3}) = x_1 - 1), so the set is the
    segment x_3 = 0, which is also the core."""
    game = tu([0, 0, 0, 1, 0, 0, 0, 1])
    whole = bargaining_set_three_players(game)
    assert [p.vertices for p in whole.pieces] == [((0, 1, 0), (1, 0, 0))]
    assert whole.contains([F(1, 4), F(3, 4), 0])
    assert not whole.contains([F(1, 4), F(1, 2), F(1, 4)])
    test = in_bargaining_set(game, [F(1, 4), F(1, 2), F(1, 4)])
    assert not test.member and test.objection.against == "p2" and test.objection.exact


def test_empty_core_game_by_hand():
    """v(12) = 6, v(13) = 5, v(23) = 4, v(N) = 6 (empty core). With every x_j > 0 the
    conditions force e(12) = e(13) = e(23), i.e. x_3 = x_2 - 1 = x_1 - 2, so x = (3, 2, 1);
    a player at 0 always faces a justified objection. The set is that single point."""
    whole = bargaining_set_three_players(tu([0, 0, 0, 6, 0, 5, 4, 6]))
    assert [p.vertices for p in whole.pieces] == [((3, 2, 1),)]
    assert in_bargaining_set(tu([0, 0, 0, 6, 0, 5, 4, 6]), [3, 2, 1]).member
    assert not in_bargaining_set(tu([0, 0, 0, 6, 0, 5, 4, 6]), [3, 3, 0]).member


def test_non_empty_core_set_is_the_core():
    """v(12) = 8, v(N) = 9: the set is the core quadrilateral x_3 <= 1."""
    whole = bargaining_set_three_players(tu([0, 0, 0, 8, 0, 0, 0, 9]))
    assert [set(p.vertices) for p in whole.pieces] == [{(0, 8, 1), (8, 0, 1), (9, 0, 0), (0, 9, 0)}]


def test_glove_game_set_is_its_core():
    """The glove game's bargaining set is its one-point core (1, 0, 0)."""
    whole = bargaining_set_three_players(glove())
    assert [p.vertices for p in whole.pieces] == [((1, 0, 0),)]


def test_not_an_imputation():
    """A point that is not an imputation is not a member, with the reason."""
    test = in_bargaining_set(glove(), [2, -1, 0])
    assert not test.member and "imputation" in test.reason


def test_whole_set_needs_three_players():
    """The whole set is computed for three players only."""
    with pytest.raises(InvalidGameError, match="three players"):
        bargaining_set_three_players(tu([0, 0, 0, 1]))


def _sample_points(game, whole, rnd):
    grand = game.worth[7]
    floors = [game.worth[1], game.worth[2], game.worth[4]]
    slack = grand - sum(floors)
    points = [v for piece in whole.pieces for v in piece.vertices]
    for piece in whole.pieces:
        vs = piece.vertices
        points += [
            tuple((a + b) / 2 for a, b in zip(vs[k], vs[(k + 1) % len(vs)], strict=True))
            for k in range(len(vs))
        ]
    for _ in range(6):
        a, b = sorted(F(rnd.randint(0, 12), 12) for _ in range(2))
        points.append((floors[0] + a * slack, floors[1] + (b - a) * slack, 0))
        points[-1] = (points[-1][0], points[-1][1], grand - points[-1][0] - points[-1][1])
    return points


@settings(max_examples=25, deadline=None)
@given(games(min_players=3, max_players=3, low=0, high=12), st.integers(0, 10**6))
def test_lp_membership_matches_whole_set(game, seed):
    """The general LP membership test agrees with the three-player closed form."""
    whole = bargaining_set_three_players(game)
    assert whole.pieces  # M_1^(i) is never empty (Davis & Maschler 1967)
    for point in _sample_points(game, whole, random.Random(seed)):
        assert in_bargaining_set(game, point).member == whole.contains(point), point


@settings(max_examples=25, deadline=None)
@given(games(min_players=2, max_players=4))
def test_nucleolus_in_bargaining_set(game):
    """The nucleolus is in the kernel, hence in M_1^(i) (Davis & Maschler 1965)."""
    x = nucleolus(game).allocation.payoffs
    assert in_bargaining_set(game, x).member


@settings(max_examples=25, deadline=None)
@given(games(min_players=2, max_players=4))
def test_core_points_in_both_bargaining_sets(game):
    """A core point has no objection at all: it is in both bargaining sets."""
    result = core(game)
    if result.empty:
        return
    x = result.point.payoffs
    assert in_bargaining_set(game, x).member
    assert in_mas_colell_bargaining_set(game, x).member


def test_mas_colell_objection_is_exact():
    """Mas-Colell: at (1, 0, 0) in the majority game, {2, 3} objects and nobody counters."""
    test = in_mas_colell_bargaining_set(tu([0, 0, 0, 1, 0, 1, 1, 1]), [1, 0, 0])
    assert not test.member and test.objection.exact
    assert test.objection.coalition == ("p1", "p2")
    assert sum(test.objection.proposal) == 1 and all(y >= 0 for y in test.objection.proposal)


@st.composite
def convex_games(draw):
    """Four-player sums of unanimity games with non-negative weights (totally monotone)."""
    weights = {t: draw(st.integers(0, 4)) for t in range(1, 16)}
    worth = [sum(w for t, w in weights.items() if t & s == t) for s in range(16)]
    return tu([F(w) for w in worth])


@settings(max_examples=15, deadline=None)
@given(convex_games(), st.lists(st.integers(0, 6), min_size=4, max_size=4))
def test_convex_games_bargaining_set_is_the_core(game, shares):
    """In a convex game M_1^(i) equals the core (Maschler, Peleg & Shapley 1972)."""
    surplus = game.worth[15] - sum(game.worth[1 << k] for k in range(4))
    total = sum(shares) or 1
    x = [game.worth[1 << k] + surplus * F(shares[k], total) for k in range(4)]
    x[3] = game.worth[15] - sum(x[:3])
    assert in_bargaining_set(game, x).member == in_core(game, x)


def _numeric(check, game, x):  # type: ignore[no-untyped-def]
    """``check(game, x)`` by HiGHS's LPs, as for games of more players."""
    from negotiate.cooperative import bargaining_set as module

    with pytest.MonkeyPatch().context() as patch:
        patch.setattr(module, "EXACT_PLAYERS", 0)
        return check(game, x)


def _justified(game, x, objection):  # type: ignore[no-untyped-def]
    """Whether an exact Aumann-Maschler objection has no counter-objection, by definition."""
    n, s = game.n, game.mask(objection.coalition)
    i, j = game.players.index(objection.player), game.players.index(objection.against)
    share = dict(zip((k for k in range(n) if s >> k & 1), objection.proposal, strict=True))
    if sum(share.values()) != game.worth[s] or share[i] <= x[i]:
        return False
    if any(share[k] < x[k] for k in share):
        return False
    return all(
        sum(share[k] for k in share if t >> k & 1)
        + sum(x[k] for k in range(n) if t >> k & 1 and not s >> k & 1)
        > game.worth[t]
        for t in range(1 << n)
        if t >> j & 1 and not t >> i & 1
    )


@settings(max_examples=60, deadline=None)
@given(games(min_players=3, max_players=4, low=-3, high=12), st.integers(0, 10**6))
def test_exact_lps_agree_with_highs(game, seed):
    """Games of up to four players are tested with exact LPs (no scipy): the same verdicts as
    HiGHS's on random imputations, and every objection found is justified by definition."""
    rnd = random.Random(seed)
    floors = [game.worth[1 << k] for k in range(game.n)]
    slack = game.worth[-1] - sum(floors)
    for _ in range(4):
        cuts = sorted(F(rnd.randint(0, 8), 8) for _ in range(game.n - 1))
        parts = [b - a for a, b in zip([F(0), *cuts], [*cuts, F(1)], strict=True)]
        x = [f + slack * p for f, p in zip(floors, parts, strict=True)]
        exact = in_bargaining_set(game, x)
        assert exact.member == _numeric(in_bargaining_set, game, x).member, x
        if not exact.member:
            assert exact.objection.exact and _justified(game, x, exact.objection)
        mas_colell = in_mas_colell_bargaining_set(game, x)
        assert mas_colell.member == _numeric(in_mas_colell_bargaining_set, game, x).member, x
