"""A seeded mutation fuzzer for the ``negotiate`` command (see docs/untrusted.md).

Every shipped game and every test game, written as ``negotiate/1`` text, is mutated the way a
new user's mistakes and an attacker's files would be: numbers swapped for extreme ones, lines
dropped, repeated or swapped, tables multiplied, brackets nested, bytes flipped. Each mutant is
validated and solved (negotiations also swept now and then), and each run must end with exit
status 0, or 2 with one line on standard error naming the file and a location, within the time
budget; never a traceback.

    python -m tests.fuzz --cases 100000 --seed 1 --jobs 2

The normal test run (tests/test_fuzz.py) runs a small budget of the same cases.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import pickle
import random
import re
import resource
import select
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parent.parent
TIME_LIMIT = 10.0
"""Seconds of processor time one command may take (processor time, so that a busy machine does
not count against the program)."""

PREFIX = "negotiate: error: "


# -- the corpus ---------------------------------------------------------------------------------


def corpus() -> list[tuple[str, str]]:
    """(name, text) of every shipped game and every test game built in Python."""
    from negotiate.io import dump
    from tests import _games, known_games, linkage_games, negotiation_games
    from tests.test_power import security_council, us_legislature

    games = [
        (path.stem, path.read_text(encoding="utf-8")) for path in sorted(ROOT.glob("games/*.toml"))
    ]
    builders: list[Callable[[], object]] = [
        known_games.prisoners_dilemma,
        known_games.battle_of_the_sexes,
        known_games.rock_paper_scissors,
        known_games.von_stengel_degenerate,
        known_games.three_player_cycle,
        known_games.entry_deterrence,
        known_games.seltens_horse,
        known_games.gamble,
        _games.glove,
        lambda: _games.talmud(300),
        negotiation_games.border_deal,
        linkage_games.logroll,
        linkage_games.nafta,
        linkage_games.enforcement_game,
        security_council,
        us_legislature,
    ]
    for build in builders:
        game = build()
        games.append((getattr(game, "id", "game"), dump(game)))  # type: ignore[arg-type]
    return games


# -- mutations ----------------------------------------------------------------------------------

NUMBER = re.compile(r'(?<![\w."])-?\d+(\.\d+)?([eE][+-]?\d+)?(?![\w"])|"-?\d+(/\d+)?"')
EXTREMES = [
    "1e308",
    "-1e308",
    "1.7976931348623157e308",
    "1e-320",
    "5e-324",
    "0",
    "-0",
    "0.0",
    "-1",
    "1",
    "2",
    "1000000",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    str(10**99),
    str(10**100),
    str(10**101),
    "1" * 400,
    "1" * 4400,
    '"1e999999999"',
    '"1e100"',
    '"1e-100"',
    '"1/3"',
    '"-7/3"',
    '"1/0"',
    '"0/5"',
    "nan",
    "inf",
    "-inf",
    '"x"',
    "true",
    "[]",
    "{}",
    '"' + "9" * 101 + '"',
    "0.1",
    "1e15",
    "1e16",
    "1e100",
    "-1e100",
    "3.5",
    "1e-15",
    "100000",
    "65",
    "1e6",
]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def replace_number(rng: random.Random, text: str) -> str:
    matches = list(NUMBER.finditer(text))
    if not matches:
        return text
    for _ in range(rng.choice((1, 1, 1, 2, 5))):
        match = rng.choice(matches)
        text = text[: match.start()] + rng.choice(EXTREMES) + text[match.end() :]
        matches = list(NUMBER.finditer(text))
        if not matches:
            break
    return text


def scale_numbers(rng: random.Random, text: str) -> str:
    factor = rng.choice(("e300", "e150", "e15", "000000000", "e-300"))
    return NUMBER.sub(lambda m: m.group(0) + factor if '"' not in m.group(0) else m.group(0), text)


def delete_line(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    del lines[rng.randrange(len(lines))]
    return "\n".join(lines)


def duplicate_line(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    k = rng.randrange(len(lines))
    lines.insert(k, lines[k])
    return "\n".join(lines)


def swap_lines(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines)


def multiply_table(rng: random.Random, text: str) -> str:
    """Repeat one ``[[table]]`` block many times (more packages, players, nodes, blocs)."""
    starts = [m.start() for m in re.finditer(r"(?m)^\[\[", text)]
    if not starts:
        return text
    start = rng.choice(starts)
    end = min([s for s in starts if s > start] + [len(text)])
    block = text[start:end]
    count = rng.choice((2, 5, 30, 300))
    copies = []
    for k in range(count):
        copies.append(re.sub(r'(?m)^id = "([a-z_0-9]+)"', rf'id = "\g<1>_{k}"', block))
    return text[:start] + "".join(copies) + text[end:]


def widen_list(rng: random.Random, text: str) -> str:
    """Append items to a list of strings (options, strategies): a bigger game."""
    matches = list(re.finditer(r'\[("[^"\n]*"(, )?)+\]', text))
    if not matches:
        return text
    match = rng.choice(matches)
    count = rng.choice((3, 20, 200, 2000))
    extra = ", ".join(f'"w{k}"' for k in range(count))
    return text[: match.end() - 1] + ", " + extra + text[match.end() - 1 :]


def nest(rng: random.Random, text: str) -> str:
    depth = rng.choice((10, 70, 500, 3000))
    lines = _lines(text)
    k = rng.randrange(len(lines))
    lines.insert(k, "points = " + "[" * depth + "1" + "]" * depth)
    return "\n".join(lines)


def change_string(rng: random.Random, text: str) -> str:
    strings = re.findall(r'"([a-z_0-9]+)"', text)
    matches = list(re.finditer(r'"([a-z_0-9]+)"', text))
    if not matches:
        return text
    match = rng.choice(matches)
    value = rng.choice([*strings, "", "x" * 100_000, "a\nb", "zz", "é", "negotiation"])
    return text[: match.start()] + '"""' + value + '"""' + text[match.end() :]


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.choice((1, 2, 8))):
        if buffer:
            buffer[rng.randrange(len(buffer))] = rng.randrange(256)
    return bytes(buffer)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def prefix_bytes(rng: random.Random, data: bytes) -> bytes:
    return rng.choice((b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\xe9")) + data


TEXT_MUTATIONS: list[Callable[[random.Random, str], str]] = [
    replace_number,
    replace_number,
    replace_number,
    scale_numbers,
    delete_line,
    delete_line,
    duplicate_line,
    swap_lines,
    multiply_table,
    widen_list,
    nest,
    change_string,
]
BYTE_MUTATIONS: list[Callable[[random.Random, bytes], bytes]] = [flip_bytes, truncate, prefix_bytes]


def mutate(rng: random.Random, text: str) -> bytes:
    """One mutant: one to three mutations, now and then at the byte level."""
    for _ in range(rng.choice((1, 1, 2, 3))):
        text = rng.choice(TEXT_MUTATIONS)(rng, text)
    data = text.encode("utf-8")
    if rng.random() < 0.1:
        data = rng.choice(BYTE_MUTATIONS)(rng, data)
    return data


# -- running ------------------------------------------------------------------------------------


class _Timeout(BaseException):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _Timeout


_LOCATION = re.compile(
    r"^(?P<file>\S+?)(?::(?P<line>\d+))?: (?:(?P<path>[A-Za-z_\"][^\s:]*): )?(?P<rest>.*)$"
)
_FILE_LEVEL = ("not a game file", "the file has", "No such file")


def check_error_line(stderr: str, name: str) -> str | None:
    """Why ``stderr`` is not one clean error line for the file ``name`` (after its warnings), or
    ``None``."""
    lines = stderr.splitlines()
    problem = check_warnings(stderr, name)
    if problem is not None:
        return problem
    lines = [line for line in lines if not line.startswith(WARNING)]
    if len(lines) != 1:
        return f"{len(lines)} lines on stderr"
    line = lines[0]
    if not line.startswith(PREFIX):
        return "no 'negotiate: error:' prefix"
    body = line[len(PREFIX) :]
    if len(body) > 300:
        return f"{len(body)} characters"
    if not body.startswith(name):
        return "the file is not named"
    match = _LOCATION.match(body)
    if match is None or not (
        match.group("line")
        or match.group("path")
        or any(text in body for text in _FILE_LEVEL)
        or body.startswith(f"{name}: solving ")
    ):
        return "no location"
    return None


WARNING = "negotiate: warning: "


def check_warnings(stderr: str, name: str) -> str | None:
    """Why the warnings on ``stderr`` are not short located lines naming ``name``, or ``None``."""
    for line in stderr.splitlines():
        if line.startswith(WARNING) and (
            len(line) - len(WARNING) > 300 or not line[len(WARNING) :].startswith(name)
        ):
            return f"a bad warning: {line[:200]}"
    return None


@dataclass
class Outcome:
    """What one command did with one mutant."""

    case: int
    command: str
    status: str  # "ok", "error", or a failure: "traceback", "slow", "hang", "bad-exit",
    # "bad-message" ("slow": over TIME_LIMIT of processor time, stopped by a signal; "hang": the
    # case's process killed by the kernel's processor-time limit or the wall-clock bound)
    seconds: float
    detail: str = ""
    source: str = ""


def run_command(args: list[str], name: str) -> tuple[str, str, float]:
    """Run the CLI in-process; (status, detail, seconds)."""
    from click.testing import CliRunner

    from negotiate.cli import main

    runner = CliRunner()
    start = time.process_time()
    signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, TIME_LIMIT)
    try:
        result = runner.invoke(main, args, catch_exceptions=True)
    except _Timeout:
        return "slow", f"over {TIME_LIMIT} s", time.process_time() - start
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
    seconds = time.process_time() - start
    if isinstance(result.exception, _Timeout) or seconds > TIME_LIMIT:
        return "slow", f"{seconds:.1f} s", seconds
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        error = result.exception
        tb = error.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        where = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}" if tb else "?"
        return "traceback", f"{type(error).__name__} at {where}: {str(error)[:200]}", seconds
    if result.exit_code == 0:
        problem = check_warnings(result.stderr, name)
        if problem is not None:
            return "bad-message", problem, seconds
        return "ok", "", seconds
    if result.exit_code != 2:
        return "bad-exit", f"exit {result.exit_code}: {result.stderr[:200]}", seconds
    problem = check_error_line(result.stderr, name)
    if problem is not None:
        return "bad-message", f"{problem}: {result.stderr[:400]!r}", seconds
    return "error", result.stderr.strip()[:300], seconds


def commands(rng: random.Random, path: str, text: str) -> list[list[str]]:
    """The commands run on one mutant."""
    out = [["validate", path], ["solve", path]]
    if "negotiation" in text and rng.random() < 0.1:
        out.append(["sweep", path, "--vary", "party.us.power=1:3:3"])
    if rng.random() < 0.05:
        out.append(["solve", path, "--format", "json"])
    return out


def run_case(case: int, seed: int, sources: list[tuple[str, str]], directory: str) -> list[Outcome]:
    """Mutate one source game (the case's turn in the corpus, mutated by the case's own seed)
    and run the commands on it, in a child process where the system allows it (see
    :func:`_isolated`)."""
    rng = random.Random(f"{seed}:{case}")
    name, text = sources[case % len(sources)]
    data = mutate(rng, text)
    path = Path(directory) / f"case{case}_{name}.toml"
    path.write_bytes(data)
    runs = commands(rng, str(path), text)

    def run() -> list[Outcome]:
        outcomes = []
        for args in runs:
            status, detail, seconds = run_command(args, str(path))
            outcomes.append(Outcome(case, args[0], status, seconds, detail, name))
        return outcomes

    try:
        return _isolated(run, case, name, len(runs)) if hasattr(os, "fork") else run()
    finally:
        path.unlink()


WALL_FACTOR = 30
"""A case's child is killed after this many times its processor-time budget in wall-clock
seconds, in case it blocks without using the processor (the machine may be busy)."""


def _isolated(run: Callable[[], list[Outcome]], case: int, name: str, count: int) -> list[Outcome]:
    """``run()`` in a forked child, under a processor-time limit the kernel enforces (so that a
    hang inside C code, where no Python signal handler runs, is caught too): ``count`` commands
    times :data:`TIME_LIMIT`, plus a little. A killed child is one "hang" failure."""
    budget = count * TIME_LIMIT + 2
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        code = 0
        try:
            os.close(reader)
            resource.setrlimit(resource.RLIMIT_CPU, (int(budget) + 1, int(budget) + 3))
            with os.fdopen(writer, "wb") as stream:
                pickle.dump(run(), stream)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(writer)
    chunks = []
    deadline = time.monotonic() + budget * WALL_FACTOR
    with os.fdopen(reader, "rb") as stream:
        while True:
            ready, _, _ = select.select([stream], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                os.kill(pid, signal.SIGKILL)
                break
            chunk = os.read(stream.fileno(), 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    _, status, usage = os.wait4(pid, 0)
    seconds = usage.ru_utime + usage.ru_stime
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 and chunks:
        outcomes: list[Outcome] = pickle.loads(b"".join(chunks))
        return outcomes
    how = (
        f"killed by signal {os.WTERMSIG(status)}"
        if os.WIFSIGNALED(status)
        else f"exit {os.WEXITSTATUS(status)}"
    )
    return [Outcome(case, "case", "hang", seconds, f"{how} after {seconds:.1f} s", name)]


FAILURES = ("traceback", "slow", "hang", "bad-exit", "bad-message")


@dataclass
class Summary:
    """Counts over a run."""

    cases: int = 0
    runs: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    failures: list[Outcome] = field(default_factory=list)
    slowest: float = 0.0
    slowest_run: str = ""
    seconds: float = 0.0

    def add(self, outcomes: list[Outcome]) -> None:
        self.cases += 1
        for outcome in outcomes:
            self.runs += 1
            self.statuses[outcome.status] += 1
            if outcome.seconds > self.slowest:
                self.slowest = outcome.seconds
                self.slowest_run = f"case {outcome.case}, {outcome.source}, {outcome.command}"
            if outcome.status in FAILURES:
                self.failures.append(outcome)

    def report(self) -> str:
        kinds = Counter((f.status, f.detail.split(": ")[0]) for f in self.failures)
        lines = [
            f"{self.cases} mutants, {self.runs} command runs in {self.seconds:.0f} s: "
            + ", ".join(f"{status} {count}" for status, count in sorted(self.statuses.items())),
            f"slowest run {self.slowest:.2f} s ({self.slowest_run}); failures {len(self.failures)}",
        ]
        for (status, detail), count in kinds.most_common(30):
            lines.append(f"  {count:6d} {status}: {detail}")
        for failure in self.failures[:20]:
            lines.append(
                f"  case {failure.case} ({failure.source}, {failure.command}): "
                f"{failure.status}: {failure.detail[:300]}"
            )
        return "\n".join(lines)


def _import_everything() -> None:
    """Import every module of the package (and the solvers' lazy imports) once, before the
    cases fork, so that no child spends its time importing."""
    import importlib
    import pkgutil

    import negotiate

    for module in pkgutil.walk_packages(negotiate.__path__, "negotiate."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    importlib.import_module("scipy.optimize")
    importlib.import_module("click.testing")


def _worker(arguments: tuple[int, int, int, int]) -> list[list[Outcome]]:
    first, stop, step, seed = arguments
    sources = corpus()
    _import_everything()
    with tempfile.TemporaryDirectory(prefix="negotiate-fuzz-") as directory:
        return [run_case(case, seed, sources, directory) for case in range(first, stop, step)]


def fuzz(cases: int, seed: int = 0, jobs: int = 1) -> Summary:
    """Run ``cases`` mutants with ``jobs`` processes."""
    summary = Summary()
    start = time.monotonic()
    if jobs <= 1:
        for outcomes in _worker((0, cases, 1, seed)):
            summary.add(outcomes)
    else:
        chunks = [(k, cases, jobs, seed) for k in range(jobs)]
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for result in pool.imap_unordered(_worker, chunks):
                for outcomes in result:
                    summary.add(outcomes)
    summary.seconds = time.monotonic() - start
    return summary


def iter_cases(cases: int, seed: int) -> Iterator[tuple[int, bytes, str]]:
    """(case, mutant bytes, source name) without running them, to reproduce a failure."""
    sources = corpus()
    for case in range(cases):
        rng = random.Random(f"{seed}:{case}")
        name, text = sources[case % len(sources)]
        yield case, mutate(rng, text), name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--write", type=int, metavar="CASE", help="print mutant CASE and stop")
    options = parser.parse_args(argv)
    if options.write is not None:
        for case, data, _ in iter_cases(options.write + 1, options.seed):
            if case == options.write:
                sys.stdout.buffer.write(data)
        return 0
    summary = fuzz(options.cases, options.seed, options.jobs)
    print(summary.report())
    return 1 if summary.failures else 0


if __name__ == "__main__":
    sys.exit(main())
