"""Benchmark: a two-level negotiation of 1,048,576 packages, solved completely, against negmas.

A seeded random negotiation with 10 issues of 4 options (4**10 = 1,048,576 packages), 3 parties
and 12 constituencies (4 per party, each party ratifying with half its constituency weight and its
executive's consent). We time the whole analysis that ``negotiate solve`` runs (package tensor,
win-sets, agreement set, Pareto set, Nash with powers and equal powers, Kalai-Smorodinsky,
egalitarian, utilitarian, proposers, the Nash lottery, the best agreements and pivotal groups)
and report its peak memory. Then the same utility vectors go through negmas
(``pareto_frontier_numpy`` and ``nash_points``, its recommended Pareto and Nash routines) and
through ours (``pareto_mask`` and ``nash_packages``'s ranking), side by side:

- on the agreement set (what the analysis works on),
- on every package (the whole package space, Pareto set only plus the Nash point on it), and
- on a worst case for Pareto sets (every vector efficient), at 5,000 and 20,000 vectors.

The floor: one plain numpy pass over the same negotiation (every actor's utilities by broadcast
sums, acceptance, weighted ratification, the agreement set, the Nash product's argmax in floats),
:func:`numpy_floor`; the full analysis is printed as a ratio to it (goal: within 2.5x), each
timed cold (caches cleared).

Run: ``python benchmarks/bench_negotiation.py`` (negmas is optional: install it in a venv of your
own, ``pip install negmas``; without it only our timings are printed). ``--size 8`` uses 8 issues.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from negotiate.limits import current, set_limits
from negotiate.model import Constituency, Issue, NegotiationGame, Party, Ratification
from negotiate.negotiation.analysis import NegotiationAnalysis, analyse
from negotiate.negotiation.packages import clear_cache, package_space
from negotiate.negotiation.solutions import nash_packages
from negotiate.negotiation.two_level import agreement_set, pareto_mask


def random_negotiation(
    issues: int = 10, options: int = 4, parties: int = 3, constituencies: int = 12, seed: int = 0
) -> NegotiationGame:
    """A seeded random negotiation: integer part-worths in [-10, 10], powers in 1..3."""
    rng = np.random.default_rng(seed)
    issue_list = [
        Issue(id=f"issue{k}", options=[f"option{j}" for j in range(options)]) for k in range(issues)
    ]

    def values() -> dict[str, dict[str, int]]:
        return {
            issue.id: {o: int(rng.integers(-10, 11)) for o in issue.options[1:]}
            for issue in issue_list
        }

    party_list = [
        Party(id=f"party{k}", values=values(), power=int(rng.integers(1, 4)))
        for k in range(parties)
    ]
    groups = [
        Constituency(
            id=f"group{k}",
            party=f"party{k % parties}",
            weight=int(rng.integers(1, 10)),
            values=values(),
        )
        for k in range(constituencies)
    ]
    rules = [
        Ratification(party=p.id, quota=sum(c.weight for c in groups if c.party == p.id) // 2 + 1)
        for p in party_list
    ]
    return NegotiationGame(
        id="benchmark",
        title="Random negotiation",
        parties=party_list,
        issues=issue_list,
        constituencies=groups,
        ratifications=rules,
    )


def numpy_floor(game: NegotiationGame) -> int:
    """The plain numpy pass: utilities, acceptance, ratification, agreement set, Nash argmax.

    Returns the flat index of the (power-weighted) Nash package; no exactness, no ties, no report.
    """
    shape = tuple(len(issue.options) for issue in game.issues)
    status_quo = tuple(issue.options.index(issue.status_quo) for issue in game.issues)

    def utilities(actor) -> np.ndarray:  # type: ignore[no-untyped-def]
        # outer sums over each half of the issues, then one of the halves: numpy's inner loop
        # runs along long rows (one issue at a time it runs along each 4-option vector)
        half = len(game.issues) // 2
        totals = []
        for issues in (game.issues[:half], game.issues[half:]):
            total = np.zeros((), dtype=np.int64)
            for issue in issues:
                worths = actor.values.get(issue.id, {})
                vector = np.array([int(worths.get(o, 0)) for o in issue.options], dtype=np.int64)
                total = np.add.outer(total, vector)
            totals.append(total)
        return np.add.outer(*totals).reshape(shape)

    values = {a.id: utilities(a) for a in game.actors}
    accepts = {a: u >= u[status_quo] for a, u in values.items()}
    agreement = np.ones(shape, dtype=bool)
    for party in game.parties:
        rule = game.ratification(party.id)
        weight = np.zeros(shape, dtype=np.int64)
        for group in game.constituencies_of(party.id):
            weight += accepts[group.id] * int(group.weight)
        agreement &= (weight >= int(rule.quota)) & accepts[party.id]
    agreement[status_quo] = False
    inside = np.flatnonzero(agreement)
    gains = np.stack(
        [values[p.id].ravel()[inside] - values[p.id][status_quo] for p in game.parties]
    )
    powers = np.array([float(p.power) for p in game.parties])[:, None]
    score = np.where(
        np.all(gains > 0, axis=0), (powers * np.log(np.maximum(gains, 1))).sum(0), -np.inf
    )
    return int(inside[int(np.argmax(score))])


def cold(function, game):  # type: ignore[no-untyped-def]
    """``function(game)`` with the package caches cleared first."""
    clear_cache()
    return function(game)


def solved(game: NegotiationGame) -> NegotiationAnalysis:
    """Every part of the analysis, computed now (each is otherwise found on first use)."""
    return analyse(game).complete()


def cpu_time(function, *args):  # type: ignore[no-untyped-def]
    """Run ``function(*args)``; return the processor time it took."""
    start = time.process_time()
    function(*args)
    return time.process_time() - start


def best_of(runs: int, function, *args):  # type: ignore[no-untyped-def]
    """The smallest wall time of ``runs`` calls, and the last result."""
    best = float("inf")
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def our_pareto_and_nash(points: np.ndarray, disagreement: np.ndarray):  # type: ignore[no-untyped-def]
    """Our Pareto set and symmetric Nash point over utility vectors (as the solvers run them)."""
    front = np.flatnonzero(pareto_mask(points))
    gains = points[front] - disagreement
    rational = np.all(gains > 0, axis=1)
    score = np.where(rational, np.log(np.where(gains > 0, gains, 1)).sum(axis=1), -np.inf)
    return front, points[front[int(np.argmax(score))]]


def negmas_pareto_and_nash(points: np.ndarray, disagreement: np.ndarray):  # type: ignore[no-untyped-def]
    """negmas's recommended Pareto frontier and its Nash points on it (gains over d)."""
    from negmas.preferences.ops import nash_points, pareto_frontier_numpy

    gains = points.astype(float) - disagreement
    front = pareto_frontier_numpy(gains, sort_by_welfare=True)
    ranges = [(float(gains[:, j].min()), float(gains[:, j].max())) for j in range(gains.shape[1])]
    nash = nash_points(None, [tuple(gains[k]) for k in front], ranges=ranges)
    return front, np.array(nash[0][0]) + disagreement if nash else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10, help="number of issues (4 options each)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    game = random_negotiation(issues=args.size)
    set_limits(current().replace(packages=max(current().packages, game.package_count)))
    print(
        f"Random negotiation: {len(game.issues)} issues x 4 options = {game.package_count:,} "
        f"packages, {len(game.parties)} parties, {len(game.constituencies)} constituencies"
    )

    first, _ = best_of(1, cold, solved, game)  # the first call also imports the lazy modules
    seconds, analysis = best_of(args.runs, cold, solved, game)
    floor, _ = best_of(args.runs, numpy_floor, game)
    cpu = min(cpu_time(cold, solved, game) for _ in range(args.runs))
    floor_cpu = min(cpu_time(numpy_floor, game) for _ in range(args.runs))
    clear_cache()
    tracemalloc.start()
    solved(game)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    agreement = analysis.agreement
    print(
        f"\nFull analysis (every solution): {seconds:.2f} s (best of {args.runs}); "
        f"first call {first:.2f} s, lazy imports included"
    )
    print(
        f"  numpy floor (utilities + acceptance + ratification + Nash argmax): {floor:.2f} s; "
        f"ratio {seconds / floor:.2f} (goal 2.5)"
    )
    print(
        f"  processor time (what load does not inflate): analysis {cpu:.2f} s, floor "
        f"{floor_cpu:.2f} s, ratio {cpu / floor_cpu:.2f}"
    )
    print(f"  peak traced memory {peak / 2**20:.0f} MiB, peak resident set {rss:.0f} MiB")
    print(f"  win-sets {agreement.win_set_sizes}")
    print(f"  agreement set {agreement.count:,} packages, Pareto set {len(analysis.pareto)}")
    print(f"  Nash (powers) {analysis.nash[0].package if analysis.nash else None}")
    lottery = analysis.nash_lottery
    if lottery is not None:
        exact = "exact" if lottery.exact else "floating point"
        print(f"  Nash lottery over {len(lottery.lottery)} packages ({exact})")
    print(f"  under 10 s: {first < 10}; under 2 GB: {max(peak / 2**20, rss) < 2048}")

    space = package_space(game)
    parties = game.party_ids
    every = np.stack([space.values[p].ravel() for p in parties], axis=1)
    disagreement = np.array([space.reservations[p] for p in parties])
    inside = agreement_set(space)
    cases = [
        (f"agreement set ({inside.count:,} vectors)", inside.utilities, inside.disagreement),
        (f"every package ({len(every):,} vectors)", every, disagreement),
    ]
    try:
        import negmas

        have_negmas = True
        print(f"\nnegmas {negmas.__version__}: pareto_frontier_numpy + nash_points (floats)")
    except ImportError:
        have_negmas = False
        print("\nnegmas is not installed: `pip install negmas` in a venv to compare.")

    rows = []
    for label, points, d in cases:
        ours_time, (front, nash) = best_of(args.runs, our_pareto_and_nash, points, d)
        row = [label, f"{ours_time:.3f}", str(len(front))]
        if have_negmas:
            theirs_time, (their_front, their_nash) = best_of(
                args.runs, negmas_pareto_and_nash, points, d
            )
            same = their_nash is not None and np.allclose(np.sort(nash), np.sort(their_nash))
            row += [
                f"{theirs_time:.3f}",
                str(len(their_front)),
                f"{theirs_time / ours_time:.1f}x",
                "yes" if same else "no",
            ]
        rows.append(row)
    header = ["Pareto set + Nash point on", "ours (s)", "front"]
    if have_negmas:
        header += ["negmas (s)", "front", "negmas/ours", "same Nash utilities"]
    widths = [max(len(h), *(len(r[k]) for r in rows)) for k, h in enumerate(header)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    print(
        "\nWorst case for the Pareto set: three parties whose utilities sum to a constant, so every"
        " vector is efficient (opposed preferences give large fronts)."
    )
    rng = np.random.default_rng(1)
    for size in (5_000, 20_000):
        points = rng.integers(0, 10**6, size=(size, 3))
        points[:, 2] = 3 * 10**6 - points[:, 0] - points[:, 1]
        ours_time, mask = best_of(1, pareto_mask, points)
        line = f"  {size:,} vectors: ours {ours_time:.3f} s (front {int(mask.sum()):,})"
        if have_negmas:
            from negmas.preferences.ops import pareto_frontier_numpy

            theirs_time, front = best_of(1, pareto_frontier_numpy, points.astype(float))
            line += (
                f", negmas {theirs_time:.3f} s (front {len(front):,}), "
                f"ratio {theirs_time / ours_time:.0f}x"
            )
        print(line, flush=True)
    print(
        "\nNotes: ours is exact (integer utilities, ties kept: equal vectors all count in the "
        "front); negmas works in floats with an epsilon. The symmetric Nash package of the "
        "analysis itself (exact):",
        nash_packages(inside, {p: 1 for p in parties})[0].utilities,
    )


if __name__ == "__main__":
    main()
