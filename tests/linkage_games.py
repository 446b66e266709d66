"""Hand-worked negotiations for the linkage tests (not a test module)."""

from __future__ import annotations

from negotiate.model import Constituency, Issue, NegotiationGame, Party, Ratification


def logroll() -> NegotiationGame:
    """Neither issue alone has a zone of agreement; linked, two packages do."""
    return NegotiationGame(
        id="logroll",
        title="Trade for visas",
        parties=[
            Party(
                id="us",
                values={"trade": {"partial": 2, "open": 4}, "visas": {"some": -1, "many": -3}},
            ),
            Party(
                id="mx",
                values={"trade": {"partial": -1, "open": -3}, "visas": {"some": 2, "many": 5}},
            ),
        ],
        issues=[
            Issue(id="trade", options=["closed", "partial", "open"]),
            Issue(id="visas", options=["few", "some", "many"]),
        ],
        constituencies=[
            Constituency(
                id="unions", party="mx", weight=1, values={"trade": {"partial": -2, "open": -5}}
            ),
        ],
        ratifications=[Ratification(party="mx", quota=0)],
    )


def nafta() -> NegotiationGame:
    """NAFTA 1993: trade and labour mobility each pass Congress alone, but not together.

    After "North America: Weak regionalism, strong borders": "inclusion of migration issues within
    NAFTA could jeopardize congressional approval". Numbers are ordinal judgements.
    """
    return NegotiationGame(
        id="nafta",
        title="NAFTA with and without labour mobility",
        parties=[
            Party(id="us", values={"trade": {"nafta": 3}, "labor": {"mobility": 0}}),
            Party(id="mx", values={"trade": {"nafta": 1}, "labor": {"mobility": 3}}),
        ],
        issues=[
            Issue(id="trade", options=["none", "nafta"]),
            Issue(id="labor", options=["none", "mobility"]),
        ],
        constituencies=[
            Constituency(
                id="free_traders",
                party="us",
                weight=35,
                values={"trade": {"nafta": 2}, "labor": {"mobility": -3}},
            ),
            Constituency(
                id="labor_democrats",
                party="us",
                weight=35,
                values={"trade": {"nafta": -3}, "labor": {"mobility": 2}},
            ),
            Constituency(
                id="business",
                party="us",
                weight=30,
                values={"trade": {"nafta": 1}, "labor": {"mobility": 1}},
            ),
        ],
        ratifications=[Ratification(party="us", quota=51)],
    )


def enforcement_game() -> NegotiationGame:
    """Each side controls one issue and could cheat on it: +3 for it, -6 for the other."""
    return NegotiationGame(
        id="enforce",
        title="Cooperation each side could cheat on",
        parties=[
            Party(id="us", values={"a": {"keep": 1, "cheat": 4}, "b": {"keep": 1, "cheat": -5}}),
            Party(id="mx", values={"a": {"keep": 1, "cheat": -5}, "b": {"keep": 1, "cheat": 4}}),
        ],
        issues=[
            Issue(id="a", options=["none", "keep", "cheat"], controlled_by="us"),
            Issue(id="b", options=["none", "keep", "cheat"], controlled_by="mx"),
        ],
    )
