"""Plurals, agreeing verbs and lists in prose (negotiate.report.words)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from negotiate.report.words import agree, count, in_prose, plural, signed


@pytest.mark.parametrize(
    "n, noun, plural_form, expected",
    [
        (0, "package", None, "0 packages"),
        (1, "package", None, "1 package"),
        (2, "package", None, "2 packages"),
        (1, "party", "parties", "1 party"),
        (3, "party", "parties", "3 parties"),
        (1, "equilibrium", "equilibria", "1 equilibrium"),
        (29, "equilibrium", "equilibria", "29 equilibria"),
        (1250, "package", None, "1,250 packages"),
    ],
)
def test_count(n, noun, plural_form, expected):
    """A count takes the singular for one and the plural for any other number, zero included."""
    assert count(n, noun, plural_form) == expected


def test_plural_and_agree():
    """Nouns and verbs agree with their number: '1 of the 6 packages is', '2 ... are'."""
    assert plural(1, "voter") == "voter" and plural(0, "voter") == "voters"
    assert f"1 of the {count(6, 'package')} {agree(1, 'is', 'are')}" == "1 of the 6 packages is"
    assert agree(2, "is", "are") == "are" and agree(0, "applies", "apply") == "apply"


def test_in_prose():
    """Lists read as prose, with 'and' (or another conjunction) before the last item."""
    assert in_prose([]) == ""
    assert in_prose(["us"]) == "us"
    assert in_prose(["us", "mx"]) == "us and mx"
    assert in_prose(["A", "B", "C"], "or") == "A, B or C"


def test_signed():
    """Gains carry their sign, so a loss never reads as a double negative ('short by -1')."""
    assert [signed(x) for x in (9, -1, 0, Fraction(1, 2))] == ["+9", "-1", "0", "+1/2 (0.5)"]


def test_a_decrease_takes_its_article():
    """The bottom line's fragility: 'a decrease', 'an increase' (it read 'an decrease')."""
    from negotiate import analyse, load

    text = render_bottom_line(analyse(load("games/nafta_1993.toml")))
    assert "a decrease of values.us.mobility.temporary_entry by ~" in text
    assert "an decrease" not in text


def render_bottom_line(analysis):  # type: ignore[no-untyped-def]
    from negotiate.report.negotiation_brief import bottom_line

    return " ".join(bottom_line(analysis).items)
