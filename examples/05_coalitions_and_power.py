"""Tutorial 5: coalitions and voting power in North America.

"This will probably be a case-by-case and an a la carte approach, sometimes working bilaterally
and sometimes trilaterally with Canada" (Towards a North American Foreign Policy Footprint,
2017). And: integration happened "along narrow, market-restricted, double-bilateralist lines
with the US as a pivot" (North America: Weak regionalism, strong borders).

This tutorial measures what being the pivot is worth, in three steps:

1. The TU game of ``games/north_american_footprint.toml``: who gets what under the Shapley value
   and the nucleolus, whether any split is stable (the core), and the bargaining set; then the
   six fields it adds up (``games/footprint_*.toml``), each with its own partnerships: a la
   carte, Mexico weighs most in Central America and Canada in defence.
2. A counterfactual: strengthen the Mexico-Canada link and watch the U.S. share fall.
3. Power at home: the U.S. legislature of ``games/us_ratification.toml`` (536 voters, exact power
   indices) and the ratification bodies of the "whole enchilada" negotiation.

Run it with ``python examples/05_coalitions_and_power.py``.
"""

from __future__ import annotations

from pathlib import Path

import negotiate
from negotiate.cooperative.bargaining_set import bargaining_set_three_players
from negotiate.cooperative.core import core
from negotiate.cooperative.nucleolus import nucleolus
from negotiate.cooperative.shapley import shapley_value
from negotiate.exact.numbers import to_text
from negotiate.model.coalition import CoalitionGame
from negotiate.negotiation.international import international_game
from negotiate.negotiation.ratification import ratification_power
from negotiate.voting.power import power_indices

GAMES = Path(__file__).resolve().parent.parent / "games"


def split(values) -> str:
    """A payoff vector as 'us 11/2 (5.5)  mx 4  ca 7/2 (3.5)'."""
    return "  ".join(f"{p} {to_text(x)}" for p, x in values.as_dict().items())


def step_1() -> CoalitionGame:
    print("1. A-la-carte cooperation among the U.S., Mexico and Canada")
    print("-----------------------------------------------------------")
    game = negotiate.load(GAMES / "north_american_footprint.toml")
    for members in (["us", "mx"], ["us", "ca"], ["mx", "ca"], ["us", "mx", "ca"]):
        print(f"   v({'+'.join(members)}) = {game.value(members)}")
    print(f"Shapley value:  {split(shapley_value(game))}")
    result = nucleolus(game)
    print(f"Nucleolus:      {split(result.allocation)}  (exact, verified: {result.verified})")
    the_core = core(game)
    surplus = to_text(-the_core.least_core_epsilon)
    print(
        f"Core empty: {the_core.empty}; least-core epsilon {to_text(the_core.least_core_epsilon)}:"
        f" some split gives every coalition {surplus} more than it can get on its own."
    )
    pieces = bargaining_set_three_players(game).pieces
    corners = "; ".join(
        "(" + ", ".join(to_text(c) for c in v) + ")" for piece in pieces for v in piece.vertices
    )
    print(f"Bargaining set: {len(pieces)} polygon with corners {corners}")
    print("The U.S., the hub of two bilaterals, gets the largest share under every solution.")
    print("\nField by field (Shapley value; it is additive, so the fields sum to the above):")
    for path in sorted(GAMES.glob("footprint_*.toml")):
        field = negotiate.load(path)
        shares = shapley_value(field)
        if shares["mx"] == shares["ca"]:
            lead = "mx and ca even"
        else:
            lead = ("mx" if shares["mx"] > shares["ca"] else "ca") + " ahead of the other"
        print(f"   {field.id.removeprefix('footprint_'):<16} {split(shares)}   ({lead})")
    print()
    return game


def step_2(game: CoalitionGame) -> None:
    print("2. What if Mexico and Canada worked together without the U.S.?")
    print("--------------------------------------------------------------")
    print("v(mx+ca)  U.S. Shapley     U.S. nucleolus")
    mx_ca = game.mask(["mx", "ca"])
    for link in range(0, 25, 6):
        worth = list(game.worth)
        worth[mx_ca] = link
        variant = CoalitionGame(id="variant", title="variant", players=game.players, worth=worth)
        us_shapley = shapley_value(variant)["us"]
        us_nucleolus = nucleolus(variant).allocation["us"]
        print(f"{link:<9} {to_text(us_shapley):<16} {to_text(us_nucleolus)}")
    print("A stronger Mexico-Canada link erodes the pivot's premium: double bilateralism pays.\n")


def step_3() -> None:
    print("3. Power at home: who can block ratification?")
    print("---------------------------------------------")
    legislature = negotiate.load(GAMES / "us_ratification.toml")
    power = power_indices(legislature)
    print(f"U.S. legislature, {legislature.voter_count} voters; combined power of each bloc:")
    for name in ("shapley_shubik", "banzhaf"):
        totals = power.bloc_total(name)
        shown = "  ".join(f"{bloc} {float(v):.4f}" for bloc, v in totals.items())
        print(f"   {name:<15} {shown}")
    one = power.shapley_shubik
    ratio = one["president"] / one["senate"]
    print(f"The President alone weighs as much as {float(ratio):.0f} senators (Shapley-Shubik).")
    talks = negotiate.load(GAMES / "whole_enchilada.toml")
    for party, indices in ratification_power(talks).items():
        shown = "  ".join(f"{bloc} {to_text(v)}" for bloc, v in indices.shapley_shubik.items())
        print(f"Ratification in {party} (Shapley-Shubik): {shown}")
    tu = international_game(talks)
    print(
        f"Between governments, only the pair together gains: v(us+mx) = "
        f"{to_text(tu.worth[tu.grand_coalition])}; its nucleolus splits it "
        f"{split(nucleolus(tu).allocation)}."
    )


if __name__ == "__main__":
    step_2(step_1())
    step_3()
