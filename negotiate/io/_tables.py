"""The tables of a ``negotiate/1`` file as the loader reads them: every key accounted for, every
error located by its key path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from negotiate.errors import InvalidGameError, join_path, shorten, shown
from negotiate.model._common import did_you_mean


class _Table:
    """One TOML table being read: hands out keys by name and rejects the ones left over."""

    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, dict):
            raise InvalidGameError(f"expected a table (got {_describe(data)})", path)
        self.data = dict(data)
        self.path = path
        self.allowed: list[str] = []

    def _key(self, key: str) -> str:
        return join_path(self.path, key)

    def get(
        self, key: str, kind: type | tuple[type, ...] | None = None, *, required: bool = False
    ) -> Any:
        """The value of ``key`` (``None`` if absent and not required), checked against ``kind``."""
        self.allowed.append(key)
        if key not in self.data:
            if required:
                raise InvalidGameError(f"missing required key `{key}`", self._key(key))
            return None
        value = self.data[key]
        if kind is not None and not isinstance(value, kind):
            raise InvalidGameError(
                f"expected {_kind_name(kind)} (got {_describe(value)})", self._key(key)
            )
        return value

    def string(self, key: str, *, required: bool = False) -> str | None:
        """A string value."""
        return self.get(key, str, required=required)  # type: ignore[no-any-return]

    def strings(self, key: str, *, required: bool = False) -> list[str] | None:
        """A list of strings."""
        value = self.get(key, list, required=required)
        for index, item in enumerate(value or ()):
            if not isinstance(item, str):
                raise InvalidGameError(
                    f"expected a string (got {_describe(item)})", f"{self._key(key)}[{index}]"
                )
        return value  # type: ignore[no-any-return]

    def table(self, key: str) -> dict[str, Any] | None:
        """A sub-table."""
        return self.get(key, dict)  # type: ignore[no-any-return]

    def tables(self, key: str) -> list[_Table]:
        """An array of tables (``[[key]]``), each ready to read."""
        value = self.get(key, list)
        return [_Table(item, f"{self._key(key)}[{k}]") for k, item in enumerate(value or ())]

    def fields(self, names: tuple[str, ...], required: tuple[str, ...] = ()) -> dict[str, Any]:
        """The keys among ``names`` that are present, as keyword arguments, each checked against
        the type its name implies (ids and names are strings, flags booleans, tables tables)."""
        out = {}
        for name in names:
            value = self.get(name, _KEY_TYPES.get(name), required=name in required)
            if value is not None:
                out[name] = value
        return out

    def finish(self) -> None:
        """Raise at the first key no one asked for (typos must not pass silently)."""
        for key in self.data:
            if key not in self.allowed:
                raise InvalidGameError(
                    f"unknown key `{shorten(key)}`{did_you_mean(key, self.allowed)}",
                    self._key(key),
                )


_KEY_TYPES: dict[str, type] = {
    **{
        key: str
        for key in (
            "id",
            "name",
            "party",
            "actor",
            "note",
            "status_quo",
            "controlled_by",
            "player",
            "info",
            "description",
            "path",
            "solution",
        )
    },
    **{key: dict for key in ("moves", "chance", "payoffs", "when", "need", "profile", "package")},
    "executive_veto": bool,
}
"""The type a key must have wherever it appears."""


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "a string", list: "a list", dict: "a table", bool: "true or false"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _describe(value: Any) -> str:
    names = {
        str: "a string",
        list: "a list",
        dict: "a table",
        bool: "a boolean",
        int: "an integer",
        float: "a float",
    }
    text = "..." if isinstance(value, dict | list) and not _short(value) else shown(value, 40)
    return f"{names.get(type(value), type(value).__name__)} {text}"


def _short(value: dict[str, Any] | list[Any]) -> bool:
    return (
        len(value) < 10
        and all(not isinstance(v, dict | list) for v in value)
        and (len(str(value)) < 40)
    )


@contextmanager
def _at(path: str) -> Iterator[None]:
    """Errors raised inside get ``path`` put before their key path."""
    try:
        yield
    except InvalidGameError as error:
        raise error.at(path) from None


def _build(cls: Callable[..., Any], table: _Table, **kwargs: Any) -> Any:
    """Build a model object from a table's keys; its validation errors name the table."""
    table.finish()
    with _at(table.path):
        return cls(**kwargs)


# -- the file -------------------------------------------------------------------------------------
