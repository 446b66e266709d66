"""The public surface: an explicit, sorted __all__ whose names all exist, imported cheaply."""

from __future__ import annotations

import subprocess
import sys

import negotiate


def test_all_is_sorted_and_unique():
    """__all__ is sorted and lists each name once."""
    assert list(negotiate.__all__) == sorted(set(negotiate.__all__))


def test_every_public_name_exists_and_is_documented():
    """Every exported name resolves and carries a docstring."""
    for name in negotiate.__all__:
        obj = getattr(negotiate, name)
        if name != "__version__":
            assert obj.__doc__, f"negotiate.{name} has no docstring"


def test_import_is_light():
    """import negotiate loads none of the heavy numerical libraries (they load when needed)."""
    code = (
        "import sys, negotiate; "
        "print(sorted(m for m in ('scipy', 'sympy', 'nashpy', 'matplotlib') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_every_exported_object_has_a_runnable_example():
    """Each public name (the version string aside) documents itself with a doctest, which the
    test run executes (``--doctest-modules``)."""
    import inspect

    import negotiate

    missing = [
        name
        for name in negotiate.__all__
        if name != "__version__" and ">>>" not in (inspect.getdoc(getattr(negotiate, name)) or "")
    ]
    assert not missing, f"no docstring example: {missing}"


def test_games_have_short_reprs():
    """A game's repr is one line with its kind, id and title (and scenario), not a dump."""
    from negotiate import load
    from negotiate.io.catalog import shipped_game_path

    game = load(shipped_game_path("whole_enchilada"), "post_9_11")
    text = repr(game)
    assert text.startswith("<NegotiationGame 'whole_enchilada': ")
    assert text.endswith(", scenario 'post_9_11'>") and "\n" not in text and len(text) < 200
    assert repr(load(shipped_game_path("us_ratification"))).startswith(
        "<VotingGame 'us_ratification'"
    )
