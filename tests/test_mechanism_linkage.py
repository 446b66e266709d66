"""The linkage analysis under the rules of the whole game: side payments and uncertain
ratification, against hand computations, and the properties that tie them to the certain game."""

from __future__ import annotations

import json
from fractions import Fraction as F

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiate
from negotiate.cli import main
from negotiate.model import Constituency, Issue, NegotiationGame, Party, Ratification
from negotiate.model.lotteries import Lottery
from negotiate.model.transfers import Transfer
from negotiate.negotiation.linkage import LinkageAnalysis, linkage
from negotiate.negotiation.packages import package_space
from negotiate.negotiation.uncertain_ratification import joint_ratification, with_uncertainty
from tests.mechanism_games import BORDER_FUNDING, UNCERTAIN_CONGRESS

SWAP = NegotiationGame(
    id="swap",
    title="Trade for visas",
    parties=[
        Party(id="us", values={"trade": {"open": 3}, "visas": {"more": -1}}),
        Party(id="mx", values={"trade": {"open": -1}, "visas": {"more": 3}}),
    ],
    issues=[
        Issue(id="trade", options=["closed", "open"]),
        Issue(id="visas", options=["few", "more"]),
    ],
)
PAID_SWAP = attrs.evolve(
    SWAP,
    transfers=[
        Transfer(id="m", payer="us", payee="mx", max=100, values={"us": "-1/10", "mx": "1/10"})
    ],
)


def test_money_buys_an_issue_alone_and_shrinks_the_gain_from_linkage():
    """Without money neither issue passes alone and linkage gains (2, 2). With it, trade alone
    is a deal: us 3 - x/10 >= 0 up to 30, mx -1 + x/10 >= 0 from 10; the Nash amount is
    -(b1 a2 + b2 a1) / (2 b1 b2) = -(1/10 + 3/10) / (-2/100) = 20, utilities (1, 1). The linked
    deal (open, more) maximises (2 - x/10)(2 + x/10) at x = 0: (2, 2). So the gain from linkage
    falls by exactly 1 for each party, to (1, 1)."""
    certain = linkage(SWAP)
    assert certain.rule == "packages"
    assert [d.feasible for d in certain.separate] == [False, False]
    assert dict(certain.gains) == {"us": 2, "mx": 2}

    paid = linkage(PAID_SWAP)
    assert paid.rule == "transfer"
    trade, visas = paid.separate
    assert (trade.feasible, trade.option, trade.amount) == (True, "open", F(20))
    assert dict(trade.utilities) == {"us": 1, "mx": 1}
    assert not visas.feasible and visas.blockers[0].party == "us"
    assert (paid.linked.package, paid.linked.amount) == (("open", "more"), F(0))
    assert dict(paid.linked.utilities) == {"us": 2, "mx": 2}
    assert (paid.separate_combined.package, paid.separate_combined.amount) == (
        ("open", "few"),
        F(20),
    )
    assert paid.separate_combined.ratified
    assert {p: certain.gains[p] - paid.gains[p] for p in paid.gains} == {"us": 1, "mx": 1}
    assert paid.linked_only == ("visas",)
    # v(trade) = 2 (the joint gain 2 + 0 x), v(both) = 4: Shapley 1/2 2 + 1/2 4 = 3 and 1
    assert dict(paid.issue_values) == {"trade": 3, "visas": 1}
    assert dict(certain.issue_values) == {"trade": 2, "visas": 2}
    assert paid.minimal_feasible == (("trade",),)


def test_border_funding_linkage_by_hand():
    """Border alone is bought for 70 (the Nash root is the interval's top, 70: utilities 1/2,
    1); linked, (enforce, more) at 45 gives 3/4, 3/2: gains 1/4, 1/2. The U.S. may withhold the
    payment: 70/20 against a stake of 1/2 needs δ >= 7/8; 45/20 against 3/4, δ >= 3/4."""
    game = negotiate.loads(BORDER_FUNDING)
    assert isinstance(game, NegotiationGame)
    result = linkage(game, link=["border"])
    border = result.separate_deal("border")
    assert (border.option, border.amount) == ("enforce", F(70))
    assert dict(result.gains) == {"us": F(1, 4), "mx": F(1, 2)}
    assert dict(result.issue_values) == {"border": F(9, 4), "visas": F(3, 4)}
    assert result.enforcement.separate["border"] == {"us": F(7, 8), "mx": 0}
    assert result.enforcement.linked == {"us": F(3, 4), "mx": 0}
    assert result.chosen is not None and result.chosen.deal.amount == F(70)


LOTTERY_GAME = with_uncertainty(
    NegotiationGame(
        id="g",
        title="G",
        parties=[
            Party(id="us", values={"a": {"y": 2}, "b": {"y": 1}}),
            Party(id="mx", values={"a": {"y": 1}, "b": {"y": 2}}),
        ],
        issues=[Issue(id="a", options=["n", "y"]), Issue(id="b", options=["n", "y"])],
        constituencies=[
            Constituency(id="c1", party="us", weight=30, values={"a": {"y": 1}, "b": {"y": 2}}),
            Constituency(id="c2", party="us", weight=41, values={"a": {"y": 1}, "b": {"y": -1}}),
            Constituency(id="c3", party="us", weight=29, values={"a": {"y": 2}, "b": {"y": 2}}),
        ],
        ratifications=[Ratification(party="us", quota=71)],
    ),
    reservations={
        "c1": Lottery([(0, "1/2"), (2, "1/2")]),
        "c3": Lottery([(1, "1/3"), (3, "2/3")]),
    },
    quotas={"us": Lottery([(50, "1/2"), (71, "1/2")])},
)


def test_separate_deals_under_uncertain_ratification_by_hand():
    """Issue a alone, (y, n): c1 accepts with 1/2, c2 surely, c3 with 1/3, so the approving
    weight is 41, 70, 71, 100 with 1/3, 1/6, 1/3, 1/6; it reaches 50 with 2/3 and 71 with 1/2:
    pi = 7/12. Issue b alone, (n, y): weight 30 or 59 (2/3, 1/3), pi = 1/2 1/3 = 1/6. Linked,
    (y, y) passes surely. Voted one by one before the same legislators, both pass with 1/6 (not
    7/12 1/6 = 7/72), a alone with 5/12: expected utilities us 1/6 3 + 5/12 2 = 4/3, mx
    1/6 3 + 5/12 1 = 11/12."""
    result = linkage(LOTTERY_GAME)
    assert result.rule == "lotteries"
    a, b = result.separate
    assert (a.option, a.probability) == ("y", F(7, 12))
    assert dict(a.utilities) == {"us": F(7, 6), "mx": F(7, 12)}
    assert (b.option, b.probability) == ("y", F(1, 6))
    assert (result.linked.package, result.linked.probability) == (("y", "y"), F(1))
    assert result.separate_combined.probability == F(1, 6)
    assert dict(result.separate_combined.utilities) == {"us": F(4, 3), "mx": F(11, 12)}
    assert dict(result.gains) == {"us": F(5, 3), "mx": F(25, 12)}
    space = package_space(LOTTERY_GAME)
    assert joint_ratification(space, [2, 1]) == {3: F(1, 6), 1: F(5, 12), 0: F(5, 12)}
    # v(a) = 7/12 3, v(b) = 1/6 3, v(ab) = 6
    assert dict(result.issue_values) == {
        "a": (F(7, 4) + (6 - F(1, 2))) / 2,
        "b": (F(1, 2) + (6 - F(7, 4))) / 2,
    }


def test_uncertain_congress_json_and_text(tmp_path, runner):
    """`negotiate linkage --format json` names the rule and each deal's probability; the text
    says which rule applies."""
    path = tmp_path / "g.toml"
    path.write_text(UNCERTAIN_CONGRESS)
    result = runner.invoke(main, ["linkage", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)["linkage"]
    assert data["rule"] == "lotteries"
    assert data["separate"]["deal"]["probability"] == "3/4"
    assert data["linked"]["probability"] == "3/4"
    text = runner.invoke(main, ["linkage", str(path)]).output
    assert "expected Nash solution" in text


def test_transfer_json(tmp_path, runner):
    path = tmp_path / "g.toml"
    path.write_text(BORDER_FUNDING)
    result = runner.invoke(main, ["solve", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)["linkage"]
    assert data["rule"] == "transfer"
    assert data["separate"]["border"]["amount"] == "70"
    assert data["linked"]["amount"] == "45"
    assert data["separate_combined"]["amount"] == "70"


# -- properties ---------------------------------------------------------------------------------

worths = st.integers(-4, 4)


@st.composite
def games(draw: st.DrawFn) -> NegotiationGame:
    values = [
        {"t": {"y": draw(worths), "z": draw(worths)}, "s": {"y": draw(worths)}} for _ in range(2)
    ]
    constituency = {"t": {"y": draw(worths), "z": draw(worths)}, "s": {"y": draw(worths)}}
    return NegotiationGame(
        id="g",
        title="G",
        parties=[Party(id="us", values=values[0]), Party(id="mx", values=values[1])],
        issues=[
            Issue(id="t", options=["n", "y", "z"], controlled_by="us"),
            Issue(id="s", options=["n", "y"], controlled_by="mx"),
        ],
        constituencies=[Constituency(id="c", party="us", values=constituency)],
        ratifications=[Ratification(party="us", quota=1)],
    )


def _summary(result: LinkageAnalysis) -> tuple[object, ...]:
    return (
        result.agreements,
        [(d.issue, d.feasible, d.option, dict(d.utilities), d.blockers) for d in result.separate],
        (result.separate_combined.package, dict(result.separate_combined.utilities)),
        (result.separate_combined.ratified, result.separate_combined.rejected_by),
        (result.linked.package, dict(result.linked.utilities), result.linked.feasible),
        dict(result.gains),
        result.linked_only,
        result.minimal_feasible,
        dict(result.issue_values),
        result.joint_gain,
        {k: dict(v) for k, v in result.enforcement.separate.items()},
        dict(result.enforcement.linked),
    )


@settings(max_examples=60, deadline=None)
@given(games(), st.integers(0, 30))
def test_a_transfer_no_one_values_changes_nothing(game, high):
    """All values 0: every finding of the linkage analysis is the certain game's, paid 0."""
    paid = attrs.evolve(game, transfers=[Transfer(id="m", payer="us", payee="mx", max=high)])
    result = linkage(paid, link=["t"])
    assert result.rule == "transfer"
    assert _summary(result) == _summary(linkage(game, link=["t"]))
    assert all(d.amount in (None, 0) for d in result.separate)


@settings(max_examples=60, deadline=None)
@given(games(), st.integers(-2, 3), st.integers(0, 2))
def test_a_one_point_distribution_is_the_certain_game(game, reservation, quota):
    """A distribution of one value: the linkage analysis is the certain game's, every deal
    ratified with probability 1."""
    certain = attrs.evolve(
        game,
        constituencies=[attrs.evolve(game.constituencies[0], reservation=reservation)],
        ratifications=[attrs.evolve(game.ratifications[0], quota=quota)],
    )
    uncertain = with_uncertainty(
        game, reservations={"c": Lottery([(reservation, 1)])}, quotas={"us": Lottery([(quota, 1)])}
    )
    result = linkage(uncertain, link=["s"])
    assert result.rule == "lotteries"
    assert _summary(result) == _summary(linkage(certain, link=["s"]))
    assert all(d.probability == 1 for d in result.separate if d.feasible)


@settings(max_examples=40, deadline=None)
@given(games(), st.lists(st.sampled_from([0, 1, 2, 3, 4, 5]), min_size=1, max_size=3))
def test_joint_ratification_has_the_single_votes_as_margins(game, picks):
    """Each package's chance of passing in the joint distribution is its own ``pi``."""
    game = with_uncertainty(
        game,
        reservations={"c": Lottery([(-1, "1/4"), (1, "1/4"), (3, "1/2")])},
        quotas={"us": Lottery([(0, "1/3"), (1, "2/3")])},
    )
    space = package_space(game)
    indices = sorted(set(picks))
    joint = joint_ratification(space, indices)
    assert sum(joint.values()) == 1
    from negotiate.negotiation.uncertain_ratification import uncertain_ratification

    pi = uncertain_ratification(space).pi().ravel()
    for k, index in enumerate(indices):
        assert sum(p for mask, p in joint.items() if mask >> k & 1) == pi[index]
