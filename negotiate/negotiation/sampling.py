"""Monte Carlo over a negotiation's uncertain numbers, in chunks any engine can run.

Samples go out in chunks of :data:`CHUNK` (fixed, whatever the number of workers). Chunk ``k``
draws its samples from ``numpy.random.SeedSequence(seed, spawn_key=(k,))``, so a sample depends
on the seed and its position only, and each chunk returns whole-number counts whose sum is the
same on every engine, in any order.

>>> from negotiate.model import NegotiationGame, Party, Issue
>>> from negotiate.model.uncertainty import UncertainNumber
>>> from negotiate.negotiation.conclusions import headline_claims
>>> game = NegotiationGame(
...     id="g", title="G",
...     parties=[Party(id="us", values={"a": {"y": 2}}), Party(id="mx", values={"a": {"y": 1}})],
...     issues=[Issue(id="a", options=["n", "y"])],
... )
>>> job = Job(game=game, claims=headline_claims(game)[:1],
...           numbers=(UncertainNumber(path="values.mx.a.y", baseline=1, low=-3, high=1),),
...           seed=7, samples=4000)
>>> counts = run_chunks(job, range(job.chunks))
>>> counts.samples, round(int(counts.holds[0]) / counts.samples, 2)
(4000, 0.25)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs
import numpy as np

from negotiate.model.negotiation import NegotiationGame
from negotiate.model.uncertainty import UncertainNumber
from negotiate.negotiation.conclusions import Claim, exact_statistics
from negotiate.negotiation.robust_kernel import Kernel
from negotiate.robust.sampling import CHUNK, Counts, draw, tally

__all__ = ["CHUNK", "Counts", "Job", "draw", "run_chunk", "run_chunks"]


def _tuple_of_claim(values: Iterable[Claim]) -> tuple[Claim, ...]:
    return tuple(values)


def _tuple_of_int(values: Iterable[int]) -> tuple[int, ...]:
    return tuple(int(v) for v in values)


def _tuple_of_number(values: Iterable[UncertainNumber]) -> tuple[UncertainNumber, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True, eq=False)
class Job:
    """A sampling study: the baseline game, the claims, the numbers, the seed and the size.

    ``target`` is the statistic at which each claim holds: its baseline value for a headline
    conclusion, 1 (it matches) for a named one; computed when not given."""

    game: NegotiationGame
    claims: tuple[Claim, ...] = attrs.field(converter=_tuple_of_claim)
    numbers: tuple[UncertainNumber, ...] = attrs.field(converter=_tuple_of_number)
    seed: int
    samples: int
    target: tuple[int, ...] = attrs.field(default=(), converter=_tuple_of_int)

    def __attrs_post_init__(self) -> None:
        if not self.target:
            exact = exact_statistics(self.game, self.claims)
            wanted = [
                1 if c.kind == "named" else int(v) for c, v in zip(self.claims, exact, strict=True)
            ]
            object.__setattr__(self, "target", tuple(wanted))

    @property
    def chunks(self) -> int:
        """How many chunks the samples make."""
        return -(-self.samples // CHUNK)

    def chunk_size(self, index: int) -> int:
        """The number of samples in chunk ``index`` (the last may be short)."""
        return min(CHUNK, self.samples - index * CHUNK)


def run_chunk(job: Job, index: int, kernel: Kernel | None = None) -> Counts:
    """Draw and evaluate chunk ``index`` of ``job``."""
    kernel = kernel or Kernel(job.game, [n.path for n in job.numbers], job.claims)
    values = draw(job.numbers, job.seed, index, job.chunk_size(index))
    baseline = np.array([float(n.baseline) for n in job.numbers])
    holds = kernel.statistics(values - baseline) == np.array(job.target, dtype=np.int64)
    return tally(job.numbers, values, holds)


def run_chunks(
    job: Job, indices: Iterable[int], progress: Callable[[int], None] | None = None
) -> Counts:
    """Run chunks one after another in this process (one kernel for all); ``progress`` is told
    each chunk's size when it is done."""
    kernel = Kernel(job.game, [n.path for n in job.numbers], job.claims)
    total = Counts.zero(len(job.claims), len(job.numbers))
    for index in indices:
        total = total + run_chunk(job, index, kernel)
        if progress is not None:
            progress(job.chunk_size(index))
    return total
