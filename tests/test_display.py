"""Games and analyses in a notebook: one-line reprs, the report as Markdown and HTML."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

import negotiate
from negotiate import analyse, load

ROOT = Path(__file__).resolve().parent.parent
GAMES = sorted((ROOT / "games").glob("*.toml"))


@pytest.mark.parametrize("path", GAMES, ids=[p.stem for p in GAMES])
def test_analyses_have_short_reprs_and_show_their_report(path):
    """Every shipped game's analysis prints as one short line naming its kind and game, and
    shows its report (bottom line first) as Markdown and as escaped HTML."""
    game = load(path)
    analysis = analyse(game)
    text = repr(analysis)
    assert "\n" not in text and len(text) < 200
    assert text.startswith(f"<{type(analysis).__name__} of {game.id!r}")
    markdown = analysis._repr_markdown_()
    assert markdown.startswith(f"# {game.title}") and "Bottom line:" in markdown
    page = analysis._repr_html_()
    assert page.startswith('<div class="negotiate-report">') and page.endswith("</div>")
    assert "<p>Bottom line:" in page and f"<h1>{html.escape(game.title)}" in page


def test_analysis_reprs_say_what_was_found():
    """The one-line repr gives the headline numbers of each kind."""
    enchilada = analyse(load(ROOT / "games" / "whole_enchilada.toml", "post_9_11"))
    assert repr(enchilada) == (
        "<NegotiationAnalysis of 'whole_enchilada', scenario 'post_9_11': 15 of 216 packages "
        "agreed, Nash census, limited, smart_border, expedited, fund>"
    )
    chicken = analyse(load(ROOT / "games" / "hunker_down_border.toml"))
    assert repr(chicken) == (
        "<NormalFormAnalysis of 'hunker_down_border': 2x2 strategies, 3 equilibria found>"
    )
    tree = analyse(load(ROOT / "games" / "ratification_game.toml"))
    assert "at least" not in repr(tree) and "29 equilibria of the reduced form found" in repr(tree)


def test_games_show_a_card():
    """A game shows its title, kind and sizes and its scenarios, not a dump of its fields."""
    game = load(ROOT / "games" / "whole_enchilada.toml")
    lines = game._repr_markdown_().splitlines()
    assert lines[0] == f"# {game.title}"
    assert (
        lines[2] == "negotiation: 2 parties, 5 issues, 216 packages, 8 constituencies, 4 scenarios"
    )
    assert "- post_9_11: After September 11" in lines
    assert "<h1>The &#x27;whole enchilada&#x27;" in game._repr_html_()


def test_html_escapes_the_file_text():
    """Text from a game file is escaped in HTML: a title cannot inject markup."""
    from negotiate.model import CoalitionGame

    game = CoalitionGame.from_values(
        id="g", title="<script>alert(1)</script>", players=["a", "b"], values={}, default_value=1
    )
    page = analyse(game)._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_the_renderer_is_registered_by_the_namespace():
    """negotiate.display renders through the report, registered by `import negotiate`."""
    from negotiate import display

    assert display.render(load(ROOT / "games" / "us_ratification.toml"), "markdown").startswith(
        "# Who holds the power to ratify"
    )
    assert negotiate.render is not None
