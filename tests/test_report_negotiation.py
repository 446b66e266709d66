"""The negotiation analysis, its report (text, Markdown, JSON), scenario comparison and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction

from negotiation_games import border_deal, one_issue

from negotiate import load
from negotiate.analysis import SolveOptions, analyse
from negotiate.cli import main
from negotiate.report import render, render_many
from negotiate.report.negotiation import compare, document, to_json
from tests.conftest import ROOT

ENCHILADA = ROOT / "games" / "whole_enchilada.toml"
NINE = {"security": "joint", "visas": "few", "regularization": "yes"}
ELEVEN = {"security": "joint", "visas": "more", "regularization": "yes"}


def test_json_has_the_contract_keys():
    """The JSON result holds exactly FORMAT.md's negotiation keys, with exact numbers as strings."""
    result = json.loads(render(analyse(border_deal()), "json"))
    assert result["format"] == "negotiate-result/1"
    assert result["game"]["kind"] == "negotiation" and result["scenario"] is None
    assert result["packages"] == 12
    assert result["status_quo"] == {"security": "none", "visas": "few", "regularization": "no"}
    assert result["win_sets"] == {"us": 7, "mx": 9}
    assert result["agreements"] == 3
    assert result["pareto"] == [
        {"package": NINE, "utilities": {"us": "1", "mx": "2"}},
        {"package": ELEVEN, "utilities": {"us": "0", "mx": "4"}},
    ]
    solutions = result["solutions"]
    assert solutions["nash"] == [{"package": NINE, "utilities": {"us": "1", "mx": "2"}}]
    assert solutions["kalai_smorodinsky"] == solutions["nash"] == solutions["egalitarian"]
    assert solutions["utilitarian"] == [{"package": ELEVEN, "utilities": {"us": "0", "mx": "4"}}]
    assert solutions["nash_lottery"] == {
        "utilities": {"us": "1", "mx": "2"},
        "lottery": [{"probability": "1", "package": NINE}],
    }
    assert solutions["proposer"]["us"]["package"] == NINE
    assert solutions["proposer"]["mx"]["package"] == ELEVEN
    assert result["pivotal"] == {"us": ["us", "hawks", "latino"], "mx": ["mx"]}


def test_json_without_a_deal_says_so_with_nulls():
    """With an empty agreement set every solution is empty, the lottery and proposers null."""
    result = to_json(analyse(one_issue({"a": [1, -1], "b": [-1, 1]})))
    assert result["agreements"] == 0 and result["pareto"] == []
    solutions = result["solutions"]
    assert all(solutions[k] == [] for k in ("nash", "kalai_smorodinsky", "egalitarian"))
    assert solutions["utilitarian"] == []
    assert solutions["nash_lottery"] is None
    assert solutions["proposer"] == {"a": None, "b": None}


def test_text_report_without_a_deal():
    """The text says 'No deal' first and lists the win-sets."""
    text = render(analyse(one_issue({"a": [1, -1], "b": [-1, 1]})), "text")
    assert "No deal" in text.split("Win-sets")[0]
    assert "Recommended" not in text


def test_text_report_reads_first_what_matters():
    """The bottom line first, then the deal, win-sets, recommended packages, who to win over."""
    text = render(analyse(border_deal()), "text")
    order = [
        "Bottom line:",
        "- Deal: yes. The Nash package: security = joint, regularization = yes",
        "Is there a deal?",
        "Yes. 3 of the 12 packages (a package is one option on every issue) are ratified",
        "Win-sets",
        "Recommended packages",
        "Who must be won over at home",
        "best agreements by Nash product",
    ]
    positions = [text.index(fragment) for fragment in order]
    assert positions == sorted(positions)
    assert "- Nash: A\n" in text and "- Utilitarian: B\n" in text
    assert "hawks (gain 2), latino (gain 3) (approving weight 65 of 100," in text
    assert "- Win over: in us, hawks (gain 2) and latino (gain 3); losing either drops" in text
    assert "scale" in text  # the utilitarian caveat


def test_markdown_report():
    """Markdown has headings and tables."""
    markdown = render(analyse(border_deal()), "markdown")
    assert markdown.startswith("# Border deal")
    assert "## Recommended packages" in markdown
    assert "| issue | status quo | A | B |" in markdown


def test_top_lists_that_many_agreements():
    """--top N (SolveOptions.top) lists the N best agreements by Nash product."""
    analysis = analyse(border_deal(), SolveOptions(top=2))
    assert [o.index for o in analysis.best] == [9, 6]  # products 2, 1 (11 gives 0)
    assert to_json(analysis)["best"][0]["package"] == NINE
    assert "The 2 best agreements" in render(analysis, "text")


def test_whole_enchilada_both_scenarios():
    """Win-sets shrink after September 11 and the Nash package moves to a smaller deal."""
    spring = analyse(load(ENCHILADA, "spring_2001"))
    after = analyse(load(ENCHILADA, "post_9_11"))
    assert spring.agreement.count > after.agreement.count > 0
    assert after.agreement.win_set_sizes["us"] < spring.agreement.win_set_sizes["us"]
    assert spring.nash[0].package[2] == "joint"
    assert after.nash[0].package[:3] == ("census", "limited", "smart_border")
    assert all(isinstance(u, Fraction) for u in after.nash[0].utilities.values())


def test_compare_scenarios_side_by_side():
    """compare() makes one column per scenario and one row per fact."""
    analyses = [analyse(load(ENCHILADA, s)) for s in ("spring_2001", "post_9_11")]
    doc = compare(analyses)
    sizes, nash = [b for b in doc.blocks if hasattr(b, "header")][:2]
    assert sizes.header[:5] == ("scenario", "deal", "agreements", "win-set us", "win-set mx")
    rows = {row[0]: row[1:] for row in sizes.rows}
    assert rows["post_9_11"][:4] == ("yes", "15", "31", "180")
    assert rows["spring_2001"][1] == str(analyses[0].agreement.count)
    assert nash.header[1] == "regularization"
    assert {row[0]: row[1] for row in nash.rows}["post_9_11"] == "census"
    text = render_many(analyses, "text")
    assert "scenarios compared" in text
    combined = json.loads(render_many(analyses, "json"))
    assert [r["scenario"] for r in combined["results"]] == ["spring_2001", "post_9_11"]


def test_document_title_names_the_scenario():
    """A scenario's report says which scenario it is."""
    assert document(analyse(border_deal().with_scenario("tighter"))).title == (
        "Border deal — Tighter quota"
    )


def test_cli_solve_json_and_top(runner):
    """negotiate solve --format json --top 3 prints the contract keys and three agreements."""
    result = runner.invoke(main, ["solve", str(ENCHILADA), "--format", "json", "--top", "3"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["packages"] == 216 and len(data["best"]) == 3
    assert set(data["solutions"]) >= {"nash", "kalai_smorodinsky", "egalitarian", "utilitarian"}


def test_solve_imports_no_heavy_module():
    """Solving a negotiation imports neither scipy nor sympy."""
    code = (
        "import sys, negotiate; from negotiate.analysis import analyse; "
        "from negotiate.report import render; "
        f"render(analyse(negotiate.load({str(ENCHILADA)!r})), 'text'); "
        "print(sorted(m for m in ('scipy', 'sympy', 'nashpy') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "[]"
