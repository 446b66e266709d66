"""Power at the table as data: the point of disagreement and threats (coercive linkage).

``[game] disagreement`` says what happens without agreement: ``"status_quo"`` (the default) or
``"separate"``, the combination of the separate issue-by-issue deals when every party ratifies it.
A ``[[threat]]`` is what a party imposes on an issue it controls if there is no agreement
(Schelling 1960; Tollison & Willett 1979; Sebenius 1983). Their solvers live in
:mod:`negotiate.negotiation.threats`.

>>> Threat(id="withdraw", by="us", issue="trade", option="withdrawn").label
'withdraw'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

import attrs

from negotiate.errors import InvalidGameError, shown
from negotiate.model._common import check_reference, did_you_mean, validate_id


class _Issue(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def options(self) -> tuple[str, ...]: ...
    @property
    def controlled_by(self) -> str | None: ...


class _Table(Protocol):
    """What the checks need of a negotiation (its parties and issues)."""

    @property
    def party_ids(self) -> tuple[str, ...]: ...
    @property
    def issues(self) -> Sequence[_Issue]: ...


__all__ = ["DISAGREEMENTS", "Threat", "check_disagreement", "check_threats"]

DISAGREEMENTS = ("status_quo", "separate")
"""The values of ``[game] disagreement``."""


def check_disagreement(value: str | None, path: str) -> None:
    """Refuse anything but the values of :data:`DISAGREEMENTS` (``None``: unset)."""
    if value is not None and not isinstance(value, str):
        raise InvalidGameError(
            f"expected one of {', '.join(DISAGREEMENTS)} as a string (got {shown(value)})", path
        )
    if value is not None and value not in DISAGREEMENTS:
        raise InvalidGameError(
            f"unknown disagreement {value!r}{did_you_mean(value, DISAGREEMENTS)} "
            f"(expected one of {', '.join(DISAGREEMENTS)})",
            path,
        )


def disagreement_validator(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    """attrs validator of a ``disagreement`` field."""
    check_disagreement(value, attribute.name)


def optional_disagreement_validator(
    _: object, attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    """attrs validator of a scenario's ``disagreement`` (``None``: the base game's)."""
    check_disagreement(value, attribute.name)


@attrs.frozen(kw_only=True)
class Threat:
    """Party ``by`` sets ``issue`` to ``option`` if there is no agreement.

    The threat outcome is the point of disagreement with that one issue changed; whether the
    threat is credible, and what it changes, is computed by
    :func:`negotiate.negotiation.threats.threat_analysis`.
    """

    id: str = attrs.field(validator=validate_id)
    by: str
    issue: str
    option: str
    name: str = ""
    note: str = ""

    @property
    def label(self) -> str:
        """Its name, or its id when it has none."""
        return self.name or self.id


def tuple_of_threats(values: Iterable[Threat]) -> tuple[Threat, ...]:
    """The threats as a tuple (an attrs converter)."""
    return tuple(values)


def check_threats(
    game: _Table, threats: Sequence[Threat], path: str, taken: Sequence[str] = ()
) -> None:
    """Each threat names a party, an issue that party controls and one of its options; ids are
    unique (among ``taken`` too)."""
    seen = set(taken)
    issues = {issue.id: issue for issue in game.issues}
    for index, threat in enumerate(threats):
        where = f"{path}[{index}]"
        if threat.id in seen:
            raise InvalidGameError(f"duplicate threat id `{threat.id}`", f"{where}.id")
        seen.add(threat.id)
        check_reference(threat.by, game.party_ids, "party", f"{where}.by")
        check_reference(threat.issue, issues, "issue", f"{where}.issue")
        issue = issues[threat.issue]
        if issue.controlled_by != threat.by:
            owner = (
                f"it is controlled by `{issue.controlled_by}`"
                if issue.controlled_by
                else "it names no `controlled_by`"
            )
            raise InvalidGameError(
                f"party `{threat.by}` can threaten only on an issue it controls; "
                f"`{threat.issue}` is not one ({owner})",
                f"{where}.issue",
            )
        check_reference(
            threat.option, issue.options, f"option of `{threat.issue}`", f"{where}.option"
        )
