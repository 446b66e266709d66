"""Tutorial 8: power at the table -- a threat in 2017, and the hub of 2001-2002.

Two stories of "North America: Weak regionalism, strong borders", built here in Python:

1. 2017: "The construction of the (in)famous border wall was linked by the president to the NAFTA
   renegotiations from the start of his presidency, and used as a threat to end talks". Is the
   threat to withdraw credible -- at the table, and at home? And if it were, would Mexico pay?
2. 2001-2002: "Canada signed a Border Partnership Agreement (better known as Smart Border Accord)
   ... Mexico, worried to be left behind, followed suit in 2002": double bilateralism with the
   U.S. as hub. Why two bilateral tables, and why Canada first?

Then the shipped versions: games/wall_and_nafta_2017.toml and games/smart_border_2002.toml.
Run it with ``python examples/08_threats_and_hubs.py``. The numbers are ordinal judgements made
explicit (see the games' comments).
"""

from __future__ import annotations

from pathlib import Path

import negotiate
from negotiate.exact.numbers import to_text
from negotiate.model import (
    Constituency,
    Interaction,
    Issue,
    NegotiationGame,
    Party,
    Ratification,
    Threat,
)
from negotiate.negotiation.tables import bilateral_tables
from negotiate.negotiation.threats import threat_analysis

GAMES = Path(__file__).resolve().parent.parent / "games"


def wall(quota: int) -> NegotiationGame:
    """NAFTA and who pays for the wall; withdrawal needs ``quota`` of 100 at home."""
    return NegotiationGame(
        id="wall",
        title="The wall and NAFTA",
        parties=[
            Party(
                id="us",
                values={"nafta": {"renegotiated": 3, "withdrawn": 1}, "wall": {"mexico_pays": 6}},
            ),
            Party(
                id="mx",
                values={"nafta": {"renegotiated": 1, "withdrawn": -5}, "wall": {"mexico_pays": -8}},
            ),
        ],
        issues=[
            Issue(
                id="nafta", options=["in_force", "renegotiated", "withdrawn"], controlled_by="us"
            ),
            Issue(id="wall", options=["united_states", "mexico_pays"]),
        ],
        constituencies=[
            Constituency(
                id="base",
                party="us",
                weight=40,
                values={"wall": {"mexico_pays": 6}, "nafta": {"renegotiated": 2, "withdrawn": 2}},
            ),
            Constituency(
                id="business",
                party="us",
                weight=60,
                values={"nafta": {"withdrawn": -6}},
            ),
        ],
        ratifications=[Ratification(party="us", quota=quota)],
        threats=[Threat(id="withdraw", by="us", issue="nafta", option="withdrawn")],
    )


def step_1() -> None:
    print("== 2017: the threat to withdraw from NAFTA")
    for quota, label in ((50, "as it was"), (40, "if the base alone could carry withdrawal")):
        game = wall(quota)
        result = threat_analysis(game, game.threats[0])
        nash = ", ".join("/".join(o.package) for o in result.nash) or "no agreement"
        print(f"  {label}: credible {result.credible}; blocked by {list(result.blocked_by)}")
        point = ", ".join(f"{p} {to_text(u)}" for p, u in result.disagreement.items())
        print(f"    point of disagreement: {point}")
        print(
            f"    Nash package {nash}; change for each party "
            + ", ".join(f"{p} {to_text(g)}" for p, g in result.gains.items())
        )
    print("  Even a credible threat does not get the wall paid: paying (-8 + 1) is worse for")
    print("  Mexico than losing NAFTA (-5).")


def step_2() -> None:
    print("\n== 2001-2002: two bilateral tables with the U.S. as hub")
    game = NegotiationGame(
        id="smart",
        title="Smart borders",
        parties=[
            Party(id="us", values={"north": {"accord": 4}, "south": {"accord": 3}}),
            Party(id="ca", values={"north": {"accord": 3}}),
            Party(id="mx", values={"south": {"accord": -1}}),
        ],
        issues=[
            Issue(id="north", options=["none", "accord"], parties=["us", "ca"]),
            Issue(id="south", options=["none", "accord"], parties=["us", "mx"]),
        ],
        # "Mexico, worried to be left behind"
        interactions=[Interaction(actor="mx", when={"north": "accord", "south": "none"}, value=-3)],
    )
    tables = bilateral_tables(game)
    for sequence in tables.sequences:
        first, second = ("+".join(t) for t in sequence.order)
        final = sequence.final
        print(
            f"  {first} then {second}: {'/'.join(final.package)}  "
            + ", ".join(f"{p} {to_text(u)}" for p, u in final.utilities.items())
        )
    single = "no agreement" if tables.trilateral is None else "/".join(tables.trilateral.package)
    advantage = ", ".join(f"{h} {to_text(a)}" for h, a in tables.hub_advantage.items())
    print(f"  one trilateral table: {single}")
    print(f"  the hub's advantage: {advantage}")


def step_3() -> None:
    print("\n== The shipped games")
    smart = negotiate.analyse(negotiate.load(GAMES / "smart_border_2002.toml"))
    assert smart.tables is not None
    advantage = ", ".join(f"{h} {to_text(a)}" for h, a in smart.tables.hub_advantage.items())
    print(f"  smart_border_2002: the hub's advantage {advantage}")
    nafta = negotiate.analyse(negotiate.load(GAMES / "nafta_1993.toml"))
    hands = nafta.tied_hands["us"]
    print(
        f"  nafta_1993: Congress's veto is worth {to_text(hands.effect)} to the U.S. executive; "
        f"without it the Nash package would be {'/'.join(hands.unconstrained_nash)}"
    )


if __name__ == "__main__":
    step_1()
    step_2()
    step_3()
