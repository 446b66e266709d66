"""Uncertain ratification: exact pi_P against a hand dynamic programme and against sampling, and
the properties it must have."""

from __future__ import annotations

import random
from fractions import Fraction as F

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiate
from negotiate.model import Constituency, Issue, NegotiationGame, Party, Ratification
from negotiate.model.lotteries import Lottery
from negotiate.negotiation.packages import package_space
from negotiate.negotiation.uncertain_ratification import (
    ratification_probability,
    uncertain_ratification,
    with_uncertainty,
)
from tests.mechanism_games import UNCERTAIN_CONGRESS


def _game() -> NegotiationGame:
    game = negotiate.loads(UNCERTAIN_CONGRESS)
    assert isinstance(game, NegotiationGame)
    return game


def test_quota_lottery_by_hand():
    """pi_us(big) = 3/4 as the hand DP over democrats, republicans and business gives."""
    game = _game()
    assert ratification_probability(game, "us", ("big",)) == F(3, 4)
    assert ratification_probability(game, "us", ("small",)) == 1
    assert ratification_probability(game, "mx", ("big",)) == 1


def test_expected_and_worst_case_nash():
    """Expected Nash takes the risky big deal (81/16 > 2); the certain world only the small one."""
    result = uncertain_ratification(_game())
    assert [(o.package, o.probability) for o in result.expected_nash] == [(("big",), F(3, 4))]
    assert result.expected_nash[0].expected_utilities == {"us": F(9, 4), "mx": F(9, 4)}
    assert [(o.package, o.probability) for o in result.worst_case_nash] == [(("small",), 1)]
    # the status quo is only possible for us: business (reservation 1 or 3) rejects it, and the
    # democrats accept it with probability 2/3, so pi_us(none) = 2/3
    assert result.win_sets == {"us": (3, 1), "mx": (3, 3)}
    assert result.agreements == 2
    separate = result.separate["deal"]  # one issue: alone is the whole game
    assert separate is not None and separate.package == ("big",)


def test_which_uncertainty_matters():
    """Certain democrats at 0 raise pi(big) to 1, at 2 lower it to 1/4; quotas move it too."""
    result = uncertain_ratification(_game())
    table = {(s.kind, s.owner, s.value): s.probability for s in result.sensitivity}
    # democrats surely in: W = 71 or 100, both reach either quota: pi = 1
    assert table[("reservation", "democrats", F(0))] == 1
    # democrats out: W in {41, 70}: quota 60 -> 1/2, 71 -> 0: pi = 1/4
    assert table[("reservation", "democrats", F(2))] == F(1, 4)
    # business surely in: W = 70 (1/3) or 100 (2/3): (1 + 2/3) / 2 = 5/6
    assert table[("reservation", "business", F(1))] == F(5, 6)
    assert table[("quota", "us", F(60))] == F(5, 6)
    assert table[("quota", "us", F(71))] == F(2, 3)


def test_exact_probability_agrees_with_sampling():
    """20,000 seeded draws of the lotteries land within 4 standard errors of the exact pi."""
    game = _game()
    space = package_space(game)
    exact = ratification_probability(game, "us", ("big",))
    rng = random.Random(2026)
    utilities = {c.id: space.utility(c.id, ("big",)) for c in game.constituencies}

    def draw(lottery: Lottery) -> F:
        r, total = F(rng.random()), F(0)
        for value, p in lottery.outcomes:
            total += p
            if r < total:
                return F(value)
        return F(lottery.outcomes[-1][0])

    hits = 0
    n = 20_000
    for _ in range(n):
        weight = F(0)
        for c in game.constituencies:
            lottery = game.lotteries.reservations.get(c.id)
            reserve = draw(lottery) if lottery else space.reservation(c.id)
            if utilities[c.id] >= reserve:
                weight += c.weight
        hits += weight >= draw(game.lotteries.quotas["us"])
    p = float(exact)
    assert abs(hits / n - p) <= 4 * (p * (1 - p) / n) ** 0.5


small = st.integers(0, 4)


@st.composite
def games(draw: st.DrawFn) -> NegotiationGame:
    constituencies = [
        Constituency(
            id=f"c{k}",
            party="us",
            weight=draw(st.integers(0, 5)),
            values={"t": {"y": draw(small), "z": draw(small)}},
        )
        for k in range(draw(st.integers(1, 4)))
    ]
    return NegotiationGame(
        id="g",
        title="G",
        parties=[
            Party(id="us", values={"t": {"y": 1, "z": 2}}),
            Party(id="mx", values={"t": {"y": 2, "z": 1}}),
        ],
        issues=[Issue(id="t", options=["n", "y", "z"])],
        constituencies=constituencies,
        ratifications=[Ratification(party="us", quota=draw(st.integers(0, 12)))],
    )


@settings(max_examples=40, deadline=None)
@given(games(), small, st.integers(0, 12))
def test_one_value_is_the_certain_game(game, reservation, quota):
    """A lottery of one value gives pi in {0, 1}, and 1 exactly on the certain game's win-set."""
    first = game.constituencies[0].id
    uncertain = with_uncertainty(
        game,
        reservations={first: Lottery([(reservation, 1)])},
        quotas={"us": Lottery([(quota, 1)])},
    )
    certain = attrs.evolve(
        game,
        constituencies=[
            attrs.evolve(game.constituencies[0], reservation=reservation),
            *game.constituencies[1:],
        ],
        ratifications=[attrs.evolve(game.ratifications[0], quota=quota)],
    )
    space = package_space(certain)
    for package in [("n",), ("y",), ("z",)]:
        ratified = bool(space.ratifies("us")[space.index(package)])
        assert ratification_probability(uncertain, "us", package) == int(ratified)


@settings(max_examples=40, deadline=None)
@given(games(), st.integers(0, 12), st.integers(0, 6))
def test_pi_is_monotone_in_quota(game, low, step):
    """Raising every value of the quota lottery never raises pi."""
    first = game.constituencies[0].id
    lottery = Lottery([(0, "1/2"), (3, "1/2")])
    lower = with_uncertainty(
        game, {first: lottery}, {"us": Lottery([(low, "1/3"), (low + 1, "2/3")])}
    )
    higher = with_uncertainty(
        game, {first: lottery}, {"us": Lottery([(low + step, "1/3"), (low + 1 + step, "2/3")])}
    )
    for package in [("n",), ("y",), ("z",)]:
        assert ratification_probability(higher, "us", package) <= ratification_probability(
            lower, "us", package
        )


def test_json_keys(tmp_path, runner):
    """`negotiate solve --format json` carries the uncertain-ratification keys, exactly."""
    import json

    from negotiate.cli import main

    path = tmp_path / "g.toml"
    path.write_text(UNCERTAIN_CONGRESS)
    result = runner.invoke(main, ["solve", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)["uncertain_ratification"]
    assert data["win_sets"] == {"us": {"possible": 3, "sure": 1}, "mx": {"possible": 3, "sure": 3}}
    assert data["expected_nash"] == [
        {
            "package": {"deal": "big"},
            "probability": "3/4",
            "expected_utilities": {"us": "9/4", "mx": "9/4"},
        }
    ]
    assert data["worst_case_nash"][0]["package"] == {"deal": "small"}
    assert data["worst_case_nash"][0]["probability"] == "1"


def test_scenario_quota_makes_the_lottery_certain():
    """A scenario that sets a quota replaces that quota's lottery; the others stay."""
    text = (
        UNCERTAIN_CONGRESS + '[[scenario]]\nid = "firm"\n[scenario.ratification.us]\nquota = 60\n'
    )
    game = negotiate.loads(text, scenario="firm")
    assert isinstance(game, NegotiationGame)
    assert not game.lotteries.quotas and set(game.lotteries.reservations) == {
        "democrats",
        "business",
    }
    assert ratification_probability(game, "us", ("big",)) == F(5, 6)
