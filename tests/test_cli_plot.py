"""``--plot FILE`` on solve, sweep, robustness and linkage, and ``solve --format html``: the
plot extra and the file name are checked before any work; the page is self-contained."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from negotiate.cli import main

ROOT = Path(__file__).resolve().parent.parent
GAME = str(ROOT / "games" / "whole_enchilada.toml")
HINT = 'pip install ".[plot]"'


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["solve", GAME], "utility.svg"),
        (["solve", str(ROOT / "games" / "ratification_game.toml")], "tree.png"),
        (["linkage", GAME], "linkage.svg"),
        (["sweep", GAME, "--vary", "party.mx.power=1:4:4"], "sweep.png"),
        (["robustness", GAME, "--samples", "50"], "tornado.svg"),
    ],
)
def test_plot_writes_png_or_svg_by_suffix(runner, tmp_path, args, name):
    figure = tmp_path / name
    result = runner.invoke(main, [*args, "--plot", str(figure)])
    assert result.exit_code == 0, result.output
    head = figure.read_bytes()[:200]
    if name.endswith(".png"):
        assert head[:8] == b"\x89PNG\r\n\x1a\n"
    else:
        assert b"<svg" in head


def test_solve_plot_draws_the_utility_space_as_text(runner, tmp_path):
    """The SVG keeps its text as text: the solutions' names are searchable in the file."""
    figure = tmp_path / "space.svg"
    assert runner.invoke(main, ["solve", GAME, "--plot", str(figure)]).exit_code == 0
    svg = figure.read_text(encoding="utf-8")
    assert "Kalai-Smorodinsky (KS)" in svg and "utility of U.S. executive" in svg


def _forbid_work(monkeypatch):
    """Make any analysis fail loudly, to show a check ran before it."""

    def boom(*args, **kwargs):
        raise AssertionError("work started before the check")

    monkeypatch.setattr("negotiate.analysis.analyse", boom)
    monkeypatch.setattr("negotiate.negotiation.sweep.sweep_points", boom)
    monkeypatch.setattr("negotiate.negotiation.robustness.robustness", boom)


@pytest.mark.parametrize(
    "args",
    [
        ["solve", GAME, "--plot", "x.png"],
        ["solve", GAME, "--format", "html"],
        ["sweep", GAME, "--vary", "party.mx.power=1:4:4", "--plot", "x.svg"],
        ["robustness", GAME, "--plot", "x.png"],
        ["linkage", GAME, "--plot", "x.png"],
    ],
)
def test_without_matplotlib_one_line_and_exit_2_before_any_work(
    runner, tmp_path, monkeypatch, args
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    _forbid_work(monkeypatch)
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("negotiate: error: ") and HINT in lines[0]
    assert "negotiate[plot]" not in lines[0]
    assert not list(tmp_path.iterdir())


def test_plot_refuses_other_suffixes_and_figureless_kinds(runner, tmp_path, monkeypatch):
    _forbid_work(monkeypatch)
    result = runner.invoke(main, ["solve", GAME, "--plot", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
    assert "--plot writes .png or .svg files" in result.stderr
    monkeypatch.undo()
    normal = str(ROOT / "games" / "hunker_down_border.toml")
    result = runner.invoke(main, ["solve", normal, "--plot", str(tmp_path / "x.png")])
    assert result.exit_code == 2
    assert "there is no figure of normal_form games" in result.stderr


def test_html_brief_is_self_contained(runner, tmp_path):
    """One page: a doctype, inline style, every figure inline as SVG, nothing fetched."""
    page = tmp_path / "brief.html"
    result = runner.invoke(main, ["solve", GAME, "--format", "html", "-o", str(page)])
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert text.count("<svg") == 3 == text.count("<figcaption>")
    assert "@media print" in text
    for fetch in ("<script", "<link", "<img", "<iframe", "@import", "url(http", 'src="http'):
        assert fetch not in text
    hrefs = re.findall(r'href="([^"]*)"', text)
    assert all(h.startswith("#") for h in hrefs), hrefs
    assert "<h1>The &#x27;whole enchilada&#x27;" in text  # titles are escaped


def test_html_brief_of_several_scenarios_names_them(runner, tmp_path):
    page = tmp_path / "brief.html"
    args = ["solve", GAME, "-s", "spring_2001", "-s", "post_9_11", "--format", "html"]
    result = runner.invoke(main, [*args, "-o", str(page)])
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    assert text.count("<svg") == 6
    assert "Scenario spring_2001: " in text and "Scenario post_9_11: " in text
