"""The ``negotiate`` command: parses arguments, calls the library, prints. No game theory here.

Every :class:`~negotiate.errors.NegotiateError` is turned into one line on standard error and
exit status 2, in one place (:class:`_Commands`), so users never see a traceback for bad input.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import click

from negotiate import __version__
from negotiate.errors import NegotiateError

__all__ = ["main"]


class _Commands(click.Group):
    """A command group that reports the library's errors as messages with exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NegotiateError as error:
            click.echo(f"negotiate: error: {error}", err=True)
            ctx.exit(2)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="negotiate")
def main() -> None:
    """Game-theoretic analysis of international negotiations.

    Game files use the negotiate/1 format (see docs/format.md).
    """


def write_output(text: str, output: Path | None) -> None:
    """Print ``text``, or write it to ``output`` atomically (a reader never sees half a file)."""
    if output is None:
        click.echo(text, nl=False)
        return
    directory = output.parent if str(output.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{output.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="How to print the result.",
)
_OUTPUT = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the result to this file (atomically) instead of standard output.",
)


@main.command()
@click.argument("files", nargs=-1, required=True, type=_FILE)
def validate(files: tuple[Path, ...]) -> None:
    """Check game files and print a one-line summary of each."""
    from negotiate.io import load
    from negotiate.report.summary import summary

    failed = 0
    for path in files:
        try:
            game = load(path)
        except NegotiateError as error:
            click.echo(f"negotiate: error: {error}", err=True)
            failed += 1
            continue
        click.echo(f"{path}: ok: {summary(game)}")
    if failed:
        raise click.exceptions.Exit(2)


@main.command()
@click.argument("file", type=_FILE)
@click.option(
    "--scenario",
    "-s",
    "scenarios",
    multiple=True,
    metavar="ID",
    help="Merge this scenario into the game; repeat to compare scenarios side by side.",
)
@_FORMAT
@_OUTPUT
@click.option(
    "--top",
    type=click.IntRange(min=0),
    default=5,
    show_default=True,
    help="How many of the best agreements a negotiation report lists.",
)
@click.option(
    "--linkage/--no-linkage",
    default=True,
    show_default=True,
    help="Include the issue-linkage analysis of a negotiation.",
)
def solve(
    file: Path, scenarios: tuple[str, ...], fmt: str, output: Path | None, top: int, linkage: bool
) -> None:
    """Solve a game with every solver that applies to its kind, and report."""
    from negotiate.analysis import SolveOptions, analyse
    from negotiate.io import load
    from negotiate.report import render, render_many

    options = SolveOptions(top=top, linkage=linkage)
    if len(scenarios) <= 1:
        game = load(file, scenarios[0] if scenarios else None)
        write_output(render(analyse(game, options), fmt), output)
        return
    analyses = [analyse(load(file, scenario), options) for scenario in scenarios]
    write_output(render_many(analyses, fmt), output)
