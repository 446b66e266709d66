"""Where the chunks of a sampling study run: this process, a local process pool, or Dask.

Every engine returns the same :class:`~negotiate.robust.sampling.Counts` for the same job:
chunks are fixed and seeded by their index (:mod:`negotiate.robust.sampling`), and counts are
whole numbers summed in chunk order. A job offers ``claims``, ``numbers``, ``chunks`` and
``chunk_size(index)``; ``chunk(job, index)`` evaluates one chunk and ``serial(job, indices,
progress)`` several in this process (sharing what can be shared between chunks).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from negotiate.errors import NegotiateError
from negotiate.robust.sampling import Counts

__all__ = ["ENGINES", "EngineError", "run"]

ENGINES = ("local", "dask")
"""The engines :func:`run` knows."""

Progress = Callable[[int], None]
Chunk = Callable[[Any, int], Counts]
Serial = Callable[[Any, Iterable[int], Progress | None], Counts]


class EngineError(NegotiateError):
    """An engine cannot run: an optional package is missing or a scheduler is unreachable."""


def _local(
    job: Any, chunk: Chunk, serial: Serial, workers: int, progress: Progress | None
) -> Counts:
    if workers <= 1:
        return serial(job, range(job.chunks), progress)
    total = Counts.zero(len(job.claims), len(job.numbers))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(chunk, job, index) for index in range(job.chunks)]
        for index, future in enumerate(futures):
            total = total + future.result()
            if progress is not None:
                progress(job.chunk_size(index))
    return total


def _client(workers: int, scheduler: str | None, processes: bool) -> tuple[Any, Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise EngineError(
            "the dask engine needs the optional `distributed` package: "
            'pip install ".[distributed]" from the checkout'
        ) from None
    if scheduler is not None:
        try:
            return Client(scheduler, timeout="10s"), None
        except OSError as error:
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    cluster = LocalCluster(
        n_workers=max(workers, 1), threads_per_worker=1, processes=processes, dashboard_address=None
    )
    return Client(cluster), cluster


def _dask(
    job: Any,
    chunk: Chunk,
    workers: int,
    scheduler: str | None,
    progress: Progress | None,
    processes: bool,
) -> Counts:
    client, cluster = _client(workers, scheduler, processes)
    try:
        remote = client.scatter(job, broadcast=True)
        futures = client.map(chunk, [remote] * job.chunks, range(job.chunks), pure=False)
        total = Counts.zero(len(job.claims), len(job.numbers))
        for index, future in enumerate(futures):
            total = total + future.result()
            if progress is not None:
                progress(job.chunk_size(index))
        return total
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run(
    job: Any,
    chunk: Chunk,
    serial: Serial,
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    progress: Progress | None = None,
    processes: bool = True,
) -> Counts:
    """Run every chunk of ``job`` on ``engine`` and add up the counts.

    Parameters
    ----------
    chunk, serial : callable
        Module-level functions (a process pool and Dask pickle them by name).
    engine : "local" or "dask"
        ``local``: this process with one worker, else a process pool of ``workers``;
        ``dask``: the scheduler at ``scheduler``, or a ``distributed.LocalCluster`` of
        ``workers`` workers (``processes=False``: threads, for tests) when none is given.
    progress : callable, optional
        Told the size of each chunk as it is added up.
    """
    if engine == "local":
        return _local(job, chunk, serial, workers, progress)
    if engine == "dask":
        return _dask(job, chunk, workers, scheduler, progress, processes)
    raise EngineError(f"unknown engine `{engine}` (expected one of: local, dask)")
