"""Claims questions as queries over the pack's claims: rank, range, compare, period.

A question is read compositionally: the measure kind and the side it counts, the claimants
it names (a source, a person who speaks as one, a side speaking for itself), figures it
quotes, and the operation its words ask for. Without a measure of its own, a follow-up
("and the biggest one?", "covering which days?") works on the figures the conversation
was last about. Every figure is given with its claimant and period, and a disputed one
says so with the spread.
"""

from __future__ import annotations

import enum

from knowledge.model import Claim, Measure

from ..lookup import speaking_sources
from ..reply import Reply, Request, capitalize, claim_text, join_names, number, spread_text
from . import handler


class Operation(enum.Enum):
    HIGHEST = "highest"
    LOWEST = "lowest"
    RANGE = "range"
    COMPARE = "compare"
    PERIOD = "period"
    LIST = "list"


OPERATION_CUES = {  # the first cue the question says decides; listed most specific first
    Operation.RANGE: "range",
    Operation.HIGHEST: "highest",
    Operation.LOWEST: "lowest",
    Operation.COMPARE: "compare",
    Operation.PERIOD: "period",
}
KINDS_OF_DEATH = ("killed",)  # what "dead", "toll" and "losses" ask first when no kind is named


def operation(req: Request) -> Operation:
    return next((op for op, cue in OPERATION_CUES.items() if req.cue(cue)), Operation.LIST)


def claimants(req: Request) -> list[str]:
    """Sources the question names: sources, people who speak as sources, sides speaking for themselves."""
    return list(dict.fromkeys([*req.ids("source"), *speaking_sources(req)]))


def measures(req: Request, speakers: list[str]) -> list[Measure]:
    """The measures asked about: the kinds and sides named; else those the conversation was on."""
    kb = req.kb
    kinds = req.ids("kind")
    # a side named as a speaker ("the Taliban's numbers") is not the side counted
    voiced = {(e.start, e.end) for e in req.parsed.entities if e.type == "source"}
    spoken = {e.value for e in req.parsed.entities if e.type == "group" and (e.start, e.end) in voiced}
    named = req.ids("group")
    groups = [g for g in named if g not in spoken] or named  # "the Taliban's IS-KP figure": IS-KP's
    found = [m for m in kb.pack.measures.values()
             if kb.claims_of(m.id) and (not kinds or m.kind in kinds) and (not groups or m.subject in groups)]
    listing = operation(req) is Operation.LIST
    if not kinds and not groups:
        last = req.context.slots.get("measure") if req.context else None
        if last in kb.pack.measures and not listing and not speakers:
            return [kb.pack.measures[last]]
        if not listing:  # "who lost more?": deaths first; "X's full tally": everything X gives
            found = [m for m in found if m.kind in KINDS_OF_DEATH] or found
    if speakers:  # the claimants' own figures, when they give any
        found = [m for m in found if any(c.claimant in speakers for c in kb.claims_of(m.id))] or found
    return found


@handler("claims", cues=("range", "highest", "lowest", "compare", "period", "claim", "count", "list", "more"))
def claims(req: Request, reply: Reply) -> None:
    kb = req.kb
    speakers = claimants(req)
    about_figures = req.ids("kind") or req.ids("figure") or speakers or req.cue("claim", "count") or (
        req.context is not None and req.context.slots.get("measure"))
    if not about_figures:  # "on which day was X killed?" asks no figure
        reply.decline("The sources give no figure for that.")
        return
    chosen = measures(req, speakers)
    if not chosen:
        reply.decline("The sources give no figure for that.")
        return
    op = operation(req)
    pool = [c for m in chosen for c in kb.claims_of(m.id)]
    if op is Operation.PERIOD:
        period(req, reply, pool, speakers)
    elif op in (Operation.HIGHEST, Operation.LOWEST):
        rank(req, reply, chosen, op)
    elif op is Operation.COMPARE:
        compare(req, reply, chosen, speakers)
    else:
        spread(req, reply, chosen)
    for m in chosen:
        dispute_line(req, reply, m)
    if len(chosen) == 1:
        reply.focus["measure"] = chosen[0].id


def dispute_line(req: Request, reply: Reply, measure: Measure) -> None:
    d = req.kb.dispute(measure.id)
    if d.disputed:
        span = spread_text(d)
        who = join_names(sorted({req.kb.display_name(c.claimant) for c in d.claims}))
        reply.dispute_line(f"{capitalize(measure.name)}: disputed, claims range from {span} ({who}).")


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
    for c in sorted(pool, key=key, reverse=True):
        if c is not best:
            reply.item(f"{capitalize(kb.pack.measures[c.measure].name)}: {claim_text(kb, c)}", c.evidence)


def spread(req: Request, reply: Reply, chosen: list[Measure]) -> None:
    kb = req.kb
    if len(chosen) > 2:  # every claim of several figures: one line a figure, who gave which
        reply.lead(f"The sources' claims for {len(chosen)} figures, each with its claimant:")
        for m in chosen:
            claims = kb.claims_of(m.id)
            said = "; ".join(f"{c.value.text()} ({kb.display_name(c.claimant)}, {c.period})" for c in claims)
            reply.item(f"{capitalize(m.name)}: {said}", *(c.evidence for c in claims))
        return
    for n, m in enumerate(chosen):
        pool = kb.claims_of(m.id)
        lo, hi = min(pool, key=lambda c: c.value.low), max(pool, key=lambda c: c.value.high)
        text = (f"{capitalize(m.name)}: claims range from {lo.value.text()} ({kb.display_name(lo.claimant)}) "
                f"to {hi.value.text()} ({kb.display_name(hi.claimant)})." if lo is not hi
                else f"{capitalize(m.name)}: {claim_text(kb, lo)}.")
        (reply.lead if n == 0 else reply.para)(text, lo.evidence, hi.evidence)
        for c in pool:
            reply.item(claim_text(kb, c), c.evidence)


def period(req: Request, reply: Reply, pool: list[Claim], speakers: list[str]) -> None:
    """"Over what period is the 153?": the period each figure covers."""
    kb = req.kb
    figures = {float(v) for v in req.ids("figure")}
    picked = [c for c in pool if figures & {c.value.low, c.value.high}] or \
             [c for c in pool if c.claimant in speakers] or pool
    first = picked[0]
    when = f" ({first.date.text})" if first.date else ""
    reply.lead(f"{capitalize(first.value.text())} ({kb.pack.measures[first.measure].name}) covers "
               f"{first.period}{when}, according to {kb.display_name(first.claimant)}.", first.evidence)
    for c in picked[1:4]:
        reply.item(f"{capitalize(c.value.text())}: {c.period}, according to {kb.display_name(c.claimant)}", c.evidence)


def compare(req: Request, reply: Reply, chosen: list[Measure], speakers: list[str]) -> None:
    """Two claimants on one figure, or one claimant on two sides' figures."""
    kb = req.kb
    pool = [c for m in chosen for c in kb.claims_of(m.id)]
    if len(speakers) >= 2:
        pair = [next((c for c in pool if c.claimant == s), None) for s in speakers[:2]]
    elif len(speakers) == 1 and len(chosen) >= 2:  # "who lost more according to X?"
        pair = [next((c for c in kb.claims_of(m.id) if c.claimant == speakers[0]), None) for m in chosen[:2]]
    elif len(speakers) == 1:  # "is that more than the governor's office said?": the last figure and X's
        mine = next((c for c in pool if c.claimant == speakers[0]), None)
        other = next((c for c in pool if c.claimant != speakers[0]), None)
        pair = [other, mine]
    else:
        lo, hi = min(pool, key=lambda c: c.value.low), max(pool, key=lambda c: c.value.high)
        pair = [hi, lo]
    pair = [c for c in pair if c is not None]
    if len(pair) < 2:
        spread(req, reply, chosen)
        return
    a, b = pair
    big, small = (a, b) if a.value.high >= b.value.high else (b, a)
    diff = big.value.high - small.value.high
    ratio = f", about {big.value.high / small.value.high:.1f} times as many" if small.value.high else ""
    same = big.value.high == small.value.high
    lead = (f"{capitalize(claim_text(kb, big))} ({kb.pack.measures[big.measure].name}) "
            + ("is the same as " if same else f"is {number(diff)} more than ")
            + f"{claim_text(kb, small)} ({kb.pack.measures[small.measure].name}){'' if same else ratio}.")
    if req.yes_no and not same:
        asked_more = req.cue("more")
        first_named = pair[0]
        lead = f"{'Yes' if (first_named is big) == asked_more else 'No'}. {lead}"
    reply.lead(lead, big.evidence, small.evidence)
    if big.period != small.period:
        reply.note(f"The two figures cover different periods ({big.period}; {small.period}), "
                   "so they do not measure the same thing.")
