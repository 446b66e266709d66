"""The international TU game of a negotiation: what each coalition of parties can secure.

Definition (this project; SOLVERS.md "Coalitional (TU) games" applied to ``negotiation``): the
worth of a coalition ``S`` of parties is the largest joint gain ``sum_{i in S} (u_i(p) - d_i)``
over the packages ``p`` that every member of ``S`` ratifies at home and that change only issues
whose signatories (``parties``) all belong to ``S``, the other issues staying at their status
quo; it is 0 if no such package gains (the members can always keep the status quo, where each
gets its disagreement payoff ``d_i``). Side payments between governments are assumed
(transferable utility), which is what makes the TU solution concepts applicable.

Computed on the package tensor (:mod:`negotiate.negotiation.packages`): one masked maximum per
coalition, exactly for exact games.
"""

from __future__ import annotations

import numpy as np

from negotiate.errors import GameTooLargeError
from negotiate.model.coalition import MAX_COALITION_PLAYERS, CoalitionGame
from negotiate.model.negotiation import NegotiationGame
from negotiate.negotiation.packages import package_space

__all__ = ["international_game"]


def international_game(game: NegotiationGame) -> CoalitionGame:
    """The TU game among the parties of a negotiation (worth: best joint ratified gain).

    Parameters
    ----------
    game : NegotiationGame
        With its scenario already applied, if any.

    Returns
    -------
    CoalitionGame
        Players are the parties, in file order.

    Examples
    --------
    Trade needs the U.S. and Mexico, security all three; Canada gains only from security.

    >>> from negotiate.model.negotiation import Issue, NegotiationGame, Party
    >>> talks = NegotiationGame(
    ...     id="na", title="North America", issues=[
    ...         Issue(id="trade", options=["no", "yes"], parties=["us", "mx"]),
    ...         Issue(id="security", options=["no", "yes"])],
    ...     parties=[Party(id="us", values={"trade": {"yes": 2}, "security": {"yes": 3}}),
    ...              Party(id="mx", values={"trade": {"yes": 2}, "security": {"yes": -1}}),
    ...              Party(id="ca", values={"security": {"yes": 2}})])
    >>> tu = international_game(talks)
    >>> {"+".join(tu.members(m)): str(tu.worth[m]) for m in range(1, 8) if tu.worth[m]}
    {'us+mx': '4', 'us+mx+ca': '8'}
    """
    parties = game.party_ids
    if len(parties) > MAX_COALITION_PLAYERS:
        raise GameTooLargeError(f"{len(parties)} parties: too many coalitions to list")
    space = package_space(game)
    worth = [space.to_number(0)] * (1 << len(parties))
    for mask in range(1, 1 << len(parties)):
        members = [p for k, p in enumerate(parties) if mask >> k & 1]
        movable = [i.id for i in game.issues if set(game.signatories(i.id)) <= set(members)]
        index = space.restriction(movable)
        # np.asarray: with no movable issue the index picks one entry, which an object array
        # (exact values) gives as a bare number; the joint gain is summed only where all ratify
        ratified = np.logical_and.reduce([np.asarray(space.ratifies(p)[index]) for p in members])
        where = np.flatnonzero(ratified)
        joint = sum(
            np.asarray(space.values[p][index]).reshape(-1)[where] - space.reservations[p]
            for p in members
        )
        best = np.max(joint) if len(where) else 0
        worth[mask] = max(space.to_number(best), space.to_number(0))
    return CoalitionGame(
        id=f"{game.id}_international",
        title=f"{game.title}: coalitions of parties",
        description="Worth of a coalition: the largest joint gain over the packages all its "
        "members ratify, moving only issues they alone sign.",
        sources=game.sources,
        players=parties,
        worth=worth,
    )
