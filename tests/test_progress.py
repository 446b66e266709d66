"""Progress of long work: the generating functions report shares of their work that rise to
exactly 1, and the command line's bar appears only for work that lasts."""

from __future__ import annotations

import io

import pytest

from negotiate import cli_params
from negotiate.progress import advance, listening
from negotiate.voting import banded
from negotiate.voting.banded import swings_by_size
from negotiate.voting.generating import IntegerBody, minimal_winning_counts


def _recorded(work) -> list[tuple[str, float]]:  # type: ignore[no-untyped-def]
    seen: list[tuple[str, float]] = []
    with listening(lambda stage, done: seen.append((stage, done))):
        work()
    return seen


@pytest.mark.parametrize(
    ("work", "stage"),
    [
        (swings_by_size, "counting coalitions by weight and size"),
        (minimal_winning_counts, "counting minimal winning coalitions"),
        (banded.minimal_winning_counts, "counting minimal winning coalitions"),
    ],
)
def test_generating_functions_report_their_work(work, stage) -> None:  # type: ignore[no-untyped-def]
    """One report a voter and a division, never falling back, ending at exactly 1."""
    body = IntegerBody.of([(5, 3), (3, 4), (2, 6), (1, 10)], 25)
    seen = _recorded(lambda: work(body))
    shares = [done for _, done in seen]
    assert {s for s, _ in seen} == {stage}
    assert len(seen) >= body.voters
    assert shares == sorted(shares) and shares[-1] == 1.0 and shares[0] > 0


def test_reports_do_not_change_the_result() -> None:
    body = IntegerBody.of([(7, 5), (1, 10)], 39)  # the UN Security Council
    with listening(lambda stage, done: None):
        heard = swings_by_size(body)
    assert heard == swings_by_size(body)
    assert [sum(counts) for counts in heard] == [848, 84]


def test_no_listener_outside_the_block() -> None:
    seen: list[float] = []
    with listening(lambda stage, done: seen.append(done)):
        advance("a", 2.0)  # clipped
    advance("a", 0.5)
    assert seen == [1.0]


def test_the_bar_waits_for_long_work(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Nothing before the delay; after it, a bar labelled with the stage, restarted when a new
    stage begins."""
    clock = [100.0]
    monkeypatch.setattr(cli_params.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(cli_params.sys, "stderr", io.StringIO())
    bar = cli_params._LateBar(delay=1.0)
    bar("counting", 0.2)
    assert bar.bar is None
    clock[0] += 1.5
    bar("counting", 0.4)
    assert bar.bar is not None and bar.bar.label == "counting" and bar.shown == 400
    bar("dividing", 0.1)
    assert bar.bar.label == "dividing" and bar.shown == 100 and bar.bar.pos == 100
    bar.close()


def test_no_bar_unless_standard_error_is_a_terminal(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Piped or captured standard error: no listener is installed (and nothing is written)."""
    from negotiate import progress

    stderr = io.StringIO()
    monkeypatch.setattr(cli_params.sys, "stderr", stderr)
    with cli_params.shown_progress(delay=0.0):
        assert progress._LISTENER.get() is None
        advance("counting", 0.5)
    monkeypatch.setattr(stderr, "isatty", lambda: True)
    with cli_params.shown_progress(delay=0.0):
        assert progress._LISTENER.get() is not None
        advance("counting", 0.5)
    assert "counting" in stderr.getvalue()
