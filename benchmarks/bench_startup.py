"""Benchmark: the command line's start-up against the Python floor.

Runs each command line in a fresh interpreter (best of ``--repeats``) and prints its wall time
and its ratio to ``python -c pass`` and to ``python -c "import click"`` (goals: ``--version``
within 3x of click; ``solve`` of ``whole_enchilada`` under 0.25 s and of the three-player
``ratification_game``, all its equilibria exact, under 0.5 s, on an idle 2-core machine)::

    python benchmarks/bench_startup.py --repeats 10

Every command runs as an installed program does: with bytecode caching on (the child's
``PYTHONDONTWRITEBYTECODE`` is removed, and each command runs once to write its ``.pyc`` files
before it is timed). An environment that sets ``PYTHONDONTWRITEBYTECODE=1`` otherwise compiles
every module from source on every run: about 0.2 s for ``negotiate solve``.
"""

from __future__ import annotations

import argparse
import os
import resource
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
    "negotiate solve games/ratification_game.toml": [
        PYTHON,
        "-m",
        "negotiate",
        "solve",
        "games/ratification_game.toml",
    ],
}
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str]) -> None:
    """Run ``command`` from the repository root with bytecode caching on, output discarded."""
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, env=ENVIRONMENT)


def best_processor_time(command: list[str], repeats: int) -> float:
    """The least processor time (user + system) of ``repeats`` runs of ``command``, in seconds:
    unlike wall time, barely inflated when other work shares the cores."""
    times = []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        run(command)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(times)


def best_time(command: list[str], repeats: int) -> float:
    """The shortest wall time of ``repeats`` runs of ``command``, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run(command)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    repeats = parser.parse_args().repeats
    for command in COMMANDS.values():
        run(command)  # writes the bytecode caches
    floor = best_time(COMMANDS["python -c pass"], repeats)
    click_floor = best_time(COMMANDS['python -c "import click"'], repeats)
    cpu_click = best_processor_time(COMMANDS['python -c "import click"'], repeats)
    print(
        f"{'command':<46} {'wall ms':>8} {'x pass':>7} {'x click':>8} {'cpu ms':>7} {'x click':>8}"
    )
    for label, command in COMMANDS.items():
        seconds = best_time(command, repeats)
        cpu = best_processor_time(command, repeats)
        print(
            f"{label:<46} {seconds * 1000:8.1f} {seconds / floor:7.2f} {seconds / click_floor:8.2f}"
            f" {cpu * 1000:7.1f} {cpu / cpu_click:8.2f}"
        )


if __name__ == "__main__":
    main()
