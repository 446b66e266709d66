"""A small seeded budget of the mutation fuzzer (tests/fuzz.py); a large one runs by hand."""

from __future__ import annotations

from tests.fuzz import check_error_line, fuzz


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
    """120 mutants: exit 0, or 2 with one located line; no traceback, none over the time limit."""
    summary = fuzz(120, seed=20261203)
    assert summary.cases == 120
    assert not summary.failures, summary.report()
    assert summary.statuses["ok"] > 0 and summary.statuses["error"] > 0
