"""Where the chunks of a negotiation's sampling study run: this process, a local process pool,
or Dask (:mod:`negotiate.robust.engines`).

Every engine returns the same :class:`~negotiate.negotiation.sampling.Counts` for the same job:
chunks are fixed and seeded by their index (:mod:`negotiate.negotiation.sampling`), and counts
are whole numbers summed in chunk order.

>>> from negotiate.model import NegotiationGame, Party, Issue
>>> from negotiate.model.uncertainty import UncertainNumber
>>> from negotiate.negotiation.conclusions import headline_claims
>>> from negotiate.negotiation.sampling import Job
>>> game = NegotiationGame(
...     id="g", title="G",
...     parties=[Party(id="us", values={"a": {"y": 2}}), Party(id="mx", values={"a": {"y": 1}})],
...     issues=[Issue(id="a", options=["n", "y"])],
... )
>>> job = Job(game=game, claims=headline_claims(game)[:1], seed=1, samples=100,
...           numbers=(UncertainNumber(path="values.mx.a.y", baseline=1, low=-1, high=1),))
>>> run(job, "local").holds.tolist()
[54]
"""

from __future__ import annotations

from collections.abc import Callable

from negotiate.negotiation.sampling import Counts, Job, run_chunk, run_chunks
from negotiate.robust import engines
from negotiate.robust.engines import ENGINES, EngineError

__all__ = ["ENGINES", "EngineError", "run"]

Progress = Callable[[int], None]


def run(
    job: Job,
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    progress: Progress | None = None,
    processes: bool = True,
) -> Counts:
    """Run every chunk of ``job`` on ``engine`` and add up the counts
    (:func:`negotiate.robust.engines.run` with the negotiation kernel's chunks).

    Parameters
    ----------
    engine : "local" or "dask"
        ``local``: this process with one worker, else a process pool of ``workers``;
        ``dask``: the scheduler at ``scheduler``, or a ``distributed.LocalCluster`` of
        ``workers`` workers (``processes=False``: threads, for tests) when none is given.
    progress : callable, optional
        Told the size of each chunk as it is added up.
    """
    return engines.run(job, run_chunk, run_chunks, engine, workers, scheduler, progress, processes)
