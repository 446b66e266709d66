"""The bottom line of a negotiation report, and its scenarios side by side. Computes nothing.

The bottom line says, in a few sentences: whether there is a deal and what it is, who must be won
over at home and why (the pivotal constituencies, narrowest margin first), what linking the
issues changes, and what changes in each of the file's scenarios.

>>> from negotiate.model import NegotiationGame, Party, Issue
>>> from negotiate.negotiation.analysis import analyse
>>> game = NegotiationGame(
...     id="swap", title="A swap",
...     parties=[Party(id="us", values={"trade": {"open": 3}, "visas": {"more": -1}}),
...              Party(id="mx", values={"trade": {"open": -1}, "visas": {"more": 2}})],
...     issues=[Issue(id="trade", options=["closed", "open"]),
...             Issue(id="visas", options=["few", "more"])],
... )
>>> print(bottom_line(analyse(game)).items[0])
Deal: yes. The Nash package: trade = open, visas = more (us 2, mx 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from negotiate.exact.numbers import to_json as number_json
from negotiate.exact.numbers import to_text
from negotiate.model.negotiation import NegotiationGame, Package, Scenario
from negotiate.negotiation.analysis import NegotiationAnalysis
from negotiate.negotiation.linkage import LinkageAnalysis
from negotiate.report.document import Block, BulletList, Document, Heading, Paragraph, Table
from negotiate.report.words import agree, count, in_prose, signed

__all__ = [
    "bottom_line",
    "compare",
    "scenario_blocks",
    "scenario_json",
    "scenario_name",
    "title",
]


def title(game: NegotiationGame) -> str:
    """The game's title, then the name of its scenario: the one applied, or for the base game
    the scenario that changes nothing, if the file has one (its name for the base game)."""
    if game.scenario is None:
        same = [s for s in game.scenarios if _changes_nothing(s)]
        return f"{game.title} — {same[0].label}" if same else game.title
    return f"{game.title} — {scenario_name(game)}"


def scenario_name(game: NegotiationGame) -> str:
    """The applied scenario's name, or "base game"."""
    if game.scenario is None:
        return "base game"
    return next(s.label for s in game.scenarios if s.id == game.scenario)


def _changed(game: NegotiationGame, package: Package) -> list[tuple[str, str]]:
    return [
        (issue.id, option)
        for issue, option in zip(game.issues, package, strict=True)
        if option != issue.status_quo
    ]


def _pairs(pairs: Sequence[tuple[str, str]]) -> str:
    return ", ".join(f"{issue} = {option}" for issue, option in pairs)


def _utilities(game: NegotiationGame, utilities: Any) -> str:
    return ", ".join(f"{p} {to_text(utilities[p])}" for p in game.party_ids)


def _deal_line(analysis: NegotiationAnalysis) -> str:
    game, agreement = analysis.game, analysis.agreement
    outside = analysis.outside_option
    if not analysis.has_deal and outside is not None and outside.applies:
        return (
            f"Deal: none beyond the separate deals ({_pairs(_changed(game, outside.package))}), "
            "which the sides reach issue by issue: no package is ratified by every party and "
            "beats them."
        )
    if not analysis.has_deal:
        if agreement.count:
            return (
                f"Deal: none an executive would sign. {count(agreement.count, 'package')} "
                "pass at home, but each leaves some executive below what it has without a deal."
            )
        paid = analysis.transfer is not None and bool(analysis.transfer.nash)
        return (
            f"Deal: none{' without a side payment' if paid else ''}"
            f"{' at one table for all' if analysis.tables is not None else ''}. No package but "
            "the status quo is ratified by every party."
        )
    nash = analysis.nash[0]
    moved = _changed(game, nash.package)
    ties = (
        f"; {len(analysis.nash)} packages tie, the first is shown" if len(analysis.nash) > 1 else ""
    )
    return (
        f"Deal: yes. The Nash package: {_pairs(moved) or 'nothing new'} "
        f"({_utilities(game, nash.utilities)}{ties})."
    )


def _win_over_line(analysis: NegotiationAnalysis) -> str | None:
    game = analysis.game
    parts = []
    for party in game.parties:
        if party.id not in analysis.approval:
            continue
        slack = analysis.slack.get(party.id, {})
        groups = sorted(
            (a for a in analysis.pivotal.get(party.id, ()) if a not in game.party_ids),
            key=lambda a: slack[a],
        )
        if not groups:
            continue
        approving, quota = analysis.approval[party.id]
        names = in_prose([f"{game.actor(a).label} ({_gain(slack[a])})" for a in groups])
        either = "it" if len(groups) == 1 else "either" if len(groups) == 2 else "any one"
        parts.append(
            f"in {party.id}, {names}; losing {either} drops support from {to_text(approving)} "
            f"below the quota of {to_text(quota)}"
        )
    if not parts:
        return None
    return "Win over: " + "; ".join(parts) + "."


def _linkage_line(linkage: LinkageAnalysis, has_deal: bool) -> str:
    game = linkage.game
    alone = [
        d for d in linkage.separate if d.feasible and d.option != game.issue(d.issue).status_quo
    ]
    if alone:
        issues = in_prose([f"{d.issue} ({d.option})" for d in alone])
        every = len(alone) == len(game.issues)
        separate = (
            f"alone, every issue passes: {issues}"
            if every
            else f"alone, only {issues} {agree(len(alone), 'passes', 'pass')}"
        )
    else:
        separate = "alone, no issue passes"
    if not linkage.linked.feasible:
        return f"Linkage: {separate}; no package of all the issues passes, so linking adds nothing."
    gains = ", ".join(f"{p} {signed(linkage.gains[p])}" for p in game.party_ids)
    if not has_deal:
        losers = [p for p in game.party_ids if linkage.gains[p] < 0]
        who = f"{in_prose(losers)} {agree(len(losers), 'refuses', 'refuse')}" if losers else ""
        return (
            f"Linkage: {separate}; one package of all the issues would change what each gets by "
            f"{gains}, which {who or 'some side refuses'}."
        )
    moved = linkage.linked_only
    only = (
        f"; linked, {in_prose(list(moved))} {agree(len(moved), 'moves', 'move')} too"
        if moved
        else ""
    )
    if all(linkage.gains[p] == 0 for p in game.party_ids):
        return f"Linkage: {separate}{only}; linking gains no party anything."
    return f"Linkage: {separate}{only}; linking is worth {gains}."


def _scenario_line(base: NegotiationAnalysis, scenario: NegotiationAnalysis) -> str:
    game = scenario.game
    name = scenario_name(game)
    if not scenario.has_deal:
        what = "no deal"
        if scenario.outside_option is not None:
            what = "no deal beyond the separate deals"
        return f"{name}: {what}"
    if base.has_deal and scenario.nash[0].package == base.nash[0].package:
        what = "the same Nash package"
    else:
        what = "Nash " + ", ".join(scenario.nash[0].package)
    sizes = [
        f"{p} win-set {base.agreement.win_set_sizes[p]} -> {scenario.agreement.win_set_sizes[p]}"
        for p in game.party_ids
        if 10 * abs(base.agreement.win_set_sizes[p] - scenario.agreement.win_set_sizes[p])
        >= base.agreement.win_set_sizes[p]
        > 0
    ]
    return f"{name}: " + ", ".join([*sizes, what])


def _fragility_line(analysis: NegotiationAnalysis) -> str | None:
    """Who accepts the Nash package by (almost) nothing, and the one number whose smallest
    change moves it; ``None`` when neither applies."""
    result = analysis.fragility
    if result is None or not analysis.nash:
        return None
    nash = analysis.nash[0].package
    ties = [t for t in result.ties if t.package == nash and t.pivotal]
    said = []
    if ties:
        game = analysis.game
        parts = []
        for k, tie in enumerate(ties):
            notes = [w for w, on in (("a tie", tie.gain == 0), ("pivotal", tie.pivotal)) if on]
            by = f"by {to_text(tie.gain)}" + (f" ({', '.join(notes)})" if notes else "")
            parts.append(f"{game.actor(tie.actor).label} {'accepts it ' if k == 0 else ''}{by}")
        said.append(", ".join(parts))
    flip = result.nearest_flip
    if flip is not None:
        way = "increase" if flip.direction > 0 else "decrease"
        if flip.margin == 0:
            said.append(f"any {way} of {flip.path} moves the Nash package")
        else:
            size = to_text(-flip.margin if flip.margin < 0 else flip.margin)
            size = size if flip.exact else f"~{size}"
            article = "an" if way == "increase" else "a"
            said.append(f"{article} {way} of {flip.path} by {size} moves the Nash package")
    if not said:
        return None
    return "Fragility: " + "; ".join(said) + "."


def bottom_line(
    analysis: NegotiationAnalysis, scenarios: Sequence[NegotiationAnalysis] = ()
) -> BulletList:
    """The few sentences a reader needs first (see the module's description)."""
    lines = [_deal_line(analysis)]
    if analysis.has_deal:
        win_over = _win_over_line(analysis)
        if win_over is not None:
            lines.append(win_over)
    fragile = _fragility_line(analysis)
    if fragile is not None:
        lines.append(fragile)
    if analysis.linkage is not None:
        linkage = analysis.linkage
        # under a side payment the linkage analysis settles deals with money
        lines.append(_linkage_line(linkage, analysis.has_deal or linkage.rule == "transfer"))
    lines += _mechanism_lines(analysis)
    others = [s for s in scenarios if not _is_base(s.game)]
    if others:
        lines.append("Scenarios: " + "; ".join(_scenario_line(analysis, s) for s in others) + ".")
    return BulletList(lines, lead="Bottom line:")


def _mechanism_lines(analysis: NegotiationAnalysis) -> list[str]:
    """What a side payment buys (its Nash deal), and the chance that the expected-Nash package
    is ratified, when the game has them."""
    game = analysis.game
    lines = []
    transfer = analysis.transfer
    if transfer is not None:
        payment = f"{transfer.transfer.payer} paying {transfer.transfer.payee}"
        if transfer.nash:
            deal = transfer.nash[0]
            gets = ", ".join(
                f"{p} {to_text(u)}" for p, u in zip(transfer.parties, deal.utilities, strict=True)
            )
            lines.append(
                f"Side payment: with {payment}, the Nash deal is "
                f"{_pairs(_changed(game, deal.package)) or 'the status quo'} for "
                f"{to_text(deal.amount)} ({gets})."
            )
        else:
            lines.append(f"Side payment: no amount of {payment} buys a deal.")
    tables = analysis.tables
    if tables is not None and tables.sequences:
        sequence = max(tables.sequences, key=lambda q: q.final.utilities[q.hub])
        gain = tables.hub_advantage.get(sequence.hub, 0)
        if gain > 0:
            first, second = ("+".join(pair) for pair in sequence.order)
            final = sequence.final
            lines.append(
                f"Tables: {sequence.hub} does best as a hub, {first} first, then {second}: "
                f"{_pairs(_changed(game, final.package)) or 'the status quo'} "
                f"({_utilities(game, final.utilities)}), {signed(gain)} to {sequence.hub} over "
                "one table for all."
            )
    uncertain = analysis.uncertain
    if uncertain is not None and uncertain.expected_nash:
        best = uncertain.expected_nash[0]
        lines.append(
            "Uncertain ratification: the package with the best expected Nash product, "
            f"{_pairs(_changed(game, best.package))}, is ratified with probability "
            f"{to_text(best.probability)}."
        )
    return lines


def _is_base(game: NegotiationGame) -> bool:
    """Whether the applied scenario changes nothing (the file's name for the base game)."""
    if game.scenario is None:
        return True
    return _changes_nothing(next(s for s in game.scenarios if s.id == game.scenario))


def _changes_nothing(scenario: Scenario) -> bool:
    return not (
        scenario.values
        or scenario.party
        or scenario.ratification
        or scenario.interactions
        or scenario.disagreement
        or scenario.threats
        or scenario.remove_threats
        or scenario.transfer
    )


# -- scenarios side by side ----------------------------------------------------------------------


def _column(analysis: NegotiationAnalysis) -> str:
    game = analysis.game
    return "base" if game.scenario is None else game.scenario


def scenario_blocks(
    base: NegotiationAnalysis, scenarios: Sequence[NegotiationAnalysis]
) -> list[Block]:
    """The scenarios section: a legend, then each scenario's headline, one row each."""
    rows_of = [base, *(s for s in scenarios if not _is_base(s.game))]
    same = [s.game.scenario for s in scenarios if _is_base(s.game)]
    legend = ["base = the game as the file states it"]
    if same:
        legend[0] += f" (the same as {in_prose([str(s) for s in same])})"
    legend += [f"{s.game.scenario} = {scenario_name(s.game)}" for s in rows_of[1:]]
    blocks: list[Block] = [
        Heading("Scenarios"),
        Paragraph(
            "Each row is one of the file's scenarios, a variant of the game merged over it: "
            + "; ".join(legend)
            + ". A party's win-set: the packages it can ratify at home; agreements: the "
            "packages, other than the status quo, in every win-set; linkage gain: what "
            "negotiating every issue as one package adds to negotiating them one by one."
        ),
        *_headline_tables(rows_of),
    ]
    return blocks


def _headline_tables(analyses: Sequence[NegotiationAnalysis]) -> list[Block]:
    """Sizes and gains; the Nash package; each issue alone; mechanisms when there are any."""
    game = analyses[0].game
    parties = game.party_ids
    header = ["scenario", "deal", "agreements", *(f"win-set {p}" for p in parties)]
    with_linkage = all(a.linkage is not None for a in analyses)
    if with_linkage:
        header += [f"linkage gain {p}" for p in parties]
    rows = []
    for a in analyses:
        row = [
            _column(a),
            "yes" if a.has_deal else "no",
            str(a.agreement.count),
            *(str(a.agreement.win_set_sizes[p]) for p in parties),
        ]
        if with_linkage:
            row += [signed(a.linkage.gains[p]) for p in parties if a.linkage is not None]
        rows.append(row)
    blocks: list[Block] = [Table(header, rows)]
    blocks.append(Paragraph("The Nash package of each scenario, and what it gives each executive:"))
    nash_rows = []
    for a in analyses:
        if not a.nash:
            nash_rows.append([_column(a), *("-" for _ in game.issues), *("-" for _ in parties)])
            continue
        outcome = a.nash[0]
        nash_rows.append(
            [
                _column(a),
                *outcome.package,
                *(to_text(outcome.utilities[p]) for p in parties),
            ]
        )
    blocks.append(Table(["scenario", *game.issue_ids, *parties], nash_rows))
    blocks.append(Paragraph("Who must be won over at home for it (pivotal constituencies):"))
    blocks.append(BulletList(f"{_column(a)}: {_win_over_ids(a)}" for a in analyses))
    if with_linkage:
        blocks.append(Paragraph("Each issue negotiated alone: its deal, or who blocks it:"))
        blocks.append(Table(["scenario", *game.issue_ids], [_alone_row(a) for a in analyses]))
    blocks += _mechanism_table(analyses)
    return blocks


def _win_over_ids(analysis: NegotiationAnalysis) -> str:
    game = analysis.game
    if not analysis.has_deal:
        return "no deal"
    parts = []
    for p in game.party_ids:
        groups = [a for a in analysis.pivotal.get(p, ()) if a not in game.party_ids]
        parts.append(f"{p}: {', '.join(groups) or 'its executive only'}")
    return "; ".join(parts)


def _alone_row(analysis: NegotiationAnalysis) -> list[str]:
    linkage = analysis.linkage
    assert linkage is not None
    cells = []
    for deal in linkage.separate:
        if deal.feasible:
            cells.append(deal.option)
        else:
            who = ", ".join(b.party for b in deal.blockers)
            cells.append(f"blocked: {who}" if who else "blocked")
    return [_column(analysis), *cells]


def _mechanism_table(analyses: Sequence[NegotiationAnalysis]) -> list[Block]:
    """The transfer's Nash amount and the expected-Nash ratification probability, when a
    scenario has them."""
    header = ["scenario"]
    has_transfer = any(a.transfer is not None for a in analyses)
    has_lottery = any(a.uncertain is not None for a in analyses)
    if not (has_transfer or has_lottery):
        return []
    if has_transfer:
        header.append("transfer: Nash amount")
    if has_lottery:
        header.append("expected Nash: chance of ratification")
    rows = []
    for a in analyses:
        row = [_column(a)]
        if has_transfer:
            nash = a.transfer.nash if a.transfer is not None else ()
            row.append(to_text(nash[0].amount) if nash else "-")
        if has_lottery:
            expected = a.uncertain.expected_nash if a.uncertain is not None else ()
            row.append(to_text(expected[0].probability) if expected else "-")
        rows.append(row)
    return [Paragraph("Mechanisms:"), Table(header, rows)]


def scenario_json(analysis: NegotiationAnalysis) -> dict[str, Any]:
    """One scenario's headline as JSON: id, name, agreements, win-sets, the Nash package, who
    must be won over and the gains from linkage."""
    game = analysis.game
    nash = analysis.nash[0] if analysis.nash else None
    return {
        "id": game.scenario,
        "name": scenario_name(game),
        "agreements": analysis.agreement.count,
        "win_sets": analysis.agreement.win_set_sizes,
        "nash": None if nash is None else dict(zip(game.issue_ids, nash.package, strict=True)),
        "pivotal": {p: list(ids) for p, ids in analysis.pivotal.items()},
        "linkage_gains": None
        if analysis.linkage is None
        else {p: number_json(v) for p, v in analysis.linkage.gains.items()},
    }


def compare(analyses: Sequence[NegotiationAnalysis]) -> Document:
    """Several scenarios of one negotiation (``--scenario`` given more than once): each one's
    bottom line, then their headlines side by side."""
    game = analyses[0].game
    blocks: list[Block] = [
        Paragraph(
            "Scenarios: "
            + "; ".join(f"{_column(a)} = {scenario_name(a.game)}" for a in analyses)
            + "."
        )
    ]
    blocks += _headline_tables(analyses)
    for a in analyses:
        blocks.append(Heading(f"Bottom line: {scenario_name(a.game)}"))
        blocks.append(attrs.evolve(bottom_line(a), lead=None))
    return Document(f"{game.title}: scenarios compared", blocks)


def _gain(value: Any) -> str:
    return "gain 0: a tie" if value == 0 else f"gain {to_text(value)}"
