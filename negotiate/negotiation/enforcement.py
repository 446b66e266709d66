"""Self-enforcement of a deal: the least discount factor with which each party keeps it.

A party that controls issues can renege on them: with temptation ``g_i`` (its best gain from
changing only the issues it controls) and stake ``s_i = u_i(p*) - d_i``, grim reversion to the
status quo sustains ``p*`` iff ``δ_i >= g_i / (g_i + s_i)`` (Bernheim & Whinston 1990;
Spagnolo 1999).

With a side payment of ``x`` the stake is ``u_i(p*) + v_i x - d_i``; the payment is made with
the deal each period, so reneging on an issue leaves it as it is, but the payer may also withhold
it, a temptation of ``-v_i x`` more. Under uncertain ratification a deal, once ratified, is
certain: the factors are those of the package.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

import attrs
import numpy as np

from negotiate.exact.numbers import Number
from negotiate.model._common import FrozenMap, check_reference
from negotiate.model.negotiation import NegotiationGame, Package
from negotiate.model.transfers import Transfer
from negotiate.negotiation.packages import PackageSpace, package_space

__all__ = ["Enforcement", "Factors", "critical_discount_factors"]

Factors = FrozenMap[str, Number | None]
"""Each party's critical discount factor (``None``: no discount factor sustains the deal)."""


@attrs.frozen(kw_only=True)
class Enforcement:
    """Critical discount factors ``g_i / (g_i + s_i)`` under grim reversion to the status quo.

    ``separate`` maps each separately feasible issue to its parties' factors, ``linked`` gives
    them for the linked package. ``0``: no temptation; ``None``: no discount factor sustains the
    deal (a temptation with no stake).
    """

    separate: FrozenMap[str, Factors]
    linked: Factors


def critical_discount_factors(
    game: NegotiationGame | PackageSpace,
    package: Package,
    issues: Iterable[str] | None = None,
) -> Factors:
    """Each party's critical discount factor for sustaining ``package`` under grim reversion.

    Party ``i`` may renege on the issues it controls (``Issue.controlled_by``), among ``issues``
    (default: all). Its temptation ``g_i`` is its best gain from changing only those issues, its
    stake ``s_i = u_i(p*) - d_i``; the deal holds iff ``δ_i >= g_i / (g_i + s_i)`` (Bernheim &
    Whinston 1990; Spagnolo 1999). The factor is ``0`` with no temptation and ``None`` when no
    ``δ < 1`` sustains the deal (a temptation and no positive stake).

    Examples
    --------
    >>> from negotiate.model import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="g", title="G",
    ...     parties=[Party(id="us", values={"a": {"keep": 1, "cheat": 4}}),
    ...              Party(id="mx", values={"a": {"keep": 1, "cheat": -5}})],
    ...     issues=[Issue(id="a", options=["none", "keep", "cheat"], controlled_by="us")],
    ... )
    >>> {party: str(f) for party, f in critical_discount_factors(game, ("keep",)).items()}
    {'us': '3/4', 'mx': '0'}
    """
    space = game if isinstance(game, PackageSpace) else package_space(game)
    index = space.index(package)
    allowed = set(space.game.issue_ids if issues is None else issues)
    for issue_id in allowed:
        check_reference(issue_id, space.game.issue_ids, "issue", "issues")
    return critical_factors(space, index, allowed)


def critical_factors(
    space: PackageSpace,
    index: tuple[int, ...],
    allowed: set[str],
    transfer: Transfer | None = None,
    amount: Number = 0,
) -> Factors:
    """The factors of the package at ``index`` (with ``amount`` of ``transfer`` paid, if any)."""
    out: dict[str, Number | None] = {}
    issues = space.game.issues
    for party_id in space.game.party_ids:
        values = space.values[party_id]
        here = values[index]
        axes = {a for a, i in enumerate(issues) if i.id in allowed and i.controlled_by == party_id}
        temptation: Number = Fraction(0) if space.exact else 0.0
        if axes:
            window = tuple(slice(None) if a in axes else k for a, k in enumerate(index))
            temptation = space.to_number(np.max(values[window]) - here)
        stake = space.to_number(here - space.reservations[party_id])
        if transfer is not None:
            money = transfer.value(party_id) * amount
            stake += money
            if party_id == transfer.payer and money < 0:
                temptation += -money
        if temptation <= 0:
            out[party_id] = Fraction(0) if space.exact else 0.0
        elif stake <= 0:
            out[party_id] = None
        else:
            out[party_id] = temptation / (temptation + stake)
    return FrozenMap(out)
