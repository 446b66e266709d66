"""Progress of long work: solvers say how far they are, the command line shows it.

A solver calls :func:`advance` with what it is doing and the share of that work done (0 to 1);
nothing is shown unless a caller listens for a block with :func:`listening` (a context variable:
each thread and task sees its own listener). Without a listener, :func:`advance` costs one lookup.

>>> seen = []
>>> with listening(lambda stage, done: seen.append((stage, done))):
...     advance("counting coalitions", 0.5)
>>> advance("counting coalitions", 1.0)  # no one listens
>>> seen
[('counting coalitions', 0.5)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["Listener", "Tally", "advance", "listening"]

Listener = Callable[[str, float], None]
"""Called with a stage's name and the share of its work done, in ``[0, 1]``."""

_LISTENER: ContextVar[Listener | None] = ContextVar("negotiate_progress", default=None)


def advance(stage: str, done: float) -> None:
    """Tell the listener, if any, that ``stage`` is ``done`` (a share, clipped to ``[0, 1]``)."""
    listener = _LISTENER.get()
    if listener is not None:
        listener(stage, min(max(done, 0.0), 1.0))


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Send the progress of the work done in this block to ``listener``."""
    token = _LISTENER.set(listener)
    try:
        yield
    finally:
        _LISTENER.reset(token)


class Tally:
    """Steps of a known total of work, each told to :func:`advance` as the share done so far
    (nothing is told when ``stage`` is ``None``).

    >>> seen = []
    >>> with listening(lambda stage, done: seen.append(done)):
    ...     tally = Tally("counting", 4)
    ...     tally.step()
    ...     tally.step(3)
    >>> seen
    [0.25, 1.0]
    """

    def __init__(self, stage: str | None, total: int) -> None:
        self.stage, self.total, self.done = stage, max(total, 1), 0

    def step(self, work: int = 1) -> None:
        self.done += work
        if self.stage is not None:
            advance(self.stage, self.done / self.total)
