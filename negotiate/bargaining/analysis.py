"""The analysis of a bargaining problem that ``negotiate solve`` runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from negotiate.bargaining.alternating_offers import alternating_offers
from negotiate.bargaining.hull import LotteryPoint, Vector, ideal_point, pareto_indices
from negotiate.bargaining.nash import nash_point
from negotiate.bargaining.solutions import (
    egalitarian_point,
    kalai_smorodinsky_point,
    utilitarian_points,
)
from negotiate.display import Displayed
from negotiate.model.bargaining import BargainingProblem

if TYPE_CHECKING:
    from negotiate.bargaining.alternating_offers import AlternatingOffersEquilibrium
    from negotiate.options import SolveOptions


__all__ = ["BargainingAnalysis", "analyse", "feasible_points"]


@attrs.frozen(kw_only=True, repr=False)
class BargainingAnalysis(Displayed):
    """Everything ``negotiate solve`` reports for a bargaining problem.

    ``points`` are the utility points whose comprehensive hull is ``S`` (for a pie, ``d`` plus
    the whole remainder to one player); lotteries index into them. ``nash_symmetric`` is the
    Nash point with equal powers, given only when the players' powers differ.
    ``alternating_offers`` is ``None`` for more than two players or without impatience; then
    ``alternating_offers_note`` says why.
    """

    game: BargainingProblem
    points: tuple[Vector, ...]
    pareto: tuple[int, ...]
    ideal: Vector
    nash: LotteryPoint
    nash_symmetric: LotteryPoint | None
    kalai_smorodinsky: LotteryPoint
    egalitarian: LotteryPoint
    utilitarian: tuple[LotteryPoint, ...]
    alternating_offers: AlternatingOffersEquilibrium | None
    alternating_offers_note: str = ""

    def _summary(self) -> str:
        point = ", ".join(str(u) for u in self.nash.utilities)
        return f"{len(self.points)} points, Nash ({point})"

    @property
    def exact(self) -> bool:
        """Whether every reported number is exact."""
        found = [self.nash, self.kalai_smorodinsky, self.egalitarian, *self.utilitarian]
        if self.nash_symmetric is not None:
            found.append(self.nash_symmetric)
        if self.alternating_offers is not None:
            found.extend(self.alternating_offers.proposals)
        return all(p.exact for p in found)


def feasible_points(problem: BargainingProblem) -> tuple[Vector, ...]:
    """The utility points whose comprehensive hull is the problem's feasible set.

    For a pie ``P`` these are ``d + (P - sum(d)) e_i``: the remainder given wholly to one player.

    >>> from negotiate.model.bargaining import BargainingPlayer
    >>> problem = BargainingProblem(id="split", title="Split", pie=10,
    ...     players=[BargainingPlayer(id="a", disagreement=1), BargainingPlayer(id="b")])
    >>> feasible_points(problem)
    ((Fraction(10, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(9, 1)))
    """
    if problem.points is not None:
        return tuple(tuple(p) for p in problem.points)
    d = problem.disagreement
    assert problem.pie is not None
    rest = problem.pie - sum(d)
    return tuple(
        tuple(di + rest if i == j else di for j, di in enumerate(d)) for i in range(len(d))
    )


def analyse(problem: BargainingProblem, options: SolveOptions | None = None) -> BargainingAnalysis:
    """Every bargaining solution of ``problem``, and alternating offers for two players.

    Nash with the players' powers (and with equal powers when they differ), Kalai-Smorodinsky,
    egalitarian and utilitarian points over ``S``; the Rubinstein equilibrium with the players'
    discount factors, ``problem.first`` proposing first.

    Examples
    --------
    >>> from negotiate.model.bargaining import BargainingPlayer
    >>> problem = BargainingProblem(id="split", title="Split a dollar", pie=1,
    ...     players=[BargainingPlayer(id="us", discount="9/10"),
    ...              BargainingPlayer(id="mx", discount="4/5")])
    >>> result = analyse(problem)
    >>> result.nash.utilities, result.alternating_offers.utilities
    ((Fraction(1, 2), Fraction(1, 2)), (Fraction(5, 7), Fraction(2, 7)))
    """
    points = feasible_points(problem)
    d = problem.disagreement
    powers = tuple(p.power for p in problem.players)
    nash = nash_point(points, d, powers)
    symmetric = nash_point(points, d) if len(set(powers)) > 1 else None
    offers = None
    note = ""
    if len(problem.players) != 2:
        note = (
            f"Alternating offers is a two-player game; this problem has "
            f"{len(problem.players)} players."
        )
    elif all(p.discount == 1 for p in problem.players):
        note = (
            "Both discount factors are 1: with no impatience, delay costs nothing and every "
            "agreement is an equilibrium of alternating offers. Give `discount` below 1."
        )
    else:
        offers = alternating_offers(
            points,
            d,
            tuple(p.discount for p in problem.players),
            problem.player_ids.index(problem.first),
        )
    return BargainingAnalysis(
        game=problem,
        points=points,
        pareto=pareto_indices(points),
        ideal=ideal_point(points, d),
        nash=nash,
        nash_symmetric=symmetric,
        kalai_smorodinsky=kalai_smorodinsky_point(points, d),
        egalitarian=egalitarian_point(points, d),
        utilitarian=utilitarian_points(points, d),
        alternating_offers=offers,
        alternating_offers_note=note,
    )
