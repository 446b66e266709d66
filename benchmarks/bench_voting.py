"""Benchmark: exact power indices against powerindex (floats), and at the sizes analysts reach.

Run with ``python benchmarks/bench_voting.py`` from the repository root (``--quick`` skips the
peer's longest run). Seeded random bodies:

- n = 20, 50, 100, 200 voters of random integer weights 1..100, quota half the weight plus one:
  ours (exact Shapley-Shubik and Banzhaf, generating functions chosen by ``method="auto"``)
  against ``powerindex`` (pure Python generating functions, floats; Banzhaf and Shapley-Shubik),
  then the Banzhaf index alone against the peer's alone;
- the ratification power of a negotiation with 40 constituencies per party (two parties);
- 1,000 voters in 10 weight classes (weights 1..10, 100 voters each), with its Holler and
  Deegan-Packel indices;
- the Holler and Deegan-Packel indices of the 200-voter body (minimal winning coalitions;
  ``--quick``: Holler only).

On a shared machine the wall times swell with the load; each of our rows also prints its CPU
time (``time.process_time``), which the load does not inflate.

The peer is optional: install it in a virtual environment of its own (``pip install powerindex``)
and run this file with that environment's Python; without it only our timings are printed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from negotiate.model import Constituency, Issue, NegotiationGame, Party, Ratification
from negotiate.model.voting import Bloc, VotingGame
from negotiate.negotiation.ratification import ratification_power
from negotiate.voting.power import power_indices

try:
    import powerindex
except ImportError:  # the peer is optional
    powerindex = None


CPU: dict[str, float] = {}


def timed(function, label: str = ""):  # type: ignore[no-untyped-def]
    """Wall time of one call and its result (its CPU time kept in ``CPU[label]``)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = function()
    CPU[label] = time.process_time() - cpu
    return time.perf_counter() - start, result


def random_weights(n: int) -> list[int]:
    rnd = random.Random(n)
    return [rnd.randint(1, 100) for _ in range(n)]


def row(label: str, ours: float, peer: float | None, note: str = "") -> None:
    """One line of the table: times in ms and the ratio ours / peer."""
    peer_text = "-" if peer is None else f"{peer * 1000:10.1f}"
    ratio = "-" if peer is None else f"{ours / peer:8.3f}"
    print(f"{label:<44} {ours * 1000:10.1f} {peer_text:>10} {ratio:>8}  {note}")


def both_indices(body: VotingGame):  # type: ignore[no-untyped-def]
    """Our Shapley-Shubik and Banzhaf indices, both computed (Shapley-Shubik is lazy)."""
    power = power_indices(body)
    power.shapley_shubik  # noqa: B018 - computed now, for the timing
    return power


def peer_banzhaf(weights: list[int], quota: int) -> list[float]:
    """powerindex's Banzhaf index alone."""
    game = powerindex.Game(quota, weights=weights)
    game.calc_banzhaf()
    return list(game.banzhaf)


def peer_indices(weights: list[int], quota: int, shapley: bool) -> tuple[list[float], str]:
    """powerindex's Banzhaf (and Shapley-Shubik) indices, and a note on failures."""
    game = powerindex.Game(quota, weights=weights)
    game.calc_banzhaf()
    if not shapley:
        return game.banzhaf, "peer's Shapley-Shubik skipped with --quick"
    try:
        game.calc_shapley_shubik()
    except OverflowError:
        return game.banzhaf, "peer's Shapley-Shubik fails (OverflowError: n! as a float)"
    return game.shapley_shubik, ""


def weighted_rows(quick: bool) -> None:
    for n in (20, 50, 100, 200):
        weights = random_weights(n)
        quota = sum(weights) // 2 + 1
        body = VotingGame(
            id=f"random_{n}",
            title=f"Random {n}",
            quota=quota,
            blocs=[Bloc(id=f"v{k}", weight=w) for k, w in enumerate(weights)],
        )
        ours, power = timed(lambda body=body: both_indices(body), "ours")
        cpu_note = f"cpu {CPU['ours']:.2f} s; "
        peer, note = None, cpu_note + f"{len(set(weights))} distinct weights"
        if powerindex is not None:
            shapley = not (quick and n == 200)
            peer, (values, peer_note) = timed(
                lambda w=weights, q=quota, s=shapley: peer_indices(w, q, s)
            )
            if peer_note:
                note += "; " + peer_note
            if not shapley:  # the peer's Banzhaf alone: compared on the next row
                peer = None
            exact = [float(power.shapley_shubik[f"v{k}"]) for k in range(n)]
            if not peer_note:
                gap = max(abs(a - b) for a, b in zip(exact, values, strict=True))
                note += f"; max |ours - peer| = {gap:.1e}"
        row(f"Shapley-Shubik + Banzhaf, n = {n}", ours, peer, note)
        alone, banzhaf = timed(lambda body=body: power_indices(body).banzhaf, "banzhaf")
        peer_alone, note = None, f"cpu {CPU['banzhaf']:.3f} s; exact"
        if powerindex is not None:
            peer_alone, values = timed(lambda w=weights, q=quota: peer_banzhaf(w, q))
            gap = max(abs(float(banzhaf[f"v{k}"]) - v) for k, v in enumerate(values))
            note += f"; max |ours - peer| = {gap:.1e}"
        row(f"Banzhaf alone, n = {n}", alone, peer_alone, note)
        if n == 200:
            for name in ("holler",) if quick else ("holler", "deegan_packel"):
                seconds, _ = timed(lambda name=name, power=power: power.index(name), name)
                row(f"{name}, n = 200 (after the above)", seconds, None, f"cpu {CPU[name]:.2f} s")


def ratification_negotiation(per_party: int, seed: int = 0) -> NegotiationGame:
    """Two parties, ``per_party`` constituencies each (weights 1..30), majority ratification."""
    rnd = random.Random(seed)
    issues = [Issue(id="trade", options=["none", "some"])]
    parties = [Party(id=p, values={"trade": {"some": 1}}) for p in ("us", "mx")]
    groups = [
        Constituency(
            id=f"{p}_{k}", party=p, weight=rnd.randint(1, 30), values={"trade": {"some": 1}}
        )
        for p in ("us", "mx")
        for k in range(per_party)
    ]
    rules = [
        Ratification(party=p, quota=sum(g.weight for g in groups if g.party == p) // 2 + 1)
        for p in ("us", "mx")
    ]
    return NegotiationGame(
        id="ratify",
        title="Ratification",
        parties=parties,
        issues=issues,
        constituencies=groups,
        ratifications=rules,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="peer: Banzhaf only at n = 200")
    args = parser.parse_args()
    if powerindex is None:
        print("note: powerindex is not installed; peer columns are empty\n")
    print(f"{'task':<44} {'ours ms':>10} {'peer ms':>10} {'ratio':>8}  notes")
    print("-" * 110)
    weighted_rows(args.quick)

    game = ratification_negotiation(40)
    seconds, power = timed(lambda: ratification_power(game))
    total = sum(power["us"].shapley_shubik.values())
    row("ratification power, 2 x 40 constituencies", seconds, None, f"goal < 1 s; sum {total}")

    if args.quick:
        print("1,000 voters, 10 weight classes: skipped with --quick (about 4 s of CPU)")
        return
    classes = VotingGame(
        id="classes",
        title="1,000 voters in 10 classes",
        quota=Fraction(100 * 55, 2) + 1,
        blocs=[Bloc(id=f"w{w}", count=100, weight=w) for w in range(1, 11)],
    )
    seconds, _ = timed(lambda: power_indices(classes).banzhaf, "classes")
    note = f"cpu {CPU['classes']:.2f} s; exact, ours only"
    row("1,000 voters, 10 weight classes, Banzhaf alone", seconds, None, note)
    seconds, power = timed(lambda: both_indices(classes), "classes")
    note = f"cpu {CPU['classes']:.1f} s; goal < 2 s; exact, ours only"
    row("1,000 voters, 10 weight classes", seconds, None, note)
    for name in ("holler", "deegan_packel"):
        seconds, _ = timed(lambda name=name: power.index(name), name)
        row(f"{name}, 1,000 voters (after the above)", seconds, None, f"cpu {CPU[name]:.2f} s")


if __name__ == "__main__":
    main()
