"""Utility arrays held in the narrowest integer type with headroom give exactly the reports of
64-bit arrays: every shipped negotiation and its scenarios, the mechanism games, and random
negotiations whose scaled utilities sit on each side of the 8-, 16- and 32-bit limits."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import hypothesis.strategies as st
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from mechanism_games import BORDER_FUNDING, UNCERTAIN_CONGRESS

from negotiate import analyse
from negotiate.io import load, loads
from negotiate.model import Constituency, Interaction, Issue, NegotiationGame, Party, Ratification
from negotiate.negotiation import packages
from negotiate.negotiation.packages import clear_cache, package_space
from negotiate.report.negotiation import to_json

GAMES = Path(__file__).resolve().parent.parent / "games"


def _report(game: NegotiationGame, narrow: bool) -> dict:  # type: ignore[type-arg]
    packages.NARROW_STORAGE = narrow
    try:
        clear_cache()
        return to_json(analyse(game).complete())
    finally:
        packages.NARROW_STORAGE = True
        clear_cache()


def _negotiations() -> list[NegotiationGame]:
    out = [loads(BORDER_FUNDING), loads(UNCERTAIN_CONGRESS)]
    for path in sorted(GAMES.glob("*.toml")):
        game = load(path)
        if isinstance(game, NegotiationGame):
            out += [game, *(game.with_scenario(s.id) for s in game.scenarios)]
    return out


@pytest.mark.parametrize("game", _negotiations(), ids=lambda g: f"{g.id}@{g.scenario}")
def test_shipped_negotiations_report_the_same(game: NegotiationGame) -> None:
    assert _report(game, narrow=True) == _report(game, narrow=False)


def test_the_type_held_is_the_narrowest_with_room() -> None:
    """Room: the largest scaled utility or reservation times 8 times (actors + 1)."""

    def held(worth: int, reservation: int | None = None) -> object:
        game = NegotiationGame(
            id="g",
            title="G",
            issues=[Issue(id="a", options=["n", "y"])],
            parties=[Party(id="us", values={"a": {"y": worth}}), Party(id="mx")],
            constituencies=[Constituency(id="c", party="us", reservation=reservation)],
        )
        clear_cache()
        return package_space(game).storage

    assert held(3) is np.int8  # 3 * 8 * 4 = 96
    assert held(4) is np.int16  # 128
    assert held(4, reservation=-1) is np.int16
    assert held(1, reservation=2000) is np.int32  # reservations count
    assert held(2**40) is np.int64


@st.composite
def _games(draw):  # type: ignore[no-untyped-def]
    magnitude = draw(st.sampled_from([3, 4, 2**5, 1000, 1024, 2**13, 2**26, 2**27, 2**29]))
    worth = st.integers(-magnitude, magnitude) | st.sampled_from([magnitude, -magnitude])
    issues = [Issue(id=f"i{k}", options=["a", "b", "c"]) for k in range(draw(st.integers(1, 3)))]

    def values():  # type: ignore[no-untyped-def]
        return {i.id: {o: draw(worth) for o in i.options[1:]} for i in issues}

    parties = [
        Party(id=f"p{k}", values=values(), reservation=draw(st.none() | worth))
        for k in range(draw(st.integers(2, 3)))
    ]
    heft = draw(st.sampled_from([1, 5, 6, 1000, 1024, 2**24, 2**25]))  # weights' type limits
    groups = [
        Constituency(
            id=f"c{k}",
            party="p0",
            weight=draw(st.integers(1, 3)) * heft,
            values=values(),
            reservation=draw(st.none() | worth),
        )
        for k in range(draw(st.integers(0, 2)))
    ]
    total = sum(int(c.weight) for c in groups)
    rules = [Ratification(party="p0", quota=Fraction(draw(st.integers(0, 2 * total)), 2))]
    rules = rules if groups else []
    interactions = (
        [Interaction(actor="p1", when={issues[0].id: ["c"]}, value=draw(worth))]
        if draw(st.booleans())
        else []
    )
    return NegotiationGame(
        id="random",
        title="Random",
        parties=parties,
        issues=issues,
        constituencies=groups,
        ratifications=rules,
        interactions=interactions,
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_games())
def test_random_negotiations_report_the_same(game: NegotiationGame) -> None:
    assert _report(game, narrow=True) == _report(game, narrow=False)


@pytest.mark.parametrize("limit", [127, 32767, 2**31 - 1])
def test_utilities_at_a_type_limit(limit: int) -> None:
    """Three governments whose utilities and reservations reach a type's limit: differences
    summed over the parties (the international game's joint gains) exceed it several times."""
    options = ["n", "y", "z"]
    parties = [
        Party(id=f"p{k}", values={"a": {"y": limit, "z": -limit}}, reservation=-limit)
        for k in range(3)
    ]
    game = NegotiationGame(
        id="edge", title="Edge", parties=parties, issues=[Issue(id="a", options=options)]
    )
    clear_cache()
    assert np.iinfo(package_space(game).storage).max > 8 * limit
    assert _report(game, narrow=True) == _report(game, narrow=False)


@pytest.mark.parametrize("limit", [127, 32767, 2**31 - 1])
@pytest.mark.parametrize("side", [-1, 1])
def test_approving_weights_at_a_type_limit(limit: int, side: int) -> None:
    """Approving weights are held with room for 8 times the weights and the quota together:
    weights and quotas just inside and just outside a type's room give the same reports (the
    nearest flip reads weight margins off these arrays)."""
    # on the weights' scale (halves): 3 weights of 2 w and a quota of 4 w - 1, room 8 (10 w - 1)
    weight = limit // 80 + (1 if side > 0 else 0)
    options = ["n", "y", "z"]
    groups = [
        Constituency(id=f"c{k}", party="us", weight=weight, values={"a": {"y": k - 1, "z": 1 - k}})
        for k in range(3)
    ]
    game = NegotiationGame(
        id="edge",
        title="Edge",
        parties=[
            Party(id="us", values={"a": {"y": 2, "z": 1}}),
            Party(id="mx", values={"a": {"y": 1, "z": 3}}),
        ],
        issues=[Issue(id="a", options=options)],
        constituencies=groups,
        ratifications=[Ratification(party="us", quota=Fraction(4 * weight - 1, 2))],
    )
    clear_cache()
    room = 8 * (10 * weight - 1)
    held = package_space(game).approving_weight("us").dtype
    assert (room <= limit) == (side < 0)
    assert np.iinfo(held).max == (
        limit if side < 0 else {127: 32767, 32767: 2**31 - 1}.get(limit, 2**63 - 1)
    )
    assert _report(game, narrow=True) == _report(game, narrow=False)
