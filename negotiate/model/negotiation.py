"""Two-level, multi-issue negotiations (``kind = "negotiation"``).

Governments (parties) bargain over a package, one option on every issue; domestic constituencies
ratify it (Putnam 1988, "Diplomacy and Domestic Politics: the Logic of Two-Level Games").

>>> game = NegotiationGame(
...     id="toy", title="Toy",
...     parties=[Party(id="us", values={"trade": {"open": 2}}),
...              Party(id="mx", values={"trade": {"open": 1}})],
...     issues=[Issue(id="trade", options=["closed", "open"])],
... )
>>> game.package_count, game.status_quo
(2, ('closed',))
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from math import prod
from typing import Any, ClassVar, Protocol, TypeVar

import attrs

from negotiate.errors import InvalidGameError
from negotiate.exact.numbers import Number
from negotiate.model._common import (
    FrozenMap,
    GameHeader,
    PartWorths,
    check_reference,
    check_unique,
    mapping_of,
    string_tuple,
    to_part_worths,
    validate_id,
)
from negotiate.model.lotteries import (
    EXECUTIVE_RESERVATION,
    Lotteries,
    certain_override,
    check_lotteries,
    scenario_lotteries,
)
from negotiate.model.negotiation_parts import (
    Constituency,
    Interaction,
    Issue,
    Package,
    Party,
    Ratification,
)
from negotiate.model.threats import (
    Threat,
    check_threats,
    disagreement_validator,
    optional_disagreement_validator,
    tuple_of_threats,
)
from negotiate.model.transfers import (
    TRANSFER_FIELDS,
    Transfer,
    check_transfers,
    scenario_transfers,
)
from negotiate.model.uncertainty import (
    Conclusion,
    Uncertainty,
    check_conclusions,
    check_uncertainty,
)

__all__ = [
    "Constituency",
    "Interaction",
    "Issue",
    "NegotiationGame",
    "Package",
    "Party",
    "Ratification",
    "Scenario",
]

_PARTY_FIELDS = ("power", "discount", "reservation")
_RATIFICATION_FIELDS = ("quota", "executive_veto")
_CONSTITUENCY_FIELDS = ("weight", "reservation")


def _nested_values(value: object) -> FrozenMap[str, PartWorths]:
    items = mapping_of(value, "values")
    return FrozenMap(
        (actor, to_part_worths(worths, f"values.{actor}")) for actor, worths in items.items()
    )


Overrides = FrozenMap[str, FrozenMap[str, Any]]
"""A scenario's field overrides: owner id -> field -> value."""


def _field_overrides(value: object, allowed: tuple[str, ...], table: str) -> Overrides:
    items = mapping_of(value, table)
    out = []
    for owner, fields in items.items():
        fields = mapping_of(fields, f"{table}.{owner}")
        for key in fields:
            check_reference(key, allowed, "field", f"{table}.{owner}.{key}")
        out.append((owner, FrozenMap(fields)))
    return FrozenMap(out)


def _party_overrides(value: Mapping[str, Mapping[str, Any]]) -> Overrides:
    return _field_overrides(value, _PARTY_FIELDS, "party")


def _ratification_overrides(value: Mapping[str, Mapping[str, Any]]) -> Overrides:
    return _field_overrides(value, _RATIFICATION_FIELDS, "ratification")


def _constituency_overrides(value: Mapping[str, Mapping[str, Any]]) -> Overrides:
    return _field_overrides(value, _CONSTITUENCY_FIELDS, "constituency")


def _transfer_overrides(value: Mapping[str, Mapping[str, Any]]) -> Overrides:
    return _field_overrides(value, TRANSFER_FIELDS, "transfer")


def _tuple_of_interaction(values: Iterable[Interaction]) -> tuple[Interaction, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class Scenario:
    """A named variant of a negotiation: what it changes, merged over the base game.

    ``values`` merge option by option over actors' part-worths, ``party`` over party fields
    (power, discount, reservation), ``ratification`` over ratification fields (quota,
    executive_veto; a distribution makes the quota uncertain), ``constituency`` over
    constituency fields (weight, reservation; a distribution makes the reservation uncertain),
    ``transfer`` over a transfer's ``max`` and ``values``; ``interactions`` are added to the base
    game's.

    Examples
    --------
    >>> Scenario(id="late", ratification={"us": {"quota": 80}}).ratification["us"]["quota"]
    80
    """

    id: str = attrs.field(validator=validate_id)
    name: str = ""
    description: str = ""
    values: FrozenMap[str, PartWorths] = attrs.field(factory=FrozenMap, converter=_nested_values)
    party: Overrides = attrs.field(factory=FrozenMap, converter=_party_overrides)
    ratification: Overrides = attrs.field(factory=FrozenMap, converter=_ratification_overrides)
    interactions: tuple[Interaction, ...] = attrs.field(default=(), converter=_tuple_of_interaction)
    disagreement: str | None = attrs.field(default=None, validator=optional_disagreement_validator)
    threats: tuple[Threat, ...] = attrs.field(default=(), converter=tuple_of_threats)
    remove_threats: tuple[str, ...] = attrs.field(default=(), converter=string_tuple)
    transfer: Overrides = attrs.field(factory=FrozenMap, converter=_transfer_overrides)
    constituency: Overrides = attrs.field(factory=FrozenMap, converter=_constituency_overrides)

    @property
    def label(self) -> str:
        """Its name, or its id when it has none."""
        return self.name or self.id


def _merge_worths(base: PartWorths, extra: PartWorths) -> dict[str, dict[str, Number]]:
    merged = {issue: dict(options) for issue, options in base.items()}
    for issue, options in extra.items():
        merged.setdefault(issue, {}).update(options)
    return merged


def _tuple_of_party(values: Iterable[Party]) -> tuple[Party, ...]:
    return tuple(values)


def _tuple_of_issue(values: Iterable[Issue]) -> tuple[Issue, ...]:
    return tuple(values)


def _tuple_of_constituency(values: Iterable[Constituency]) -> tuple[Constituency, ...]:
    return tuple(values)


def _tuple_of_ratification(values: Iterable[Ratification]) -> tuple[Ratification, ...]:
    return tuple(values)


def _tuple_of_scenario(values: Iterable[Scenario]) -> tuple[Scenario, ...]:
    return tuple(values)


def _tuple_of_transfer(values: Iterable[Transfer]) -> tuple[Transfer, ...]:
    return tuple(values)


def _tuple_of_conclusion(values: Iterable[Conclusion]) -> tuple[Conclusion, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True, repr=False)
class NegotiationGame(GameHeader):
    """A two-level negotiation over a package of linked issues.

    Meaning (``negotiate/1``): the package space is the product of the issues' options; an actor's
    utility of a package is the sum of its part-worths plus the interactions that match; an actor
    accepts a package worth at least its reservation; a party ratifies what its executive accepts
    (with ``executive_veto``) and enough of its constituencies' weight approves. ``scenario`` names
    the scenario applied to the base game (see :meth:`with_scenario`), or is ``None``.

    Examples
    --------
    >>> from negotiate import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(
    ...     id="swap", title="A swap",
    ...     parties=[Party(id="us", values={"trade": {"open": 3}, "visas": {"more": -1}}),
    ...              Party(id="mx", values={"trade": {"open": -1}, "visas": {"more": 2}})],
    ...     issues=[Issue(id="trade", options=["closed", "open"]),
    ...             Issue(id="visas", options=["few", "more"])])
    >>> game.package_count, game.status_quo
    (4, ('closed', 'few'))
    """

    kind: ClassVar[str] = "negotiation"

    parties: tuple[Party, ...] = attrs.field(converter=_tuple_of_party)
    issues: tuple[Issue, ...] = attrs.field(converter=_tuple_of_issue)
    constituencies: tuple[Constituency, ...] = attrs.field(
        default=(), converter=_tuple_of_constituency
    )
    interactions: tuple[Interaction, ...] = attrs.field(default=(), converter=_tuple_of_interaction)
    ratifications: tuple[Ratification, ...] = attrs.field(
        default=(), converter=_tuple_of_ratification
    )
    scenarios: tuple[Scenario, ...] = attrs.field(default=(), converter=_tuple_of_scenario)
    scenario: str | None = None
    disagreement: str = attrs.field(default="status_quo", validator=disagreement_validator)
    threats: tuple[Threat, ...] = attrs.field(default=(), converter=tuple_of_threats)
    transfers: tuple[Transfer, ...] = attrs.field(default=(), converter=_tuple_of_transfer)
    """At most one side payment (:mod:`negotiate.model.transfers`)."""
    lotteries: Lotteries = attrs.field(factory=Lotteries)
    """Lotteries on reservations and quotas (:mod:`negotiate.model.lotteries`)."""
    uncertainty: Uncertainty | None = None
    conclusions: tuple[Conclusion, ...] = attrs.field(default=(), converter=_tuple_of_conclusion)

    # -- lookups -------------------------------------------------------------------------------

    @functools.cached_property
    def party_ids(self) -> tuple[str, ...]:
        """The parties' ids, in file order."""
        return tuple(p.id for p in self.parties)

    @functools.cached_property
    def issue_ids(self) -> tuple[str, ...]:
        """The issues' ids, in file order."""
        return tuple(i.id for i in self.issues)

    @functools.cached_property
    def actor_ids(self) -> tuple[str, ...]:
        """Parties then constituencies: everyone with preferences."""
        return self.party_ids + tuple(c.id for c in self.constituencies)

    def party(self, party_id: str) -> Party:
        """The party with this id."""
        return _find(self.parties, party_id, "party")

    def issue(self, issue_id: str) -> Issue:
        """The issue with this id."""
        return _find(self.issues, issue_id, "issue")

    @property
    def actors(self) -> tuple[Party | Constituency, ...]:
        """Parties then constituencies, in file order (the order of :attr:`actor_ids`)."""
        return (*self.parties, *self.constituencies)

    def actor(self, actor_id: str) -> Party | Constituency:
        """The party or constituency with this id."""
        return _find(self.actors, actor_id, "actor")

    def constituencies_of(self, party_id: str) -> tuple[Constituency, ...]:
        """The constituencies that ratify for ``party_id``, in file order."""
        return tuple(c for c in self.constituencies if c.party == party_id)

    def ratification(self, party_id: str) -> Ratification | None:
        """The ratification rule of ``party_id``, or ``None`` (its executive decides alone)."""
        return next((r for r in self.ratifications if r.party == party_id), None)

    def signatories(self, issue_id: str) -> tuple[str, ...]:
        """The parties who must sign a change on ``issue_id``."""
        issue = self.issue(issue_id)
        return self.party_ids if issue.parties is None else issue.parties

    @property
    def package_count(self) -> int:
        """The size of the package space: the product of the numbers of options."""
        return prod(len(i.options) for i in self.issues)

    @property
    def status_quo(self) -> Package:
        """The package that stands without agreement."""
        return tuple(i.status_quo for i in self.issues)

    def scenario_ids(self) -> tuple[str, ...]:
        """The ids of the scenarios this game defines."""
        return tuple(s.id for s in self.scenarios)

    # -- scenarios -------------------------------------------------------------------------------

    def with_scenario(self, scenario_id: str | None) -> NegotiationGame:
        """This game with a scenario merged in (``None`` returns the game unchanged).

        >>> from negotiate.model.negotiation import *
        >>> game = NegotiationGame(
        ...     id="g", title="G",
        ...     parties=[Party(id="us", values={"t": {"b": 1}})],
        ...     issues=[Issue(id="t", options=["a", "b"])],
        ...     scenarios=[Scenario(id="s", values={"us": {"t": {"b": 5}}},
        ...                         party={"us": {"power": 2}})],
        ... )
        >>> changed = game.with_scenario("s")
        >>> changed.scenario, changed.party("us").values["t"]["b"], changed.party("us").power
        ('s', Fraction(5, 1), Fraction(2, 1))
        """
        if scenario_id is None:
            return self
        if self.scenario is not None:
            raise InvalidGameError(
                f"scenario `{self.scenario}` is applied already; apply scenarios to the base game",
                "scenario",
            )
        check_reference(scenario_id, self.scenario_ids(), "scenario", "scenario")
        index = self.scenario_ids().index(scenario_id)
        chosen = self.scenarios[index]
        parties, constituencies, ratifications = self._merged(chosen, f"scenario[{index}]")
        kept = tuple(t for t in self.threats if t.id not in chosen.remove_threats)
        return attrs.evolve(
            self,
            parties=parties,
            constituencies=constituencies,
            ratifications=ratifications,
            interactions=self.interactions + chosen.interactions,
            scenario=scenario_id,
            disagreement=chosen.disagreement or self.disagreement,
            threats=kept + chosen.threats,
            lotteries=scenario_lotteries(
                self.lotteries, chosen.constituency, chosen.ratification, f"scenario[{index}]"
            ),
            transfers=scenario_transfers(
                self.transfers, self.scenarios[index].transfer, f"scenario[{index}].transfer"
            ),
        )

    def _merged(
        self, scenario: Scenario, where: str
    ) -> tuple[list[Party], list[Constituency], list[Ratification]]:
        """Parties, constituencies and ratification rules with ``scenario`` merged over them."""

        def values(actor: Party | Constituency) -> dict[str, dict[str, Number]]:
            return _merge_worths(actor.values, scenario.values.get(actor.id, FrozenMap()))

        parties = []
        for party in self.parties:
            try:
                parties.append(
                    attrs.evolve(
                        party, values=values(party), **scenario.party.get(party.id, FrozenMap())
                    )
                )
            except InvalidGameError as error:
                raise error.at(f"{where}.party.{party.id}") from None
        constituencies = [
            _overridden(
                attrs.evolve(c, values=values(c)),
                scenario.constituency,
                "reservation",
                f"{where}.constituency",
                c.id,
            )
            for c in self.constituencies
        ]
        ratifications = [
            _overridden(r, scenario.ratification, "quota", f"{where}.ratification", r.party)
            for r in self.ratifications
        ]
        return parties, constituencies, ratifications

    # -- validation ------------------------------------------------------------------------------

    def validate(self) -> None:
        """Check every cross-reference of the game; raise at the first broken one."""
        if not self.parties:
            raise InvalidGameError("a negotiation needs at least one [[party]]", "party")
        if not self.issues:
            raise InvalidGameError("a negotiation needs at least one [[issue]]", "issue")
        _check_types(self.parties, Party, "party")
        _check_types(self.issues, Issue, "issue")
        _check_types(self.constituencies, Constituency, "constituency")
        _check_types(self.interactions, Interaction, "interaction")
        _check_types(self.ratifications, Ratification, "ratification")
        _check_types(self.scenarios, Scenario, "scenario")

        _check_unique_actors(self.parties, self.constituencies)
        check_unique(self.issue_ids, "issue", "issue")
        check_unique(self.scenario_ids(), "scenario", "scenario")
        parties = self.party_ids
        for index, issue in enumerate(self.issues):
            for k, party_id in enumerate(issue.parties or ()):
                check_reference(party_id, parties, "party", f"issue[{index}].parties[{k}]")
            if issue.controlled_by is not None:
                check_reference(
                    issue.controlled_by, parties, "party", f"issue[{index}].controlled_by"
                )
        for index, party in enumerate(self.parties):
            self._check_worths(party.values, f"party[{index}].values")
        for index, constituency in enumerate(self.constituencies):
            check_reference(constituency.party, parties, "party", f"constituency[{index}].party")
            self._check_worths(constituency.values, f"constituency[{index}].values")
        for index, interaction in enumerate(self.interactions):
            self._check_interaction(interaction, f"interaction[{index}]")
        seen: set[str] = set()
        for index, rule in enumerate(self.ratifications):
            check_reference(rule.party, parties, "party", f"ratification[{index}].party")
            if rule.party in seen:
                raise InvalidGameError(
                    f"party `{rule.party}` has two [[ratification]] rules",
                    f"ratification[{index}].party",
                )
            seen.add(rule.party)
        check_threats(self, self.threats, "threat")
        # a game with a scenario merged in keeps the file's scenarios only to name them: they
        # were checked against the base game (re-checking each made loading cubic)
        for index, scenario in enumerate(self.scenarios if self.scenario is None else ()):
            self._check_scenario(scenario, f"scenario[{index}]", seen)
        check_transfers(self.transfers, parties, self.actor_ids)
        check_lotteries(
            self.lotteries,
            {c.id: (k, c.reservation) for k, c in enumerate(self.constituencies)},
            {r.party: (k, r.quota) for k, r in enumerate(self.ratifications)},
        )
        self._check_interaction_ids()
        check_uncertainty(self)
        check_conclusions(self)

    def _check_interaction_ids(self) -> None:
        groups = [("interaction", self.interactions)] + [
            (f"scenario[{k}].interaction", self.interactions + s.interactions)
            for k, s in enumerate(self.scenarios)
        ]
        for table, interactions in groups:
            ids = [i.id for i in interactions]
            for index, interaction_id in enumerate(ids):
                if interaction_id is not None and interaction_id in ids[:index]:
                    where = index if table == "interaction" else index - len(self.interactions)
                    raise InvalidGameError(
                        f"duplicate interaction id `{interaction_id}`", f"{table}[{where}].id"
                    )

    def _check_worths(self, worths: PartWorths, path: str) -> None:
        issues = {i.id: i for i in self.issues}
        for issue_id, options in worths.items():
            check_reference(issue_id, issues, "issue", f"{path}.{issue_id}")
            for option in options:
                check_reference(
                    option,
                    issues[issue_id].options,
                    f"option of `{issue_id}`",
                    f"{path}.{issue_id}.{option}",
                )

    def _check_interaction(self, interaction: Interaction, path: str) -> None:
        check_reference(interaction.actor, self.actor_ids, "actor", f"{path}.actor")
        issues = {i.id: i for i in self.issues}
        for issue_id, options in interaction.when.items():
            check_reference(issue_id, issues, "issue", f"{path}.when.{issue_id}")
            for option in options:
                check_reference(
                    option,
                    issues[issue_id].options,
                    f"option of `{issue_id}`",
                    f"{path}.when.{issue_id}",
                )

    def _check_scenario(self, scenario: Scenario, path: str, ratified: set[str]) -> None:
        for actor, worths in scenario.values.items():
            check_reference(actor, self.actor_ids, "actor", f"{path}.values.{actor}")
            self._check_worths(worths, f"{path}.values.{actor}")
        for party, fields in scenario.party.items():
            check_reference(party, self.party_ids, "party", f"{path}.party.{party}")
            if isinstance(fields.get("reservation"), list):
                raise InvalidGameError(EXECUTIVE_RESERVATION, f"{path}.party.{party}.reservation")
        for party in scenario.ratification:
            check_reference(party, self.party_ids, "party", f"{path}.ratification.{party}")
            if party not in ratified:
                raise InvalidGameError(
                    f"party `{party}` has no [[ratification]] rule for the scenario to change",
                    f"{path}.ratification.{party}",
                )
        for owner in scenario.constituency:
            where = f"{path}.constituency.{owner}"
            check_reference(owner, [c.id for c in self.constituencies], "constituency", where)
        for index, interaction in enumerate(scenario.interactions):
            self._check_interaction(interaction, f"{path}.interaction[{index}]")
        for index, threat_id in enumerate(scenario.remove_threats):
            check_reference(
                threat_id, [t.id for t in self.threats], "threat", f"{path}.remove_threats[{index}]"
            )
        kept = [t for t in self.threats if t.id not in scenario.remove_threats]
        check_threats(self, scenario.threats, f"{path}.threat", taken=[t.id for t in kept])
        self._merged(scenario, path)  # field values are checked by merging once
        merged = scenario_transfers(self.transfers, scenario.transfer, f"{path}.transfer")
        for transfer in merged:
            for actor in transfer.values:
                check_reference(
                    actor, self.actor_ids, "actor", f"{path}.transfer.{transfer.id}.values.{actor}"
                )


_Owned = TypeVar("_Owned", Constituency, Ratification)


def _overridden(item: _Owned, overrides: Overrides, key: str, table: str, owner: str) -> _Owned:
    """``item`` with a scenario's fields merged in, a distribution at ``key`` held as its worst
    case; errors name ``table.owner``."""
    where = f"{table}.{owner}"
    certain = certain_override(overrides.get(owner, FrozenMap()), key, where)[0]
    try:
        return attrs.evolve(item, **certain)
    except InvalidGameError as error:
        raise error.at(where) from None


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=_Identified)


def _find(items: Sequence[_Item], item_id: str, what: str) -> _Item:
    for item in items:
        if item.id == item_id:
            return item
    check_reference(item_id, [i.id for i in items], what, "")
    raise AssertionError  # unreachable: check_reference raised


def _check_types(items: tuple[Any, ...], cls: type, table: str) -> None:
    for index, item in enumerate(items):
        if not isinstance(item, cls):
            raise InvalidGameError(
                f"expected a {cls.__name__} (got {type(item).__name__})", f"{table}[{index}]"
            )


def _check_unique_actors(
    parties: tuple[Party, ...], constituencies: tuple[Constituency, ...]
) -> None:
    seen: dict[str, str] = {}
    tables: tuple[tuple[str, tuple[Party | Constituency, ...]], ...] = (
        ("party", parties),
        ("constituency", constituencies),
    )
    for table, actors in tables:
        for index, actor in enumerate(actors):
            if actor.id in seen:
                raise InvalidGameError(
                    f"duplicate actor id `{actor.id}` (already used by a {seen[actor.id]}; "
                    f"parties and constituencies share one namespace)",
                    f"{table}[{index}].id",
                )
            seen[actor.id] = table
