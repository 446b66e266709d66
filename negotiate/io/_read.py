"""Reading a game file's text safely, and TOML parsing whose every failure is a located error.

A game file may come from anyone: special files (directories, devices, FIFOs) are refused before
a byte is read, files over the ``file_bytes`` limit are refused by size, a UTF-8 byte-order mark
is skipped, and bytes that are not UTF-8 are located by line and byte offset.

>>> parse_toml('a = ' + '[' * 200 + ']' * 200, "deep.toml")
Traceback (most recent call last):
...
negotiate.errors.GameFileError: deep.toml:1: not valid TOML: arrays or inline tables nested ...
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

from negotiate.errors import GameFileError
from negotiate.limits import current

__all__ = ["parse_toml", "read_text"]

_BOM = "\ufeff"

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_text(path: Path) -> str:
    """The text of the game file ``path``, or a :class:`GameFileError` naming it."""
    name = str(path)
    limit = current().file_bytes
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise GameFileError(_reason(error), file=name) from None
    mode = os.fstat(descriptor)
    if not stat.S_ISREG(mode.st_mode) or mode.st_size > limit:
        os.close(descriptor)
        if mode.st_size > limit and stat.S_ISREG(mode.st_mode):
            raise GameFileError(_too_large(mode.st_size, limit), file=name)
        kind = next((what for test, what in _KINDS if test(mode.st_mode)), "not a regular file")
        raise GameFileError(f"{kind}, not a game file", file=name)
    with os.fdopen(descriptor, "rb") as stream:
        try:
            data = stream.read(limit + 1)
        except OSError as error:
            raise GameFileError(_reason(error), file=name) from None
    if len(data) > limit:
        raise GameFileError(_too_large(len(data), limit), file=name)
    return decode(data, name)


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def _too_large(size: int, limit: int) -> str:
    return (
        f"the file has {size} bytes, over the limit of {limit} "
        "(raise it with --limits file_bytes=N)"
    )


def decode(data: bytes, name: str) -> str:
    """``data`` as UTF-8 text without a byte-order mark, or an error at the first bad byte.

    >>> decode(b"\\xef\\xbb\\xbfa = 1", "f.toml")
    'a = 1'
    >>> decode(b"a = 1\\nb = '\\xff'", "f.toml")
    Traceback (most recent call last):
    ...
    negotiate.errors.GameFileError: f.toml:2: not UTF-8 text: byte 0xff at byte offset 11 (...)
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise GameFileError(
            f"not UTF-8 text: byte 0x{data[error.start]:02x} at byte offset {error.start} "
            f"({error.reason})",
            file=name,
            line=line,
        ) from None
    return text.removeprefix(_BOM)


def parse_toml(text: str, source: str) -> dict[str, Any]:
    """``tomllib.loads(text)``, with every failure (bad syntax, nesting too deep, an integer too
    long for Python) a :class:`GameFileError` naming ``source`` and the line."""
    text = text.removeprefix(_BOM)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line = _toml_error_line(message)
        if line is None and "(at end of document)" in message:
            line = text.count("\n") + 1
        raise GameFileError(f"not valid TOML: {message}", file=source, line=line) from None
    except RecursionError:
        depth = current().nesting
        raise GameFileError(
            f"not valid TOML: arrays or inline tables nested over {depth} deep",
            file=source,
            line=_deep_line(text, depth),
        ) from None
    except ValueError as error:  # an integer literal over Python's digit limit
        match = _LONG_DIGITS.search(text)
        if match is None:
            raise GameFileError(f"not valid TOML: {error}", file=source) from None
        length = sum(c.isdigit() for c in match.group())
        raise GameFileError(
            f"a number of {length} digits is over the limit of {current().digits} digits "
            "(raise it with --limits digits=N)",
            path=_long_number_path(text, match),
            file=source,
            line=text.count("\n", 0, match.start()) + 1,
        ) from None
    depth = current().nesting
    if _nesting(data) > depth:
        raise GameFileError(
            f"not valid TOML: arrays or inline tables nested over {depth} deep",
            file=source,
            line=_deep_line(text, depth),
        )
    return data


def _nesting(data: dict[str, Any]) -> int:
    """How deep lists and tables nest in ``data`` (counting ``data`` itself as 1)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, level = stack.pop()
        deepest = max(deepest, level)
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return deepest


_LONG_DIGITS = re.compile(r"[+-]?[0-9_]{4000,}")
_MARK = "negotiate: a number too long to read"


def _long_number_path(text: str, match: re.Match[str]) -> str:
    """The key path of the integer literal at ``match`` (``""`` when it cannot be told): the
    file read again with a string in its place.

    >>> text = "[[party]]\\nid = 'us'\\npower = " + "9" * 5000 + "\\n"
    >>> _long_number_path(text, _LONG_DIGITS.search(text))
    'party[0].power'
    """
    try:
        data = tomllib.loads(f'{text[: match.start()]}"{_MARK}"{text[match.end() :]}')
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):  # another long number first
        return ""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if value == _MARK:
            return path
        if isinstance(value, dict):
            stack += [(f"{path}.{k}" if path else str(k), v) for k, v in value.items()]
        elif isinstance(value, list):
            stack += [(f"{path}[{k}]", v) for k, v in enumerate(value)]
    return ""


def _toml_error_line(message: str) -> int | None:
    marker = "(at line "
    if marker in message:
        digits = message.split(marker, 1)[1].split(",", 1)[0].rstrip(")")
        if digits.isdigit():
            return int(digits)
    return None


_SKIPPED = re.compile(r"\"(?:\\.|[^\"\\\n])*\"|'[^'\n]*'|#[^\n]*")
"""Strings and comments on one line, whose brackets do not nest."""


def _deep_line(text: str, depth: int) -> int | None:
    """The line where brackets and braces first nest over ``depth`` deep (strings skipped)."""
    level = 0
    for number, line in enumerate(text.split("\n"), 1):
        for char in _SKIPPED.sub("", line):
            if char in "[{":
                level += 1
                if level > depth:
                    return number
            elif char in "]}":
                level -= 1
    return None
