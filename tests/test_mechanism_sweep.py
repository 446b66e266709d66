"""Sweeps of side-payment amounts, unit values and probabilities."""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest

import negotiate
from negotiate.cli import main
from negotiate.errors import InvalidGameError
from negotiate.model import NegotiationGame
from negotiate.negotiation.mechanism_parameters import vary_mechanism
from negotiate.negotiation.sweep import parameter_value, steps, sweep
from tests.mechanism_games import BORDER_FUNDING, UNCERTAIN_CONGRESS


def _load(text: str) -> NegotiationGame:
    game = negotiate.loads(text)
    assert isinstance(game, NegotiationGame)
    return game


def test_sweep_of_the_largest_amount():
    """Below 30 nothing is bought; at 40 the cap binds; from 45 on the Nash amount is 45."""
    result = sweep(_load(BORDER_FUNDING), "transfer.funding.max", steps(0, 80, 5))
    amounts = [
        p.transfer.nash[0].amount if p.transfer and p.transfer.nash else None for p in result.points
    ]
    assert amounts == [None, None, F(40), F(45), F(45)]


def test_sweep_of_a_unit_value():
    """The price of border enforcement alone falls as Mexico values money more: 6 / v."""
    game = _load(BORDER_FUNDING)
    assert parameter_value(game, "transfer.funding.values.mx") == F(1, 10)
    result = sweep(game, "transfer.funding.values.mx", [F(1, 10), F(1, 5)])
    assert [p.transfer.price_alone["border"] for p in result.points if p.transfer] == [60, 30]


def test_probability_rescales_the_others():
    """Setting one probability rescales the others; the worst case follows the support."""
    game = _load(UNCERTAIN_CONGRESS)
    changed = vary_mechanism(game, "probability.constituency.democrats.0", F(1))
    assert changed.lotteries.reservations["democrats"].outcomes == ((0, 1), (2, 0))
    assert changed.constituencies[0].reservation == 0
    three = vary_mechanism(game, "probability.ratification.us.1", F(1, 4))
    assert three.lotteries.quotas["us"].outcomes == ((60, F(3, 4)), (71, F(1, 4)))
    with pytest.raises(InvalidGameError, match="exact probability in"):
        vary_mechanism(game, "probability.ratification.us.1", F(3, 2))
    with pytest.raises(InvalidGameError, match="did you mean `democrats`"):
        vary_mechanism(game, "probability.constituency.democrat.0", F(1))


def test_cli_sweep_json(tmp_path, runner):
    """`negotiate sweep --format json` gives each point its uncertain-ratification keys."""
    path = tmp_path / "g.toml"
    path.write_text(UNCERTAIN_CONGRESS)
    result = runner.invoke(
        main,
        ["sweep", str(path), "--vary", "probability.ratification.us.0=0:1:3", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    points = json.loads(result.output)["sweep"]["points"]
    assert [p["uncertain_ratification"]["expected_nash"][0]["probability"] for p in points] == [
        "2/3",
        "3/4",
        "5/6",
    ]


def test_cli_validate_reports_bad_lotteries(tmp_path, runner):
    """`negotiate validate` fails with one located line for a distribution not summing to 1."""
    path = tmp_path / "g.toml"
    path.write_text(UNCERTAIN_CONGRESS.replace('probability = "1/3"', 'probability = "1/2"'))
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert "constituency[0].reservation: the probabilities must sum to 1" in result.output
