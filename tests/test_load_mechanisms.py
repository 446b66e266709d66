"""Loading side payments and lotteries: round trips and located errors for bad input."""

from __future__ import annotations

import re

import pytest

import negotiate
from negotiate import GameFileError
from tests.mechanism_games import BORDER_FUNDING, UNCERTAIN_CONGRESS


@pytest.mark.parametrize("text", [BORDER_FUNDING, UNCERTAIN_CONGRESS])
def test_round_trip(text):
    """dump then load gives the same game, lotteries and transfer included."""
    game = negotiate.loads(text)
    assert negotiate.loads(negotiate.dump(game)) == game


SECOND = '[[transfer]]\nid = "b"\nfrom = "us"\nto = "mx"\nmax = 1\n'


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (BORDER_FUNDING + SECOND, "g.toml:47: transfer[1].id: at most one [[transfer]]"),
        (BORDER_FUNDING.replace('to = "mx"', 'to = "us"'), "transfer[0].to: a transfer goes"),
        (BORDER_FUNDING.replace("max = 200", "max = -1"), "transfer[0].max: expected a number in"),
        (BORDER_FUNDING.replace('from = "us"', 'from = "ca"'), "transfer[0].from: unknown party"),
        (
            UNCERTAIN_CONGRESS.replace('probability = "1/3"', 'probability = "1/2"'),
            "constituency[0].reservation: the probabilities must sum to 1 (they sum to 7/6)",
        ),
        (
            UNCERTAIN_CONGRESS.replace(
                '{ value = 60, probability = "1/2" }', "{ value = 60, probability = 0.5 }"
            ),
            "ratification[0].quota[0].probability: expected an exact probability",
        ),
        (
            UNCERTAIN_CONGRESS.replace(
                'id = "us"\n', 'id = "us"\nreservation = [{ value = 0, probability = 1 }]\n', 1
            ),
            "party[0].reservation: an executive's reservation is a number",
        ),
        (
            UNCERTAIN_CONGRESS.replace(
                '{ value = 1, probability = "1/2" }', "{ value = 1, p = 1 }"
            ),
            "constituency[2].reservation[0].p: unknown key",
        ),
    ],
)
def test_bad_input_is_located(text, where):
    """Each mistake names the file, the key path and what would be valid."""
    with pytest.raises(GameFileError) as error:
        negotiate.loads(text, source="g.toml")
    assert where in str(error.value)
    assert str(error.value).startswith("g.toml:")


STINGY = (
    '[[scenario]]\nid = "stingy"\n[scenario.transfer.funding]\nmax = 50\n'
    'values = { appropriators = "-1/5" }\n'
)
FIRM = (
    '[[scenario]]\nid = "firm"\n[scenario.ratification.us]\n'
    'quota = [{ value = 50, probability = "1/2" }, { value = 60, probability = "1/3" }]\n'
)


def test_scenario_changes_the_transfer():
    """A scenario caps the payment and makes appropriators costlier: Nash pays 35 (7 - x/5 >= 0)."""
    from fractions import Fraction as F

    from negotiate.negotiation.transfers import transfer_analysis

    text = BORDER_FUNDING + STINGY
    game = negotiate.loads(text, scenario="stingy")
    assert game.transfers[0].max == 50
    (deal,) = transfer_analysis(game).nash
    assert (deal.package, deal.amount) == (("enforce", "more"), F(35))
    base = negotiate.loads(text)
    assert negotiate.loads(negotiate.dump(base)) == base


def test_scenario_quota_distribution():
    """A scenario may make a quota uncertain; its probabilities are checked when the file loads."""
    from fractions import Fraction as F

    from negotiate.negotiation.uncertain_ratification import ratification_probability

    with pytest.raises(GameFileError, match=r"scenario\[0\].ratification.us.quota: the prob"):
        negotiate.loads(UNCERTAIN_CONGRESS + FIRM, source="g.toml")
    text = UNCERTAIN_CONGRESS + FIRM.replace('"1/3"', '"1/2"')
    game = negotiate.loads(text, scenario="firm")
    assert game.ratifications[0].quota == 60
    # W = 41 (1/6), 70 (1/6), 71 (1/3), 100 (1/3): P(W >= 50) = P(W >= 60) = 5/6
    assert ratification_probability(game, "us", ("big",)) == F(5, 6)
    base = negotiate.loads(text)
    assert negotiate.loads(negotiate.dump(base)) == base


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("max = 50", "max = -5", "scenario[0].transfer.funding.max: expected a number in"),
        ('appropriators = "-1/5"', "approp = 1", "scenario[0].transfer.funding.values.approp"),
        ("transfer.funding]", "transfer.fundin]", "scenario[0].transfer.fundin: unknown transfer"),
        ("max = 50", "mx = 50", "scenario[0].transfer.funding.mx: unknown field"),
    ],
)
def test_bad_scenario_transfer(old, new, where):
    """A scenario's transfer changes are checked and located like the base game's."""
    with pytest.raises(GameFileError, match=re.escape(where)):
        negotiate.loads(BORDER_FUNDING + STINGY.replace(old, new), source="g.toml")
