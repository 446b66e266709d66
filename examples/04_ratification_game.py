"""Tutorial 4: why migration stayed out of NAFTA -- backward induction on a ratification game.

"The administration was aware that inclusion of migration issues within NAFTA could jeopardize
congressional approval" ("North America: Weak regionalism, strong borders"). In
games/ratification_game.toml the U.S. executive proposes trade linked with labour mobility, or
trade alone; Mexico accepts or rejects; Congress ratifies or rejects.

This script:

1. finds every subgame-perfect equilibrium by backward induction and reads its path in words;
2. shows a Nash equilibrium of the strategic form that is not subgame perfect (it rests on a
   threat Mexico would not carry out);
3. asks two counterfactuals: the chapter's other reading, an executive that prefers trade alone
   anyway (the outcome does not change: it is overdetermined), and a Congress that would ratify
   migration provisions (then linkage happens: the veto is what keeps migration out);
4. exports the tree to Gambit's .efg format.

Run it with ``python examples/04_ratification_game.py``. The payoffs are ordinal judgements made
explicit (see the file's comments).
"""

from __future__ import annotations

from pathlib import Path

import attrs

import negotiate
from negotiate.io.gambit import to_gambit
from negotiate.report.extensive_form import path_in_words
from negotiate.strategic.extensive import analyse, subgame_perfect_equilibria

GAME = Path(__file__).resolve().parent.parent / "games" / "ratification_game.toml"


def with_payoff(game, node_id, player, value):
    """The game with one terminal payoff changed."""
    nodes = [
        attrs.evolve(n, payoffs={**n.payoffs, player: value}) if n.id == node_id else n
        for n in game.nodes
    ]
    return attrs.evolve(game, nodes=nodes)


def show_spe(game):
    """Print each subgame-perfect equilibrium's path and its off-path plan."""
    for equilibrium in subgame_perfect_equilibria(game):
        print("  " + path_in_words(game, equilibrium))
        off_path = [
            f"{player} would {move} at {node}"
            for player, plan in equilibrium.strategies.items()
            for node, move in plan.items()
            if node not in equilibrium.path
        ]
        print("  Off the path: " + "; ".join(off_path) + ".")


def main():
    game = negotiate.load(GAME)
    print("== Backward induction")
    show_spe(game)

    print("\n== Nash equilibria of the strategic form")
    analysis = analyse(game)
    pure = [e for e in analysis.equilibria if e.pure]
    print(
        f"  {len(analysis.equilibria)} extreme equilibria ({len(pure)} pure); "
        f"degenerate: {analysis.result.degenerate}"
    )
    # A pure equilibrium in which Mexico rejects trade alone and the U.S. therefore links: Mexico's
    # threat is empty, since facing trade alone it would accept (3 beats 1).
    threat = next(
        e
        for e in pure
        if e.support("us") == ("linked",) and e.support("mx")[0].split("/")[1] == "reject"
    )
    plan = ", ".join(f"{p} {e[0]}" for p, e in ((p, threat.support(p)) for p in game.players))
    print(f"  Not subgame perfect: {plan} (Mexico threatens to reject trade alone).")

    print("\n== If the executive preferred trade alone anyway (us 2 instead of 4 for the link)")
    reluctant = with_payoff(game, "linked_deal", "us", 2)
    show_spe(reluctant)

    print("\n== If Congress would ratify migration provisions (congress 3 instead of 0)")
    willing = with_payoff(game, "linked_deal", "congress", 3)
    show_spe(willing)

    print("\n== The tree for Gambit (.efg)")
    print(to_gambit(game), end="")


if __name__ == "__main__":
    main()
