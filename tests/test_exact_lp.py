"""The exact linear programs against HiGHS: the same optimal value on random small problems
with inequalities, equalities and every kind of bound, and the same verdict when infeasible."""

from __future__ import annotations

from fractions import Fraction

import hypothesis.strategies as st
import numpy as np
import pytest
from hypothesis import given, settings
from scipy.optimize import linprog

from negotiate.exact.lp import linprog_exact

_BOUND = st.sampled_from([(0, None), (None, None), (-2, None), (-3, 4), (1, 2)])


@st.composite
def programs(draw):  # type: ignore[no-untyped-def]
    n = draw(st.integers(1, 4))
    small = st.integers(-4, 4)
    c = [draw(small) for _ in range(n)]
    a_ub = [[draw(small) for _ in range(n)] for _ in range(draw(st.integers(0, 4)))]
    b_ub = [draw(st.integers(-6, 10)) for _ in a_ub]
    a_eq = [[draw(small) for _ in range(n)] for _ in range(draw(st.integers(0, 2)))]
    b_eq = [draw(st.integers(-6, 10)) for _ in a_eq]
    bounds = [draw(_BOUND) for _ in range(n)]
    return c, a_ub, b_ub, a_eq, b_eq, bounds


@settings(max_examples=300, deadline=None)
@given(programs())
def test_the_same_optimum_as_highs(program) -> None:  # type: ignore[no-untyped-def]
    c, a_ub, b_ub, a_eq, b_eq, bounds = program
    result = linprog(
        c,
        A_ub=a_ub or None,
        b_ub=b_ub or None,
        A_eq=a_eq or None,
        b_eq=b_eq or None,
        bounds=bounds,
        method="highs",
    )
    if result.status == 3:  # unbounded
        with pytest.raises(ValueError, match="unbounded"):
            linprog_exact(c, a_ub, b_ub, a_eq, b_eq, bounds)
        return
    x = linprog_exact(c, a_ub, b_ub, a_eq, b_eq, bounds)
    if result.status == 2:
        assert x is None
        return
    assert result.status == 0 and x is not None
    assert all(isinstance(v, Fraction) for v in x)
    for row, value in zip(a_ub, b_ub, strict=True):
        assert sum(a * v for a, v in zip(row, x, strict=True)) <= value
    for row, value in zip(a_eq, b_eq, strict=True):
        assert sum(a * v for a, v in zip(row, x, strict=True)) == value
    for v, (low, high) in zip(x, bounds, strict=True):
        assert (low is None or v >= low) and (high is None or v <= high)
    assert float(sum(a * v for a, v in zip(c, x, strict=True))) == pytest.approx(
        result.fun, abs=1e-9
    )


def test_only_bounds() -> None:
    assert linprog_exact([1, 1], bounds=[(2, 5), (-1, 1)]) == [2, -1]
    with pytest.raises(ValueError, match="unbounded"):
        linprog_exact([-1], bounds=[(0, None)])
    assert np.isclose(float(linprog_exact([-1], bounds=[(0, 3)])[0]), 3)  # type: ignore[index]
