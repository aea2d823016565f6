"""Claims questions as queries over the pack's claims: rank, range, compare, period, who gave
a figure, and whether a quoted figure is one the sources give.

A question is read compositionally (``lookup.read_claims``): the measure kinds and the sides
counted, the claimants it names (a source, a person who speaks as one, a side speaking for
itself), the numbers it quotes, and the operation its words ask for, in any order. Without a
measure of its own, a follow-up ("and the biggest one?", "covering which days?") works on the
figures the conversation was last about. Every figure is given with its claimant and period, a
disputed one says so with the spread, and no verdict is given on a figure's truth: what the
sources say is set beside what was quoted.
"""

from __future__ import annotations

import enum
from functools import lru_cache

from knowledge import KnowledgeBase
from knowledge.model import Claim, Measure

from ..focus import CHOOSERS, focus
from ..lookup import (
    ClaimsReading,
    Voice,
    asks_count,
    cited_items,
    claims_in_scope,
    counted_head,
    has_claim_in_scope,
    in_scope,
    measure_words,
    measures_in_scope,
    read_claims,
)
from ..reply import Reply, Request, capitalize, claim_text, join_names, no_figure_from, number, parts_text, spread_text
from ..stemming import stem
from ..vocabulary import load_english
from . import handler


class Operation(enum.Enum):
    SOURCE = "source"  # who gave a quoted figure
    CHECK = "check"  # is a quoted figure one the sources give?
    HIGHEST = "highest"
    LOWEST = "lowest"
    RANGE = "range"
    COMPARE = "compare"
    PERIOD = "period"
    SCOPE = "scope"  # what a figure counts
    TOTAL = "total"  # a figure that includes the ones talked about
    LIST = "list"


OPERATION_CUES = {  # the first cue the question says decides; listed most specific first
    Operation.RANGE: "range",
    Operation.HIGHEST: "highest",
    Operation.LOWEST: "lowest",
    Operation.COMPARE: "compare",
    Operation.SCOPE: "scope",
    Operation.TOTAL: "total_figure",
    Operation.PERIOD: "period",
}
KINDS_OF_DEATH = ("killed",)  # what "dead", "toll" and "losses" ask first when no kind is named


def operation(req: Request, reading: ClaimsReading) -> Operation:
    if reading.numbers and req.cue("source_of", "names", "who"):  # "whose word does the 100 rest on?"
        return Operation.SOURCE
    named = next((op for op, cue in OPERATION_CUES.items() if req.cue(cue)), None)
    if named is not None:
        return named
    if len(reading.voices) >= 2 and req.cue("agreement"):  # "does X agree with Y?": their figures
        return Operation.COMPARE
    if reading.numbers and (req.yes_no or req.cue("check", "reliability")):  # "is it true 52 rebels were killed?"
        return Operation.CHECK
    if reading.numbers:  # "the 40 dead figure?", "who said 153?": the claims that give it
        return Operation.SOURCE
    return Operation.LIST


RANKING = (Operation.HIGHEST, Operation.LOWEST, Operation.RANGE, Operation.COMPARE)


def measures(req: Request, reading: ClaimsReading, op: Operation) -> list[Measure]:
    """The measures asked about: the kinds and sides named; else those the conversation was on."""
    kb = req.kb
    kinds, groups = reading.kinds, reading.subjects
    speakers = reading.sources()
    if op is Operation.COMPARE and len(reading.voices) == 1 and len(groups) < 2 and req.cue("who"):
        groups = ()  # "according to X, who suffered more, them or Y?": every side X counts
    kind_named = any(e.type == "kind" for e in req.parsed.entities) or bool(req.measures)  # or the intent's
    if op is Operation.LIST and speakers and (req.cue("list") or not kind_named):
        kinds = ()  # "and Y's?" after X's figures for Z, "summarise X's claims about Y's losses": all X gives for Y
    if op is Operation.TOTAL:  # "and the total?": the figures that include what was asked or talked about
        last = req.context.slots.get("measure") if req.context else None
        parts = {m.id for m in matching(req, kinds, groups)} if kinds or groups else {last} if last else set()
        totals = [m for m in kb.pack.measures.values() if set(m.includes) & parts and kb.claims_of(m.id)]
        if totals:
            return totals
    followed = following(req, reading, op, groups)
    if followed:
        return followed
    found = matching(req, kinds, groups)
    if speakers:  # the claimants' own figures, when they give any
        found = [m for m in found if any(c.claimant in speakers for c in kb.claims_of(m.id))] or found
    if not kinds and op in RANKING:
        found = [m for m in found if m.kind in KINDS_OF_DEATH] or found  # "who lost more?": deaths first
    return found


def matching(req: Request, kinds: tuple[str, ...], groups: tuple[str, ...]) -> list[Measure]:
    """Measures of those kinds and sides (any, when none is given) with a claim in the dates asked."""
    kb = req.kb
    within = measures_in_scope(req)  # read once: a big pack has thousands of measures
    return [m for m in kb.pack.measures.values()  # the cheap tests first
            if (not kinds or m.kind in kinds) and (not groups or m.subject in groups)
            and (m.id in within if within is not None else has_claim_in_scope(req, m.id))]


def following(req: Request, reading: ClaimsReading, op: Operation, groups: tuple[str, ...]) -> list[Measure]:
    """The figure the conversation is on, when the question names no other kind or side: "and the
    biggest one?", "how does it compare with X's count?" (that figure), "and by X's count?" (X's
    figures for that side)."""
    kb = req.kb
    last = req.context.slots.get("measure") if req.context else None
    if last not in kb.pack.measures:
        return []
    measure = kb.pack.measures[last]
    if op in (Operation.HIGHEST, Operation.LOWEST) and (len(kb.claims_of(last)) < 2 or req.cue("overall_figure")):
        return []  # "and the highest estimate?" after a figure one claimant gives, "the highest overall": of all
    other = any(e.type == "kind" and e.value != measure.kind or e.type == "group" and e.value in groups
                for e in req.parsed.entities)
    if other or groups and measure.subject not in groups:  # "their own" after another side's figure
        return []
    speakers = reading.sources()
    givers = {c.claimant for c in kb.claims_of(last)}
    theirs = bool(speakers) and all(set(v.sources) & givers for v in reading.voices)
    ranks = op not in (Operation.LIST, Operation.SOURCE, Operation.CHECK)
    if ranks and (not speakers or theirs):
        return [measure]
    if theirs:
        side = measure.subject
        own = [m for m in kb.pack.measures.values()
               if m.subject == side and speakers & {c.claimant for c in kb.claims_of(m.id)}]
        return own if side else [measure]
    return []


@handler("claims", cues=("range", "highest", "lowest", "compare", "period", "claim", "count", "list", "more",
                         "check", "source_of", "who", "alternative", "reliability", "names", "agreement", "judge",
                         "overall_figure", "scope", "total_figure", "others"))
def claims(req: Request, reply: Reply) -> None:
    kb = req.kb
    reading = read_claims(req)
    op = operation(req, reading)
    unnamed = [v for v in reading.voices if not any(kb.source(s) and kb.source(s).person for s in v.sources)]
    if req.cue("names") and unnamed and len(unnamed) == len(reading.voices):  # "the name of the spokesman who ...?"
        reply.decline(f"The sources do not name {join_names([v.label for v in unnamed])}.")
        return
    ranked = op in RANKING
    about_figures = reading.kinds or reading.numbers or reading.voices or req.cue("claim", "count") or (
        ranked and reading.subjects) or (req.context is not None and req.context.slots.get("measure"))
    noun = counted_head(req)  # "how many airstrikes ...?": no figure counts them
    counts_other = noun is not None and not reading.kinds and not reading.voices and not any(
        stem(noun) in measure_words(m) for m in req.kb.pack.measures.values())
    if not about_figures or counts_other:  # "on which day was X killed?" asks no figure
        reply.decline("The sources give no figure for that.")
        return
    speakers = reading.sources()
    if speakers and not speakers & claimants(kb) and judging(req, speakers):  # "whose claims did it cover?" of a judge
        judged = measures(req, reading, Operation.LIST)
        voiced(req, reply, judged, reading)
        for m in judged if reading.kinds else ():  # "what does X think of the casualty numbers?": each flagged
            dispute_line(req, reply, m)
        return None
    chosen = measures(req, reading, op)
    if op is Operation.SOURCE:
        return source_of(req, reply, reading, chosen)
    if op is Operation.CHECK:
        return check(req, reply, reading, chosen)
    if not chosen:
        reply.decline("The sources give no figure for that.")
        return
    pool = [c for m in chosen for c in kb.claims_of(m.id)]
    if op is Operation.PERIOD:
        period(req, reply, pool, reading)
    elif op is Operation.SCOPE:
        scope(req, reply, chosen)
    elif op in (Operation.HIGHEST, Operation.LOWEST):
        rank(req, reply, chosen, op)
    elif op is Operation.COMPARE:
        compare(req, reply, chosen, reading)
    elif reading.voices:
        voiced(req, reply, chosen, reading)
    else:
        spread(req, reply, chosen)
    for m in chosen:
        if not (op is Operation.LIST and not reading.voices):  # the spread has flagged each
            dispute_line(req, reply, m)
    if len(chosen) == 1:
        reply.focus["measure"] = chosen[0].id


@lru_cache(maxsize=8)
def claimants(kb: KnowledgeBase) -> frozenset[str]:
    """Every source that gives a figure (a walk over every claim, once per pack)."""
    return frozenset(c.claimant for c in kb.pack.claims.values())


def quoted(req: Request, reading: ClaimsReading, claims: list[Claim]) -> list[Claim]:
    """The claims that give a number the question quotes ("over 100": the claim of over 100)."""
    numbers = set(reading.numbers)  # one look-up a claim: a big pack's claims questions pool thousands
    return [c for c in claims if c.value.low in numbers or c.value.high in numbers]


def quoted_anywhere(req: Request, reading: ClaimsReading) -> list[Claim]:
    """``quoted`` over every claim of the pack, in pack order, read from an index of the figures
    (a big pack has thousands of claims; a question quotes one or two numbers)."""
    claims, by_figure = _figures(req.kb)
    found = {n for x in reading.numbers for n in by_figure.get(x, ())}
    return [claims[n] for n in sorted(found)]


@lru_cache(maxsize=8)
def _figures(kb: KnowledgeBase) -> tuple[tuple[Claim, ...], dict[float, list[int]]]:
    """The pack's claims, and each figure a claim gives (its low or high) -> those claims' positions."""
    claims = tuple(kb.pack.claims.values())
    by_figure: dict[float, list[int]] = {}
    for n, c in enumerate(claims):
        for x in {c.value.low, c.value.high}:
            by_figure.setdefault(x, []).append(n)
    return claims, by_figure


def dispute_line(req: Request, reply: Reply, measure: Measure) -> None:
    d = req.kb.dispute(measure.id)
    if d.disputed and not d.competing and not d.remarks:  # a total of disputed figures
        reply.dispute_line(f"{capitalize(measure.name)}: disputed, {parts_text(req.kb, d)}.")
    elif d.disputed:
        span = spread_text(d)
        who = join_names(sorted({req.kb.display_name(c.claimant) for c in d.claims}))
        reply.dispute_line(f"{capitalize(measure.name)}: disputed, claims range from {span} ({who}).")


def source_of(req: Request, reply: Reply, reading: ClaimsReading, chosen: list[Measure]) -> None:
    """"Whose number is 33?": each claim giving the quoted figure, with its claimant; the
    measures the question names first."""
    kb = req.kb
    mine = quoted(req, reading, [c for m in chosen for c in kb.claims_of(m.id)])
    found = mine or quoted_anywhere(req, reading)
    if not found:
        figures = join_names([number(n) for n in reading.numbers])
        reply.decline(f"No source gives the figure {figures}.")
        return
    first = found[0]
    if req.cue("names") and not any(kb.source(c.claimant) and kb.source(c.claimant).person for c in found):
        reply.decline("The sources do not name who gave that figure.")  # "what was the name of the expert who ...?"
        reply.para(f"{capitalize(claim_text(kb, first))}.", first.evidence)
        return
    speakers = reading.sources()
    if speakers and not any(c.claimant in speakers for c in found):  # "is 300 the rebels' number?"
        voices = join_names([v.label for v in reading.voices])
        figures = join_names([number(n) for n in reading.numbers])
        reply.lead(f"{capitalize(figures)} is not {voices}'s figure: it is {claim_text(kb, first)} "
                   f"({kb.pack.measures[first.measure].name}).", first.evidence)
    else:
        reply.lead(f"{capitalize(claim_text(kb, first))} ({kb.pack.measures[first.measure].name}).", first.evidence)
    for c in found[1:4]:
        reply.item(f"{capitalize(kb.pack.measures[c.measure].name)}: {claim_text(kb, c)}", c.evidence)
    remarks(req, reply, found[:1])
    for m in dict.fromkeys(kb.pack.measures[c.measure] for c in found[:1]):
        dispute_line(req, reply, m)
    reply.focus["measure"] = first.measure
    reply.focus["source"] = first.claimant


def check(req: Request, reply: Reply, reading: ClaimsReading, chosen: list[Measure]) -> None:
    """"Is it true 52 rebels were killed?": the claims that give the quoted figure, or that no
    source gives it for what was named, beside what the sources do say; never a verdict of our own."""
    kb = req.kb
    speakers = reading.sources()
    named = [m for m in chosen if not speakers or any(c.claimant in speakers for c in kb.claims_of(m.id))] or chosen
    mine = quoted(req, reading, [c for m in named for c in kb.claims_of(m.id)])
    elsewhere = [c for c in quoted_anywhere(req, reading) if c not in mine]
    figures = join_names([number(n) for n in reading.numbers])
    if mine:
        first = mine[0]
        if speakers and first.claimant not in speakers:  # "was it the army that said 153?"
            voices = join_names([v.label for v in reading.voices])
            reply.lead(f"{capitalize(figures)} is not {voices}'s figure: it is {claim_text(kb, first)} "
                       f"({kb.pack.measures[first.measure].name}).", first.evidence)
        else:
            reply.lead(f"{capitalize(claim_text(kb, first))} ({kb.pack.measures[first.measure].name}).",
                       first.evidence)
        shown = [first]
    else:
        # what was named, if the question named it; else the measures of that kind for the side asked
        asked = named if reading.kinds or reading.subjects else []
        if not asked and elsewhere and reading.subjects:
            kinds = {kb.pack.measures[c.measure].kind for c in elsewhere}
            asked = [m for m in kb.pack.measures.values() if m.kind in kinds and m.subject in reading.subjects]
        what = join_names([m.name for m in asked[:2]]) or "anything the sources count"
        theirs = bool(speakers and elsewhere)  # "is 300 the rebels' number?": whose it is, then theirs
        if theirs:
            voices = join_names([v.label for v in reading.voices])
            reply.lead(f"{capitalize(figures)} is not {voices}'s figure{' for ' + what if asked else ''}.")
            whose(req, reply, reading, elsewhere)
        else:
            reply.lead(f"No source gives {figures} for {what}.")
        shown = []
        for m in asked[:2]:
            claims = [c for c in claims_in_scope(req, m.id) if not theirs or c.claimant in speakers]
            for c in claims:
                reply.item(f"{capitalize(m.name)}: {claim_text(kb, c)}", c.evidence)
            shown += claims
        if theirs:
            shown = [*elsewhere[:2], *shown]
            elsewhere = []
    whose(req, reply, reading, elsewhere)
    shown += elsewhere[:2]
    if not shown:
        reply.decline(f"No source gives {figures}.")
        return
    remarks(req, reply, shown)
    for m in dict.fromkeys(kb.pack.measures[c.measure] for c in shown):
        dispute_line(req, reply, m)
    reply.focus["measure"] = shown[0].measure


def whose(req: Request, reply: Reply, reading: ClaimsReading, claims: list[Claim]) -> None:
    """"300 is the figure for militants killed overall: about 300, ..., according to X."""
    kb = req.kb
    for c in claims[:2]:
        given = number(c.value.low if c.value.low in reading.numbers else c.value.high)
        reply.para(f"{capitalize(given)} is the figure for {kb.pack.measures[c.measure].name}: {claim_text(kb, c)}.",
                   c.evidence)


def remarks(req: Request, reply: Reply, claims: list[Claim]) -> None:
    """What the sources say of these claimants' reliability."""
    kb = req.kb
    for remark in kb.pack.remarks.values():
        kinds = {kb.pack.measures[c.measure].kind for c in claims if remark.evidence.claimant != c.claimant}
        covered = {c.claimant for c in claims} & set(remark.covers)
        if covered and (not remark.scope or kinds & set(remark.scope)):
            reply.note(f"Reliability: {remark.text}", remark.evidence)


def voiced(req: Request, reply: Reply, chosen: list[Measure], reading: ClaimsReading) -> None:
    """"What did X say Y lost?": each figure the claimants named give, then the others'."""
    kb = req.kb
    speakers = reading.sources()
    said = [c for m in chosen for c in claims_in_scope(req, m.id) if c.claimant in speakers]
    judged = [r for r in kb.pack.remarks.values() if r.evidence.claimant in speakers]
    # "what did the analyst say about the claims?", "how did X rate them?" of a source that gives no figure
    # at all: what it judges is all it says
    judges_only = not figure_asked(req) and not set(speakers) & claimants(kb)
    if not said and judged and (judges_only or judging(req, speakers)):
        reply.lead(judged[0].text, judged[0].evidence)
        for r in judged[1:]:
            reply.para(r.text, r.evidence)
        covered = sorted({kb.display_name(s) for r in judged for s in r.covers})
        reply.para(f"The claimants it judges: {join_names(covered)}.")
        return
    kinds = {m.kind for m in chosen}
    wider = [c for s in sorted(speakers) for c in kb.claims_by(s) if kb.pack.measures[c.measure].kind in kinds]
    if not said and wider and not figure_asked(req):
        # "what did a local civilian say instead?" after the Taliban's losses: the figure of that kind
        # they do give (of both sides), with what it is not
        reply.focus["measure"] = None
        reply.lead(f"{capitalize(kb.pack.measures[wider[0].measure].name)}: {claim_text(kb, wider[0])}.",
                   wider[0].evidence)
        reply.items(wider[1:], lambda c: (f"{capitalize(kb.pack.measures[c.measure].name)}: {claim_text(kb, c)}",
                                          c.evidence))
        who = capitalize(join_names([v.label for v in reading.voices]))
        reply.para(f"{who} give{'s' if len(reading.voices) == 1 else ''} no separate figure for {chosen[0].name}.")
        remarks(req, reply, wider)
        return
    if not said:
        no_figure_from(reply, kb, [v.label for v in reading.voices], chosen[:3])
        return
    first = said[0]
    reply.lead(f"{capitalize(kb.pack.measures[first.measure].name)}: {claim_text(kb, first)}.", first.evidence)
    # one side's figures: "and by Y's count?" asks Y of the one the answer leads with; of both
    # sides, none ("and what did Y say?" asks all Y gives)
    one_side = len({kb.pack.measures[c.measure].subject for c in said}) == 1
    reply.focus["measure"] = first.measure if one_side else None
    reply.items(said[1:], lambda c: (f"{capitalize(kb.pack.measures[c.measure].name)}: {claim_text(kb, c)}",
                                     c.evidence))
    others = [c for m in chosen for c in claims_in_scope(req, m.id) if c.claimant not in speakers]
    reply.items(others if len(said) <= 2 else (),  # beside a long tally the dispute lines name the others
                lambda c: (f"For comparison, {kb.pack.measures[c.measure].name}: {claim_text(kb, c)}", c.evidence))
    remarks(req, reply, said)


def figure_asked(req: Request) -> bool:
    """"How many ...?", "what death toll ...?", "which figure ...?": a figure is what is asked for
    (but in "how did X rate the figures?" the rating is)."""
    if asks_count(req):
        return True
    at = focus(req.parsed, load_english())
    if at is None or req.parsed.tokens[0] not in CHOOSERS:  # "how did X rate ...?" asks a manner
        return False
    measured = any(e.type in ("kind", "figure") and e.start <= at < e.end for e in req.parsed.entities)
    return measured or any(req.parsed.tokens[at] in p for p in req.cues.phrases["count"])


def judging(req: Request, speakers: set[str]) -> bool:
    """Whether a claimant is asked for a judgement ("what did X say about ...?"), not a figure of
    its own ("how many deaths did X estimate?"): a verb of judging follows its name."""
    tokens = req.parsed.tokens
    verbs = {w for p in req.cues.phrases["judge"] for w in p} if req.cues and req.cue("judge") else set()
    ends = [e.end for e in req.parsed.entities if e.type == "source" and e.value in speakers]
    return any(at < len(tokens) and tokens[at] in verbs for at in ends)


def rank(req: Request, reply: Reply, chosen: list[Measure], op: Operation) -> None:
    kb = req.kb
    pool = [c for m in chosen for c in kb.claims_of(m.id)]
    key = (lambda c: c.value.high) if op is Operation.HIGHEST else (lambda c: -c.value.low)
    best = max(pool, key=key)
    word = "highest" if op is Operation.HIGHEST else "lowest"
    measure = kb.pack.measures[best.measure]
    scope = measure.name if len(chosen) == 1 else "the figures asked about"
    reply.lead(f"The {word} claim for {scope}: {claim_text(kb, best)}"
               + ("" if len(chosen) == 1 else f" ({measure.name})") + ".", best.evidence)
    reply.items((c for c in sorted(pool, key=key, reverse=True) if c is not best),
                lambda c: (f"{capitalize(kb.pack.measures[c.measure].name)}: {claim_text(kb, c)}", c.evidence))


def spread(req: Request, reply: Reply, chosen: list[Measure]) -> None:
    kb = req.kb
    if len(chosen) > 2:  # every claim of several figures: one line a figure, who gave which
        reply.lead(f"The sources' claims for {len(chosen)} figures, each with its claimant:")
        for m in chosen:
            claims = kb.claims_of(m.id)
            said = "; ".join(f"{c.value.text()} ({kb.display_name(c.claimant)}, {c.period})" for c in claims)
            if kb.dispute(m.id).disputed:
                reply.dispute_line(f"{capitalize(m.name)}: disputed, {said}", *(c.evidence for c in claims))
            else:
                reply.item(f"{capitalize(m.name)}: {said}", *(c.evidence for c in claims))
        return
    for n, m in enumerate(chosen):
        pool = kb.claims_of(m.id)
        lo, hi = min(pool, key=lambda c: c.value.low), max(pool, key=lambda c: c.value.high)
        disputed = kb.dispute(m.id).disputed
        said = "is disputed, claims range" if disputed else "claims range"
        text = (f"{capitalize(m.name)} {said} from {lo.value.text()} ({kb.display_name(lo.claimant)}) "
                f"to {hi.value.text()} ({kb.display_name(hi.claimant)})." if lo is not hi
                else f"{capitalize(m.name)}: {claim_text(kb, lo)}{' (disputed)' if disputed else ''}.")
        reply.disputed = reply.disputed or disputed
        (reply.lead if n == 0 else reply.para)(text, lo.evidence, hi.evidence)
        reply.items(pool, lambda c: (claim_text(kb, c), c.evidence))


def just_compared(req: Request, cited: list[Claim]) -> list[Claim]:
    """The two claims a comparison just cited, one a citation (a quote giving a side's dead and
    wounded stands for the kind of figure the conversation is about)."""
    last = req.context.last_answer if req.context is not None else None
    quotes = [c.quote for c in last.citations] if last is not None else []
    if len(quotes) != 2:
        return []
    kind = req.context.slots.get("kind")
    picked = []
    for quote in quotes:
        said = [c for c in cited if c.evidence.quote == quote]
        picked += [next((c for c in said if req.kb.pack.measures[c.measure].kind == kind), said[0])] if said else []
    return picked if len(picked) == 2 else []


def period(req: Request, reply: Reply, pool: list[Claim], reading: ClaimsReading) -> None:
    """"Over what period is the 153?": the period each figure covers."""
    kb = req.kb
    speakers = reading.sources()
    each = [c for v in reading.voices if (c := first_of(req, pool, v))]  # "do X's and Y's numbers cover ...?"
    refs = set(req.parsed.pronouns.values())  # "do they cover ...?" names nothing new
    names = any(e.type in ("source", "person", "group") and e.start not in refs for e in req.parsed.entities)
    if not reading.numbers and not names and req.context is not None:  # "which covers a longer period?"
        cited = [c for c in cited_items(req) if isinstance(c, Claim)]
        last = req.context.slots.get("measure")
        order = {id(c): n for n, c in enumerate(cited)}  # the one the last answer led with first
        mine = kb.claims_of(last) if last in kb.pack.measures else []
        mine.sort(key=lambda c: order.get(id(c), len(order)))
        compared = just_compared(req, cited)  # two figures just compared, else the figure talked about
        each = compared or (mine if len(mine) > 1 else cited if len(cited) > 1 else each)
    picked = quoted(req, reading, pool) or quoted_anywhere(req, reading) or \
        (each if len(each) > 1 else []) or [c for c in pool if c.claimant in speakers] or pool
    first = picked[0]
    when = f" ({first.date.text})" if first.date else ""
    reply.lead(f"{capitalize(first.value.text())} ({kb.pack.measures[first.measure].name}) covers "
               f"{first.period}{when}, according to {kb.display_name(first.claimant)}.", first.evidence)
    for c in picked[1:4]:
        reply.item(f"{capitalize(c.value.text())}: {c.period}, according to {kb.display_name(c.claimant)}", c.evidence)
    periods = {c.period for c in picked[:4]}
    if len(periods) > 1:
        reply.note("These figures cover different periods, so they do not measure the same thing.")


def scope(req: Request, reply: Reply, chosen: list[Measure]) -> None:
    """"Does that include both sides?", "what does it count?": what each figure counts, in words."""
    kb = req.kb
    for n, m in enumerate(chosen[:2]):
        who = kb.display_name(m.subject) if m.subject else m.subject_label
        said = who and who.casefold() not in m.name.casefold()  # "IS-KP fighters killed" says whom already
        what = m.name + (f" ({m.description})" if m.description else "") + (f": {who}" if said else "")
        claims = claims_in_scope(req, m.id) or kb.claims_of(m.id)
        figures = join_names([f"{c.value.text()} ({kb.display_name(c.claimant)}, {c.period})" for c in claims[:4]])
        (reply.para if n else reply.lead)(f"{capitalize(figures)} count{'s' if len(claims) == 1 else ''} {what}.",
                                          *(c.evidence for c in claims[:4]))


def first_of(req: Request, claims: list[Claim], voice: Voice) -> Claim | None:
    return next((c for c in claims if c.claimant in voice.sources and in_scope(req, c)), None)


def compare(req: Request, reply: Reply, chosen: list[Measure], reading: ClaimsReading) -> None:
    """Two claimants on one figure, one claimant on two sides' figures, or two sides by every
    claimant who counts both."""
    kb = req.kb
    pool = [c for m in chosen for c in claims_in_scope(req, m.id)]
    voices = reading.voices
    pair: list[Claim | None]
    if len(voices) >= 2:  # on the first figure both give
        shared = next((m for m in chosen if all(first_of(req, kb.claims_of(m.id), v) for v in voices[:2])), None)
        if shared is None and total_against(req, reply, voices[:2]):  # one's overall toll, the other's parts
            return
        claims = kb.claims_of(shared.id) if shared else pool
        pair = [first_of(req, claims, v) for v in voices[:2]]
    elif len(voices) == 1 and len(chosen) >= 2:  # "who lost more according to X?"
        pair = [first_of(req, kb.claims_of(m.id), voices[0]) for m in chosen]
        pair = [c for c in pair if c is not None][:2]
    elif len(voices) == 1:  # "is that more than X said?": the last figure and X's
        mine = first_of(req, pool, voices[0])
        cited = [c for c in cited_items(req) if isinstance(c, Claim)] if req.context is not None else []
        others = [c for c in (*cited, *pool) if c in pool and c.claimant not in voices[0].sources]
        other = others[0] if others else None  # "that": the figure the last answer led with
        pair = [other, mine]
    elif len({m.subject for m in chosen}) >= 2:  # "who lost more, A or B?": by each claimant counting both
        return sides(req, reply, chosen)
    else:
        lo, hi = min(pool, key=lambda c: c.value.low), max(pool, key=lambda c: c.value.high)
        pair = [hi, lo]
    found = [c for c in pair if c is not None]
    if len(found) < 2:
        spread(req, reply, chosen)
        return
    a, b = found[:2]
    big, small = (a, b) if a.value.high >= b.value.high else (b, a)
    diff = big.value.high - small.value.high
    ratio = f", about {big.value.high / small.value.high:.1f} times as many" if small.value.high else ""
    same = big.value.high == small.value.high
    lead = (f"{capitalize(claim_text(kb, big))} ({kb.pack.measures[big.measure].name}) "
            + ("is the same as " if same else f"is {number(diff)} more than ")
            + f"{claim_text(kb, small)} ({kb.pack.measures[small.measure].name}){'' if same else ratio}.")
    if req.yes_no and not same and req.cue("alternative"):  # "higher or lower?": which, in words
        lead = f"{capitalize(a.value.text())} is {'higher' if a is big else 'lower'}: {lead}"
    elif req.yes_no and not same and not req.cue("compare"):  # "does X agree with Y?"
        lead = f"No, the two figures differ: {lead}"
    elif req.yes_no and not same:
        asked_more = req.cue("more")
        lead = f"{'Yes' if (a is big) == asked_more else 'No'}. {lead}"
    reply.lead(lead, big.evidence, small.evidence)
    if big.period != small.period:
        reply.note(f"The two figures cover different periods ({big.period}; {small.period}), "
                   "so they do not measure the same thing.")
    if req.cue("others"):  # "... compare with other estimates?": the rest, and the totals that take them in
        measures = {big.measure, small.measure}
        rest = [c for m in measures for c in claims_in_scope(req, m) if c not in (big, small)]
        totals = [c for t in kb.pack.measures.values() if measures & set(t.includes)
                  for c in claims_in_scope(req, t.id)]
        reply.items(rest + totals, lambda c: (f"{capitalize(kb.pack.measures[c.measure].name)}: {claim_text(kb, c)}",
                                             c.evidence))


def total_against(req: Request, reply: Reply, voices: tuple[Voice, ...]) -> bool:
    """"How does the analyst's overall toll compare with the governor's figures?": one claimant's
    total set against the other's figures for every measure it includes, and their sum."""
    kb = req.kb
    for a, b in (voices, voices[::-1]):
        for total in [c for c in kb.pack.claims.values() if c.claimant in a.sources and in_scope(req, c)]:
            parts = kb.pack.measures[total.measure].includes
            theirs = [first_of(req, kb.claims_of(m), b) for m in parts]
            if not parts or not all(theirs):
                continue
            low, high = sum(c.value.low for c in theirs), sum(c.value.high for c in theirs)
            summed = number(low) if low == high else f"{number(low)} to {number(high)}"
            each = join_names([f"{c.value.text()} {kb.pack.measures[c.measure].name}" for c in theirs])
            periods = {total.period, *(c.period for c in theirs)}
            differ = " (the periods differ, so they do not measure the same thing)" if len(periods) > 1 else ""
            reply.lead(f"{capitalize(claim_text(kb, total))} ({kb.pack.measures[total.measure].name}) against "
                       f"{b.label}'s {each}: {summed} together, {theirs[0].period}{differ}.",
                       total.evidence, *(c.evidence for c in theirs))
            for m in dict.fromkeys(kb.pack.measures[c.measure] for c in (total, *theirs)):
                dispute_line(req, reply, m)
            reply.focus["measure"] = total.measure
            return True
    return False


def sides(req: Request, reply: Reply, chosen: list[Measure]) -> None:
    """Two sides' losses, by each claimant who gives a figure for both, then the rest."""
    kb = req.kb
    subjects = list(dict.fromkeys(m.subject for m in chosen))[:2]
    by_side = {s: [c for m in chosen if m.subject == s for c in claims_in_scope(req, m.id)]
               for s in subjects}
    second = {c.claimant for c in by_side[subjects[1]]}
    claimants = [c.claimant for c in by_side[subjects[0]] if c.claimant in second]
    shown = False
    for who in dict.fromkeys(claimants):
        a = next(c for c in by_side[subjects[0]] if c.claimant == who)
        b = next(c for c in by_side[subjects[1]] if c.claimant == who)
        more = kb.display_name(kb.pack.measures[(a if a.value.high >= b.value.high else b).measure].subject)
        text = (f"According to {kb.display_name(who)}, {more} lost more: {a.value.text()} "
                f"{kb.pack.measures[a.measure].name} against {b.value.text()} {kb.pack.measures[b.measure].name}, "
                f"{a.period}.")
        (reply.para if shown else reply.lead)(text, a.evidence, b.evidence)
        shown = True
    rest = [c for s in subjects for c in by_side[s] if c.claimant not in claimants]
    reply.items(rest, lambda c: (f"{capitalize(kb.pack.measures[c.measure].name)}: {claim_text(kb, c)}", c.evidence))
    if not shown:
        spread(req, reply, chosen)
