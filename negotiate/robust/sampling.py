"""Seeded draws of uncertain numbers, and the whole-number tallies a study adds up.

Chunk ``k`` of a study draws from ``numpy.random.SeedSequence(seed, spawn_key=(k,))``: a sample
depends on the seed and its position only, and tallies are whole numbers, so every engine and
any number of workers give the same result.

>>> from negotiate.model.uncertainty import UncertainNumber
>>> numbers = [UncertainNumber(path="x", baseline=0, low=-1, high=1),
...            UncertainNumber(path="n", baseline=51, low=50, high=52, whole=True)]
>>> values = draw(numbers, seed=0, index=0, count=1000)
>>> bool((abs(values[:, 0]) <= 1).all()), sorted(set(values[:, 1].tolist()))
(True, [50.0, 51.0, 52.0])
>>> [round(x, 4) for x in wilson_interval(3000, 4000)]
[0.7363, 0.7632]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs
import numpy as np

from negotiate.model.uncertainty import UncertainNumber

__all__ = ["CHUNK", "Counts", "draw", "tally", "wilson_interval"]

CHUNK = 2000
"""Samples per chunk (per task on a distributed engine)."""

_Z95 = 1.959963984540054


def wilson_interval(holds: int, samples: int) -> tuple[float, float]:
    """The 95% Wilson score interval of a share ``holds / samples``."""
    if samples == 0:
        return (0.0, 1.0)
    share = holds / samples
    z2 = _Z95 * _Z95
    centre = (share + z2 / (2 * samples)) / (1 + z2 / samples)
    half = (
        _Z95 / (1 + z2 / samples) * math.sqrt(share * (1 - share) / samples + z2 / (4 * samples**2))
    )
    return (max(0.0, min(share, centre - half)), min(1.0, max(share, centre + half)))


@attrs.frozen(kw_only=True, eq=False)
class Counts:
    """Whole-number tallies: samples, samples where each claim holds, and per number the samples
    in the upper and lower halves of its range and where each claim holds there."""

    samples: int
    holds: np.ndarray
    upper: np.ndarray
    lower: np.ndarray
    upper_holds: np.ndarray
    lower_holds: np.ndarray

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            samples=self.samples + other.samples,
            holds=self.holds + other.holds,
            upper=self.upper + other.upper,
            lower=self.lower + other.lower,
            upper_holds=self.upper_holds + other.upper_holds,
            lower_holds=self.lower_holds + other.lower_holds,
        )

    @staticmethod
    def zero(claims: int, numbers: int) -> Counts:
        """No samples yet."""
        return Counts(
            samples=0,
            holds=np.zeros(claims, dtype=np.int64),
            upper=np.zeros(numbers, dtype=np.int64),
            lower=np.zeros(numbers, dtype=np.int64),
            upper_holds=np.zeros((numbers, claims), dtype=np.int64),
            lower_holds=np.zeros((numbers, claims), dtype=np.int64),
        )


def draw(numbers: Sequence[UncertainNumber], seed: int, index: int, count: int) -> np.ndarray:
    """The ``(count, numbers)`` sampled values of chunk ``index``: uniform on each range, one of
    its discrete values with equal chances, or one of the whole numbers of its range."""
    generator = np.random.Generator(
        np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(index,)))
    )
    uniform = generator.random((count, len(numbers)))
    out = np.empty_like(uniform)
    for k, number in enumerate(numbers):
        if number.values or number.whole:
            values = number.values or range(math.ceil(number.low), math.floor(number.high) + 1)
            choices = np.array([float(v) for v in values])
            picks = np.minimum((uniform[:, k] * len(choices)).astype(np.int64), len(choices) - 1)
            out[:, k] = choices[picks]
        else:
            low, high = float(number.low), float(number.high)
            out[:, k] = low + (high - low) * uniform[:, k]
    return out


def tally(numbers: Sequence[UncertainNumber], values: np.ndarray, holds: np.ndarray) -> Counts:
    """The counts of one chunk: ``values`` sampled ``(count, numbers)``, ``holds`` whether each
    claim holds in each sample ``(count, claims)``."""
    middle = np.array([(float(n.low) + float(n.high)) / 2 for n in numbers])
    upper = values > middle
    lower = values < middle
    as_int = holds.astype(np.int64)
    return Counts(
        samples=len(values),
        holds=as_int.sum(axis=0),
        upper=upper.sum(axis=0),
        lower=lower.sum(axis=0),
        upper_holds=upper.T.astype(np.int64) @ as_int,
        lower_holds=lower.T.astype(np.int64) @ as_int,
    )
