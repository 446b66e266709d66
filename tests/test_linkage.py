"""Tests of negotiate.negotiation.linkage: hand-worked games first, then properties."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from linkage_games import enforcement_game, logroll, nafta

from negotiate.errors import GameTooLargeError, InvalidGameError
from negotiate.model import Constituency, Issue, NegotiationGame, Party, Ratification
from negotiate.negotiation.enforcement import critical_discount_factors
from negotiate.negotiation.linkage import linkage
from negotiate.negotiation.linkage_lattice import (
    issue_shapley_values,
    linkage_lattice,
    minimal_feasible_linkages,
)
from negotiate.negotiation.packages import package_space

F = Fraction


# -- hand-worked games -----------------------------------------------------------------------


def test_logroll_separate_negotiations_fail():
    """Alone, trade is blocked by Mexico's executive and unions, visas by the U.S. executive."""
    result = linkage(logroll())
    trade, visas = result.separate
    assert (trade.feasible, trade.package, trade.option) == (False, None, "closed")
    assert (visas.feasible, visas.package, visas.option) == (False, None, "few")
    assert [(b.party, b.executive, b.constituencies) for b in trade.blockers] == [
        ("mx", True, ("unions",))
    ]
    assert [(b.party, b.executive, b.constituencies) for b in visas.blockers] == [("us", True, ())]
    assert result.separate_combined.package == ("closed", "few")
    assert result.separate_combined.ratified is True


def test_logroll_linked_package_and_gains():
    """Linked, the Nash package is (open, many) worth 1 and 2: all of it is gain from linkage."""
    result = linkage(logroll())
    assert result.linked.package == ("open", "many")
    assert dict(result.linked.utilities) == {"us": F(1), "mx": F(2)}
    assert dict(result.gains) == {"us": F(1), "mx": F(2)}
    assert result.linked_only == ("trade", "visas")
    assert result.minimal_feasible == (("trade", "visas"),)
    assert dict(result.issue_values) == {"trade": F(3, 2), "visas": F(3, 2)}
    assert result.joint_gain == F(3)


def test_logroll_power_moves_the_linked_package():
    """Powers weigh the Nash product; an exact tie goes to the first package in package order."""
    game = logroll()
    strong = NegotiationGame(
        **{**_fields(game), "parties": [game.parties[0], _evolve(game.parties[1], power=F(1, 4))]}
    )
    # (partial, some): 1 * 1^(1/4) = 1; (open, many): 1 * 2^(1/4) > 1: Mexico's gain still counts.
    assert linkage(strong).linked.package == ("open", "many")
    tilted = NegotiationGame(
        **{
            **_fields(game),
            "parties": [
                _evolve(
                    game.parties[0],
                    values={"trade": {"partial": 3, "open": 4}, "visas": {"some": -1, "many": -3}},
                ),
                game.parties[1],
            ],
        }
    )
    # now (partial, some) gives (2, 1): product 2 = (open, many)'s (1, 2): tie -> package order.
    result = linkage(tilted)
    assert result.linked.package == ("partial", "some")
    assert dict(result.gains) == {"us": F(2), "mx": F(1)}


def test_nafta_linking_labor_mobility_loses_ratification():
    """Trade and labour mobility each pass alone; together Congress rejects them (linkage hurts)."""
    result = linkage(nafta())
    trade, labor = result.separate
    assert trade.feasible and trade.package == ("nafta", "none")
    assert labor.feasible and labor.package == ("none", "mobility")
    combined = result.separate_combined
    assert combined.package == ("nafta", "mobility")
    assert (combined.ratified, combined.rejected_by) == (False, ("us",))
    assert dict(combined.utilities) == {"us": F(3), "mx": F(4)}
    # the linked table can only pick one of the two: trade (product 3*1 beats 0*3)
    assert result.linked.package == ("nafta", "none")
    assert dict(result.gains) == {"us": F(0), "mx": F(-3)}
    assert result.minimal_feasible == (("trade",), ("labor",))
    assert result.linked_only == ()


def test_nafta_chosen_linkage():
    """Linking trade and labour is the full game; labour alone plus trade apart fails at home."""
    full = linkage(nafta(), link=["labor", "trade"]).chosen
    assert full.issues == ("trade", "labor")
    assert full.deal.package == ("nafta", "none")
    assert dict(full.shortfall) == {"us": F(0), "mx": F(0)}
    assert full.value == F(4)
    assert full.combined == full.deal
    alone = linkage(nafta(), link=["labor"]).chosen
    assert alone.deal.package == ("none", "mobility")
    # labour "linked" alone, trade separately: the separate deals again, which Congress rejects
    assert alone.combined.package == ("nafta", "mobility")
    assert (alone.combined.ratified, alone.combined.rejected_by) == (False, ("us",))
    assert dict(alone.gains) == {"us": F(0), "mx": F(0)}
    assert dict(alone.shortfall) == {"us": F(0), "mx": F(-3)}


def test_enforcement_linking_pools_slack():
    """Alone each issue needs δ >= 3/4 from its controller; linked, 3/5 suffices."""
    result = linkage(enforcement_game())
    assert [d.package for d in result.separate] == [("keep", "none"), ("none", "keep")]
    assert {k: dict(v) for k, v in result.enforcement.separate.items()} == {
        "a": {"us": F(3, 4), "mx": F(0)},
        "b": {"us": F(0), "mx": F(3, 4)},
    }
    assert result.linked.package == ("keep", "keep")
    assert dict(result.enforcement.linked) == {"us": F(3, 5), "mx": F(3, 5)}


def test_enforcement_without_stake_is_none():
    """A controller with a temptation and nothing at stake cannot be held to the deal."""
    game = NegotiationGame(
        id="g",
        title="G",
        parties=[
            Party(id="us", values={"a": {"keep": 0, "cheat": 1}}),
            Party(id="mx", values={"a": {"keep": 2, "cheat": -1}}),
        ],
        issues=[Issue(id="a", options=["none", "keep", "cheat"], controlled_by="us")],
    )
    assert dict(critical_discount_factors(game, ("keep",))) == {"us": None, "mx": F(0)}
    assert dict(critical_discount_factors(game, ("keep",), issues=[])) == {"us": 0, "mx": 0}


def test_unknown_link_issue_suggests_a_name():
    """A misspelt issue in `link` fails naming it, with a did-you-mean."""
    with pytest.raises(InvalidGameError, match=r"unknown issue `trad`.*trade"):
        linkage(logroll(), link=["trad"])


def test_too_many_issues():
    """More issues than the subset lattice can hold is refused before any work."""
    game = NegotiationGame(
        id="g",
        title="G",
        parties=[Party(id="us")],
        issues=[Issue(id=f"i{k}", options=["only"]) for k in range(25)],
    )
    with pytest.raises(GameTooLargeError, match="2\\^25"):
        linkage(game)


def test_inexact_game_gives_floats():
    """A float anywhere makes the analysis inexact, with float results."""
    game = logroll()
    game = NegotiationGame(
        **{**_fields(game), "parties": [_evolve(game.parties[0], power=1.5), game.parties[1]]}
    )
    assert linkage(game).linked.package == ("open", "many")
    floaty = NegotiationGame(
        id="f",
        title="F",
        parties=[
            Party(id="us", values={"a": {"y": 0.5}}),
            Party(id="mx", values={"a": {"y": 0.25}}),
        ],
        issues=[Issue(id="a", options=["n", "y"])],
    )
    result = linkage(floaty)
    assert result.exact is False
    assert result.issue_values["a"] == pytest.approx(0.75)
    assert isinstance(result.issue_values["a"], float)


def test_huge_numbers_stay_exact():
    """Utilities beyond int64 use Python integers: still exact, same answers as slicing."""
    big = 2**70
    game = NegotiationGame(
        id="big",
        title="Big",
        parties=[
            Party(id="us", values={"a": {"y": 2 * big}, "b": {"y": -big}, "c": {"y": 1}}),
            Party(id="mx", values={"a": {"y": -big}, "b": {"y": 2 * big}, "c": {"y": F(1, 3)}}),
        ],
        issues=[Issue(id=i, options=["n", "y"]) for i in "abc"],
    )
    space = package_space(game)
    assert space.dtype is object
    lattice = linkage_lattice(space)
    slow = linkage_lattice(space, method="slicing")
    assert lattice.values.tolist() == slow.values.tolist()
    values = issue_shapley_values(lattice)
    assert sum(values.values()) == 2 * big + F(4, 3)
    assert values["c"] == F(4, 3)
    assert linkage(game).linked.package == ("y", "y", "y")


def _fields(game):
    import attrs

    return {f.name: getattr(game, f.name) for f in attrs.fields(type(game)) if f.init}


def _evolve(item, **changes):
    import attrs

    return attrs.evolve(item, **changes)


# -- properties ------------------------------------------------------------------------------


@st.composite
def games(draw, max_issues=4, floats=False):
    """Small random negotiations with constituencies, ratification rules, powers and control."""
    n_issues = draw(st.integers(1, max_issues))
    n_parties = draw(st.integers(1, 3))
    party_ids = [f"p{k}" for k in range(n_parties)]
    issues = [
        Issue(
            id=f"i{k}",
            options=[f"o{m}" for m in range(draw(st.integers(1, 3)))],
            controlled_by=draw(st.sampled_from([None, *party_ids])),
        )
        for k in range(n_issues)
    ]
    worth = st.integers(-4, 4)
    if floats:
        worth = worth | st.floats(-4, 4, allow_nan=False).map(lambda x: round(x, 3))

    def values():
        return {issue.id: {option: draw(worth) for option in issue.options[1:]} for issue in issues}

    powers = st.sampled_from([F(1), F(2), F(1, 2), F(3, 2)])
    parties = [Party(id=p, values=values(), power=draw(powers)) for p in party_ids]
    constituencies = []
    ratifications = []
    for party in parties:
        count = draw(st.integers(0, 2))
        for k in range(count):
            constituencies.append(
                Constituency(
                    id=f"{party.id}_c{k}",
                    party=party.id,
                    weight=draw(st.integers(1, 3)),
                    values=values(),
                )
            )
        if count:
            ratifications.append(Ratification(party=party.id, quota=draw(st.integers(0, 4))))
    return NegotiationGame(
        id="random",
        title="Random",
        parties=parties,
        issues=issues,
        constituencies=constituencies,
        ratifications=ratifications,
    )


def _feasible_by_slicing(space, linked):
    return bool(space.agreement[space.restriction(linked)].any())


@settings(max_examples=60, deadline=None)
@given(games(floats=True))
def test_lattice_equals_slicing(game):
    """The subset-lattice method equals reducing each G_L's slice in turn (exact or float)."""
    fast = linkage_lattice(game)
    slow = linkage_lattice(game, method="slicing")
    assert fast.feasible.tolist() == slow.feasible.tolist()
    assert fast.values.tolist() == slow.values.tolist()


@settings(max_examples=60, deadline=None)
@given(games())
def test_shapley_values_sum_to_full_joint_gain(game):
    """The issues' Shapley values sum to v(N), exactly."""
    lattice = linkage_lattice(game)
    values = issue_shapley_values(lattice)
    assert sum(values.values()) == lattice.value(game.issue_ids)
    assert sum(linkage(game).issue_values.values()) == linkage(game).joint_gain


@settings(max_examples=60, deadline=None)
@given(games())
def test_minimal_linkages_are_minimal(game):
    """Each minimal linkage is feasible and none of its proper subsets is."""
    space = package_space(game)
    minimal = minimal_feasible_linkages(space)
    for linked in minimal:
        assert _feasible_by_slicing(space, linked)
        for size in range(len(linked)):
            for subset in itertools.combinations(linked, size):
                assert not _feasible_by_slicing(space, subset)
    # and every feasible linkage contains one of them
    for size in range(len(game.issues) + 1):
        for linked in itertools.combinations(game.issue_ids, size):
            if _feasible_by_slicing(space, linked):
                assert any(set(m) <= set(linked) for m in minimal)


@settings(max_examples=60, deadline=None)
@given(games(max_issues=3))
def test_linked_set_contains_ratified_combinations_of_separate_agreements(game):
    """Every combination of separate agreements that all parties ratify is a linked agreement."""
    space = package_space(game)
    per_issue = []
    for j, issue in enumerate(game.issues):
        within = space.agreement[space.restriction([issue.id])]
        per_issue.append([space.status_quo_index[j], *np.flatnonzero(within).tolist()])
    everyone = np.ones(space.shape, dtype=bool)
    for party in game.party_ids:
        everyone &= space.ratifies(party)
    for combination in itertools.product(*per_issue):
        if combination != space.status_quo_index and everyone[combination]:
            assert space.agreement[combination]


@settings(max_examples=60, deadline=None)
@given(games())
def test_linkage_result_is_consistent(game):
    """p_link is an agreement if one exists; gains add up; separate deals move one issue."""
    result = linkage(game)
    space = package_space(game)
    if space.agreement.any():
        assert result.linked.feasible and space.agreement[space.index(result.linked.package)]
    else:
        assert result.linked.package == game.status_quo
    for party in game.party_ids:
        assert result.gains[party] == (
            result.linked.utilities[party] - result.separate_combined.utilities[party]
        )
    for j, deal in enumerate(result.separate):
        if deal.feasible:
            moved = [k for k, o in enumerate(deal.package) if o != game.status_quo[k]]
            assert moved == [j]
            assert deal.issue not in result.linked_only
        else:
            assert deal.option == game.issues[j].status_quo
    assert bool(result.minimal_feasible) == bool(space.agreement.any())


def _nash_product(space, index):
    """prod_i (u_i - d_i)^{w_i} as a float, or None below some reservation."""
    product = 1.0
    for party in space.game.parties:
        gain = space.values[party.id][index] - space.reservations[party.id]
        if gain < 0:
            return None
        product *= float(gain) ** float(party.power)
    return product


@settings(max_examples=60, deadline=None)
@given(games())
def test_separate_deals_match_slices_and_nash_prefers_linking(game):
    """Each separate deal is the first Nash maximiser over G_{k}'s slice; a ratified p_sep is a
    linked agreement whose Nash product p_link matches or beats."""
    space = package_space(game)
    result = linkage(game)
    for j, deal in enumerate(result.separate):
        index = space.restriction([deal.issue])
        options = np.flatnonzero(space.agreement[index])
        scored = []
        for option in options:
            full = list(space.status_quo_index)
            full[j] = int(option)
            product = _nash_product(space, tuple(full))
            if product is not None:
                scored.append((product, tuple(full)))
        if not scored:
            assert not deal.feasible and deal.package is None
            continue
        best = max(p for p, _ in scored)
        if best == 0:  # every product is 0: any efficient package may come first
            assert _nash_product(space, space.index(deal.package)) == 0
            continue
        first = next(full for p, full in scored if p >= best * (1 - 1e-12))
        assert deal.package == space.package(first)
    combined = result.separate_combined
    if combined.ratified and combined.package != game.status_quo:
        index = space.index(combined.package)
        assert space.agreement[index]
        assert _nash_product(space, space.index(result.linked.package)) >= _nash_product(
            space, index
        ) * (1 - 1e-12)


@settings(max_examples=60, deadline=None)
@given(games(max_issues=3))
def test_critical_discount_factors_by_enumeration(game):
    """g_i/(g_i + s_i) from enumerating every deviation on the issues a party controls."""
    space = package_space(game)
    result = linkage(game)
    target = result.linked.package
    for party in game.party_ids:
        here = space.utility(party, target)
        controlled = [k for k, i in enumerate(game.issues) if i.controlled_by == party]
        best = here
        for options in itertools.product(*(game.issues[k].options for k in controlled)):
            deviation = list(target)
            for k, option in zip(controlled, options, strict=True):
                deviation[k] = option
            best = max(best, space.utility(party, tuple(deviation)))
        temptation, stake = best - here, here - space.reservation(party)
        expected = (
            0 if temptation == 0 else None if stake <= 0 else temptation / (temptation + stake)
        )
        assert result.enforcement.linked[party] == expected


@settings(max_examples=40, deadline=None)
@given(games(max_issues=4))
def test_shapley_values_equal_the_permutation_formula(game):
    """The per-size sums give the Shapley value of the average marginal contribution."""
    lattice = linkage_lattice(game)
    issues = game.issue_ids
    orders = list(itertools.permutations(issues))
    expected = dict.fromkeys(issues, F(0))
    for order in orders:
        before: list[str] = []
        for issue in order:
            expected[issue] += lattice.value([*before, issue]) - lattice.value(before)
            before.append(issue)
    assert dict(issue_shapley_values(lattice)) == {i: v / len(orders) for i, v in expected.items()}


def test_blockers_among_three_parties():
    """Each party rejecting every package the other two would both ratify blocks it."""
    game = NegotiationGame(
        id="three",
        title="Three",
        parties=[
            Party(id="us", values={"x": {"small": 1, "big": 2}}),
            Party(id="mx", values={"x": {"small": 1, "big": -1}}),
            Party(id="ca", values={"x": {"small": 1, "big": 1}}),
        ],
        issues=[Issue(id="x", options=["none", "small", "big"])],
        constituencies=[
            Constituency(id="farmers", party="ca", weight=2, values={"x": {"small": -1}}),
            Constituency(id="miners", party="ca", weight=1, values={"x": {"small": 1}}),
        ],
        ratifications=[Ratification(party="ca", quota=2)],
    )
    deal = linkage(game).separate[0]
    assert not deal.feasible
    # us and ca would both ratify `big`, which Mexico's executive rejects; us and mx would both
    # ratify `small`, which Canada's executive accepts but its farmers (2 of 3) do not
    assert [(b.party, b.executive, b.constituencies) for b in deal.blockers] == [
        ("mx", True, ()),
        ("ca", False, ("farmers",)),
    ]
