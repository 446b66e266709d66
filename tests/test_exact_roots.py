"""Exact rational roots (used where the nearest flip's crossing is rational): every perfect
power gives its root back, at any size; anything else is ``None``."""

from __future__ import annotations

from fractions import Fraction

import hypothesis.strategies as st
from hypothesis import given

from negotiate.exact.numbers import rational_root

_POSITIVE = st.fractions(min_value=Fraction(1, 10**40), max_value=10**40).filter(lambda x: x > 0)


@given(_POSITIVE, st.integers(1, 9))
def test_a_perfect_power_gives_its_root(root: Fraction, degree: int) -> None:
    assert rational_root(root**degree, degree) == root


@given(_POSITIVE, st.integers(2, 9), st.integers(1, 10**6))
def test_a_root_returned_is_exact(root: Fraction, degree: int, nudge: int) -> None:
    value = root**degree + Fraction(1, nudge * root.denominator**degree)
    found = rational_root(value, degree)
    assert found is None or found**degree == value


def test_huge_powers_beyond_float_range() -> None:
    """Beyond the range of floats (2 ** 1024) the roots are still exact."""
    big = Fraction(3**700 + 1, 7**500)
    assert rational_root(big**3, 3) == big
    assert rational_root(Fraction(2**3001), 3) is None
    assert rational_root(Fraction(2**3000), 3) == 2**1000
