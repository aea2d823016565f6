"""Figures: casualties per side and kind, civilians, the surrender.

Every figure is attributed; a disputed measure says "disputed" and lists each
claim side by side with its claimant and period, the spread and the
reliability remarks that cover it.
"""

from __future__ import annotations

from knowledge.model import Measure

from ..lookup import (
    WHO_WORDS,
    actors,
    agents,
    asks_count,
    claims_in_scope,
    confirms,
    counted_noun,
    gives_figure,
    measure_words,
    new_actors,
    opponents,
    outside_agents,
    places_unclaimed,
    rank_facts,
    speaking_sources,
    verdict,
)
from ..normalize import normalize_pack
from ..reply import (
    Reply,
    Request,
    capitalize,
    claim_text,
    decline_unsettled,
    fate_sentence,
    join_names,
    no_figure_from,
    number,
    parts_text,
)
from ..retrieval import item_text
from ..stemming import stem
from ..verdict import close_hits, plain, spellings
from ..vocabulary import load_cues
from . import handler

CASUALTY_KINDS = ("killed", "wounded", "captured")
SHORT_MEASURES = 2  # measures in a short answer; "tell me more" shows them all
DATE_PREPOSITIONS = load_cues().words_of("year_words") | {"on"}  # "by 18 July", "on 22 July", "in July"


def show_measure(req: Request, reply: Reply, measure: Measure, first: bool) -> bool:
    """Add one measure's claims; returns whether anything was added."""
    kb = req.kb
    claims = claims_in_scope(req, measure.id)
    sources = set(req.ids("source"))
    if sources and any(c.claimant in sources for c in claims):
        # "what did the Taliban claim?": that claimant's figures, then the others for comparison
        claims = sorted(claims, key=lambda c: c.claimant not in sources)
    if not claims:
        return False
    dispute = kb.dispute(measure.id)
    name = measure.name
    if dispute.disputed and len(claims) > 1:
        spread = f"{number(dispute.low)} to {number(dispute.high)}"
        line = f"{capitalize(name)}: disputed — the claims range from {spread}."
        if first:
            reply.lead(f"The number of {name} is disputed: claims range from {spread}.")
        reply.dispute_line(line if not first else "Disputed figures, side by side:")
        reply.items(claims, lambda c: (claim_text(kb, c), c.evidence))
    elif dispute.disputed:
        claim = claims[0]
        text = f"{capitalize(name)}: {claim_text(kb, claim)}."
        (reply.lead if first else reply.para)(text, claim.evidence)
        if len(dispute.claims) > 1:  # the others are outside the dates asked
            reply.dispute_line(f"{capitalize(name)}: disputed, all claims range from {number(dispute.low)} to "
                               f"{number(dispute.high)}.")
        elif not dispute.remarks:  # a total of disputed figures
            reply.dispute_line(f"{capitalize(name)}: disputed, {parts_text(kb, dispute)}.")
        else:
            reply.dispute_line(f"{capitalize(name)}: disputed, this figure rests on one claimant whose figures are "
                               "judged questionable.")
    else:
        claim = claims[0]
        text = f"{capitalize(name)}: {claim_text(kb, claim)}."
        (reply.lead if first else reply.para)(text, claim.evidence)
        reply.items(claims[1:], lambda c: (claim_text(kb, c), c.evidence))
    return True


def add_remarks(req: Request, reply: Reply, measures: list[Measure]) -> None:
    remarks = []
    for m in measures:
        for r in req.kb.dispute(m.id).remarks:
            if r not in remarks:
                remarks.append(r)
    for r in remarks:
        reply.note(f"Reliability: {r.text}", r.evidence)


def _same_span(req: Request, group: str, sources: set[str]) -> bool:
    """Whether a group was read from the same words as a source ("the Taliban" is both)."""
    spans = {(e.start, e.end) for e in req.parsed.entities if e.value == group}
    return any((e.start, e.end) in spans for e in req.parsed.entities if e.value in sources)


def _when_asked(req: Request) -> str:
    """" on 22 July 2018", " by 20 July 2018": the date a question asks about, with its preposition."""
    tokens = req.parsed.tokens
    e = next((e for e in req.parsed.entities if e.type == "date" and e.label), None)
    if e is None:
        return ""
    before = tokens[e.start - 1] if e.start > 0 and tokens[e.start - 1] in DATE_PREPOSITIONS else ""
    return f" {before} {e.label}" if before else f" ({e.label})"


def pick_measures(
    req: Request, kinds: tuple[str, ...], default_kinds: tuple[str, ...], groups: list[str] | None = None
) -> list[Measure]:
    kb = req.kb
    asked = [k for k in req.ids("kind") if k in kinds] or list(default_kinds)
    groups = req.ids("group") if groups is None else groups
    out = []
    for kind in asked:
        for m in kb.measures(kind=kind):
            if groups and m.subject not in groups:
                continue
            out.append(m)
    return out


def _fact_counting(req: Request):
    """Of the facts closest to a "how many ...?" no figure answers, the first that gives its number
    and says its act ("beheaded ten Taliban")."""
    if req.retrieval is None or not asks_count(req):
        return None
    named = req.parsed.covered_by_entities() & req.parsed.content  # every name and act, its day too
    return next((h.item for h in close_hits(req.retrieval.search(req.parsed))
                 if named <= h.covered and gives_figure(req, h.item)), None)


@handler("casualties", cues=("claim", "count", "own", "overall", "inflict"))
def casualties(req: Request, reply: Reply) -> None:
    # a person's fate ("was X killed?") and "who says 300 were killed?" are routed away (intents.yaml)
    kb = req.kb
    groups = req.ids("group")
    # "how many died, according to X?": a person who gives figures is asked as the claimant
    counting = req.cue("claim") and (req.cue("count") or req.cue("own"))  # "... about his own losses?" too
    speaking = speaking_sources(req) if counting else []
    kinds = tuple(k for k in req.ids("kind") if k in CASUALTY_KINDS) or ("killed", "wounded")
    if req.ids("kind") and not set(req.ids("kind")) & set(CASUALTY_KINDS):
        # "how many captured Taliban did X behead?": no casualty figure counts that act; a fact may
        counted = _fact_counting(req)
        if counted is not None:
            reply.lead(item_text(counted), counted.evidence)
            return
        kinds = tuple(req.ids("kind"))
    sources = set(req.ids("source")) | set(speaking)
    plain = {s for s in sources if not any(_same_span(req, g, {s}) for g in groups)}
    if plain and req.cue("claim"):  # "what did the herald say the League lost?": the League is counted
        sources = plain
    if sources and req.cue("claim"):
        # "what did the Taliban claim about the losses?": every figure that claimant gives;
        # "... about their own losses": the claimant's own side
        own = [kb.pack.sources[s].affiliation for s in sources if kb.pack.sources[s].affiliation]
        groups = own if req.cue("own") and own else [g for g in groups if not _same_span(req, g, sources)]
    elsewhere = places_unclaimed(req, [m.id for m in kb.pack.measures.values() if m.kind in kinds], references=True)
    if elsewhere and not req.yes_no:  # "how many soldiers were captured at the camp?": no figure is about it
        reply.decline(f"The sources give no figure for those {kinds[0]} at {join_names(elsewhere)}.")
        return
    outside = outside_agents(req)
    if outside and not req.yes_no:  # "how many were killed by the air force?": no side's figure says
        names = join_names([kb.display_name(g) for g in outside])
        reply.decline(f"The sources give no figure for those {kinds[0]} by {names}.")
        return
    doers = actors(req)
    if doers and set(groups) <= set(doers):  # "how many prisoners did X take?": X's enemies were taken
        groups = opponents(req, doers)
        sources |= {s.id for s in kb.pack.sources.values() if s.affiliation in doers} if req.cue("claim") else set()
    elif (by := agents(req)) and set(groups) <= set(by):  # "how many were killed by X?": X's enemies
        groups = opponents(req, by)
    elif set(groups) - set(doers) - set(by):  # "how many of X did Y kill?", "... killed by Y?": X's losses
        groups = [g for g in groups if g not in doers and g not in by]
    measures = [m for m in pick_measures(req, CASUALTY_KINDS, kinds, groups) if m.subject or not groups]
    if sources and req.cue("claim"):
        theirs = [m for m in measures if any(c.claimant in sources for c in kb.claims_of(m.id))]
        if not theirs and measures:  # "how many wounded did X report?" when X gives no such figure
            no_figure_from(reply, kb, sorted({kb.display_name(s) for s in sources}), measures[:2])
            return
        measures = theirs
    if not groups:
        # fighters of named sides first, then figures for everyone
        measures.sort(key=lambda m: (m.subject is None, kinds.index(m.kind) if m.kind in kinds else 9))
    measures = [m for m in measures if m.kind in kinds]
    if not groups and req.cue("overall"):
        measures.sort(key=lambda m: m.subject is not None)  # figures for everyone first
    shown: list[Measure] = []
    for m in measures:
        if len(shown) == (len(measures) if req.more else SHORT_MEASURES * max(1, len(groups))):  # each side asked
            reply.note('Other figures exist: ask "tell me more".')
            break
        if show_measure(req, reply, m, first=not shown):
            shown.append(m)
    if not shown:
        what = join_names([kb.display_name(g) for g in groups]) or "those"
        reply.decline(f"The sources give no figures for {what} {'/'.join(kinds)}{_when_asked(req)}.")
        return
    # "were Taliban killed?" yes; "did they lose only 17?" is disputed; "did X execute the fighters
    # they took prisoner?" asks of executions, which a figure of prisoners does not confirm
    asked = req.ids("kind")[:1] or kinds[:1]  # the question's first kind is its verb's
    if req.yes_no and not req.ids("figure") and any(m.kind in asked for m in shown):
        reply.prefix_lead("Yes.")
    sides = [s for s in kb.pack.conflict.sides if not groups or set(s.groups) & set(groups)]
    for side in sides:
        if side.casualties:
            assessment = f"Overall assessment for {side.name}: {side.casualties}."
            reply.note(assessment, kb.pack.conflict.evidence_for(side.id))
    add_remarks(req, reply, shown)
    if groups:
        reply.focus["group"] = groups[0]
    reply.focus["kind"] = kinds[0]
    reply.focus["measure"] = shown[0].id  # what "and the biggest one?" ranks


KILLING = ("killed", "executed")  # the kinds of figure that count people killed


@handler("civilians", cues=("how_many", "people", "claim", "deaths", "exact"))
def civilians(req: Request, reply: Reply) -> None:
    kb = req.kb
    kinds = tuple(k for k in req.ids("kind") if k in ("displaced", "executed", "killed"))
    speakers = set(req.ids("source"))  # "what did a local civilian say about deaths?": that claimant's figures
    every = [m for m in kb.measures() if not m.subject and _civilian_figure(m, kb, speakers)]
    measures = [m for m in every if m.kind in kinds] if kinds else every
    facts = rank_facts(req, req.intent.topic)
    noun = counted_noun(req)
    toll = kb.pack.conflict.civilian_casualties
    vague_toll = "killed" in kinds and _speaks_of_deaths(req, toll)  # "several civilians killed"
    named = [e.value for e in req.parsed.entities if e.type == "kind"]
    outside = outside_agents(req)
    doers = list(dict.fromkeys([*agents(req), *actors(req)])) if req.cue("how_many") else []
    by_them = [m for m in every if any(f" {n} " in f" {plain(m.name)} " for g in doers for n in spellings(kb, g))
               and m.kind in (*kinds, *KILLING)]  # "killed by IS-KP": its executions are killings too
    if doers and by_them:  # "how many civilians did IS-KP kill?": the figure naming them as the killers
        measures, kinds = by_them, tuple(dict.fromkeys(m.kind for m in by_them))
    elif outside or doers:  # "how many civilians did the air force kill?": no figure says who killed
        by, kind = join_names([kb.display_name(g) for g in outside or doers]), (kinds or ("killed",))[0]
        reply.decline(f"The sources give no figure for civilians {kind} by {by}; the closest they come:")
        reply.para(f"Civilian casualties: {toll}.", kb.pack.conflict.evidence_for("civilian_casualties"))
        return
    if named and not kinds and req.cue("how_many"):  # "how many civilians were wounded?": no such figure
        reply.decline(f"The sources give no figure for civilians {join_names(list(dict.fromkeys(named)))}.")
        if measures:
            reply.para("The civilian figures they do give:")
            for m in measures[:2]:
                show_measure(req, reply, m, first=False)
        return
    if vague_toll and req.cue("exact") and not any(m.kind == "killed" for m in measures):
        # "exactly how many civilians were killed?": only a word like "several", no figure
        reply.decline("The sources give no exact figure for civilian deaths; the closest they come:")
        reply.para(f"Civilian casualties: {toll}.", kb.pack.conflict.evidence_for("civilian_casualties"))
        return
    if noun and not vague_toll and not any(stem(noun) in measure_words(m) for m in measures):
        # "how many women were raped?": no figure; what the sources do say about it
        reply.decline("The sources give no figure for that.")
        for fact in facts[:2]:
            reply.para(item_text(fact), fact.evidence)
        return
    if not kinds and facts and not req.cue("how_many"):
        # "were there rape accusations?": the story the question names comes first
        lead, confirmed = item_text(facts[0]), req.yes_no and confirms(req, facts[0])
        if decline_unsettled(req, reply, lead, facts[0].evidence, confirmed):  # "was X tried for the war crimes?"
            return
        reply.lead(f"Yes. {lead}" if confirmed else lead, facts[0].evidence)
        facts = facts[1:]
        measures = measures[:1]
    shown = [m for m in measures if show_measure(req, reply, m, first=not reply.parts)]
    person = any(e.type == "person" for e in req.parsed.entities)  # "did Nemat face justice for them?"
    if req.yes_no and kinds and any(m.kind in kinds for m in shown) and not person:
        reply.prefix_lead("Yes.")  # a figure of the asked kind exists, attributed in the lead
    c = kb.pack.conflict
    if kinds and not shown and not reply.parts and req.cue("how_many") and not vague_toll:
        reply.decline("The sources give no figure for that.")  # "how many civilians were killed?" with none
        for fact in facts[:2]:
            reply.para(item_text(fact), fact.evidence)
        return
    if "killed" in kinds and _speaks_of_deaths(req, c.civilian_casualties):
        add = reply.item if reply.parts else reply.lead
        add(f"Civilian casualties: {c.civilian_casualties}.", c.evidence_for("civilian_casualties"))
    for fact in facts[:4]:
        add = reply.para if reply.parts else reply.lead
        add(item_text(fact), fact.evidence)
    if not reply.parts:
        reply.decline("The sources say nothing about that.")
        return
    add_remarks(req, reply, shown)
    if shown:
        reply.focus["measure"] = shown[0].id  # what "which day?", "and the biggest one?" ask of


def _civilian_figure(m: Measure, kb, speakers: set[str]) -> bool:
    """Civilians fled or executed, civilians killed, or any figure of a claimant the question names."""
    if m.kind in ("displaced", "executed"):
        return True
    if m.kind == "killed" and "civilian" in f"{m.subject_label} {m.name}".lower():
        return True
    return bool(speakers) and any(c.claimant in speakers for c in kb.claims_of(m.id))


def _speaks_of_deaths(req: Request, text: str) -> bool:
    """Whether the infobox's civilian toll speaks of deaths ("several killed"), not only of flight."""
    deaths = {p for p in req.cues.phrases["deaths"]} if req.cues else set()
    words = normalize_pack(text).split()
    return any(tuple(words[i : i + len(p)]) == p for p in deaths for i in range(len(words)))


@handler("surrender", cues=("children", "foreign", "how_many", "people"))
def surrender(req: Request, reply: Reply) -> None:
    kb = req.kb
    measures = kb.measures(kind="surrendered")
    want_children = req.cue("children")
    want_foreign = req.cue("foreign")
    counting = req.cue("how_many") or want_children or want_foreign
    focus: list[Measure] = []
    if want_children or want_foreign:
        word = "child" if want_children else "foreign"
        focus = [m for m in measures if word in (m.name + " " + m.description).lower()]
        measures = focus + [m for m in measures if m not in focus]
    facts = rank_facts(req, req.intent.topic)
    if req.parsed.tokens[:1] and req.parsed.tokens[0] in WHO_WORDS:  # "who was among them?": who, first
        facts.sort(key=lambda f: not new_actors(req, f, people=True))
    if not counting and facts:  # "how did they reach ...", "why did they surrender": the story first
        said = verdict(req, facts[0]) if req.yes_no and not req.first("person") else None
        reply.lead(f"{said}. {item_text(facts[0])}" if said else item_text(facts[0]), facts[0].evidence)
        facts = facts[1:]
        measures = measures[:1]
    shown = [m for m in measures if show_measure(req, reply, m, first=not reply.parts)]
    if req.yes_no and shown and shown[0] in focus:
        reply.prefix_lead("Yes.")  # "were child soldiers among them?": the sources count them
    person_id = req.first("person")
    if req.yes_no and person_id:
        p = kb.pack.people[person_id]
        yes = p.fate is not None and p.fate.status == "surrendered"
        reply.prepend_lead(f"{'Yes' if yes else 'No'}. {fate_sentence(kb, p)}", p.fate.evidence if p.fate else None)
    for fact in facts[:4]:
        reply.para(item_text(fact), fact.evidence)
    if not reply.parts:
        reply.decline("The sources say nothing about a surrender.")
        return
    if shown:
        reply.focus["measure"] = shown[0].id  # what "which day?", "who said so?" ask of
