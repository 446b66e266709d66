"""Tutorial 3: from hunker-down security to the 21st Century Border, as two strategic games.

After September 11, 2001 the United States "hunkered down behind the boundaries of Fortress
America" and "unilaterally imposed significant additional security requirements"; Mexico
"responded by offering support for U.S. security objectives". By 2010 the two governments managed
the border jointly ("co-responsibility and joint border management"). The essays in "The Anatomy
of a Relationship" explain the change by a change of logic: security and facilitation stopped
being seen as a trade-off and became "mutually reinforcing objectives".

Game theory reads that change as a change of game, and the files derive each game from two
comparisons (see their comments):

1. games/hunker_down_border.toml, chicken: hunkering down pays against a partner that
   co-manages, but mutual closure is the worst outcome ("catastrophically self-defeating"). Two
   pure equilibria: one side hunkers down, the other accommodates. Which one? The side that can
   commit first picks it, and in 2001 that was the United States.
2. games/twenty_first_century_border.toml, harmony: once a border "cannot be secured by a single
   nation", hunkering down stops paying even against a co-managing partner, and co-managing is
   each side's dominant strategy.

Run it with ``python examples/03_border_security.py``. The payoffs are ordinal judgements made
explicit (see the files' comments).
"""

from __future__ import annotations

from pathlib import Path

import negotiate
from negotiate.exact.numbers import to_text
from negotiate.io.gambit import to_gambit
from negotiate.report.normal_form import mixed_text
from negotiate.strategic.dominance import iterated_dominance
from negotiate.strategic.equilibria import equilibria

GAMES = Path(__file__).resolve().parent.parent / "games"
MOVES = ("co_manage", "hunker_down")


def describe(result):
    """One line per equilibrium: each government's strategy and payoff."""
    for equilibrium in result.equilibria:
        moves = "; ".join(
            f"{player} {mixed_text(mixed)}" for player, mixed in equilibrium.strategies.items()
        )
        payoffs = ", ".join(f"{p} {to_text(v)}" for p, v in equilibrium.payoffs.items())
        print(f"  {'pure ' if equilibrium.pure else 'mixed'}  {moves}  (payoffs: {payoffs})")


def committed_outcome(game, leader):
    """The outcome when ``leader`` commits to a move first and the other best-replies.

    Backward induction by hand on the 2 x 2 game: for each move of the leader, the follower's
    best reply; the leader takes the move whose reply pays it most.
    """
    follower = next(p for p in game.player_ids if p != leader)

    def profile(own, other):
        return (own, other) if game.player_ids[0] == leader else (other, own)

    def reply(move):
        return max(MOVES, key=lambda answer: game.payoff(follower, profile(move, answer)))

    best = max(MOVES, key=lambda move: game.payoff(leader, profile(move, reply(move))))
    return profile(best, reply(best))


def comparisons(game, player):
    """The two comparisons that decide the game for ``player``: its payoff from hunkering down
    minus co-managing, against a co-managing and against a hunkering partner."""

    def payoff(own, other):
        return game.payoff(player, (own, other) if player == game.player_ids[0] else (other, own))

    return (
        payoff("hunker_down", "co_manage") - payoff("co_manage", "co_manage"),
        payoff("hunker_down", "hunker_down") - payoff("co_manage", "hunker_down"),
    )


def main():
    print("== 2001: hunker-down security")
    chicken = negotiate.load(GAMES / "hunker_down_border.toml")
    for player in chicken.player_ids:
        tempted, closure = comparisons(chicken, player)
        print(
            f"  {player}: hunkering down pays {to_text(tempted)} against joint management and "
            f"{to_text(closure)} against closure"
        )
    print(f"  Dominated strategies: {len(iterated_dominance(chicken).eliminations)}")
    result = equilibria(chicken)
    print(f"  {len(result.equilibria)} equilibria (exact, verified: {result.exact}):")
    describe(result)
    for leader in chicken.player_ids:
        outcome = committed_outcome(chicken, leader)
        print(f"  if {leader} commits first: {' / '.join(outcome)}")

    print("\n== 2010: the 21st Century Border")
    harmony = negotiate.load(GAMES / "twenty_first_century_border.toml")
    for player in harmony.player_ids:
        tempted, closure = comparisons(harmony, player)
        print(
            f"  {player}: hunkering down pays {to_text(tempted)} against joint management and "
            f"{to_text(closure)} against closure"
        )
    steps = iterated_dominance(harmony)
    for step in steps.eliminations:
        (by,) = step.dominated_by
        print(f"  {step.player}: `{step.strategy}` is strictly dominated by `{by}`")
    result = equilibria(harmony)
    print(f"  {len(result.equilibria)} equilibrium:")
    describe(result)

    print("\n== The same game for Gambit (.nfg, payoff version)")
    print(to_gambit(harmony), end="")


if __name__ == "__main__":
    main()
