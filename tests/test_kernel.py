"""Kernel and prekernel membership and surpluses."""

from __future__ import annotations

from fractions import Fraction

from negotiate.cooperative.kernel import is_kernel_point, is_prekernel_point, surpluses
from tests._games import glove, talmud, tu


def test_surplus_matrix_by_hand():
    """At (1/2, 1/2, 0) in the majority game, s_13 = e({1,2}) = 0, s_31 = e({2,3}) = 1/2."""
    game = tu([0, 0, 0, 1, 0, 1, 1, 1])
    s = surpluses(game, [Fraction(1, 2), Fraction(1, 2), 0]).matrix
    assert s[0][2] == 0 and s[2][0] == Fraction(1, 2)


def test_majority_prekernel_is_the_centre():
    """The equal split is the only one of these points in the majority game's prekernel."""
    game = tu([0, 0, 0, 1, 0, 1, 1, 1])
    assert is_prekernel_point(game, [Fraction(1, 3)] * 3)
    assert not is_prekernel_point(game, [Fraction(1, 2), Fraction(1, 2), 0])


def test_kernel_allows_players_at_their_floor():
    """In the glove game (1, 0, 0) is a kernel point though its surpluses differ."""
    game = glove()
    assert is_kernel_point(game, [1, 0, 0])
    assert not is_prekernel_point(game, [Fraction(1, 2), Fraction(1, 4), Fraction(1, 4)])


def test_talmud_division_in_kernel():
    """Aumann and Maschler's division (50, 75, 75) of 200 is in the kernel."""
    assert is_kernel_point(talmud(200), [50, 75, 75])
    assert not is_kernel_point(talmud(200), [40, 80, 80])


def test_float_points_use_a_tolerance():
    """Float points are compared within a tolerance."""
    game = tu([0, 0, 0, 1, 0, 1, 1, 1])
    assert is_prekernel_point(game, [1 / 3, 1 / 3, 1 / 3])
