"""Side payments: one continuous transfer of money between two parties of a negotiation.

A *deal* is a package ``p`` and an amount ``x`` in ``[0, max]`` paid by ``payer`` to ``payee``;
actor ``a``'s utility of the deal is ``u_a(p) + v_a x``, with ``v_a`` the value of one unit to
``a`` (``values``; unlisted actors value money at 0). A file writes the payer as ``from`` and the
payee as ``to``. At most one transfer per negotiation.

>>> t = Transfer(id="border_funding", payer="us", payee="mx", max=200,
...              values={"us": "-1/20", "mx": "1/10"})
>>> t.max, t.value("mx"), t.value("appropriators")
(Fraction(200, 1), Fraction(1, 10), Fraction(0, 1))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import attrs

from negotiate.errors import InvalidGameError
from negotiate.exact.numbers import Number
from negotiate.model._common import (
    FrozenMap,
    check_reference,
    in_range,
    number,
    number_map,
    validate_id,
)

__all__ = ["TRANSFER_FIELDS", "Transfer", "check_transfers", "scenario_transfers"]


@attrs.frozen(kw_only=True)
class Transfer:
    """A side payment of an amount in ``[0, max]`` from ``payer`` to ``payee``.

    ``values`` maps actors (parties or constituencies) to the value of one unit of the amount;
    unlisted actors value it at 0.
    """

    id: str = attrs.field(validator=validate_id)
    payer: str
    payee: str
    max: Number = attrs.field(converter=number, validator=in_range(0))
    values: FrozenMap[str, Number] = attrs.field(factory=FrozenMap, converter=number_map)
    name: str = ""

    def __attrs_post_init__(self) -> None:
        if self.payer == self.payee:
            raise InvalidGameError(
                f"a transfer goes from one party to another (got `{self.payer}` twice)", "to"
            )

    @property
    def label(self) -> str:
        """Its name, or its id when it has none."""
        return self.name or self.id

    def value(self, actor_id: str) -> Number:
        """The value of one unit of the amount to ``actor_id`` (0 when unlisted)."""
        return self.values.get(actor_id, Fraction(0))


def check_transfers(
    transfers: Iterable[Transfer], parties: tuple[str, ...], actors: tuple[str, ...]
) -> None:
    """Raise unless there is at most one transfer and every id it names exists.

    >>> t = Transfer(id="t", payer="us", payee="mx", max=1, values={"ca": 1})
    >>> check_transfers([t], ("us", "mx"), ("us", "mx"))
    Traceback (most recent call last):
    ...
    negotiate.errors.InvalidGameError: transfer[0].values.ca: unknown actor `ca` ...
    """
    for index, transfer in enumerate(transfers):
        path = f"transfer[{index}]"
        if not isinstance(transfer, Transfer):
            raise InvalidGameError(f"expected a Transfer (got {type(transfer).__name__})", path)
        if index > 0:
            raise InvalidGameError(
                "at most one [[transfer]] per negotiation (one continuous side payment)",
                f"{path}.id",
            )
        check_reference(transfer.payer, parties, "party", f"{path}.from")
        check_reference(transfer.payee, parties, "party", f"{path}.to")
        for actor in transfer.values:
            check_reference(actor, actors, "actor", f"{path}.values.{actor}")


TRANSFER_FIELDS = ("max", "values")
"""The fields of a transfer a scenario may change (``[scenario.transfer.ID]``)."""


def scenario_transfers(
    transfers: tuple[Transfer, ...], overrides: Mapping[str, Mapping[str, Any]], path: str
) -> tuple[Transfer, ...]:
    """``transfers`` with a scenario's overrides merged in: ``max`` replaced, ``values`` merged
    actor by actor. Errors name ``path`` (``scenario[0].transfer``).

    >>> t = Transfer(id="m", payer="us", payee="mx", max=10, values={"us": -1})
    >>> [(x.max, dict(x.values)) for x in scenario_transfers((t,), {"m": {"max": 5,
    ...     "values": {"mx": 1}}}, "scenario[0].transfer")]
    [(Fraction(5, 1), {'us': Fraction(-1, 1), 'mx': Fraction(1, 1)})]
    """
    ids = [t.id for t in transfers]
    for owner, fields in overrides.items():
        check_reference(owner, ids, "transfer", f"{path}.{owner}")
        for key in fields:
            check_reference(key, TRANSFER_FIELDS, "field", f"{path}.{owner}.{key}")
    out = []
    for transfer in transfers:
        fields = dict(overrides.get(transfer.id, {}))
        if "values" in fields:
            extra = fields["values"]
            if not isinstance(extra, Mapping):
                raise InvalidGameError("expected a table", f"{path}.{transfer.id}.values")
            fields["values"] = dict(transfer.values) | dict(extra)
        try:
            out.append(attrs.evolve(transfer, **fields))
        except InvalidGameError as error:
            raise error.at(f"{path}.{transfer.id}") from None
    return tuple(out)
