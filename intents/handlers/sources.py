"""Sources and reliability: who said that, which figures are disputed, how far to trust them."""

from __future__ import annotations

from ..context import THING
from ..lookup import read_claims
from ..reply import Reply, Request, capitalize, claim_text, join_names, number, parts_text, spread_text
from . import handler

OVERVIEW_DISPUTES = 8  # disputed figures an overview lists before "tell me more"


def figures_in(req: Request) -> list[float]:
    """Figures of the sources written in the question ("who said 153?")."""
    return [float(v) for v in req.ids("figure")]


def claims_with(req: Request, figures: list[float]) -> list:
    if not figures:  # no figure asked: no walk over every claim
        return []
    return [c for c in req.kb.pack.claims.values() if any(c.value.low <= f <= c.value.high for f in figures)
            and any(f in (c.value.low, c.value.high) for f in figures)]


@handler("sources", cues=("reliability", "dispute", "agreement", "whom"))
def sources(req: Request, reply: Reply) -> None:
    numbers = read_claims(req).numbers
    if numbers and not claims_with(req, list(numbers)):  # "whose figure is 254?": no source gives it
        reply.decline(f"No source gives the figure {join_names([number(n) for n in numbers])}.")
        return
    claims = claims_with(req, figures_in(req))
    if claims and not req.cue("reliability"):
        return who_claims(req, reply, claims)
    if req.cue("reliability", "dispute"):  # "can X's figures be trusted?": judged, not listed
        return reliability(req, reply)
    source_id = req.first("source")
    if source_id and "source" not in req.from_context:
        return about_source(req, reply, source_id)
    last = req.context.last_answer
    if last is not None and not last.citations:
        reply.lead(f"The last answer cited no source: it described how I work, not the {req.kb.pack.conflict.name}.")
        return
    narrator = req.kb.source(req.kb.pack.conflict.evidence.claimant)
    told = capitalize(narrator.name) if narrator else None
    # "according to whom?": the article says it in its own voice
    own_voice = last is not None and last.citations and all(c.source == told for c in last.citations)
    if own_voice and req.cue("whom"):
        reply.decline(f"{told} gives that in its own voice; it does not say who counted or reported it.")
        for c in last.citations:
            reply.item(f'[{c.n}] {c.source}, section "{c.section}": "{c.quote}"')
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


def measures_asked(req: Request) -> list:
    """The disputes a question is about: the kinds and sides it names, else the figures the last
    answer gave, else every disputed figure."""
    kb = req.kb
    disputes = kb.disputed_measures()
    quoted = {c.measure for c in claims_with(req, figures_in(req))}
    if quoted:  # "is the 153 figure accurate?", disputed or not
        return [kb.dispute(m) for m in sorted(quoted)]
    # "the government's casualty claims": a side that speaks and has no figures of its own is a claimant
    claimant_groups = _claimant_groups(req, req.ids("group")) if req.ids("group") else set()
    if claimant_groups:
        voices = {s.id for s in kb.pack.sources.values() if s.affiliation in claimant_groups}
        return [d for d in disputes if any(c.claimant in voices for c in d.claims)]
    kinds, groups = set(req.ids("kind")), set(req.ids("group")) - set(req.ids("source"))
    named = [d for d in disputes
             if (not kinds or d.measure.kind in kinds) and (not groups or d.measure.subject in groups)]
    if kinds or groups:  # "do the sources agree on how many surrendered?": one source's figure is shown too
        return named or [kb.dispute(m.id) for m in kb.pack.measures.values() if kb.claims_of(m.id)
                         and (not kinds or m.kind in kinds) and (not groups or m.subject in groups)]
    last = req.context.last_answer if req.context else None
    cited = {c.quote for c in last.citations} if last else set()
    recent = [d for d in disputes if any(c.evidence.quote in cited for c in d.claims)] if cited else []
    if not recent and cited and req.parsed.refers_back:  # "is that number reliable?" after a figure no one disputes
        recent = [d for m in kb.pack.measures.values() if (d := kb.dispute(m.id)).claims
                  and any(c.evidence.quote in cited for c in d.claims)]
    return recent or disputes


def _claimant_groups(req: Request, groups: list[str]) -> set[str]:
    """Of ``groups``, the sides that speak (some source's affiliation) and are counted by no figure."""
    kb = req.kb
    speaking = {s.affiliation for s in kb.pack.sources.values() if s.affiliation}
    subjects = {m.subject for m in kb.pack.measures.values()}
    return {g for g in groups if g in speaking and g not in subjects}


def reliability(req: Request, reply: Reply) -> None:
    """How far to trust the figures: what the sources say of their claimants, never a verdict of
    our own; whether sources agree: derived from the claims themselves."""
    kb = req.kb
    # "how trustworthy are the claims, according to X?": X judges them; only a voice giving figures is judged
    voices = [v for v in read_claims(req).voices if set(v.sources) & kb.figure_givers]
    if voices and req.cue("reliability"):
        return voiced_reliability(req, reply, voices)
    disputes = measures_asked(req)
    if not disputes:
        named = req.ids("kind") or req.ids("group")
        reply.lead("No figure the question names is disputed." if named else "No figure in the fact base is disputed.")
        return
    claimants = {c.claimant for d in disputes for c in d.claims}
    kinds = {d.measure.kind for d in disputes}
    remarks = [r for r in kb.pack.remarks.values()
               if set(r.covers) & claimants and (not r.scope or set(r.scope) & kinds)]
    if req.cue("reliability"):
        if remarks:
            reply.lead(f"The sources do not vouch for these figures. {remarks[0].text}", remarks[0].evidence)
            # "who said they're questionable?", "whose claims did it cover?": the judge is what "it" is now
            reply.focus[THING] = remarks[0].evidence.claimant
            for remark in remarks[1:]:
                reply.para(remark.text, remark.evidence)
        else:
            reply.lead("None of the sources judges how reliable these figures are.")
        sides = sorted({kb.display_name(s.affiliation) for s in map(kb.source, claimants) if s and s.affiliation})
        if sides:
            reply.note(f"Figures from {join_names(sides)} are each side's own claims, about its own losses "
                       "and its enemy's.")
    else:
        names = [d.measure.name for d in disputes if d.disputed]
        agree = req.yes_no and req.cue("agreement")
        if not names:
            reply.lead(f"{'Yes, as far as they go' if agree else 'No' if req.yes_no else 'Not disputed'}: "
                       "only one source gives each of these figures.")
        else:
            verdict = "No. " if agree else "Yes. " if req.yes_no else ""
            reply.lead(f"{verdict}{len(names)} figure{'s are' if len(names) != 1 else ' is'} disputed: "
                       f"{join_names(names)}.")
    shown = disputes if req.more else disputes[:OVERVIEW_DISPUTES]
    for d in shown:
        if len(disputes) > 2:  # an overview: who claims each, the figures themselves one question away
            who = "claimed by " + join_names(sorted({kb.display_name(c.claimant) for c in d.claims}))
        else:
            who = "; ".join(claim_text(kb, c) for c in d.claims)
        if not d.disputed:  # a figure only one claimant gives, and no one judges: the figure itself
            said = "; ".join(claim_text(kb, c) for c in d.claims)
            reply.item(f"{capitalize(d.measure.name)}: {said}; no other source gives a figure for it.",
                       *(c.evidence for c in d.claims))
            continue
        reply.dispute_line(f"{capitalize(d.measure.name)}: disputed, {spread_text(d)} ({who}).",
                           *(c.evidence for c in d.claims))
    if len(shown) < len(disputes):
        reply.dispute_line(f"{len(disputes) - len(shown)} more figures are disputed: ask \"tell me more\" "
                           "or about one of them.")
    if not req.cue("reliability"):
        for remark in remarks:
            reply.note(f"Reliability: {remark.text}", remark.evidence)


def voiced_reliability(req: Request, reply: Reply, voices: list) -> None:
    """"Is the analyst's estimate reliable?": what the sources say of that claimant, or that none
    judges it, beside its figures; never a verdict of our own."""
    kb = req.kb
    sources = {s for v in voices for s in v.sources}
    names = join_names([v.label for v in voices])
    remarks = [r for r in kb.pack.remarks.values() if set(r.covers) & sources]
    if remarks:
        reply.lead(f"The sources do not vouch for the figures of {names}. {remarks[0].text}", remarks[0].evidence)
        for remark in remarks[1:]:
            reply.para(remark.text, remark.evidence)
    else:
        reply.lead(f"None of the sources judges how reliable the figures of {names} are.")
        for remark in kb.pack.remarks.values():  # what is judged instead
            reply.note(f"Reliability of others: {remark.text}", remark.evidence)
    for claim in [c for s in sorted(sources) for c in kb.claims_by(s)][:4]:
        measure = kb.pack.measures[claim.measure]
        dispute = kb.dispute(claim.measure)
        said = f"{capitalize(measure.name)}: {claim_text(kb, claim)}"
        if dispute.competing:
            reply.dispute_line(f"{said}; disputed, the sources give {spread_text(dispute)}.", claim.evidence)
        elif dispute.disputed and not dispute.remarks:  # a total of disputed figures
            reply.dispute_line(f"{said}; disputed: {parts_text(kb, dispute)}.", claim.evidence)
        elif dispute.disputed:
            reply.dispute_line(f"{said}; disputed: no other source gives a figure, and this one is judged "
                               "questionable.", claim.evidence)
        else:
            reply.item(f"{said}; no other source gives a figure for it.", claim.evidence)


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
