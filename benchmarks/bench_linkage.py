"""Benchmark: every linkage of a 16-issue negotiation (2^16 subsets of 65,536 packages).

Compares the subset-lattice method of
:func:`negotiate.negotiation.linkage_lattice.linkage_lattice` (one pass
over the agreement set, then a zeta transform over the 2^k subset masks) with naive slicing
(reduce G_L's sub-tensor for each of the 2^k linkages in turn), checks they agree, and times the
whole linkage analysis. Prints a table with ratios and peak memory.

Run: ``python benchmarks/bench_linkage.py [ISSUES]`` (default 16; the slicing method is skipped
above 18 issues).
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from negotiate.model import Constituency, Issue, NegotiationGame, Party, Ratification
from negotiate.negotiation.linkage import linkage
from negotiate.negotiation.linkage_lattice import linkage_lattice
from negotiate.negotiation.packages import package_space


def random_game(issues: int, seed: int = 2001) -> NegotiationGame:
    """A seeded negotiation: two parties trading concessions, three constituencies."""
    rng = random.Random(seed)
    ids = [f"i{k}" for k in range(issues)]

    def worths(bias: int) -> dict[str, dict[str, int]]:
        return {i: {"yes": rng.randint(-3, 3) + bias} for i in ids}

    return NegotiationGame(
        id="bench",
        title=f"{issues} binary issues",
        parties=[Party(id="us", values=worths(0)), Party(id="mx", values=worths(0), power=2)],
        issues=[
            Issue(id=i, options=["no", "yes"], controlled_by=rng.choice(["us", "mx"])) for i in ids
        ],
        constituencies=[
            Constituency(id=f"c{k}", party="us", weight=rng.randint(1, 3), values=worths(1))
            for k in range(3)
        ],
        ratifications=[Ratification(party="us", quota=3)],
    )


def best_of(function, repeat: int = 3) -> float:
    """The best wall time of a few runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_memory(function) -> float:
    """Peak traced memory of one run, in MiB."""
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    issues = int(sys.argv[1]) if len(sys.argv) > 1 else 16
    game = random_game(issues)
    space = package_space(game)
    agreements = int(space.agreement.sum())
    print(
        f"{issues} issues, {space.size:,} packages, {agreements:,} agreements, "
        f"{2**issues:,} linkages"
    )
    space.agreement  # noqa: B018  (ratification is computed once, outside the timings)

    fast = linkage_lattice(space)
    rows = [
        (
            "subset lattice (zeta transform)",
            best_of(lambda: linkage_lattice(space)),
            peak_memory(lambda: linkage_lattice(space)),
        )
    ]
    if issues <= 18:
        slow = linkage_lattice(space, method="slicing")
        assert (fast.feasible == slow.feasible).all(), "feasibility differs"
        assert (fast.values == slow.values).all(), "joint gains differ"
        rows.append(
            (
                "naive per-subset slicing",
                best_of(lambda: linkage_lattice(space, method="slicing"), 1),
                peak_memory(lambda: linkage_lattice(space, method="slicing")),
            )
        )
    else:
        print("(naive slicing skipped above 18 issues)")
    rows.append(
        (
            "full linkage analysis (from the game)",
            best_of(lambda: linkage(game), 1),
            peak_memory(lambda: linkage(game)),
        )
    )

    base = rows[0][1]
    print(f"{'method':<40} {'seconds':>10} {'x lattice':>10} {'peak MiB':>10}")
    for name, seconds, memory in rows:
        print(f"{name:<40} {seconds:>10.4f} {seconds / base:>10.1f} {memory:>10.1f}")
    if issues <= 18:
        print(
            f"slicing / lattice = {rows[1][1] / base:.0f}x (both give the same 2^{issues} values)"
        )


if __name__ == "__main__":
    main()
