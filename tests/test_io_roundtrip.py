"""Round trips: Python-built games equal loaded ones, and loads(dump(g)) == g for every kind."""

from __future__ import annotations

import contextlib
import random
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import negotiate
from negotiate import (
    BargainingPlayer,
    BargainingProblem,
    Bloc,
    CoalitionGame,
    Constituency,
    ExtensiveFormGame,
    Interaction,
    Issue,
    NegotiateError,
    NegotiationGame,
    Node,
    NormalFormGame,
    Party,
    Player,
    Ratification,
    Rule,
    Scenario,
    VotingGame,
)

SMALL_GAME = """format = "negotiate/1"

[game]
id = "toy"
kind = "negotiation"
title = "Toy"
sources = ["Converging Realities of the U.S.-Mexico Relationship (2002)"]

[[party]]
id = "us"
power = 2
discount = "9/10"
[party.values]
security = { joint = 5 }

[[party]]
id = "mx"
[party.values]
security = { joint = -3 }
regularization = { earned = 4 }

[[issue]]
id = "security"
options = ["none", "joint"]
controlled_by = "mx"

[[issue]]
id = "regularization"
options = ["none", "earned"]

[[constituency]]
id = "restrictionists"
party = "us"
weight = 30
[constituency.values]
regularization = { earned = -6 }

[[interaction]]
actor = "mx"
when = { security = "joint", regularization = ["earned"] }
value = 4

[[ratification]]
party = "us"
quota = 30

[[scenario]]
id = "later"
[scenario.values.us]
security = { joint = 9 }
[scenario.ratification.us]
quota = 0
"""


def test_python_built_game_equals_loaded_game():
    """The same negotiation built in Python and loaded from TOML compare equal."""
    built = NegotiationGame(
        id="toy",
        title="Toy",
        sources=["Converging Realities of the U.S.-Mexico Relationship (2002)"],
        parties=[
            Party(id="us", power=2, discount="9/10", values={"security": {"joint": 5}}),
            Party(id="mx", values={"security": {"joint": -3}, "regularization": {"earned": 4}}),
        ],
        issues=[
            Issue(id="security", options=["none", "joint"], controlled_by="mx"),
            Issue(id="regularization", options=["none", "earned"]),
        ],
        constituencies=[
            Constituency(
                id="restrictionists",
                party="us",
                weight=30,
                values={"regularization": {"earned": -6}},
            ),
        ],
        interactions=[
            Interaction(
                actor="mx", when={"security": "joint", "regularization": ["earned"]}, value=4
            ),
        ],
        ratifications=[Ratification(party="us", quota=30)],
        scenarios=[
            Scenario(
                id="later",
                values={"us": {"security": {"joint": 9}}},
                ratification={"us": {"quota": 0}},
            )
        ],
    )
    loaded = negotiate.loads(SMALL_GAME)
    assert built == loaded
    assert hash(built) == hash(loaded)
    assert built.with_scenario("later") == negotiate.loads(SMALL_GAME, scenario="later")


def test_python_and_file_share_validation():
    """Building a bad game in Python fails with the same message as loading it."""
    with pytest.raises(NegotiateError, match=r"constituency\[0\]\.party: unknown party `usa`"):
        NegotiationGame(
            id="g",
            title="G",
            parties=[Party(id="us")],
            issues=[Issue(id="t", options=["a"])],
            constituencies=[Constituency(id="c", party="usa")],
        )
    with pytest.raises(NegotiateError, match=r"constituency\[0\]\.party: unknown party `usa`"):
        negotiate.loads(SMALL_GAME.replace('party = "us"\nweight', 'party = "usa"\nweight'))
    with pytest.raises(NegotiateError, match=r"power: expected a number in \(0, inf\]"):
        Party(id="us", power=0)


EXAMPLES = [
    negotiate.loads(SMALL_GAME),
    NormalFormGame.from_matrices(
        id="bos",
        title="Battle of the sexes",
        players=[
            Player(id="us", strategies=["opera", "fight"]),
            Player(id="mx", strategies=["opera", "fight"]),
        ],
        row=[[2, 0], [0, 1]],
        column=[[1, 0], [0, "1/2"]],
    ),
    NormalFormGame.from_outcomes(
        id="three",
        title="Three",
        players=[Player(id=p, strategies=["a", "b"]) for p in ("x", "y", "z")],
        outcomes={
            (a, b, c): {"x": 1, "y": 0.5, "z": "2/3"} for a in "ab" for b in "ab" for c in "ab"
        },
    ),
    ExtensiveFormGame(
        id="tree",
        title="Tree",
        players=["us", "mx"],
        nodes=[
            Node(
                id="root",
                chance={"calm": "2/3", "crisis": "1/3"},
                moves={"calm": "a", "crisis": "b"},
            ),
            Node(id="a", player="us", info="blind", moves={"l": "t1", "r": "t2"}),
            Node(id="b", player="us", info="blind", moves={"l": "t3", "r": "t4"}),
            *(Node(id=f"t{k}", payoffs={"us": k, "mx": -k}) for k in range(1, 5)),
        ],
    ),
    CoalitionGame.from_values(
        id="c",
        title="C",
        players=["us", "mx", "ca"],
        values={"us+mx": 6, "us+ca": 5, "mx+ca": 1, "us+mx+ca": 10},
        default_value=0,
    ),
    VotingGame(
        id="unsc",
        title="UNSC",
        quota=39,
        blocs=[Bloc(id="permanent", count=5, weight=7), Bloc(id="elected", count=10, weight=1)],
    ),
    VotingGame(
        id="congress",
        title="Congress",
        blocs=[Bloc(id="president"), Bloc(id="senate", count=100), Bloc(id="house", count=435)],
        rules=[
            Rule(need={"president": 1, "senate": 51, "house": 218}),
            Rule(need={"senate": 67, "house": 290}),
        ],
    ),
    BargainingProblem(
        id="b",
        title="B",
        points=[[0, 10], [4, 8], [7, 5], [10, 0]],
        players=[
            BargainingPlayer(id="us", discount="9/10"),
            BargainingPlayer(id="mx", discount="4/5", power=2),
        ],
    ),
    BargainingProblem(
        id="pie",
        title="Pie",
        pie="1",
        first="mx",
        players=[BargainingPlayer(id="us"), BargainingPlayer(id="mx")],
    ),
]


@pytest.mark.parametrize("game", EXAMPLES, ids=[g.kind + ":" + g.id for g in EXAMPLES])
def test_dump_then_load_gives_the_same_game(game):
    """dump writes every kind so that loads reads back an equal game."""
    assert negotiate.loads(negotiate.dump(game)) == game


def test_shipped_games_round_trip(game_file):
    """Every file in games/ survives dump and load unchanged."""
    game = negotiate.load(game_file)
    assert negotiate.loads(negotiate.dump(game)) == game


# -- generated games ----------------------------------------------------------------------------

ids = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True)
exact = st.fractions(min_value=-20, max_value=20, max_denominator=12)


@st.composite
def negotiations(draw: st.DrawFn) -> NegotiationGame:
    """Small valid negotiation games with every feature of the format."""
    names = draw(st.lists(ids, min_size=3, max_size=7, unique=True))
    party_ids, rest = names[:2], names[2:]
    issues = []
    for k in range(draw(st.integers(1, 3))):
        options = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
        issues.append(
            Issue(
                id=f"issue_{k}",
                options=options,
                status_quo=draw(st.sampled_from(options)),
                controlled_by=draw(st.sampled_from([None, *party_ids])),
            )
        )

    def values() -> dict[str, dict[str, Fraction]]:
        return {
            i.id: {o: draw(exact) for o in draw(st.lists(st.sampled_from(i.options), unique=True))}
            for i in issues
            if draw(st.booleans())
        }

    parties = [
        Party(id=p, power=draw(st.fractions(1, 3, max_denominator=4)), values=values())
        for p in party_ids
    ]
    constituencies = [
        Constituency(
            id=c,
            party=draw(st.sampled_from(party_ids)),
            weight=draw(st.integers(0, 9)),
            values=values(),
        )
        for c in rest
    ]
    interactions = [
        Interaction(
            actor=draw(st.sampled_from(names)),
            when={issues[0].id: draw(st.sampled_from(issues[0].options))},
            value=draw(exact),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    weights = {p: sum(c.weight for c in constituencies if c.party == p) for p in party_ids}
    members = {c.party for c in constituencies}
    ratifications = [  # a quota within its party's total weight (a file's rule of meaning)
        Ratification(
            party=p, quota=draw(st.integers(0, weights[p])), executive_veto=draw(st.booleans())
        )
        for p in party_ids
        if p in members and draw(st.booleans())
    ]
    return NegotiationGame(
        id="generated",
        title="A generated game",
        parties=parties,
        issues=issues,
        constituencies=constituencies,
        interactions=interactions,
        ratifications=ratifications,
    )


@settings(max_examples=60, deadline=None)
@given(negotiations())
def test_generated_games_round_trip(game):
    """Generated valid games are written and loaded back unchanged."""
    assert negotiate.loads(negotiate.dump(game)) == game


def _mutations(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 3)):
        k = rng.randrange(len(lines))
        action = rng.randrange(6)
        if action == 0:
            del lines[k]
        elif action == 1:
            lines.insert(k, lines[rng.randrange(len(lines))])
        elif action == 2 and lines[k]:
            cut = rng.randrange(len(lines[k]))
            lines[k] = lines[k][:cut] + lines[k][cut + 1 :]
        elif action == 3:
            lines[k] = lines[k].replace("=", "= -", 1)
        elif action == 4:
            lines[k] = lines[k].replace('"', "", 2)
        else:
            words = ["nan", "inf", '"1/0"', "[]", "{}", '"x"', "true", "1e400", '"2/3"', "0"]
            if "=" in lines[k]:
                lines[k] = lines[k].split("=", 1)[0] + "= " + rng.choice(words)
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32), st.sampled_from(["small", "enchilada", *range(1, len(EXAMPLES))]))
def test_mutated_files_raise_only_negotiate_errors(seed, which):
    """Randomly broken game files either load or raise NegotiateError, never anything else."""
    from tests.conftest import ROOT

    if which == "small":
        text = SMALL_GAME
    elif which == "enchilada":
        text = (ROOT / "games" / "whole_enchilada.toml").read_text()
    else:
        text = negotiate.dump(EXAMPLES[which])
    broken = _mutations(text, random.Random(seed))
    with contextlib.suppress(NegotiateError):
        negotiate.loads(broken)
