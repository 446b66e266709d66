"""Benchmark: equilibria of random bimatrix games, negotiate beside nashpy and pygambit.

Run with ``python benchmarks/bench_equilibria.py`` from the repository root (or with the venv that
has pygambit: ``/work/venvs/equilibria/bin/python benchmarks/bench_equilibria.py``).

- All equilibria of seeded random games 4x4, 8x8 and 12x12 (integer payoffs in [-100, 100], so
  exact): negotiate's ``equilibria(game, "all")`` (degeneracy test and exact support enumeration
  in one pass, every equilibrium verified in rationals), its ``"vertex"`` method (batched vertex
  enumeration, exact), nashpy's
  ``support_enumeration`` and ``vertex_enumeration`` called directly (floats, no verification), and
  pygambit's ``enummixed_solve`` (exact, lrs-style) when installed.
- One equilibrium of 50x50 and 200x200: negotiate's Lemke-Howson from label 0 (with exact
  recovery and verification), nashpy's ``lemke_howson(0)`` (counted as found only if its end point
  is an equilibrium, checked to 1e-7) and pygambit's ``lcp_solve`` with ``stop_after=1``.

Each run has a time limit (``LIMIT`` seconds, in a child process); a run that exceeds it is shown
as ``> LIMIT``. Times are the best of ``REPEAT`` runs for fast cases, a single run otherwise.
Peak memory of negotiate's runs is measured with ``tracemalloc``. Ratios are peer time / negotiate
time (above 1: negotiate is faster).
"""

from __future__ import annotations

import multiprocessing as mp
import sys
import time
import tracemalloc
import warnings
from fractions import Fraction
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LIMIT = 180.0
REPEAT = 3
SEED = 2026


def random_game(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two ``n`` x ``n`` integer payoff matrices in [-100, 100]."""
    rng = np.random.default_rng(seed)
    return rng.integers(-100, 101, (n, n)), rng.integers(-100, 101, (n, n))


def as_game(a: np.ndarray, b: np.ndarray):
    from negotiate.model.normal_form import NormalFormGame, Player

    m, n = a.shape
    return NormalFormGame.from_matrices(
        id="random",
        title="random",
        players=[
            Player(id="row", strategies=[f"r{i}" for i in range(m)]),
            Player(id="column", strategies=[f"c{j}" for j in range(n)]),
        ],
        row=a.tolist(),
        column=b.tolist(),
    )


# Each runner returns the number of equilibria found (and runs in a child process).


def ours_all(a, b):
    from negotiate.strategic.equilibria import equilibria

    result = equilibria(as_game(a, b), "all")
    assert result.exact
    return len(result.equilibria)


def ours_vertex(a, b):
    from negotiate.strategic.equilibria import equilibria

    return len(equilibria(as_game(a, b), "vertex").equilibria)


def ours_lemke_howson(a, b):
    from negotiate.strategic.lemke_howson import lemke_howson

    found = lemke_howson(as_game(a, b), labels=[0])
    assert found.exact
    return len(found.equilibria)


def nashpy_support(a, b):
    import nashpy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return len(list(nashpy.Game(a, b).support_enumeration()))


def nashpy_vertex(a, b):
    import nashpy

    shift = 1 - min(a.min(), b.min())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return len(list(nashpy.Game(a + shift, b + shift).vertex_enumeration()))


def nashpy_lemke_howson(a, b):
    import nashpy

    # nashpy's tableaux overflow with payoffs in the hundreds: give it [1, 2] as we do
    a = (a - a.min()) / (a.max() - a.min()) + 1
    b = (b - b.min()) / (b.max() - b.min()) + 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        x, y = nashpy.Game(a, b).lemke_howson(initial_dropped_label=0)
    # count it only if it is an equilibrium (nashpy's end point sometimes is not)
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        return 0
    row, column = a @ y, x @ b
    support_x, support_y = x > 1e-9, y > 1e-9
    best = np.all(row[support_x] >= row.max() - 1e-7) and np.all(
        column[support_y] >= column.max() - 1e-7
    )
    return int(best)


def _gambit_game(a, b):
    import pygambit as gbt

    return gbt.Game.from_arrays(
        [[Fraction(int(v)) for v in row] for row in a],
        [[Fraction(int(v)) for v in row] for row in b],
    )


def gambit_enummixed(a, b):
    import pygambit as gbt

    return len(gbt.nash.enummixed_solve(_gambit_game(a, b), rational=True).equilibria)


def gambit_lcp(a, b):
    import pygambit as gbt

    return len(gbt.nash.lcp_solve(_gambit_game(a, b), rational=False, stop_after=1).equilibria)


def _child(runner, a, b, queue, memory):
    try:
        runner(*random_game(3, 0))  # warm up: imports are not what we measure
        if memory:
            tracemalloc.start()
        start = time.perf_counter()
        count = runner(a, b)
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] if memory else None
        queue.put((elapsed, count, peak, None))
    except Exception as error:
        queue.put((None, None, None, f"{type(error).__name__}: {error}"))


def timed(runner, a, b, repeat=REPEAT, memory=False):
    """(best seconds or None if over LIMIT, equilibria found, peak bytes, error)."""
    best = None
    count = peak = error = None
    for _ in range(repeat):
        queue: mp.Queue = mp.Queue()
        process = mp.Process(target=_child, args=(runner, a, b, queue, memory))
        process.start()
        process.join(LIMIT)
        if process.is_alive():
            process.kill()
            process.join()
            return None, None, None, f"> {LIMIT:.0f} s"
        elapsed, count, peak, error = queue.get()
        if error:
            return None, None, None, error
        best = elapsed if best is None else min(best, elapsed)
        if elapsed > 5:  # slow cases: one run is enough
            break
    return best, count, peak, None


def available(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def table(title, sizes, ours, peers):
    print(f"\n{title}")
    header = f"{'size':>7}  {'method':<28} {'seconds':>10} {'found':>6} {'ratio':>8} {'peak MB':>8}"
    print(header)
    print("-" * len(header))
    for n in sizes:
        a, b = random_game(n, SEED + n)
        base, count, peak, error = timed(ours[1], a, b, memory=True)
        shown = f"{base:10.4f}" if base is not None else f"{error:>10}"
        mb = f"{peak / 2**20:8.1f}" if peak else ""
        print(
            f"{n:>3}x{n:<3}  {ours[0]:<28} {shown} {count if count is not None else '':>6} "
            f"{'1.00':>8} {mb}"
        )
        for name, runner in peers:
            seconds, found, _, problem = timed(runner, a, b)
            if seconds is None:
                print(f"{'':>7}  {name:<28} {problem:>10}")
                continue
            ratio = f"{seconds / base:8.2f}" if base else ""
            print(f"{'':>7}  {name:<28} {seconds:10.4f} {found:>6} {ratio}")


def main() -> None:
    print(f"negotiate equilibria benchmark (seed {SEED}, time limit {LIMIT:.0f} s per run)")
    gambit = available("pygambit")
    if not gambit:
        print("note: pygambit is not installed here; its columns are skipped")
    peers_all = [
        ("negotiate vertex (exact)", ours_vertex),
        ("nashpy support_enumeration", nashpy_support),
        ("nashpy vertex_enumeration", nashpy_vertex),
    ]
    if gambit:
        peers_all.append(("pygambit enummixed (exact)", gambit_enummixed))
    table("All equilibria", [4, 8, 12], ("negotiate all (exact, verified)", ours_all), peers_all)
    peers_one = [("nashpy lemke_howson(0)", nashpy_lemke_howson)]
    if gambit:
        peers_one.append(("pygambit lcp (stop_after=1)", gambit_lcp))
    table(
        "One equilibrium",
        [50, 200],
        ("negotiate lemke_howson([0])", ours_lemke_howson),
        peers_one,
    )


if __name__ == "__main__":
    main()
