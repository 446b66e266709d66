"""Robustness sampling cost.

1. 10,000 samples of whole_enchilada.toml with every value uncertain against 200 single full
   analyses (``negotiate.analyse``) in the same process (the bound: at most 1).
2. Samples per second of the vectorised kernel on synthetic negotiations of 10^2, 10^4 and 10^6
   packages (two executives and a constituency that must ratify; 2, 4 and 6 issues of 10
   options; the 54 part-worths of the first two issues uncertain, spread 1), beside a numpy
   floor: per sample, only the utility tensors from per-issue vectors, acceptance, the
   agreement set and the Nash package's argmax (the kernel also computes every other claim:
   each issue's separate deal, the gains from linkage, the Nash package's options).

Run: ``python benchmarks/bench_robustness.py`` (``--quick``: fewer samples).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

from negotiate import analyse
from negotiate.io import load
from negotiate.model import Constituency, Issue, NegotiationGame, Party, Ratification
from negotiate.model.uncertainty import uncertain_numbers
from negotiate.negotiation.conclusions import all_claims
from negotiate.negotiation.engines import run
from negotiate.negotiation.robust_kernel import Kernel
from negotiate.negotiation.sampling import Job

GAME = Path(__file__).resolve().parent.parent / "games" / "whole_enchilada.toml"
OPTIONS = 10
UNCERTAIN_ISSUES = 2


def against_analyses(quick: bool) -> None:
    game = load(GAME)
    samples, analyses = (2_000, 40) if quick else (10_000, 200)
    numbers = uncertain_numbers(game, spread=1)
    job = Job(game=game, claims=all_claims(game), numbers=numbers, seed=0, samples=samples)
    start = time.perf_counter()
    run(job)
    sampling = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(analyses):
        analyse(game).complete()  # every part, as negotiate solve reports them
    full = time.perf_counter() - start
    print(f"{samples:,} samples ({len(numbers)} uncertain numbers): {sampling:.2f} s")
    print(f"{analyses} analyses: {full:.2f} s; ratio {sampling / full:.2f} (must be <= 1)")
    print(f"samples/s: {samples / sampling:,.0f}")


def synthetic(issues: int, seed: int = 0) -> NegotiationGame:
    """Two executives and a constituency of ``us`` (quota: its whole weight), ``issues`` issues
    of :data:`OPTIONS` options, part-worths drawn from -3..4 (a fixed seed)."""
    rng = np.random.default_rng(seed)
    ids = [f"i{k}" for k in range(issues)]
    options = [f"o{k}" for k in range(OPTIONS)]

    def values() -> dict[str, dict[str, int]]:
        return {i: {o: int(rng.integers(-3, 5)) for o in options[1:]} for i in ids}

    return NegotiationGame(
        id="synthetic",
        title="Synthetic",
        parties=[Party(id="us", values=values()), Party(id="mx", values=values())],
        constituencies=[Constituency(id="c", party="us", weight=1, values=values())],
        ratifications=[Ratification(party="us", quota=1)],
        issues=[Issue(id=i, options=options) for i in ids],
    )


def _floor(vectors: np.ndarray, reservations: np.ndarray, powers: np.ndarray) -> np.ndarray:
    """``(samples, actors, issues, options)`` part-worths: each sample's Nash package index
    (-1: none), with the least numpy work: a broadcast sum per actor, a comparison, an AND, a
    weighted log and an argmax."""
    samples, actors, issues, options = vectors.shape
    shape = (samples,) + (options,) * issues
    agreement = np.ones(shape, dtype=bool)
    score = np.zeros(shape)
    for a in range(actors):
        total = np.zeros(shape)
        for axis in range(issues):
            view = [samples] + [1] * issues
            view[axis + 1] = options
            total += vectors[:, a, axis].reshape(view)
        gain = total - reservations[a]
        agreement &= gain >= 0
        if a < len(powers):
            score += powers[a] * np.log(np.where(gain > 0, gain, 1e-300))
    flat = np.where(agreement, score, -np.inf).reshape(samples, -1)
    best = flat.argmax(axis=1)
    return np.where(np.isfinite(flat[np.arange(samples), best]), best, -1)


def per_size(issues: int, samples: int) -> None:
    game = synthetic(issues)
    numbers = [n for n in uncertain_numbers(game, spread=1) if n.path.split(".")[2] in ("i0", "i1")]
    paths = [n.path for n in numbers]
    claims = all_claims(game)
    start = time.perf_counter()
    kernel = Kernel(game, paths, claims)
    built = time.perf_counter() - start
    rng = np.random.default_rng(1)
    deltas = rng.uniform(-1, 1, size=(samples, len(paths)))
    start = time.perf_counter()
    kernel.statistics(deltas)
    ours = time.perf_counter() - start

    base = np.zeros((3, issues, OPTIONS))
    for a, actor in enumerate(("us", "mx", "c")):
        for axis in range(issues):
            for o in range(1, OPTIONS):
                base[a, axis, o] = float(game.actor(actor).values[f"i{axis}"][f"o{o}"])
    reservations = base[:, :, 0].sum(axis=1)
    moved = np.zeros((samples, 3, issues, OPTIONS))
    moved[:] = base
    columns = {p: k for k, p in enumerate(paths)}
    for path, k in columns.items():
        _, actor, issue, option = path.split(".")
        a, axis, o = ("us", "mx", "c").index(actor), int(issue[1:]), int(option[1:])
        moved[:, a, axis, o] += deltas[:, k]
    batch = max(1, (1 << 21) // OPTIONS**issues)
    start = time.perf_counter()
    for k in range(0, samples, batch):
        _floor(moved[k : k + batch], reservations, np.ones(2))
    floor = time.perf_counter() - start
    print(
        f"{OPTIONS**issues:>9,} packages, {len(paths)} uncertain numbers, {samples:,} samples: "
        f"kernel {samples / ours:,.1f} samples/s (built in {built:.2f} s), "
        f"numpy floor {samples / floor:,.1f} samples/s; ratio {ours / floor:.1f}"
    )


def main() -> None:
    quick = "--quick" in sys.argv
    against_analyses(quick)
    for issues, samples in ((2, 20_000), (4, 1_000), (6, 10)):
        per_size(issues, max(2, samples // 5) if quick else samples)


if __name__ == "__main__":
    main()
