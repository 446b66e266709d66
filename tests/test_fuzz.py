"""A small seeded budget of the mutation fuzzer (tests/fuzz.py); a large one runs by hand."""

from __future__ import annotations

import re

import pytest

from tests import fuzz as fuzzer
from tests.fuzz import check_error_line, corpus, fuzz


def test_error_line_checks():
    name = "g.toml"
    assert check_error_line("negotiate: error: g.toml:3: party[0].id: bad\n", name) is None
    assert (
        check_error_line("negotiate: error: g.toml: a directory, not a game file\n", name) is None
    )
    assert check_error_line("negotiate: error: g.toml:3: x\nmore\n", name) == "2 lines on stderr"
    assert check_error_line("negotiate: error: other.toml:3: x\n", name) == "the file is not named"
    assert check_error_line("negotiate: error: g.toml: bad\n", name) == "no location"


def test_mutants_end_cleanly():
    """Ten mutants of every shipped and test game (each game in turn): exit 0, or 2 with one
    located line; no traceback, no command over the time limit (the hang detector)."""
    cases = 10 * len(corpus())
    summary = fuzz(cases, seed=20261203)
    assert summary.cases == cases
    assert not summary.failures, summary.report()
    assert summary.statuses["ok"] > 0 and summary.statuses["error"] > 0


@pytest.mark.skipif(not hasattr(fuzzer.os, "fork"), reason="needs fork")
def test_a_hang_in_c_code_is_caught_as_a_failure(monkeypatch):
    """A catastrophic regular expression spins inside C, where no Python signal handler runs:
    the kernel's processor-time limit on the case's child process stops it."""
    monkeypatch.setattr(fuzzer, "TIME_LIMIT", 0.2)

    def spin() -> list[fuzzer.Outcome]:
        re.match(r"(a*)*b", "a" * 64)
        return []

    (outcome,) = fuzzer._isolated(spin, 7, "g", 1)
    assert outcome.status == "hang" and outcome.status in fuzzer.FAILURES
    assert outcome.detail.startswith("killed by signal") and outcome.seconds >= 2
