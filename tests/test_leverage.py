"""Outside options, threats, tied hands and the hub: hand computations and properties."""

from __future__ import annotations

import json
from fractions import Fraction as F
from pathlib import Path

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiate.cli import main
from negotiate.io import load
from negotiate.model import (
    Constituency,
    Issue,
    NegotiationGame,
    Party,
    Ratification,
    Threat,
)
from negotiate.negotiation.analysis import analyse
from negotiate.negotiation.disagreement import outside_option
from negotiate.negotiation.sweep import vary
from negotiate.negotiation.tables import bilateral_tables
from negotiate.negotiation.threats import threat_analysis
from negotiate.negotiation.tied_hands import tied_hands
from tests.conftest import ROOT


def _wall(us_closed: int = 1, quota: int = 1, business_closed: int = 0) -> NegotiationGame:
    """The threat game of the docs: trade (controlled by the U.S.) and who pays for a wall."""
    return NegotiationGame(
        id="g",
        title="G",
        parties=[
            Party(id="us", values={"trade": {"closed": us_closed}, "wall": {"paid": 3}}),
            Party(id="mx", values={"trade": {"closed": -6}, "wall": {"paid": -4}}),
        ],
        issues=[
            Issue(id="trade", options=["open", "closed"], controlled_by="us"),
            Issue(id="wall", options=["no", "paid"]),
        ],
        constituencies=[
            Constituency(id="business", party="us", values={"trade": {"closed": business_closed}})
        ],
        ratifications=[Ratification(party="us", quota=quota)],
        threats=[Threat(id="close", by="us", issue="trade", option="closed")],
    )


# -- threats -------------------------------------------------------------------------------------


def test_a_credible_threat_moves_the_disagreement_point_by_hand():
    """d = t = (closed, no): us 1, mx -6; only (open, paid) beats it for both: us 3, mx -4.
    Without the threat Mexico rejects paying and nothing is agreed."""
    game = _wall()
    result = threat_analysis(game, game.threats[0])
    assert result.credible and result.blocked_by == () and result.cost == -1
    assert result.outcome == ("closed", "no")
    assert dict(result.disagreement) == {"us": 1, "mx": -6}
    assert result.agreements == 1
    assert [o.package for o in result.nash] == [("open", "paid")]
    assert dict(result.gains) == {"us": 3, "mx": -4}
    assert not analyse(game).nash  # without the threat: no deal


def test_a_threat_its_executive_would_not_carry_out_is_not_credible():
    """Closing trade costs the U.S. executive 2: blocked by itself, nothing changes."""
    game = _wall(us_closed=-2)
    result = threat_analysis(game, game.threats[0])
    assert not result.credible and result.blocked_by == ("us",) and result.cost == 2
    assert dict(result.gains) == {"us": 0, "mx": 0}
    assert result.agreements == analyse(game).agreement.count


def test_a_threat_blocked_at_home_names_the_constituencies():
    """Business loses 3 from closing trade and holds the quota: it blocks the threat."""
    game = _wall(business_closed=-3)
    result = threat_analysis(game, game.threats[0])
    assert not result.credible and result.blocked_by == ("business",)


def test_threats_in_the_json_of_solve(tmp_path: Path, runner):
    """The shipped wall game: not credible as given, credible in its counterfactual scenario."""
    path = ROOT / "games" / "wall_and_nafta_2017.toml"
    data = json.loads(runner.invoke(main, ["solve", str(path), "--format", "json"]).output)
    threat = data["threats"]["withdraw_nafta"]
    assert threat["credible"] is False
    assert set(threat["blocked_by"]) == {"business", "free_traders"}
    scenario = ["solve", str(path), "-s", "credible_threat", "--format", "json"]
    data = json.loads(runner.invoke(main, scenario).output)
    threat = data["threats"]["withdraw_nafta"]
    assert threat["credible"] is True and threat["disagreement"] == {"us": "1", "mx": "-5"}
    assert [n["package"]["wall"] for n in threat["nash"]] == ["united_states"]


# -- tied hands ----------------------------------------------------------------------------------


def _tied(us_many: int, congress_many: int) -> NegotiationGame:
    return NegotiationGame(
        id="g",
        title="G",
        parties=[
            Party(id="us", values={"visas": {"some": -1, "many": us_many}, "trade": {"open": 5}}),
            Party(id="mx", values={"visas": {"some": 2, "many": 6}, "trade": {"open": 3}}),
        ],
        issues=[
            Issue(id="trade", options=["closed", "open"]),
            Issue(id="visas", options=["none", "some", "many"]),
        ],
        constituencies=[
            Constituency(
                id="congress",
                party="us",
                values={"visas": {"many": congress_many}, "trade": {"open": 1}},
            )
        ],
        ratifications=[Ratification(party="us", quota=1)],
    )


def test_tied_hands_help_by_hand():
    """Unconstrained Nash (open, many): us 3 (gains 3 * 9 beat 4 * 5); Congress rejects many, so
    the Nash package is (open, some): us 4. Effect +1: the constraint helps the U.S."""
    result = tied_hands(_tied(us_many=-2, congress_many=-2))["us"]
    assert result.unconstrained_nash == ("open", "many") and result.constrained_nash == (
        "open",
        "some",
    )
    assert (result.constrained, result.unconstrained, result.effect) == (4, 3, 1)


def test_tied_hands_hurt_by_hand():
    """The U.S. likes many visas (+1): unconstrained Nash (open, many) gives it 6; Congress
    rejects many, leaving (open, some): 4. Effect -2."""
    result = tied_hands(_tied(us_many=1, congress_many=-2))["us"]
    assert (result.constrained, result.unconstrained, result.effect) == (4, 6, -2)


def test_tied_hands_across_a_quota():
    """nafta_1993: the veto helps the U.S. executive (+1) at every quota the free traders decide,
    and not at all once the quota lets liberalised mobility pass (business alone, 30)."""
    game = load(ROOT / "games" / "nafta_1993.toml")
    effects = {
        q: tied_hands(vary(game, "ratification.us.quota", q))["us"].effect for q in (30, 51, 60)
    }
    assert effects == {30: 0, 51: 1, 60: 1}


# -- outside options -----------------------------------------------------------------------------


def test_separate_deals_become_the_disagreement_point_by_hand():
    """Issue a alone: (y, n) us 2, mx 1; b alone fails (us -1). With disagreement separate,
    d = (2, 1) and (y, y) (us 1) is no longer acceptable: no agreement beyond p_sep."""
    game = NegotiationGame(
        id="g",
        title="G",
        disagreement="separate",
        parties=[
            Party(id="us", values={"a": {"y": 2}, "b": {"y": -1}}),
            Party(id="mx", values={"a": {"y": 1}, "b": {"y": 2}}),
        ],
        issues=[Issue(id="a", options=["n", "y"]), Issue(id="b", options=["n", "y"])],
    )
    option = outside_option(game)
    assert option.applies and option.package == ("y", "n")
    result = analyse(game)
    assert result.disagreement == {"us": 2, "mx": 1}
    assert not result.nash
    status_quo = analyse(attrs.evolve(game, disagreement="status_quo"))
    assert [o.package for o in status_quo.nash] == [("y", "y")]


# -- the hub -------------------------------------------------------------------------------------


def test_the_hub_gains_from_the_sequence_smart_border():
    """smart_border_2002: Canada first, then Mexico (left behind, reservation -3) accepts the
    partnership: us 4 + 3 = 7; the other order and the single table give the U.S. 4 and 0."""
    tables = bilateral_tables(load(ROOT / "games" / "smart_border_2002.toml"))
    finals = {tuple("+".join(t) for t in s.order): s.final for s in tables.sequences}
    assert finals[("us+ca", "us+mx")].package == ("smart_border", "partnership", "none")
    assert dict(finals[("us+ca", "us+mx")].utilities) == {"us": 7, "ca": 3, "mx": -1}
    assert finals[("us+mx", "us+ca")].utilities["us"] == 4
    assert tables.trilateral is None and tables.bilateral["us+mx"] is None
    assert tables.hub_advantage == {"us": 7}


# -- properties ----------------------------------------------------------------------------------

values = st.integers(min_value=-5, max_value=5)


@st.composite
def threat_games(draw: st.DrawFn) -> NegotiationGame:
    """Two parties, two issues of three options; the U.S. controls the first and threatens."""

    def worths() -> dict[str, dict[str, int]]:
        return {
            "x": {"b": draw(values), "c": draw(values)},
            "z": {"b": draw(values), "c": draw(values)},
        }

    return NegotiationGame(
        id="g",
        title="G",
        disagreement=draw(st.sampled_from(["status_quo", "separate"])),
        parties=[Party(id="us", values=worths()), Party(id="mx", values=worths())],
        issues=[
            Issue(id="x", options=["a", "b", "c"], controlled_by="us"),
            Issue(id="z", options=["a", "b", "c"]),
        ],
        constituencies=[Constituency(id="home", party="us", values=worths())],
        ratifications=[Ratification(party="us", quota=draw(st.sampled_from([0, 1])))],
        threats=[Threat(id="t", by="us", issue="x", option=draw(st.sampled_from(["b", "c"])))],
    )


@settings(max_examples=60, deadline=None)
@given(threat_games())
def test_a_non_credible_threat_changes_nothing(game: NegotiationGame):
    base = analyse(game)
    result = threat_analysis(game, game.threats[0])
    if not result.credible:
        assert set(result.gains.values()) == {0}
        assert [o.package for o in result.nash] == [o.package for o in base.nash]


@settings(max_examples=60, deadline=None)
@given(threat_games())
def test_with_separate_no_party_gets_less_than_the_separate_deals(game: NegotiationGame):
    if game.disagreement != "separate":
        return
    option = outside_option(game)
    if not option.applies:
        return
    for outcome in analyse(game).nash:
        assert all(outcome.utilities[p] >= option.utilities[p] for p in game.party_ids)


# -- bad input -----------------------------------------------------------------------------------


def _refused(runner, tmp_path: Path, text: str) -> str:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert str(path) in line
    return line


_GOOD = (ROOT / "games" / "wall_and_nafta_2017.toml").read_text()


def test_a_threat_on_an_issue_the_party_does_not_control(runner, tmp_path: Path):
    line = _refused(
        runner, tmp_path, _GOOD.replace('issue = "nafta"\noption', 'issue = "wall"\noption')
    )
    assert "threat[0].issue" in line and "controls" in line


def test_a_threat_with_an_unknown_option_or_party(runner, tmp_path: Path):
    line = _refused(runner, tmp_path, _GOOD.replace('option = "withdrawn"', 'option = "withdraw"'))
    assert "threat[0].option" in line and "withdrawn" in line
    text = _GOOD.replace('id = "withdraw_nafta"\nby = "us"', 'id = "withdraw_nafta"\nby = "usa"')
    line = _refused(runner, tmp_path, text)
    assert "threat[0].by" in line


def test_a_misspelt_disagreement(runner, tmp_path: Path):
    text = _GOOD.replace('kind = "negotiation"', 'kind = "negotiation"\ndisagreement = "seperate"')
    line = _refused(runner, tmp_path, text)
    assert "game.disagreement" in line and "separate" in line and ":" in line


def test_fractions_are_exact():
    """Leverage results are rationals when the game is exact."""
    result = tied_hands(_tied(us_many=-2, congress_many=-2))["us"]
    assert isinstance(result.effect, F)
