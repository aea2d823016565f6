"""The conflict as a whole: overview, dates, sides, result, wider war, timeline, a day."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from functools import lru_cache

from knowledge import KnowledgeBase, fold
from knowledge.dates import day_text
from knowledge.model import Event, Side

from ..lookup import cited_items, names_a_day, other_conflict, side_of
from ..normalize import normalize_pack
from ..reply import Reply, Request, capitalize, event_line, fate_sentence, join_names
from ..retrieval import item_text
from ..stemming import stem
from ..vocabulary import load_cues
from . import handler

CUES = load_cues()
DATE_WORDS = {w for p in CUES.phrases["asks_date"] for w in p} | CUES.words_of("time_units")  # "which month"
EDGE_WORDS = {w for name in ("end", "start") for p in CUES.phrases[name] for w in p}  # "in the end"


def winner(req: Request) -> Side | None:
    """The side the result names, if it names one."""
    result = fold(req.kb.pack.conflict.result)
    for side in req.kb.pack.conflict.sides:
        names = [side.name] + [n for g in side.groups for n in _names(req, g)]
        if any(fold(n) in result for n in names):
            return side
    return None


def _side_name(req: Request, side: Side) -> str:
    """A side as a sentence names it: its main group ("the Taliban"), else the side's label."""
    return req.kb.display_name(side.groups[0]) if side.groups else side.name


def _names(req: Request, group_id: str) -> list[str]:
    group = req.kb.pack.groups.get(group_id)
    return [group.name, *group.aliases] if group else []


@handler("overview")
def overview(req: Request, reply: Reply) -> None:
    c = req.kb.pack.conflict
    reply.lead(c.summary, c.evidence, c.evidence_for("summary"))
    reply.para(f"When: {c.date.text}. Where: {c.place}.", c.evidence_for("date"), c.evidence_for("place"))
    reply.para(f"Sides: {join_names([s.name for s in c.sides])}. Result: {c.result}"
               + (f"; {c.territory}." if c.territory else "."), c.evidence_for("result"))
    disputed = req.kb.disputed_measures()
    if disputed:
        reply.note("Casualty figures are disputed: the sources' claims differ widely.")


@lru_cache(maxsize=8)
def _theatre_and_up(kb) -> frozenset[str]:
    """The conflict's places, every place containing them and every place containing others ("the
    north"): none is the place of one event."""
    own = set(kb.pack.conflict.places)
    wide = {p for p in kb.pack.places if kb.place_record(p).children}
    return frozenset(own | wide | {p.id for o in own if o in kb.pack.places for p in kb.place_record(o).parents})


def matching_event(req: Request) -> Event | None:
    """The event the question's own words describe ("when did IS-KP take Darzab?")."""
    if req.retrieval is None:
        return None
    conflict_words = {i for e in req.parsed.entities if e.type == "conflict" for i in range(e.start, e.end)}
    # the intent "explains" the places it has slots for; a place named still sets one event apart
    # ("when did the Taliban take Mughal?"), unless it is where the conflict itself was ("Darzab")
    places = {i for e in req.parsed.entities if e.type == "place" and e.value not in _theatre_and_up(req.kb)
              for i in range(e.start, e.end)}
    generic = set(req.explained) - places | conflict_words
    specific = req.parsed.content - generic
    if not specific:
        return None
    # events that say a word only the question has; of those, the one that says most of it
    # ("in what year did IS-KP take Darzab?": IS-KP and Darzab, not just "took")
    people = {e.value for e in req.parsed.entities if e.type == "person"}  # "when did X die?": an event of X's
    hits = [h for h in req.retrieval.search(req.parsed, frozenset(generic))
            if isinstance(h.item, Event) and h.covered & specific and h.score >= 0.6 and people <= set(h.item.people)]
    if not hits:
        return None
    whole = {h.item.id: len(h.covered) for h in req.retrieval.search(req.parsed, frozenset(conflict_words))}
    return max(hits, key=lambda h: (h.score, whole.get(h.item.id, 0), -h.order)).item


def _told_date(req: Request, reply: Reply) -> bool:
    """"When?" right after an answer about a date it told ("X surrendered on 1 August 2018"): that
    date, with what was told of it; False when the last answer told none."""
    context = req.context
    last = context.last_answer
    if (context.when is None or context.when_turn != context.turns - 1 or not last or not last.parts
            or context.when.text not in last.lead):
        return False
    first = set(last.parts[0].cites)
    reply.lead_citing(last.lead, *(c for c in last.citations if c.n in first))  # it says when, in its words
    return True


def _act_of_last(req: Request, events: list[Event], fate: str | None) -> Event | None:
    """For "when was that?" of a person the last question asked about by an act ("captured"): the
    person's event telling that act, when it is not their fate (which the fate sentence dates)."""
    act = req.context.slots.get("kind") if "person" in req.from_context and not req.ids("kind") else None
    if act is None or fate is not None and stem(act) == stem(fate):
        return None
    return next((e for e in events if stem(act) in {stem(w) for w in normalize_pack(e.title).split()}), None)


def asks_fate(req: Request, named: set[int]) -> bool:
    """Whether a date question about a person asks only when their fate came ("when did X die /
    surrender / get captured?"): every word beside the names and the question words says a fate."""
    tokens = req.parsed.tokens
    kinds = {i for e in req.parsed.entities if e.type == "kind" for i in range(e.start, e.end)}
    rest = [i for i in req.parsed.content - named - kinds if tokens[i] not in DATE_WORDS | EDGE_WORDS]
    return all(tokens[i] in CUES.asked_fates for i in rest)


@handler("dates", cues=("end", "start", "exact_day", "interval"))
def dates(req: Request, reply: Reply) -> None:
    c = req.kb.pack.conflict
    other = other_conflict(req)
    if other is not None:  # "when did the Ghazni offensive start?": another conflict, mentioned in passing
        place, name = other
        reply.decline(f"The sources do not date {name}; they mention it only in passing:")
        for event in req.kb.place_record(place).events[:1]:
            reply.para(f"{capitalize(event.date.text)}: {event.title}.", event.evidence)
        return
    # "when?", "and when?" names nothing: a conflict the conversation named earlier does not make it
    # a question of the conflict's dates; it asks when what was just said happened
    conflict = None if "conflict" in req.from_context and not req.parsed.entities else req.first("conflict")
    # "when did it end?"; "when did it start and end?" asks both, which the whole span answers
    # a side named beside the conflict ("the campaign between X and Y") only says which conflict
    of_side = req.first("group") and not conflict
    if req.cue("end") and not req.cue("start") and not req.first("person") and not of_side:
        last = [e for e in req.kb.timeline() if e.date.end == c.date.end]
        reply.lead(f"The {c.name} ended on {day_text(c.date.end)}.", c.evidence_for("date"))
        if last:
            reply.item(event_line(last[-1]), last[-1].evidence)
        return
    # "when was the battle fought?": the conflict itself, not an event that shares a word with it
    about_itself = conflict and not any(req.first(k) for k in ("person", "group", "place", "kind"))
    event = None if about_itself else matching_event(req)
    if event is not None and req.cue("exact_day") and not names_a_day(event.date.text):
        reply.decline("The sources do not give the exact day.")  # "on what exact date ...?": a month, a season
        reply.para(f"{capitalize(event.date.text)}: {event.title}.", event.evidence)
        return
    if event is not None and req.cue("interval") and req.parsed.refers_back and _interval(req, reply, event):
        return  # "how long after his capture was that?"
    if event is not None:
        reply.lead(f"{capitalize(event.date.text)}: {event.title}.", event.evidence)
        if event.summary:
            reply.para(event.summary)
        for kind, ids in (("person", event.people), ("place", event.places)):
            if ids:
                reply.focus[kind] = ids[0]
        return
    bare = not req.parsed.content - _date_words(req) and conflict is None  # "when?", "what date?"
    person = req.first("person")
    if bare and _told_date(req, reply):
        for event in req.kb.person_record(person).events[:4] if person and conflict is None else ():
            reply.item(event_line(event), event.evidence)  # "when?" of what befell X: X's dates beside it
        return
    if person and conflict is None:
        named = {i for e in req.parsed.entities for i in range(e.start, e.end)}
        if req.parsed.content - set(req.explained) - named:  # "when did X join ...": not X's fate
            reply.decline(f"The sources do not say that about {req.kb.display_name(person)}.")
            return
        if not asks_fate(req, named):  # "when did X fight for the government before?": not X's fate either
            reply.decline(f"The sources do not say when {req.kb.display_name(person)} did that.")
            return
        record = req.kb.person_record(person)
        fate = record.person.fate
        step = _act_of_last(req, record.events, fate.status if fate else None)
        if step is not None:  # "which commander did they capture?" ... "when was that?": the capture
            reply.lead(f"{capitalize(step.date.text)}: {step.title}.", step.evidence)
            reply.when = step.date
            return
        if fate and fate.date and fate.date.kind != "day" and req.cue("exact_day"):
            reply.decline("The sources do not give the exact day.")  # "on what date was X killed?": a month
            reply.para(fate_sentence(req.kb, record.person), fate.evidence)
            return
        if fate and fate.date:
            reply.lead(fate_sentence(req.kb, record.person), fate.evidence)
        elif record.events:
            reply.lead(f"{record.person.name}: {event_line(record.events[0])}.", record.events[0].evidence)
        else:
            reply.decline(f"The sources do not say when things happened to {record.person.name}.")
        for event in record.events[:4]:
            reply.item(event_line(event), event.evidence)
        return
    if not req.parsed.content - _date_words(req) and conflict is None:  # "when?", "what date?"
        dated = [i for i in cited_items(req) if i.date is not None]
        if dated:
            item = dated[0]
            what = item.title if isinstance(item, Event) else req.kb.pack.measures[item.measure].name
            reply.lead(f"{capitalize(item.date.text)}: {what}.", item.evidence)
            return
    c = req.kb.pack.conflict
    start, end = c.date.start, c.date.end
    asked = [e.date for e in req.parsed.entities if e.type == "date" and e.date and e.date.start]
    if start and asked and not any(d.start <= end and d.end >= start for d in asked):
        # "in which month of 2017 did X ...?": not the conflict's dates, and no event the question describes
        told = [e for e in req.kb.timeline() if e.date.end and e.date.end >= asked[0].start
                and (e.date.start or e.date.end) <= asked[0].end]
        reply.decline(f"The sources give no more exact date for that. Of {asked[0].text} they tell:" if told
                      else f"The sources tell nothing dated {asked[0].text}.")
        for event in told[:2]:
            reply.item(event_line(event), event.evidence)
        return
    if start:
        days = (end - start).days + 1
        weeks = f" ({days // 7} weeks)" if days >= 14 and days % 7 == 0 else ""  # whole weeks, as people count
        reply.lead(f"The {c.name} lasted from {c.date.text}: {days} days{weeks}.", c.evidence_for("date"))
    else:
        reply.lead(f"The {c.name}: {c.date.text}.", c.evidence_for("date"))
    timeline, starts, _ = _starts(req.kb)  # the events begun by ``start``: a suffix of the timeline
    inside = [e for e in timeline[bisect_left(starts, start) if start else 0 :]
              if start and start <= (e.date.start or e.date.end) and e.date.end <= end]
    if inside:
        reply.item(f"It began on {event_line(inside[0])}.", inside[0].evidence)
        reply.item(f"It ended on {event_line(inside[-1])}.", inside[-1].evidence)


def _interval(req: Request, reply: Reply, event: Event) -> bool:
    """The days between a named event and the one the last answer was about, when both fall on
    one day ("3 days: from 15 July 2018 to 18 July 2018")."""
    last = next((i for i in cited_items(req) if isinstance(i, Event) and i is not event and i.date.kind == "day"), None)
    if last is None or event.date.kind != "day":
        return False
    first, then = sorted((event, last), key=lambda e: e.date.end)
    days = (then.date.end - first.date.end).days
    reply.lead(f"{days} day{'s' if days != 1 else ''}: from {day_text(first.date.end)} ({first.title}) to "
               f"{day_text(then.date.end)} ({then.title}).", first.evidence, then.evidence)
    return True


def _date_words(req: Request) -> set[int]:
    """The positions of the words that ask for a date ("what date", "which year")."""
    if req.cues is None:
        return set()
    tokens = req.parsed.tokens
    return {j for p in req.cues.phrases["asks_date"] for i in range(len(tokens) - len(p) + 1)
            if tuple(tokens[i : i + len(p)]) == p for j in range(i, i + len(p))}


@handler("belligerents")
def belligerents(req: Request, reply: Reply) -> None:
    c = req.kb.pack.conflict
    sides = " and ".join(s.name for s in c.sides)
    groups = [g for g in req.ids("group")]
    if groups and req.yes_no:
        group = req.kb.pack.groups[groups[0]]
        side = side_of(req, group.id)
        other = req.kb.pack.groups[groups[1]] if len(groups) > 1 else None
        other_side = side_of(req, other.id) if other is not None else None
        if side and other_side:  # "are the Taliban and ISIS on the same side?": their two sides compared
            first, second = capitalize(group.name), other.name
            if side is other_side:
                reply.lead(f"Yes. {first} and {second} both fought on the {side.name} side of the {c.name}.")
            else:
                reply.lead(f"No. {first} fought on the {side.name} side of the {c.name}, {second} on the "
                           f"{other_side.name} side.")
            reply.focus["group"] = group.id
            return
        if side:
            reply.lead(f"Yes. {capitalize(group.name)} fought on the {side.name} side of the {c.name}.")
        else:
            acted = _acts_during(req, group.id)
            # "did the air force take part?": not as a side, but what it (or its forces) did, so no bare "No"
            verdict = "Not as one of the sides" if acted else "No"
            reply.lead(f"{verdict}. {capitalize(group.name)} was not one of the belligerents; the battle was "
                       f"fought between {sides}.")
            if acted:
                reply.para(f"But {group.name} took part in what happened:")
                for event in acted[:2]:
                    reply.para(item_text(event), event.evidence)
            for fact in req.kb.facts(about=group.id)[: 2 - min(2, len(acted))]:
                reply.para(fact.text, fact.evidence)
        reply.focus["group"] = group.id
        return
    reply.lead(f"The {c.name} was fought between {sides}.", c.evidence)
    for side in c.sides:
        units = [req.kb.display_name(u) for u in side.units]
        line = f"{side.name}"
        if units:
            line += f", with {join_names(units)}"
        reply.item(line + ".")


def _acts_during(req: Request, group: str) -> list[Event]:
    """The events within the conflict's dates that name ``group`` or a group belonging to it, those
    of its forces (the acts) first."""
    kb, span = req.kb, req.kb.pack.conflict.date
    forces = {g.id for g in kb.pack.groups.values() if g.side == group}
    during = [e for e in kb.timeline() if (forces | {group}) & set(e.groups)
              and span.start <= (e.date.start or e.date.end) <= span.end]
    return sorted(during, key=lambda e: not forces & set(e.groups))


def _a_part(req: Request, place: str) -> bool:
    """Whether a place is one spot of the conflict (a village, a bridge), neither its own place
    nor one that holds it."""
    kb = req.kb
    own = kb.pack.conflict.places
    return place not in own and not any(place in {x.id for x in kb.place_record(o).parents} for o in own)


@handler("result", cues=("lose", "win", "alternative"))
def result(req: Request, reply: Reply) -> None:
    c = req.kb.pack.conflict
    named = [e.value for e in req.parsed.entities if e.type == "place"]  # in the question, not from the context
    part = next((p for p in named if _a_part(req, p)), None)
    winning = req.cue("win", "lose")
    # "who won the fighting at the bridge?": the result is the whole conflict's, not that spot's
    if part and winning and not req.ids("conflict"):
        reply.decline(f"The sources do not say who won at {req.kb.display_name(part)}; "
                      f"they give only the result of the {c.name}.")
        for event in req.kb.place_record(part).events[:2]:  # what they do say happened there
            reply.para(item_text(event), event.evidence)
        reply.para(f"Overall: {c.result}.", c.evidence_for("result"))
        return
    win = winner(req)
    groups = req.ids("group")
    if len(set(groups)) > 1 and req.cue("alternative"):
        groups = []  # "the Taliban or IS-KP?" asks which side won, not whether one did
    lead = f"{c.result}."
    if groups:
        side = side_of(req, groups[0])
        name = req.kb.display_name(groups[0])
        if side and win:
            won = side.id == win.id
            asked_lose = req.cue("lose")
            verb = "won" if won else "lost"
            lead = f"{capitalize(name)} {verb}: the result was a {c.result[0].lower() + c.result[1:]}."
            if req.yes_no:
                lead = f"{'Yes' if won != asked_lose else 'No'}. {lead}"
        reply.focus["group"] = groups[0]
    elif win and req.cue("lose"):  # "who lost?"
        losers = join_names([_side_name(req, s) for s in c.sides if s.id != win.id])
        lead = f"{capitalize(losers)} lost: the result was a {c.result[0].lower() + c.result[1:]}."
    elif win:
        lead = f"{capitalize(_side_name(req, win))} won: the result was a {c.result[0].lower() + c.result[1:]}."
    reply.lead(lead, c.evidence_for("result"))
    if c.territory:
        reply.para(f"Territorial change: {c.territory}.", c.evidence_for("territory"))
    for fact in req.kb.facts(topic=req.intent.facts_from)[:2] if req.intent.facts_from else ():
        reply.para(fact.text, fact.evidence)


@handler("wider_war")
def wider_war(req: Request, reply: Reply) -> None:
    c = req.kb.pack.conflict
    if not c.part_of:
        reply.decline(f"The sources do not place the {c.name} in a wider war.")
        return
    lead = f"The {c.name} was part of {join_names(list(c.part_of))}."
    if req.yes_no:
        asked = fold(" ".join(req.parsed.tokens))
        named = [p for p in c.part_of if fold(p.split("(")[0]).replace("–", " ").replace("-", " ").split()
                 and all(w in asked.split() for w in fold(p.split("(")[0]).replace("–", " ").replace("-", " ").split())]
        lead = f"{'Yes' if named else 'Not as far as the sources say'}. {lead}"
    reply.lead(lead, c.evidence_for("part_of"))
    for fact in req.kb.facts(topic=req.intent.facts_from)[:1] if req.intent.facts_from else ():
        reply.para(fact.text, fact.evidence)


@handler("timeline")
def timeline(req: Request, reply: Reply) -> None:
    events = req.kb.timeline()
    if not events:
        reply.decline("The fact base has no dated events.")
        return
    c = req.kb.pack.conflict
    reply.lead(f"The {c.name}, {c.date.text}, in {len(events)} dated events:")
    reply.items(events, lambda e: (event_line(e), e.evidence))


@handler("date")
def on_date(req: Request, reply: Reply) -> None:
    hits = [e for e in req.parsed.entities if e.type == "date" and e.date]
    spec = hits[0].date if hits else None
    if spec is None and req.context.intent == req.intent.name:  # "how many?" after "what happened on 1 August"
        spec = req.context.when
    if spec is None:
        days = [e.date for e in req.kb.timeline() if e.date.kind == "day" and e.date.start]
        example = f" For example: what happened on {day_text(days[0].start, with_year=False)}?" if days else ""
        reply.decline("Which date?" + example)
        return
    c = req.kb.pack.conflict
    if req.yes_no and req.ids("conflict") and c.date.end:  # "was the battle in 2018?"
        during = (spec.start or spec.end) <= c.date.end and spec.end >= (c.date.start or c.date.end)
        reply.lead(f"{'Yes' if during else 'No'}: the {c.name} lasted from {c.date.text}.", c.evidence_for("date"))
        return
    events = events_in(req, spec)
    if events:
        reply.lead(f"On {spec.text}:" if spec.kind == "day" else f"In {spec.text}:")
        for event in events[:8]:
            reply.item(f"{event.title} ({event.date.text})", event.evidence)
        first = events[0]
        if first.people:
            reply.focus["person"] = first.people[0]
        if first.places:
            reply.focus["place"] = first.places[0]
        return
    nearby = req.kb.events_around(spec.start, window=3) if spec.kind == "day" and spec.start else []
    if nearby:
        reply.lead(f"Nothing is recorded for exactly {spec.text}; the nearest events:")
        for event in nearby[:4]:
            reply.item(event_line(event), event.evidence)
        return
    reply.decline(f"The fact base records nothing for {spec.text}.")


def events_in(req: Request, spec) -> list[Event]:
    """Events inside a day, month or year, the most precisely dated first.

    A vague event ("mid-July", "by 30 July") is only offered when nothing
    more precise falls on the asked date, and never one vaguer than the question.
    """
    asked_span = (spec.end - (spec.start or spec.end)).days
    # the timeline is in order of first day: the events begun by the date's end, and not ended
    # (by their first day and the longest any lasts) before its start
    timeline, starts, longest = _starts(req.kb)
    low = bisect_left(starts, spec.start - longest) if spec.start is not None else 0
    hits = [e for e in timeline[low : bisect_right(starts, spec.end)] if _overlaps(e, spec)]
    for limit in sorted({0, 15, 31, asked_span}):
        if limit > asked_span:
            break
        precise = [e for e in hits if _span(e) <= limit]
        if precise:
            return sorted(precise, key=lambda e: e.date.sort_key)
    return []


@lru_cache(maxsize=8)
def _starts(kb: KnowledgeBase) -> tuple[tuple[Event, ...], list[date], timedelta]:
    """The timeline, each event's first day in its order (it is sorted by that day) and the
    longest any event lasts: a date question reads only the events that may overlap it (a big
    pack has thousands)."""
    timeline = tuple(kb.timeline())
    starts = [e.date.start or e.date.end for e in timeline]
    longest = max((e.date.end - first for e, first in zip(timeline, starts, strict=True)), default=timedelta(0))
    return timeline, starts, longest


def _span(event: Event) -> int:
    return (event.date.end - (event.date.start or event.date.end)).days


def _overlaps(event: Event, spec) -> bool:
    start = event.date.start or event.date.end
    return start <= spec.end and (spec.start is None or event.date.end >= spec.start)


@handler("sequence", cues=("before",))
def sequence(req: Request, reply: Reply) -> None:
    """"What happened after that?": the next events in time after those the last answer was
    about ("before that": the ones just before), the side or person asked about first."""
    if req.anchor is not None:  # "what happened after the April raid?": that event, not the last answer
        named = req.anchor.event
        anchor = named.date.start or named.date.end, named.date.end
        shown, earlier = {named.id}, req.anchor.earlier
    else:
        anchor = _anchor(req)
        shown = {i.id for c in (req.context.last_answer.citations if req.context.last_answer else ())
                 for i in req.kb.quoted_in(c.quote)}
        earlier = req.cue("before")
    if anchor is None:
        reply.decline("After what? Ask about an event first, then I can say what came next.")
        return
    timeline = req.kb.timeline()
    if earlier:
        found = [e for e in timeline if e.date.end < anchor[0]][-3:][::-1]
    else:
        found = [e for e in timeline if (e.date.start or e.date.end) > anchor[1]][:3] or _overlapping_after(
            timeline, anchor, shown)
    # "what did they do after that?": their own doings first; "and then?" of a person's story: that
    # person's, then their side's (what the question names before what it leaves to the context)
    named = {i for kind in ("group", "person") if kind not in req.from_context for i in req.ids(kind)}
    people, groups = set(req.ids("person")), set(req.ids("group"))
    if req.anchor is not None:  # the event named is when, not whom the question asks about
        named = people = groups = set(req.anchor.doers)
    found.sort(key=lambda e: (not named & {*e.groups, *e.people}, not people & set(e.people),
                              not groups & set(e.groups)))
    asked = {e.value for e in req.parsed.entities if e.type == "person"}  # named or "him", not only the topic
    if asked and not earlier and req.anchor is None and not asked & {p for e in found[:1] for p in e.people}:
        # "and what happened to him afterwards?": his next event, however much else came between
        # (told beside the last answer's event or not: "captured ... and executed three days later"); the
        # last told, when their story ends there
        own = [e for e in timeline if asked & set(e.people) and (e.date.start or e.date.end) >= anchor[0]]
        theirs = next((e for e in own if (e.date.start or e.date.end) > anchor[0]), own[-1] if own else None)
        if theirs is not None:
            found = [theirs, *(e for e in found if e is not theirs)]
    if not found:
        reply.decline(f"The sources record nothing {'before' if earlier else 'after'} that.")
        return
    first, rest = found[0], found[1:]
    reply.when = first.date  # "and what happened next?" moves on from here
    reply.lead(f"{'Before' if earlier else 'Next'}, {event_line(first)}.", first.evidence)
    if first.summary:
        reply.para(first.summary)
    for event in rest:
        reply.item(event_line(event), event.evidence)
    for kind, ids in (("person", first.people), ("place", first.places), ("group", first.groups)):
        if ids:
            reply.focus[kind] = ids[0]


def _overlapping_after(timeline: list[Event], anchor, shown: set[str]) -> list[Event]:
    """When nothing begins after the anchor's end: what began within its span and ended with it
    or later ("between 30 July and 1 August" -> on 1 August), or began with it and ended later
    (1 August -> "after the surrender of 1 August"), not what the last answer cited."""
    start, end = anchor
    return [
        e for e in timeline
        if e.id not in shown and (
            (e.date.start or e.date.end) > start and e.date.end >= end
            or (e.date.start or e.date.end) >= start and e.date.end > end
        )
    ][:3]


def _anchor(req: Request):
    """The span of time the last answer was about: the day the last question asked about, else
    the answer's dated events and claims, else the last date asked about."""
    if req.context.intent == "sequence" and req.context.when is not None:
        return req.context.when.start or req.context.when.end, req.context.when.end
    when = req.context.when
    if when is not None and req.context.when_turn == req.context.turns - 1:  # "what happened on 15 July?"
        return when.start or when.end, when.end  # then "and then?": what followed that day, not the answer's last
    quotes = [c.quote for c in req.context.last_answer.citations] if req.context.last_answer else []
    # the events and claims the last answer cited, or whose evidence its facts quote
    dated = [i.date for q in quotes for i in req.kb.quoted_in(q) if i.date is not None]
    if not dated and req.context.when is not None:
        dated = [req.context.when]
    if not dated:
        return None
    return min(d.start or d.end for d in dated), max(d.end for d in dated)
