"""Tutorial 1: the 'whole enchilada' - a two-level game before and after September 11.

In spring 2001 Presidents Bush and Fox discussed a grand bargain on migration: regularization of
undocumented Mexicans, a temporary worker program, border security cooperation, family
reunification and development of the regions migrants come from. Each government had to carry its
own constituencies at home: Putnam's two-level game. This script loads the model in
``games/whole_enchilada.toml``, and shows

1. what each government can ratify at home (its win-set) and which packages both can (the
   agreement set), in spring 2001 and after September 11;
2. which package each bargaining solution picks;
3. who must be won over at home for the Nash package.

Run it from the repository root: ``python examples/01_whole_enchilada.py``.
The numbers in the game file are ordinal judgements made explicit (see its comments): read the
results as "what these judgements imply", not as forecasts.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import negotiate  # noqa: E402
from negotiate.negotiation.solutions import (  # noqa: E402
    egalitarian_packages,
    kalai_smorodinsky_packages,
    nash_lottery,
    nash_packages,
    proposer_packages,
    utilitarian_packages,
)
from negotiate.negotiation.two_level import agreement_set  # noqa: E402

GAME = ROOT / "games" / "whole_enchilada.toml"


def describe(game: negotiate.NegotiationGame, package: tuple[str, ...]) -> str:
    """A package in the issues' own words, leaving out issues that stay at the status quo."""
    changes = [
        f"{issue.id} -> {option}"
        for issue, option in zip(game.issues, package, strict=True)
        if option != issue.status_quo
    ]
    return ", ".join(changes) or "nothing changes"


def step(title: str) -> None:
    print(f"\n== {title} ==")


# -- 1. The game ----------------------------------------------------------------------------------
step("The game")
base = negotiate.load(GAME)
print(base.title)
print(f"{len(base.issues)} issues, {base.package_count} packages (one option on every issue):")
for issue in base.issues:
    print(f"  {issue.id:<15} {issue.label}: {', '.join(issue.options)}")
print(f"Parties: {', '.join(p.label for p in base.parties)}")
print(f"Constituencies: {', '.join(c.id for c in base.constituencies)}")

# -- 2. Win-sets shrink after September 11 --------------------------------------------------------
step("Win-sets: what each side can ratify at home")
results = {}
for scenario in ("spring_2001", "post_9_11"):
    game = negotiate.load(GAME, scenario=scenario)
    result = agreement_set(game)
    results[scenario] = (game, result)
    sizes = ", ".join(f"{party} {size}" for party, size in result.win_set_sizes.items())
    print(
        f"{scenario:<12} win-sets: {sizes}; agreement set: {result.count} packages "
        f"({int(result.pareto.sum())} Pareto-efficient)"
    )
spring, after = results["spring_2001"][1], results["post_9_11"][1]
print(
    f"After September 11 the U.S. win-set shrinks from {spring.win_set_sizes['us']} to "
    f"{after.win_set_sizes['us']} packages (security matters more, regularization costs more, and "
    f"Congress needs a larger majority), and the agreement set from {spring.count} to "
    f"{after.count}."
)

# -- 3. What each solution picks ------------------------------------------------------------------
for scenario, (game, result) in results.items():
    step(f"Solutions, {scenario}")
    powers = ", ".join(f"{p.id} {p.power}" for p in game.parties)
    solutions = {
        f"Nash (powers {powers})": nash_packages(result),
        "Nash (equal powers)": nash_packages(result, {p: 1 for p in game.party_ids}),
        "Kalai-Smorodinsky": kalai_smorodinsky_packages(result),
        "egalitarian": egalitarian_packages(result),
        "utilitarian": utilitarian_packages(result),
    }
    solutions |= {
        f"{party} proposes": (outcome,) for party, outcome in proposer_packages(result).items()
    }
    for name, outcomes in solutions.items():
        for outcome in outcomes:
            gains = ", ".join(f"{p} {u}" for p, u in outcome.utilities.items())
            print(f"  {name:<26} {describe(game, outcome.package)}  [{gains}]")
    lottery = nash_lottery(result)
    if lottery is not None and len(lottery.lottery) == 1:
        print("  Randomising over packages would not help: the Nash lottery is a single package.")

# -- 4. Who must be won over at home --------------------------------------------------------------
step("Who must be won over at home for the Nash package")
for scenario, (game, result) in results.items():
    package = nash_packages(result)[0].package
    for party in game.party_ids:
        pivotal = [a for a in result.pivotal(party, package) if a != party]
        print(f"  {scenario:<12} {party}: {', '.join(pivotal) or 'no single constituency'}")

step("What to take away")
before_game, before = results["spring_2001"]
after_game, after = results["post_9_11"]
before_nash = nash_packages(before)[0].package
after_nash = nash_packages(after)[0].package
print(f"Spring 2001, the Nash package: {describe(before_game, before_nash)}.")
print(f"After September 11, the Nash package: {describe(after_game, after_nash)}.")
newly = set(after.pivotal("us", after_nash)) - set(before.pivotal("us", before_nash))
if newly:
    print(f"Newly pivotal in Washington after September 11: {', '.join(sorted(newly))}.")
