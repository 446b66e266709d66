"""FrozenMap: equality, hashing and the dict methods it answers directly agree with a plain
dict's, on random nested maps (hypothesis)."""

from __future__ import annotations

from fractions import Fraction

import hypothesis.strategies as st
from hypothesis import given

from negotiate.model._common import FrozenMap

keys = st.text(alphabet="abcxyz", min_size=1, max_size=3)
values = st.one_of(st.integers(-5, 5), st.fractions(max_denominator=4))
maps = st.dictionaries(keys, st.dictionaries(keys, values, max_size=4), max_size=4)


def _frozen(data: dict) -> FrozenMap:  # type: ignore[type-arg]
    return FrozenMap({k: FrozenMap(v) for k, v in data.items()})


@given(maps, maps)
def test_equality_and_hash_follow_the_dicts(a: dict, b: dict) -> None:  # type: ignore[type-arg]
    fa, fb = _frozen(a), _frozen(b)
    assert (fa == fb) is (a == b)
    assert (fa != fb) is (a != b)
    assert (fa == b) is (a == b) and (b == fa) is (a == b)
    if a == b:
        assert hash(fa) == hash(fb)
    hash(fa), hash(fb)  # cached hashes must not change the answer
    assert (fa == fb) is (a == b)


@given(maps, keys)
def test_lookups_follow_the_dict(a: dict, key: str) -> None:  # type: ignore[type-arg]
    fa = _frozen(a)
    assert (key in fa) is (key in a)
    assert fa.get(key) == a.get(key) and fa.get(key, 7) == a.get(key, 7)
    assert list(fa.keys()) == list(a) and list(fa) == list(a)
    assert [dict(v) for v in fa.values()] == list(a.values())
    assert [(k, dict(v)) for k, v in fa.items()] == list(a.items())


def test_equal_values_of_different_types_and_order() -> None:
    assert FrozenMap({"a": 1, "b": Fraction(1, 2)}) == FrozenMap({"b": 0.5, "a": Fraction(1)})
    assert FrozenMap({"a": 1}) != FrozenMap({"a": 1, "b": 2}) and FrozenMap() == {}
    assert FrozenMap({"a": 1}) != [("a", 1)]
