"""Negotiation games built in Python for the tests (shared by several test modules)."""

from __future__ import annotations

from hypothesis import strategies as st

from negotiate.model import (
    Constituency,
    Interaction,
    Issue,
    NegotiationGame,
    Party,
    Ratification,
    Scenario,
)

JOINT_WITH_REGULARIZATION = {"security": "joint", "regularization": "yes"}


def border_deal(quota: int = 65, executive_veto: bool = True) -> NegotiationGame:
    """A three-issue, two-level U.S.-Mexico game worked out by hand in ``test_two_level``.

    Issues (status quo first): security none/smart/joint, visas few/more, regularization no/yes.
    The U.S. ratifies with three constituencies (hawks 40, business 35, latino 25) and a quota;
    Mexico's executive decides alone. Hawks accept regularization only with joint security (an
    interaction worth 3 to them); Mexico values the same combination at 2 more.
    """
    return NegotiationGame(
        id="border_deal",
        title="Border deal",
        parties=[
            Party(
                id="us",
                values={
                    "security": {"smart": 2, "joint": 3},
                    "visas": {"more": -1},
                    "regularization": {"yes": -2},
                },
            ),
            Party(
                id="mx",
                values={
                    "security": {"smart": -1, "joint": -4},
                    "visas": {"more": 2},
                    "regularization": {"yes": 4},
                },
            ),
        ],
        issues=[
            Issue(id="security", options=["none", "smart", "joint"]),
            Issue(id="visas", options=["few", "more"]),
            Issue(id="regularization", options=["no", "yes"]),
        ],
        constituencies=[
            Constituency(
                id="hawks",
                party="us",
                weight=40,
                values={
                    "security": {"smart": 1, "joint": 2},
                    "regularization": {"yes": -3},
                    "visas": {"more": -1},
                },
            ),
            Constituency(
                id="business",
                party="us",
                weight=35,
                values={"visas": {"more": 2}, "security": {"joint": -1}},
            ),
            Constituency(
                id="latino",
                party="us",
                weight=25,
                values={"regularization": {"yes": 3}, "visas": {"more": 1}},
            ),
        ],
        interactions=[
            Interaction(actor="hawks", when=JOINT_WITH_REGULARIZATION, value=3),
            Interaction(actor="mx", when=JOINT_WITH_REGULARIZATION, value=2),
        ],
        ratifications=[Ratification(party="us", quota=quota, executive_veto=executive_veto)],
        scenarios=[
            Scenario(id="tighter", name="Tighter quota", ratification={"us": {"quota": 70}}),
        ],
    )


def one_issue(values: dict[str, list[int | str]], powers: dict[str, int | str] | None = None):
    """A one-issue game: option ``o0`` is the status quo worth 0 to all; ``values[party][k]`` is
    the party's worth of option ``o{k+1}``."""
    count = len(next(iter(values.values())))
    options = [f"o{k}" for k in range(count + 1)]
    parties = [
        Party(
            id=party,
            power=(powers or {}).get(party, 1),
            values={"x": {f"o{k + 1}": v for k, v in enumerate(worths)}},
        )
        for party, worths in values.items()
    ]
    return NegotiationGame(
        id="one", title="One issue", parties=parties, issues=[Issue(id="x", options=options)]
    )


@st.composite
def small_games(draw):
    """A random game: 1-3 issues of 2-3 options, 2-3 parties, 0-4 constituencies."""
    issues = [
        Issue(id=f"i{k}", options=[f"o{j}" for j in range(draw(st.integers(2, 3)))])
        for k in range(draw(st.integers(1, 3)))
    ]
    worth = st.integers(-3, 3)

    def values():
        return {i.id: {o: draw(worth) for o in i.options[1:]} for i in issues}

    parties = [Party(id=f"p{k}", values=values()) for k in range(draw(st.integers(2, 3)))]
    constituencies = [
        Constituency(
            id=f"c{k}",
            party=draw(st.sampled_from([p.id for p in parties])),
            weight=draw(st.integers(0, 5)),
            values=values(),
        )
        for k in range(draw(st.integers(0, 4)))
    ]
    ratifications = [
        Ratification(party=p.id, quota=draw(st.integers(0, 8)), executive_veto=draw(st.booleans()))
        for p in parties
        if draw(st.booleans())
    ]
    return NegotiationGame(
        id="random",
        title="Random",
        parties=parties,
        issues=issues,
        constituencies=constituencies,
        ratifications=ratifications,
    )
