"""The Shapley value of a TU game, exact and vectorised over the bitmask worth vector.

Definition (Peleg & Sudhölter 2007, Definition 8.1.1 and Theorem 8.1.3):

.. math:: \\varphi_i(v) = \\sum_{S \\subseteq N \\setminus \\{i\\}}
          \\frac{|S|!\\,(n-|S|-1)!}{n!}\\,\\bigl(v(S \\cup \\{i\\}) - v(S)\\bigr).

The marginal contributions are summed by coalition size with numpy (``int64`` on scaled exact
worths, so ``n = 20`` takes a fraction of a second); the ``n`` size weights are then applied in
exact integer arithmetic.
"""

from __future__ import annotations

from fractions import Fraction
from math import factorial

from negotiate.cooperative._tu import marginal_sums
from negotiate.cooperative.allocation import Allocation
from negotiate.exact.numbers import Number
from negotiate.model.coalition import CoalitionGame

__all__ = ["shapley_value"]


def shapley_value(game: CoalitionGame) -> Allocation:
    """The Shapley value: each player's expected marginal contribution in a random order.

    Parameters
    ----------
    game : CoalitionGame
        The TU game.

    Returns
    -------
    Allocation
        Exact (Fractions) when every worth is exact, else floats.

    Examples
    --------
    The glove game: one left glove, two right gloves, a pair is worth 1.

    >>> game = CoalitionGame.from_values(
    ...     id="glove", title="Glove", players=["left", "right_1", "right_2"],
    ...     values={"left+right_1": 1, "left+right_2": 1, "left+right_1+right_2": 1},
    ...     default_value=0)
    >>> [str(x) for x in shapley_value(game)]
    ['2/3', '1/6', '1/6']
    """
    n = game.n
    marginal, scale = marginal_sums(game)
    weights = [factorial(s) * factorial(n - s - 1) for s in range(n)]
    payoffs: list[Number]
    if scale is None:
        norm = float(factorial(n))
        payoffs = [
            float(sum(float(marginal[i, s]) * weights[s] for s in range(n)) / norm)
            for i in range(n)
        ]
    else:
        denominator = factorial(n) * scale
        payoffs = [
            Fraction(sum(int(marginal[i, s]) * weights[s] for s in range(n)), denominator)
            for i in range(n)
        ]
    return Allocation(players=game.players, payoffs=payoffs)
