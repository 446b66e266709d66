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

__all__ = ["compare", "document", "to_json"]


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
    """FORMAT.md's negotiation keys, plus ``disagreement``, ``best``, ``pivotal`` and
    ``solutions.nash_symmetric`` (when the parties' powers differ)."""
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
            "nucleolus": _index_json(
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
    """A package in the issues' own words."""
    return "; ".join(
        f"{issue.label}: {option}" for issue, option in zip(game.issues, package, strict=True)
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
    named += [
        (f"{game.party(p).label} proposes", () if o is None else (o,))
        for p, o in analysis.proposer.items()
    ]
    return named


def _letters(count: int) -> list[str]:
    return [chr(ord("A") + k) if k < 26 else f"P{k + 1}" for k in range(count)]


def _recommended(analysis: NegotiationAnalysis) -> list[Block]:
    """One line per solution: what its package changes, in the issues' own words; then a table
    of the distinct recommended packages side by side (one column each)."""
    game = analysis.game
    named = _named_solutions(analysis)
    distinct: dict[int, PackageOutcome] = {}
    for _, outcomes in named:
        for outcome in outcomes:
            distinct.setdefault(outcome.index, outcome)
    letters = dict(zip(distinct, _letters(len(distinct)), strict=True))
    columns = list(distinct.values())
    rows = []
    for axis, issue in enumerate(game.issues):
        rows.append([issue.label, issue.status_quo, *(o.package[axis] for o in columns)])
    for party in game.parties:
        rows.append(
            [
                f"utility of {party.label}",
                to_text(analysis.disagreement[party.id]),
                *(to_text(o.utilities[party.id]) for o in columns),
            ]
        )
    table = Table(["issue", "status quo", *letters.values()], rows)
    lines = []
    for name, outcomes in named:
        for k, outcome in enumerate(outcomes):
            tie = f" (tie {k + 1} of {len(outcomes)})" if len(outcomes) > 1 else ""
            lines.append(
                f"{name}{tie}, package {letters[outcome.index]}: "
                f"{_changes(game, outcome.package)} "
                f"[{_utilities_text(game, outcome.utilities)}]"
            )
    return [
        BulletList(lines),
        Paragraph("Side by side (an issue not mentioned above stays at its status quo):"),
        table,
    ]


def _solution_lines(analysis: NegotiationAnalysis) -> list[str]:
    """One line per solution: its package(s) in the issues' own words (changed issues only)."""
    game = analysis.game
    lines = []
    for name, outcomes in _named_solutions(analysis):
        for k, outcome in enumerate(outcomes):
            tie = f" (tie {k + 1} of {len(outcomes)})" if len(outcomes) > 1 else ""
            lines.append(
                f"{name}{tie}: {_changes(game, outcome.package)} "
                f"[{_utilities_text(game, outcome.utilities)}]"
            )
    return lines


def _changes(game: NegotiationGame, package: Package) -> str:
    """What a package changes, in the issues' own words."""
    moved = [
        f"{issue.label}: {option}"
        for issue, option in zip(game.issues, package, strict=True)
        if option != issue.status_quo
    ]
    return "; ".join(moved) or "nothing (the status quo)"


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


def document(analysis: NegotiationAnalysis) -> Document:
    """Deal or no deal first; then win-sets, recommended packages, who must be won over at home,
    the best agreements by Nash product, the lottery solution and notes."""
    game = analysis.game
    agreement = analysis.agreement
    blocks: list[Block] = []
    title = game.title
    if game.scenario is not None:
        scenario = next(s for s in game.scenarios if s.id == game.scenario)
        title = f"{game.title} ({scenario.label})"

    blocks.append(Heading("Is there a deal?"))
    total = agreement.package_count
    if analysis.has_deal:
        blocks.append(
            Paragraph(
                f"Yes. {agreement.count} of the {total} packages are ratified by every party "
                f"(the agreement set); {len(analysis.pareto)} of them are Pareto-efficient for "
                "the executives. The solutions below agree on a package when they name the same "
                "one."
            )
        )
    elif agreement.count:
        blocks.append(
            Paragraph(
                f"No deal an executive would sign: {agreement.count} packages are ratified at "
                "home, but each leaves some executive below its reservation."
            )
        )
    else:
        blocks.append(
            Paragraph(
                f"No deal: none of the {total} packages other than the status quo is ratified "
                "by every party, so every bargaining solution is empty and the status quo stands."
            )
        )
    reservations = _utilities_text(game, analysis.disagreement)
    blocks.append(
        Paragraph(
            f"Without agreement the status quo stands ({_in_words(game, agreement.status_quo)}); "
            f"each executive's reservation, the disagreement point, is {reservations}."
        )
    )

    blocks.append(Heading("Win-sets (what each party can ratify at home)"))
    sizes = agreement.win_set_sizes
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
        rows.append([party.label, str(sizes[party.id]), share, how])
    rows.append(["agreement set (all, minus the status quo)", str(agreement.count), "", ""])
    blocks.append(Table(["party", "packages", "share", "ratified by"], rows))

    if not analysis.has_deal:
        if analysis.linkage is not None:
            blocks.extend(linkage_blocks(analysis.linkage))
        blocks.extend(mechanism_blocks(analysis))
        blocks.extend(leverage_blocks(analysis))
        return Document(title, blocks)

    blocks.extend(fragility_blocks(analysis))
    blocks.append(Heading("Recommended packages"))
    blocks.extend(_recommended(analysis))
    blocks.append(Paragraph(_lottery_text(analysis)))

    blocks.append(Heading("Who must be won over at home (for the Nash package)"))
    items = []
    for party in game.parties:
        pivotal = analysis.pivotal.get(party.id, ())
        names = ", ".join(_actor_label(game, a) for a in pivotal) or "nobody in particular"
        detail = ""
        if party.id in analysis.approval:
            approving, quota = analysis.approval[party.id]
            weight = sum((c.weight for c in game.constituencies_of(party.id)), start=0)
            detail = (
                f" (approving weight {to_text(approving)} of {to_text(weight)}, "
                f"quota {to_text(quota)})"
            )
        items.append(f"{party.label}: {names}{detail}")
    blocks.append(BulletList(items))
    blocks.append(
        Paragraph(
            "A constituency is pivotal if, without its weight, the approving weight would fall "
            "below the quota; an executive with a veto always is."
        )
    )

    blocks.extend(_power_blocks(analysis))

    blocks.append(Heading(f"The {len(analysis.best)} best agreements by Nash product"))
    header = ["#", *game.issue_ids, *game.party_ids]
    rows = [
        [str(k + 1), *o.package, *(to_text(o.utilities[p]) for p in game.party_ids)]
        for k, o in enumerate(analysis.best)
    ]
    blocks.append(Table(header, rows))

    if analysis.linkage is not None:
        blocks.extend(linkage_blocks(analysis.linkage))
    blocks.extend(mechanism_blocks(analysis))
    blocks.extend(leverage_blocks(analysis))

    blocks.append(Heading("Notes"))
    blocks.append(
        BulletList(
            [
                "Nash: maximises the product of the executives' gains over their reservations "
                "(powers as exponents: the asymmetric Nash solution). Kalai-Smorodinsky: the "
                "largest equal share of each party's best possible gain. Egalitarian: the largest "
                "smallest gain. Utilitarian: the largest total utility. Proposer: the party's best "
                "agreement, the others' gains breaking ties.",
                "Utilitarian and egalitarian solutions compare utilities across parties: they "
                "change if one party's scale changes (the utilitarian one even with a shift); "
                "Nash and Kalai-Smorodinsky do not.",
                "Every solution picks, among the agreement set's packages, ones that no other "
                "agreement improves for everyone; ties are all listed.",
            ]
        )
    )
    return Document(title, blocks)


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
                game.party(party).label,
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
        blocks.append(Table(["party", "Shapley", "nucleolus"], rows))
    return blocks


def _scenario_name(analysis: NegotiationAnalysis) -> str:
    game = analysis.game
    if game.scenario is None:
        return "base game"
    return next(s.label for s in game.scenarios if s.id == game.scenario)


def _first_package(outcomes: Sequence[PackageOutcome]) -> Package | None:
    return outcomes[0].package if outcomes else None


def compare(analyses: Sequence[NegotiationAnalysis]) -> Document:
    """Several scenarios of one negotiation side by side: one column per scenario, one row per
    fact (deal, win-set sizes, the Nash package issue by issue, utilities, pivotal groups)."""
    game = analyses[0].game
    names = [_scenario_name(a) for a in analyses]
    rows = [
        *_size_rows(analyses),
        *_nash_rows(analyses),
        *_other_solution_rows(analyses),
        *_linkage_rows(analyses),
        *(
            [f"must win over ({p})", *(", ".join(a.pivotal.get(p, ())) or "-" for a in analyses)]
            for p in game.party_ids
        ),
    ]
    blocks: list[Block] = [
        Paragraph(
            "Each column is one scenario; Nash rows give the (first) Nash package issue by issue "
            "and what it gives each executive. '= Nash' marks a solution that picks the Nash "
            "package."
        ),
        Table(["", *names], rows),
    ]
    for a, name in zip(analyses, names, strict=True):
        blocks.append(Heading(name))
        if a.has_deal:
            blocks.append(BulletList(_solution_lines(a)))
        else:
            blocks.append(Paragraph("No deal: the agreement set is empty."))
    return Document(f"{game.title}: scenarios compared", blocks)


def _size_rows(analyses: Sequence[NegotiationAnalysis]) -> list[list[str]]:
    """Whether there is a deal, and the sizes of the agreement, Pareto and win sets."""
    return [
        ["deal?", *("yes" if a.has_deal else "no deal" for a in analyses)],
        ["agreements", *(str(a.agreement.count) for a in analyses)],
        ["Pareto-efficient", *(str(len(a.pareto)) for a in analyses)],
        *(
            [f"win-set of {p}", *(str(a.agreement.win_set_sizes[p]) for a in analyses)]
            for p in analyses[0].game.party_ids
        ),
    ]


def _nash_rows(analyses: Sequence[NegotiationAnalysis]) -> list[list[str]]:
    """The first Nash package issue by issue, then what it gives each executive."""
    game = analyses[0].game
    packages = [_first_package(a.nash) for a in analyses]
    return [
        *(
            [f"Nash: {issue.label}", *("-" if p is None else p[axis] for p in packages)]
            for axis, issue in enumerate(game.issues)
        ),
        *(
            [
                f"Nash: {party_id} utility",
                *(to_text(a.nash[0].utilities[party_id]) if a.nash else "-" for a in analyses),
            ]
            for party_id in game.party_ids
        ),
    ]


def _other_solution_rows(analyses: Sequence[NegotiationAnalysis]) -> list[list[str]]:
    """The first package of each other solution, or '= Nash' when it is the Nash package."""

    def cell(a: NegotiationAnalysis, outcomes: Sequence[PackageOutcome]) -> str:
        if not outcomes:
            return "-"
        if a.nash and outcomes[0].package == a.nash[0].package:
            return "= Nash"
        return ", ".join(outcomes[0].package)

    return [
        ["Kalai-Smorodinsky", *(cell(a, a.kalai_smorodinsky) for a in analyses)],
        ["egalitarian", *(cell(a, a.egalitarian) for a in analyses)],
        ["utilitarian", *(cell(a, a.utilitarian) for a in analyses)],
    ]


def _linkage_rows(analyses: Sequence[NegotiationAnalysis]) -> list[list[str]]:
    """Each party's gain from linkage and the minimal feasible linkages (when every scenario
    has a linkage analysis)."""
    linkages = [a.linkage for a in analyses]
    if any(linkage is None for linkage in linkages):
        return []
    present = [linkage for linkage in linkages if linkage is not None]
    return [
        *(
            [f"gain from linkage ({p})", *(to_text(linkage.gains[p]) for linkage in present)]
            for p in analyses[0].game.party_ids
        ),
        [
            "minimal feasible linkages",
            *(
                "; ".join(" + ".join(m) for m in linkage.minimal_feasible) or "-"
                for linkage in present
            ),
        ],
    ]
