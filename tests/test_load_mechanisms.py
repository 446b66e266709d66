"""Loading side payments and lotteries: round trips and located errors for bad input."""

from __future__ import annotations

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
