"""The report of a two-level negotiation: is there a deal, how big are the win-sets, which
package each solution recommends, and who must be won over at home.

>>> from negotiate.model import NegotiationGame, Party, Issue
>>> from negotiate.negotiation.analysis import analyse
>>> game = NegotiationGame(
...     id="swap", title="A swap",
...     parties=[Party(id="us", values={"trade": {"open": 3}, "visas": {"more": -1}}),
...              Party(id="mx", values={"trade": {"open": -1}, "visas": {"more": 2}})],
...     issues=[Issue(id="trade", options=["closed", "open"]),
...             Issue(id="visas", options=["few", "more"])],
... )
>>> result = to_json(analyse(game))
>>> result["agreements"], result["win_sets"], result["solutions"]["nash"]
(1, {'us': 3, 'mx': 3}, [{'package': {'trade': 'open', 'visas': 'more'},
                          'utilities': {'us': '2', 'mx': '1'}}])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from negotiate.exact.numbers import to_json as number_json
from negotiate.exact.numbers import to_text
from negotiate.model.negotiation import NegotiationGame, Package
from negotiate.negotiation.analysis import NegotiationAnalysis
from negotiate.negotiation.solutions import LotteryOutcome, PackageOutcome
from negotiate.report.document import Block, BulletList, Document, Heading, Paragraph, Table
from negotiate.report.fragility import document_blocks as fragility_blocks
from negotiate.report.fragility import to_json as fragility_json
from negotiate.report.leverage import document_blocks as leverage_blocks
from negotiate.report.leverage import to_json as leverage_json
from negotiate.report.linkage import document_blocks as linkage_blocks
from negotiate.report.linkage import to_json as linkage_json
from negotiate.report.mechanisms import document_blocks as mechanism_blocks
from negotiate.report.mechanisms import to_json as mechanism_json
from negotiate.report.negotiation_brief import bottom_line, scenario_blocks, title
from negotiate.report.negotiation_brief import compare as compare_scenarios
from negotiate.report.words import agree, count, in_prose, signed

__all__ = ["compare", "document", "to_json"]

compare = compare_scenarios


# -- JSON --------------------------------------------------------------------------------------


def _package_json(game: NegotiationGame, package: Package) -> dict[str, str]:
    return dict(zip(game.issue_ids, package, strict=True))


def _outcome_json(game: NegotiationGame, outcome: PackageOutcome | None) -> dict[str, Any] | None:
    if outcome is None:
        return None
    return {
        "package": _package_json(game, outcome.package),
        "utilities": {p: number_json(u) for p, u in outcome.utilities.items()},
    }


def _lottery_json(game: NegotiationGame, lottery: LotteryOutcome | None) -> dict[str, Any] | None:
    if lottery is None:
        return None
    result: dict[str, Any] = {
        "utilities": {p: number_json(u) for p, u in lottery.utilities.items()},
        "lottery": [
            {"probability": number_json(p), "package": _package_json(game, o.package)}
            for p, o in lottery.lottery
        ],
    }
    return result


def to_json(analysis: NegotiationAnalysis) -> dict[str, Any]:
    """FORMAT.md's negotiation keys, plus ``disagreement``, ``best``, ``pivotal``,
    ``pivotal_slack`` and ``solutions.nash_symmetric`` (when the parties' powers differ)."""
    game = analysis.game
    agreement = analysis.agreement

    def outcomes(items: Sequence[PackageOutcome]) -> list[Any]:
        return [_outcome_json(game, o) for o in items]

    solutions: dict[str, Any] = {
        "nash": outcomes(analysis.nash),
        "kalai_smorodinsky": outcomes(analysis.kalai_smorodinsky),
        "egalitarian": outcomes(analysis.egalitarian),
        "utilitarian": outcomes(analysis.utilitarian),
        "nash_lottery": _lottery_json(game, analysis.nash_lottery),
        "proposer": {p: _outcome_json(game, o) for p, o in analysis.proposer.items()},
    }
    if analysis.nash_symmetric is not None:
        solutions["nash_symmetric"] = outcomes(analysis.nash_symmetric)
    return (
        {
            "packages": agreement.package_count,
            "status_quo": _package_json(game, agreement.status_quo),
            "win_sets": agreement.win_set_sizes,
            "agreements": agreement.count,
            "pareto": outcomes(analysis.pareto),
            "solutions": solutions,
            "disagreement": {p: number_json(u) for p, u in analysis.disagreement.items()},
            "powers": {p.id: number_json(p.power) for p in game.parties},
            "best": outcomes(analysis.best),
            "pivotal": {p: list(ids) for p, ids in analysis.pivotal.items()},
            "pivotal_slack": {
                p: {a: number_json(v) for a, v in gains.items()}
                for p, gains in analysis.slack.items()
            },
            "ratification_power": {
                party: {
                    "shapley_shubik": _index_json(power.shapley_shubik),
                    "banzhaf": _index_json(power.banzhaf),
                }
                for party, power in analysis.ratification_power.items()
            },
        }
        | _international_json(analysis)
        | ({} if analysis.linkage is None else {"linkage": linkage_json(analysis.linkage)})
        | mechanism_json(analysis)
        | leverage_json(analysis)
        | fragility_json(analysis)
    )


def _index_json(index: Any) -> dict[str, Any]:
    return {voter: number_json(value) for voter, value in index.items()}


def _international_json(analysis: NegotiationAnalysis) -> dict[str, Any]:
    international = analysis.international
    if international is None:
        return {}
    tu_game = international.game
    return {
        "international": {
            "worth": {
                "+".join(tu_game.members(mask)): number_json(tu_game.worth[mask])
                for mask in range(1, len(tu_game.worth))
            },
            "shapley": _index_json(
                dict(zip(tu_game.players, international.shapley.payoffs, strict=True))
            ),
            "prenucleolus" if international.pre else "nucleolus": _index_json(
                dict(zip(tu_game.players, international.nucleolus.allocation.payoffs, strict=True))
            ),
        }
    }


# -- text and Markdown ---------------------------------------------------------------------------


def _actor_label(game: NegotiationGame, actor_id: str) -> str:
    if actor_id in game.party_ids:
        return "its executive (veto)"
    return game.actor(actor_id).label


def _in_words(game: NegotiationGame, package: Package) -> str:
    """A package by issue id."""
    return ", ".join(
        f"{issue.id} = {option}" for issue, option in zip(game.issues, package, strict=True)
    )


def _utilities_text(game: NegotiationGame, utilities: Any) -> str:
    return ", ".join(f"{p} {to_text(utilities[p])}" for p in game.party_ids)


def _powers_text(game: NegotiationGame) -> str:
    return ", ".join(f"{p.id} {to_text(p.power)}" for p in game.parties)


def _named_solutions(analysis: NegotiationAnalysis) -> list[tuple[str, Sequence[PackageOutcome]]]:
    game = analysis.game
    unequal = analysis.nash_symmetric is not None
    named: list[tuple[str, Sequence[PackageOutcome]]] = [
        (f"Nash (powers {_powers_text(game)})" if unequal else "Nash", analysis.nash)
    ]
    if unequal:
        named.append(("Nash (equal powers)", analysis.nash_symmetric or ()))
    named += [
        ("Kalai-Smorodinsky", analysis.kalai_smorodinsky),
        ("Egalitarian", analysis.egalitarian),
        ("Utilitarian", analysis.utilitarian),
    ]
    named += [(f"{p} proposes", () if o is None else (o,)) for p, o in analysis.proposer.items()]
    return named


def _letters(count: int) -> list[str]:
    return [chr(ord("A") + k) if k < 26 else f"P{k + 1}" for k in range(count)]


_COLUMNS = 8
"""The most packages the recommended-packages table shows side by side."""


def _recommended(analysis: NegotiationAnalysis) -> list[Block]:
    """The distinct recommended packages side by side (one column each, issues by id), then
    which solution picks which."""
    game = analysis.game
    named = _named_solutions(analysis)
    distinct: dict[int, PackageOutcome] = {}
    for outcome in [o[0] for _, o in named if o] + [x for _, o in named for x in o[1:]]:
        distinct.setdefault(outcome.index, outcome)  # each solution's first, then the ties
    columns = list(distinct.values())[:_COLUMNS]
    letters = dict(zip((o.index for o in columns), _letters(len(columns)), strict=True))
    rows = []
    for axis, issue in enumerate(game.issues):
        rows.append([issue.id, issue.status_quo, *(o.package[axis] for o in columns)])
    for party in game.parties:
        rows.append(
            [
                f"utility of {party.id}",
                to_text(analysis.disagreement[party.id]),
                *(to_text(o.utilities[party.id]) for o in columns),
            ]
        )
    table = Table(["issue", "status quo", *letters.values()], rows)
    lines = []
    for name, outcomes in named:
        if not outcomes:
            lines.append(f"{name}: none")
            continue
        picks = [letters[o.index] for o in outcomes if o.index in letters]
        hidden = len(outcomes) - len(picks)
        picks += [f"{hidden} more not shown (the JSON lists them)"] if hidden else []
        tie = f" (a tie of {len(outcomes)})" if len(outcomes) > 1 else ""
        lines.append(f"{name}: {in_prose(picks, 'or')}{tie}")
    picked: Block = BulletList(lines)
    if len(columns) == 1 and all(outcomes for _, outcomes in named):
        picked = Paragraph(f"Every solution picks {letters[columns[0].index]}.")
    return [
        Paragraph(
            "Each solution is a rule for picking one agreement. Nash: the largest product of the "
            "executives' gains over what they have without a deal (with unequal bargaining powers "
            "as exponents: the asymmetric Nash solution). Kalai-Smorodinsky: the largest equal "
            "share of each party's best possible gain. Egalitarian: the largest smallest gain. "
            "Utilitarian: the largest total utility. A proposer's pick: its best agreement, the "
            "others' gains breaking ties. Each picks among the Pareto-efficient agreements."
        ),
        table,
        picked,
    ]


def _lottery_text(analysis: NegotiationAnalysis) -> str:
    game = analysis.game
    lottery = analysis.nash_lottery
    if lottery is None:
        return (
            "Over lotteries of agreements there is no Nash point: no lottery gives every "
            "executive at least its reservation."
        )
    point = _utilities_text(game, lottery.utilities)
    if len(lottery.lottery) == 1:
        how = "by a single package, the Nash package above"
        if analysis.nash and lottery.lottery[0][1].index != analysis.nash[0].index:
            how = f"by a single package: {_in_words(game, lottery.lottery[0][1].package)}"
    else:
        how = "by the lottery " + " + ".join(
            f"{to_text(p)} x ({', '.join(o.package)})" for p, o in lottery.lottery
        )
    exact = "" if lottery.exact else " (computed in floating point)"
    return (
        f"If the parties may randomise (or split the difference over time), the Nash point over "
        f"lotteries of agreements is ({point}){exact}, reached {how}."
    )


def _legend(analysis: NegotiationAnalysis) -> list[Block]:
    """The parties' and issues' ids with their full names (the tables use the ids), and the
    utility scale."""
    game = analysis.game
    parties = "; ".join(f"{p.id} = {p.label}" for p in game.parties)
    issues = "; ".join(
        f"{i.id} = {i.label} ({', '.join(i.options)})"
        if i.label != i.id
        else f"{i.id} ({', '.join(i.options)})"
        for i in game.issues
    )
    best = [f"{p} {to_text(o.utilities[p])}" for p, o in analysis.proposer.items() if o is not None]
    reach = f"; the most an agreement gives each is {', '.join(best)}" if best else ""
    return [
        Heading("The game"),
        Paragraph(f"Parties: {parties}. Issues, with their options (status quo first): {issues}."),
        Paragraph(
            "Utility: each actor's part-worths of the chosen options, plus the file's interaction "
            "terms, summed; 0 is the status quo (every option at its first value) unless the "
            "file says otherwise. The numbers are the file's own judgements on its own scale: "
            "who accepts what depends only on each actor's comparisons; the bargaining solutions "
            "also use differences. Without a deal (the disagreement point, each executive's "
            f"reservation) the executives have {_utilities_text(game, analysis.disagreement)}"
            f"{reach}."
        ),
    ]


def _deal_blocks(analysis: NegotiationAnalysis) -> list[Block]:
    agreement = analysis.agreement
    total = agreement.package_count
    if analysis.has_deal:
        pareto = len(analysis.pareto)
        text = (
            f"Yes. {agreement.count} of the {count(total, 'package')} (a package is one option "
            f"on every issue) {agree(agreement.count, 'is', 'are')} ratified by every party and "
            f"{agree(agreement.count, 'differs', 'differ')} from the status quo: the agreement "
            "set. "
            f"{count(pareto, 'agreement')} {agree(pareto, 'is', 'are')} Pareto-efficient for the "
            "executives: no other agreement is better for one and no worse for the others."
        )
    elif agreement.count:
        text = (
            f"No deal an executive would sign: {count(agreement.count, 'package')} "
            f"{agree(agreement.count, 'is', 'are')} ratified at home, but each leaves some "
            "executive below its reservation."
        )
    else:
        text = (
            f"No deal: none of the {total} packages other than the status quo is ratified "
            "by every party, so every bargaining solution is empty and the status quo stands."
        )
    return [Heading("Is there a deal?"), Paragraph(text)]


def _win_set_blocks(analysis: NegotiationAnalysis) -> list[Block]:
    game, agreement = analysis.game, analysis.agreement
    sizes = agreement.win_set_sizes
    total = agreement.package_count
    rows = []
    for party in game.parties:
        rule = game.ratification(party.id)
        if rule is None:
            how = "its executive alone"
        else:
            veto = " and the executive" if rule.executive_veto else ""
            weight = sum((c.weight for c in game.constituencies_of(party.id)), start=0)
            how = f"constituency weight >= {to_text(rule.quota)} of {to_text(weight)}{veto}"
        share = f"{100 * sizes[party.id] / total:.0f}%"
        rows.append([party.id, str(sizes[party.id]), share, how])
    rows.append(["agreement set", str(agreement.count), "", "every party (the status quo aside)"])
    return [
        Heading("Win-sets"),
        Paragraph(
            "A party's win-set is the packages it can ratify at home: its constituencies "
            "approving (each accepts a package worth at least its reservation) must carry the "
            "quota of weight, and its executive must accept too if it has a veto."
        ),
        Table(["party", "packages", "share", "ratified by"], rows),
    ]


def _win_over_blocks(analysis: NegotiationAnalysis) -> list[Block]:
    game = analysis.game
    items = []
    for party in game.parties:
        pivotal = analysis.pivotal.get(party.id, ())
        slack = analysis.slack.get(party.id, {})
        names = (
            ", ".join(
                f"{_actor_label(game, a)} (gain {to_text(slack[a])})"
                if a in slack
                else _actor_label(game, a)
                for a in pivotal
            )
            or "nobody in particular"
        )
        detail = ""
        if party.id in analysis.approval:
            approving, quota = analysis.approval[party.id]
            weight = sum((c.weight for c in game.constituencies_of(party.id)), start=0)
            detail = (
                f" (approving weight {to_text(approving)} of {to_text(weight)}, "
                f"quota {to_text(quota)})"
            )
        items.append(f"{party.id}: {names}{detail}")
    return [
        Heading("Who must be won over at home (for the Nash package)"),
        Paragraph(
            "A constituency is pivotal if, without its weight, the approving weight would fall "
            "below the quota; an executive with a veto always is. Its gain is what the package "
            "is worth to it over its reservation: 0 means it accepts by a tie."
        ),
        BulletList(items),
        *_interaction_blocks(analysis),
    ]


def _interaction_blocks(analysis: NegotiationAnalysis) -> list[Block]:
    """The file's interaction terms that apply at the Nash package, with their notes."""
    if not analysis.nash_interactions:
        return []
    items = []
    for interaction, without in analysis.nash_interactions:
        when = ", ".join(
            f"{issue} = {' or '.join(options)}" for issue, options in interaction.when.items()
        )
        verdict = (
            "without it, it would reject the package"
            if without < 0
            else (
                "without it, it would accept by a tie"
                if without == 0
                else f"without it, its gain would be {to_text(without)}"
            )
        )
        note = " ".join(interaction.note.split())
        items.append(
            f"{interaction.actor} {signed(interaction.value)} when {when} ({verdict})"
            + (f": {note}" if note else "")
        )
    count_text = count(len(items), "interaction term")
    return [
        Paragraph(
            f"Linkage at home: {count_text} of the file (value added to an actor's utility "
            f"when the package meets a condition) {agree(len(items), 'applies', 'apply')} to "
            "the Nash package:"
        ),
        BulletList(items),
    ]


def _best_blocks(analysis: NegotiationAnalysis) -> list[Block]:
    """The best agreements by Nash product (none when ``--top 0``)."""
    game = analysis.game
    best = len(analysis.best)
    if not best:
        return []
    heading = (
        "The best agreement by Nash product"
        if best == 1
        else f"The {best} best agreements by Nash product"
    )
    rows = [
        [str(k + 1), *o.package, *(to_text(o.utilities[p]) for p in game.party_ids)]
        for k, o in enumerate(analysis.best)
    ]
    return [Heading(heading), Table(["#", *game.issue_ids, *game.party_ids], rows)]


def document(
    analysis: NegotiationAnalysis, scenarios: Sequence[NegotiationAnalysis] = ()
) -> Document:
    """The bottom line first; the scenarios side by side (if given); then the game's legend,
    win-sets, recommended packages, who must be won over at home, power, the best agreements,
    linkage, mechanisms, leverage and notes."""
    game = analysis.game
    blocks: list[Block] = [bottom_line(analysis, scenarios)]
    if scenarios:
        blocks.extend(scenario_blocks(analysis, scenarios))
    blocks.extend(_legend(analysis))
    blocks.extend(_deal_blocks(analysis))
    blocks.extend(_win_set_blocks(analysis))

    if not analysis.has_deal:
        if analysis.linkage is not None:
            blocks.extend(linkage_blocks(analysis.linkage))
        blocks.extend(mechanism_blocks(analysis))
        blocks.extend(leverage_blocks(analysis))
        return Document(title(game), blocks)

    blocks.extend(fragility_blocks(analysis))
    blocks.append(Heading("Recommended packages"))
    blocks.extend(_recommended(analysis))
    blocks.append(Paragraph(_lottery_text(analysis)))
    blocks.extend(_win_over_blocks(analysis))
    blocks.extend(_power_blocks(analysis))

    blocks.extend(_best_blocks(analysis))
    if analysis.linkage is not None:
        blocks.extend(linkage_blocks(analysis.linkage))
    blocks.extend(mechanism_blocks(analysis))
    blocks.extend(leverage_blocks(analysis))

    blocks.append(Heading("Notes"))
    blocks.append(
        BulletList(
            [
                "Utilitarian and egalitarian solutions compare utilities across parties: they "
                "change if one party's scale changes (the utilitarian one even with a shift); "
                "Nash and Kalai-Smorodinsky do not.",
                "Every solution picks, among the agreement set's packages, ones that no other "
                "agreement improves for everyone; ties are all listed.",
            ]
        )
    )
    return Document(title(game), blocks)


# -- scenario comparison -------------------------------------------------------------------------


def _power_blocks(analysis: NegotiationAnalysis) -> list[Block]:
    """Who holds power at home (ratification bodies as voting games) and, with three or more
    parties, among governments (the international coalition game)."""
    game = analysis.game
    blocks: list[Block] = []
    if analysis.ratification_power:
        blocks.append(Heading("Power at home (ratification bodies as voting games)"))
        blocks.append(
            Paragraph(
                "Each ratification rule is a voting body: the constituencies vote with their "
                "weights, and an executive with a veto must be among the winners. Shapley-Shubik: "
                "the share of voting orders in which a voter decides; Banzhaf: its share of swings."
            )
        )
        rows = [
            [
                party,
                _actor_label(game, voter),
                to_text(power.shapley_shubik[voter]),
                to_text(power.banzhaf[voter]),
            ]
            for party, power in analysis.ratification_power.items()
            for voter in power.shapley_shubik
        ]
        blocks.append(Table(["party", "voter", "Shapley-Shubik", "Banzhaf"], rows))
    international = analysis.international
    if international is not None:
        tu_game = international.game
        blocks.append(Heading("Among governments (the international coalition game)"))
        blocks.append(
            Paragraph(
                "The worth of a coalition of governments is the largest joint gain it can ratify "
                "on its own, changing only the issues its members may sign. The Shapley value and "
                "the nucleolus say who the coalitions favour: a hub gets more than it could alone."
                + (
                    " Here the governments together are worth less than apart (no imputation), "
                    "so the last column is the prenucleolus."
                    if international.pre
                    else ""
                )
            )
        )
        rows = [
            [game.party(p).label, to_text(s), to_text(n)]
            for p, s, n in zip(
                tu_game.players,
                international.shapley.payoffs,
                international.nucleolus.allocation.payoffs,
                strict=True,
            )
        ]
        column = "prenucleolus" if international.pre else "nucleolus"
        blocks.append(Table(["party", "Shapley", column], rows))
    return blocks
