"""The reader's brief: bottom lines first, tables that fit 100 columns, scenarios by default,
payoff matrices and worths."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from negotiate import analyse, load
from negotiate.cli import main
from negotiate.report import render
from negotiate.report.document import Document, Table, to_text

ROOT = Path(__file__).resolve().parent.parent
GAMES = sorted((ROOT / "games").glob("*.toml"))
GOLDEN = ROOT / "tests" / "golden"
ENCHILADA = ROOT / "games" / "whole_enchilada.toml"


def _solve(*args: str) -> str:
    result = CliRunner().invoke(main, ["solve", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _scenarios(path: Path) -> list[str]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [scenario["id"] for scenario in data.get("scenario", [])]


def test_every_golden_text_report_fits_100_columns():
    """The text report of every shipped game (and of its scenarios compared) is at most 100
    columns wide."""
    texts = sorted(GOLDEN.glob("*.txt"))
    assert len(texts) >= len(GAMES)
    wide = [
        (path.name, number, len(line))
        for path in texts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > 100
    ]
    assert not wide


@pytest.mark.parametrize(
    "game, scenario",
    [(path, scenario) for path in GAMES for scenario in _scenarios(path)],
    ids=lambda value: value.stem if isinstance(value, Path) else value,
)
def test_every_scenario_report_fits_100_columns(game, scenario):
    """Each scenario's own text report is at most 100 columns wide, and titled with the base
    title and the scenario's name."""
    text = _solve(str(game), "--scenario", scenario)
    assert max(len(line) for line in text.splitlines()) <= 100
    title = text.splitlines()[0]
    base = load(game).title
    name = next(s.label for s in load(game).scenarios if s.id == scenario)
    assert title == f"{base} — {name}"


def test_whole_enchilada_opens_with_its_bottom_line():
    """The default report of whole_enchilada names the deal, the constituencies to win over,
    the effect of linkage and the change after September 11 in under 15 lines."""
    lines = _solve(str(ENCHILADA)).splitlines()
    end = lines.index("Scenarios")
    head = "\n".join(lines[:end]).replace("\n  ", " ")
    assert lines[end - 1] == "" and len(lines[: end - 1]) < 15
    assert lines[3] == "Bottom line:"
    assert (
        "- Deal: yes. The Nash package: regularization = earned_mexicans_first, workers = large, "
        "security = joint, development = modest (us 10, mx 12)." in head
    )
    assert (
        "- Win over: in us, Democratic Party (gain 2) and Business interests (gain 7); losing "
        "either drops support from 60 below the quota of 50." in head
    )
    assert "linked, workers and security move too; linking is worth us +9, mx +10." in head
    assert "After September 11: us win-set 164 -> 31, Nash census, limited, smart_border" in head
    assert "Late 2002: no deal" in head
    assert "spring 2001" not in lines[0]


def test_default_report_has_every_scenario_side_by_side():
    """Without --scenario a file with scenarios gets a headline table with one row per
    scenario (the empty spring_2001 scenario is the base row), and JSON gains 'scenarios'."""
    text = _solve(str(ENCHILADA))
    assert "base       yes   125         164         175         +9               +10" in text
    assert "post_9_11  yes   15          31          180         -1               +6" in text
    assert "late_2002  no    0           6           177         -2               +2" in text
    assert "(the same as spring_2001)" in text
    data = json.loads(_solve(str(ENCHILADA), "--format", "json"))
    assert data["scenario"] is None and data["agreements"] == 125
    headlines = {s["id"]: s for s in data["scenarios"]}
    assert list(headlines) == ["spring_2001", "post_9_11", "late_2002", "hindsight"]
    assert headlines["post_9_11"]["win_sets"] == {"us": 31, "mx": 180}
    assert headlines["post_9_11"]["nash"]["security"] == "smart_border"
    assert headlines["late_2002"]["nash"] is None
    assert headlines["spring_2001"]["linkage_gains"] == {"us": "9", "mx": "10"}
    assert data["pivotal_slack"]["us"] == {"us": "10", "business": "7", "democrats": "2"}


def test_one_scenario_is_reported_alone():
    """--scenario focuses on one scenario: no side-by-side table."""
    text = _solve(str(ENCHILADA), "--scenario", "post_9_11")
    assert "\nScenarios\n" not in text
    assert "Democratic Party (gain 0: a tie)" in text


def test_interactions_at_the_nash_package_are_listed_with_their_notes():
    """The interaction terms that apply at the Nash package, what the package is worth to
    their actor without them, and the file's note."""
    text = render(analyse(load(ENCHILADA)), "markdown")
    assert (
        "- democrats +2 when workers = limited or large, regularization = earned_mexicans_first "
        '(without it, it would accept by a tie): Which regularization is "generous"?' in text
    )
    assert "- mx +5 when security = joint" in text and "(without it, its gain would be 7)" in text


def test_normal_form_report_shows_the_payoff_matrix():
    """hunker_down_border's report prints its 2x2 matrix: rows us, columns mx, cells 'us, mx'."""
    text = _solve(str(ROOT / "games" / "hunker_down_border.toml"))
    assert "us \\ mx      co_manage  hunker_down\n" in text
    assert "co_manage    3, 3       2, 4\n" in text
    assert "hunker_down  4, 2       1, 1\n" in text
    assert text.index("Payoffs") < text.index("Nash equilibria")
    game = load(ROOT / "games" / "hunker_down_border.toml")
    assert [game.payoff(p, ("hunker_down", "co_manage")) for p in ("us", "mx")] == [4, 2]


def test_a_large_matrix_is_described_by_its_size():
    """Beyond 8 strategies a player, the report gives the size instead of the matrix."""
    from negotiate.model import NormalFormGame, Player

    players = [Player(id=p, strategies=[f"s{k}" for k in range(9)]) for p in ("a", "b")]
    game = NormalFormGame.from_matrices(
        id="big", title="Big", players=players, row=[list(range(9))] * 9, column=[[0] * 9] * 9
    )
    text = render(analyse(game), "text")
    assert "The game has 9x9 pure profiles: too many to print." in text


def test_coalition_report_lists_the_worths():
    """footprint_cyber's report lists every coalition's worth, singletons first."""
    text = _solve(str(ROOT / "games" / "footprint_cyber.toml"))
    table = text[text.index("coalition  worth") :].split("\n\n")[0].splitlines()[2:]
    assert table == [
        "us         0",
        "mx         0",
        "ca         0",
        "us+mx      1",
        "us+ca      1",
        "mx+ca      1",
        "us+mx+ca   5",
    ]
    assert text.startswith(
        "North American footprint: cyber security\n========================================\n\n"
        "Bottom line: together the 3 players are worth 5;"
    )


def test_incomplete_equilibrium_lists_say_so():
    """ratification_game's equilibria are not all found (complete: false): the report says
    'at least' and never calls the list the full set."""
    text = _solve(str(ROOT / "games" / "ratification_game.toml")).replace("\n", " ")
    data = json.loads(_solve(str(ROOT / "games" / "ratification_game.toml"), "--format", "json"))
    assert data["reduced_form"]["complete"] is False
    assert "at least 29 Nash equilibria" in text
    assert "the list below may be incomplete" in text and "The list may be incomplete" in text
    assert "include every subgame-perfect one" not in text


def test_every_report_opens_with_a_bottom_line():
    """Every shipped game's text report has 'Bottom line' right after its title."""
    for path in GAMES:
        text = (GOLDEN / f"solve.{path.stem}.txt").read_text(encoding="utf-8")
        assert text.splitlines()[3].startswith("Bottom line:"), path.stem


def test_wide_tables_wrap_at_commas():
    """A table wider than 100 columns wraps its widest cells, after commas where it can."""
    cell = ", ".join(f"1/3 strategy_{k}" for k in range(8))
    text = to_text(Document("T", [Table(["a", "b"], [["x" * 40, cell]])]))
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert lines[5].endswith("1/3 strategy_0, 1/3 strategy_1, 1/3 strategy_2,")


def test_no_deal_beyond_the_separate_deals():
    """Late 2002 (disagreement = separate): the bottom line names the separate deals as the
    outcome and who refuses the linked package."""
    text = _solve(str(ENCHILADA), "--scenario", "late_2002").replace("\n  ", " ")
    assert (
        "- Deal: none beyond the separate deals (security = smart_border, development = modest)"
        in text
    )
    assert "would change what each gets by us -2, mx +2, which us refuses." in text


def test_a_side_payment_in_the_bottom_line():
    """mexico_southern_border: no deal without money; the Nash deal with it, and its amount."""
    text = _solve(str(ROOT / "games" / "mexico_southern_border.toml")).replace("\n  ", " ")
    assert "- Deal: none without a side payment." in text
    assert (
        "- Side payment: with us paying mx, the Nash deal is enforcement = "
        "southern_border_strategy for 180 (us 16/5 (3.2), mx 3/5 (0.6))." in text
    )


def test_many_tied_packages_fit_the_page():
    """Forty packages tie for every solution (both parties value each option at 1): the table
    shows eight side by side and says how many more the JSON lists; every line fits."""
    from negotiate import Issue, NegotiationGame, Party

    options = ["none", *(f"o{k}" for k in range(40))]
    worths = {o: 1 for o in options[1:]}
    game = NegotiationGame(
        id="ties",
        title="Forty ties",
        parties=[Party(id="us", values={"deal": worths}), Party(id="mx", values={"deal": worths})],
        issues=[Issue(id="deal", options=options)],
    )
    analysis = analyse(game)
    assert len(analysis.nash) == 40
    text = render(analysis)
    assert max(len(line) for line in text.splitlines()) <= 100
    header = next(line for line in text.splitlines() if line.startswith("issue "))
    assert header.split()[-8:] == list("ABCDEFGH")
    assert (
        "- Nash: A, B, C, D, E, F, G, H or 32 more not shown (the JSON lists them) (a tie of 40)"
        in text
    )
    assert len(json.loads(render(analysis, "json"))["solutions"]["nash"]) == 40
