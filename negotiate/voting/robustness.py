"""What robustness tests of a voting body: who is most powerful and the power ranking.

Claims: ``power.first`` (the blocs whose members have the largest Shapley-Shubik index),
``power.ranking`` (the blocs ordered by a member's Shapley-Shubik index, ties together) and
``banzhaf.ranking`` (the same by the Banzhaf index). Each sample is counted exactly once per
distinct body (weights and quotas of whole-number bodies, rules' needs, repeat).

>>> from negotiate.model import VotingGame, Bloc
>>> body = VotingGame(id="v", title="V", quota=3,
...                   blocs=[Bloc(id="big", weight=2), Bloc(id="small", weight=1, count=2)])
>>> [c.name for c in voting_claims(body)]
['A member of big is the most powerful voter', 'The power ranking is big > small',
 'The Banzhaf ranking is big > small']
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from fractions import Fraction

from negotiate.model.voting import VotingGame
from negotiate.robust.study import Claim, KindSpec
from negotiate.voting.power import power_indices

__all__ = ["VOTING", "voting_claims", "voting_headline"]


def _ranking(game: VotingGame, index: Mapping[str, Fraction]) -> tuple[tuple[str, ...], ...]:
    member = {b.id: index[b.id] for b in game.blocs}
    levels = sorted(set(member.values()), reverse=True)
    return tuple(tuple(b for b in game.bloc_ids if member[b] == level) for level in levels)


def _statistics(game: VotingGame) -> dict[str, Hashable]:
    power = power_indices(game)
    ranking = _ranking(game, power.shapley_shubik)
    return {
        "power.first": ranking[0],
        "power.ranking": ranking,
        "banzhaf.ranking": _ranking(game, power.banzhaf),
    }


def statistics(game: VotingGame, claims: Sequence[Claim]) -> tuple[Hashable, ...]:
    """Each claim's statistic on ``game``, exactly."""
    values = _statistics(game)
    return tuple(values[c.kind] for c in claims)


def _words(ranking: Sequence[Sequence[str]]) -> str:
    return " > ".join(" = ".join(group) for group in ranking)


def voting_claims(game: VotingGame) -> tuple[Claim, ...]:
    """The baseline's most powerful voters and power rankings, as claims."""
    values = _statistics(game)
    first = values["power.first"]
    blocs = " and of ".join(first)  # type: ignore[arg-type]
    return (
        Claim(
            id="power.first",
            name=f"A member of {blocs} is the most powerful voter",
            kind="power.first",
            target=first,
        ),
        Claim(
            id="power.ranking",
            name=f"The power ranking is {_words(values['power.ranking'])}",  # type: ignore[arg-type]
            kind="power.ranking",
            target=values["power.ranking"],
        ),
        Claim(
            id="banzhaf.ranking",
            name=f"The Banzhaf ranking is {_words(values['banzhaf.ranking'])}",  # type: ignore[arg-type]
            kind="banzhaf.ranking",
            target=values["banzhaf.ranking"],
        ),
    )


def voting_headline(game: VotingGame) -> str:
    """The power ranking, in words (a sweep's regime)."""
    return "power " + _words(_statistics(game)["power.ranking"])  # type: ignore[arg-type]


VOTING = KindSpec(claims=voting_claims, statistics=statistics, samples=2_000)
"""A voting body's robustness (2,000 samples by default: each distinct body is counted anew)."""
