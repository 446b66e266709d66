"""The package tensor: utilities built in one pass equal the sum of part-worths and
interactions, spaces and arrays are built once and shared, and the package-count guard."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiate.errors import GameTooLargeError
from negotiate.limits import parse, using
from negotiate.model import Interaction, Issue, NegotiationGame, Party, Ratification
from negotiate.negotiation.packages import clear_cache, package_space

worth = st.one_of(st.integers(-20, 20), st.fractions(-5, 5, max_denominator=6))


@st.composite
def negotiations(draw):  # type: ignore[no-untyped-def]
    sizes = draw(st.lists(st.integers(2, 4), min_size=1, max_size=4))
    issues = [Issue(id=f"i{k}", options=[f"o{j}" for j in range(n)]) for k, n in enumerate(sizes)]

    def values():  # type: ignore[no-untyped-def]
        return {i.id: {o: draw(worth) for o in i.options[1:]} for i in issues}

    parties = [Party(id=p, values=values()) for p in ("us", "mx")]
    interactions = [
        Interaction(
            actor=draw(st.sampled_from(["us", "mx"])),
            when={issues[0].id: [issues[0].options[-1]]},
            value=draw(worth),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    return NegotiationGame(
        id="g", title="g", parties=parties, issues=issues, interactions=interactions
    )


def _by_hand(game: NegotiationGame, actor: str, package: tuple[str, ...]) -> F:
    party = game.actor(actor)
    total = sum(
        (
            F(party.values.get(issue.id, {}).get(option, 0))
            for issue, option in zip(game.issues, package, strict=True)
        ),
        F(0),
    )
    for interaction in game.interactions:
        chosen = dict(zip(game.issue_ids, package, strict=True))
        if interaction.actor == actor and all(
            chosen[i] in options for i, options in interaction.when.items()
        ):
            total += F(interaction.value)
    return total


@settings(max_examples=40, deadline=None)
@given(negotiations())
def test_one_pass_utilities_are_the_sums_of_part_worths(game):
    """Property: every package's utility is its part-worths plus matching interactions,
    exactly, for every actor."""
    clear_cache()
    space = package_space(game)
    for package in itertools.product(*(issue.options for issue in game.issues)):
        for actor in game.actor_ids:
            assert space.utility(actor, package) == _by_hand(game, actor, package)


def _swap() -> NegotiationGame:
    return NegotiationGame(
        id="swap",
        title="A swap",
        parties=[
            Party(id="us", values={"trade": {"open": 3}, "visas": {"more": -1}}),
            Party(id="mx", values={"trade": {"open": -1}, "visas": {"more": 2}}),
        ],
        issues=[
            Issue(id="trade", options=["closed", "open"]),
            Issue(id="visas", options=["few", "more"]),
        ],
    )


def test_a_space_is_built_once_and_its_arrays_shared_and_read_only():
    """The same game gives the same space; a game differing only in its ratification rules
    reuses the utility arrays, which cannot be written to."""
    game = _swap()
    space = package_space(game)
    assert package_space(game) is space
    changed = attrs.evolve(game, ratifications=[Ratification(party="us", quota=1)])
    other = package_space(changed)
    assert other is not space
    assert all(other.values[a] is space.values[a] for a in game.actor_ids)
    with pytest.raises(ValueError, match="read-only"):
        space.values["us"][0, 0] = 5


def test_package_count_guard_names_the_size_the_limit_and_the_option():
    """Over the packages limit, the space is refused before any array is built."""
    issues = [Issue(id=f"i{k}", options=["a", "b"]) for k in range(21)]
    game = NegotiationGame(
        id="big", title="big", parties=[Party(id="us", values={})], issues=issues
    )
    with pytest.raises(
        GameTooLargeError,
        match=r"2,097,152 packages .* limit of 1,000,000; "
        r"raise it with --limits packages=N",
    ):
        package_space(game)
    small = _swap()
    package_space(small)  # cached, yet the guard still applies when the limit is lowered
    with using(parse("packages=3")), pytest.raises(GameTooLargeError, match="limit of 3"):
        package_space(small)


def test_shared_ratification_weights_keep_each_space_shape():
    """A party without constituencies has zero approving weight in the shape of its own space,
    whatever space was built before."""
    small = _swap()
    big = attrs.evolve(small, issues=[*small.issues, Issue(id="aid", options=["none", "some"])])
    for game in (small, big):
        space = package_space(game)
        assert space.approving_weight("us").shape == space.shape
        assert space.ratifies("us").shape == space.shape
