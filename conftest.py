"""Doctests in the package, docs/ and README.md see ``negotiate`` without importing it."""

import pytest

import negotiate


@pytest.fixture(autouse=True)
def _add_negotiate(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["negotiate"] = negotiate
