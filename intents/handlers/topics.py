"""Topic handlers: narrative facts and events of one pack topic, best match first."""

from __future__ import annotations

from functools import lru_cache

from knowledge.model import Event, Fact

from ..focus import CHOOSERS, LEADING, LIGHT_HEADS, asked_kind, focus, focus_phrase
from ..lookup import (
    CUES,
    FOCUS_KINDS,
    MONTHS,
    WHO_WORDS,
    asks_quantity,
    gives_figure,
    gives_reason,
    names_a_day,
    new_actors,
    prefer_better_match,
    rank_facts,
    reason_of,
    text_words,
    unanswered_words,
    verdict,
)
from ..normalize import normalize_pack
from ..proposers import CHOSEN
from ..reply import Reply, Request, decline_unsettled, join_names
from ..retrieval import Hit, Item, item_ids, item_text, ordered_ids
from ..stemming import stem
from ..understand import CLAIM_WORDS, NAME_TYPES, PERSON_NOUNS, entity_kind
from ..verdict import CLOSE_MATCH, NEGATIONS, close_hits, spellings
from ..vocabulary import (
    load_cues,
    load_derivations,
    load_english,
    load_group_nouns,
    load_lemmas,
    load_lexicon,
    phrase,
)
from . import handler
from .people import who_sentence

MEMBERS = CUES.words_of("members")
# words for people at large, who answer no "who ...?": the fighters, civilians and children a fact tells of
PEOPLE_AT_LARGE = (MEMBERS | CUES.words_of("anyone") | frozenset(load_lexicon().same_things)
                   | frozenset(load_lexicon().same_things.values()) | CUES.words_of("people_at_large"))
PLACE_CANDIDATES = 8  # "where ...?": a match this far down the list may say where
PLACE_REACH = 0.7  # ... when it explains this share of what the best match explains


@handler("topic", cues=("names", "name_verbs", "exact_day"))
def topic(req: Request, reply: Reply) -> None:
    items = rank_facts(req, req.intent.topic)
    if not items:
        label = req.kb.pack.topics.get(req.intent.topic, req.intent.topic)
        reply.decline(f"The sources say nothing about {label}.")
        return
    items = prefer_better_match(req, items)
    if asks_quantity(req) and not gives_figure(req, items[0]):
        reply.decline("The sources give no figure for that.")
        return
    if asked_kind(req.parsed.tokens) == "date" and not reply.parts:  # "in what year did X defect?"
        answers = dated_alike(req, items)
        if answers is None:
            reply.decline("The sources do not say when.")
            return
        if req.cue("exact_day") and not dated_to_the_day(answers):  # "on what date ...?": only a month is told
            reply.decline(no_exact_day(answers))
            reply.para(item_text(answers), answers.evidence)
            return
        items = [answers, *(i for i in items if i is not answers)]
    # "how did X respond to the criticism?": the response is what the item tells, not a word it must say
    unsaid = blocking_words(req, items[0]) - req.parsed.consequence
    if not reply.parts and (asks_name(req) or not req.yes_no and unsaid):
        reply.decline("The sources do not say that.")
        return
    narrower = None if reply.parts or req.yes_no else _narrower(req, items)
    if narrower is not None:  # "which countries did the fighters in the video come from?": not of those
        reply.decline("The sources do not say that of those. What they say:")
        for item in (items[0], narrower):
            reply.para(item_text(item), item.evidence)
        return
    first, rest = items[0], items[1:]
    lead = item_text(first)
    said = verdict(req, first) if req.yes_no and not reply.parts else None
    if decline_unsettled(req, reply, lead, first.evidence, bool(said)):  # "was X ever put on trial?"
        return
    if said:
        lead = f"{said}. {lead}"
    (reply.para if reply.parts else reply.lead)(lead, first.evidence)
    for item in rest[: 12 if req.more else 4]:
        reply.para(item_text(item), item.evidence)
    if req.yes_no and not said and not req.routed_first:
        reply.note("The sources do not answer this with a plain yes or no; the facts above are what they say.")


def _narrower(req: Request, items: list[Item]) -> Item | None:
    """For a wh-question, another close item that says a noun the best item leaves out but not what
    is asked: the question is about the narrower set that item tells of ("the fighters in the
    video"), and the best item, about them all, does not answer it."""
    english = load_english()
    asked = focus(req.parsed, english)
    if asked is None or req.retrieval is None:
        return None
    wanted = focus_phrase(req.parsed, english, asked)
    named = req.parsed.covered_by_entities()
    left = {i for i in unanswered_words(req, items[0]) - wanted - named
            if "N" in english.get(req.parsed.tokens[i], "N") and req.parsed.tokens[i] not in LIGHT_HEADS}
    lead = req.retrieval.covered_by(req.parsed, items[0]) - wanted
    for item in items[1:NARROWER_REACH]:
        said = req.retrieval.covered_by(req.parsed, item)  # in its own words, not the intent's keywords
        # it says the noun left out, not what is asked, and more of the rest of the question than the best
        if left & said and not wanted & said and len(said - wanted) > len(lead):
            return item
    return None


NARROWER_REACH = 4  # the close items a narrower subject may be told in


def _acts(req: Request) -> frozenset[int]:
    """Where a question says the act it asks about: its words that can only be verbs, beyond its names."""
    named = req.parsed.covered_by_entities()
    return frozenset(i for i in req.parsed.content - named if load_english().get(req.parsed.tokens[i]) == "V")


def dated_alike(req: Request, items: list[Item]) -> Item | None:
    """For a question asking a date: the best item if it is dated, else a dated item among the
    next that says all the best says of the question; None when the sources do not date it."""
    if dated(items[0]):
        return items[0]
    covered = {id(h.item): h.covered for h in req.retrieval.search(req.parsed)} if req.retrieval else {}
    said = covered.get(id(items[0]), frozenset())
    return next((i for i in items[1:3] if dated(i) and covered.get(id(i), frozenset()) >= said), None)


def blocking_words(req: Request, item) -> set[int]:
    """The question's words the answer leaves unexplained that name another thing: a noun
    ("how many **vehicles** ...?") or a word no English list knows; a verb, a quality or a
    manner around the facts ("how did officials **respond**", "such **heavy** criticism") only
    says how it is asked; but what a "how many" question counts must be what the figure counts."""
    english = load_english()
    left = unanswered_words(req, item)
    asked = focus(req.parsed, english)
    wanted = focus_phrase(req.parsed, english, asked) if asked is not None else set()
    if asks_quantity(req):  # "how many **died**": what is counted, noun or not
        return left & wanted
    nouns = {i for i in left if english.get(req.parsed.tokens[i], "N") == "N" and not _members(req, i)}
    return nouns & (wanted | req.parsed.unknown)


def _members(req: Request, at: int) -> bool:
    """"The IS-KP **men**", "Taliban **troops**": a word for people right after a group's name is
    that group's own people, whatever word the facts use for them."""
    after_group = any(e.type == "group" and e.end == at for e in req.parsed.entities)
    return after_group and req.parsed.tokens[at] in MEMBERS


def _fullest(req: Request, item):
    assert req.retrieval is not None
    return max(req.retrieval.quoting(item.evidence.quote), key=lambda i: len(item_text(i)), default=item)


def asks_name(req: Request) -> bool:
    """Whether the question asks for a name: "the name of X", "what was X called?"; "named" or
    "called" before other words ("the named commanders", "villages named in the fighting") only
    describes what is asked about."""
    if not req.cue("names"):
        return False
    assert req.cues is not None
    verbs = {w for p in req.cues.phrases["name_verbs"] for w in p}
    tokens = req.parsed.tokens
    # "name some of the nationalities ...": a command to list them, not a name asked for ("name of")
    listing = tokens[:1] == ["name"] and tokens[1:2] != ["of"]
    said = [t for i, t in enumerate(tokens) if (t,) in req.cues.phrases["names"] and not (listing and i == 0)]
    # "which province is named?": which one is mentioned ("what is he named?" asks his name)
    chooser = max((i for i, t in enumerate(tokens[:-2]) if t in CHOOSERS), default=None)
    mentioned = chooser is not None and "N" in load_english().get(tokens[chooser + 1], "")
    return any(t not in verbs for t in said) or tokens[-1] in verbs and not mentioned


def intended_only(req: Request, item) -> bool:
    """Whether an item tells of an intention to do what a yes/no question asks ("thinking of
    joining" for "did he join?"), the act itself unsaid (not "promised to ..., but that did not happen")."""
    assert req.cues is not None
    asked = {stem(req.parsed.tokens[i]) for i in req.parsed.content - req.parsed.covered_by_entities()}
    words = normalize_pack(item_text(item)).split()
    for p in req.cues.phrases["intention"]:
        for i in range(len(words) - len(p)):
            if tuple(words[i : i + len(p)]) == p and {stem(w) for w in words[i + len(p) : i + len(p) + 2]} & asked:
                return not NEGATIONS & set(words[i + len(p) :])
    return False


def names_place(req: Request, item, named: set[str]) -> bool:
    """Whether an item names a place other than ``named``."""
    return any(i not in named for i in _places_of(req, item))


def _places_of(req: Request, item: Item) -> list[str]:
    """The places an item is about, in the order the pack gives them."""
    return [i for i in ordered_ids(item) if entity_kind(req.kb, i) == "place"]


def dated_to_the_day(item) -> bool:
    """Whether an item gives a day: an event whose date names one ("by 20 July"; not "after the
    surrender of 1 August", a rough date after a day), or a fact naming a day of a month."""
    if isinstance(item, Fact):
        return names_a_day(item.text)
    return item.date.kind not in ROUGH_DATES and names_a_day(item.date.text)


def _person_asked(req: Request) -> str | None:
    """"Which general ...?", "what spokesman ...?": the kind of person asked for, if the question
    opens by choosing one."""
    tokens, english = req.parsed.tokens, load_english()
    verb = next((t for t in tokens if t in RELATION_VERBS), None)
    if verb is not None and tokens[:1] and tokens[0] in WHO_WORDS:
        return RELATION_VERBS[verb].removesuffix(" of")  # "who replaced X?": a person holding that relation
    asked = focus(req.parsed, english)
    named = req.parsed.covered_by_entities()
    if asked is None or tokens[0] not in CHOOSERS or asked in named:
        return None
    # the chooser's own noun, past names and qualities only ("which NATO general"), not a later
    # subject ("what did the spokesman say?")
    if any(j not in named and "A" not in english.get(tokens[j], "") for j in range(1, asked)):
        return None
    word = load_lemmas().get(tokens[asked], tokens[asked])
    after = english.get(tokens[asked + 1], "") if asked + 1 < len(tokens) else ""
    if "N" in after and asked + 1 in req.parsed.content:
        return None  # "which militant organisation ...?": a word qualifying the noun asked for
    return tokens[asked] if word in PERSON_NOUNS and word not in load_group_nouns() else None


def _office_named(req: Request, item) -> bool:
    """"Who did the locals petition?" of "they asked Jowzjan's governor to ...": an item naming a
    holder of an office the question does not say ("governor"), though no entity of the pack; not
    a word for people at large ("fighters", "civilians")."""
    if asked_kind(req.parsed.tokens) != "actor" or req.parsed.tokens[1:2] in (["was"], ["is"]):
        return False  # "who was the governor?" asks a name, which an office is not
    lemmas = load_lemmas()
    asked = {lemmas.get(t, t) for t in req.parsed.tokens}
    for word in normalize_pack(item_text(item)).split():
        lemma = lemmas.get(word, word)
        if lemma in PERSON_NOUNS and lemma not in asked and lemma not in PEOPLE_AT_LARGE \
                and lemma not in load_group_nouns():
            return True
    return False


def _relation_unheld(req: Request) -> str | None:
    """"Who succeeded X?" (X after a relation's verb) when no one holds that relation to X: the
    relation and X ("successor of Mawlavi Habibul Rahman"); a fact naming X's own predecessor is
    no answer."""
    tokens = req.parsed.tokens
    if not tokens or tokens[0] not in WHO_WORDS:
        return None
    at = next((i for i, t in enumerate(tokens) if t in RELATION_VERBS), None)
    kind = RELATION_VERBS[tokens[at]] if at is not None else None
    led = next((i for i, t in enumerate(tokens[:3]) if t in LEAD_VERBS), None)
    if at is None and led is not None:  # "who led IS-KP after Habibul Rahman surrendered?": his successor
        at = next((i for i in range(led, len(tokens)) if tokens[i] in AFTER_WORDS), None)
        kind = SUCCESSOR if at is not None else None
    if at is None or kind is None:
        return None
    pointed = set(req.parsed.pronouns.values())  # "who replaced him?": whom "him" means is a guess, not a name
    named = next((e for e in req.parsed.entities if e.type == "person" and e.start > at and e.start not in pointed
                  and (tokens[at] not in AFTER_WORDS or e.start <= at + 2)), None)
    if named is None or req.kb.holders(named.value, kind):
        return None
    return f"{kind} {req.kb.display_name(named.value)}"


def no_exact_day(item) -> str:
    """The decline of "on what date ...?" when only a rougher date is told, with that date."""
    rough = item.date.text if isinstance(item, Event) and item.date else ""
    said = "The sources do not give the exact day"
    return f"{said}, only {rough}." if rough else f"{said}."


def dated(item) -> bool:
    """Whether an item says when: an event, or a fact that names a year or a month."""
    if not isinstance(item, Fact):
        return True
    words = item.text.casefold().replace(",", " ").split()
    return any(w in MONTHS or (w.isdigit() and len(w) == 4) for w in words)


def near_hits(req: Request, hits: list[Hit]) -> list[Hit]:
    """The hits among the items the decision chose around the last answer, most of the question
    explained first; a chosen item that explains no word of it (what followed) comes as well."""
    asked, far = req.parsed.content, req.near
    near = sorted(
        (h for h in hits if h.order in far),
        key=lambda h: (far[h.order] != CHOSEN, -len(h.covered & asked), far[h.order], -h.score, h.order),
    )
    found = {h.order for h in near}
    assert req.retrieval is not None
    chosen = sorted(n for n, d in far.items() if d <= 0 and n not in found)  # what followed, what was cited
    rest = [Hit(req.retrieval.items[n], frozenset(), 0.0, n) for n in chosen]
    return near + rest if near else rest


def _titled(req: Request):
    """The one person a yes/no question names when every other word it asks is a word of their
    full name or roles ("is Kestrel a general?" of "General Ada Kestrel")."""
    parsed = req.parsed
    people = [e.value for e in parsed.entities if e.type == "person"]
    if len(people) != 1 or len(parsed.entities) != 1:
        return None
    words = {parsed.tokens[i] for i in parsed.content - parsed.covered_by_entities()}
    person = req.kb.pack.people[people[0]]
    own = set(phrase(" ".join((person.name, *person.roles))))
    lemmas = load_lemmas()
    return person if words and all(w in own or lemmas.get(w, w) in own for w in words) else None


def _role_holder(req: Request):
    """The one person whose role says every word of a "who" question beyond its names, in some
    form ("who mediated the truce?": the "mediator of the truce"), when only one does."""
    parsed = req.parsed
    words = {parsed.tokens[i] for i in parsed.content - parsed.covered_by_entities()} - WHO_WORDS
    if not words:
        return None
    lemmas, derived = load_lemmas(), load_derivations()
    named = {e.value for e in parsed.entities}

    def forms(word: str) -> set[str]:
        lemma = lemmas.get(word, word)
        return {word, lemma, *derived.get(lemma, ())}

    asked = [forms(w) for w in words]
    found = [person for person, said in _role_words(req.kb)
             if person.id not in named and all(f & said for f in asked)]
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=4)
def _role_words(kb) -> list[tuple]:
    """Each person with roles, and the words of those roles with their lemmas (read once a pack)."""
    lemmas = load_lemmas()
    out = []
    for person in kb.pack.people.values():
        if person.roles:
            words = phrase(" ".join(person.roles))
            out.append((person, frozenset(words) | {lemmas.get(w, w) for w in words}))
    return out


def _places_unsaid(req: Request, item: Item, text: str) -> list[str]:
    """The names of the places an item is about, when its text says none of them."""
    names = [req.kb.display_name(p) for p in _places_of(req, item)]
    said = text.casefold()
    return [] if any(n.split()[0].casefold() in said for n in names) else names


def _giving_reason(req: Request, hits: list[Hit]) -> Hit | None:
    """For a why-question, the best match that gives a reason (a fact kept as the answer to "why",
    or one saying "because") and is about everyone the question names, when the best match is not."""
    parsed = req.parsed
    names = {i for e in parsed.entities if e.type in NAME_TYPES - {"conflict"} for i in range(e.start, e.end)}
    named = {i for e in parsed.entities if e.type in NAME_TYPES for i in range(e.start, e.end)}
    english = load_english()
    acts = {stem(parsed.tokens[i]) for i in parsed.content - named  # "surrender" in "why did X surrender?"
            if "V" in english.get(parsed.tokens[i], "")}
    names &= parsed.content

    def explains(hit: Hit) -> bool:  # the reason is the asked act's: "surrender in return for protection"
        return bool(acts & {stem(w) for w in reason_of(hit.item).split()})

    # a match kept as the answer to "why" (no reason in words), or whose reason is the act's, leads
    if not hits or gives_reason(hits[0].item) and (not reason_of(hits[0].item) or explains(hits[0])):
        return None
    about = [h for h in hits[:REASON_REACH] if names <= h.covered and gives_reason(h.item)]
    found = next((h for h in about if explains(h)), None)
    if found is not None or gives_reason(hits[0].item):
        return found
    return next((h for h in about if names), None)


REASON_REACH = 20  # how far down the matches a reason may be (a big pack has thousands)


def _giving_place(req: Request, hits: list[Hit]) -> Hit | None:
    """For a where-question, the first good match that names a place the question does not,
    when the best match names none ("where were the surrendered militants brought?")."""
    places, asked = req.kb.pack.places, {e.value for e in req.parsed.entities if e.type == "place"}

    def new_place(hit: Hit) -> bool:
        return any(i in places and i not in asked for i in item_ids(hit.item))

    if not hits or new_place(hits[0]):
        return None
    reach = hits[0].score * PLACE_REACH
    return next((h for h in hits[:REASON_REACH] if h.score >= reach and new_place(h)), None)


PLACE_REACH = 0.6  # a match naming a place may say this much less of the question than the best
PLACE_WORDS = frozenset(p[0] for name in ("place_kind", "place_kinds")
                        for p in load_cues().phrases[name] if len(p) == 1)  # "which city", "what villages"
CHOOSER_REACH = 3  # "to which city ...": the chooser opens the question within its first words


def _kind_asked(req: Request) -> tuple[str, str] | None:
    """The kind of place a "which villages ...?" question asks the names of, when the pack has
    places of that kind, and the word it is asked by."""
    tokens, kinds, lemmas = req.parsed.tokens, req.kb.place_kinds, load_lemmas()
    for i, t in enumerate(tokens[:CHOOSER_REACH]):
        if t not in CHOOSERS:
            continue
        # "which villages", "which were the two villages": past be-forms, articles and numbers
        j = next((j for j in range(i + 1, len(tokens)) if tokens[j] not in PASSED_BY), len(tokens))
        word = tokens[j] if j < len(tokens) else ""
        kind = next((k for k in (word, lemmas.get(word, word), word[:-1]) if k in kinds), None)
        if word in PLACE_WORDS and kind is not None:
            return kind, word
    return None


ACTED = load_cues().words_of("active_openers")  # "which militia did X join?": an act asked, done or not
PASSED_BY = load_cues().words_of("be_forms") | load_cues().words_of("determiners") | load_cues().words_of(
    "number_words") | load_cues().words_of("articles")


def _names_kind(req: Request, hit: Hit, kind: str) -> bool:
    """Whether a match names a place of ``kind`` the question does not name."""
    asked = {e.value for e in req.parsed.entities if e.type == "place"}
    said = f" {normalize_pack(item_text(hit.item))} "
    return any(place.kind == kind and ident not in asked
               and (ident in item_ids(hit.item) or any(f" {n} " in said for n in spellings(req.kb, ident)))
               for ident, place in req.kb.pack.places.items())


def _asks_place(tokens: list[str]) -> bool:
    """Whether a question asks for a place: "where ...?", or "which/what" and a kind of place."""
    if asked_kind(tokens) == "place":
        return True
    return any(t in CHOOSERS and tokens[i + 1 : i + 2] and tokens[i + 1] in PLACE_WORDS
               for i, t in enumerate(tokens[:CHOOSER_REACH]))


def _foretelling(req: Request, hits: list[Hit]) -> Hit | None:
    """Of the close matches, the item that foretells a fate and says most of the question in its
    own words (ranked on them alone: the intent that routed here may explain every word)."""
    own = req.retrieval.search(req.parsed) if req.retrieval else []
    close = [h for ranked in (hits, own) for h in ranked
             if h.score >= ranked[0].score * CLOSE_MATCH and _foretells(h.item)]
    rank = {h.item.id: k for k, h in enumerate(own)}
    return min(close, key=lambda h: rank.get(h.item.id, len(own)), default=None)


def _foretells(item: Item) -> bool:
    """Whether an item reports what someone said would come ("said they would be tried")."""
    words = text_words(item)
    return bool(words & FUTURE_WORDS) and bool(words & CLAIM_WORDS)


FUTURE_WORDS = frozenset(w for p in CUES.phrases["future"] for w in p)
RELATION_VERBS = load_lexicon().relation_verbs  # "replaced", "succeeded": a person's relation asked
SUCCESSOR = RELATION_VERBS.get("succeeded")  # the relation of whoever led after someone
LEAD_VERBS = CUES.words_of("lead_verbs")  # "who led X after Y ...?"
AFTER_WORDS = frozenset(p[0] for p in CUES.phrases["anchor_after"] if len(p) == 1)
ROUGH_DATES = ("approx", "range")  # "after the surrender of 1 August", "between 30 July and 1 August": no one day


@handler("fact", cues=("names", "name_verbs", "exact_day", "intention", "fate_foretold"))
def fact(req: Request, reply: Reply) -> None:
    """The long tail: the facts that explain the question best, in their own words."""
    if req.parsed.asks_last and req.retrieval and not req.near:  # "why?", "by whom?": what the last answer rests on
        # of the items quoting the same words (a fact and the event it tells), the one that says the most:
        # the answer may have shown it, and "why?" is answered by what it adds
        cited = [_fullest(req, item) for item in req.retrieval.cited(req.context.last_answer)]
        cited = list(dict.fromkeys(cited))
        if cited:
            reply.lead(item_text(cited[0]), cited[0].evidence)
            for item in cited[1:3]:
                reply.para(item_text(item), item.evidence)
            return
    hits = req.retrieval.search(req.parsed, req.explained) if req.retrieval else []
    if req.near:  # a question pointing at the last answer: what it asks, from around it
        hits = near_hits(req, hits)
    if not hits or asks_name(req):  # a fact that matches "name of X" rarely gives one
        reply.decline("The sources do not say.")
        return
    last = req.context.last_answer
    parsed = req.parsed
    leans = bool(parsed.refers_back or parsed.pronouns or parsed.followup)  # "when was that?", "and him?"
    if last is not None and len(parsed.tokens) <= 7 and not req.near and leans:  # on what was just cited
        quotes = {c.quote for c in last.citations}
        cited = [h for h in hits if h.item.evidence.quote in quotes and h.covered >= req.parsed.content]
        hits = cited + [h for h in hits if h not in cited]
    asked = focus(parsed, load_english()) if not (req.near or req.yes_no or asked_kind(parsed.tokens)) else None
    if (asked is not None and hits and asked not in hits[0].covered and load_english().get(parsed.tokens[asked]) == "N"
            and parsed.tokens[asked] not in PERSON_NOUNS):  # "which commander ...?" is the role check's
        # "what kind of criticism followed ...?": a close match saying what is asked leads, as the
        # fact route chose it
        saying = next((h for h in close_hits(hits) if asked in h.covered), None)
        if saying is not None:
            hits = [saying, *(h for h in hits if h is not saying)]
    titled = _titled(req) if req.yes_no else None
    if titled is not None:  # "is X a general?": their own name or role says so
        reply.lead(f"Yes. {who_sentence(req.kb, titled)}", *titled.evidence[:1])
        return
    said = None
    if req.yes_no:  # of the close matches, the first that decides the question leads
        decided = next(((h, v) for h in close_hits(hits) if (v := verdict(req, h.item))), None)
        if decided:
            hits = [decided[0], *(h for h in hits if h is not decided[0])]
            said = decided[1]
    if req.cue("fate_foretold"):  # "what did X say would happen to them?": of the close matches, one foretelling
        foretold = _foretelling(req, hits)
        if foretold is not None:  # it alone: the rest matched only words the routing intent explained
            hits = [foretold]
    if asked_kind(req.parsed.tokens) == "reason" and not req.near:  # "why did X attack Y?": a reason leads
        reason = _giving_reason(req, hits)
        if reason is not None:
            hits = [reason, *(h for h in hits if h is not reason)]
    if _asks_place(req.parsed.tokens) and not req.near:  # "where were they taken?", "to which city ...?": a place leads
        place = _giving_place(req, hits)
        if place is not None:
            hits = [place, *(h for h in hits if h is not place)]
    kind = _kind_asked(req) if not req.near else None
    if kind is not None and hits and not any(_names_kind(req, h, kind[0]) for h in close_hits(hits)):
        # "which were the two villages they still held?" of "they held only two villages": no names given
        reply.decline(f"The sources do not name the {kind[1]} asked about. The closest they come:")
        reply.para(item_text(hits[0].item), hits[0].item.evidence)
        return
    if asks_quantity(req):  # of the close matches, the first that gives the figure asked for
        counted = next((h for h in close_hits(hits) if gives_figure(req, h.item)), None)
        if counted is None:  # what they do say of it, when the closest match says most of the question
            said = len(hits[0].covered & req.parsed.content) if hits else 0
            close = hits[0] if said and said * 2 >= len(req.parsed.content) else None
            reply.decline("The sources give no figure for that." + (" The closest they come:" if close else ""))
            if close is not None:
                reply.para(item_text(close.item), close.item.evidence)
            return
        hits = [counted, *(h for h in hits if h is not counted)]
    best = hits[0]
    unheld = _relation_unheld(req)
    if unheld is not None:  # "who succeeded Habibul Rahman?": the pack names no one in that relation to him
        reply.decline(f"The sources do not name the {unheld}. The closest they come:")
        reply.para(item_text(best.item), best.item.evidence)
        return
    if req.parsed.tokens[0] in WHO_WORDS and not new_actors(req, best.item) and not _office_named(req, best.item):
        reply.decline("The sources do not say who.")  # "who was the governor?": the fact names nobody new
        return
    person = _person_asked(req)
    naming = next((h for h in close_hits(hits) if new_actors(req, h.item, people=True)), None) if person else None
    if naming is not None and naming is not best:  # "which general ...?": a close match naming one leads
        hits = [naming, *(h for h in hits if h is not naming)]
        best = naming
    if person is not None and not new_actors(req, best.item, people=True):
        # "which general announced the raid?": a person is asked, and the fact names none
        reply.decline(f"The sources do not name the {person}. The closest they come:")
        reply.para(item_text(best.item), best.item.evidence)
        return
    when = asked_kind(req.parsed.tokens) == "date"
    if when and not any(dated(h.item) for h in close_hits(hits)):
        reply.decline("The sources do not say when.")  # "when was X released?": no fact dates it
        return
    if when:  # of the close matches, a dated one answers "when"
        first = next(h for h in close_hits(hits) if dated(h.item))
        if _acts(req) & best.covered - first.covered:
            # "when did IS-KP finally lose its remaining districts?": the best match tells of the
            # districts remaining, undated; a dated match about those places that does not dates
            # something else
            reply.decline("The sources do not say when. The closest they come:")
            reply.para(item_text(best.item), best.item.evidence)
            return
        hits = [first, *(h for h in hits if h is not first)]
        best = first
        if req.cue("exact_day") and not any(dated_to_the_day(h.item) for h in close_hits(hits)):
            reply.decline(no_exact_day(best.item))  # "on what date ...?": only a month is told
            reply.para(item_text(best.item), best.item.evidence)
            return
    named = {e.value for e in req.parsed.entities}
    if asked_kind(req.parsed.tokens) == "place" and not names_place(req, best.item, named):
        # "where were they taken?": of the good matches, the first that names a place the question does not
        placed = next((h for h in hits[:PLACE_CANDIDATES] if h.score >= best.score * PLACE_REACH
                       and names_place(req, h.item, named)), None)
        if placed is not None:
            hits = [placed, *(h for h in hits if h is not placed)]
            best = placed
    # "did X join ...?", "which militia did X join?" of "X thought of joining" (but "did X think of
    # joining?" asks the intention itself)
    in_names = req.parsed.covered_by_entities()  # "the Islamic State": a name, no saying
    saying = {t for i, t in enumerate(req.parsed.tokens) if i not in in_names} & CLAIM_WORDS
    acted = req.yes_no or bool(ACTED & set(req.parsed.tokens)) and not saying
    if acted and not req.cue("intention") and intended_only(req, best.item):
        reply.decline("The sources do not say that happened; they tell only of an intention.")
        reply.para(item_text(best.item), best.item.evidence)
        return
    lead = item_text(best.item)
    unsaid = _places_unsaid(req, best.item, lead) if asked_kind(req.parsed.tokens) == "place" else []
    if unsaid:  # "from where?" answered by a fact that leaves its places to its record: say them first
        lead = f"{join_names(unsaid)}: {lead}"
    if said:
        lead = f"{said}. {lead}"
    reply.lead(lead, best.item.evidence)
    holder = _role_holder(req) if req.parsed.tokens[0] in WHO_WORDS else None
    if holder is not None and req.ids("person") and holder.id not in item_ids(best.item):
        holder = None  # "who was X's deputy?": a deputy the fact about X does not name is someone else's
    if holder is not None:  # "who mediated the truce?": the one whose role it is, then what the facts tell
        reply.prepend_lead(f"{holder.name}: {holder.roles[0]}.", *holder.evidence[:1])
        reply.focus["person"] = holder.id  # "that man" next is the one the answer named
    for hit in hits[1 : 4 if req.more else 3]:
        if hit.score >= max(0.5, best.score * 0.75):
            reply.para(item_text(hit.item), hit.item.evidence)
    ids = best.item.about if isinstance(best.item, Fact) else (*best.item.people, *best.item.places)
    # "who did he replace?": "him" is then the one replaced; "how did the League use it?": "they"
    # stay the League the question named, not another side the fact mentions
    referred = {e.value for e in req.parsed.entities if e.start in req.parsed.pronouns.values()}
    named = {e.value for e in req.parsed.entities} - referred
    # "who took over after X?": the one the answer names is who "he" is next, not X
    tokens = req.parsed.tokens
    opening = tokens[1] if tokens[0] in LEADING and len(tokens) > 1 else tokens[0]  # "and who ...?"
    who = opening in WHO_WORDS

    asked = {tokens[i] for i in req.parsed.content}

    def rank(ident: str) -> tuple[int, int]:
        if ident in referred:
            return 2, 0
        # of the people a who-question's answer names, the one whose record says its words ("number two")
        person = req.kb.pack.people.get(ident) if who else None
        # (the pack's form: a description is longer than a question may be)
        says = len(asked & set(normalize_pack(" ".join((*person.roles, person.description))).split())) if person else 0
        return (int(who) if ident in named else int(not who)), -says

    for ident in sorted(ids, key=rank):
        kind = entity_kind(req.kb, ident)
        if kind in FOCUS_KINDS and kind not in reply.focus:
            reply.focus[kind] = ident


