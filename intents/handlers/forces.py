"""Forces: commanders, units and strength per side."""

from __future__ import annotations

from knowledge.model import Side
from knowledge.records import replace

from ..lookup import passage_beside, places_unclaimed, side_of, word_before
from ..reply import FATE_VERBS, Reply, Request, capitalize, claim_text, fate_sentence, join_names
from ..retrieval import item_text
from ..verdict import plain
from ..vocabulary import load_cues
from . import handler

CUES = load_cues()
OBJECT_WORDS = CUES.words_of("recipient_words")  # "surrendered to X"
AGENT_WORDS = CUES.words_of("agent_words")  # "killed by X"
SCOPES = frozenset(w for p in CUES.phrases["role_scope"] for w in p)  # "overall", "supreme", "national"


def chosen_sides(req: Request) -> tuple[list[Side], list[str]]:
    """Sides the question names (all when it names none), and groups that fought on none."""
    sides = list(req.kb.pack.conflict.sides)
    groups = req.ids("group")
    if not groups:
        return sides, []
    chosen, outside = [], []
    for g in groups:
        side = side_of(req, g)
        if side is None and _done_to(req, g):
            continue  # "which commanders surrendered to the government?": whose they are is not said
        if len(groups) > 1 and _done_by(req, g):
            continue  # "which IS-KP commander was killed by the Taliban?": the Taliban killed, IS-KP's is asked
        if side is None:
            outside.append(g)
        elif side not in chosen:
            chosen.append(side)
    return (chosen, outside) if chosen or outside else (sides, [])


def _done_by(req: Request, group: str) -> bool:
    """Whether the question names ``group`` only after "by" (past an article): the doer."""
    return _only_after(req, group, AGENT_WORDS)


def _done_to(req: Request, group: str) -> bool:
    """Whether the question names ``group`` only after "to" (past an article)."""
    return _only_after(req, group, OBJECT_WORDS)


def _only_after(req: Request, group: str, words: frozenset[str]) -> bool:
    """Whether every place the question names ``group`` follows one of ``words`` (past an article)."""
    at = [e.start for e in req.parsed.entities if e.value == group]
    return bool(at) and all(word_before(req.parsed.tokens, s) in words for s in at)


def sides_asked(req: Request, reply: Reply, what: str) -> list[Side] | None:
    """The sides a question is about, or None after declining for groups that did not fight."""
    sides, outside = chosen_sides(req)
    if outside and not sides:
        names = join_names([req.kb.display_name(g) for g in outside])
        fought = join_names([s.name for s in req.kb.pack.conflict.sides])
        reply.decline(f"{names} did not fight in the battle, so the sources give no {what} for it "
                      f"(the sides were {fought}).")
        return None
    return sides


@handler("commanders")
def commanders(req: Request, reply: Reply) -> None:
    first = next((e.value for e in req.parsed.entities if e.type == "group"), None)
    if first is not None and side_of(req, first) is None and not _done_to(req, first) and len(req.ids("group")) > 1:
        # "who commanded the Afghan Air Force strikes on Taliban positions?": the air force's, not the Taliban's
        reply.decline(f"The sources do not name who commanded {req.kb.display_name(first)}.")
        return
    sides = sides_asked(req, reply, "commanders")
    if sides is None:
        return
    kb = req.kb
    scope = _unsaid_scope(req, [c for side in sides for c in side.commanders])
    if scope:  # "who was the overall emir of X?": the sources name only commanders of this fight
        reply.decline(f"The sources do not name the {scope} leader. The commanders they name in this "
                      "battle: " + "; ".join(f"{kb.pack.people[c].name}, {kb.pack.people[c].roles[0]}"
                                              for side in sides for c in side.commanders
                                              if kb.pack.people[c].roles) + ".")
        return
    units = named_units(req)
    if units:  # a unit's commander is whoever the sources give that role
        leaders = unit_leaders(req, units[0])
        if not leaders:
            reply.decline(f"The sources do not name a commander of {kb.display_name(units[0])}.")
            return
        for n, p in enumerate(leaders):
            (reply.item if n else reply.lead)(f"{p.name}: {join_names(list(p.roles))}.", *p.evidence[:1])
        reply.focus["person"] = leaders[0].id
        return
    elsewhere = [p for p in req.ids("place") if not kb.in_theatre(p)]
    if elsewhere:  # "the leader in Sancharak": the commanders linked to that place, if any
        linked = [c for side in sides for c in side.commanders if set(elsewhere) & _places_of(kb, c)]
        if not linked:
            reply.decline(f"The sources do not name a commander at {kb.display_name(elsewhere[0])}.")
            return
        sides = [replace(side, commanders=tuple(c for c in side.commanders if c in linked)) for side in sides]
        sides = [side for side in sides if side.commanders]
    fates = {f for t in req.parsed.tokens for f in CUES.asked_fates.get(t, ())}
    fates |= {f for e in req.parsed.entities if e.type == "kind"  # "gave up": a measure's act, read as a fate
              for f in CUES.asked_fates.get(e.value, (e.value,))}
    fated = [c for side in sides for c in side.commanders if _fate_of(kb, c) in fates]
    if fated:  # "which commander did they execute?": those whose fate it was
        sides = [replace(side, commanders=tuple(c for c in side.commanders if c in fated)) for side in sides]
        sides = [side for side in sides if side.commanders]
    one = [c for side in sides for c in side.commanders]
    if fated and len(one) == 1 and req.parsed.tokens[:1] == ["who"] and kb.pack.people[one[0]].fate.by:
        # "who killed the Taliban leader in Sancharak?": the one commander meant, and who killed him
        person = kb.pack.people[one[0]]
        reply.lead(fate_sentence(kb, person), person.fate.evidence)
        reply.focus["person"] = person.id
        return
    leads = []
    for side in sides:
        names = [kb.pack.people[c].name for c in side.commanders]
        leads.append(f"{side.name}: {join_names(names)}" if names else f"{side.name}: none named")
    reply.lead("Commanders — " + "; ".join(leads) + ".", kb.pack.conflict.evidence)
    for side in sides:
        for cid in side.commanders:
            p = kb.pack.people[cid]
            line = p.name
            if p.roles:
                line += f", {p.roles[0]}"
            if p.fate and p.fate.status in FATE_VERBS:
                line += f" — {FATE_VERBS[p.fate.status]}"
                if p.fate.date:
                    line += f" ({p.fate.date.text})"
            reply.item(line, p.fate.evidence if p.fate else None)
    if len(sides) == 1:
        reply.focus["group"] = sides[0].groups[0] if sides[0].groups else ""
        if sides[0].commanders:  # "who did he replace?": the first one named
            reply.focus["person"] = sides[0].commanders[0]


def _places_of(kb, person_id: str) -> set[str]:
    record = kb.person_record(person_id)
    places = {p for e in record.events for p in e.places}
    return places | {i for f in record.facts for i in f.about}


@handler("units")
def units(req: Request, reply: Reply) -> None:
    sides = sides_asked(req, reply, "units")
    if sides is None:
        return
    kb = req.kb
    lines = []
    for side in sides:
        names = [kb.display_name(u) for u in side.units]
        if names:
            lines.append(f"{side.name}: {join_names(names)}")
    if not lines:
        reply.decline("The sources name no units.")
        return
    reply.lead("Units — " + "; ".join(lines) + ".", kb.pack.conflict.evidence)
    for side in sides:
        for uid in side.units:
            unit = kb.pack.groups[uid]
            if unit.description:
                reply.item(f"{unit.name}: {unit.description}", *unit.evidence[:1])


def unit_leaders(req: Request, unit_id: str) -> list:
    """People whose roles name the unit ("commander of the Régiment de Lune")."""
    from knowledge import fold

    unit = req.kb.pack.groups[unit_id]
    names = [fold(n) for n in (unit.name, *unit.aliases) if n]
    return [p for p in req.kb.pack.people.values()
            if any(n in fold(role) for role in p.roles for n in names)]


def named_units(req: Request) -> list[str]:
    return [g for g in req.ids("group") if req.kb.pack.groups[g].role == "unit"]


@handler("strength")
def strength(req: Request, reply: Reply) -> None:
    kb = req.kb
    units = named_units(req)
    if units:  # figures are per side; "how big is the Red Unit?" has none
        reply.decline(f"The sources give no figure for {kb.display_name(units[0])}.")
        return
    elsewhere = places_unclaimed(req, [m for side in kb.pack.conflict.sides for m in side.strength])
    if elsewhere:  # "how many soldiers were stationed at the camp?": the figures are about other places
        reply.decline(f"The sources give no strength figure for {join_names(elsewhere)}.")
        return
    sides = sides_asked(req, reply, "strength")
    if sides is None:
        return
    found = None
    for side in sides:
        claims = [c for m in side.strength for c in kb.claims_of(m)]
        if not claims:
            reply.item(f"{side.name}: the sources give no figure.")
            continue
        for claim in claims:
            measure = kb.pack.measures[claim.measure]
            text = f"{side.name}: {claim_text(kb, claim)} ({measure.name})"
            if found is None:
                reply.lead(text + ".", claim.evidence)
                found = claim
            else:
                reply.item(text, claim.evidence)
    if found is None:
        reply.decline("The sources give no strength figures for that side.")
        return
    beside = passage_beside(req, found)  # "from the south?": the passage the figure comes from says where
    if beside is not None:
        reply.para(item_text(beside), beside.evidence)
    if kb.pack.remarks:
        reply.note("Each figure comes from a single source; none is confirmed independently.")


def _unsaid_scope(req: Request, people: list[str]) -> str:
    """A word widening the role asked about ("overall", "supreme", "national") that no named
    commander's roles or record say."""
    scopes = [t for t in req.parsed.tokens if t in SCOPES]
    if not scopes:
        return ""
    said = " ".join(plain(" ".join((req.kb.pack.people[p].description, *req.kb.pack.people[p].roles))) for p in people)
    return next((w for w in scopes if w not in said.split()), "")


def _fate_of(kb, person: str) -> str | None:
    fate = kb.pack.people[person].fate
    return fate.status if fate else None


_ROLE_WORDS = {  # a group's role (pack format) -> what it is, for a group the pack gives no description
    "unit": "a unit",
    "belligerent": "a main party to the fighting",
    "government": "a government body",
    "foreign": "a foreign force involved from outside",
}


def _role_sentence(name: str, role: str, kb, parent: str | None) -> str:
    """'Grey Company is a unit of the Highland League.': what the pack's role says of a group."""
    what = _ROLE_WORDS.get(role)
    if what is None:
        return f"{name} is named in the sources."
    if role == "unit" and parent and parent in kb.pack.groups:
        what += f" of the {kb.display_name(parent)}"
    return f"{name} is {what}."


@handler("group")
def group(req: Request, reply: Reply) -> None:
    """What a group is: its description, its side in the battle, what the sources say of it."""
    kb = req.kb
    named = req.ids("group")
    # "what is the Taliban Red Unit?": of a group and one of its own, the one named within it is asked
    within = {kb.pack.groups[x].side for x in named}
    g = kb.pack.groups[next((x for x in named if x not in within), named[0])]
    reply.focus["group"] = g.id
    side = side_of(req, g.id)
    name = capitalize(g.name)
    lead = f"{name}: {g.description}" if g.description else _role_sentence(name, g.role, kb, g.side)
    reply.lead(lead, *g.evidence[:1])
    if g.aliases:
        reply.para(f"Also called {join_names(list(g.aliases[:6]))}.")
    if side:
        reply.para(f"In the battle it fought on the {side.name} side.")
    facts = kb.facts(about=g.id)[:2]
    for fact in facts:
        reply.para(fact.text, fact.evidence)
    if not g.description and not facts:  # a group the pack only names: what it took part in
        for event in kb.events(about=g.id)[:3]:
            reply.item(f"{event.date.text}: {event.title}", event.evidence)
