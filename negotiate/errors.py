"""One hierarchy of exceptions, rooted in :class:`NegotiateError`.

Every leaf also inherits the builtin that fits, so ``except ValueError`` keeps working for callers
who do not know this package.
"""

from __future__ import annotations

__all__ = [
    "GameFileError",
    "GameTooLargeError",
    "InvalidGameError",
    "NegotiateError",
    "UnsupportedGameError",
    "join_path",
]


class NegotiateError(Exception):
    """Root of every error raised on purpose by :mod:`negotiate`.

    Examples
    --------
    >>> from negotiate import loads
    >>> try:
    ...     loads("x = 1")
    ... except NegotiateError as error:
    ...     print(type(error).__name__)
    GameFileError
    """


class InvalidGameError(NegotiateError, ValueError):
    """A game definition breaks a rule of the ``negotiate/1`` format.

    ``path`` is the key path of the offending value in format terms
    (``constituency[2].values.regularization.earnd``), or ``""`` for the game as a whole.

    >>> str(InvalidGameError("expected a number (got 'x')", path="party[0].power"))
    "party[0].power: expected a number (got 'x')"
    """

    def __init__(self, message: str, path: str = "") -> None:
        self.message = message
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)

    def at(self, prefix: str) -> InvalidGameError:
        """The same error with ``prefix`` put before its key path.

        >>> InvalidGameError("bad", "[1].id").at("party").path
        'party[1].id'
        """
        return type(self)(self.message, join_path(prefix, self.path))


def join_path(prefix: str, path: str) -> str:
    """Join two key paths: ``join_path("party", "[0].power") == "party[0].power"``."""
    if not prefix:
        return path
    if not path:
        return prefix
    return prefix + path if path.startswith("[") else f"{prefix}.{path}"


class GameFileError(InvalidGameError):
    """A game file cannot be read: names the file, the key path and the line when known.

    >>> str(GameFileError("unknown key `pwer` (did you mean `power`?)", path="party[0].pwer",
    ...                   file="games/g.toml", line=12))
    'games/g.toml:12: party[0].pwer: unknown key `pwer` (did you mean `power`?)'
    """

    def __init__(
        self, message: str, path: str = "", file: str = "<string>", line: int | None = None
    ) -> None:
        self.file = file
        self.line = line
        super().__init__(message, path)
        where = f"{file}:{line}" if line is not None else file
        self.args = (f"{where}: {path}: {message}" if path else f"{where}: {message}",)

    def __str__(self) -> str:
        return str(self.args[0])


class UnsupportedGameError(NegotiateError, NotImplementedError):
    """The game is valid, but the requested analysis does not apply to it.

    Examples
    --------
    >>> from negotiate import NegotiateError
    >>> issubclass(UnsupportedGameError, NegotiateError)
    True
    """


class GameTooLargeError(NegotiateError, ValueError):
    """The game is too large for an exact method; the message suggests one that scales.

    Examples
    --------
    >>> from negotiate import NegotiateError
    >>> issubclass(GameTooLargeError, NegotiateError)
    True
    """
