"""The text of Gambit's ``.nfg`` and ``.efg`` files: tokens with their lines, the shared
header, and the labels, ids and numbers both formats read and write."""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction

import attrs

from negotiate.errors import GameFileError, InvalidGameError, shown
from negotiate.exact.numbers import Number, parse_number


@attrs.frozen
class _Token:
    kind: str  # "text", "number", "symbol", "{", "}"
    value: str
    line: int


_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<text>"(?:\\.|[^"\\])*")
  | (?P<brace>[{}])
  | (?P<comma>,)
  | (?P<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?:/\d+)?)(?=[\s{},"]|$)
  | (?P<symbol>[^\s{},"]+)
    """,
    re.VERBOSE,
)


class _Tokens:
    """A token stream with the position needed for good error messages."""

    def __init__(self, text: str, file: str) -> None:
        self.file = file
        self.items = list(self._scan(text))
        self.position = 0

    def _scan(self, text: str) -> Iterator[_Token]:
        line = 1
        index = 0
        while index < len(text):
            match = _TOKEN.match(text, index)
            if match is None:  # pragma: no cover - the symbol branch matches anything else
                raise GameFileError(f"unreadable text {text[index : index + 20]!r}", file=self.file)
            kind = match.lastgroup
            value = match.group()
            if kind == "text":
                yield _Token("text", re.sub(r'\\(["\\])', r"\1", value[1:-1]), line)
            elif kind == "brace":
                yield _Token(value, value, line)
            elif kind in ("number", "symbol"):
                yield _Token(kind, value, line)
            line += value.count("\n")
            index = match.end()

    def error(self, message: str) -> GameFileError:
        token = self.peek()
        line = token.line if token else (self.items[-1].line if self.items else 1)
        got = f" (got {token.value!r})" if token else " (got the end of the file)"
        return GameFileError(message + got, file=self.file, line=line)

    def peek(self, ahead: int = 0) -> _Token | None:
        index = self.position + ahead
        return self.items[index] if index < len(self.items) else None

    def next(self, kind: str, what: str) -> _Token:
        token = self.peek()
        if token is None or token.kind != kind:
            raise self.error(f"expected {what}")
        self.position += 1
        return token

    def accept(self, kind: str) -> _Token | None:
        token = self.peek()
        if token is not None and token.kind == kind:
            self.position += 1
            return token
        return None

    def number(self, what: str) -> Number:
        token = self.next("number", what)
        try:
            return parse_number(token.value)
        except InvalidGameError as error:
            raise GameFileError(error.message, file=self.file, line=token.line) from None

    def integer(self, what: str) -> int:
        token = self.next("number", what)
        if not re.fullmatch(r"\d{1,18}", token.value):
            raise GameFileError(
                f"expected {what}, a whole number of at most 18 digits (got {shown(token.value)})",
                file=self.file,
                line=token.line,
            )
        return int(token.value)

    def labels(self, what: str) -> list[str]:
        self.next("{", "'{'")
        out = []
        while self.accept("}") is None:
            out.append(self.next("text", what).value)
        return out


def _header(tokens: _Tokens, magic: str, version: str, what: str) -> tuple[str, list[str]]:
    """Read ``MAGIC VERSION R|D "title" { "player" ... }``: the title and the players' names."""
    if tokens.accept("symbol") is None or tokens.items[0].value != magic:
        tokens.position = 0
        raise tokens.error(f"expected `{magic}` at the start of {what}")
    if tokens.next("number", f"the version number {version}").value != version:
        raise GameFileError(
            f"only {magic} version {version} is supported", file=tokens.file, line=1
        )
    data_type = tokens.next("symbol", "`R` or `D`")
    if data_type.value not in ("R", "D"):
        raise GameFileError(
            f"expected `R` or `D` after `{magic} {version}`", file=tokens.file, line=data_type.line
        )
    title = tokens.next("text", "the game's title in quotes").value
    return title, tokens.labels("a player's name in quotes")


def _slug(label: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "_", label.strip().lower()).strip("_")
    if text and not text[0].isalpha():
        text = "x_" + text
    return text


def _unique_ids(labels: list[str], fallback: str) -> list[str]:
    """Ids from labels: slugs, or ``fallback{k}`` (1-based) when empty, made unique."""
    return _unique_labels([_slug(label) for label in labels], fallback)


def _unique_labels(labels: list[str], fallback: str) -> list[str]:
    """Labels kept as written, with empty ones numbered and repeats suffixed."""
    used: set[str] = set()
    out = []
    for k, label in enumerate(labels, 1):
        base = label or f"{fallback}{k}"
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base}_{n}"
        used.add(candidate)
        out.append(candidate)
    return out


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _number(value: Number) -> str:
    if isinstance(value, float):
        return repr(value)
    return str(Fraction(value))


# ----------------------------------------------------------------------------------------------
# .nfg
