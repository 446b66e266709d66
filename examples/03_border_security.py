"""Tutorial 3: from hunker-down security to the 21st Century Border, as two strategic games.

After September 11, 2001 the United States "hunkered down behind the boundaries of Fortress
America", and Mexico kept "a largely hands-off approach to its northern border". By 2010 the two
governments managed the border jointly ("co-responsibility and joint border management"). The
essays in "The Anatomy of a Relationship" explain the change by a change of logic: security and
facilitation stopped being seen as a trade-off and became "mutually reinforcing objectives".

Game theory reads that change as a change of game:

1. games/hunker_down_border.toml, a prisoner's dilemma: hunkering down pays whatever the other
   does, so both hunker down although both prefer joint management;
2. games/twenty_first_century_border.toml, an assurance game: joint management is the best reply
   to joint management, but mutual hunkering down is an equilibrium too; which one obtains
   depends on confidence, and the mixed equilibrium says how much confidence is needed.

Run it with ``python examples/03_border_security.py``. The payoffs are ordinal judgements made
explicit (see the files' comments).
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import negotiate
from negotiate.exact.numbers import to_text
from negotiate.io.gambit import to_gambit
from negotiate.report.normal_form import mixed_text
from negotiate.strategic.dominance import iterated_dominance
from negotiate.strategic.equilibria import equilibria

GAMES = Path(__file__).resolve().parent.parent / "games"


def describe(result):
    """One line per equilibrium: each government's strategy and payoff."""
    for equilibrium in result.equilibria:
        moves = "; ".join(
            f"{player} {mixed_text(mixed)}" for player, mixed in equilibrium.strategies.items()
        )
        payoffs = ", ".join(f"{p} {to_text(v)}" for p, v in equilibrium.payoffs.items())
        print(f"  {'pure ' if equilibrium.pure else 'mixed'}  {moves}  (payoffs: {payoffs})")


def confidence_needed(game, player):
    """The smallest probability that the other side co-manages for which co-managing pays.

    In a 2 x 2 assurance game this is the other side's probability of `co_manage` in the mixed
    equilibrium: it makes ``player`` indifferent.
    """
    mixed = [e for e in equilibria(game).equilibria if not e.pure]
    (equilibrium,) = mixed
    other = next(p for p in game.player_ids if p != player)
    return equilibrium.strategies[other]["co_manage"]


def main():
    print("== 2001: hunker-down security")
    dilemma = negotiate.load(GAMES / "hunker_down_border.toml")
    steps = iterated_dominance(dilemma)
    for step in steps.eliminations:
        (by,) = step.dominated_by
        print(f"  {step.player}: `{step.strategy}` is strictly dominated by `{by}`")
    result = equilibria(dilemma)
    print(f"  {len(result.equilibria)} equilibrium (exact, verified: {result.exact}):")
    describe(result)
    both = {p: dilemma.payoff(p, ("co_manage", "co_manage")) for p in dilemma.player_ids}
    print(
        "  Both would rather co-manage: "
        + ", ".join(f"{p} {to_text(v)}" for p, v in both.items())
        + " -- a prisoner's dilemma."
    )

    print("\n== 2010: the 21st Century Border")
    assurance = negotiate.load(GAMES / "twenty_first_century_border.toml")
    print(f"  Dominated strategies: {len(iterated_dominance(assurance).eliminations)}")
    result = equilibria(assurance)
    print(f"  {len(result.equilibria)} equilibria (degenerate: {result.degenerate}):")
    describe(result)
    for player in assurance.player_ids:
        needed = confidence_needed(assurance, player)
        print(
            f"  {player} co-manages only if it believes the other side co-manages with "
            f"probability of at least {to_text(needed)}"
        )

    print("\n== What if hunkering down costs more?")
    # "catastrophically self-defeating": lower the payoff of mutual hunkering down from 2 to 3/2
    # for both and see how much less confidence cooperation needs.
    cheaper = negotiate.NormalFormGame(
        id="costly_closure",
        title="Costlier closure",
        players=assurance.players,
        payoffs={
            "us": [[4, 1], [3, Fraction(3, 2)]],
            "mx": [[4, 3], [1, Fraction(3, 2)]],
        },
    )
    print(f"  confidence needed by us: {to_text(confidence_needed(cheaper, 'us'))}")

    print("\n== The same game for Gambit (.nfg, payoff version)")
    print(to_gambit(assurance), end="")


if __name__ == "__main__":
    main()
