"""Sources and reliability: who said that, which figures are disputed, how far to trust them."""

from __future__ import annotations

from ..reply import Reply, Request, capitalize, claim_text, join_names, number
from . import handler


def figures_in(req: Request) -> list[float]:
    """Figures of the sources written in the question ("who said 153?")."""
    return [float(v) for v in req.ids("figure")]


def claims_with(req: Request, figures: list[float]) -> list:
    return [c for c in req.kb.pack.claims.values() if any(c.value.low <= f <= c.value.high for f in figures)
            and any(f in (c.value.low, c.value.high) for f in figures)]


@handler("sources", cues=("reliability", "dispute"))
def sources(req: Request, reply: Reply) -> None:
    claims = claims_with(req, figures_in(req))
    if claims:
        return who_claims(req, reply, claims)
    source_id = req.first("source")
    if source_id and "source" not in req.from_context:
        return about_source(req, reply, source_id)
    if req.cue("reliability", "dispute"):
        return reliability(req, reply)
    last = req.context.last_answer
    if last is not None and not last.citations:
        reply.lead(f"The last answer cited no source: it described how I work, not the {req.kb.pack.conflict.name}.")
        return
    if last is not None and last.citations:
        reply.more = True  # citations are shown in full (set first: Reply stops collecting past the budget)
        reply.lead("The last answer rests on these sources:")
        for c in last.citations:
            reply.item(f'[{c.n}] {c.source}, section "{c.section}": "{c.quote}"')
        return
    list_sources(req, reply)


def list_sources(req: Request, reply: Reply) -> None:
    kb = req.kb
    pub = kb.pack.publication
    reply.lead(f"Everything I know comes from the {pub.publisher} article \"{pub.title}\""
               + (f" ({pub.licence})" if pub.licence else "") + ", which cites these claimants:")
    by_kind: dict[str, list[str]] = {}
    for s in kb.pack.sources.values():
        by_kind.setdefault(s.kind, []).append(s.name)
    for kind, names in by_kind.items():
        reply.item(f"{capitalize(kind)}: {join_names(names)}")


def reliability(req: Request, reply: Reply) -> None:
    kb = req.kb
    disputes = kb.disputed_measures()
    if not disputes:
        reply.lead("No figure in the fact base is disputed.")
        return
    names = [d.measure.name for d in disputes]
    lead = f"{len(disputes)} figures are disputed: {join_names(names)}."
    reply.lead(f"Yes. {lead}" if req.yes_no else lead)
    for d in disputes:
        claimants = join_names(sorted({kb.source(c.claimant).name for c in d.claims if kb.source(c.claimant)}))
        spread = number(d.low) if d.low == d.high else f"{number(d.low)} to {number(d.high)}"
        reply.dispute_line(f"{capitalize(d.measure.name)}: disputed, {spread} (claimed by {claimants}).")
    for remark in kb.pack.remarks.values():
        reply.note(f"Reliability: {remark.text}", remark.evidence)


def about_source(req: Request, reply: Reply, source_id: str) -> None:
    kb = req.kb
    source = kb.pack.sources[source_id]
    reply.focus["source"] = source_id
    claims = kb.claims_by(source_id)
    remarks = [r for r in kb.pack.remarks.values() if r.evidence.claimant == source_id]
    facts = [f for f in kb.pack.facts.values() if f.evidence.claimant == source_id]
    judged = [r for r in kb.pack.remarks.values() if source_id in r.covers]
    lead = f"{capitalize(source.name)} is cited as a source ({source.kind})."
    reply.lead(lead)
    for claim in claims[:6]:
        measure = kb.pack.measures[claim.measure]
        reply.item(f"{capitalize(measure.name)}: {claim_text(kb, claim)}", claim.evidence)
    for remark in remarks:
        reply.item(remark.text, remark.evidence)
    for fact in facts[:3]:
        reply.item(fact.text, fact.evidence)
    for remark in judged:
        reply.note(f"Reliability: {remark.text}", remark.evidence)
    if not (claims or remarks or facts):
        reply.para("The fact base holds no statement attributed to it beyond what is listed.")


@handler("who_claims", cues=("names",))
def who_claims_handler(req: Request, reply: Reply) -> None:
    """"Who says 300 were killed?": each claim with a figure the question quotes."""
    claims = claims_with(req, figures_in(req))
    if not claims:
        reply.decline("No source gives that figure.")
        return
    unnamed = [c for c in claims if req.kb.source(c.claimant) is None or not req.kb.source(c.claimant).person]
    if req.cue("names") and len(unnamed) == len(claims):  # "what was the name of the expert who said 300?"
        reply.decline("The sources do not name who gave that figure.")
        reply.para(f"{capitalize(claim_text(req.kb, claims[0]))}.", claims[0].evidence)
        return
    who_claims(req, reply, claims)


def who_claims(req: Request, reply: Reply, claims: list) -> None:
    """"Who says 153 were killed?": each claim with that figure and its claimant."""
    kb = req.kb
    first = claims[0]
    measure = kb.pack.measures[first.measure]
    reply.lead(f"{capitalize(claim_text(kb, first))} ({measure.name}).", first.evidence)
    for claim in claims[1:]:
        reply.item(f"{capitalize(kb.pack.measures[claim.measure].name)}: {claim_text(kb, claim)}", claim.evidence)
    for claim in claims:
        dispute = kb.dispute(claim.measure)
        if dispute.disputed:
            reply.dispute_line(f"{capitalize(kb.pack.measures[claim.measure].name)}: disputed; other sources give "
                               f"{number(dispute.low)} to {number(dispute.high)}.")
            break
    reply.focus["source"] = first.claimant
