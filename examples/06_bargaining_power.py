"""Tutorial 6: bargaining power is patience.

"The 'whole enchilada' approach overestimated Mexico's bargaining powers vis-a-vis its northern
neighbour" (North America: Weak regionalism, strong borders). This tutorial asks what that
means in numbers, with the game in ``games/bargaining_power.toml``: four stylised migration deals
between the U.S. and Mexico, as utility points.

1. The axiomatic solutions (Nash, Kalai-Smorodinsky, egalitarian, utilitarian) say where a
   "fair" deal lies; none of them looks at who can afford to wait.
2. Rubinstein's alternating-offers game does: each rejected proposal costs a round, and the
   player who loses less by waiting gets more. We vary Mexico's per-round discount factor and
   watch its share.
3. Binmore, Rubinstein & Wolinsky (1986): when rounds are short, the equilibrium is the Nash
   solution with bargaining powers proportional to patience, 1 / (discount rate).

Run it with ``python examples/06_bargaining_power.py``.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import negotiate
from negotiate.bargaining.alternating_offers import alternating_offers, binmore_rubinstein_wolinsky
from negotiate.bargaining.analysis import analyse, feasible_points
from negotiate.bargaining.nash import nash_point
from negotiate.exact.numbers import to_text

GAME = Path(__file__).resolve().parent.parent / "games" / "bargaining_power.toml"


def main() -> None:
    problem = negotiate.load(GAME)
    us, mx = problem.players
    points = feasible_points(problem)
    d = problem.disagreement
    print(problem.title)
    print("=" * len(problem.title))
    print()
    print(
        "Deals as utility points (U.S., Mexico):",
        ", ".join(str(tuple(map(int, p))) for p in points),
    )
    print(f"No deal: U.S. {to_text(us.disagreement)}, Mexico {to_text(mx.disagreement)}.")
    print()

    print("1. Where the axiomatic solutions put the deal")
    result = analyse(problem)
    for name, point in [
        ("Nash", result.nash),
        ("Kalai-Smorodinsky", result.kalai_smorodinsky),
        ("egalitarian", result.egalitarian),
    ]:
        u_us, u_mx = point.utilities
        print(f"   {name:18} U.S. {to_text(u_us):16} Mexico {to_text(u_mx)}")
    solutions = (result.nash, result.kalai_smorodinsky, result.egalitarian)
    least = min(p.utilities[1] for p in solutions)
    print(f"   Mexico gets at least {to_text(least)} under each: judged by fairness alone, a")
    print("   deal well beyond security cooperation was within reach.")
    print()

    print("2. Alternating offers: Mexico's share as its patience changes")
    print(f"   (U.S. discount factor per round: {to_text(us.discount)})")
    print()
    print("   Mexico's discount  Mexico proposes first  U.S. proposes first")
    shares = []
    for delta_mx in [
        Fraction(1, 2),
        Fraction(7, 10),
        Fraction(4, 5),
        Fraction(9, 10),
        Fraction(19, 20),
        Fraction(99, 100),
    ]:
        discounts = (us.discount, delta_mx)
        mexico_first = alternating_offers(points, d, discounts, first=1).utilities[1]
        us_first = alternating_offers(points, d, discounts, first=0).utilities[1]
        shares.append(mexico_first)
        marker = "  <- the game file" if delta_mx == mx.discount else ""
        print(f"   {delta_mx!s:17}  {to_text(mexico_first):21}  {to_text(us_first)}{marker}")
    print()
    print("   Proposing first helps Mexico, but patience matters more: at 4/5 per round Mexico")
    print(
        f"   gets {to_text(shares[2])} even though it opens, against Nash's"
        f" {to_text(result.nash.utilities[1])}."
    )
    print(f"   Even at 99/100, more patient than the U.S., Mexico gets {to_text(shares[-1])}, not")
    print("   the 10 of the whole enchilada.")
    print()

    print("3. Short rounds: patience becomes Nash bargaining power (Binmore-Rubinstein-Wolinsky)")
    rates = (1.0, 4.0)  # Mexico discounts time four times as fast as the U.S.
    limit = nash_point(points, d, (1 / rates[0], 1 / rates[1])).utilities
    for period in (0.5, 0.05, 0.005):
        spe = binmore_rubinstein_wolinsky(points, d, rates, period, first=1).utilities
        print(f"   round length {period:<6} Mexico gets {spe[1]:.4f}")
    print(f"   Nash with powers (1, 1/4):  Mexico gets {float(limit[1]):.4f}")
    print()
    print("Conclusion: an impatient Mexico facing a patient hub should expect a deal near the")
    print("security end of the frontier, whatever fairness suggests; that is what 2002 delivered.")


if __name__ == "__main__":
    main()
