"""Whether a two-player game is degenerate.

A bimatrix game is nondegenerate when no mixed strategy with ``k`` strategies in its support has
more than ``k`` pure best responses (Definition 3.2 of von Stengel 2007). Equivalently, no
vertex of the best-response polytopes ``P = {x >= 0 : B^T x <= 1}`` and
``Q = {y >= 0 : A y <= 1}`` (payoffs made positive) lies on more facets than its dimension: a
point with too many labels always has a vertex with them. Every vertex is the solution of a
regular square system ``B[I, J]^T x_I = 1`` for some supports ``I``, ``J`` of equal size: the
same systems support enumeration solves. So the test is one pass of
:func:`~negotiate.strategic.support_enumeration.support_enumeration`, which screens the vertices
with
extra tight constraints in floating point and confirms one exactly when the payoffs are exact.

In a nondegenerate game the equilibria are isolated and odd in number; in a degenerate one they
may form connected components (Example 3.3 of von Stengel 2007).
"""

from __future__ import annotations

from negotiate.model.normal_form import NormalFormGame

__all__ = ["is_degenerate"]


def is_degenerate(game: NormalFormGame) -> bool:
    """Whether a two-player game is degenerate (exactly, when its payoffs are exact).

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.

    Returns
    -------
    bool
        True when some mixed strategy has more pure best responses than the size of its support.

    Raises
    ------
    GameTooLargeError
        When the game has more than ``MAX_SUPPORT_PAIRS`` pairs of supports.

    Examples
    --------
    >>> from negotiate.model.normal_form import NormalFormGame, Player
    >>> def game(row, column):
    ...     return NormalFormGame.from_matrices(
    ...         id="g", title="g", row=row, column=column,
    ...         players=[Player(id="r", strategies=["t", "b"]),
    ...                  Player(id="c", strategies=["l", "r"])])
    >>> is_degenerate(game([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    False
    >>> is_degenerate(game([[1, 1], [0, 2]], [[1, 1], [0, 2]]))  # "t" has two best responses
    True
    """
    from negotiate.strategic.support_enumeration import support_enumeration

    return support_enumeration(game).degenerate
