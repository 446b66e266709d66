"""A robustness study of any kind of game: shares, 95% intervals, margins and influence.

A kind says what it concludes from a game (:class:`KindSpec`): its headline *claims*, each a
statistic of the game with the baseline's value as its target (a set of equilibria, a ranking,
whether the core is empty), an exact evaluation of every claim on one game, and optionally a
vectorised evaluation of many samples at once. The study samples every uncertain number in seeded
chunks (:mod:`negotiate.robust.sampling`) on any engine (:mod:`negotiate.robust.engines`); a
sampled model that its field refuses (a quota above the total weight) counts as one in which no
claim holds. Margins are one-at-a-time (:mod:`negotiate.robust.margins`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

import attrs
import numpy as np

from negotiate.errors import InvalidGameError
from negotiate.exact.numbers import Number
from negotiate.model.paths import vary_many
from negotiate.model.uncertainty import UncertainNumber, uncertain_numbers
from negotiate.robust.engines import run
from negotiate.robust.margins import Margin, margins
from negotiate.robust.sampling import CHUNK, Counts, draw, tally, wilson_interval

__all__ = [
    "DEFAULT_SPREAD",
    "Claim",
    "KindSpec",
    "Study",
    "StudyJob",
    "evaluate_chunk",
    "judged_numbers",
    "study",
]

Statistics = Callable[[Any, Sequence["Claim"]], tuple[Hashable, ...]]
Batch = Callable[[Any, Sequence[str], Sequence["Claim"], np.ndarray], np.ndarray]


@attrs.frozen(kw_only=True)
class Claim:
    """A conclusion: its ``id``, a sentence (``name``) worded for the baseline, its ``kind`` and
    the ``target`` its statistic takes at the baseline (it holds when the statistic equals it)."""

    id: str
    name: str
    kind: str
    target: Hashable = None


@attrs.frozen(kw_only=True)
class KindSpec:
    """What a kind of game concludes, and how to evaluate it.

    ``claims(game)`` gives the headline claims of a baseline game; ``statistics(game, claims)``
    the exact statistic of each on ``game``; ``batch(game, paths, claims, values)``, when given,
    whether each claim holds in each of the sampled models (``values``: ``(count, paths)``),
    vectorised; ``samples`` is the kind's default number of samples.
    """

    claims: Callable[[Any], tuple[Claim, ...]]
    statistics: Statistics
    batch: Batch | None = None
    samples: int = 10_000


def per_sample(
    game: Any, paths: Sequence[str], claims: Sequence[Claim], values: np.ndarray, spec: KindSpec
) -> np.ndarray:
    """Whether each claim holds in each sampled model, one exact solve per distinct sample."""
    targets = [c.target for c in claims]
    seen: dict[tuple[float, ...], np.ndarray] = {}
    out = np.zeros((len(values), len(claims)), dtype=bool)
    for row, sample in enumerate(values):
        key = tuple(sample.tolist())
        if key not in seen:
            try:
                model = vary_many(
                    game, [(p, _number(game, p, v)) for p, v in zip(paths, key, strict=True)]
                )
                stats = spec.statistics(model, claims)
                seen[key] = np.array([s == t for s, t in zip(stats, targets, strict=True)])
            except InvalidGameError:
                seen[key] = np.zeros(len(claims), dtype=bool)
        out[row] = seen[key]
    return out


def _number(game: Any, path: str, value: float) -> Number:
    return int(value) if path.startswith("rule.") and game.kind == "weighted_voting" else value


def _claims(values: Iterable[Claim]) -> tuple[Claim, ...]:
    return tuple(values)


def _numbers(values: Iterable[UncertainNumber]) -> tuple[UncertainNumber, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True, eq=False)
class StudyJob:
    """A sampling study of a kind: the baseline game, its spec, claims, numbers, seed and size."""

    game: Any
    spec: KindSpec
    claims: tuple[Claim, ...] = attrs.field(converter=_claims)
    numbers: tuple[UncertainNumber, ...] = attrs.field(converter=_numbers)
    seed: int
    samples: int

    @property
    def chunks(self) -> int:
        """How many chunks the samples make."""
        return -(-self.samples // CHUNK)

    def chunk_size(self, index: int) -> int:
        """The number of samples in chunk ``index`` (the last may be short)."""
        return min(CHUNK, self.samples - index * CHUNK)


def evaluate_chunk(job: StudyJob, index: int) -> Counts:
    """Draw and evaluate chunk ``index`` of ``job``."""
    values = draw(job.numbers, job.seed, index, job.chunk_size(index))
    paths = [n.path for n in job.numbers]
    if not paths:
        holds = np.ones((len(values), len(job.claims)), dtype=bool)
    elif job.spec.batch is not None:
        holds = job.spec.batch(job.game, paths, job.claims, values)
    else:
        holds = per_sample(job.game, paths, job.claims, values, job.spec)
    return tally(job.numbers, values, holds)


def evaluate_chunks(
    job: StudyJob, indices: Iterable[int], progress: Callable[[int], None] | None = None
) -> Counts:
    """Run chunks one after another in this process."""
    total = Counts.zero(len(job.claims), len(job.numbers))
    for index in indices:
        total = total + evaluate_chunk(job, index)
        if progress is not None:
            progress(job.chunk_size(index))
    return total


@attrs.frozen(kw_only=True, eq=False)
class Study:
    """Everything ``negotiate robustness`` reports (a negotiation's
    :class:`~negotiate.negotiation.robustness.RobustnessAnalysis` extends it): the claims (each
    with an ``id``, a ``name`` and a ``kind``), whether each holds at the baseline, the counts of
    the samples and the margins (claim id -> path -> :class:`Margin`)."""

    game: Any
    samples: int
    seed: int
    spread: Number
    numbers: tuple[UncertainNumber, ...]
    claims: tuple[Any, ...]
    holds_at_baseline: tuple[bool, ...]
    counts: Counts
    margins: dict[str, dict[str, Margin]]

    def claim(self, claim_id: str) -> int:
        """The position of the claim with this id."""
        return next(k for k, c in enumerate(self.claims) if c.id == claim_id)

    def share(self, claim: int) -> float:
        """The share of samples in which claim ``claim`` holds."""
        return int(self.counts.holds[claim]) / max(self.counts.samples, 1)

    def interval(self, claim: int) -> tuple[float, float]:
        """Its 95% Wilson interval."""
        return wilson_interval(int(self.counts.holds[claim]), self.counts.samples)

    def influence(self, claim: int) -> dict[str, float]:
        """Per number: the share where it lies in the upper half of its range minus the share
        where it lies in the lower half (0 when a half is empty)."""
        out = {}
        for k, number in enumerate(self.numbers):
            upper, lower = int(self.counts.upper[k]), int(self.counts.lower[k])
            out[number.path] = (
                int(self.counts.upper_holds[k, claim]) / upper
                - int(self.counts.lower_holds[k, claim]) / lower
                if upper and lower
                else 0.0
            )
        return out

    def ranked_margins(self, claim: int) -> list[tuple[str, Margin]]:
        """The numbers whose change breaks the claim, smallest margin first."""
        items = [
            (p, m) for p, m in self.margins[self.claims[claim].id].items() if m.value is not None
        ]
        return sorted(items, key=lambda item: abs(float(item[1].value)))  # type: ignore[arg-type]


DEFAULT_SPREAD = 1
"""The spread of a file without ``[uncertainty]``."""


def judged_numbers(game: Any, spread: Number | None) -> tuple[tuple[UncertainNumber, ...], Number]:
    """The uncertain numbers of ``game`` and the spread they use: ``spread`` if given, else the
    file's ``[uncertainty]`` (0 when only its ranges vary), else :data:`DEFAULT_SPREAD`."""
    if spread is None and game.uncertainty is None:
        spread = DEFAULT_SPREAD
    used = game.uncertainty.spread if spread is None and game.uncertainty else spread
    return uncertain_numbers(game, spread), used if used is not None else 0


def study(
    game: Any,
    spec: KindSpec,
    samples: int | None = None,
    seed: int = 0,
    spread: Number | None = None,
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    progress: Callable[[int], None] | None = None,
    processes: bool = True,
) -> Study:
    """Test every headline claim of ``game`` (of ``spec``'s kind) against its uncertain numbers.

    ``samples`` defaults to the kind's (``spec.samples``); ``spread`` overrides the file's
    (default: the file's, else 1); the engine arguments are those of
    :func:`negotiate.robust.engines.run`.
    """
    numbers, used = judged_numbers(game, spread)
    baseline = attrs.evolve(game, uncertainty=None)
    claims = spec.claims(baseline)
    count = spec.samples if samples is None else samples
    job = StudyJob(
        game=baseline, spec=spec, claims=claims, numbers=numbers, seed=seed, samples=count
    )
    counts = run(
        job, evaluate_chunk, evaluate_chunks, engine, workers, scheduler, progress, processes
    )
    exact = spec.statistics(baseline, claims)
    return Study(
        game=game,
        samples=count,
        seed=seed,
        spread=used,
        numbers=numbers,
        claims=claims,
        holds_at_baseline=tuple(s == c.target for s, c in zip(exact, claims, strict=True)),
        counts=counts,
        margins=margins(baseline, claims, numbers, spec.statistics),
    )
