"""What robustness tests of a bargaining problem: where the Nash solution lies and who gains
most.

Claims: ``nash.point`` (the given points the Nash solution mixes: a vertex of the frontier, or the
edge between two), ``nash.gains_most`` and ``kalai_smorodinsky.gains_most`` (the players whose
gain over the disagreement point is largest under each solution). The agreement point itself
moves with every number, so its place on the frontier is the conclusion tested.

>>> from negotiate.model import BargainingProblem, BargainingPlayer
>>> problem = BargainingProblem(id="b", title="B", points=[[0, 4], [3, 3], [4, 0]],
...     players=[BargainingPlayer(id="us"), BargainingPlayer(id="mx")])
>>> [c.name for c in bargaining_claims(problem)]
['The Nash solution is the point (3, 3)', 'us and mx gain most under the Nash solution',
 'us and mx gain most under the Kalai-Smorodinsky solution']
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from negotiate.bargaining.analysis import feasible_points
from negotiate.bargaining.hull import LotteryPoint
from negotiate.bargaining.nash import nash_point
from negotiate.bargaining.solutions import kalai_smorodinsky_point
from negotiate.exact.numbers import to_text
from negotiate.model.bargaining import BargainingProblem
from negotiate.robust.study import Claim, KindSpec

__all__ = ["BARGAINING", "bargaining_claims", "bargaining_headline"]


def _gains_most(problem: BargainingProblem, point: LotteryPoint) -> tuple[str, ...]:
    gains = [u - d for u, d in zip(point.utilities, problem.disagreement, strict=True)]
    tolerance = 0 if point.exact else 1e-9
    best = max(gains)
    return tuple(p for p, g in zip(problem.player_ids, gains, strict=True) if g >= best - tolerance)


def _statistics(problem: BargainingProblem) -> dict[str, Hashable]:
    points = feasible_points(problem)
    d = problem.disagreement
    nash = nash_point(points, d, tuple(p.power for p in problem.players))
    ks = kalai_smorodinsky_point(points, d)
    support = frozenset(k for p, k in nash.lottery if p != 0)
    return {
        "nash.point": support,
        "nash.gains_most": _gains_most(problem, nash),
        "kalai_smorodinsky.gains_most": _gains_most(problem, ks),
        "points": points,
    }


def statistics(problem: BargainingProblem, claims: Sequence[Claim]) -> tuple[Hashable, ...]:
    """Each claim's statistic on ``problem``, exactly."""
    values = _statistics(problem)
    return tuple(values[c.kind] for c in claims)


def _place(points: Sequence[Sequence[object]], support: frozenset[int]) -> str:
    words = [f"({', '.join(to_text(u) for u in points[k])})" for k in sorted(support)]  # type: ignore[arg-type]
    if len(words) == 1:
        return f"the point {words[0]}"
    return "between " + " and ".join(words)


def _verb(players: Sequence[str]) -> str:
    return "gains" if len(players) == 1 else "gain"


def bargaining_claims(problem: BargainingProblem) -> tuple[Claim, ...]:
    """The baseline's Nash place on the frontier and who gains most, as claims."""
    values = _statistics(problem)
    nash_first = " and ".join(values["nash.gains_most"])  # type: ignore[arg-type]
    ks_first = " and ".join(values["kalai_smorodinsky.gains_most"])  # type: ignore[arg-type]
    return (
        Claim(
            id="nash.point",
            name=f"The Nash solution is {_place(values['points'], values['nash.point'])}",  # type: ignore[arg-type]
            kind="nash.point",
            target=values["nash.point"],
        ),
        Claim(
            id="nash.gains_most",
            name=f"{nash_first} {_verb(values['nash.gains_most'])} most under the Nash solution",  # type: ignore[arg-type]
            kind="nash.gains_most",
            target=values["nash.gains_most"],
        ),
        Claim(
            id="kalai_smorodinsky.gains_most",
            name=f"{ks_first} {_verb(values['kalai_smorodinsky.gains_most'])} most under the "  # type: ignore[arg-type]
            "Kalai-Smorodinsky solution",
            kind="kalai_smorodinsky.gains_most",
            target=values["kalai_smorodinsky.gains_most"],
        ),
    )


def bargaining_headline(problem: BargainingProblem) -> str:
    """Where the Nash solution lies, in words (a sweep's regime)."""
    values = _statistics(problem)
    return "Nash " + _place(values["points"], values["nash.point"])  # type: ignore[arg-type]


BARGAINING = KindSpec(claims=bargaining_claims, statistics=statistics, samples=2_000)
"""A bargaining problem's robustness (2,000 samples by default: each is solved anew)."""
