"""Benchmark: TU solution concepts and power indices, side by side with coopgame-py.

Run with ``python benchmarks/bench_coalitions.py`` from the repository root. Seeded random games:

- Shapley and Banzhaf values end to end (the game built from an integer worth array, then
  solved) for n = 15, 18, 20 (2^20 = 1,048,576 coalitions), exact (ours) vs floats (peer);
- nucleolus for n = 3, 4 (ours: the stages in exact arithmetic) and 8, 10, 12, 15, 16 (ours:
  sequential HiGHS LPs + exact Kohlberg certificate), and at n = 10 with the worths scaled by
  1e20 and 1e-9 (ours only);
- power indices: the UN Security Council (both), the U.S. legislature (536 voters; ours only,
  the peer needs the 2^536 worth vector).

The peer, ``coopgame-py`` (a Rust library with Python bindings), is optional: install it in a
virtual environment (``pip install coopgame-py``); without it only our timings are printed.
Timings are the best of a few runs (``time.perf_counter``); peak memory via ``tracemalloc``.
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from negotiate.cooperative.banzhaf import banzhaf_value
from negotiate.cooperative.nucleolus import nucleolus
from negotiate.cooperative.nucleolus_exact import EXACT_PLAYERS
from negotiate.cooperative.shapley import shapley_value
from negotiate.model.coalition import CoalitionGame
from negotiate.model.voting import Bloc, Rule, VotingGame
from negotiate.voting.power import power_indices

try:
    import coopgame
except ImportError:  # the peer is optional
    coopgame = None


def best_of(function, repeat: int = 3) -> tuple[float, object]:
    """The fastest of ``repeat`` runs and the last result."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def peak_memory(function) -> float:
    """Peak traced memory of one run, in MiB."""
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def random_game(n: int, seed: int) -> CoalitionGame:
    """Integer worths up to 60 per member; v(N) generous enough for imputations."""
    rnd = random.Random(seed)
    worth = [0] + [rnd.randint(0, 60 * bin(m).count("1")) for m in range(1, 1 << n)]
    worth[-1] = 50 * n
    return CoalitionGame(
        id=f"random_{n}", title=f"Random {n}", players=[f"p{k}" for k in range(n)], worth=worth
    )


def row(label: str, ours: float, peer: float | None, note: str = "") -> None:
    """One line of the table: times in ms and the ratio ours / peer."""
    peer_text = "-" if peer is None else f"{peer * 1000:10.1f}"
    ratio = "-" if peer is None else f"{ours / peer:8.2f}"
    print(f"{label:<34} {ours * 1000:10.1f} {peer_text:>10} {ratio:>8}  {note}")


def main() -> None:
    if coopgame is None:
        print("note: coopgame-py is not installed; peer columns are empty\n")
    print(f"{'task':<34} {'ours ms':>10} {'peer ms':>10} {'ratio':>8}  notes")
    print("-" * 100)

    import numpy as np
    import scipy.optimize  # noqa: F401  (imported once, outside the timings)

    for n in (15, 18, 20):
        rng = np.random.default_rng(n)
        sizes = np.array([bin(m).count("1") for m in range(1 << n)])
        worth = rng.integers(0, 60 * np.maximum(sizes, 1) + 1)
        worth[0] = 0
        players = [f"p{k}" for k in range(n)]

        def ours_run(worth=worth, players=players):
            game = CoalitionGame(id="r", title="R", players=players, worth=worth)
            return shapley_value(game), banzhaf_value(game)

        ours, (value, _) = best_of(ours_run)
        peer = None
        note = "exact; build + Shapley + Banzhaf from an integer array"
        if coopgame is not None:
            floats = worth[1:].astype(float).tolist()

            def peer_run(floats=floats):
                game = coopgame.Game(floats)
                return coopgame.shapley(game), coopgame.banzhaf(game)

            peer, (peer_value, _) = best_of(peer_run)
            gap = max(abs(float(a) - b) for a, b in zip(value, peer_value, strict=True))
            note += f"; max |ours - peer| = {gap:.1e}"
        row(f"Shapley + Banzhaf, n = {n}", ours, peer, note)

    for n in (3, 4, 8, 10, 12, 15, 16):
        game = random_game(n, seed=n)
        ours, result = best_of(lambda game=game: nucleolus(game), repeat=2)
        stages = "exact stages" if n <= EXACT_PLAYERS else "LP stages"
        note = f"verified={result.verified}, {len(result.levels)} {stages}"
        peer = None
        if coopgame is not None:
            peer_game = coopgame.Game([float(w) for w in game.worth[1:]])
            peer, peer_result = best_of(lambda g=peer_game: coopgame.nucleolus(g), repeat=2)
            gap = max(
                abs(float(a) - b)
                for a, b in zip(result.allocation, peer_result["allocation"], strict=True)
            )
            note += f"; max |ours - peer| = {gap:.1e}"
        if n == 16:
            note += f"; peak {peak_memory(lambda game=game: nucleolus(game)):.0f} MiB"
        row(f"nucleolus, n = {n}", ours, peer, note)

    base = random_game(10, seed=10)
    reference = nucleolus(base)
    for factor in (Fraction(10**20), Fraction(1, 10**9)):
        worth = [w * factor for w in base.worth]
        scaled = CoalitionGame(id="scaled", title="Scaled", players=base.players, worth=worth)
        ours, result = best_of(lambda scaled=scaled: nucleolus(scaled), repeat=2)
        same = result.allocation.payoffs == tuple(x * factor for x in reference.allocation)
        row(
            f"nucleolus, n = 10, worths x {float(factor):.0e}",
            ours,
            None,
            f"verified={result.verified}; the scaled point: {same}",
        )

    council = VotingGame(
        id="unsc",
        title="UN Security Council",
        quota=39,
        blocs=[Bloc(id="permanent", count=5, weight=7), Bloc(id="elected", count=10, weight=1)],
    )
    ours, power = best_of(lambda: power_indices(council))
    peer = None
    note = f"Shapley-Shubik permanent = {power.shapley_shubik['permanent']}"
    if coopgame is not None:
        worth = []
        for mask in range(1, 1 << 15):
            permanent = bin(mask & 0b11111).count("1")
            elected = bin(mask >> 5).count("1")
            worth.append(1.0 if 7 * permanent + elected >= 39 else 0.0)
        peer_game = coopgame.Game(worth)

        def peer_power():
            return coopgame.shapley(peer_game), coopgame.power_indices(peer_game)

        peer, (peer_shapley, _) = best_of(peer_power)
        note += f" (peer {peer_shapley[0]:.6f})"
    row("power indices, UNSC (15 voters)", ours, peer, note)

    legislature = VotingGame(
        id="us",
        title="U.S. legislature",
        blocs=[Bloc(id="president"), Bloc(id="senate", count=100), Bloc(id="house", count=435)],
        rules=[
            Rule(need={"president": 1, "senate": 51, "house": 218}),
            Rule(need={"senate": 67, "house": 290}),
        ],
    )
    ours, power = best_of(lambda: power_indices(legislature))
    totals = power.bloc_total("shapley_shubik")
    note = "exact; SS " + ", ".join(f"{b} {float(v):.4f}" for b, v in totals.items())
    row("power indices, U.S. (536 voters)", ours, None, note + "; peer: needs 2^536 worths")


if __name__ == "__main__":
    main()
