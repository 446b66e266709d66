"""Bargaining solutions over the packages of a negotiation's agreement set.

One-issue games (``one_issue``) list each party's worth of the options after the status quo
``o0`` (worth 0 to everyone), so gains are the listed numbers.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import hypothesis.strategies as st
import numpy as np
import pytest
from hypothesis import given, settings
from negotiation_games import border_deal, one_issue, small_games

from negotiate.model import Constituency, Issue, NegotiationGame, Party, Ratification
from negotiate.negotiation.nash_product import NashProduct
from negotiate.negotiation.solutions import (
    PackageOutcome,
    _candidates,
    _gains,
    _powers,
    best_agreements,
    egalitarian_packages,
    kalai_smorodinsky_packages,
    nash_lottery,
    nash_packages,
    proposer_package,
    proposer_packages,
    utilitarian_packages,
)
from negotiate.negotiation.two_level import agreement_set


def names(outcomes: tuple[PackageOutcome, ...]) -> list[str]:
    return [o.package[0] if len(o.package) == 1 else o.package for o in outcomes]


# -- the hand-worked game of test_two_level ------------------------------------------------------


def test_hand_worked_solutions():
    """On A = {(1,1), (1,2), (0,4)}: Nash, KS and egalitarian pick (joint, few, yes), the
    utilitarian sum picks (joint, more, yes)."""
    game = border_deal()
    nine, eleven = ("joint", "few", "yes"), ("joint", "more", "yes")
    assert names(nash_packages(game)) == [nine]  # products 2 and 0
    assert names(kalai_smorodinsky_packages(game)) == [nine]  # I = (1, 4): 1/2 vs 0
    assert names(egalitarian_packages(game)) == [nine]  # min 1 vs 0
    assert names(utilitarian_packages(game)) == [eleven]  # sums 3 vs 4
    proposers = proposer_packages(game)
    # the U.S. gets 1 from (smart, more, no) and (joint, few, yes); Mexico prefers the latter
    assert proposers["us"].package == nine
    assert proposers["mx"].package == eleven
    assert proposers["mx"].utilities == {"us": 0, "mx": 4}
    assert nash_packages(game)[0].index == 9


def test_empty_agreement_set_gives_empty_solutions():
    """With no deal every solution is empty and every proposer outcome is None."""
    game = one_issue({"a": [1, -1], "b": [-1, 1]})
    assert agreement_set(game).is_empty
    for solve in (nash_packages, kalai_smorodinsky_packages, egalitarian_packages):
        assert solve(game) == ()
    assert utilitarian_packages(game) == ()
    assert proposer_packages(game) == {"a": None, "b": None}
    assert best_agreements(game) == ()


# -- Nash ---------------------------------------------------------------------------------------


def test_nash_symmetric_and_with_powers():
    """Gains (1,3), (2,2), (3,1): symmetric Nash picks (2,2); powers 3:1 pick (3,1) (27 > 16)."""
    game = one_issue({"a": [1, 2, 3], "b": [3, 2, 1]})
    assert names(nash_packages(game)) == ["o2"]
    assert names(nash_packages(game, powers={"a": 3, "b": 1})) == ["o3"]
    assert names(nash_packages(game, powers={"a": 1, "b": 3})) == ["o1"]
    powered = one_issue({"a": [1, 2, 3], "b": [3, 2, 1]}, powers={"a": 3})
    assert names(nash_packages(powered)) == ["o3"]  # default: the game's powers
    assert names(nash_packages(powered, powers={"a": 1, "b": 1})) == ["o2"]


def test_nash_rational_powers_tie_exactly():
    """With powers 1/3 and 2/3, gains (8,1) and (2,2) have the same product 2: both are listed,
    as are (27,1) and (3,3) (product 3) when they are the best."""
    game = one_issue({"a": [8, 2], "b": [1, 2]}, powers={"a": "1/3", "b": "2/3"})
    assert names(nash_packages(game)) == ["o1", "o2"]
    game = one_issue({"a": [27, 3, 2], "b": [1, 3, 2]}, powers={"a": "1/3", "b": "2/3"})
    assert names(nash_packages(game)) == ["o1", "o2"]
    assert names(nash_packages(game, powers={"a": 1, "b": 1})) == ["o1"]  # 27 > 9 > 4


def test_nash_near_tie_is_decided_exactly():
    """(10^6 + 1)(10^6 - 1) = 10^12 - 1 < 10^12: the balanced package wins although float logs
    can barely tell."""
    big = 10**6
    game = one_issue({"a": [big + 1, big], "b": [big - 1, big]})
    assert names(nash_packages(game)) == ["o2"]
    game = one_issue({"a": [big, big + 1], "b": [big, big - 1]})
    assert names(nash_packages(game)) == ["o1"]
    weighted = one_issue({"a": [big + 1, big], "b": [big - 1, big]}, powers={"a": 2, "b": 2})
    assert names(nash_packages(weighted)) == ["o2"]


def test_nash_zero_products_keep_only_efficient_packages():
    """If someone gains nothing in every agreement, all efficient agreements tie."""
    game = one_issue({"a": [0, 0, 0], "b": [1, 2, 2]})
    assert names(nash_packages(game)) == ["o2", "o3"]


def test_nash_powers_are_checked():
    """A missing or non-positive power is a ValueError naming the party."""
    game = one_issue({"a": [1], "b": [1]})
    with pytest.raises(ValueError, match="missing"):
        nash_packages(game, powers={"a": 1})
    with pytest.raises(ValueError, match=r"powers\.b"):
        nash_packages(game, powers={"a": 1, "b": 0})


def test_best_agreements_ranked_by_nash_product():
    """The ranking lists the best Nash products first, ties in package order, dominated ones too."""
    game = one_issue({"a": [1, 2, 3, 1, 2], "b": [3, 2, 1, 1, 2]})
    # products 3, 4, 3, 1, 4
    assert names(best_agreements(game, 3)) == ["o2", "o5", "o1"]
    assert names(best_agreements(game, 10)) == ["o2", "o5", "o1", "o3", "o4"]
    assert best_agreements(game, 0) == ()


# -- Kalai-Smorodinsky, egalitarian, utilitarian --------------------------------------------------


def test_kalai_smorodinsky_over_packages():
    """Ideal (4, 8): ratios min(1/4, 1), min(1/2, 3/4), min(1, 1/8): the second package."""
    game = one_issue({"a": [1, 2, 4], "b": [8, 6, 1]})
    assert names(kalai_smorodinsky_packages(game)) == ["o2"]


def test_kalai_smorodinsky_exact_ratios_and_ties():
    """Ideal (3, 6): (1, 6) and (3, 2) both reach min ratio 1/3 exactly; (2, 1) only 1/6."""
    game = one_issue({"a": [1, 3, 2], "b": [6, 2, 1]})
    assert names(kalai_smorodinsky_packages(game)) == ["o1", "o2"]


def test_kalai_smorodinsky_drops_dominated_ties():
    """(1, 5) and (1, 3) tie on the minimum ratio 1/2 with ideal (2, 6)... only (1, 5) is
    efficient; (2, 1) reaches only 1/6."""
    game = one_issue({"a": [1, 1, 2], "b": [5, 3, 1]})
    # ideal (2, 5): ratios min(1/2, 1) = 1/2, min(1/2, 3/5) = 1/2, min(1, 1/5) = 1/5
    assert names(kalai_smorodinsky_packages(game)) == ["o1"]


def test_egalitarian_and_utilitarian():
    """Egalitarian maximises the least gain among efficient packages, utilitarian the total."""
    game = one_issue({"a": [1, 4, 2, 3], "b": [6, 1, 2, 2]})
    # (2, 2) and (3, 2) both have least gain 2, but (3, 2) dominates (2, 2)
    assert names(egalitarian_packages(game)) == ["o4"]
    assert names(utilitarian_packages(game)) == ["o1"]  # 7 > 5 = 5 > 4


def test_egalitarian_efficient_ties():
    """Egalitarian ties that are all efficient are all listed."""
    game = one_issue({"a": [2, 3], "b": [3, 2]})
    assert names(egalitarian_packages(game)) == ["o1", "o2"]
    assert names(utilitarian_packages(game)) == ["o1", "o2"]


# -- proposers ------------------------------------------------------------------------------------


def test_proposer_tie_rule():
    """a's best (5) ties at o1, o2, o3; the others gain 1, 3, 3: o2 wins by package order."""
    game = one_issue({"a": [5, 5, 5, 1], "b": [1, 3, 3, 9]})
    assert proposer_package(game, "a").package == ("o2",)
    assert proposer_package(game, "b").package == ("o4",)
    with pytest.raises(ValueError, match="party"):
        proposer_package(game, "c")


def test_proposer_three_parties():
    """With three parties the tie is broken by the sum of the two others' gains."""
    game = NegotiationGame(
        id="three",
        title="Three",
        parties=[
            Party(id="a", values={"x": {"o1": 2, "o2": 2, "o3": 1}}),
            Party(id="b", values={"x": {"o1": 1, "o2": 3, "o3": 5}}),
            Party(id="c", values={"x": {"o1": 4, "o2": 1, "o3": 5}}),
        ],
        issues=[Issue(id="x", options=["o0", "o1", "o2", "o3"])],
    )
    assert proposer_package(game, "a").package == ("o1",)  # 1 + 4 > 3 + 1
    assert proposer_package(game, "b").package == ("o3",)


# -- inexact games --------------------------------------------------------------------------------


def test_float_game():
    """A game with floats is solved in floats."""
    game = one_issue({"a": [0.5, 1.5, 2.5], "b": [2.5, 1.5, 0.5]})
    nash = nash_packages(game)
    assert names(nash) == ["o2"]
    assert nash[0].utilities == {"a": 1.5, "b": 1.5}
    assert names(kalai_smorodinsky_packages(game)) == ["o2"]
    assert names(egalitarian_packages(game)) == ["o2"]
    assert names(utilitarian_packages(game)) == ["o1", "o2", "o3"]


def test_exact_utilities_are_fractions():
    """Exact games report Fractions."""
    game = one_issue({"a": ["1/2", "3/2"], "b": ["5/2", "1/3"]})
    outcome = nash_packages(game)[0]
    assert outcome.utilities == {"a": Fraction(1, 2), "b": Fraction(5, 2)}
    assert all(isinstance(v, Fraction) for v in outcome.utilities.values())


# -- properties -----------------------------------------------------------------------------------


def _dominated(u, others):
    return any(all(x >= y for x, y in zip(v, u, strict=True)) and v != u for v in others)


@settings(max_examples=80, deadline=None)
@given(small_games())
def test_solutions_are_rational_efficient_agreements(game):
    """Every reported package is in A, individually rational and Pareto-efficient within A."""
    result = agreement_set(game)
    parties = game.party_ids
    vectors = [tuple(result.outcome_utilities(k)[p] for p in parties) for k in result.indices]
    members = set(result.packages)
    d = [result.reservation(p) for p in parties]
    solutions = {
        "nash": nash_packages(result),
        "ks": kalai_smorodinsky_packages(result),
        "egalitarian": egalitarian_packages(result),
        "utilitarian": utilitarian_packages(result),
        "proposers": tuple(o for o in proposer_packages(result).values() if o is not None),
    }
    for outcomes in solutions.values():
        for outcome in outcomes:
            assert outcome.package in members
            u = tuple(outcome.utilities[p] for p in parties)
            assert all(x >= y for x, y in zip(u, d, strict=True))
            assert not _dominated(u, vectors)
    rational = [v for v in vectors if all(x >= y for x, y in zip(v, d, strict=True))]
    if rational:
        assert solutions["nash"] and solutions["ks"] and solutions["egalitarian"]
        # Nash maximises the product of gains among all rational agreements
        best = max(np.prod([x - y for x, y in zip(v, d, strict=True)]) for v in rational)
        for outcome in solutions["nash"]:
            gains = [outcome.utilities[p] - y for p, y in zip(parties, d, strict=True)]
            assert np.prod(gains) == best
    else:
        assert not any(solutions.values())


@settings(max_examples=40, deadline=None)
@given(small_games())
def test_best_agreements_agree_with_brute_force(game):
    """The ranking by Nash product is a sort of the rational agreements by product, then order."""
    result = agreement_set(game)
    parties = game.party_ids
    d = [result.reservation(p) for p in parties]
    rows = []
    for k, index in enumerate(result.indices):
        u = result.outcome_utilities(index)
        gains = [u[p] - y for p, y in zip(parties, d, strict=True)]
        if all(g >= 0 for g in gains):
            rows.append((-np.prod(gains), int(index), k))
    expected = [int(index) for _, index, _ in sorted(rows)][:4]
    assert [o.index for o in best_agreements(result, 4)] == expected


def test_without_veto_solutions_stay_individually_rational():
    """With no U.S. veto and quota 0, A holds every package Mexico accepts, but solutions use
    only those the U.S. executive accepts too."""
    game = border_deal(quota=0, executive_veto=False)
    result = agreement_set(game)
    packages = list(itertools.product(["none", "smart", "joint"], ["few", "more"], ["no", "yes"]))
    assert result.indices.tolist() == [1, 2, 3, 5, 6, 7, 9, 11]  # Mexico rejects 4, 8, 10
    assert result.rational.tolist() == [False, False, False, True, True, False, True, True]
    assert names(nash_packages(result)) == [packages[9]]
    # (smart, more, yes) = (-1, 5) also sums to 4 but the U.S. executive would lose
    assert names(utilitarian_packages(result)) == [packages[11]]


# -- lotteries ------------------------------------------------------------------------------------


def test_nash_lottery_mixes_two_packages():
    """Gains (3, 1) and (1, 3): the Nash point (2, 2) is a fair coin between them; with powers
    2:1 it is (8/3, 4/3), (3, 1) with probability 5/6."""
    game = one_issue({"a": [3, 1], "b": [1, 3]})
    point = nash_lottery(game)
    assert dict(point.utilities) == {"a": 2, "b": 2}
    assert [(p, o.package) for p, o in point.lottery] == [
        (Fraction(1, 2), ("o1",)),
        (Fraction(1, 2), ("o2",)),
    ]
    assert point.exact
    weighted = nash_lottery(game, powers={"a": 2, "b": 1})
    assert dict(weighted.utilities) == {"a": Fraction(8, 3), "b": Fraction(4, 3)}
    assert [p for p, _ in weighted.lottery] == [Fraction(5, 6), Fraction(1, 6)]


def test_nash_lottery_empty_and_one_party():
    """No deal: None. One party: its best package for sure."""
    assert nash_lottery(one_issue({"a": [1, -1], "b": [-1, 1]})) is None
    single = one_issue({"a": [1, 3, 2]})
    point = nash_lottery(single)
    assert dict(point.utilities) == {"a": 3}
    assert [(p, o.package) for p, o in point.lottery] == [(1, ("o2",))]


@settings(max_examples=40, deadline=None)
@given(small_games())
def test_nash_lottery_beats_every_pure_agreement(game):
    """The lottery Nash point's product of gains is at least every rational package's, and its
    lottery reaches it."""
    result = agreement_set(game)
    point = nash_lottery(result)
    parties = game.party_ids
    d = [result.reservation(p) for p in parties]
    if result.is_empty:
        assert point is None
        return
    pure = [
        [result.outcome_utilities(k)[p] - y for p, y in zip(parties, d, strict=True)]
        for k in result.indices
    ]
    rational = [g for g in pure if all(x >= 0 for x in g)]
    if point is None:
        assert not rational
        return
    gains = [point.utilities[p] - y for p, y in zip(parties, d, strict=True)]
    assert all(g >= 0 for g in gains)
    product = np.prod(gains)
    assert all(product >= np.prod(g) for g in rational)
    assert sum(p for p, _ in point.lottery) == 1
    for party in parties:
        expected = sum(p * o.utilities[party] for p, o in point.lottery)
        assert expected >= point.utilities[party]


def test_huge_exact_utilities_use_python_integers():
    """Utilities beyond 64-bit integers are kept exact (object arrays) and solved the same way."""
    big = 10**30
    game = one_issue({"a": [big + 1, big, 3], "b": [big - 1, big, 1]})
    result = agreement_set(game)
    assert result.space.dtype is object
    assert names(nash_packages(result)) == ["o2"]
    assert names(kalai_smorodinsky_packages(result)) == ["o2"]
    assert names(egalitarian_packages(result)) == ["o2"]
    assert names(utilitarian_packages(result)) == ["o1", "o2"]
    assert result.pareto.tolist() == [True, True, False]
    assert [o.index for o in best_agreements(result, 3)] == [2, 1, 3]


def test_nash_lottery_degenerate_problem_keeps_stuck_parties_at_reservation():
    """Without e's veto, o3 (good for c, bad for e) is ratified; c and e cannot gain on the
    individually rational part of the hull, so they stay at 0 while a and b split the rest:
    an even lottery over (2,1,0,0) and (1,2,0,0), exactly."""
    game = NegotiationGame(
        id="degenerate",
        title="Degenerate",
        parties=[
            Party(id="a", values={"x": {"o1": 2, "o2": 1}}),
            Party(id="b", values={"x": {"o1": 1, "o2": 2}}),
            Party(id="c", values={"x": {"o3": 5}}),
            Party(id="e", values={"x": {"o3": -1}}),
        ],
        constituencies=[Constituency(id="home", party="e", weight=1, values={"x": {"o3": 1}})],
        ratifications=[Ratification(party="e", quota=1, executive_veto=False)],
        issues=[Issue(id="x", options=["o0", "o1", "o2", "o3"])],
    )
    result = agreement_set(game)
    assert result.packages == (("o1",), ("o2",), ("o3",))
    assert result.pareto.tolist() == [True, True, True]
    point = nash_lottery(result)
    assert dict(point.utilities) == {
        "a": Fraction(3, 2),
        "b": Fraction(3, 2),
        "c": 0,
        "e": 0,
    }
    assert [p for p, _ in point.lottery] == [Fraction(1, 2), Fraction(1, 2)]
    assert [outcome.package for _, outcome in point.lottery] == [("o1",), ("o2",)]
    assert point.exact


@st.composite
def _games_with_ties(draw):  # type: ignore[no-untyped-def]
    """Exact or float part-worths (floats with near-ties 1e-13 apart), unequal powers, fixed
    reservations and executives without a veto (members below a reservation)."""
    issues = [
        Issue(id=f"i{k}", options=[f"o{j}" for j in range(draw(st.integers(2, 3)))])
        for k in range(draw(st.integers(1, 3)))
    ]
    floats = draw(st.booleans())
    worth = (
        st.sampled_from([-1.0, 0.0, 0.5, 1.0, 1.0 + 1e-13, 2.0, 2.0 - 1e-13])
        if floats
        else st.integers(-3, 3)
    )

    def values():  # type: ignore[no-untyped-def]
        return {i.id: {o: draw(worth) for o in i.options[1:]} for i in issues}

    parties = [
        Party(
            id=f"p{k}",
            values=values(),
            power=draw(st.sampled_from([1, 2, Fraction(1, 2)] + ([1.5] if floats else []))),
            **({"reservation": draw(st.integers(-1, 1))} if draw(st.booleans()) else {}),
        )
        for k in range(draw(st.integers(2, 3)))
    ]
    groups = [Constituency(id="c", party="p0", weight=1, values=values())]
    rules = [Ratification(party="p0", quota=draw(st.integers(0, 1)), executive_veto=False)]
    return NegotiationGame(
        id="ties",
        title="Ties",
        parties=parties,
        issues=issues,
        constituencies=groups,
        ratifications=rules,
    )


@pytest.mark.parametrize("few", [16, 0])
@settings(max_examples=200, deadline=None)
@given(game=_games_with_ties())
def test_nash_without_the_pareto_set_is_the_nash_over_it(few: int, game: NegotiationGame) -> None:
    """The Nash solution found over every individually rational member (the fast path) is the
    one found over the Pareto set's (the definition), powers and float near-ties included, with
    near-ties checked one by one or (``few = 0``) by the Pareto set."""
    from negotiate.negotiation import solutions

    agreement = agreement_set(game)
    for powers in (None, {p: 1 for p in game.party_ids}):
        positions = _candidates(agreement)
        product = NashProduct(
            _gains(agreement, positions), _powers(agreement, powers), agreement.space.exact
        )
        slow = [
            agreement.space.package(int(agreement.indices[p])) for p in positions[product.best()]
        ]
        kept, solutions.FEW_NEAR_TIES = solutions.FEW_NEAR_TIES, few
        try:
            fast = [o.package for o in nash_packages(agreement, powers)]
        finally:
            solutions.FEW_NEAR_TIES = kept
        assert fast == slow
