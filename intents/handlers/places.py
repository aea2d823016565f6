"""Places: where something is, what happened there, where the battle was fought."""

from __future__ import annotations

import re

from knowledge.model import Evidence

from ..lookup import CUES, cited_items
from ..reply import Reply, Request, fate_sentence, join_names
from ..retrieval import item_text, ordered_ids
from . import handler


@handler("places_of_kind", cues=("place_kinds",))
def places_of_kind(req: Request, reply: Reply) -> None:
    """"Which villages are named in the fighting?": every place of that kind the sources name, each
    with what happened there (within a place the question names, when it names one)."""
    kb = req.kb
    asked = next((p for p in CUES.phrases["place_kinds"] if req.has_words(" ".join(p))), None)
    kind = _pack_kind(req, asked[0]) if asked else None
    if req.context.last_answer is not None and not req.parsed.content - _kind_words(req):
        shown = _shown_of_kind(req, kind)  # "which districts?" after an answer: those it is about
        if shown:
            reply.lead(f"{join_names([kb.display_name(p) for p in shown[0]])}.", shown[1])
            reply.focus["place"] = shown[0][0]
            return
    within = req.first("place") if "place" not in req.from_context else None
    places = [p for p in kb.pack.places.values() if p.kind == kind]
    inside = [p for p in places if within in {q.id for q in kb.place_record(p.id).parents}]
    places, within = (inside, within) if inside else (places, None)  # "villages in the north": none inside
    if not places:
        reply.decline(f"The sources name no {asked[0] if asked else 'such places'}.")
        return
    where = f" in {kb.display_name(within)}" if within else ""
    reply.lead(f"The sources name {len(places)} {asked[0]}{where}: {join_names([p.name for p in places])}.",
               *places[0].evidence[:1])
    for place in places:
        record = kb.place_record(place.id)
        if record.events:
            event = record.events[0]
            reply.item(f"{place.name} ({event.date.text}): {event.title}", event.evidence)
        else:
            reply.item(f"{place.name}: a {place.kind}{_where(req, record.parents)}.", *place.evidence[:1])


def _kind_words(req: Request) -> set[int]:
    tokens = req.parsed.tokens
    return {i for i, t in enumerate(tokens) if (t,) in CUES.phrases["place_kinds"]}


def _shown_of_kind(req: Request, kind: str | None) -> tuple[list[str], Evidence] | None:
    """The places of ``kind`` an item the last answer cited is about, with that item's evidence."""
    items = req.retrieval.cited(req.context.last_answer) if req.retrieval else []
    for item in items:
        ids = [i for i in ordered_ids(item) if i in req.kb.pack.places and req.kb.pack.places[i].kind == kind]
        if ids:
            return ids, item.evidence
    return None


def _pack_kind(req: Request, plural: str) -> str | None:
    """The kind of place the pack calls what a plural names ("villages" -> "village")."""
    return next((k for k in req.kb.place_kinds if plural in (k + "s", k + "es", k[:-1] + "ies")), None)


def _origin(req: Request, reply: Reply, group_id: str) -> bool:
    """Where a group's people came from: the facts about it that say "from" (in their words or
    the words they quote)."""
    told = [f for f in req.kb.facts(about=group_id) if FROM_PLACE.search(f.text) or FROM_PLACE.search(f.evidence.quote)]
    if not told:
        return False
    if req.retrieval is not None:  # "where did they come from?" after a figure: the facts around it first
        around = req.retrieval.near(req.retrieval.cited(req.context.last_answer))
        order = req.retrieval.order
        told.sort(key=lambda f: around.get(order.get(f.id, -1), FAR))
    told = told[:ORIGIN_FACTS]
    reply.lead(told[0].text, told[0].evidence)
    for fact in told[1:]:
        reply.para(fact.text, fact.evidence)
    reply.focus["group"] = group_id
    return True


ORIGIN_FACTS = 2  # the facts telling where a group came from, at most
FAR = 9  # farther from the last answer than any item around it
FROM_PLACE = re.compile(r"\bfrom (?!\d)")  # "came from many countries", not "fought from 12 July"


@handler("location", cues=("origin", "present"))
def location(req: Request, reply: Reply) -> None:
    kb = req.kb
    if not req.parsed.content and not req.parsed.entities:  # a bare "where?" after an answer
        events = [i for i in cited_items(req) if getattr(i, "places", ())]
        if events:
            event = events[0]
            names = join_names([kb.display_name(p) for p in event.places])
            reply.lead(f"{names}: {event.title} ({event.date.text}).", event.evidence)
            reply.focus["place"] = event.places[0]
            return
    place_id = req.first("place")
    person_id = req.first("person")
    if person_id and (not place_id or "place" in req.from_context):
        p = kb.pack.people[person_id]
        record = kb.person_record(person_id)
        if req.cue("present"):  # "where is X now?": the sources end with the battle and its aftermath
            reply.decline(f"The sources do not say where {p.name} is now. The last they tell of {p.name}:")
            last = record.events[-1] if record.events else None
            if p.fate:
                reply.para(fate_sentence(kb, p), p.fate.evidence)
            elif last is not None:
                reply.para(f"{last.date.text}: {last.title}.", last.evidence)
            reply.focus["person"] = person_id
            return
        if req.cue("origin"):
            # "where was X from?": where X came from, which no event of theirs (where they fought) says
            reply.decline(f"The sources do not say where {p.name} came from. What they say of {p.name}:")
            reply.para(f"{p.name}: {join_names(list(p.roles))}." if p.roles else p.description, *p.evidence[:1])
            reply.focus["person"] = person_id
            return
        places = [pl for e in record.events for pl in e.places]
        if p.fate and p.fate.place:
            reply.lead(fate_sentence(kb, p), p.fate.evidence)
            reply.focus["place"] = p.fate.place
        elif places:
            event = next(e for e in record.events if e.places)
            names = join_names([kb.display_name(x) for x in event.places])
            reply.lead(f"{p.name}: {event.title} ({names}, {event.date.text}).", event.evidence)
            reply.focus["place"] = places[0]
        else:
            reply.decline(f"The sources do not say where {p.name} was.")
        reply.focus["person"] = person_id
        return
    group_id = req.first("group")
    if group_id and not place_id and req.cue("origin") and _origin(req, reply, group_id):
        return  # "where were the foreign fighters from?"
    if place_id and req.yes_no and req.ids("conflict"):  # "was the battle in Jowzjan?"
        fought_there(req, reply, place_id)
        return
    if place_id:
        describe_place(req, reply, place_id)
        return
    c = kb.pack.conflict
    reply.lead(f"The {c.name} was fought in {c.place}.", c.evidence_for("place"))
    for pid in c.places:
        record = kb.place_record(pid)
        where = _where(req, record.parents)
        reply.item(f"{record.place.name}: {record.place.kind}{where}.")
    villages = [p.name for p in kb.pack.places.values() if p.kind == "village"]
    if villages:
        reply.para(f"Villages named in the fighting: {join_names(villages)}.")


def fought_there(req: Request, reply: Reply, place_id: str) -> None:
    """Yes where the battle was fought, partly where the fighting spread during it, else no."""
    kb, c = req.kb, req.kb.pack.conflict
    name = kb.display_name(place_id)
    start = c.date.start or c.date.end
    record = kb.place_record(place_id)
    during = [e for e in record.events if e.date.end >= start and (e.date.start or e.date.end) <= c.date.end]
    reply.focus["place"] = place_id
    if kb.in_theatre(place_id):
        reply.lead(f"Yes. The {c.name} was fought in {c.place}.", c.evidence_for("place"))
        if place_id not in c.places and record.parents:  # "in Mughal?": say where that is
            reply.item(f"{name} is a {record.place.kind}{_where(req, record.parents)}.", *record.place.evidence[:1])
    elif during:
        reply.lead(f"Partly. The {c.name} was fought in {c.place}; the fighting also reached {name}.",
                   c.evidence_for("place"))
        reply.item(f"{during[0].date.text}: {during[0].title}", during[0].evidence)
    else:
        reply.lead(f"No. The {c.name} was fought in {c.place}, not in {name}.", c.evidence_for("place"))


def _where(req: Request, parents) -> str:
    names = [p.name for p in parents]
    return f" in {', '.join(names)}" if names else ""


PLACE_KINDS = tuple(" ".join(w) for w in CUES.phrases["place_kind"])
HAPPENED = tuple(" ".join(w) for w in CUES.phrases["happened"])
WHICH = CUES.words_of("choosers")  # "which", "what": before the kind of place asked for


def _kinds_asked(req: Request) -> list[str]:
    """The kinds of place a question asks for ("in which **province** is X?"), not those it names
    ("what happened to the district?" is about a district already known)."""
    tokens = req.parsed.tokens
    return [k for k in PLACE_KINDS
            if any(tokens[i] == k and tokens[i - 1] in WHICH for i in range(1, len(tokens)))]


def describe_place(req: Request, reply: Reply, place_id: str) -> None:
    kb = req.kb
    record = kb.place_record(place_id)
    place = record.place
    reply.focus["place"] = place_id
    asked = [k for k in _kinds_asked(req) if k != place.kind]
    if asked and not any(p.kind == asked[0] for p in record.parents):  # "in which province is Chinese Camp?"
        reply.decline(f"The sources do not say which {asked[0]} {place.name} is in.")
        reply.para(f"{place.name} is a {place.kind}{_where(req, record.parents)}.", *place.evidence[:1])
        return
    lead = f"{place.name} is a {place.kind}{_where(req, record.parents)}."
    reply.lead(lead, *place.evidence[:1])
    if place.description:
        reply.para(place.description)
    happened = req.has_words(*HAPPENED)  # "what happened at X?": what each event was
    for event in record.events[:6]:
        reply.item(item_text(event) if happened else f"{event.date.text}: {event.title}", event.evidence)
    for fact in record.facts[:2]:
        reply.para(fact.text, fact.evidence)
    if record.children and not record.events:
        reply.para(f"It includes {join_names([c.name for c in record.children[:8]])}.")
    if not record.events and not record.facts and not place.description:
        reply.note("The sources say nothing more about it.")
