"""Run the benchmarks that print ratios against a peer or floor, one after another.

``python benchmarks/run_all.py --quick`` runs the short forms (a few minutes on a 2-core
machine); without ``--quick`` the full forms. Run it with the Python of an environment that has
the optional peers (powerindex, QuantEcon, coopgame-py) to fill the peer columns.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUICK = [
    ["bench_startup.py", "--repeats", "3"],
    ["bench_voting.py", "--quick"],
    ["bench_lemke_howson.py", "--quick"],
]
FULL = [
    ["bench_startup.py", "--repeats", "10"],
    ["bench_voting.py"],
    ["bench_lemke_howson.py"],
    ["bench_coalitions.py"],
    ["bench_negotiation.py"],
    ["bench_robustness.py"],
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    runs = QUICK if parser.parse_args().quick else FULL
    begin = time.perf_counter()
    for script, *options in runs:
        print(f"\n== {script} {' '.join(options)}", flush=True)
        start = time.perf_counter()
        subprocess.run([sys.executable, str(HERE / script), *options], cwd=HERE.parent, check=True)
        print(f"({time.perf_counter() - start:.1f} s)", flush=True)
    print(f"\nall: {time.perf_counter() - begin:.1f} s")


if __name__ == "__main__":
    main()
