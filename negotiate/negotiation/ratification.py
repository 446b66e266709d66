"""Each party's ratification as a voting body (Putnam's Level II), and its power indices.

A party's ratification (``negotiate/1``): a package passes iff (with ``executive_veto``) the
executive accepts it and the weights of the accepting constituencies reach ``quota``. As a
weighted voting game: every constituency is a bloc of one voter with its weight; the executive,
when it has a veto, is a bloc of one whose weight ``W`` is the constituencies' total weight, and
the quota becomes ``W + quota``, so no coalition without the executive can win and, with it,
exactly the coalitions meeting the original quota win.
"""

from __future__ import annotations

from fractions import Fraction

from negotiate.errors import InvalidGameError
from negotiate.model.negotiation import NegotiationGame
from negotiate.model.voting import Bloc, VotingGame
from negotiate.voting.power import PowerIndices, power_indices

__all__ = ["ratification_body", "ratification_power"]


def ratification_body(game: NegotiationGame, party: str) -> VotingGame:
    """The ratification of ``party`` as a weighted voting game.

    Parameters
    ----------
    game : NegotiationGame
    party : str
        A party id with a ``[[ratification]]`` entry or constituencies.

    Returns
    -------
    VotingGame
        Blocs: the executive (id: the party's id, with a veto) then each constituency.

    Raises
    ------
    InvalidGameError
        When the party has no ``[[ratification]]`` (its executive decides alone).

    Examples
    --------
    >>> from negotiate.model.negotiation import (
    ...     Constituency, Issue, NegotiationGame, Party, Ratification)
    >>> game = NegotiationGame(
    ...     id="g", title="G", parties=[Party(id="us"), Party(id="mx")],
    ...     issues=[Issue(id="security", options=["none", "joint"])],
    ...     constituencies=[Constituency(id="hawks", party="us", weight=30),
    ...                     Constituency(id="doves", party="us", weight=20),
    ...                     Constituency(id="business", party="us", weight=50)],
    ...     ratifications=[Ratification(party="us", quota=50)])
    >>> body = ratification_body(game, "us")
    >>> [(b.id, str(b.weight)) for b in body.blocs], str(body.quota)
    ([('us', '100'), ('hawks', '30'), ('doves', '20'), ('business', '50')], '150')
    >>> power = ratification_power(game)["us"]
    >>> {bloc: str(v) for bloc, v in power.shapley_shubik.items()}
    {'us': '7/12', 'hawks': '1/12', 'doves': '1/12', 'business': '1/4'}
    """
    rule = game.ratification(party)
    game.party(party)  # raises for an unknown party
    if rule is None:
        raise InvalidGameError(
            f"party `{party}` has no [[ratification]]: its executive decides alone",
            "ratification",
        )
    constituencies = game.constituencies_of(party)
    total = sum((Fraction(c.weight) for c in constituencies), Fraction(0))
    blocs = [Bloc(id=c.id, name=c.label, weight=c.weight) for c in constituencies if c.weight > 0]
    quota = rule.quota
    if rule.executive_veto:
        executive = game.party(party)
        blocs.insert(0, Bloc(id=party, name=executive.label, weight=max(total, Fraction(1))))
        quota = max(total, Fraction(1)) + rule.quota
    if quota <= 0:
        raise InvalidGameError(
            f"party `{party}` ratifies with quota 0 and no executive veto: everything passes",
            "ratification",
        )
    return VotingGame(
        id=f"{game.id}_{party}_ratification",
        title=f"Ratification by {game.party(party).label}",
        description=f"Derived from [[ratification]] of `{party}` in {game.id}",
        sources=game.sources,
        blocs=blocs,
        quota=quota,
    )


def ratification_power(game: NegotiationGame) -> dict[str, PowerIndices]:
    """``{party: power indices of its ratification body}`` for every party that ratifies.

    Examples
    --------
    >>> from negotiate import NegotiationGame, Party, Issue, Constituency, Ratification
    >>> game = NegotiationGame(
    ...     id="g", title="G", parties=[Party(id="us")], issues=[Issue(id="a", options=["n", "y"])],
    ...     constituencies=[Constituency(id="house", party="us", weight=2),
    ...                     Constituency(id="senate", party="us", weight=1)],
    ...     ratifications=[Ratification(party="us", quota=2, executive_veto=False)])
    >>> dict(ratification_power(game)["us"].shapley_shubik)
    {'house': Fraction(1, 1), 'senate': Fraction(0, 1)}
    """
    return {
        p: power_indices(ratification_body(game, p))
        for p in game.party_ids
        if game.ratification(p) is not None
    }
