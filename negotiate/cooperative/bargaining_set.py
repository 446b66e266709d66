"""Bargaining sets: Aumann-Maschler ``M_1^(i)`` and Mas-Colell, membership and (n = 3) the set.

Aumann & Maschler (1964); Peleg & Sudhölter (2007), Sections 4.1 and 4.2. At an imputation
``x``, an *objection* of ``i`` against ``j`` is ``(S, y)`` with ``i in S``, ``j not in S``,
``y(S) = v(S)``, ``y_i > x_i`` and ``y_k >= x_k`` on ``S``. A *counter-objection* is ``(T, z)``
with ``j in T``, ``i not in T``, ``z(T) = v(T)``, ``z_k >= y_k`` on ``T ∩ S`` and
``z_k >= x_k`` on ``T \\ S``. ``x`` is in ``M_1^(i)`` iff every objection has a counter-objection.

For a pair ``(i, j)`` and a coalition ``S`` one LP decides whether a justified objection exists:
maximise ``t`` subject to ``y(S) = v(S)``, ``y >= x`` on ``S``, ``y_i >= x_i + t`` and
``y(T ∩ S) + x(T \\ S) >= v(T) + t`` for every admissible ``T``; it exists iff ``t > 0``. A
justified objection found is re-checked exactly when the game and ``x`` are exact.

Mas-Colell (1989): an objection is ``(S, y)`` with ``y(S) = v(S)``, ``y >= x`` on ``S`` and
``y != x_S``; a counter-objection ``(T, z)`` has ``z(T) = v(T)``, ``z >= (y, x)`` on ``T`` and
``z != (y, x)``. It has no counter-objection iff ``y(T ∩ S) + x(T \\ S) >= v(T)`` for all ``T``:
one feasibility LP per coalition ``S`` with positive excess.

For three players the whole of ``M_1^(i)`` follows from the definitions: ``i`` has a justified
objection against ``j`` (``k`` the third player) iff ``x_j > v({j})``, ``e({i,k}) > 0`` and
``e({i,k}) > e({j,k})``; so the set is the union of the polytopes cut out of the imputation set by
one of ``x_j = v({j})``, ``e({i,k}) <= 0``, ``e({i,k}) <= e({j,k})`` for every ordered pair.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import attrs
import numpy as np

from negotiate.cooperative._tu import coalition_sums, excess_vector, rationalise, worth_floats
from negotiate.cooperative.nucleolus_exact import EXACT_PLAYERS
from negotiate.errors import InvalidGameError
from negotiate.exact.lp import linprog_exact
from negotiate.exact.numbers import Number, absolute
from negotiate.model.coalition import CoalitionGame

__all__ = [
    "BargainingSet",
    "BargainingSetTest",
    "Objection",
    "Polytope",
    "bargaining_set_three_players",
    "in_bargaining_set",
    "in_mas_colell_bargaining_set",
]

_TOL = 1e-9


@attrs.frozen(kw_only=True)
class Objection:
    """A justified objection: ``coalition`` (player ids) proposes ``proposal`` to its members.

    ``player`` and ``against`` are ``None`` for a Mas-Colell objection (by a coalition).
    ``exact`` says the objection was re-checked in exact arithmetic.
    """

    coalition: tuple[str, ...]
    proposal: tuple[Number, ...]
    player: str | None = None
    against: str | None = None
    exact: bool = False


@attrs.frozen(kw_only=True)
class BargainingSetTest:
    """Whether ``point`` is in the bargaining set; if not, a justified ``objection``."""

    point: tuple[Number, ...]
    member: bool
    objection: Objection | None = None
    reason: str = ""


def _is_exact_point(game: CoalitionGame, x: Sequence[Number]) -> bool:
    return game.is_exact and all(not isinstance(v, float) for v in x)


def _imputation_problem(game: CoalitionGame, x: Sequence[Number], tol: float) -> str:
    if len(x) != game.n:
        raise InvalidGameError(f"expected {game.n} payoffs, one per player (got {len(x)})")
    if absolute(sum(x) - game.worth[game.grand_coalition]) > tol:
        return "not efficient"
    for k in range(game.n):
        if x[k] < game.worth[1 << k] - tol:
            return f"not individually rational for {game.players[k]}"
    return ""


def in_bargaining_set(game: CoalitionGame, x: Sequence[Number]) -> BargainingSetTest:
    """Whether the imputation ``x`` is in the Aumann-Maschler bargaining set ``M_1^(i)``.

    Solves up to ``n (n - 1) 2^(n-2)`` small LPs (only for coalitions with positive excess).

    Parameters
    ----------
    game : CoalitionGame
    x : sequence of numbers
        A payoff vector, one per player; a non-imputation is reported as not a member.

    Returns
    -------
    BargainingSetTest

    Examples
    --------
    In the three-player majority game only the equal split survives:

    >>> from fractions import Fraction as F
    >>> majority = CoalitionGame(id="m", title="Majority", players=["a", "b", "c"],
    ...                          worth=[0, 0, 0, 1, 0, 1, 1, 1])
    >>> in_bargaining_set(majority, [F(1, 3)] * 3).member
    True
    >>> test = in_bargaining_set(majority, [F(1, 2), F(1, 2), 0])
    >>> test.member, test.objection.player, test.objection.coalition
    (False, 'c', ('b', 'c'))
    """
    exact = _is_exact_point(game, x)
    tol = 0 if exact else _TOL
    point = tuple(x)
    problem = _imputation_problem(game, x, tol)
    if problem:
        return BargainingSetTest(point=point, member=False, reason=f"not an imputation: {problem}")
    n = game.n
    small = exact and n <= EXACT_PLAYERS  # exact LPs, no floats
    excess = _excesses(game, x, small)
    masks = np.arange(1 << n)
    for i, j in itertools.permutations(range(n), 2):
        admissible_t = masks[((masks >> j) & 1 == 1) & ((masks >> i) & 1 == 0)]
        for s in masks[((masks >> i) & 1 == 1) & ((masks >> j) & 1 == 0)]:
            if excess[s] <= (0 if small else _TOL):
                continue
            members = [k for k in range(n) if s >> k & 1]
            if small:
                found = _objection_exactly(game, x, i, int(s), members, admissible_t)
            else:
                found = _objection_numeric(game, x, i, int(s), members, admissible_t, exact)
            if found is None:
                continue
            proposal, checked = found
            objection = Objection(
                coalition=game.members(int(s)),
                proposal=tuple(proposal),
                player=game.players[i],
                against=game.players[j],
                exact=checked,
            )
            return BargainingSetTest(point=point, member=False, objection=objection)
    return BargainingSetTest(point=point, member=True)


def _excesses(game: CoalitionGame, x: Sequence[Number], exact: bool) -> Sequence[Any]:
    """``e(S, x)`` of every coalition: Fractions when ``exact``, else floats."""
    if exact:
        return list(excess_vector(game, x))
    floats: np.ndarray = worth_floats(game) - coalition_sums([float(v) for v in x])
    return list(floats)


def _objection_exactly(
    game: CoalitionGame,
    x: Sequence[Number],
    i: int,
    s: int,
    members: list[int],
    admissible_t: np.ndarray,
) -> tuple[list[Number], bool] | None:
    """The LP of the module docstring over Fractions: a justified objection of ``i`` with
    ``S`` (exact), or ``None``."""
    size = len(members)
    sums = coalition_sums(list(x))
    a_ub = [[-(t >> k & 1) for k in members] + [1] for t in map(int, admissible_t)]
    b_ub = [sums[t & ~s] - game.worth[t] for t in map(int, admissible_t)]
    a_ub.append([-int(k == i) for k in members] + [1])
    b_ub.append(-x[i])
    excess = Fraction(game.worth[s] - sums[s])
    bounds: list[tuple[Any, Any]] = [(x[k], None) for k in members] + [(None, 1 + abs(excess))]
    solution = linprog_exact(
        [0] * size + [-1], a_ub, b_ub, [[1] * size + [0]], [game.worth[s]], bounds
    )
    if solution is None or solution[-1] <= 0:
        return None
    return list(solution[:size]), True


def _objection_numeric(
    game: CoalitionGame,
    x: Sequence[Number],
    i: int,
    s: int,
    members: list[int],
    admissible_t: np.ndarray,
    exact: bool,
) -> tuple[list[Number], bool] | None:
    """The LP of the module docstring with HiGHS; a justified objection found is re-checked
    exactly when the game and ``x`` are exact (``None``: none, or none that survives)."""
    from scipy.optimize import linprog

    worth = worth_floats(game)
    xf = np.array([float(v) for v in x])
    sums = coalition_sums(list(xf))
    size = len(members)
    rows = []
    rhs = []
    for t_mask in admissible_t:
        rows.append([-(t_mask >> k & 1) for k in members] + [1.0])
        rhs.append(-(worth[t_mask] - sums[t_mask & ~s]))
    row = [0.0] * size + [1.0]
    row[members.index(i)] = -1.0
    rows.append(row)
    rhs.append(-xf[i])
    cost = np.zeros(size + 1)
    cost[-1] = -1.0
    bounds = [(xf[k], None) for k in members] + [(None, 1.0 + abs(worth[s] - sums[s]))]
    result = linprog(
        cost,
        A_ub=np.array(rows, dtype=np.float64),
        b_ub=np.array(rhs),
        A_eq=np.append(np.ones(size), 0.0)[None, :],
        b_eq=[worth[s]],
        bounds=bounds,
        method="highs",
    )
    if result.status != 0 or -result.fun <= _TOL:
        return None
    proposal: list[Number] = list(result.x[:size])
    if not exact:
        return proposal, False
    exact_proposal = _exact_objection(game, x, i, s, members, admissible_t, list(result.x[:size]))
    if exact_proposal is None:
        return None  # the float optimum does not survive exact arithmetic
    return exact_proposal, True


def _exact_objection(
    game: CoalitionGame,
    x: Sequence[Number],
    i: int,
    s: int,
    members: list[int],
    admissible_t: np.ndarray,
    proposal: list[float],
) -> list[Number] | None:
    """Round an LP objection to rationals and check exactly that it is justified."""
    for denominator in (10**3, 10**6, 10**9):
        y: list[Number] = [rationalise(v, denominator) for v in proposal]
        y[members.index(i)] += game.worth[s] - sum(y)  # restore y(S) = v(S) exactly
        share = dict(zip(members, y, strict=True))
        if any(share[k] < x[k] for k in members) or share[i] <= x[i]:
            continue
        if all(
            sum(share[k] for k in members if t >> k & 1)
            + sum(x[k] for k in range(game.n) if t >> k & 1 and not s >> k & 1)
            > game.worth[t]
            for t in map(int, admissible_t)
        ):
            return y
    return None


def in_mas_colell_bargaining_set(game: CoalitionGame, x: Sequence[Number]) -> BargainingSetTest:
    """Whether the pre-imputation ``x`` is in the Mas-Colell bargaining set.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> majority = CoalitionGame(id="m", title="Majority", players=["a", "b", "c"],
    ...                          worth=[0, 0, 0, 1, 0, 1, 1, 1])
    >>> in_mas_colell_bargaining_set(majority, [F(1, 3)] * 3).member
    True
    >>> in_mas_colell_bargaining_set(majority, [1, 0, 0]).member
    False
    """
    exact = _is_exact_point(game, x)
    tol = 0 if exact else _TOL
    point = tuple(x)
    if len(x) != game.n:
        raise InvalidGameError(f"expected {game.n} payoffs, one per player (got {len(x)})")
    if absolute(sum(x) - game.worth[game.grand_coalition]) > tol:
        return BargainingSetTest(point=point, member=False, reason="not efficient")
    n = game.n
    small = exact and n <= EXACT_PLAYERS  # exact LPs, no floats
    excess = _excesses(game, x, small)
    masks = np.arange(1, 1 << n)
    for s in map(int, masks):
        if excess[s] <= (0 if small else _TOL):
            continue
        members = [k for k in range(n) if s >> k & 1]
        disjoint = masks[(masks & s) == 0]
        if any(excess[t] > (0 if small else _TOL) for t in disjoint):
            continue  # a coalition outside S can always counter
        meeting = masks[(masks & s) != 0]
        if small:
            found = _mas_colell_exactly(game, x, s, members, meeting)
        else:
            found = _mas_colell_numeric(game, x, s, members, meeting, exact)
        if found is None:
            continue
        proposal, checked = found
        objection = Objection(coalition=game.members(s), proposal=tuple(proposal), exact=checked)
        return BargainingSetTest(point=point, member=False, objection=objection)
    return BargainingSetTest(point=point, member=True)


def _mas_colell_exactly(
    game: CoalitionGame, x: Sequence[Number], s: int, members: list[int], meeting: np.ndarray
) -> tuple[list[Number], bool] | None:
    """The feasibility LP of the module docstring over Fractions: an objection of ``S`` that
    no coalition counters (exact), or ``None``."""
    sums = coalition_sums(list(x))
    a_ub = [[-(t >> k & 1) for k in members] for t in map(int, meeting)]
    b_ub = [sums[t & ~s] - game.worth[t] for t in map(int, meeting)]
    bounds: list[tuple[Any, Any]] = [(x[k], None) for k in members]
    size = len(members)
    solution = linprog_exact([0] * size, a_ub, b_ub, [[1] * size], [game.worth[s]], bounds)
    return None if solution is None else (list(solution), True)


def _mas_colell_numeric(
    game: CoalitionGame,
    x: Sequence[Number],
    s: int,
    members: list[int],
    meeting: np.ndarray,
    exact: bool,
) -> tuple[list[Number], bool] | None:
    """The same LP with HiGHS, re-checked exactly when the game and ``x`` are exact."""
    from scipy.optimize import linprog

    worth = worth_floats(game)
    xf = np.array([float(v) for v in x])
    sums = coalition_sums(list(xf))
    size = len(members)
    a_ub = -np.array([[t >> k & 1 for k in members] for t in meeting], dtype=np.float64)
    b_ub = -(worth[meeting] - sums[meeting & ~s])
    result = linprog(
        np.zeros(size),
        A_ub=a_ub,
        b_ub=b_ub,
        A_eq=np.ones((1, size)),
        b_eq=[worth[s]],
        bounds=[(xf[k], None) for k in members],
        method="highs",
    )
    if result.status != 0:
        return None
    if not exact:
        return list(result.x), False
    y = _exact_mas_colell(game, x, s, members, meeting, list(result.x))
    return None if y is None else (y, True)


def _exact_mas_colell(
    game: CoalitionGame,
    x: Sequence[Number],
    s: int,
    members: list[int],
    meeting: np.ndarray,
    proposal: list[float],
) -> list[Number] | None:
    for denominator in (10**3, 10**6, 10**9):
        y: list[Number] = [rationalise(v, denominator) for v in proposal]
        y[0] += game.worth[s] - sum(y)
        share = dict(zip(members, y, strict=True))
        if any(share[k] < x[k] for k in members):
            continue
        if all(
            sum(share[k] for k in members if t >> k & 1)
            + sum(x[k] for k in range(game.n) if t >> k & 1 and not s >> k & 1)
            >= game.worth[t]
            for t in map(int, meeting)
        ):
            return y
    return None


@attrs.frozen(kw_only=True)
class Polytope:
    """A convex polytope given by its vertices (in cyclic order when two-dimensional)."""

    vertices: tuple[tuple[Number, ...], ...]

    @property
    def dimension(self) -> int:
        """0 for a point, 1 for a segment, 2 for a polygon."""
        return min(len(self.vertices) - 1, 2)


@attrs.frozen(kw_only=True)
class BargainingSet:
    """A bargaining set as a union of polytopes (``pieces``) in payoff space."""

    players: tuple[str, ...]
    pieces: tuple[Polytope, ...]

    def contains(self, x: Sequence[Number]) -> bool:
        """Whether ``x`` lies in one of the pieces (exactly, for exact numbers)."""
        if not self.pieces or sum(x) != sum(self.pieces[0].vertices[0]):
            return False
        return any(_in_hull(piece.vertices, x) for piece in self.pieces)


def bargaining_set_three_players(game: CoalitionGame) -> BargainingSet:
    """The whole Aumann-Maschler bargaining set ``M_1^(i)`` of a three-player game.

    Enumerates, for each ordered pair ``(i, j)``, which of the three conditions that defeat
    ``i``'s objections against ``j`` holds, intersects the imputation set with the chosen
    half-planes, and returns the non-empty intersections that no other one contains, with
    exact vertices.

    Examples
    --------
    The majority game: the equal split alone.

    >>> majority = CoalitionGame(id="m", title="Majority", players=["a", "b", "c"],
    ...                          worth=[0, 0, 0, 1, 0, 1, 1, 1])
    >>> [[str(c) for c in v] for p in bargaining_set_three_players(majority).pieces
    ...  for v in p.vertices]
    [['1/3', '1/3', '1/3']]
    """
    if game.n != 3:
        raise InvalidGameError(
            f"the whole bargaining set is computed for three players (got {game.n}); "
            "test points with in_bargaining_set"
        )
    v = game.worth
    grand = v[7]
    singles = [v[1], v[2], v[4]]
    if grand < sum(singles):
        return BargainingSet(players=game.players, pieces=())

    # a constraint (c, d) means c . x <= d, on the plane x(N) = v(N)
    imputation = [(_unit(m, -1), -singles[m]) for m in range(3)]
    options = _defeat_options(v, singles)
    lines = imputation + [c for option in options for c in option]
    candidates = sorted(
        {p for p in (_meet(a, b, grand) for a, b in itertools.combinations(lines, 2)) if p}
    )
    candidates = [p for p in candidates if _satisfies(imputation, p)]
    # bits[q][o]: the candidate points meeting option o of ordered pair q
    bits = [
        [sum(1 << n for n, p in enumerate(candidates) if _satisfies([c], p)) for c in option]
        for option in options
    ]
    pieces = []
    for members in _maximal_intersections(bits, len(candidates)):
        points = [p for n, p in enumerate(candidates) if members >> n & 1]
        pieces.append(Polytope(vertices=tuple(_hull(points))))
    pieces.sort(key=lambda piece: (-len(piece.vertices), piece.vertices))
    return BargainingSet(players=game.players, pieces=tuple(pieces))


_Constraint = tuple[tuple[int, ...], Number]
"""``(c, d)``: the half-plane ``c . x <= d``."""


def _unit(m: int, sign: int = 1) -> tuple[int, ...]:
    return tuple(sign if q == m else 0 for q in range(3))


def _defeat_options(
    v: Sequence[Number], singles: list[Number]
) -> list[tuple[_Constraint, _Constraint, _Constraint]]:
    """For each ordered pair ``(i, j)``, the three half-planes on which ``i``'s objections
    against ``j`` are defeated: ``j`` at its floor, ``ik`` without gain, or ``jk`` outdoing it."""
    options = []
    for i, j in itertools.permutations(range(3), 2):
        k = 3 - i - j
        ik, jk = (1 << i) | (1 << k), (1 << j) | (1 << k)
        at_floor = (_unit(j), singles[j])  # x_j <= v({j}) (so x_j = v({j}))
        no_gain = (tuple(-1 if m in (i, k) else 0 for m in range(3)), -v[ik])  # e(ik) <= 0
        outdone = (tuple(a - b for a, b in zip(_unit(j), _unit(i), strict=True)), v[jk] - v[ik])
        options.append((at_floor, no_gain, outdone))
    return options


def _maximal_intersections(bits: list[list[int]], count: int) -> list[int]:
    """The non-empty intersections (bit sets over ``count`` points) of one option per pair
    that no other such intersection contains."""
    full = (1 << count) - 1
    sets = set()
    for choice in itertools.product(range(3), repeat=len(bits)):
        members = full
        for q, o in enumerate(choice):
            members &= bits[q][o]
            if not members:
                break
        if members:
            sets.add(members)
    return [a for a in sets if not any(a != b and a & b == a for b in sets)]


def _meet(
    first: tuple[tuple[int, ...], Number], second: tuple[tuple[int, ...], Number], grand: Number
) -> tuple[Number, ...] | None:
    """The point where both constraints hold with equality on the plane x(N) = grand."""
    rows: list[list[Number]] = [list(first[0]), list(second[0]), [1, 1, 1]]
    rhs = [first[1], second[1], grand]
    det = _det3(rows)
    if det == 0:
        return None
    return tuple(
        Fraction(_det3([[*r[:col], b, *r[col + 1 :]] for r, b in zip(rows, rhs, strict=True)]))
        / det
        for col in range(3)
    )


def _hull(points: list[tuple[Number, ...]]) -> list[tuple[Number, ...]]:
    """The extreme points of planar points (first two coordinates), in cyclic order, exactly."""
    unique = sorted(set(points))
    if len(unique) <= 2:
        return unique

    def cross(o: tuple[Number, ...], a: tuple[Number, ...], b: tuple[Number, ...]) -> Number:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[Number, ...]] = []
    for p in unique:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[tuple[Number, ...]] = []
    for p in reversed(unique):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _satisfies(constraints: Sequence[tuple[tuple[int, ...], Number]], x: Sequence[Number]) -> bool:
    return all(sum(c * a for c, a in zip(coef, x, strict=True)) <= d for coef, d in constraints)


def _det3(m: list[list[Number]]) -> Number:
    return (
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    )


def _in_hull(vertices: Sequence[Sequence[Number]], x: Sequence[Number]) -> bool:
    """Whether ``x`` is a convex combination of at most three planar-ish vertices (exact)."""
    if len(vertices) == 1:
        return tuple(vertices[0]) == tuple(x)
    # every point of a polygon lies in a triangle of a fan from the first vertex
    fan = (
        [(vertices[0], vertices[1])]
        if len(vertices) == 2
        else [(vertices[0], vertices[k], vertices[k + 1]) for k in range(1, len(vertices) - 1)]
    )
    return any(_in_simplex(cell, x) for cell in fan)


def _in_simplex(cell: Sequence[Sequence[Number]], x: Sequence[Number]) -> bool:
    # solve x = sum lambda_k cell_k with sum lambda = 1 on the first two coordinates
    if len(cell) == 2:
        a, b = cell
        direction = [b[m] - a[m] for m in range(3)]
        m = next((m for m in range(3) if direction[m] != 0), None)
        if m is None:
            return tuple(a) == tuple(x)
        lam = (x[m] - a[m]) / direction[m]
        return 0 <= lam <= 1 and all(a[q] + lam * direction[q] == x[q] for q in range(3))
    a, b, c = cell
    u = [b[0] - a[0], b[1] - a[1]]
    w = [c[0] - a[0], c[1] - a[1]]
    det = u[0] * w[1] - u[1] * w[0]
    if det == 0:
        return _in_simplex((a, b), x) or _in_simplex((a, c), x) or _in_simplex((b, c), x)
    p = [x[0] - a[0], x[1] - a[1]]
    lam_b = (p[0] * w[1] - p[1] * w[0]) / det
    lam_c = (u[0] * p[1] - u[1] * p[0]) / det
    if isinstance(lam_b, float):
        return lam_b >= -_TOL and lam_c >= -_TOL and lam_b + lam_c <= 1 + _TOL
    return lam_b >= 0 and lam_c >= 0 and lam_b + lam_c <= 1
