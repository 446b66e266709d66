"""Game trees: subgame-perfect equilibria by backward induction, and the reduced strategic form.

**Backward induction** (Selten 1965; Osborne & Rubinstein 1994, *A Course in Game Theory*,
Proposition 99.2): in a finite tree with perfect information, work from the terminal nodes up;
at a chance node the value is the expectation over its moves, at a decision node the mover picks
a move with the highest continuation payoff. Where the mover is indifferent every maximising
move is kept, so the result is *every* pure subgame-perfect equilibrium (a strategy names a move
at every decision node, on and off the equilibrium path).

**Reduced strategic form** (Kuhn 1953; Myerson 1991, section 2.3): a pure strategy assigns a
move to each of the player's information sets; two strategies that differ only at information
sets their own earlier moves make unreachable are merged. Its Nash equilibria are solved with
:func:`negotiate.strategic.equilibria.equilibria`; under perfect recall Kuhn's theorem turns them
into behaviour strategies.

>>> from negotiate.model.extensive_form import ExtensiveFormGame, Node
>>> entry = ExtensiveFormGame(
...     id="entry", title="Entry deterrence", players=["entrant", "incumbent"],
...     nodes=[
...         Node(id="root", player="entrant", moves={"out": "stay_out", "in": "respond"}),
...         Node(id="respond", player="incumbent", moves={"fight": "war", "share": "peace"}),
...         Node(id="stay_out", payoffs={"entrant": 0, "incumbent": 2}),
...         Node(id="war", payoffs={"entrant": -1, "incumbent": -1}),
...         Node(id="peace", payoffs={"entrant": 1, "incumbent": 1}),
...     ])
>>> (spe,) = subgame_perfect_equilibria(entry)
>>> dict(spe.strategies["entrant"]), dict(spe.strategies["incumbent"]), spe.path
({'root': 'in'}, {'respond': 'share'}, ('root', 'respond', 'peace'))
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import attrs
import numpy as np

from negotiate.display import Displayed
from negotiate.errors import GameTooLargeError, UnsupportedGameError
from negotiate.exact.numbers import Number
from negotiate.model._common import FrozenMap, frozen_numbers, string_tuple
from negotiate.model.extensive_form import ExtensiveFormGame, Node
from negotiate.model.normal_form import NormalFormGame, Player
from negotiate.options import SolveOptions
from negotiate.strategic._trees import Intervals, expected_payoffs, plan_path, post_order
from negotiate.strategic.mixed import Equilibrium, NashComputationResult

__all__ = [
    "MAX_PURE_PROFILES",
    "MAX_PURE_WORK",
    "MAX_REDUCED_PROFILES",
    "MAX_REDUCED_WORK",
    "MAX_SUBGAME_PERFECT",
    "ExtensiveFormAnalysis",
    "SubgamePerfectEquilibrium",
    "analyse",
    "pure_subgame_perfect_equilibria",
    "reduced_normal_form",
    "reduced_strategies",
    "subgame_perfect_equilibria",
    "subgame_roots",
]

MAX_SUBGAME_PERFECT = 10_000
"""The most pure subgame-perfect equilibria listed (ties multiply them)."""

MAX_REDUCED_PROFILES = 1_000_000
"""The largest reduced strategic form (number of pure profiles) that is built."""


def _frozen_plan(value: object) -> FrozenMap[str, FrozenMap[str, str]]:
    return FrozenMap((p, FrozenMap(moves)) for p, moves in dict(value).items())  # type: ignore[call-overload]


@attrs.frozen(kw_only=True)
class SubgamePerfectEquilibrium:
    """A pure subgame-perfect equilibrium.

    ``strategies[player][node]`` is the move at each of the player's decision nodes (on and off
    the path); ``payoffs`` the expected payoffs; ``path`` the nodes reached with positive
    probability, in depth-first order from the root (a chance node's branches all appear).
    """

    strategies: FrozenMap[str, FrozenMap[str, str]] = attrs.field(converter=_frozen_plan)
    payoffs: FrozenMap[str, Number] = attrs.field(converter=frozen_numbers)
    path: tuple[str, ...] = attrs.field(converter=string_tuple)


def subgame_perfect_equilibria(game: ExtensiveFormGame) -> tuple[SubgamePerfectEquilibrium, ...]:
    """Every pure subgame-perfect equilibrium of a perfect-information tree.

    Parameters
    ----------
    game : ExtensiveFormGame
        A tree in which every information set is a single node (chance nodes allowed).

    Returns
    -------
    tuple of SubgamePerfectEquilibrium
        One per combination of maximising moves where movers are indifferent, in the order of
        the moves in the file (earlier nodes vary slowest).

    Raises
    ------
    UnsupportedGameError
        When the game has imperfect information (use :func:`reduced_normal_form`).
    GameTooLargeError
        When ties make more than :data:`MAX_SUBGAME_PERFECT` equilibria.

    Examples
    --------
    When the responder is indifferent, both of its choices give a subgame-perfect equilibrium:

    >>> from negotiate.model.extensive_form import ExtensiveFormGame, Node
    >>> ultimatum = ExtensiveFormGame(
    ...     id="u", title="Ultimatum", players=["proposer", "responder"],
    ...     nodes=[
    ...         Node(id="root", player="proposer", moves={"fair": "a", "greedy": "b"}),
    ...         Node(id="a", player="responder", moves={"yes": "a_yes", "no": "a_no"}),
    ...         Node(id="b", player="responder", moves={"yes": "b_yes", "no": "b_no"}),
    ...         Node(id="a_yes", payoffs={"proposer": 1, "responder": 1}),
    ...         Node(id="a_no", payoffs={"proposer": 0, "responder": 0}),
    ...         Node(id="b_yes", payoffs={"proposer": 2, "responder": 0}),
    ...         Node(id="b_no", payoffs={"proposer": 0, "responder": 0}),
    ...     ])
    >>> [(e.path, dict(e.payoffs)) for e in subgame_perfect_equilibria(ultimatum)]
    [(('root', 'b', 'b_yes'), {'proposer': Fraction(2, 1), 'responder': Fraction(0, 1)}),
     (('root', 'a', 'a_yes'), {'proposer': Fraction(1, 1), 'responder': Fraction(1, 1)})]
    """
    if not game.has_perfect_information:
        raise UnsupportedGameError(
            "backward induction needs perfect information, and this tree has information sets "
            "with several nodes; solve its reduced strategic form instead "
            "(reduced_normal_form or equilibria of the extensive_form analysis)"
        )
    nodes = {n.id: n for n in game.nodes}
    players = game.players
    solved: dict[str, list[_Choice]] = {}
    for node in post_order(game, nodes):
        if node.is_terminal:
            assert node.payoffs is not None
            solved[node.id] = [(tuple(node.payoffs[p] for p in players), None)]
            continue
        children = [solved.pop(child) for child in node.moves.values()]
        solved[node.id] = _backward_step(node, children, players)
    results = []
    for value, choice in solved[game.root.id]:
        plan = _flatten(choice)
        strategies = {
            p: {n.id: plan[n.id] for n in game.nodes if n.player == p and n.id in plan}
            for p in players
        }
        payoffs = {p: _clean(v) for p, v in zip(players, value, strict=True)}
        results.append(
            SubgamePerfectEquilibrium(
                strategies=strategies, payoffs=payoffs, path=plan_path(game, nodes, plan)
            )
        )
    return tuple(results)


_Choice = tuple[tuple[Number, ...], "tuple[str | None, str | None, tuple[_Choice, ...]] | None"]
"""A subtree's continuation payoffs with the moves that give them: the node's own move (``None``
at a chance node) and the choices below, shared between equilibria rather than copied."""


def _backward_step(
    node: Node, children: list[list[_Choice]], players: tuple[str, ...]
) -> list[_Choice]:
    """One node of backward induction: every maximising move (or the expectation at chance)."""
    if math.prod(len(child) for child in children) > MAX_SUBGAME_PERFECT:
        raise GameTooLargeError(
            f"ties below node `{node.id}` make more than {MAX_SUBGAME_PERFECT:,} pure "
            "subgame-perfect equilibria"
        )
    moves = list(node.moves)
    out: list[_Choice] = []
    for combination in itertools.product(*children):
        values = [value for value, _ in combination]
        if node.chance is not None:
            probabilities = [node.chance[m] for m in moves]
            expected = tuple(
                sum(
                    (q * v[k] for q, v in zip(probabilities, values, strict=True)),
                    start=Fraction(0),
                )
                for k in range(len(players))
            )
            out.append((expected, (None, None, combination)))
            continue
        mover = players.index(node.player)
        best = max(v[mover] for v in values)
        for move, value in zip(moves, values, strict=True):
            if value[mover] == best:
                out.append((value, (node.id, move, combination)))
    if len(out) > MAX_SUBGAME_PERFECT:
        raise GameTooLargeError(
            f"ties make more than {MAX_SUBGAME_PERFECT:,} pure subgame-perfect equilibria"
        )
    return out


def _flatten(choice: tuple[str | None, str | None, tuple[_Choice, ...]] | None) -> dict[str, str]:
    """The plan (node id to move) held in a nest of choices, read without recursion."""
    plan: dict[str, str] = {}
    stack = [choice]
    while stack:
        item = stack.pop()
        if item is None:
            continue
        node_id, move, below = item
        if node_id is not None and move is not None:
            plan[node_id] = move
        stack.extend(part for _, part in below)
    return plan


MAX_PURE_PROFILES = 100_000
"""The most pure profiles :func:`pure_subgame_perfect_equilibria` checks."""


def subgame_roots(game: ExtensiveFormGame) -> tuple[str, ...]:
    """The nodes that start a subgame: decision or chance nodes whose subtree contains, for every
    node in it, that node's whole information set (the root always does), in file order."""
    return Intervals(game, {n.id: n for n in game.nodes}).roots


MAX_PURE_WORK = 2_000_000
"""The most node visits :func:`pure_subgame_perfect_equilibria` spends: pure profiles, times
the deviations checked in each subgame, times the subgame's nodes."""


def pure_subgame_perfect_equilibria(
    game: ExtensiveFormGame,
) -> tuple[SubgamePerfectEquilibrium, ...]:
    """Every pure subgame-perfect equilibrium of a tree, with perfect information or not.

    A pure profile names a move at every information set; it is subgame perfect when it induces
    a Nash equilibrium in every subgame (Selten 1965), which is checked directly: in each subgame
    no player gains by changing its moves at its information sets inside it. With perfect
    information this gives the same equilibria as :func:`subgame_perfect_equilibria` (keyed by
    node); with imperfect information, subgame-perfect equilibria may all be mixed and then none
    is returned.

    Raises
    ------
    GameTooLargeError
        When there are more than :data:`MAX_PURE_PROFILES` pure profiles, or the check would
        visit more than :data:`MAX_PURE_WORK` nodes.

    Examples
    --------
    Selten's horse has no proper subgame, so its subgame-perfect equilibria are its Nash
    equilibria; two are pure:

    >>> from negotiate.model.extensive_form import ExtensiveFormGame, Node
    >>> horse = ExtensiveFormGame(
    ...     id="horse", title="Selten's horse", players=["one", "two", "three"],
    ...     nodes=[
    ...         Node(id="root", player="one", moves={"c": "two_moves", "d": "left"}),
    ...         Node(id="two_moves", player="two", moves={"c": "end", "d": "right"}),
    ...         Node(id="left", player="three", info="three_moves", moves={"l": "a", "r": "b"}),
    ...         Node(id="right", player="three", info="three_moves", moves={"l": "c", "r": "d"}),
    ...         Node(id="end", payoffs={"one": 1, "two": 1, "three": 1}),
    ...         Node(id="a", payoffs={"one": 3, "two": 3, "three": 2}),
    ...         Node(id="b", payoffs={"one": 0, "two": 0, "three": 0}),
    ...         Node(id="c", payoffs={"one": 4, "two": 4, "three": 0}),
    ...         Node(id="d", payoffs={"one": 0, "two": 0, "three": 1}),
    ...     ])
    >>> [e.path for e in pure_subgame_perfect_equilibria(horse)]
    [('root', 'two_moves', 'end'), ('root', 'left', 'a')]
    """
    nodes = {n.id: n for n in game.nodes}
    sets = [
        (player, info, moves)
        for player in game.players
        for info, moves in _information_sets(game, player)
    ]
    size = 1
    for _, _, moves in sets:
        size *= len(moves)
    if size > MAX_PURE_PROFILES:
        raise GameTooLargeError(
            f"the tree has {size:,} pure profiles (the limit for checking subgame perfection "
            f"is {MAX_PURE_PROFILES:,})"
        )
    exact = game.is_exact
    intervals = Intervals(game, nodes)
    roots = intervals.roots
    inside = _choosing_sets_inside(game, sets, intervals, size)

    def value(node: Node, plan: dict[str, str]) -> dict[str, Number]:
        return expected_payoffs(game, nodes, None, exact, node, plan)

    results = []
    for choice in itertools.product(*(moves for _, _, moves in sets)):
        plan = {info: move for (_, info, _), move in zip(sets, choice, strict=True)}
        if all(
            _no_deviation(game, nodes, sets, plan, root, inside[root], value)
            for root in roots
            if inside[root]
        ):
            strategies = {
                p: {info: plan[info] for player, info, _ in sets if player == p}
                for p in game.players
            }
            payoffs = {p: _clean(v) for p, v in value(game.root, plan).items()}
            results.append(
                SubgamePerfectEquilibrium(
                    strategies=strategies, payoffs=payoffs, path=plan_path(game, nodes, plan)
                )
            )
    return tuple(results)


def _no_deviation(game, nodes, sets, plan, root, infos, value) -> bool:  # type: ignore[no-untyped-def]
    """Whether no player gains in the subgame at ``root`` by changing its moves there."""
    base = value(nodes[root], plan)
    for player in game.players:
        own = [(info, moves) for p, info, moves in sets if p == player and info in infos]
        if not own:
            continue
        for alternative in itertools.product(*(moves for _, moves in own)):
            deviation = {**plan, **dict(zip((i for i, _ in own), alternative, strict=True))}
            if value(nodes[root], deviation)[player] > base[player]:
                return False
    return True


def _choosing_sets_inside(
    game: ExtensiveFormGame,
    sets: list[tuple[str, str, tuple[str, ...]]],
    intervals: Intervals,
    profiles: int,
) -> dict[str, set[str]]:
    """Per subgame root, the information sets with a choice to make inside it (only they give
    deviations); refuses the check when it would visit more than :data:`MAX_PURE_WORK` nodes."""
    choosing = [info for _, info, moves in sets if len(moves) > 1]
    roots = intervals.roots
    inside = {root: {i for i in choosing if intervals.inside(root, i)} for root in roots}
    work = profiles * sum(
        intervals.size(root)
        * (1 + sum(_deviations(sets, player, inside[root]) for player in game.players))
        for root in roots
        if inside[root]
    )
    if work > MAX_PURE_WORK:
        raise GameTooLargeError(
            f"checking subgame perfection would visit {work:,} nodes "
            f"(the limit is {MAX_PURE_WORK:,})"
        )
    return inside


def _deviations(sets: list[tuple[str, str, tuple[str, ...]]], player: str, infos: set[str]) -> int:
    """How many ways the player can choose at its information sets among ``infos``."""
    return math.prod(len(moves) for p, info, moves in sets if p == player and info in infos)


def _clean(value: Number) -> Number:
    return value if isinstance(value, Fraction) else float(value)


def _information_sets(game: ExtensiveFormGame, player: str) -> list[tuple[str, tuple[str, ...]]]:
    """The player's information sets in file order, each with its move names."""
    seen: dict[str, tuple[str, ...]] = {}
    for node in game.nodes:
        if node.player == player:
            seen.setdefault(game.information_set(node), tuple(node.moves))
    return list(seen.items())


def reduced_strategies(
    game: ExtensiveFormGame, player: str, limit: int = MAX_REDUCED_PROFILES
) -> tuple[FrozenMap[str, str], ...]:
    """The player's reduced pure strategies: a move at each information set its own moves do not
    exclude, in the order of the full strategies (earlier information sets vary slowest).

    They are built by walking the tree, branching at each information set of the player the walk
    reaches, so their number (not the far larger number of full strategies) bounds the work.

    Raises
    ------
    GameTooLargeError
        When the player has more than ``limit`` reduced strategies.
    """
    nodes = {n.id: n for n in game.nodes}
    sets = _information_sets(game, player)
    index = {info: {move: k for k, move in enumerate(moves)} for info, moves in sets}
    found: list[dict[str, str]] = []
    pending: list[tuple[dict[str, str], list[Node]]] = [({}, [game.root])]
    while pending:
        choice, frontier = pending.pop()
        while frontier:
            node = frontier.pop()
            if node.player != player:
                frontier.extend(nodes[child] for child in node.moves.values())
                continue
            info = game.information_set(node)
            if info in choice:
                frontier.append(nodes[node.moves[choice[info]]])
                continue
            for move in reversed(tuple(node.moves)):
                pending.append(({**choice, info: move}, [*frontier, nodes[node.moves[move]]]))
            break
        else:
            found.append(choice)
            if len(found) > limit:
                raise GameTooLargeError(
                    f"player `{player}` has more than {limit:,} reduced strategies"
                )
    found.sort(key=lambda c: tuple(index[i][c[i]] if i in c else 0 for i, _ in sets))
    return tuple(FrozenMap((i, c[i]) for i, _ in sets if i in c) for c in found)


def _strategy_name(reduced: FrozenMap[str, str], sets: list[tuple[str, tuple[str, ...]]]) -> str:
    """``move`` for one information set; ``move1/move2/*`` (``*``: excluded) for several."""
    if len(sets) == 1:
        return reduced[sets[0][0]]
    return "/".join(reduced.get(info, "*") for info, _ in sets)


def reduced_normal_form(
    game: ExtensiveFormGame, max_profiles: int = MAX_REDUCED_PROFILES
) -> NormalFormGame:
    """The reduced strategic form of a game tree, exact when the tree is exact.

    A player without decisions gets the single strategy ``"none"``. Strategy names are the moves
    at the player's information sets, in file order, joined by ``/`` (``*`` where the player's
    own earlier move excludes the information set).

    Raises
    ------
    GameTooLargeError
        When the form would have more than ``max_profiles`` pure profiles (checked before any
        payoff is computed).

    Examples
    --------
    >>> from negotiate.model.extensive_form import ExtensiveFormGame, Node
    >>> entry = ExtensiveFormGame(
    ...     id="entry", title="Entry deterrence", players=["entrant", "incumbent"],
    ...     nodes=[
    ...         Node(id="root", player="entrant", moves={"out": "stay_out", "in": "respond"}),
    ...         Node(id="respond", player="incumbent", moves={"fight": "war", "share": "peace"}),
    ...         Node(id="stay_out", payoffs={"entrant": 0, "incumbent": 2}),
    ...         Node(id="war", payoffs={"entrant": -1, "incumbent": -1}),
    ...         Node(id="peace", payoffs={"entrant": 1, "incumbent": 1}),
    ...     ])
    >>> form = reduced_normal_form(entry)
    >>> [p.strategies for p in form.players]
    [('out', 'in'), ('fight', 'share')]
    >>> [[str(v) for v in row] for row in form.payoffs["incumbent"]]
    [['2', '2'], ['-1', '1']]
    """
    nodes = {n.id: n for n in game.nodes}
    per_player = []
    players = []
    for player in game.players:
        sets = _information_sets(game, player)
        strategies = reduced_strategies(game, player, max_profiles) if sets else (FrozenMap(),)
        names = [_strategy_name(s, sets) for s in strategies] if sets else ["none"]
        per_player.append(strategies)
        players.append(Player(id=player, strategies=names))
    shape = tuple(len(s) for s in per_player)
    size = math.prod(shape)
    if size > max_profiles:
        raise GameTooLargeError(
            f"the reduced strategic form has {size:,} pure profiles (the limit is {max_profiles:,})"
        )
    exact = game.is_exact
    arrays = {p: np.empty(shape, dtype=object) for p in game.players}
    for index in np.ndindex(*shape):
        plans = {p: per_player[k][index[k]] for k, p in enumerate(game.players)}
        value = expected_payoffs(game, nodes, plans, exact)
        for p in game.players:
            arrays[p][index] = value[p]
    return NormalFormGame(
        id=game.id,
        title=f"{game.title} (reduced strategic form)",
        description=game.description,
        sources=game.sources,
        players=players,
        payoffs={p: a.tolist() for p, a in arrays.items()},
    )


@attrs.frozen(kw_only=True, repr=False)
class ExtensiveFormAnalysis(Displayed):
    """What ``negotiate solve`` reports for an ``extensive_form`` game.

    Attributes
    ----------
    game : ExtensiveFormGame
    subgame_perfect : tuple of SubgamePerfectEquilibrium or None
        Every pure SPE (perfect information), or ``None`` when not computed.
    reduced_form : NormalFormGame or None
        The reduced strategic form (``None`` when it is too large to build; a note says so).
    result : NashComputationResult or None
        Its Nash equilibria (``None`` with it).
    notes : tuple of str
        What was not computed, and why.
    """

    game: ExtensiveFormGame
    subgame_perfect: tuple[SubgamePerfectEquilibrium, ...] | None
    reduced_form: NormalFormGame | None
    result: NashComputationResult | None
    notes: tuple[str, ...] = attrs.field(default=(), converter=string_tuple)

    def _summary(self) -> str:
        spe = "not computed" if self.subgame_perfect is None else len(self.subgame_perfect)
        return (
            f"{len(self.game.nodes)} nodes, subgame-perfect equilibria {spe}, "
            f"{len(self.equilibria)} equilibria of the reduced form found"
        )

    @property
    def equilibria(self) -> tuple[Equilibrium, ...]:
        """The Nash equilibria of the reduced strategic form (none when it was not built)."""
        return () if self.result is None else self.result.equilibria


def analyse(game: ExtensiveFormGame, options: SolveOptions | None = None) -> ExtensiveFormAnalysis:
    """Subgame-perfect equilibria (perfect information) and the equilibria of the reduced form.

    Examples
    --------
    >>> from negotiate.model.extensive_form import ExtensiveFormGame, Node
    >>> game = ExtensiveFormGame(id="g", title="Choose", players=["a", "b"], nodes=[
    ...     Node(id="r", player="a", moves={"x": "t", "y": "u"}),
    ...     Node(id="t", payoffs={"a": 1, "b": 0}), Node(id="u", payoffs={"a": 0, "b": 1})])
    >>> analysis = analyse(game)
    >>> len(analysis.subgame_perfect), len(analysis.equilibria), analysis.result.degenerate
    (1, 1, False)
    """
    notes: list[str] = []
    subgame_perfect: tuple[SubgamePerfectEquilibrium, ...] | None = None
    if game.has_perfect_information:
        try:
            subgame_perfect = subgame_perfect_equilibria(game)
        except GameTooLargeError as error:
            notes.append(f"subgame-perfect equilibria not listed: {error}")
    else:
        notes.append(
            "the tree has imperfect information (information sets with several nodes), so "
            "backward induction does not apply: the pure subgame-perfect equilibria are found "
            "by checking every pure profile for a Nash equilibrium in every subgame (strategies "
            "name a move per information set); mixed ones are not computed"
        )
        try:
            subgame_perfect = pure_subgame_perfect_equilibria(game)
        except GameTooLargeError as error:
            notes.append(f"subgame-perfect equilibria not listed: {error}")
        else:
            if not subgame_perfect:
                notes.append(
                    "no pure profile is subgame perfect: the subgame-perfect equilibria are mixed"
                )
    reduced, result = _reduced_form_equilibria(game, notes)
    return ExtensiveFormAnalysis(
        game=game,
        subgame_perfect=subgame_perfect,
        reduced_form=reduced,
        result=result,
        notes=notes,
    )


MAX_REDUCED_WORK = 2_000_000
"""The most node visits spent filling the reduced strategic form in :func:`analyse` (its pure
profiles times the nodes of the tree)."""


def _reduced_form_equilibria(
    game: ExtensiveFormGame, notes: list[str]
) -> tuple[NormalFormGame | None, NashComputationResult | None]:
    """The reduced strategic form and its equilibria, when the form is within the ``cells``
    limit of a strategic game and cheap enough to fill; otherwise a note and ``None``."""
    from negotiate.limits import current
    from negotiate.strategic.equilibria import equilibria_or_fallback

    most = min(MAX_REDUCED_PROFILES, current().cells, max(1, MAX_REDUCED_WORK // len(game.nodes)))
    try:
        reduced = reduced_normal_form(game, most)
    except GameTooLargeError as error:
        notes.append(
            f"the reduced strategic form is not built, nor its Nash equilibria: {error}, the "
            f"smaller of the `cells` limit of a strategic game and {MAX_REDUCED_WORK:,} node "
            "visits over the profiles (raise the first with --limits cells=N)"
        )
        return None, None
    return reduced, equilibria_or_fallback(reduced)
