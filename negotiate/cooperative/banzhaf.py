"""The Banzhaf value of a TU game and its normalisations.

Definition (Peleg & Sudhölter 2007, Section 8.4; Banzhaf 1965): the average marginal
contribution of ``i`` over the ``2^(n-1)`` coalitions without ``i``,

.. math:: \\beta_i(v) = \\frac{1}{2^{n-1}} \\sum_{S \\subseteq N \\setminus \\{i\\}}
          \\bigl(v(S \\cup \\{i\\}) - v(S)\\bigr).

The raw value need not be efficient; it is reported normalised to sum 1 (a power index) and
rescaled to sum ``v(N)`` (an allocation).
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from negotiate.cooperative._tu import marginal_sums
from negotiate.cooperative.allocation import Allocation
from negotiate.model.coalition import CoalitionGame

__all__ = ["BanzhafValue", "banzhaf_value"]


@attrs.frozen(kw_only=True)
class BanzhafValue:
    """The raw Banzhaf value and its two normalisations.

    ``normalised`` sums to 1 and ``efficient`` to ``v(N)``; both are ``None`` when the raw values
    sum to 0 (no normalisation exists).
    """

    raw: Allocation
    normalised: Allocation | None
    efficient: Allocation | None


def banzhaf_value(game: CoalitionGame) -> BanzhafValue:
    """The Banzhaf value, raw and normalised.

    Parameters
    ----------
    game : CoalitionGame
        The TU game.

    Returns
    -------
    BanzhafValue
        Exact when every worth is exact.

    Examples
    --------
    >>> game = CoalitionGame.from_values(
    ...     id="glove", title="Glove", players=["left", "right_1", "right_2"],
    ...     values={"left+right_1": 1, "left+right_2": 1, "left+right_1+right_2": 1},
    ...     default_value=0)
    >>> value = banzhaf_value(game)
    >>> [str(x) for x in value.raw], [str(x) for x in value.normalised]
    (['3/4', '1/4', '1/4'], ['3/5', '1/5', '1/5'])
    """
    n = game.n
    marginal, scale = marginal_sums(game)
    if scale is None:
        raw = [float(marginal[i].sum()) / 2 ** (n - 1) for i in range(n)]
    else:
        raw = [Fraction(int(marginal[i].sum()), 2 ** (n - 1) * scale) for i in range(n)]
    total = sum(raw)
    if total == 0:
        normalised = efficient = None
    else:
        normalised = Allocation(players=game.players, payoffs=[b / total for b in raw])
        grand = game.worth[game.grand_coalition]
        efficient = Allocation(players=game.players, payoffs=[b * grand / total for b in raw])
    return BanzhafValue(
        raw=Allocation(players=game.players, payoffs=raw),
        normalised=normalised,
        efficient=efficient,
    )
