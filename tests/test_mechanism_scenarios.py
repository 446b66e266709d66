"""Side payments and lotteries with scenarios, sweeps and `negotiate validate`, end to end."""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest

import negotiate
from negotiate.cli import main
from negotiate.model import NegotiationGame
from negotiate.negotiation.linkage import linkage
from negotiate.negotiation.uncertain_ratification import ratification_probability
from tests.mechanism_games import BORDER_FUNDING, UNCERTAIN_CONGRESS

EVEN = (
    '[[scenario]]\nid = "even"\n[scenario.constituency.democrats]\n'
    'reservation = [{ value = 0, probability = "1/2" }, { value = 2, probability = "1/2" }]\n'
    '[[scenario]]\nid = "sure"\n[scenario.constituency.democrats]\nreservation = 0\n'
    "[scenario.constituency.business]\nweight = 30\n"
)


def _load(text: str, scenario: str | None = None) -> NegotiationGame:
    game = negotiate.loads(text, scenario=scenario)
    assert isinstance(game, NegotiationGame)
    return game


def test_scenario_changes_a_reservation_distribution():
    """Democrats accept `big` with 1/2 (not 2/3): W = 41, 70, 71, 100 with 1/4 each, reaching 60
    with 3/4 and 71 with 1/2, so pi = 5/8; the linkage analysis reads the same lottery."""
    game = _load(UNCERTAIN_CONGRESS + EVEN, "even")
    assert game.lotteries.reservations["democrats"].outcomes == ((0, F(1, 2)), (2, F(1, 2)))
    assert game.constituencies[0].reservation == 2
    assert ratification_probability(game, "us", ("big",)) == F(5, 8)
    assert linkage(game).separate[0].probability == F(5, 8)


def test_scenario_makes_a_reservation_certain():
    """Democrats surely accept and business weighs 30: W = 71 or 101, so `big` surely passes
    both quotas."""
    game = _load(UNCERTAIN_CONGRESS + EVEN, "sure")
    assert "democrats" not in game.lotteries.reservations
    assert game.constituencies[2].weight == 30
    assert ratification_probability(game, "us", ("big",)) == 1


def test_scenarios_round_trip():
    base = _load(UNCERTAIN_CONGRESS + EVEN)
    assert negotiate.loads(negotiate.dump(base)) == base


BAD = [
    (
        BORDER_FUNDING + '[[transfer]]\nid = "b"\nfrom = "us"\nto = "mx"\nmax = 1\n',
        ":47: transfer[1].id: at most one [[transfer]]",
    ),
    (BORDER_FUNDING.replace('to = "mx"', 'to = "us"'), ":40: transfer[0].to: a transfer goes"),
    (BORDER_FUNDING.replace("max = 200", "max = -1"), ":41: transfer[0].max: expected a number"),
    (
        UNCERTAIN_CONGRESS.replace('probability = "1/3"', 'probability = "1/2"'),
        ":25: constituency[0].reservation: the probabilities must sum to 1",
    ),
    (
        UNCERTAIN_CONGRESS.replace('probability = "1/3"', "probability = 0.25"),
        ":25: constituency[0].reservation[1].probability: expected an exact probability",
    ),
    (
        UNCERTAIN_CONGRESS.replace(
            'id = "us"\n', 'id = "us"\nreservation = [{ value = 0, probability = 1 }]\n', 1
        ),
        ":9: party[0].reservation: an executive's reservation is a number",
    ),
    (
        UNCERTAIN_CONGRESS + '[[scenario]]\nid = "s"\n[scenario.party.us]\n'
        "reservation = [{ value = 0, probability = 1 }]\n",
        "scenario[0].party.us.reservation: an executive's reservation is a number",
    ),
    (
        UNCERTAIN_CONGRESS + EVEN.replace('"1/2" }]', '"1/4" }]'),
        "scenario[0].constituency.democrats.reservation: the probabilities must sum to 1 "
        "(they sum to 3/4)",
    ),
    (
        UNCERTAIN_CONGRESS + EVEN.replace('probability = "1/2" },', "probability = 0.5 },"),
        "scenario[0].constituency.democrats.reservation[0].probability: expected an exact",
    ),
    (
        UNCERTAIN_CONGRESS + EVEN.replace("constituency.business", "constituency.busines"),
        "scenario[1].constituency.busines: unknown constituency `busines` (did you mean",
    ),
    (
        UNCERTAIN_CONGRESS + EVEN.replace("weight = 30", "quota = 30"),
        "scenario[1].constituency.business.quota: unknown field `quota`",
    ),
    (
        UNCERTAIN_CONGRESS + EVEN.replace("weight = 30", "weight = -3"),
        "scenario[1].constituency.business.weight: expected a number in",
    ),
]


@pytest.mark.parametrize(("text", "where"), BAD)
def test_validate_refuses_bad_mechanism_input(tmp_path, runner, text, where):
    """`negotiate validate` exits 2 with one located line for each bad transfer or
    distribution, in the base game or a scenario."""
    path = tmp_path / "g.toml"
    path.write_text(text)
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and where in lines[0], result.output
    assert lines[0].startswith(f"negotiate: error: {path}:")


def _sweep(runner, tmp_path, text: str, *args: str) -> list[dict[str, object]]:
    path = tmp_path / "g.toml"
    path.write_text(text)
    result = runner.invoke(main, ["sweep", str(path), *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["sweep"]["points"]  # type: ignore[no-any-return]


def test_cli_sweep_of_the_amount_and_a_unit_value(tmp_path, runner):
    """Up to 20 nothing is bought; at 40 the cap binds; from 60 the Nash amount is 45. As the
    appropriators mind money more (-1/5 a unit: 7 - x/5 >= 0 up to 35), the Nash amount falls
    to 35. The linkage columns follow the same rule."""
    points = _sweep(runner, tmp_path, BORDER_FUNDING, "--vary", "transfer.funding.max=0:80:5")
    assert [
        p["transfer"]["nash"][0]["amount"] if p["transfer"]["nash"] else None for p in points
    ] == [
        None,
        None,
        "40",
        "45",
        "45",
    ]
    assert [p["linked"]["utilities"]["us"] for p in points] == ["0", "0", "1", "3/4", "3/4"]
    points = _sweep(
        runner,
        tmp_path,
        BORDER_FUNDING,
        "--vary",
        "transfer.funding.values.appropriators=-1/5:0:3",
    )
    assert [p["transfer"]["nash"][0]["amount"] for p in points] == ["35", "45", "45"]


def test_cli_sweep_of_a_probability_in_a_scenario(tmp_path, runner):
    """In the `even` scenario, with the democrats' first value (0) at probability q: at q = 0
    they never accept `big` (W = 41 or 70: pi = 1/2 1/2 = 1/4, expected product 9/16 < 2) and
    the sure `small` wins; at q = 1/2, pi(big) = 5/8; at q = 1 they always accept (W = 71 or
    100) and `big` passes surely."""
    points = _sweep(
        runner,
        tmp_path,
        UNCERTAIN_CONGRESS + EVEN,
        "--scenario",
        "even",
        "--vary",
        "probability.constituency.democrats.0=0:1:3",
    )
    outcomes = [
        [
            (o["package"]["deal"], o["probability"])
            for o in p["uncertain_ratification"]["expected_nash"]
        ]
        for p in points
    ]
    assert outcomes == [[("small", "1")], [("big", "5/8")], [("big", "1")]]
    assert [p["linked"]["package"]["deal"] for p in points] == ["small", "big", "big"]


def test_cli_sweep_refuses_a_negative_amount(tmp_path, runner):
    path = tmp_path / "g.toml"
    path.write_text(BORDER_FUNDING)
    result = runner.invoke(main, ["sweep", str(path), "--vary", "transfer.funding.max=-10:0:2"])
    assert result.exit_code == 2
    assert "transfer.funding.max: set to -10: expected a number in" in result.output
