"""Side payments: feasible amounts, solutions over deals and the price of an issue alone, against
hand computations, and the properties every transfer must have."""

from __future__ import annotations

from fractions import Fraction as F

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiate
from negotiate.model import Issue, NegotiationGame, Party
from negotiate.model.transfers import Transfer
from negotiate.negotiation.deal_solutions import Segment, nash_deals
from negotiate.negotiation.solutions import nash_packages
from negotiate.negotiation.transfers import feasible_amounts, transfer_analysis
from tests.mechanism_games import BORDER_FUNDING


def _game() -> NegotiationGame:
    game = negotiate.loads(BORDER_FUNDING)
    assert isinstance(game, NegotiationGame)
    return game


def test_feasible_amounts_by_hand():
    """Each package's ratified amounts are the intervals a hand computation gives."""
    game = _game()
    assert feasible_amounts(game, ("enforce", "few")) == ((F(60), F(70)),)
    assert feasible_amounts(game, ("enforce", "more")) == ((F(30), F(60)),)
    assert feasible_amounts(game, ("lax", "more")) == ()
    assert [f.package for f in transfer_analysis(game).feasible] == [
        ("enforce", "few"),
        ("enforce", "more"),
    ]


def test_two_party_nash_amount_is_exact_and_rational():
    """The Nash deal pays 45, the root of the derivative of the log product, exactly."""
    result = transfer_analysis(_game())
    (deal,) = result.nash
    assert deal.package == ("enforce", "more")
    assert deal.amount == F(45) and deal.exact
    assert deal.utilities == (F(3, 4), F(3, 2))
    assert result.exact


def test_other_solutions_by_hand():
    """Kalai-Smorodinsky pays 45 (ideal point (3/2, 3)), egalitarian 40, utilitarian 60."""
    result = transfer_analysis(_game())
    assert [(d.package, d.amount) for d in result.kalai_smorodinsky] == [
        (("enforce", "more"), F(45))
    ]
    assert [(d.package, d.amount, d.utilities) for d in result.egalitarian] == [
        (("enforce", "more"), F(40), (F(1), F(1)))
    ]
    assert [(d.package, d.amount, d.utilities) for d in result.utilitarian] == [
        (("enforce", "more"), F(60), (F(0), F(3)))
    ]


def test_price_of_an_issue_alone():
    """Border enforcement alone costs 60; no payment from the U.S. buys the visa issue alone."""
    result = transfer_analysis(_game())
    assert result.price_alone == {"border": F(60), "visas": None}
    # negotiated alone, border is bought at the root 70 (the upper end of [60, 70])
    separate = result.separate["border"]
    assert separate is not None
    assert (separate.package, separate.amount, separate.utilities) == (
        ("enforce", "few"),
        F(70),
        (F(1, 2), F(1)),
    )
    assert result.separate["visas"] is None


def test_nash_at_a_boundary():
    """When the root lies beyond the interval, the Nash amount is its nearer end."""
    seg = Segment(
        package=("a",),
        index=1,
        low=F(0),
        high=F(10),
        utilities=(F(5), F(1)),
        slopes=(F(-1, 100), F(1)),
    )
    (deal,) = nash_deals([seg], (F(0), F(0)), (1, 1))
    # root: -(b1 a2 + b2 a1) / (2 b1 b2) = -(-1/100 + 5) / (-1/50) = 249.5 > 10
    assert deal.amount == F(10)


def test_nash_with_powers():
    """With powers 2 and 1 the root moves towards the stronger party: x* = 40 on (enforce,more)."""
    game = _game()
    game = attrs.evolve(game, parties=[attrs.evolve(game.parties[0], power=2), game.parties[1]])
    (deal,) = transfer_analysis(game).nash
    assert (deal.package, deal.amount) == (("enforce", "more"), F(40))


def test_three_parties_are_flagged_inexact():
    """Three parties: the interior Nash amount is a verified float, flagged inexact."""
    game = NegotiationGame(
        id="g",
        title="G",
        parties=[
            Party(id="us", values={"t": {"y": 10}}),
            Party(id="mx", values={"t": {"y": -1}}),
            Party(id="ca", values={"t": {"y": -1}}),
        ],
        issues=[Issue(id="t", options=["n", "y"])],
        transfers=[
            Transfer(
                id="m", payer="us", payee="mx", max=100, values={"us": -1, "mx": 1, "ca": "1/2"}
            )
        ],
    )
    (deal,) = transfer_analysis(game).nash
    assert not deal.exact and isinstance(deal.amount, float)
    # gains 10 - x, x - 1, x/2 - 1: the derivative -1/(10-x) + 1/(x-1) + 1/(x-2) vanishes where
    # -(x-1)(x-2) + (10-x)(x-2) + (10-x)(x-1) = -3x^2 + 26x - 32 = 0, at x = (13 + sqrt(73)) / 3
    x = deal.amount
    slope = -1 / (10 - x) + 1 / (x - 1) + (1 / 2) / (x / 2 - 1)
    assert abs(slope) < 1e-9
    assert abs(x - (13 + 73**0.5) / 3) < 1e-9


worths = st.integers(-5, 5)


@st.composite
def games(draw: st.DrawFn) -> NegotiationGame:
    values = [{"t": {"y": draw(worths)}, "s": {"y": draw(worths)}} for _ in range(2)]
    return NegotiationGame(
        id="g",
        title="G",
        parties=[Party(id="us", values=values[0]), Party(id="mx", values=values[1])],
        issues=[Issue(id="t", options=["n", "y"]), Issue(id="s", options=["n", "y"])],
    )


@settings(max_examples=40, deadline=None)
@given(games(), st.integers(0, 50))
def test_zero_values_change_nothing(game, high):
    """A transfer that no one values changes nothing: the Nash packages are the game's, paid 0."""
    with_transfer = attrs.evolve(
        game, transfers=[Transfer(id="m", payer="us", payee="mx", max=high)]
    )
    deals = transfer_analysis(with_transfer)
    assert [d.package for d in deals.nash] == [o.package for o in nash_packages(game)]
    assert all(d.amount == 0 for d in deals.nash)


@settings(max_examples=40, deadline=None)
@given(games(), st.integers(1, 5), st.integers(1, 5), st.integers(0, 60))
def test_feasible_amounts_hold_and_only_they(game, cost, gain, high):
    """Every amount inside a feasible interval is ratified, and a grid of others is not."""
    game = attrs.evolve(
        game,
        transfers=[
            Transfer(
                id="m",
                payer="us",
                payee="mx",
                max=high,
                values={"us": -F(1, cost), "mx": F(1, gain)},
            )
        ],
    )
    result = transfer_analysis(game)
    space_game = game
    for package in [("n", "y"), ("y", "n"), ("y", "y")]:
        intervals = feasible_amounts(space_game, package)
        for x in [F(k, 2) for k in range(0, 2 * high + 1)]:
            inside = any(lo <= x <= hi for lo, hi in intervals)
            gains = [
                sum(
                    (
                        p.values[i].get("y", 0)
                        for i, o in zip(("t", "s"), package, strict=True)
                        if o == "y"
                    ),
                    F(0),
                )
                + game.transfers[0].value(p.id) * x
                for p in game.parties
            ]
            assert inside == all(g >= 0 for g in gains)
    for deal in result.nash:
        assert any(lo <= deal.amount <= hi for lo, hi in result.feasible_amounts(deal.package))


def test_json_keys(tmp_path, runner):
    """`negotiate solve --format json` carries the transfer keys with exact numbers."""
    import json

    from negotiate.cli import main

    path = tmp_path / "g.toml"
    path.write_text(BORDER_FUNDING)
    result = runner.invoke(main, ["solve", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    transfer = json.loads(result.output)["transfer"]
    assert set(transfer) >= {
        "id",
        "nash",
        "kalai_smorodinsky",
        "egalitarian",
        "utilitarian",
        "price_alone",
        "feasible_amounts",
    }
    assert transfer["nash"] == [
        {
            "package": {"border": "enforce", "visas": "more"},
            "amount": "45",
            "utilities": {"us": "3/4", "mx": "3/2"},
        }
    ]
    assert transfer["price_alone"] == {"border": "60", "visas": None}
    assert transfer["feasible_amounts"] == [
        {"package": {"border": "enforce", "visas": "more"}, "intervals": [["30", "60"]]}
    ]
    text = runner.invoke(main, ["solve", str(path)]).output
    assert "border alone is ratified from 60; no amount buys visas alone" in text


@settings(max_examples=40, deadline=None)
@given(games(), st.integers(1, 5), st.integers(1, 5), st.integers(1, 3), st.integers(1, 60))
def test_solutions_beat_every_amount_on_a_grid(game, cost, gain, power, high):
    """No deal on a grid of amounts beats the exact Nash, egalitarian or utilitarian deal."""
    game = attrs.evolve(
        game,
        parties=[attrs.evolve(game.parties[0], power=power), game.parties[1]],
        transfers=[
            Transfer(
                id="m",
                payer="us",
                payee="mx",
                max=high,
                values={"us": -F(1, cost), "mx": F(1, gain)},
            )
        ],
    )
    result = transfer_analysis(game)
    if not result.nash:
        return
    u = {p.id: p for p in game.parties}

    def gains(package, x):
        return [
            sum(
                (
                    u[p].values[i].get("y", 0)
                    for i, o in zip(("t", "s"), package, strict=True)
                    if o == "y"
                ),
                F(0),
            )
            + game.transfers[0].value(p) * x
            for p in ("us", "mx")
        ]

    nash = result.nash[0]
    best = nash.utilities[0] ** power * nash.utilities[1]
    egal = min(result.egalitarian[0].utilities)
    total = sum(result.utilitarian[0].utilities)
    for item in result.feasible:
        for lo, hi in item.intervals:
            for k in range(21):
                x = lo + (hi - lo) * F(k, 20)
                g = gains(item.package, x)
                if min(g) < 0:
                    continue
                assert g[0] ** power * g[1] <= best
                assert min(g) <= egal
                assert sum(g) <= total
