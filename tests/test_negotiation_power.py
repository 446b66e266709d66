"""Power in a negotiation: ratification bodies as voting games, and the governments' TU game."""

from __future__ import annotations

import json
from fractions import Fraction

import negotiate
from negotiate import Issue, NegotiationGame, Party
from negotiate.analysis import SolveOptions, analyse
from negotiate.report import render


def test_power_at_home_in_the_whole_enchilada():
    """U.S. ratification (quota 50 of 100, executive veto): the executive holds half the
    Shapley-Shubik power; labor (10) and rights groups (5) are dummies, since no coalition of
    the others weighing 40 to 49 exists; the three large groups share the rest equally."""
    game = negotiate.load("games/whole_enchilada.toml")
    analysis = analyse(game, SolveOptions(linkage=False))
    power = analysis.ratification_power["us"].shapley_shubik
    assert power["us"] == Fraction(1, 2)
    assert power["labor"] == power["rights_groups"] == 0
    assert power["restrictionists"] == power["business"] == power["democrats"] == Fraction(1, 6)
    data = json.loads(render(analysis, "json"))
    assert data["ratification_power"]["us"]["banzhaf"]["us"] == "2/5"
    assert "international" not in data  # two parties: nothing beyond the joint gain's split
    assert "Power at home" in render(analysis, "text")


def test_double_bilateralism_makes_the_us_the_hub():
    """Two bilateral issues (U.S.-Mexico and U.S.-Canada), each worth 2 to both signatories:
    v(us+mx) = v(us+ca) = 4, v(mx+ca) = 0, v(all) = 8. The U.S. is pivotal in every deal:
    Shapley (4, 2, 2) by the six orders (0, 0, 4, 4, 8, 8 for the U.S.), and the nucleolus
    (4, 2, 2) equalises the excesses -t of mx and t - 4 of us+mx at t = 2."""
    game = NegotiationGame(
        id="hub",
        title="Hub and spokes",
        parties=[
            Party(id="us", values={"us_mx": {"deal": 2}, "us_ca": {"deal": 2}}),
            Party(id="mx", values={"us_mx": {"deal": 2}}),
            Party(id="ca", values={"us_ca": {"deal": 2}}),
        ],
        issues=[
            Issue(id="us_mx", options=["none", "deal"], parties=["us", "mx"]),
            Issue(id="us_ca", options=["none", "deal"], parties=["us", "ca"]),
        ],
    )
    analysis = analyse(game, SolveOptions())
    international = analysis.international
    assert international is not None
    assert international.game.value(["us", "mx"]) == 4
    assert international.game.value(["mx", "ca"]) == 0
    assert international.game.value(["us", "mx", "ca"]) == 8
    assert international.shapley.payoffs == (4, 2, 2)
    assert international.nucleolus.allocation.payoffs == (4, 2, 2)
    data = json.loads(render(analysis, "json"))
    assert data["international"]["shapley"] == {"us": "4", "mx": "2", "ca": "2"}
    assert data["international"]["worth"]["us+ca"] == "4"
    assert "Among governments" in render(analysis, "markdown")
