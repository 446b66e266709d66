"""Tied hands: does a party's domestic constraint strengthen it at the table?

For every party ``P`` with a ratification rule: the (first) Nash package of the game as given,
and of the game in which ``P`` ratifies whatever its executive accepts. ``effect =
u_P(constrained) - u_P(unconstrained)``: positive, the constraint strengthened ``P`` at the table
(Schelling's conjecture holds here); negative, it weakened it; zero, neither (Schelling 1960;
Putnam 1988; Iida 1993). Without agreement the outcome is the point of disagreement.

>>> from negotiate.model import NegotiationGame, Party, Issue, Constituency, Ratification
>>> game = NegotiationGame(
...     id="g", title="G",
...     parties=[Party(id="us", values={"visas": {"some": -1, "many": -2}, "trade": {"open": 5}}),
...              Party(id="mx", values={"visas": {"some": 2, "many": 6}, "trade": {"open": 3}})],
...     issues=[Issue(id="trade", options=["closed", "open"]),
...             Issue(id="visas", options=["none", "some", "many"])],
...     constituencies=[Constituency(id="congress", party="us", values={"visas": {"many": -2},
...                                                                     "trade": {"open": 1}})],
...     ratifications=[Ratification(party="us", quota=1)],
... )
>>> result = tied_hands(game)["us"]
>>> result.unconstrained_nash, result.constrained, result.unconstrained, result.effect
(('open', 'many'), Fraction(4, 1), Fraction(3, 1), Fraction(1, 1))
"""

from __future__ import annotations

import attrs

from negotiate.exact.numbers import Number
from negotiate.model.negotiation import NegotiationGame, Package
from negotiate.negotiation.disagreement import effective_game
from negotiate.negotiation.threats import nash_outcome
from negotiate.negotiation.two_level import agreement_set

__all__ = ["TiedHands", "tied_hands"]


@attrs.frozen(kw_only=True)
class TiedHands:
    """What ``party``'s ratification rule does to it at the table (see the module docstring)."""

    party: str
    constrained_nash: Package
    unconstrained_nash: Package
    constrained: Number
    unconstrained: Number

    @property
    def effect(self) -> Number:
        """``u_P(constrained) - u_P(unconstrained)``."""
        return self.constrained - self.unconstrained


def tied_hands(game: NegotiationGame) -> dict[str, TiedHands]:
    """Each party with a ratification rule, in file order: its Nash utility with and without it."""
    base = effective_game(game)
    constrained_package, constrained = nash_outcome(agreement_set(base))
    out = {}
    for rule in base.ratifications:
        others = [r for r in base.ratifications if r is not rule]
        free = attrs.evolve(
            base,
            ratifications=others,
            scenarios=[],
            lotteries=base.lotteries.without_quotas([rule.party]),
        )
        package, utilities = nash_outcome(agreement_set(free))
        out[rule.party] = TiedHands(
            party=rule.party,
            constrained_nash=constrained_package,
            unconstrained_nash=package,
            constrained=constrained[rule.party],
            unconstrained=utilities[rule.party],
        )
    return out
