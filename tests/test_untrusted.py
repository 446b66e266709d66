"""Untrusted input: every file ends in a result or one short, located line, quickly.

Each test pins one way a file used to crash, hang or mislead (see docs/untrusted.md).
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from negotiate.cli import main
from negotiate.errors import GameFileError
from negotiate.exact.numbers import parse_number
from negotiate.io import load, loads
from negotiate.io._locate import line_of
from negotiate.limits import parse, using

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
    start = time.monotonic()
    assert "a character device" in error_line(runner, Path("/dev/zero"))
    assert time.monotonic() - start < 2


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
    """An integer of 5,000 digits made tomllib raise ValueError, a traceback."""
    path = tmp_path / "long.toml"
    path.write_text(HEAD + "pie = " + "7" * 5000 + "\n" + PLAYERS)
    assert "long.toml:6: a number is over the limit of 100 digits" in error_line(runner, path)


def test_long_values_are_shortened_and_kept_on_one_line(runner, tmp_path: Path):
    """One stderr line was 5 MB; a multi-line `kind` made three lines."""
    path = tmp_path / "long.toml"
    path.write_text(HEAD.replace('"bargaining"', '"""bar\ngain\ning"""') + PLAYERS)
    line = error_line(runner, path)
    assert "unknown kind" in line
    path.write_text(HEAD + f'pie = "{"x" * 5_000_000}"\n' + PLAYERS)
    line = error_line(runner, path)
    assert "…" in line and "game.pie" in line


def test_huge_unknown_key_does_not_hang(runner, tmp_path: Path):
    path = tmp_path / "key.toml"
    path.write_text(HEAD + "pie = 1\n" + "k" * 200_000 + " = 1\n" + PLAYERS)
    start = time.monotonic()
    assert "unknown key" in error_line(runner, path)
    assert time.monotonic() - start < 5


def test_header_scan_is_linear():
    """The header regular expression backtracked in cubic time: a 6 KB line held for minutes."""
    text = "[" + " " * 20_000 + "a" + " " * 20_000 + "\n" + "x = 1\n"
    start = time.monotonic()
    assert line_of(text, "x") == 2
    assert time.monotonic() - start < 1


# -- numbers ------------------------------------------------------------------------------------


def test_huge_exponent_refused_instantly():
    """``pie = "1e999999999"`` computed 10^999999999."""
    start = time.monotonic()
    with pytest.raises(GameFileError, match=r"b.toml:6: game.pie: exponent 999999999 is beyond"):
        loads(HEAD + 'pie = "1e999999999"\n' + PLAYERS, source="b.toml")
    assert time.monotonic() - start < 1


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
