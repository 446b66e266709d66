"""How far a negotiation's conclusions survive the modeller's judgements.

:func:`robustness` samples every uncertain number of a game at once
(:mod:`negotiate.negotiation.sampling`, run by :mod:`negotiate.negotiation.engines`) and measures,
for each conclusion (:mod:`negotiate.negotiation.conclusions`), the share of samples in which it
holds with a 95% Wilson interval, its one-at-a-time margin for every number
(:mod:`negotiate.negotiation.margins`), and each number's influence: the share in the upper half
of its range minus the share in the lower half.

>>> from negotiate.model import NegotiationGame, Party, Issue, Range, Uncertainty
>>> game = NegotiationGame(
...     id="g", title="G",
...     parties=[Party(id="us", values={"a": {"y": 2}}), Party(id="mx", values={"a": {"y": 1}})],
...     issues=[Issue(id="a", options=["n", "y"])],
...     uncertainty=Uncertainty(ranges=[Range(path="values.mx.a.y", low=-1, high=3)]),
... )
>>> result = robustness(game, samples=4000, seed=3)
>>> claim = result.claim("agreement")
>>> abs(result.share(claim) - 0.75) < 0.03, result.margins["agreement"]["values.mx.a.y"].value
(True, Fraction(-1, 1))
>>> low, high = result.interval(claim)
>>> low < result.share(claim) < high, round(result.influence(claim)["values.mx.a.y"], 1)
(True, 0.5)
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from negotiate.exact.numbers import Number
from negotiate.model.negotiation import NegotiationGame
from negotiate.negotiation.conclusions import Claim, all_claims, exact_statistics
from negotiate.negotiation.engines import run
from negotiate.negotiation.margins import margins
from negotiate.negotiation.sampling import Job
from negotiate.robust.sampling import wilson_interval
from negotiate.robust.study import DEFAULT_SPREAD, Study, judged_numbers

__all__ = ["DEFAULT_SPREAD", "RobustnessAnalysis", "robustness", "wilson_interval"]

"""The spread used when neither the file (``[uncertainty]``) nor the caller gives one."""


@attrs.frozen(kw_only=True, eq=False)
class RobustnessAnalysis(Study):
    """Everything ``negotiate robustness`` reports on a negotiation (shares, intervals,
    influence and ranked margins as for every kind, :class:`~negotiate.robust.study.Study`).

    ``holds_at_baseline[k]`` says whether claim ``k`` holds in the baseline (always, for the
    headline conclusions); ``margins`` maps claim id -> path -> :class:`Margin`.
    """

    game: NegotiationGame
    claims: tuple[Claim, ...]


def robustness(
    game: NegotiationGame,
    samples: int = 10_000,
    seed: int = 0,
    spread: Number | None = None,
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    progress: Callable[[int], None] | None = None,
    processes: bool = True,
) -> RobustnessAnalysis:
    """Test every conclusion of ``game`` against its uncertain numbers.

    Parameters
    ----------
    game : NegotiationGame
        With its scenario applied; its ``[uncertainty]`` says what varies.
    samples, seed : int
        How many samples, and the seed they are drawn from (the same seed gives the same result
        on every engine and any number of workers).
    spread : number, optional
        Overrides the file's spread (default: the file's, else :data:`DEFAULT_SPREAD`).
    engine, workers, scheduler, processes
        Where the samples run (:func:`negotiate.negotiation.engines.run`).
    progress : callable, optional
        Told the size of each chunk of samples as it is done.
    """
    numbers, used = judged_numbers(game, spread)
    claims = all_claims(game)
    baseline = attrs.evolve(game, uncertainty=None, conclusions=())
    job = Job(game=baseline, claims=claims, numbers=numbers, seed=seed, samples=samples)
    counts = run(job, engine, workers, scheduler, progress, processes)
    exact = exact_statistics(baseline, claims)
    at_baseline = tuple(bool(v == t) for v, t in zip(exact, job.target, strict=True))
    return RobustnessAnalysis(
        game=game,
        samples=samples,
        seed=seed,
        spread=used,
        numbers=numbers,
        claims=claims,
        holds_at_baseline=at_baseline,
        counts=counts,
        margins=margins(baseline, claims, numbers),
    )
