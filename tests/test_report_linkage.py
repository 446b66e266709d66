"""Tests of negotiate.report.linkage: the blocks and JSON say what the analysis found."""

from __future__ import annotations

import json
from fractions import Fraction

from linkage_games import enforcement_game, logroll, nafta

from negotiate.negotiation.linkage import linkage
from negotiate.report.document import Heading, Table
from negotiate.report.linkage import document_blocks, render, to_json


def test_json_has_the_contract_keys():
    """The linkage object carries every key of FORMAT.md, exact numbers as strings."""
    out = to_json(linkage(nafta()))
    for key in (
        "separate",
        "separate_combined",
        "linked",
        "gains",
        "minimal_feasible",
        "issue_values",
        "enforcement",
    ):
        assert key in out
    assert out["separate"]["trade"] == {
        "feasible": True,
        "package": {"trade": "nafta", "labor": "none"},
        "utilities": {"us": "3", "mx": "1"},
        "blocked_by": [],
    }
    assert out["separate_combined"]["ratified"] is False
    assert out["separate_combined"]["package"] == {"trade": "nafta", "labor": "mobility"}
    assert out["linked"]["package"] == {"trade": "nafta", "labor": "none"}
    assert out["gains"] == {"us": "0", "mx": "-3"}
    assert out["minimal_feasible"] == [["trade"], ["labor"]]
    assert sum(Fraction(v) for v in out["issue_values"].values()) == Fraction(out["joint_gain"])


def test_json_infeasible_issue_has_null_package_and_blockers():
    """An issue with no separate agreement has package null and names who blocks it."""
    out = to_json(linkage(logroll()))
    assert out["separate"]["trade"]["package"] is None
    assert out["separate"]["trade"]["blocked_by"] == [
        {"party": "mx", "executive": True, "constituencies": ["unions"]}
    ]
    assert out["enforcement"] == {"separate": {}, "linked": {"us": "0", "mx": "0"}}


def test_json_enforcement_and_chosen():
    """Critical discount factors and a chosen linkage appear as exact strings."""
    out = to_json(linkage(enforcement_game(), link=["a"]))
    assert out["enforcement"]["separate"]["a"] == {"us": "3/4", "mx": "0"}
    assert out["enforcement"]["linked"] == {"us": "3/5", "mx": "3/5"}
    assert out["chosen"]["package"] == {"a": "keep", "b": "none"}
    assert out["chosen"]["combined"] == {
        "package": {"a": "keep", "b": "keep"},
        "ratified": True,
        "utilities": {"us": "2", "mx": "2"},
    }
    assert out["chosen"]["gains"] == {"us": "0", "mx": "0"}
    assert out["chosen"]["shortfall"] == {"us": "0", "mx": "0"}


def test_render_json_has_envelope():
    """`render(..., "json")` wraps the linkage object in the result envelope."""
    obj = json.loads(render(linkage(logroll()), "json"))
    assert obj["format"] == "negotiate-result/1"
    assert obj["game"] == {"id": "logroll", "kind": "negotiation", "title": "Trade for visas"}
    assert obj["linkage"]["linked"]["package"] == {"trade": "open", "visas": "many"}


def test_blocks_start_with_a_section_heading():
    """The negotiation report can append the blocks under one level-2 heading."""
    blocks = document_blocks(linkage(logroll()))
    assert blocks[0] == Heading("Issue linkage", 2)
    tables = [b for b in blocks if isinstance(b, Table)]
    assert tables[0].rows[0] == (
        "trade",
        "no agreement (closed stays)",
        "0",
        "0",
        "mx (its executive, unions)",
    )


def test_text_says_what_linkage_does():
    """The text report names the failed combination and the issues only linkage moves."""
    text = render(linkage(nafta()))
    assert "us would not ratify them as a whole" in text
    assert "trade; labor" in text
    logrolled = render(linkage(logroll()), "markdown")
    assert "Only linkage moves trade, visas off the status quo." in logrolled
    assert "| us | 0 | 1 | 1 |" in logrolled


def test_negotiation_analysis_includes_linkage_unless_asked_not_to():
    """`negotiate solve` analyses carry the linkage analysis by default, and drop it on request."""
    from negotiate.analysis import SolveOptions, analyse
    from negotiate.report import render

    game = nafta()
    analysis = analyse(game)
    assert analysis.linkage is not None
    assert analysis.linkage.linked.package == ("nafta", "none")
    out = json.loads(render(analysis, "json"))
    assert out["linkage"]["separate_combined"]["ratified"] is False
    assert "Issue linkage" in render(analysis, "text")
    bare = analyse(game, SolveOptions(linkage=False))
    assert bare.linkage is None
    assert "linkage" not in json.loads(render(bare, "json"))
    assert "Issue linkage" not in render(bare, "markdown")


def test_no_deal_report_still_explains_linkage():
    """Without any deal the negotiation report still says who blocks each issue."""
    from negotiate.analysis import analyse
    from negotiate.model import Issue, NegotiationGame, Party
    from negotiate.report import render

    game = NegotiationGame(
        id="stuck",
        title="Stuck",
        parties=[Party(id="us", values={"a": {"y": 1}}), Party(id="mx", values={"a": {"y": -1}})],
        issues=[Issue(id="a", options=["n", "y"])],
    )
    text = render(analyse(game), "text")
    assert "No deal" in text and "mx (its executive)" in text


def test_cli_solve_scenarios_compare_linkage(runner):
    """Comparing scenarios adds the gains from linkage; --no-linkage leaves them out."""
    from pathlib import Path

    from negotiate.cli import main

    game = str(Path(__file__).resolve().parent.parent / "games" / "whole_enchilada.toml")
    args = ["solve", game, "-s", "spring_2001", "-s", "post_9_11", "--format", "markdown"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "| spring_2001 | yes | 125 | 164 | 175 | +9 | +10 |" in result.stdout
    assert "| post_9_11 | yes | 15 | 31 | 180 | -1 | +6 |" in result.stdout
    result = runner.invoke(main, [*args, "--no-linkage"])
    assert "linkage gain" not in result.stdout
