"""The ``negotiate`` command's shared parameters: game files (a path or a shipped game's id),
output and figure targets checked before any work, ``--format`` and ``--output``, and writing the
output atomically.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from negotiate.errors import NegotiateError

__all__ = [
    "FILE",
    "FORMAT",
    "OUTPUT",
    "html_needs_figures",
    "output_target",
    "plot_option",
    "progress",
    "shown_progress",
    "write_output",
]


def write_output(text: str, output: Path | None) -> None:
    """Print ``text``, or write it to ``output`` atomically (a reader never sees half a file)."""
    if output is None:
        click.echo(text, nl=False)
        return
    directory = output.parent if str(output.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(
            dir=directory, prefix=f".{output.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise NegotiateError(f"{output}: cannot write here ({error.strerror})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, output)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise NegotiateError(f"{output}: cannot write ({error.strerror})") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def output_target(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """Check an output file's place before any work: its directory exists and is writable, and
    it is not itself a directory."""
    if value is None:
        return None
    directory = value.parent if str(value.parent) else Path(".")
    if value.is_dir():
        raise NegotiateError(f"{value}: the output is a directory")
    if not directory.is_dir():
        raise NegotiateError(f"{value}: the directory {directory} does not exist")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise NegotiateError(f"{value}: the directory {directory} is not writable")
    return value


def _figure_target(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """Check ``--plot FILE`` before any work: a writable place, a .png or .svg name, and
    matplotlib installed (else one line with the install hint)."""
    if value is None:
        return None
    output_target(ctx, param, value)
    if value.suffix.lower() not in (".png", ".svg"):
        raise NegotiateError(f"{value}: --plot writes .png or .svg files (by the file's suffix)")
    from negotiate.plot import require

    require("--plot")
    return value


def plot_option(what: str) -> Any:
    """``--plot FILE``: also draw ``what`` into FILE (PNG or SVG by its suffix)."""
    return click.option(
        "--plot",
        "figure",
        type=click.Path(path_type=Path),
        callback=_figure_target,
        metavar="FILE",
        help=f"Also draw {what} into FILE, PNG or SVG by its suffix (needs the plot extra).",
    )


def html_needs_figures(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """``--format html`` embeds figures: check for matplotlib before any work."""
    if value == "html":
        from negotiate.plot import require

        require("--format html")
    return value


class _GameFile(click.ParamType):
    """A game file, or the id of a shipped game (``negotiate solve whole_enchilada``)."""

    name = "file"
    _path = click.Path(path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and value.isidentifier() and not os.path.exists(value):
            from negotiate.io.catalog import shipped_game_path

            shipped = shipped_game_path(value)
            if shipped is not None:
                return shipped
            self.fail(
                f"{value!r} is neither a file nor the id of a shipped game "
                "(`negotiate games` lists them)",
                param,
                ctx,
            )
        return self._path.convert(value, param, ctx)


FILE = _GameFile()
"""A game file or a shipped game's id; the loader refuses missing and special files with one
line."""
FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="How to print the result.",
)
OUTPUT = click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    callback=output_target,
    help="Write the result to this file (atomically) instead of standard output.",
)


@contextmanager
def progress(length: int, label: str, shown: bool) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on standard error while long work runs (yielding its ``update``), else
    nothing (yielding ``None``)."""
    if not shown:
        yield None
        return
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        yield bar.update


class _LateBar:
    """A progress bar on standard error that appears only once work has run for ``delay``
    seconds (short work prints nothing), labelled with the stage being done."""

    STEPS = 1000

    def __init__(self, delay: float) -> None:
        self.start, self.delay = time.monotonic(), delay
        self.bar: Any = None
        self.shown = 0

    def __call__(self, stage: str, done: float) -> None:
        if self.bar is None:
            if time.monotonic() - self.start < self.delay:
                return
            self.bar = click.progressbar(length=self.STEPS, label=stage, file=sys.stderr)
            self.bar.__enter__()
        self.bar.label = stage
        target = round(done * self.STEPS)
        if target < self.shown:  # a new stage starts from the beginning
            self.bar.pos, self.shown = 0, 0
        self.bar.update(target - self.shown)
        self.shown = target

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@contextmanager
def shown_progress(delay: float = 1.0) -> Iterator[None]:
    """Show the progress solvers report (:mod:`negotiate.progress`) on standard error, when it
    is a terminal and the work has run for ``delay`` seconds."""
    if not sys.stderr.isatty():
        yield
        return
    from negotiate.progress import listening

    bar = _LateBar(delay)
    try:
        with listening(bar):
            yield
    finally:
        bar.close()
