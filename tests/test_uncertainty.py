"""[uncertainty], [[conclusion]] and interaction ids: loading, located errors, paths."""

from __future__ import annotations

from fractions import Fraction

import pytest

from negotiate.errors import GameFileError
from negotiate.io import dump, loads
from negotiate.model.paths import parameter_value, vary
from negotiate.model.uncertainty import uncertain_numbers

BASE = """format = "negotiate/1"
[game]
id = "t"
kind = "negotiation"
title = "T"
[[party]]
id = "us"
[party.values]
a = { y = 2 }
[[party]]
id = "mx"
[party.values]
a = { y = 1 }
[[constituency]]
id = "farmers"
party = "us"
weight = 2
[constituency.values]
a = { y = 1 }
[[issue]]
id = "a"
options = ["n", "y"]
[[interaction]]
id = "bonus"
actor = "us"
when = { a = "y" }
value = 1
[[ratification]]
party = "us"
quota = 1
[uncertainty]
spread = "1/2"
[[uncertainty.range]]
path = "values.us.a.y"
low = 0
high = 4
[[uncertainty.range]]
path = "ratification.us.quota"
values = [0, 1, 2]
[[conclusion]]
id = "deal"
name = "The deal opens the issue"
solution = "nash"
package = { a = "y" }
"""


def test_loads_uncertainty_and_conclusions() -> None:
    game = loads(BASE)
    assert game.uncertainty is not None
    assert game.uncertainty.spread == Fraction(1, 2)
    assert [r.path for r in game.uncertainty.ranges] == [
        "values.us.a.y",
        "ratification.us.quota",
    ]
    assert game.conclusions[0].package["a"] == ("y",)
    numbers = {u.path: (u.low, u.high, u.values) for u in uncertain_numbers(game)}
    assert numbers == {
        "values.us.a.y": (0, 4, ()),
        "values.mx.a.y": (Fraction(1, 2), Fraction(3, 2), ()),
        "values.farmers.a.y": (Fraction(1, 2), Fraction(3, 2), ()),
        "interaction.bonus.value": (Fraction(1, 2), Fraction(3, 2), ()),
        "constituency.farmers.weight": (Fraction(3, 2), Fraction(5, 2), ()),
        "ratification.us.quota": (0, 2, (0, 1, 2)),
    }
    assert {u.path for u in uncertain_numbers(game, spread=0)} == {
        "values.us.a.y",
        "ratification.us.quota",
    }


def test_interaction_paths_and_dump_roundtrip() -> None:
    game = loads(BASE)
    assert parameter_value(game, "interaction.bonus.value") == 1
    assert vary(game, "interaction.bonus.value", 7).interactions[0].value == 7
    assert vary(game, "interaction.0.value", 3).interactions[0].value == 3
    assert loads(dump(game)) == game


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ('path = "values.us.a.y"', 'path = "values.us.a.z"', ":34: uncertainty.range[0].path"),
        ("low = 0\nhigh = 4", "low = 5\nhigh = 4", ":35: uncertainty.range[0].low"),
        ('spread = "1/2"', "spread = -1", ":32: uncertainty.spread"),
        (
            'path = "ratification.us.quota"',
            'path = "ratification.mx.quota"',
            ":38: uncertainty.range[1].path",
        ),
        ("values = [0, 1, 2]", "values = [0, -1]", ":39: uncertainty.range[1].values[1]"),
        ('package = { a = "y" }', 'package = { a = "z" }', ":44: conclusion[0].package.a"),
        ('package = { a = "y" }', 'package = { b = "y" }', ":44: conclusion[0].package.b"),
        ('solution = "nash"', 'solution = "nashh"', ":43: conclusion[0].solution"),
        (
            "[[ratification]]",
            '[[interaction]]\nid = "bonus"\nactor = "mx"\nwhen = { a = "y" }\n'
            "value = 1\n[[ratification]]",
            ":29: interaction[1].id",
        ),
    ],
)
def test_located_errors(old: str, new: str, where: str) -> None:
    assert old in BASE
    with pytest.raises(GameFileError) as caught:
        loads(BASE.replace(old, new, 1), source="t.toml")
    assert str(caught.value).startswith("t.toml" + where), str(caught.value)
