"""Tutorial 2: what does linking security to regularization and a worker program buy each side?

In spring 2001 Presidents Fox and Bush discussed a "whole enchilada": earned regularization of the
undocumented, a temporary worker program, and border management and security, plus family
reunification and development of high out-migration regions. Mexico's cooperation on border
security was the chip it could trade; the U.S. wanted it. After September 11 security "leapfrogged
in importance" in Washington.

This script asks, for both moments (scenarios `spring_2001` and `post_9_11` of
games/whole_enchilada.toml):

1. Can security be agreed on its own, and if not, who blocks it at home?
2. What does tying security to regularization, and to regularization plus the worker program,
   buy each side compared with negotiating issue by issue?
3. Which linkages are the smallest that work, and how much does each issue contribute?
4. How patient must each government be to keep the linked deal (enforcement)?

Run it with ``python examples/02_linkage.py``. The numbers in the game file are ordinal
judgements made explicit (see its comments): read the results as "what those judgements imply".
"""

from __future__ import annotations

from pathlib import Path

import negotiate
from negotiate.exact.numbers import to_text

GAME = Path(__file__).resolve().parent.parent / "games" / "whole_enchilada.toml"
LINKAGES = [("security", "regularization"), ("security", "regularization", "workers")]
"""The linkages asked about: security with regularization, then with the worker program too."""


def moved(game, package):
    """The options of a package that leave the status quo, in words."""
    changes = [
        f"{issue.id}={option}"
        for issue, option in zip(game.issues, package, strict=True)
        if option != issue.status_quo
    ]
    return ", ".join(changes) or "status quo"


def gains(values):
    """Each party's number, as `us +3, mx 0`."""
    return ", ".join(
        f"{party} {'+' if value > 0 else ''}{to_text(value)}" for party, value in values.items()
    )


def factors(values):
    """Critical discount factors, as `us 0, mx 3/5 (0.6)`."""
    return ", ".join(
        f"{party} {'none works' if d is None else to_text(d)}" for party, d in values.items()
    )


def blocked_by(deal):
    """Who blocks an issue negotiated alone, in words."""
    parts = []
    for b in deal.blockers:
        who = (["its executive"] if b.executive else []) + list(b.constituencies)
        parts.append(f"{b.party} ({', '.join(who)})" if who else b.party)
    return "; ".join(parts)


def analyse(scenario):
    """Print what linkage does in one scenario; return the numbers the reading needs."""
    game = negotiate.load(GAME, scenario)
    name = game.scenarios[game.scenario_ids().index(scenario)].label
    print(f"== {scenario}: {name} ==")

    base = negotiate.linkage(game)
    security = base.separate_deal("security")
    if security.feasible:
        print(f"Security alone: agreed at {security.option}.")
    else:
        print(f"Security alone: no agreement; blocked at home by {blocked_by(security)}.")
    print(
        f"Issue by issue: {moved(game, base.separate_combined.package)}"
        f" -> utilities {gains(base.separate_combined.utilities)}"
    )

    chosen = {}
    for issues in LINKAGES:
        link = negotiate.linkage(game, link=issues).chosen
        chosen[issues] = link
        reached = moved(game, link.deal.package) if link.deal.feasible else "no agreement"
        print(f"Link {' + '.join(link.issues)}: {reached}")
        print(f"  gain over issue by issue: {gains(link.gains)}")
        print(f"  discount factor needed to keep it: {factors(link.enforcement)}")

    print(f"Everything linked: {moved(game, base.linked.package)}")
    print(f"  gain over issue by issue: {gains(base.gains)}")
    print(f"  discount factor needed to keep it: {factors(base.enforcement.linked)}")
    print("Smallest linkages that work: " + "; ".join(" + ".join(m) for m in base.minimal_feasible))
    print(
        f"Security's share of the largest joint gain ({to_text(base.joint_gain)}): "
        f"{to_text(base.issue_values['security'])}"
    )
    print()
    return base, chosen


def main() -> None:
    before, before_links = analyse("spring_2001")
    after, after_links = analyse("post_9_11")

    pair, triple = (before_links[issues] for issues in LINKAGES)
    print("Reading:")
    security_before = before.separate_deal("security")
    if not security_before.feasible:
        print(f"- Spring 2001: border cooperation alone fails: {blocked_by(security_before)}.")
    print(
        f"- Tied to regularization it gives {gains(pair.gains)} over issue by issue, and Mexico "
        f"must value the future at {to_text(pair.enforcement['mx'])} or more not to renege."
    )
    print(
        f"- Adding the worker program gives {gains(triple.gains)}; Mexico needs a discount "
        f"factor of {to_text(triple.enforcement['mx'])}"
        + (": the package holds itself together." if triple.enforcement["mx"] == 0 else ".")
    )
    security_after = after.separate_deal("security")
    if security_after.feasible:
        print(f"- After 9/11 the U.S. gets security = {security_after.option} on its own;")
    print(
        f"  linking it to regularization and workers buys {gains(after_links[LINKAGES[1]].gains)},"
        f" and the full package gives {gains(after.gains)}."
    )


if __name__ == "__main__":
    main()
