"""Benchmark: one exact, verified equilibrium of large random bimatrix games by Lemke-Howson.

Run with ``python benchmarks/bench_lemke_howson.py [--quick]`` from the repository root. Random
games with integer payoffs in [-100, 100] (seed 2026, as in ``bench_equilibria.py``). Ours:
:func:`~negotiate.strategic.lemke_howson.first_equilibrium` (paths from 16 labels at a time,
float pivoting, exact support recovery and verification). Peer, optional: QuantEcon's numba
``lemke_howson`` from label 0 (floats, unverified); install ``quantecon`` in an environment of its
own and run this file with that environment's Python.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_equilibria import SEED, as_game, random_game

from negotiate.strategic.lemke_howson import first_equilibrium

try:
    from quantecon.game_theory import NormalFormGame, Player
    from quantecon.game_theory import lemke_howson as qe_lemke_howson
except ImportError:  # the peer is optional
    qe_lemke_howson = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="the same runs (accepted for run_all.py)"
    )
    parser.parse_args()
    print(f"{'game':<10} {'ours s':>8} {'exact':>6} {'label':>6} {'peer s':>8} {'ratio':>7}  peer")
    for n in (50, 200, 400):
        a, b = random_game(n, SEED)
        game = as_game(a, b)
        start = time.perf_counter()
        found = first_equilibrium(game)
        ours = time.perf_counter() - start
        label = next((k for k, v in enumerate(found.labels) if v is not None), None)
        peer_text, ratio, note = "-", "-", "QuantEcon not installed"
        if qe_lemke_howson is not None:
            qe_game = NormalFormGame((Player(a.astype(float)), Player(b.T.astype(float))))
            qe_lemke_howson(qe_game, init_pivot=0)  # compile
            start = time.perf_counter()
            _, result = qe_lemke_howson(qe_game, init_pivot=0, max_iter=10**6, full_output=True)
            peer = time.perf_counter() - start
            peer_text, ratio = f"{peer:8.3f}", f"{ours / peer:7.2f}"
            note = f"QuantEcon label 0: {result.num_iter} pivots, converged {result.converged}"
        print(
            f"{n}x{n:<6} {ours:8.3f} {found.exact!s:>6} {label!s:>6} {peer_text:>8} "
            f"{ratio:>7}  {note}"
        )


if __name__ == "__main__":
    main()
