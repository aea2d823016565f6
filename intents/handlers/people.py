"""People: who someone is, what happened to them, yes/no questions on their fate."""

from __future__ import annotations

from functools import lru_cache

from knowledge import KnowledgeBase
from knowledge.model import Event, Person, Relation

from ..focus import LIGHT_HEADS
from ..lookup import CUES, agents, asks_count, verdict
from ..normalize import normalize_pack
from ..reply import Reply, Request, fate_sentence, join_names
from ..retrieval import item_text
from ..stemming import stem
from ..vocabulary import load_english, load_lexicon
from . import handler

ASKED_FATES = CUES.asked_fates  # a word in a yes/no question -> the fates that make the answer "yes"

def relation_sentences(kb: KnowledgeBase, person: Person) -> list[tuple[str, str]]:
    """(other person id, "X is the brother-in-law of Y") for relations in both directions."""
    def of(kind: str) -> str:
        return kind if kind.endswith(" of") else f"{kind} of"

    out = [(r.person, f"{person.name} is the {of(r.kind)} {kb.display_name(r.person)}.") for r in person.relations]
    for other, r in _relations_to(kb).get(person.id, ()):
        out.append((other.id, f"{other.name} is the {of(r.kind)} {person.name}."))
    return out


@lru_cache(maxsize=8)
def _relations_to(kb: KnowledgeBase) -> dict[str, list[tuple[Person, Relation]]]:
    """Each person -> (another person, that one's relation to them), in the pack's order: read
    once per pack (a big pack's people were walked for every person asked about)."""
    out: dict[str, list[tuple[Person, Relation]]] = {}
    for other in kb.pack.people.values():
        for r in other.relations:
            out.setdefault(r.person, []).append((other, r))
    return out


ALIAS_WORDS = frozenset(w for ph in CUES.phrases["alias"] for w in ph)
INVERSE = load_lexicon().inverse_relations  # "predecessor" -> "successor of": asked of the other end


def _inverse_related(req: Request, p: Person) -> tuple[str, Person] | None:
    """For "who was X's predecessor?": the relation X has that the asked word names from its other
    end, and the person at that end."""
    kinds = {INVERSE[t] for t in req.parsed.tokens if t in INVERSE}
    for r in p.relations:
        if r.kind in kinds and r.person in req.kb.pack.people:
            return r.kind, req.kb.pack.people[r.person]
    return None


RELATION_VERBS = load_lexicon().relation_verbs  # "succeeded" -> "successor of"


def _related_by_verb(req: Request, p: Person) -> tuple[str, Person, Person] | None:
    """"Who did X succeed?": X's own relation the verb names, and the person at its other end;
    "who succeeded X?": the person with that relation to X. (kind, the one who has it, the other.)"""
    tokens = req.parsed.tokens
    at = next((i for i, t in enumerate(tokens) if t in RELATION_VERBS), None)
    named = next((e for e in req.parsed.entities if e.type == "person" and e.value == p.id), None)
    if at is None or named is None:
        return None
    kind = RELATION_VERBS[tokens[at]]
    if named.start < at:  # X is the subject: his own relation
        other = next((r.person for r in p.relations if r.kind == kind), None)
        return (kind, p, req.kb.pack.people[other]) if other in req.kb.pack.people else None
    holder = next((o for o, r in _relations_to(req.kb).get(p.id, ()) if r.kind == kind), None)
    return (kind, holder, p) if holder is not None else None


def _names_another(req: Request) -> bool:
    """"What was the name of X's **brother-in-law**?": a thing or person besides the one named is
    whose name is asked, not X's other names."""
    english, named = load_english(), req.parsed.covered_by_entities()
    return any(i not in named and req.parsed.tokens[i] not in ALIAS_WORDS | LIGHT_HEADS
               and english.get(req.parsed.tokens[i]) == "N" for i in req.parsed.content)


def who_sentence(kb: KnowledgeBase, person: Person) -> str:
    side = kb.display_name(person.side) if person.side else ""
    roles = join_names(list(person.roles))
    text = f"{person.name}"
    if person.aliases:
        text += f" (also known as {person.aliases[0]})"
    if roles:
        text += f" was {_article(roles)}"
    elif side:
        text += f" was on the {side} side"
    if side and roles and side.casefold() not in roles.casefold():
        text += f" ({side})"
    return text + "."


def _article(phrase: str) -> str:
    if phrase.split()[0].istitle() and not phrase.lower().startswith(("a ", "an ", "the ")):
        return ("an " if phrase[0].lower() in "aeiou" else "a ") + phrase
    return phrase


def _step_of_fate(events: list, asked: list[str], status: str) -> Event | None:
    """The event of theirs that says the fate asked about when it is a step before their last
    ("captured" of a man captured and then executed), not the last fate itself."""
    if not asked or stem(asked[0]) == stem(status):
        return None
    return next((e for e in events if stem(asked[0]) in {stem(w) for w in normalize_pack(e.title).split()}), None)


@handler("person", cues=("fate", "alias", "exact_day"))
def person(req: Request, reply: Reply) -> None:
    ids = req.ids("person")
    if not ids:
        reply.decline("Who do you mean? Name a person, for example a commander.")
        return
    kb = req.kb
    record = kb.person_record(ids[0])
    p = record.person
    reply.focus["person"] = p.id
    asked = [w for w in req.parsed.tokens if w in ASKED_FATES]
    fate_question = bool(asked) or req.cue("fate")
    if req.yes_no and asked and p.fate:
        yes = p.fate.status in ASKED_FATES[asked[0]]
        by = agents(req)  # "was X killed by the Taliban?": by whom counts too (or by the side they belong to)
        killer = kb.pack.groups.get(p.fate.by or "")
        if yes and by and killer is not None and killer.id not in by:
            yes = killer.side in by
        reply.lead(f"{'Yes' if yes else 'No'}. {fate_sentence(kb, p)}", p.fate.evidence)
    elif req.yes_no and asked:
        reply.lead(f"The sources do not say whether {p.name} was {asked[0]}.")
    elif asks_count(req):  # "how many died in the airstrike that killed X?": no figure of a person's record
        reply.decline("The sources give no figure for that. The closest they come:")
        reply.para(fate_sentence(kb, p) if p.fate else who_sentence(kb, p), *(
            (p.fate.evidence,) if p.fate else p.evidence[:1]))
        return
    elif not req.yes_no and (related := _related_by_verb(req, p)) is not None:
        # "who did he succeed?" / "who succeeded X?": the person at the relation's other end, who is "he" next
        kind, holder, other = related
        reply.lead(f"{holder.name} is the {kind} {other.name}.", *holder.evidence[:1])
        reply.focus["person"] = other.id if holder is p else holder.id
        return
    elif any(t in RELATION_VERBS for t in req.parsed.tokens) and not req.yes_no:
        reply.decline(f"The sources do not say that of {p.name}.")  # "who replaced X?": no one is said to
        reply.para(who_sentence(kb, p), *(p.evidence[:1]))
        return
    elif (before := _inverse_related(req, p)) is not None:
        # "who was his predecessor?": the one he is the successor of, who is "he" next
        kind, other = before
        reply.lead(f"{other.name}: {p.name} is the {kind} {other.name}.", *p.evidence[:1])
        reply.focus["person"] = other.id
        return
    elif req.cue("alias") and p.aliases and not _names_another(req):
        # "is X the same man as Y?": both names are his
        same = req.yes_no and len({(e.start, e.value) for e in req.parsed.entities if e.value == p.id}) > 1
        other = kb.pack.people.get(ids[1]) if req.yes_no and len(ids) > 1 else None
        settles = "Yes. " if same else f"No, {other.name} is someone else. " if other is not None else ""
        reply.lead(f"{settles}{p.name} was also known as {join_names(list(p.aliases))}.", *p.evidence[:1])
    elif fate_question and p.fate and req.cue("exact_day") and p.fate.date and p.fate.date.kind != "day":
        reply.decline("The sources do not give the exact day.")  # "which day in April?"
        reply.para(fate_sentence(kb, p), p.fate.evidence)
    elif fate_question and p.fate and (step := _step_of_fate(record.events, asked, p.fate.status)):
        reply.lead(f"{step.date.text}: {step.title}.", step.evidence)  # "when was X captured?" before the execution
        reply.para(fate_sentence(kb, p), p.fate.evidence)
        reply.when = step.date
    elif fate_question and p.fate:
        text = fate_sentence(kb, p)
        if not (p.fate.date or p.fate.place or p.fate.by) and p.fate.evidence:
            # a bare "survived": its quote says what became of them ("recalled in 1742")
            text = f"{text[:-1]}: \u201c{p.fate.evidence.quote.rstrip('.')}\u201d."
        reply.lead(text, p.fate.evidence)
        if p.fate.date is not None:  # "on what date?" next asks when that fate befell them
            reply.when = p.fate.date
    elif req.cue("fate") and not asked and not req.yes_no and not record.events[1:]:
        reply.decline(f"The sources do not say what became of {p.name}.")  # nothing after the first mention
        reply.para(who_sentence(kb, p), *(p.evidence[:1]))
    elif req.yes_no and len(ids) == 1 and not asked:  # "was X wounded?": what a fact of theirs settles
        settled = next(((i, v) for i in (*record.facts, *record.events) if (v := verdict(req, i))), None)
        if settled is None:
            reply.decline(f"The sources do not say that about {p.name}.")
            reply.para(who_sentence(kb, p), *(p.evidence[:1]))
            return
        reply.lead(f"{settled[1]}. {item_text(settled[0])}", settled[0].evidence)
    else:
        reply.lead(who_sentence(kb, p), *(p.evidence[:1]))
    if fate_question and not req.yes_no:  # "what happened to A and B?": one ask about each of them
        for other in (kb.pack.people[i] for i in ids[1:] if i in kb.pack.people):
            if other.fate:
                reply.para(fate_sentence(kb, other), other.fate.evidence)
    if p.description:
        reply.para(p.description, *(p.evidence[1:2] or p.evidence[:1]))
    relations = relation_sentences(kb, p)
    if len(ids) > 1:
        between = [text for other, text in relations if other == ids[1]]
        if between and fate_question:  # "what happened to the two of them?": their fates lead
            reply.item(between[0], *p.evidence[:1])
        elif between:
            reply.prepend_lead(between[0], *p.evidence[:1])
    else:
        for _, text in relations:
            reply.item(text)
    if not fate_question and p.fate:
        reply.item(fate_sentence(kb, p), p.fate.evidence)
    for event in record.events[:4]:
        reply.item(f"{event.date.text}: {event.title}", event.evidence)
    for fact in record.facts[:2]:
        reply.para(fact.text, fact.evidence)
    if p.fate and p.fate.place:
        reply.focus["place"] = p.fate.place
