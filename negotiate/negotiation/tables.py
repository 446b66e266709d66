"""Bilateral tables and their sequences: the hub of double bilateralism.

With three or four parties, the two parties of a pair may negotiate alone: a *bilateral table*
covers the issues whose ``parties`` are exactly that pair; every other issue stays put and the
other parties have no say. A *sequence* is two bilateral tables sharing one party, the hub: the
first table's Nash package (first in package order; the status quo when it has no agreement)
becomes the status quo of the second, whose actors' default reservations are their utilities at
that new status quo. The hub's advantage is its utility under its best sequence minus under the
trilateral table (all parties, all issues). (Pastor 2004 and Golob 2012 on "double bilateralism"
with the U.S. as pivot; Sebenius 1983 on adding and subtracting parties.)

>>> from negotiate.model import NegotiationGame, Party, Issue, Interaction
>>> game = NegotiationGame(
...     id="g", title="G",
...     parties=[Party(id="us", values={"north": {"deal": 4}, "south": {"deal": 3}}),
...              Party(id="ca", values={"north": {"deal": 3}}),
...              Party(id="mx", values={"south": {"deal": -1}})],
...     issues=[Issue(id="north", options=["none", "deal"], parties=["us", "ca"]),
...             Issue(id="south", options=["none", "deal"], parties=["us", "mx"])],
...     interactions=[Interaction(actor="mx", when={"north": "deal", "south": "none"}, value=-3)],
... )
>>> result = bilateral_tables(game)
>>> result.trilateral is None, result.bilateral["us+ca"].package
(True, ('deal', 'none'))
>>> best = max(result.sequences, key=lambda s: s.final.utilities["us"])
>>> best.order, best.final.package, result.hub_advantage
((('us', 'ca'), ('us', 'mx')), ('deal', 'deal'), {'us': Fraction(7, 1)})
"""

from __future__ import annotations

import itertools

import attrs

from negotiate.errors import GameTooLargeError
from negotiate.exact.numbers import Number
from negotiate.model._common import FrozenMap
from negotiate.model.lotteries import Lotteries
from negotiate.model.negotiation import Constituency, NegotiationGame, Package
from negotiate.negotiation.disagreement import effective_game, with_status_quo
from negotiate.negotiation.threats import nash_outcome
from negotiate.negotiation.two_level import agreement_set

__all__ = ["Outcome", "Sequence", "Tables", "bilateral_tables"]

Utilities = FrozenMap[str, Number]


@attrs.frozen(kw_only=True)
class Outcome:
    """A package of the whole game and every party's utility of it."""

    package: Package
    utilities: Utilities


@attrs.frozen(kw_only=True)
class Sequence:
    """Two bilateral tables in ``order``, sharing the ``hub``; ``steps`` are their outcomes."""

    order: tuple[tuple[str, str], tuple[str, str]]
    hub: str
    steps: tuple[Outcome, Outcome]

    @property
    def final(self) -> Outcome:
        """Where the sequence ends: the second table's outcome."""
        return self.steps[1]


@attrs.frozen(kw_only=True)
class Tables:
    """Every bilateral table (``None``: no agreement, or no issue of the pair alone), every
    sequence of two, the trilateral table (``None``: no agreement) and each hub's advantage."""

    bilateral: FrozenMap[str, Outcome | None]
    sequences: tuple[Sequence, ...]
    trilateral: Outcome | None
    status_quo: Outcome

    @property
    def hub_advantage(self) -> dict[str, Number]:
        """``hub -> u_hub(best sequence) - u_hub(trilateral table)`` (the status quo when the
        trilateral table has no agreement), for every party that is the hub of a sequence."""
        reference = (self.trilateral or self.status_quo).utilities
        best: dict[str, Number] = {}
        for sequence in self.sequences:
            value = sequence.final.utilities[sequence.hub]
            best[sequence.hub] = max(best.get(sequence.hub, value), value)
        return {hub: value - reference[hub] for hub, value in best.items()}


def _pair_issues(game: NegotiationGame, pair: tuple[str, str]) -> list[str]:
    return [i.id for i in game.issues if set(game.signatories(i.id)) == set(pair)]


def _table(game: NegotiationGame, pair: tuple[str, str]) -> NegotiationGame:
    """The game of a bilateral table's parties: the others, their constituencies and anything
    that names them left out (the issues it may move are chosen by :func:`_play`)."""
    keep = set(pair)
    issues = [
        attrs.evolve(
            issue,
            parties=[p for p in issue.parties if p in keep] or None if issue.parties else None,
            controlled_by=issue.controlled_by if issue.controlled_by in keep else None,
        )
        for issue in game.issues
    ]
    return attrs.evolve(
        game,
        issues=issues,
        parties=[p for p in game.parties if p.id in keep],
        constituencies=[c for c in game.constituencies if c.party in keep],
        interactions=[x for x in game.interactions if _party_of(game, x.actor) in keep],
        ratifications=[r for r in game.ratifications if r.party in keep],
        threats=[],
        scenarios=[],
        transfers=[],
        lotteries=Lotteries(),
    )


def _party_of(game: NegotiationGame, actor_id: str) -> str:
    """The party an actor belongs to (a party belongs to itself)."""
    actor = game.actor(actor_id)
    return actor.party if isinstance(actor, Constituency) else actor.id


def _outcome(game: NegotiationGame, package: Package) -> Outcome:
    agreement = agreement_set(game)
    return Outcome(
        package=package,
        utilities=FrozenMap((p, agreement.utility(p, package)) for p in game.party_ids),
    )


def _play(game: NegotiationGame, pair: tuple[str, str]) -> tuple[Package, bool]:
    """The table's (first) Nash package, or the status quo; and whether it reached agreement."""
    table = agreement_set(_table(game, pair), linked=_pair_issues(game, pair))
    package, _ = nash_outcome(table)
    return package, not table.is_empty


def bilateral_tables(game: NegotiationGame) -> Tables:
    """Bilateral tables, sequences and the trilateral table of a three- or four-party
    negotiation (see the module docstring)."""
    if not 3 <= len(game.parties) <= 4:
        raise GameTooLargeError(
            f"bilateral tables are analysed for three or four parties (got {len(game.parties)})"
        )
    base = effective_game(game)
    pairs = [p for p in itertools.combinations(base.party_ids, 2) if _pair_issues(base, p)]
    bilateral: dict[str, Outcome | None] = {}
    for pair in itertools.combinations(base.party_ids, 2):
        if pair in pairs:
            package, agreed = _play(base, pair)
            bilateral["+".join(pair)] = _outcome(base, package) if agreed else None
        else:
            bilateral["+".join(pair)] = None
    sequences = []
    for first, second in itertools.permutations(pairs, 2):
        shared = set(first) & set(second)
        if len(shared) != 1:
            continue
        (hub,) = shared
        step, _ = _play(base, first)
        moved = with_status_quo(base, step)
        final, _ = _play(moved, second)
        sequences.append(
            Sequence(
                order=(first, second),
                hub=hub,
                steps=(_outcome(base, step), _outcome(base, final)),
            )
        )
    whole = agreement_set(base)
    package, _ = nash_outcome(whole)
    return Tables(
        bilateral=FrozenMap(bilateral),
        sequences=tuple(sequences),
        trilateral=None if whole.is_empty else _outcome(base, package),
        status_quo=_outcome(base, base.status_quo),
    )
