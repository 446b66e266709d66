"""Every shipped negotiation states its findings as [[conclusion]] entries, and each holds at the
baseline and in at least the share of perturbed models its comment claims (spread 1)."""

from __future__ import annotations

import re

import pytest

from negotiate.io import load
from negotiate.model import NegotiationGame
from negotiate.negotiation.robustness import robustness
from tests.conftest import GAMES

CLAIM = re.compile(
    r"# Holds at the baseline and (?:in at least (\d+)% of|in all of [\d,]+) perturbed models"
    r"[^\n]*\n\[\[conclusion\]\]\nid = \"(\w+)\""
)
NEGOTIATIONS = [p for p in GAMES if isinstance(load(p), NegotiationGame)]


def _claims(text: str) -> dict[str, float]:
    return {cid: (int(share) / 100 if share else 1.0) for share, cid in CLAIM.findall(text)}


@pytest.mark.parametrize("path", NEGOTIATIONS, ids=lambda p: p.stem)
def test_every_negotiation_states_two_conclusions_with_their_shares(path):
    game = load(path)
    claims = _claims(path.read_text())
    assert len(game.conclusions) >= 2
    assert set(claims) == {c.id for c in game.conclusions}


@pytest.mark.parametrize("path", NEGOTIATIONS, ids=lambda p: p.stem)
def test_each_conclusion_holds_as_claimed(path):
    """A fresh seed and 1,000 samples: the share may fall 5 points under the 2,000-sample claim
    (about three standard errors at 80%) but not more."""
    result = robustness(load(path), samples=1000, seed=7)
    for cid, claimed in _claims(path.read_text()).items():
        k = result.claim(cid)
        assert result.holds_at_baseline[k], cid
        assert result.share(k) >= claimed - 0.05, (cid, result.share(k), claimed)
