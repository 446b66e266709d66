"""Tutorial 9: a tour of the nine North American negotiations shipped in games/.

For each negotiation of the source documents, the headline of its model: is there a deal, what
is it, and the mechanism that decides it (linkage, tied hands, the hub, a side payment, a threat).
docs/games.md tells each story with its passages. Run it with
``python examples/09_the_nine_negotiations.py``.
"""

from __future__ import annotations

import negotiate
from negotiate.exact.numbers import to_text
from negotiate.io.catalog import shipped_game_path


def headline(game_id: str, scenario: str | None = None) -> negotiate.NegotiationGame:
    game = negotiate.load(shipped_game_path(game_id), scenario)
    analysis = negotiate.analyse(game)
    deal = (
        ", ".join(
            f"{issue.id}={option}"
            for issue, option in zip(game.issues, analysis.nash[0].package, strict=True)
            if option != issue.status_quo
        )
        if analysis.nash
        else "no deal beyond the point of disagreement"
    )
    print(f"{game_id}{f' [{scenario}]' if scenario else ''}: {deal}")
    return analysis


def main() -> None:
    print("== The whole enchilada, 2001-2002")
    for scenario in ("spring_2001", "post_9_11", "late_2002", "hindsight"):
        headline("whole_enchilada", scenario)
    print("   (late 2002 and hindsight: the grand bargain is gone)")

    print("\n== NAFTA, 1993")
    analysis = headline("nafta_1993")
    hands = analysis.tied_hands["us"]
    print(
        f"   Congress's veto is worth {to_text(hands.effect)} to the U.S. executive; without it: "
        + "/".join(hands.unconstrained_nash)
    )

    print("\n== The Smart Border accords, 2001-2002")
    analysis = headline("smart_border_2002")
    advantage = analysis.tables.hub_advantage["us"]
    print(f"   two bilateral tables, Canada first: the hub's advantage is {to_text(advantage)}")

    print("\n== The border as a strategic game")
    for game_id in ("hunker_down_border", "twenty_first_century_border"):
        game = negotiate.load(shipped_game_path(game_id))
        pure = [e for e in negotiate.equilibria(game).equilibria if e.pure]
        profiles = ["/".join(max(m, key=m.get) for m in e.strategies.values()) for e in pure]
        print(f"{game_id}: pure equilibria {profiles}")

    print("\n== Mexico's southern border, 2014-2016")
    analysis = headline("mexico_southern_border")
    transfer = analysis.transfer
    print(
        f"   enforcement alone costs {to_text(transfer.price_alone['enforcement'])}; "
        f"the Nash deal pays {to_text(transfer.nash[0].amount)} (USD million)"
    )

    print("\n== The wall and NAFTA, 2017")
    analysis = headline("wall_and_nafta_2017")
    (threat,) = analysis.threats
    print(
        f"   the threat to withdraw is credible: {threat.credible}; blocked by "
        + ", ".join(threat.blocked_by)
    )

    print("\n== The footprint, 2017")
    footprint = negotiate.load(shipped_game_path("north_american_footprint"))
    shares = negotiate.shapley_value(footprint)
    print(
        "north_american_footprint: Shapley "
        + ", ".join(f"{p} {to_text(x)}" for p, x in shares.as_dict().items())
    )

    print("\n== The USMCA review, 2026")
    analysis = headline("usmca_review_2026")
    print(
        "   minimal feasible linkages: "
        + "; ".join(" + ".join(m) for m in analysis.linkage.minimal_feasible)
    )


if __name__ == "__main__":
    main()
