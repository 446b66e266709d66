"""What ``negotiate solve`` computes for a coalition (TU) game.

Every solution concept of the :mod:`negotiate.cooperative` package that applies, in one frozen
:class:`CoalitionAnalysis`: Shapley and Banzhaf values, core (and least core), nucleolus and
prenucleolus, structural properties, and bargaining-set membership of the computed points (the
whole set for three players).
"""

from __future__ import annotations

import attrs

from negotiate.cooperative.allocation import Allocation
from negotiate.cooperative.banzhaf import BanzhafValue, banzhaf_value
from negotiate.cooperative.bargaining_set import (
    BargainingSet,
    bargaining_set_three_players,
    in_bargaining_set,
    in_mas_colell_bargaining_set,
)
from negotiate.cooperative.core import Core, core_from_prenucleolus, in_core
from negotiate.cooperative.kernel import is_kernel_point
from negotiate.cooperative.nucleolus import Nucleolus, nucleolus, prenucleolus
from negotiate.cooperative.properties import (
    GameProperties,
    is_convex,
    is_monotonic,
    is_superadditive,
)
from negotiate.cooperative.shapley import shapley_value
from negotiate.display import Displayed
from negotiate.errors import InvalidGameError
from negotiate.model._common import FrozenMap
from negotiate.model.coalition import CoalitionGame
from negotiate.options import SolveOptions

__all__ = ["MAX_BARGAINING_SET_PLAYERS", "MAX_LP_PLAYERS", "CoalitionAnalysis", "analyse"]

MAX_LP_PLAYERS = 16
"""The most players for which the nucleolus, prenucleolus and core are computed (2^n LP rows)."""

MAX_BARGAINING_SET_PLAYERS = 6
"""The most players for which bargaining-set membership is tested (n^2 2^n LPs)."""


@attrs.frozen(kw_only=True, repr=False)
class CoalitionAnalysis(Displayed):
    """Everything the report of a coalition game shows.

    ``nucleolus`` is ``None`` when the game has no imputation; LP-based fields are ``None``
    above :data:`MAX_LP_PLAYERS` players. ``bargaining_set`` maps the names of the points
    tested (``"nucleolus"``, ``"shapley"``) to membership of ``M_1^(i)``; ``bargaining_set_whole``
    is the whole set for three-player games; ``mas_colell_bargaining_set`` likewise for
    Mas-Colell's.
    """

    game: CoalitionGame
    shapley: Allocation
    banzhaf: BanzhafValue
    nucleolus: Nucleolus | None
    prenucleolus: Nucleolus | None
    core: Core | None
    properties: GameProperties
    shapley_in_core: bool | None
    nucleolus_in_kernel: bool | None
    bargaining_set: FrozenMap[str, bool]
    mas_colell_bargaining_set: FrozenMap[str, bool]
    bargaining_set_whole: BargainingSet | None
    notes: tuple[str, ...] = ()

    def _summary(self) -> str:
        shapley = ", ".join(f"{p} {x}" for p, x in self.shapley.as_dict().items())
        return f"players {', '.join(self.game.players)}; Shapley {shapley}"


def analyse(game: CoalitionGame, options: SolveOptions | None = None) -> CoalitionAnalysis:
    """Solve a coalition game with every concept that applies.

    Examples
    --------
    >>> glove = CoalitionGame.from_values(
    ...     id="glove", title="Glove", players=["left", "right_1", "right_2"],
    ...     values={"left+right_1": 1, "left+right_2": 1, "left+right_1+right_2": 1},
    ...     default_value=0)
    >>> result = analyse(glove)
    >>> [str(x) for x in result.nucleolus.allocation], result.core.empty
    (['1', '0', '0'], False)
    >>> dict(result.bargaining_set)
    {'nucleolus': True, 'shapley': False}
    """
    del options
    notes: list[str] = []
    shapley = shapley_value(game)
    banzhaf = banzhaf_value(game)
    lp = game.n <= MAX_LP_PLAYERS
    pre = prenucleolus(game) if lp else None
    the_core = core_from_prenucleolus(pre) if pre is not None else None
    nucleus: Nucleolus | None = None
    if lp:
        try:
            nucleus = nucleolus(game)
        except InvalidGameError:
            notes.append("The game has no imputation (v(N) < the sum of v({i})): no nucleolus.")
    else:
        notes.append(
            f"With {game.n} players the LP-based concepts (core, nucleolus) are skipped "
            f"(at most {MAX_LP_PLAYERS})."
        )
    for name, result in (("nucleolus", nucleus), ("prenucleolus", pre)):
        if result is not None and not result.verified:
            notes.append(f"The {name} is numerical: {result.note}.")
    superadditive = is_superadditive(game) if game.n <= 14 else None
    properties = GameProperties(
        superadditive=bool(superadditive),
        monotonic=is_monotonic(game),
        convex=is_convex(game),
        balanced=the_core is not None and not the_core.empty,
    )
    if superadditive is None:
        notes.append("Superadditivity is not checked above 14 players (3^n pairs).")
    tested: dict[str, bool] = {}
    mas_colell: dict[str, bool] = {}
    whole = None
    if game.n <= MAX_BARGAINING_SET_PLAYERS:
        for name, point in (
            ("nucleolus", None if nucleus is None else nucleus.allocation.payoffs),
            ("shapley", shapley.payoffs),
        ):
            if point is not None:
                tested[name] = in_bargaining_set(game, point).member
                mas_colell[name] = in_mas_colell_bargaining_set(game, point).member
        if game.n == 3 and nucleus is not None:
            whole = bargaining_set_three_players(game)
    return CoalitionAnalysis(
        game=game,
        shapley=shapley,
        banzhaf=banzhaf,
        nucleolus=nucleus,
        prenucleolus=pre,
        core=the_core,
        properties=properties,
        shapley_in_core=in_core(game, shapley.payoffs) if lp else None,
        nucleolus_in_kernel=(
            None if nucleus is None else is_kernel_point(game, nucleus.allocation.payoffs)
        ),
        bargaining_set=FrozenMap(tested),
        mas_colell_bargaining_set=FrozenMap(mas_colell),
        bargaining_set_whole=whole,
        notes=tuple(notes),
    )
