"""Bargaining solutions on thousands of utility points: our solvers against a direct SciPy baseline.

Run ``python benchmarks/bench_bargaining.py``. Seeded random points on the positive part of a
sphere (every point Pareto efficient: the hardest case for the Pareto filter) and in a cube. The
baseline maximises the Nash product over lottery weights with ``scipy.optimize.minimize``
(SLSQP), the textbook formulation; ours filters to the Pareto set and runs an active-set Newton
method over hull faces (two players: an exact edge scan). Also reports peak memory.
"""

from __future__ import annotations

import time
import tracemalloc
from fractions import Fraction

import numpy as np
from scipy.optimize import minimize

from negotiate.bargaining.hull import pareto_indices
from negotiate.bargaining.nash import nash_point
from negotiate.bargaining.solutions import egalitarian_point, kalai_smorodinsky_point


def best_of(function, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def sphere(rng: np.random.Generator, m: int, n: int) -> np.ndarray:
    points = np.abs(rng.normal(size=(m, n)))
    return points / np.linalg.norm(points, axis=1)[:, None]


def slsqp_nash(points: np.ndarray) -> np.ndarray:
    m = len(points)

    def objective(weights: np.ndarray) -> float:
        return -float(np.sum(np.log(np.maximum(weights @ points, 1e-300))))

    result = minimize(
        objective,
        np.full(m, 1 / m),
        method="SLSQP",
        bounds=[(0, 1)] * m,
        constraints=[{"type": "eq", "fun": lambda x: x.sum() - 1}],
        options={"maxiter": 500, "ftol": 1e-12},
    )
    weights = np.clip(result.x, 0, None)  # SLSQP may end slightly infeasible: project back
    return (weights / weights.sum()) @ points


def main() -> None:
    rng = np.random.default_rng(2026)
    print("Nash point: ours vs SLSQP over lottery weights (sphere, d = 0)")
    print(
        f"{'players':>7} {'points':>7} {'ours (s)':>10} {'SLSQP (s)':>10} {'ratio':>7} {'gap':>9}"
    )
    for n, m in [(2, 100), (3, 100), (3, 300), (5, 300)]:
        points = sphere(rng, m, n)
        listed = points.tolist()
        ours = best_of(lambda listed=listed, n=n: nash_point(listed, (0,) * n))
        theirs = best_of(lambda points=points: slsqp_nash(points), repeats=1)
        u = np.array(nash_point(listed, (0,) * n).utilities, dtype=float)
        v = slsqp_nash(points)
        gap = float(np.sum(np.log(u)) - np.sum(np.log(np.maximum(v, 1e-300))))
        print(f"{n:>7} {m:>7} {ours:>10.4f} {theirs:>10.3f} {theirs / ours:>7.0f} {gap:>9.1e}")
    print("(gap: our log Nash product minus SLSQP's; >= 0 means ours is at least as good)")
    print()
    print("Scaling of our solvers (floats; sphere)")
    columns = ["pareto", "nash", "KS", "egal.", "peak MB"]
    print(f"{'players':>7} {'points':>7} " + " ".join(f"{c:>8}" for c in columns))
    for n, m in [(2, 20_000), (3, 5_000), (3, 20_000), (4, 5_000)]:
        listed = sphere(rng, m, n).tolist()
        d = (0,) * n
        row = [best_of(lambda listed=listed: pareto_indices(listed))]
        for solve in (nash_point, kalai_smorodinsky_point, egalitarian_point):
            row.append(best_of(lambda solve=solve, listed=listed, d=d: solve(listed, d), 1))
        tracemalloc.start()
        nash_point(listed, d)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        cells = " ".join(f"{t:>8.3f}" for t in row)
        print(f"{n:>7} {m:>7} {cells} {peak:>8.1f}")
    print()
    print("Exact inputs (fractions; a 3-player grid, all points on one plane)")
    for size in (30, 60):
        grid = [
            (Fraction(i), Fraction(j), Fraction(size - i - j))
            for i in range(size + 1)
            for j in range(size + 1 - i)
        ]
        times = [
            best_of(lambda solve=solve, grid=grid: solve(grid, (0, 0, 0)), 1)
            for solve in (nash_point, kalai_smorodinsky_point, egalitarian_point)
        ]
        print(
            f"  {len(grid):>5} points: nash {times[0]:.3f} s, KS {times[1]:.3f} s, "
            f"egalitarian {times[2]:.3f} s"
        )


if __name__ == "__main__":
    main()
