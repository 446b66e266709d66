"""The conclusions robustness tests, and their exact values on one game.

A *claim* is one conclusion drawn from a negotiation, coded as a whole number (a statistic) so
that "it holds" means "the statistic equals its baseline value":

- ``agreement``: whether the agreement set is non-empty;
- ``nash``: whether the baseline's (first) Nash package is still a Nash package;
- ``nash.ISSUE``: the option the (first) Nash package takes on ``ISSUE`` (the status quo's when
  there is no deal);
- ``gain.PARTY``: the sign of ``PARTY``'s gain from linkage, ``u(p_link) - u(p_sep)``;
- ``separate.ISSUE``: whether ``ISSUE`` negotiated alone has an agreement;
- a ``[[conclusion]]`` of the file: whether its solution's (first) package matches its pattern.

>>> from negotiate.model import NegotiationGame, Party, Issue
>>> game = NegotiationGame(
...     id="swap", title="A logroll",
...     parties=[Party(id="us", values={"trade": {"open": 3}, "visas": {"more": -1}}),
...              Party(id="mx", values={"trade": {"open": -1}, "visas": {"more": 3}})],
...     issues=[Issue(id="trade", options=["closed", "open"]),
...             Issue(id="visas", options=["few", "more"])],
... )
>>> claims = headline_claims(game)
>>> [c.id for c in claims]
['agreement', 'nash', 'nash.trade', 'nash.visas', 'gain.us', 'gain.mx',
 'separate.trade', 'separate.visas']
>>> exact_statistics(game, claims).tolist()
[1, 1, 1, 1, 1, 1, 0, 0]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np

from negotiate.model.negotiation import NegotiationGame
from negotiate.negotiation.packages import PackageSpace, package_space
from negotiate.negotiation.solutions import (
    PackageOutcome,
    egalitarian_packages,
    kalai_smorodinsky_packages,
    nash_packages,
    utilitarian_packages,
)
from negotiate.negotiation.two_level import agreement_set

__all__ = ["Claim", "all_claims", "exact_statistics", "headline_claims", "named_claims"]


def _mask(values: Any) -> np.ndarray:
    return np.asarray(values, dtype=bool)


@attrs.frozen(kw_only=True, eq=False)
class Claim:
    """One conclusion: its ``id``, a sentence (``name``), its ``kind`` and what it is about.

    ``axis`` is the issue's position (``nash.ISSUE``, ``separate.ISSUE``), ``party`` the party
    (``gain.PARTY``), ``package`` the baseline Nash package's flat index (``nash``), ``solution``
    and ``pattern`` (a boolean mask over packages in package order) a named conclusion's.
    """

    id: str
    name: str
    kind: str
    axis: int = -1
    party: str = ""
    package: int = -1
    solution: str = ""
    pattern: np.ndarray = attrs.field(factory=lambda: np.zeros(0, dtype=bool), converter=_mask)


def _words(game: NegotiationGame, package: Sequence[str]) -> str:
    return ", ".join(f"{i.id} = {o}" for i, o in zip(game.issues, package, strict=True))


def headline_claims(game: NegotiationGame) -> tuple[Claim, ...]:
    """The baseline's headline conclusions, worded for the baseline ``game``."""
    space = package_space(game)
    agreement = agreement_set(space)
    nash = nash_packages(agreement)
    has_deal = agreement.count > 0
    claims = [
        Claim(
            id="agreement",
            name="There is an agreement" if has_deal else "There is no agreement",
            kind="agreement",
        )
    ]
    link = nash[0].package if nash else game.status_quo
    if nash:
        words = _words(game, nash[0].package)
        claims.append(
            Claim(
                id="nash", name=f"The Nash package is {words}", kind="nash", package=nash[0].index
            )
        )
    for axis, issue in enumerate(game.issues):
        claims.append(
            Claim(
                id=f"nash.{issue.id}",
                name=f"The Nash package settles {issue.id} at {link[axis]}",
                kind="nash_issue",
                axis=axis,
            )
        )
    values = exact_statistics(
        game, [Claim(id="", name="", kind="gain", party=p) for p in game.party_ids]
    )
    for party, sign in zip(game.parties, values, strict=True):
        verb = {1: "gains", 0: "neither gains nor loses", -1: "loses"}[int(sign)]
        claims.append(
            Claim(
                id=f"gain.{party.id}",
                name=f"{party.label} {verb} from linkage",
                kind="gain",
                party=party.id,
            )
        )
    for axis, issue in enumerate(game.issues):
        alone = agreement_set(space, [issue.id]).count > 0
        claims.append(
            Claim(
                id=f"separate.{issue.id}",
                name=f"{issue.id} alone {'has an' if alone else 'has no'} agreement",
                kind="separate",
                axis=axis,
            )
        )
    return tuple(claims)


def named_claims(game: NegotiationGame) -> tuple[Claim, ...]:
    """The file's ``[[conclusion]]`` entries as claims."""
    space = package_space(game)
    out = []
    for conclusion in game.conclusions:
        pattern = space.matches(conclusion.package).ravel()
        out.append(
            Claim(
                id=conclusion.id,
                name=conclusion.label,
                kind="named",
                solution=conclusion.solution,
                pattern=pattern,
            )
        )
    return tuple(out)


def all_claims(game: NegotiationGame) -> tuple[Claim, ...]:
    """The headline conclusions, then the file's named ones."""
    return headline_claims(game) + named_claims(game)


def _first(outcomes: Sequence[PackageOutcome]) -> int:
    return outcomes[0].index if outcomes else -1


def _separate(space: PackageSpace) -> tuple[list[bool], int]:
    """Whether each issue alone has an agreement, and the flat index of ``p_sep``."""
    feasible = []
    options = list(space.status_quo_index)
    for axis, issue in enumerate(space.game.issues):
        alone = agreement_set(space, [issue.id])
        feasible.append(alone.count > 0)
        first = _first(nash_packages(alone))
        if first >= 0:
            options[axis] = int(np.unravel_index(first, space.shape)[axis])
    return feasible, int(np.ravel_multi_index(tuple(options), space.shape))


def exact_statistics(game: NegotiationGame, claims: Sequence[Claim]) -> np.ndarray:
    """Each claim's statistic on ``game``, computed exactly by the library's own solvers (the
    reference the vectorised kernel is checked against)."""
    space = package_space(game)
    agreement = agreement_set(space)
    nash = nash_packages(agreement)
    link = _first(nash)
    linked = link if link >= 0 else int(np.ravel_multi_index(space.status_quo_index, space.shape))
    cache: dict[str, Any] = {}

    def separate() -> tuple[list[bool], int]:
        if "separate" not in cache:
            cache["separate"] = _separate(space)
        return cache["separate"]  # type: ignore[no-any-return]

    solvers = {
        "kalai_smorodinsky": kalai_smorodinsky_packages,
        "egalitarian": egalitarian_packages,
        "utilitarian": utilitarian_packages,
    }
    out = []
    for claim in claims:
        if claim.kind == "agreement":
            out.append(int(agreement.count > 0))
        elif claim.kind == "nash":
            out.append(int(any(o.index == claim.package for o in nash)))
        elif claim.kind == "nash_issue":
            out.append(int(np.unravel_index(linked, space.shape)[claim.axis]))
        elif claim.kind == "gain":
            values = space.values[claim.party].ravel()
            gain = values[linked] - values[separate()[1]]
            out.append(
                int(np.sign(gain)) if space.exact else int(np.sign(gain) * (abs(gain) > 1e-9))
            )
        elif claim.kind == "separate":
            out.append(int(separate()[0][claim.axis]))
        elif claim.solution == "nash":
            out.append(int(link >= 0 and bool(claim.pattern[link])))
        elif claim.solution == "linked":
            out.append(int(claim.pattern[linked]))
        else:
            first = _first(solvers[claim.solution](agreement))
            out.append(int(first >= 0 and bool(claim.pattern[first])))
    return np.array(out, dtype=np.int64)
