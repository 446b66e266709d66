"""The parts of a negotiation: parties, issues, constituencies, interactions, ratification rules.

:class:`~negotiate.model.negotiation.NegotiationGame` puts them together and checks the
references between them.

>>> Issue(id="trade", options=["closed", "open"]).status_quo
'closed'
"""

from __future__ import annotations

import attrs

from negotiate.errors import InvalidGameError
from negotiate.exact.numbers import Number
from negotiate.model._common import (
    FrozenMap,
    PartWorths,
    check_id,
    check_reference,
    check_unique,
    in_range,
    mapping_of,
    number,
    optional_number,
    part_worths,
    string_tuple,
    validate_id,
)

__all__ = ["Constituency", "Interaction", "Issue", "Package", "Party", "Ratification"]

Package = tuple[str, ...]
"""A package: one option per issue, in the game's issue order."""


@attrs.frozen(kw_only=True)
class Party:
    """A government at the table (Putnam's Level I negotiator).

    ``power`` weighs it in the asymmetric Nash solution, ``discount`` is its per-round discount
    factor for alternating offers, ``reservation`` the least utility it accepts (``None``: its
    utility of the status quo).

    Examples
    --------
    >>> Party(id="us", power=2, values={"trade": {"open": 3}}).values["trade"]["open"]
    Fraction(3, 1)
    """

    id: str = attrs.field(validator=validate_id)
    name: str = ""
    power: Number = attrs.field(default=1, converter=number, validator=in_range(0, low_open=True))
    discount: Number = attrs.field(
        default=1, converter=number, validator=in_range(0, 1, low_open=True)
    )
    reservation: Number | None = attrs.field(default=None, converter=optional_number)
    values: PartWorths = attrs.field(factory=FrozenMap, converter=part_worths)

    @property
    def label(self) -> str:
        """Its name, or its id when it has none."""
        return self.name or self.id


@attrs.frozen(kw_only=True)
class Issue:
    """One issue on the table and the options it can be settled at.

    ``status_quo`` is the option that stands without agreement (default: the first);
    ``parties`` must all sign a change on it (``None``: every party); ``controlled_by`` is the
    party whose policy instrument it is, used by the enforcement analysis.

    Examples
    --------
    >>> Issue(id="visas", options=["few", "more"], status_quo="few").status_quo
    'few'
    """

    id: str = attrs.field(validator=validate_id)
    name: str = ""
    options: tuple[str, ...] = attrs.field(converter=string_tuple)
    status_quo: str = ""
    parties: tuple[str, ...] | None = attrs.field(
        default=None, converter=attrs.converters.optional(string_tuple)
    )
    controlled_by: str | None = None

    def __attrs_post_init__(self) -> None:
        if not self.options:
            raise InvalidGameError(
                "an issue needs at least one option (got an empty list)", "options"
            )
        for index, option in enumerate(self.options):
            check_id(option, f"options[{index}]")
        check_unique(self.options, "options", "option")
        if not self.status_quo:
            object.__setattr__(self, "status_quo", self.options[0])
        check_reference(self.status_quo, self.options, "option", "status_quo")

    @property
    def label(self) -> str:
        """Its name, or its id when it has none."""
        return self.name or self.id


@attrs.frozen(kw_only=True)
class Constituency:
    """A domestic group that votes on its party's ratification (Putnam's Level II).

    ``reservation`` is the least utility it accepts (``None``: its utility of the status quo).

    Examples
    --------
    >>> Constituency(id="labor", party="us", weight=10, values={"workers": {"large": -3}}).label
    'labor'
    """

    id: str = attrs.field(validator=validate_id)
    party: str
    name: str = ""
    weight: Number = attrs.field(default=1, converter=number, validator=in_range(0))
    reservation: Number | None = attrs.field(default=None, converter=optional_number)
    values: PartWorths = attrs.field(factory=FrozenMap, converter=part_worths)

    @property
    def label(self) -> str:
        """Its name, or its id when it has none."""
        return self.name or self.id


def _when(value: object) -> FrozenMap[str, tuple[str, ...]]:
    items = mapping_of(value, "when")
    return FrozenMap((issue, string_tuple(options)) for issue, options in items.items())


@attrs.frozen(kw_only=True)
class Interaction:
    """A non-additive term: ``value`` is added to ``actor``'s utility of every package matching
    ``when`` (issue -> the options that match); ``id`` (optional) names it in parameter paths
    (``interaction.ID.value``).

    Examples
    --------
    >>> Interaction(actor="us", when={"trade": "open", "visas": ["more"]}, value=2).when["visas"]
    ('more',)
    """

    actor: str
    when: FrozenMap[str, tuple[str, ...]] = attrs.field(converter=_when)
    value: Number = attrs.field(converter=number)
    note: str = ""
    id: str | None = attrs.field(default=None, validator=attrs.validators.optional(validate_id))

    def __attrs_post_init__(self) -> None:
        if not self.when:
            raise InvalidGameError("an interaction needs at least one issue in `when`", "when")
        for issue, options in self.when.items():
            if not options:
                raise InvalidGameError("expected at least one option", f"when.{issue}")


@attrs.frozen(kw_only=True)
class Ratification:
    """How a party ratifies: approving constituency weight of at least ``quota``, and, with
    ``executive_veto``, its executive's acceptance.

    Examples
    --------
    >>> Ratification(party="us", quota=51).executive_veto
    True
    """

    party: str
    quota: Number = attrs.field(converter=number, validator=in_range(0))
    executive_veto: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
