"""Tutorial 7: what does Mexico's southern-border enforcement cost the U.S., and how does an
uncertain Congress change the 2001 grand bargain?

Part 1 (examples/southern_border_funding.toml). From 2014 the U.S. paid for Mexico's Southern
Border Strategy: 79 million USD in 2015 on top of 86.6 million already appropriated, 75 million in
2016. A deal is now a package and an amount of money; Congress must appropriate it. We ask:

1. At which amounts does every side ratify enforcement?
2. What does the Nash bargain pay, and what would it pay if Congress did not have to agree?

Part 2 (games/whole_enchilada.toml, spring 2001). Bush's team searched for "the terms of an
agreement that will be politically palatable to the U.S. Congress" without knowing them. Suppose
Congress passes the deal with a simple majority (quota 50) with probability 2/3, but demands 75 of
100 with probability 1/3. We ask:

3. Which package do negotiators who know only these odds propose, and how likely is it to pass?
4. What would they settle for if they planned for the worst case?
5. Which uncertainty matters?
6. Does linking the issues still pay when every deal, separate or linked, is put to the same
   uncertain Congress? (The linkage analysis follows the game's rule: each issue alone is settled
   by the expected Nash solution and voted on its own.)

Run it with ``python examples/07_side_payments.py``.
"""

from __future__ import annotations

from pathlib import Path

import attrs

import negotiate
from negotiate.exact.numbers import to_text
from negotiate.model.lotteries import Lottery
from negotiate.negotiation.linkage import linkage
from negotiate.negotiation.transfers import transfer_analysis
from negotiate.negotiation.uncertain_ratification import uncertain_ratification, with_uncertainty

HERE = Path(__file__).resolve().parent
FUNDING = HERE / "southern_border_funding.toml"
ENCHILADA = HERE.parent / "games" / "whole_enchilada.toml"


def moved(game, package):
    """The options of a package that leave the status quo, in words."""
    changes = [
        f"{issue.id}={option}"
        for issue, option in zip(game.issues, package, strict=True)
        if option != issue.status_quo
    ]
    return ", ".join(changes) or "status quo"


def intervals(values):
    """Closed intervals as `[80, 90]`."""
    return " or ".join(f"[{to_text(lo)}, {to_text(hi)}]" for lo, hi in values) or "none"


def part_one():
    """What enforcement costs, with and without Congress."""
    game = negotiate.load(FUNDING)
    result = transfer_analysis(game)
    package = ("strategy",)
    print("== Southern-border enforcement for money (USD million)")
    print(f"Amounts every side ratifies: {intervals(result.feasible_amounts(package))}")
    print(f"Price of enforcement alone: {to_text(result.price_alone['southern_border'])}")
    deal = result.nash[0]
    print(f"Nash deal: {moved(game, deal.package)} for {to_text(deal.amount)}")
    free = transfer_analysis(attrs.evolve(game, ratifications=[]))
    print(f"Without Congress's consent the Nash deal would pay {to_text(free.nash[0].amount)}:")
    print("  the appropriators' limit ties the executive's hands and saves the U.S. money.")


def part_two():
    """The 2001 grand bargain when Congress's quota is a gamble."""
    base = negotiate.load(ENCHILADA, scenario="spring_2001")
    game = with_uncertainty(base, quotas={"us": Lottery([(50, "2/3"), (75, "1/3")])})
    result = uncertain_ratification(game)
    print("== The grand bargain with an uncertain Congress (quota 50 or 75)")
    possible, sure = result.win_sets["us"]
    print(f"U.S. win-set: {possible} packages possible, {sure} sure")
    for o in result.expected_nash:
        print(
            f"Expected Nash: {moved(game, o.package)}; passes with probability "
            f"{to_text(o.probability)}"
        )
    for o in result.worst_case_nash:
        print(
            f"Planning for the worst: {moved(game, o.package)}; passes with probability "
            f"{to_text(o.probability)}"
        )
    for s in result.sensitivity:
        print(
            f"  if the quota were surely {to_text(s.value)}: the expected Nash package passes "
            f"with probability {to_text(s.probability)}"
        )


def part_three():
    """Does linkage still pay when every deal is a gamble at home?"""
    base = negotiate.load(ENCHILADA, scenario="spring_2001")
    game = with_uncertainty(base, quotas={"us": Lottery([(50, "2/3"), (75, "1/3")])})
    certain, uncertain = linkage(base), linkage(game)
    print("== Linkage when Congress is a gamble")
    for deal in uncertain.separate:
        if deal.feasible:
            print(
                f"{deal.issue} alone: {deal.option}, passes with probability "
                f"{to_text(deal.probability)}"
            )
    print(
        f"Linked: passes with probability {to_text(uncertain.linked.probability)}; expected "
        "gains over the separate deals: "
        + ", ".join(f"{p} {to_text(g)}" for p, g in uncertain.gains.items())
    )
    print(
        "With Congress surely at quota 50 the gains are "
        + ", ".join(f"{p} {to_text(g)}" for p, g in certain.gains.items())
        + ": the gamble shrinks what linkage buys, but linking still pays."
    )


if __name__ == "__main__":
    part_one()
    print()
    part_two()
    print()
    part_three()
