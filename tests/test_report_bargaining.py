"""The bargaining report: JSON keys of FORMAT.md and a readable text."""

from __future__ import annotations

import json
from fractions import Fraction as F

from negotiate.bargaining.analysis import analyse
from negotiate.model.bargaining import BargainingPlayer, BargainingProblem
from negotiate.report import render


def _analysis(players=None, **kwargs):
    players = players or [
        BargainingPlayer(id="us", discount=F(9, 10), power=2),
        BargainingPlayer(id="mx", discount=F(4, 5)),
    ]
    kwargs.setdefault("points", [(0, 10), (4, 8), (7, 5), (10, 0)])
    return analyse(BargainingProblem(id="deal", title="Deal", players=players, **kwargs))


def test_json_contract():
    """`solutions` and `alternating_offers` carry exactly the FORMAT.md keys, exact as strings."""
    result = json.loads(render(_analysis(), "json"))
    assert result["format"] == "negotiate-result/1"
    assert result["game"] == {"id": "deal", "kind": "bargaining", "title": "Deal"}
    solutions = result["solutions"]
    assert {"nash", "kalai_smorodinsky", "egalitarian", "utilitarian"} <= set(solutions)
    assert solutions["nash"] == {"us": "7", "mx": "5"}
    assert solutions["kalai_smorodinsky"] == {"us": "6", "mx": "6"}
    assert solutions["egalitarian"] == {"us": "6", "mx": "6"}
    assert solutions["utilitarian"] == [{"us": "4", "mx": "8"}, {"us": "7", "mx": "5"}]
    assert solutions["nash_symmetric"] == {"us": "6", "mx": "6"}
    offers = result["alternating_offers"]
    assert offers["first"] == "us"
    assert offers["utilities"] == {"us": "530/71", "mx": "300/71"}
    assert result["lotteries"]["kalai_smorodinsky"] == [
        {"probability": "1/3", "point": 1},
        {"probability": "2/3", "point": 2},
    ]


def test_json_without_alternating_offers():
    """Three players: `alternating_offers` is null and the note says why."""
    players = [BargainingPlayer(id=name) for name in ("us", "mx", "ca")]
    result = json.loads(render(_analysis(players, points=None, pie=3), "json"))
    assert result["alternating_offers"] is None
    assert "two-player" in result["alternating_offers_note"]
    assert result["solutions"]["nash"] == {"us": "1", "mx": "1", "ca": "1"}


def test_text_report():
    """The text names each solution, the proposer and the reason for a missing equilibrium."""
    text = render(_analysis())
    assert "Nash (powers (2, 1))" in text
    assert "Kalai-Smorodinsky" in text
    assert "alternating offers (us first)" in text
    assert "us proposes (530/71 (7.4648), 300/71 (4.2254))" in text
    players = [BargainingPlayer(id="us"), BargainingPlayer(id="mx")]
    patient = render(_analysis(players))
    assert "no impatience" in patient
    markdown = render(_analysis(), "markdown")
    assert markdown.startswith("# Deal")
    assert "| solution | us | mx | reached by |" in markdown


def test_float_report_says_so():
    """Inexact inputs are reported as such."""
    players = [BargainingPlayer(id="us", discount=0.9), BargainingPlayer(id="mx", discount=0.8)]
    analysis = _analysis(players, points=[(0.0, 1.0), (1.0, 0.0)])
    assert not analysis.exact
    assert "floating point" in render(analysis)
    assert json.loads(render(analysis, "json"))["solutions"]["nash"] == {"us": 0.5, "mx": 0.5}
