"""Benchmark: the command line's start-up against the Python floor.

Runs each command line in a fresh interpreter (best of ``--repeats``) and prints its wall time
and its ratio to ``python -c pass`` and to ``python -c "import click"``::

    python benchmarks/bench_startup.py --repeats 10
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
COMMANDS = {
    "python -c pass": [PYTHON, "-c", "pass"],
    'python -c "import click"': [PYTHON, "-c", "import click"],
    "negotiate --version": [PYTHON, "-m", "negotiate", "--version"],
    "negotiate --help": [PYTHON, "-m", "negotiate", "--help"],
    "negotiate solve games/whole_enchilada.toml": [
        PYTHON,
        "-m",
        "negotiate",
        "solve",
        "games/whole_enchilada.toml",
    ],
}


def best_time(command: list[str], repeats: int) -> float:
    """The shortest wall time of ``repeats`` runs of ``command``, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    repeats = parser.parse_args().repeats
    floor = best_time(COMMANDS["python -c pass"], repeats)
    click_floor = best_time(COMMANDS['python -c "import click"'], repeats)
    print(f"{'command':<46} {'wall ms':>8} {'x pass':>7} {'x click':>8}")
    for label, command in COMMANDS.items():
        seconds = best_time(command, repeats)
        print(
            f"{label:<46} {seconds * 1000:8.1f} {seconds / floor:7.2f} {seconds / click_floor:8.2f}"
        )


if __name__ == "__main__":
    main()
