"""Untrusted input: every file ends in a result or one short, located line, quickly.

Each test pins one way a file used to crash, hang or mislead (see docs/untrusted.md).
"""

from __future__ import annotations

import decimal
import math
import os
import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest

from negotiate.cli import main
from negotiate.errors import GameFileError
from negotiate.exact.numbers import parse_number
from negotiate.io import load, loads
from negotiate.io._locate import line_of
from negotiate.limits import parse, using


@contextmanager
def no_hang(seconds: float) -> Iterator[None]:
    """Fail if the block spends more than ``seconds`` of processor time: a hang guard with bounds
    many times the expected cost, not a speed measurement (processor time, so a loaded machine
    does not trip it)."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise AssertionError(f"still running after {seconds} s of processor time: a hang")

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


GAMES = Path(__file__).resolve().parent.parent / "games"
HEAD = 'format = "negotiate/1"\n[game]\nid = "b"\nkind = "bargaining"\ntitle = "B"\n'
PLAYERS = '[[player]]\nid = "us"\n[[player]]\nid = "mx"\n'


def error_line(runner, path: Path, *args: str) -> str:
    """Run ``negotiate validate path``; assert exit 2 and one short line; return it."""
    result = runner.invoke(main, [*args, "validate", str(path)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert len(lines[0]) <= len("negotiate: error: ") + 300
    assert str(path)[:40] in lines[0]
    return lines[0]


# -- reading ------------------------------------------------------------------------------------


def test_directory_refused(runner, tmp_path: Path):
    assert "a directory, not a game file" in error_line(runner, tmp_path)


def test_device_refused_before_reading(runner):
    with no_hang(2):
        assert "a character device" in error_line(runner, Path("/dev/zero"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_refused_without_blocking(runner, tmp_path: Path):
    fifo = tmp_path / "game.toml"
    os.mkfifo(fifo)
    assert "a FIFO" in error_line(runner, fifo)


def test_file_over_the_size_limit_refused_by_size(runner, tmp_path: Path):
    big = tmp_path / "big.toml"
    with big.open("wb") as stream:
        stream.truncate(65 * 2**20)
    line = error_line(runner, big)
    assert "over the limit of 67108864" in line and "--limits file_bytes=N" in line
    small = tmp_path / "small.toml"
    small.write_text(HEAD + "pie = 1\n" + PLAYERS)
    assert "file_bytes" in error_line(runner, small, "--limits", "file_bytes=10")


def test_byte_order_mark_is_skipped(tmp_path: Path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEAD + "pie = 1\n" + PLAYERS).encode())
    assert load(path).kind == "bargaining"
    assert loads("\ufeff" + HEAD + "pie = 1\n" + PLAYERS).kind == "bargaining"


def test_non_utf8_located_by_line_and_byte_offset(runner, tmp_path: Path):
    path = tmp_path / "latin.toml"
    path.write_bytes(HEAD.encode() + b'description = "caf\xe9"\n')
    offset = len(HEAD.encode()) + len(b'description = "caf')
    line = error_line(runner, path)
    assert f"latin.toml:6: not UTF-8 text: byte 0xe9 at byte offset {offset}" in line


def test_deep_nesting_is_one_located_line(runner, tmp_path: Path):
    """Arrays nested 500 deep made tomllib raise RecursionError, a traceback."""
    path = tmp_path / "deep.toml"
    path.write_text(HEAD + "pie = 1\npoints = " + "[" * 500 + "]" * 500 + "\n")
    assert "deep.toml:7: not valid TOML: arrays or inline tables nested over 64 deep" in (
        error_line(runner, path)
    )
    path.write_text(HEAD + "pie = 1\npoints = " + "[" * 100 + "]" * 100 + "\n")
    assert "nested over 64 deep" in error_line(runner, path)


def test_integer_literal_over_python_digit_limit(runner, tmp_path: Path):
    """An integer of 5,000 digits made tomllib raise ValueError, a traceback; the error names
    the key path too (it had only the line), in a table and in an array of tables."""
    path = tmp_path / "long.toml"
    path.write_text(HEAD + "pie = " + "7" * 5000 + "\n" + PLAYERS)
    expected = "long.toml:6: game.pie: a number of 5000 digits is over the limit of 100 digits"
    assert expected in error_line(runner, path)
    path.write_text(HEAD + "pie = 1\n" + PLAYERS + "[[player]]\nid = 'c'\nweight = -" + "7" * 5000)
    line = error_line(runner, path)
    assert "player[2].weight: a number of 5000 digits is over the limit of 100" in line, line


def test_long_values_are_shortened_and_kept_on_one_line(runner, tmp_path: Path):
    """One stderr line was 5 MB; a multi-line `kind` made three lines."""
    path = tmp_path / "long.toml"
    path.write_text(HEAD.replace('"bargaining"', '"""bar\ngain\ning"""') + PLAYERS)
    line = error_line(runner, path)
    assert "unknown kind" in line
    path.write_text(HEAD + f'pie = "{"x" * 5_000_000}"\n' + PLAYERS)
    line = error_line(runner, path)
    assert "…" in line and "game.pie" in line


def test_a_disagreement_that_is_not_a_string_is_one_located_line(runner, tmp_path: Path):
    """A scenario's `disagreement = 1.5` raised a TypeError while suggesting a spelling."""
    text = (GAMES / "whole_enchilada.toml").read_text(encoding="utf-8")
    path = tmp_path / "disagreement.toml"
    path.write_text(text.replace("[[scenario]]", "[[scenario]]\ndisagreement = 1.5", 1))
    line = error_line(runner, path)
    assert "scenario[0].disagreement" in line and "as a string (got 1.5)" in line


def test_huge_unknown_key_does_not_hang(runner, tmp_path: Path):
    path = tmp_path / "key.toml"
    path.write_text(HEAD + "pie = 1\n" + "k" * 200_000 + " = 1\n" + PLAYERS)
    with no_hang(5):
        assert "unknown key" in error_line(runner, path)


def test_header_scan_is_linear():
    """The header regular expression backtracked in cubic time: a 6 KB line held for minutes."""
    text = "[" + " " * 20_000 + "a" + " " * 20_000 + "\n" + "x = 1\n"
    with no_hang(1):
        assert line_of(text, "x") == 2


# -- numbers ------------------------------------------------------------------------------------


def test_huge_exponent_refused_instantly():
    """``pie = "1e999999999"`` computed 10^999999999."""
    with (
        no_hang(1),
        pytest.raises(GameFileError, match=r"b.toml:6: game.pie: exponent 999999999 is beyond"),
    ):
        loads(HEAD + 'pie = "1e999999999"\n' + PLAYERS, source="b.toml")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("9" * 101, "101 digits is over the limit of 100"),
        ("1/" + "3" * 101, "101 digits is over the limit of 100"),
        ("1e101", "exponent 101 is beyond +-100"),
        (10**101, "beyond 10^100 in absolute value"),
        (1e300, "beyond 10^100 in absolute value"),
        (float("nan"), "expected a finite number"),
        ("1" * 5000, "a number of 5000 characters is over the limit of 100 digits"),
    ],
)
def test_number_bounds(value: object, message: str):
    with pytest.raises(GameFileError.__mro__[1], match=re.escape(message)):
        parse_number(value, "x")


def test_number_bounds_can_be_raised():
    with using(parse("digits=200,magnitude_exponent=200")):
        assert parse_number("9" * 150) == 10**150 - 1
    assert parse_number("1e100") == 10**100
    assert parse_number("-2.5e-100") == -25 * parse_number(10) ** -101


# -- solvers: numerical failures at the front door ----------------------------------------------


def solve_line(runner, path: Path, *args: str) -> str | None:
    """Run ``negotiate solve``; exit 0 (``None``) or 2 with one short line naming the file."""
    result = runner.invoke(main, ["solve", str(path), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 0:
        return None
    errors = [line for line in result.stderr.splitlines() if "negotiate: error:" in line]
    assert len(errors) == 1 and str(path) in errors[0] and len(errors[0]) <= 318
    return errors[0]


def test_nucleolus_lp_failure_is_one_line(runner, tmp_path: Path):
    """A worth of 10^100 made HiGHS fail: a RuntimeError traceback from the nucleolus."""
    path = tmp_path / "glove.toml"
    path.write_text(
        'format = "negotiate/1"\n[game]\nid = "glove"\nkind = "coalition"\ntitle = "Glove"\n'
        'players = ["left", "right_1", "right_2"]\ndefault_value = 0\n[value]\n'
        f'"left+right_1" = {10**100}\n"left+right_2" = 1\n"left+right_1+right_2" = 1\n'
    )
    line = solve_line(runner, path)
    assert line is None or "solving" in line


def test_tiny_bargaining_numbers_do_not_divide_by_zero(runner, tmp_path: Path):
    """Points of size 1e-300 gave a ZeroDivisionError in the hull; floats below 10^-100 are now
    refused at load, with the location, and points at the bound solve."""
    path = tmp_path / "tiny.toml"
    text = (
        HEAD.replace("[game]\n", "[game]\n")
        + "points = [[2e-300, 10e-300], [5e-300, 8e-300], [9e-300, 1e-300]]\n"
        + '[[player]]\nid = "us"\ndisagreement = 1e-300\n[[player]]\nid = "mx"\n'
    )
    path.write_text(text)
    assert "tiny.toml:9: player[0].disagreement: 1e-300 is below 10^-100" in error_line(
        runner, path
    )
    path.write_text(text.replace("e-300", "e-100"))
    line = solve_line(runner, path)
    assert line is None or "solving" in line


def test_subnormal_payoff_refused_instead_of_hanging(runner, tmp_path: Path):
    """A payoff of 5e-324 in a three-player tree held the polynomial solver for minutes."""
    path = tmp_path / "tree.toml"
    path.write_text(
        'format = "negotiate/1"\n[game]\nid = "t"\nkind = "extensive_form"\ntitle = "T"\n'
        '[[player]]\nid = "a"\n[[node]]\nid = "r"\nplayer = "a"\n'
        'moves = { x = "e", y = "f" }\n[[node]]\nid = "e"\npayoffs = { a = 5e-324 }\n'
        '[[node]]\nid = "f"\npayoffs = { a = 1 }\n'
    )
    assert "tree.toml:14: node[1].payoffs.a: 5e-324 is below 10^-100" in error_line(runner, path)


def test_huge_power_ratio_refused_instead_of_hanging(runner, tmp_path: Path):
    """A power of 2^63 made the exact asymmetric Nash product compute g^(2^63)."""
    path = tmp_path / "power.toml"
    path.write_text(
        'format = "negotiate/1"\n[game]\nid = "p"\nkind = "negotiation"\ntitle = "P"\n'
        '[[party]]\nid = "us"\npower = 9223372036854775808\n'
        "values = { deal = { yes = 3 } }\n"
        '[[party]]\nid = "mx"\nvalues = { deal = { yes = 2 } }\n'
        '[[issue]]\nid = "deal"\noptions = ["no", "yes"]\n'
    )
    with no_hang(5):
        line = solve_line(runner, path)
        assert line is not None and "exponents summing to" in line


# -- sizes --------------------------------------------------------------------------------------


def negotiation(issues: int, options: int) -> str:
    text = 'format = "negotiate/1"\n[game]\nid = "n"\nkind = "negotiation"\ntitle = "N"\n'
    text += '[[party]]\nid = "us"\n[[party]]\nid = "mx"\n'
    names = ", ".join(f'"o{k}"' for k in range(options))
    for i in range(issues):
        text += f'[[issue]]\nid = "i{i}"\noptions = [{names}]\n'
    return text


@pytest.mark.parametrize(("issues", "count"), [(8, "100000000"), (12, "1000000000000")])
def test_too_many_packages_refused_at_load(runner, tmp_path: Path, issues: int, count: str):
    """10^8 packages ran past 4 GB; 10^12 gave a numpy allocation traceback."""
    path = tmp_path / "big.toml"
    path.write_text(negotiation(issues, 10))
    line = error_line(runner, path)
    assert f"issue: {count} packages is over the limit of 1000000" in line
    assert "--limits packages=N" in line


def test_large_strategic_games_refused_at_load(runner, tmp_path: Path):
    """A 300x300 game or a 6-player game of 10^6 cells ran for minutes."""
    strategies = ", ".join(f'"s{k}"' for k in range(300))
    path = tmp_path / "wide.toml"
    path.write_text(
        'format = "negotiate/1"\n[game]\nid = "w"\nkind = "normal_form"\ntitle = "W"\n'
        f'[[player]]\nid = "a"\nstrategies = [{strategies}]\n'
        f'[[player]]\nid = "b"\nstrategies = [{strategies}]\n[payoffs]\na = []\nb = []\n'
    )
    assert "90000 pure profiles is over the limit of 2500" in error_line(runner, path)
    ten = ", ".join(f'"s{k}"' for k in range(10))
    players = "".join(f'[[player]]\nid = "p{k}"\nstrategies = [{ten}]\n' for k in range(6))
    path.write_text(
        'format = "negotiate/1"\n[game]\nid = "w"\nkind = "normal_form"\ntitle = "W"\n'
        + players
        + '[[outcome]]\nprofile = { p0 = "s0" }\npayoffs = { p0 = 1 }\n'
    )
    assert "1000000 pure profiles is over the limit" in error_line(runner, path)


def chain(depth: int) -> str:
    text = 'format = "negotiate/1"\n[game]\nid = "t"\nkind = "extensive_form"\ntitle = "T"\n'
    text += '[[player]]\nid = "a"\n'
    for k in range(depth):
        text += (
            f'[[node]]\nid = "n{k}"\nplayer = "a"\nmoves = {{ go = "n{k + 1}", stop = "s{k}" }}\n'
        )
        text += f'[[node]]\nid = "s{k}"\npayoffs = {{ a = {k} }}\n'
    return text + f'[[node]]\nid = "n{depth}"\npayoffs = {{ a = 0 }}\n'


def test_deep_tree_ends_cleanly(runner, tmp_path: Path):
    """A tree 1,000 deep gave a RecursionError traceback."""
    path = tmp_path / "deep.toml"
    path.write_text(chain(1000))
    assert "levels of depth is over the limit of 10" in error_line(
        runner, path, "--limits", "depth=10"
    )


def test_voting_bloc_over_the_voter_limit(runner, tmp_path: Path):
    """A bloc of 5,000 voters gave an OverflowError in the report."""
    path = tmp_path / "bloc.toml"
    path.write_text(
        'format = "negotiate/1"\n[game]\nid = "v"\nkind = "weighted_voting"\ntitle = "V"\n'
        'quota = 2600\n[[bloc]]\nid = "house"\ncount = 5000\nweight = 1\n'
    )
    assert "bloc: 5000 voters is over the limit of 2000" in error_line(runner, path)


def test_coalition_size_refusal_names_file_and_key(runner, tmp_path: Path):
    players = ", ".join(f'"p{k}"' for k in range(30))
    path = tmp_path / "many.toml"
    path.write_text(
        'format = "negotiate/1"\n[game]\nid = "c"\nkind = "coalition"\ntitle = "C"\n'
        f"players = [{players}]\ndefault_value = 0\n"
    )
    assert "many.toml:6: game.players: 30 players is over the limit of 14" in error_line(
        runner, path
    )


def test_sweep_steps_limited(runner):
    game = Path(__file__).resolve().parent.parent / "games" / "whole_enchilada.toml"
    result = runner.invoke(main, ["sweep", str(game), "--vary", "party.us.power=1:2:100000"])
    assert result.exit_code == 2
    assert "100000 steps is over the limit of 1000" in result.stderr
    assert len(result.stderr.splitlines()) == 1


# -- meaning ------------------------------------------------------------------------------------

RATIFIED = (
    'format = "negotiate/1"\n[game]\nid = "r"\nkind = "negotiation"\ntitle = "R"\n'
    '[[party]]\nid = "us"\nvalues = { deal = { yes = 2 } }\n'
    '[[issue]]\nid = "deal"\noptions = ["no", "yes"]\n'
    '[[constituency]]\nid = "farm"\nparty = "us"\nweight = 100\nvalues = { deal = { yes = 1 } }\n'
    '[[constituency]]\nid = "labor"\nparty = "us"\nweight = 100\n'
    "values = { deal = { yes = -1 } }\n"
    '[[ratification]]\nparty = "us"\nquota = QUOTA\n'
)


def test_quota_above_total_weight_is_located_at_validate(runner, tmp_path: Path):
    path = tmp_path / "r.toml"
    path.write_text(RATIFIED.replace("QUOTA", "250"))
    line = error_line(runner, path)
    assert "r.toml:24: ratification[0].quota: quota 250 is above the total weight 200" in line


def test_ratification_without_constituencies(tmp_path: Path):
    text = RATIFIED.replace("QUOTA", "1").replace('party = "us"\nquota', 'party = "us"\nquota')
    text = text.split("[[constituency]]")[0] + '[[ratification]]\nparty = "us"\nquota = 0\n'
    with pytest.raises(GameFileError, match=r"ratification\[0\]\.party: party `us` has a"):
        loads(text)


def test_suspicious_input_warns_and_strict_refuses(runner, tmp_path: Path):
    """A quota of 0.5 among weights of 100 was accepted silently."""
    path = tmp_path / "r.toml"
    path.write_text(RATIFIED.replace("QUOTA", "0.5"))
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 0
    assert result.stderr.startswith(f"negotiate: warning: {path}:24: ratification[0].quota:")
    assert "below 1 among weights above 1" in result.stderr
    strict = runner.invoke(main, ["validate", "--strict", str(path)])
    assert strict.exit_code == 2 and "negotiate: error:" in strict.stderr


def test_mixed_weights_warn():
    """A constituency without a weight silently got weight 1."""
    text = RATIFIED.replace("QUOTA", "100").replace(
        "weight = 100\nvalues = { deal = { yes = -1", "values = { deal = { yes = -1"
    )
    with pytest.warns(UserWarning, match=r"constituency\[1\]: `us` has constituencies with and"):
        loads(text)


# -- output -------------------------------------------------------------------------------------


def test_output_directory_checked_before_solving(runner, tmp_path: Path):
    game = Path(__file__).resolve().parent.parent / "games" / "us_ratification.toml"
    target = tmp_path / "missing" / "out.txt"
    result = runner.invoke(main, ["solve", str(game), "--output", str(target)])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"negotiate: error: {target}: the directory {target.parent} does not exist\n"
    )


def test_output_permissions_follow_the_umask(runner, tmp_path: Path):
    game = Path(__file__).resolve().parent.parent / "games" / "us_ratification.toml"
    target = tmp_path / "out.txt"
    old = os.umask(0o022)
    try:
        result = runner.invoke(main, ["solve", str(game), "--output", str(target)])
    finally:
        os.umask(old)
    assert result.exit_code == 0
    assert target.stat().st_mode & 0o777 == 0o644


def test_council_of_two_thousand_reports_counts_beyond_floats(runner, tmp_path: Path):
    """Five permanent members and 1,995 elected ones: the count of minimal winning coalitions,
    over 10^598, overflowed a float in the report. The C(1995, 998) with all five permanent
    members and 998 elected ones dwarf those with four and 1,398 (5 C(1995, 1398), near 10^527),
    so the count shows as C(1995, 998) to four digits."""
    path = tmp_path / "council.toml"
    path.write_text(
        'format = "negotiate/1"\n[game]\nid = "c"\nkind = "weighted_voting"\ntitle = "C"\n'
        'quota = 2998\n[[bloc]]\nid = "permanent"\ncount = 5\nweight = 400\n'
        '[[bloc]]\nid = "elected"\ncount = 1995\nweight = 1\n'
    )
    result = runner.invoke(main, ["solve", str(path)])
    assert result.exit_code == 0, result.output
    expected = f"{decimal.Decimal(math.comb(1995, 998)):.4g}"
    assert f"Minimal winning coalitions: {expected}." in " ".join(result.stdout.split())


def test_robustness_samples_limited_before_any_work(runner):
    """`--limits samples=N` bounded nothing: a study of any size ran."""
    result = runner.invoke(
        main,
        [
            "--limits",
            "samples=10",
            "robustness",
            str(GAMES / "nafta_1993.toml"),
            "--samples",
            "100",
        ],
    )
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "negotiate: error: --samples: 100 samples is over the limit of 10 "
        "(raise it with --limits samples=N)"
    )


def test_scenarios_limited_before_the_model_is_built(runner, tmp_path: Path):
    """300 copies of a scenario: each was merged and checked as the game was built (validate
    ran for over 10 s), and solve analysed each."""
    text = (GAMES / "wall_and_nafta_2017.toml").read_text()
    start = text.index("[[scenario]]")
    end = text.find("\n[[", start + 1)
    block = text[start : end if end >= 0 else len(text)]
    copies = "\n".join(block.replace('id = "', f'id = "copy{k}_', 1) for k in range(300))
    path = tmp_path / "many.toml"
    path.write_text(text[:start] + copies + text[len(text[:start]) + len(block) :])
    assert "scenario: 300 scenarios is over the limit of 50" in error_line(runner, path)


def test_many_scenarios_are_checked_once_each(monkeypatch: pytest.MonkeyPatch):
    """Forty copies of a scenario: each merged game re-checked every scenario, so loading was
    cubic in their number (a fuzzed file took 40 s to solve); now each is checked once."""
    from negotiate.model.negotiation import NegotiationGame

    source = Path(__file__).resolve().parent.parent / "games" / "whole_enchilada.toml"
    text = source.read_text(encoding="utf-8")
    start = text.index('[[scenario]]\nid = "post_9_11"')
    end = text.index("[[scenario]]", start + 1)
    block = text[start:end]
    copies = "".join(block.replace('"post_9_11"', f'"copy_{k}"', 1) for k in range(40))
    calls = []
    original = NegotiationGame._check_scenario

    def counted(self, scenario, path, ratified):  # type: ignore[no-untyped-def]
        calls.append(scenario.id)
        return original(self, scenario, path, ratified)

    monkeypatch.setattr(NegotiationGame, "_check_scenario", counted)
    game = loads(text[:end] + copies + text[end:])
    assert len(game.scenarios) == 44
    assert len(calls) <= 2 * 44
