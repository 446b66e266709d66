"""What ``negotiate solve`` computes for a weighted voting body: its power indices."""

from __future__ import annotations

import attrs

from negotiate.display import Displayed
from negotiate.model.voting import VotingGame
from negotiate.options import SolveOptions
from negotiate.voting.power import PowerIndices, power_indices

__all__ = ["VotingAnalysis", "analyse"]


@attrs.frozen(kw_only=True, repr=False)
class VotingAnalysis(Displayed):
    """The power indices of a voting body, per bloc (all voters of a bloc are equal)."""

    game: VotingGame
    power: PowerIndices

    def _summary(self) -> str:
        return f"{self.game.voter_count} voters in blocs {', '.join(b.id for b in self.game.blocs)}"


def analyse(game: VotingGame, options: SolveOptions | None = None) -> VotingAnalysis:
    """Exact Shapley-Shubik, Banzhaf, Deegan-Packel and Holler indices of ``game``.

    Examples
    --------
    >>> from negotiate.model.voting import Bloc
    >>> body = VotingGame(id="b", title="B", quota=3,
    ...                   blocs=[Bloc(id="big", weight=2), Bloc(id="small", count=2, weight=1)])
    >>> result = analyse(body)
    >>> str(result.power.shapley_shubik["big"]), str(result.power.holler["small"])
    ('2/3', '1/4')
    """
    del options
    return VotingAnalysis(game=game, power=power_indices(game))
