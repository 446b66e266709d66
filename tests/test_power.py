"""Power indices: the UN Security Council, the U.S. legislature, brute-force cross-checks."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiate.errors import GameTooLargeError
from negotiate.model.voting import Bloc, Rule, VotingGame
from negotiate.voting.power import power_indices

F = Fraction


def security_council() -> VotingGame:
    """Five permanent members of weight 7, ten elected of weight 1, quota 39."""
    return VotingGame(
        id="unsc",
        title="UN Security Council",
        quota=39,
        blocs=[Bloc(id="permanent", count=5, weight=7), Bloc(id="elected", count=10, weight=1)],
    )


def us_legislature() -> VotingGame:
    """President, Senate and House: all three majorities, or two-thirds of both chambers."""
    return VotingGame(
        id="us",
        title="U.S. legislature",
        blocs=[Bloc(id="president"), Bloc(id="senate", count=100), Bloc(id="house", count=435)],
        rules=[
            Rule(need={"president": 1, "senate": 51, "house": 218}),
            Rule(need={"senate": 67, "house": 290}),
        ],
    )


def brute_force(game: VotingGame) -> dict[str, dict[str, Fraction]]:
    """Every index by listing all 2^n coalitions of individual voters."""
    voters = [(b.id, k) for b in game.blocs for k in range(b.count)]
    n = len(voters)

    def wins(coalition) -> bool:
        members: dict[str, int] = {}
        for bloc, _ in coalition:
            members[bloc] = members.get(bloc, 0) + 1
        return game.wins(members)

    swings = {v: 0 for v in voters}
    orderings = {v: Fraction(0) for v in voters}
    minimal = []
    for size in range(n + 1):
        for coalition in itertools.combinations(voters, size):
            if not wins(coalition):
                continue
            pivots = [v for v in coalition if not wins([u for u in coalition if u != v])]
            for v in pivots:
                swings[v] += 1
                orderings[v] += Fraction(
                    math.factorial(size - 1) * math.factorial(n - size), math.factorial(n)
                )
            if len(pivots) == size:
                minimal.append(coalition)
    all_swings = sum(swings.values())
    with_v = {v: sum(1 for c in minimal if v in c) for v in voters}
    all_with = sum(with_v.values())
    result: dict[str, dict[str, Fraction]] = {}
    for b in game.blocs:
        v = (b.id, 0)
        result[b.id] = {
            "shapley_shubik": orderings[v],
            "banzhaf_raw": Fraction(swings[v], 2 ** (n - 1)),
            "banzhaf": Fraction(swings[v], all_swings) if all_swings else Fraction(0),
            "deegan_packel": sum((Fraction(1, len(c)) for c in minimal if v in c), Fraction(0))
            / len(minimal),
            "holler": Fraction(with_v[v], all_with) if all_with else Fraction(0),
        }
    return result


def test_security_council_shapley_shubik():
    """UNSC: 421/2145 per permanent member and 4/2145 per elected one (Shapley-Shubik)."""
    power = power_indices(security_council())
    assert power.shapley_shubik["permanent"] == F(421, 2145)
    assert power.shapley_shubik["elected"] == F(4, 2145)


def test_security_council_banzhaf():
    """UNSC: 848 swings per permanent member and 84 per elected one out of 2^14."""
    power = power_indices(security_council())
    assert power.swings["permanent"] == 848 and power.swings["elected"] == 84
    assert power.banzhaf["elected"] == F(84, 5 * 848 + 10 * 84)


def test_security_council_minimal_winning():
    """UNSC: the minimal winning coalitions are the five permanent plus any four elected."""
    power = power_indices(security_council())
    assert power.minimal_winning_total == math.comb(10, 4)
    assert power.deegan_packel["permanent"] == F(1, 9)
    assert power.deegan_packel["elected"] == F(4, 10) * F(1, 9)
    assert power.holler["permanent"] == F(210, 5 * 210 + 10 * 84)


def test_security_council_matches_enumeration():
    """Counting over bloc compositions agrees with listing the 2^15 coalitions."""
    power = power_indices(security_council())
    expected = brute_force(security_council())
    for name in ("shapley_shubik", "banzhaf", "banzhaf_raw", "deegan_packel", "holler"):
        for bloc in ("permanent", "elected"):
            assert power.index(name)[bloc] == expected[bloc][name]


def test_us_legislature_exact():
    """The U.S. legislature (536 voters) is computed exactly (its speed: benchmarks/)."""
    game = us_legislature()
    power = power_indices(game)
    for name in ("shapley_shubik", "banzhaf", "deegan_packel", "holler"):
        assert sum(power.bloc_total(name).values()) == 1
    # Shapley-Shubik (1954): roughly 1 : 2.7 : 2.5 for President, Senate, House
    totals = power.bloc_total("shapley_shubik")
    assert F(15, 100) < totals["president"] < F(17, 100)
    assert totals["senate"] > totals["house"] > totals["president"]
    assert len(power.per_voter("banzhaf")) == 536


@st.composite
def bodies(draw):
    """Small random bodies: weighted or ruled, 1-3 blocs, at most 9 voters."""
    m = draw(st.integers(1, 3))
    counts = [draw(st.integers(1, 3)) for _ in range(m)]
    ids = ["a", "b", "c"][:m]
    if draw(st.booleans()):
        weights = [draw(st.integers(0, 5)) for _ in range(m)]
        total = sum(w * c for w, c in zip(weights, counts, strict=True))
        if total == 0:
            weights[0], total = 1, counts[0]
        quota = draw(st.integers(1, total))
        blocs = [
            Bloc(id=i, count=c, weight=w) for i, c, w in zip(ids, counts, weights, strict=True)
        ]
        return VotingGame(id="w", title="W", blocs=blocs, quota=quota)
    rules = [
        Rule(need={i: draw(st.integers(0, c)) for i, c in zip(ids, counts, strict=True)})
        for _ in range(draw(st.integers(1, 2)))
    ]
    rules = [r if any(r.need.values()) else Rule(need={ids[0]: 1}) for r in rules]
    blocs = [Bloc(id=i, count=c) for i, c in zip(ids, counts, strict=True)]
    return VotingGame(id="r", title="R", blocs=blocs, rules=rules)


@settings(max_examples=60, deadline=None)
@given(bodies())
def test_counting_matches_enumeration(game):
    """On small random bodies every index equals brute-force enumeration of coalitions."""
    power = power_indices(game)
    expected = brute_force(game)
    for b in game.blocs:
        for name, value in expected[b.id].items():
            assert power.index(name)[b.id] == value, (name, b.id)


def test_fractional_weights_exact():
    """Rational weights and quota are scaled to integers exactly."""
    game = VotingGame(
        id="f",
        title="F",
        quota="1/2",
        blocs=[Bloc(id="a", weight="1/3"), Bloc(id="b", weight="1/6"), Bloc(id="c", weight="1/6")],
    )
    assert dict(power_indices(game).shapley_shubik) == {"a": F(2, 3), "b": F(1, 6), "c": F(1, 6)}


def test_many_distinct_blocs_use_generating_functions():
    """40 voters of distinct weights (2^40 compositions) are counted by weight, exactly."""
    blocs = [Bloc(id=f"b{k}", weight=k + 1) for k in range(40)]
    power = power_indices(VotingGame(id="big", title="Big", blocs=blocs, quota=600))
    for name in ("shapley_shubik", "banzhaf", "deegan_packel", "holler"):
        assert sum(power.index(name).values()) == 1
    shares = [power.shapley_shubik[f"b{k}"] for k in range(40)]
    assert shares == sorted(shares)  # heavier voters are never weaker


def test_security_council_by_generating_functions():
    """The generating-function method gives the UNSC values too."""
    power = power_indices(security_council(), method="generating_functions")
    assert power.shapley_shubik["permanent"] == F(421, 2145)
    assert power.minimal_winning_total == 210


@settings(max_examples=60, deadline=None)
@given(bodies())
def test_generating_functions_match_compositions(game):
    """Both counting methods agree on every weighted body."""
    if game.quota is None:
        return
    by_compositions = power_indices(game, method="compositions")
    by_polynomials = power_indices(game, method="generating_functions")
    for name in ("shapley_shubik", "banzhaf", "banzhaf_raw", "deegan_packel", "holler"):
        assert by_compositions.index(name) == by_polynomials.index(name), name


def test_too_large_for_both_methods():
    """Many blocs of large distinct weights exceed both methods with a clear error."""
    blocs = [Bloc(id=f"b{k}", count=1, weight=10_000 + k) for k in range(200)]
    game = VotingGame(id="big", title="Big", blocs=blocs, quota=1_000_000)
    with pytest.raises(GameTooLargeError, match="too large"):
        power_indices(game)
