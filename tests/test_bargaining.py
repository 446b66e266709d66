"""Bargaining solutions over the comprehensive convex hull of utility points."""

from __future__ import annotations

import math
from fractions import Fraction as F

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from negotiate.bargaining.hull import (
    LotteryPoint,
    ideal_point,
    nash_product,
    pareto_indices,
    utilitarian_indices,
)
from negotiate.bargaining.nash import nash_point
from negotiate.bargaining.nash_numeric import _nash_numeric
from negotiate.bargaining.solutions import (
    egalitarian_point,
    kalai_smorodinsky_point,
    utilitarian_points,
)
from negotiate.exact.lp import solve_lp

POLYGON = [(0, 10), (4, 8), (7, 5), (10, 0)]


def _simplex_vertices(pie, n):
    return [tuple(F(pie) if i == j else F(0) for j in range(n)) for i in range(n)]


# ----------------------------------------------------------------- known answers


def test_nash_split_a_dollar():
    """Splitting 1 equally powerful: (1/2, 1/2), a fair coin between the extreme splits."""
    point = nash_point([(1, 0), (0, 1)], (0, 0))
    assert point.utilities == (F(1, 2), F(1, 2))
    assert point.lottery == ((F(1, 2), 0), (F(1, 2), 1))


def test_nash_split_with_powers():
    """Powers (2, 1) give the split (2/3, 1/3): shares proportional to the powers."""
    assert nash_point([(1, 0), (0, 1)], (0, 0), (2, 1)).utilities == (F(2, 3), F(1, 3))


def test_nash_polygon():
    """Textbook polygon (0,10),(4,8),(7,5),(10,0), d = 0: Nash is (6, 6).

    The upper hull has edges of slopes -1/2, -1, -5/3. On the edge (4,8)-(7,5), x + y = 12,
    x y peaks at x = 12/2 = 6 inside [4, 7]: the point (6, 6) = 1/3 (4,8) + 2/3 (7,5).
    With powers (2, 1) the peak on that edge is at x = 2/3 * 12 = 8 > 7, and on the next edge
    5x + 3y = 50 at x = (2/3) 50/5 = 20/3 < 7: the kink (7, 5).
    """
    point = nash_point(POLYGON, (0, 0))
    assert point.utilities == (6, 6)
    assert point.lottery == ((F(1, 3), 1), (F(2, 3), 2))
    assert nash_point(POLYGON, (0, 0), (2, 1)).utilities == (7, 5)


def test_kalai_smorodinsky_polygon():
    """Same polygon: I = (10, 10), the diagonal meets x + y = 12 at (6, 6), as Nash does."""
    assert kalai_smorodinsky_point(POLYGON, (0, 0)).utilities == (6, 6)
    assert ideal_point(POLYGON, (0, 0)) == (10, 10)


def test_kalai_smorodinsky_versus_nash_monotonicity_example():
    """Kalai & Smorodinsky (1975): enlarging S can hurt player 2 under Nash, never under KS.

    S = hull{(0,1), (3/4,3/4), (1,0)}: both solutions are (3/4, 3/4). T = hull{(0,1), (1,7/10),
    (1,0)} contains S with the same ideal point (1, 1). On T the Nash product along
    3/10 x + y = 1 peaks at x = 5/3 > 1, so Nash is the vertex (1, 7/10): player 2 loses.
    KS on T: the diagonal meets 3/10 x + y = 1 at x = 10/13 > 3/4: both gain.
    """
    small = [(0, 1), (F(3, 4), F(3, 4)), (1, 0)]
    large = [(0, 1), (1, F(7, 10)), (1, 0)]
    assert nash_point(small).utilities == kalai_smorodinsky_point(small).utilities
    assert nash_point(small).utilities == (F(3, 4), F(3, 4))
    assert nash_point(large).utilities == (1, F(7, 10))
    assert kalai_smorodinsky_point(large).utilities == (F(10, 13), F(10, 13))


def test_kalai_smorodinsky_asymmetric_ideal():
    """Points (0, 2), (3, 0), d = 0: I = (3, 2), the ray t(3, 2) meets 2x + 3y = 6 at t = 1/2."""
    point = kalai_smorodinsky_point([(0, 2), (3, 0)], (0, 0))
    assert point.utilities == (F(3, 2), 1)
    assert point.lottery == ((F(1, 2), 0), (F(1, 2), 1))


def test_ideal_point_uses_lotteries_of_irrational_points():
    """(10, -1) is not individually rational, but its lotteries with (0, 1) are: I_1 = 5."""
    # On the edge from (0, 1) to (10, -1), u_2 = 0 at u_1 = 5.
    assert ideal_point([(0, 1), (10, -1)], (0, 0)) == (5, 1)
    assert ideal_point([(0, 1, 0), (10, -1, 0), (0, 0, 1)], (0, 0, 0)) == (5, 1, 1)


def test_egalitarian_polygon():
    """Polygon with d = (1, 0): (1 + t, t) meets x + y = 12 at t = 11/2: (13/2, 11/2)."""
    point = egalitarian_point(POLYGON, (1, 0))
    assert point.utilities == (F(13, 2), F(11, 2))
    assert point.mixture(POLYGON) == point.utilities


def test_egalitarian_is_only_weakly_efficient():
    """One point (2, 5), d = 0: equal gains stop at (2, 2), dominated by the lottery's (2, 5)."""
    point = egalitarian_point([(2, 5)], (0, 0))
    assert point.utilities == (2, 2)
    assert point.lottery == ((1, 0),)


def test_kalai_smorodinsky_three_players_weakly_efficient():
    """Points (2,0,2), (0,2,2): I = (2,2,2); the ray stops at (1,1,1), below the mix (1,1,2)."""
    point = kalai_smorodinsky_point([(2, 0, 2), (0, 2, 2)], (0, 0, 0))
    assert point.utilities == (1, 1, 1)
    assert point.mixture([(2, 0, 2), (0, 2, 2)]) == (1, 1, 2)


@pytest.mark.parametrize("pie", [F(1), F(6), F(7, 2)])
def test_three_player_pie_symmetric(pie):
    """A pie P split by three equal players: (P/3, P/3, P/3) exactly."""
    point = nash_point(_simplex_vertices(pie, 3), (0, 0, 0))
    assert point.utilities == (pie / 3,) * 3
    assert point.exact


@pytest.mark.parametrize("powers", [(1, 2, 3), (F(1, 2), F(1, 3), 5), (2, 2, 1, 7)])
def test_n_player_pie_with_powers(powers):
    """With powers w the pie P is split P w / sum(w) (exactly, any n)."""
    pie = F(7, 2)
    n = len(powers)
    point = nash_point(_simplex_vertices(pie, n), (0,) * n, powers)
    total = sum(F(w) for w in powers)
    assert point.utilities == tuple(pie * F(w) / total for w in powers)


def test_three_player_pie_with_disagreement():
    """Pie 12 with d = (1, 2, 3): the remainder 6 is split equally on top of d."""
    points = [(7, 2, 3), (1, 8, 3), (1, 2, 9)]
    point = nash_point(points, (1, 2, 3))
    assert point.utilities == (3, 4, 5)
    assert point.mixture(points) == point.utilities


def test_nash_three_players_irrational_falls_back_to_floats():
    """On an edge of a 3-player hull the optimum can be irrational: floats, still optimal."""
    points = [(4, 0, 1), (0, 4, 1), (1, 1, 0)]
    point = nash_point(points, (0, 0, 0), (1, 1, 3))
    # The optimum lies on the edge (4,0,1)-(0,4,1) only if it beats its vertices; check
    # optimality through the supporting-hyperplane condition within a tolerance.
    d = (0, 0, 0)
    g = [w / (u - di) for w, u, di in zip((1, 1, 3), point.utilities, d, strict=True)]
    level = sum(a * u for a, u in zip(g, point.utilities, strict=True))
    assert all(sum(a * u for a, u in zip(g, p, strict=True)) <= level + 1e-9 for p in points)


def test_nash_degenerate_player_cannot_gain():
    """A player whose best is its disagreement value stays there; the others split the rest."""
    point = nash_point([(1, 0, 0), (0, 1, 0)], (0, 0, 0))
    assert point.utilities == (F(1, 2), F(1, 2), 0)
    assert nash_point([(3, 0), (0, 0)], (0, 0)).utilities == (3, 0)
    # Only a fair coin between (1,-1,2) and (-1,1,2) keeps players 1 and 2 at 0.
    mixed = nash_point([(1, -1, 2), (-1, 1, 2)], (0, 0, 0))
    assert mixed.utilities == (0, 0, 2)
    assert mixed.lottery == ((F(1, 2), 0), (F(1, 2), 1))


def test_nash_degenerate_section_of_the_hull():
    """Stuck players whose best points hurt others: bargain on the section q_1 = q_2 = 0.

    Its vertices are (a + b)/2 = (0,0,2,0), c = (0,0,0,1) and e = (0,0,1,0); for the last two
    players the edge x/2 + y = 1 gives Nash (1, 1/2), and with powers (1, 2), (2/3, 2/3).
    """
    points = [(1, -1, 2, 0), (-1, 1, 2, 0), (0, 0, 0, 1), (0, 0, 1, 0)]
    point = nash_point(points, (0, 0, 0, 0))
    assert point.utilities == (0, 0, 1, F(1, 2))
    assert point.lottery == ((F(1, 4), 0), (F(1, 4), 1), (F(1, 2), 2))
    assert nash_point(points, (0, 0, 0, 0), (1, 1, 1, 2)).utilities == (0, 0, F(2, 3), F(2, 3))


def test_disagreement_outside_s_is_an_error():
    """A disagreement point no lottery reaches raises ValueError saying so."""
    with pytest.raises(ValueError, match="not in the feasible set"):
        nash_point([(1, 0), (0, 1)], (1, 1))
    with pytest.raises(ValueError, match="not in the feasible set"):
        kalai_smorodinsky_point([(1, 0, 0), (0, 1, 0)], (1, 1, 0))


def test_bad_arguments():
    """Malformed points, disagreement or powers are refused with the argument named."""
    with pytest.raises(ValueError, match="points"):
        nash_point([])
    with pytest.raises(ValueError, match=r"points\[1\]"):
        nash_point([(1, 2), (1, 2, 3)])
    with pytest.raises(ValueError, match="powers"):
        nash_point([(1, 0), (0, 1)], (0, 0), (1, 0))
    with pytest.raises(ValueError, match="disagreement"):
        nash_point([(1, 0), (0, 1)], (0, 0, 0))


def test_floats_in_floats_out():
    """Float inputs give float answers."""
    point = nash_point([(1.0, 0.0), (0.0, 1.0)], (0.0, 0.0))
    assert point.utilities == (0.5, 0.5)
    assert not point.exact


def test_pareto_indices():
    """Dominated points go, equal undominated points all stay, order is kept."""
    points = [(0, 10), (4, 8), (3, 7), (10, 0), (4, 8), (4, 7), (10, 0)]
    assert pareto_indices(points) == (0, 1, 3, 4, 6)
    assert pareto_indices([(1, 1, 1), (1, 1, 2), (2, 0, 0), (1, 1, 1)]) == (1, 2)
    assert pareto_indices([(F(1, 3), 0.5), (0.3333, 0.5)]) == (0,)


def test_utilitarian():
    """All maximisers of the sum; over S the ends of a maximising edge cut by d are reported."""
    assert utilitarian_indices(POLYGON) == (1, 2)
    points = [(-1, 3), (1, 1)]
    found = utilitarian_points(points, (0, 0))
    assert [p.utilities for p in found] == [(1, 1), (0, 2)]
    assert found[1].lottery == ((F(1, 2), 0), (F(1, 2), 1))
    # (4,-1,0) has the largest sum but is not individually rational; half of it with (0,1,0)
    # is (2, 0, 0), the best sum in S.
    three = utilitarian_points([(4, -1, 0), (0, 1, 0)], (0, 0, 0))
    assert [(p.utilities, p.lottery) for p in three] == [((2, 0, 0), ((F(1, 2), 0), (F(1, 2), 1)))]


def test_utilitarian_pie():
    """Every split of a pie has the same sum: the vertices of the pie are all reported."""
    found = utilitarian_points(_simplex_vertices(F(1), 3), (0, 0, 0))
    assert [p.utilities for p in found] == _simplex_vertices(F(1), 3)


def test_lottery_point_is_frozen():
    """Results are immutable."""
    point = nash_point([(1, 0), (0, 1)])
    assert isinstance(point, LotteryPoint)
    with pytest.raises(AttributeError):
        point.utilities = (0, 0)  # type: ignore[misc]


# ----------------------------------------------------------------- cross-checks and speed


def test_numeric_method_agrees_with_edges_on_polygon():
    """The n-player numeric method, run on two players, finds the exact edge answer."""
    u, _, _ = _nash_numeric([tuple(map(float, p)) for p in POLYGON], (0.0, 0.0), (2.0, 1.0))
    assert u == pytest.approx((7, 5), abs=1e-9)


def test_thousands_of_points_are_fast():
    """5000 points on a sphere (all Pareto efficient): every solution in a few seconds."""
    import numpy as np

    rng = np.random.default_rng(0)
    points = rng.random((5000, 3))
    points /= np.linalg.norm(points, axis=1)[:, None]
    pts = points.tolist()
    nash = nash_point(pts, (0, 0, 0))
    ks = kalai_smorodinsky_point(pts, (0, 0, 0))
    egalitarian_point(pts, (0, 0, 0))
    assert nash.utilities == pytest.approx((1 / math.sqrt(3),) * 3, abs=1e-2)
    assert ks.utilities == pytest.approx((1 / math.sqrt(3),) * 3, abs=1e-3)
    two = rng.random((20000, 2))
    point = nash_point(two.tolist(), (0, 0))
    assert max(two.prod(axis=1)) <= point.utilities[0] * point.utilities[1] + 1e-12


# ----------------------------------------------------------------- properties


def _efficiency_gain(points, u):
    """max sum(q - u) over q in hull(points), q >= u (0 iff u is Pareto efficient in S)."""
    n = len(u)
    m = len(points)
    rows = [[p[j] for p in points] + [-1 if i == j else 0 for i in range(n)] for j in range(n)]
    rows.append([1] * m + [0] * n)
    cost = [0] * m + [1] * n
    x = solve_lp(rows, [*u, 1], cost, exact=True)
    assert x is not None
    return sum(x[m:])


def _strict_gain(points, u):
    """max t with u + t(1..1) <= q in hull(points) (0 iff u is weakly efficient)."""
    n = len(u)
    m = len(points)
    rows = [
        [-1] + [p[j] for p in points] + [-1 if i == j else 0 for i in range(n)] for j in range(n)
    ]
    rows.append([0] + [1] * m + [0] * n)
    x = solve_lp(rows, [*u, 1], [1] + [0] * (m + n), exact=True)
    assert x is not None
    return x[0]


@st.composite
def problems(draw, players=None, degenerate=False):
    """Small exact problems: 1-6 integer points, d below some point (strictly unless
    ``degenerate``, when some players may be unable to gain)."""
    n = draw(st.integers(2, 3) if players is None else players)
    coordinate = st.integers(-2, 8).map(F)
    points = draw(st.lists(st.tuples(*[coordinate] * n), min_size=1, max_size=6))
    anchor = draw(st.sampled_from(points))
    low = 0 if degenerate else 1
    d = tuple(a - draw(st.integers(low, 3)) for a in anchor)
    powers = tuple(draw(st.sampled_from([F(1), F(2), F(1, 2), F(3)])) for _ in range(n))
    return points, d, powers


def _check_lottery(point, points, *, equal):
    probabilities = [p for p, _ in point.lottery]
    assert sum(probabilities) == 1
    assert all(p > 0 for p in probabilities)
    assert len(point.lottery) <= len(point.utilities)
    mixture = point.mixture(points)
    if equal:
        assert mixture == point.utilities
    else:
        assert all(q >= u for q, u in zip(mixture, point.utilities, strict=True))


@settings(max_examples=60, deadline=None)
@given(problems())
def test_nash_properties(problem):
    """Nash: individually rational, in S exactly, Pareto efficient, beats every point's product."""
    points, d, powers = problem
    point = nash_point(points, d, powers)
    u = point.utilities
    assert all(ui > di for ui, di in zip(u, d, strict=True))
    if point.exact:
        _check_lottery(point, points, equal=True)
        assert _efficiency_gain(points, u) == 0
    else:
        assert point.mixture(points) == pytest.approx(u, abs=1e-9)
    best = nash_product(u, d, powers)
    for p in points:
        assert nash_product(p, d, powers) <= best * (1 + 1e-12)


@settings(max_examples=60, deadline=None)
@given(problems())
def test_kalai_smorodinsky_properties(problem):
    """KS: individually rational, in S, on the ray to the ideal point, (weakly) efficient."""
    points, d, _ = problem
    point = kalai_smorodinsky_point(points, d)
    u = point.utilities
    ideal = ideal_point(points, d)
    assert all(ui > di for ui, di in zip(u, d, strict=True))
    # u - d is proportional to I - d.
    t = (u[0] - d[0]) / (ideal[0] - d[0])
    assert all(ui - di == t * (i - di) for ui, di, i in zip(u, d, ideal, strict=True))
    two = len(d) == 2
    _check_lottery(point, points, equal=two)
    assert _strict_gain(points, u) == 0
    if two:
        assert _efficiency_gain(points, u) == 0


@settings(max_examples=60, deadline=None)
@given(problems())
def test_egalitarian_properties(problem):
    """Egalitarian: equal gains, in S (weakly dominated by its lottery), weakly efficient."""
    points, d, _ = problem
    point = egalitarian_point(points, d)
    gains = {ui - di for ui, di in zip(point.utilities, d, strict=True)}
    assert len(gains) == 1 and min(gains) > 0
    _check_lottery(point, points, equal=False)
    assert _strict_gain(points, point.utilities) == 0


@settings(max_examples=60, deadline=None)
@given(problems(players=st.just(2)))
@example(problem=([(F(0), F(5)), (F(8), F(1))], (F(-3), F(4)), (F(1), F(1, 2))))
def test_two_player_edges_agree_with_numeric_method(problem):
    """The exact edge scan and the n-player numeric method agree to 1e-9."""
    points, d, powers = problem
    exact = nash_point(points, d, powers).utilities
    numeric, _, _ = _nash_numeric(
        [tuple(map(float, p)) for p in points], tuple(map(float, d)), tuple(map(float, powers))
    )
    assert numeric == pytest.approx([float(v) for v in exact], abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(problems(players=st.just(3)))
def test_three_player_exact_certificate(problem):
    """An exact three-player Nash point passes the supporting-hyperplane test exactly."""
    points, d, powers = problem
    point = nash_point(points, d, powers)
    if not point.exact:
        return
    g = [w / (u - di) for w, u, di in zip(powers, point.utilities, d, strict=True)]
    level = sum(a * u for a, u in zip(g, point.utilities, strict=True))
    assert all(sum(a * x for a, x in zip(g, p, strict=True)) <= level for p in points)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(*[st.integers(0, 4)] * 3), min_size=1, max_size=12))
def test_pareto_indices_brute_force(points):
    """The skyline equals the brute-force definition."""

    def dominates(q, p):
        return all(a >= b for a, b in zip(q, p, strict=True)) and q != p

    expected = tuple(i for i, p in enumerate(points) if not any(dominates(q, p) for q in points))
    assert pareto_indices(points) == expected
    two = [p[:2] for p in points]
    assert pareto_indices(two) == tuple(
        i for i, p in enumerate(two) if not any(dominates(q, p) for q in two)
    )


# ----------------------------------------------------------------- the bargaining kind


def _problem(**kwargs):
    from negotiate.model.bargaining import BargainingPlayer, BargainingProblem

    players = kwargs.pop(
        "players",
        [
            BargainingPlayer(id="us", discount=F(9, 10)),
            BargainingPlayer(id="mx", discount=F(4, 5)),
        ],
    )
    return BargainingProblem(id="deal", title="Deal", players=players, **kwargs)


def test_analyse_pie_dispatch():
    """`negotiate.analysis.analyse` runs every solution on a pie, Rubinstein included."""
    from negotiate.analysis import analyse

    result = analyse(_problem(pie=1))
    assert result.points == ((1, 0), (0, 1))
    assert result.nash.utilities == (F(1, 2), F(1, 2))
    assert result.nash_symmetric is None
    assert result.kalai_smorodinsky.utilities == (F(1, 2), F(1, 2))
    assert [p.utilities for p in result.utilitarian] == [(1, 0), (0, 1)]
    assert result.alternating_offers.utilities == (F(5, 7), F(2, 7))
    assert result.exact


def test_analyse_first_mover_and_powers():
    """`first` picks the proposer; unequal powers add the symmetric Nash point."""
    from negotiate.bargaining.analysis import analyse
    from negotiate.model.bargaining import BargainingPlayer

    players = [
        BargainingPlayer(id="us", discount=F(9, 10), power=2),
        BargainingPlayer(id="mx", discount=F(4, 5)),
    ]
    result = analyse(_problem(players=players, points=POLYGON, first="mx"))
    assert result.nash.utilities == (7, 5)
    assert result.nash_symmetric.utilities == (6, 6)
    assert result.alternating_offers.first == 1
    # mx proposes first: its stationary proposal, accepted at once.
    assert result.alternating_offers.utilities == result.alternating_offers.proposals[1].utilities


def test_analyse_pie_with_disagreement_points():
    """A pie's feasible set has vertices d plus the remainder to one player."""
    from negotiate.bargaining.analysis import analyse, feasible_points
    from negotiate.model.bargaining import BargainingPlayer

    players = [BargainingPlayer(id=name, disagreement=i) for i, name in enumerate("abc")]
    problem = _problem(players=players, pie=9)
    assert feasible_points(problem) == ((6, 1, 2), (0, 7, 2), (0, 1, 8))
    result = analyse(problem)
    assert result.nash.utilities == (2, 3, 4)
    assert result.alternating_offers is None
    assert "two-player" in result.alternating_offers_note


def test_analyse_without_impatience():
    """Both discount factors 1: no alternating-offers equilibrium, and the note says why."""
    from negotiate.bargaining.analysis import analyse
    from negotiate.model.bargaining import BargainingPlayer

    players = [BargainingPlayer(id="us"), BargainingPlayer(id="mx")]
    result = analyse(_problem(players=players, pie=1))
    assert result.alternating_offers is None
    assert "no impatience" in result.alternating_offers_note


@settings(max_examples=60, deadline=None)
@given(problems(degenerate=True, players=st.integers(2, 4)))
def test_degenerate_problems(problem):
    """With d on the frontier for some players, every solution stays in S and is rational."""
    points, d, powers = problem
    for solve in (kalai_smorodinsky_point, egalitarian_point):
        point = solve(points, d)
        assert all(u >= di for u, di in zip(point.utilities, d, strict=True))
        _check_lottery(point, points, equal=False)
    point = nash_point(points, d, powers)
    assert all(u >= di for u, di in zip(point.utilities, d, strict=True))
    if point.exact:
        _check_lottery(point, points, equal=True)
        assert _efficiency_gain(points, point.utilities) == 0


def test_a_given_point_is_reached_by_itself():
    """A solution equal to a given point (even inside a hull edge) is reached by that deal."""
    point = nash_point([(0, 2), (1, 1), (2, 0)])
    assert point.lottery == ((1, 1),)
    grid = [(F(i), F(j), F(12 - i - j)) for i in range(13) for j in range(13 - i)]
    three = nash_point(grid, (0, 0, 0), (1, 2, 3))
    assert three.utilities == (2, 4, 6)
    assert len(three.lottery) == 1 and grid[three.lottery[0][1]] == (2, 4, 6)


@pytest.mark.parametrize("scale", [1e15, 1e-12, 1e100])
def test_three_player_nash_point_is_scale_free(scale: float) -> None:
    """Float utilities of size 1e15 made the numeric search's start fail (an AssertionError in
    `negotiate solve` of a fuzzed nafta_1993): the point of scaled utilities is the scaled point."""
    points = [(3.0, 1.0, 1.0), (1.0, 3.0, 1.0), (1.0, 1.0, 3.0), (2.0, 2.0, 0.5), (0.0, 0.0, 0.0)]
    plain = nash_point(points, (0.0, 0.0, 0.0))
    scaled = nash_point([tuple(scale * v for v in p) for p in points], (0.0, 0.0, 0.0))
    assert plain.utilities == pytest.approx((5 / 3, 5 / 3, 5 / 3), rel=1e-12)
    assert [u / scale for u in scaled.utilities] == pytest.approx(plain.utilities, rel=1e-12)
