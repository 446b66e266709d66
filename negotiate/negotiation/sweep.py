"""Sweeps: how the agreement set, the Nash package and the gains from linkage change as one
number of a negotiation varies.

A *parameter path* names one number of the game:

- ``values.ACTOR.ISSUE.OPTION``: a party's or constituency's part-worth;
- ``party.PARTY.FIELD``: ``power``, ``discount`` or ``reservation``;
- ``ratification.PARTY.quota``;
- ``constituency.CONSTITUENCY.weight``;
- ``transfer.ID.max``, ``transfer.ID.values.ACTOR`` and the probabilities of distributions
  (:mod:`negotiate.negotiation.mechanism_parameters`).
- ``interaction.ID.value`` (see :mod:`negotiate.model.paths`, where paths are read and replaced).

Each variant is the game with that number replaced (``attrs.evolve`` on the model), analysed by
:func:`negotiate.negotiation.linkage.linkage`.

>>> from negotiate.model import NegotiationGame, Party, Issue
>>> game = NegotiationGame(
...     id="g", title="G",
...     parties=[Party(id="us", values={"a": {"y": 2}, "b": {"y": -1}}),
...              Party(id="mx", values={"a": {"y": -1}, "b": {"y": 2}})],
...     issues=[Issue(id="a", options=["n", "y"]), Issue(id="b", options=["n", "y"])],
... )
>>> result = sweep(game, "values.mx.a.y", steps(-3, 1, 5))
>>> [(str(p.value), p.analysis.agreements) for p in result.points]
[('-3', 0), ('-2', 1), ('-1', 1), ('0', 2), ('1', 2)]
>>> [str(result.points[k].value) for k in result.regime_changes]
['-2', '0']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from fractions import Fraction

import attrs

from negotiate.errors import numerical_failures
from negotiate.exact.numbers import Number, is_exact
from negotiate.model import paths
from negotiate.model.negotiation import NegotiationGame
from negotiate.model.paths import parse_path
from negotiate.negotiation.linkage import LinkageAnalysis, linkage
from negotiate.negotiation.mechanism_parameters import (
    MECHANISM_TABLES,
    mechanism_value,
    vary_mechanism,
)
from negotiate.negotiation.transfers import TransferAnalysis, transfer_analysis
from negotiate.negotiation.uncertain_ratification import (
    UncertainRatification,
    uncertain_ratification,
)

__all__ = ["Sweep", "SweepPoint", "parameter_value", "steps", "sweep", "sweep_points", "vary"]


@attrs.frozen(kw_only=True)
class SweepPoint:
    """One value of the swept parameter and the linkage analysis of that variant (with what a
    side payment buys and the ratification probabilities, for games that have them)."""

    value: Number
    analysis: LinkageAnalysis
    transfer: TransferAnalysis | None = None
    uncertain: UncertainRatification | None = None


@attrs.frozen(kw_only=True)
class Sweep:
    """A sweep of one parameter: the base game, the path and one analysis per value."""

    game: NegotiationGame
    path: str
    points: tuple[SweepPoint, ...]

    @property
    def regime_changes(self) -> tuple[int, ...]:
        """Indices of the points where the linked package or the minimal feasible linkages
        differ from the previous point's."""

        def regime(point: SweepPoint) -> object:
            return (point.analysis.linked.package, point.analysis.minimal_feasible)

        return tuple(
            k
            for k in range(1, len(self.points))
            if regime(self.points[k]) != regime(self.points[k - 1])
        )


def steps(low: Number, high: Number, count: int) -> tuple[Number, ...]:
    """``count`` evenly spaced values from ``low`` to ``high`` (both included), exact when both
    ends are.

    >>> [str(x) for x in steps(0, 1, 5)]
    ['0', '1/4', '1/2', '3/4', '1']
    """
    if count < 1:
        raise ValueError(f"a sweep needs at least one step (got {count})")
    if count == 1:
        return (low,)
    if is_exact(low, high):
        low, high = Fraction(low), Fraction(high)
        return tuple(low + (high - low) * Fraction(k, count - 1) for k in range(count))
    return tuple(float(low) + (float(high) - float(low)) * k / (count - 1) for k in range(count))


def _parse(game: NegotiationGame, path: str) -> tuple[str, ...]:
    """Check a parameter path: the model's numbers, or a mechanism's (transfers, lotteries)."""
    if path.split(".")[0] in MECHANISM_TABLES:
        mechanism_value(game, path)  # raises for a bad path
        return tuple(path.split("."))
    return parse_path(game, path)


def parameter_value(game: NegotiationGame, path: str) -> Number | None:
    """The current value of the number at ``path`` (``None``: an unset reservation); see
    :func:`negotiate.model.paths.parameter_value`, plus the mechanism paths.

    >>> from negotiate.model import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(id="g", title="G", parties=[Party(id="us", power=2)],
    ...                        issues=[Issue(id="a", options=["n", "y"])])
    >>> parameter_value(game, "party.us.power")
    Fraction(2, 1)
    """
    if path.split(".")[0] in MECHANISM_TABLES:
        return mechanism_value(game, path)
    return paths.parameter_value(game, path)


def vary(game: NegotiationGame, path: str, value: Number) -> NegotiationGame:
    """``game`` with the number at ``path`` replaced by ``value``; see
    :func:`negotiate.model.paths.vary`, plus the mechanism paths.

    >>> from negotiate.model import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(id="g", title="G", parties=[Party(id="us")],
    ...                        issues=[Issue(id="a", options=["n", "y"])])
    >>> vary(game, "values.us.a.y", 3).party("us").values["a"]["y"]
    Fraction(3, 1)
    """
    if path.split(".")[0] in MECHANISM_TABLES:
        return vary_mechanism(game, path, value)
    varied: NegotiationGame = paths.vary(game, path, value)
    return varied


def sweep_points(
    game: NegotiationGame, path: str, values: Iterable[Number]
) -> Iterator[SweepPoint]:
    """The linkage analysis of each variant, one at a time (for progress bars)."""
    _parse(game, path)
    for value in values:
        variant = vary(game, path, value)
        with numerical_failures(f"the sweep at {path} = {value}"):
            point = SweepPoint(
                value=value,
                analysis=linkage(variant),
                transfer=transfer_analysis(variant) if variant.transfers else None,
                uncertain=uncertain_ratification(variant) if variant.lotteries else None,
            )
        yield point


def sweep(game: NegotiationGame, path: str, values: Iterable[Number]) -> Sweep:
    """Analyse ``game`` with the number at ``path`` set to each of ``values`` in turn.

    Parameters
    ----------
    game : NegotiationGame
        The negotiation (a scenario already applied, if any).
    path : str
        A parameter path (see the module documentation), e.g. ``values.us.security.joint``.
    values : iterable of numbers
        The values to try, e.g. :func:`steps` ``(low, high, count)``.

    Returns
    -------
    Sweep
        One :class:`SweepPoint` per value; :attr:`Sweep.regime_changes` marks where the linked
        package or the minimal feasible linkages change.

    Examples
    --------
    >>> from negotiate import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(id="g", title="G",
    ...     parties=[Party(id="us", values={"a": {"y": 1}}),
    ...              Party(id="mx", values={"a": {"y": 1}})],
    ...     issues=[Issue(id="a", options=["n", "y"])])
    >>> result = sweep(game, "values.us.a.y", [-1, 1])
    >>> [p.analysis.linked.feasible for p in result.points]
    [False, True]
    """
    return Sweep(game=game, path=path, points=tuple(sweep_points(game, path, values)))
