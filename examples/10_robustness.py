"""Tutorial 10: is the 2001 grand bargain robust, and what after 9/11 rests on one number?

Every number of games/whole_enchilada.toml is an ordinal judgement. `negotiate robustness` varies
every part-worth, interaction value and constituency weight within +-1 of the file's value (spread
1), tests the headline conclusions and the file's own [[conclusion]] entries in each sample, and
gives each conclusion's share with a 95% interval and, for every number, the smallest change of
that number alone that breaks it (its margin: exact where the threshold is rational).

Run it with ``python examples/10_robustness.py`` (a few seconds; ``negotiate robustness
whole_enchilada --samples 100000 --engine dask`` does the same on a cluster).
"""

from __future__ import annotations

import negotiate
from negotiate.exact.numbers import to_text
from negotiate.io.catalog import shipped_game_path
from negotiate.negotiation.robustness import robustness


def report(scenario: str, conclusion: str) -> None:
    game = negotiate.load(shipped_game_path("whole_enchilada"), scenario)
    result = robustness(game, samples=2000, seed=3)
    k = result.claim(conclusion)
    low, high = result.interval(k)
    print(f"== {scenario}: `{conclusion}` holds at the baseline: {result.holds_at_baseline[k]}")
    print(
        f"   share of perturbed models: {result.share(k):.3f} (95% interval {low:.3f}-{high:.3f})"
    )
    margins = result.margins[conclusion]
    breaking = [
        (abs(float(m.value)), path, m) for path, m in margins.items() if m.value is not None
    ]
    if not breaking:
        print("   no single number within its range breaks it")
    for _, path, margin in sorted(breaking)[:3]:
        kind = "exact" if margin.exact else "float"
        print(f"   nearest flip: {path} by {to_text(margin.value)} ({kind})")


if __name__ == "__main__":
    report("spring_2001", "grand_bargain")
    report("post_9_11", "nash")
