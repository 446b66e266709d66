"""The ``negotiate`` command: parses arguments, calls the library, prints. No game theory here.

Every :class:`~negotiate.errors.NegotiateError` is turned into one line on standard error and
exit status 2, in one place (:class:`_Commands`), so users never see a traceback for bad input.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from pathlib import Path
from typing import Any

import click

from negotiate._version import __version__
from negotiate.errors import GameFileWarning, NegotiateError, one_line

__all__ = ["main"]


class _Commands(click.Group):
    """A command group that reports the library's errors as messages with exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        from negotiate.limits import Limits, using

        try:
            with using(ctx.meta.get("negotiate.limits", Limits())), warnings.catch_warnings():
                warnings.simplefilter("always", GameFileWarning)
                warnings.showwarning = _show_warning
                return super().invoke(ctx)
        except NegotiateError as error:
            message = str(error)
            file = ctx.meta.get("negotiate.file")
            if file and not message.startswith(file):
                message = f"{file}: solving: {message}"
            click.echo(f"negotiate: error: {one_line(message)}", err=True)
            ctx.exit(2)


def _show_warning(message: Warning | str, category: type[Warning], *args: Any, **kw: Any) -> None:
    """Print a warning about a game file as one line on standard error."""
    if issubclass(category, GameFileWarning):
        click.echo(f"negotiate: warning: {one_line(str(message))}", err=True)
    else:
        click.echo(f"negotiate: warning: {one_line(f'{category.__name__}: {message}')}", err=True)


def _game_file(file: Path) -> Path:
    """Note ``file`` as the game the command works on, so that its errors name it."""
    click.get_current_context().meta["negotiate.file"] = str(file)
    return file


def _limits_option(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """Read ``--limits NAME=N,...`` (see docs/untrusted.md), to be in force while a command runs."""
    from negotiate.limits import parse

    try:
        ctx.meta["negotiate.limits"] = parse(value or "")
    except NegotiateError as error:
        raise click.BadParameter(str(error), param_hint="'--limits'") from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__,
    prog_name="negotiate",
    message=f"%(prog)s %(version)s (from {os.path.dirname(os.path.abspath(__file__))})",
)
@click.option(
    "--limits",
    metavar="NAME=N,...",
    envvar="NEGOTIATE_LIMITS",
    expose_value=False,
    callback=_limits_option,
    help="Raise (or lower) size limits, e.g. packages=5000000,cells=200000 (docs/untrusted.md).",
)
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


def _output_target(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
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


_FILE = _GameFile()
"""A game file or a shipped game's id; the loader refuses missing and special files with one
line."""
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
    type=click.Path(path_type=Path),
    callback=_output_target,
    help="Write the result to this file (atomically) instead of standard output.",
)


@main.command()
@click.argument("files", nargs=-1, required=True, type=_FILE)
@click.option("--strict", is_flag=True, help="Treat warnings about suspicious input as errors.")
def validate(files: tuple[Path, ...], strict: bool) -> None:
    """Check game files and print a one-line summary of each; warnings go to standard error."""
    from negotiate.io import load
    from negotiate.report.summary import summary

    failed = 0
    for path in files:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", GameFileWarning)
            try:
                game = load(path)
            except NegotiateError as error:
                click.echo(f"negotiate: error: {one_line(str(error))}", err=True)
                failed += 1
                continue
        level = "error" if strict else "warning"
        for warning in caught:
            click.echo(f"negotiate: {level}: {one_line(str(warning.message))}", err=True)
        if strict and caught:
            failed += 1
            continue
        click.echo(f"{path}: ok: {summary(game)}")
    if failed:
        raise click.exceptions.Exit(2)


@main.command()
@_FORMAT
def games(fmt: str) -> None:
    """List the shipped games: id, kind, title and scenarios (each id works in place of a file)."""
    from negotiate.io.catalog import shipped_games
    from negotiate.report.catalog import render

    click.echo(render(shipped_games(), fmt), nl=False)


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
    _game_file(file)
    if len(scenarios) <= 1:
        game = load(file, scenarios[0] if scenarios else None)
        write_output(render(analyse(game, options), fmt), output)
        return
    analyses = [analyse(load(file, scenario), options) for scenario in scenarios]
    write_output(render_many(analyses, fmt), output)


def _negotiation(file: Path, scenario: str | None) -> Any:
    """Load ``file`` (with ``scenario``) and check that it is a negotiation."""
    from negotiate.errors import UnsupportedGameError
    from negotiate.io import load

    game = load(file, scenario)
    if game.kind != "negotiation":
        raise UnsupportedGameError(
            f'{file}: game.kind: this command analyses negotiations (kind = "negotiation"), '
            f"not {game.kind} games"
        )
    return game


@main.command("linkage")
@click.argument("file", type=_FILE)
@click.option("--scenario", "-s", metavar="ID", help="Merge this scenario into the game.")
@_FORMAT
@_OUTPUT
@click.option(
    "--link",
    metavar="ISSUE,ISSUE,...",
    help="Also analyse this linkage (issue ids joined by commas) against the full one.",
)
def linkage_command(
    file: Path, scenario: str | None, fmt: str, output: Path | None, link: str | None
) -> None:
    """What linking a negotiation's issues buys each party, issue by issue and as a package."""
    from negotiate.negotiation.linkage import linkage
    from negotiate.report.linkage import render

    game = _negotiation(_game_file(file), scenario)
    issues = [part.strip() for part in link.split(",") if part.strip()] if link else None
    write_output(render(linkage(game, issues), fmt), output)


def _vary_option(value: str) -> tuple[str, Any, Any, int]:
    """Split ``PATH=LOW:HIGH:STEPS``."""
    from negotiate.errors import InvalidGameError
    from negotiate.exact.numbers import parse_number
    from negotiate.limits import check

    path, equals, bounds = value.partition("=")
    parts = bounds.split(":")
    if not equals or not path or len(parts) != 3:
        raise click.BadParameter(
            f"expected PATH=LOW:HIGH:STEPS, e.g. values.us.security.joint=0:10:11 (got {value!r})",
            param_hint="'--vary'",
        )
    try:
        low, high = parse_number(parts[0]), parse_number(parts[1])
    except InvalidGameError as error:
        raise click.BadParameter(error.message, param_hint="'--vary'") from None
    try:
        count = int(parts[2])
    except ValueError:
        count = 0
    if count < 1:
        raise click.BadParameter(
            f"STEPS must be a whole number of at least 1 (got {parts[2]!r})", param_hint="'--vary'"
        )
    check("steps", count, "--vary", "steps")
    return path.strip(), low, high, count


_LONG_SWEEP = 10
"""Sweeps with at least this many steps show a progress bar on standard error."""


@main.command("sweep")
@click.argument("file", type=_FILE)
@click.option(
    "--vary",
    "spec",
    required=True,
    metavar="PATH=LOW:HIGH:STEPS",
    help="The number to vary and its range: values.ACTOR.ISSUE.OPTION, party.PARTY.FIELD "
    "(power, discount, reservation), ratification.PARTY.quota, "
    "constituency.CONSTITUENCY.weight, transfer.ID.max, transfer.ID.values.ACTOR or "
    "probability.constituency.ID.K / probability.ratification.PARTY.K (the K-th value's "
    "probability, the others rescaled); STEPS evenly spaced values, both ends included.",
)
@click.option("--scenario", "-s", metavar="ID", help="Merge this scenario into the game first.")
@_FORMAT
@_OUTPUT
@click.option(
    "--plot",
    "figure",
    type=click.Path(path_type=Path),
    callback=_output_target,
    help="Also draw utilities and regime changes across the range (needs matplotlib).",
)
def sweep_command(
    file: Path,
    spec: str,
    scenario: str | None,
    fmt: str,
    output: Path | None,
    figure: Path | None,
) -> None:
    """How the agreement set, the Nash package and the gains from linkage change as one
    number of a negotiation varies."""
    import sys

    from negotiate.negotiation.sweep import Sweep, parameter_value, steps, sweep_points
    from negotiate.report.sweep import plot, render

    path, low, high, count = _vary_option(spec)
    game = _negotiation(_game_file(file), scenario)
    parameter_value(game, path)  # an unknown path fails here, before any work
    points = sweep_points(game, path, steps(low, high, count))
    if count >= _LONG_SWEEP:
        with click.progressbar(
            points, length=count, label=f"Sweeping {path}", file=sys.stderr
        ) as bar:
            collected = tuple(bar)
    else:
        collected = tuple(points)
    result = Sweep(game=game, path=path, points=collected)
    if figure is not None:
        plot(result, figure)
    write_output(render(result, fmt), output)


_LONG_STUDY = 20_000
"""Robustness studies with at least this many samples show a progress bar on standard error."""


@main.command("robustness")
@click.argument("file", type=_FILE)
@click.option("--scenario", "-s", metavar="ID", help="Merge this scenario into the game first.")
@click.option("--samples", type=click.IntRange(min=1), default=10_000, show_default=True)
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True)
@click.option(
    "--spread",
    metavar="X",
    help="Vary every part-worth, interaction value and constituency weight within +-X "
    "(overrides the file's [uncertainty] spread; default: the file's, else 1).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: a process pool of --workers; dask: a Dask cluster (pip install "
    "'.[distributed]' from the checkout).",
)
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="The Dask scheduler to use (default: a LocalCluster of --workers workers).",
)
@_FORMAT
@_OUTPUT
@click.option(
    "--plot",
    "figure",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also draw a tornado chart of the margins and the shares (needs matplotlib).",
)
def robustness_command(
    file: Path,
    scenario: str | None,
    samples: int,
    seed: int,
    spread: str | None,
    engine: str,
    workers: int,
    scheduler: str | None,
    fmt: str,
    output: Path | None,
    figure: Path | None,
) -> None:
    """How far each conclusion of a negotiation survives its uncertain numbers: shares of
    samples, one-at-a-time margins and the numbers that matter most."""
    import sys
    from contextlib import nullcontext

    from negotiate.exact.numbers import parse_number
    from negotiate.limits import check
    from negotiate.negotiation.robustness import robustness
    from negotiate.report.robustness import plot, render

    check("samples", samples, "--samples")
    game = _negotiation(file, scenario)
    width = parse_number(spread, "--spread") if spread is not None else None
    if width is not None and width < 0:
        raise click.BadParameter(f"expected a number >= 0 (got {spread})", param_hint="'--spread'")
    long = samples >= _LONG_STUDY
    bar: Any = (
        click.progressbar(length=samples, label="Sampling", file=sys.stderr)
        if long
        else nullcontext()
    )
    with bar:
        result = robustness(
            game,
            samples=samples,
            seed=seed,
            spread=width,
            engine=engine,
            workers=workers,
            scheduler=scheduler,
            progress=bar.update if long else None,
        )
    if figure is not None:
        plot(result, figure)
    write_output(render(result, fmt), output)


@main.command()
@click.argument("source", type=_FILE)
@click.argument("target", type=click.Path(path_type=Path), callback=_output_target)
def convert(source: Path, target: Path) -> None:
    """Convert a game between negotiate/1 TOML and Gambit's .nfg / .efg, by file extension.

    Strategic games go to .nfg, game trees to .efg, either to .toml. Exact numbers stay exact.
    """
    from negotiate.io.gambit import convert as convert_game

    _game_file(source)
    try:
        text = convert_game(source, target.suffix)
    except ValueError as error:
        if isinstance(error, NegotiateError):
            raise
        raise click.UsageError(str(error)) from None
    write_output(text, target)
