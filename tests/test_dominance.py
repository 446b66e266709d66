"""Iterated elimination of strictly dominated strategies."""

from __future__ import annotations

from fractions import Fraction as F

from known_games import battle_of_the_sexes, bimatrix, prisoners_dilemma

from negotiate.strategic.dominance import iterated_dominance, reduced_game
from negotiate.strategic.equilibria import equilibria


def test_prisoners_dilemma_is_dominance_solvable():
    """Cooperation is strictly dominated by defection for both, in round one."""
    result = iterated_dominance(prisoners_dilemma())
    assert [(e.round, e.player, e.strategy, dict(e.dominated_by)) for e in result.eliminations] == [
        (1, "row", "c", {"d": F(1)}),
        (1, "column", "c", {"d": F(1)}),
    ]
    assert result.solved


def test_mixed_domination_needs_the_lp():
    """`r1` is beaten by no pure strategy but by the half-half mixture of the others."""
    game = bimatrix([[3, 0], [1, 1], [0, 3]], [[0, 0], [0, 0], [0, 0]])
    assert iterated_dominance(game, mixed=False).eliminations == ()
    (step,) = iterated_dominance(game).eliminations
    assert step.strategy == "r1" and not step.by_pure
    assert dict(step.dominated_by) == {"r0": F(1, 2), "r2": F(1, 2)}


def test_iterated_elimination_takes_several_rounds():
    """Gibbons (1992), Figure 1.1.1: Right, then Down, then Left go, leaving (Up, Middle)."""
    row = [[1, 1, 0], [0, 0, 2]]
    column = [[0, 2, 1], [3, 1, 0]]
    game = bimatrix(row, column, rows=["up", "down"], columns=["left", "middle", "right"])
    result = iterated_dominance(game)
    assert [(e.round, e.strategy) for e in result.eliminations] == [
        (1, "right"),
        (2, "down"),
        (3, "left"),
    ]
    assert dict(result.remaining) == {"row": ("up",), "column": ("middle",)}
    assert result.solved


def test_no_domination_in_battle_of_the_sexes():
    """Nothing is dominated in a coordination game."""
    result = iterated_dominance(battle_of_the_sexes())
    assert result.eliminations == () and not result.solved


def test_reduced_game_keeps_the_equilibria():
    """Removing strictly dominated strategies changes no equilibrium."""
    game = bimatrix([[3, 0], [1, 1], [0, 3]], [[2, 0], [5, 5], [0, 2]])
    reduced = reduced_game(iterated_dominance(game))
    kept = {
        tuple(
            tuple(e.strategies[p].get(s, 0) for s in reduced.players[k].strategies)
            for k, p in enumerate(["row", "column"])
        )
        for e in equilibria(game).equilibria
    }
    assert kept == {e.profile() for e in equilibria(reduced).equilibria}
