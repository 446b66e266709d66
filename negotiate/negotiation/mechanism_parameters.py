"""Sweep parameters of side payments and lotteries: paths, current values and variants.

Parameter paths, beside those of :mod:`negotiate.negotiation.sweep`:

- ``transfer.ID.max``: the largest amount of the transfer;
- ``transfer.ID.values.ACTOR``: an actor's value of one unit;
- ``probability.constituency.CONSTITUENCY.K`` and ``probability.ratification.PARTY.K``: the
  probability of the ``K``-th value (from 0) of a reservation's or a quota's distribution; the
  other probabilities are rescaled in proportion so that they still sum to 1.

>>> from negotiate.model import NegotiationGame, Party, Issue
>>> from negotiate.model.transfers import Transfer
>>> game = NegotiationGame(id="g", title="G", parties=[Party(id="us"), Party(id="mx")],
...                        issues=[Issue(id="a", options=["n", "y"])],
...                        transfers=[Transfer(id="m", payer="us", payee="mx", max=10)])
>>> vary_mechanism(game, "transfer.m.values.mx", 2).transfers[0].value("mx")
Fraction(2, 1)
>>> mechanism_value(game, "transfer.m.max")
Fraction(10, 1)
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from negotiate.errors import InvalidGameError
from negotiate.exact.numbers import Number
from negotiate.model._common import did_you_mean
from negotiate.model.lotteries import Lottery
from negotiate.model.negotiation import NegotiationGame

__all__ = ["MECHANISM_TABLES", "mechanism_value", "vary_mechanism"]

MECHANISM_TABLES = ("transfer", "probability")
"""The first words of the parameter paths this module handles."""


def _error(message: str, path: str) -> InvalidGameError:
    return InvalidGameError(f"{message} in parameter path `{path}`")


def _lottery(game: NegotiationGame, parts: list[str], path: str) -> tuple[str, str, int, Lottery]:
    if len(parts) != 4:
        raise _error(
            "expected `probability.constituency.ID.K` or `probability.ratification.PARTY.K`", path
        )
    kind, owner, position = parts[1], parts[2], parts[3]
    tables = {
        "constituency": game.lotteries.reservations,
        "ratification": game.lotteries.quotas,
    }
    if kind not in tables:
        raise _error(f"unknown table `{kind}`{did_you_mean(kind, tables)}", path)
    lotteries = tables[kind]
    if owner not in lotteries:
        raise _error(f"no distribution for `{owner}`{did_you_mean(owner, lotteries)}", path)
    lottery = lotteries[owner]
    if not position.isdigit() or int(position) >= len(lottery.outcomes):
        raise _error(
            f"expected a value index from 0 to {len(lottery.outcomes) - 1} (got `{position}`)", path
        )
    return kind, owner, int(position), lottery


def _transfer_parts(game: NegotiationGame, parts: list[str], path: str) -> None:
    ids = [t.id for t in game.transfers]
    if len(parts) < 3 or parts[1] not in ids:
        word = parts[1] if len(parts) > 1 else ""
        raise _error(f"unknown transfer `{word}`{did_you_mean(word, ids)}", path)
    if parts[2:] == ["max"]:
        return
    if len(parts) == 4 and parts[2] == "values":
        if parts[3] not in game.actor_ids:
            raise _error(
                f"unknown actor `{parts[3]}`{did_you_mean(parts[3], game.actor_ids)}", path
            )
        return
    raise _error("expected `transfer.ID.max` or `transfer.ID.values.ACTOR`", path)


def mechanism_value(game: NegotiationGame, path: str) -> Number:
    """The current value of the side-payment or probability parameter at ``path``."""
    parts = path.split(".")
    if parts[0] == "transfer":
        _transfer_parts(game, parts, path)
        transfer = game.transfers[0]
        return transfer.max if parts[2] == "max" else transfer.value(parts[3])
    _, _, position, lottery = _lottery(game, parts, path)
    return lottery.outcomes[position][1]


def _rescaled(lottery: Lottery, position: int, value: Number, path: str) -> Lottery:
    if not isinstance(value, Fraction) or not 0 <= value <= 1:
        raise InvalidGameError(f"set to {value}: expected an exact probability in [0, 1]", path)
    rest = sum((p for k, (_, p) in enumerate(lottery.outcomes) if k != position), Fraction(0))
    if rest == 0 and value != 1:
        raise InvalidGameError(
            f"set to {value}: the other values have probability 0, so this one must be 1", path
        )
    outcomes = [
        (v, value if k == position else (1 - value) * p / rest)
        for k, (v, p) in enumerate(lottery.outcomes)
    ]
    return Lottery(outcomes)


def vary_mechanism(game: NegotiationGame, path: str, value: Number) -> NegotiationGame:
    """``game`` with the side-payment or probability parameter at ``path`` set to ``value``.

    A probability change keeps the worst case (the certain fields) at the distribution's largest
    value of positive probability.
    """
    parts = path.split(".")
    if parts[0] == "transfer":
        _transfer_parts(game, parts, path)
        transfer = game.transfers[0]
        try:
            if parts[2] == "max":
                changed = attrs.evolve(transfer, max=value)
            else:
                changed = attrs.evolve(transfer, values=dict(transfer.values) | {parts[3]: value})
        except InvalidGameError as error:
            raise InvalidGameError(f"set to {value}: {error.message}", path) from None
        return attrs.evolve(game, transfers=[changed])
    kind, owner, position, lottery = _lottery(game, parts, path)
    new = _rescaled(lottery, position, value, path)
    lotteries = game.lotteries
    if kind == "constituency":
        return attrs.evolve(
            game,
            constituencies=[
                attrs.evolve(c, reservation=new.worst) if c.id == owner else c
                for c in game.constituencies
            ],
            lotteries=attrs.evolve(
                lotteries, reservations=dict(lotteries.reservations) | {owner: new}
            ),
        )
    return attrs.evolve(
        game,
        ratifications=[
            attrs.evolve(r, quota=new.worst) if r.party == owner else r for r in game.ratifications
        ],
        lotteries=attrs.evolve(lotteries, quotas=dict(lotteries.quotas) | {owner: new}),
    )
