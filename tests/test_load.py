"""Loading negotiate/1 files: every rule of the format, and errors that say where and what."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

import negotiate
from negotiate import GameFileError, NegotiateError

HEADER = 'format = "negotiate/1"\n[game]\nid = "g"\ntitle = "G"\n'

NEGOTIATION = (
    HEADER
    + """kind = "negotiation"
[[party]]
id = "us"
[party.values]
security = { joint = 5 }
[[party]]
id = "mx"
[[issue]]
id = "security"
options = ["none", "joint"]
[[constituency]]
id = "hawks"
party = "us"
weight = 3
"""
)

NORMAL_FORM = (
    HEADER
    + """kind = "normal_form"
[[player]]
id = "us"
strategies = ["enforce", "cooperate"]
[[player]]
id = "mx"
strategies = ["guard", "wave"]
[payoffs]
us = [[1, 3], [0, 2]]
mx = [[2, 0], [3, 1]]
"""
)

TREE = (
    HEADER
    + """kind = "extensive_form"
[[player]]
id = "us"
[[node]]
id = "root"
player = "us"
moves = { left = "a", right = "b" }
[[node]]
id = "a"
payoffs = { us = 1 }
[[node]]
id = "b"
payoffs = { us = 2 }
"""
)


def test_loads_negotiation_exactly():
    """Integers and rational strings load as Fractions; defaults fill in as the format says."""
    game = negotiate.loads(NEGOTIATION.replace("joint = 5", 'joint = "5/2"'))
    assert game.party("us").values["security"]["joint"] == Fraction(5, 2)
    assert game.party("mx").power == 1 and game.party("mx").discount == 1
    assert game.issue("security").status_quo == "none"
    assert game.signatories("security") == ("us", "mx")
    assert game.constituencies[0].weight == 3


def test_floats_stay_floats():
    """A TOML float stays a float: inexact input is never passed off as exact."""
    game = negotiate.loads(NEGOTIATION.replace("joint = 5", "joint = 0.5"))
    assert game.party("us").values["security"]["joint"] == 0.5
    assert isinstance(game.party("us").values["security"]["joint"], float)


def test_load_reads_a_file(tmp_path: Path):
    """load reads a path and names it in errors."""
    path = tmp_path / "g.toml"
    path.write_text(NEGOTIATION)
    assert negotiate.load(path).kind == "negotiation"
    path.write_text(NEGOTIATION.replace("weight = 3", "wieght = 3"))
    with pytest.raises(GameFileError, match=rf"^{path}:18: constituency\[0\]\.wieght: unknown key"):
        negotiate.load(path)


def test_missing_file_is_a_game_file_error(tmp_path: Path):
    """A file that is not there is an error of the library, not an OSError traceback."""
    with pytest.raises(GameFileError, match=r"missing\.toml"):
        negotiate.load(tmp_path / "missing.toml")


@pytest.mark.parametrize(
    ("text", "path", "message", "line"),
    [
        pytest.param("format = \n", None, "not valid TOML", 1, id="not-toml"),
        pytest.param(
            NEGOTIATION.replace("negotiate/1", "negotiate/2"),
            "format",
            "unsupported format 'negotiate/2'",
            1,
            id="wrong-format",
        ),
        pytest.param(
            NEGOTIATION.replace('format = "negotiate/1"\n', ""),
            "format",
            "missing `format",
            None,
            id="missing-format",
        ),
        pytest.param(
            NEGOTIATION.replace('kind = "negotiation"', 'kind = "negotation"'),
            "game.kind",
            "did you mean `negotiation`",
            5,
            id="unknown-kind",
        ),
        pytest.param(
            NEGOTIATION.replace('[[party]]\nid = "mx"', '[[party]]\nid = "mx"\npwer = 2'),
            "party[1].pwer",
            "unknown key `pwer` (did you mean `power`?)",
            12,
            id="unknown-key",
        ),
        pytest.param(
            NEGOTIATION.replace('options = ["none", "joint"]\n', ""),
            "issue[0].options",
            "missing required key `options`",
            12,
            id="missing-key",
        ),
        pytest.param(
            NEGOTIATION.replace('id = "hawks"', 'id = "mx"'),
            "constituency[0].id",
            "duplicate actor id `mx`",
            16,
            id="duplicate-id",
        ),
        pytest.param(
            NEGOTIATION.replace('party = "us"', 'party = "usa"'),
            "constituency[0].party",
            "unknown party `usa` (did you mean `us`?)",
            17,
            id="dangling-party",
        ),
        pytest.param(
            NEGOTIATION.replace("joint = 5", "jiont = 5"),
            "party[0].values.security.jiont",
            "did you mean `joint`",
            9,
            id="dangling-option",
        ),
        pytest.param(
            NEGOTIATION + '[[interaction]]\nactor = "mx"\nwhen = { security = "jont" }\n'
            "value = 1\n",
            "interaction[0].when.security",
            "unknown option of `security` `jont` (did you mean `joint`?)",
            21,
            id="interaction-unknown-option",
        ),
        pytest.param(
            NEGOTIATION.replace("weight = 3", "weight = -3"),
            "constituency[0].weight",
            "expected a number in [0, inf] (got -3)",
            18,
            id="negative-weight",
        ),
        pytest.param(
            NEGOTIATION.replace("joint = 5", "joint = nan"),
            "party[0].values.security.joint",
            "finite",
            9,
            id="nan",
        ),
        pytest.param(
            NEGOTIATION.replace("joint = 5", "joint = -inf"),
            "party[0].values.security.joint",
            "finite",
            9,
            id="inf",
        ),
        pytest.param(
            NEGOTIATION.replace('["none", "joint"]', "[]"),
            "issue[0].options",
            "at least one option (got an empty list)",
            14,
            id="empty-options",
        ),
        pytest.param(
            NEGOTIATION.replace("joint = 5", 'joint = "1/0"'),
            "party[0].values.security.joint",
            "expected a number",
            9,
            id="zero-denominator",
        ),
        pytest.param(
            NORMAL_FORM.replace("mx = [[2, 0], [3, 1]]", "mx = [[2, 0, 1], [3, 1, 0]]"),
            "payoffs.mx",
            "expected a 2x2 matrix",
            14,
            id="matrix-shape",
        ),
        pytest.param(
            TREE.replace(
                'moves = { left = "a", right = "b" }', 'moves = { left = "a", right = "c" }'
            ),
            "node[0].moves.right",
            "unknown node `c`",
            11,
            id="dangling-child",
        ),
        pytest.param(
            TREE.replace(
                '[[node]]\nid = "b"\npayoffs = { us = 2 }',
                '[[node]]\nid = "b"\nplayer = "us"\nmoves = { back = "c" }\n'
                '[[node]]\nid = "c"\nplayer = "us"\nmoves = { loop = "b" }',
            ),
            "node[3].moves.loop",
            "already has the parent",
            22,
            id="cycle",
        ),
        pytest.param(
            TREE + '[[node]]\nid = "luck"\nchance = { h = "1/2", t = "1/3" }\n'
            'moves = { h = "a", t = "b" }\n',
            "node[3].chance",
            "probabilities must sum to 1 (they sum to 5/6)",
            20,
            id="probabilities",
        ),
    ],
)
def test_bad_files_name_the_key_and_line(
    text: str, path: str | None, message: str, line: int | None
):
    """Each malformed file fails with its key path, the line and a useful message."""
    with pytest.raises(GameFileError) as caught:
        negotiate.loads(text, source="bad.toml")
    error = caught.value
    assert message in error.message
    if path is not None:
        assert error.path == path
    assert error.line == line
    assert str(error).startswith("bad.toml")


def test_unreachable_cycle_is_reported():
    """A cycle cut off from the root is found even though every node has one parent."""
    text = TREE.replace(
        '[[node]]\nid = "b"\npayoffs = { us = 2 }',
        '[[node]]\nid = "b"\npayoffs = { us = 2 }\n'
        '[[node]]\nid = "c"\nplayer = "us"\nmoves = { go = "d" }\n'
        '[[node]]\nid = "d"\nplayer = "us"\nmoves = { back = "c" }',
    )
    with pytest.raises(GameFileError, match="cycle"):
        negotiate.loads(text)


def test_format_must_be_first():
    """`format` is the first key of a file."""
    text = NEGOTIATION.replace('format = "negotiate/1"\n', "").replace(
        "[game]", 'format = "negotiate/1"\n[game]', 1
    )
    moved = 'title = "x"\n' + NEGOTIATION
    with pytest.raises(GameFileError, match="first key"):
        negotiate.loads(moved)
    assert negotiate.loads(text).id == "g"


def test_scenario_merges_and_unknown_scenario_is_named():
    """A scenario merges option by option; an unknown one is an error with a suggestion."""
    text = (
        NEGOTIATION
        + """[[scenario]]
id = "later"
[scenario.values.us]
security = { none = 1 }
[scenario.party.mx]
power = 3
"""
    )
    game = negotiate.loads(text, scenario="later")
    assert game.scenario == "later"
    assert dict(game.party("us").values["security"]) == {"joint": 5, "none": 1}
    assert game.party("mx").power == 3
    with pytest.raises(GameFileError, match=r"unknown scenario `latr` \(did you mean `later`"):
        negotiate.loads(text, scenario="latr")


def test_scenario_with_a_bad_field_names_it():
    """A scenario that sets a party field to a bad value names the scenario's key."""
    text = NEGOTIATION + '[[scenario]]\nid = "s"\n[scenario.party.mx]\ndiscount = 2\n'
    with pytest.raises(
        GameFileError,
        match=r"scenario\[0\]\.party\.mx\.discount: expected a "
        r"number in \(0, 1\]",
    ):
        negotiate.loads(text)


def test_only_negotiations_have_scenarios():
    """Asking a non-negotiation game for a scenario is a clear error."""
    with pytest.raises(GameFileError, match="only negotiation games have scenarios"):
        negotiate.loads(NORMAL_FORM, scenario="x")


def test_outcome_tables_for_three_players():
    """Three players need one [[outcome]] per profile; a missing profile is named."""
    text = (
        HEADER
        + 'kind = "normal_form"\n'
        + "".join(f'[[player]]\nid = "{p}"\nstrategies = ["a", "b"]\n' for p in "xyz")
    )
    profiles = [(a, b, c) for a in "ab" for b in "ab" for c in "ab"]
    outcomes = "".join(
        f'[[outcome]]\nprofile = {{ x = "{a}", y = "{b}", z = "{c}" }}\n'
        f"payoffs = {{ x = {k}, y = 0, z = 1 }}\n"
        for k, (a, b, c) in enumerate(profiles)
    )
    game = negotiate.loads(text + outcomes)
    assert game.shape == (2, 2, 2)
    assert game.payoff("x", ("b", "a", "b")) == 5
    missing = outcomes.rsplit("[[outcome]]", 1)[0]
    with pytest.raises(
        GameFileError,
        match=r"no outcome for the profile \{x = 'b', y = 'b', "
        r"z = 'b'\}",
    ):
        negotiate.loads(text + missing)
    with pytest.raises(GameFileError, match="listed twice"):
        negotiate.loads(
            text + outcomes + outcomes.split("[[outcome]]")[1].join(["[[outcome]]", ""])
        )


def test_coalition_needs_every_worth_or_a_default():
    """Without default_value every coalition must be listed; with it, the rest take it."""
    text = HEADER + 'kind = "coalition"\nplayers = ["a", "b"]\n[value]\n"a+b" = 3\n'
    with pytest.raises(GameFileError, match="no worth for coalition `a`"):
        negotiate.loads(text)
    game = negotiate.loads(text.replace('"a", "b"]', '"a", "b"]\ndefault_value = "1/2"'))
    assert game.worth == (0, Fraction(1, 2), Fraction(1, 2), 3)
    with pytest.raises(GameFileError, match=r"value\.a\+c: unknown player `c`"):
        negotiate.loads(text.replace('"a+b"', '"a+c"'))


def test_voting_forms():
    """A voting body is weighted with a quota, or ruled by bloc counts, not both."""
    weighted = HEADER + (
        'kind = "weighted_voting"\nquota = 39\n[[bloc]]\nid = "permanent"\n'
        'count = 5\nweight = 7\n[[bloc]]\nid = "elected"\ncount = 10\n'
        "weight = 1\n"
    )
    body = negotiate.loads(weighted)
    assert body.voter_count == 15 and body.quota == 39
    with pytest.raises(GameFileError, match="exceeds the total weight"):
        negotiate.loads(weighted.replace("quota = 39", "quota = 46"))
    ruled = HEADER + (
        'kind = "weighted_voting"\n[[bloc]]\nid = "senate"\ncount = 100\n'
        "[[rule]]\nneed = { senate = 101 }\n"
    )
    with pytest.raises(GameFileError, match=r"rule\[0\]\.need\.senate: needs 101 members"):
        negotiate.loads(ruled)


def test_bargaining_forms():
    """A bargaining problem has points or a pie; points need one utility per player."""
    text = HEADER + (
        'kind = "bargaining"\npoints = [[0, 10], [4, 8], [10]]\n'
        '[[player]]\nid = "us"\n[[player]]\nid = "mx"\n'
    )
    with pytest.raises(GameFileError, match=r"game\.points\[2\]: expected 2 utilities"):
        negotiate.loads(text)
    problem = negotiate.loads(text.replace(", [10]]", "]"))
    assert problem.first == "us" and problem.points == ((0, 10), (4, 8))


def test_every_error_is_a_negotiate_error():
    """GameFileError is both a NegotiateError and a ValueError."""
    with pytest.raises(NegotiateError):
        negotiate.loads("not toml at all")
    with pytest.raises(ValueError):
        negotiate.loads("not toml at all")


_UNVALUED = """format = "negotiate/1"
[game]
id = "wide"
kind = "negotiation"
title = "Options no one values"
[[issue]]
id = "trade"
options = OPTIONS
status_quo = "none"
[[party]]
id = "us"
values = { trade = { a = 1 } }
[[party]]
id = "mx"
values = { trade = { a = 2 } }
"""


def _warnings_of(options: list[str]) -> list[str]:
    import warnings

    text = _UNVALUED.replace("OPTIONS", repr(options).replace("'", '"'))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        negotiate.loads(text)
    return [str(w.message) for w in caught]


def test_an_option_no_one_values_warns_once_and_many_warn_together():
    """One unvalued option gets its own warning; 2,000 of one issue get one line, not 2,000."""
    (one,) = _warnings_of(["none", "a", "b"])
    assert one.endswith(
        "issue[0].options[2]: no one values option `b` of `trade` (every actor is "
        "indifferent to it)"
    )
    (many,) = _warnings_of(["none", "a", *(f"w{k}" for k in range(2000))])
    assert (
        "issue[0].options[2]: no one values 2000 options of `trade`: `w0`, `w1`, `w2` and " in many
    )
    assert many.endswith("1997 more (every actor is indifferent to them)")
