"""One hierarchy of exceptions, rooted in :class:`NegotiateError`.

Every leaf also inherits the builtin that fits, so ``except ValueError`` keeps working for callers
who do not know this package.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

__all__ = [
    "MAX_MESSAGE",
    "GameFileError",
    "GameFileWarning",
    "GameTooLargeError",
    "InvalidGameError",
    "NegotiateError",
    "NumericalError",
    "UnsupportedGameError",
    "join_path",
    "numerical_failures",
    "one_line",
    "shorten",
    "shown",
]

MAX_MESSAGE = 300
"""The longest error message, in characters; longer values are shortened with an ellipsis."""


def shorten(text: str, width: int = 60) -> str:
    """``text`` on one line and at most ``width`` characters, cut in the middle with an ellipsis.

    >>> shorten("a" * 10, 7), shorten("two\\nlines")
    ('aaa…aaa', 'two lines')
    """
    if any(c.isspace() and c != " " for c in text):
        text = " ".join(text.split())
    if len(text) <= width:
        return text
    keep = max(width - 1, 2)
    return text[: (keep + 1) // 2] + "…" + text[len(text) - keep // 2 :]


def shown(value: object, width: int = 60) -> str:
    """``repr(value)``, shortened for an error message (see :func:`shorten`).

    >>> shown("x" * 100, 12)
    "'xxxxx…xxxx'"
    """
    if isinstance(value, list | dict) and not _small(value):
        return f"<{type(value).__name__} of {len(value)}>"
    if isinstance(value, int) and value.bit_length() > 1000:
        return f"<an integer of {value.bit_length()} bits>"
    return shorten(repr(value), width)


def _small(value: list[object] | dict[object, object]) -> bool:
    return len(value) <= 20 and all(isinstance(v, int | float | str | bool) for v in value)


def one_line(message: str, width: int = MAX_MESSAGE) -> str:
    """An error message as one line of at most ``width`` characters."""
    return shorten(message, width)


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
        where = f"{shorten(file, 80)}:{line}" if line is not None else shorten(file, 80)
        room = MAX_MESSAGE - len(where) - 4
        message = shorten(message, max(room - min(len(path), 24), 60))
        shown_path = shorten(path, max(room - len(message), 24))
        text = f"{where}: {shown_path}: {message}" if path else f"{where}: {message}"
        self.args = (one_line(text),)

    def __str__(self) -> str:
        return str(self.args[0])


class GameFileWarning(UserWarning):
    """Suspicious but valid input in a game file, located like :class:`GameFileError`
    (``negotiate validate --strict`` makes it an error).

    >>> str(GameFileWarning("quota 0.5 is below 1 among weights above 1", "ratification[0].quota",
    ...                     "g.toml", 40))
    'g.toml:40: ratification[0].quota: quota 0.5 is below 1 among weights above 1'
    """

    def __init__(self, message: str, path: str, file: str, line: int | None) -> None:
        super().__init__(str(GameFileError(message, path, file=file, line=line)))
        self.message = message
        self.path = path


class UnsupportedGameError(NegotiateError, NotImplementedError):
    """The game is valid, but the requested analysis does not apply to it.

    Examples
    --------
    >>> from negotiate import NegotiateError
    >>> issubclass(UnsupportedGameError, NegotiateError)
    True
    """


class NumericalError(NegotiateError, ArithmeticError):
    """A solver failed on a game's numbers (an overflow, a failed LP, a singular system); the
    message says which solver and what to change."""


_INTERNAL = (
    ArithmeticError,  # OverflowError, ZeroDivisionError, FloatingPointError
    IndexError,
    AssertionError,
    RuntimeError,  # a failed HiGHS LP; RecursionError
    ValueError,  # numpy's LinAlgError (a singular system), NaN or infinity in an array
    MemoryError,
)


@contextmanager
def numerical_failures(solver: str) -> Iterator[None]:
    """Turn a solver's numerical failure into one :class:`NumericalError` naming ``solver``.

    Used at each solver's front door (``analyse`` of each kind, ``linkage``, ``sweep``), so
    that extreme but valid numbers end in a clear message, never a traceback; errors raised on
    purpose (:class:`NegotiateError`) pass unchanged.

    >>> with numerical_failures("the Nash bargaining solution"):
    ...     float(10**400)
    Traceback (most recent call last):
    ...
    negotiate.errors.NumericalError: the Nash bargaining solution failed on this game's numbers ...
    """
    try:
        yield
    except NegotiateError:
        raise
    except _INTERNAL as error:
        if isinstance(error, RecursionError):
            cause = "the game tree is too deep for it (lower the `depth` limit)"
        elif isinstance(error, MemoryError):
            cause = "out of memory (make the game smaller)"
        else:
            cause = (
                f"on this game's numbers ({type(error).__name__}: {shorten(str(error), 80)}); "
                'use numbers of a smaller magnitude, exact numbers ("2/3") rather than floats, '
                "or a smaller game"
            )
        raise NumericalError(f"{solver} failed {cause}") from None


class GameTooLargeError(NegotiateError, ValueError):
    """The game is too large for an exact method; the message suggests one that scales.

    Examples
    --------
    >>> from negotiate import NegotiateError
    >>> issubclass(GameTooLargeError, NegotiateError)
    True
    """
