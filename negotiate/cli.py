"""The ``negotiate`` command: parses arguments, calls the library, prints. No game theory here.

Every :class:`~negotiate.errors.NegotiateError` is turned into one line on standard error and
exit status 2, in one place (:class:`_Commands`), so users never see a traceback for bad input.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from negotiate._version import __version__
from negotiate.cli_params import (
    FILE,
    FORMAT,
    OUTPUT,
    html_needs_figures,
    output_target,
    plot_option,
    progress,
    shown_progress,
    write_output,
)
from negotiate.errors import GameFileWarning, NegotiateError, one_line

if TYPE_CHECKING:
    from negotiate.options import SolveOptions

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


@main.command()
@click.argument("files", nargs=-1, required=True, type=FILE)
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
@FORMAT
def games(fmt: str) -> None:
    """List the shipped games: id, kind, title and scenarios (each id works in place of a file)."""
    from negotiate.io.catalog import shipped_games
    from negotiate.report.catalog import render

    click.echo(render(shipped_games(), fmt), nl=False)


@main.command()
@click.argument("file", type=FILE)
@click.option(
    "--scenario",
    "-s",
    "scenarios",
    multiple=True,
    metavar="ID",
    help="Report this scenario alone; repeat to compare scenarios side by side (default: the "
    "base game, with every scenario's headline beside it).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json", "html"]),
    default="text",
    show_default=True,
    callback=html_needs_figures,
    help="How to print the result; html: one self-contained page with the figures.",
)
@OUTPUT
@plot_option("the main figure of the game's kind (of the first scenario given)")
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
    file: Path,
    scenarios: tuple[str, ...],
    fmt: str,
    output: Path | None,
    figure: Path | None,
    top: int,
    linkage: bool,
) -> None:
    """Solve a game with every solver that applies to its kind, and report."""
    from negotiate.analysis import SolveOptions
    from negotiate.io import load

    options = SolveOptions(top=top, linkage=linkage)
    _game_file(file)
    games = [load(file, scenario) for scenario in scenarios or (None,)]
    if figure is not None:
        from negotiate.plot import KINDS_WITH_FIGURES

        if games[0].kind not in KINDS_WITH_FIGURES:
            raise NegotiateError(f"{file}: --plot: there is no figure of {games[0].kind} games")
    with shown_progress():  # the indices a report reads are computed as it reads them
        text = _solved(games, options, figure, bool(scenarios), fmt)
    write_output(text, output)


def _solved(
    games: list[Any], options: SolveOptions, figure: Path | None, chosen: bool, fmt: str
) -> str:
    """The report of ``solve`` (saving the figure, if asked): one game, several scenarios
    chosen, or a negotiation's scenarios side by side (``chosen``: scenarios were named)."""
    from negotiate.analysis import analyse
    from negotiate.model import NegotiationGame
    from negotiate.report import render, render_many, render_with_scenarios

    analyses = [analyse(game, options) for game in games]
    if figure is not None:
        from negotiate.plot import figures, save

        save(figures(analyses[0])[0][1], figure)
    if len(analyses) > 1:
        return render_many(analyses, fmt)
    base = games[0]
    if chosen or not isinstance(base, NegotiationGame) or not base.scenarios:
        return render(analyses[0], fmt)
    variants = [analyse(base.with_scenario(s.id), options) for s in base.scenarios]
    return render_with_scenarios(analyses[0], variants, fmt)


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
@click.argument("file", type=FILE)
@click.option("--scenario", "-s", metavar="ID", help="Merge this scenario into the game.")
@FORMAT
@OUTPUT
@click.option(
    "--link",
    metavar="ISSUE,ISSUE,...",
    help="Also analyse this linkage (issue ids joined by commas) against the full one.",
)
@plot_option("each party's utility issue by issue and linked")
def linkage_command(
    file: Path,
    scenario: str | None,
    fmt: str,
    output: Path | None,
    link: str | None,
    figure: Path | None,
) -> None:
    """What linking a negotiation's issues buys each party, issue by issue and as a package."""
    from negotiate.negotiation.linkage import linkage
    from negotiate.report.linkage import render

    game = _negotiation(_game_file(file), scenario)
    issues = [part.strip() for part in link.split(",") if part.strip()] if link else None
    result = linkage(game, issues)
    if figure is not None:
        from negotiate.plot import linkage_gains, save

        save(linkage_gains(result), figure)
    write_output(render(result, fmt), output)


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
@click.argument("file", type=FILE)
@click.option(
    "--vary",
    "specs",
    required=True,
    multiple=True,
    metavar="PATH=LOW:HIGH:STEPS",
    help="The number to vary and its range; give it twice for a regime map over two numbers. "
    "Negotiations: values.ACTOR.ISSUE.OPTION, party.PARTY.FIELD (power, discount, "
    "reservation), ratification.PARTY.quota, constituency.CONSTITUENCY.weight, "
    "interaction.ID.value, transfer.ID.max, transfer.ID.values.ACTOR, "
    "probability.constituency.ID.K / probability.ratification.PARTY.K; other kinds: "
    "payoffs.PLAYER.STRATEGY..., node.NODE.payoffs.PLAYER, value.COALITION, game.quota, "
    "bloc.BLOC.weight, rule.K.need.BLOC, game.points.K.PLAYER, game.pie, "
    "player.PLAYER.FIELD (docs/robustness.md). STEPS evenly spaced values, both ends included.",
)
@click.option("--scenario", "-s", metavar="ID", help="Merge this scenario into the game first.")
@FORMAT
@OUTPUT
@plot_option("the sweep (one number: a negotiation's utilities; two: the regime map)")
def sweep_command(
    file: Path,
    specs: tuple[str, ...],
    scenario: str | None,
    fmt: str,
    output: Path | None,
    figure: Path | None,
) -> None:
    """How a game's conclusions change as one or two of its numbers vary: a negotiation's
    linkage analysis per value, or the headline conclusion (the regime) per value or cell."""
    if len(specs) > 2:
        raise click.BadParameter("give one or two --vary options", param_hint="'--vary'")
    varied = [_vary_option(spec) for spec in specs]
    from negotiate.io import load

    game = load(_game_file(file), scenario)
    if figure is not None and len(varied) == 1 and game.kind != "negotiation":
        raise click.BadParameter(
            "--plot of a game that is not a negotiation draws a regime map: give two --vary",
            param_hint="'--plot'",
        )
    if game.kind == "negotiation" and len(varied) == 1:
        _linkage_sweep(game, varied[0], fmt, output, figure)
        return
    _regime_sweep(game, varied, fmt, output, figure)


def _linkage_sweep(
    game: Any, varied: tuple[str, Any, Any, int], fmt: str, output: Path | None, figure: Path | None
) -> None:
    import sys

    from negotiate.negotiation.sweep import Sweep, parameter_value, steps, sweep_points
    from negotiate.report.sweep import render

    path, low, high, count = varied
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
        from negotiate.plot import save, sweep_figure

        save(sweep_figure(result), figure)
    write_output(render(result, fmt), output)


def _regime_sweep(
    game: Any,
    varied: list[tuple[str, Any, Any, int]],
    fmt: str,
    output: Path | None,
    figure: Path | None,
) -> None:
    import math

    from negotiate.model import paths
    from negotiate.negotiation import sweep
    from negotiate.report.regimes import render
    from negotiate.robust.grid import regime_sweep
    from negotiate.studies import headline

    negotiation = game.kind == "negotiation"
    value_of = sweep.parameter_value if negotiation else paths.parameter_value
    vary = sweep.vary if negotiation else paths.vary
    for path, *_ in varied:
        value_of(game, path)  # an unknown path fails here, before any work
    cells = math.prod(count for *_, count in varied)
    with progress(cells, "Sweeping", cells >= _LONG_SWEEP) as update:
        result = regime_sweep(
            game,
            [path for path, *_ in varied],
            [sweep.steps(low, high, count) for _, low, high, count in varied],
            headline,
            update,
            value_of,
            vary,
        )
    if figure is not None:
        from negotiate.plot import regime_map, save

        save(regime_map(result), figure)
    write_output(render(result, fmt), output)


_LONG_STUDY = 20_000
"""Robustness studies with at least this many samples show a progress bar on standard error."""


@main.command("robustness")
@click.argument("file", type=FILE)
@click.option("--scenario", "-s", metavar="ID", help="Merge this scenario into the game first.")
@click.option(
    "--samples",
    type=click.IntRange(min=1),
    help="How many samples (default: 10,000; 2,000 for voting bodies and bargaining problems, "
    "whose samples are each solved anew).",
)
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True)
@click.option(
    "--spread",
    metavar="X",
    help="Vary every judgement number within +-X: part-worths, interaction values and "
    "constituency weights; payoffs; worths; weights and quotas; bargaining utilities "
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
@FORMAT
@OUTPUT
@plot_option("a tornado chart of the margins and the shares")
def robustness_command(
    file: Path,
    scenario: str | None,
    samples: int | None,
    seed: int,
    spread: str | None,
    engine: str,
    workers: int,
    scheduler: str | None,
    fmt: str,
    output: Path | None,
    figure: Path | None,
) -> None:
    """How far each conclusion of a game survives its uncertain numbers: shares of samples,
    one-at-a-time margins and the numbers that matter most (any kind of game)."""

    from negotiate.exact.numbers import parse_number
    from negotiate.io import load
    from negotiate.limits import check
    from negotiate.report.robustness import render
    from negotiate.studies import kind_spec, robustness

    if samples is not None:
        check("samples", samples, "--samples")
    game = load(_game_file(file), scenario)
    if samples is None:
        samples = 10_000 if game.kind == "negotiation" else kind_spec(game.kind).samples
    width = parse_number(spread, "--spread") if spread is not None else None
    if width is not None and width < 0:
        raise click.BadParameter(f"expected a number >= 0 (got {spread})", param_hint="'--spread'")
    with progress(samples, "Sampling", samples >= _LONG_STUDY) as update:
        result = robustness(
            game,
            samples=samples,
            seed=seed,
            spread=width,
            engine=engine,
            workers=workers,
            scheduler=scheduler,
            progress=update,
        )
    if figure is not None:
        from negotiate.plot import save, tornado

        save(tornado(result), figure)
    write_output(render(result, fmt), output)


@main.command()
@click.argument("source", type=FILE)
@click.argument("target", type=click.Path(path_type=Path), callback=output_target)
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
