"""What robustness tests of a strategic game: its pure (normal form) or subgame-perfect
(extensive form) equilibria, never the full mixed enumeration, so that each sample stays cheap.

Normal form: ``pure_equilibria`` (the set of pure equilibria is the baseline's), ``pure.S_1.S_2``
(each baseline pure equilibrium is still one), ``dominant.PLAYER`` (the player's strictly dominant
strategy, or that it has none). Extensive form: ``outcome`` (the terminal nodes the pure
subgame-perfect equilibria reach), ``move.NODE`` (the moves they take at each decision node).

>>> from negotiate.model import NormalFormGame, Player
>>> game = NormalFormGame(id="pd", title="PD",
...     players=[Player(id="a", strategies=["c", "d"]), Player(id="b", strategies=["c", "d"])],
...     payoffs={"a": [[3, 0], [4, 1]], "b": [[3, 4], [0, 1]]})
>>> [c.id for c in normal_form_claims(game)]
['pure_equilibria', 'pure.d.d', 'dominant.a', 'dominant.b']
>>> normal_form_claims(game)[0].name
'The pure equilibria are (a = d, b = d)'
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import cast

import numpy as np

from negotiate.model.extensive_form import ExtensiveFormGame
from negotiate.model.kind_paths import kind_parse
from negotiate.model.normal_form import NormalFormGame
from negotiate.robust.study import Claim, KindSpec, per_sample
from negotiate.strategic.extensive import (
    pure_subgame_perfect_equilibria,
    subgame_perfect_equilibria,
)
from negotiate.strategic.pure import pure_equilibrium_profiles

__all__ = [
    "EXTENSIVE_FORM",
    "NORMAL_FORM",
    "extensive_form_claims",
    "extensive_form_headline",
    "normal_form_claims",
    "normal_form_headline",
]


def _profile_words(game: NormalFormGame, profile: Sequence[int]) -> str:
    return ", ".join(
        f"{p.id} = {p.strategies[k]}" for p, k in zip(game.players, profile, strict=True)
    )


def _dominant(game: NormalFormGame, player: int) -> int:
    """The index of ``player``'s strictly dominant strategy, or -1."""
    payoff = np.moveaxis(np.array(game.payoff_array(game.players[player].id)), player, 0)
    for s in range(payoff.shape[0]):
        others = [t for t in range(payoff.shape[0]) if t != s]
        if all(bool((payoff[s] > payoff[t]).all()) for t in others):
            return s
    return -1


def _pure_words(game: NormalFormGame, profiles: Sequence[Sequence[int]]) -> str:
    if not profiles:
        return "There is no pure equilibrium"
    listed = "; ".join(f"({_profile_words(game, p)})" for p in profiles)
    return f"The pure equilibria are {listed}"


def normal_form_claims(game: NormalFormGame) -> tuple[Claim, ...]:
    """The baseline's pure equilibria and dominant strategies, as claims."""
    profiles = pure_equilibrium_profiles(game)
    claims = [
        Claim(
            id="pure_equilibria",
            name=_pure_words(game, profiles),
            kind="pure_equilibria",
            target=frozenset(profiles),
        )
    ]
    for profile in profiles:
        names = ".".join(p.strategies[k] for p, k in zip(game.players, profile, strict=True))
        claims.append(
            Claim(
                id=f"pure.{names}",
                name=f"({_profile_words(game, profile)}) is a pure equilibrium",
                kind="pure",
                target=(tuple(profile), True),
            )
        )
    for k, player in enumerate(game.players):
        s = _dominant(game, k)
        words = f"a strictly dominant strategy, {player.strategies[s]}" if s >= 0 else "none"
        claims.append(
            Claim(
                id=f"dominant.{player.id}",
                name=f"{player.label} has {words}"
                if s >= 0
                else f"{player.label} has no strictly dominant strategy",
                kind="dominant",
                target=(k, s),
            )
        )
    return tuple(claims)


def normal_form_statistics(game: NormalFormGame, claims: Sequence[Claim]) -> tuple[Hashable, ...]:
    """Each claim's statistic on ``game``."""
    profiles = frozenset(pure_equilibrium_profiles(game))
    out: list[Hashable] = []
    for claim in claims:
        if claim.kind == "pure_equilibria":
            out.append(profiles)
        elif claim.kind == "pure":
            cell = claim.target[0]  # type: ignore[index]
            out.append((cell, cell in profiles))
        else:
            k = claim.target[0]  # type: ignore[index]
            out.append((k, _dominant(game, k)))
    return tuple(out)


def normal_form_headline(game: NormalFormGame) -> str:
    """The pure equilibria, in words (a sweep's regime)."""
    return _pure_words(game, pure_equilibrium_profiles(game))


def _tensors(game: NormalFormGame, paths: Sequence[str], values: np.ndarray) -> list[np.ndarray]:
    """Each player's payoffs in each sample, ``(count, *shape)``."""
    tensors = [
        np.broadcast_to(
            np.array(game.payoff_array(p.id), dtype=float), (len(values), *game.shape)
        ).copy()
        for p in game.players
    ]
    for column, path in enumerate(paths):
        _, player, cell = kind_parse(game, path)
        tensors[game.player_ids.index(player)][(slice(None), *cell)] = values[:, column]
    return tensors


def _dominant_batch(tensor: np.ndarray, player: int) -> np.ndarray:
    """Per sample, the index of the player's strictly dominant strategy, or -1."""
    moved = np.moveaxis(tensor, 1 + player, 1)
    count, m = moved.shape[:2]
    out = np.full(count, -1)
    flat = moved.reshape(count, m, -1)
    for s in range(m):
        beats = [(flat[:, s] > flat[:, t]).all(axis=1) for t in range(m) if t != s]
        out[np.logical_and.reduce(beats) if beats else np.ones(count, dtype=bool)] = s
    return out


def normal_form_batch(
    game: NormalFormGame, paths: Sequence[str], claims: Sequence[Claim], values: np.ndarray
) -> np.ndarray:
    """Whether each claim holds in each sampled game, vectorised over the samples."""
    tensors = _tensors(game, paths, values)
    best = [t >= t.max(axis=1 + k, keepdims=True) for k, t in enumerate(tensors)]
    mutual = np.logical_and.reduce(best)
    out = np.zeros((len(values), len(claims)), dtype=bool)
    for j, claim in enumerate(claims):
        if claim.kind == "pure_equilibria":
            wanted = np.zeros(game.shape, dtype=bool)
            for cell in claim.target:  # type: ignore[attr-defined]
                wanted[cell] = True
            out[:, j] = (mutual == wanted).reshape(len(values), -1).all(axis=1)
        elif claim.kind == "pure":
            out[:, j] = mutual[(slice(None), *claim.target[0])]  # type: ignore[index]
        else:
            player, strategy = cast(tuple[int, int], claim.target)
            out[:, j] = _dominant_batch(tensors[player], player) == strategy
    return out


NORMAL_FORM = KindSpec(
    claims=normal_form_claims, statistics=normal_form_statistics, batch=normal_form_batch
)
"""The normal form's robustness: best responses of every sample at once."""


def _subgame_perfect(game: ExtensiveFormGame) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """The terminal nodes the pure subgame-perfect equilibria reach and, per decision node, the
    moves they take there."""
    equilibria = (
        subgame_perfect_equilibria(game)
        if game.has_perfect_information
        else pure_subgame_perfect_equilibria(game)
    )
    ends = frozenset(e.path[-1] for e in equilibria)
    moves: dict[str, frozenset[str]] = {}
    for node in game.nodes:
        if node.player is None:
            continue
        key = game.information_set(node)
        moves[node.id] = frozenset(e.strategies[node.player][key] for e in equilibria)
    return ends, moves


def _ends_words(ends: frozenset[str]) -> str:
    if not ends:
        return "There is no pure subgame-perfect equilibrium"
    return "Every pure subgame-perfect equilibrium ends at " + " or ".join(sorted(ends))


def extensive_form_claims(game: ExtensiveFormGame) -> tuple[Claim, ...]:
    """The baseline's subgame-perfect outcome and the moves at each decision node, as claims."""
    ends, moves = _subgame_perfect(game)
    claims = [Claim(id="outcome", name=_ends_words(ends), kind="outcome", target=ends)]
    for node in game.nodes:
        if node.player is None:
            continue
        chosen = " or ".join(sorted(moves[node.id])) or "nothing pure"
        claims.append(
            Claim(
                id=f"move.{node.id}",
                name=f"At {node.id}, {node.player} plays {chosen}",
                kind="move",
                target=(node.id, moves[node.id]),
            )
        )
    return tuple(claims)


def extensive_form_statistics(
    game: ExtensiveFormGame, claims: Sequence[Claim]
) -> tuple[Hashable, ...]:
    """Each claim's statistic on ``game``."""
    ends, moves = _subgame_perfect(game)
    out: list[Hashable] = []
    for claim in claims:
        if claim.kind == "outcome":
            out.append(ends)
        else:
            node = claim.target[0]  # type: ignore[index]
            out.append((node, moves[node]))
    return tuple(out)


def extensive_form_headline(game: ExtensiveFormGame) -> str:
    """Where the subgame-perfect equilibria end, in words (a sweep's regime)."""
    return _ends_words(_subgame_perfect(game)[0])


def _backward(
    game: ExtensiveFormGame, paths: Sequence[str], values: np.ndarray
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Backward induction in every sample at once (perfect information, no chance): each node's
    payoff vectors ``(count, players)`` and each decision node's chosen move index."""
    count = len(values)
    terminal = {
        n.id: np.tile([float(dict(n.payoffs or {})[p]) for p in game.players], (count, 1))
        for n in game.terminal_nodes()
    }
    for column, path in enumerate(paths):
        _, node, player = kind_parse(game, path)
        terminal[node][:, game.players.index(player)] = values[:, column]
    value: dict[str, np.ndarray] = dict(terminal)
    chosen: dict[str, np.ndarray] = {}

    def solve(node_id: str) -> np.ndarray:
        if node_id not in value:
            node = game.node(node_id)
            children = np.stack([solve(c) for c in node.moves.values()], axis=1)
            mover = game.players.index(str(node.player))
            pick = children[:, :, mover].argmax(axis=1)
            chosen[node_id] = pick
            value[node_id] = children[np.arange(count), pick]
        return value[node_id]

    solve(game.root.id)
    for node in game.nodes:
        if node.player is not None:
            solve(node.id)
    return value, chosen


def extensive_form_batch(
    game: ExtensiveFormGame, paths: Sequence[str], claims: Sequence[Claim], values: np.ndarray
) -> np.ndarray:
    """Whether each claim holds in each sampled tree: backward induction vectorised over the
    samples for a tree of perfect information without chance, else one solve per sample."""
    if not game.has_perfect_information or any(n.is_chance for n in game.nodes):
        return per_sample(game, paths, claims, values, EXTENSIVE_FORM)
    _, chosen = _backward(game, paths, values)
    end = np.full(len(values), game.root.id, dtype=object)
    while True:
        deciding = [k for k, n in enumerate(end) if n in chosen]
        if not deciding:
            break
        for k in deciding:
            node = game.node(end[k])
            end[k] = list(node.moves.values())[int(chosen[node.id][k])]
    out = np.zeros((len(values), len(claims)), dtype=bool)
    for j, claim in enumerate(claims):
        if claim.kind == "outcome":
            target = claim.target
            out[:, j] = [frozenset([e]) == target for e in end]
        else:
            node_id, moves = cast(tuple[str, frozenset[str]], claim.target)
            names = list(game.node(node_id).moves)
            if len(moves) == 1:
                out[:, j] = chosen[node_id] == names.index(next(iter(moves)))
    return out


EXTENSIVE_FORM = KindSpec(
    claims=extensive_form_claims, statistics=extensive_form_statistics, batch=extensive_form_batch
)
"""The extensive form's robustness: backward induction over all samples at once for a tree of
perfect information without chance; otherwise one solve per sample (then give fewer samples)."""
