"""Win-sets, the agreement set, its Pareto set and pivotal constituencies.

The hand-worked game (``tests/negotiation_games.py::border_deal``), packages in package order
(security none/smart/joint, visas few/more, regularization no/yes; the first issue slowest):

====  ======================  ====  ====  =====  ========  ======  ========
  #   package                  us    mx   hawks  business  latino  approve
====  ======================  ====  ====  =====  ========  ======  ========
  0   none, few, no             0     0     0       0        0      100
  1   none, few, yes           -2     4    -3       0        3       60
  2   none, more, no           -1     2    -1       2        1       60
  3   none, more, yes          -3     6    -4       2        4       60
  4   smart, few, no            2    -1     1       0        0      100
  5   smart, few, yes           0     3    -2       0        3       60
  6   smart, more, no           1     1     0       2        1      100
  7   smart, more, yes         -1     5    -3       2        4       60
  8   joint, few, no            3    -4     2      -1        0       65
  9   joint, few, yes           1     2     2      -1        3       65
 10   joint, more, no           2    -2     1       1        1      100
 11   joint, more, yes          0     4     1       1        4      100
====  ======================  ====  ====  =====  ========  ======  ========

Every reservation is the status quo's utility, 0. ``approve`` is the weight (hawks 40, business
35, latino 25) of the U.S. constituencies accepting (utility >= 0). Packages 9 and 11 (joint
security with regularization) carry the interactions: hawks +3 (-1 and -2 become 2 and 1) and
Mexico +2 (0 and 2 become 2 and 4).

- U.S. executive accepts 0, 4, 5, 6, 8, 9, 10, 11. Weight >= 65: 0, 4, 6, 8, 9, 10, 11.
  U.S. win-set (veto and quota): {0, 4, 6, 8, 9, 10, 11}. The quota bites on package 5 (the
  executive accepts it, approval 60 < 65); the hawks' interaction lets 9 and 11 through (without
  it the hawks reject both: approval 25 and 60).
- Mexico decides alone: accepts 0, 1, 2, 3, 5, 6, 7, 9, 11 (not 4, 8, 10).
- Agreement set: {6, 9, 11} = (smart, more, no) (1, 1), (joint, few, yes) (1, 2),
  (joint, more, yes) (0, 4). Pareto set: {9, 11} (9 dominates 6).
- Pivotal for the U.S. at package 9 (approval 65 = hawks 40 + latino 25): the executive, hawks
  (65 - 40 < 65) and latino (65 - 25 < 65); at package 11 (approval 100): the executive and the
  hawks (100 - 40 = 60 < 65), not business (65) nor latino (75).
- With quota 70 (scenario ``tighter``): weight >= 70 is 0, 4, 6, 10, 11; agreement {6, 11}.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from negotiation_games import border_deal, small_games

from negotiate.model import NegotiationGame
from negotiate.negotiation.packages import package_space
from negotiate.negotiation.two_level import (
    agreement_set,
    pareto_mask,
    pivotal_constituencies,
    pivotal_mask,
)

PACKAGES = list(itertools.product(["none", "smart", "joint"], ["few", "more"], ["no", "yes"]))


def packages(*numbers: int) -> set[tuple[str, ...]]:
    return {PACKAGES[k] for k in numbers}


def members(mask: np.ndarray) -> set[tuple[str, ...]]:
    return {PACKAGES[k] for k in np.flatnonzero(mask)}


def test_hand_worked_win_sets():
    """The win-sets of the hand-worked game are as computed in the module docstring."""
    result = agreement_set(border_deal())
    assert members(result.win_sets["us"]) == packages(0, 4, 6, 8, 9, 10, 11)
    assert members(result.win_sets["mx"]) == packages(0, 1, 2, 3, 5, 6, 7, 9, 11)
    assert result.win_set_sizes == {"us": 7, "mx": 9}
    assert result.package_count == 12
    assert result.status_quo == ("none", "few", "no")


def test_hand_worked_agreement_and_pareto_sets():
    """The agreement set is {6, 9, 11} and its Pareto set {9, 11}, in package order."""
    result = agreement_set(border_deal())
    assert result.packages == (PACKAGES[6], PACKAGES[9], PACKAGES[11])
    assert result.count == 3 and not result.is_empty
    assert result.indices.tolist() == [6, 9, 11]
    assert result.utilities.tolist() == [[1, 1], [1, 2], [0, 4]]
    assert result.pareto.tolist() == [False, True, True]
    assert result.pareto_indices.tolist() == [9, 11]
    assert result.outcome_utilities(9) == {"us": 1, "mx": 2}


def test_quota_bites_and_interaction_matters():
    """Package 5 fails only on the quota; packages 9 and 11 pass only thanks to the hawks'
    interaction."""
    space = package_space(border_deal())
    assert space.accepts("us")[space.index(PACKAGES[5])]
    assert not space.ratifies("us")[space.index(PACKAGES[5])]
    assert space.accepts("hawks")[space.index(PACKAGES[9])]
    assert space.utility("hawks", PACKAGES[9]) == 2
    loose = agreement_set(border_deal(quota=60))
    assert members(loose.agreement) == packages(5, 6, 9, 11)


def test_scenario_with_tighter_quota_shrinks_the_agreement_set():
    """Raising the U.S. quota to 70 leaves the agreement set {6, 11}."""
    game = border_deal().with_scenario("tighter")
    result = agreement_set(game)
    assert members(result.win_sets["us"]) == packages(0, 4, 6, 10, 11)
    assert members(result.agreement) == packages(6, 11)


def test_pivotal_constituencies_hand_worked():
    """The executive, hawks and latino are pivotal at 9; the executive and hawks at 11."""
    game = border_deal()
    assert pivotal_constituencies(game, "us", PACKAGES[9]) == ("us", "hawks", "latino")
    assert pivotal_constituencies(game, "us", PACKAGES[11]) == ("us", "hawks")
    assert pivotal_constituencies(game, "mx", PACKAGES[11]) == ("mx",)
    assert pivotal_constituencies(game, "us", PACKAGES[5]) == ()  # not ratified
    result = agreement_set(game)
    assert result.pivotal("us", PACKAGES[9]) == ("us", "hawks", "latino")


def test_pivotal_without_veto_and_masks():
    """Without a veto the executive is never pivotal; masks agree with the per-package answer."""
    game = border_deal(executive_veto=False)
    space = package_space(game)
    assert pivotal_constituencies(space, "us", PACKAGES[9]) == ("hawks", "latino")
    for actor in ("us", "hawks", "business", "latino"):
        mask = pivotal_mask(space, "us", actor)
        expected = {p for p in PACKAGES if actor in pivotal_constituencies(space, "us", p)}
        assert members(mask) == expected


def test_linked_restriction():
    """Restricting to the security issue alone: only (smart, few, no) etc. may be agreed."""
    result = agreement_set(border_deal(), linked=["security"])
    assert result.package_count == 3
    # security alone: smart (us 2, mx -1) and joint (us 3, mx -4): Mexico refuses both
    assert result.is_empty
    both = agreement_set(border_deal(), linked=["security", "regularization"])
    assert both.packages == (PACKAGES[9],)
    with pytest.raises(ValueError, match="issue"):
        agreement_set(border_deal(), linked=["securty"])


def test_pareto_mask_keeps_ties_and_drops_dominated():
    """Equal vectors are all kept; a vector dominated by another is dropped."""
    points = np.array([[1, 3], [2, 2], [1, 2], [2, 2], [0, 3]])
    assert pareto_mask(points).tolist() == [True, True, False, True, False]
    three = np.array([[1, 1, 1], [1, 1, 1], [0, 2, 0], [0, 1, 0], [2, 0, 0]])
    assert pareto_mask(three).tolist() == [True, True, True, False, True]


def _brute_pareto(points: np.ndarray) -> list[bool]:
    return [not any(np.all(q >= p) and np.any(q > p) for q in points) for p in points]


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda k: st.lists(st.lists(st.integers(-3, 3), min_size=k, max_size=k), max_size=60)
    )
)
def test_pareto_mask_matches_brute_force(rows):
    """The vectorised Pareto set equals the quadratic definition, for 1 to 5 parties."""
    points = np.array(rows, dtype=np.int64).reshape(len(rows), -1) if rows else np.zeros((0, 2))
    assert pareto_mask(points).tolist() == _brute_pareto(points)


def test_pareto_three_parties_large_front():
    """Three parties with a front of every point (zero-sum) take the divide-and-conquer path."""
    rng = np.random.default_rng(0)
    points = rng.integers(0, 50, size=(400, 3))
    points[:, 2] = 100 - points[:, 0] - points[:, 1]
    assert pareto_mask(points).tolist() == _brute_pareto(points)


# -- cross-check against a plain reading of the format, and monotonicity ------------------------


def _brute_win_set(game: NegotiationGame, party: str) -> set[tuple[str, ...]]:
    def utility(actor, package):
        worths = game.actor(actor).values
        return sum(
            worths.get(i.id, {}).get(option, 0)
            for i, option in zip(game.issues, package, strict=True)
        )

    out = set()
    sq = game.status_quo
    for package in itertools.product(*(i.options for i in game.issues)):
        accepts = {a: utility(a, package) >= utility(a, sq) for a in game.actor_ids}
        rule = game.ratification(party)
        if rule is None:
            ok = accepts[party]
        else:
            weight = sum(c.weight for c in game.constituencies_of(party) if accepts[c.id])
            ok = weight >= rule.quota and (accepts[party] or not rule.executive_veto)
        if ok:
            out.add(package)
    return out


@settings(max_examples=60, deadline=None)
@given(small_games())
def test_win_sets_match_a_plain_reading(game):
    """Win-sets and the agreement set equal a package-by-package reading of the format."""
    result = agreement_set(game)
    space = result.space
    brute = {p: _brute_win_set(game, p) for p in game.party_ids}
    for party in game.party_ids:
        got = {space.package(k) for k in np.flatnonzero(result.win_sets[party])}
        assert got == brute[party]
    expected = set.intersection(*brute.values()) - {game.status_quo}
    assert set(result.packages) == expected


def _with_rule(game: NegotiationGame, party: str, **fields) -> NegotiationGame:
    import attrs

    rules = [attrs.evolve(r, **fields) if r.party == party else r for r in game.ratifications]
    return attrs.evolve(game, ratifications=rules)


@settings(max_examples=60, deadline=None)
@given(small_games(), st.integers(1, 4))
def test_veto_and_quota_monotonicity(game, step):
    """Dropping a veto or lowering a quota never shrinks a win-set; raising a quota never grows
    one."""
    base = agreement_set(game)
    for rule in game.ratifications:
        party = rule.party
        win = base.win_sets[party]
        no_veto = agreement_set(_with_rule(game, party, executive_veto=False)).win_sets[party]
        assert np.all(no_veto >= win)
        lower = agreement_set(_with_rule(game, party, quota=max(rule.quota - step, 0)))
        assert np.all(lower.win_sets[party] >= win)
        higher = agreement_set(_with_rule(game, party, quota=rule.quota + step))
        assert np.all(higher.win_sets[party] <= win)


def test_utilities_and_acceptance_of_every_actor():
    """Every actor's utility and acceptance of a package, read through the result."""
    result = agreement_set(border_deal())
    assert result.utility("hawks", PACKAGES[11]) == 1
    assert result.utility("mx", PACKAGES[3]) == 6
    assert members(result.accepts("business")) == set(PACKAGES) - packages(8, 9)


@settings(max_examples=40, deadline=None)
@given(small_games())
def test_pivotal_masks_match_the_definition(game):
    """A constituency is pivotal exactly where its party ratifies, it approves, and the approving
    weight without it falls below the quota; a vetoing executive wherever its party ratifies."""
    space = package_space(game)
    for rule in game.ratifications:
        party = rule.party
        for package in itertools.product(*(i.options for i in game.issues)):
            index = space.index(package)
            ratified = bool(space.ratifies(party)[index])
            approving = sum(
                c.weight for c in game.constituencies_of(party) if space.accepts(c.id)[index]
            )
            expected = [party] if ratified and rule.executive_veto else []
            expected += [
                c.id
                for c in game.constituencies_of(party)
                if ratified and space.accepts(c.id)[index] and approving - c.weight < rule.quota
            ]
            assert list(pivotal_constituencies(space, party, package)) == expected
            for actor in (party, *(c.id for c in game.constituencies_of(party))):
                assert bool(pivotal_mask(space, party, actor)[index]) == (actor in expected)
