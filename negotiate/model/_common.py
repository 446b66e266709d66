"""What every kind of game shares: ids, immutable mappings, numbers and the ``[game]`` header."""

from __future__ import annotations

import difflib
import re
from collections.abc import (
    Callable,
    Hashable,
    ItemsView,
    Iterable,
    Iterator,
    KeysView,
    Mapping,
    Set,
    ValuesView,
)
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeAlias, TypeVar, overload

import attrs

from negotiate.display import Displayed
from negotiate.errors import InvalidGameError, shorten, shown
from negotiate.exact.numbers import Number, parse_number

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
T = TypeVar("T")

ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
KINDS = (
    "negotiation",
    "normal_form",
    "extensive_form",
    "coalition",
    "weighted_voting",
    "bargaining",
)


class FrozenMap(Mapping[K, V], Generic[K, V]):
    """An immutable, hashable mapping that keeps insertion order.

    >>> m = FrozenMap({"b": 1, "a": 2})
    >>> list(m), m["a"], m == {"b": 1, "a": 2}, hash(m) == hash(FrozenMap({"a": 2, "b": 1}))
    (['b', 'a'], 2, True, True)
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        self._data: dict[K, V] = dict(data)
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    # the dict's own methods: Mapping's generic ones go through __getitem__ key by key
    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if isinstance(other, FrozenMap):
            if self._hash is not None and other._hash is not None and self._hash != other._hash:
                return False
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other.items())
        return NotImplemented

    @overload
    def get(self, key: K, /) -> V | None: ...

    @overload
    def get(self, key: K, default: V | T, /) -> V | T: ...

    def get(self, key: K, default: Any = None, /) -> Any:
        return self._data.get(key, default)

    def keys(self) -> KeysView[K]:
        return self._data.keys()

    def items(self) -> ItemsView[K, V]:
        return self._data.items()

    def values(self) -> ValuesView[V]:
        return self._data.values()

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest valid choice, or listing them all.

    >>> did_you_mean("earnd", ["census", "earned"])
    ' (did you mean `earned`?)'
    >>> did_you_mean("zzz", ["a", "b"])
    ' (expected one of: `a`, `b`)'
    """
    choices = list(choices)
    short = [c for c in choices[:1000] if len(c) <= 100]
    close = difflib.get_close_matches(word, short, n=1, cutoff=0.6) if len(word) <= 100 else []
    if close:
        return f" (did you mean `{close[0]}`?)"
    if not choices:
        return ""
    shown = ", ".join(f"`{shorten(c, 30)}`" for c in choices[:12])
    return f" (expected one of: {shown}{', ...' if len(choices) > 12 else ''})"


def check_reference(value: str, valid: Iterable[str], what: str, path: str) -> None:
    """Raise unless ``value`` is one of ``valid`` (a set or mapping is searched in constant
    time), suggesting the closest one."""
    if not isinstance(value, str):
        raise InvalidGameError(f"expected the id of a {what} (got {shown(value)})", path)
    if isinstance(valid, Set | Mapping) and value in valid:
        return
    valid = list(valid)
    if value not in valid:
        raise InvalidGameError(
            f"unknown {what} `{shorten(value)}`{did_you_mean(value, valid)}", path
        )


def check_id(value: object, path: str) -> str:
    """Raise unless ``value`` is an id matching ``^[a-z][a-z0-9_]*$``."""
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        raise InvalidGameError(
            f"expected an id of lower-case letters, digits and '_', starting with a letter "
            f"(got {shown(value)})",
            path,
        )
    return value


def check_unique(ids: Iterable[str], path: str, what: str = "id") -> None:
    """Raise at the first repeated id, naming the position of the repeat."""
    seen: set[str] = set()
    for index, item in enumerate(ids):
        if item in seen:
            raise InvalidGameError(f"duplicate {what} `{item}`", f"{path}[{index}].id")
        seen.add(item)


def _number(value: object, field: attrs.Attribute[Any]) -> Number:
    return parse_number(value, field.name)


def _optional_number(value: object, field: attrs.Attribute[Any]) -> Number | None:
    return None if value is None else parse_number(value, field.name)


def string_tuple(value: Iterable[str] | str) -> tuple[str, ...]:
    """attrs converter: a tuple of strings (a single string becomes a 1-tuple)."""
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def frozen_numbers(values: Mapping[str, Number]) -> FrozenMap[str, Number]:
    """attrs converter: a :class:`FrozenMap` of numbers already parsed (a solver's results)."""
    return FrozenMap(values)


def mapping_of(value: object, path: str) -> dict[Any, Any]:
    """``value`` as a dict, or an error naming ``path``."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidGameError(
            f"expected a table (got {type(value).__name__} {shown(value)})", path
        )
    return dict(value)


def _frozen_map(value: object, field: attrs.Attribute[Any]) -> FrozenMap[Any, Any]:
    return value if isinstance(value, FrozenMap) else FrozenMap(mapping_of(value, field.name))


def _number_map(value: object, field: attrs.Attribute[Any]) -> FrozenMap[str, Number]:
    items = mapping_of(value, field.name)
    return FrozenMap((k, parse_number(v, f"{field.name}.{k}")) for k, v in items.items())


PartWorths = FrozenMap[str, FrozenMap[str, Number]]
"""Part-worths of an actor: issue -> option -> value (unlisted options are worth 0)."""


def to_part_worths(value: object, path: str = "values") -> PartWorths:
    """Part-worths as nested :class:`FrozenMap`, every value a number."""
    issues = mapping_of(value, path)
    return FrozenMap(
        (
            issue,
            FrozenMap(
                (option, parse_number(worth, f"{path}.{issue}.{option}"))
                for option, worth in mapping_of(options, f"{path}.{issue}").items()
            ),
        )
        for issue, options in issues.items()
    )


def _optional_number_map(
    value: object, field: attrs.Attribute[Any]
) -> FrozenMap[str, Number] | None:
    return None if value is None else _number_map(value, field)


def _part_worths(value: object, field: attrs.Attribute[Any]) -> PartWorths:
    return to_part_worths(value, field.name)


NumberLike: TypeAlias = int | float | Fraction | str
"""What a number field accepts: the forms of :func:`negotiate.exact.numbers.parse_number`."""

if TYPE_CHECKING:
    # mypy's attrs plugin reads a converter's type only from a plain function, and these
    # converters need the field (its name locates an error). The plugin sees these signatures;
    # at run time the field-aware converters below are used.
    def number(value: NumberLike) -> Number: ...
    def optional_number(value: NumberLike | None) -> Number | None: ...
    def string_map(value: Mapping[str, str]) -> FrozenMap[str, str]: ...
    def number_map(value: Mapping[str, NumberLike]) -> FrozenMap[str, Number]: ...
    def optional_number_map(
        value: Mapping[str, NumberLike] | None,
    ) -> FrozenMap[str, Number] | None: ...
    def part_worths(value: Mapping[str, Mapping[str, NumberLike]]) -> PartWorths: ...

else:
    number = attrs.Converter(_number, takes_field=True)
    """attrs converter: a number (see :func:`~negotiate.exact.numbers.parse_number`)."""
    optional_number = attrs.Converter(_optional_number, takes_field=True)
    """attrs converter: ``None`` or a number."""
    string_map = attrs.Converter(_frozen_map, takes_field=True)
    """attrs converter: a :class:`FrozenMap` from names to names."""
    number_map = attrs.Converter(_number_map, takes_field=True)
    """attrs converter: a :class:`FrozenMap` from names to numbers."""
    optional_number_map = attrs.Converter(_optional_number_map, takes_field=True)
    """attrs converter: ``None`` or a :class:`FrozenMap` from names to numbers."""
    part_worths = attrs.Converter(_part_worths, takes_field=True)
    """attrs converter for :data:`PartWorths`."""


def validate_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: the field holds an id."""
    check_id(value, attribute.name)


def in_range(
    low: Number | None = None,
    high: Number | None = None,
    *,
    low_open: bool = False,
    high_open: bool = False,
) -> Callable[[object, attrs.Attribute[Any], Number | None], None]:
    """attrs validator factory: a number within bounds (``None`` passes)."""

    def validate(instance: object, attribute: attrs.Attribute[Any], value: Number | None) -> None:
        if value is None:
            return
        too_low = low is not None and (value <= low if low_open else value < low)
        too_high = high is not None and (value >= high if high_open else value > high)
        if too_low or too_high:
            left = "(" if low_open else "["
            right = ")" if high_open else "]"
            bounds = (
                f"{left}{'-inf' if low is None else low}, {'inf' if high is None else high}{right}"
            )
            raise InvalidGameError(f"expected a number in {bounds} (got {value})", attribute.name)

    return validate


@attrs.frozen(kw_only=True)
class GameHeader(Displayed):
    """The ``[game]`` table every game starts with: who it is and where it comes from."""

    kind: ClassVar[str] = ""

    id: str = attrs.field(validator=validate_id)
    title: str
    description: str = ""
    sources: tuple[str, ...] = attrs.field(default=(), converter=string_tuple)

    def __attrs_post_init__(self) -> None:
        self.validate()

    def __repr__(self) -> str:
        """A short repr: the kind, id and title, not the whole game (games print in a notebook as
        one line; ``negotiate.dump`` writes them whole)."""
        scenario = getattr(self, "scenario", None)
        applied = f", scenario {scenario!r}" if scenario else ""
        return f"<{type(self).__name__} {self.id!r}: {self.title!r}{applied}>"

    def validate(self) -> None:
        """Check the rules that span several fields; subclasses extend this."""
