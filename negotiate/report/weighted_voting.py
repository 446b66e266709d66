"""The report of a voting body: who holds the power, per bloc (per voter in JSON)."""

from __future__ import annotations

import decimal
from fractions import Fraction
from typing import Any

from negotiate.exact.numbers import to_json as number_json
from negotiate.exact.numbers import to_text
from negotiate.report.document import BulletList, Document, Heading, Paragraph, Table
from negotiate.report.words import count
from negotiate.voting.analysis import VotingAnalysis
from negotiate.voting.power import INDICES

__all__ = ["bottom_line", "document", "to_json"]

_LABELS = {
    "shapley_shubik": "Shapley-Shubik",
    "banzhaf": "Banzhaf",
    "banzhaf_raw": "Banzhaf (raw)",
    "deegan_packel": "Deegan-Packel",
    "holler": "Holler",
}


def _show(value: Any) -> str:
    """A number for the table: exact when short, else its decimal (JSON keeps it exact)."""
    text = to_text(value)
    if len(text) <= 24:
        return text
    try:
        return f"{float(value):.4g}"
    except OverflowError:  # a count of coalitions of 2,000 voters is beyond 10^308
        exact = Fraction(value)
        with decimal.localcontext() as context:
            context.prec = 8
            quotient = decimal.Decimal(exact.numerator) / decimal.Decimal(exact.denominator)
        return f"{quotient:.4g}"


def bottom_line(analysis: VotingAnalysis) -> str:
    """The bloc with the most power, and the voter with the most, by Shapley-Shubik."""
    game, power = analysis.game, analysis.power
    total = power.bloc_total("shapley_shubik")
    one = power.index("shapley_shubik")
    strongest = max(game.blocs, key=lambda b: total[b.id])
    single = max(game.blocs, key=lambda b: one[b.id])
    text = (
        f"by Shapley-Shubik (the share of voting orders in which a vote decides), the "
        f"{strongest.id} holds the most power as a bloc ({_show(total[strongest.id])})"
    )
    if single.id != strongest.id:
        voter = "its one voter" if single.count == 1 else "each of its voters"
        text += f"; the {single.id}, {voter}, the most per voter ({_show(one[single.id])})"
    return text + "."


def document(analysis: VotingAnalysis) -> Document:
    """Per bloc: one voter's power and the bloc's combined power under each index."""
    game = analysis.game
    power = analysis.power
    blocks: list[Any] = [Paragraph("Bottom line: " + bottom_line(analysis))]
    if game.description:
        blocks.append(Paragraph(game.description))
    if game.quota is not None:
        rule = f"A coalition wins when its weight reaches {to_text(game.quota)}."
    else:
        rule = "A coalition wins when it meets one of these rules: " + "; or ".join(
            ", ".join(f"{need} of {bloc}" for bloc, need in r.need.items()) for r in game.rules
        )
    blocs = [f"{b.id}: {count(b.count, 'voter')}" for b in game.blocs]
    blocks.append(
        Paragraph(f"{count(game.voter_count, 'voter')} in {count(len(game.blocs), 'bloc')}. {rule}")
    )
    blocks.append(BulletList(blocs))
    blocks.append(Heading("Power of the blocs (all voters of a bloc are equal)"))
    blocks.append(
        Paragraph(
            "Shapley-Shubik: share of voting orders in which a voter casts the deciding vote. "
            "Banzhaf: share of swings (winning coalitions it can break). Deegan-Packel and "
            "Holler: based on minimal winning coalitions only. Each cell gives the whole bloc's "
            "share, then one voter's."
        )
    )
    header = ["bloc", "voters"] + [_LABELS[i] for i in INDICES if i != "banzhaf_raw"]
    rows = []
    for bloc in game.blocs:
        row = [bloc.id, str(bloc.count)]
        for name in INDICES:
            if name == "banzhaf_raw":
                continue
            one = power.index(name)[bloc.id]
            total = power.bloc_total(name)[bloc.id]
            row.append(_show(total) if bloc.count == 1 else f"{_show(total)}; {_show(one)}")
        rows.append(row)
    blocks.append(Table(header, rows))
    blocks.append(
        Paragraph(
            "Raw Banzhaf (probability that one voter's vote decides, all coalitions equally "
            "likely): "
            + "; ".join(f"{b.id} {_show(power.banzhaf_raw[b.id])}" for b in game.blocs)
            + f". Minimal winning coalitions: {_show(power.minimal_winning_total)}. "
            "Long exact fractions are shown as decimals; the JSON output keeps them exact."
        )
    )
    return Document(game.title, blocks)


def to_json(analysis: VotingAnalysis) -> dict[str, Any]:
    """FORMAT.md's keys for ``weighted_voting``: every index ``{voter: number}``, plus per bloc."""
    power = analysis.power
    result: dict[str, Any] = {
        name: {voter: number_json(value) for voter, value in power.per_voter(name).items()}
        for name in INDICES
    }
    result["blocs"] = {
        b.id: {
            "count": b.count,
            **{name: number_json(power.index(name)[b.id]) for name in INDICES},
        }
        for b in analysis.game.blocs
    }
    result["minimal_winning_coalitions"] = power.minimal_winning_total
    return result
