"""Finding the line of a key path in a TOML text, for error messages.

``tomllib`` keeps no positions, so this scans the text the way a reader would: the n-th
``[[table]]`` header, then each key below it in turn.

>>> text = '''format = "negotiate/1"
... [[party]]
... id = "us"
... [[party]]
... id = "mx"
... [party.values]
... security = { joint = 5, smart = 2 }
... '''
>>> line_of(text, "party[1].values.security.smart"), line_of(text, "party[0].id")
(7, 3)
>>> line_of(text, "issue[0]") is None, line_of(text, "format")
(True, 1)
"""

from __future__ import annotations

import re

__all__ = ["line_of"]

_TOKEN = re.compile(r"([^.\[\]]+)(?:\[(\d+)\])*")


def _header(line: str) -> str | None:
    """The table name of a header line (``[a.b]``, ``[[a]]``, ``[ "a" ]  # note``), else ``None``.

    Read by scanning, in linear time (a regular expression here backtracked on long lines).

    >>> _header(' [[ party ]] # x'), _header('[a."b c"]'), _header('a = [1]'), _header('[]')
    ('party', 'a.bc', None, None)
    """
    stripped = line.strip()
    if not stripped.startswith("["):
        return None
    close = stripped.find("]")
    if close < 0:
        return None
    name = stripped[2:close] if stripped.startswith("[[") else stripped[1:close]
    rest = stripped[close + 1 :]
    rest = (rest[1:] if rest.startswith("]") else rest).strip()
    name = name.strip()
    if not name or (rest and not rest.startswith("#")):
        return None
    return name.replace('"', "").replace(" ", "")


def line_of(text: str, path: str) -> int | None:
    """The 1-based line where ``path`` (``constituency[2].values.regularization``) is written,
    or ``None`` when it cannot be told."""
    tokens = [(m.group(1), m.group(2)) for m in _TOKEN.finditer(path)]
    if not tokens:
        return None
    lines = text.splitlines()
    table, index = tokens[0]
    start = _find_table(lines, table, int(index) if index is not None else None)
    if start is None:
        found = _find_key(lines, 0, len(lines), table)
        return None if found is None else found + 1
    end = _table_end(lines, start, table)
    found = start
    for key, position in tokens[1:]:
        nested = None if position is None else _find_table(lines, f"{table}.{key}", int(position))
        if nested is not None:  # an array of tables inside a table: [[uncertainty.range]]
            table, found = f"{table}.{key}", nested
            end = _table_end(lines, nested, table)
            continue
        hit = _find_key(lines, found, end, key)
        if hit is None:
            break
        found = hit
    return found + 1


def _find_table(lines: list[str], table: str, index: int | None) -> int | None:
    seen = -1
    for k, line in enumerate(lines):
        if _header(line) == table:
            seen += 1
            if index is None or seen == index:
                return k
    return None


def _table_end(lines: list[str], start: int, table: str) -> int:
    """The line where the table starting at ``start`` ends: the next header of another table or
    the next element of the same array of tables."""
    for k in range(start + 1, len(lines)):
        header = _header(lines[k])
        if header is None:
            continue
        if header.split(".")[0] != table or (
            lines[k].lstrip().startswith("[[") and header == table
        ):
            return k
    return len(lines)


def _find_key(lines: list[str], start: int, end: int, key: str) -> int | None:
    escaped = re.escape(key)
    pattern = re.compile(rf'(^|[\s{{,.\[])("{escaped}"|{escaped})\s*(=|\]|\.)')
    for k in range(start, end):
        line = lines[k].split("#", 1)[0] if not lines[k].lstrip().startswith("[") else lines[k]
        if pattern.search(line):
            return k
    return None
