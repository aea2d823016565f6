"""Topic handlers: narrative facts and events of one pack topic, best match first."""

from __future__ import annotations

import re

from knowledge.model import Event, Fact

from ..reply import Reply, Request
from ..retrieval import item_text, stem
from ..understand import entity_kind, find_phrase
from ..verdict import close_hits, item_verdict, plain, spellings
from ..vocabulary import load_lexicon
from . import handler

Item = Fact | Event


def rank_facts(req: Request, topic: str) -> list[Item]:
    """Facts and events of ``topic``: those explaining most of the question first, then the rest."""
    kb = req.kb
    items: list[Item] = [*kb.facts(topic=topic), *kb.events(topic=topic)]
    if req.retrieval is None:
        return items
    # identity, not equality: comparing frozen dataclasses field by field is slow on big packs
    wanted = {id(i) for i in items}
    ranked = [h.item for h in req.retrieval.search(req.parsed) if id(h.item) in wanted]
    seen = {id(i) for i in ranked}
    return ranked + [i for i in items if id(i) not in seen]


def prefer_better_match(req: Request, items: list[Item]) -> list[Item]:
    """Put first a fact from another topic when it explains more of the question
    ("what triggered the battle?" is asked as background, answered by the battle)."""
    if req.retrieval is None or not items:
        return items
    hits = req.retrieval.search(req.parsed)
    if not hits or hits[0].item is items[0]:
        return items
    mine = next((h for h in hits if h.item is items[0]), None)
    covered = mine.covered if mine else frozenset()
    said = req.retrieval.phrase_said(mine, req.parsed) if mine else 0
    better_said = req.retrieval.phrase_said(hits[0], req.parsed) > said
    # explains all that and more, or as much in the very words the question uses
    if hits[0].covered > covered or hits[0].covered >= covered and better_said:
        return [hits[0].item, *(i for i in items if i is not hits[0].item)]
    return items


def asks_participation(req: Request) -> bool:
    """A yes/no question whether a group took part ("did the US take part?")."""
    spec = req.catalog.get("belligerents")
    if not (req.yes_no and req.ids("group") and spec):
        return False
    words = [w for group in spec.require for w in group]
    return any(find_phrase(req.parsed.tokens, w) for w in words)


QUANTITY_OPENERS = (("how", "many"), ("how", "much"), ("how", "long"), ("how", "far"), ("how", "old"))


def _opener(req: Request, openers: tuple[tuple[str, str], ...]) -> int | None:
    """Where the question first says one of ``openers`` ("how many"), if it does."""
    tokens = req.parsed.tokens
    return next((i for i in range(len(tokens) - 1) if tuple(tokens[i : i + 2]) in openers), None)


def asks_quantity(req: Request) -> bool:
    return _opener(req, QUANTITY_OPENERS) is not None


NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve dozen dozens hundred hundreds "
    "thousand thousands".split()
)
COUNT_OPENERS = (("how", "many"), ("how", "much"))


def _counted(req: Request) -> list[int]:
    """The meaningful words after "how many" / "how much", in order."""
    opener = _opener(req, COUNT_OPENERS)
    return [] if opener is None else [i for i in sorted(req.parsed.content) if i > opener + 1]


def counted_noun(req: Request) -> str | None:
    """What "how many ..." counts: its first meaningful word that is not a name ("children")."""
    named = req.parsed.covered_by_entities()
    noun = next((req.parsed.tokens[i] for i in _counted(req) if i not in named), None)
    return None if noun in ANYONE else noun  # "how many people ...": any count will do


ANYONE = frozenset({"people", "persons", "individuals", "residents", "locals", "villagers", "inhabitants", "humans"})


def counted_group(req: Request) -> list[str]:
    """The names of the side or group "how many ..." counts, when a group's name comes first."""
    counted = _counted(req)
    if not counted:
        return []
    entity = next((e for e in req.parsed.entities if e.type == "group" and e.start <= counted[0] < e.end), None)
    return spellings(req.kb, entity.value) if entity else []


def gives_figure(req: Request, item: Item) -> bool:
    """Whether an item answers the "how many ..." it is asked. When the item names the thing
    counted, a number must stand in the same clause ("more than 100 civilians, children among
    them" counts civilians, not children); otherwise, and for "how long", any number will do."""
    text = item_text(item)
    has_number = _has_count(plain(text))
    group = counted_group(req)
    if group:  # "how many American soldiers ...": the number must be theirs, not "22 IS-KP fighters"
        clauses = [plain(c) for c in CLAUSES.split(text)]
        return any(_has_count(c) and any(f" {n} " in f" {c} " for n in group) for c in clauses)
    noun = counted_noun(req)
    if noun is None:
        return has_number
    wanted = stem(noun)
    if isinstance(item, Fact) and any(  # a fact may say which counts it gives ("how many times")
        plain(k).startswith("how many") and wanted in {stem(w) for w in plain(k).split()} for k in item.keywords
    ):
        return True
    if wanted not in {stem(w) for w in plain(text).split()}:
        return has_number
    clauses = [plain(c) for c in CLAUSES.split(text)]
    return any(_has_count(c) and wanted in {stem(w) for w in c.split()} for c in clauses)


CLAUSES = re.compile(r"[;:()]|,(?!\d{3})|\band\b")  # "3,500" is one number, not two clauses


MONTHS = frozenset(load_lexicon().months)


def _has_count(clause: str) -> bool:
    """A number that counts something: not a year, not the day of a date ("15 April")."""
    words = clause.split()
    for i, w in enumerate(words):
        if w in NUMBER_WORDS:
            return True
        if not w.isdigit() or (len(w) == 4 and 1900 <= int(w) <= 2100):
            continue
        near = {words[j] for j in (i - 1, i + 1) if 0 <= j < len(words)}
        if not near & MONTHS:
            return True
    return False


def unanswered_words(req: Request, item: Item) -> set[int]:
    """Meaningful question words neither the intent's keywords, its names, nor the item explain."""
    if req.retrieval is None:
        return set()
    hits = [h for h in req.retrieval.search(req.parsed, req.explained) if h.item is item]
    covered = hits[0].covered if hits else frozenset()
    return set(req.parsed.content) - set(req.explained) - set(covered)


@handler("topic")
def topic(req: Request, reply: Reply) -> None:
    if asks_participation(req):
        from .conflict import belligerents

        belligerents(req, reply)
    items = rank_facts(req, req.intent.topic)
    if not items:
        label = req.kb.pack.topics.get(req.intent.topic, req.intent.topic)
        reply.decline(f"The sources say nothing about {label}.")
        return
    items = prefer_better_match(req, items)
    if asks_quantity(req) and not gives_figure(req, items[0]):
        reply.decline("The sources give no figure for that.")
        return
    if not reply.parts and (req.has_words(*NAME_WORDS) or not req.yes_no and unanswered_words(req, items[0])):
        reply.decline("The sources do not say that.")
        return
    first, rest = items[0], items[1:]
    lead = item_text(first)
    said = verdict(req, first) if req.yes_no and not reply.parts else None
    if said:
        lead = f"{said}. {lead}"
    (reply.para if reply.parts else reply.lead)(lead, first.evidence)
    for item in rest[: 12 if req.more else 4]:
        reply.para(item_text(item), item.evidence)
    if req.yes_no and not said and not asks_participation(req):
        reply.note("The sources do not answer this with a plain yes or no; the facts above are what they say.")
    others = [name for name, spec in req.catalog.items() if spec.handler == "topic" and name != req.intent.name]
    reply.suggest(*req.examples(*others[:2]))


NAME_WORDS = ("name", "named", "called", "names")


@handler("fact")
def fact(req: Request, reply: Reply) -> None:
    """The long tail: the facts that explain the question best, in their own words."""
    if req.parsed.asks_last and req.retrieval:  # "why?", "by whom?": what the last answer rests on
        cited = req.retrieval.cited(req.context.last_answer)
        if cited:
            reply.lead(item_text(cited[0]), cited[0].evidence)
            for item in cited[1:3]:
                reply.para(item_text(item), item.evidence)
            return
    hits = req.retrieval.search(req.parsed, req.explained) if req.retrieval else []
    if not hits or req.has_words(*NAME_WORDS):  # a fact that matches "name of X" rarely gives one
        reply.decline("The sources do not say.")
        return
    last = req.context.last_answer
    if last is not None and len(req.parsed.tokens) <= 7:  # a follow-up leans on what was just cited
        quotes = {c.quote for c in last.citations}
        cited = [h for h in hits if h.item.evidence.quote in quotes and h.covered >= req.parsed.content]
        hits = cited + [h for h in hits if h not in cited]
    said = None
    if req.yes_no:  # of the close matches, the first that decides the question leads
        decided = next(((h, v) for h in close_hits(hits) if (v := verdict(req, h.item))), None)
        if decided:
            hits = [decided[0], *(h for h in hits if h is not decided[0])]
            said = decided[1]
    if asks_quantity(req):  # of the close matches, the first that gives the figure asked for
        counted = next((h for h in close_hits(hits) if gives_figure(req, h.item)), None)
        if counted is None:
            reply.decline("The sources give no figure for that.")
            return
        hits = [counted, *(h for h in hits if h is not counted)]
    best = hits[0]
    if req.parsed.tokens[0] in WHO_WORDS and not _new_actors(req, best.item):
        reply.decline("The sources do not say who.")  # "who was the governor?": the fact names nobody new
        return
    lead = item_text(best.item)
    if said:
        lead = f"{said}. {lead}"
    reply.lead(lead, best.item.evidence)
    for hit in hits[1 : 4 if req.more else 3]:
        if hit.score >= max(0.5, best.score * 0.75):
            reply.para(item_text(hit.item), hit.item.evidence)
    ids = best.item.about if isinstance(best.item, Fact) else (*best.item.people, *best.item.places)
    named = {e.value for e in req.parsed.entities}  # "who did he replace?": "him" is then the one replaced
    for ident in sorted(ids, key=lambda i: i in named):
        kind = entity_kind(req.kb, ident)
        if kind in FOCUS_KINDS and kind not in reply.focus:
            reply.focus[kind] = ident


WHO_WORDS = frozenset({"who", "whom", "whose"})
FOCUS_KINDS = ("person", "place", "group")  # what "he", "there", "they" may next refer to


def _new_actors(req: Request, item: Item) -> set[str]:
    """Who the item names that the question did not: people for "who was X?" (an identity),
    else people, groups and sources (its claimant included) for "who did ...?"."""
    ids = item.about if isinstance(item, Fact) else (*item.people, *item.groups)
    tokens = req.parsed.tokens
    identity = len(tokens) > 2 and tokens[1] in ("was", "is") and tokens[2] in ("the", "a", "an")  # "who was the X?"
    kinds = ("person",) if identity else ("person", "group", "source")
    actors = {i for i in ids if entity_kind(req.kb, i) in kinds}
    if not identity:
        actors |= {item.evidence.claimant} - {"article"}
    return actors - {e.value for e in req.parsed.entities}


def confirms(req: Request, item: Item) -> bool:
    return verdict(req, item) == "Yes"


def verdict(req: Request, item: Item) -> str | None:
    return item_verdict(req.kb, req.parsed, item)
