"""Ties up front: who accepts a recommended package by (almost) nothing, and the one number whose
smallest change moves the Nash package.

A *tie* is an actor (executive or constituency) that accepts a recommended package with a gain
``u(p) - r`` of at least 0 and at most one *unit*: the file's finest granularity, ``1 / L`` with
``L`` the least common denominator of every part-worth, interaction value and reservation (a
float counted by the decimals it is written with). A one-unit change of one judgement makes such
an actor indifferent, or makes it refuse.

The *nearest flip* is, over every number written in the file (part-worths, interaction values,
constituency weights, quotas, powers, reservations), the smallest one-at-a-time change after
which the (first) Nash package is no longer a Nash package, exact where the threshold is
rational (:mod:`negotiate.negotiation.flips`).

>>> from negotiate.model import NegotiationGame, Party, Issue
>>> from negotiate.negotiation.two_level import agreement_set
>>> from negotiate.negotiation.solutions import nash_packages
>>> game = NegotiationGame(
...     id="g", title="G",
...     parties=[Party(id="us", values={"a": {"y": 2, "z": 3}}),
...              Party(id="mx", values={"a": {"y": 2, "z": "1/2"}})],
...     issues=[Issue(id="a", options=["n", "y", "z"])],
... )
>>> agreement = agreement_set(game)
>>> result = fragility(agreement, nash_packages(agreement))
>>> result.unit, [(t.actor, t.package, t.gain) for t in result.ties]
(Fraction(1, 2), [])
>>> result.nearest_flip.path
'party.mx.power'

"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

import attrs

from negotiate.exact.numbers import Number
from negotiate.model.negotiation import NegotiationGame, Package
from negotiate.negotiation.flips import Flip, nearest_flip
from negotiate.negotiation.solutions import PackageOutcome
from negotiate.negotiation.two_level import AgreementSet

__all__ = ["Fragility", "Tie", "fragility", "granularity"]

_TOLERANCE = 1e-12

EXAMINED = 50
"""How many distinct recommended packages are examined for ties, in the order given."""


@attrs.frozen
class Tie:
    """An actor accepting a recommended ``package`` with ``gain`` (``u - reservation``) between
    0 and one unit; ``pivotal``: its consent is needed to ratify it."""

    actor: str
    package: Package
    gain: Number
    reservation: Number
    pivotal: bool


@attrs.frozen
class Fragility:
    """The ties of the recommended packages, the file's ``unit`` and the nearest flip (``None``:
    no Nash package, or one where some executive gains nothing, or no number moves it)."""

    ties: tuple[Tie, ...]
    nearest_flip: Flip | None
    unit: Number


def _written(value: Number) -> Fraction:
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


def granularity(game: NegotiationGame) -> Fraction:
    """One unit of the file's finest granularity: ``1 / L``, ``L`` the least common
    denominator of every part-worth, interaction value and reservation (floats as written).

    >>> from negotiate.model import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(id="g", title="G", issues=[Issue(id="a", options=["n", "y"])],
    ...     parties=[Party(id="us", values={"a": {"y": 0.25}}), Party(id="mx", reservation="1/3")])
    >>> granularity(game)
    Fraction(1, 12)
    """
    numbers: list[Number] = []
    for actor in game.actors:
        numbers += [w for options in actor.values.values() for w in options.values()]
        reservation = getattr(actor, "reservation", None)
        numbers += [reservation] if reservation is not None else []
    numbers += [i.value for i in game.interactions]
    return Fraction(1, math.lcm(1, *(_written(x).denominator for x in numbers)))


# -- ties ------------------------------------------------------------------------------------


def _ties(
    agreement: AgreementSet, recommended: Sequence[PackageOutcome], unit: Fraction
) -> tuple[Tie, ...]:
    space = agreement.space
    game = space.game
    indices = list(dict.fromkeys(o.index for o in recommended))[:EXAMINED]
    slack = unit * space.scale if space.exact else float(unit) + _TOLERANCE
    gains = {a: space.values[a].ravel()[indices] - space.reservations[a] for a in game.actor_ids}
    out = []
    for position, index in enumerate(indices):
        tied = [a for a in game.actor_ids if 0 <= gains[a][position] <= slack]
        if not tied:
            continue
        package = space.package(index)
        pivotal = {a for p in game.party_ids for a in agreement.pivotal(p, package)}
        out += [
            Tie(
                actor=a,
                package=package,
                gain=space.to_number(gains[a][position]),
                reservation=space.reservation(a),
                pivotal=a in pivotal,
            )
            for a in tied
        ]
    return tuple(out)


def fragility(
    agreement: AgreementSet,
    recommended: Sequence[PackageOutcome],
    nash: Sequence[PackageOutcome] | None = None,
) -> Fragility:
    """The ties of the ``recommended`` packages and the nearest flip of the Nash package.

    Parameters
    ----------
    agreement : AgreementSet
        Of the game the solutions are computed on (its ``disagreement = "separate"`` point, if
        any, held where the baseline puts it).
    recommended : sequence of PackageOutcome
        The packages the solutions recommend (repeats are examined once, and only the first
        :data:`EXAMINED` distinct ones: put each solution's first package first).
    nash : sequence of PackageOutcome, optional
        The Nash packages (default: those of ``recommended`` taken to be the first; pass them).

    Returns
    -------
    Fragility
    """
    unit = granularity(agreement.game)
    nash = recommended if nash is None else nash
    flip = nearest_flip(agreement, nash) if nash else None
    return Fragility(_ties(agreement, recommended, unit), flip, unit)
