"""Golden outputs of the command line on every shipped game.

Each case is one ``negotiate`` command line; its output is kept in ``tests/golden/`` and must stay
byte for byte the same unless a change of output is intended (then ``python -m tests.golden``
rewrites them, and the commit says why).
"""

from __future__ import annotations

import contextlib
import tomllib
from pathlib import Path

import attrs
from click.testing import CliRunner

from negotiate.cli import main

GOLDEN = Path(__file__).resolve().parent
ROOT = GOLDEN.parent.parent
GAMES = sorted((ROOT / "games").glob("*.toml"))


@attrs.frozen
class Case:
    """One command line over a shipped game, and the file holding its expected output."""

    command: tuple[str, ...]
    game: str
    suffix: str
    label: str = ""

    @property
    def file_name(self) -> str:
        label = f"@{self.label}" if self.label else ""
        return f"{self.command[0]}.{self.game}{label}.{self.suffix}"


def _scenarios(path: Path) -> list[str]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [scenario["id"] for scenario in data.get("scenario", [])]


def _cases() -> list[Case]:
    cases = []
    for path in GAMES:
        file = f"games/{path.name}"
        stem = path.stem
        for fmt, suffix in (("json", "json"), ("text", "txt"), ("markdown", "md")):
            cases.append(Case(("solve", file, "--format", fmt), stem, suffix))
        scenarios = _scenarios(path)
        for scenario in scenarios:
            command = ("solve", file, "--scenario", scenario, "--format", "json")
            cases.append(Case(command, stem, "json", scenario))
        if len(scenarios) > 1:
            both = [arg for scenario in scenarios for arg in ("--scenario", scenario)]
            cases.append(Case(("solve", file, *both, "--format", "json"), stem, "json", "all"))
            cases.append(Case(("solve", file, *both), stem, "txt", "all"))
    enchilada = "games/whole_enchilada.toml"
    cases += [
        Case(("linkage", enchilada, "--format", "json"), "whole_enchilada", "json"),
        Case(("linkage", enchilada), "whole_enchilada", "txt"),
        Case(
            ("linkage", enchilada, "--link", "regularization,workers", "--format", "json"),
            "whole_enchilada",
            "json",
            "link",
        ),
        Case(
            ("linkage", enchilada, "--link", "regularization,workers"),
            "whole_enchilada",
            "txt",
            "link",
        ),
        Case(
            ("sweep", enchilada, "--vary", "ratification.us.quota=60:80:5", "--format", "json"),
            "whole_enchilada",
            "json",
        ),
    ]
    return cases


CASES = _cases()


def output(case: Case) -> str:
    """What ``negotiate`` prints for ``case``, run from the repository's root."""
    with contextlib.chdir(ROOT):
        result = CliRunner().invoke(main, [*case.command], catch_exceptions=False)
    if result.exit_code != 0:
        raise AssertionError(f"{' '.join(case.command)} exited {result.exit_code}: {result.output}")
    return result.output
