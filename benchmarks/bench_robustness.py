"""Robustness sampling cost: 10,000 samples of whole_enchilada.toml with every value uncertain
against 200 single full analyses (``negotiate.analyse``) in the same process.

Run: ``python benchmarks/bench_robustness.py``.
"""

from __future__ import annotations

import time
from pathlib import Path

from negotiate import analyse
from negotiate.io import load
from negotiate.model.uncertainty import uncertain_numbers
from negotiate.negotiation.conclusions import all_claims
from negotiate.negotiation.engines import run
from negotiate.negotiation.sampling import Job

GAME = Path(__file__).resolve().parent.parent / "games" / "whole_enchilada.toml"


def main() -> None:
    game = load(GAME)
    numbers = uncertain_numbers(game, spread=1)
    job = Job(game=game, claims=all_claims(game), numbers=numbers, seed=0, samples=10_000)
    start = time.perf_counter()
    run(job)
    sampling = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(200):
        analyse(game)
    analyses = time.perf_counter() - start
    print(f"10,000 samples ({len(numbers)} uncertain numbers): {sampling:.2f} s")
    print(f"200 analyses: {analyses:.2f} s; ratio {sampling / analyses:.2f} (must be <= 1)")
    print(f"samples/s: {10_000 / sampling:,.0f}")


if __name__ == "__main__":
    main()
