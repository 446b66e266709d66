"""The command line's output on every shipped game is pinned byte for byte (``tests/golden``)."""

from __future__ import annotations

import pytest

from tests.golden import CASES, GOLDEN, Case, output


@pytest.mark.parametrize("case", CASES, ids=[case.file_name for case in CASES])
def test_output_matches_golden(case: Case) -> None:
    """The output equals its golden file (python -m tests.golden rewrites intended changes)."""
    expected = (GOLDEN / case.file_name).read_text(encoding="utf-8")
    assert output(case) == expected
