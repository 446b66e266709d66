"""The international TU game of a negotiation and each party's ratification body."""

from __future__ import annotations

from fractions import Fraction

import pytest

from negotiate.cooperative.nucleolus import nucleolus
from negotiate.errors import InvalidGameError
from negotiate.model.negotiation import (
    Constituency,
    Issue,
    NegotiationGame,
    Party,
    Ratification,
)
from negotiate.negotiation.international import international_game
from negotiate.negotiation.ratification import ratification_body, ratification_power
from negotiate.voting.power import power_indices


def talks(quota: int = 0) -> NegotiationGame:
    """Trade signed by the U.S. and Mexico; security by all three; a U.S. Congress."""
    return NegotiationGame(
        id="na",
        title="North America",
        issues=[
            Issue(id="trade", options=["no", "yes"], parties=["us", "mx"]),
            Issue(id="security", options=["no", "yes"]),
            Issue(id="energy", options=["no", "yes"], parties=["us", "ca"]),
        ],
        parties=[
            Party(id="us", values={"trade": {"yes": 2}, "security": {"yes": 3}}),
            Party(id="mx", values={"trade": {"yes": 2}, "security": {"yes": -1}}),
            Party(id="ca", values={"security": {"yes": 2}, "energy": {"yes": 1}}),
        ],
        constituencies=[
            Constituency(id="labor", party="us", weight=40, values={"trade": {"yes": -1}}),
            Constituency(id="business", party="us", weight=60, values={"trade": {"yes": 1}}),
        ],
        ratifications=[Ratification(party="us", quota=quota)] if quota else [],
    )


def test_worths_by_hand():
    """Worths follow the signatory rule: trade needs us+mx, energy us+ca, security all."""
    tu = international_game(talks())
    worth = {"+".join(tu.members(m)): tu.worth[m] for m in range(1, 8)}
    # energy: ca gains 1, us 0 (a weak gain both accept)
    assert worth == {
        "us": 0,
        "mx": 0,
        "us+mx": 4,
        "ca": 0,
        "us+ca": 1,
        "mx+ca": 0,
        "us+mx+ca": 9,
    }
    assert all(isinstance(w, Fraction) for w in tu.worth)


def test_ratification_shrinks_worths():
    """If the U.S. Congress needs 70 of 100 and labor opposes trade, trade cannot pass."""
    tu = international_game(talks(quota=70))
    assert tu.value(["us", "mx"]) == 0
    # without trade, security alone costs Mexico 1, so Mexico refuses it: only energy is left
    assert tu.value(["us", "mx", "ca"]) == 1 == tu.value(["us", "ca"])


def test_international_nucleolus():
    """The nucleolus of the derived game is exact and verified."""
    result = nucleolus(international_game(talks()))
    assert result.verified and sum(result.allocation.payoffs) == 9


def test_ratification_body_blocs_and_power():
    """Executive veto becomes a bloc weighing all constituencies; quota shifts by that."""
    body = ratification_body(talks(quota=70), "us")
    assert [(b.id, b.weight) for b in body.blocs] == [("us", 100), ("labor", 40), ("business", 60)]
    assert body.quota == 170
    power = power_indices(body)
    # winning: us + labor + business only (100 + 40 + 60 = 200 >= 170; 160 < 170): all veto
    assert dict(power.shapley_shubik) == {b: Fraction(1, 3) for b in ("us", "labor", "business")}
    assert set(ratification_power(talks(quota=70))) == {"us"}


def test_ratification_body_without_rule():
    """A party without [[ratification]] has no body."""
    with pytest.raises(InvalidGameError, match="no \\[\\[ratification\\]\\]"):
        ratification_body(talks(), "mx")


def test_no_imputation_reports_the_prenucleolus() -> None:
    """Mexico's Congress ratifies only the change, which costs the United States 5 of the 10 it
    keeps at the status quo (its reservation is -10): the three governments together are worth
    7, the United States alone 10. The nucleolus is undefined ('no imputation', which made
    `negotiate solve` fail), so the analysis reports the prenucleolus, and says so."""
    from negotiate import analyse
    from negotiate.model import Constituency, Issue, NegotiationGame, Party, Ratification
    from negotiate.report import render
    from negotiate.report.negotiation import to_json

    game = NegotiationGame(
        id="g",
        title="G",
        parties=[
            Party(id="us", values={"a": {"y": -5}}, reservation=-10),
            Party(id="mx", values={"a": {"y": 1}}),
            Party(id="ca", values={"a": {"y": 1}}),
        ],
        constituencies=[Constituency(id="c", party="mx", values={"a": {"y": 2}}, reservation=1)],
        ratifications=[Ratification(party="mx", quota=1)],
        issues=[Issue(id="a", options=["n", "y"])],
    )
    analysis = analyse(game)
    result = analysis.international
    assert analysis.has_deal and result is not None and result.pre
    assert list(result.game.worth) == [0, 10, 0, 0, 0, 10, 0, 7]
    payoffs = result.nucleolus.allocation.payoffs
    assert sum(payoffs) == 7 and payoffs[0] < 10  # efficient, not individually rational
    assert "prenucleolus" in to_json(analysis)["international"]
    assert "prenucleolus" in render(analysis)
