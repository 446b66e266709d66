"""Names in words for figure labels: parties, issues, packages and parameter paths."""

from __future__ import annotations

from collections.abc import Sequence

from negotiate.model.negotiation import NegotiationGame

__all__ = ["actor_name", "package_words", "path_words"]

_FIELDS = {
    "power": "bargaining power",
    "discount": "discount factor",
    "reservation": "reservation utility",
    "quota": "ratification quota",
    "weight": "weight",
}


def actor_name(game: NegotiationGame, actor_id: str) -> str:
    """The actor's name without a parenthesis, else its id."""
    if actor_id not in game.actor_ids:
        return actor_id
    return game.actor(actor_id).name.split(" (")[0] or actor_id


def _issue_name(game: NegotiationGame, issue_id: str) -> str:
    if issue_id not in game.issue_ids:
        return issue_id
    return game.issue(issue_id).name or issue_id


def package_words(game: NegotiationGame, package: Sequence[str]) -> str:
    """The options of ``package`` that differ from the status quo, as ``issue: option``
    (``"the status quo"`` when none does).

    >>> from negotiate.model import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(id="g", title="G", parties=[Party(id="us"), Party(id="mx")],
    ...     issues=[Issue(id="trade", options=["closed", "open"]),
    ...             Issue(id="visas", options=["few", "more"])])
    >>> package_words(game, ("open", "few")), package_words(game, ("closed", "few"))
    ('trade: open', 'the status quo')
    """
    moved = [
        f"{issue.id}: {option}"
        for issue, option in zip(game.issues, package, strict=True)
        if option != issue.status_quo
    ]
    return ", ".join(moved).replace("_", " ") or "the status quo"


def path_words(game: NegotiationGame, path: str, short: bool = False) -> str:
    """A parameter path (``values.us.security.joint``) in words.

    >>> from negotiate.model import NegotiationGame, Party, Issue
    >>> game = NegotiationGame(id="g", title="G",
    ...     parties=[Party(id="us", name="United States"), Party(id="mx")],
    ...     issues=[Issue(id="trade", name="Trade", options=["closed", "open"])])
    >>> path_words(game, "values.us.trade.open")
    "United States's value of Trade = open"
    >>> path_words(game, "party.mx.power")
    "mx's bargaining power"
    >>> path_words(game, "values.us.trade.open", short=True)
    "us's value of trade = open"
    """
    parts = path.split(".")
    head = parts[0]
    if head == "values" and len(parts) == 4:
        actor, issue, option = parts[1:]
        if short:
            return f"{actor}'s value of {issue} = {option}".replace("_", " ")
        return f"{actor_name(game, actor)}'s value of {_issue_name(game, issue)} = {option}"
    if head in ("party", "ratification", "constituency") and len(parts) == 3:
        field = _FIELDS.get(parts[2], parts[2])
        who = parts[1].replace("_", " ") if short else actor_name(game, parts[1])
        return f"{who}'s {field}"
    if head == "transfer" and len(parts) >= 3:
        if parts[2] == "max":
            return f"largest side payment {parts[1]}"
        if parts[2] == "values" and len(parts) == 4:
            return f"{actor_name(game, parts[3])}'s value of side payment {parts[1]}"
    if head == "probability" and len(parts) == 4:
        return f"probability of {actor_name(game, parts[2])}'s {parts[1]} value no. {parts[3]}"
    return path
